//! 公开表格: 表1–表10 and the project forms in the published layout, in 元
//! or in 万元 (舍位平衡), with a table of contents.
//!
//! The tables (`budget_core::derive`, `budget_core::wan`) are drawn by the
//! worker (crates/xlsx-worker, `views`), fetched when the tab is first
//! shown, not carried by the page's wasm: the page sends the inputs and the
//! unit and shows the markup it gets back, following each edit while the
//! tab is open (as the 图表: `charts::follow`). The unit switch is the page's.

use leptos::prelude::*;

use crate::sections::charts;
use crate::state::AppState;
use crate::xlsx_client;

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

/// Every derived table, with a table of contents, once the worker drew them.
#[component]
pub fn TablesSection() -> impl IntoView {
    let state = AppState::get();
    let shown = charts::follow("表格", move |json, bureau| {
        let wan = state.wan_tables.get();
        xlsx_client::view_html("tables", json, wan, bureau)
    });
    // The worker answers a hint instead when the form has no table.
    let any = move || {
        shown
            .markup
            .with(|m| m.as_deref().is_some_and(|h| h.contains("<figure")))
    };
    view! {
        <h2>"公开表格"</h2>
        {charts::pending(shown)}
        {charts::failure(shown.failed)}
        <Show when=any>
            <UnitSwitch prefix="table-unit" />
        </Show>
        {move || shown.markup.get().map(|html| view! { <div class="tables-view" inner_html=html></div> })}
    }
}
