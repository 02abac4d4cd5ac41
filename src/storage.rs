//! The draft in localStorage: load once at start-up, save (debounced) on change,
//! one editing tab at a time, and the crash banner.
//!
//! No work is ever overwritten: a draft that cannot be read (corrupted, or saved
//! by a newer program) is copied to a backup key that is never reused, before
//! anything else is written, and the banner offers it as a download. When the
//! backup cannot be written either, the draft key is left alone (no autosave).
//!
//! Two tabs on the same draft: each page load has a random tab id; the tab that
//! edits holds a lock (`LOCK_KEY`: tab id + time) and refreshes it every second.
//! A tab that finds a fresh lock of another tab is read-only (its form inert, no
//! autosave) and mirrors the draft the other tab saves, until the clerk chooses
//! 在此标签页继续编辑, which reloads the draft and takes the lock; the other tab
//! then learns it (storage event or its next heartbeat) and becomes read-only.

use std::collections::HashSet;
use std::time::Duration;

use budget_core::Inputs;
use budget_core::pieces;
use leptos::prelude::*;
use serde_json::{Value, json};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

use crate::state::AppState;
use crate::web;

/// Key of the current draft: the head of its pieces (`budget_core::pieces`),
/// or, as saved before the pieces, the whole draft text.
pub const DRAFT_KEY: &str = "budget-form.draft.v1";
/// Prefix of the keys of the draft's pieces (the rest of the key is the
/// piece's content hash, `pieces::key_of`).
pub const PIECE_PREFIX: &str = "budget-form.draft.piece.";
/// Prefix of the keys an unreadable draft is copied to (never overwritten).
pub const BACKUP_PREFIX: &str = "budget-form.draft.corrupt.";
/// Key of the editing lock: `{"tab": id, "at": ms since epoch}`.
pub const LOCK_KEY: &str = "budget-form.draft.lock";
/// `format` of a saved draft.
pub const DRAFT_FORMAT: &str = "budget-form-draft";
/// Version of the draft text (`{format, version, saved_at, inputs}`) this
/// program writes and reads.
pub const DRAFT_VERSION: u64 = 1;
/// The newest draft this program reads: a head of pieces (version 2) whose
/// pieces make a version 1 text.
const READS_UP_TO: u64 = pieces::HEAD_VERSION;
/// Heartbeat of the editing tab.
const HEARTBEAT: Duration = Duration::from_millis(1000);
/// A lock not refreshed for this long belongs to a closed tab.
const STALE_MS: f64 = 4000.0;

/// Shown to a tab that is not the editing one.
pub const OTHER_TAB_MESSAGE: &str = "此草稿已在另一个标签页中打开：为免互相覆盖，本标签页暂为只读，显示另一个标签页保存的内容。如需在此编辑，请点击“在此标签页继续编辑”（另一个标签页将变为只读）。";

/// An unreadable draft kept aside, offered as a download.
#[derive(Debug, Clone, PartialEq)]
pub struct Backup {
    /// File name of the download.
    pub name: String,
    /// The draft exactly as it was found.
    pub text: String,
}

/// What was found in storage at start-up.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The draft, when there was a readable one.
    pub inputs: Option<Inputs>,
    /// A problem to show in the banner.
    pub problem: Option<String>,
    /// True when the draft key must not be written (an unreadable draft could not be backed up).
    pub read_only: bool,
    /// The unreadable draft, for the 下载备份 button.
    pub backup: Option<Backup>,
}

/// Storage state the banner and autosave share (in context).
#[derive(Clone, Copy)]
pub struct StorageUi {
    /// The unreadable draft, when there was one.
    pub backup: RwSignal<Option<Backup>>,
    /// Never write the draft key in this session.
    pub no_save: bool,
    /// Another tab holds the editing lock: this one is read-only.
    pub other_tab: RwSignal<bool>,
    /// This page load's tab id.
    tab: StoredValue<String>,
}

impl StorageUi {
    /// From what [`load`] found.
    pub fn new(loaded: &Loaded) -> Self {
        let tab = format!(
            "{:x}-{:x}",
            (js_sys::Math::random() * 4_294_967_296.0) as u64,
            js_sys::Date::now() as u64
        );
        StorageUi {
            backup: RwSignal::new(loaded.backup.clone()),
            no_save: loaded.read_only,
            other_tab: RwSignal::new(false),
            tab: StoredValue::new(tab),
        }
    }

    /// The one in context (a fresh one when none: component tests mount `Page` alone).
    pub fn get() -> Self {
        use_context::<StorageUi>().unwrap_or_else(|| StorageUi::new(&Loaded::default()))
    }

    /// True when this tab may write the draft now; finding another tab's fresh
    /// lock makes this tab read-only (it may have missed the storage event).
    pub fn check_before_save(&self) -> bool {
        if !self.may_save() {
            return false;
        }
        match storage() {
            Ok(s) if locked_by_other(&s, &self.tab.get_value()) => {
                self.other_tab.set(true);
                false
            }
            _ => true,
        }
    }

    /// True when this tab may write the draft now.
    pub fn may_save(&self) -> bool {
        !self.no_save && !self.other_tab.get_untracked()
    }
}

fn storage() -> Result<web_sys::Storage, String> {
    let window = web_sys::window().ok_or("无浏览器窗口")?;
    match window.local_storage() {
        Ok(Some(s)) => Ok(s),
        _ => Err("浏览器本地存储不可用（可能处于隐私模式或已被禁用）".to_string()),
    }
}

/// How a stored draft text reads.
enum Draft {
    Ok(Box<Inputs>),
    /// Saved by a newer program (its version).
    Newer(u64),
    /// Not readable (the reason).
    Bad(String),
}

/// Read a draft text: `{format, version, saved_at, inputs}`, or the bare inputs
/// earlier versions saved.
///
/// A draft this program saved is read in one pass, as an import reads a file
/// (`file::read_wrapped`): no value tree of the whole form at start-up. Any
/// other text (an old bare-inputs draft, a newer or broken one) is read the
/// long way below, which gives the messages.
fn parse_draft(text: &str) -> Draft {
    if let Some(w) = budget_core::file::read_wrapped(text)
        && w.format == DRAFT_FORMAT
        && w.version == DRAFT_VERSION
    {
        return Draft::Ok(Box::new(w.inputs));
    }
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return Draft::Bad(format!("不是有效的 JSON：{e}")),
    };
    let inputs_text = match value.get("format") {
        Some(Value::String(f)) if f == DRAFT_FORMAT => {
            match value.get("version").and_then(Value::as_u64) {
                Some(DRAFT_VERSION) => {}
                Some(v) if v > READS_UP_TO => return Draft::Newer(v),
                Some(READS_UP_TO) => return Draft::Bad("草稿分段目录无法读取".to_string()),
                _ => return Draft::Bad("草稿版本号无效".to_string()),
            }
            match value.get("inputs") {
                Some(inputs) => inputs.to_string(),
                None => return Draft::Bad("草稿缺少 inputs".to_string()),
            }
        }
        Some(_) => return Draft::Bad("不是本程序的草稿".to_string()),
        None => text.to_string(),
    };
    match budget_core::file::read_inputs(&inputs_text) {
        Ok(inputs) => Draft::Ok(Box::new(inputs)),
        Err(e) => Draft::Bad(e.to_string()),
    }
}

/// The draft text under `DRAFT_KEY` (`stored`): the pieces its head lists
/// put together, or the text itself (saved whole, before the pieces). When it
/// cannot be had, why, with the text a backup keeps: the head of a newer
/// program as it is, or every piece found, in order.
fn unpiece(s: &web_sys::Storage, stored: String) -> Result<String, (Draft, String)> {
    match pieces::Head::read(&stored) {
        None => Ok(stored),
        Some(head) if head.version > READS_UP_TO => Err((Draft::Newer(head.version), stored)),
        Some(head) => pieces::assemble(&head, |key| get_piece(s, key))
            .map_err(|(e, found)| (Draft::Bad(format!("草稿分段不完整：{e}")), found)),
    }
}

/// A draft as stored under `DRAFT_KEY`, read, with the text a backup keeps.
fn open_stored(s: &web_sys::Storage, stored: String) -> (Draft, String) {
    match unpiece(s, stored) {
        Ok(text) => (parse_draft(&text), text),
        Err(not) => not,
    }
}

fn get_piece(s: &web_sys::Storage, key: &str) -> Option<String> {
    s.get_item(&format!("{PIECE_PREFIX}{key}")).ok().flatten()
}

/// The draft's text as stored (its pieces put together), when it is complete.
fn stored_text(s: &web_sys::Storage) -> Option<String> {
    unpiece(s, s.get_item(DRAFT_KEY).ok()??).ok()
}

/// Copy `text` to a backup key not used before; the key, or None when it cannot be written.
fn write_backup(s: &web_sys::Storage, text: &str) -> Option<String> {
    let stamp = web::now_iso();
    for n in 0..100 {
        let key = if n == 0 {
            format!("{BACKUP_PREFIX}{stamp}")
        } else {
            format!("{BACKUP_PREFIX}{stamp}-{n}")
        };
        match s.get_item(&key) {
            Ok(None) => return s.set_item(&key, text).ok().map(|()| key),
            Ok(Some(_)) => continue,
            Err(_) => return None,
        }
    }
    None
}

/// Read the draft.
pub fn load() -> Loaded {
    let s = match storage() {
        Ok(s) => s,
        Err(e) => {
            return Loaded {
                problem: Some(format!("{e}：本次填写不会自动保存，请及时导出文件。")),
                read_only: true,
                ..Loaded::default()
            };
        }
    };
    let text = match s.get_item(DRAFT_KEY) {
        Ok(Some(t)) => t,
        Ok(None) => return Loaded::default(),
        Err(_) => {
            return Loaded {
                problem: Some("无法读取本地草稿：本次填写不会自动保存，请及时导出文件。".into()),
                read_only: true,
                ..Loaded::default()
            };
        }
    };
    let (draft, text) = open_stored(&s, text);
    let what = match draft {
        Draft::Ok(inputs) => {
            return Loaded {
                inputs: Some(*inputs),
                ..Loaded::default()
            };
        }
        Draft::Newer(v) => format!(
            "本地草稿由更新版本的程序保存（草稿第 {v} 版，本程序最高只能读取第 {READS_UP_TO} 版）"
        ),
        Draft::Bad(reason) => format!("本地草稿已损坏（{reason}）"),
    };
    let stamp = web::now_iso().replace([':', '.'], "-");
    let backup = Some(Backup {
        name: format!("budget-form-draft-backup-{stamp}.json"),
        text: text.clone(),
    });
    match write_backup(&s, &text) {
        Some(key) => Loaded {
            problem: Some(format!(
                "{what}，无法在此打开；原内容已原样另存为备份（localStorage 键“{key}”），可点击“下载备份”保存为文件。已开始新的填写。"
            )),
            backup,
            ..Loaded::default()
        },
        None => Loaded {
            problem: Some(format!(
                "{what}，且无法另存备份；为保护原内容，本次填写不会自动保存。请点击“下载备份”保存原内容，并及时导出文件。"
            )),
            read_only: true,
            backup,
            ..Loaded::default()
        },
    }
}

/// The draft as saved: `{format, version, saved_at, inputs}`.
///
/// Written straight from the model (no `serde_json::Value` of the whole form)
/// by `file::json_lines`, the serializer the file export uses, with every
/// character outside ASCII escaped (`file::ascii_only`): JavaScript then holds
/// the text one byte a character, which cut the autosave of a 10,000-row
/// draft from ~34 to ~22 ms (bench, release build; passing the text to
/// JavaScript and `setItem` are the parts that got shorter).
pub fn draft_text(inputs: &Inputs, saved_at: &str) -> Result<String, String> {
    #[derive(serde::Serialize)]
    struct Draft<'a> {
        format: &'a str,
        version: u64,
        saved_at: &'a str,
        inputs: &'a Inputs,
    }
    budget_core::file::json_lines(&Draft {
        format: DRAFT_FORMAT,
        version: DRAFT_VERSION,
        saved_at,
        inputs,
    })
    .map(budget_core::file::ascii_only)
    .map_err(|e| format!("草稿无法保存：{e}"))
}

/// Write the draft: its pieces not yet in storage, then the head that lists
/// them, then remove the pieces no longer listed (`budget_core::pieces`). An
/// amount typed into a 10,000-row form rewrites one piece of ~13 KB and the
/// ~2 KB head instead of 1.26 M characters, and a save cut off half way leaves
/// the previous head with all its pieces.
pub fn save(inputs: &Inputs) -> Result<(), String> {
    let saved_at = web::now_iso();
    let text = draft_text(inputs, &saved_at)?;
    let s = storage().map_err(|e| format!("自动保存失败：{e}。可继续填写，但请及时导出文件。"))?;
    let parts = pieces::split(&text);
    let mut stored = piece_keys(&s);
    let mut write_pieces = || {
        for p in &parts {
            if !stored.contains(p.key.as_str()) {
                s.set_item(&format!("{PIECE_PREFIX}{}", p.key), p.text)?;
                stored.insert(p.key.clone());
            }
        }
        Ok(())
    };
    let head = pieces::Head::of(&parts, &saved_at)
        .to_text()
        .map_err(|e| format!("草稿无法保存：{e}"))?;
    let written = write_pieces().and_then(|()| s.set_item(DRAFT_KEY, &head));
    // Keep the pieces of the head now in storage (the new one, or the old one
    // when a write failed), remove the rest.
    let listed: HashSet<String> = match written {
        Ok(()) => parts.into_iter().map(|p| p.key).collect(),
        Err(_) => s
            .get_item(DRAFT_KEY)
            .ok()
            .flatten()
            .and_then(|t| pieces::Head::read(&t))
            .map(|h| h.pieces.into_iter().collect())
            .unwrap_or_default(),
    };
    for key in stored.difference(&listed) {
        s.remove_item(&format!("{PIECE_PREFIX}{key}")).ok();
    }
    written.map_err(|_| {
        "自动保存失败：浏览器存储空间已满或不可写。可继续填写，但请及时导出文件。".to_string()
    })
}

/// The keys (without the prefix) of the pieces in storage.
fn piece_keys(s: &web_sys::Storage) -> HashSet<String> {
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|k| s.key(k).ok().flatten())
        .filter_map(|k| k.strip_prefix(PIECE_PREFIX).map(str::to_string))
        .collect()
}

/// Autosave delay after the last change.
const SAVE_DELAY: Duration = Duration::from_millis(250);
/// After the delay, the save waits for an idle moment at most this long (ms).
const IDLE_TIMEOUT_MS: f64 = 2000.0;

/// Save the inputs `SAVE_DELAY` after the last change, at the browser's next
/// idle moment (never in a read-only tab, nor over a draft that could not be
/// backed up). Saving 10,000 rows takes tens of milliseconds (the text, then
/// `setItem`): after an import or a paste it must not land in the frames that
/// show the result. A change not yet saved is saved at once when the page is
/// hidden or goes away (`visibilitychange`, `pagehide`), so a reload right
/// after an import keeps it.
pub fn autosave(state: AppState, ui: StorageUi) {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    // A change not yet saved (cleared by the save that writes it).
    let dirty = StoredValue::new(false);
    let save_error = RwSignal::new(false);
    let save_now = move || {
        if !dirty.try_get_value().unwrap_or(false) {
            return;
        }
        dirty.set_value(false);
        if let Some(h) = pending.try_update_value(Option::take).flatten() {
            h.clear();
        }
        if !ui.check_before_save() {
            return;
        }
        match state.inputs.with_untracked(save) {
            Ok(()) => {
                state.saved_at.set(Some(web::now_hms()));
                if save_error.get_untracked() {
                    save_error.set(false);
                    state.storage_banner.set(None);
                }
            }
            Err(e) => {
                save_error.set(true);
                state.saved_at.set(None);
                state.storage_banner.set(Some(e));
            }
        }
    };
    Effect::new(move |first: Option<()>| {
        state.inputs.track();
        if first.is_none() || !ui.may_save() {
            return;
        }
        dirty.set_value(true);
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || web::when_idle(save_now, IDLE_TIMEOUT_MS),
            SAVE_DELAY,
        )
        .ok();
        pending.set_value(handle);
    });
    let Some(window) = web_sys::window() else {
        return;
    };
    let flush = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let hidden = web_sys::window()
            .and_then(|w| w.document())
            .is_none_or(|d| d.hidden());
        if hidden || ev.type_() == "pagehide" {
            save_now();
        }
    });
    for event in ["pagehide", "visibilitychange"] {
        window
            .add_event_listener_with_callback(event, flush.as_ref().unchecked_ref())
            .ok();
    }
    flush.forget();
}

/// The lock holder and the time of its last heartbeat.
fn read_lock(s: &web_sys::Storage) -> Option<(String, f64)> {
    let text = s.get_item(LOCK_KEY).ok()??;
    let v: Value = serde_json::from_str(&text).ok()?;
    Some((v.get("tab")?.as_str()?.to_string(), v.get("at")?.as_f64()?))
}

fn write_lock(s: &web_sys::Storage, tab: &str) {
    let text = json!({ "tab": tab, "at": js_sys::Date::now() }).to_string();
    s.set_item(LOCK_KEY, &text).ok();
}

/// True when another tab holds a fresh lock.
fn locked_by_other(s: &web_sys::Storage, tab: &str) -> bool {
    matches!(read_lock(s), Some((other, at)) if other != tab && js_sys::Date::now() - at < STALE_MS)
}

/// In a read-only tab: show what the editing tab saved. The head is compared
/// with the one last shown first: the heartbeat runs this every second, and
/// reading a 10,000-row draft takes a while.
fn mirror_draft(state: AppState, s: &web_sys::Storage) {
    thread_local! {
        static SHOWN: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    let Ok(Some(stored)) = s.get_item(DRAFT_KEY) else {
        return;
    };
    if SHOWN.with_borrow(|shown| *shown == stored) {
        return;
    }
    if let (Draft::Ok(inputs), _) = open_stored(s, stored.clone()) {
        SHOWN.set(stored);
        if state.inputs.with_untracked(|now| *now != *inputs) {
            state.inputs.set(*inputs);
        }
    }
}

/// One lock check: keep or lose the lock (editing tab), or mirror (read-only tab).
fn tick(state: AppState, ui: StorageUi) {
    let Ok(s) = storage() else { return };
    let tab = ui.tab.get_value();
    if ui.other_tab.get_untracked() {
        mirror_draft(state, &s);
    } else if locked_by_other(&s, &tab) {
        ui.other_tab.set(true);
        mirror_draft(state, &s);
    } else if !ui.no_save {
        write_lock(&s, &tab);
    }
}

/// Take the lock (or find another tab's), then heartbeat, listen to the other
/// tabs' storage events, and release the lock when the page goes away.
pub fn start_tab_lock(state: AppState, ui: StorageUi) {
    let Ok(s) = storage() else { return };
    let tab = ui.tab.get_value();
    if locked_by_other(&s, &tab) {
        ui.other_tab.set(true);
    } else if !ui.no_save {
        write_lock(&s, &tab);
    }
    set_interval(move || tick(state, ui), HEARTBEAT);
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_storage = Closure::<dyn Fn()>::new(move || tick(state, ui));
    window
        .add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref())
        .ok();
    on_storage.forget();
    let on_hide = Closure::<dyn Fn()>::new(move || {
        if let Ok(s) = storage()
            && matches!(read_lock(&s), Some((t, _)) if t == ui.tab.get_value())
        {
            s.remove_item(LOCK_KEY).ok();
        }
    });
    window
        .add_event_listener_with_callback("pagehide", on_hide.as_ref().unchecked_ref())
        .ok();
    on_hide.forget();
}

/// 在此标签页继续编辑: reload the latest draft, then take the lock.
pub fn take_over(state: AppState, ui: StorageUi) {
    if let Ok(s) = storage() {
        mirror_draft(state, &s);
        write_lock(&s, &ui.tab.get_value());
    }
    ui.other_tab.set(false);
}

/// The storage banners: a problem (with 下载备份 when a draft was kept aside) and
/// the other-tab notice (with 在此标签页继续编辑).
#[component]
pub fn StorageBanner() -> impl IntoView {
    let state = AppState::get();
    let ui = StorageUi::get();
    let download_backup = move |_| {
        if let Some(b) = ui.backup.get_untracked()
            && let Err(e) = web::download(&b.name, &b.text, "application/json")
        {
            state.storage_banner.set(Some(e));
        }
    };
    view! {
        {move || {
            state
                .storage_banner
                .get()
                .map(|m| {
                    view! {
                        <div class="banner" role="alert" id="storage-banner">
                            <span>{m}</span>
                            <Show when=move || ui.backup.with(Option::is_some)>
                                " "
                                <button type="button" id="btn-download-backup" on:click=download_backup>
                                    "下载备份"
                                </button>
                            </Show>
                        </div>
                    }
                })
        }}
        <Show when=move || ui.other_tab.get()>
            <div class="banner" role="alert" id="tab-banner">
                <span>{OTHER_TAB_MESSAGE}</span>
                " "
                <button type="button" id="btn-take-over" on:click=move |_| take_over(state, ui)>
                    "在此标签页继续编辑"
                </button>
            </div>
        </Show>
        <PanicTest />
    }
}

/// With `?panic-test=1` in the address: a button that panics, to test the crash
/// banner (tests/e2e/reliability.test.mjs). Nothing is shown otherwise.
#[component]
fn PanicTest() -> impl IntoView {
    let on = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|q| q.contains("panic-test=1"));
    on.then(|| {
        view! {
            <button type="button" id="panic-test" on:click=|_| panic!("panic-test: 测试用的程序错误")>
                "触发程序错误（测试）"
            </button>
        }
    })
}

/// The file name and content offered by the crash banner: the inputs of the last
/// autosave as bare inputs JSON (the import reads it), named `<code>-<year>-draft.json`.
pub fn crash_download() -> Option<(String, String)> {
    let text = stored_text(&storage().ok()?)?;
    let value: Value = serde_json::from_str(&text).ok()?;
    let inputs = match value.get("format") {
        Some(_) => value.get("inputs")?.clone(),
        None => value,
    };
    let unit = inputs.get("unit");
    let code = unit
        .and_then(|u| u.get("code"))
        .and_then(Value::as_str)
        .map(|c| {
            c.chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect::<String>()
        })
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| "budget-form".to_string());
    let year = unit
        .and_then(|u| u.get("fiscal_year"))
        .and_then(Value::as_u64)
        .map(|y| y.to_string())
        .unwrap_or_else(|| "0000".to_string());
    let body = serde_json::to_string_pretty(&inputs).ok()?;
    Some((format!("{code}-{year}-draft.json"), body))
}

/// Called by the panic hook: a banner in plain DOM (the Leptos tree may be dead)
/// with a 下载当前数据 link to the last autosave. The link is a `blob:` URL with a
/// `download` name, so saving needs no more Rust code to run.
pub fn show_crash_banner() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if doc.get_element_by_id("crash-banner").is_some() {
        return;
    }
    let (Ok(div), Ok(p)) = (doc.create_element("div"), doc.create_element("p")) else {
        return;
    };
    div.set_id("crash-banner");
    div.set_class_name("banner crash");
    div.set_attribute("role", "alert").ok();
    if let Some(h) = div.dyn_ref::<web_sys::HtmlElement>() {
        let st = h.style();
        for (k, v) in [
            ("position", "fixed"),
            ("top", "0"),
            ("left", "0"),
            ("right", "0"),
            ("z-index", "1000"),
            ("font-size", "16px"),
        ] {
            st.set_property(k, v).ok();
        }
    }
    let download = crash_download();
    p.set_text_content(Some(match download {
        Some(_) => {
            "程序出错，您的数据已自动保存。请点击“下载当前数据”保存一份文件，然后刷新页面继续填写。"
        }
        None => "程序出错。本地没有自动保存的数据（浏览器存储不可用或尚未保存）；请刷新页面。",
    }));
    div.append_child(&p).ok();
    if let Some((name, body)) = download
        && let Ok(a) = doc.create_element("a")
    {
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&body));
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type("application/json");
        if let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
            && let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob)
        {
            a.set_id("btn-crash-download");
            a.set_class_name("button");
            a.set_attribute("href", &url).ok();
            a.set_attribute("download", &name).ok();
            a.set_attribute("role", "button").ok();
            a.set_text_content(Some("下载当前数据"));
            div.append_child(&a).ok();
        }
    }
    if let Some(body) = doc.body() {
        body.insert_before(&div, body.first_child().as_ref()).ok();
    }
}
