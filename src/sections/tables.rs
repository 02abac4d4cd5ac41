//! 表1–表10 and the project forms: any `budget_core::table::Table`, rendered read-only
//! in the published layout. Nothing here knows which table it draws.

use budget_core::Table;
use budget_core::table::{Cell, RowKind};
use leptos::prelude::*;

use crate::state::AppState;

/// CSS class of a body row.
fn row_class(kind: RowKind) -> &'static str {
    match kind {
        RowKind::Total => "r-total",
        RowKind::Group => "r-group",
        RowKind::Subgroup => "r-subgroup",
        RowKind::Detail => "r-detail",
    }
}

/// One table cell.
fn cell_view(cell: &Cell) -> AnyView {
    let text = cell.display();
    match cell {
        Cell::Money(_) | Cell::Wan(_) => view! { <td class="num">{text}</td> }.into_any(),
        Cell::Span { colspan, .. } => {
            view! { <td class="span" colspan=*colspan>{text}</td> }.into_any()
        }
        Cell::Text(_) | Cell::Empty => view! { <td>{text}</td> }.into_any(),
    }
}

/// A table's merged header and body rows: `<thead>` and `<tbody>`, the same
/// on screen and in print.
pub(crate) fn head_and_body(table: &Table) -> impl IntoView + use<> {
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
        .map(|row| {
            let cells = row.cells.iter().map(cell_view).collect_view();
            view! { <tr class=row_class(row.kind)>{cells}</tr> }
        })
        .collect_view();
    view! {
        <thead>{head}</thead>
        <tbody>{body}</tbody>
    }
}

/// A derived table with its number, title, unit line, merged header and note.
#[component]
pub fn TableView(table: Table) -> impl IntoView {
    let parts = head_and_body(&table);
    let empty = table.rows.is_empty();
    view! {
        <figure class="dtable" id=format!("table-{}", table.id)>
            <div class="tnum">{table.number.clone()}</div>
            <h3 class="ttitle">{table.title.clone()}</h3>
            <div class="tunit">{table.unit.clone()}</div>
            <div class="table-scroll">
                <table>{parts}</table>
            </div>
            {empty.then(|| view! { <p class="tnote">"（本表无数据）"</p> }).filter(|_| table.note.is_none())}
            {table.note.clone().map(|n| view! { <p class="tnote">{n}</p> })}
        </figure>
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
        state.derived.with(|d| {
            d.tables
                .iter()
                .chain(d.project_tables.iter())
                .map(|t| view! { <TableView table=t.clone() /> })
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
            <nav class="toc" aria-label="表格目录">
                <ol>{toc}</ol>
            </nav>
        </Show>
        <div class="tables">{tables}</div>
    }
}
