//! Save the form within 100 ms of a change.
//!
//! The first change after a save opens a short window (`GATHER`): the changes
//! that follow within it (a burst of keystrokes, a paste's many cells) ride
//! on the same save. At the end of the window the save waits for the
//! browser's next idle moment, at most `IDLE_WITHIN_MS`: after an import or a
//! paste the frame that shows the result is painted first. A change is thus
//! written ~40–70 ms after it is made, not after a quiet moment: killing the
//! browser 300 ms after typing lost the edit when the save waited for 250 ms
//! of quiet (issue 28). A change not yet saved is saved at once when the page
//! is hidden or goes away (`visibilitychange`, `pagehide`), and before this
//! tab hands the lock to another (`flush`).

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

use super::{StorageUi, save};
use crate::state::AppState;
use crate::web;

/// The window that gathers a burst of changes into one save.
const GATHER: Duration = Duration::from_millis(40);
/// After the window, the save waits for an idle moment at most this long (ms).
const IDLE_WITHIN_MS: f64 = 30.0;

thread_local! {
    /// Saves the change not yet saved, at once (set by `autosave`).
    static FLUSH: RefCell<Option<Rc<dyn Fn()>>> = const { RefCell::new(None) };
}

/// Save at once the change not yet saved, if any (and if this tab may save).
pub(super) fn flush() {
    if let Some(f) = FLUSH.with_borrow(Clone::clone) {
        f();
    }
}

/// Save the inputs after each change (never in a read-only tab, nor over a
/// draft that could not be backed up); see the module's comment.
pub fn autosave(state: AppState, ui: StorageUi) {
    // A save is on its way (its timer or idle callback is pending).
    let coming = StoredValue::new(false);
    // A change not yet saved (cleared by the save that writes it).
    let dirty = StoredValue::new(false);
    let save_error = RwSignal::new(false);
    let save_now = move || {
        if !dirty.try_get_value().unwrap_or(false) || !ui.may_save() {
            return;
        }
        dirty.set_value(false);
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
    let flush: Rc<dyn Fn()> = Rc::new(save_now);
    FLUSH.set(Some(flush));
    Effect::new(move |first: Option<()>| {
        state.inputs.track();
        // A read-only tab shows the other tab's saves: nothing of its own.
        if first.is_none() || ui.no_save || ui.other_tab.get_untracked() {
            return;
        }
        dirty.set_value(true);
        if coming.get_value() {
            return;
        }
        coming.set_value(true);
        set_timeout(
            move || {
                web::when_idle(
                    move || {
                        coming.try_set_value(false);
                        save_now();
                    },
                    IDLE_WITHIN_MS,
                )
            },
            GATHER,
        );
    });
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_hide = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let hidden = web_sys::window()
            .and_then(|w| w.document())
            .is_none_or(|d| d.hidden());
        if hidden || ev.type_() == "pagehide" {
            save_now();
        }
    });
    for event in ["pagehide", "visibilitychange"] {
        window
            .add_event_listener_with_callback(event, on_hide.as_ref().unchecked_ref())
            .ok();
    }
    on_hide.forget();
}
