//! 整体绩效目标 (表10): target text and the indicators grid.

use budget_core::Amount;
use budget_core::model::{Operator, OverallIndicator};
use leptos::prelude::*;

use super::index_of;
use crate::fields::{AmountField, SelectField, TextField};
use crate::state::AppState;

/// Apply `f` to overall indicator `index`, if it still exists.
fn edit(state: AppState, index: usize, f: impl FnOnce(&mut OverallIndicator)) {
    state.inputs.update(|i| {
        if let Some(r) = i.overall_performance.indicators.get_mut(index) {
            f(r);
        }
    })
}

/// The overall performance form.
#[component]
pub fn OverallSection() -> impl IntoView {
    let state = AppState::get();
    let len = Memo::new(move |_| {
        state
            .inputs
            .with(|i| i.overall_performance.indicators.len())
    });
    let add = move |_| {
        state.inputs.update(|i| {
            i.overall_performance
                .indicators
                .push(OverallIndicator::default())
        })
    };
    // The weight findings of the core (sum and sign), shown beside the grid.
    let weight_findings = Memo::new(move |_| {
        state.findings.with(|fs| {
            fs.iter()
                .filter(|f| {
                    f.locations
                        .iter()
                        .any(|l| l.starts_with("overall_performance.indicators"))
                })
                .map(|f| format!("{} {}", f.check, f.message))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <h2>"部门整体绩效目标"</h2>
        <div class="form">
            <TextField
                path="overall_performance.unit_name"
                label="表10 部门（单位）名称".to_string()
                value=Signal::derive(move || state.inputs.with(|i| i.overall_performance.unit_name.clone()))
                on_set=Callback::new(move |v: String| state.inputs.update(|i| i.overall_performance.unit_name = v))
                visible=true
            />
            <TextField
                path="overall_performance.target"
                label="当年整体绩效目标".to_string()
                value=Signal::derive(move || state.inputs.with(|i| i.overall_performance.target.clone()))
                on_set=Callback::new(move |v: String| state.inputs.update(|i| i.overall_performance.target = v))
                multiline=true
                visible=true
            />
        </div>
        <h3>"绩效指标"</h3>
        <table class="grid" on:keydown=crate::grid::move_between_rows>
            <thead>
                <tr>
                    <th scope="col">"行"</th>
                    <th scope="col">"指标名称"</th>
                    <th scope="col">"指标权重"</th>
                    <th scope="col">"计量单位"</th>
                    <th scope="col">"指标性质"</th>
                    <th scope="col">"指标值"</th>
                    <th scope="col">"操作"</th>
                </tr>
            </thead>
            <tbody>
                <For each=move || 0..len.get() key=|i| *i children=move |i| view! { <IndicatorRow index=i /> } />
            </tbody>
        </table>
        <button type="button" class="add" on:click=add>"添加指标"</button>
        <ul class="inline-findings" aria-label="权重审核">
            {move || weight_findings.get().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
        </ul>
    }
}

/// One overall indicator.
#[component]
fn IndicatorRow(index: usize) -> impl IntoView {
    let state = AppState::get();
    let row = Memo::new(move |_| {
        state.inputs.with(|i| {
            i.overall_performance
                .indicators
                .get(index)
                .cloned()
                .unwrap_or_default()
        })
    });
    let n = index + 1;
    let p = move |f: &str| format!("overall_performance.indicators[{index}].{f}");
    let text = move |field: &'static str,
                     label: &'static str,
                     get: fn(&OverallIndicator) -> String,
                     set: fn(&mut OverallIndicator, String)| {
        view! {
            <td>
                <TextField
                    path=p(field)
                    label=format!("整体绩效指标第{n}行 {label}")
                    value=Signal::derive(move || row.with(get))
                    on_set=Callback::new(move |v: String| edit(state, index, |r| set(r, v)))
                />
            </td>
        }
    };
    view! {
        <tr>
            <td class="rownum">{n}</td>
            {text("name", "指标名称", |r| r.name.clone(), |r, v| r.name = v)}
            <td class="num">
                <AmountField
                    path=p("weight")
                    label=Signal::derive(move || row.with(|r| format!("整体绩效指标 {} 权重", r.name)))
                    value=Signal::derive(move || row.with(|r| r.weight.clone()))
                    on_set=Callback::new(move |v: String| edit(state, index, move |r| r.weight = Amount::from_text(v)))
                />
            </td>
            {text("unit", "计量单位", |r| r.unit.clone(), |r, v| r.unit = v)}
            <td>
                <SelectField
                    path=p("operator")
                    label=format!("整体绩效指标第{n}行 指标性质")
                    options=Operator::ALL.iter().map(|o| o.symbol()).collect()
                    selected=Signal::derive(move || row.with(|r| index_of(&Operator::ALL, r.operator)))
                    on_set=Callback::new(move |k: usize| {
                        if let Some(o) = Operator::ALL.get(k).copied() {
                            edit(state, index, move |r| r.operator = o);
                        }
                    })
                />
            </td>
            {text("value", "指标值", |r| r.value.clone(), |r, v| r.value = v)}
            <td>
                <button
                    type="button"
                    class="del"
                    aria-label=format!("删除整体绩效指标第{n}行")
                    on:click=move |_| {
                        state.inputs.update(|i| {
                            if index < i.overall_performance.indicators.len() {
                                i.overall_performance.indicators.remove(index);
                            }
                        })
                    }
                >
                    "删除"
                </button>
            </td>
        </tr>
    }
}
