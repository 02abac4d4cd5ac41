//! 五、其他重要事项的情况说明: 机关运行经费, 政府采购, 绩效目标, 国有资产.

use rust_decimal::Decimal;

use super::{ClerkText, Context, Section, because, change, w, wv};
use crate::model::{Fund, ProcurementCategory};
use crate::totals::Totals;

/// The section: 机关运行经费, 政府采购, 绩效目标, 国有资产.
pub(super) fn other_matters(cx: &Context) -> Section {
    Section {
        heading: "五、其他重要事项的情况说明".into(),
        paragraphs: vec![
            running_cost(cx),
            procurement(cx),
            performance(cx),
            assets(cx),
        ],
    }
}

/// 1、机关运行经费: this year's, its change and what it is for.
fn running_cost(cx: &Context) -> String {
    format!(
        "1、机关运行经费。{}{}",
        running_cost_change(cx),
        running_cost_use(cx)
    )
}

/// `2021年一般公共预算财政拨款运行经费X万元，比上年减少Y万元，主要原因是…。`
pub(super) fn running_cost_change(cx: &Context) -> String {
    let n = &cx.inputs.narrative;
    let (this, last) = n.running_cost_in_yuan();
    let (rc, rcl) = (this.value(), last.value());
    let head = format!("{}一般公共预算财政拨款运行经费{}万元，", cx.year, w(rc));
    match change(rc, rcl) {
        Some(c) => format!("{head}比上年{c}{}。", because(cx, ClerkText::RunningCost)),
        None => format!("{head}与上年持平。"),
    }
}

/// `主要用于…。`, or nothing when the use was not typed.
pub(super) fn running_cost_use(cx: &Context) -> String {
    let use_text = ClerkText::RunningCostUse.fragment(&cx.inputs.narrative.running_cost_use);
    if use_text.is_empty() {
        String::new()
    } else {
        format!("主要用于{use_text}。")
    }
}

/// 2、政府采购情况: the total and the 一般公共预算 part, each by category (the
/// categories add up to each total as printed).
fn procurement(cx: &Context) -> String {
    let inputs = cx.inputs;
    let by_category = |general_only: bool| -> Vec<Decimal> {
        ProcurementCategory::ALL
            .iter()
            .map(|c| {
                inputs
                    .procurement
                    .iter()
                    .filter(|p| {
                        p.category == *c
                            && (!general_only || p.source.fund() == Some(Fund::General))
                    })
                    .map(|p| p.amount.value())
                    .sum()
            })
            .collect()
    };
    let line = |total: Decimal, general_only: bool| {
        let (total, shown) = crate::wan::total_and_parts(total, &by_category(general_only));
        let parts = ProcurementCategory::ALL
            .iter()
            .zip(shown)
            .map(|(c, v)| format!("政府采购{}预算{}万元", c.word(), wv(v)))
            .collect::<Vec<_>>()
            .join("、");
        (wv(total), parts)
    };
    let general_procurement: Decimal = inputs
        .procurement
        .iter()
        .filter(|p| p.source.fund() == Some(Fund::General))
        .map(|p| p.amount.value())
        .sum();
    let (total, parts) = line(cx.t.procurement, false);
    let (general, general_parts) = line(general_procurement, true);
    format!(
        "2、政府采购情况。所属各预算单位政府采购预算总额{total}万元：{parts}；其中一般公共预算拨款政府采购{general}万元：{general_parts}。"
    )
}

/// The 项目支出 (every source) not under performance management: the total
/// 项目支出 less the project forms' budgets, or zero when the forms cover it
/// (DOMAIN §4). The one figure of the narrative's 绩效目标 sentence and PRJ-005.
pub fn unmanaged_projects(t: &Totals) -> Decimal {
    (t.project - t.project_forms).max(Decimal::ZERO)
}

/// 3、绩效目标设置情况: whether the project forms cover the 项目支出.
fn performance(cx: &Context) -> String {
    let (t, year) = (cx.t, cx.year);
    let unmanaged = unmanaged_projects(t);
    if unmanaged.is_zero() {
        format!(
            "3、绩效目标设置情况。{year}项目支出均实行了绩效目标管理，涉及一般公共预算当年财政拨款{}万元。",
            w(t.general_project)
        )
    } else {
        // Those with forms and those without add up to the 项目支出 as printed.
        let (project, parts) =
            crate::wan::total_and_parts(t.project, &[t.project_forms, unmanaged]);
        format!(
            "3、绩效目标设置情况。{year}实行绩效目标管理的项目支出{}万元，项目支出共{}万元（其中一般公共预算当年财政拨款{}万元），尚有{}万元未设置绩效目标。",
            wv(parts[0]),
            wv(project),
            w(t.general_project),
            wv(parts[1])
        )
    }
}

/// 4、国有资产占有使用情况: the vehicles held and to be bought.
fn assets(cx: &Context) -> String {
    let n = &cx.inputs.narrative;
    let (held, buy) = (n.vehicles_held, n.vehicles_to_buy);
    format!(
        "4、国有资产占有使用情况。截止{}12月，所属各预算单位共有车辆{}辆，其中一般公务用车{}辆、执勤执法用车{}辆。{}一般公共预算安排购置车辆{}辆，其中一般公务用车{}辆、执勤执法用车{}辆。",
        cx.last,
        held.total(),
        held.general,
        held.enforcement,
        cx.year,
        buy.total(),
        buy.general,
        buy.enforcement
    )
}
