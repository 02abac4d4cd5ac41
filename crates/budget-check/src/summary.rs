//! `budget-check check --summary`: one line per file (unit, year, 收入合计,
//! 支出合计, 三公经费合计, errors, warnings, result) and the totals across
//! files, as CJK-aligned text, CSV, or one self-contained HTML page a bureau
//! can open and send. The figures are the core's (`Derived`); nothing is
//! computed here but the column sums.

use std::fmt::Write as _;

use budget_core::Table;
use budget_core::file::{Opened, Report};
use budget_core::table::{Cell, HeaderCell, RowKind, TableRow};
use rust_decimal::Decimal;

use crate::check::Outcome;
use crate::cli::EXIT_OK;

/// How the summary is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Format {
    /// Aligned text on stdout.
    Text,
    /// CSV on stdout.
    Csv,
    /// A self-contained HTML page written to this file.
    Html(std::path::PathBuf),
}

impl Format {
    /// From the flags of `check`: `--html` alone implies a summary.
    pub fn of(summary: bool, csv: bool, html: Option<std::path::PathBuf>) -> Option<Format> {
        match (html, summary, csv) {
            (Some(path), _, _) => Some(Format::Html(path)),
            (None, true, true) => Some(Format::Csv),
            (None, true, false) => Some(Format::Text),
            (None, false, _) => None,
        }
    }
}

/// One file's line.
pub struct Line {
    /// The file as given.
    pub file: String,
    /// 单位名称, or why there is none.
    pub unit: String,
    /// 预算年度
    pub year: Option<i32>,
    /// The template the file is laid out by (地区 and year, e.g. 上海市2025).
    pub template: String,
    /// 收入总计, 支出总计 (表6) and 三公经费合计.
    pub figures: Option<[Decimal; 3]>,
    /// Error and warning findings (`None`: the file could not be read).
    pub counts: Option<(u32, u32)>,
    /// 通过 / 有错误 / 无法读取, with the first line of a refusal.
    pub result: String,
    /// The file's findings, for the HTML page: (severity label, ID, message, where).
    pub findings: Vec<[String; 4]>,
}

const COLUMNS: [&str; 10] = [
    "文件",
    "单位",
    "年度",
    "模板",
    "收入合计",
    "支出合计",
    "三公经费合计",
    "错误",
    "提示",
    "结果",
];

/// The summary line of one outcome.
pub fn line(o: &Outcome, strict: bool) -> Line {
    let file = o.path.display().to_string();
    let passed = o.exit_code(strict) == EXIT_OK;
    let listed = |findings: &[budget_core::Finding]| {
        findings
            .iter()
            .map(|f| {
                [
                    f.severity.label().to_string(),
                    f.check.clone(),
                    f.message.clone(),
                    f.locations.join("、"),
                ]
            })
            .collect()
    };
    match &o.result {
        Ok(opened) => {
            let r = Report::new(opened.findings(), &opened.inputs().explanations);
            let unit = &opened.inputs().unit;
            let kind = match opened {
                Opened::Submission(i) if i.draft => "（草稿）",
                Opened::Submission(i) if !i.units.is_empty() => "（部门汇总）",
                _ => "",
            };
            Line {
                file,
                unit: format!("{}{kind}", unit.name.trim()),
                year: Some(unit.fiscal_year),
                template: {
                    let t = budget_core::template::of(opened.inputs());
                    format!("{}{}", t.region, t.fiscal_year)
                },
                figures: Some(figures(opened)),
                counts: Some((r.errors, r.warnings)),
                result: if passed { "通过" } else { "有错误" }.to_string(),
                findings: listed(opened.findings()),
            }
        }
        Err(e) => {
            let refused = o.refused();
            let result = match &refused {
                Some(_) => "有错误：含不符合格式的值".to_string(),
                None => format!(
                    "无法读取：{}",
                    e.message()
                        .lines()
                        .next()
                        .unwrap_or_default()
                        .trim_end_matches('：')
                ),
            };
            Line {
                file,
                unit: "—".to_string(),
                year: None,
                template: String::new(),
                figures: None,
                counts: refused.as_ref().map(|f| (f.len() as u32, 0)),
                result,
                findings: refused.as_deref().map(listed).unwrap_or_default(),
            }
        }
    }
}

/// 收入总计 and 支出总计 as the template's summary table prints them (重庆
/// 表6 部门收支总表, 上海 表1 财务收支预算总表: the first table whose last
/// line is 收入总计 … 支出总计), and 三公经费合计.
fn figures(opened: &Opened) -> [Decimal; 3] {
    let d = opened.derived();
    let t = &d.totals;
    let (income, spending) = d
        .tables
        .iter()
        .filter_map(|tab| tab.rows.last())
        .find_map(|last| match last.cells.as_slice() {
            [Cell::Text(a), income, Cell::Text(b), spent, ..]
                if a.as_ref() == "收入总计" && b.as_ref() == "支出总计" =>
            {
                Some((income.money()?, spent.money()?))
            }
            _ => None,
        })
        .unwrap_or((t.total, t.total));
    [income, spending, t.sangong]
}

/// The summary as a table: one row per file, then the totals.
pub fn table(lines: &[Line]) -> Table {
    let text = |s: &str| Cell::text(s.to_string());
    let count = |n: Option<u32>| n.map_or(Cell::text("—"), |n| Cell::text(n.to_string()));
    let mut rows: Vec<TableRow> = lines
        .iter()
        .map(|l| {
            let mut cells = vec![
                text(&l.file),
                text(&l.unit),
                l.year.map_or(Cell::Empty, |y| Cell::text(y.to_string())),
                text(&l.template),
            ];
            match l.figures {
                Some(f) => cells.extend(f.map(Cell::Money)),
                None => cells.extend([Cell::Empty, Cell::Empty, Cell::Empty]),
            }
            cells.push(count(l.counts.map(|c| c.0)));
            cells.push(count(l.counts.map(|c| c.1)));
            cells.push(text(&l.result));
            TableRow {
                kind: RowKind::Detail,
                cells,
            }
        })
        .collect();
    let t = totals(lines);
    let mut cells = vec![
        text(&format!("合计（{} 个文件）", lines.len())),
        text(&format!("{} 个通过", t.passed)),
        Cell::Empty,
        Cell::Empty,
    ];
    cells.extend(t.figures.map(Cell::Money));
    cells.push(text(&t.errors.to_string()));
    cells.push(text(&t.warnings.to_string()));
    cells.push(text(&format!(
        "{} 个有错误，{} 个无法读取",
        t.failed, t.unreadable
    )));
    rows.push(TableRow {
        kind: RowKind::Total,
        cells,
    });
    Table {
        id: "summary".into(),
        number: "审核汇总".into(),
        title: format!(
            "预算填报文件审核汇总：共 {} 个文件，{} 个通过，{} 个有错误，{} 个无法读取",
            lines.len(),
            t.passed,
            t.failed,
            t.unreadable
        ),
        unit: "单位：元".into(),
        header: vec![COLUMNS.iter().map(|&c| HeaderCell::new(c)).collect()],
        rows,
        note: None,
        sums: Default::default(),
        zeros_shown: false,
    }
}

/// The totals across files.
pub struct Totals {
    /// Σ 收入合计, 支出合计, 三公经费合计 over the files read.
    pub figures: [Decimal; 3],
    /// Σ errors, Σ warnings.
    pub errors: u32,
    /// Σ warnings.
    pub warnings: u32,
    /// Files that passed, failed, could not be read.
    pub passed: usize,
    /// Files with errors.
    pub failed: usize,
    /// Files that could not be read.
    pub unreadable: usize,
}

/// The totals across `lines`.
pub fn totals(lines: &[Line]) -> Totals {
    let mut t = Totals {
        figures: [Decimal::ZERO; 3],
        errors: 0,
        warnings: 0,
        passed: 0,
        failed: 0,
        unreadable: 0,
    };
    for l in lines {
        if let Some(f) = l.figures {
            for (sum, v) in t.figures.iter_mut().zip(f) {
                *sum += v;
            }
        }
        match l.counts {
            Some((e, w)) => {
                t.errors += e;
                t.warnings += w;
            }
            None => t.unreadable += 1,
        }
        if l.result == "通过" {
            t.passed += 1;
        } else if l.counts.is_some() {
            t.failed += 1;
        }
    }
    t
}

/// Minimal HTML escaping for text and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "\
body{font-family:\"Noto Sans CJK SC\",\"Microsoft YaHei\",\"PingFang SC\",sans-serif;margin:24px;color:#1f2328}
h1{font-size:20px;margin:0 0 4px}p.meta{color:#57606a;margin:0 0 16px}
table{border-collapse:collapse;font-size:14px}th,td{border:1px solid #d0d7de;padding:4px 8px;white-space:nowrap}
th{background:#f6f8fa;cursor:pointer;user-select:none}th[aria-sort=ascending]::after{content:\" ▲\"}
th[aria-sort=descending]::after{content:\" ▼\"}td.num{text-align:right;font-variant-numeric:tabular-nums}
tr.fail td{background:#fff5f5}tr.bad td{background:#fff8e6}tfoot td{font-weight:bold;background:#f6f8fa}
details{margin:8px 0}summary{cursor:pointer}li.error{color:#b42318}@media print{th{cursor:auto}}";

/// Sorts the body of `#summary` by the clicked column: numbers by their
/// `data-sort` value, text by the collation of the page's language.
const SCRIPT: &str = "\
(function(){var t=document.getElementById('summary');if(!t)return;var hs=t.tHead.rows[0].cells;
for(var i=0;i<hs.length;i++)(function(c){hs[c].addEventListener('click',function(){
var up=hs[c].getAttribute('aria-sort')!=='ascending';for(var j=0;j<hs.length;j++)hs[j].removeAttribute('aria-sort');
hs[c].setAttribute('aria-sort',up?'ascending':'descending');var b=t.tBodies[0];var rows=Array.prototype.slice.call(b.rows);
rows.sort(function(x,y){var a=x.cells[c],d=y.cells[c];var p=a.getAttribute('data-sort'),q=d.getAttribute('data-sort');
var r=(p!==null&&q!==null)?(parseFloat(p)-parseFloat(q)):a.textContent.localeCompare(d.textContent,'zh-CN');return up?r:-r;});
rows.forEach(function(r){b.appendChild(r);});});})(i);})();";

/// One self-contained page: the summary table (sortable by any column), the
/// totals, and each file's findings.
pub fn html(lines: &[Line]) -> String {
    let t = totals(lines);
    let mut s = String::new();
    s.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    s.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        s,
        "<title>预算填报文件审核汇总（{} 个文件）</title>",
        lines.len()
    );
    let _ = writeln!(s, "<style>{STYLE}</style>\n</head>\n<body>");
    let _ = writeln!(
        s,
        "<h1>预算填报文件审核汇总</h1>\n<p class=\"meta\">共 {} 个文件：{} 个通过，{} 个有错误，{} 个无法读取。金额单位：元。点击表头排序。</p>",
        lines.len(),
        t.passed,
        t.failed,
        t.unreadable
    );
    s.push_str("<table id=\"summary\">\n<thead><tr>");
    for c in COLUMNS {
        let _ = write!(s, "<th scope=\"col\">{c}</th>");
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    let money = |v: Option<Decimal>| match v {
        Some(v) => format!(
            "<td class=\"num\" data-sort=\"{v}\">{}</td>",
            budget_core::amount::format_yuan(v)
        ),
        None => "<td class=\"num\" data-sort=\"-1\"></td>".to_string(),
    };
    let count = |n: Option<u32>| match n {
        Some(n) => format!("<td class=\"num\" data-sort=\"{n}\">{n}</td>"),
        None => "<td class=\"num\" data-sort=\"-1\">—</td>".to_string(),
    };
    for l in lines {
        let class = match (l.counts, l.result.as_str()) {
            (None, _) => "bad",
            (_, "通过") => "ok",
            _ => "fail",
        };
        let _ = write!(
            s,
            "<tr class=\"{class}\" data-file=\"{}\"><td>{}</td><td>{}</td>",
            esc(&l.file),
            esc(&l.file),
            esc(&l.unit)
        );
        match l.year {
            Some(y) => {
                let _ = write!(s, "<td class=\"num\" data-sort=\"{y}\">{y}</td>");
            }
            None => s.push_str("<td class=\"num\" data-sort=\"-1\"></td>"),
        }
        let _ = write!(s, "<td>{}</td>", esc(&l.template));
        for i in 0..3 {
            s.push_str(&money(l.figures.map(|f| f[i])));
        }
        s.push_str(&count(l.counts.map(|c| c.0)));
        s.push_str(&count(l.counts.map(|c| c.1)));
        let _ = writeln!(s, "<td>{}</td></tr>", esc(&l.result));
    }
    s.push_str("</tbody>\n<tfoot><tr>");
    let _ = write!(
        s,
        "<td>合计（{} 个文件）</td><td>{} 个通过</td><td></td><td></td>",
        lines.len(),
        t.passed
    );
    for v in t.figures {
        s.push_str(&money(Some(v)));
    }
    s.push_str(&count(Some(t.errors)));
    s.push_str(&count(Some(t.warnings)));
    let _ = writeln!(
        s,
        "<td>{} 个有错误，{} 个无法读取</td></tr></tfoot>\n</table>",
        t.failed, t.unreadable
    );
    s.push_str("<h2>各文件的审核结果</h2>\n");
    for l in lines {
        let _ = write!(
            s,
            "<details><summary>{}（{}）：{}</summary>",
            esc(&l.file),
            esc(&l.unit),
            esc(&l.result)
        );
        if l.findings.is_empty() {
            s.push_str("<p>未发现问题</p>");
        } else {
            s.push_str("<ul>");
            for [severity, id, message, at] in &l.findings {
                let class = if severity == "错误" {
                    "error"
                } else {
                    "warning"
                };
                let at = if at.is_empty() {
                    String::new()
                } else {
                    format!("（位置：{}）", esc(at))
                };
                let _ = write!(
                    s,
                    "<li class=\"{class}\">{} {} {}{at}</li>",
                    esc(severity),
                    esc(id),
                    esc(message)
                );
            }
            s.push_str("</ul>");
        }
        s.push_str("</details>\n");
    }
    let _ = writeln!(s, "<script>{SCRIPT}</script>\n</body>\n</html>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(
        file: &str,
        figures: Option<[Decimal; 3]>,
        counts: Option<(u32, u32)>,
        result: &str,
    ) -> Line {
        Line {
            file: file.into(),
            unit: "单位".into(),
            year: figures.map(|_| 2021),
            template: String::new(),
            figures,
            counts,
            result: result.into(),
            findings: vec![[
                "错误".into(),
                "AMT-001".into(),
                "<b>".into(),
                "rows[0]".into(),
            ]],
        }
    }

    #[test]
    fn totals_sum_the_files_read_and_count_each_outcome() {
        let d = |n: i64| Decimal::new(n, 2);
        let lines = [
            l("a.json", Some([d(100), d(100), d(5)]), Some((0, 2)), "通过"),
            l(
                "b.json",
                Some([d(250), d(250), d(0)]),
                Some((3, 1)),
                "有错误",
            ),
            l("c.json", None, None, "无法读取：文件为空"),
            l("d.json", None, Some((2, 0)), "有错误：含不符合格式的值"),
        ];
        let t = totals(&lines);
        assert_eq!(t.figures, [d(350), d(350), d(5)]);
        assert_eq!((t.errors, t.warnings), (5, 3));
        assert_eq!((t.passed, t.failed, t.unreadable), (1, 2, 1));
        let table = table(&lines);
        assert_eq!(table.rows.len(), 5);
        assert_eq!(table.rows[4].cells[4], Cell::Money(d(350)));
        let page = html(&lines);
        assert!(
            page.contains("&lt;b&gt;") && !page.contains("<b>"),
            "escaped"
        );
        assert!(page.contains("<td class=\"num\" data-sort=\"3.50\">3.50</td>"));
    }
}
