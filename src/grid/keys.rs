//! The grid's keyboard, as in Excel: arrows, Tab, Enter, Page Up/Down,
//! Home/End, F2, Esc, Delete, and the Ctrl shortcuts (select all, undo, redo,
//! fill down). Rows are inserted and deleted with Ctrl+Alt+= and Ctrl+Alt+-,
//! as in Google Sheets: Ctrl+= and Ctrl+- stay the browser's zoom. On a
//! 收入来源/支出类型 list ↑/↓ move as on any cell and Alt+↓ opens the list.
//! The code picker's keys come first (`cells/code.rs`). Row `len` is the
//! blank row below the last, which typing and a paste make a row.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;

use super::body::ROW_H;
use super::controller::{Ctl, Mode};
use super::dom::{caret_to_end, focus_cell};

impl Ctl {
    /// The grid's keyboard.
    pub(super) fn key(&self, ev: &KeyboardEvent) {
        let key = ev.key();
        let ctrl = ev.ctrl_key() || ev.meta_key();
        let shift = ev.shift_key();
        let mode = self.mode.get_untracked();
        let target = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let on_select = target.as_ref().is_some_and(|e| e.tag_name() == "SELECT");
        let done = |ev: &KeyboardEvent| ev.prevent_default();

        if self.picker_key(&key) {
            return done(ev);
        }
        // Tab after a code typed in the picker: the code is taken above, and
        // Tab goes on to the next cell below.
        let alt = ev.alt_key();
        if ctrl && alt {
            // Ctrl+Alt+= / Ctrl+Alt+- (by key position: Alt may change the
            // character), as Google Sheets.
            match ev.code().as_str() {
                "Equal" | "NumpadAdd" => self.insert(false),
                "Minus" | "NumpadSubtract" => {
                    let (t, _, b, _) = self.selection();
                    self.delete_rows(t, b);
                }
                _ => return,
            }
            return done(ev);
        }
        // Navigation keys commit first: a row typed into the blank row is then
        // a row, and the moves below count it.
        let moves = matches!(
            key.as_str(),
            "Enter" | "Tab" | "ArrowUp" | "ArrowDown" | "PageUp" | "PageDown"
        ) || (mode != Mode::InPlace
            && matches!(key.as_str(), "ArrowLeft" | "ArrowRight"));
        if moves && !alt && !ctrl {
            self.commit();
        }
        let (r, c) = self.active.get_untracked();
        // The blank row below the last is the last a move reaches.
        let last_row = self.len.get_untracked();
        let last_col = self.ncols() - 1;
        // The grid itself has the focus (an empty grid reached by Tab): a
        // move or a character goes to the active cell, and the character
        // into it, as in a sheet.
        let on_grid = target
            .as_ref()
            .is_some_and(|e| e.class_name() == "grid-scroll");
        if on_grid && !ctrl && !alt && (moves || key.chars().count() == 1) {
            let id = self.cell_id((r.min(last_row), c));
            if !focus_cell(&id) {
                self.go((r, c), false);
            }
            if moves {
                done(ev);
            }
            return;
        }

        if ctrl {
            match key.to_ascii_lowercase().as_str() {
                // Ctrl+A while editing selects the text of the cell.
                "a" if mode != Mode::Nav => return,
                "a" => self.select_all(),
                "z" if !shift => self.undo(false),
                "z" | "y" => self.undo(true),
                "d" => self.fill_down(),
                "home" => self.go((0, 0), shift),
                // The last row of the form (the blank row when there is none).
                "end" => self.go((last_row.saturating_sub(1), last_col), shift),
                // Ctrl+=, Ctrl+- and the rest stay the browser's (zoom).
                _ => return,
            }
            return done(ev);
        }
        if alt {
            // Alt+↓ on a list opens it (the browser's own key where it has
            // one; `showPicker` where it has not).
            if on_select && key == "ArrowDown" && target.as_ref().is_some_and(show_picker) {
                done(ev);
            }
            return;
        }
        match key.as_str() {
            "Escape" if mode != Mode::Nav => {
                self.cancel();
                done(ev);
            }
            "F2" => {
                if mode == Mode::Nav {
                    self.mode.set(Mode::InPlace);
                    caret_to_end(&self.cell_id((r, c)));
                }
                done(ev);
            }
            "Enter" => {
                let down = if shift {
                    r.saturating_sub(1)
                } else {
                    (r + 1).min(last_row)
                };
                self.go((down, c), false);
                done(ev);
            }
            "Tab" => {
                let next = if shift {
                    if c > 0 {
                        Some((r, c - 1))
                    } else if r > 0 {
                        Some((r - 1, last_col))
                    } else {
                        None
                    }
                } else if c < last_col {
                    Some((r, c + 1))
                } else if r < last_row {
                    Some((r + 1, 0))
                } else {
                    None
                };
                if let Some(p) = next {
                    self.go(p, false);
                    done(ev);
                } else {
                    self.commit();
                }
            }
            "ArrowUp" | "ArrowDown" => {
                let to = if key == "ArrowUp" {
                    r.saturating_sub(1)
                } else {
                    (r + 1).min(last_row)
                };
                self.go((to, c), shift);
                done(ev);
            }
            "ArrowLeft" | "ArrowRight" if mode != Mode::InPlace => {
                let to = if key == "ArrowLeft" {
                    c.saturating_sub(1)
                } else {
                    (c + 1).min(last_col)
                };
                self.go((r, to), shift);
                done(ev);
            }
            "PageUp" | "PageDown" => {
                let page = (self.view_h.get_untracked() / ROW_H).max(1.0) as usize;
                let to = if key == "PageUp" {
                    r.saturating_sub(page)
                } else {
                    (r + page).min(last_row)
                };
                self.go((to, c), shift);
                done(ev);
            }
            "Home" | "End" if mode != Mode::InPlace => {
                self.go((r, if key == "Home" { 0 } else { last_col }), shift);
                done(ev);
            }
            "Delete" if mode == Mode::Nav => {
                self.clear();
                done(ev);
            }
            " " if on_select && mode == Mode::Nav => {}
            _ => {}
        }
    }
}

/// Open a `<select>`'s list (`HTMLSelectElement.showPicker`, read through
/// Reflect: no extra web-sys feature); false when the browser cannot.
fn show_picker(el: &web_sys::Element) -> bool {
    use wasm_bindgen::JsValue;
    js_sys::Reflect::get(el, &JsValue::from_str("showPicker"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .is_some_and(|f| f.call0(el).is_ok())
}
