//! The checks panel: every finding of the core, a jump to the cell at fault, and
//! the clerk's explanation (说明) of each warning.

use budget_core::{Finding, Severity};
use std::collections::HashMap;

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

/// A finding's identity in the list: its key (check and first location), its
/// severity, and which of the findings with both it is.
type ItemId = (String, bool, usize);

/// The findings list (a live region).
///
/// Items are keyed by their finding's identity, not by their place in the
/// list: an edit that adds, drops or rewords a finding leaves every other item
/// (its button, and a warning's 说明 box with what the clerk is typing) in
/// place. Re-creating them on each edit inserted form controls, and each
/// insertion makes Chromium's autofill rescan the page's fields.
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
    // The list's order, and each item's finding by identity.
    let listed = Memo::new(move |_| {
        state.findings.with(|fs| {
            let mut order = Vec::with_capacity(fs.len());
            let mut by_id = HashMap::with_capacity(fs.len());
            let mut seen: HashMap<(String, bool), usize> = HashMap::new();
            for f in fs {
                let key = (f.key(), f.is_error());
                let n = seen.entry(key.clone()).or_default();
                let id = (key.0, key.1, *n);
                *n += 1;
                order.push(id.clone());
                by_id.insert(id, f.clone());
            }
            (order, by_id)
        })
    });
    let items = move || listed.with(|(order, _)| order.clone());
    view! {
        <aside class="checks" aria-labelledby="checks-title">
            <h2 id="checks-title">"审核结果"</h2>
            <div id="checks-live" aria-live="polite">
                <p class="checks-headline">{headline}</p>
                <ol class="findings">
                    <For
                        each=items
                        key=|id| id.clone()
                        children=move |id: ItemId| {
                            let finding = Memo::new(move |_| {
                                listed.with(|(_, by_id)| by_id.get(&id).cloned())
                            });
                            view! { <FindingItem finding=finding /> }
                        }
                    />
                </ol>
            </div>
        </aside>
    }
}

/// One finding; its message follows the finding (a sum in it changes as the
/// clerk types) without re-creating the item.
#[component]
fn FindingItem(finding: Memo<Option<Finding>>) -> impl IntoView {
    let state = AppState::get();
    let Some(first) = finding.get_untracked() else {
        return ().into_any();
    };
    let key = first.key();
    let location = first.locations.first().cloned();
    let is_warning = first.severity == Severity::Warning;
    let class = if is_warning {
        "finding warning"
    } else {
        "finding error"
    };
    let go = move |_| {
        if let Some(loc) = &location {
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
                    rows="2"
                    aria-label=format!("{} 的说明", first.check)
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
    let message =
        move || finding.with(|f| f.as_ref().map(|f| f.message.clone()).unwrap_or_default());
    view! {
        <li class=class>
            <button type="button" class="finding-go" on:click=go>
                <span class="fid">{first.check.clone()}</span>
                <span class="sev">{first.severity.label()}</span>
                <span class="msg">{message}</span>
            </button>
            {explanation}
        </li>
    }
    .into_any()
}
