//! One cell of a rendered row: the `<td>` with its selection, active and
//! finding marks, and inside it the component of its column's kind — a
//! derived text (`derived.rs`), a select of fixed labels (`choice.rs`), or an
//! input (`input.rs`): a plain text, an amount (`amount.rs`: 千分位 display and
//! error) or a catalog code with its picker (`code.rs`).
//!
//! Each kind builds only its own attributes, memos and children: fewer to
//! build per row (an import builds a screenful of rows at once).

mod amount;
mod choice;
pub(super) mod code;
mod derived;
mod input;

use std::sync::Arc;

use budget_core::Severity;
use leptos::prelude::*;
use web_sys::{FocusEvent, MouseEvent};

use super::body::RowSel;
use super::column::Kind;
use super::controller::{Ctl, Mode, set_changed};
use super::dom::select_target;
use super::model::Snap;
use super::select::Pos;
use crate::state::CellFinding;

/// What the cells of one rendered row share.
pub(super) struct RowCtx {
    /// The row the slot shows.
    pub(super) r: ReadSignal<usize>,
    /// The row's snapshot.
    pub(super) row: ReadSignal<Option<Snap>>,
    /// The row's name in labels (its code and name, or 第 n 行).
    pub(super) row_name: ReadSignal<String>,
    /// The row's part of the selection.
    pub(super) row_sel: Memo<RowSel>,
    /// The id of the row's `<form>`.
    pub(super) form_id: Arc<str>,
}

/// What every kind of cell reads and does: its place, text, id, findings,
/// label, and the focus and mouse handling that moves the active cell.
#[derive(Clone, Copy)]
struct Cell {
    ctl: Ctl,
    /// The row the slot shows.
    r: ReadSignal<usize>,
    /// The cell's column.
    c: usize,
    /// The row's snapshot.
    row: ReadSignal<Option<Snap>>,
    /// The column's header (the second half of the cell's label).
    header: &'static str,
    /// The row's name (the first half of the cell's label).
    row_name: ReadSignal<String>,
    /// The cell's text.
    text: Memo<String>,
    /// The cell's DOM id.
    id: Memo<String>,
    /// The findings naming the cell's path.
    finding: Memo<Option<CellFinding>>,
    /// The cell is the active one.
    is_active: Memo<bool>,
}

impl Cell {
    /// The cell's position (tracked: it changes as the grid scrolls).
    fn p(&self) -> Pos {
        (self.r.get(), self.c)
    }
    /// The cell's position now (untracked: for event handlers).
    fn here(&self) -> Pos {
        (self.r.get_untracked(), self.c)
    }
    /// The class that marks the worst finding of the cell.
    fn flag(&self) -> &'static str {
        match self.finding.with(|f| f.as_ref().map(|f| f.severity)) {
            Some(Severity::Error) => " flag-error",
            Some(Severity::Warning) => " flag-warning",
            None => "",
        }
    }
    // The attributes and handlers every kind shares are closures made here:
    // one closure type each, so Leptos's code that sets an attribute or
    // attaches a handler is compiled once for all the kinds, not once each.

    /// The DOM id (the cell's current path).
    fn id(self) -> impl Fn() -> String + Copy + Send + Sync + 'static {
        move || self.id.get()
    }
    /// The hover text: the cell's findings.
    fn title(self) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
        move || self.finding.with(|f| f.as_ref().map(|f| f.text.clone()))
    }
    /// The accessible name: the row's name and the column's header.
    fn label(self) -> impl Fn() -> String + Copy + Send + Sync + 'static {
        move || format!("{} {}", self.row_name.get(), self.header)
    }
    /// Only the active cell is in the tab order.
    fn tabindex(self) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || if self.is_active.get() { "0" } else { "-1" }
    }
    /// `focus`: see `focused`.
    fn on_focus(self) -> impl Fn(FocusEvent) + Copy + Send + Sync + 'static {
        move |ev| self.focused(ev)
    }
    /// `mousedown`: see `pressed`.
    fn on_mousedown(self) -> impl Fn(MouseEvent) + Copy + Send + Sync + 'static {
        move |ev| self.pressed(ev)
    }
    /// The cell got the focus: it becomes the active cell.
    fn focused(&self, ev: FocusEvent) {
        let ctl = self.ctl;
        let p = self.here();
        if ctl.active.get_untracked() != p {
            ctl.commit();
            ctl.active.set(p);
            ctl.anchor.set(p);
            set_changed(ctl.all, false);
        }
        // A cell that gets focus is selected whole: typing replaces it.
        if ctl.mode.get_untracked() == Mode::Nav {
            select_target(&ev);
        }
    }
    fn on_click(&self, ev: MouseEvent) {
        if self.ctl.mode.get_untracked() == Mode::Nav {
            select_target(&ev);
        }
    }
    /// A press on the cell: with Shift, the selection extends to it.
    fn pressed(&self, ev: MouseEvent) {
        let ctl = self.ctl;
        if ev.shift_key() {
            ev.prevent_default();
            ctl.commit();
            ctl.active.set(self.here());
            set_changed(ctl.all, false);
            ctl.status.set(String::new());
        } else {
            // A click selects its cell alone, also after Ctrl+A.
            set_changed(ctl.all, false);
            ctl.anchor.set(ctl.active.get_untracked());
        }
    }
}

/// One cell: an input, a select, or derived text.
pub(super) fn cell_view(ctl: Ctl, at: RowCtx, c: usize, left: Option<u32>) -> impl IntoView {
    let RowCtx {
        r,
        row,
        row_name,
        row_sel,
        form_id,
    } = at;
    let (kind, header) = ctl.spec.with_value(|s| {
        let col = &s.columns[c];
        (col.kind, col.header)
    });
    let model = ctl.model();
    let text =
        Memo::new(move |_| row.with(|x| x.as_ref().map(|x| model.text(x, c)).unwrap_or_default()));
    let id = Memo::new(move |_| ctl.cell_id((r.get(), c)));
    // This cell's findings: the signal of its current path, which changes
    // only when the findings naming that path do.
    let finding = Memo::new(move |_| {
        let path = ctl.cell_path((r.get(), c));
        ctl.state.finding(&path).and_then(|cell| cell.get())
    });
    let selected =
        Memo::new(move |_| row_sel.with(|s| s.cols.is_some_and(|(l, r)| (l..=r).contains(&c))));
    let is_active = Memo::new(move |_| row_sel.with(|s| s.active == Some(c)));
    let cell = Cell {
        ctl,
        r,
        c,
        row,
        header,
        row_name,
        text,
        id,
        finding,
        is_active,
    };
    let td_class = move || {
        let mut s = String::from(match kind {
            Kind::Amount => "num",
            Kind::Name(_) => "name",
            Kind::Code(_) => "code",
            _ => "",
        });
        if left.is_some() {
            s.push_str(" frozen");
        }
        if selected.get() {
            s.push_str(" sel");
        }
        if is_active.get() {
            s.push_str(" active");
        }
        s
    };
    let style = left.map(|x| format!("left:{x}px"));
    let content = match kind {
        Kind::Name(_) => derived::derived_cell(cell).into_any(),
        Kind::Choice(options) => choice::choice_cell(cell, options, form_id).into_any(),
        Kind::Text | Kind::Suggest(_) | Kind::Amount | Kind::Code(_) => {
            input::input_cell(cell, kind, form_id).into_any()
        }
    };
    view! {
        <td
            role="gridcell"
            aria-colindex=c + 2
            aria-selected=move || if selected.get() { "true" } else { "false" }
            class=td_class
            style=style
            title=cell.title()
        >
            {content}
        </td>
    }
}
