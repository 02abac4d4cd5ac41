//! AMT-001: every amount cell holds a valid amount.

use super::{Ctx, project_label};
use crate::amount::{Amount, AmountError, InputUnit};
use crate::finding::{Finding, Severity};
use crate::model::{OverallIndicator, SanGongYear};

const ID: &str = "AMT-001";

/// Every `Amount` field of the inputs, in input order.
pub(super) fn amt_001(ctx: &Ctx<'_>) -> Vec<Finding> {
    let inputs = ctx.inputs;
    let mut out = Vec::new();
    let mut cell = |amount: &Amount,
                    unit: InputUnit,
                    place: &dyn Fn() -> String,
                    path: &dyn Fn() -> String| {
        if let Some(err) = unit.error(amount) {
            out.push(Finding::new(
                ID,
                Severity::Error,
                format!("{}：{err}", place()),
                vec![path()],
            ));
        }
    };
    for (i, (r, f)) in inputs.rows.iter().zip(ctx.rows.facts()).enumerate() {
        // Valid cells (the rule): nothing to build, the row is not even read.
        if f.valid() {
            continue;
        }
        cell(
            &r.this_year,
            InputUnit::Yuan,
            &|| format!("{}本年预算数", ctx.row_label(r)),
            &|| format!("rows[{i}].this_year"),
        );
        cell(
            &r.last_year,
            InputUnit::Yuan,
            &|| format!("{}上年预算数", ctx.row_label(r)),
            &|| format!("rows[{i}].last_year"),
        );
    }
    for (i, e) in inputs.economic_rows.iter().enumerate() {
        cell(
            &e.amount,
            InputUnit::Yuan,
            &|| format!("基本支出经济分类 {} 金额", ctx.economic_label(&e.code)),
            &|| format!("economic_rows[{i}].amount"),
        );
    }
    for (year, label, y) in [
        ("last_year", "上年", &inputs.sangong.last_year),
        ("this_year", "本年", &inputs.sangong.this_year),
    ] {
        for (field, name, amount) in sangong_cells(y) {
            cell(
                amount,
                inputs.sangong.unit,
                &|| format!("三公经费{label}{name}"),
                &|| format!("sangong.{year}.{field}"),
            );
        }
    }
    for (i, p) in inputs.procurement.iter().enumerate() {
        cell(
            &p.amount,
            InputUnit::Yuan,
            &|| {
                format!(
                    "政府采购 {}（{}）金额",
                    p.category.label(),
                    p.source.label()
                )
            },
            &|| format!("procurement[{i}].amount"),
        );
    }
    for (i, ind) in inputs.overall_performance.indicators.iter().enumerate() {
        if weight_value(ind).is_none() {
            cell(
                &ind.weight,
                InputUnit::Yuan,
                &|| format!("整体绩效指标第 {} 项“{}”的权重", i + 1, ind.name.trim()),
                &|| format!("overall_performance.indicators[{i}].weight"),
            );
        }
    }
    for (i, p) in inputs.projects.iter().enumerate() {
        for (field, name, amount) in [
            ("budget_this_year", "项目当年预算", &p.budget_this_year),
            ("budget_last_year", "项目上年预算", &p.budget_last_year),
            ("adjusted_amount", "追加追减后金额", &p.adjusted_amount),
        ] {
            cell(
                amount,
                InputUnit::Yuan,
                &|| format!("{}的{name}", project_label(i, p)),
                &|| format!("projects[{i}].{field}"),
            );
        }
    }
    let n = &inputs.narrative;
    for (field, name, amount) in [
        ("running_cost_this_year", "本年", &n.running_cost_this_year),
        ("running_cost_last_year", "上年", &n.running_cost_last_year),
    ] {
        cell(
            amount,
            n.running_cost_unit,
            &|| format!("{name}机关运行经费"),
            &|| format!("narrative.{field}"),
        );
    }
    let d = &inputs.disclosure;
    let l = &d.last_year;
    for (field, name, amount) in [
        ("fiscal", "财政拨款收入", &l.fiscal),
        ("general", "一般公共预算拨款", &l.general),
        ("gov_fund", "政府性基金预算拨款", &l.gov_fund),
        ("state_capital", "国有资本经营预算拨款", &l.state_capital),
    ] {
        cell(
            amount,
            l.unit,
            &|| format!("上年{name}（总数）"),
            &|| format!("disclosure.last_year.{field}"),
        );
    }
    cell(
        &d.sme_reserved,
        InputUnit::Yuan,
        &|| "预留给中小企业的政府采购预算".to_string(),
        &|| "disclosure.sme_reserved".to_string(),
    );
    for (i, p) in d.target_projects.iter().enumerate() {
        cell(
            &p.amount,
            InputUnit::Yuan,
            &|| format!("编报绩效目标的项目“{}”的预算", p.name.trim()),
            &|| format!("disclosure.target_projects[{i}].amount"),
        );
    }
    out
}

/// The four 三公 cells of one year: (JSON field, Chinese name, cell).
pub(super) fn sangong_cells(y: &SanGongYear) -> [(&'static str, &'static str, &Amount); 4] {
    [
        ("abroad", "因公出国（境）费", &y.abroad),
        ("vehicle_purchase", "公务用车购置费", &y.vehicle_purchase),
        (
            "vehicle_operation",
            "公务用车运行维护费",
            &y.vehicle_operation,
        ),
        ("reception", "公务接待费", &y.reception),
    ]
}

/// A weight is a number, not money: a negative weight or one with 3 decimals is
/// still a number (PRF-001 judges it); only text that is no number at all is AMT-001.
pub(super) fn weight_value(ind: &OverallIndicator) -> Option<rust_decimal::Decimal> {
    match ind.weight.error() {
        None => Some(ind.weight.value()),
        Some(
            AmountError::Negative(_) | AmountError::TooManyDecimals(_) | AmountError::TooLarge(_),
        ) => {
            let plain: String = ind
                .weight
                .text()
                .chars()
                .filter(|c| !c.is_whitespace() && *c != ',')
                .collect();
            super::parse::bounded_decimal(&plain)
        }
        Some(_) => None,
    }
}
