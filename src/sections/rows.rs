//! 预算明细: the budget rows grid (function code · source · type · this year · last year).

use budget_core::model::{BudgetRow, ExpenditureType, FundingSource};
use budget_core::{Amount, catalog};
use leptos::prelude::*;

use super::index_of;
use crate::fields::{AmountField, SelectField, TextField};
use crate::state::AppState;

/// What a row is, for accessible names: `2010301 行政运行 一般公共预算 基本支出`.
fn describe(r: &BudgetRow) -> String {
    let name = catalog::function().name(r.code.trim()).unwrap_or("");
    format!(
        "{} {} {} {}",
        r.code.trim(),
        name,
        r.source.short_label(),
        r.kind.label()
    )
}

/// The name of a function code from the catalog, or why there is none.
pub fn function_name(code: &str) -> (String, bool) {
    let code = code.trim();
    if code.is_empty() {
        return (String::new(), true);
    }
    match catalog::function().name(code) {
        Some(n) => (n.to_string(), true),
        None => ("支出功能分类目录中无此编码".to_string(), false),
    }
}

/// Apply `f` to row `index`, if it still exists.
fn edit(state: AppState, index: usize, f: impl FnOnce(&mut BudgetRow)) {
    state.inputs.update(|i| {
        if let Some(r) = i.rows.get_mut(index) {
            f(r);
        }
    })
}

/// The budget rows grid.
#[component]
pub fn RowsSection() -> impl IntoView {
    let state = AppState::get();
    let len = Memo::new(move |_| state.inputs.with(|i| i.rows.len()));
    let add = move |_| state.inputs.update(|i| i.rows.push(BudgetRow::default()));
    view! {
        <h2>"预算明细（支出功能分类）"</h2>
        <p class="hint">
            "每行一个 项 级功能科目、一个收入来源和一个支出类型；类、款小计自动生成。金额单位：元。"
        </p>
        <div class="grid-wrap">
            <table class="grid" on:keydown=crate::grid::move_between_rows>
                <thead>
                    <tr>
                        <th scope="col">"行"</th>
                        <th scope="col">"功能科目编码"</th>
                        <th scope="col">"科目名称"</th>
                        <th scope="col">"收入来源"</th>
                        <th scope="col">"支出类型"</th>
                        <th scope="col">"本年预算数"</th>
                        <th scope="col">"上年预算数"</th>
                        <th scope="col">"操作"</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || 0..len.get() key=|i| *i children=move |i| view! { <BudgetRowView index=i /> } />
                </tbody>
            </table>
        </div>
        <button type="button" class="add" on:click=add>"添加一行"</button>
    }
}

/// One budget row.
#[component]
fn BudgetRowView(index: usize) -> impl IntoView {
    let state = AppState::get();
    let row = Memo::new(move |_| {
        state
            .inputs
            .with(|i| i.rows.get(index).cloned().unwrap_or_default())
    });
    let p = |field: &str| format!("rows[{index}].{field}");
    let n = index + 1;
    let name = move || row.with(|r| function_name(&r.code));
    view! {
        <tr>
            <td class="rownum">{n}</td>
            <td>
                <TextField
                    path=p("code")
                    label=Signal::derive(move || format!("第{n}行 功能科目编码"))
                    value=Signal::derive(move || row.with(|r| r.code.clone()))
                    on_set=Callback::new(move |v: String| edit(state, index, move |r| r.code = v))
                    list="dl-function"
                />
            </td>
            <td class=move || if name().1 { "name" } else { "name unknown" }>{move || name().0}</td>
            <td>
                <SelectField
                    path=p("source")
                    label=Signal::derive(move || format!("第{n}行 收入来源"))
                    options=FundingSource::ALL.iter().map(|s| s.short_label()).collect()
                    selected=Signal::derive(move || row.with(|r| index_of(&FundingSource::ALL, r.source)))
                    on_set=Callback::new(move |k: usize| {
                        if let Some(s) = FundingSource::ALL.get(k).copied() {
                            edit(state, index, move |r| r.source = s);
                        }
                    })
                />
            </td>
            <td>
                <SelectField
                    path=p("kind")
                    label=Signal::derive(move || format!("第{n}行 支出类型"))
                    options=ExpenditureType::ALL.iter().map(|t| t.label()).collect()
                    selected=Signal::derive(move || row.with(|r| index_of(&ExpenditureType::ALL, r.kind)))
                    on_set=Callback::new(move |k: usize| {
                        if let Some(t) = ExpenditureType::ALL.get(k).copied() {
                            edit(state, index, move |r| r.kind = t);
                        }
                    })
                />
            </td>
            <td class="num">
                <AmountField
                    path=p("this_year")
                    label=Signal::derive(move || format!("{} 本年预算数", row.with(describe)))
                    value=Signal::derive(move || row.with(|r| r.this_year.clone()))
                    on_set=Callback::new(move |v: String| edit(state, index, move |r| r.this_year = Amount::from_text(v)))
                />
            </td>
            <td class="num">
                <AmountField
                    path=p("last_year")
                    label=Signal::derive(move || format!("{} 上年预算数", row.with(describe)))
                    value=Signal::derive(move || row.with(|r| r.last_year.clone()))
                    on_set=Callback::new(move |v: String| edit(state, index, move |r| r.last_year = Amount::from_text(v)))
                />
            </td>
            <td>
                <button
                    type="button"
                    class="del"
                    aria-label=format!("删除第{n}行")
                    on:click=move |_| {
                        state.inputs.update(|i| {
                            if index < i.rows.len() {
                                i.rows.remove(index);
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
