//! 整体绩效目标 (表10): target text and the indicators grid.

use std::sync::LazyLock;

use budget_core::Amount;
use budget_core::model::{Operator, OverallIndicator};
use leptos::prelude::*;

use crate::fields::TextField;
use crate::grid::column::{Column, Kind, text_column};
use crate::grid::{Grid, GridSpec, Rows};
use crate::state::AppState;
use crate::undo::Field;

/// 指标性质 symbols, in `Operator::ALL` order.
static OPERATORS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| Operator::ALL.iter().map(|o| o.symbol()).collect());

/// The columns of the indicators grid.
pub fn columns() -> Vec<Column<OverallIndicator>> {
    vec![
        text_column!("name", "指标名称", name),
        // A weight is a number, not money: shown as typed (60, not 60.00);
        // PRF-001 and AMT-001 judge it.
        Column {
            key: "weight",
            header: "指标权重",
            kind: Kind::Text,
            get: |r| r.weight.text().to_string(),
            set: |r, t| {
                r.weight = Amount::from_text(t);
                true
            },
            amount: None,
        },
        text_column!("unit", "计量单位", unit),
        Column {
            key: "operator",
            header: "指标性质",
            kind: Kind::Choice(OPERATORS.as_slice()),
            get: |r| r.operator.symbol().to_string(),
            set: |r, t| match Operator::from_label(t) {
                Some(o) => {
                    r.operator = o;
                    true
                }
                None => t.trim().is_empty(),
            },
            amount: None,
        },
        text_column!("value", "指标值", value),
    ]
}

/// The overall performance form.
#[component]
pub fn OverallSection() -> impl IntoView {
    let state = AppState::get();
    let spec = GridSpec {
        path: "overall_performance.indicators".into(),
        id: "overall".into(),
        label: "整体绩效指标".into(),
        noun: "整体绩效指标".into(),
        columns: columns(),
        frozen: 1,
        rows: Rows::List(
            |i| &i.overall_performance.indicators,
            |i| &mut i.overall_performance.indicators,
        ),
        describe: |r, _| {
            (!r.name.trim().is_empty()).then(|| format!("整体绩效指标 {}", r.name.trim()))
        },
        totals: Some(|t| vec![None, Some(t.indicator_weights.normalize().to_string())]),
        sort_key: None,
        add_label: "添加指标",
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
    let unit_name = Field::new(
        "overall_performance.unit_name",
        "表10 部门（单位）名称",
        |i| Some(i.overall_performance.unit_name.clone()),
        |i, v| i.overall_performance.unit_name = v,
    );
    let target = Field::new(
        "overall_performance.target",
        "当年整体绩效目标",
        |i| Some(i.overall_performance.target.clone()),
        |i, v| i.overall_performance.target = v,
    );
    // Which name 表10 prints (the core decides), said beside the field.
    let name_hint = move || {
        state.unit.with(|u| {
            state.overall.with(|o| {
                let printed = o.printed_unit_name(u);
                match (o.unit_name.trim().is_empty(), printed.is_empty()) {
                    (true, true) => {
                        "留空时表10 使用单位信息中的部门（单位）名称（尚未填写）".to_string()
                    }
                    (true, false) => {
                        format!("表10 使用单位信息中的名称“{printed}”；需要不同的名称时在此填写")
                    }
                    (false, _) => format!(
                        "表10 使用此处的名称；清空则使用单位信息中的“{}”",
                        u.name.trim()
                    ),
                }
            })
        })
    };
    view! {
        <h2>"部门整体绩效目标"</h2>
        <div class="form">
            <TextField
                path="overall_performance.unit_name"
                label="表10 部门（单位）名称".to_string()
                value=Signal::derive(move || state.overall.with(|o| o.unit_name.clone()))
                on_set=Callback::new(move |v: String| state.undo.typed(&unit_name, v))
                visible=true
            />
            <p class="hint" id="table10-name-hint">{name_hint}</p>
            <TextField
                path="overall_performance.target"
                label="当年整体绩效目标".to_string()
                value=Signal::derive(move || state.overall.with(|o| o.target.clone()))
                on_set=Callback::new(move |v: String| state.undo.typed(&target, v))
                multiline=true
                visible=true
            />
        </div>
        <h3>"绩效指标"</h3>
        <Grid spec=spec />
        <ul class="inline-findings" aria-label="权重审核">
            {move || weight_findings.get().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
        </ul>
    }
}
