//! The grid's virtualized body: a window of a constant number of row nodes
//! (the rows in view, and `OVERSCAN` above and below once the first rows are
//! painted or the grid scrolls). Node k shows the window's row that is k
//! modulo the window's size, moved to its place by a relative `top`, so a row
//! keeps its node while it is in view and scrolling re-renders only the rows
//! that come in, inserting no node.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use super::cells::{RowCtx, cell_view};
use super::controller::{Ctl, Mode, set_changed};
use super::dom::{document, select_all};
use super::select::{Selection, rect};
use crate::web::num;

/// Height of a body row in pixels (fixed, for virtualization; see style/main.css).
pub(super) const ROW_H: f64 = 32.0;
/// Rows rendered above and below the visible ones.
const OVERSCAN: usize = 6;

/// The rendered rows: a window of a constant `slots` rows (fewer only when
/// the grid has fewer), from `overscan` rows above the view. `slots` is the
/// rows in view rounded up to 8, so a small change of the view's height keeps
/// every row node, and `overscan` rows above and below.
///
/// The rows beyond the view are only for scrolling: they are added once the
/// first rows are painted (or at the first scroll), so that a grid filled at
/// once (an import of 10,000 rows) builds only what shows first.
#[derive(Clone, Copy)]
pub(super) struct Window {
    overscan: RwSignal<usize>,
    /// The rendered rows `(start, end)`.
    pub(super) rows: Memo<(usize, usize)>,
}

impl Window {
    pub(super) fn new(ctl: Ctl) -> Self {
        let len = ctl.len;
        let overscan = RwSignal::new(0usize);
        Effect::new(move || {
            if len.get() > 0 && overscan.get_untracked() == 0 {
                // The grid may be gone by then (another tab).
                crate::web::after_paint(
                    move || {
                        if overscan.try_get_untracked() == Some(0) {
                            overscan.try_set(OVERSCAN);
                        }
                    },
                    200.0,
                );
            }
        });
        let slots = Memo::new(move |_| {
            let shown = (ctl.view_h.get() / ROW_H).ceil() as usize + 1;
            shown.div_ceil(8) * 8 + 2 * overscan.get()
        });
        let rows = Memo::new(move |_| {
            let n = len.get();
            let w = slots.get();
            let first = (ctl.scroll.get() / ROW_H) as usize;
            let start = first
                .saturating_sub(overscan.get())
                .min(n.saturating_sub(w));
            (start, (start + w).min(n))
        });
        Window { overscan, rows }
    }

    /// The grid's scroll box scrolled (or was resized): move the window.
    pub(super) fn scrolled(&self, ctl: Ctl, el: &web_sys::Element) {
        set_changed(self.overscan, OVERSCAN);
        ctl.scroll.set(f64::from(el.scroll_top()));
        ctl.view_h.set(f64::from(el.client_height()).max(ROW_H));
    }
}

/// The `<tbody>`: the window's row nodes and a spacer for the rows below it.
pub(super) fn body(ctl: Ctl, window: Window, lefts: Arc<Vec<Option<u32>>>) -> impl IntoView {
    let len = ctl.len;
    let owns_spec = ctl.spec.with_value(|s| s.id.clone());
    let window = window.rows;
    let blank_lefts = lefts.clone();
    view! {
        // The rows in the order they are shown (node k shows the row
        // k modulo the window's size), for screen readers, which
        // otherwise read the rows in the order of the nodes.
        <tbody aria-owns=move || {
            let win = window.get();
            let mut ids: Vec<String> = (win.0..win.1).map(|r| row_node_id(&owns_spec, row_slot(win, r))).collect();
            ids.push(format!("grid-{owns_spec}-new"));
            ids.join(" ")
        }>
            // Row nodes stay in place while the grid scrolls, and
            // each keeps its row while that row is in the window:
            // node k shows the row of the window that is k modulo
            // the window's size, moved to its place by `top`
            // (relative positioning, no layout of the other rows).
            // Scrolling by n rows re-renders the n rows that came
            // into view, not every rendered row, and inserts, moves
            // or removes no node. (Keyed by row, each scroll step
            // built the rows that came into view, and each
            // insertion of form fields makes Chromium's autofill
            // rescan the page's fields; with node k showing row
            // start + k, every step rewrote every rendered row.)
            <For
                each=move || {
                    let (s, e) = window.get();
                    0..e - s
                }
                key=|slot: &usize| *slot
                children=move |slot| {
                    // A slice, not a memo: a memo over the window is
                    // marked on every scroll step, and Leptos marks
                    // everything under it (the row's cells, their
                    // memos and effects) before it learns the row did
                    // not change; a slice is set only when it does.
                    let r = crate::state::slice(move || slot_row(window.get(), slot));
                    row_view(ctl, r, Slot::Row(slot), lefts.clone(), window)
                }
            />
            <tr class="spacer" aria-hidden="true" style=move || {
                let (s, e) = window.get();
                format!("height:{}px", num((len.get() - (e - s).min(len.get())) as f64 * ROW_H))
            }></tr>
            // The blank row below the last, always there to type or paste
            // into, as in a sheet: it is row `len`, not yet in the inputs.
            {row_view(ctl, len, Slot::Blank, blank_lefts, window)}
        </tbody>
    }
}

/// What a rendered row node is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// Node k of the window (see `slot_row`).
    Row(usize),
    /// The blank row below the last.
    Blank,
}

/// The row that rendered node `slot` shows in the window `(start, end)`: the
/// one congruent to `slot` modulo the window's size, so a node keeps its row
/// while the row stays in the window. Node `slot` sits at `slot` rows below
/// the body's top and is moved down by `row - slot` rows (never negative).
fn slot_row((start, end): (usize, usize), slot: usize) -> usize {
    let w = end - start;
    if w == 0 {
        return start;
    }
    start + (slot % w + w - start % w) % w
}

/// The node that shows row `row` of the window: the inverse of `slot_row`.
fn row_slot((start, end): (usize, usize), row: usize) -> usize {
    row % (end - start).max(1)
}

/// The DOM id of rendered row node `slot` of grid `grid` (the body's
/// `aria-owns` lists them in shown order).
fn row_node_id(grid: &str, slot: usize) -> String {
    format!("grid-{grid}-r{slot}")
}

/// One row's part of the selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct RowSel {
    /// First and last selected column, when the selection spans this row.
    pub(super) cols: Option<(usize, usize)>,
    /// The active cell's column, when it is in this row.
    pub(super) active: Option<usize>,
}

/// One rendered row: the row `r` of a slot, which changes as the grid scrolls.
///
/// The row's inputs and selects belong to a `<form>` of their own (by the
/// `form` attribute; a form cannot wrap a table row). Chromium's autofill
/// reads the whole form of a field the clerk types into or focuses, and
/// fields outside any form count as one form with all of them: ~160 grid
/// fields (under autofill's 200-field cut-off) were scanned on every
/// keystroke and focus, 20-50 ms each time. A row's form has its 3-5 fields.
fn row_view(
    ctl: Ctl,
    r: ReadSignal<usize>,
    node: Slot,
    lefts: Arc<Vec<Option<u32>>>,
    window: Memo<(usize, usize)>,
) -> impl IntoView {
    let state = ctl.state;
    let blank = node == Slot::Blank;
    let slot = match node {
        Slot::Row(k) => k,
        Slot::Blank => 0,
    };
    let form_id: Arc<str> = ctl
        .spec
        .with_value(|s| match node {
            Slot::Row(k) => format!("grid-{}-form{k}", s.id),
            Slot::Blank => format!("grid-{}-form-new", s.id),
        })
        .into();
    let row_id = ctl.spec.with_value(|s| match node {
        Slot::Row(k) => row_node_id(&s.id, k),
        Slot::Blank => format!("grid-{}-new", s.id),
    });
    let model = ctl.model();
    // Only this row's slice changes when another row is edited: its cells are
    // not even visited (see `AppState::input_slice`). The blank row shows
    // what a new row holds.
    let row = if blank {
        RwSignal::new(Some(model.blank())).read_only()
    } else {
        let model = model.clone();
        state.input_slice_keyed(r, move |i, r| model.snap(i, r))
    };
    let (noun, ncols) = ctl.spec.with_value(|s| (s.noun.clone(), s.columns.len()));
    let row_name = {
        let noun = noun.clone();
        crate::state::slice(move || {
            if blank {
                return format!("{noun}新行");
            }
            let n = r.get() + 1;
            row.with(|x| x.as_ref().and_then(|x| model.describe(x)))
                .unwrap_or_else(|| format!("{noun}第{n}行"))
        })
    };
    let tr = NodeRef::<leptos::html::Tr>::new();
    // A focused cell whose node now shows another row must not take typing
    // for that row: focus follows the active cell to the node that shows it
    // now, or leaves the grid's cells when the active row left the window.
    Effect::new(move |prev: Option<usize>| {
        let now = r.get();
        if !blank && prev.is_some_and(|p| p != now) {
            let focused = document().and_then(|d| d.active_element());
            if let (Some(tr), Some(el)) = (tr.get_untracked(), focused)
                && tr.contains(Some(&el))
                && let Ok(el) = el.dyn_into::<HtmlElement>()
            {
                let active = ctl.cell_id(ctl.active.get_untracked());
                let moved = document()
                    .and_then(|d| d.get_element_by_id(&active))
                    .and_then(|e| e.dyn_into::<HtmlElement>().ok())
                    .filter(|e| *e != el);
                match moved {
                    Some(cell) => {
                        let opts = web_sys::FocusOptions::new();
                        opts.set_prevent_scroll(true);
                        cell.focus_with_options(&opts).ok();
                        // Its value is set after this effect: select it then,
                        // so typing still replaces it.
                        if ctl.mode.get_untracked() == Mode::Nav {
                            let mode = ctl.mode;
                            set_timeout(
                                move || {
                                    if mode.get_untracked() == Mode::Nav {
                                        select_all(&active);
                                    }
                                },
                                std::time::Duration::ZERO,
                            );
                        }
                    }
                    None => {
                        el.blur().ok();
                    }
                }
            }
        }
        now
    });
    // This row's part of the selection: the selected columns and the active
    // column. Moving the selection re-runs one memo per visible row, and only
    // the rows whose part changed re-render their cells (a memo per cell over
    // the controller's signals made every move re-run every cell's memo).
    let row_sel = Memo::new(move |_| {
        let r = r.get();
        let sel: Selection = ctl.sel();
        let cols = if sel.all {
            Some((0, usize::MAX))
        } else {
            let (t, l, b, right) = rect(sel.anchor, sel.active);
            (t..=b).contains(&r).then_some((l, right))
        };
        RowSel {
            cols,
            active: (sel.active.0 == r).then_some(sel.active.1),
        }
    });
    let cells = (0..ncols)
        .map(|c| {
            let at = RowCtx {
                r,
                row,
                row_name,
                row_sel,
                form_id: form_id.clone(),
            };
            cell_view(ctl, at, c, lefts[c])
        })
        .collect_view();
    view! {
        <tr
            id=row_id
            class=if blank { "grid-row-new" } else { "grid-row" }
            class:last=move || blank || r.get() + 1 == window.get().1
            role="row"
            // The blank row is not counted in the table's rows (aria-rowcount
            // says how many rows the form has).
            aria-rowindex=move || (!blank).then(|| r.get() + 2)
            style=move || format!("top:{}px", num(if blank { 0.0 } else { r.get().saturating_sub(slot) as f64 * ROW_H }))
            node_ref=tr
        >
            <th scope="row" class="frozen rownum" style="left:0" aria-colindex="1">{move || r.get() + 1}</th>
            {cells}
            <td aria-colindex=ncols + 2>
                <form id=form_id.to_string() hidden on:submit=|ev| ev.prevent_default()></form>
                // (Not shown on the blank row: style/main.css.)
                <button
                    type="button"
                    class="del"
                    tabindex="-1"
                    aria-label=move || format!("删除{noun}第{}行", r.get() + 1)
                    on:click=move |_| {
                        let r = r.get_untracked();
                        ctl.delete_rows(r, r)
                    }
                >
                    "删除"
                </button>
            </td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::{row_slot, slot_row};

    #[test]
    fn each_row_of_the_window_has_one_node_and_keeps_it_while_in_view() {
        for (start, w) in [(0, 36), (1, 36), (35, 36), (9_964, 36), (0, 5), (7, 1)] {
            let rows: Vec<usize> = (0..w).map(|k| slot_row((start, start + w), k)).collect();
            let mut sorted = rows.clone();
            sort_once::sort(&mut sorted);
            assert_eq!(sorted, (start..start + w).collect::<Vec<_>>());
            for (k, r) in rows.iter().enumerate() {
                assert!(*r >= k, "node {k} shows row {r}: it would move up");
                assert_eq!(
                    row_slot((start, start + w), *r),
                    k,
                    "aria-owns names node {k} for row {r}"
                );
            }
            // One row further: only the node of the row that left changes.
            let next: Vec<usize> = (0..w)
                .map(|k| slot_row((start + 1, start + 1 + w), k))
                .collect();
            let changed = rows.iter().zip(&next).filter(|(a, b)| a != b).count();
            assert_eq!(changed, 1);
        }
        assert_eq!(slot_row((4, 4), 0), 4);
    }
}
