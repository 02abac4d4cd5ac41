//! Identities between tables: IDN-001 … IDN-006.

use rust_decimal::Decimal;

use super::amounts::sangong_cells;
use super::skipped::Invalid;
use super::{Ctx, differ, valid, yuan};
use crate::amount::{CentSum, InputUnit};
use crate::finding::{Finding, Severity};
use crate::model::{ExpenditureType, Fund, Inputs};
use crate::table::Cell;
use rustc_hash::FxHashMap;

/// Σ amount and first row index per economic code.
fn economic_by_code(inputs: &Inputs) -> FxHashMap<&str, (Decimal, usize)> {
    let mut map: FxHashMap<&str, (Decimal, usize)> = FxHashMap::default();
    for (i, e) in inputs.economic_rows.iter().enumerate() {
        map.entry(e.code.as_str()).or_insert((Decimal::ZERO, i)).0 += e.amount.value();
    }
    map
}

/// IDN-001: 表3 合计 = 一般公共预算 基本支出.
pub(super) fn idn_001(ctx: &Ctx<'_>) -> Vec<Finding> {
    let (economic, basic) = (ctx.totals.economic, ctx.totals.general_basic);
    if economic == basic {
        return Vec::new();
    }
    let mut bad = Invalid::default();
    bad.economic(ctx, |_| true);
    bad.rows(ctx, |f| {
        f.kind == ExpenditureType::Basic && f.source.fund() == Some(Fund::General)
    });
    // The table is named as the form's template numbers it (重庆 表3, 上海 表8).
    let table = crate::template::of(ctx.inputs)
        .table_ref(|k| matches!(k, crate::template::TableKind::EconomicBasic));
    let pair = format!("基本支出经济分类合计{table}与一般公共预算拨款基本支出合计");
    if let Some(message) = bad.skipped(&pair) {
        return vec![Finding::new(
            "IDN-001",
            Severity::Error,
            message,
            vec!["economic_rows".to_string()],
        )];
    }
    vec![Finding::new(
        "IDN-001",
        Severity::Error,
        format!(
            "基本支出经济分类合计{table}{} 应等于一般公共预算拨款基本支出合计 {}，{}",
            yuan(economic),
            yuan(basic),
            differ(economic, basic)
        ),
        vec!["economic_rows".to_string()],
    )]
}

/// 三公 item (JSON field) → the 基本支出 economic line it must cover.
const SANGONG_ECONOMIC: [(&str, &str); 4] = [
    ("abroad", "30212"),
    ("vehicle_purchase", "31013"),
    ("vehicle_operation", "30231"),
    ("reception", "30217"),
];

/// IDN-002: each 三公 item ≥ its economic line (to the rounding of a 万元
/// figure).
pub(super) fn idn_002(ctx: &Ctx<'_>) -> Vec<Finding> {
    let econ = economic_by_code(ctx.inputs);
    let mut out = Vec::new();
    // A figure entered in 万元 may sit up to half a unit (50 元) below the
    // exact figure it was rounded from.
    let tolerance = ctx.inputs.sangong.unit.tolerance();
    let sangong = ctx.inputs.sangong.in_yuan();
    for (field, name, cell) in sangong_cells(&sangong.this_year) {
        let Some(sangong) = valid(cell) else { continue };
        let Some(&(_, code)) = SANGONG_ECONOMIC.iter().find(|(f, _)| *f == field) else {
            continue;
        };
        let Some(&(line, row)) = econ.get(code) else {
            continue;
        };
        if sangong + tolerance < line {
            out.push(Finding::new(
                "IDN-002",
                Severity::Error,
                format!(
                    "三公经费本年{name} {} 应不小于基本支出经济分类 {} {}，{}",
                    yuan(sangong),
                    ctx.economic_label(code),
                    yuan(line),
                    differ(sangong, line)
                ),
                vec![
                    format!("sangong.this_year.{field}"),
                    format!("economic_rows[{row}].amount"),
                ],
            ));
        }
    }
    out
}

/// IDN-003: economic ↔ function correspondence on 一般公共预算 基本支出:
/// the economic lines whose 基本支出 equals that of function 项 are the
/// template's data (`template::CheckParams::correspondence`).
pub(super) fn idn_003(ctx: &Ctx<'_>) -> Vec<Finding> {
    let pairs = &crate::template::of(ctx.inputs).checks.correspondence;
    let econ = economic_by_code(ctx.inputs);
    // The sum and first row of each function code the table names, by the
    // rows' code id: the rows are passed over without hashing a code, in 分.
    let ids = ctx.rows.codes().len();
    let mut wanted = vec![false; ids];
    for code in pairs.iter().flat_map(|p| p.function.iter()) {
        if let Some(w) = ctx
            .rows
            .get(code)
            .and_then(|id| wanted.get_mut(id as usize))
        {
            *w = true;
        }
    }
    let mut sums: Vec<Option<(CentSum, usize)>> = vec![None; ids];
    for (i, (r, f)) in ctx.inputs.rows.iter().zip(ctx.rows.facts()).enumerate() {
        if f.kind == ExpenditureType::Basic
            && f.source.fund() == Some(Fund::General)
            && wanted.get(f.id as usize) == Some(&true)
            && let Some(sum) = sums.get_mut(f.id as usize)
        {
            sum.get_or_insert((CentSum::default(), i))
                .0
                .add(&r.this_year);
        }
    }
    let func = |code: &str| -> Option<(Decimal, usize)> {
        let (sum, i) = (*sums.get(ctx.rows.get(code)? as usize)?)?;
        Some((sum.to_decimal(), i))
    };
    let mut out = Vec::new();
    for pair in pairs {
        let (codes, items) = (&pair.economic, &pair.function);
        let lines: Vec<(Decimal, usize)> = codes
            .iter()
            .filter_map(|c| econ.get(c.as_str()).copied())
            .collect();
        let line: Decimal = lines.iter().map(|(v, _)| *v).sum();
        let econ_rows: Vec<usize> = lines.iter().map(|(_, i)| *i).collect();
        let present: Vec<(Decimal, usize)> = items.iter().filter_map(|c| func(c)).collect();
        let sum: Decimal = present.iter().map(|(v, _)| *v).sum();
        if line == sum {
            continue;
        }
        let names: Vec<String> = items.iter().map(|c| ctx.function_label(c)).collect();
        let mut bad = Invalid::default();
        bad.economic(ctx, |e| codes.contains(&e.code));
        let item_ids: Vec<u32> = items.iter().filter_map(|c| ctx.rows.get(c)).collect();
        bad.rows(ctx, |f| {
            f.kind == ExpenditureType::Basic
                && f.source.fund() == Some(Fund::General)
                && item_ids.contains(&f.id)
        });
        let mut locations: Vec<String> = econ_rows
            .iter()
            .map(|i| format!("economic_rows[{i}].amount"))
            .collect();
        let econ_names: Vec<String> = codes.iter().map(|c| ctx.economic_label(c)).collect();
        locations.extend(present.iter().map(|(_, i)| format!("rows[{i}].this_year")));
        let pair = format!(
            "基本支出经济分类 {} 与功能分类 {} 的一般公共预算基本支出",
            econ_names.join(" + "),
            names.join(" + ")
        );
        if let Some(message) = bad.skipped(&pair) {
            out.push(Finding::new(
                "IDN-003",
                Severity::Warning,
                message,
                locations,
            ));
            continue;
        }
        out.push(Finding::new(
            "IDN-003",
            Severity::Warning,
            format!(
                "基本支出经济分类 {}{} {} 应等于功能分类 {} 的一般公共预算基本支出{} {}，{}",
                econ_names.join(" + "),
                if codes.len() > 1 { " 合计" } else { "" },
                yuan(line),
                names.join(" + "),
                if items.len() > 1 { "合计" } else { "" },
                yuan(sum),
                differ(line, sum)
            ),
            locations,
        ));
    }
    out
}

/// IDN-004: 政府采购 ≤ expenditure, in total and per source.
pub(super) fn idn_004(ctx: &Ctx<'_>) -> Vec<Finding> {
    let t = ctx.totals;
    let rows = &ctx.inputs.procurement;
    let mut out = Vec::new();
    if t.procurement > t.total {
        let mut bad = Invalid::default();
        bad.procurement(ctx.inputs, |_| true);
        bad.rows(ctx, |_| true);
        out.push(Finding::new(
            "IDN-004",
            Severity::Error,
            bad.skipped("政府采购合计与支出合计").unwrap_or_else(|| {
                format!(
                    "政府采购合计 {} 超过支出合计 {}，{}",
                    yuan(t.procurement),
                    yuan(t.total),
                    differ(t.procurement, t.total)
                )
            }),
            rows.iter()
                .enumerate()
                .map(|(i, _)| format!("procurement[{i}].amount"))
                .take(1)
                .collect(),
        ));
    }
    for (&source, &amount) in &t.procurement_by_source {
        let spent = t.source(source);
        if amount > spent {
            let mut bad = Invalid::default();
            bad.procurement(ctx.inputs, |p| p.source == source);
            bad.rows(ctx, |f| f.source == source);
            let pair = format!("{}安排的政府采购与该来源的支出合计", source.label());
            out.push(Finding::new(
                "IDN-004",
                Severity::Error,
                bad.skipped(&pair).unwrap_or_else(|| {
                    format!(
                        "{}安排的政府采购 {} 超过该来源的支出合计 {}，{}",
                        source.label(),
                        yuan(amount),
                        yuan(spent),
                        differ(amount, spent)
                    )
                }),
                rows.iter()
                    .enumerate()
                    .filter(|(_, p)| p.source == source)
                    .map(|(i, _)| format!("procurement[{i}].amount"))
                    .collect(),
            ));
        }
    }
    out
}

/// IDN-005: 表6 收入总计 = 支出总计 (the 支出 side includes 结转下年).
///
/// Both figures are read from the derived table, so this guards the derivation
/// itself (and an imported file's tables are recomputed before it runs).
pub(super) fn idn_005(ctx: &Ctx<'_>) -> Vec<Finding> {
    let Some(last) = ctx.table6.rows.last() else {
        return Vec::new();
    };
    let [
        Cell::Text(income_label),
        income,
        Cell::Text(spend_label),
        spend,
    ] = last.cells.as_slice()
    else {
        return Vec::new();
    };
    let (Some(income), Some(spend)) = (income.money(), spend.money()) else {
        return Vec::new();
    };
    if income_label != "收入总计" || spend_label != "支出总计" || income == spend {
        return Vec::new();
    }
    use crate::template::TableKind;
    let tpl = crate::template::of(ctx.inputs);
    let table = match tpl.table_ref(|k| *k == TableKind::DeptSummary) {
        n if !n.is_empty() => format!("部门收支总表{n}"),
        _ => format!(
            "财务收支预算总表{}",
            tpl.table_ref(|k| *k == TableKind::FinancialSummary)
        ),
    };
    vec![Finding::new(
        "IDN-005",
        Severity::Error,
        format!(
            "{table}收入总计 {} 与支出总计 {} 不相等，{}",
            yuan(income),
            yuan(spend),
            differ(income, spend)
        ),
        Vec::new(),
    )]
}

/// IDN-006: 机关运行经费 ≤ 公用经费 (to the rounding of a 万元 figure).
pub(super) fn idn_006(ctx: &Ctx<'_>) -> Vec<Finding> {
    let n = &ctx.inputs.narrative;
    let Some(running) = n.running_cost_unit.yuan(&n.running_cost_this_year) else {
        return Vec::new();
    };
    let public = ctx.totals.public_expense;
    // A figure entered in 万元 is the exact one rounded to 0.01 万元: it may
    // exceed the exact 公用经费 by up to half a unit (50 元) and be right.
    if running <= public + n.running_cost_unit.tolerance() {
        return Vec::new();
    }
    vec![Finding::new(
        "IDN-006",
        Severity::Warning,
        match n.running_cost_unit {
            InputUnit::Yuan => format!(
                "本年机关运行经费 {} 超过基本支出中的公用经费 {}，{}",
                yuan(running),
                yuan(public),
                differ(running, public)
            ),
            InputUnit::Wan => format!(
                "本年机关运行经费 {} 万元（{}）超过基本支出中的公用经费 {}，{}，多于四舍五入到 0.01 万元可能有的 50.00 元",
                n.running_cost_this_year.text().trim(),
                yuan(running),
                yuan(public),
                differ(running, public)
            ),
        },
        vec!["narrative.running_cost_this_year".to_string()],
    )]
}
