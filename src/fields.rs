//! Input widgets bound to one input path each: id from the path, an accessible
//! name saying what the cell is, and the marks of findings and invalid text.
//!
//! What a field stores goes through the form's undo history (`crate::undo`):
//! the text boxes are marked `data-undo` (Ctrl+Z there is the form's undo, of
//! which the typing in the box is the last step) and end their typing step
//! when they lose the focus.

use budget_core::amount::InputUnit;
use budget_core::{Amount, Severity, whole};
use leptos::prelude::*;

use crate::paths::path_id;
use crate::state::AppState;
use crate::undo::Field;

/// CSS class for a cell named by a finding.
fn flag_class(state: AppState, path: &str) -> &'static str {
    match state.flag(path) {
        Some(Severity::Error) => "flag-error",
        Some(Severity::Warning) => "flag-warning",
        None => "",
    }
}

/// A money cell. Keeps exactly what was typed; an invalid text is marked and explained.
#[component]
pub fn AmountField(
    /// JSON path of the cell in the inputs.
    #[prop(into)]
    path: String,
    /// Accessible name, e.g. `2010301 行政运行 一般公共预算 基本支出 本年预算数`.
    #[prop(into)]
    label: Signal<String>,
    /// The cell.
    #[prop(into)]
    value: Signal<Amount>,
    /// Store the typed text.
    on_set: Callback<String>,
    /// Show the label beside the input (forms) instead of only naming it (grids).
    #[prop(optional)]
    visible: bool,
    /// The unit the figure is entered in, when it may be 万元 (元 otherwise):
    /// it decides the error shown (the label says the unit).
    #[prop(optional, into)]
    unit: Option<Signal<InputUnit>>,
) -> impl IntoView {
    let state = AppState::get();
    let value = Memo::new(move |_| value.get());
    let id = path_id(&path);
    let msg_id = format!("{id}-msg");
    let unit = move || unit.map_or(InputUnit::Yuan, |u| u.get());
    let error = Memo::new(move |_| {
        let unit = unit();
        value.with(|a| unit.error(a).map(|e| e.to_string()))
    });
    let flag_path = path.clone();
    let class = move || {
        let mut c = String::from("amount");
        if error.with(Option::is_some) {
            c.push_str(" invalid");
        }
        let f = flag_class(state, &flag_path);
        if !f.is_empty() {
            c.push(' ');
            c.push_str(f);
        }
        c
    };
    let msg_id2 = msg_id.clone();
    let input = view! {
        <input
            id=id
            type="text"
            inputmode="decimal"
            autocomplete="off"
            class=class
            aria-label=move || label.get()
            aria-invalid=move || error.with(|e| e.as_ref().map(|_| "true"))
            aria-describedby=move || error.with(|e| e.as_ref().map(|_| msg_id2.clone()))
            data-undo="form"
            prop:value=move || value.with(|a| a.text().to_string())
            on:input:target=move |ev| on_set.run(ev.target().value())
            on:blur=move |_| state.undo.seal()
        />
        {move || error.get().map(|m| view! { <span class="cell-msg" id=msg_id.clone()>{m}</span> })}
    };
    view! {
        <span class="field-amount">
            {visible.then(|| view! { <span class="field-label">{move || label.get()}</span> })}
            {input}
        </span>
    }
}

/// A one-line or multi-line text input.
#[component]
pub fn TextField(
    /// JSON path in the inputs.
    #[prop(into)]
    path: String,
    /// Accessible name.
    #[prop(into)]
    label: Signal<String>,
    /// The text.
    #[prop(into)]
    value: Signal<String>,
    /// Store the typed text.
    on_set: Callback<String>,
    /// Render a `<textarea>`.
    #[prop(optional)]
    multiline: bool,
    /// Show the label beside the input.
    #[prop(optional)]
    visible: bool,
    /// Extra attribute hint, e.g. `date` for dates (still stored as text).
    #[prop(optional, into)]
    kind: Option<&'static str>,
    /// The id of a `<datalist>` of usual values (any text is still taken).
    #[prop(default = None)]
    list: Option<&'static str>,
) -> impl IntoView {
    let state = AppState::get();
    let value = Memo::new(move |_| value.get());
    let id = path_id(&path);
    let class = move || flag_class(state, &path);
    let control = if multiline {
        view! {
            <textarea
                id=id
                class=class
                rows="3"
                aria-label=move || label.get()
                data-undo="form"
                prop:value=move || value.get()
                on:input:target=move |ev| on_set.run(ev.target().value())
                on:blur=move |_| state.undo.seal()
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id
                type=kind.unwrap_or("text")
                list=list
                class=class
                autocomplete="off"
                aria-label=move || label.get()
                data-undo="form"
                prop:value=move || value.get()
                on:input:target=move |ev| on_set.run(ev.target().value())
                on:blur=move |_| state.undo.seal()
            />
        }
        .into_any()
    };
    view! {
        <span class=if multiline { "field-text wide" } else { "field-text" }>
            {visible.then(|| view! { <span class="field-label">{move || label.get()}</span> })}
            {control}
        </span>
    }
}

/// A choice among fixed labels; the value is the index of the chosen label.
#[component]
pub fn SelectField(
    /// JSON path in the inputs.
    #[prop(into)]
    path: String,
    /// Accessible name.
    #[prop(into)]
    label: Signal<String>,
    /// Option labels.
    options: Vec<&'static str>,
    /// Index of the chosen option.
    #[prop(into)]
    selected: Signal<usize>,
    /// Store the chosen index.
    on_set: Callback<usize>,
    /// Show the label beside the control.
    #[prop(optional)]
    visible: bool,
) -> impl IntoView {
    let state = AppState::get();
    let selected = Memo::new(move |_| selected.get());
    let id = path_id(&path);
    let class = move || flag_class(state, &path);
    let opts = options
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            view! { <option value=i.to_string() selected=move || selected.get() == i>{text}</option> }
        })
        .collect_view();
    view! {
        <span class="field-select">
            {visible.then(|| view! { <span class="field-label">{move || label.get()}</span> })}
            <select
                id=id
                class=class
                aria-label=move || label.get()
                prop:value=move || selected.get().to_string()
                on:change:target=move |ev| {
                    if let Ok(i) = ev.target().value().parse::<usize>() {
                        on_set.run(i);
                    }
                }
            >
                {opts}
            </select>
        </span>
    }
}

/// A whole number (the fiscal year, the vehicle counts): one of the core's
/// `whole` fields, read and stored by `budget_core::whole::enter`. A text it
/// does not accept stays in the box and in the inputs (`unparsed`: kept by the
/// autosave, an INP-001 error, so no export), explained under the box; the
/// tables go on with the last valid number.
#[component]
pub fn NumberField(
    /// JSON path in the inputs: a path of `budget_core::whole::fields()`.
    path: &'static str,
    /// Accessible name.
    #[prop(into)]
    label: Signal<String>,
) -> impl IntoView {
    let state = AppState::get();
    let field = whole::field(path);
    // The box shows the text kept for the field, else its number.
    let text_of = move |i: &budget_core::Inputs| match (i.unparsed.get(path), field) {
        (Some(text), _) => text.clone(),
        (None, Some(f)) => (f.get)(i).to_string(),
        (None, None) => String::new(),
    };
    let shown = Memo::new(move |_| state.inputs.with(text_of));
    // The result is shown from the inputs (`problem`).
    let place = Field::new(
        path,
        label.get_untracked(),
        move |i| Some(text_of(i)),
        move |i, text: String| {
            let _kept = whole::enter(i, path, &text);
        },
    );
    let problem = Memo::new(move |_| {
        state.inputs.with(|i| {
            let text = i.unparsed.get(path)?;
            let f = field?;
            f.parse(text).err().map(|e| e.to_string())
        })
    });
    let id = path_id(path);
    let msg_id = format!("{id}-msg");
    let class = move || {
        let f = flag_class(state, path);
        if problem.with(Option::is_some) {
            format!("number invalid {f}")
        } else {
            format!("number {f}")
        }
    };
    let msg_id2 = msg_id.clone();
    view! {
        <span class="field-number">
            <span class="field-label">{move || label.get()}</span>
            <input
                id=id
                type="text"
                inputmode="numeric"
                autocomplete="off"
                class=class
                aria-label=move || label.get()
                aria-invalid=move || problem.with(|p| p.as_ref().map(|_| "true"))
                aria-describedby=move || problem.with(|p| p.as_ref().map(|_| msg_id2.clone()))
                data-undo="form"
                prop:value=move || shown.get()
                on:input:target=move |ev| state.undo.typed(&place, ev.target().value())
                on:blur=move |_| state.undo.seal()
            />
            {move || problem.get().map(|m| view! { <span class="cell-msg" id=msg_id.clone()>{m}</span> })}
        </span>
    }
}
