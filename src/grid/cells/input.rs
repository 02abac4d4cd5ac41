//! The `<input>` of a text, amount or code cell: typing stores the text live
//! (one undo step when the edit is committed), a double click edits in place.
//! An amount cell adds its display and error (`amount.rs`), a code cell its
//! combobox attributes and picker (`code.rs`); a text cell is the input alone.

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;
use web_sys::MouseEvent;

use super::Cell;
use super::amount::amount_parts;
use super::code::combobox;
use crate::grid::column::Kind;
use crate::grid::controller::Mode;
use crate::grid::dom::caret_at_pointer;

/// The input of a cell of kind `kind` (text, suggested text, amount or code).
pub(super) fn input_cell(cell: Cell, kind: Kind, form_id: Arc<str>) -> impl IntoView {
    let (ctl, text) = (cell.ctl, cell.text);
    let (error, amount_attrs, amount_parts) = if kind == Kind::Amount {
        let (error, attrs, parts) = amount_parts(cell);
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
        s.push_str(cell.flag());
        s
    };
    let (combobox, picker) = if matches!(kind, Kind::Code(_)) {
        let (attrs, picker) = combobox(cell);
        (Either::Left(attrs), Some(picker))
    } else {
        (Either::Right(()), None)
    };
    let list = matches!(kind, Kind::Suggest(_)).then(|| {
        ctl.spec
            .with_value(|s| crate::grid::view::list_id(&s.id, cell.c))
    });
    view! {
        <input
            id=cell.id()
            list=list
            form=form_id.to_string()
            autocomplete="off"
            {..amount_attrs}
            {..combobox}
            class=class
            tabindex=cell.tabindex()
            aria-label=cell.label()
            title=cell.title()
            prop:value=move || text.get()
            on:focus=cell.on_focus()
            on:mousedown=cell.on_mousedown()
            on:click=move |ev| cell.on_click(ev)
            on:dblclick=move |ev: MouseEvent| {
                ctl.mode.set(Mode::InPlace);
                caret_at_pointer(&ev);
            }
            on:input=move |ev| ctl.typed(cell.here(), event_target_value(&ev))
        />
        {amount_parts}
        {picker}
    }
}
