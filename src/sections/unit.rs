//! 单位信息: the unit header.

use budget_core::Inputs;
use budget_core::model::{DocumentLevel, TemplateId, UnitHeader, UnitType};
use budget_core::template;
use leptos::prelude::*;

use super::index_of;
use crate::fields::{NumberField, SelectField, TextField};
use crate::state::AppState;
use crate::undo::Field;

/// A field of the unit header: its text read by `get`, stored by `set`.
fn field<V: Clone + PartialEq + Send + Sync + 'static>(
    field: &'static str,
    label: &'static str,
    get: fn(&UnitHeader) -> V,
    set: fn(&mut UnitHeader, V),
) -> Field<V> {
    Field::new(
        format!("unit.{field}"),
        label,
        move |i| Some(get(&i.unit)),
        move |i, v| set(&mut i.unit, v),
    )
}

/// A text field of the unit header.
fn text(
    state: AppState,
    name: &'static str,
    label: &'static str,
    get: fn(&UnitHeader) -> String,
    set: fn(&mut UnitHeader, String),
    multiline: bool,
) -> impl IntoView {
    let place = field(name, label, get, set);
    view! {
        <TextField
            path=format!("unit.{name}")
            label=label.to_string()
            value=Signal::derive(move || state.unit.with(get))
            on_set=Callback::new(move |v: String| state.undo.typed(&place, v))
            multiline=multiline
            visible=true
        />
    }
}

/// The unit header form.
#[component]
pub fn UnitSection() -> impl IntoView {
    let state = AppState::get();
    let unit_type = field(
        "unit_type",
        "单位类型",
        |u| u.unit_type,
        |u, t| u.unit_type = t,
    );
    // Switching the template keeps every input: what the new one does not
    // show stays in the form and is shown again when switching back.
    let template_field = Field::new(
        "template",
        "填报模板",
        |i: &Inputs| Some(i.template.clone()),
        |i, t: TemplateId| i.template = t,
    );
    let document = field(
        "document",
        "公开主体",
        |u| u.document,
        |u, d| u.document = d,
    );
    let templates = template::all();
    let template_index = Signal::derive(move || {
        state
            .inputs
            .with(|i| templates.iter().position(|t| t.id == i.template.as_str()))
            .unwrap_or(0)
    });
    // The findings of the header's fields (UNT-001 名称, UNT-002 年度, the
    // phone…), said under the form as well as in the checks list.
    let unit_findings = Memo::new(move |_| {
        state.findings.with(|fs| {
            fs.iter()
                .filter(|f| {
                    f.locations
                        .iter()
                        .any(|l| l.starts_with("unit.") || l == "template")
                })
                .map(|f| format!("{} {}", f.check, f.message))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <h2>"单位信息"</h2>
        <div class="form">
            <SelectField
                path="template"
                label="填报模板".to_string()
                options=templates.iter().map(|t| t.name.as_str()).collect()
                selected=template_index
                on_set=Callback::new(move |k: usize| {
                    if let Some(t) = templates.get(k) {
                        state.undo.chose(&template_field, TemplateId(t.id.clone()));
                    }
                })
                visible=true
            />
            <SelectField
                path="unit.document"
                label="公开主体".to_string()
                options=vec!["部门（部门预算）", "单位（单位预算）"]
                selected=Signal::derive(move || state.unit.with(|u| index_of(&DocumentLevel::ALL, u.document)))
                on_set=Callback::new(move |k: usize| {
                    if let Some(d) = DocumentLevel::ALL.get(k).copied() {
                        state.undo.chose(&document, d);
                    }
                })
                visible=true
            />
            {text(state, "name", "部门（单位）名称", |u| u.name.clone(), |u, v| u.name = v, false)}
            {text(state, "short_name", "简称", |u| u.short_name.clone(), |u, v| u.short_name = v, false)}
            {text(state, "code", "单位编码", |u| u.code.clone(), |u, v| u.code = v, false)}
            <NumberField path="unit.fiscal_year" label="预算年度".to_string() />
            <SelectField
                path="unit.unit_type"
                label="单位类型".to_string()
                options=UnitType::ALL.iter().map(|t| t.label()).collect()
                selected=Signal::derive(move || state.unit.with(|u| index_of(&UnitType::ALL, u.unit_type)))
                on_set=Callback::new(move |k: usize| {
                    if let Some(t) = UnitType::ALL.get(k).copied() {
                        state.undo.chose(&unit_type, t);
                    }
                })
                visible=true
            />
            {text(state, "contact_person", "联系人", |u| u.contact_person.clone(), |u, v| u.contact_person = v, false)}
            {text(state, "contact_phone", "联系电话", |u| u.contact_phone.clone(), |u, v| u.contact_phone = v, false)}
            {text(
                state,
                "duties",
                "职能职责（每行一条）",
                |u| u.duties.join("\n"),
                |u, v| u.duties = v.split('\n').map(str::to_string).collect(),
                true,
            )}
            {text(state, "composition", "单位构成", |u| u.composition.clone(), |u, v| u.composition = v, true)}
        </div>
        <ul class="inline-findings" id="unit-findings" aria-label="单位信息审核">
            {move || unit_findings.get().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
        </ul>
    }
}
