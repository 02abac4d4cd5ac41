//! 说明文字: change reasons, 机关运行经费, vehicles and key project work.

use budget_core::Inputs;
use budget_core::amount::InputUnit;
use budget_core::model::{NarrativeInputs, Reasons};
use budget_core::narrative::ClerkText;
use budget_core::{Amount, whole};
use leptos::html;
use leptos::prelude::*;

use crate::fields::{AmountField, NumberField, TextField};
use crate::paths::path_id;
use crate::sections::charts;
use crate::state::AppState;
use crate::undo::Field;
use crate::xlsx_client;

/// A text of the narrative inputs, read by `get` and stored by `set`; the
/// amounts by their text.
fn field(
    path: String,
    label: &'static str,
    get: impl Fn(&NarrativeInputs) -> String + Send + Sync + 'static,
    set: impl Fn(&mut NarrativeInputs, String) + Send + Sync + 'static,
) -> Field<String> {
    Field::new(
        path,
        label,
        move |i| Some(get(&i.narrative)),
        move |i, v| set(&mut i.narrative, v),
    )
}

/// The text field of `place`, shown from the narrative slice by `get`.
fn text_field(
    state: AppState,
    place: Field<String>,
    get: impl Fn(&NarrativeInputs) -> String + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <TextField
            path=place.path.clone()
            label=place.label.clone()
            value=Signal::derive(move || state.narrative.with(&get))
            on_set=Callback::new(move |v: String| state.undo.typed(&place, v))
            multiline=true
            visible=true
        />
    }
}

/// The amount field of `place`, shown from the narrative slice by `get`.
fn amount_field(
    state: AppState,
    place: Field<String>,
    get: fn(&NarrativeInputs) -> &Amount,
) -> impl IntoView {
    view! {
        <AmountField
            path=place.path.clone()
            label=Signal::derive({
                let label = place.label.clone();
                move || {
                    let unit = state.narrative.with(|n| n.running_cost_unit);
                    format!("{label}（{}）", unit.label())
                }
            })
            value=Signal::derive(move || state.narrative.with(|n| get(n).clone()))
            on_set=Callback::new(move |v: String| state.undo.typed(&place, v))
            visible=true
            unit=Signal::derive(move || state.narrative.with(|n| n.running_cost_unit))
        />
    }
}

/// 机关运行经费's unit (元 / 万元, switching converts what is typed) and its
/// usual value from 表3's 公用经费, taken by one click, never filled in by
/// itself.
fn running_cost_help(state: AppState, this_year: Field<String>) -> impl IntoView {
    let unit_place = Field::new(
        "narrative.running_cost_unit",
        "机关运行经费 金额单位",
        |i: &Inputs| Some(i.narrative.clone()),
        |i, v: NarrativeInputs| i.narrative = v,
    );
    let unit = move || state.narrative.with(|n| n.running_cost_unit);
    let set_unit = move |value: String| {
        let to = if value == "wan" {
            InputUnit::Wan
        } else {
            InputUnit::Yuan
        };
        let mut now = state.narrative.get_untracked();
        now.set_running_cost_unit(to);
        state.undo.chose(&unit_place, now);
    };
    let suggestion = Memo::new(move |_| {
        state
            .inputs
            .with(budget_core::narrative::running_cost_suggestion)
    });
    // Offered while it differs from what is typed.
    let offer = move || {
        let s = suggestion.get()?;
        let unit = unit();
        let text = s.text_in(unit);
        let typed = state
            .narrative
            .with(|n| unit.yuan(&n.running_cost_this_year));
        let same = typed.is_some_and(|t| unit.parse(&text).is_ok_and(|v| v == t));
        (!same).then_some((s, unit, text))
    };
    view! {
        <div class="input-unit">
            <label for="f-narrative-running_cost_unit">"金额单位"</label>
            <select
                id="f-narrative-running_cost_unit"
                on:change:target=move |ev| set_unit(ev.target().value())
                prop:value=move || if unit() == InputUnit::Wan { "wan" } else { "yuan" }
            >
                <option value="yuan">"元"</option>
                <option value="wan">"万元"</option>
            </select>
            <span class="hint">"公开文件只有万元数时可按万元填写（最多 2 位小数）；切换时已填金额随之换算。"</span>
        </div>
        {move || offer().map(|(s, unit, text)| {
            let place = this_year.clone();
            view! {
                <div class="suggestion" id="running-cost-suggestion">
                    <p>
                        "本年机关运行经费通常为 "<strong>{s.shown_in(unit)}</strong>"。"
                    </p>
                    <p class="hint">{s.how.clone()}</p>
                    <button
                        type="button"
                        id="btn-running-cost-take"
                        on:click=move |_| {
                            state.undo.chose(&place, text.clone());
                        }
                    >
                        "采用此数"
                    </button>
                </div>
            }
        })}
    }
}

type ReasonField = (
    ClerkText,
    &'static str,
    fn(&Reasons) -> &String,
    fn(&mut Reasons) -> &mut String,
);

/// The reasons, in narrative order.
const REASONS: [ReasonField; 8] = [
    (
        ClerkText::Income,
        "收入（支出）总额变动原因",
        |r| &r.income,
        |r| &mut r.income,
    ),
    (
        ClerkText::Basic,
        "基本支出变动原因",
        |r| &r.basic,
        |r| &mut r.basic,
    ),
    (
        ClerkText::Project,
        "项目支出变动原因",
        |r| &r.project,
        |r| &mut r.project,
    ),
    (
        ClerkText::Abroad,
        "因公出国（境）费变动原因",
        |r| &r.abroad,
        |r| &mut r.abroad,
    ),
    (
        ClerkText::VehiclePurchase,
        "公务用车购置费变动原因",
        |r| &r.vehicle_purchase,
        |r| &mut r.vehicle_purchase,
    ),
    (
        ClerkText::VehicleOperation,
        "公务用车运行维护费变动原因",
        |r| &r.vehicle_operation,
        |r| &mut r.vehicle_operation,
    ),
    (
        ClerkText::Reception,
        "公务接待费变动原因",
        |r| &r.reception,
        |r| &mut r.reception,
    ),
    (
        ClerkText::RunningCost,
        "机关运行经费变动原因",
        |r| &r.running_cost,
        |r| &mut r.running_cost,
    ),
];

/// The sentence of the 情况说明 each text field ends up in, live: from the
/// core's `clerk_sentence`, the function the narrative prints with, which
/// runs in the worker (`charts::follow`: the latest answer while the section
/// is shown), so the page carries no narrative.
type Sentences = Memo<Vec<String>>;

/// The sentences, and why the worker could not make them, if so.
fn sentences() -> (Sentences, RwSignal<Option<String>>) {
    let shown = charts::follow("情况说明的句子", |json, _| {
        xlsx_client::sentences(json)
    });
    let list = Memo::new(move |_| {
        shown.markup.with(|json| {
            json.as_deref()
                .and_then(|j| xlsx_client::answer(j).ok())
                .map(|v| xlsx_client::texts(&v))
                .unwrap_or_default()
        })
    });
    (list, shown.failed)
}

/// A text field with, under it, the sentence it will produce in the 情况说明
/// (the field is described by it).
fn with_preview(field: ClerkText, sentences: Sentences, input: impl IntoView) -> impl IntoView {
    let preview_id = format!("{}-preview", path_id(field.path()));
    let control_id = path_id(field.path());
    let at = ClerkText::ALL.iter().position(|&f| f == field).unwrap_or(0);
    let sentence = move || sentences.with(|s| s.get(at).cloned().unwrap_or_default());
    // The text field is built by `TextField`; it is described by the preview
    // once it exists.
    let wrapper = NodeRef::<html::Div>::new();
    let described = preview_id.clone();
    Effect::new(move |_| {
        if let Some(el) = wrapper
            .get()
            .and_then(|w| w.query_selector(&format!("#{control_id}")).ok().flatten())
        {
            el.set_attribute("aria-describedby", &described).ok();
        }
    });
    view! {
        <div class="clerk-text" node_ref=wrapper>
            {input}
            <p class="clerk-preview" id=preview_id>
                {move || {
                    let s = sentence();
                    (!s.is_empty()).then(|| view! {
                        <span class="clerk-preview-label">"情况说明中："</span>
                        <span class="clerk-preview-text">{s}</span>
                    })
                }}
            </p>
        </div>
    }
}

/// A vehicle count, labelled as the core names it: `年初车辆 一般公务用车（辆）`.
fn vehicles(path: &'static str) -> impl IntoView {
    let label = whole::field(path).map_or(path, |f| f.label);
    view! { <NumberField path=path label=format!("{label}（辆）") /> }
}

/// The narrative inputs form.
#[component]
pub fn NarrativeSection() -> impl IntoView {
    let state = AppState::get();
    let (sentences, unsaid) = sentences();
    let reasons = REASONS
        .into_iter()
        .map(|(text, label, get, set)| {
            let place = field(
                text.path().to_string(),
                label,
                move |n| get(&n.reasons).clone(),
                move |n, v| *set(&mut n.reasons) = v,
            );
            with_preview(
                text,
                sentences,
                text_field(state, place, move |n| get(&n.reasons).clone()),
            )
        })
        .collect_view();
    let running_last = field(
        "narrative.running_cost_last_year".into(),
        "机关运行经费 上年预算数",
        |n| n.running_cost_last_year.text().to_string(),
        |n, v| n.running_cost_last_year = Amount::from_text(v),
    );
    let running_this = field(
        "narrative.running_cost_this_year".into(),
        "机关运行经费 本年预算数",
        |n| n.running_cost_this_year.text().to_string(),
        |n, v| n.running_cost_this_year = Amount::from_text(v),
    );
    let running_use = field(
        ClerkText::RunningCostUse.path().to_string(),
        "机关运行经费主要用于",
        |n| n.running_cost_use.clone(),
        |n, v| n.running_cost_use = v,
    );
    let key_work = field(
        ClerkText::KeyWork.path().to_string(),
        "项目支出主要用于（重点工作）",
        |n| n.key_work.clone(),
        |n, v| n.key_work = v,
    );
    view! {
        <h2>"说明文字"</h2>
        <h3>"变动原因"</h3>
        {charts::failure(unsaid)}
        <div class="form">{reasons}</div>
        <h3>"机关运行经费"</h3>
        <div class="form">
            {running_cost_help(state, running_this.clone())}
            {amount_field(state, running_this, |n| &n.running_cost_this_year)}
            {amount_field(state, running_last, |n| &n.running_cost_last_year)}
            {with_preview(
                ClerkText::RunningCostUse,
                sentences,
                text_field(state, running_use, |n| n.running_cost_use.clone()),
            )}
        </div>
        <h3>"公务用车"</h3>
        <div class="form">
            {vehicles("narrative.vehicles_held.general")}
            {vehicles("narrative.vehicles_held.enforcement")}
            {vehicles("narrative.vehicles_to_buy.general")}
            {vehicles("narrative.vehicles_to_buy.enforcement")}
        </div>
        <h3>"项目支出主要用于"</h3>
        <div class="form">
            {with_preview(
                ClerkText::KeyWork,
                sentences,
                text_field(state, key_work, |n| n.key_work.clone()),
            )}
        </div>
    }
}
