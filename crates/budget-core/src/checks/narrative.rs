//! Narrative and consistency: NAR-001 … NAR-003.

use rust_decimal::Decimal;

use super::amounts::sangong_cells;
use super::{Ctx, parse, project_label, valid, yuan};
use crate::amount::format_yuan;
use crate::finding::{Finding, Severity};

/// A figure the narrative compares with last year: (reason field, what, this and
/// last year when both are valid, the reason text).
type Change<'a> = (&'static str, String, Option<(Decimal, Decimal)>, &'a str);

/// NAR-001: every year-on-year change the narrative reports has a reason.
pub(super) fn nar_001(ctx: &Ctx<'_>) -> Vec<Finding> {
    let (inputs, t) = (ctx.inputs, ctx.totals);
    let reasons = &inputs.narrative.reasons;
    let mut changes: Vec<Change<'_>> = vec![
        (
            "income",
            "收入（支出）总额".into(),
            Some((t.total, t.total_last_year)),
            &reasons.income,
        ),
        (
            "basic",
            "一般公共预算拨款基本支出".into(),
            Some((t.general_basic, t.general_basic_last_year)),
            &reasons.basic,
        ),
        (
            "project",
            "一般公共预算拨款项目支出".into(),
            Some((t.general_project, t.general_project_last_year)),
            &reasons.project,
        ),
    ];
    let s = &inputs.sangong;
    for ((field, name, this), (_, _, last)) in sangong_cells(&s.this_year)
        .into_iter()
        .zip(sangong_cells(&s.last_year))
    {
        let reason = match field {
            "abroad" => &reasons.abroad,
            "vehicle_purchase" => &reasons.vehicle_purchase,
            "vehicle_operation" => &reasons.vehicle_operation,
            _ => &reasons.reception,
        };
        changes.push((
            field,
            format!("三公经费{name}"),
            valid(this).zip(valid(last)),
            reason,
        ));
    }
    let n = &inputs.narrative;
    changes.push((
        "running_cost",
        "机关运行经费".into(),
        valid(&n.running_cost_this_year).zip(valid(&n.running_cost_last_year)),
        &reasons.running_cost,
    ));

    let mut out = Vec::new();
    for (field, what, figures, reason) in changes {
        // An invalid cell (None) is AMT-001's; the change is unknown.
        let Some((this, last)) = figures else {
            continue;
        };
        if this == last || !reason.trim().is_empty() {
            continue;
        }
        let (verb, by) = if this > last {
            ("增加", this - last)
        } else {
            ("减少", last - this)
        };
        out.push(Finding::new(
            "NAR-001",
            Severity::Warning,
            format!(
                "{what}本年 {}，上年 {}，比上年{verb} {} 元，请填写变动原因",
                yuan(this),
                yuan(last),
                format_yuan(by)
            ),
            vec![format!("narrative.reasons.{field}")],
        ));
    }
    out
}

/// NAR-002: 公务用车购置费 and the vehicles to be bought agree.
pub(super) fn nar_002(ctx: &Ctx<'_>) -> Vec<Finding> {
    let Some(purchase) = valid(&ctx.inputs.sangong.this_year.vehicle_purchase) else {
        return Vec::new();
    };
    let to_buy = ctx.inputs.narrative.vehicles_to_buy.total();
    let (message, locations) = if !purchase.is_zero() && to_buy == 0 {
        (
            format!(
                "本年安排公务用车购置费 {}，但拟购置车辆数为 0",
                yuan(purchase)
            ),
            vec![
                "sangong.this_year.vehicle_purchase",
                "narrative.vehicles_to_buy.general",
            ],
        )
    } else if purchase.is_zero() && to_buy > 0 {
        (
            format!("本年拟购置车辆 {to_buy} 辆，但公务用车购置费为 0"),
            vec![
                "narrative.vehicles_to_buy.general",
                "sangong.this_year.vehicle_purchase",
            ],
        )
    } else {
        return Vec::new();
    };
    vec![Finding::new(
        "NAR-002",
        Severity::Warning,
        message,
        locations.into_iter().map(String::from).collect(),
    )]
}

/// NAR-003: contact phones are valid numbers; the unit's must be filled.
pub(super) fn nar_003(ctx: &Ctx<'_>) -> Vec<Finding> {
    const HINT: &str =
        "应为 8 位固定电话（如 68173636）、带区号的固定电话（如 023-68173636）或 11 位手机号码";
    let mut out = Vec::new();
    let unit_phone = ctx.inputs.unit.contact_phone.trim();
    if unit_phone.is_empty() {
        out.push(Finding::new(
            "NAR-003",
            Severity::Warning,
            "未填写部门预算公开联系电话",
            vec!["unit.contact_phone".to_string()],
        ));
    } else if !parse::phone(unit_phone) {
        out.push(Finding::new(
            "NAR-003",
            Severity::Warning,
            format!("单位联系电话“{unit_phone}”格式不对，{HINT}"),
            vec!["unit.contact_phone".to_string()],
        ));
    }
    for (i, p) in ctx.inputs.projects.iter().enumerate() {
        let phone = p.phone.trim();
        // A blank project phone is a missing required field: PRJ-004.
        if !phone.is_empty() && !parse::phone(phone) {
            out.push(Finding::new(
                "NAR-003",
                Severity::Warning,
                format!("{}的联系电话“{phone}”格式不对，{HINT}", project_label(i, p)),
                vec![format!("projects[{i}].phone")],
            ));
        }
    }
    out
}
