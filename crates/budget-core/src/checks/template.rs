//! TPL-001 / TPL-002: the form's template is known, and its tables can show
//! every figure the form has.

use super::{Ctx, yuan};
use crate::finding::{Finding, Severity};
use crate::model::{ExpenditureType, FundingSource};
use crate::template;

/// TPL-001: the template named by the form is a known one.
pub(super) fn tpl_001(ctx: &Ctx<'_>) -> Vec<Finding> {
    let id = ctx.inputs.template.as_str();
    if template::get(id).is_some() {
        return Vec::new();
    }
    vec![Finding::new(
        "TPL-001",
        Severity::Error,
        format!(
            "填报模板“{id}”不是已知的模板（已知：{}），各表按默认模板生成",
            template::known_ids()
        ),
        vec!["template".to_string()],
    )]
}

/// TPL-002: no figure has a 收入来源 or 支出类型 that no table of the
/// template shows (its money would be missing from the published tables).
pub(super) fn tpl_002(ctx: &Ctx<'_>) -> Vec<Finding> {
    let tpl = template::of(ctx.inputs);
    let mut out = Vec::new();
    let sources = FundingSource::ALL
        .into_iter()
        .filter(|s| !tpl.shows_source(*s));
    for s in sources {
        out.extend(unshown(ctx, &tpl.name, s.label(), |r| r.source == s));
    }
    let types = ExpenditureType::ALL
        .into_iter()
        .filter(|k| !tpl.shows_type(*k));
    for k in types {
        out.extend(unshown(ctx, &tpl.name, k.label(), |r| r.kind == k));
    }
    out
}

fn unshown(
    ctx: &Ctx<'_>,
    template: &str,
    what: &str,
    pick: impl Fn(&crate::model::BudgetRow) -> bool,
) -> Option<Finding> {
    let rows: Vec<usize> = ctx
        .inputs
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| pick(r) && !r.this_year.value().is_zero())
        .map(|(i, _)| i)
        .collect();
    if rows.is_empty() {
        return None;
    }
    let sum = rows
        .iter()
        .map(|&i| ctx.inputs.rows[i].this_year.value())
        .sum();
    Some(Finding::new(
        "TPL-002",
        Severity::Error,
        format!(
            "{template}的公开表不列“{what}”，而有 {} 行填了“{what}”，合计 {}：请改用本模板所列的收入来源或支出类型，或换用别的模板",
            rows.len(),
            yuan(sum)
        ),
        rows.iter()
            .map(|i| format!("rows[{i}].this_year"))
            .collect(),
    ))
}
