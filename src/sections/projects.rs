//! 项目绩效目标: one form per project, its indicators and its links to 项目支出 rows.

use budget_core::model::{ExpenditureType, ProjectForm, ProjectIndicator, RowLink};
use budget_core::{Amount, catalog};
use leptos::prelude::*;

use crate::fields::{AmountField, TextField};
use crate::paths::path_id;
use crate::state::AppState;

/// Apply `f` to project `index`, if it still exists.
fn edit(state: AppState, index: usize, f: impl FnOnce(&mut ProjectForm)) {
    state.inputs.update(|i| {
        if let Some(p) = i.projects.get_mut(index) {
            f(p);
        }
    })
}

type TextGet = fn(&ProjectForm) -> String;
type TextSet = fn(&mut ProjectForm, String);

/// One-line fields: JSON field, label (* = required), accessors.
const SHORT_FIELDS: [(&str, &str, TextGet, TextSet); 8] = [
    ("name", "项目名称*", |p| p.name.clone(), |p, v| p.name = v),
    (
        "project_type",
        "项目类型*",
        |p| p.project_type.clone(),
        |p, v| p.project_type = v,
    ),
    (
        "fund_use",
        "资金用途*",
        |p| p.fund_use.clone(),
        |p, v| p.fund_use = v,
    ),
    (
        "manager",
        "项目负责人*",
        |p| p.manager.clone(),
        |p, v| p.manager = v,
    ),
    (
        "contact",
        "联系人*",
        |p| p.contact.clone(),
        |p, v| p.contact = v,
    ),
    (
        "phone",
        "联系电话*",
        |p| p.phone.clone(),
        |p, v| p.phone = v,
    ),
    (
        "start_date",
        "计划开始日期*（YYYY-MM-DD）",
        |p| p.start_date.clone(),
        |p, v| p.start_date = v,
    ),
    (
        "end_date",
        "计划完成日期*（YYYY-MM-DD）",
        |p| p.end_date.clone(),
        |p, v| p.end_date = v,
    ),
];

/// Long texts.
const LONG_FIELDS: [(&str, &str, TextGet, TextSet); 8] = [
    (
        "overview",
        "项目概况*",
        |p| p.overview.clone(),
        |p, v| p.overview = v,
    ),
    (
        "basis",
        "立项依据*",
        |p| p.basis.clone(),
        |p, v| p.basis = v,
    ),
    (
        "necessity",
        "项目设立的必要性*",
        |p| p.necessity.clone(),
        |p, v| p.necessity = v,
    ),
    (
        "measures",
        "保证项目实施的制度、措施*",
        |p| p.measures.clone(),
        |p, v| p.measures = v,
    ),
    (
        "plan",
        "项目实施计划*",
        |p| p.plan.clone(),
        |p, v| p.plan = v,
    ),
    (
        "total_goal",
        "项目总目标*",
        |p| p.total_goal.clone(),
        |p, v| p.total_goal = v,
    ),
    (
        "annual_goal",
        "年度绩效目标*",
        |p| p.annual_goal.clone(),
        |p, v| p.annual_goal = v,
    ),
    (
        "other_issues",
        "需要说明的其他问题",
        |p| p.other_issues.clone(),
        |p, v| p.other_issues = v,
    ),
];

type AmountGet = fn(&ProjectForm) -> Amount;
type AmountSet = fn(&mut ProjectForm, Amount);

/// Money fields.
const AMOUNT_FIELDS: [(&str, &str, AmountGet, AmountSet); 3] = [
    (
        "budget_this_year",
        "项目当年预算（元）*",
        |p| p.budget_this_year.clone(),
        |p, v| p.budget_this_year = v,
    ),
    (
        "budget_last_year",
        "项目上年预算（元）",
        |p| p.budget_last_year.clone(),
        |p, v| p.budget_last_year = v,
    ),
    (
        "adjusted_amount",
        "追加追减后金额（元）",
        |p| p.adjusted_amount.clone(),
        |p, v| p.adjusted_amount = v,
    ),
];

/// The project forms.
#[component]
pub fn ProjectsSection() -> impl IntoView {
    let state = AppState::get();
    let len = Memo::new(move |_| state.inputs.with(|i| i.projects.len()));
    let add = move |_| {
        state
            .inputs
            .update(|i| i.projects.push(ProjectForm::default()))
    };
    view! {
        <h2>"项目绩效目标"</h2>
        <p class="hint">"每个项目一张表；勾选为该项目提供资金的项目支出行。带 * 的为必填项。"</p>
        <For each=move || 0..len.get() key=|i| *i children=move |i| view! { <ProjectView index=i /> } />
        <button type="button" class="add" on:click=add>"添加项目"</button>
    }
}

/// One project form.
#[component]
fn ProjectView(index: usize) -> impl IntoView {
    let state = AppState::get();
    let project = Memo::new(move |_| {
        state
            .inputs
            .with(|i| i.projects.get(index).cloned().unwrap_or_default())
    });
    let n = index + 1;
    let title = move || {
        project.with(|p| {
            if p.name.is_empty() {
                format!("项目 {n}")
            } else {
                format!("项目 {n}：{}", p.name)
            }
        })
    };
    let short = SHORT_FIELDS
        .into_iter()
        .map(|(field, label, get, set)| {
            view! {
                <TextField
                    path=format!("projects[{index}].{field}")
                    label=Signal::derive(move || format!("项目{n} {label}"))
                    value=Signal::derive(move || project.with(get))
                    on_set=Callback::new(move |v: String| edit(state, index, |p| set(p, v)))
                    visible=true
                />
            }
        })
        .collect_view();
    let amounts = AMOUNT_FIELDS
        .into_iter()
        .map(|(field, label, get, set)| {
            view! {
                <AmountField
                    path=format!("projects[{index}].{field}")
                    label=format!("项目{n} {label}")
                    value=Signal::derive(move || project.with(get))
                    on_set=Callback::new(move |v: String| edit(state, index, |p| set(p, Amount::from_text(v))))
                    visible=true
                />
            }
        })
        .collect_view();
    let long = LONG_FIELDS
        .into_iter()
        .map(|(field, label, get, set)| {
            view! {
                <TextField
                    path=format!("projects[{index}].{field}")
                    label=format!("项目{n} {label}")
                    value=Signal::derive(move || project.with(get))
                    on_set=Callback::new(move |v: String| edit(state, index, |p| set(p, v)))
                    multiline=true
                    visible=true
                />
            }
        })
        .collect_view();
    let flag = |field: &'static str,
                label: &'static str,
                get: fn(&ProjectForm) -> bool,
                set: fn(&mut ProjectForm, bool)| {
        view! {
            <label class="check">
                <input
                    type="checkbox"
                    id=path_id(&format!("projects[{index}].{field}"))
                    prop:checked=move || project.with(get)
                    on:change:target=move |ev| {
                        let on = ev.target().checked();
                        edit(state, index, |p| set(p, on));
                    }
                />
                {label}
            </label>
        }
    };
    view! {
        <fieldset class="project">
            <legend>{title}</legend>
            <div class="form">
                {short}
                {flag("procurement", "涉及政府采购", |p| p.procurement, |p, v| p.procurement = v)}
                {flag("adjusted", "项目追加追减", |p| p.adjusted, |p, v| p.adjusted = v)}
                {amounts}
            </div>
            <Links index=index />
            <div class="form">{long}</div>
            <ProjectIndicators index=index />
            <button
                type="button"
                class="del"
                on:click=move |_| {
                    state.inputs.update(|i| {
                        if index < i.projects.len() {
                            i.projects.remove(index);
                        }
                    })
                }
            >
                {format!("删除项目 {n}")}
            </button>
        </fieldset>
    }
}

/// The 项目支出 rows (code · source) a project can be linked to, plus links that no
/// longer match a row (so they can be removed).
#[component]
fn Links(index: usize) -> impl IntoView {
    let state = AppState::get();
    let choices = Memo::new(move |_| {
        state.inputs.with(|i| {
            // A set for the "seen" test: with 10,000 rows a Vec::contains was quadratic.
            let mut seen = std::collections::BTreeSet::new();
            let mut out: Vec<RowLink> = Vec::new();
            for r in i
                .rows
                .iter()
                .filter(|r| r.kind == ExpenditureType::Project && !r.code.trim().is_empty())
            {
                if seen.insert((r.code.trim().to_string(), r.source)) {
                    out.push(RowLink {
                        code: r.code.trim().to_string(),
                        source: r.source,
                    });
                }
            }
            if let Some(p) = i.projects.get(index) {
                for l in &p.links {
                    if seen.insert((l.code.clone(), l.source)) {
                        out.push(l.clone());
                    }
                }
            }
            out
        })
    });
    // The checkboxes read this project's links, not the whole inputs: an amount
    // edit elsewhere then re-runs none of them (thousands with 10,000 rows).
    let linked = Memo::new(move |_| {
        state.inputs.with(|i| {
            i.projects
                .get(index)
                .map(|p| p.links.clone())
                .unwrap_or_default()
        })
    });
    let id = path_id(&format!("projects[{index}].links"));
    let fieldset_id = id.clone();
    view! {
        <fieldset class="links" id=fieldset_id tabindex="-1">
            <legend>"资金来源（关联的项目支出行）"</legend>
            {move || {
                let list = choices.get();
                if list.is_empty() {
                    return view! { <p class="hint">"预算明细中还没有项目支出行。"</p> }.into_any();
                }
                list.into_iter()
                    .enumerate()
                    .map(|(k, link)| {
                        let name = catalog::function().name(&link.code).unwrap_or("");
                        let text = format!("{} {} {}", link.code, name, link.source.short_label());
                        let l1 = link.clone();
                        let checked = move || linked.with(|ls| ls.contains(&l1));
                        view! {
                            <label class="check">
                                <input
                                    type="checkbox"
                                    id=format!("{}-c{k}", id)
                                    prop:checked=checked
                                    on:change:target=move |ev| {
                                        let on = ev.target().checked();
                                        let link = link.clone();
                                        edit(state, index, move |p| {
                                            p.links.retain(|l| *l != link);
                                            if on {
                                                p.links.push(link);
                                            }
                                        });
                                    }
                                />
                                {text}
                            </label>
                        }
                    })
                    .collect_view()
                    .into_any()
            }}
        </fieldset>
    }
}

/// Apply `f` to indicator `k` of project `index`.
fn edit_indicator(state: AppState, index: usize, k: usize, f: impl FnOnce(&mut ProjectIndicator)) {
    edit(state, index, |p| {
        if let Some(ind) = p.indicators.get_mut(k) {
            f(ind);
        }
    })
}

type IndGet = fn(&ProjectIndicator) -> String;
type IndSet = fn(&mut ProjectIndicator, String);

/// Indicator columns.
const INDICATOR_FIELDS: [(&str, &str, IndGet, IndSet); 6] = [
    (
        "level1",
        "一级指标",
        |x| x.level1.clone(),
        |x, v| x.level1 = v,
    ),
    (
        "level2",
        "二级指标",
        |x| x.level2.clone(),
        |x, v| x.level2 = v,
    ),
    (
        "level3",
        "三级指标",
        |x| x.level3.clone(),
        |x, v| x.level3 = v,
    ),
    (
        "target",
        "目标值",
        |x| x.target.clone(),
        |x, v| x.target = v,
    ),
    (
        "explanation",
        "指标解释",
        |x| x.explanation.clone(),
        |x, v| x.explanation = v,
    ),
    (
        "target_note",
        "目标值说明",
        |x| x.target_note.clone(),
        |x, v| x.target_note = v,
    ),
];

/// The indicators grid of one project.
#[component]
fn ProjectIndicators(index: usize) -> impl IntoView {
    let state = AppState::get();
    let len = Memo::new(move |_| {
        state
            .inputs
            .with(|i| i.projects.get(index).map_or(0, |p| p.indicators.len()))
    });
    let n = index + 1;
    let heads = INDICATOR_FIELDS
        .iter()
        .map(|f| view! { <th scope="col">{f.1}</th> })
        .collect_view();
    view! {
        <h4>{format!("项目{n} 绩效指标")}</h4>
        <div class="grid-wrap">
            <table class="grid" on:keydown=crate::grid::move_between_rows>
                <thead>
                    <tr>
                        <th scope="col">"行"</th>
                        {heads}
                        <th scope="col">"操作"</th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || 0..len.get()
                        key=|k| *k
                        children=move |k| {
                            let cells = INDICATOR_FIELDS
                                .into_iter()
                                .map(|(field, label, get, set)| {
                                    view! {
                                        <td>
                                            <TextField
                                                path=format!("projects[{index}].indicators[{k}].{field}")
                                                label=format!("项目{n} 指标第{}行 {label}", k + 1)
                                                value=Signal::derive(move || {
                                                    state.inputs.with(|i| {
                                                        i.projects
                                                            .get(index)
                                                            .and_then(|p| p.indicators.get(k))
                                                            .map(get)
                                                            .unwrap_or_default()
                                                    })
                                                })
                                                on_set=Callback::new(move |v: String| {
                                                    edit_indicator(state, index, k, |x| set(x, v))
                                                })
                                            />
                                        </td>
                                    }
                                })
                                .collect_view();
                            view! {
                                <tr>
                                    <td class="rownum">{k + 1}</td>
                                    {cells}
                                    <td>
                                        <button
                                            type="button"
                                            class="del"
                                            aria-label=format!("删除项目{n} 指标第{}行", k + 1)
                                            on:click=move |_| {
                                                edit(state, index, |p| {
                                                    if k < p.indicators.len() {
                                                        p.indicators.remove(k);
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
                    />
                </tbody>
            </table>
        </div>
        <button
            type="button"
            class="add"
            on:click=move |_| edit(state, index, |p| p.indicators.push(ProjectIndicator::default()))
        >
            "添加指标"
        </button>
    }
}
