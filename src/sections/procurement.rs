//! 政府采购: amounts by category × funding source.

use budget_core::Amount;
use budget_core::model::{FundingSource, ProcurementCategory, ProcurementRow};
use leptos::prelude::*;

use super::index_of;
use crate::fields::{AmountField, SelectField};
use crate::list::keyed_list;
use crate::state::AppState;

/// Apply `f` to procurement row `index`, if it still exists.
fn edit(state: AppState, index: usize, f: impl FnOnce(&mut ProcurementRow)) {
    state.inputs.update(|i| {
        if let Some(r) = i.procurement.get_mut(index) {
            f(r);
        }
    })
}

/// The procurement grid.
#[component]
pub fn ProcurementSection() -> impl IntoView {
    let state = AppState::get();
    let len = state.input_slice(|i| i.procurement.len());
    let add = move |_| {
        state
            .inputs
            .update(|i| i.procurement.push(ProcurementRow::default()))
    };
    view! {
        <h2>"政府采购预算"</h2>
        <p class="hint">"按采购类别和资金来源填写；表9自动汇总。金额单位：元。"</p>
        <table class="grid" on:keydown=crate::grid::move_between_rows>
            <thead>
                <tr>
                    <th scope="col">"行"</th>
                    <th scope="col">"采购类别"</th>
                    <th scope="col">"资金来源"</th>
                    <th scope="col">"金额"</th>
                    <th scope="col">"操作"</th>
                </tr>
            </thead>
            <tbody>
                {keyed_list(
                    move || (0..len.get()).map(|i| (i, 0)).collect(),
                    |(i, _)| view! { <ProcurementRowView index=i /> }.into_any(),
                )}
            </tbody>
        </table>
        <button type="button" class="add" on:click=add>"添加一行"</button>
    }
}

/// One procurement row.
#[component]
fn ProcurementRowView(index: usize) -> impl IntoView {
    let state = AppState::get();
    let row = Memo::new(move |_| {
        state
            .inputs
            .with(|i| i.procurement.get(index).cloned().unwrap_or_default())
    });
    let n = index + 1;
    view! {
        <tr>
            <td class="rownum">{n}</td>
            <td>
                <SelectField
                    path=format!("procurement[{index}].category")
                    label=format!("政府采购第{n}行 采购类别")
                    options=ProcurementCategory::ALL.iter().map(|c| c.label()).collect()
                    selected=Signal::derive(move || row.with(|r| index_of(&ProcurementCategory::ALL, r.category)))
                    on_set=Callback::new(move |k: usize| {
                        if let Some(c) = ProcurementCategory::ALL.get(k).copied() {
                            edit(state, index, move |r| r.category = c);
                        }
                    })
                />
            </td>
            <td>
                <SelectField
                    path=format!("procurement[{index}].source")
                    label=format!("政府采购第{n}行 资金来源")
                    options=FundingSource::ALL.iter().map(|s| s.short_label()).collect()
                    selected=Signal::derive(move || row.with(|r| index_of(&FundingSource::ALL, r.source)))
                    on_set=Callback::new(move |k: usize| {
                        if let Some(s) = FundingSource::ALL.get(k).copied() {
                            edit(state, index, move |r| r.source = s);
                        }
                    })
                />
            </td>
            <td class="num">
                <AmountField
                    path=format!("procurement[{index}].amount")
                    label=Signal::derive(move || {
                        row.with(|r| format!("政府采购 {} {} 金额", r.category.label(), r.source.short_label()))
                    })
                    value=Signal::derive(move || row.with(|r| r.amount.clone()))
                    on_set=Callback::new(move |v: String| edit(state, index, move |r| r.amount = Amount::from_text(v)))
                />
            </td>
            <td>
                <button
                    type="button"
                    class="del"
                    aria-label=format!("删除政府采购第{n}行")
                    on:click=move |_| {
                        state.inputs.update(|i| {
                            if index < i.procurement.len() {
                                i.procurement.remove(index);
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
