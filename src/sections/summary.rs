//! The summary bar: headline totals from the core (and how many invalid
//! amounts they leave out) and the count of findings.

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
    let invalid = move || state.totals.with(|t| t.invalid_amounts);
    let errors = move || state.counts().0;
    let warnings = move || state.counts().1;
    view! {
        <div class="summary" role="status" aria-label="汇总">
            {item("sum-income", "收入合计", |t| t.total)}
            {item("sum-expense", "支出合计", |t| t.total)}
            {item("sum-basic", "基本支出", |t| t.basic)}
            {item("sum-project", "项目支出", |t| t.project)}
            {item("sum-sangong", "三公合计", |t| t.sangong)}
            // Invalid amounts count as 0: the totals say they left them out.
            <Show when=move || { invalid() > 0 }>
                <div class="sum-item sum-note" id="sum-invalid" title="无效金额按 0 计，未计入合计；改正见审核结果 AMT-001">
                    {move || format!("不含 {} 个无效金额", invalid())}
                </div>
            </Show>
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
