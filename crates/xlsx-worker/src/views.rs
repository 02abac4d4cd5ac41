//! The derived views as markup, and the submission and draft files: what the
//! page's 公开表格 and 情况说明 tabs, its print view and its 导出 / 保存草稿文件
//! buttons show or save. They need `derive` (every table, the narrative), the
//! 万元 conversion (舍位平衡) and the full checks, none of which the page's
//! first-load wasm carries: the page sends the inputs, shows the markup it
//! gets back, or saves the text.
//!
//! The markup is the one the page drew itself before (same elements, ids,
//! classes, texts and tooltips: the e2e tests read them). Every text is
//! escaped with the charts' `esc` (names typed by the clerk go into it).

use std::fmt::Write as _;

use budget_core::catalog::{Choice, InForce};
use budget_core::file::{self, ExportError};
use budget_core::table::{Cell, RowKind, Table};
use budget_core::wan::{WanTable, to_wan};
use budget_core::{Derived, Inputs};
use serde::Serialize;

use crate::charts::esc;

/// Decimals of 万元 the tables print (0.01 万元).
const WAN_PRECISION: u32 = 2;

/// Tables at least this many columns wide are printed on a landscape page.
const LANDSCAPE_FROM_COLUMNS: usize = 7;

/// The inputs the page sent (JSON) and the catalogs in force for them: the
/// bureau's when the page sends one (`catalog_json`), else the built-in ones.
fn read(
    inputs_json: &str,
    catalog_json: Option<&str>,
    what: &str,
) -> Result<(Inputs, Choice<'static>), String> {
    let inputs: Inputs = serde_json::from_str(inputs_json)
        .map_err(|e| format!("填报内容无法读取，未生成{what}：{e}"))?;
    let choice = match catalog_json {
        Some(json) => Choice::Every(crate::bureau_of(json)?),
        None => Choice::Builtin,
    };
    Ok((inputs, choice))
}

/// The derived tables and narrative of the inputs sent.
fn derived(inputs_json: &str, catalog_json: Option<&str>, what: &str) -> Result<Derived, String> {
    let (inputs, choice) = read(inputs_json, catalog_json, what)?;
    let cats: InForce = choice.for_year(inputs.unit.fiscal_year);
    Ok(budget_core::derive_in(&inputs, cats))
}

/// Which view the page asks for (`view` of the `view` op).
pub fn view_html(
    view: &str,
    inputs_json: &str,
    catalog_json: Option<&str>,
    wan: bool,
) -> Result<String, String> {
    match view {
        "tables" => derived(inputs_json, catalog_json, "表格").map(|d| tables(&d, wan)),
        "report" => derived(inputs_json, catalog_json, "情况说明").map(|d| report(&d)),
        "print" => derived(inputs_json, catalog_json, "打印文档").map(|d| print(&d, wan)),
        other => Err(format!("未知的视图“{}”。", other)),
    }
}

/// A table as shown: in 元, or in 万元 with what 舍位平衡 moved.
enum Shown {
    Yuan(Table),
    Wan(WanTable),
}

impl Shown {
    /// `table` in 万元 when `wan` (and it converts), else as derived.
    fn of(table: &Table, wan: bool) -> Shown {
        match wan.then(|| to_wan(table, WAN_PRECISION).ok()).flatten() {
            Some(w) => Shown::Wan(w),
            None => Shown::Yuan(table.clone()),
        }
    }
    fn table(&self) -> &Table {
        match self {
            Shown::Yuan(t) => t,
            Shown::Wan(w) => &w.table,
        }
    }
}

/// CSS class of a body row.
fn row_class(kind: RowKind) -> &'static str {
    match kind {
        RowKind::Total => "r-total",
        RowKind::Group => "r-group",
        RowKind::Subgroup => "r-subgroup",
        RowKind::Detail => "r-detail",
    }
}

/// One body cell; `r`, `c` its place, for the 万元 figures.
fn cell(out: &mut String, shown: &Shown, r: usize, c: usize, cell: &Cell) {
    let _ = match (cell, shown) {
        (Cell::Money(_) | Cell::Wan(_), Shown::Wan(w)) => match w.adjusted_at(r, c) {
            Some(a) => write!(
                out,
                "<td class=\"num wan-adjusted\" title=\"{}\">{}</td>",
                esc(&w.explain(a)),
                esc(&w.display(r, c))
            ),
            None => write!(out, "<td class=\"num\">{}</td>", esc(&w.display(r, c))),
        },
        (Cell::Money(_) | Cell::Wan(_), Shown::Yuan(t)) => {
            write!(out, "<td class=\"num\">{}</td>", esc(&t.show(cell)))
        }
        (Cell::Span { colspan, .. }, _) => write!(
            out,
            "<td class=\"span\" colspan=\"{colspan}\">{}</td>",
            esc(&cell.display())
        ),
        (Cell::Text(_) | Cell::Empty, _) => write!(out, "<td>{}</td>", esc(&cell.display())),
    };
}

/// A table's merged header and body rows, the same on screen and in print.
fn head_and_body(out: &mut String, shown: &Shown) {
    let table = shown.table();
    out.push_str("<thead>");
    for row in &table.header {
        out.push_str("<tr>");
        for h in row {
            let _ = write!(
                out,
                "<th scope=\"col\" colspan=\"{}\" rowspan=\"{}\">{}</th>",
                h.colspan,
                h.rowspan,
                esc(&h.text)
            );
        }
        out.push_str("</tr>");
    }
    out.push_str("</thead><tbody>");
    for (r, row) in table.rows.iter().enumerate() {
        let _ = write!(out, "<tr class=\"{}\">", row_class(row.kind));
        for (c, x) in row.cells.iter().enumerate() {
            cell(out, shown, r, c, x);
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody>");
}

/// A table's notes, one paragraph per line (its own note, then the 万元
/// rounding note), and anything a 万元 table could not balance.
fn notes(out: &mut String, shown: &Shown, class: &str) {
    let t = shown.table();
    if t.rows.is_empty() && t.note.is_none() {
        let _ = write!(out, "<p class=\"{class}\">（本表无数据）</p>");
    }
    for line in t.note.iter().flat_map(|n| n.lines()) {
        let _ = write!(out, "<p class=\"{class}\">{}</p>", esc(line));
    }
    if let Shown::Wan(w) = shown {
        for p in &w.unbalanced {
            let _ = write!(
                out,
                "<p class=\"{class} wan-unbalanced\">{}</p>",
                esc(&p.to_string())
            );
        }
    }
}

/// `class` with ` name` added when `on` (as Leptos's `class:name`).
fn with_class(class: &str, on: &[(bool, &str)]) -> String {
    let mut out = class.to_string();
    for (flag, name) in on {
        if *flag {
            out.push(' ');
            out.push_str(name);
        }
    }
    out
}

/// Every table of the form, 表1… then the project forms.
fn every(d: &Derived) -> impl Iterator<Item = &Table> {
    d.tables.iter().chain(d.project_tables.iter())
}

/// The 公开表格 tab below its unit switch: the hint on the unit, the table of
/// contents and every table (its number, title, unit line, header and notes),
/// or a hint that there is none.
fn tables(d: &Derived, wan: bool) -> String {
    let mut out = String::new();
    if every(d).next().is_none() {
        out.push_str("<p class=\"hint\">暂无表格。</p><div class=\"tables\"></div>");
        return out;
    }
    out.push_str(if wan {
        "<p class=\"hint\">以万元显示：四舍五入到 0.01 万元，并经舍位平衡使合计等于各项之和；调整过的数字加底色标出，悬停可见精确数，表下注明。打印和导出 Excel 同样以万元输出。</p>"
    } else {
        "<p class=\"hint\">以元显示（精确到分）。打印和导出 Excel 同样以元输出。</p>"
    });
    out.push_str("<nav class=\"toc\" aria-label=\"表格目录\"><ol>");
    for t in every(d) {
        let label = if t.number.is_empty() {
            t.title.clone()
        } else {
            format!("{} {}", t.number, t.title)
        };
        let _ = write!(
            out,
            "<li><a href=\"#table-{}\">{}</a></li>",
            esc(&t.id),
            esc(&label)
        );
    }
    out.push_str("</ol></nav><div class=\"tables\">");
    for t in every(d) {
        let shown = Shown::of(t, wan);
        let s = shown.table();
        let class = with_class("dtable", &[(matches!(shown, Shown::Wan(_)), "wan")]);
        let _ = write!(
            out,
            "<figure class=\"{class}\" id=\"table-{}\"><div class=\"tnum\">{}</div>\
             <h3 class=\"ttitle\">{}</h3><div class=\"tunit\">{}</div>\
             <div class=\"table-scroll\"><table>",
            esc(&s.id),
            esc(&s.number),
            esc(&s.title),
            esc(&s.unit)
        );
        head_and_body(&mut out, &shown);
        out.push_str("</table></div>");
        notes(&mut out, &shown, "tnote");
        out.push_str("</figure>");
    }
    out.push_str("</div>");
    out
}

/// The narrative's title (情况说明 when it has none).
fn title(d: &Derived) -> String {
    if d.narrative.title.is_empty() {
        "情况说明".to_string()
    } else {
        esc(&d.narrative.title)
    }
}

/// The 情况说明 tab's article: the title, then each section.
fn report(d: &Derived) -> String {
    let mut out = format!("<h2 class=\"report-title\">{}</h2>", title(d));
    for s in &d.narrative.sections {
        let _ = write!(out, "<section><h3>{}</h3>", esc(&s.heading));
        for p in &s.paragraphs {
            let _ = write!(out, "<p>{}</p>", esc(p));
        }
        out.push_str("</section>");
    }
    out
}

/// The print document: the narrative on its pages, then every table on its
/// own page (wide ones landscape), in 元 or in 万元.
fn print(d: &Derived, wan: bool) -> String {
    let n = &d.narrative;
    let mut out = format!(
        "<section class=\"p-sheet narrative\" id=\"print-narrative\"><h1>{}</h1>",
        title(d)
    );
    for s in &n.sections {
        let _ = write!(out, "<h2>{}</h2>", esc(&s.heading));
        for p in &s.paragraphs {
            let _ = write!(out, "<p>{}</p>", esc(p));
        }
    }
    if !n.contact.is_empty() {
        let _ = write!(out, "<p class=\"contact\">{}</p>", esc(&n.contact));
    }
    out.push_str("</section>");
    for t in every(d) {
        let wide = t.columns() >= LANDSCAPE_FROM_COLUMNS;
        let shown = Shown::of(t, wan);
        let s = shown.table();
        let class = with_class("p-sheet", &[(wide, "wide"), (wan, "wan")]);
        let _ = write!(
            out,
            "<section class=\"{class}\" id=\"print-{}\"><div class=\"p-num\">{}</div>\
             <h2 class=\"p-title\">{}</h2><div class=\"p-unit\">{}</div><table class=\"p-table\">",
            esc(&t.id),
            esc(&s.number),
            esc(&s.title),
            esc(&s.unit)
        );
        head_and_body(&mut out, &shown);
        out.push_str("</table>");
        notes(&mut out, &shown, "p-note");
        out.push_str("</section>");
    }
    out
}

/// Why a file was not made, as the page's notice shows it: a title and one
/// line per reason, each with the input path it jumps to.
#[derive(Debug, Serialize)]
pub struct Refusal {
    pub title: String,
    pub lines: Vec<RefusalLine>,
}

/// One line of a [`Refusal`].
#[derive(Debug, Serialize)]
pub struct RefusalLine {
    pub text: String,
    pub path: Option<String>,
}

/// The submission file (`kind` `submission`) or the draft file (`draft`) of
/// the inputs sent, exported at `at`, or why not (`Err(Ok(refusal))`); a
/// request that cannot be read is `Err(Err(message))`.
pub fn file_text(
    kind: &str,
    inputs_json: &str,
    catalog_json: Option<&str>,
    at: &str,
) -> Result<String, Result<Refusal, String>> {
    let (inputs, choice) = read(inputs_json, catalog_json, "文件").map_err(Err)?;
    let refusal = |title: String, lines| Ok(Refusal { title, lines });
    match kind {
        "draft" => file::export_draft_in(&inputs, choice, at)
            .map_err(|e| refusal(format!("草稿文件无法生成：{e}"), Vec::new())),
        "submission" => file::export_in(&inputs, choice, at).map_err(|e| match e {
            ExportError::Errors(findings) => refusal(
                format!(
                    "还有 {} 项错误未改正，不能导出。点击错误可跳到对应单元格：",
                    findings.len()
                ),
                findings
                    .iter()
                    .map(|f| RefusalLine {
                        text: format!("[{}] {}", f.check, f.message),
                        path: f.locations.first().cloned(),
                    })
                    .collect(),
            ),
            ExportError::Amounts(problems) => refusal(
                "有金额无效，不能导出：".into(),
                problems
                    .iter()
                    .map(|p| RefusalLine {
                        text: p.to_string(),
                        path: None,
                    })
                    .collect(),
            ),
            e => refusal(e.to_string(), Vec::new()),
        }),
        other => Err(Err(format!("未知的文件种类“{other}”。"))),
    }
}

#[cfg(test)]
mod tests;
