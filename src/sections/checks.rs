//! The checks panel: every finding of the core, a jump to the cell at fault, and
//! the clerk's explanation (说明) of each warning.

use budget_core::{Finding, Severity};
use leptos::prelude::*;

use crate::paths::tab_of;
use crate::state::AppState;
use crate::web::focus_path;

/// Show the section holding `path`, then scroll to and focus its input.
pub fn go_to(state: AppState, path: &str) {
    if let Some(tab) = tab_of(path) {
        state.tab.set(tab);
    }
    let path = path.to_string();
    // Let the section become visible before focusing.
    request_animation_frame(move || {
        focus_path(&path);
    });
}

/// The findings list (a live region).
#[component]
pub fn ChecksPanel() -> impl IntoView {
    let state = AppState::get();
    let headline = move || {
        let (e, w) = state.counts();
        if e == 0 && w == 0 {
            "未发现问题。".to_string()
        } else {
            format!("错误 {e} 项，提示 {w} 项。")
        }
    };
    let items = move || {
        state
            .findings
            .get()
            .into_iter()
            .enumerate()
            .collect::<Vec<_>>()
    };
    view! {
        <aside class="checks" aria-labelledby="checks-title">
            <h2 id="checks-title">"审核结果"</h2>
            <div id="checks-live" aria-live="polite">
                <p class="checks-headline">{headline}</p>
                <ol class="findings">
                    <For
                        each=items
                        key=|(k, f)| (*k, f.key(), f.message.clone())
                        children=move |(k, f)| view! { <FindingItem index=k finding=f /> }
                    />
                </ol>
            </div>
        </aside>
    }
}

/// One finding.
#[component]
fn FindingItem(index: usize, finding: Finding) -> impl IntoView {
    let state = AppState::get();
    let first = finding.locations.first().cloned();
    let key = finding.key();
    let is_warning = finding.severity == Severity::Warning;
    let class = if is_warning {
        "finding warning"
    } else {
        "finding error"
    };
    let go = move |_| {
        if let Some(loc) = &first {
            go_to(state, loc);
        }
    };
    let explanation = is_warning.then(|| {
        let key2 = key.clone();
        let value = move || {
            state
                .inputs
                .with(|i| i.explanations.get(&key).cloned().unwrap_or_default())
        };
        view! {
            <label class="explain">
                <span>"说明"</span>
                <textarea
                    id=format!("explain-{index}")
                    rows="2"
                    aria-label=format!("{} 的说明", finding.check)
                    prop:value=value
                    on:input:target=move |ev| {
                        let text = ev.target().value();
                        let key = key2.clone();
                        state.inputs.update(|i| {
                            if text.is_empty() {
                                i.explanations.remove(&key);
                            } else {
                                i.explanations.insert(key, text);
                            }
                        });
                    }
                ></textarea>
            </label>
        }
    });
    view! {
        <li class=class>
            <button type="button" class="finding-go" on:click=go>
                <span class="fid">{finding.check.clone()}</span>
                <span class="sev">{finding.severity.label()}</span>
                <span class="msg">{finding.message.clone()}</span>
            </button>
            {explanation}
        </li>
    }
}
