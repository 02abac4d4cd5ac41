//! The headline figures every table, check and the narrative draw on, summed
//! once from the inputs (exact 元).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::amount::{Amount, CentSum};
use crate::model::{
    ExpenditureType, Fund, FundingSource, Inputs, ProcurementCategory, SanGongYear,
};

/// Headline totals (the summary bar, the narrative, the identities).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Totals {
    /// 收入合计 = 支出合计 this year (all rows).
    pub total: Decimal,
    /// 上年预算 total (all rows).
    pub total_last_year: Decimal,
    /// 基本支出 this year.
    pub basic: Decimal,
    /// 项目支出 this year.
    pub project: Decimal,
    /// 基本支出 last year.
    pub basic_last_year: Decimal,
    /// 项目支出 last year.
    pub project_last_year: Decimal,
    /// 一般公共预算财政拨款 this year (current year and carried over).
    pub general: Decimal,
    /// 一般公共预算财政拨款 last year.
    pub general_last_year: Decimal,
    /// 一般公共预算 基本支出 this year (= 表3 合计).
    pub general_basic: Decimal,
    /// 一般公共预算 项目支出 this year.
    pub general_project: Decimal,
    /// 一般公共预算 基本支出 last year.
    pub general_basic_last_year: Decimal,
    /// 一般公共预算 项目支出 last year.
    pub general_project_last_year: Decimal,
    /// 政府性基金 this year (current and carried over).
    pub gov_fund: Decimal,
    /// 表3 合计 (economic rows).
    pub economic: Decimal,
    /// 人员经费 (301, 303).
    pub personnel: Decimal,
    /// 公用经费 (302, 310 and the rest).
    pub public_expense: Decimal,
    /// 三公 this year.
    pub sangong: Decimal,
    /// 三公 last year.
    pub sangong_last_year: Decimal,
    /// 政府采购 total.
    pub procurement: Decimal,
    /// Σ budgets of the project performance forms.
    pub project_forms: Decimal,
    /// Σ weights of the overall performance indicators (should be 100).
    pub indicator_weights: Decimal,
    /// Income this year by source.
    pub by_source: BTreeMap<FundingSource, Decimal>,
    /// Expenditure this year by type.
    pub by_type: BTreeMap<ExpenditureType, Decimal>,
    /// 政府采购 by category.
    pub procurement_by_category: BTreeMap<ProcurementCategory, Decimal>,
    /// 政府采购 by source.
    pub procurement_by_source: BTreeMap<FundingSource, Decimal>,
    /// Amount cells summed above whose text is no valid amount (AMT-001):
    /// each counts as 0, which the app says beside the totals (不含 N 个无效金额).
    /// Not written to files: it is the inputs' AMT-001 count, recomputed on
    /// reading.
    #[serde(skip)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub invalid_amounts: usize,
}

/// True when an economic code counts as 人员经费 (301 工资福利支出, 303 对个人和家庭的补助).
pub fn is_personnel(economic_code: &str) -> bool {
    economic_code.starts_with("301") || economic_code.starts_with("303")
}

/// Σ of the four 三公 items of one year.
pub fn sangong_sum(y: &SanGongYear) -> Decimal {
    y.abroad.value()
        + y.vehicle_purchase.value()
        + y.vehicle_operation.value()
        + y.reception.value()
}

impl Totals {
    /// Sum everything once.
    pub fn compute(inputs: &Inputs) -> Totals {
        let mut t = Totals::default();
        // Integer 分 and arrays indexed by the enums in the hot loop; maps and
        // Decimals only at the end (10,000 rows stay well under a millisecond).
        let mut by_source = [CentSum::default(); FundingSource::ALL.len()];
        let mut by_type = [CentSum::default(); ExpenditureType::ALL.len()];
        // [all, general] × [this, last] for 基本 and 项目, and the plain totals.
        let mut basic = [[CentSum::default(); 2]; 2];
        let mut project = [[CentSum::default(); 2]; 2];
        let (mut total, mut total_last) = (CentSum::default(), CentSum::default());
        let (mut general, mut general_last, mut gov_fund) =
            (CentSum::default(), CentSum::default(), CentSum::default());
        let mut invalid = 0;
        let mut count = |a: &Amount| invalid += usize::from(a.parsed().is_none());
        for r in &inputs.rows {
            let (this, last) = (&r.this_year, &r.last_year);
            count(this);
            count(last);
            total.add(this);
            total_last.add(last);
            by_source[r.source as usize].add(this);
            by_type[r.kind as usize].add(this);
            let fund = r.source.fund();
            if fund == Some(Fund::GovFund) {
                gov_fund.add(this);
            }
            let is_general = fund == Some(Fund::General);
            if is_general {
                general.add(this);
                general_last.add(last);
            }
            let slot = match r.kind {
                ExpenditureType::Basic => &mut basic,
                ExpenditureType::Project => &mut project,
                _ => continue,
            };
            for (i, applies) in [true, is_general].into_iter().enumerate() {
                if applies {
                    slot[i][0].add(this);
                    slot[i][1].add(last);
                }
            }
        }
        t.total = total.to_decimal();
        t.total_last_year = total_last.to_decimal();
        t.general = general.to_decimal();
        t.general_last_year = general_last.to_decimal();
        t.gov_fund = gov_fund.to_decimal();
        [
            t.basic,
            t.basic_last_year,
            t.general_basic,
            t.general_basic_last_year,
        ] = [basic[0][0], basic[0][1], basic[1][0], basic[1][1]].map(CentSum::to_decimal);
        [
            t.project,
            t.project_last_year,
            t.general_project,
            t.general_project_last_year,
        ] = [project[0][0], project[0][1], project[1][0], project[1][1]].map(CentSum::to_decimal);
        t.by_source = sort_once::btree_map(
            FundingSource::ALL
                .into_iter()
                .zip(by_source)
                .filter(|(_, v)| !v.is_zero())
                .map(|(s, v)| (s, v.to_decimal())),
        );
        t.by_type = sort_once::btree_map(
            ExpenditureType::ALL
                .into_iter()
                .zip(by_type)
                .filter(|(_, v)| !v.is_zero())
                .map(|(k, v)| (k, v.to_decimal())),
        );
        for e in &inputs.economic_rows {
            count(&e.amount);
            let v = e.amount.value();
            t.economic += v;
            if is_personnel(&e.code) {
                t.personnel += v;
            } else {
                t.public_expense += v;
            }
        }
        let sangong = inputs.sangong.in_yuan();
        t.sangong = sangong_sum(&sangong.this_year);
        t.sangong_last_year = sangong_sum(&sangong.last_year);
        for y in [&inputs.sangong.this_year, &inputs.sangong.last_year] {
            [
                &y.abroad,
                &y.vehicle_purchase,
                &y.vehicle_operation,
                &y.reception,
            ]
            .into_iter()
            .for_each(&mut count);
        }
        for p in &inputs.procurement {
            count(&p.amount);
            let v = p.amount.value();
            t.procurement += v;
            *t.procurement_by_category.entry(p.category).or_default() += v;
            *t.procurement_by_source.entry(p.source).or_default() += v;
        }
        t.indicator_weights = crate::amount::sum(
            inputs
                .overall_performance
                .indicators
                .iter()
                .map(|i| &i.weight),
        );
        t.project_forms = inputs
            .projects
            .iter()
            .map(|p| {
                count(&p.budget_this_year);
                p.budget_this_year.value()
            })
            .sum();
        t.invalid_amounts = invalid;
        t
    }

    /// This year's income of one source (zero when none).
    pub fn source(&self, s: FundingSource) -> Decimal {
        self.by_source.get(&s).copied().unwrap_or_default()
    }
    /// This year's 财政拨款 of one fund: its current and its carried-over source.
    pub fn fund(&self, fund: crate::model::Fund) -> Decimal {
        FundingSource::ALL
            .into_iter()
            .filter(|s| s.fund() == Some(fund))
            .map(|s| self.source(s))
            .sum()
    }
    /// This year's 财政拨款 (the three funds, current and carried over).
    pub fn fiscal(&self) -> Decimal {
        FundingSource::ALL
            .into_iter()
            .filter(|s| s.fund().is_some())
            .map(|s| self.source(s))
            .sum()
    }
    /// This year's expenditure of one type (zero when none).
    pub fn kind(&self, k: ExpenditureType) -> Decimal {
        self.by_type.get(&k).copied().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BudgetRow, EconomicRow, ProcurementRow, ProjectForm};

    /// An invalid amount counts as 0 in every total, and the totals say how
    /// many they left out.
    #[test]
    fn invalid_amounts_are_left_out_and_counted() {
        let a = Amount::from_text;
        let mut inputs = Inputs {
            rows: vec![
                BudgetRow {
                    this_year: a("100"),
                    last_year: a("1,2,3"),
                    ..Default::default()
                },
                BudgetRow {
                    this_year: a("一百"),
                    last_year: a("50"),
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let t = Totals::compute(&inputs);
        assert_eq!(
            (t.total, t.total_last_year),
            (Decimal::from(100), Decimal::from(50))
        );
        assert_eq!(t.invalid_amounts, 2);

        // Every summed kind of cell counts; blanks and valid cells do not.
        inputs.economic_rows.push(EconomicRow {
            code: "30101".into(),
            amount: a("-5"),
        });
        inputs.economic_rows.push(EconomicRow::default());
        inputs.sangong.last_year.reception = a("x");
        inputs.procurement.push(ProcurementRow {
            amount: a("1.234"),
            ..Default::default()
        });
        inputs.projects.push(ProjectForm {
            budget_this_year: a("?"),
            // Not summed into any total: not counted.
            budget_last_year: a("?"),
            ..Default::default()
        });
        let t = Totals::compute(&inputs);
        assert_eq!(t.invalid_amounts, 6);
        assert_eq!(t.economic, Decimal::ZERO);

        inputs.rows[1].this_year = a("20");
        assert_eq!(Totals::compute(&inputs).invalid_amounts, 5);
        assert_eq!(Totals::compute(&Inputs::default()).invalid_amounts, 0);
    }
}
