//! A code cell (功能科目编码, 经济科目编码): a combobox over its catalog. Typing
//! opens the picker, a list of the catalog entries the text finds (by code,
//! however written, and by its own, 类 and 款 names), scrolling, with how
//! many more match than it lists; arrows move its highlight, Enter (or a
//! click) takes the code, Tab takes it and moves on to the next cell.

use leptos::attr::Attribute;
use leptos::prelude::*;
use web_sys::MouseEvent;

use super::Cell;
use crate::grid::column::Catalogue;
use crate::grid::controller::{Ctl, set_changed};
use crate::grid::dom::{bounding_rect, document, select_all};
use crate::grid::select::Pos;
use crate::web::num;

/// Results listed by the code picker (it scrolls; more are counted).
const PICK_LIMIT: usize = 50;

/// One line of the code picker.
#[derive(Debug, Clone, PartialEq)]
struct PickItem {
    code: &'static str,
    name: &'static str,
    path: String,
    ok: bool,
    /// The name is verified (else it is shown with `UNVERIFIED_MARK`).
    verified: bool,
}

/// The open code picker.
#[derive(Debug, Clone, PartialEq)]
pub(in crate::grid) struct Picker {
    row: usize,
    col: usize,
    items: Vec<PickItem>,
    hi: Option<usize>,
    /// Matches not listed.
    more: usize,
}

impl Ctl {
    /// Open the picker under code cell `(row, col)` on what its text finds
    /// in the catalog `cat` in force for the form; close it when that is nothing.
    pub(in crate::grid) fn open_picker(&self, (row, col): Pos, cat: Catalogue, text: &str) {
        let q = text.trim();
        if q.is_empty() {
            set_changed(self.picker, None);
            return;
        }
        // The catalog in force now (the picker opens again as the clerk types).
        let catalog = cat.catalog(&untrack(|| self.state.in_force()));
        let (found, total) = catalog.search_counted(q, PICK_LIMIT);
        let more = total - found.len();
        let items: Vec<PickItem> = found
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
                verified: e.is_verified(),
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
            more,
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
        // Picked in the blank row: the focus goes to the row it made.
        self.reveal((p.row, p.col));
        let id = self.cell_id((p.row, p.col));
        select_all(&id);
        self.status
            .set(format!("已选择 {} {}", item.code, item.name));
        true
    }

    /// A key while the picker is open: true when the picker took it.
    pub(in crate::grid) fn picker_key(&self, key: &str) -> bool {
        let Some(p) = self.picker.get_untracked() else {
            return false;
        };
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
        match key {
            "ArrowDown" | "ArrowUp" => {
                let hi = step(p.hi, key == "ArrowDown");
                if let Some(k) = hi {
                    let id = format!("{}-picker-{k}", self.cell_id((p.row, p.col)));
                    request_animation_frame(move || scroll_into_view(&id));
                }
                self.picker.set(Some(Picker { hi, ..p }));
                true
            }
            "Enter" if p.hi.is_some() => {
                self.pick(None);
                true
            }
            // Takes the code; the grid's Tab then moves to the next cell.
            "Tab" if p.hi.is_some() => {
                self.pick(None);
                false
            }
            "Escape" => {
                set_changed(self.picker, None);
                true
            }
            _ => false,
        }
    }
}

/// The combobox attributes of a code cell's input, and its picker (shown
/// while open). The other cells carry none of its attributes, memo and
/// effects: fewer to build per row (an import builds a screenful of rows at
/// once).
pub(super) fn combobox(cell: Cell) -> (impl Attribute, impl IntoView) {
    let (ctl, id) = (cell.ctl, cell.id);
    let picker_id = move || format!("{}-picker", id.get());
    let open = Memo::new(move |_| {
        ctl.picker
            .with(|pk| pk.as_ref().is_some_and(|pk| (pk.row, pk.col) == cell.p()))
    });
    let active_opt = move || {
        ctl.picker.with(|pk| {
            pk.as_ref()
                .filter(|pk| (pk.row, pk.col) == cell.p())
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
    (attrs, picker)
}

/// The code picker's list under the active code cell.
fn picker_view(ctl: Ctl, id: String, cell_id: String) -> impl IntoView {
    let items = move || {
        ctl.picker
            .get()
            .map(|p| (p.items, p.hi))
            .unwrap_or_default()
    };
    let more = move || ctl.picker.with(|p| p.as_ref().map_or(0, |p| p.more));
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
        <div class="picker" style=style>
        <ul class="picker-list" role="listbox" id=id aria-label="科目编码候选">
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
                                {(!it.verified).then(|| view! {
                                    <small class="unverified">{budget_core::catalog::UNVERIFIED_MARK}</small>
                                })}
                                <span class="pk-path">{it.path}</span>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
        <p class="picker-more" hidden=move || more() == 0>
            "另有 "{more}" 项未列出：再输入类、款名称可缩小范围（如“教育 行政运行”）"
        </p>
        </div>
    }
}

/// Scroll element `id` into view within its scrolling list, if it is rendered.
fn scroll_into_view(id: &str) {
    use wasm_bindgen::{JsCast, JsValue};
    let Some(el) = document().and_then(|d| d.get_element_by_id(id)) else {
        return;
    };
    let opts = js_sys::Object::new();
    js_sys::Reflect::set(
        &opts,
        &JsValue::from_str("block"),
        &JsValue::from_str("nearest"),
    )
    .ok();
    if let Some(f) = js_sys::Reflect::get(&el, &JsValue::from_str("scrollIntoView"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        f.call1(&el, &opts).ok();
    }
}
