//! 图表: the budget drawn from `budget_core::charts` — 支出 by 功能 类,
//! 基本/项目 and 人员/公用 shares, this year against last by 类, 三公 by item
//! and 收入 by source. Shown in the 图表 tab and on the print view's last page.
//!
//! A clerk opens them rarely, so the figures and their drawing live in the
//! worker that also makes Excel files (crates/xlsx-worker, `charts`), fetched
//! on first use, not in the page's wasm: the page sends the inputs and shows
//! the markup (SVG figures, each with its figures as a hidden table) it gets
//! back. While the charts are shown, each change of the inputs or of the
//! catalog in force sends one request; the answer to the latest one is shown
//! (an older answer that comes late is dropped).

use budget_core::file;
use leptos::prelude::*;

use crate::state::AppState;
use crate::xlsx_client;

/// The markup of every chart of the current inputs, following each change
/// of the inputs or of the catalog in force while the calling view lives
/// (`None` until the first answer), and why it could not be drawn, if so.
/// `prefix` (e.g. `print-`) keeps the ids of the tab's and print's apart.
pub fn follow(prefix: &'static str) -> (RwSignal<Option<String>>, RwSignal<Option<String>>) {
    let state = AppState::get();
    let markup: RwSignal<Option<String>> = RwSignal::new(None);
    let failed: RwSignal<Option<String>> = RwSignal::new(None);
    // The number of the latest request: an answer to an earlier one is stale.
    let latest = StoredValue::new(0u32);
    Effect::new(move |_| {
        let json = state.inputs.with(file::json_lines);
        let bureau = state.in_force().bureau();
        let mine = latest.get_value().wrapping_add(1);
        latest.set_value(mine);
        let json = match json {
            Ok(json) => json,
            Err(e) => {
                failed.set(Some(format!("填报内容无法整理，未生成图表：{e}")));
                return;
            }
        };
        leptos::task::spawn_local(async move {
            let answer = xlsx_client::charts_html(json, prefix, bureau).await;
            // The view may be gone (tab switched, print closed) by now.
            if latest.try_get_value() != Some(mine) {
                return;
            }
            match answer {
                Ok(html) => {
                    failed.try_set(None);
                    markup.try_set(Some(html));
                }
                Err(e) => {
                    failed.try_set(Some(e));
                }
            }
        });
    });
    (markup, failed)
}

/// Why the charts could not be drawn (hidden while they are).
pub fn failure(failed: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <p class="error" role="alert" hidden=move || failed.with(Option::is_none)>
            {move || failed.get()}
        </p>
    }
}

/// The 图表 tab: every chart, following each edit while it is open.
#[component]
pub fn ChartsSection() -> impl IntoView {
    let (markup, failed) = follow("");
    view! {
        <h2>"图表"</h2>
        <p class="hint">"单位：万元（四舍五入）。图中数字均来自填报数据，随填写即时更新。"</p>
        {failure(failed)}
        <div class="charts" inner_html=move || markup.get().unwrap_or_default()></div>
    }
}
