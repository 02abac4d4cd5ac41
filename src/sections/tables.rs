//! 表1–表10 and the project forms: any `budget_core::table::Table`, rendered read-only
//! in the published layout, in 元 or in 万元 (`budget_core::wan::to_wan`, 舍位平衡).
//! Nothing here knows which table it draws.

use budget_core::Table;
use budget_core::table::{Cell, RowKind};
use budget_core::wan::{WanTable, to_wan};
use leptos::prelude::*;

use crate::state::AppState;

/// Decimals of 万元 the tables print (0.01 万元).
pub(crate) const WAN_PRECISION: u32 = 2;

/// A table as shown: in 元, or in 万元 with what 舍位平衡 moved.
#[derive(Clone)]
pub(crate) enum Shown {
    Yuan(Table),
    Wan(WanTable),
}

impl Shown {
    /// `table` in 万元 when `wan`, else as derived.
    pub(crate) fn of(table: &Table, wan: bool) -> Shown {
        match wan.then(|| to_wan(table, WAN_PRECISION).ok()).flatten() {
            Some(w) => Shown::Wan(w),
            None => Shown::Yuan(table.clone()),
        }
    }
    /// The table itself (title, unit line, header, note).
    pub(crate) fn table(&self) -> &Table {
        match self {
            Shown::Yuan(t) => t,
            Shown::Wan(w) => &w.table,
        }
    }
    /// What the 万元 table could not balance, one line each.
    pub(crate) fn problems(&self) -> Vec<String> {
        match self {
            Shown::Yuan(_) => Vec::new(),
            Shown::Wan(w) => w.unbalanced.iter().map(ToString::to_string).collect(),
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

/// One table cell; `r`, `c` its place, for the 万元 figures.
fn cell_view(shown: &Shown, r: usize, c: usize, cell: &Cell) -> AnyView {
    match (cell, shown) {
        (Cell::Money(_) | Cell::Wan(_), Shown::Wan(w)) => {
            let text = w.display(r, c);
            match w.adjusted_at(r, c) {
                Some(a) => view! {
                    <td class="num wan-adjusted" title=w.explain(a)>{text}</td>
                }
                .into_any(),
                None => view! { <td class="num">{text}</td> }.into_any(),
            }
        }
        (Cell::Money(_) | Cell::Wan(_), Shown::Yuan(t)) => {
            view! { <td class="num">{t.show(cell)}</td> }.into_any()
        }
        (Cell::Span { colspan, .. }, _) => {
            view! { <td class="span" colspan=*colspan>{cell.display()}</td> }.into_any()
        }
        (Cell::Text(_) | Cell::Empty, _) => view! { <td>{cell.display()}</td> }.into_any(),
    }
}

/// A table's merged header and body rows: `<thead>` and `<tbody>`, the same
/// on screen and in print.
pub(crate) fn head_and_body(shown: &Shown) -> impl IntoView + use<> {
    let table = shown.table();
    let head = table
        .header
        .iter()
        .map(|row| {
            let cells = row
                .iter()
                .map(|h| view! { <th scope="col" colspan=h.colspan rowspan=h.rowspan>{h.text.clone()}</th> })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    let body = table
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let cells = row
                .cells
                .iter()
                .enumerate()
                .map(|(c, cell)| cell_view(shown, r, c, cell))
                .collect_view();
            view! { <tr class=row_class(row.kind)>{cells}</tr> }
        })
        .collect_view();
    view! {
        <thead>{head}</thead>
        <tbody>{body}</tbody>
    }
}

/// A table's notes, one paragraph per line (its own note, then the 万元
/// rounding note), and anything a 万元 table could not balance.
pub(crate) fn notes(shown: &Shown, class: &'static str) -> impl IntoView + use<> {
    let t = shown.table();
    let empty = t.rows.is_empty() && t.note.is_none();
    let lines: Vec<String> = t
        .note
        .iter()
        .flat_map(|n| n.lines().map(str::to_string).collect::<Vec<_>>())
        .collect();
    let problems = shown.problems();
    view! {
        {empty.then(|| view! { <p class=class>"（本表无数据）"</p> })}
        {lines.into_iter().map(|n| view! { <p class=class>{n}</p> }).collect_view()}
        {problems
            .into_iter()
            .map(|p| view! { <p class=format!("{class} wan-unbalanced")>{p}</p> })
            .collect_view()}
    }
}

/// A derived table with its number, title, unit line, merged header and note.
#[component]
fn TableView(shown: Shown) -> impl IntoView {
    let parts = head_and_body(&shown);
    let t = shown.table();
    let wan = matches!(shown, Shown::Wan(_));
    view! {
        <figure class="dtable" class:wan=wan id=format!("table-{}", t.id)>
            <div class="tnum">{t.number.clone()}</div>
            <h3 class="ttitle">{t.title.clone()}</h3>
            <div class="tunit">{t.unit.clone()}</div>
            <div class="table-scroll">
                <table>{parts}</table>
            </div>
            {notes(&shown, "tnote")}
        </figure>
    }
}

/// The 元 / 万元 switch of the tables (also what print and 导出Excel use).
#[component]
pub fn UnitSwitch(
    /// Prefix of the radio ids (`table-unit`, `print-unit`): the print
    /// layer has its own switch while the tables view stays in the page.
    prefix: &'static str,
) -> impl IntoView {
    let state = AppState::get();
    let option = move |wan: bool, id: String, label: &'static str| {
        let input_id = id.clone();
        view! {
            <label for=id>
                <input
                    type="radio"
                    id=input_id
                    name=prefix
                    prop:checked=move || state.wan_tables.get() == wan
                    on:change=move |_| state.wan_tables.set(wan)
                />
                {label}
            </label>
        }
    };
    view! {
        <fieldset class="unit-switch">
            <legend>"金额单位"</legend>
            {option(false, format!("{prefix}-yuan"), "元")}
            {option(true, format!("{prefix}-wan"), "万元（舍位平衡）")}
        </fieldset>
    }
}

/// Every derived table, with a table of contents.
#[component]
pub fn TablesSection() -> impl IntoView {
    let state = AppState::get();
    let toc = move || {
        state.derived.with(|d| {
            d.tables
                .iter()
                .chain(d.project_tables.iter())
                .map(|t| {
                    let href = format!("#table-{}", t.id);
                    let label = if t.number.is_empty() {
                        t.title.clone()
                    } else {
                        format!("{} {}", t.number, t.title)
                    };
                    view! {
                        <li>
                            <a href=href>{label}</a>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let tables = move || {
        let wan = state.wan_tables.get();
        state.derived.with(|d| {
            d.tables
                .iter()
                .chain(d.project_tables.iter())
                .map(|t| view! { <TableView shown=Shown::of(t, wan) /> })
                .collect_view()
        })
    };
    let none = move || {
        state
            .derived
            .with(|d| d.tables.is_empty() && d.project_tables.is_empty())
    };
    view! {
        <h2>"公开表格"</h2>
        <Show when=move || !none() fallback=|| view! { <p class="hint">"暂无表格。"</p> }>
            <UnitSwitch prefix="table-unit" />
            <p class="hint">
                {move || if state.wan_tables.get() {
                    "以万元显示：四舍五入到 0.01 万元，并经舍位平衡使合计等于各项之和；调整过的数字加底色标出，悬停可见精确数，表下注明。打印和导出 Excel 同样以万元输出。"
                } else {
                    "以元显示（精确到分）。打印和导出 Excel 同样以元输出。"
                }}
            </p>
            <nav class="toc" aria-label="表格目录">
                <ol>{toc}</ol>
            </nav>
        </Show>
        <div class="tables">{tables}</div>
    }
}
