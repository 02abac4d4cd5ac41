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

/// Findings listed at first. A form pasted with thousands of faulty rows, or
/// a large 上海 form before its texts are written, has hundreds or thousands;
/// the rest are one click away (全部列出), and every cell keeps its own mark.
const FIRST_LISTED: usize = 200;

/// The findings list (a live region), errors first.
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
    // The list's order (errors, then warnings, each in the checks' order),
    // and each item's finding by identity.
    let listed = Memo::new(move |_| {
        state.findings.with(|fs| {
            let mut order = Vec::with_capacity(fs.len());
            let mut by_id = HashMap::with_capacity(fs.len());
            let mut seen: HashMap<(String, bool), usize> = HashMap::new();
            let errors = fs.iter().filter(|f| f.is_error());
            for f in errors.chain(fs.iter().filter(|f| !f.is_error())) {
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
    let all_listed = RwSignal::new(false);
    let items = move || {
        let shown = if all_listed.get() {
            usize::MAX
        } else {
            FIRST_LISTED
        };
        listed.with(|(order, _)| order.iter().take(shown).cloned().collect::<Vec<_>>())
    };
    let unlisted = move || {
        let n = listed.with(|(order, _)| order.len());
        (!all_listed.get() && n > FIRST_LISTED).then(|| n - FIRST_LISTED)
    };
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
                {move || {
                    unlisted()
                        .map(|n| {
                            view! {
                                <p class="findings-more">
                                    {format!("另有 {n} 项未列出（每个有问题的单元格都已标出）。")}
                                    <button type="button" on:click=move |_| all_listed.set(true)>
                                        "全部列出"
                                    </button>
                                </p>
                            }
                        })
                }}
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
        // A slice, not a closure over the inputs: with hundreds of warnings
        // listed, each edit re-set every box's value.
        let value =
            state.input_slice(move |i| i.explanations.get(&key).cloned().unwrap_or_default());
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
