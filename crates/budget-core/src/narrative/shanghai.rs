//! The 上海 情况说明: 主要职能, 机构设置, 名词解释, 预算编制说明 (every 功能分类
//! 项 with its amount and what it is mainly for), the list of tables, 其他相关
//! 情况说明 (三公 item by item, 机关运行经费, 政府采购, 绩效目标, 国有资产) and
//! 项目经费情况说明, as the 普陀区财政局's 2025 document prints them.
//!
//! Every figure is computed from exact 元, rounded once (四舍五入) to 0.01
//! 万元; where the text lists the parts of a total they are balanced
//! (`wan::total_and_parts`) so the parts printed add up to the total printed.
//! A 万元 figure prints with 千分位 and 2 decimals, zero as `0` (as 上海 does).

use rust_decimal::Decimal;

use super::{ClerkText, Narrative, Section, YearName};
use crate::amount::{self, CentSum};
use crate::catalog::Catalog;
use crate::derive::chinese_ordinal;
use crate::index::RowCodes;
use crate::model::{Fund, FundingSource, Inputs, ProcurementCategory, UnitType, VehicleCategories};
use crate::template::{self, fill};
use crate::totals::Totals;
use crate::wan::total_and_parts;

/// A figure in 元 as 万元: `3,121.42`, `10.00`, `0`.
fn w(yuan: Decimal) -> String {
    wv(amount::to_wan(yuan))
}

/// A figure already in 万元 (balanced).
fn wv(wan: Decimal) -> String {
    if wan.is_zero() {
        "0".to_string()
    } else {
        amount::format_yuan(wan)
    }
}

/// `比2024年预算增加107.62万元` / `比…减少…` / `与2024年预算持平`.
fn versus(this: Decimal, last: Decimal, last_year: &YearName) -> String {
    let diff = this - last;
    if diff.is_zero() {
        return format!("与{last_year}预算持平");
    }
    let verb = if diff > Decimal::ZERO {
        "增加"
    } else {
        "减少"
    };
    let shown = amount::to_wan(diff.abs());
    if shown.is_zero() {
        format!("比{last_year}预算{verb}不足0.01万元")
    } else {
        format!("比{last_year}预算{verb}{}万元", wv(shown))
    }
}

/// `，主要原因是…` when a reason is given.
fn reason(inputs: &Inputs, field: ClerkText) -> String {
    let r = field.fragment(field.text(&inputs.narrative));
    if r.is_empty() {
        String::new()
    } else {
        format!("，主要原因是{r}")
    }
}

/// This year's and last year's 财政拨款 by fund (current and carried over),
/// in 元: last year from the totals the document gives, else from the rows.
struct Fiscal {
    this: [Decimal; 3],
    last: [Decimal; 3],
}

impl Fiscal {
    fn of(inputs: &Inputs, t: &Totals) -> Fiscal {
        let mut last = [CentSum::default(); 3];
        for r in &inputs.rows {
            if let Some(f) = r.source.fund() {
                last[f as usize].add(&r.last_year);
            }
        }
        let mut last = last.map(|s| s.to_decimal());
        let given = &inputs.disclosure.last_year;
        for (slot, a) in
            last.iter_mut()
                .zip([&given.general, &given.gov_fund, &given.state_capital])
        {
            if let Some(v) = given.yuan(a) {
                *slot = v;
            }
        }
        Fiscal {
            this: Fund::ALL.map(|f| t.fund(f)),
            last,
        }
    }
    fn total_this(&self) -> Decimal {
        self.this.iter().sum()
    }
    /// Last year's 财政拨款: the total the document gives, else the funds'.
    fn total_last(&self, inputs: &Inputs) -> Decimal {
        let given = &inputs.disclosure.last_year;
        given
            .yuan(&given.fiscal)
            .unwrap_or_else(|| self.last.iter().sum())
    }
}

/// Generate the 上海 narrative; `items` as `RowCodes::fiscal_items` gives them.
pub(super) fn generate(
    inputs: &Inputs,
    t: &Totals,
    items: &[(&str, Decimal)],
    function: &Catalog,
) -> Narrative {
    let unit = &inputs.unit;
    let year = unit.known_year().map_or(YearName::Missing, YearName::Year);
    let last = unit
        .known_year()
        .map_or(YearName::LastYear, |y| YearName::Year(y - 1));
    let org = unit.document.word();
    let cx = Cx {
        inputs,
        t,
        year,
        last,
        org,
    };
    Narrative {
        title: format!("{}{}{org}预算", unit.name, cx.year),
        sections: vec![
            duties(&cx),
            members(&cx),
            glossary(&cx),
            budget_explained(&cx, items, function),
            table_list(&cx),
            other_matters(&cx),
            project_notes(&cx),
        ],
        contact: String::new(),
    }
}

struct Cx<'a> {
    inputs: &'a Inputs,
    t: &'a Totals,
    year: YearName,
    last: YearName,
    org: &'static str,
}

impl Cx<'_> {
    /// `2025年度`
    fn year_of(&self) -> String {
        match self.year {
            YearName::Year(y) => format!("{y}年度"),
            _ => "本年度".to_string(),
        }
    }
    /// 简称, or the full name.
    fn short(&self) -> &str {
        let u = &self.inputs.unit;
        if u.short_name.trim().is_empty() {
            &u.name
        } else {
            &u.short_name
        }
    }
}

fn section(heading: String, paragraphs: Vec<String>) -> Section {
    Section {
        heading,
        paragraphs,
    }
}

/// `（一）`
fn paren(i: usize) -> String {
    format!("（{}）", chinese_ordinal(i))
}

/// 一、部门主要职能
fn duties(cx: &Cx) -> Section {
    let u = &cx.inputs.unit;
    let mut p = vec![format!("{}主要职能", u.name)];
    if !u.composition.trim().is_empty() {
        p.push(u.composition.trim().to_string());
    }
    p.push("主要职能包括：".to_string());
    p.extend(
        u.duties
            .iter()
            .enumerate()
            .map(|(i, d)| format!("{}{}", paren(i + 1), d.trim())),
    );
    section(format!("一、{}主要职能", cx.org), p)
}

/// 二、部门机构设置: the units, counted by type (参公事业 is a 事业单位).
fn members(cx: &Cx) -> Section {
    let (u, org) = (&cx.inputs.unit, cx.org);
    let list = &cx.inputs.disclosure.members;
    let mut p = vec![format!("{}机构设置", u.name)];
    match list.first() {
        None => p.push("（机构设置未填写）".to_string()),
        Some(own) => {
            let admin = list
                .iter()
                .filter(|m| m.unit_type == UnitType::Administrative)
                .count();
            p.push(format!(
                "{}{org}预算包括{}以及下属{}家预算单位的综合收支计划。",
                u.name,
                own.name.trim(),
                list.len() - 1
            ));
            p.push(format!(
                "本{org}中，行政单位{admin}家，事业单位{}家，具体包括：",
                list.len() - admin
            ));
            p.extend(
                list.iter()
                    .enumerate()
                    .map(|(i, m)| format!("{}.{}", i + 1, m.name.trim())),
            );
        }
    }
    section(format!("二、{org}机构设置"), p)
}

/// 三、名词解释
fn glossary(cx: &Cx) -> Section {
    let p = cx
        .inputs
        .disclosure
        .glossary
        .iter()
        .enumerate()
        .map(|(i, g)| format!("{}{}：{}", paren(i + 1), g.term.trim(), g.text.trim()))
        .collect();
    section("三、名词解释".to_string(), p)
}

/// 四、部门预算编制说明: income and spending with the change, then every
/// 功能分类 项 of the 财政拨款 with its amount and use.
fn budget_explained(cx: &Cx, items: &[(&str, Decimal)], function: &Catalog) -> Section {
    use FundingSource as S;
    let (i, t, year, last) = (cx.inputs, cx.t, &cx.year, &cx.last);
    let fiscal = Fiscal::of(i, t);
    let src = |s: S| t.source(s);
    let (income, parts) = total_and_parts(
        t.total,
        &[
            fiscal.total_this(),
            src(S::BusinessNonEducation) + src(S::BusinessEducation),
            src(S::OperatingIncome),
            src(S::OtherIncome) + src(S::BusinessFund),
        ],
    );
    let fiscal_change = versus(fiscal.total_this(), fiscal.total_last(i), last);
    let mut p = vec![format!(
        "{year}，{}收入预算{}万元，其中：财政拨款收入{}万元，{fiscal_change}；事业收入{}万元；事业单位经营收入{}万元；其他收入{}万元。",
        i.unit.name,
        wv(income),
        wv(parts[0]),
        wv(parts[1]),
        wv(parts[2]),
        wv(parts[3]),
    )];
    let (spent_fiscal, funds) = total_and_parts(fiscal.total_this(), &fiscal.this);
    let fund = |f: Fund| {
        format!(
            "{}万元，{}",
            wv(funds[f as usize]),
            versus(fiscal.this[f as usize], fiscal.last[f as usize], last)
        )
    };
    p.push(format!(
        "支出预算{}万元，其中：财政拨款支出预算{}万元，{fiscal_change}。财政拨款支出预算中，一般公共预算拨款支出预算{}；政府性基金拨款支出预算{}；国有资本经营预算拨款支出预算{}。",
        w(t.total),
        wv(spent_fiscal),
        fund(Fund::General),
        fund(Fund::GovFund),
        fund(Fund::StateCapital),
    ));
    let diff = fiscal.total_this() - fiscal.total_last(i);
    let why = ClerkText::Income.fragment(&i.narrative.reasons.income);
    if !diff.is_zero() && !why.is_empty() {
        let verb = if diff > Decimal::ZERO {
            "增加"
        } else {
            "减少"
        };
        p.push(format!("财政拨款收入支出{verb}的主要原因是{why}。"));
    }
    p.push("财政拨款支出主要内容如下：".to_string());
    let (_, shown) = total_and_parts(
        fiscal.total_this(),
        &items.iter().map(|(_, v)| *v).collect::<Vec<_>>(),
    );
    for (n, ((code, _), v)) in items.iter().zip(shown).enumerate() {
        let name = |c: &str| function.name(c).unwrap_or(c).to_string();
        let label = match (code.get(..3), code.get(..5)) {
            (Some(class), Some(kuan)) if code.len() == 7 => format!(
                "{}（类）{}（款）{}（项）",
                name(class),
                name(kuan),
                name(code)
            ),
            _ => name(code),
        };
        let purpose = i
            .disclosure
            .purposes
            .get(*code)
            .map(|s| {
                s.trim()
                    .trim_start_matches("主要用于")
                    .trim_end_matches('。')
            })
            .filter(|s| !s.is_empty())
            .map(|s| format!("，主要用于{s}"))
            .unwrap_or_default();
        p.push(format!("{}.“{label}”{}万元{purpose}。", n + 1, wv(v)));
    }
    section(format!("四、{}预算编制说明", cx.org), p)
}

/// The 项 whose use (主要用于…) the 编制说明 prints, in order: each code
/// with its name (`2010601 行政运行`), against the form's year's catalog.
pub fn purpose_items(inputs: &Inputs) -> Vec<(String, String)> {
    let items = RowCodes::of(inputs).fiscal_items();
    labelled(inputs, items.into_iter().map(|(code, _)| code))
}

/// The 项 of [`purpose_items`] whose use is not written yet, labelled (only
/// those: NAR-006 runs on every edit, and a 上海 form lists hundreds of 项),
/// from the rows as the checks indexed them.
pub(crate) fn purposes_missing(inputs: &Inputs, rows: &RowCodes) -> Vec<(String, String)> {
    let missing = rows
        .fiscal_items()
        .into_iter()
        .map(|(code, _)| code)
        .filter(|code| {
            inputs
                .disclosure
                .purposes
                .get(*code)
                .is_none_or(|p| p.trim().is_empty())
        });
    labelled(inputs, missing)
}

/// Each code with its name (`2010601 行政运行`) against the form's year's catalog.
fn labelled<'a>(inputs: &Inputs, codes: impl Iterator<Item = &'a str>) -> Vec<(String, String)> {
    let cats = crate::catalog::InForce::builtin(inputs.unit.fiscal_year);
    codes
        .map(|code| {
            let name = cats.function().name(code).unwrap_or("（不在科目目录中）");
            (code.to_string(), format!("{code} {name}"))
        })
        .collect()
}

/// 五、部门预算表: the tables, in order.
fn table_list(cx: &Cx) -> Section {
    let tpl = template::of(cx.inputs);
    let p = tpl
        .tables
        .iter()
        .enumerate()
        .map(|(n, s)| format!("{}. {}", n + 1, fill(&s.title, cx.inputs)))
        .collect();
    section(format!("五、{}预算表", cx.org), p)
}

/// 六、其他相关情况说明
fn other_matters(cx: &Cx) -> Section {
    let mut p = sangong(cx);
    let (running, _) = cx.inputs.narrative.running_cost_in_yuan();
    p.push("二、机关运行经费预算".to_string());
    p.push(format!(
        "{}{}财政拨款的机关运行经费预算为{}万元。",
        cx.year,
        cx.inputs.unit.name,
        w(running.value())
    ));
    p.push("三、政府采购预算情况".to_string());
    p.push(procurement(cx));
    p.push("四、绩效目标设置情况".to_string());
    p.push(targets(cx));
    p.push("五、国有资产占有使用情况".to_string());
    p.extend(assets(cx));
    section("六、其他相关情况说明".to_string(), p)
}

/// 一、“三公”经费预算情况说明: the total and each item, with the change.
fn sangong(cx: &Cx) -> Vec<String> {
    let (i, year, last) = (cx.inputs, &cx.year, &cx.last);
    let s = i.sangong.in_yuan();
    let y = |k: &crate::model::SanGongYear| {
        [
            k.abroad.value(),
            k.vehicle_purchase.value(),
            k.vehicle_operation.value(),
            k.reception.value(),
        ]
    };
    let (this, prev) = (y(&s.this_year), y(&s.last_year));
    let total: Decimal = this.iter().sum();
    let (shown_total, shown) = total_and_parts(total, &this);
    let item = |k: usize, field| {
        format!(
            "{}万元，{}{}",
            wv(shown[k]),
            versus(this[k], prev[k], last),
            reason(i, field)
        )
    };
    vec![
        format!("一、{year}“三公”经费预算情况说明"),
        format!(
            "{year}“三公”经费预算数为{}万元，{}。其中：",
            wv(shown_total),
            versus(total, prev.iter().sum(), last)
        ),
        format!("（一）因公出国（境）费{}。", item(0, ClerkText::Abroad)),
        format!(
            "（二）公务用车购置及运行费{}万元，其中：公务用车购置费{}；公务用车运行费{}。",
            wv(shown[1] + shown[2]),
            item(1, ClerkText::VehiclePurchase),
            item(2, ClerkText::VehicleOperation)
        ),
        format!("（三）公务接待费{}。", item(3, ClerkText::Reception)),
    ]
}

/// 政府采购 by 货物/工程/服务, and the share reserved for small and medium firms.
fn procurement(cx: &Cx) -> String {
    let mut by = [CentSum::default(); 3];
    for r in &cx.inputs.procurement {
        let k = match r.category {
            ProcurementCategory::Goods => 0,
            ProcurementCategory::Works => 1,
            ProcurementCategory::Services => 2,
        };
        by[k].add(&r.amount);
    }
    let by = by.map(|s| s.to_decimal());
    let (total, parts) = total_and_parts(by.iter().sum(), &by);
    let mut s = format!(
        "{}本{}政府采购预算{}万元，其中：政府采购货物预算{}万元、政府采购工程预算{}万元、政府采购服务预算{}万元。",
        cx.year_of(),
        cx.org,
        wv(total),
        wv(parts[0]),
        wv(parts[1]),
        wv(parts[2]),
    );
    let sme = cx.inputs.disclosure.sme_reserved.value();
    let all: Decimal = by.iter().sum();
    if !sme.is_zero() && !all.is_zero() {
        let share = (sme / all * Decimal::ONE_HUNDRED)
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        s.push_str(&format!(
            "其中，预留给中小企业的政府采购预算{}万元，占政府采购预算的{}%。",
            w(sme),
            share.normalize()
        ));
    }
    s
}

/// 绩效目标设置情况: the projects with targets and their budget (the project
/// forms when entered, else the projects the document names).
fn targets(cx: &Cx) -> String {
    let list = target_list(cx.inputs);
    if list.is_empty() {
        return format!("{}，本{}无编报绩效目标的项目。", cx.year_of(), cx.org);
    }
    let amounts: Vec<Decimal> = list.iter().map(|(_, v)| *v).collect();
    let (total, shown) = total_and_parts(amounts.iter().sum(), &amounts);
    let named: Vec<String> = list
        .iter()
        .zip(shown)
        .map(|((name, _), v)| format!("{name}{}万元", wv(v)))
        .collect();
    format!(
        "{}，本{}编报绩效目标的项目共{}个，涉及项目预算资金{}万元。其中：{}。",
        cx.year_of(),
        cx.org,
        list.len(),
        wv(total),
        named.join("，")
    )
}

fn target_list(inputs: &Inputs) -> Vec<(String, Decimal)> {
    if inputs.projects.is_empty() {
        inputs
            .disclosure
            .target_projects
            .iter()
            .map(|p| (p.name.trim().to_string(), p.amount.value()))
            .collect()
    } else {
        inputs
            .projects
            .iter()
            .map(|p| (p.name.trim().to_string(), p.budget_this_year.value()))
            .collect()
    }
}

/// 国有资产占有使用情况: vehicles held at the stated date in the 8 categories,
/// equipment of 100万元 or more, and what is planned.
fn assets(cx: &Cx) -> Vec<String> {
    let a = &cx.inputs.disclosure.assets;
    let cats = |v: &VehicleCategories| {
        VehicleCategories::LABELS
            .iter()
            .zip(v.counts())
            .map(|(l, n)| format!("{l}{n}辆"))
            .collect::<Vec<_>>()
            .join("、")
    };
    let as_of = if a.as_of.trim().is_empty() {
        "（日期未填写）".to_string()
    } else {
        a.as_of.trim().to_string()
    };
    vec![
        format!(
            "截至{as_of}，{}共有车辆{}辆，其中：{}；单价100万（含）以上设备（不含车辆）{}台（套）。",
            cx.short(),
            a.vehicles_held.total(),
            cats(&a.vehicles_held),
            a.equipment_held
        ),
        format!(
            "{}{org}预算安排购置车辆{}辆，其中：{}；{org}预算安排购置单价100万元（含）以上设备（不含车辆）{}台（套）。",
            cx.year,
            a.vehicles_to_buy.total(),
            cats(&a.vehicles_to_buy),
            a.equipment_to_buy,
            org = cx.org
        ),
    ]
}

/// 七、项目经费情况说明: the clerk's texts, and the year's budget computed.
fn project_notes(cx: &Cx) -> Section {
    let n = &cx.inputs.disclosure.project_notes;
    let list = target_list(cx.inputs);
    let amounts: Vec<Decimal> = list.iter().map(|(_, v)| *v).collect();
    let (_, shown) = total_and_parts(amounts.iter().sum(), &amounts);
    let budget = if list.is_empty() {
        String::new()
    } else {
        let named: Vec<String> = list
            .iter()
            .zip(shown)
            .map(|((name, _), v)| format!("{name}{}万元", wv(v)))
            .collect();
        format!("{}。", named.join("，"))
    };
    let mut p = Vec::new();
    for (heading, text) in [
        ("一、项目概述", n.overview.as_str()),
        ("二、立项依据", &n.basis),
        ("三、实施主体", &n.implementer),
        ("四、实施方案", &n.plan),
        ("五、实施周期", &n.period),
        ("六、年度预算安排", &budget),
        ("七、绩效目标", &n.goal),
    ] {
        p.push(heading.to_string());
        p.push(if text.trim().is_empty() {
            "（未填写）".to_string()
        } else {
            text.trim().to_string()
        });
    }
    section("七、项目经费情况说明".to_string(), p)
}
