//! The grid component: rendering (virtualized rows, frozen header and columns,
//! totals row) and the controller that turns keys, clicks and clipboard events
//! into commands on the inputs.

use std::sync::Arc;

use budget_core::amount::format_yuan;
use budget_core::{Inputs, Severity};
use leptos::either::Either;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, HtmlElement, HtmlInputElement, KeyboardEvent, MouseEvent};

use super::column::{Catalogue, Kind};
use super::model::{Meta, Model, Plan, Snap, split};
use super::select::{Pos, Selection, rect};
use super::spec::{GridSpec, Row};
use super::tsv;
use crate::list::keyed_list;
use crate::paths::path_id;
use crate::state::AppState;
use crate::web::num;

/// Height of a body row in pixels (fixed, for virtualization; see style/main.css).
const ROW_H: f64 = 32.0;
/// Rows rendered above and below the visible ones.
const OVERSCAN: usize = 6;
/// Results shown by the code picker.
const PICK_LIMIT: usize = 12;

/// Set `signal` to `value` only when it differs: a set notifies every
/// subscriber, and the controller's signals (mode, picker, selection) are
/// read by every visible cell, so a redundant set on each keystroke re-ran
/// hundreds of cell memos.
fn set_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|old| *old != value) {
        signal.set(value);
    }
}

/// Editing state of the active cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Moving: arrows move, typing replaces the cell.
    Nav,
    /// Typing replaced the cell: arrows commit and move.
    Typed,
    /// F2 / double click: arrows move the caret.
    InPlace,
}

/// One line of the code picker.
#[derive(Debug, Clone, PartialEq)]
struct PickItem {
    code: &'static str,
    name: &'static str,
    path: String,
    ok: bool,
}

/// The open code picker.
#[derive(Debug, Clone, PartialEq)]
struct Picker {
    row: usize,
    col: usize,
    items: Vec<PickItem>,
    hi: Option<usize>,
}

/// The controller of one grid; `Copy`, shared by all its cells. It does not
/// know the row type: rows are reached through `model` (see `model.rs`).
#[derive(Clone, Copy)]
struct Ctl {
    spec: StoredValue<Arc<Meta>>,
    model: StoredValue<Arc<dyn Model>>,
    state: AppState,
    active: RwSignal<Pos>,
    anchor: RwSignal<Pos>,
    /// Ctrl+A: every cell is selected (see `Selection`).
    all: RwSignal<bool>,
    mode: RwSignal<Mode>,
    /// The row as it was when the current edit began (Esc and undo).
    origin: StoredValue<Option<(usize, Snap)>>,
    status: RwSignal<String>,
    scroll: RwSignal<f64>,
    view_h: RwSignal<f64>,
    picker: RwSignal<Option<Picker>>,
    len: ReadSignal<usize>,
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

impl Ctl {
    fn ncols(&self) -> usize {
        self.spec.with_value(|s| s.columns.len())
    }
    fn cell_path(&self, (r, c): Pos) -> String {
        self.spec
            .with_value(|s| format!("{}[{r}].{}", s.path, s.columns[c].key))
    }
    fn cell_id(&self, p: Pos) -> String {
        let derived = self
            .spec
            .with_value(|s| s.columns.get(p.1).is_none_or(|c| !c.editable()));
        if derived {
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
    fn model(&self) -> Arc<dyn Model> {
        self.model.get_value()
    }
    /// A step planned on the current rows.
    fn plan(&self, f: impl FnOnce(&dyn Model, &Inputs) -> Plan) -> Plan {
        let m = self.model();
        self.state.inputs.with_untracked(|i| f(&*m, i))
    }

    /// Apply the ops of one step to the inputs in one update and record them.
    fn run(&self, label: &str, plan: Plan) {
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
    fn commit(&self) {
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

    /// Esc: put the row back as it was when the edit began.
    fn cancel(&self) {
        if let Some((r, old)) = self.origin.try_update_value(Option::take).flatten() {
            let m = self.model();
            self.state.inputs.update(|i| m.put(i, r, &old));
        }
        set_changed(self.mode, Mode::Nav);
        set_changed(self.picker, None);
        let id = self.cell_id(self.active.get_untracked());
        request_animation_frame(move || select_all(&id));
    }

    /// Store `text` typed into cell `p` (live, as the clerk types).
    fn typed(&self, p: Pos, text: String) {
        if self.active.get_untracked() != p {
            self.commit();
            self.active.set(p);
            self.anchor.set(p);
            set_changed(self.all, false);
        }
        let kind = self.spec.with_value(|s| s.columns[p.1].kind);
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
        if let Kind::Code(cat) = kind {
            self.open_picker(p, cat, &text);
        }
    }

    /// A `<select>` changed: one undo step at once.
    fn chose(&self, p: Pos, label: &str) {
        self.commit();
        let plan = self.plan(|m, i| m.chose(i, p, label));
        self.run("选择", plan);
    }

    fn open_picker(&self, (row, col): Pos, cat: Catalogue, text: &str) {
        let q = text.trim();
        if q.is_empty() {
            set_changed(self.picker, None);
            return;
        }
        let catalog = cat.catalog();
        let items: Vec<PickItem> = catalog
            .search(q, PICK_LIMIT)
            .into_iter()
            .map(|e| PickItem {
                code: e.code,
                name: e.name,
                path: catalog
                    .path(e.code)
                    .iter()
                    .map(|p| p.name)
                    .collect::<Vec<_>>()
                    .join(" / "),
                ok: cat.choosable(e),
            })
            .collect();
        if items.is_empty() {
            set_changed(self.picker, None);
            return;
        }
        let hi = items.iter().position(|i| i.ok);
        self.picker.set(Some(Picker {
            row,
            col,
            items,
            hi,
        }));
    }

    /// Take the highlighted code of the picker into its cell.
    fn pick(&self, k: Option<usize>) -> bool {
        let Some(p) = self.picker.get_untracked() else {
            return false;
        };
        let Some(item) = k.or(p.hi).and_then(|k| p.items.get(k)).filter(|i| i.ok) else {
            return false;
        };
        let code = item.code.to_string();
        self.typed((p.row, p.col), code);
        self.commit();
        let id = self.cell_id((p.row, p.col));
        select_all(&id);
        self.status
            .set(format!("已选择 {} {}", item.code, item.name));
        true
    }

    /// Move the active cell (and the selection unless `extend`), scroll it into
    /// the window and focus it.
    fn go(&self, p: Pos, extend: bool) {
        self.commit();
        let len = self.len.get_untracked();
        if len == 0 {
            return;
        }
        let p = (p.0.min(len - 1), p.1.min(self.ncols() - 1));
        self.active.set(p);
        set_changed(self.all, false);
        if !extend {
            self.anchor.set(p);
        }
        self.reveal(p);
    }

    /// Scroll row `p.0` into the rendered window and focus the cell.
    fn reveal(&self, p: Pos) {
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
        if !focus_cell(&id) {
            // The row is rendered on the next pass of the reactive system.
            // By then another key may have moved on: focus only if the
            // selection is still the one this reveal was for (a paste reveals
            // its block's top left while its active cell is the bottom right).
            let ctl = *self;
            let was = (self.active.get_untracked(), self.anchor.get_untracked());
            set_timeout(
                move || {
                    if (ctl.active.get_untracked(), ctl.anchor.get_untracked()) == was {
                        focus_cell(&id);
                    }
                },
                std::time::Duration::ZERO,
            );
        }
    }

    /// The selection (tracked: for memos).
    fn sel(&self) -> Selection {
        Selection {
            anchor: self.anchor.get(),
            active: self.active.get(),
            all: self.all.get(),
        }
    }

    /// The selected rectangle.
    fn selection(&self) -> (usize, usize, usize, usize) {
        let sel = Selection {
            anchor: self.anchor.get_untracked(),
            active: self.active.get_untracked(),
            all: self.all.get_untracked(),
        };
        sel.rect(self.len.get_untracked(), self.ncols())
    }

    /// Ctrl+A: select every cell, keep the active one.
    fn select_all(&self) {
        self.commit();
        if self.len.get_untracked() > 0 {
            self.all.set(true);
        }
    }

    /// Undo (or redo) the form's last step, wherever it was.
    fn undo(&self, redo: bool) {
        self.commit();
        self.status.set(self.state.undo.step(redo));
        let len = self.len.get_untracked();
        let a = self.active.get_untracked();
        if len > 0 {
            self.go((a.0.min(len - 1), a.1), false);
        }
    }

    fn copy(&self, ev: &ClipboardEvent) {
        let sel = self.selection();
        let (t, l, b, r) = sel;
        let m = self.model();
        let block = self.state.inputs.with_untracked(|i| m.block(i, sel));
        if let Some(dt) = ev.clipboard_data() {
            dt.set_data("text/plain", &tsv::write(&block)).ok();
            dt.set_data("text/html", &tsv::write_html(&block)).ok();
            ev.prevent_default();
            self.status
                .set(format!("已复制 {} 行 × {} 列", b + 1 - t, r + 1 - l));
        }
    }

    fn paste(&self, ev: &ClipboardEvent) {
        let Some(text) = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
        else {
            return;
        };
        let mode = self.mode.get_untracked();
        let mut block = tsv::parse(&text);
        // One plain value (Excel copies a cell as `v\r\n`) pasted while
        // editing goes into the text box as usual (a text box drops the line
        // end). A quoted cell (one with a line break: `"a\nb"\r\n`) goes
        // through the grid's paste, which unquotes it.
        let plain = !text
            .strip_suffix("\r\n")
            .or_else(|| text.strip_suffix('\n'))
            .unwrap_or(&text)
            .contains(['\t', '\n', '\r', '"']);
        if mode != Mode::Nav && plain {
            return;
        }
        ev.prevent_default();
        self.commit();
        let (t, l, b, r) = self.selection();
        // A block into a selection it divides fills it, as in Excel: one
        // copied cell fills every selected cell.
        if let Some(tiled) = tsv::tile(&block, b + 1 - t, r + 1 - l) {
            block = tiled;
        }
        let m = self.model();
        let (plan, report) = self
            .state
            .inputs
            .with_untracked(|i| m.paste(i, &block, (t, l)));
        self.run("粘贴", plan);
        self.status.set(report.line());
        if let Some(first) = report.refused.first() {
            // The clerk checks what was not recognised: start there.
            self.anchor.set(first.at);
            self.active.set(first.at);
            set_changed(self.all, false);
            self.reveal(first.at);
        } else if report.cells > 0 {
            self.anchor.set((t, l));
            self.active.set(report.end);
            set_changed(self.all, false);
            self.reveal((t, l));
        }
    }

    fn clear(&self) {
        let sel = self.selection();
        let plan = self.plan(|m, i| m.clear(i, sel));
        self.run("清除", plan);
    }

    fn fill_down(&self) {
        self.commit();
        let sel = self.selection();
        let plan = self.plan(|m, i| m.fill_down(i, sel));
        self.run("向下填充", plan);
    }

    fn insert(&self, below: bool) {
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

    fn delete_rows(&self, top: usize, bottom: usize) {
        self.commit();
        let plan = self.plan(|m, i| m.delete(i, top, bottom));
        let n = bottom + 1 - top;
        self.run("删除行", plan);
        self.status.set(format!("已删除 {n} 行（Ctrl+Z 撤销）"));
        let len = self.len.get_untracked();
        if len > 0 {
            self.go((top.min(len - 1), self.active.get_untracked().1), false);
        }
    }

    fn sort(&self) {
        self.commit();
        if !self.spec.with_value(|s| s.has_sort) {
            return;
        }
        let plan = self.plan(|m, i| m.sort(i));
        self.run("按编码排序", plan);
        self.status.set("已按编码排序（Ctrl+Z 撤销）".to_string());
    }

    /// The grid's keyboard.
    fn key(&self, ev: &KeyboardEvent) {
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

        if let Some(p) = self.picker.get_untracked() {
            let n = p.items.len();
            let step = |from: Option<usize>, down: bool| -> Option<usize> {
                let mut k = from.unwrap_or(if down { n - 1 } else { 0 });
                for _ in 0..n {
                    k = if down { (k + 1) % n } else { (k + n - 1) % n };
                    if p.items[k].ok {
                        return Some(k);
                    }
                }
                from
            };
            match key.as_str() {
                "ArrowDown" | "ArrowUp" => {
                    let hi = step(p.hi, key == "ArrowDown");
                    self.picker.set(Some(Picker { hi, ..p }));
                    return done(ev);
                }
                "Enter" | "Tab" if p.hi.is_some() => {
                    self.pick(None);
                    return done(ev);
                }
                "Escape" => {
                    set_changed(self.picker, None);
                    return done(ev);
                }
                _ => {}
            }
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

/// Focus the cell with this id and select its text; false when not rendered.
fn focus_cell(id: &str) -> bool {
    let Some(el) = document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    else {
        return false;
    };
    el.focus().ok();
    if let Ok(input) = el.dyn_into::<HtmlInputElement>() {
        input.select();
    }
    true
}

/// Select the whole text of the input an event is for.
fn select_target(ev: &web_sys::Event) {
    if let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
    {
        input.select();
    }
}

/// Select the whole text of input `id` if it has the focus. Called late (after
/// a frame or a timeout), when the clerk may have gone on to another cell, and
/// Chromium's `select()` focuses the input: selecting a cell that lost the focus
/// would pull the focus back and collapse a selection made since (Esc, then a
/// quick Shift+↓, selected nothing).
fn select_all(id: &str) {
    let Some(doc) = document() else { return };
    if let Some(input) = doc
        .active_element()
        .filter(|e| e.id() == id)
        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
    {
        input.select();
    }
}

/// A double-click edits where it points, as in Excel: the caret goes to the
/// character under the pointer (`caretPositionFromPoint`, which names the
/// input itself for a point in its text), not the word the browser selected;
/// at the end when the browser cannot tell.
fn caret_at_pointer(ev: &MouseEvent) {
    use wasm_bindgen::JsValue;
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
    else {
        return;
    };
    let end = input.value().encode_utf16().count() as u32;
    let at = document().and_then(|doc| {
        let f: js_sys::Function =
            js_sys::Reflect::get(&doc, &JsValue::from_str("caretPositionFromPoint"))
                .ok()?
                .dyn_into()
                .ok()?;
        let pos = f
            .call2(
                &doc,
                &JsValue::from(ev.client_x()),
                &JsValue::from(ev.client_y()),
            )
            .ok()?;
        let node = js_sys::Reflect::get(&pos, &JsValue::from_str("offsetNode")).ok()?;
        if !js_sys::Object::is(&node, &input) {
            return None;
        }
        let offset = js_sys::Reflect::get(&pos, &JsValue::from_str("offset"))
            .ok()?
            .as_f64()?;
        Some((offset as u32).min(end))
    });
    let at = at.unwrap_or(end);
    input.set_selection_range(at, at).ok();
}

fn caret_to_end(id: &str) {
    if let Some(input) = document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
    {
        let n = input.value().encode_utf16().count() as u32;
        input.set_selection_range(n, n).ok();
    }
}

/// Width in pixels of a column of this kind.
///
/// 预算明细's columns add up to 898 px (row number and 删除 included), so the
/// whole grid, 上年预算数 included, shows without a sideways scroll in a
/// 1366 px window (the width of most office laptops), where the grid gets
/// 900 px (style/main.css narrows the checks panel below 1500 px): a 7-digit
/// code, an amount up to 99,999,999.99 and the longer 收入来源 labels fit; a
/// long 科目名称 is cut at the cell's edge (its full name is the row's
/// accessible name and in 表2).
fn width(kind: Kind) -> u32 {
    match kind {
        Kind::Code(_) => 96,
        Kind::Derived => 170,
        Kind::Choice(_) => 140,
        Kind::Amount => 124,
        Kind::Text => 170,
    }
}
const ROWNUM_W: u32 = 48;
/// How much wider than its width a derived name column may grow (to 320 px:
/// 机关事业单位基本养老保险缴费支出, 16 characters, fits).
const NAME_GROWTH: u32 = 150;
const ACTION_W: u32 = 56;

/// The grid: tool buttons, the scrolling table, the status line.
#[component]
pub fn Grid<T: Row>(
    /// What the grid shows.
    spec: GridSpec<T>,
) -> impl IntoView {
    let (meta, model) = split(spec, AppState::get().undo);
    grid_view(Arc::new(meta), model)
}

/// The body of `Grid`, compiled once for every row type.
fn grid_view(spec: Arc<Meta>, model: Arc<dyn Model>) -> AnyView {
    let state = AppState::get();
    // The row count as an input slice, not a memo over the inputs: a memo
    // is marked dirty on every edit and Leptos then walks everything
    // downstream of it (the window, each row's index, each cell) before it
    // knows the count did not change; a slice notifies only when it does.
    let len = {
        let model = model.clone();
        state.input_slice(move |i| model.len(i))
    };
    let ctl = Ctl {
        spec: StoredValue::new(spec.clone()),
        model: StoredValue::new(model),
        state,
        active: RwSignal::new((0, 0)),
        anchor: RwSignal::new((0, 0)),
        all: RwSignal::new(false),
        mode: RwSignal::new(Mode::Nav),
        origin: StoredValue::new(None),
        status: RwSignal::new(String::new()),
        scroll: RwSignal::new(0.0),
        view_h: RwSignal::new(600.0),
        picker: RwSignal::new(None),
        len,
    };
    // Findings lead to cells of rows outside the rendered window too.
    let scroller_id = format!("grid-{}", spec.id);
    let reveal_key = super::reveal::register(spec.path.clone(), move |row, field| {
        let len = ctl.len.get_untracked();
        if len == 0 {
            // An empty grid: focus it, it takes a paste.
            return document()
                .and_then(|d| d.get_element_by_id(&scroller_id))
                .and_then(|e| e.dyn_into::<HtmlElement>().ok())
                .is_some_and(|e| e.focus().is_ok());
        }
        if row >= len {
            return false;
        }
        let col = ctl
            .spec
            .with_value(|s| {
                s.columns
                    .iter()
                    .position(|c| !field.is_empty() && c.key == field)
            })
            .unwrap_or(0);
        ctl.go((row, col), false);
        true
    });
    on_cleanup(move || super::reveal::unregister(reveal_key));
    let grid_id = format!("grid-{}", spec.id);
    let owns_spec = spec.id.clone();
    // The rendered rows: a window of a constant `slots` rows (fewer only when
    // the grid has fewer), from `overscan` rows above the view. `slots` is the
    // rows in view rounded up to 8, so a small change of the view's height
    // keeps every row node, and `overscan` rows above and below.
    //
    // The rows beyond the view are only for scrolling: they are added once the
    // first rows are painted (or at the first scroll), so that a grid filled
    // at once (an import of 10,000 rows) builds only what shows first.
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
    let window = Memo::new(move |_| {
        let n = len.get();
        let w = slots.get();
        let first = (ctl.scroll.get() / ROW_H) as usize;
        let start = first
            .saturating_sub(overscan.get())
            .min(n.saturating_sub(w));
        (start, (start + w).min(n))
    });
    let stats = Memo::new(move |_| {
        let n = len.get();
        let sel = ctl.sel();
        if !sel.is_range(n, ctl.ncols()) {
            return None;
        }
        let (t, l, b, r) = sel.rect(n, ctl.ncols());
        let m = ctl.model();
        let line = state.inputs.with(|i| m.stats(i, (t, l, b, r)));
        Some(format!("已选 {} 行 × {} 列　{line}", b + 1 - t, r + 1 - l))
    });

    // Column geometry: widths, and the left offsets of the frozen columns.
    let widths: Vec<u32> = spec.columns.iter().map(|c| width(c.kind)).collect();
    let total_w: u32 = ROWNUM_W + widths.iter().sum::<u32>() + ACTION_W;
    let mut lefts = Vec::new();
    let mut x = ROWNUM_W;
    for (k, w) in widths.iter().enumerate() {
        lefts.push((k < spec.frozen).then_some(x));
        x += w;
    }
    let lefts = Arc::new(lefts);
    // A grid with a derived name column (科目名称) takes the width it is
    // given, up to NAME_GROWTH more than its columns' widths: the name column,
    // left without a width, takes what the others do not, so a long name is
    // cut only in a narrow window. Other grids keep their columns' widths.
    let flex = spec.columns.iter().position(|c| c.kind == Kind::Derived);
    let table_w = match flex {
        Some(_) => format!(
            "width:clamp({total_w}px, 100%, {}px)",
            total_w + NAME_GROWTH
        ),
        None => format!("width:{total_w}px"),
    };
    let cols_view = widths
        .iter()
        .enumerate()
        .map(|(k, w)| {
            let style = (flex != Some(k)).then(|| format!("width:{w}px"));
            view! { <col style=style /> }
        })
        .collect_view();
    let headers = spec
        .columns
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let style = lefts[k].map(|x| format!("left:{x}px"));
            let class = if lefts[k].is_some() { "frozen" } else { "" };
            view! { <th scope="col" role="columnheader" aria-colindex=k + 2 class=class style=style>{c.header}</th> }
        })
        .collect_view();
    let totals_spec = spec.clone();
    let totals_lefts = lefts.clone();
    // The totals row is built once; an edit changes only the texts of the
    // totals that moved (rebuilding the row re-set every cell's attributes).
    let totals = totals_spec.totals.map(|of| {
        let texts = Memo::new(move |_| state.totals.with(of));
        totals_spec
            .columns
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let t = move || texts.with(|t| t.get(k).cloned().flatten().unwrap_or_default());
                let num = c.kind == Kind::Amount;
                let style = totals_lefts[k].map(|x| format!("left:{x}px"));
                let class = match (num, totals_lefts[k].is_some()) {
                    (true, _) => "num",
                    (false, true) => "frozen",
                    _ => "",
                };
                view! { <td class=class style=style aria-colindex=k + 2>{t}</td> }
            })
            .collect_view()
    });
    let has_totals = totals.is_some();
    let ncols = spec.columns.len();
    let label = spec.label.clone();
    let empty_label = label.clone();
    let tools_label = format!("{label} 行操作");
    let add_label = spec.add_label;
    let has_sort = spec.has_sort;
    let row_lefts = lefts.clone();
    let on_scroll = move |ev: web_sys::Event| {
        if let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            set_changed(overscan, OVERSCAN);
            ctl.scroll.set(f64::from(el.scroll_top()));
            ctl.view_h.set(f64::from(el.client_height()).max(ROW_H));
        }
    };
    let add = move |_| {
        let n = ctl.len.get_untracked();
        ctl.run("添加行", ctl.model().insert(n, 1));
        ctl.go((n, 0), false);
    };
    let live_id = format!("{grid_id}-status");
    view! {
        <div class="grid-tools" role="toolbar" aria-label=tools_label>
            <button type="button" on:click=move |_| ctl.insert(false) title="Ctrl+Shift+=">"上方插入行"</button>
            <button type="button" on:click=move |_| ctl.insert(true)>"下方插入行"</button>
            <button type="button" on:click=move |_| {
                let (t, _, b, _) = ctl.selection();
                ctl.delete_rows(t, b);
            } title="Ctrl+-">"删除所选行"</button>
            <button type="button" on:click=move |_| ctl.fill_down() title="Ctrl+D">"向下填充"</button>
            {has_sort.then(|| view! { <button type="button" on:click=move |_| ctl.sort()>"按编码排序"</button> })}
            <button type="button" on:click=move |_| ctl.undo(false) title="Ctrl+Z">"撤销"</button>
            <button type="button" on:click=move |_| ctl.undo(true) title="Ctrl+Y">"重做"</button>
        </div>
        <div
            class="grid-scroll"
            id=grid_id.clone()
            tabindex=move || (len.get() == 0).then_some("0")
            aria-label=move || (len.get() == 0).then(|| format!("{empty_label}（空，可粘贴 Ctrl+V）"))
            on:scroll=on_scroll
            on:keydown=move |ev: KeyboardEvent| ctl.key(&ev)
            on:copy=move |ev: ClipboardEvent| {
                if ctl.mode.get_untracked() == Mode::Nav {
                    ctl.copy(&ev);
                }
            }
            on:cut=move |ev: ClipboardEvent| {
                // Ctrl+X: copy the selection, then clear it (one undo step).
                if ctl.mode.get_untracked() == Mode::Nav {
                    ctl.copy(&ev);
                    ctl.clear();
                }
            }
            on:paste=move |ev: ClipboardEvent| ctl.paste(&ev)
            on:focusout=move |ev: web_sys::FocusEvent| {
                let inside = ev
                    .related_target()
                    .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                    .zip(ev.current_target().and_then(|t| t.dyn_into::<web_sys::Node>().ok()))
                    .is_some_and(|(to, grid)| grid.contains(Some(&to)));
                if !inside {
                    ctl.commit();
                }
            }
        >
            <table
                class="grid sheet"
                role="grid"
                aria-label=label
                aria-rowcount=move || len.get() + 1 + usize::from(has_totals)
                aria-colcount=ncols + 2
                aria-describedby=live_id.clone()
                style=table_w
            >
                <colgroup>
                    <col style=format!("width:{ROWNUM_W}px") />
                    {cols_view}
                    <col style=format!("width:{ACTION_W}px") />
                </colgroup>
                <thead>
                    <tr role="row" aria-rowindex="1">
                        <th scope="col" class="frozen rownum" style="left:0" aria-colindex="1">"行"</th>
                        {headers}
                        <th scope="col" aria-colindex=ncols + 2>"操作"</th>
                    </tr>
                </thead>
                // The rows in the order they are shown (node k shows the row
                // k modulo the window's size), for screen readers, which
                // otherwise read the rows in the order of the nodes.
                <tbody aria-owns=move || {
                    let win = window.get();
                    (win.0..win.1).map(|r| row_node_id(&owns_spec, row_slot(win, r))).collect::<Vec<_>>().join(" ")
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
                    {keyed_list(
                        move || {
                            let (s, e) = window.get();
                            (0..e - s).map(|k| (0, k)).collect()
                        },
                        move |(_, slot)| {
                            // A slice, not a memo: a memo over the window is
                            // marked on every scroll step, and Leptos marks
                            // everything under it (the row's cells, their
                            // memos and effects) before it learns the row did
                            // not change; a slice is set only when it does.
                            let r = crate::state::slice(move || slot_row(window.get(), slot));
                            row_view(ctl, r, slot, row_lefts.clone(), window).into_any()
                        },
                    )}
                    <tr class="spacer" aria-hidden="true" style=move || {
                        let (s, e) = window.get();
                        format!("height:{}px", num((len.get() - (e - s).min(len.get())) as f64 * ROW_H))
                    }></tr>
                </tbody>
                {totals.map(|totals| view! {
                    <tfoot>
                        <tr class="totals" role="row" aria-rowindex=move || len.get() + 2>
                            <th scope="row" class="frozen rownum" style="left:0">"合计"</th>
                            {totals}
                            <td></td>
                        </tr>
                    </tfoot>
                })}
            </table>
        </div>
        <p class="grid-status" id=live_id aria-live="polite">
            {move || stats.get().unwrap_or_default()}
            " "
            {move || ctl.status.get()}
        </p>
        <button type="button" class="add" on:click=add>{add_label}</button>
    }
    .into_any()
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
struct RowSel {
    /// First and last selected column, when the selection spans this row.
    cols: Option<(usize, usize)>,
    /// The active cell's column, when it is in this row.
    active: Option<usize>,
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
    slot: usize,
    lefts: Arc<Vec<Option<u32>>>,
    window: Memo<(usize, usize)>,
) -> impl IntoView {
    let state = ctl.state;
    let form_id: Arc<str> = ctl
        .spec
        .with_value(|s| format!("grid-{}-form{slot}", s.id))
        .into();
    let row_id = ctl.spec.with_value(|s| row_node_id(&s.id, slot));
    let model = ctl.model();
    // Only this row's slice changes when another row is edited: its cells are
    // not even visited (see `AppState::input_slice`).
    let row = {
        let model = model.clone();
        state.input_slice_keyed(r, move |i, r| model.snap(i, r))
    };
    let (noun, ncols) = ctl.spec.with_value(|s| (s.noun.clone(), s.columns.len()));
    let row_name = {
        let noun = noun.clone();
        crate::state::slice(move || {
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
        if prev.is_some_and(|p| p != now) {
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
                            set_timeout(move || select_all(&active), std::time::Duration::ZERO);
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
            class="grid-row"
            class:last=move || r.get() + 1 == window.get().1
            role="row"
            aria-rowindex=move || r.get() + 2
            style=move || format!("top:{}px", num(r.get().saturating_sub(slot) as f64 * ROW_H))
            node_ref=tr
        >
            <th scope="row" class="frozen rownum" style="left:0" aria-colindex="1">{move || r.get() + 1}</th>
            {cells}
            <td aria-colindex=ncols + 2>
                <form id=form_id.to_string() hidden on:submit=|ev| ev.prevent_default()></form>
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

/// What the cells of one rendered row share.
struct RowCtx {
    /// The row the slot shows.
    r: ReadSignal<usize>,
    /// The row's snapshot.
    row: ReadSignal<Option<Snap>>,
    /// The row's name in labels (its code and name, or 第 n 行).
    row_name: ReadSignal<String>,
    /// The row's part of the selection.
    row_sel: Memo<RowSel>,
    /// The id of the row's `<form>`.
    form_id: Arc<str>,
}

/// One cell: an input, a select, or derived text.
fn cell_view(ctl: Ctl, at: RowCtx, c: usize, left: Option<u32>) -> impl IntoView {
    let RowCtx {
        r,
        row,
        row_name,
        row_sel,
        form_id,
    } = at;
    let p = move || (r.get(), c);
    let here = move || (r.get_untracked(), c);
    let (kind, header) = ctl.spec.with_value(|s| {
        let col = &s.columns[c];
        (col.kind, col.header)
    });
    let model = ctl.model();
    let text = {
        let model = model.clone();
        Memo::new(move |_| row.with(|x| x.as_ref().map(|x| model.text(x, c)).unwrap_or_default()))
    };
    let id = Memo::new(move |_| ctl.cell_id(p()));
    // This cell's findings: the signal of its current path, which changes
    // only when the findings naming that path do.
    let finding = Memo::new(move |_| {
        let path = ctl.cell_path(p());
        ctl.state.finding(&path).and_then(|cell| cell.get())
    });
    let selected =
        Memo::new(move |_| row_sel.with(|s| s.cols.is_some_and(|(l, r)| (l..=r).contains(&c))));
    let is_active = Memo::new(move |_| row_sel.with(|s| s.active == Some(c)));
    let td_class = move || {
        let mut s = String::from(match kind {
            Kind::Amount => "num",
            Kind::Derived => "name",
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
    let flag = move || match finding.with(|f| f.as_ref().map(|f| f.severity)) {
        Some(Severity::Error) => " flag-error",
        Some(Severity::Warning) => " flag-warning",
        None => "",
    };
    let title = move || finding.with(|f| f.as_ref().map(|f| f.text.clone()));
    let label = move || format!("{} {header}", row_name.get());
    let tabindex = move || if is_active.get() { "0" } else { "-1" };
    let on_focus = move |ev: web_sys::FocusEvent| {
        let p = here();
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
    };
    let on_click = move |ev: MouseEvent| {
        if ctl.mode.get_untracked() == Mode::Nav {
            select_target(&ev);
        }
    };
    let on_mousedown = move |ev: MouseEvent| {
        if ev.shift_key() {
            ev.prevent_default();
            ctl.commit();
            ctl.active.set(here());
            set_changed(ctl.all, false);
            ctl.status.set(String::new());
        } else {
            // A click selects its cell alone, also after Ctrl+A.
            set_changed(ctl.all, false);
            ctl.anchor.set(ctl.active.get_untracked());
        }
    };
    let cell = match kind {
        Kind::Derived => {
            let unknown = move || {
                let t = text.get();
                t.ends_with("无此编码")
            };
            view! {
                <span
                    id=move || id.get()
                    class=move || if unknown() { "derived unknown" } else { "derived" }
                    tabindex=tabindex
                    aria-label=label
                    on:focus=on_focus
                    on:mousedown=on_mousedown
                >{move || text.get()}</span>
            }
            .into_any()
        }
        Kind::Choice(options) => {
            // Until the select is first focused or pressed (or its cell is
            // active) it holds only the chosen option: the other options of
            // every row's selects were half the grid's nodes and half its
            // style and layout time (a 10,000-row import). The mousedown's
            // effect runs before the browser opens the list, so a click
            // still shows every option. Written as one `innerHTML`, with the
            // chosen option marked `selected`.
            let full = RwSignal::new(false);
            let html =
                move || text.with(|t| options_html(options, t, full.get() || is_active.get()));
            view! {
                <select
                    id=move || id.get()
                    form=form_id.to_string()
                    class=move || flag().trim().to_string()
                    tabindex=tabindex
                    aria-label=label
                    title=title
                    inner_html=html
                    on:focus=move |ev| {
                        full.set(true);
                        on_focus(ev);
                    }
                    on:mousedown=move |ev| {
                        full.set(true);
                        on_mousedown(ev);
                    }
                    on:change=move |ev| ctl.chose(here(), &event_target_value(&ev))
                ></select>
            }
            .into_any()
        }
        Kind::Text | Kind::Amount | Kind::Code(_) => {
            // An amount cell: its 千分位 display over the raw text and its
            // error (a message under the cell), with what refers to that
            // message. Other cells carry none of these memos, attributes and
            // children: fewer to build per row (an import builds a screenful
            // of rows at once).
            let (error, amount_attrs, amount_parts) = if kind == Kind::Amount {
                let amount = move |f: fn(&budget_core::Amount) -> Option<String>| {
                    let model = model.clone();
                    Memo::new(move |_| {
                        row.with(|x| x.as_ref().and_then(|x| model.amount(x, c)).and_then(f))
                    })
                };
                let error = amount(|a| a.error().map(|e| e.to_string()));
                let display = amount(|a| {
                    Some(match a.parsed() {
                        Some(v) if !a.text().trim().is_empty() => format_yuan(v),
                        _ => a.text().to_string(),
                    })
                });
                let msg_id = move || format!("{}-msg", id.get());
                let attrs = view! {
                    <{..}
                        inputmode="decimal"
                        aria-invalid=move || error.with(|e| e.as_ref().map(|_| "true"))
                        aria-describedby=move || error.with(|e| e.as_ref().map(|_| msg_id()))
                    />
                };
                let parts = view! {
                    {move || display.get().map(|d| view! { <span class="cell-display" aria-hidden="true">{d}</span> })}
                    {move || error.get().map(|m| view! { <span class="cell-msg" id=msg_id>{m}</span> })}
                };
                (Some(error), Either::Left(attrs), Some(parts))
            } else {
                (None, Either::Right(()), None)
            };
            let class = move || {
                let mut s = String::from(if kind == Kind::Amount {
                    "amount"
                } else {
                    "text"
                });
                if error.is_some_and(|e| e.with(Option::is_some)) {
                    s.push_str(" invalid");
                }
                s.push_str(flag());
                s
            };
            let picker_id = move || format!("{}-picker", id.get());
            // A code cell is a combobox over its catalog's picker. The other
            // cells carry none of its attributes, memo and effects: fewer to
            // build per row (an import builds a screenful of rows at once).
            let (combobox, picker) = if matches!(kind, Kind::Code(_)) {
                let open = Memo::new(move |_| {
                    ctl.picker
                        .with(|pk| pk.as_ref().is_some_and(|pk| (pk.row, pk.col) == p()))
                });
                let active_opt = move || {
                    ctl.picker.with(|pk| {
                        pk.as_ref()
                            .filter(|pk| (pk.row, pk.col) == p())
                            .and_then(|pk| pk.hi)
                            .map(|k| format!("{}-{k}", picker_id()))
                    })
                };
                let attrs = view! {
                    <{..}
                        role="combobox"
                        aria-autocomplete="list"
                        aria-expanded=move || if open.get() { "true" } else { "false" }
                        aria-controls=picker_id
                        aria-activedescendant=active_opt
                    />
                };
                let picker = move || {
                    open.get()
                        .then(|| picker_view(ctl, picker_id(), id.get_untracked()))
                };
                (Either::Left(attrs), Some(picker))
            } else {
                (Either::Right(()), None)
            };
            view! {
                <input
                    id=move || id.get()
                    form=form_id.to_string()
                    autocomplete="off"
                    {..amount_attrs}
                    {..combobox}
                    class=class
                    tabindex=tabindex
                    aria-label=label
                    title=title
                    prop:value=move || text.get()
                    on:focus=on_focus
                    on:mousedown=on_mousedown
                    on:click=on_click
                    on:dblclick=move |ev: MouseEvent| {
                        ctl.mode.set(Mode::InPlace);
                        caret_at_pointer(&ev);
                    }
                    on:input=move |ev| ctl.typed(here(), event_target_value(&ev))
                />
                {amount_parts}
                {picker}
            }
            .into_any()
        }
    };
    view! {
        <td
            role="gridcell"
            aria-colindex=c + 2
            aria-selected=move || if selected.get() { "true" } else { "false" }
            class=td_class
            style=style
            title=title
        >
            {cell}
        </td>
    }
}

/// The `<option>`s of a select showing `chosen`: every option when `all` (or
/// when `chosen` is none of them), else only the chosen one.
fn options_html(options: &[&str], chosen: &str, all: bool) -> String {
    let known = options.contains(&chosen);
    let all = all || !known;
    let mut out = String::new();
    // A pasted text that names no option is shown as a first, chosen option
    // that cannot be chosen again: choosing any real option is then a change.
    if !known && !chosen.is_empty() {
        out.push_str("<option value=\"\" selected disabled>“");
        super::tsv::push_html(&mut out, chosen);
        out.push_str("”（无法识别，请选择）</option>");
    }
    for o in options.iter().filter(|o| all || **o == chosen) {
        out.push_str("<option value=\"");
        super::tsv::push_html(&mut out, o);
        out.push('"');
        if *o == chosen {
            out.push_str(" selected");
        }
        out.push('>');
        super::tsv::push_html(&mut out, o);
        out.push_str("</option>");
    }
    out
}

/// `(left, top, bottom)` of an element in the viewport, via
/// `getBoundingClientRect` (read through Reflect: no extra web-sys feature).
fn bounding_rect(el: &web_sys::Element) -> Option<(f64, f64, f64)> {
    use wasm_bindgen::JsValue;
    let f: js_sys::Function = js_sys::Reflect::get(el, &JsValue::from_str("getBoundingClientRect"))
        .ok()?
        .dyn_into()
        .ok()?;
    let r = f.call0(el).ok()?;
    let num = |k: &str| {
        js_sys::Reflect::get(&r, &JsValue::from_str(k))
            .ok()?
            .as_f64()
    };
    Some((num("left")?, num("top")?, num("bottom")?))
}

/// The code picker's list under the active code cell.
fn picker_view(ctl: Ctl, id: String, cell_id: String) -> impl IntoView {
    let items = move || {
        ctl.picker
            .get()
            .map(|p| (p.items, p.hi))
            .unwrap_or_default()
    };
    let base = id.clone();
    // Fixed to the viewport under (or above) the cell, so the grid's scroll box
    // and its totals row do not clip the list.
    let style = document()
        .and_then(|d| d.get_element_by_id(&cell_id))
        .and_then(|el| bounding_rect(&el))
        .map(|(left, top, bottom)| {
            let vh = web_sys::window()
                .and_then(|w| w.inner_height().ok())
                .and_then(|h| h.as_f64())
                .unwrap_or(800.0);
            if bottom + 330.0 > vh && top > 330.0 {
                format!("left:{}px;bottom:{}px", num(left), num(vh - top))
            } else {
                format!("left:{}px;top:{}px", num(left), num(bottom))
            }
        });
    view! {
        <ul class="picker" role="listbox" id=id aria-label="科目编码候选" style=style>
            {move || {
                let (items, hi) = items();
                items
                    .into_iter()
                    .enumerate()
                    .map(|(k, it)| {
                        let class = match (it.ok, hi == Some(k)) {
                            (true, true) => "hi",
                            (true, false) => "",
                            (false, _) => "disabled",
                        };
                        view! {
                            <li
                                role="option"
                                id=format!("{base}-{k}")
                                class=class
                                aria-selected=if hi == Some(k) { "true" } else { "false" }
                                aria-disabled=(!it.ok).then_some("true")
                                on:mousedown=move |ev: MouseEvent| {
                                    ev.prevent_default();
                                    ctl.pick(Some(k));
                                }
                            >
                                <span class="pk-code">{it.code}</span>
                                <span class="pk-name">{it.name}</span>
                                <span class="pk-path">{it.path}</span>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use super::{options_html, row_slot, slot_row};

    #[test]
    fn a_select_holds_its_chosen_option_until_it_needs_them_all() {
        let ops = ["≥", "<", "A&B"];
        assert_eq!(
            options_html(&ops, "<", false),
            r#"<option value="&lt;" selected>&lt;</option>"#
        );
        assert_eq!(
            options_html(&ops, "<", true),
            concat!(
                r#"<option value="≥">≥</option>"#,
                r#"<option value="&lt;" selected>&lt;</option>"#,
                r#"<option value="A&amp;B">A&amp;B</option>"#
            )
        );
        // A value that is none of the options (a pasted text not recognised)
        // lists them all after itself, shown as chosen and not choosable.
        assert_eq!(
            options_html(&ops, "x<", false),
            format!(
                "{}{}",
                r#"<option value="" selected disabled>“x&lt;”（无法识别，请选择）</option>"#,
                options_html(&ops, "", true)
            )
        );
        assert!(!options_html(&ops, "", false).contains("无法识别"));
    }

    #[test]
    fn each_row_of_the_window_has_one_node_and_keeps_it_while_in_view() {
        for (start, w) in [(0, 36), (1, 36), (35, 36), (9_964, 36), (0, 5), (7, 1)] {
            let rows: Vec<usize> = (0..w).map(|k| slot_row((start, start + w), k)).collect();
            let mut sorted = rows.clone();
            sorted.sort_unstable();
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
