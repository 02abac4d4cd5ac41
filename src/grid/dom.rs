//! What the grid does to the page's elements outside Leptos's rendering:
//! focus a cell, select its text, place the caret, read an element's position.

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement, MouseEvent};

/// The page's document.
pub(super) fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Focus the cell with this id and select its text; false when not rendered.
pub(super) fn focus_cell(id: &str) -> bool {
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
pub(super) fn select_target(ev: &web_sys::Event) {
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
pub(super) fn select_all(id: &str) {
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
pub(super) fn caret_at_pointer(ev: &MouseEvent) {
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

/// Put the caret at the end of input `id` (F2).
pub(super) fn caret_to_end(id: &str) {
    if let Some(input) = document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
    {
        let n = input.value().encode_utf16().count() as u32;
        input.set_selection_range(n, n).ok();
    }
}

/// `(left, top, bottom)` of an element in the viewport, via
/// `getBoundingClientRect` (read through Reflect: no extra web-sys feature).
pub(super) fn bounding_rect(el: &web_sys::Element) -> Option<(f64, f64, f64)> {
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

/// Set the value of the input or select `id` (a cell whose text the clerk
/// typed over, shown again as stored: Leptos sets it only when the stored
/// text changes).
pub(super) fn set_value(id: &str, text: &str) {
    use wasm_bindgen::JsValue;
    if let Some(el) = document().and_then(|d| d.get_element_by_id(id)) {
        let now = js_sys::Reflect::get(&el, &JsValue::from_str("value"))
            .ok()
            .and_then(|v| v.as_string());
        if now.as_deref() != Some(text) {
            js_sys::Reflect::set(&el, &JsValue::from_str("value"), &JsValue::from_str(text)).ok();
        }
    }
}
