//! The form in the browser's storage: the current draft (loaded once at
//! start-up, saved within 100 ms of a change), the named drafts, one editing
//! tab at a time, and the crash banner.
//!
//! - `draft`: the current draft, in content-defined pieces (`pieces`); an
//!   unreadable one is copied to a backup key that is never reused, before
//!   anything else is written, and offered as a download. When the backup
//!   cannot be written either, the draft key is left alone (no autosave).
//! - `autosave`: a change is saved at the first idle moment after a short
//!   window that gathers a burst of changes (at most ~70 ms), and at once when
//!   the page is hidden or goes away.
//! - `lock`: the tab that edits holds a Web Lock; another tab is read-only
//!   until the lock frees (the holder closed or crashed: the browser releases
//!   it at once) or the clerk takes over.
//! - `drafts`: named drafts (保存为草稿, 草稿列表), and the question asked
//!   before the form is replaced while it holds work kept nowhere else.
//! - `banner`: the storage banners, the crash banner.
//! - `catalogs` + `years_view`: the bureau catalogs kept per fiscal year, and
//!   next year's form from last year's file.

mod autosave;
mod banner;
pub mod catalogs;
mod draft;
pub mod drafts;
mod drafts_view;
mod lock;
pub mod pieces;
mod years_view;

pub use autosave::autosave;
pub use banner::{StorageBanner, crash_download, show_crash_banner};
pub use draft::{draft_text, load, save};
pub use drafts_view::{DraftsDialog, DraftsUi, ReplaceDialog, before_replace, keep_now};
pub use lock::start_tab_lock;
pub use years_view::{CatalogControls, NextYearButton};

use budget_core::Inputs;
use leptos::prelude::*;

/// Key of the current draft: the head of its pieces (`pieces`), or, as saved
/// before the pieces, the whole draft text.
pub const DRAFT_KEY: &str = "budget-form.draft.v1";
/// Prefix of the keys of the drafts' pieces (the rest of the key is the
/// piece's content hash, `pieces::key_of`). The current draft and the named
/// drafts share them.
pub const PIECE_PREFIX: &str = "budget-form.draft.piece.";
/// Prefix of the keys an unreadable draft is copied to (never overwritten).
pub const BACKUP_PREFIX: &str = "budget-form.draft.corrupt.";
/// `format` of a saved draft.
pub const DRAFT_FORMAT: &str = "budget-form-draft";
/// Version of the draft text (`{format, version, saved_at, inputs}`) this
/// program writes and reads.
pub const DRAFT_VERSION: u64 = 1;
/// The newest draft this program reads: a head of pieces (version 2) whose
/// pieces make a version 1 text.
const READS_UP_TO: u64 = pieces::HEAD_VERSION;

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

/// Storage state the banners, the autosave, the lock and the drafts share (in context).
#[derive(Clone, Copy)]
pub struct StorageUi {
    /// The unreadable draft, when there was one.
    pub backup: RwSignal<Option<Backup>>,
    /// Never write the draft key in this session.
    pub no_save: bool,
    /// Another tab holds the editing lock: this one is read-only.
    pub other_tab: RwSignal<bool>,
    /// This tab holds the editing lock (or the browser has no Web Locks, and
    /// every tab edits). Not reactive.
    holds: StoredValue<bool>,
    /// The revision of the inputs (`AppState::revision`) last kept somewhere
    /// besides the current draft: saved as a named draft, opened from one, or
    /// exported. Replacing the form at that revision loses nothing.
    kept: StoredValue<Option<u64>>,
}

impl StorageUi {
    /// From what [`load`] found.
    pub fn new(loaded: &Loaded) -> Self {
        StorageUi {
            backup: RwSignal::new(loaded.backup.clone()),
            no_save: loaded.read_only,
            other_tab: RwSignal::new(false),
            holds: StoredValue::new(false),
            kept: StoredValue::new(None),
        }
    }

    /// The one in context (a fresh one when none: component tests mount `Page` alone).
    pub fn get() -> Self {
        use_context::<StorageUi>().unwrap_or_else(|| StorageUi::new(&Loaded::default()))
    }

    /// True when this tab may write the draft now.
    pub fn may_save(&self) -> bool {
        !self.no_save && !self.other_tab.get_untracked() && self.holds.get_value()
    }

    /// The form as it is now is kept elsewhere (a named draft, an export).
    pub fn mark_kept(&self, revision: u64) {
        self.kept.set_value(Some(revision));
    }

    /// True when the form at `revision` is kept elsewhere.
    pub fn is_kept(&self, revision: u64) -> bool {
        self.kept.get_value() == Some(revision)
    }
}

fn storage() -> Result<web_sys::Storage, String> {
    let window = web_sys::window().ok_or("无浏览器窗口")?;
    match window.local_storage() {
        Ok(Some(s)) => Ok(s),
        _ => Err("浏览器本地存储不可用（可能处于隐私模式或已被禁用）".to_string()),
    }
}
