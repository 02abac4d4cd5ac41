//! 公开说明: what a template's 情况说明 says beyond the budget's figures
//! (`budget_core::model::Disclosure`) — 机构设置, 名词解释, each 项's use,
//! last year as totals, 国有资产, 中小企业预留, the projects with targets and
//! the 项目经费情况说明. Shown for the templates whose text prints them (上海);
//! kept in the form under any template.

use budget_core::Amount;
use budget_core::Inputs;
use budget_core::amount::InputUnit;
use budget_core::model::{Disclosure, GlossaryEntry, MemberUnit, TargetProject, UnitType};
use budget_core::template::{self, NarrativeKind};
use budget_core::whole;
use leptos::prelude::*;

use super::index_of;
use crate::fields::{AmountField, NumberField, SelectField, TextField};
use crate::state::AppState;
use crate::undo::Field;

/// A text of the disclosure at `path`, read by `get` and stored by `set`.
fn text_field(
    state: AppState,
    path: String,
    label: String,
    get: impl Fn(&Disclosure) -> Option<String> + Clone + Send + Sync + 'static,
    set: impl Fn(&mut Disclosure, String) + Send + Sync + 'static,
    multiline: bool,
) -> impl IntoView {
    let read = get.clone();
    let place = Field::new(
        path.clone(),
        label.clone(),
        move |i: &Inputs| read(&i.disclosure),
        move |i, v| set(&mut i.disclosure, v),
    );
    view! {
        <TextField
            path=path
            label=label
            value=Signal::derive(move || state.inputs.with(|i| get(&i.disclosure).unwrap_or_default()))
            on_set=Callback::new(move |v: String| state.undo.typed(&place, v))
            multiline=multiline
            visible=true
        />
    }
}

/// An amount of the disclosure, in `unit` when it may be 万元.
fn amount_field(
    state: AppState,
    path: &'static str,
    label: &'static str,
    get: fn(&Disclosure) -> &Amount,
    set: fn(&mut Disclosure) -> &mut Amount,
    unit: Option<fn(&Disclosure) -> InputUnit>,
) -> impl IntoView {
    let place = Field::new(
        path,
        label,
        move |i: &Inputs| Some(get(&i.disclosure).text().to_string()),
        move |i, v: String| *set(&mut i.disclosure) = Amount::from_text(v),
    );
    let unit_of = move || unit.map_or(InputUnit::Yuan, |u| state.inputs.with(|i| u(&i.disclosure)));
    view! {
        <AmountField
            path=path
            label=Signal::derive(move || format!("{label}（{}）", unit_of().label()))
            value=Signal::derive(move || state.inputs.with(|i| get(&i.disclosure).clone()))
            on_set=Callback::new(move |v: String| state.undo.typed(&place, v))
            visible=true
            unit=Signal::derive(unit_of)
        />
    }
}

/// A list of the disclosure as one value: adding or deleting an entry is
/// one step of the form's undo history.
fn list_field<T: Clone + PartialEq + Send + Sync + 'static>(
    path: &'static str,
    label: &'static str,
    get: fn(&Disclosure) -> &Vec<T>,
    set: fn(&mut Disclosure) -> &mut Vec<T>,
) -> Field<Vec<T>> {
    Field::new(
        path,
        label,
        move |i: &Inputs| Some(get(&i.disclosure).clone()),
        move |i, v| *set(&mut i.disclosure) = v,
    )
}

/// 添加 / 删除 buttons of a list: `edit` changes the list read from the form.
fn edit_list<T: Clone + PartialEq + Send + Sync + 'static>(
    state: AppState,
    field: &Field<Vec<T>>,
    get: fn(&Disclosure) -> &Vec<T>,
    edit: impl FnOnce(&mut Vec<T>),
) {
    let mut list = state.inputs.with_untracked(|i| get(&i.disclosure).clone());
    edit(&mut list);
    state.undo.chose(field, list);
}

/// 机构设置: the units, the department itself first.
fn members(state: AppState) -> impl IntoView {
    let list = list_field(
        "disclosure.members",
        "机构设置",
        |d| &d.members,
        |d| &mut d.members,
    );
    let n = Memo::new(move |_| state.inputs.with(|i| i.disclosure.members.len()));
    let add = list.clone();
    let row = move |k: usize| {
        let remove = list.clone();
        let kind = Field::new(
            format!("disclosure.members[{k}].unit_type"),
            format!("第 {} 个单位的类型", k + 1),
            move |i: &Inputs| i.disclosure.members.get(k).map(|m| m.unit_type),
            move |i, t| {
                if let Some(m) = i.disclosure.members.get_mut(k) {
                    m.unit_type = t;
                }
            },
        );
        view! {
            <div class="disclosure-row">
                {text_field(
                    state,
                    format!("disclosure.members[{k}].name"),
                    format!("第 {} 个单位名称", k + 1),
                    move |d| d.members.get(k).map(|m| m.name.clone()),
                    move |d, v| if let Some(m) = d.members.get_mut(k) { m.name = v },
                    false,
                )}
                <SelectField
                    path=format!("disclosure.members[{k}].unit_type")
                    label=format!("第 {} 个单位的类型", k + 1)
                    options=UnitType::ALL.iter().map(|t| t.label()).collect()
                    selected=Signal::derive(move || state.inputs.with(|i| {
                        i.disclosure.members.get(k).map_or(0, |m| index_of(&UnitType::ALL, m.unit_type))
                    }))
                    on_set=Callback::new(move |j: usize| {
                        if let Some(t) = UnitType::ALL.get(j).copied() {
                            state.undo.chose(&kind, t);
                        }
                    })
                    visible=true
                />
                <button type="button" class="small" on:click=move |_| {
                    edit_list(state, &remove, |d| &d.members, |l| if k < l.len() { l.remove(k); });
                }>{format!("删除第 {} 个单位", k + 1)}</button>
            </div>
        }
    };
    view! {
        <h3>"机构设置"</h3>
        <p class="hint">"第一行是部门本级（如“财政局本部”），其后是下属预算单位；行政、事业单位的家数由此计算（参公事业单位计入事业单位）。"</p>
        {move || (0..n.get()).map(&row).collect_view()}
        <button type="button" id="btn-add-member" on:click=move |_| {
            edit_list(state, &add, |d| &d.members, |l| l.push(MemberUnit::default()));
        }>"添加单位"</button>
    }
}

/// 名词解释
fn glossary(state: AppState) -> impl IntoView {
    let list = list_field(
        "disclosure.glossary",
        "名词解释",
        |d| &d.glossary,
        |d| &mut d.glossary,
    );
    let n = Memo::new(move |_| state.inputs.with(|i| i.disclosure.glossary.len()));
    let add = list.clone();
    let row = move |k: usize| {
        let remove = list.clone();
        view! {
            <div class="disclosure-row">
                {text_field(
                    state,
                    format!("disclosure.glossary[{k}].term"),
                    format!("名词 {}", k + 1),
                    move |d| d.glossary.get(k).map(|g| g.term.clone()),
                    move |d, v| if let Some(g) = d.glossary.get_mut(k) { g.term = v },
                    false,
                )}
                {text_field(
                    state,
                    format!("disclosure.glossary[{k}].text"),
                    format!("名词 {} 的解释", k + 1),
                    move |d| d.glossary.get(k).map(|g| g.text.clone()),
                    move |d, v| if let Some(g) = d.glossary.get_mut(k) { g.text = v },
                    true,
                )}
                <button type="button" class="small" on:click=move |_| {
                    edit_list(state, &remove, |d| &d.glossary, |l| if k < l.len() { l.remove(k); });
                }>{format!("删除名词 {}", k + 1)}</button>
            </div>
        }
    };
    view! {
        <h3>"名词解释"</h3>
        {move || (0..n.get()).map(&row).collect_view()}
        <button type="button" id="btn-add-term" on:click=move |_| {
            edit_list(state, &add, |d| &d.glossary, |l| l.push(GlossaryEntry::default()));
        }>"添加名词"</button>
    }
}

/// 主要用于…: one text per 项 the 编制说明 lists.
fn purposes(state: AppState) -> impl IntoView {
    let items = Memo::new(move |_| state.inputs.with(budget_core::narrative::purpose_items));
    view! {
        <h3>"财政拨款支出主要内容：各项主要用于"</h3>
        <p class="hint">"每个有财政拨款的功能分类项一条，写“主要用于”之后的内容，如“缴纳在职人员住房公积金”。"</p>
        <div class="form">
            {move || items.get().into_iter().map(|(code, label)| {
                let key = code.clone();
                let key2 = code.clone();
                text_field(
                    state,
                    format!("disclosure.purposes.{code}"),
                    format!("{label} 主要用于"),
                    move |d| Some(d.purposes.get(&key).cloned().unwrap_or_default()),
                    move |d, v| {
                        if v.trim().is_empty() {
                            d.purposes.remove(&key2);
                        } else {
                            d.purposes.insert(key2.clone(), v);
                        }
                    },
                    false,
                )
            }).collect_view()}
        </div>
    }
}

/// 上年数 given as totals, and their unit.
fn last_year(state: AppState) -> impl IntoView {
    let given = Field::new(
        "disclosure.last_year.given",
        "上年数的填报方式",
        |i: &Inputs| Some(i.disclosure.last_year.given),
        |i, v: bool| i.disclosure.last_year.given = v,
    );
    let unit = Field::new(
        "disclosure.last_year.unit",
        "上年总数的金额单位",
        |i: &Inputs| Some(i.disclosure.last_year.unit),
        |i, v: InputUnit| i.disclosure.last_year.unit = v,
    );
    let is_given = Memo::new(move |_| state.inputs.with(|i| i.disclosure.last_year.given));
    let unit_of: fn(&Disclosure) -> InputUnit = |d| d.last_year.unit;
    view! {
        <h3>"上年预算数"</h3>
        <div class="form">
            <SelectField
                path="disclosure.last_year.given"
                label="上年数的填报方式".to_string()
                options=vec!["按预算明细各行的上年数", "只填上年总数（文件只公开总数时）"]
                selected=Signal::derive(move || usize::from(is_given.get()))
                on_set=Callback::new(move |k: usize| state.undo.chose(&given, k == 1))
                visible=true
            />
            <Show when=move || is_given.get()>
                <SelectField
                    path="disclosure.last_year.unit"
                    label="上年总数的金额单位".to_string()
                    options=InputUnit::ALL.iter().map(|u| u.label()).collect()
                    selected=Signal::derive(move || state.inputs.with(|i| index_of(&InputUnit::ALL, i.disclosure.last_year.unit)))
                    on_set=Callback::new({
                        let unit = unit.clone();
                        move |k: usize| {
                            if let Some(u) = InputUnit::ALL.get(k).copied() {
                                state.undo.chose(&unit, u);
                            }
                        }
                    })
                    visible=true
                />
                {amount_field(state, "disclosure.last_year.fiscal", "上年财政拨款收入", |d| &d.last_year.fiscal, |d| &mut d.last_year.fiscal, Some(unit_of))}
                {amount_field(state, "disclosure.last_year.general", "上年一般公共预算拨款", |d| &d.last_year.general, |d| &mut d.last_year.general, Some(unit_of))}
                {amount_field(state, "disclosure.last_year.gov_fund", "上年政府性基金预算拨款", |d| &d.last_year.gov_fund, |d| &mut d.last_year.gov_fund, Some(unit_of))}
                {amount_field(state, "disclosure.last_year.state_capital", "上年国有资本经营预算拨款", |d| &d.last_year.state_capital, |d| &mut d.last_year.state_capital, Some(unit_of))}
            </Show>
        </div>
    }
}

/// 国有资产占有使用: the date, the 8 vehicle categories and large equipment.
fn assets(state: AppState) -> impl IntoView {
    let counts = whole::fields()
        .iter()
        .filter(|f| f.path.starts_with("disclosure.assets."))
        .map(|f| view! { <NumberField path=f.path label=f.label.to_string() /> })
        .collect_view();
    view! {
        <h3>"国有资产占有使用情况"</h3>
        <div class="form">
            {text_field(
                state,
                "disclosure.assets.as_of".to_string(),
                "车辆统计截止日期（如 2024年8月31日）".to_string(),
                |d| Some(d.assets.as_of.clone()),
                |d, v| d.assets.as_of = v,
                false,
            )}
            {counts}
        </div>
    }
}

/// 编报绩效目标的项目 (when no project form is entered).
fn target_projects(state: AppState) -> impl IntoView {
    let list = list_field(
        "disclosure.target_projects",
        "编报绩效目标的项目",
        |d| &d.target_projects,
        |d| &mut d.target_projects,
    );
    let n = Memo::new(move |_| state.inputs.with(|i| i.disclosure.target_projects.len()));
    let add = list.clone();
    let row = move |k: usize| {
        let remove = list.clone();
        let path = format!("disclosure.target_projects[{k}].amount");
        let place = Field::new(
            path.clone(),
            format!("项目 {} 预算", k + 1),
            move |i: &Inputs| {
                i.disclosure
                    .target_projects
                    .get(k)
                    .map(|p| p.amount.text().to_string())
            },
            move |i, v: String| {
                if let Some(p) = i.disclosure.target_projects.get_mut(k) {
                    p.amount = Amount::from_text(v);
                }
            },
        );
        view! {
            <div class="disclosure-row">
                {text_field(
                    state,
                    format!("disclosure.target_projects[{k}].name"),
                    format!("项目 {} 名称", k + 1),
                    move |d| d.target_projects.get(k).map(|p| p.name.clone()),
                    move |d, v| if let Some(p) = d.target_projects.get_mut(k) { p.name = v },
                    false,
                )}
                <AmountField
                    path=path
                    label=format!("项目 {} 预算（元）", k + 1)
                    value=Signal::derive(move || state.inputs.with(|i| {
                        i.disclosure.target_projects.get(k).map(|p| p.amount.clone()).unwrap_or_default()
                    }))
                    on_set=Callback::new(move |v: String| state.undo.typed(&place, v))
                    visible=true
                />
                <button type="button" class="small" on:click=move |_| {
                    edit_list(state, &remove, |d| &d.target_projects, |l| if k < l.len() { l.remove(k); });
                }>{format!("删除项目 {}", k + 1)}</button>
            </div>
        }
    };
    view! {
        <h3>"编报绩效目标的项目"</h3>
        <p class="hint">"文件只列出项目名称和预算、未公开项目绩效目标表时填在这里；已填“项目绩效目标表”时按各表统计。"</p>
        {move || (0..n.get()).map(&row).collect_view()}
        <button type="button" id="btn-add-target" on:click=move |_| {
            edit_list(state, &add, |d| &d.target_projects, |l| l.push(TargetProject::default()));
        }>"添加项目"</button>
    }
}

/// A text of the 项目经费情况说明: key, label, read, store.
type NoteText = (
    &'static str,
    &'static str,
    fn(&Disclosure) -> Option<String>,
    fn(&mut Disclosure, String),
);

/// 项目经费情况说明: one text per heading (年度预算安排 is computed).
fn project_notes(state: AppState) -> impl IntoView {
    let texts: [NoteText; 6] = [
        (
            "overview",
            "项目概述",
            |d| Some(d.project_notes.overview.clone()),
            |d, v| d.project_notes.overview = v,
        ),
        (
            "basis",
            "立项依据",
            |d| Some(d.project_notes.basis.clone()),
            |d, v| d.project_notes.basis = v,
        ),
        (
            "implementer",
            "实施主体",
            |d| Some(d.project_notes.implementer.clone()),
            |d, v| d.project_notes.implementer = v,
        ),
        (
            "plan",
            "实施方案",
            |d| Some(d.project_notes.plan.clone()),
            |d, v| d.project_notes.plan = v,
        ),
        (
            "period",
            "实施周期",
            |d| Some(d.project_notes.period.clone()),
            |d, v| d.project_notes.period = v,
        ),
        (
            "goal",
            "绩效目标",
            |d| Some(d.project_notes.goal.clone()),
            |d, v| d.project_notes.goal = v,
        ),
    ];
    view! {
        <h3>"项目经费情况说明"</h3>
        <div class="form">
            {texts.into_iter().map(|(key, label, get, set)| text_field(
                state,
                format!("disclosure.project_notes.{key}"),
                label.to_string(),
                get,
                set,
                true,
            )).collect_view()}
        </div>
    }
}

/// The section: shown while the form's template writes these texts.
#[component]
pub fn DisclosureSection() -> impl IntoView {
    let state = AppState::get();
    let shown = Memo::new(move |_| {
        state
            .inputs
            .with(|i| template::of(i).narrative == NarrativeKind::Shanghai)
    });
    view! {
        <Show when=move || shown.get()>
            <h2 id="disclosure-heading">"公开说明（上海区级模板）"</h2>
            <p class="hint">"以下内容写入本模板的情况说明；换用其他模板时保留，换回时仍在。"</p>
            {members(state)}
            {glossary(state)}
            {purposes(state)}
            {last_year(state)}
            <h3>"政府采购"</h3>
            <div class="form">
                {amount_field(state, "disclosure.sme_reserved", "其中预留给中小企业的政府采购预算", |d| &d.sme_reserved, |d| &mut d.sme_reserved, None)}
            </div>
            {target_projects(state)}
            {assets(state)}
            {project_notes(state)}
        </Show>
    }
}
