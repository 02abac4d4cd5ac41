//! A derived cell (科目名称): the name its row's code leads to, shown as text;
//! it takes the focus like any cell but cannot be typed into. A name the
//! catalog has not verified ends with `catalog::UNVERIFIED_MARK`, shown quiet.

use budget_core::catalog::UNVERIFIED_MARK;
use leptos::prelude::*;

use super::Cell;

/// The text of a derived cell, marked when its code names no catalog entry.
pub(super) fn derived_cell(cell: Cell) -> impl IntoView {
    let text = cell.text;
    let unknown = move || {
        let t = text.get();
        t.ends_with("无此编码")
    };
    view! {
        <span
            id=cell.id()
            class=move || if unknown() { "derived unknown" } else { "derived" }
            tabindex=cell.tabindex()
            aria-label=cell.label()
            on:focus=cell.on_focus()
            on:mousedown=cell.on_mousedown()
        >
            {move || {
                let t = text.get();
                match t.strip_suffix(UNVERIFIED_MARK) {
                    Some(name) => view! {
                        {name.trim_end().to_string()}
                        " "
                        <small class="unverified" title="科目名称尚未与官方目录或已公开文件核对">{UNVERIFIED_MARK}</small>
                    }
                    .into_any(),
                    None => t.into_any(),
                }
            }}
        </span>
    }
}
