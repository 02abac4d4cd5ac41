//! 说明文字: change reasons, 机关运行经费, vehicles and key project work.

use budget_core::Amount;
use budget_core::model::{NarrativeInputs, Reasons, Vehicles};
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

/// A vehicle count.
fn vehicles(
    state: AppState,
    field: &'static str,
    label: &'static str,
    get: fn(&NarrativeInputs) -> &Vehicles,
    set: fn(&mut NarrativeInputs) -> &mut Vehicles,
    enforcement: bool,
) -> impl IntoView {
    let sub = if enforcement {
        "enforcement"
    } else {
        "general"
    };
    let kind = if enforcement {
        "执勤执法用车"
    } else {
        "一般公务用车"
    };
    view! {
        <NumberField
            path=format!("narrative.{field}.{sub}")
            label=format!("{label} {kind}（辆）")
            value=Signal::derive(move || {
                state.narrative.with(|n| {
                    let v = get(n);
                    i64::from(if enforcement { v.enforcement } else { v.general })
                })
            })
            on_set=Callback::new(move |n: i64| {
                if let Ok(n) = u32::try_from(n) {
                    edit(state, |x| {
                        let v = set(x);
                        if enforcement { v.enforcement = n } else { v.general = n }
                    });
                }
            })
            range=(0, 100_000)
        />
    }
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
            {vehicles(state, "vehicles_held", "年初车辆", |n| &n.vehicles_held, |n| &mut n.vehicles_held, false)}
            {vehicles(state, "vehicles_held", "年初车辆", |n| &n.vehicles_held, |n| &mut n.vehicles_held, true)}
            {vehicles(state, "vehicles_to_buy", "本年拟购置", |n| &n.vehicles_to_buy, |n| &mut n.vehicles_to_buy, false)}
            {vehicles(state, "vehicles_to_buy", "本年拟购置", |n| &n.vehicles_to_buy, |n| &mut n.vehicles_to_buy, true)}
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
