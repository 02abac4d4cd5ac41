//! Table-driven tests: one table per check. Each case mutates a small valid base
//! and lists every finding expected as `ID@location,location…` — all of them,
//! so a side effect on another check shows up too.

use std::collections::HashSet;

use super::*;
use crate::amount::Amount;
use crate::derive::derive;
use crate::model::{
    BudgetRow, EconomicRow, ExpenditureType, FundingSource, Inputs, NarrativeInputs,
    OverallIndicator, OverallPerformance, ProcurementCategory, ProcurementRow, ProjectForm,
    ProjectIndicator, Reasons, RowLink, SanGong, SanGongYear, UnitHeader,
};
use crate::table::{Cell, RowKind, Table, TableRow};

use ExpenditureType::{Basic, Project};
use FundingSource::{CarryoverGeneral, GeneralBudget, OtherIncome};

fn a(text: &str) -> Amount {
    Amount::from_text(text)
}

fn row(
    code: &str,
    source: FundingSource,
    kind: ExpenditureType,
    this: &str,
    last: &str,
) -> BudgetRow {
    BudgetRow {
        code: code.into(),
        source,
        kind,
        this_year: a(this),
        last_year: a(last),
        unparsed: Default::default(),
    }
}

fn econ(code: &str, amount: &str) -> EconomicRow {
    EconomicRow {
        code: code.into(),
        amount: a(amount),
    }
}

fn indicator(level3: &str, target: &str) -> ProjectIndicator {
    ProjectIndicator {
        level1: "投入与目标管理".into(),
        level2: "投入管理".into(),
        level3: level3.into(),
        target: target.into(),
        ..Default::default()
    }
}

/// A small department whose every identity holds. Totals: 1,930 this year
/// (基本 1,430, 项目 500), 1,830 last year; 公用经费 300; 三公 运行 30 (上年 40), 接待 10.
fn base() -> Inputs {
    let text = |s: &str| s.to_string();
    Inputs {
        unit: UnitHeader {
            name: text("测试单位"),
            short_name: text("测试"),
            code: text("103001001"),
            fiscal_year: 2021,
            contact_person: text("张三"),
            contact_phone: text("023-68173636"),
            ..Default::default()
        },
        rows: vec![
            row("2010301", GeneralBudget, Basic, "1000", "900"), // 0
            row("2080505", GeneralBudget, Basic, "200", "200"),  // 1
            row("2080506", GeneralBudget, Basic, "100", "100"),  // 2
            row("2101101", GeneralBudget, Basic, "50", "50"),    // 3
            row("2210201", GeneralBudget, Basic, "80", "80"),    // 4
            row("2010302", GeneralBudget, Project, "500", "500"), // 5
        ],
        economic_rows: vec![
            econ("30101", "700"), // 0
            econ("30108", "200"), // 1 = 2080505
            econ("30109", "100"), // 2 = 2080506
            econ("30110", "50"),  // 3 = 2101101 + 2101102
            econ("30113", "80"),  // 4 = 2210201
            econ("30201", "270"), // 5
            econ("30217", "10"),  // 6 ≤ 公务接待 10
            econ("30231", "20"),  // 7 ≤ 公务用车运行 30
        ],
        sangong: SanGong {
            last_year: SanGongYear {
                vehicle_operation: a("40"),
                reception: a("10"),
                ..Default::default()
            },
            this_year: SanGongYear {
                vehicle_operation: a("30"),
                reception: a("10"),
                ..Default::default()
            },
            ..Default::default()
        },
        procurement: vec![ProcurementRow {
            category: ProcurementCategory::Goods,
            source: GeneralBudget,
            amount: a("300"),
            unparsed: Default::default(),
        }],
        overall_performance: OverallPerformance {
            unit_name: text("测试单位"),
            target: text("做好工作"),
            indicators: vec![
                OverallIndicator {
                    name: text("会议"),
                    weight: a("60"),
                    unit: text("场次"),
                    value: text("50"),
                    ..Default::default()
                },
                OverallIndicator {
                    name: text("发文"),
                    weight: a("40"),
                    unit: text("件次"),
                    value: text("30"),
                    ..Default::default()
                },
            ],
        },
        projects: vec![ProjectForm {
            name: text("政务公开专项"),
            project_type: text("一般性项目"),
            fund_use: text("业务类"),
            manager: text("李四"),
            contact: text("王五"),
            phone: text("68901992"),
            start_date: text("2021-01-01"),
            end_date: text("2021-12-31"),
            budget_this_year: a("500"),
            overview: text("概况"),
            basis: text("依据"),
            necessity: text("必要性"),
            measures: text("措施"),
            plan: text("计划"),
            total_goal: text("总目标"),
            annual_goal: text("年度目标"),
            indicators: vec![
                indicator("资金到位情况", "足额到位"),  // 0
                indicator("一季度资金使用率", "≥20%"),  // 1
                indicator("二季度资金使用率", "≥50%"),  // 2
                indicator("三季度资金使用率", "≥75%"),  // 3
                indicator("四季度资金使用率", "=100%"), // 4
            ],
            links: vec![RowLink {
                code: text("2010302"),
                source: GeneralBudget,
            }],
            ..Default::default()
        }],
        narrative: NarrativeInputs {
            reasons: Reasons {
                // No direction word (NAR-005), whichever way a case moves the figures.
                income: text("新进人员及正常晋级调资"),
                basic: text("新进人员及正常晋级调资"),
                vehicle_operation: text("1辆公务用车移交"),
                ..Default::default()
            },
            running_cost_this_year: a("250"),
            running_cost_last_year: a("250"),
            ..Default::default()
        },
        explanations: Default::default(),
        template: Default::default(),
        disclosure: Default::default(),
        unparsed: Default::default(),
    }
}

fn findings(inputs: &Inputs) -> Vec<Finding> {
    let derived = derive(inputs);
    assert_registered(&check(inputs, &derived))
}

/// Every finding comes from a registered check, with the registered severity,
/// in registry order.
fn assert_registered(found: &[Finding]) -> Vec<Finding> {
    let position = |id: &str| registry().iter().position(|c| c.id == id);
    let mut last = 0;
    for f in found {
        let Some(p) = position(&f.check) else {
            panic!("unregistered check {}", f.check)
        };
        assert_eq!(
            f.severity,
            registry()[p].severity,
            "severity of {}",
            f.check
        );
        assert!(!f.message.is_empty(), "{} has no message", f.check);
        assert!(p >= last, "{} out of registry order", f.check);
        last = p;
    }
    found.to_vec()
}

fn key(f: &Finding) -> String {
    format!("{}@{}", f.check, f.locations.join(","))
}

type Mutation = fn(&mut Inputs);

/// Run each case: mutate the base, expect exactly these findings.
fn cases(table: &[(&str, Mutation, &[&str])]) {
    for (name, mutate, want) in table {
        let mut inputs = base();
        mutate(&mut inputs);
        let got: Vec<String> = findings(&inputs).iter().map(key).collect();
        assert_eq!(got, *want, "case: {name}");
    }
}

/// The first finding's message for a mutation of the base.
fn message(mutate: Mutation) -> String {
    let mut inputs = base();
    mutate(&mut inputs);
    findings(&inputs)
        .first()
        .map(|f| f.message.clone())
        .unwrap_or_default()
}

#[test]
fn base_is_clean() {
    let got: Vec<String> = findings(&base()).iter().map(key).collect();
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn registry_ids_are_unique_and_well_formed() {
    let mut seen = HashSet::new();
    for c in registry() {
        assert!(seen.insert(c.id), "duplicate {}", c.id);
        let b = c.id.as_bytes();
        assert!(
            b.len() == 7
                && b[3] == b'-'
                && b[..3].iter().all(u8::is_ascii_uppercase)
                && b[4..].iter().all(u8::is_ascii_digit),
            "{}",
            c.id
        );
        assert!(!c.title.is_empty());
        assert_eq!(info(c.id).map(|i| i.id), Some(c.id));
    }
    assert_eq!(
        registry()
            .iter()
            .filter(|c| c.raised_on_import())
            .map(|c| c.id)
            .collect::<Vec<_>>(),
        ["DRF-001", "IMP-001", "IMP-002"]
    );
    assert_eq!(registry().len(), 34);
}

#[test]
fn inp_001_text_kept_in_a_whole_number_field() {
    let mut inputs = base();
    assert!(crate::whole::enter(&mut inputs, "narrative.vehicles_held.general", "7辆").is_err());
    assert!(crate::whole::enter(&mut inputs, "unit.fiscal_year", "").is_err());
    // A hand-edited file: a text that reads, and a path that is no such field.
    inputs
        .unparsed
        .insert("narrative.vehicles_to_buy.general".into(), "2".into());
    inputs.unparsed.insert("unit.name".into(), "x".into());
    let year = inputs.unit.fiscal_year;
    let found: Vec<(String, Vec<String>)> = findings(&inputs)
        .into_iter()
        .filter(|f| f.check == "INP-001")
        .map(|f| (f.message, f.locations))
        .collect();
    assert_eq!(
        found,
        [
            (
                format!("预算年度：未填写（应为 0–9999 之间的整数）；各表仍按 {year} 计算，改正后才能导出"),
                vec!["unit.fiscal_year".to_string()]
            ),
            (
                "年初车辆 一般公务用车：“7辆”不是整数（应为 0–100000 之间的整数）；各表仍按 0 计算，改正后才能导出".to_string(),
                vec!["narrative.vehicles_held.general".to_string()]
            ),
            (
                "本年拟购置 一般公务用车：“2”（2）未采用；各表仍按 0 计算，改正后才能导出".to_string(),
                vec!["narrative.vehicles_to_buy.general".to_string()]
            ),
            (
                "“unit.name”不是可填写整数的栏目，其中的“x”无法采用".to_string(),
                vec!["unit.name".to_string()]
            ),
        ]
    );
    assert!(
        findings(&inputs)
            .iter()
            .all(|f| f.check != "INP-001" || f.severity == Severity::Error)
    );
}

#[test]
fn inp_001_a_budget_row_choice_that_names_no_option() {
    let mut inputs = base();
    inputs.rows[1]
        .unparsed
        .insert("source".into(), "政府性基金拨款".into());
    inputs.rows[1]
        .unparsed
        .insert("kind".into(), "经营支出".into());
    inputs.rows[2].unparsed.insert("note".into(), "x".into());
    inputs.procurement[0]
        .unparsed
        .insert("category".into(), "家具".into());
    let found: Vec<(String, Vec<String>)> = findings(&inputs)
        .into_iter()
        .filter(|f| f.check == "INP-001")
        .map(|f| (f.message, f.locations))
        .collect();
    let r = &inputs.rows[1];
    let name = crate::catalog::function().name(&r.code).unwrap_or("");
    let label = format!(
        "{} {name}（{}·{}）",
        r.code,
        r.source.label(),
        r.kind.label()
    );
    assert_eq!(
        found,
        [
            (
                format!(
                    "第 2 行 {label}：支出类型“经营支出”不是可选的支出类型，暂按“基本支出”计算；请在列表中选择"
                ),
                vec!["rows[1].kind".to_string()]
            ),
            (
                format!(
                    "第 2 行 {label}：收入来源“政府性基金拨款”不是可选的收入来源，暂按“一般公共预算拨款”计算；请在列表中选择"
                ),
                vec!["rows[1].source".to_string()]
            ),
            (
                "第 3 行预算行的“note”不是可选择的栏目，其中的“x”无法采用".to_string(),
                vec!["rows[2].note".to_string()]
            ),
            (
                format!(
                    "政府采购第 1 行：采购类别“家具”不是可选的采购类别，暂按“{}”计算；请在列表中选择",
                    inputs.procurement[0].category.label()
                ),
                vec!["procurement[0].category".to_string()]
            ),
        ]
    );
}

#[test]
fn amt_001_invalid_amounts() {
    cases(&[
        (
            "valid variants",
            |i| {
                i.rows[0].this_year = a("1,000.00");
                i.rows[0].last_year = a("９００");
            },
            &[],
        ),
        (
            "too many decimals",
            |i| i.rows[0].this_year = a("12.345"),
            &["AMT-001@rows[0].this_year", "IDN-001@economic_rows"],
        ),
        (
            "negative last year",
            |i| i.rows[0].last_year = a("-5"),
            &["AMT-001@rows[0].last_year"],
        ),
        (
            "economic",
            |i| i.economic_rows[0].amount = a("70o"),
            &["AMT-001@economic_rows[0].amount", "IDN-001@economic_rows"],
        ),
        (
            "sangong last year",
            |i| i.sangong.last_year.abroad = a("1e5"),
            &["AMT-001@sangong.last_year.abroad"],
        ),
        (
            "sangong this year",
            |i| i.sangong.this_year.reception = a("x"),
            &["AMT-001@sangong.this_year.reception"],
        ),
        (
            "procurement",
            |i| i.procurement[0].amount = a("１２．３４５"),
            &["AMT-001@procurement[0].amount"],
        ),
        (
            "weight not a number",
            |i| i.overall_performance.indicators[0].weight = a("六十"),
            &["AMT-001@overall_performance.indicators[0].weight"],
        ),
        (
            "project budget",
            |i| i.projects[0].budget_this_year = a("五百"),
            &["AMT-001@projects[0].budget_this_year", "PRJ-005@projects"],
        ),
        (
            "project last year",
            |i| i.projects[0].budget_last_year = a("1.001"),
            &["AMT-001@projects[0].budget_last_year"],
        ),
        (
            "project adjusted",
            |i| i.projects[0].adjusted_amount = a("-1"),
            &["AMT-001@projects[0].adjusted_amount"],
        ),
        (
            "running cost",
            |i| {
                i.narrative.running_cost_this_year = a("abc");
                i.narrative.running_cost_last_year = a("1000000000000.01");
            },
            &[
                "AMT-001@narrative.running_cost_this_year",
                "AMT-001@narrative.running_cost_last_year",
            ],
        ),
        (
            "one bad cell hides no other",
            |i| {
                i.rows[1].this_year = a("x");
                i.rows[2].this_year = a("475,96");
            },
            &[
                "AMT-001@rows[1].this_year",
                "AMT-001@rows[2].this_year",
                "IDN-001@economic_rows",
                "IDN-003@economic_rows[1].amount,rows[1].this_year",
                "IDN-003@economic_rows[2].amount,rows[2].this_year",
            ],
        ),
    ]);
    assert_eq!(
        message(|i| i.rows[0].this_year = a("12.345")),
        "2010301 行政运行（一般公共预算拨款·基本支出）本年预算数：“12.345”的小数超过 2 位，金额最多精确到分"
    );
}

#[test]
fn unt_001_002_unit_name_and_fiscal_year() {
    cases(&[
        (
            "no name",
            |i| i.unit.name = String::new(),
            &["UNT-001@unit.name"],
        ),
        (
            "a name of spaces",
            |i| i.unit.name = " \u{3000}".into(),
            &["UNT-001@unit.name"],
        ),
        (
            "year 0 (a new form)",
            |i| i.unit.fiscal_year = 0,
            &["UNT-002@unit.fiscal_year"],
        ),
        (
            "a year typed short",
            |i| i.unit.fiscal_year = 202,
            &["UNT-002@unit.fiscal_year"],
        ),
        (
            "before 2000",
            |i| i.unit.fiscal_year = 1999,
            &["UNT-002@unit.fiscal_year"],
        ),
        (
            "after 2100",
            |i| i.unit.fiscal_year = 2101,
            &["UNT-002@unit.fiscal_year"],
        ),
        (
            "first plausible year",
            |i| {
                i.unit.fiscal_year = 2000;
                i.projects[0].start_date = "2000-01-01".into();
                i.projects[0].end_date = "2000-12-31".into();
            },
            &[],
        ),
        (
            // The project dates are of 2021: PRJ-002 holds them against 2100.
            "last plausible year",
            |i| i.unit.fiscal_year = 2100,
            &[
                "PRJ-002@projects[0].start_date",
                "PRJ-002@projects[0].end_date",
            ],
        ),
        (
            // INP-001 names the refused text; UNT-002 does not say it again.
            "a year text that did not read",
            |i| {
                i.unit.fiscal_year = 0;
                i.unparsed
                    .insert("unit.fiscal_year".into(), "二〇二五".into());
            },
            &["INP-001@unit.fiscal_year"],
        ),
        (
            "both missing: the empty form's header",
            |i| i.unit = Default::default(),
            &[
                "UNT-001@unit.name",
                "UNT-002@unit.fiscal_year",
                // The base's contact phone went with the header.
                "NAR-003@unit.contact_phone",
            ],
        ),
    ]);
    assert_eq!(
        message(|i| i.unit.fiscal_year = 0),
        "预算年度未填写：请填写 2000–2100 之间的年份（如 2025）"
    );
    assert_eq!(
        message(|i| i.unit.fiscal_year = 202),
        "预算年度 202 不是有效的年份：应为 2000–2100 之间的年份（如 2025）"
    );
    assert_eq!(
        message(|i| i.unit.name = String::new()),
        "部门（单位）名称未填写：各表标题和情况说明都要用到单位名称"
    );
    let title = info("UNT-002").map(|c| c.title).unwrap_or_default();
    let bounds = crate::model::PLAUSIBLE_FISCAL_YEARS;
    assert!(
        title.contains(&format!("{}–{}", bounds.start(), bounds.end())),
        "{title}"
    );
}

#[test]
fn cod_001_function_codes() {
    cases(&[
        ("another item", |i| i.rows[0].code = "2010350".into(), &[]),
        (
            "empty",
            |i| i.rows[0].code = "".into(),
            &["COD-001@rows[0].code"],
        ),
        (
            "section level",
            |i| i.rows[0].code = "20103".into(),
            &["COD-001@rows[0].code"],
        ),
        (
            "unknown",
            |i| i.rows[0].code = "9999999".into(),
            &["COD-001@rows[0].code"],
        ),
        (
            "padded",
            |i| i.rows[0].code = " 2010301".into(),
            &["COD-001@rows[0].code"],
        ),
        (
            "two at once",
            |i| {
                i.rows[0].code = "".into();
                i.rows[5].code = "201".into();
            },
            &[
                "COD-001@rows[0].code",
                "COD-001@rows[5].code",
                "PRJ-001@projects[0].links[0].code",
                "PRJ-001@projects[0].budget_this_year",
            ],
        ),
    ]);
    assert_eq!(
        message(|i| i.rows[0].code = "".into()),
        "预算明细第 1 行：未填写功能分类科目编码"
    );
    assert_eq!(
        message(|i| i.rows[0].code = "20103".into()),
        "预算明细第 1 行：“20103 政府办公厅（室）及相关机构事务”是款级科目，此处须填写项级（7 位）科目"
    );
}

#[test]
fn cod_002_economic_codes() {
    cases(&[
        (
            "another section",
            |i| i.economic_rows[0].code = "30102".into(),
            &[],
        ),
        (
            "empty",
            |i| i.economic_rows[0].code = "".into(),
            &["COD-002@economic_rows[0].code"],
        ),
        (
            "class level",
            |i| i.economic_rows[0].code = "301".into(),
            &["COD-002@economic_rows[0].code"],
        ),
        (
            "unknown",
            |i| i.economic_rows[0].code = "30100".into(),
            &["COD-002@economic_rows[0].code"],
        ),
    ]);
}

#[test]
fn row_001_to_004_duplicates_and_empty_rows() {
    cases(&[
        (
            "same code, other source",
            |i| i.rows.push(row("2010301", OtherIncome, Basic, "1", "1")),
            &[],
        ),
        (
            "duplicate budget row",
            |i| i.rows.push(row("2010301", GeneralBudget, Basic, "1", "1")),
            &["ROW-001@rows[6].code,rows[0].code", "IDN-001@economic_rows"],
        ),
        (
            "three times",
            |i| {
                i.rows.push(row("2080505", OtherIncome, Basic, "1", "1"));
                i.rows.push(row("2080505", OtherIncome, Basic, "1", "1"));
                i.rows.push(row("2080505", OtherIncome, Basic, "1", "1"));
            },
            &[
                "ROW-001@rows[7].code,rows[6].code",
                "ROW-001@rows[8].code,rows[6].code",
            ],
        ),
        (
            "blank codes are COD-001 only",
            |i| {
                i.rows.push(row("", OtherIncome, Basic, "1", "1"));
                i.rows.push(row("", OtherIncome, Basic, "1", "1"));
            },
            &["COD-001@rows[6].code", "COD-001@rows[7].code"],
        ),
        (
            "duplicate economic row",
            |i| i.economic_rows.push(econ("30101", "0")),
            &["ROW-002@economic_rows[8].code,economic_rows[0].code"],
        ),
        (
            "zero row",
            |i| i.rows.push(row("2010303", OtherIncome, Basic, "0", "")),
            &["ROW-003@rows[6].code"],
        ),
        (
            "last year only is kept",
            |i| i.rows.push(row("2010303", OtherIncome, Basic, "0", "150")),
            &[],
        ),
        (
            "invalid is not zero",
            |i| i.rows.push(row("2010303", OtherIncome, Basic, "0", "x")),
            &["AMT-001@rows[6].last_year"],
        ),
        (
            "duplicate procurement",
            |i| {
                i.procurement.push(ProcurementRow {
                    category: ProcurementCategory::Goods,
                    source: GeneralBudget,
                    amount: a("1"),
                    unparsed: Default::default(),
                })
            },
            &["ROW-004@procurement[1].category,procurement[0].category"],
        ),
        (
            "other procurement category",
            |i| {
                i.procurement.push(ProcurementRow {
                    category: ProcurementCategory::Services,
                    source: GeneralBudget,
                    amount: a("1"),
                    unparsed: Default::default(),
                })
            },
            &[],
        ),
    ]);
    assert_eq!(
        message(|i| i.rows.push(row("2010301", GeneralBudget, Basic, "1", "1"))),
        "预算明细第 1 行与第 7 行都是 2010301 行政运行（一般公共预算拨款·基本支出），请合并为一行"
    );
}

#[test]
fn idn_001_economic_total_is_general_basic() {
    cases(&[
        (
            "off by one",
            |i| i.economic_rows[0].amount = a("701"),
            &["IDN-001@economic_rows"],
        ),
        (
            "carry-over of the general fund counts",
            |i| {
                i.rows
                    .push(row("2010301", CarryoverGeneral, Basic, "10", ""));
                i.economic_rows[0].amount = a("710");
            },
            &[],
        ),
        (
            "other sources do not count",
            |i| i.rows.push(row("2010301", OtherIncome, Basic, "10", "10")),
            &[],
        ),
    ]);
    assert_eq!(
        message(|i| i.economic_rows[0].amount = a("701")),
        "基本支出经济分类合计（表3）1,431.00 元 应等于一般公共预算拨款基本支出合计 1,430.00 元，相差 1.00 元"
    );
}

#[test]
fn idn_002_sangong_covers_economic_lines() {
    cases(&[
        (
            "reception",
            |i| {
                i.economic_rows[6].amount = a("11");
                i.economic_rows[5].amount = a("269");
            },
            &["IDN-002@sangong.this_year.reception,economic_rows[6].amount"],
        ),
        (
            "abroad",
            |i| {
                i.economic_rows.push(econ("30212", "5"));
                i.economic_rows[5].amount = a("265");
            },
            &["IDN-002@sangong.this_year.abroad,economic_rows[8].amount"],
        ),
        (
            "purchase and operation",
            |i| {
                i.economic_rows.push(econ("31013", "5"));
                i.economic_rows[7].amount = a("31");
                i.economic_rows[5].amount = a("254");
            },
            &[
                "IDN-002@sangong.this_year.vehicle_purchase,economic_rows[8].amount",
                "IDN-002@sangong.this_year.vehicle_operation,economic_rows[7].amount",
            ],
        ),
        (
            "larger sangong is fine",
            |i| i.sangong.this_year.vehicle_operation = a("35"),
            &[],
        ),
    ]);
    assert_eq!(
        message(|i| {
            i.economic_rows[6].amount = a("11");
            i.economic_rows[5].amount = a("269");
        }),
        "三公经费本年公务接待费 10.00 元 应不小于基本支出经济分类 30217 公务接待费 11.00 元，相差 1.00 元"
    );
}

#[test]
fn idn_003_economic_function_correspondence() {
    cases(&[
        (
            "pension",
            |i| {
                i.rows[1].this_year = a("201");
                i.economic_rows[0].amount = a("701");
            },
            &["IDN-003@economic_rows[1].amount,rows[1].this_year"],
        ),
        (
            "medical insurance sums two items",
            |i| {
                i.rows.push(row("2101102", GeneralBudget, Basic, "7", "7"));
                i.economic_rows[0].amount = a("707");
            },
            &["IDN-003@economic_rows[3].amount,rows[3].this_year,rows[6].this_year"],
        ),
        (
            "medical insurance balanced",
            |i| {
                i.rows.push(row("2101102", GeneralBudget, Basic, "7", "7"));
                i.economic_rows[3].amount = a("57");
            },
            &[],
        ),
        (
            "no economic line",
            |i| {
                i.rows.push(row("2101103", GeneralBudget, Basic, "5", "5"));
                i.economic_rows[0].amount = a("705");
            },
            &["IDN-003@rows[6].this_year"],
        ),
        (
            // Real disclosures book 购房补贴 (2210203) outside 30113 住房公积金.
            "购房补贴 is not part of 30113",
            |i| {
                i.rows
                    .push(row("2210203", GeneralBudget, Basic, "20", "20"));
                i.economic_rows[4].amount = a("100");
            },
            &["IDN-003@economic_rows[4].amount,rows[4].this_year"],
        ),
        (
            "购房补贴 beside 30113 住房公积金",
            |i| {
                i.rows
                    .push(row("2210203", GeneralBudget, Basic, "20", "20"));
                i.economic_rows.push(econ("30199", "20"));
            },
            &[],
        ),
        (
            "other sources do not count",
            |i| i.rows.push(row("2080505", OtherIncome, Basic, "9", "9")),
            &[],
        ),
        (
            "project rows do not count (only PRJ-005 speaks of it)",
            |i| {
                i.rows
                    .push(row("2080505", GeneralBudget, Project, "9", "9"))
            },
            &["PRJ-005@projects"],
        ),
        (
            "a code on two rows: both summed, the first one named",
            |i| {
                i.rows
                    .push(row("2101101", CarryoverGeneral, Basic, "3", "3"));
                i.economic_rows[3].amount = a("53");
            },
            &[],
        ),
        (
            "a code on two rows, unbalanced",
            |i| {
                i.rows
                    .push(row("2101101", CarryoverGeneral, Basic, "3", "3"))
            },
            &[
                "IDN-001@economic_rows",
                "IDN-003@economic_rows[3].amount,rows[3].this_year",
            ],
        ),
    ]);
    // Summed exactly, to the 分.
    let mut inputs = base();
    inputs
        .rows
        .push(row("2101101", CarryoverGeneral, Basic, "0.01", "0"));
    let idn_003 = findings(&inputs)
        .into_iter()
        .find(|f| f.check == "IDN-003")
        .map(|f| f.message);
    assert_eq!(
        idn_003.as_deref(),
        Some(
            "基本支出经济分类 30110 职工基本医疗保险缴费 50.00 元 应等于功能分类 2101101 行政单位医疗 + 2101102 事业单位医疗 的一般公共预算基本支出合计 50.01 元，相差 0.01 元"
        )
    );
    assert_eq!(
        message(|i| {
            i.rows.push(row("2101102", GeneralBudget, Basic, "7", "7"));
            i.economic_rows[0].amount = a("707");
        }),
        "基本支出经济分类 30110 职工基本医疗保险缴费 50.00 元 应等于功能分类 2101101 行政单位医疗 + 2101102 事业单位医疗 的一般公共预算基本支出合计 57.00 元，相差 7.00 元"
    );
}

#[test]
fn idn_004_procurement_within_expenditure() {
    cases(&[
        (
            "equal is fine",
            |i| i.procurement[0].amount = a("1930"),
            &[],
        ),
        (
            "over the total",
            |i| i.procurement[0].amount = a("1931"),
            &[
                "IDN-004@procurement[0].amount",
                "IDN-004@procurement[0].amount",
            ],
        ),
        (
            "source without expenditure",
            |i| {
                i.procurement.push(ProcurementRow {
                    category: ProcurementCategory::Services,
                    source: OtherIncome,
                    amount: a("1"),
                    unparsed: Default::default(),
                })
            },
            &["IDN-004@procurement[1].amount"],
        ),
    ]);
    assert_eq!(
        message(|i| i.procurement[0].amount = a("1931")),
        "政府采购合计 1,931.00 元 超过支出合计 1,930.00 元，相差 1.00 元"
    );
}

/// 表6 with only its closing line: [收入总计, income, 支出总计, spending].
fn table6(cells: Vec<Cell>) -> Table {
    Table {
        id: "table6".into(),
        number: "表6".into(),
        title: "部门收支总表".into(),
        unit: "单位：元".into(),
        header: Vec::new(),
        rows: vec![TableRow {
            kind: RowKind::Total,
            cells,
        }],
        note: None,
        sums: Default::default(),
        zeros_shown: false,
    }
}

#[test]
fn idn_005_income_equals_expenditure_in_table6() {
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    let inputs = base();
    type Case<'a> = (&'a str, Option<Vec<Cell>>, &'a [&'a str]);
    let cases: [Case<'_>; 5] = [
        ("derived as is", None, &[]),
        (
            "balanced",
            Some(vec![
                Cell::text("收入总计"),
                Cell::Money(d("5")),
                Cell::text("支出总计"),
                Cell::Money(d("5")),
            ]),
            &[],
        ),
        (
            "unbalanced",
            Some(vec![
                Cell::text("收入总计"),
                Cell::Money(d("5")),
                Cell::text("支出总计"),
                Cell::Money(d("4")),
            ]),
            &["IDN-005@"],
        ),
        (
            "another layout",
            Some(vec![
                Cell::text("合计"),
                Cell::Money(d("5")),
                Cell::text("支出总计"),
                Cell::Money(d("4")),
            ]),
            &[],
        ),
        (
            "short row",
            Some(vec![Cell::text("收入总计"), Cell::Money(d("5"))]),
            &[],
        ),
    ];
    for (name, cells, want) in cases {
        let mut derived = derive(&inputs);
        if let Some(cells) = cells {
            while derived.tables.len() < 6 {
                derived.tables.push(table6(Vec::new()));
            }
            derived.tables[5] = table6(cells);
        }
        let got: Vec<String> = assert_registered(&check(&inputs, &derived))
            .iter()
            .map(key)
            .collect();
        assert_eq!(got, want, "case: {name}");
    }
    let mut derived = derive(&inputs);
    derived.tables.clear();
    assert!(
        check(&inputs, &derived).is_empty(),
        "no 表6, nothing to compare"
    );
}

#[test]
fn idn_006_running_cost_within_public_expense() {
    cases(&[
        (
            "equal",
            |i| {
                i.narrative.running_cost_this_year = a("300");
                i.narrative.running_cost_last_year = a("300");
            },
            &[],
        ),
        (
            "over",
            |i| {
                i.narrative.running_cost_this_year = a("301");
                i.narrative.running_cost_last_year = a("301");
            },
            &["IDN-006@narrative.running_cost_this_year"],
        ),
    ]);
}

/// 机关运行经费 entered in 万元 against an exact 公用经费 in 元: the 万元
/// figure is the exact one rounded to 0.01 万元, so it may be over by up to
/// 50 元 (±0.005 万元) and no more.
#[test]
fn idn_006_allows_exactly_the_rounding_of_a_wan_figure() {
    use crate::amount::InputUnit;
    // (公用经费 in 元, 机关运行经费 in 万元, IDN-006 fires)
    let table: &[(&str, &str, bool)] = &[
        // The real case: 2,517.78万元 against 25,177,779 元 (21 元 over).
        ("25177779", "2517.78", false),
        ("25177800", "2517.78", false),
        // 50 元 over: the rounding, exactly.
        ("25177750", "2517.78", false),
        // 51 元 over: more than any rounding gives.
        ("25177749", "2517.78", true),
        ("25177850", "2517.79", false),
        ("25177700", "2517.79", true),
    ];
    for &(public, running, fires) in table {
        let mut i = base();
        // 30201 is 公用经费 with 30217 (10) and 30231 (20).
        let rest = Decimal::from(30);
        i.economic_rows[5].amount = Amount::from_decimal(public.parse::<Decimal>().unwrap() - rest);
        i.narrative.running_cost_unit = InputUnit::Wan;
        i.narrative.running_cost_this_year = a(running);
        i.narrative.running_cost_last_year = a(running);
        let got: Vec<Finding> = findings(&i)
            .into_iter()
            .filter(|f| f.check == "IDN-006")
            .collect();
        assert_eq!(
            !got.is_empty(),
            fires,
            "公用经费 {public} 元, 机关运行经费 {running} 万元: {got:?}"
        );
        if let Some(f) = got.first() {
            assert!(
                f.message.contains(&format!("{running} 万元")),
                "{}",
                f.message
            );
        }
    }
    // The same figures in 元 allow nothing.
    let mut i = base();
    i.economic_rows[5].amount = a("25177749");
    i.narrative.running_cost_this_year = a("25177780");
    assert!(findings(&i).iter().any(|f| f.check == "IDN-006"));
}

/// 三公 entered in 万元 against the exact economic line: the same allowance.
#[test]
fn idn_002_allows_exactly_the_rounding_of_a_wan_figure() {
    use crate::amount::InputUnit;
    // (30217 公务接待费 in 元, 公务接待费 in 万元, IDN-002 fires)
    let table: &[(&str, &str, bool)] = &[
        ("100050", "10.00", false),
        ("100051", "10.00", true),
        ("99950", "10.00", false),
    ];
    for &(line, reception, fires) in table {
        let mut i = base();
        i.economic_rows[6].amount = a(line);
        i.sangong.unit = InputUnit::Wan;
        i.sangong.this_year.reception = a(reception);
        let got = findings(&i).iter().any(|f| f.check == "IDN-002");
        assert_eq!(got, fires, "30217 {line} 元, 公务接待费 {reception} 万元");
    }
}

/// A 万元 input takes at most 2 decimals: finer is AMT-001 with its own
/// message, the text kept.
#[test]
fn wan_inputs_refuse_a_third_decimal() {
    use crate::amount::InputUnit;
    let mut i = base();
    i.narrative.running_cost_unit = InputUnit::Wan;
    i.narrative.running_cost_this_year = a("281.415");
    i.sangong.unit = InputUnit::Wan;
    i.sangong.last_year.abroad = a("0.001");
    let got: Vec<Finding> = findings(&i)
        .into_iter()
        .filter(|f| f.check == "AMT-001")
        .collect();
    let keys: Vec<String> = got.iter().map(key).collect();
    assert_eq!(
        keys,
        [
            "AMT-001@sangong.last_year.abroad",
            "AMT-001@narrative.running_cost_this_year"
        ]
    );
    assert!(
        got[1]
            .message
            .contains("“281.415”的小数超过 2 位：以万元填写"),
        "{}",
        got[1].message
    );
    assert_eq!(i.narrative.running_cost_this_year.text(), "281.415");
}

#[test]
fn prf_001_overall_weights() {
    cases(&[
        (
            "fractional weights",
            |i| {
                i.overall_performance.indicators[0].weight = a("60.5");
                i.overall_performance.indicators[1].weight = a("39.5");
            },
            &[],
        ),
        (
            "no indicators",
            |i| i.overall_performance.indicators.clear(),
            &["PRF-001@overall_performance.indicators"],
        ),
        (
            "nothing entered at all",
            |i| *i = Inputs::default(),
            &[
                "UNT-001@unit.name",
                "UNT-002@unit.fiscal_year",
                "NAR-003@unit.contact_phone",
            ],
        ),
        (
            "zero weight",
            |i| i.overall_performance.indicators[0].weight = a("0"),
            &[
                "PRF-001@overall_performance.indicators[0].weight",
                "PRF-001@overall_performance.indicators[0].weight,overall_performance.indicators[1].weight",
            ],
        ),
        (
            "negative weight is a number",
            |i| i.overall_performance.indicators[0].weight = a("-60"),
            &[
                "PRF-001@overall_performance.indicators[0].weight",
                "PRF-001@overall_performance.indicators[0].weight,overall_performance.indicators[1].weight",
            ],
        ),
        (
            "sum 110",
            |i| i.overall_performance.indicators[1].weight = a("50"),
            &[
                "PRF-001@overall_performance.indicators[0].weight,overall_performance.indicators[1].weight",
            ],
        ),
        (
            "three decimals: a number, but the file takes two",
            |i| {
                i.overall_performance.indicators[0].weight = a("60.005");
                i.overall_performance.indicators[1].weight = a("39.995");
            },
            &[
                "PRF-001@overall_performance.indicators[0].weight",
                "PRF-001@overall_performance.indicators[1].weight",
            ],
        ),
        (
            "a third decimal of 0 is the same weight (the file writes 60.50)",
            |i| {
                i.overall_performance.indicators[0].weight = a("60.500");
                i.overall_performance.indicators[1].weight = a("39.50");
            },
            &[],
        ),
    ]);
    assert_eq!(
        message(|i| i.overall_performance.indicators[1].weight = a("50")),
        "整体绩效指标权重合计为 110，应为 100，相差 10"
    );
}

/// Clerk text of any length must not reach rust_decimal's recursive parser: a
/// weight or a target percentage of 50,000 digits overflowed the stack.
#[test]
fn huge_weight_and_percent_texts_do_not_overflow() {
    let huge = format!("1{}", "0".repeat(50_000));
    let mut i = base();
    i.overall_performance.indicators[0].weight = a(&huge);
    i.projects[0].indicators[1].target = format!("≥{huge}%");
    let found = findings(&i);
    let at = |path: &str| found.iter().any(|f| f.locations.iter().any(|l| l == path));
    assert!(at("overall_performance.indicators[0].weight"), "{found:?}");
    assert!(at("projects[0].indicators[1].target"), "{found:?}");
}

#[test]
fn prj_001_project_budget_is_its_linked_rows() {
    cases(&[
        (
            "more than linked",
            |i| i.projects[0].budget_this_year = a("600"),
            &["PRJ-001@projects[0].budget_this_year"],
        ),
        (
            "less than linked",
            |i| i.projects[0].budget_this_year = a("400"),
            &["PRJ-001@projects[0].budget_this_year", "PRJ-005@projects"],
        ),
        (
            "link to no row",
            |i| i.projects[0].links[0].code = "2010303".into(),
            &[
                "PRJ-001@projects[0].links[0].code",
                "PRJ-001@projects[0].budget_this_year",
            ],
        ),
        (
            "link to a basic row",
            |i| i.projects[0].links[0].code = "2010301".into(),
            &[
                "PRJ-001@projects[0].links[0].code",
                "PRJ-001@projects[0].budget_this_year",
            ],
        ),
        (
            "link with another source",
            |i| i.projects[0].links[0].source = OtherIncome,
            &[
                "PRJ-001@projects[0].links[0].code",
                "PRJ-001@projects[0].budget_this_year",
            ],
        ),
        (
            "no links",
            |i| i.projects[0].links.clear(),
            &["PRJ-001@projects[0].budget_this_year"],
        ),
        (
            "two rows",
            |i| {
                i.rows
                    .push(row("2010306", GeneralBudget, Project, "300", "300"));
                i.projects[0].links.push(RowLink {
                    code: "2010306".into(),
                    source: GeneralBudget,
                });
                i.projects[0].budget_this_year = a("800");
            },
            &[],
        ),
        (
            "the same link twice counts once",
            |i| {
                let link = i.projects[0].links[0].clone();
                i.projects[0].links.push(link);
            },
            &[],
        ),
    ]);
    assert_eq!(
        message(|i| i.projects[0].budget_this_year = a("600")),
        "项目“政务公开专项”当年预算 600.00 元 应等于所关联项目支出 2010302 一般行政管理事务（一般公共预算拨款） 的本年预算合计 500.00 元，相差 100.00 元"
    );
}

#[test]
fn prj_002_project_dates() {
    cases(&[
        (
            "leap day in a leap fiscal year",
            |i| {
                i.unit.fiscal_year = 2020;
                i.projects[0].start_date = "2020-02-29".into();
                i.projects[0].end_date = "2020-12-31".into();
            },
            &[],
        ),
        (
            "no 29 February",
            |i| i.projects[0].start_date = "2021-02-29".into(),
            &["PRJ-002@projects[0].start_date"],
        ),
        (
            "not a date",
            |i| i.projects[0].start_date = "明年一月".into(),
            &["PRJ-002@projects[0].start_date"],
        ),
        (
            "no 13th month, written with slashes",
            |i| i.projects[0].start_date = "2021/13/1".into(),
            &["PRJ-002@projects[0].start_date"],
        ),
        (
            "dates as clerks also write them",
            |i| {
                i.projects[0].start_date = "2021/3/1".into();
                i.projects[0].end_date = "2021年12月31日".into();
            },
            &[],
        ),
        (
            "start after end, written two ways",
            |i| {
                i.projects[0].start_date = "2021年6月1日".into();
                i.projects[0].end_date = "2021/5/31".into();
            },
            &["PRJ-002@projects[0].end_date,projects[0].start_date"],
        ),
        (
            // UNT-002 reports the year; the dates are not held against year 0.
            "no fiscal year",
            |i| i.unit.fiscal_year = 0,
            &["UNT-002@unit.fiscal_year"],
        ),
        (
            "next year",
            |i| i.projects[0].end_date = "2022-01-01".into(),
            &["PRJ-002@projects[0].end_date"],
        ),
        (
            "both outside",
            |i| {
                i.projects[0].start_date = "2020-12-31".into();
                i.projects[0].end_date = "2021-13-01".into();
            },
            &[
                "PRJ-002@projects[0].start_date",
                "PRJ-002@projects[0].end_date",
            ],
        ),
        (
            "start after end",
            |i| {
                i.projects[0].start_date = "2021-06-01".into();
                i.projects[0].end_date = "2021-05-31".into();
            },
            &["PRJ-002@projects[0].end_date,projects[0].start_date"],
        ),
        (
            "same day",
            |i| {
                i.projects[0].start_date = "2021-06-01".into();
                i.projects[0].end_date = "2021-06-01".into();
            },
            &[],
        ),
        (
            "blank is PRJ-004",
            |i| i.projects[0].start_date = "".into(),
            &["PRJ-004@projects[0].start_date"],
        ),
    ]);
    assert_eq!(
        message(|i| i.projects[0].end_date = "2022-01-01".into()),
        "项目“政务公开专项”的计划完成日期“2022-01-01”不在预算年度 2021 年内"
    );
    assert_eq!(
        message(|i| i.projects[0].start_date = "2021/13/1".into()),
        "项目“政务公开专项”的计划开始日期“2021/13/1”的月份 13 不存在（应为 1–12）"
    );
}

#[test]
fn prj_003_quarterly_use_rates() {
    cases(&[
        (
            "equal quarters",
            |i| i.projects[0].indicators[3].target = "≥50%".into(),
            &[],
        ),
        (
            "decreasing",
            |i| i.projects[0].indicators[2].target = "≥10%".into(),
            &["PRJ-003@projects[0].indicators[2].target"],
        ),
        (
            "fourth not 100",
            |i| i.projects[0].indicators[4].target = "=90%".into(),
            &["PRJ-003@projects[0].indicators[4].target"],
        ),
        (
            "not a percentage",
            |i| i.projects[0].indicators[4].target = "足额".into(),
            &["PRJ-003@projects[0].indicators[4].target"],
        ),
        (
            "fourth missing",
            |i| {
                i.projects[0].indicators.remove(4);
            },
            &["PRJ-003@projects[0].indicators[1].target"],
        ),
        (
            "no quarterly indicators",
            |i| i.projects[0].indicators.truncate(1),
            &[],
        ),
        (
            "input order does not matter",
            |i| i.projects[0].indicators.swap(1, 4),
            &[],
        ),
    ]);
    assert_eq!(
        message(|i| i.projects[0].indicators[2].target = "≥10%".into()),
        "项目“政务公开专项”的二季度资金使用率 10% 低于一季度资金使用率 20%，资金使用率按季度累计，不能下降"
    );
}

#[test]
fn prj_004_required_fields() {
    cases(&[
        (
            "name",
            |i| i.projects[0].name = "".into(),
            &["PRJ-004@projects[0].name"],
        ),
        (
            "two blanks, one finding naming both cells",
            |i| {
                i.projects[0].manager = "  ".into();
                i.projects[0].overview = "".into();
            },
            &["PRJ-004@projects[0].manager,projects[0].overview"],
        ),
        (
            "budget",
            |i| i.projects[0].budget_this_year = a(""),
            &[
                "PRJ-001@projects[0].budget_this_year",
                "PRJ-004@projects[0].budget_this_year",
                "PRJ-005@projects",
            ],
        ),
        (
            "indicators",
            |i| i.projects[0].indicators.clear(),
            &["PRJ-004@projects[0].indicators"],
        ),
        (
            "phone",
            |i| i.projects[0].phone = "".into(),
            &["PRJ-004@projects[0].phone"],
        ),
        (
            "optional other issues",
            |i| i.projects[0].other_issues = "".into(),
            &[],
        ),
    ]);
    assert_eq!(
        message(|i| i.projects[0].name = "".into()),
        "第 1 个项目的必填项“项目名称”未填写"
    );
    // A form just added: its blanks are one finding, its missing indicators another.
    let mut inputs = base();
    inputs.projects.push(Default::default());
    let found: Vec<Finding> = findings(&inputs)
        .into_iter()
        .filter(|f| f.check == "PRJ-004")
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(
        found[0].message,
        "第 2 个项目有 16 个必填项未填写：“项目名称”、“项目类型”、“资金用途”、“项目负责人”、“联系人”、“联系电话”、“计划开始日期”、“计划完成日期”、“项目当年预算”、“项目概况”、“立项依据”、“项目设立的必要性”、“保证项目实施的制度、措施”、“项目实施计划”、“项目总目标”、“年度绩效目标”"
    );
    assert_eq!(found[0].locations.len(), 16);
    assert_eq!(found[0].locations[0], "projects[1].name");
    assert_eq!(found[1].locations, ["projects[1].indicators"]);
}

#[test]
fn prj_005_every_project_expenditure_has_a_form() {
    cases(&[
        ("no forms", |i| i.projects.clear(), &["PRJ-005@projects"]),
        (
            "a row without a form",
            |i| {
                i.rows
                    .push(row("2010306", OtherIncome, Project, "300", "300"))
            },
            &["PRJ-005@projects"],
        ),
    ]);
    assert_eq!(
        message(|i| i.projects.clear()),
        "项目支出均应实行绩效目标管理：项目绩效目标表的当年预算合计 0.00 元，小于项目支出合计 500.00 元，相差 500.00 元"
    );
}

#[test]
fn prj_006_a_row_is_linked_by_one_form_at_most() {
    // A second form linking the first form's row: counted in both budgets.
    let second = |i: &mut Inputs| {
        let mut p = i.projects[0].clone();
        p.name = "第二个项目".into();
        p.links.insert(
            0,
            RowLink {
                code: "2010399".into(),
                source: GeneralBudget,
            },
        );
        i.projects.push(p);
    };
    let found: Vec<Finding> = {
        let mut inputs = base();
        second(&mut inputs);
        findings(&inputs)
            .into_iter()
            .filter(|f| f.check == "PRJ-006")
            .collect()
    };
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].severity, Severity::Warning);
    assert_eq!(found[0].locations, ["projects[1].links[1].code"]);
    assert_eq!(
        found[0].message,
        "项目“第二个项目”关联的项目支出 2010302 一般行政管理事务（一般公共预算拨款） 已由项目“政务公开专项”关联：同一笔项目支出计入了两个项目绩效目标表的当年预算，实行绩效目标管理的项目支出金额会重复计算"
    );
    // Links that count nothing (a blank code, a code with no 项目支出 row),
    // shared by two forms: PRJ-001's, not PRJ-006's.
    let mut inputs = base();
    let mut other = inputs.projects[0].clone();
    for p in [&mut inputs.projects[0], &mut other] {
        p.links.push(RowLink {
            code: "".into(),
            source: GeneralBudget,
        });
        p.links.push(RowLink {
            code: "2010399".into(),
            source: GeneralBudget,
        });
    }
    other.links.remove(0);
    inputs.projects.push(other);
    assert!(findings(&inputs).iter().all(|f| f.check != "PRJ-006"));
    // The same form linking its row twice, or another source of the code: none.
    let mut inputs = base();
    let link = inputs.projects[0].links[0].clone();
    inputs.projects[0].links.push(link);
    let mut other = inputs.projects[0].clone();
    other.links = vec![RowLink {
        code: "2010302".into(),
        source: OtherIncome,
    }];
    inputs.projects.push(other);
    assert!(findings(&inputs).iter().all(|f| f.check != "PRJ-006"));
}

#[test]
fn nar_001_changes_have_reasons() {
    cases(&[
        (
            "income",
            |i| i.narrative.reasons.income = " ".into(),
            &["NAR-001@narrative.reasons.income"],
        ),
        (
            "basic",
            |i| i.narrative.reasons.basic = "".into(),
            &["NAR-001@narrative.reasons.basic"],
        ),
        (
            "project",
            |i| i.rows[5].last_year = a("400"),
            &["NAR-001@narrative.reasons.project"],
        ),
        (
            "project with reason",
            |i| {
                i.rows[5].last_year = a("400");
                i.narrative.reasons.project = "新增项目".into();
            },
            &[],
        ),
        (
            "abroad",
            |i| i.sangong.this_year.abroad = a("5"),
            &["NAR-001@narrative.reasons.abroad"],
        ),
        (
            "operation",
            |i| i.narrative.reasons.vehicle_operation = "".into(),
            &["NAR-001@narrative.reasons.vehicle_operation"],
        ),
        (
            "reception",
            |i| i.sangong.this_year.reception = a("12"),
            &["NAR-001@narrative.reasons.reception"],
        ),
        (
            "running cost",
            |i| i.narrative.running_cost_last_year = a("200"),
            &["NAR-001@narrative.reasons.running_cost"],
        ),
        (
            "unchanged needs no reason",
            |i| i.narrative.reasons = Reasons::default(),
            &[
                "NAR-001@narrative.reasons.income",
                "NAR-001@narrative.reasons.basic",
                "NAR-001@narrative.reasons.vehicle_operation",
            ],
        ),
    ]);
    assert_eq!(
        message(|i| i.narrative.reasons.vehicle_operation = "".into()),
        "三公经费公务用车运行维护费本年 30.00 元，上年 40.00 元，比上年减少 10.00 元，请填写变动原因"
    );
}

#[test]
fn nar_002_vehicle_purchase_and_vehicles_to_buy() {
    cases(&[
        (
            "money, no vehicle",
            |i| {
                i.sangong.this_year.vehicle_purchase = a("150000");
                i.narrative.reasons.vehicle_purchase = "车辆报废更新".into();
            },
            &["NAR-002@sangong.this_year.vehicle_purchase,narrative.vehicles_to_buy.general"],
        ),
        (
            "vehicle, no money",
            |i| i.narrative.vehicles_to_buy.enforcement = 1,
            &["NAR-002@narrative.vehicles_to_buy.general,sangong.this_year.vehicle_purchase"],
        ),
        (
            "both",
            |i| {
                i.sangong.this_year.vehicle_purchase = a("150000");
                i.narrative.reasons.vehicle_purchase = "车辆报废更新".into();
                i.narrative.vehicles_to_buy.general = 1;
            },
            &[],
        ),
    ]);
}

#[test]
fn nar_003_phone_numbers() {
    cases(&[
        ("local", |i| i.unit.contact_phone = "68173636".into(), &[]),
        (
            "mobile",
            |i| i.unit.contact_phone = "13812345678".into(),
            &[],
        ),
        (
            "blank unit phone",
            |i| i.unit.contact_phone = " ".into(),
            &["NAR-003@unit.contact_phone"],
        ),
        (
            "seven digits",
            |i| i.unit.contact_phone = "6817363".into(),
            &["NAR-003@unit.contact_phone"],
        ),
        (
            "project phone",
            |i| i.projects[0].phone = "123".into(),
            &["NAR-003@projects[0].phone"],
        ),
    ]);
    assert_eq!(
        message(|i| i.unit.contact_phone = "6817363".into()),
        "单位联系电话“6817363”格式不对，应为 8 位固定电话（如 68173636）、带区号的固定电话（如 023-68173636）或 11 位手机号码"
    );
}

#[test]
fn findings_follow_registry_then_input_order() {
    let mut inputs = base();
    inputs.projects[0].phone = "1".into();
    inputs.unit.contact_phone = "".into();
    inputs.rows[3].this_year = a("x");
    inputs.rows[1].this_year = a("y");
    inputs.economic_rows[2].code = "".into();
    let got: Vec<String> = findings(&inputs).iter().map(key).collect();
    assert_eq!(
        got,
        [
            "AMT-001@rows[1].this_year",
            "AMT-001@rows[3].this_year",
            "COD-002@economic_rows[2].code",
            "IDN-001@economic_rows",
            "IDN-003@economic_rows[1].amount,rows[1].this_year",
            // 30109 lost its code: 2080506 has no economic line now.
            "IDN-003@rows[2].this_year",
            "IDN-003@economic_rows[3].amount,rows[3].this_year",
            "NAR-003@unit.contact_phone",
            "NAR-003@projects[0].phone",
        ]
    );
}

/// Each check that `check` runs is reachable: one trigger per registered ID,
/// and the finding it raises carries that ID (and no unregistered one).
#[test]
fn every_registered_check_fires() {
    let triggers: &[(&str, Mutation)] = &[
        ("AMT-001", |i| i.rows[0].this_year = a("x")),
        ("INP-001", |i| {
            i.unparsed
                .insert("unit.fiscal_year".into(), "2022年".into());
        }),
        ("UNT-001", |i| i.unit.name = " ".into()),
        ("UNT-002", |i| i.unit.fiscal_year = 0),
        ("TPL-001", |i| i.template.0 = "beijing-2030".into()),
        ("NAR-006", |i| {
            i.template.0 = "shanghai-district-2025".into()
        }),
        ("TPL-002", |i| {
            i.template.0 = "shanghai-district-2025".into();
            i.rows.push(row(
                "2010303",
                GeneralBudget,
                ExpenditureType::ToSuperior,
                "1",
                "",
            ));
        }),
        ("COD-001", |i| i.rows[0].code = "1".into()),
        ("COD-002", |i| i.economic_rows[0].code = "1".into()),
        ("ROW-001", |i| i.rows.push(i.rows[0].clone())),
        ("ROW-002", |i| i.economic_rows.push(econ("30101", "0"))),
        ("ROW-003", |i| {
            i.rows.push(row("2010303", OtherIncome, Basic, "", ""))
        }),
        ("ROW-004", |i| i.procurement.push(i.procurement[0].clone())),
        ("IDN-001", |i| i.economic_rows[0].amount = a("1")),
        ("IDN-002", |i| i.sangong.this_year.reception = a("1")),
        ("IDN-003", |i| i.economic_rows[1].amount = a("1")),
        ("IDN-004", |i| i.procurement[0].amount = a("99999")),
        ("IDN-006", |i| {
            i.narrative.running_cost_this_year = a("99999")
        }),
        ("PRF-001", |i| i.overall_performance.indicators.clear()),
        ("PRJ-001", |i| i.projects[0].budget_this_year = a("1")),
        ("PRJ-002", |i| i.projects[0].end_date = "2020-01-01".into()),
        ("PRJ-003", |i| {
            i.projects[0].indicators[4].target = "=1%".into()
        }),
        ("PRJ-004", |i| i.projects[0].plan = "".into()),
        ("PRJ-005", |i| i.projects.clear()),
        ("PRJ-006", |i| {
            let p = i.projects[0].clone();
            i.projects.push(p);
        }),
        ("NAR-001", |i| i.narrative.reasons.income = "".into()),
        ("NAR-002", |i| i.narrative.vehicles_to_buy.general = 1),
        ("NAR-003", |i| i.unit.contact_phone = "1".into()),
        ("NAR-004", |i| i.narrative.reasons.income = "XX".into()),
        ("NAR-005", |i| {
            i.narrative.reasons.income = "人员减少".into()
        }),
    ];
    let mut fired: HashSet<&str> = HashSet::new();
    for (id, mutate) in triggers {
        let mut inputs = base();
        mutate(&mut inputs);
        let found = findings(&inputs);
        assert!(
            found.iter().any(|f| f.check == *id),
            "{id} did not fire: {found:?}"
        );
        fired.insert(id);
    }
    // IDN-005 compares two derived figures, so its trigger edits 表6 (see its own test).
    fired.insert("IDN-005");
    let runnable: HashSet<&str> = registry()
        .iter()
        .filter(|c| !c.raised_on_import())
        .map(|c| c.id)
        .collect();
    assert_eq!(fired, runnable);
}

#[test]
fn nar_004_reasons_that_say_nothing() {
    // The base: 收入 rose 100 元, 基本支出 rose 100 元, 公务用车运行维护费 fell
    // 10 元, each with a reason.
    let income = |text: &'static str| -> Vec<String> {
        let mut inputs = base();
        inputs.narrative.reasons.income = text.into();
        findings(&inputs).iter().map(key).collect()
    };
    let warned = ["NAR-004@narrative.reasons.income"];
    for text in [
        "XX",
        "xx",
        "××",
        "XXX",
        "ＸＸ",
        "因XX原因人员增加",
        "待填写",
        "待补充",
        "无",
        "略",
        "暂无",
        "同上",
        "11",
        "2021",
        "1,234",
        "……",
        "。",
        "qq",
        "abc",
        "ok 1",
        "人员增",
        "增加",
        "增加增加",
        "人员增加人员增加",
        "主要是",
        "主要原因是：",
        "主要是XX",
        "主要是人员",
    ] {
        assert_eq!(income(text), warned, "{text:?} should warn");
    }
    for text in [
        "人员增加",
        "主要是人员增加",
        "主要是人员增加及正常晋级调资",
        "新增1名工作人员",
        "新增COVID-19防控经费",
        "Office软件正版化",
        "人员增加，人员经费增加",
        "常常加班",
        "1111号文件要求的人员增加",
        "增加职工",
    ] {
        assert_eq!(income(text), [] as [&str; 0], "{text:?} should not warn");
    }
    // Only a change the narrative reports is read: an unchanged figure's
    // reason is not printed.
    cases(&[
        (
            "unchanged 接待费",
            |i| i.narrative.reasons.reception = "XX".into(),
            &[],
        ),
        (
            "invalid amount: the change is unknown",
            |i| {
                i.sangong.this_year.abroad = a("x");
                i.narrative.reasons.abroad = "XX".into();
            },
            &["AMT-001@sangong.this_year.abroad"],
        ),
        (
            "each reason field",
            |i| {
                i.rows[5].last_year = a("400");
                i.narrative.reasons.project = "略".into();
                i.narrative.reasons.vehicle_operation = "11".into();
                i.narrative.running_cost_last_year = a("200");
                i.narrative.reasons.running_cost = "待填写".into();
            },
            &[
                "NAR-004@narrative.reasons.project",
                "NAR-004@narrative.reasons.vehicle_operation",
                "NAR-004@narrative.reasons.running_cost",
            ],
        ),
    ]);
    let message = |text: &'static str| {
        let mut inputs = base();
        inputs.narrative.reasons.income = text.into();
        findings(&inputs)
            .into_iter()
            .map(|f| f.message)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        message("XX"),
        ["收入（支出）总额比上年增加 100.00 元，变动原因“XX”是占位文字，请写明变动的具体原因"]
    );
    assert_eq!(
        message("增加增加"),
        [
            "收入（支出）总额比上年增加 100.00 元，变动原因“增加增加”中的“增加”连续重复，请写明变动的具体原因"
        ]
    );
    assert_eq!(
        message("qq"),
        [
            "收入（支出）总额比上年增加 100.00 元，变动原因“qq”只有字母、数字或符号，请写明变动的具体原因"
        ]
    );
    assert_eq!(
        message("11"),
        ["收入（支出）总额比上年增加 100.00 元，变动原因“11”只有数字或符号，请写明变动的具体原因"]
    );
    assert_eq!(
        message("人员增"),
        ["收入（支出）总额比上年增加 100.00 元，变动原因“人员增”不足 4 个字，请写明变动的具体原因"]
    );
    assert_eq!(
        message(" 主要是。"),
        [
            "收入（支出）总额比上年增加 100.00 元，变动原因“主要是。”只有套话或标点，没有实际内容，请写明变动的具体原因"
        ]
    );
}

#[test]
fn nar_005_direction_words_against_the_figures() {
    // 收入 rose (1,930 against 1,830); 公务用车运行维护费 fell (30 against 40).
    let read = |income: &'static str, operation: &'static str| -> Vec<String> {
        let mut inputs = base();
        inputs.narrative.reasons.income = income.into();
        inputs.narrative.reasons.vehicle_operation = operation.into();
        findings(&inputs).iter().map(key).collect()
    };
    let (income, operation) = (
        "NAR-005@narrative.reasons.income",
        "NAR-005@narrative.reasons.vehicle_operation",
    );
    let contradicting: &[(&str, &str, &[&str])] = &[
        ("人员减少", "压减开支", &[income]),
        ("收入下降较多", "压减开支", &[income]),
        ("压减一般性支出", "压减开支", &[income]),
        ("压缩会议费", "压减开支", &[income]),
        ("与上年持平", "压减开支", &[income]),
        ("人员增加", "车辆增加", &[operation]),
        ("人员增加", "维修费用增长", &[operation]),
        ("人员增加", "油价上升", &[operation]),
        ("人员增加", "车辆增多", &[operation]),
        ("人员增加", "比上年增加", &[operation]),
        ("人员增加", "较去年增加", &[operation]),
        ("人员增加", "运行费用持平", &[operation]),
        ("人员减少", "车辆增加", &[income, operation]),
    ];
    for (i, o, want) in contradicting {
        assert_eq!(read(i, o), *want, "{i:?} / {o:?}");
    }
    let agreeing: &[(&str, &str)] = &[
        ("主要是人员增加及正常晋级调资", "压减开支"),
        ("人员增加", "减少一般性支出，严格控制三公经费"),
        ("业务量增长", "车辆报废，运行费下降"),
        // Both directions: the text may explain both.
        ("人员增加，同时压减一般性支出", "车辆减少，单车维修费用增加"),
        ("人员减少，但人员经费标准增加", "压减开支"),
        // No direction word.
        ("机构改革", "1辆公务用车移交至区大数据发展局"),
        // Negated.
        ("人员未减少，标准提高", "车辆未增加，严格控制运行费"),
        ("职能调整，编制不再减少", "压减开支"),
        // Roughly flat.
        ("人员增加", "基本持平"),
        // Of last year, not of this one.
        ("上年压减了一次性项目", "上年新增车辆，本年移交"),
        ("人员增加", "2020年一次性增加维修经费"),
    ];
    for (i, o) in agreeing {
        assert_eq!(read(i, o), [] as [&str; 0], "{i:?} / {o:?}");
    }
    // A hollow reason that also points the wrong way is both.
    assert_eq!(
        read("人员增加", "增加"),
        [
            "NAR-004@narrative.reasons.vehicle_operation",
            "NAR-005@narrative.reasons.vehicle_operation"
        ]
    );
    assert_eq!(
        read("减少减少", "压减开支"),
        [
            "NAR-004@narrative.reasons.income",
            "NAR-005@narrative.reasons.income"
        ]
    );
    let mut inputs = base();
    inputs.narrative.reasons.vehicle_operation = "主要是车辆增加、维修增长。".into();
    let found = findings(&inputs);
    assert_eq!(
        found.iter().map(|f| f.message.as_str()).collect::<Vec<_>>(),
        ["三公经费公务用车运行维护费比上年减少 10.00 元，但变动原因写的是“增加”、“增长”，请核对"]
    );
    // The other reason fields, each on its own change.
    cases(&[
        (
            "basic",
            |i| i.narrative.reasons.basic = "人员减少".into(),
            &["NAR-005@narrative.reasons.basic"],
        ),
        (
            "project",
            |i| {
                i.rows[5].last_year = a("600");
                i.narrative.reasons.project = "新增项目增加".into();
            },
            &["NAR-005@narrative.reasons.project"],
        ),
        (
            "running cost",
            |i| {
                i.narrative.running_cost_last_year = a("200");
                i.narrative.reasons.running_cost = "压减公用经费".into();
            },
            &["NAR-005@narrative.reasons.running_cost"],
        ),
        (
            "unchanged figure: its reason is not printed",
            |i| i.narrative.reasons.reception = "接待批次减少".into(),
            &[],
        ),
    ]);
}

/// The narrative's 绩效目标 sentence and PRJ-005 give the same amount not
/// under performance management: 项目支出 of every source, less the forms'
/// budgets. They used to differ as soon as a 项目支出 was not 一般公共预算:
/// the narrative compared the forms with the 一般公共预算 项目支出 alone.
#[test]
fn prj_005_and_the_narrative_agree_on_the_unmanaged_amount() {
    let mut inputs = base();
    // The form covers the 一般公共预算 project (500 元); a 政府性基金 project
    // of 1,550,000.00 元 has none. Before: the narrative said every project
    // was managed, PRJ-005 相差 1,550,000.00 元.
    inputs.rows.push(row(
        "2120801",
        FundingSource::GovFundBudget,
        Project,
        "1550000",
        "1550000",
    ));
    let derived = derive(&inputs);
    let prj_005: Vec<String> = check(&inputs, &derived)
        .into_iter()
        .filter(|f| f.check == "PRJ-005")
        .map(|f| f.message)
        .collect();
    assert_eq!(
        prj_005,
        [
            "项目支出均应实行绩效目标管理：项目绩效目标表的当年预算合计 500.00 元，小于项目支出合计 1,550,500.00 元，相差 1,550,000.00 元"
        ]
    );
    let goals = &derived.narrative.sections[4].paragraphs[2];
    assert_eq!(
        goals,
        "3、绩效目标设置情况。2021年实行绩效目标管理的项目支出0.05万元，项目支出共155.05万元（其中一般公共预算当年财政拨款0.05万元），尚有155万元未设置绩效目标。"
    );
    assert_eq!(
        crate::narrative::unmanaged_projects(&derived.totals),
        "1550000".parse().unwrap()
    );
    // Covered in full: neither speaks of it.
    inputs.projects[0].budget_this_year = a("1550500");
    let derived = derive(&inputs);
    assert!(
        check(&inputs, &derived)
            .iter()
            .all(|f| f.check != "PRJ-005")
    );
    assert!(derived.narrative.sections[4].paragraphs[2].contains("项目支出均实行了绩效目标管理"));
}

/// The correspondences are the template's: 上海 books 30111 公务员医疗补助缴费
/// under 2101101 行政单位医疗 with 30110, 重庆 does not.
#[test]
fn idn_003_follows_the_template() {
    let split_30110 = |i: &mut Inputs| {
        i.economic_rows[3].amount = a("30");
        i.economic_rows.push(econ("30111", "20"));
    };
    let mut chongqing = base();
    split_30110(&mut chongqing);
    let got: Vec<String> = findings(&chongqing).iter().map(key).collect();
    assert_eq!(got, ["IDN-003@economic_rows[3].amount,rows[3].this_year"]);
    let mut shanghai = base();
    shanghai.template.0 = "shanghai-district-2025".into();
    split_30110(&mut shanghai);
    let got: Vec<String> = findings(&shanghai)
        .iter()
        .filter(|f| f.check == "IDN-003")
        .map(key)
        .collect();
    assert!(got.is_empty(), "{got:?}");
}

/// NAR-006 names each text the 上海 narrative would print as （未填写）, and
/// nothing under the 重庆 template (whose text does not print them).
#[test]
fn nar_006_names_each_missing_text_of_the_template() {
    let mut i = base();
    i.template.0 = "shanghai-district-2025".into();
    let at: Vec<String> = findings(&i)
        .iter()
        .filter(|f| f.check == "NAR-006")
        .flat_map(|f| f.locations.clone())
        .collect();
    assert!(at.contains(&"disclosure.members".to_string()), "{at:?}");
    assert!(
        at.contains(&"disclosure.purposes.2010301".to_string()),
        "{at:?}"
    );
    assert!(
        at.contains(&"disclosure.project_notes.goal".to_string()),
        "{at:?}"
    );
    assert!(findings(&base()).iter().all(|f| f.check != "NAR-006"));
    let message = findings(&i)
        .into_iter()
        .find(|f| f.check == "NAR-006" && f.locations[0] == "disclosure.purposes.2010301")
        .map(|f| f.message)
        .unwrap_or_default();
    assert_eq!(
        message,
        "情况说明要写“2010301 行政运行”主要用于什么，尚未填写"
    );
}

/// AMT-001 covers the disclosure's figures: last year's totals in their unit
/// (万元: 2 decimals at most), the SME share and the projects' budgets.
#[test]
fn amt_001_covers_the_disclosure_figures() {
    let mut i = base();
    i.disclosure.last_year.given = true;
    i.disclosure.last_year.unit = crate::amount::InputUnit::Wan;
    i.disclosure.last_year.fiscal = a("3013.805");
    i.disclosure.sme_reserved = a("十万");
    i.disclosure
        .target_projects
        .push(crate::model::TargetProject {
            name: "援滇干部工作经费".into(),
            amount: a("3万"),
        });
    let got: Vec<(String, String)> = findings(&i)
        .into_iter()
        .filter(|f| f.check == "AMT-001")
        .map(|f| (f.locations[0].clone(), f.message))
        .collect();
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[0].0, "disclosure.last_year.fiscal");
    assert!(
        got[0]
            .1
            .starts_with("上年财政拨款收入（总数）：“3013.805”的小数超过 2 位：以万元填写"),
        "{}",
        got[0].1
    );
    assert_eq!(got[1].0, "disclosure.sme_reserved");
    assert_eq!(got[2].0, "disclosure.target_projects[0].amount");
    assert!(
        got[2]
            .1
            .starts_with("编报绩效目标的项目“援滇干部工作经费”的预算："),
        "{}",
        got[2].1
    );
}

/// Messages name a table as the form's template numbers it: 经济分类 is 重庆
/// 表3 and 上海 表8.
#[test]
fn idn_001_names_the_table_as_the_template_numbers_it() {
    let mut i = base();
    i.economic_rows[0].amount = a("1");
    let m = |i: &Inputs| {
        findings(i)
            .into_iter()
            .find(|f| f.check == "IDN-001")
            .map(|f| f.message)
            .unwrap_or_default()
    };
    assert!(
        m(&i).starts_with("基本支出经济分类合计（表3）"),
        "{}",
        m(&i)
    );
    i.template.0 = "shanghai-district-2025".into();
    assert!(
        m(&i).starts_with("基本支出经济分类合计（表8）"),
        "{}",
        m(&i)
    );
}
