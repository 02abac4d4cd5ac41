//! Realistic synthetic inputs of any size, for benchmarks and property tests.
//!
//! Rows use real catalog codes with mixed sources and types; economic rows,
//! 三公, procurement, indicators and project forms are generated to agree with
//! them, so a generated form passes every error-level check. Deterministic for
//! a given seed (a small xorshift generator: no `rand` dependency in the core).

use std::collections::BTreeMap;

use rust_decimal::{Decimal, RoundingStrategy};

use budget_core::amount::Amount;
use budget_core::catalog::{self, Level};
use budget_core::model::*;

/// How the generator splits amounts: banker's rounding, as it always did, so a
/// seed gives the same form as before (this is not money shown to a clerk,
/// which rounds 四舍五入).
const EVEN: RoundingStrategy = RoundingStrategy::MidpointNearestEven;

/// A tiny deterministic PRNG (xorshift64*).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (any value).
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
    /// An amount in 元 between 0.01 and `max_yuan`, in whole 分.
    pub fn amount(&mut self, max_yuan: u64) -> Decimal {
        Decimal::new((self.below(max_yuan * 100) + 1) as i64, 2)
    }
}

/// Sources weighted towards 一般公共预算 as in a real department.
const SOURCES: [FundingSource; 8] = [
    FundingSource::GeneralBudget,
    FundingSource::GeneralBudget,
    FundingSource::GeneralBudget,
    FundingSource::GovFundBudget,
    FundingSource::CarryoverGeneral,
    FundingSource::BusinessNonEducation,
    FundingSource::OtherIncome,
    FundingSource::OperatingIncome,
];

/// Generate a valid form with `rows` budget rows.
pub fn generate(rows: usize, seed: u64) -> Inputs {
    let mut rng = Rng::new(seed);
    let items: Vec<&str> = catalog::function()
        .at_level(Level::Item)
        .map(|e| e.code)
        .collect();
    let mut inputs = Inputs {
        unit: UnitHeader {
            name: "测试区合成部门".into(),
            short_name: "合成部门".into(),
            code: "999001001".into(),
            fiscal_year: 2021,
            unit_type: UnitType::Administrative,
            contact_person: "张三".into(),
            contact_phone: "023-68173636".into(),
            duties: vec!["负责本部门职责范围内的各项工作。".into()],
            composition: "本部门内设综合科等科室。".into(),
            document: Default::default(),
        },
        ..Inputs::default()
    };
    // Unique code · source · type combinations, cycling through the catalog.
    let mut used = std::collections::HashSet::new();
    let mut attempt = 0usize;
    while inputs.rows.len() < rows && attempt < rows * 50 + 1000 {
        attempt += 1;
        let code = items[rng.below(items.len() as u64) as usize];
        let source = SOURCES[rng.below(SOURCES.len() as u64) as usize];
        let kind = if rng.below(3) == 0 {
            ExpenditureType::Project
        } else {
            ExpenditureType::Basic
        };
        if !used.insert((code, source, kind)) {
            continue;
        }
        let this = rng.amount(2_000_000);
        let last = if rng.below(10) == 0 {
            Decimal::ZERO
        } else {
            rng.amount(2_000_000)
        };
        inputs.rows.push(BudgetRow {
            code: code.to_string(),
            source,
            kind,
            this_year: Amount::from_decimal(this),
            last_year: Amount::from_decimal(last),
            unparsed: Default::default(),
        });
    }
    economic_rows(&mut inputs, &mut rng);
    // 三公: each item at least its economic line, so IDN-002 holds.
    let econ = |code: &str| {
        inputs
            .economic_rows
            .iter()
            .filter(|e| e.code == code)
            .map(|e| e.amount.value())
            .sum::<Decimal>()
    };
    let this_year = SanGongYear {
        abroad: Amount::from_decimal(econ("30212")),
        vehicle_purchase: Amount::from_decimal(Decimal::ZERO),
        vehicle_operation: Amount::from_decimal(econ("30231") + Decimal::from(10_000)),
        reception: Amount::from_decimal(econ("30217") + Decimal::from(5_000)),
    };
    let last_year = SanGongYear {
        abroad: Amount::from_decimal(econ("30212")),
        vehicle_purchase: Amount::from_decimal(Decimal::ZERO),
        vehicle_operation: Amount::from_decimal(econ("30231") + Decimal::from(20_000)),
        reception: Amount::from_decimal(econ("30217") + Decimal::from(6_000)),
    };
    inputs.sangong = SanGong {
        last_year,
        this_year,
        ..Default::default()
    };
    // 政府采购 well under the 一般公共预算 expenditure.
    let general: Decimal = inputs
        .rows
        .iter()
        .filter(|r| r.source == FundingSource::GeneralBudget)
        .map(|r| r.this_year.value())
        .sum();
    let tenth = (general / Decimal::from(30)).round_dp_with_strategy(2, EVEN);
    for category in ProcurementCategory::ALL {
        inputs.procurement.push(ProcurementRow {
            category,
            source: FundingSource::GeneralBudget,
            amount: Amount::from_decimal(tenth),
            unparsed: Default::default(),
        });
    }
    inputs.overall_performance = OverallPerformance {
        unit_name: "合成部门".into(),
        target: "完成年度工作任务。".into(),
        indicators: (0..5)
            .map(|i| OverallIndicator {
                name: format!("指标{}", i + 1),
                weight: Amount::from_text("20"),
                unit: "%".into(),
                operator: Operator::AtLeast,
                value: "90".into(),
            })
            .collect(),
    };
    projects(&mut inputs);
    let public: Decimal = inputs
        .economic_rows
        .iter()
        .filter(|e| !budget_core::totals::is_personnel(&e.code))
        .map(|e| e.amount.value())
        .sum();
    inputs.narrative = NarrativeInputs {
        running_cost_unit: Default::default(),
        running_cost_this_year: Amount::from_decimal(
            (public / Decimal::TWO).round_dp_with_strategy(2, EVEN),
        ),
        running_cost_last_year: Amount::from_decimal(
            (public / Decimal::TWO).round_dp_with_strategy(2, EVEN),
        ),
        reasons: Reasons {
            income: "业务调整".into(),
            basic: "人员变动".into(),
            project: "项目调整".into(),
            abroad: "压减开支".into(),
            vehicle_purchase: "无".into(),
            vehicle_operation: "压减开支".into(),
            reception: "压减开支".into(),
            running_cost: "压减开支".into(),
        },
        running_cost_use: "办公费、印刷费等".into(),
        vehicles_held: Vehicles {
            general: 3,
            enforcement: 0,
        },
        vehicles_to_buy: Vehicles::default(),
        key_work: "重点工作".into(),
    };
    inputs
}

/// Economic rows that sum to the 一般公共预算 基本支出 and honour the
/// economic ↔ function correspondences (30108 = 2080505 …).
fn economic_rows(inputs: &mut Inputs, rng: &mut Rng) {
    let mut basic: BTreeMap<&str, Decimal> = BTreeMap::new();
    for r in &inputs.rows {
        if r.source.fund() == Some(Fund::General) && r.kind == ExpenditureType::Basic {
            *basic.entry(r.code.as_str()).or_default() += r.this_year.value();
        }
    }
    let total: Decimal = basic.values().copied().sum();
    let f = |codes: &[&str]| {
        codes
            .iter()
            .map(|c| basic.get(c).copied().unwrap_or_default())
            .sum::<Decimal>()
    };
    let fixed = [
        ("30108", f(&["2080505"])),
        ("30109", f(&["2080506"])),
        ("30113", f(&["2210201", "2210202", "2210203"])),
        ("30110", f(&["2101101", "2101102"])),
        ("30114", f(&["2101103", "2101199"])),
    ];
    let mut remaining = total - fixed.iter().map(|(_, v)| *v).sum::<Decimal>();
    let mut out: Vec<EconomicRow> = fixed
        .iter()
        .filter(|(_, v)| !v.is_zero())
        .map(|(c, v)| EconomicRow {
            code: c.to_string(),
            amount: Amount::from_decimal(*v),
        })
        .collect();
    let skip = [
        "30108", "30109", "30113", "30110", "30114", "30212", "31013",
    ];
    let others: Vec<&str> = catalog::economic()
        .at_level(Level::Section)
        .map(|e| e.code)
        .filter(|c| {
            !skip.contains(c)
                && (c.starts_with("301")
                    || c.starts_with("302")
                    || c.starts_with("303")
                    || c.starts_with("310"))
        })
        .collect();
    // Spread the rest over up to 30 lines, the last taking what is left.
    let n = others.len().min(30);
    for (i, code) in others.iter().take(n).enumerate() {
        let share = if i + 1 == n {
            remaining
        } else {
            let part = (remaining * Decimal::new(rng.below(30) as i64 + 1, 2))
                .round_dp_with_strategy(2, EVEN);
            part.min(remaining)
        };
        remaining -= share;
        if !share.is_zero() {
            out.push(EconomicRow {
                code: code.to_string(),
                amount: Amount::from_decimal(share),
            });
        }
    }
    inputs.economic_rows = out;
}

/// One project form per (up to 20) 项目支出 row, each linked to its row.
fn projects(inputs: &mut Inputs) {
    let forms: Vec<ProjectForm> = inputs
        .rows
        .iter()
        .filter(|r| r.kind == ExpenditureType::Project && !r.this_year.is_zero())
        .take(20)
        .enumerate()
        .map(|(i, r)| ProjectForm {
            name: format!("合成项目{}", i + 1),
            project_type: "一般性项目".into(),
            fund_use: "业务类".into(),
            procurement: false,
            manager: "李四".into(),
            contact: "王五".into(),
            phone: "13800138000".into(),
            start_date: "2021-01-01".into(),
            end_date: "2021-12-31".into(),
            budget_this_year: r.this_year.clone(),
            budget_last_year: Amount::from_decimal(Decimal::ZERO),
            adjusted: false,
            adjusted_amount: Amount::from_decimal(Decimal::ZERO),
            overview: "项目概况。".into(),
            basis: "立项依据。".into(),
            necessity: "必要性。".into(),
            measures: "制度措施。".into(),
            plan: "实施计划。".into(),
            total_goal: "总目标。".into(),
            annual_goal: "年度目标。".into(),
            other_issues: String::new(),
            indicators: [
                "一季度资金使用率",
                "二季度资金使用率",
                "三季度资金使用率",
                "四季度资金使用率",
            ]
            .iter()
            .zip(["≥20%", "≥50%", "≥75%", "=100%"])
            .map(|(l3, target)| ProjectIndicator {
                level1: "投入与目标管理".into(),
                level2: "投入管理".into(),
                level3: (*l3).into(),
                target: target.into(),
                explanation: "按照项目进度支出资金".into(),
                target_note: String::new(),
            })
            .collect(),
            links: vec![RowLink {
                code: r.code.clone(),
                source: r.source,
            }],
        })
        .collect();
    inputs.projects = forms;
}

/// `inputs` laid out by the template `id`, with the texts that template's
/// 情况说明 prints beyond the figures filled in as a department under it
/// writes them (for the 上海 one: what each 项 with 财政拨款 is mainly used
/// for, 机构设置, 名词解释, the date of the vehicle count, the 项目经费情况说明),
/// so that a generated form is as complete under it as under the 重庆 one.
/// An unknown id changes nothing.
pub fn with_template(mut inputs: Inputs, id: &str) -> Inputs {
    let Some(template) = budget_core::template::get(id) else {
        return inputs;
    };
    inputs.template = TemplateId(id.to_string());
    if template.narrative != budget_core::template::NarrativeKind::Shanghai {
        return inputs;
    }
    for (code, label) in budget_core::narrative::purpose_items(&inputs) {
        let text = format!("主要用于{label}方面的日常支出");
        inputs.disclosure.purposes.insert(code, text);
    }
    let d = &mut inputs.disclosure;
    d.members = vec![MemberUnit {
        name: inputs.unit.name.clone(),
        unit_type: UnitType::Administrative,
    }];
    d.glossary = vec![GlossaryEntry {
        term: "机关运行经费".to_string(),
        text: "为保障行政单位运行用于购买货物和服务的各项资金".to_string(),
    }];
    d.assets.as_of = format!("{}年12月31日", inputs.unit.fiscal_year - 1);
    let n = &mut d.project_notes;
    n.overview = "保障部门履职的各类项目".to_string();
    n.basis = "依据部门职责和年度工作计划".to_string();
    n.implementer = inputs.unit.name.clone();
    n.plan = "按年度计划分期实施".to_string();
    n.period = "一年".to_string();
    n.goal = "按期完成年度工作任务".to_string();
    inputs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generates_the_requested_rows_deterministically() {
        let a = generate(500, 7);
        assert_eq!(a.rows.len(), 500);
        assert_eq!(a, generate(500, 7));
        assert_ne!(a, generate(500, 8));
    }

    #[test]
    fn economic_rows_balance_the_general_basic_total() {
        let inputs = generate(1000, 1);
        let t = budget_core::Totals::compute(&inputs);
        assert_eq!(t.economic, t.general_basic);
        assert!(t.procurement <= t.general);
    }

    #[test]
    fn under_the_shanghai_template_a_form_has_its_texts_and_no_errors() {
        let inputs = with_template(generate(2000, 3), "shanghai-district-2025");
        assert_eq!(inputs.template.as_str(), "shanghai-district-2025");
        let derived = budget_core::derive(&inputs);
        let found = budget_core::check(&inputs, &derived);
        assert!(!found.iter().any(|f| f.is_error()), "{found:#?}");
        assert!(!found.iter().any(|f| f.check == "NAR-006"), "{found:#?}");
        assert!(inputs.disclosure.purposes.len() > 100);
        // An unknown template, or the 重庆 one, adds no text.
        let plain = generate(50, 1);
        assert_eq!(with_template(plain.clone(), "nowhere-1999"), plain);
        let chongqing = with_template(plain.clone(), "chongqing-district-2021");
        assert_eq!(chongqing.disclosure, plain.disclosure);
    }

    #[test]
    fn generated_forms_have_no_errors() {
        for (n, seed) in [(10, 1), (200, 2), (2000, 3)] {
            let inputs = generate(n, seed);
            let derived = budget_core::derive(&inputs);
            let errors: Vec<_> = budget_core::check(&inputs, &derived)
                .into_iter()
                .filter(|f| f.is_error())
                .collect();
            assert!(errors.is_empty(), "{n} rows, seed {seed}: {errors:#?}");
        }
    }
}
