//! The grid's keyboard, as in Excel: arrows, Tab, Enter, Page Up/Down,
//! Home/End, F2, Esc, Delete, and the Ctrl shortcuts (select all, undo, redo,
//! fill down, insert and delete rows). The code picker's keys come first
//! (`cells/code.rs`).

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;

use super::body::ROW_H;
use super::controller::{Ctl, Mode};
use super::dom::caret_to_end;

impl Ctl {
    /// The grid's keyboard.
    pub(super) fn key(&self, ev: &KeyboardEvent) {
        let key = ev.key();
        let ctrl = ev.ctrl_key() || ev.meta_key();
        let shift = ev.shift_key();
        let mode = self.mode.get_untracked();
        let (r, c) = self.active.get_untracked();
        let last_row = self.len.get_untracked().saturating_sub(1);
        let last_col = self.ncols() - 1;
        let on_select = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|e| e.tag_name() == "SELECT");
        let done = |ev: &KeyboardEvent| ev.prevent_default();

        if self.picker_key(&key) {
            return done(ev);
        }

        if ctrl {
            match key.to_lowercase().as_str() {
                // Ctrl+A while editing selects the text of the cell.
                "a" if mode != Mode::Nav => return,
                "a" => self.select_all(),
                "z" if !shift => self.undo(false),
                "z" | "y" => self.undo(true),
                "d" => self.fill_down(),
                "home" => self.go((0, 0), shift),
                "end" => self.go((last_row, last_col), shift),
                "+" | "=" => self.insert(false),
                "-" => {
                    let (t, _, b, _) = self.selection();
                    self.delete_rows(t, b);
                }
                _ => return,
            }
            return done(ev);
        }
        if ev.alt_key() {
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
