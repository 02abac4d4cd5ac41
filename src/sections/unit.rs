//! 单位信息: the unit header.

use budget_core::model::{UnitHeader, UnitType};
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
    // The findings of the header's fields (UNT-001 名称, UNT-002 年度, the
    // phone…), said under the form as well as in the checks list.
    let unit_findings = Memo::new(move |_| {
        state.findings.with(|fs| {
            fs.iter()
                .filter(|f| f.locations.iter().any(|l| l.starts_with("unit.")))
                .map(|f| format!("{} {}", f.check, f.message))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <h2>"单位信息"</h2>
        <div class="form">
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
