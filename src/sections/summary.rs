//! The summary bar: headline totals from the core and the count of findings.

use budget_core::amount::format_yuan;
use leptos::prelude::*;

use crate::state::AppState;

/// Totals and finding counts, always visible.
#[component]
pub fn SummaryBar() -> impl IntoView {
    let state = AppState::get();
    let item = move |id: &'static str,
                     label: &'static str,
                     get: fn(&budget_core::Totals) -> rust_decimal::Decimal| {
        view! {
            <div class="sum-item">
                <span class="sum-label">{label}</span>
                <span class="sum-value" id=id>{move || state.totals.with(|t| format_yuan(get(t)))}</span>
            </div>
        }
    };
    let errors = move || state.counts().0;
    let warnings = move || state.counts().1;
    view! {
        <div class="summary" role="status" aria-label="汇总">
            {item("sum-income", "收入合计", |t| t.total)}
            {item("sum-expense", "支出合计", |t| t.total)}
            {item("sum-basic", "基本支出", |t| t.basic)}
            {item("sum-project", "项目支出", |t| t.project)}
            {item("sum-sangong", "三公合计", |t| t.sangong)}
            <div class="sum-item">
                <span class="sum-label">"错误"</span>
                <span class=move || { if errors() > 0 { "sum-value bad" } else { "sum-value" } } id="sum-errors">
                    {errors}
                </span>
            </div>
            <div class="sum-item">
                <span class="sum-label">"提示"</span>
                <span class="sum-value" id="sum-warnings">{warnings}</span>
            </div>
        </div>
    }
}
