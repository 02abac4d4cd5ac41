//! 基本支出经济分类: economic code (款) · amount, for 一般公共预算 基本支出.

use budget_core::model::EconomicRow;
use budget_core::{Amount, catalog};
use leptos::prelude::*;

use crate::fields::{AmountField, TextField};
use crate::state::AppState;

/// The name of an economic code from the catalog, or why there is none.
fn economic_name(code: &str) -> (String, bool) {
    let code = code.trim();
    if code.is_empty() {
        return (String::new(), true);
    }
    match catalog::economic().name(code) {
        Some(n) => (n.to_string(), true),
        None => ("经济分类目录中无此编码".to_string(), false),
    }
}

/// Apply `f` to economic row `index`, if it still exists.
fn edit(state: AppState, index: usize, f: impl FnOnce(&mut EconomicRow)) {
    state.inputs.update(|i| {
        if let Some(r) = i.economic_rows.get_mut(index) {
            f(r);
        }
    })
}

/// The economic classification grid.
#[component]
pub fn EconomicSection() -> impl IntoView {
    let state = AppState::get();
    let len = Memo::new(move |_| state.inputs.with(|i| i.economic_rows.len()));
    let add = move |_| {
        state
            .inputs
            .update(|i| i.economic_rows.push(EconomicRow::default()))
    };
    view! {
        <h2>"基本支出（一般公共预算）按经济分类"</h2>
        <p class="hint">"每行一个 款 级经济分类科目；人员经费、公用经费按类自动归集。金额单位：元。"</p>
        <div class="grid-wrap">
            <table class="grid" on:keydown=crate::grid::move_between_rows>
                <thead>
                    <tr>
                        <th scope="col">"行"</th>
                        <th scope="col">"经济分类编码"</th>
                        <th scope="col">"科目名称"</th>
                        <th scope="col">"本年基本支出"</th>
                        <th scope="col">"操作"</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || 0..len.get() key=|i| *i children=move |i| view! { <EconomicRowView index=i /> } />
                </tbody>
            </table>
        </div>
        <button type="button" class="add" on:click=add>"添加一行"</button>
    }
}

/// One economic row.
#[component]
fn EconomicRowView(index: usize) -> impl IntoView {
    let state = AppState::get();
    let row = Memo::new(move |_| {
        state
            .inputs
            .with(|i| i.economic_rows.get(index).cloned().unwrap_or_default())
    });
    let n = index + 1;
    let name = move || row.with(|r| economic_name(&r.code));
    view! {
        <tr>
            <td class="rownum">{n}</td>
            <td>
                <TextField
                    path=format!("economic_rows[{index}].code")
                    label=Signal::derive(move || format!("经济分类第{n}行 编码"))
                    value=Signal::derive(move || row.with(|r| r.code.clone()))
                    on_set=Callback::new(move |v: String| edit(state, index, move |r| r.code = v))
                    list="dl-economic"
                />
            </td>
            <td class=move || if name().1 { "name" } else { "name unknown" }>{move || name().0}</td>
            <td class="num">
                <AmountField
                    path=format!("economic_rows[{index}].amount")
                    label=Signal::derive(move || {
                        row.with(|r| format!("{} {} 基本支出", r.code.trim(), economic_name(&r.code).0))
                    })
                    value=Signal::derive(move || row.with(|r| r.amount.clone()))
                    on_set=Callback::new(move |v: String| edit(state, index, move |r| r.amount = Amount::from_text(v)))
                />
            </td>
            <td>
                <button
                    type="button"
                    class="del"
                    aria-label=format!("删除经济分类第{n}行")
                    on:click=move |_| {
                        state.inputs.update(|i| {
                            if index < i.economic_rows.len() {
                                i.economic_rows.remove(index);
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
