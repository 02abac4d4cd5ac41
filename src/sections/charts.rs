//! 图表: the budget drawn from `budget_core::charts::Charts` — 支出 by 功能 类,
//! 基本/项目 and 人员/公用 shares, this year against last by 类, 三公 by item
//! and 收入 by source. Shown in the 图表 tab and on the print view's last page.

use budget_core::charts::Charts;
use leptos::prelude::*;

use crate::state::AppState;

mod draw;

/// The charts of the current inputs (tracked). Called only by views that show
/// them, so with those closed an edit computes nothing here.
pub fn compute(state: AppState) -> Charts {
    let cats = state.in_force();
    state.inputs.with(|i| {
        state
            .totals
            .with(|t| Charts::compute(i, t, cats.function()))
    })
}

/// Every chart, for the tab and for print (`prefix`, e.g. `print-`, keeps their ids apart).
pub fn all(c: &Charts, prefix: &'static str) -> impl IntoView + use<> {
    let id = |name: &str| format!("{prefix}chart-{name}");
    view! {
        {draw::bars(id("class"), "支出按功能分类（类）", &c.by_class)}
        {draw::shares(id("kind"), "基本支出与项目支出", &c.kind_shares)}
        {draw::shares(id("cost"), "基本支出：人员经费与公用经费", &c.cost_shares)}
        {draw::pairs(id("years"), "本年与上年支出对比（按类）", &c.class_years)}
        {draw::pairs(id("sangong"), "“三公”经费本年与上年", &c.sangong)}
        {draw::bars(id("income"), "收入按来源", &c.income)}
    }
}

/// The 图表 tab: every chart, following each edit while it is open.
#[component]
pub fn ChartsSection() -> impl IntoView {
    let state = AppState::get();
    let charts = Memo::new(move |_| compute(state));
    view! {
        <h2>"图表"</h2>
        <p class="hint">"单位：万元（四舍五入）。图中数字均来自填报数据，随填写即时更新。"</p>
        <div class="charts">{move || charts.with(|c| all(c, ""))}</div>
    }
}
