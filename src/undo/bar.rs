//! The form's 撤销 and 重做 buttons, the status line of the last edit or
//! undo, and Ctrl+Z / Ctrl+Y (Ctrl+Shift+Z) anywhere in the page.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;

use crate::state::AppState;
use crate::storage::StorageUi;

/// Attribute of the text boxes bound to the form (`fields.rs`): Ctrl+Z there
/// undoes the form's last step (the typing in that box, if it was the last).
/// Other text boxes (a search box, a 说明 under a finding) keep the browser's
/// own undo.
pub const FORM_FIELD: &str = "data-undo";

/// Whether Ctrl+Z on this element is the browser's (a text box that is not a
/// field of the form).
fn native_undo(target: Option<web_sys::EventTarget>) -> bool {
    let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return false;
    };
    let text_box = match el.tag_name().as_str() {
        "TEXTAREA" => true,
        "INPUT" => !matches!(
            el.get_attribute("type").as_deref(),
            Some("checkbox" | "radio" | "button" | "submit" | "file")
        ),
        _ => el.has_attribute("contenteditable"),
    };
    text_box && !el.has_attribute(FORM_FIELD)
}

/// Which command a key is: `Some(redo)` for Ctrl+Z (false), Ctrl+Y and
/// Ctrl+Shift+Z (true).
fn command(ev: &KeyboardEvent) -> Option<bool> {
    if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
        return None;
    }
    match ev.key().to_ascii_lowercase().as_str() {
        "z" => Some(ev.shift_key()),
        "y" => Some(true),
        _ => None,
    }
}

/// 撤销 / 重做 for the whole form and the line saying what was done. The
/// grids handle their own keys (Ctrl+Z in a cell being edited first ends the
/// edit, then undoes it, as in Excel) and mark the event handled; every other
/// Ctrl+Z of the page comes here.
#[component]
pub fn UndoBar() -> impl IntoView {
    let state = AppState::get();
    let ui = StorageUi::get();
    let undo = state.undo;
    // A read-only tab shows what another tab saved: its steps are not of that form.
    Effect::new(move || {
        if ui.other_tab.get() {
            undo.clear();
        }
    });
    let keys = window_event_listener(leptos::ev::keydown, move |ev: KeyboardEvent| {
        if ev.default_prevented() || ui.other_tab.get_untracked() {
            return;
        }
        let Some(redo) = command(&ev) else { return };
        if native_undo(ev.target()) {
            return;
        }
        ev.prevent_default();
        undo.step(redo);
    });
    on_cleanup(move || keys.remove());
    view! {
        <span class="undo-bar" role="group" aria-label="撤销与重做">
            <button type="button" id="btn-undo" title="Ctrl+Z" disabled=move || ui.other_tab.get() on:click=move |_| {
                undo.step(false);
            }>"撤销"</button>
            <button type="button" id="btn-redo" title="Ctrl+Y" disabled=move || ui.other_tab.get() on:click=move |_| {
                undo.step(true);
            }>"重做"</button>
            <span class="undo-status" id="undo-status" role="status" aria-live="polite">
                {move || undo.status.get()}
            </span>
        </span>
    }
}
