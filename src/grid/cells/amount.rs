//! An amount cell's own parts: its 千分位 display over the raw text and its
//! error (a message under the cell), with the attributes that refer to that
//! message. Other cells carry none of these memos, attributes and children.

use budget_core::amount::format_yuan;
use leptos::attr::Attribute;
use leptos::prelude::*;

use super::Cell;

/// The error memo (for the input's class), the input's attributes and the
/// children shown over and under the input.
pub(super) fn amount_parts(cell: Cell) -> (Memo<Option<String>>, impl Attribute, impl IntoView) {
    let (row, c, id) = (cell.row, cell.c, cell.id);
    let model = cell.ctl.model();
    let amount = move |f: fn(&budget_core::Amount) -> Option<String>| {
        let model = model.clone();
        Memo::new(move |_| row.with(|x| x.as_ref().and_then(|x| model.amount(x, c)).and_then(f)))
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
    (error, attrs, parts)
}
