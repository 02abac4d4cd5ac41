//! Performance targets: PRF-001 (overall indicators) and PRJ-001 … PRJ-005
//! (project performance forms).

use std::collections::HashSet;

use rust_decimal::Decimal;

use super::amounts::weight_value;
use super::{Ctx, differ, parse, project_label, valid, yuan};
use crate::finding::{Finding, Severity};
use crate::model::{ExpenditureType, FundingSource, PlanDate};
use rustc_hash::FxHashMap;

/// PRF-001: overall indicators exist, weights are positive and sum to 100.
pub(super) fn prf_001(ctx: &Ctx<'_>) -> Vec<Finding> {
    const ID: &str = "PRF-001";
    let indicators = &ctx.inputs.overall_performance.indicators;
    if indicators.is_empty() {
        // Required only where the template publishes 部门整体绩效目标.
        let required = crate::template::of(ctx.inputs)
            .checks
            .overall_performance_required;
        return if ctx.inputs.rows.is_empty() || !required {
            Vec::new()
        } else {
            vec![Finding::new(
                ID,
                Severity::Error,
                "未填写整体绩效指标（表10 绩效指标至少一项，权重合计 100）",
                vec!["overall_performance.indicators".to_string()],
            )]
        };
    }
    let mut out = Vec::new();
    let mut sum = Decimal::ZERO;
    let mut all_numbers = true;
    for (i, ind) in indicators.iter().enumerate() {
        let Some(w) = weight_value(ind) else {
            // Not a number: AMT-001 reports it; the sum below would be meaningless.
            all_numbers = false;
            continue;
        };
        sum += w;
        let name = ind.name.trim();
        let problem = if w <= Decimal::ZERO {
            Some(format!(
                "整体绩效指标第 {} 项“{name}”的权重为 {}，权重应大于 0",
                i + 1,
                w.normalize()
            ))
        } else if w.scale() > 2 {
            // The file writes a weight as an amount (2 decimals at most): a
            // draft with no error must export, so this is an error here.
            Some(format!(
                "整体绩效指标第 {} 项“{name}”的权重 {w} 超过 2 位小数，权重最多保留 2 位小数",
                i + 1
            ))
        } else {
            None
        };
        if let Some(message) = problem {
            out.push(Finding::new(
                ID,
                Severity::Error,
                message,
                vec![format!("overall_performance.indicators[{i}].weight")],
            ));
        }
    }
    let hundred = Decimal::ONE_HUNDRED;
    if all_numbers && sum != hundred {
        out.push(Finding::new(
            ID,
            Severity::Error,
            format!(
                "整体绩效指标权重合计为 {}，应为 100，相差 {}",
                sum.normalize(),
                (sum - hundred).abs().normalize()
            ),
            (0..indicators.len())
                .map(|i| format!("overall_performance.indicators[{i}].weight"))
                .collect(),
        ));
    }
    out
}

/// PRJ-001: a project's budget is the sum of the 项目支出 rows it links to.
pub(super) fn prj_001(ctx: &Ctx<'_>) -> Vec<Finding> {
    const ID: &str = "PRJ-001";
    let projects = &ctx.inputs.projects;
    if projects.is_empty() {
        return Vec::new();
    }
    // Sum only the rows some project links to.
    let mut project_rows: FxHashMap<(&str, FundingSource), Option<Decimal>> = projects
        .iter()
        .flat_map(|p| &p.links)
        .map(|l| ((l.code.as_str(), l.source), None))
        .collect();
    // The codes some project links to, by the rows' code id: a row whose code
    // no project names is passed over without hashing its code.
    let mut linked = vec![false; ctx.rows.codes().len()];
    for l in projects.iter().flat_map(|p| &p.links) {
        if let Some(slot) = ctx
            .rows
            .get(&l.code)
            .and_then(|id| linked.get_mut(id as usize))
        {
            *slot = true;
        }
    }
    for (r, _) in ctx
        .inputs
        .rows
        .iter()
        .zip(ctx.rows.facts())
        .filter(|(_, f)| {
            f.kind == ExpenditureType::Project && linked.get(f.id as usize) == Some(&true)
        })
    {
        if let Some(sum) = project_rows.get_mut(&(r.code.as_str(), r.source)) {
            *sum.get_or_insert(Decimal::ZERO) += r.this_year.value();
        }
    }
    let mut out = Vec::new();
    for (i, p) in projects.iter().enumerate() {
        let who = project_label(i, p);
        let mut seen = HashSet::new();
        let mut linked = Decimal::ZERO;
        let mut parts = Vec::new();
        for (j, link) in p.links.iter().enumerate() {
            if !seen.insert((link.code.as_str(), link.source)) {
                continue; // the same row linked twice counts once
            }
            let label = format!(
                "{}（{}）",
                ctx.function_label(&link.code),
                link.source.label()
            );
            match project_rows
                .get(&(link.code.as_str(), link.source))
                .copied()
                .flatten()
            {
                Some(v) => {
                    linked += v;
                    parts.push(label);
                }
                None => out.push(Finding::new(
                    ID,
                    Severity::Error,
                    format!("{who}关联的 {label} 没有对应的项目支出预算行"),
                    vec![format!("projects[{i}].links[{j}].code")],
                )),
            }
        }
        let Some(budget) = valid(&p.budget_this_year) else {
            continue;
        };
        if budget == linked {
            continue;
        }
        let message = if parts.is_empty() {
            format!(
                "{who}当年预算 {} 未关联任何项目支出预算行（关联合计 {}），{}",
                yuan(budget),
                yuan(linked),
                differ(budget, linked)
            )
        } else {
            format!(
                "{who}当年预算 {} 应等于所关联项目支出 {} 的本年预算合计 {}，{}",
                yuan(budget),
                parts.join("、"),
                yuan(linked),
                differ(budget, linked)
            )
        };
        out.push(Finding::new(
            ID,
            Severity::Error,
            message,
            vec![format!("projects[{i}].budget_this_year")],
        ));
    }
    out
}

/// PRJ-002: planned dates are calendar dates inside the fiscal year, start ≤ end.
pub(super) fn prj_002(ctx: &Ctx<'_>) -> Vec<Finding> {
    const ID: &str = "PRJ-002";
    // Without a plausible 预算年度 (UNT-002) a date is only checked to be one.
    let year = ctx.inputs.unit.known_year();
    let mut out = Vec::new();
    for (i, p) in ctx.inputs.projects.iter().enumerate() {
        let who = project_label(i, p);
        let mut dates = [None, None];
        for (k, (field, name, text)) in [
            ("start_date", "计划开始日期", &p.start_date),
            ("end_date", "计划完成日期", &p.end_date),
        ]
        .into_iter()
        .enumerate()
        {
            let text = text.trim();
            if text.is_empty() {
                continue; // PRJ-004 reports the blank
            }
            let problem = match (PlanDate::parse(text), year) {
                (Err(e), _) => e.to_string(),
                (Ok(d), Some(y)) if d.year != y => format!("“{text}”不在预算年度 {y} 年内"),
                (Ok(d), _) => {
                    dates[k] = Some(d);
                    continue;
                }
            };
            out.push(Finding::new(
                ID,
                Severity::Error,
                format!("{who}的{name}{problem}"),
                vec![format!("projects[{i}].{field}")],
            ));
        }
        if let [Some(start), Some(end)] = dates
            && start > end
        {
            out.push(Finding::new(
                ID,
                Severity::Error,
                format!(
                    "{who}的计划开始日期 {} 晚于计划完成日期 {}",
                    p.start_date.trim(),
                    p.end_date.trim()
                ),
                vec![
                    format!("projects[{i}].end_date"),
                    format!("projects[{i}].start_date"),
                ],
            ));
        }
    }
    out
}

const QUARTERS: [&str; 4] = [
    "一季度资金使用率",
    "二季度资金使用率",
    "三季度资金使用率",
    "四季度资金使用率",
];

/// PRJ-003: quarterly use rates are cumulative: non-decreasing, 四季度 = 100%.
pub(super) fn prj_003(ctx: &Ctx<'_>) -> Vec<Finding> {
    const ID: &str = "PRJ-003";
    let mut out = Vec::new();
    for (i, p) in ctx.inputs.projects.iter().enumerate() {
        let who = project_label(i, p);
        let path = |j: usize| format!("projects[{i}].indicators[{j}].target");
        // (quarter, indicator index, rate) in quarter order; unparsable targets reported here.
        let mut rates: Vec<(usize, usize, Decimal)> = Vec::new();
        let mut any = None;
        for (q, name) in QUARTERS.iter().enumerate() {
            for (j, ind) in p
                .indicators
                .iter()
                .enumerate()
                .filter(|(_, ind)| ind.level3.trim() == *name)
            {
                any.get_or_insert(j);
                match parse::percent(&ind.target) {
                    Some(rate) => rates.push((q, j, rate)),
                    None => out.push(Finding::new(
                        ID,
                        Severity::Error,
                        format!(
                            "{who}的{name}目标值“{}”不是百分比（如 ≥20%）",
                            ind.target.trim()
                        ),
                        vec![path(j)],
                    )),
                }
            }
        }
        let Some(first) = any else { continue };
        for pair in rates.windows(2) {
            let [(qa, _, a), (qb, jb, b)] = [pair[0], pair[1]];
            if b < a {
                out.push(Finding::new(
                    ID,
                    Severity::Error,
                    format!(
                        "{who}的{} {}% 低于{} {}%，资金使用率按季度累计，不能下降",
                        QUARTERS[qb],
                        b.normalize(),
                        QUARTERS[qa],
                        a.normalize()
                    ),
                    vec![path(jb)],
                ));
            }
        }
        let fourth: Vec<&(usize, usize, Decimal)> = rates.iter().filter(|r| r.0 == 3).collect();
        let has_fourth = p
            .indicators
            .iter()
            .any(|ind| ind.level3.trim() == QUARTERS[3]);
        if !has_fourth {
            out.push(Finding::new(
                ID,
                Severity::Error,
                format!("{who}填写了季度资金使用率，但缺少四季度资金使用率（应为 =100%）"),
                vec![path(first)],
            ));
        }
        for &&(_, j, rate) in &fourth {
            if rate != Decimal::ONE_HUNDRED {
                out.push(Finding::new(
                    ID,
                    Severity::Error,
                    format!("{who}的四季度资金使用率为 {}%，应为 100%", rate.normalize()),
                    vec![path(j)],
                ));
            }
        }
    }
    out
}

/// PRJ-004: the required (*) fields of a project form.
pub(super) fn prj_004(ctx: &Ctx<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, p) in ctx.inputs.projects.iter().enumerate() {
        let who = project_label(i, p);
        let fields: [(&str, &str, &str); 16] = [
            ("name", "项目名称", &p.name),
            ("project_type", "项目类型", &p.project_type),
            ("fund_use", "资金用途", &p.fund_use),
            ("manager", "项目负责人", &p.manager),
            ("contact", "联系人", &p.contact),
            ("phone", "联系电话", &p.phone),
            ("start_date", "计划开始日期", &p.start_date),
            ("end_date", "计划完成日期", &p.end_date),
            (
                "budget_this_year",
                "项目当年预算",
                p.budget_this_year.text(),
            ),
            ("overview", "项目概况", &p.overview),
            ("basis", "立项依据", &p.basis),
            ("necessity", "项目设立的必要性", &p.necessity),
            ("measures", "保证项目实施的制度、措施", &p.measures),
            ("plan", "项目实施计划", &p.plan),
            ("total_goal", "项目总目标", &p.total_goal),
            ("annual_goal", "年度绩效目标", &p.annual_goal),
        ];
        // One finding per form, naming every blank field (each cell is
        // flagged by its location): a new form's 16 blanks are one item in
        // the list, not 16.
        let blank: Vec<(&str, &str)> = fields
            .iter()
            .filter(|(_, _, text)| text.trim().is_empty())
            .map(|(field, name, _)| (*field, *name))
            .collect();
        let message = match blank.as_slice() {
            [] => None,
            [(_, name)] => Some(format!("{who}的必填项“{name}”未填写")),
            // Each name quoted: one of them, 保证项目实施的制度、措施, holds a 、.
            many => Some(format!(
                "{who}有 {} 个必填项未填写：{}",
                many.len(),
                many.iter()
                    .map(|(_, n)| format!("“{n}”"))
                    .collect::<Vec<_>>()
                    .join("、")
            )),
        };
        if let Some(message) = message {
            out.push(Finding::new(
                "PRJ-004",
                Severity::Error,
                message,
                blank
                    .iter()
                    .map(|(field, _)| format!("projects[{i}].{field}"))
                    .collect(),
            ));
        }
        if p.indicators.is_empty() {
            out.push(Finding::new(
                "PRJ-004",
                Severity::Error,
                format!("{who}未填写绩效指标（目标内容至少一项）"),
                vec![format!("projects[{i}].indicators")],
            ));
        }
    }
    out
}

/// PRJ-005: every 项目支出 is under performance management (has a project form).
/// The amount not covered is the narrative's (`unmanaged_projects`): one figure.
/// Without project forms, the projects with targets the document names
/// (`disclosure.target_projects`) count instead.
pub(super) fn prj_005(ctx: &Ctx<'_>) -> Vec<Finding> {
    let project = ctx.totals.project;
    let named = &ctx.inputs.disclosure.target_projects;
    let (forms, unmanaged, what, at) = if ctx.inputs.projects.is_empty() && !named.is_empty() {
        let sum: Decimal = named.iter().map(|p| p.amount.value()).sum();
        (
            sum,
            (project - sum).max(Decimal::ZERO),
            "编报绩效目标的项目预算合计",
            "disclosure.target_projects",
        )
    } else {
        (
            ctx.totals.project_forms,
            crate::narrative::unmanaged_projects(ctx.totals),
            "项目绩效目标表的当年预算合计",
            "projects",
        )
    };
    if unmanaged.is_zero() {
        return Vec::new();
    }
    vec![Finding::new(
        "PRJ-005",
        Severity::Warning,
        format!(
            "项目支出均应实行绩效目标管理：{what} {}，小于项目支出合计 {}，相差 {}",
            yuan(forms),
            yuan(project),
            yuan(unmanaged)
        ),
        vec![at.to_string()],
    )]
}

/// PRJ-006: a 项目支出 row is linked by one project form at most. PRJ-001 makes
/// each form's budget the whole of its linked rows, so a row two forms link is
/// counted in both budgets, and PRJ-005 and the narrative's 实行绩效目标管理的
/// 项目支出 count it twice. Reported at the later form's link.
pub(super) fn prj_006(ctx: &Ctx<'_>) -> Vec<Finding> {
    let projects = &ctx.inputs.projects;
    if projects.len() < 2 {
        return Vec::new();
    }
    // Links to a row another form linked first: usually none, so the rows
    // (thousands, on every edit) are read only when there is one.
    let mut first: FxHashMap<(&str, FundingSource), usize> = FxHashMap::default();
    let mut shared = Vec::new();
    for (i, p) in projects.iter().enumerate() {
        for (j, link) in p.links.iter().enumerate() {
            let key = (link.code.trim(), link.source);
            if key.0.is_empty() {
                continue;
            }
            match first.get(&key) {
                None => {
                    first.insert(key, i);
                }
                Some(&k) if k != i => shared.push((i, j, k, key)),
                Some(_) => {} // the same form linking a row twice counts it once (PRJ-001)
            }
        }
    }
    if shared.is_empty() {
        return Vec::new();
    }
    // Only a link to a 项目支出 row counts money (one with no row counts
    // nothing, and PRJ-001 reports it).
    let project_rows: HashSet<(&str, FundingSource)> = ctx
        .inputs
        .rows
        .iter()
        .filter(|r| r.kind == ExpenditureType::Project)
        .map(|r| (r.code.trim(), r.source))
        .collect();
    shared
        .into_iter()
        .filter(|(.., key)| project_rows.contains(key))
        .map(|(i, j, k, _)| {
            let link = &projects[i].links[j];
            let label = format!("{}（{}）", ctx.function_label(&link.code), link.source.label());
            Finding::new(
                "PRJ-006",
                Severity::Warning,
                format!(
                    "{}关联的项目支出 {label} 已由{}关联：同一笔项目支出计入了两个项目绩效目标表的当年预算，实行绩效目标管理的项目支出金额会重复计算",
                    project_label(i, &projects[i]),
                    project_label(k, &projects[k])
                ),
                vec![format!("projects[{i}].links[{j}].code")],
            )
        })
        .collect()
}
