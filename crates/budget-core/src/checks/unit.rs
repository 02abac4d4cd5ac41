//! 单位信息: UNT-001 (单位名称) and UNT-002 (预算年度), the two fields every
//! table title and the 情况说明 print: a form without them is no submission.

use super::Ctx;
use crate::finding::{Finding, Severity};
use crate::model::PLAUSIBLE_FISCAL_YEARS;

/// UNT-001: the unit's name is filled in.
pub(super) fn unt_001(ctx: &Ctx<'_>) -> Vec<Finding> {
    if !ctx.inputs.unit.name.trim().is_empty() {
        return Vec::new();
    }
    vec![Finding::new(
        "UNT-001",
        Severity::Error,
        "部门（单位）名称未填写：各表标题和情况说明都要用到单位名称",
        vec!["unit.name".to_string()],
    )]
}

/// UNT-002: the fiscal year is a plausible one. A year whose typed text did
/// not read is INP-001's (it names the text), not reported twice.
pub(super) fn unt_002(ctx: &Ctx<'_>) -> Vec<Finding> {
    const PATH: &str = "unit.fiscal_year";
    let unit = &ctx.inputs.unit;
    if unit.known_year().is_some() || ctx.inputs.unparsed.contains_key(PATH) {
        return Vec::new();
    }
    let (from, to) = (PLAUSIBLE_FISCAL_YEARS.start(), PLAUSIBLE_FISCAL_YEARS.end());
    let message = if unit.fiscal_year == 0 {
        format!("预算年度未填写：请填写 {from}–{to} 之间的年份（如 2025）")
    } else {
        format!(
            "预算年度 {} 不是有效的年份：应为 {from}–{to} 之间的年份（如 2025）",
            unit.fiscal_year
        )
    };
    vec![Finding::new(
        "UNT-002",
        Severity::Error,
        message,
        vec![PATH.to_string()],
    )]
}
