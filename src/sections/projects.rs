//! 项目绩效目标: one form per project, its indicators and its links to 项目支出 rows.

use std::sync::LazyLock;

use budget_core::Amount;
use budget_core::model::{ExpenditureType, ProjectForm, ProjectIndicator, RowLink, choices};
use leptos::prelude::*;

use crate::fields::{AmountField, TextField};
use crate::grid::column::{Column, Kind, text_column};
use crate::grid::{Grid, GridSpec, Rows};
use crate::paths::path_id;
use crate::state::AppState;
use crate::undo::{Field, ListChange};

/// Field `name` of project `index` (`label` without its required mark in
/// the status line), read by `get` and stored by `set`.
fn field<V: Clone + PartialEq + Send + Sync + 'static>(
    index: usize,
    name: &str,
    label: &str,
    get: impl Fn(&ProjectForm) -> V + Send + Sync + 'static,
    set: impl Fn(&mut ProjectForm, V) + Send + Sync + 'static,
) -> Field<V> {
    Field::new(
        format!("projects[{index}].{name}"),
        format!("项目{} {}", index + 1, label.replace('*', "")),
        move |i| i.projects.get(index).map(&get),
        move |i, v| {
            if let Some(p) = i.projects.get_mut(index) {
                set(p, v);
            }
        },
    )
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
        "计划开始日期*（如 2025-03-01、2025/3/1）",
        |p| p.start_date.clone(),
        |p, v| p.start_date = v,
    ),
    (
        "end_date",
        "计划完成日期*（如 2025-12-31、2025年12月31日）",
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
    let len = state.input_slice(|i| i.projects.len());
    let add = move |_| {
        let at = state.inputs.with_untracked(|i| i.projects.len());
        let change = ListChange::add_project(at, ProjectForm::default());
        state.undo.run("添加项目", Box::new(change), None);
    };
    // Bumped when a project is deleted or its deletion undone: the forms
    // after it now show other projects, so every form is built anew (its
    // registration for findings belonged to the project that was there).
    let epoch = state.undo.projects_epoch;
    view! {
        <h2>"项目绩效目标"</h2>
        <p class="hint">"每个项目一张表；在“资金来源”中添加为该项目提供资金的项目支出行。带 * 的为必填项。"</p>
        <For
            each=move || { let e = epoch.get(); (0..len.get()).map(move |i| (e, i)) }
            key=|k: &(u32, usize)| *k
            children=move |(_, i)| view! { <ProjectView index=i /> }
        />
        <button type="button" class="add" on:click=add>"添加项目"</button>
        <datalist id=PROJECT_TYPES_LIST>
            {choices::PROJECT_TYPES.iter().map(|t| view! { <option value=t.name></option> }).collect_view()}
        </datalist>
    }
}

/// The id of the `<datalist>` of the usual 项目类型 (`choices::PROJECT_TYPES`).
const PROJECT_TYPES_LIST: &str = "project-types";

/// One project form.
#[component]
fn ProjectView(index: usize) -> impl IntoView {
    let state = AppState::get();
    // A slice, not a memo: an edit outside this project visits none of its fields.
    let project = state.input_slice(move |i| i.projects.get(index).cloned().unwrap_or_default());
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
        .map(|(name, label, get, set)| {
            let place = field(index, name, label, get, set);
            let list = (name == "project_type").then_some(PROJECT_TYPES_LIST);
            view! {
                <TextField
                    path=place.path.clone()
                    label=Signal::derive(move || format!("项目{n} {label}"))
                    value=Signal::derive(move || project.with(get))
                    on_set=Callback::new(move |v: String| state.undo.typed(&place, v))
                    visible=true
                    list=list
                />
            }
        })
        .collect_view();
    let amounts = AMOUNT_FIELDS
        .into_iter()
        .map(|(name, label, get, set)| {
            let place = field(
                index,
                name,
                label,
                move |p| get(p).text().to_string(),
                move |p, v| set(p, Amount::from_text(v)),
            );
            view! {
                <AmountField
                    path=place.path.clone()
                    label=format!("项目{n} {label}")
                    value=Signal::derive(move || project.with(get))
                    on_set=Callback::new(move |v: String| state.undo.typed(&place, v))
                    visible=true
                />
            }
        })
        .collect_view();
    let long = LONG_FIELDS
        .into_iter()
        .map(|(name, label, get, set)| {
            let place = field(index, name, label, get, set);
            view! {
                <TextField
                    path=place.path.clone()
                    label=format!("项目{n} {label}")
                    value=Signal::derive(move || project.with(get))
                    on_set=Callback::new(move |v: String| state.undo.typed(&place, v))
                    multiline=true
                    visible=true
                />
            }
        })
        .collect_view();
    let flag = |name: &'static str,
                label: &'static str,
                get: fn(&ProjectForm) -> bool,
                set: fn(&mut ProjectForm, bool)| {
        let place = field(index, name, label, get, set);
        view! {
            <label class="check">
                <input
                    type="checkbox"
                    id=path_id(&place.path)
                    prop:checked=move || project.with(get)
                    on:change:target=move |ev| state.undo.chose(&place, ev.target().checked())
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
            <Links index=index project=project />
            <div class="form">{long}</div>
            <ProjectIndicators index=index />
            <button
                type="button"
                class="del"
                on:click=move |_| delete(state, index)
            >
                {format!("删除项目 {n}")}
            </button>
        </fieldset>
    }
}

/// 删除项目: one step of the form's history, which Ctrl+Z or 撤销 undoes with
/// the whole form (texts, links, indicators). No question asked: nothing is
/// lost.
fn delete(state: AppState, index: usize) {
    let Some(project) = state
        .inputs
        .with_untracked(|i| i.projects.get(index).cloned())
    else {
        return;
    };
    let name = match project.name.trim() {
        "" => format!("项目 {}", index + 1),
        name => name.to_string(),
    };
    state.undo.run(
        format!("删除项目「{name}」"),
        Box::new(ListChange::delete_project(index, project)),
        Some(format!("已删除项目「{name}」 — 按 Ctrl+Z 或点“撤销”恢复")),
    );
}

/// Most rows the link search lists.
const LINK_PICKS: usize = 12;

/// The project's links to 项目支出 rows (code · source), each with a remove
/// button, and a search box to add one.
///
/// The candidates (distinct 项目支出 rows) are computed only while the search
/// box is open: with 10,000 budget rows and many projects, a list per project
/// kept up to date on every keystroke cost most of an edit. Links that no longer
/// match a row stay listed; PRJ-001 names them and the jump lands on their button.
#[component]
fn Links(index: usize, project: ReadSignal<ProjectForm>) -> impl IntoView {
    let state = AppState::get();
    let links = Memo::new(move |_| project.with(|p| p.links.clone()));
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let hi = RwSignal::new(0usize);
    // Candidates: read the inputs only while the search box is open.
    let picks = Memo::new(move |_| {
        if !open.get() {
            return (Vec::new(), 0usize);
        }
        let q = query.with(|q| q.trim().to_string());
        let taken = links.get();
        let cats = state.in_force();
        state.inputs.with(|i| {
            let mut seen = std::collections::HashSet::new();
            let mut out: Vec<RowLink> = Vec::new();
            let mut count = 0usize;
            for r in &i.rows {
                let code = r.code.trim();
                if r.kind != ExpenditureType::Project || code.is_empty() {
                    continue;
                }
                if taken.iter().any(|l| l.code == code && l.source == r.source) {
                    continue;
                }
                if !q.is_empty() {
                    let name = cats.function().name(code).unwrap_or("");
                    if !code.starts_with(q.as_str()) && !name.contains(q.as_str()) {
                        continue;
                    }
                }
                if !seen.insert((code, r.source)) {
                    continue;
                }
                count += 1;
                if out.len() < LINK_PICKS {
                    out.push(RowLink {
                        code: code.to_string(),
                        source: r.source,
                    });
                }
            }
            (out, count)
        })
    });
    // Named from the catalog in force (tracked where a view reads it).
    let label = move |l: &RowLink| {
        let name = state.in_force().function().name(&l.code).unwrap_or("");
        format!("{} {} {}", l.code, name, l.source.short_label())
    };
    let n = index + 1;
    let add = move |link: RowLink| {
        let at = state.inputs.with_untracked(|i| {
            let p = i.projects.get(index)?;
            (!p.links.contains(&link)).then_some(p.links.len())
        });
        if let Some(at) = at {
            let what = format!("添加项目{n}的关联 {}", label(&link));
            let change = ListChange::links(index, at, Vec::new(), vec![link]);
            state.undo.run(what, Box::new(change), None);
        }
        query.set(String::new());
        hi.set(0);
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let n = picks.with(|(v, _)| v.len());
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                hi.update(|h| *h = (*h + 1).min(n - 1));
            }
            "ArrowUp" if n > 0 => {
                ev.prevent_default();
                hi.update(|h| *h = h.saturating_sub(1));
            }
            "Enter" => {
                ev.prevent_default();
                if let Some(l) = picks.with(|(v, _)| v.get(hi.get_untracked()).cloned()) {
                    add(l);
                }
            }
            "Escape" => {
                open.set(false);
            }
            _ => {}
        }
    };
    let id = path_id(&format!("projects[{index}].links"));
    let search_id = format!("{id}-add");
    let list_id = format!("{id}-picks");
    let list_id2 = list_id.clone();
    view! {
        <fieldset class="links" id=id.clone() tabindex="-1">
            <legend>"资金来源（关联的项目支出行）"</legend>
            {move || {
                let ls = links.get();
                if ls.is_empty() {
                    return view! { <p class="hint">"尚未关联项目支出行：在下方输入编码或名称查找并添加。"</p> }
                        .into_any();
                }
                let items = ls
                    .into_iter()
                    .enumerate()
                    .map(|(j, l)| {
                        let text = label(&l);
                        let aria = format!("移除项目{n}的关联 {text}");
                        let what = aria.clone();
                        view! {
                            <li>
                                <span>{text}</span>
                                <button
                                    type="button"
                                    class="del"
                                    id=path_id(&format!("projects[{index}].links[{j}].code"))
                                    aria-label=aria
                                    on:click=move |_| {
                                        let change = ListChange::links(index, j, vec![l.clone()], Vec::new());
                                        state.undo.run(what.clone(), Box::new(change), None);
                                    }
                                >
                                    "移除"
                                </button>
                            </li>
                        }
                    })
                    .collect_view();
                view! { <ul class="link-list">{items}</ul> }.into_any()
            }}
            <label class="link-add">
                "添加关联："
                <input
                    type="search"
                    id=search_id
                    autocomplete="off"
                    role="combobox"
                    aria-autocomplete="list"
                    aria-label=format!("项目{n} 添加关联的项目支出行（输入编码或名称）")
                    aria-controls=list_id.clone()
                    aria-expanded=move || if open.get() { "true" } else { "false" }
                    placeholder="输入项目支出行的功能分类编码或名称"
                    prop:value=move || query.get()
                    on:input:target=move |ev| {
                        query.set(ev.target().value());
                        hi.set(0);
                        open.set(true);
                    }
                    on:focus=move |_| open.set(true)
                    on:blur=move |_| open.set(false)
                    on:keydown=on_key
                />
            </label>
            <Show when=move || open.get()>
                <ul class="link-picks" id=list_id2.clone() role="listbox">
                    {move || {
                        let (list, count) = picks.get();
                        if list.is_empty() {
                            return view! {
                                <li class="hint">"没有可关联的项目支出行（已关联的不再列出）。"</li>
                            }
                                .into_any();
                        }
                        let more = count.saturating_sub(list.len());
                        let items = list
                            .into_iter()
                            .enumerate()
                            .map(|(k, l)| {
                                let text = label(&l);
                                view! {
                                    <li
                                        role="option"
                                        class:hi=move || hi.get() == k
                                        aria-selected=move || if hi.get() == k { "true" } else { "false" }
                                        // mousedown, not click: the search box keeps focus.
                                        on:mousedown=move |ev| {
                                            ev.prevent_default();
                                            add(l.clone());
                                        }
                                    >
                                        {text}
                                    </li>
                                }
                            })
                            .collect_view();
                        view! {
                            {items}
                            {(more > 0).then(|| view! { <li class="hint">{format!("还有 {more} 行，请输入更多字符缩小范围")}</li> })}
                        }
                            .into_any()
                    }}
                </ul>
            </Show>
        </fieldset>
    }
}

/// The standard 一级指标, offered in their column (`budget_core::model::choices`).
static LEVEL1: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| choices::INDICATORS.iter().map(|l| l.name).collect());

/// Every standard 二级指标, grouped by 一级, offered in their column.
static LEVEL2: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    choices::INDICATORS
        .iter()
        .flat_map(|l| l.level2.iter().copied())
        .collect()
});

/// A free-text column over `$field` that offers `$values`.
macro_rules! suggest_column {
    ($key:literal, $header:literal, $field:ident, $values:expr) => {
        Column {
            kind: Kind::Suggest($values),
            ..text_column!($key, $header, $field)
        }
    };
}

/// The columns of a project's indicators grid: free text, the standard
/// 一级/二级指标 offered in theirs.
pub fn indicator_columns() -> Vec<Column<ProjectIndicator>> {
    vec![
        suggest_column!("level1", "一级指标", level1, LEVEL1.as_slice()),
        suggest_column!("level2", "二级指标", level2, LEVEL2.as_slice()),
        text_column!("level3", "三级指标", level3),
        text_column!("target", "目标值", target),
        text_column!("explanation", "指标解释", explanation),
        text_column!("target_note", "目标值说明", target_note),
    ]
}

/// The indicators of project `index` on a spreadsheet grid (`projects[index].indicators`).
#[component]
fn ProjectIndicators(index: usize) -> impl IntoView {
    let n = index + 1;
    let spec = GridSpec {
        path: format!("projects[{index}].indicators"),
        id: format!("projects-{index}-indicators"),
        label: format!("项目{n} 绩效指标"),
        noun: format!("项目{n} 指标"),
        columns: indicator_columns(),
        // 一级指标 stays in view while the grid scrolls sideways.
        frozen: 1,
        rows: Rows::Nested {
            index,
            get: |i, k| i.projects.get(k).map(|p| &p.indicators),
            get_mut: |i, k| i.projects.get_mut(k).map(|p| &mut p.indicators),
        },
        describe: |_, _| None,
        totals: None,
        sort_key: None,
        add_label: "添加指标",
    };
    view! {
        // h3: the section's heading is the h2 (the project is a fieldset).
        <h3>{format!("项目{n} 绩效指标")}</h3>
        <Grid spec=spec />
    }
}
