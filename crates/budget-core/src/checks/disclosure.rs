//! NAR-006: the texts a template's 情况说明 prints beyond the figures are
//! filled in (a warning: the text prints “（未填写）” in their place).

use super::Ctx;
use crate::finding::{Finding, Severity};
use crate::template::NarrativeKind;

/// NAR-006: for a template whose text prints them (上海): 机构设置, 名词解释,
/// what each 项 with 财政拨款 is mainly used for, the date of the vehicle
/// count and the 项目经费情况说明.
pub(super) fn nar_006(ctx: &Ctx<'_>) -> Vec<Finding> {
    let inputs = ctx.inputs;
    if crate::template::of(inputs).narrative != NarrativeKind::Shanghai || inputs.rows.is_empty() {
        return Vec::new();
    }
    let d = &inputs.disclosure;
    let warn = |what: String, at: String| {
        Finding::new(
            "NAR-006",
            Severity::Warning,
            format!("情况说明要写{what}，尚未填写"),
            vec![at],
        )
    };
    let mut out = Vec::new();
    if d.members.iter().all(|m| m.name.trim().is_empty()) {
        out.push(warn(
            "机构设置（本级和下属单位）".into(),
            "disclosure.members".into(),
        ));
    }
    if d.glossary.is_empty() {
        out.push(warn("名词解释".into(), "disclosure.glossary".into()));
    }
    for (code, label) in crate::narrative::purposes_missing(inputs, ctx.rows) {
        out.push(warn(
            format!("“{label}”主要用于什么"),
            format!("disclosure.purposes.{code}"),
        ));
    }
    if d.assets.as_of.trim().is_empty() {
        out.push(warn(
            "车辆统计的截止日期".into(),
            "disclosure.assets.as_of".into(),
        ));
    }
    let n = &d.project_notes;
    for (text, name, key) in [
        (&n.overview, "项目概述", "overview"),
        (&n.basis, "立项依据", "basis"),
        (&n.implementer, "实施主体", "implementer"),
        (&n.plan, "实施方案", "plan"),
        (&n.period, "实施周期", "period"),
        (&n.goal, "绩效目标", "goal"),
    ] {
        if text.trim().is_empty() && !ctx.totals.project.is_zero() {
            out.push(warn(
                format!("项目经费情况说明的“{name}”"),
                format!("disclosure.project_notes.{key}"),
            ));
        }
    }
    out
}
