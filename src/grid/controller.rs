//! The controller of one grid: the selection, the active cell and its
//! editing mode, and the commands (edit, commit, undo, row commands) that turn
//! the clerk's actions into steps on the inputs. Keys are in `keys.rs`, the
//! clipboard in `clipboard.rs`, the code picker in `cells/code.rs`.

use std::sync::Arc;

use budget_core::Inputs;
use leptos::prelude::*;

use super::body::ROW_H;
use super::cells::code::Picker;
use super::column::{Kind, code_of};
use super::dom::{document, focus_cell, select_all, set_value};
use super::model::{Meta, Model, Plan, Snap};
use super::select::{Pos, Selection};
use crate::paths::path_id;
use crate::state::AppState;

/// Set `signal` to `value` only when it differs: a set notifies every
/// subscriber, and the controller's signals (mode, picker, selection) are
/// read by every visible cell, so a redundant set on each keystroke re-ran
/// hundreds of cell memos.
pub(super) fn set_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|old| *old != value) {
        signal.set(value);
    }
}

/// Editing state of the active cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// Moving: arrows move, typing replaces the cell.
    Nav,
    /// Typing replaced the cell: arrows commit and move.
    Typed,
    /// F2 / double click: arrows move the caret.
    InPlace,
}

/// The controller of one grid; `Copy`, shared by all its cells. It does not
/// know the row type: rows are reached through `model` (see `model.rs`).
#[derive(Clone, Copy)]
pub(super) struct Ctl {
    pub(super) spec: StoredValue<Arc<Meta>>,
    pub(super) model: StoredValue<Arc<dyn Model>>,
    pub(super) state: AppState,
    pub(super) active: RwSignal<Pos>,
    pub(super) anchor: RwSignal<Pos>,
    /// Ctrl+A: every cell is selected (see `Selection`).
    pub(super) all: RwSignal<bool>,
    pub(super) mode: RwSignal<Mode>,
    /// The row as it was when the current edit began (Esc and undo).
    pub(super) origin: StoredValue<Option<(usize, Snap)>>,
    /// Text typed into a code cell, or into the blank row below the last,
    /// held until the edit is committed: a code is read (`201 03 01` →
    /// 2010301) and checked once the clerk has chosen it, not at every
    /// keystroke, and the blank row becomes a row only when something is
    /// typed into it.
    pub(super) pending: StoredValue<Option<(Pos, String)>>,
    pub(super) status: RwSignal<String>,
    pub(super) scroll: RwSignal<f64>,
    pub(super) view_h: RwSignal<f64>,
    pub(super) picker: RwSignal<Option<Picker>>,
    pub(super) len: ReadSignal<usize>,
}

impl Ctl {
    pub(super) fn ncols(&self) -> usize {
        self.spec.with_value(|s| s.columns.len())
    }
    pub(super) fn cell_path(&self, (r, c): Pos) -> String {
        self.spec
            .with_value(|s| format!("{}[{r}].{}", s.path, s.columns[c].key))
    }
    pub(super) fn cell_id(&self, p: Pos) -> String {
        let derived = self
            .spec
            .with_value(|s| s.columns.get(p.1).is_none_or(|c| !c.editable()));
        if p.0 >= self.len.get_untracked() {
            // The blank row's cells have no path: no finding names them, and
            // none of their ids is a row's the blank row turns into.
            format!(
                "grid-{}-new-{}",
                self.spec.with_value(|s| s.id.clone()),
                p.1
            )
        } else if derived {
            format!(
                "grid-{}-{}-{}",
                self.spec.with_value(|s| s.id.clone()),
                p.0,
                p.1
            )
        } else {
            path_id(&self.cell_path(p))
        }
    }
    pub(super) fn model(&self) -> Arc<dyn Model> {
        self.model.get_value()
    }
    /// A step planned on the current rows.
    pub(super) fn plan(&self, f: impl FnOnce(&dyn Model, &Inputs) -> Plan) -> Plan {
        let m = self.model();
        self.state.inputs.with_untracked(|i| f(&*m, i))
    }

    /// Apply the ops of one step to the inputs in one update and record them.
    pub(super) fn run(&self, label: &str, plan: Plan) {
        if plan.is_empty() {
            return;
        }
        let m = self.model();
        let mut ok = true;
        self.state.inputs.update(|i| {
            ok = m.apply(i, &plan);
        });
        if ok {
            m.record(label, plan);
        }
    }

    /// Finish the edit of the active cell: one undo step if it changed anything.
    pub(super) fn commit(&self) {
        self.commit_pending();
        let Some((r, old)) = self.origin.try_update_value(Option::take).flatten() else {
            set_changed(self.mode, Mode::Nav);
            set_changed(self.picker, None);
            return;
        };
        let m = self.model();
        let now = self.state.inputs.with_untracked(|i| m.snap(i, r));
        if let Some(new) = now
            && new != old
        {
            m.edited(r, &old, &new);
        }
        set_changed(self.mode, Mode::Nav);
        set_changed(self.picker, None);
    }

    /// Store the text held for a code cell or the blank row (see `pending`):
    /// a code as its plain code; in the blank row, a new last row.
    fn commit_pending(&self) {
        let Some((p, text)) = self.pending.try_update_value(Option::take).flatten() else {
            return;
        };
        let m = self.model();
        let id = self.cell_id(p);
        if p.0 >= self.len.get_untracked() {
            // The blank row shows blank again; the new row below shows the text.
            set_value(&id, "");
            let plan = self.plan(|m, i| m.paste(i, &[vec![text]], p).0);
            self.run("添加行", plan);
            return;
        }
        let text = match self.spec.with_value(|s| s.columns[p.1].kind) {
            Kind::Code(_) => code_of(&text),
            _ => text,
        };
        let old = self.state.inputs.with_untracked(|i| m.snap(i, p.0));
        if let Some(old) = old
            && m.text(&old, p.1) != text
        {
            self.state.inputs.update(|i| m.set(i, p, &text));
            if let Some(new) = self.state.inputs.with_untracked(|i| m.snap(i, p.0)) {
                m.edited(p.0, &old, &new);
            }
        }
        // The cell shows what is stored (the plain code), also when that is
        // what it held before the clerk typed.
        set_value(&id, &self.shown(p));
    }

    /// The text cell `p` shows from the inputs (the blank row's below the last).
    pub(super) fn shown(&self, p: Pos) -> String {
        let m = self.model();
        let snap = self
            .state
            .inputs
            .with_untracked(|i| m.snap(i, p.0))
            .unwrap_or_else(|| m.blank());
        m.text(&snap, p.1)
    }

    /// Esc: put the row back as it was when the edit began.
    pub(super) fn cancel(&self) {
        if let Some((p, _)) = self.pending.try_update_value(Option::take).flatten() {
            set_value(&self.cell_id(p), &self.shown(p));
        }
        if let Some((r, old)) = self.origin.try_update_value(Option::take).flatten() {
            let m = self.model();
            self.state.inputs.update(|i| m.put(i, r, &old));
        }
        set_changed(self.mode, Mode::Nav);
        set_changed(self.picker, None);
        let id = self.cell_id(self.active.get_untracked());
        // Selected a frame later, once the restored value is rendered; not if
        // the clerk has pressed F2 (or typed) since, or the caret would jump.
        let mode = self.mode;
        request_animation_frame(move || {
            if mode.get_untracked() == Mode::Nav {
                select_all(&id);
            }
        });
    }

    /// Store `text` typed into cell `p` (live, as the clerk types).
    pub(super) fn typed(&self, p: Pos, text: String) {
        if self.active.get_untracked() != p {
            self.commit();
            self.active.set(p);
            self.anchor.set(p);
            set_changed(self.all, false);
        }
        let kind = self.spec.with_value(|s| s.columns[p.1].kind);
        if matches!(kind, Kind::Code(_)) || p.0 >= self.len.get_untracked() {
            if self
                .pending
                .with_value(|x| x.as_ref().is_none_or(|(q, _)| *q != p))
            {
                self.commit();
            }
            if self.mode.get_untracked() == Mode::Nav {
                self.mode.set(Mode::Typed);
            }
            self.pending.set_value(Some((p, text.clone())));
            if let Kind::Code(cat) = kind {
                self.open_picker(p, cat, &text);
            }
            return;
        }
        let m = self.model();
        let has_origin = self
            .origin
            .with_value(|o| o.as_ref().is_some_and(|(r, _)| *r == p.0));
        if !has_origin {
            self.commit();
            let old = self.state.inputs.with_untracked(|i| m.snap(i, p.0));
            if let Some(old) = old {
                self.origin.set_value(Some((p.0, old)));
            }
        }
        if self.mode.get_untracked() == Mode::Nav {
            self.mode.set(Mode::Typed);
        }
        self.state.inputs.update(|i| m.set(i, p, &text));
    }

    /// A `<select>` changed: one undo step at once.
    pub(super) fn chose(&self, p: Pos, label: &str) {
        self.commit();
        if p.0 >= self.len.get_untracked() {
            // A choice in the blank row makes it a row; the blank row shows
            // its default again.
            set_value(&self.cell_id(p), &self.shown(p));
            let plan = self.plan(|m, i| m.paste(i, &[vec![label.to_string()]], p).0);
            self.run("添加行", plan);
            self.reveal(p);
            return;
        }
        let plan = self.plan(|m, i| m.chose(i, p, label));
        self.run("选择", plan);
    }

    /// Move the active cell (and the selection unless `extend`), scroll it into
    /// the window and focus it.
    pub(super) fn go(&self, p: Pos, extend: bool) {
        self.commit();
        // Row `len` is the blank row below the last.
        let len = self.len.get_untracked();
        let p = (p.0.min(len), p.1.min(self.ncols() - 1));
        self.active.set(p);
        set_changed(self.all, false);
        if !extend {
            self.anchor.set(p);
        }
        self.reveal(p);
    }

    /// Scroll row `p.0` into the rendered window and focus the cell.
    pub(super) fn reveal(&self, p: Pos) {
        let top = p.0 as f64 * ROW_H;
        let (s, h) = (self.scroll.get_untracked(), self.view_h.get_untracked());
        let id = self.cell_id(p);
        let scroller = self.spec.with_value(|s| format!("grid-{}", s.id));
        if top < s || top + ROW_H > s + h - 2.0 * ROW_H {
            let want = if top < s {
                top
            } else {
                (top - h + 3.0 * ROW_H).max(0.0)
            };
            if let Some(el) = document().and_then(|d| d.get_element_by_id(&scroller)) {
                el.set_scroll_top(want as i32);
            }
            self.scroll.set(want);
        }
        // The row is rendered on the next pass of the reactive system: a row
        // just made from the blank row is not yet in the page, whose blank
        // row still carries its ids. By then another key may have moved on:
        // focus only if the selection is still the one this reveal was for (a
        // paste reveals its block's top left while its active cell is the
        // bottom right), and only if the focus is not on the cell already.
        let now = focus_cell(&id);
        let ctl = *self;
        let was = (self.active.get_untracked(), self.anchor.get_untracked());
        set_timeout(
            move || {
                let same = (ctl.active.get_untracked(), ctl.anchor.get_untracked()) == was;
                let on_it = document()
                    .and_then(|d| d.active_element())
                    .is_some_and(|e| e.id() == id);
                if same && !(now && on_it) {
                    focus_cell(&id);
                }
            },
            std::time::Duration::ZERO,
        );
    }

    /// The selection (tracked: for memos).
    pub(super) fn sel(&self) -> Selection {
        Selection {
            anchor: self.anchor.get(),
            active: self.active.get(),
            all: self.all.get(),
        }
    }

    /// The selected rectangle.
    pub(super) fn selection(&self) -> (usize, usize, usize, usize) {
        let sel = Selection {
            anchor: self.anchor.get_untracked(),
            active: self.active.get_untracked(),
            all: self.all.get_untracked(),
        };
        sel.rect(self.len.get_untracked(), self.ncols())
    }

    /// Ctrl+A: select every cell, keep the active one.
    pub(super) fn select_all(&self) {
        self.commit();
        if self.len.get_untracked() > 0 {
            self.all.set(true);
        }
    }

    /// Undo (or redo) the form's last step, wherever it was.
    pub(super) fn undo(&self, redo: bool) {
        self.commit();
        self.status.set(self.state.undo.step(redo));
        let a = self.active.get_untracked();
        self.go(a, false);
    }

    pub(super) fn clear(&self) {
        let sel = self.selection();
        let plan = self.plan(|m, i| m.clear(i, sel));
        self.run("清除", plan);
    }

    pub(super) fn fill_down(&self) {
        self.commit();
        let sel = self.selection();
        let plan = self.plan(|m, i| m.fill_down(i, sel));
        self.run("向下填充", plan);
    }

    pub(super) fn insert(&self, below: bool) {
        self.commit();
        let (t, _, b, _) = self.selection();
        let len = self.len.get_untracked();
        let at = if len == 0 {
            0
        } else if below {
            b + 1
        } else {
            t
        };
        self.run("插入行", self.model().insert(at.min(len), 1));
        self.status.set(format!("已插入第{}行", at + 1));
        self.go((at, self.active.get_untracked().1), false);
    }

    pub(super) fn delete_rows(&self, top: usize, bottom: usize) {
        self.commit();
        let bottom = bottom.min(self.len.get_untracked().saturating_sub(1));
        if top >= self.len.get_untracked() || bottom < top {
            // Only the blank row is selected: nothing to delete.
            return;
        }
        let plan = self.plan(|m, i| m.delete(i, top, bottom));
        let n = bottom + 1 - top;
        self.run("删除行", plan);
        self.status.set(format!("已删除 {n} 行（Ctrl+Z 撤销）"));
        self.go((top, self.active.get_untracked().1), false);
    }

    pub(super) fn sort(&self) {
        self.commit();
        if !self.spec.with_value(|s| s.has_sort) {
            return;
        }
        let plan = self.plan(|m, i| m.sort(i));
        self.run("按编码排序", plan);
        self.status.set("已按编码排序（Ctrl+Z 撤销）".to_string());
    }
}
