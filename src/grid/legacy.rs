//! Legacy row moves for the forms that are not spreadsheet grids yet.
//! Keyboard moves in the entry grids, as in a spreadsheet: Enter / ArrowDown go to
//! the same column of the next row, Shift+Enter / ArrowUp to the previous row.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

/// The focusable control inside a cell.
fn control_in(cell: &Element) -> Option<HtmlElement> {
    cell.query_selector("input, select, textarea")
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

/// Column index of a cell among its row's cells.
fn column_of(cell: &Element) -> usize {
    let mut n = 0;
    let mut c = cell.previous_element_sibling();
    while let Some(e) = c {
        n += 1;
        c = e.previous_element_sibling();
    }
    n
}

/// The cell in column `col` of `row`.
fn cell_at(row: &Element, col: usize) -> Option<Element> {
    let mut c = row.first_element_child();
    for _ in 0..col {
        c = c?.next_element_sibling();
    }
    c
}

/// `keydown` handler for a `<table class="grid">`.
pub fn move_between_rows(ev: KeyboardEvent) {
    let down = match ev.key().as_str() {
        "Enter" if !ev.ctrl_key() && !ev.alt_key() => !ev.shift_key(),
        "ArrowDown" => true,
        "ArrowUp" => false,
        _ => return,
    };
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    // Arrows open a select's list and move in a text box: leave those alone.
    let tag = target.tag_name();
    if tag != "INPUT" || (ev.key().starts_with("Arrow") && target.get_attribute("list").is_some()) {
        return;
    }
    let Some(cell) = target.closest("td").ok().flatten() else {
        return;
    };
    let Some(row) = cell.parent_element() else {
        return;
    };
    let col = column_of(&cell);
    let next = if down {
        row.next_element_sibling()
    } else {
        row.previous_element_sibling()
    };
    if let Some(control) = next
        .and_then(|r| cell_at(&r, col))
        .and_then(|c| control_in(&c))
    {
        ev.prevent_default();
        control.focus().ok();
    }
}
