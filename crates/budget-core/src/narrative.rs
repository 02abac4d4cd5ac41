//! 情况说明: the narrative, generated from the inputs and totals.
//!
//! Every figure is computed: amounts in 万元 (四舍五入, trailing zeros dropped),
//! and each change is `this year − last year` from the exact 元 amounts, rounded once.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::amount::{self, format_wan};
use crate::catalog::{Catalog, Level};
use crate::model::{FundingSource, Inputs};
use crate::totals::Totals;

mod balanced;
mod clerk;
mod other;
mod row_sums;
mod shanghai;
mod suggest;
use balanced::{GeneralSplit, changes, sangong_in_table4, wv};
pub use clerk::ClerkText;
pub use other::unmanaged_projects;
use other::{other_matters, running_cost_change, running_cost_use};
pub use row_sums::RowSums;
pub(crate) use row_sums::RowSumsAcc;
pub use shanghai::purpose_items;
pub(crate) use shanghai::purposes_missing;
pub use suggest::{RunningCostSuggestion, running_cost_suggestion};

/// The generated narrative.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Narrative {
    /// Title, e.g. `重庆市大渡口区人民政府办公室2021年部门预算情况说明`.
    pub title: String,
    /// Sections in order.
    pub sections: Vec<Section>,
    /// Closing contact line (部门预算公开联系人…).
    pub contact: String,
}

/// One numbered section.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Section {
    /// Heading, e.g. `一、单位基本情况`.
    pub heading: String,
    /// Paragraphs.
    pub paragraphs: Vec<String>,
}

impl Narrative {
    /// The whole narrative as plain text (title, headings, paragraphs, contact).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        out.push_str(&self.title);
        out.push_str("\n\n");
        for s in &self.sections {
            out.push_str(&s.heading);
            out.push('\n');
            for p in &s.paragraphs {
                out.push_str(p);
                out.push('\n');
            }
            out.push('\n');
        }
        if !self.contact.is_empty() {
            out.push_str(&self.contact);
            out.push('\n');
        }
        out
    }
}

/// `增加X万元` / `减少X万元` for a change, or None when there is none. A change
/// under 50 元 rounds to 0 万元: it is `增加不足0.01万元`, never `增加0万元`
/// (which reads as no change, yet asks for a reason).
fn change(this: Decimal, last: Decimal) -> Option<String> {
    let diff = this - last;
    let (verb, size) = if diff.is_zero() {
        return None;
    } else if diff > Decimal::ZERO {
        ("增加", diff)
    } else {
        ("减少", -diff)
    };
    if amount::to_wan(size).is_zero() {
        Some(format!("{verb}不足0.01万元"))
    } else {
        Some(format!("{verb}{}万元", format_wan(size)))
    }
}

/// `，主要原因是…` when a reason was given.
fn because(cx: &Context, field: ClerkText) -> String {
    let r = field.fragment(field.text(&cx.inputs.narrative));
    if r.is_empty() {
        String::new()
    } else {
        format!("，主要原因是{r}")
    }
}

fn w(v: Decimal) -> String {
    format_wan(v)
}

/// Generate the narrative.
///
/// `classes` are this year's totals per 功能类 code, in code order; `items`
/// this year's 财政拨款 per 功能分类 项, in code order, zero left out (what the
/// 上海 text lists); `sums` what else it reads of the rows (`RowSums::of(inputs)`).
pub(crate) fn generate(
    inputs: &Inputs,
    t: &Totals,
    classes: &[(String, Decimal)],
    items: &[(&str, Decimal)],
    sums: &RowSums,
    function: &Catalog,
) -> Narrative {
    if crate::template::of(inputs).narrative == crate::template::NarrativeKind::Shanghai {
        return shanghai::generate(inputs, t, items, function);
    }
    let cx = Context::new(inputs, t);
    Narrative {
        title: format!(
            "{}{}{}预算情况说明",
            inputs.unit.name,
            cx.year,
            inputs.unit.document.word()
        ),
        sections: vec![
            unit_basics(inputs),
            income_and_spending(&cx, classes, sums, function),
            budget_explained(&cx, sums),
            sangong(&cx),
            other_matters(&cx),
            glossary(),
        ],
        contact: format!(
            "{}预算公开联系人：{} 联系方式：{}",
            inputs.unit.document.word(),
            inputs.unit.contact_person.trim(),
            inputs.unit.contact_phone.trim()
        ),
    }
}

/// The sentence of the narrative that carries a text the clerk typed, as
/// `generate` prints it: what the 说明文字 form previews beside the field.
/// Empty when the narrative prints nothing for it (a blank key work).
pub fn clerk_sentence(field: ClerkText, inputs: &Inputs, t: &Totals, sums: &RowSums) -> String {
    let cx = Context::new(inputs, t);
    let sangong = |k: usize| sangong_items(&cx).swap_remove(k);
    match field {
        ClerkText::Income => income_change(&cx, sums),
        ClerkText::Basic => basic_clause(&cx),
        ClerkText::Project => project_clause(&cx),
        ClerkText::Abroad => sangong(0),
        ClerkText::Reception => sangong(1),
        ClerkText::VehicleOperation => sangong(2),
        ClerkText::VehiclePurchase => sangong(3),
        ClerkText::RunningCost => running_cost_change(&cx),
        ClerkText::RunningCostUse => running_cost_use(&cx),
        ClerkText::KeyWork => key_work(&cx),
    }
}

/// A year as the narrative prints it. Without a plausible 预算年度 (UNT-002
/// reports it) there is no year to print, and none to subtract from: the text
/// says so rather than print 0年 and -1年.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum YearName {
    /// `2021年`
    Year(i32),
    /// This year, unknown: `（预算年度未填写）`.
    Missing,
    /// The year before an unknown one: `上年`.
    LastYear,
}

impl std::fmt::Display for YearName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            YearName::Year(y) => write!(f, "{y}年"),
            YearName::Missing => f.write_str("（预算年度未填写）"),
            YearName::LastYear => f.write_str("上年"),
        }
    }
}

/// What every section reads: the inputs, the totals, the years and the short name.
struct Context<'a> {
    inputs: &'a Inputs,
    t: &'a Totals,
    /// `2021年`, or words when the 预算年度 is missing.
    year: YearName,
    /// `2020年`, or `上年`.
    last: YearName,
    /// 简称, or the full name when there is none.
    short: &'a str,
}

impl<'a> Context<'a> {
    fn new(inputs: &'a Inputs, t: &'a Totals) -> Self {
        let unit = &inputs.unit;
        let short = if unit.short_name.trim().is_empty() {
            unit.name.as_str()
        } else {
            unit.short_name.as_str()
        };
        Context {
            inputs,
            t,
            year: unit.known_year().map_or(YearName::Missing, YearName::Year),
            last: unit
                .known_year()
                .map_or(YearName::LastYear, |y| YearName::Year(y - 1)),
            short,
        }
    }

    fn reasons(&self) -> &'a crate::model::Reasons {
        &self.inputs.narrative.reasons
    }

    /// `比2020年减少X万元`, or `与2020年持平`.
    fn vs(&self, this: Decimal, last_v: Decimal) -> String {
        self.vs_shown(&change(this, last_v))
    }

    /// `vs` of a change already worded (`change`, `changes`).
    fn vs_shown(&self, change: &Option<String>) -> String {
        let last = self.last;
        match change {
            Some(c) => format!("比{last}{c}"),
            None => format!("与{last}持平"),
        }
    }
}

/// 一、单位基本情况: the duties, numbered, and the composition.
fn unit_basics(inputs: &Inputs) -> Section {
    let unit = &inputs.unit;
    let mut p = vec!["（一）职能职责。".to_string()];
    p.extend(
        unit.duties
            .iter()
            .enumerate()
            .map(|(i, d)| format!("{}. {}", i + 1, d.trim())),
    );
    p.push("（二）单位构成。".to_string());
    p.push(unit.composition.trim().to_string());
    Section {
        heading: "一、单位基本情况".into(),
        paragraphs: p,
    }
}

/// 二、部门收支总体情况: the income, then the spending.
fn income_and_spending(
    cx: &Context,
    classes: &[(String, Decimal)],
    sums: &RowSums,
    function: &Catalog,
) -> Section {
    Section {
        heading: format!("二、{}收支总体情况", cx.inputs.unit.document.word()),
        paragraphs: vec![income(cx, sums), spending(cx, classes, function)],
    }
}

/// （一）收入预算: the total by source and its change.
fn income(cx: &Context, sums: &RowSums) -> String {
    use FundingSource as S;
    let (t, year) = (cx.t, cx.year);
    let src = |s: S| t.source(s);
    let carry = src(S::CarryoverGeneral) + src(S::CarryoverGovFund) + src(S::CarryoverStateCapital);
    // The parts listed add up to the total as printed.
    let (total, p) = crate::wan::total_and_parts(
        t.total,
        &[
            src(S::GeneralBudget),
            src(S::GovFundBudget),
            src(S::StateCapitalBudget),
            src(S::BusinessNonEducation) + src(S::BusinessEducation),
            src(S::OperatingIncome),
            src(S::OtherIncome),
            carry,
            src(S::BusinessFund),
        ],
    );
    let mut income = format!(
        "（一）收入预算：{year}年初预算数{}万元，其中：一般公共预算拨款{}万元，政府性基金预算拨款{}万元，国有资本经营预算收入{}万元，事业收入{}万元，事业单位经营收入{}万元，其他收入{}万元",
        wv(total),
        wv(p[0]),
        wv(p[1]),
        wv(p[2]),
        wv(p[3]),
        wv(p[4]),
        wv(p[5]),
    );
    if !carry.is_zero() {
        income.push_str(&format!("，上年结转{}万元", wv(p[6])));
    }
    if !src(S::BusinessFund).is_zero() {
        income.push_str(&format!("，用事业基金弥补收支差额{}万元", wv(p[7])));
    }
    income.push('。');
    income.push_str(&income_change(cx, sums));
    income
}

/// `收入较去年减少X万元，主要是…，经费拨款减少Y万元。`, or `收入与去年持平。`
fn income_change(cx: &Context, sums: &RowSums) -> String {
    let Some(c) = change(cx.t.total, cx.t.total_last_year) else {
        return "收入与去年持平。".into();
    };
    let mut out = format!("收入较去年{c}");
    let reason = ClerkText::Income.fragment(&cx.reasons().income);
    if !reason.is_empty() {
        out.push_str(&format!("，主要是{reason}"));
    }
    // The part of the change that is 财政拨款 (the three funds, current year).
    if let Some(c) = change(sums.fiscal_this, sums.fiscal_last) {
        out.push_str(&format!("，经费拨款{c}"));
    }
    out.push('。');
    out
}

/// （二）支出预算: the total by 功能类 and its change, basic and project.
fn spending(cx: &Context, classes: &[(String, Decimal)], function: &Catalog) -> String {
    let t = cx.t;
    let classes: Vec<(&str, Decimal)> = classes
        .iter()
        .filter(|(_, v)| !v.is_zero())
        .map(|(c, v)| (c.as_str(), *v))
        .collect();
    // The classes listed add up to the total as printed.
    let values: Vec<Decimal> = classes.iter().map(|(_, v)| *v).collect();
    let (total, shown) = crate::wan::total_and_parts(t.total, &values);
    let classes: Vec<String> = classes
        .iter()
        .zip(shown)
        .map(|(&(c, _), v)| {
            let name = function
                .get(c)
                .filter(|e| e.level == Level::Class)
                .map(|e| e.name)
                .unwrap_or(c);
            format!("{name}{}万元", wv(v))
        })
        .collect();
    let mut spending = format!("（二）支出预算：{}年初预算数{}万元", cx.year, wv(total));
    if !classes.is_empty() {
        spending.push_str(&format!("，其中：{}", classes.join("，")));
    }
    let (total_change, parts) = changes(
        (t.total, t.total_last_year),
        &[
            (t.basic, t.basic_last_year),
            (t.project, t.project_last_year),
        ],
    );
    match total_change {
        Some(c) => {
            let part = |label: &str, c: &Option<String>| match c {
                Some(c) => format!("{label}{c}"),
                None => format!("{label}与去年持平"),
            };
            spending.push_str(&format!(
                "。支出较去年{c}，主要是{}，{}。",
                part("基本支出", &parts[0]),
                part("项目支出", &parts[1])
            ));
        }
        None => spending.push_str("。支出与去年持平。"),
    }
    spending
}

/// 三、部门预算情况说明: the 一般公共预算 spending, then the 政府性基金.
fn budget_explained(cx: &Context, sums: &RowSums) -> Section {
    Section {
        heading: format!("三、{}预算情况说明", cx.inputs.unit.document.word()),
        paragraphs: vec![general_budget(cx), gov_fund(cx, sums)],
    }
}

/// The 一般公共预算财政拨款 spending, basic and project, with their changes.
fn general_budget(cx: &Context) -> String {
    let (year, short) = (cx.year, cx.short);
    let g = GeneralSplit::of(cx.t);
    let key_work = key_work(cx);
    format!(
        "{year}一般公共预算财政拨款收入{}万元，一般公共预算财政拨款支出{}万元，{}。其中：{}，主要用于保障在职人员工资福利及社会保险缴费，离休人员离休费，退休人员补助等，保障部门正常运转的各项商品服务支出；{}，主要用于完成{short}机关、加挂或设在单位、下属事业单位等特定行政工作任务和事业发展目标而安排的支出{}{key_work}。",
        wv(g.total),
        wv(g.total),
        cx.vs_shown(&g.change),
        basic_clause(cx),
        project_clause(cx),
        if key_work.is_empty() { "" } else { "，" },
    )
}

/// `基本支出X万元，比2020年减少Y万元，主要原因是…`
fn basic_clause(cx: &Context) -> String {
    let g = GeneralSplit::of(cx.t);
    format!(
        "基本支出{}万元，{}{}",
        wv(g.basic),
        cx.vs_shown(&g.basic_change),
        because(cx, ClerkText::Basic)
    )
}

/// `项目支出X万元，比2020年减少Y万元，主要原因是…`
fn project_clause(cx: &Context) -> String {
    let g = GeneralSplit::of(cx.t);
    format!(
        "项目支出{}万元，{}{}",
        wv(g.project),
        cx.vs_shown(&g.project_change),
        because(cx, ClerkText::Project)
    )
}

/// `主要包括：…等重点工作`, or nothing when no key work was typed.
fn key_work(cx: &Context) -> String {
    let key_work = ClerkText::KeyWork.fragment(&cx.inputs.narrative.key_work);
    if key_work.is_empty() {
        String::new()
    } else {
        format!("主要包括：{key_work}等重点工作")
    }
}

/// The 政府性基金预算财政拨款 spending, or that there is none.
fn gov_fund(cx: &Context, sums: &RowSums) -> String {
    let (t, year) = (cx.t, cx.year);
    if t.gov_fund.is_zero() {
        format!("{year}{}没有使用政府性基金预算拨款安排的支出。", cx.short)
    } else {
        format!(
            "{year}政府性基金预算财政拨款支出{}万元，{}。",
            w(t.gov_fund),
            cx.vs(t.gov_fund, sums.gov_fund_last)
        )
    }
}

/// 四、“三公”经费情况说明: the total and each of the four items.
fn sangong(cx: &Context) -> Section {
    let (total, change, items) = sangong_figures(cx);
    let sangong = format!(
        "{}“三公”经费预算{}万元，{}。其中：{}。",
        cx.year,
        wv(total),
        cx.vs_shown(&change),
        items.join("；")
    );
    Section {
        heading: "四、“三公”经费情况说明".into(),
        paragraphs: vec![sangong],
    }
}

/// The four 三公 items in narrative order (出国, 接待, 车运行, 车购置), each
/// `公务接待费X万元，比2020年减少Y万元，主要原因是…` or `…，同2020年`.
fn sangong_items(cx: &Context) -> Vec<String> {
    sangong_figures(cx).2
}

/// The 三公 total in 万元, its change, and the four items: the items add up
/// to the total as printed, their changes to its change.
fn sangong_figures(cx: &Context) -> (Decimal, Option<String>, Vec<String>) {
    let last = cx.last;
    let t = cx.t;
    let sangong = cx.inputs.sangong.in_yuan();
    let (sg, sl) = (&sangong.this_year, &sangong.last_year);
    let items = [
        (
            "因公出国（境）费用",
            &sg.abroad,
            &sl.abroad,
            ClerkText::Abroad,
        ),
        (
            "公务接待费",
            &sg.reception,
            &sl.reception,
            ClerkText::Reception,
        ),
        (
            "公务用车运行维护费",
            &sg.vehicle_operation,
            &sl.vehicle_operation,
            ClerkText::VehicleOperation,
        ),
        (
            "公务用车购置费",
            &sg.vehicle_purchase,
            &sl.vehicle_purchase,
            ClerkText::VehiclePurchase,
        ),
    ];
    let values: Vec<Decimal> = items.iter().map(|i| i.1.value()).collect();
    // The figures 表4 prints in 万元 (its own 舍位平衡, 车 subtotal included;
    // one line, so cheap), else the same balancing on the four items.
    let (total, shown) = sangong_in_table4(cx.inputs)
        .unwrap_or_else(|| crate::wan::total_and_parts(t.sangong, &values));
    let pairs: Vec<(Decimal, Decimal)> = items.iter().map(|i| (i.1.value(), i.2.value())).collect();
    let (change, item_changes) = changes((t.sangong, t.sangong_last_year), &pairs);
    let texts = items
        .iter()
        .zip(shown)
        .zip(item_changes)
        .map(|((&(label, _, _, field), this), c)| match c {
            Some(c) => format!("{label}{}万元，比{last}{c}{}", wv(this), because(cx, field)),
            None => format!("{label}{}万元，同{last}", wv(this)),
        })
        .collect();
    (total, change, texts)
}

/// 六、专业性名词解释: the fixed glossary.
fn glossary() -> Section {
    Section {
        heading: "六、专业性名词解释".into(),
        paragraphs: GLOSSARY.iter().map(|s| s.to_string()).collect(),
    }
}

/// 专业性名词解释: fixed definitions, as published.
const GLOSSARY: [&str; 4] = [
    "（一）财政拨款收入：指本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款和政府性基金预算财政拨款。",
    "（二）基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。",
    "（三）项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
    "（四）“三公”经费：指用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行维护费、公务接待费。其中，因公出国（境）费反映单位公务出国（境）的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；公务用车购置费反映单位公务用车购置支出（含车辆购置税）；公务用车运行维护费反映单位按规定保留的公务用车燃料费、维修费、过路过桥费、保险费、安全奖励费用等支出；公务接待费反映单位按规定开支的各类公务接待（含外宾接待）支出。",
];

#[cfg(test)]
mod tests;
