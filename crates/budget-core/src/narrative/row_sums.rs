//! What the narrative reads of the budget rows beyond the totals, summed in
//! one pass (`derive` gathers the same in its per-code pass).

use rust_decimal::Decimal;

use crate::amount::CentSum;
use crate::model::{BudgetRow, Fund, FundingSource, Inputs};

/// Sums over the budget rows the narrative reads beyond the totals.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RowSums {
    /// 财政拨款 (the three funds, current year) this year.
    pub fiscal_this: Decimal,
    /// 财政拨款 (the three funds, current year) last year.
    pub fiscal_last: Decimal,
    /// 政府性基金 (current and carried over) last year.
    pub gov_fund_last: Decimal,
}

/// The sources counted as 财政拨款 in the narrative's change of income.
fn is_fiscal(s: FundingSource) -> bool {
    use FundingSource as S;
    matches!(
        s,
        S::GeneralBudget | S::GovFundBudget | S::StateCapitalBudget
    )
}

impl RowSums {
    /// One pass over the rows (`derive` gathers the same in its per-code pass).
    pub fn of(inputs: &Inputs) -> RowSums {
        let mut acc = RowSumsAcc::default();
        for r in &inputs.rows {
            acc.add(r);
        }
        acc.sums()
    }
}

/// `RowSums` being gathered, exact in 分.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RowSumsAcc {
    fiscal_this: CentSum,
    fiscal_last: CentSum,
    gov_fund_last: CentSum,
}

impl RowSumsAcc {
    /// Count one row.
    #[inline]
    pub(crate) fn add(&mut self, r: &BudgetRow) {
        if is_fiscal(r.source) {
            self.fiscal_this.add(&r.this_year);
            self.fiscal_last.add(&r.last_year);
        }
        if r.source.fund() == Some(Fund::GovFund) {
            self.gov_fund_last.add(&r.last_year);
        }
    }
    /// The sums in 元.
    pub(crate) fn sums(self) -> RowSums {
        RowSums {
            fiscal_this: self.fiscal_this.to_decimal(),
            fiscal_last: self.fiscal_last.to_decimal(),
            gov_fund_last: self.gov_fund_last.to_decimal(),
        }
    }
}
