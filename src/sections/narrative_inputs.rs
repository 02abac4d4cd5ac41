//! 说明文字: change reasons, 机关运行经费, vehicles and key project work.

use budget_core::model::{NarrativeInputs, Reasons};
use budget_core::{Amount, whole};
use leptos::prelude::*;

use crate::fields::{AmountField, NumberField, TextField};
use crate::state::AppState;

/// Apply `f` to the narrative inputs.
fn edit(state: AppState, f: impl FnOnce(&mut NarrativeInputs)) {
    state.inputs.update(|i| f(&mut i.narrative));
}

type ReasonField = (
    &'static str,
    &'static str,
    fn(&Reasons) -> &String,
    fn(&mut Reasons) -> &mut String,
);

/// The reasons, in narrative order.
const REASONS: [ReasonField; 8] = [
    (
        "income",
        "收入（支出）总额变动原因",
        |r| &r.income,
        |r| &mut r.income,
    ),
    ("basic", "基本支出变动原因", |r| &r.basic, |r| &mut r.basic),
    (
        "project",
        "项目支出变动原因",
        |r| &r.project,
        |r| &mut r.project,
    ),
    (
        "abroad",
        "因公出国（境）费变动原因",
        |r| &r.abroad,
        |r| &mut r.abroad,
    ),
    (
        "vehicle_purchase",
        "公务用车购置费变动原因",
        |r| &r.vehicle_purchase,
        |r| &mut r.vehicle_purchase,
    ),
    (
        "vehicle_operation",
        "公务用车运行维护费变动原因",
        |r| &r.vehicle_operation,
        |r| &mut r.vehicle_operation,
    ),
    (
        "reception",
        "公务接待费变动原因",
        |r| &r.reception,
        |r| &mut r.reception,
    ),
    (
        "running_cost",
        "机关运行经费变动原因",
        |r| &r.running_cost,
        |r| &mut r.running_cost,
    ),
];

/// A vehicle count, labelled as the core names it: `年初车辆 一般公务用车（辆）`.
fn vehicles(path: &'static str) -> impl IntoView {
    let label = whole::field(path).map_or(path, |f| f.label);
    view! { <NumberField path=path label=format!("{label}（辆）") /> }
}

/// The narrative inputs form.
#[component]
pub fn NarrativeSection() -> impl IntoView {
    let state = AppState::get();
    let reasons = REASONS
        .into_iter()
        .map(|(field, label, get, set)| {
            view! {
                <TextField
                    path=format!("narrative.reasons.{field}")
                    label=label.to_string()
                    value=Signal::derive(move || state.narrative.with(|n| get(&n.reasons).clone()))
                    on_set=Callback::new(move |v: String| edit(state, |n| *set(&mut n.reasons) = v))
                    multiline=true
                    visible=true
                />
            }
        })
        .collect_view();
    view! {
        <h2>"说明文字"</h2>
        <h3>"变动原因"</h3>
        <div class="form">{reasons}</div>
        <h3>"机关运行经费"</h3>
        <div class="form">
            <AmountField
                path="narrative.running_cost_last_year"
                label="机关运行经费 上年预算数".to_string()
                value=Signal::derive(move || state.narrative.with(|n| n.running_cost_last_year.clone()))
                on_set=Callback::new(move |v: String| edit(state, |n| n.running_cost_last_year = Amount::from_text(v)))
                visible=true
            />
            <AmountField
                path="narrative.running_cost_this_year"
                label="机关运行经费 本年预算数".to_string()
                value=Signal::derive(move || state.narrative.with(|n| n.running_cost_this_year.clone()))
                on_set=Callback::new(move |v: String| edit(state, |n| n.running_cost_this_year = Amount::from_text(v)))
                visible=true
            />
            <TextField
                path="narrative.running_cost_use"
                label="机关运行经费主要用于".to_string()
                value=Signal::derive(move || state.narrative.with(|n| n.running_cost_use.clone()))
                on_set=Callback::new(move |v: String| edit(state, |n| n.running_cost_use = v))
                multiline=true
                visible=true
            />
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
            <TextField
                path="narrative.key_work"
                label="项目支出主要用于（重点工作）".to_string()
                value=Signal::derive(move || state.narrative.with(|n| n.key_work.clone()))
                on_set=Callback::new(move |v: String| edit(state, |n| n.key_work = v))
                multiline=true
                visible=true
            />
        </div>
    }
}
