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

use std::future::Future;

use budget_core::catalog::Bureau;
use budget_core::file;
use leptos::prelude::*;

use crate::state::AppState;
use crate::xlsx_client;

/// A view the worker draws (see `follow`): its markup (`None` until the
/// first answer), why it could not be drawn, and whether the latest request
/// is still unanswered.
#[derive(Clone, Copy)]
pub struct Followed {
    /// The latest answer's markup.
    pub markup: RwSignal<Option<String>>,
    /// Why the latest request failed (cleared by the next answer).
    pub failed: RwSignal<Option<String>>,
    /// True from a request until its answer (or its failure).
    pub waiting: RwSignal<bool>,
}

impl Followed {
    /// True once the latest request is answered, with markup or a failure.
    pub fn settled(&self) -> bool {
        !self.waiting.get()
            && (self.markup.with(Option::is_some) || self.failed.with(Option::is_some))
    }
}

/// The markup the worker draws of the current inputs (`ask`: the request,
/// given the inputs as JSON and the bureau catalog in force), following each
/// change of the inputs, of the catalog in force, or of whatever `ask` reads
/// before its future (e.g. the unit of the tables), while the calling view
/// lives. The answer to the latest request is shown; an older answer that
/// comes late is dropped. `what` names the view in a failure (`图表`).
pub fn follow<F, Fut>(what: &'static str, ask: F) -> Followed
where
    F: Fn(String, Option<&'static Bureau>) -> Fut + 'static,
    Fut: Future<Output = Result<String, String>> + 'static,
{
    let state = AppState::get();
    let shown = Followed {
        markup: RwSignal::new(None),
        failed: RwSignal::new(None),
        waiting: RwSignal::new(true),
    };
    let Followed {
        markup,
        failed,
        waiting,
    } = shown;
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
                failed.set(Some(format!("填报内容无法整理，未生成{what}：{e}")));
                waiting.set(false);
                return;
            }
        };
        waiting.set(true);
        let answer = ask(json, bureau);
        leptos::task::spawn_local(async move {
            let answer = answer.await;
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
            waiting.try_set(false);
        });
    });
    shown
}

/// Why the view could not be drawn (hidden while it is).
pub fn failure(failed: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <p class="error" role="alert" hidden=move || failed.with(Option::is_none)>
            {move || failed.get()}
        </p>
    }
}

/// "正在生成…" until the first answer or failure.
pub fn pending(shown: Followed) -> impl IntoView {
    let first = move || shown.markup.with(Option::is_none) && shown.failed.with(Option::is_none);
    move || first().then(|| view! { <p class="hint" role="status">"正在生成…"</p> })
}

/// The 图表 tab: every chart, following each edit while it is open.
#[component]
pub fn ChartsSection() -> impl IntoView {
    let shown = follow("图表", |json, bureau| {
        xlsx_client::charts_html(json, "", bureau)
    });
    view! {
        <h2>"图表"</h2>
        <p class="hint">"单位：万元（四舍五入）。图中数字均来自填报数据，随填写即时更新。"</p>
        {failure(shown.failed)}
        <div class="charts" inner_html=move || shown.markup.get().unwrap_or_default()></div>
    }
}
