//! The named drafts on the page: 保存为草稿, the 草稿列表 dialog (open,
//! rename, delete), and the question asked before the form is replaced.
//!
//! Nothing is replaced silently: loading the sample, opening a file or a
//! named draft, or 新建, while the form holds work kept nowhere but the
//! current draft (not saved as a named draft nor exported since its last
//! change), first asks 保留为草稿后继续 / 不保留，直接替换 / 取消. Keeping
//! it stores it in the list under the unit's name and the time; when that
//! fails (storage full), the dialog says so and stays.

use leptos::prelude::*;

use super::StorageUi;
use super::drafts::{self, Entry};
use crate::state::{AppState, Notice, NoticeLine};
use crate::web;

/// Said when a read-only tab is asked to change the named drafts.
const READ_ONLY: &str = "本标签页为只读（草稿正在另一个标签页中编辑），不能修改草稿列表。";
/// Said when this session writes nothing (`StorageUi::no_save`: no storage,
/// or a draft that could not be read nor backed up, whose pieces a write could
/// remove).
const NO_SAVE: &str = "本次不能保存草稿（浏览器存储不可用，或本地草稿无法读取且未能备份：为保护原内容不写入）。请及时导出文件。";

/// Why this tab may not change the named drafts, if it may not.
fn may_not_write(ui: StorageUi) -> Option<&'static str> {
    if ui.no_save {
        Some(NO_SAVE)
    } else if ui.other_tab.get_untracked() {
        Some(READ_ONLY)
    } else {
        None
    }
}

/// Focus the element `id` once the dialog that holds it is drawn.
fn focus_soon(id: &'static str) {
    set_timeout(move || web::focus_id(id), std::time::Duration::ZERO);
}

/// The dialogs' state (in context).
#[derive(Clone, Copy)]
pub struct DraftsUi {
    /// The question before a replacement: what is about to replace the form.
    asking: RwSignal<Option<String>>,
    /// The replacement, run once the clerk answers 保留 or 不保留.
    then: StoredValue<Option<Box<dyn FnOnce()>>, LocalStorage>,
    /// Why keeping the form failed (shown in the question).
    ask_error: RwSignal<Option<String>>,
    /// The list dialog is open.
    list_open: RwSignal<bool>,
    /// The list as last read.
    entries: RwSignal<Vec<Entry>>,
    /// A problem with the list (reading it, or an action on it).
    list_error: RwSignal<Option<String>>,
}

impl DraftsUi {
    /// Nothing asked, the list closed.
    pub fn new() -> Self {
        DraftsUi {
            asking: RwSignal::new(None),
            then: StoredValue::new_local(None),
            ask_error: RwSignal::new(None),
            list_open: RwSignal::new(false),
            entries: RwSignal::new(Vec::new()),
            list_error: RwSignal::new(None),
        }
    }

    /// The one in context (a fresh one when none: component tests mount parts alone).
    pub fn get() -> Self {
        use_context::<DraftsUi>().unwrap_or_default()
    }

    fn refresh(&self) {
        match drafts::list() {
            Ok(list) => {
                self.entries.set(list);
                self.list_error.set(None);
            }
            Err(e) => {
                self.entries.set(Vec::new());
                self.list_error.set(Some(e));
            }
        }
    }

    /// Open the 草稿列表 dialog.
    pub fn open_list(&self) {
        self.refresh();
        self.list_open.set(true);
        focus_soon("drafts-close");
    }
}

impl Default for DraftsUi {
    fn default() -> Self {
        Self::new()
    }
}

/// Run `replace` (which replaces the form; `what` says with what), first
/// asking when the form holds work kept nowhere else.
pub fn before_replace(state: AppState, what: String, replace: impl FnOnce() + 'static) {
    let ui = StorageUi::get();
    // A read-only tab's form is the other tab's draft, saved there.
    if ui.other_tab.get_untracked() || ui.is_kept(state.revision()) || state.is_empty() {
        replace();
        return;
    }
    let d = DraftsUi::get();
    d.then.set_value(Some(Box::new(replace)));
    d.ask_error.set(None);
    d.asking.set(Some(what));
    focus_soon("btn-keep-draft");
}

/// Keep the form as a named draft (保存为草稿): the notice says under what
/// name, or why not.
pub fn keep_now(state: AppState) {
    let ui = StorageUi::get();
    let notice = |is_error: bool, title: String| {
        state.notice.set(Some(Notice {
            is_error,
            title,
            lines: Vec::new(),
        }))
    };
    if let Some(why) = may_not_write(ui) {
        return notice(true, why.to_string());
    }
    if state.is_empty() {
        return notice(false, "表单为空，无需保存为草稿。".to_string());
    }
    match keep(state) {
        Ok(entry) => notice(
            false,
            format!(
                "已保存为草稿“{}”，可在“草稿列表”中打开、重命名或删除。",
                entry.name
            ),
        ),
        Err(e) => notice(true, e),
    }
    let d = DraftsUi::get();
    if d.list_open.get_untracked() {
        d.refresh();
    }
}

/// Keep the form as a named draft under its default name.
fn keep(state: AppState) -> Result<Entry, String> {
    if let Some(why) = may_not_write(StorageUi::get()) {
        return Err(why.to_string());
    }
    let entry = state
        .inputs
        .with_untracked(|i| drafts::keep(i, &drafts::default_name(i)))?;
    StorageUi::get().mark_kept(state.revision());
    Ok(entry)
}

/// The question before the form is replaced.
#[component]
pub fn ReplaceDialog() -> impl IntoView {
    let state = AppState::get();
    let d = DraftsUi::get();
    let close = move || {
        d.asking.set(None);
        d.ask_error.set(None);
    };
    let go = move || {
        close();
        if let Some(replace) = d.then.try_update_value(Option::take).flatten() {
            replace();
        }
    };
    let keep_then_go = move |_| match keep(state) {
        Ok(entry) => {
            go();
            let line = NoticeLine {
                text: format!("原表单已保留为草稿“{}”（见“草稿列表”）。", entry.name),
                path: None,
            };
            if state.notice.with_untracked(Option::is_some) {
                state.notice.update(|n| {
                    if let Some(n) = n {
                        n.lines.insert(0, line);
                    }
                });
            } else {
                state.notice.set(Some(Notice {
                    is_error: false,
                    title: line.text,
                    lines: Vec::new(),
                }));
            }
        }
        Err(e) => d.ask_error.set(Some(e)),
    };
    let cancel = move || {
        close();
        d.then.set_value(None);
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" {
            cancel();
        }
    };
    move || {
        d.asking.get().map(|what| {
            view! {
                <div class="modal-backdrop">
                    <div
                        class="modal replace-dialog"
                        id="replace-dialog"
                        role="alertdialog"
                        aria-modal="true"
                        aria-labelledby="replace-title"
                        aria-describedby="replace-what"
                        on:keydown=on_key
                    >
                        <h2 id="replace-title">"当前表单尚未另存。"</h2>
                        <p id="replace-what">{what}</p>
                        {move || d.ask_error.get().map(|e| view! {
                            <p class="dialog-error" id="replace-error" role="alert">{e}</p>
                        })}
                        <div class="modal-actions">
                            <button type="button" id="btn-keep-draft" on:click=keep_then_go>
                                "保留为草稿后继续"
                            </button>
                            <button type="button" id="btn-discard" on:click=move |_| go()>
                                "不保留，直接替换"
                            </button>
                            <button type="button" id="btn-cancel-replace" on:click=move |_| cancel()>
                                "取消"
                            </button>
                        </div>
                    </div>
                </div>
            }
        })
    }
}

/// Open the named draft `entry` in the form (asking first when needed).
fn open_entry(state: AppState, d: DraftsUi, entry: Entry) {
    let inputs = match drafts::open(&entry.id) {
        Ok(inputs) => inputs,
        Err(e) => return d.list_error.set(Some(e)),
    };
    d.list_open.set(false);
    let what = format!("打开草稿“{}”将替换当前填写的全部内容。", entry.name);
    before_replace(state, what, move || {
        state.inputs.set(inputs);
        StorageUi::get().mark_kept(state.revision());
        state.notice.set(Some(Notice {
            is_error: false,
            title: format!("已打开草稿“{}”。", entry.name),
            lines: Vec::new(),
        }));
    });
}

/// Do `change` to the list unless this tab is read-only; then read it again.
fn change_list(d: DraftsUi, change: impl FnOnce() -> Result<(), String>) {
    if let Some(why) = may_not_write(StorageUi::get()) {
        return d.list_error.set(Some(why.to_string()));
    }
    let done = change();
    d.refresh();
    if let Err(e) = done {
        d.list_error.set(Some(e));
    }
}

/// One line of the list: name, time, unit, rows, and its actions.
fn draft_row(state: AppState, d: DraftsUi, entry: Entry) -> impl IntoView {
    let renaming = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    let new_name = RwSignal::new(entry.name.clone());
    let id = StoredValue::new(entry.id.clone());
    let rename = move || {
        let name = new_name.get_untracked().trim().to_string();
        if name.is_empty() {
            return d.list_error.set(Some("草稿名称不能为空。".to_string()));
        }
        change_list(d, || drafts::rename(&id.get_value(), &name));
    };
    let on_rename_key = move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
        "Enter" => rename(),
        "Escape" => {
            ev.stop_propagation();
            renaming.set(false);
        }
        _ => {}
    };
    let name = entry.name.clone();
    let name_cell = move || {
        if renaming.get() {
            view! {
                <input
                    type="text"
                    class="draft-name-input"
                    aria-label="新名称"
                    prop:value=move || new_name.get()
                    on:input=move |ev| new_name.set(event_target_value(&ev))
                    on:keydown=on_rename_key
                />
                <button type="button" class="draft-rename-ok" on:click=move |_| rename()>"确定"</button>
                <button type="button" class="draft-rename-cancel" on:click=move |_| renaming.set(false)>"取消"</button>
            }
            .into_any()
        } else {
            view! { <span class="draft-name">{name.clone()}</span> }.into_any()
        }
    };
    let saved = drafts::local_time(&entry.saved_at);
    let unit = if entry.unit.trim().is_empty() {
        "（未填单位名称）".to_string()
    } else {
        entry.unit.clone()
    };
    let rows = entry.rows;
    let entry = StoredValue::new(entry);
    let actions = move || {
        if deleting.get() {
            view! {
                <span class="draft-confirm">"删除此草稿？"</span>
                <button
                    type="button"
                    class="draft-delete-ok"
                    on:click=move |_| change_list(d, || drafts::delete(&id.get_value()))
                >
                    "确认删除"
                </button>
                <button type="button" class="draft-delete-cancel" on:click=move |_| deleting.set(false)>"取消"</button>
            }
            .into_any()
        } else {
            view! {
                <button
                    type="button"
                    class="draft-open"
                    on:click=move |_| open_entry(state, d, entry.get_value())
                >
                    "打开"
                </button>
                <button type="button" class="draft-rename" on:click=move |_| renaming.set(true)>"重命名"</button>
                <button type="button" class="draft-delete" on:click=move |_| deleting.set(true)>"删除"</button>
            }
            .into_any()
        }
    };
    view! {
        <tr class="draft">
            <td>{name_cell}</td>
            <td>{saved}</td>
            <td>{unit}</td>
            <td class="num">{rows}</td>
            <td class="draft-actions">{actions}</td>
        </tr>
    }
}

/// The 草稿列表 dialog.
#[component]
pub fn DraftsDialog() -> impl IntoView {
    let state = AppState::get();
    let d = DraftsUi::get();
    let close = move || d.list_open.set(false);
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" {
            close();
        }
    };
    let body = move || {
        let entries = d.entries.get();
        if entries.is_empty() {
            return view! { <p id="drafts-empty">"还没有保存的草稿。"</p> }.into_any();
        }
        let rows = entries
            .into_iter()
            .map(|e| draft_row(state, d, e))
            .collect_view();
        view! {
            <div class="preview-scroll">
                <table class="preview-rows" id="drafts-list">
                    <thead>
                        <tr>
                            <th>"名称"</th>
                            <th>"保存时间"</th>
                            <th>"单位"</th>
                            <th>"预算明细行数"</th>
                            <th>"操作"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    move || {
        d.list_open.get().then(|| {
            view! {
                <div class="modal-backdrop">
                    <div
                        class="modal drafts-dialog"
                        id="drafts-dialog"
                        role="dialog"
                        aria-modal="true"
                        aria-labelledby="drafts-title"
                        on:keydown=on_key
                    >
                        <h2 id="drafts-title">"草稿列表"</h2>
                        <p class="hint">"草稿保存在本浏览器中；换电脑或清除浏览器数据前，请导出文件。"</p>
                        {move || d.list_error.get().map(|e| view! {
                            <p class="dialog-error" id="drafts-error" role="alert">{e}</p>
                        })}
                        {body}
                        <div class="modal-actions">
                            <button type="button" id="btn-save-draft-here" on:click=move |_| keep_now(state)>
                                "将当前表单保存为草稿"
                            </button>
                            <button type="button" id="drafts-close" on:click=move |_| close()>"关闭"</button>
                        </div>
                    </div>
                </div>
            }
        })
    }
}
