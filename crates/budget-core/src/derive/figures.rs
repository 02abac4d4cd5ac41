//! The per-code figures every coded table reads, summed once over the rows,
//! and the per-类 sums of 表6.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::amount::CentSum;
use crate::catalog::{Catalog, Entry, code_key};
use crate::index::CodeIndex;
use crate::model::{ExpenditureType, Fund, FundingSource, Inputs, trim_code};
use crate::narrative::{RowSums, RowSumsAcc};

use super::layout::*;

/// This year's (and 一般公共预算 last year's) figures of one function code,
/// summed over its rows in one pass; every per-code table reads from these.
#[derive(Debug, Clone)]
pub(super) struct CodeFigures<'a> {
    pub(super) code: &'a str,
    /// `catalog::code_key` of the code (`None` when longer than 7 bytes).
    pub(super) key: Option<u64>,
    /// The catalog entry, looked up once for every table.
    pub(super) entry: Option<&'static Entry>,
    pub(super) by_source: [CentSum; FundingSource::ALL.len()],
    pub(super) by_type: [CentSum; ExpenditureType::ALL.len()],
    pub(super) total: CentSum,
    /// 一般公共预算 (current and carried over): last year, this year, 基本, 项目.
    pub(super) general: [CentSum; 4],
    /// 政府性基金 (current and carried over): this year, 基本, 项目.
    pub(super) gov_fund: [CentSum; 3],
    /// 国有资本经营预算 (current and carried over): this year, 基本, 项目.
    pub(super) state_capital: [CentSum; 3],
}

impl<'a> CodeFigures<'a> {
    /// Per code, in code order; and the narrative's row sums, gathered in the
    /// same pass.
    pub(super) fn collect(
        inputs: &'a Inputs,
        cat: &'static Catalog,
    ) -> (Vec<CodeFigures<'a>>, RowSums) {
        let mut row_sums = RowSumsAcc::default();
        let mut index = CodeIndex::with_capacity(1024);
        let mut out: Vec<CodeFigures> = Vec::with_capacity(1024);
        for r in &inputs.rows {
            let code = trim_code(&r.code);
            let (i, new) = index.insert(code);
            if new {
                out.push(CodeFigures {
                    code,
                    key: code_key(code),
                    entry: None,
                    by_source: Default::default(),
                    by_type: Default::default(),
                    total: CentSum::default(),
                    general: Default::default(),
                    gov_fund: Default::default(),
                    state_capital: Default::default(),
                });
            }
            let Some(f) = out.get_mut(i as usize) else {
                continue;
            };
            row_sums.add(r);
            let this = &r.this_year;
            f.total.add(this);
            f.by_source[r.source as usize].add(this);
            f.by_type[r.kind as usize].add(this);
            let col = match r.kind {
                ExpenditureType::Basic => Some(2),
                ExpenditureType::Project => Some(3),
                _ => None,
            };
            match r.source.fund() {
                Some(Fund::General) => {
                    f.general[0].add(&r.last_year);
                    f.general[1].add(this);
                    if let Some(c) = col {
                        f.general[c].add(this);
                    }
                }
                Some(fund @ (Fund::GovFund | Fund::StateCapital)) => {
                    let sums = if fund == Fund::GovFund {
                        &mut f.gov_fund
                    } else {
                        &mut f.state_capital
                    };
                    sums[0].add(this);
                    if let Some(c) = col {
                        sums[c - 1].add(this);
                    }
                }
                None => {}
            }
        }
        // The codes are distinct, so any sort gives the one order. Key order
        // is code order (see `code_key`).
        sort_once::sort_by(&mut out, |a, b| match (a.key, b.key) {
            (Some(x), Some(y)) => x.cmp(&y),
            _ => a.code.cmp(b.code),
        });
        for f in &mut out {
            f.entry = f.key.and_then(|k| cat.get_key(k));
        }
        (out, row_sums.sums())
    }
    /// This year's total per 类 (3-digit prefix), in code order.
    pub(super) fn class_totals(codes: &[CodeFigures]) -> Vec<(String, Decimal)> {
        let mut out: Vec<(String, CentSum)> = Vec::new();
        for f in codes {
            let class = class_of(f.code);
            match out.last_mut() {
                Some((c, sum)) if c == class => sum.add_sum(f.total),
                _ => out.push((class.to_string(), f.total)),
            }
        }
        out.into_iter().map(|(c, s)| (c, s.to_decimal())).collect()
    }
    /// This year's 财政拨款 per code, in code order, zero left out: what
    /// `RowCodes::fiscal_items` gives from the rows.
    pub(super) fn fiscal_items(codes: &[CodeFigures<'a>]) -> Vec<(&'a str, Decimal)> {
        codes
            .iter()
            .map(|f| (f.code, f.by_fund()[0].to_decimal()))
            .filter(|(_, v)| !v.is_zero())
            .collect()
    }
    pub(super) fn source(&self, s: FundingSource) -> CentSum {
        self.by_source[s as usize]
    }
    /// This year's 财政拨款 of the code: the whole, then by fund (一般公共预算,
    /// 政府性基金, 国有资本经营预算), as the 财政拨款 tables show it.
    pub(super) fn by_fund(&self) -> [CentSum; 4] {
        let mut e = [CentSum::default(); 4];
        for s in FundingSource::ALL {
            let Some(fund) = s.fund() else { continue };
            e[0].add_sum(self.source(s));
            e[1 + fund as usize].add_sum(self.source(s));
        }
        e
    }
    /// The code and its figures for one coded table.
    pub(super) fn item<const N: usize>(&self, values: [CentSum; N]) -> Item<'a, N> {
        Item {
            code: self.code,
            entry: self.entry,
            values,
        }
    }
}

/// This year's total per 类 (3-digit prefix), for 表6.
pub(super) struct ClassSums<'a>(pub(super) BTreeMap<&'a str, CentSum>);

impl<'a> ClassSums<'a> {
    /// From the per-code figures (when every table is derived).
    pub(super) fn of_codes(codes: &[CodeFigures<'a>]) -> Self {
        let m = per_class(codes.iter().map(|f| (f.code, [f.total])));
        ClassSums(sort_once::btree_map(m.into_iter().map(|(c, [s])| (c, s))))
    }
    /// From each distinct code (as typed) of the rows with this year's sum
    /// over its rows (表6 alone, for the live checks).
    pub(super) fn of_code_sums(codes: impl Iterator<Item = (&'a str, CentSum)>) -> Self {
        // A few dozen 类 among ~1,000 codes: summed by a dense 类 id, sorted once.
        let mut index = CodeIndex::with_capacity(64);
        let mut sums: Vec<CentSum> = Vec::with_capacity(64);
        for (code, sum) in codes {
            let (id, new) = index.insert(class_of(trim_code(code)));
            if new {
                sums.push(CentSum::default());
            }
            if let Some(s) = sums.get_mut(id as usize) {
                s.add_sum(sum);
            }
        }
        ClassSums(sort_once::btree_map(
            index.codes().iter().copied().zip(sums),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::amount::Amount;
    use crate::catalog::InForce;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// The 项 list `derive` hands the narrative is the one NAR-006 and
        /// the 说明文字 form compute from the rows: codes typed with spaces
        /// around, rows summing to zero and rows of every source included.
        #[test]
        fn fiscal_items_of_the_codes_are_those_of_the_rows(
            rows in 0usize..200,
            seed in any::<u64>(),
            pad in 0usize..3,
            zero in 0usize..5,
        ) {
            // budget-synthetic builds another instance of this crate's types.
            let json = serde_json::to_string(&budget_synthetic::generate(rows, seed)).unwrap();
            let mut inputs: Inputs = serde_json::from_str(&json).unwrap();
            for (i, r) in inputs.rows.iter_mut().enumerate() {
                if i % 3 == pad {
                    r.code = format!(" {}\t", r.code);
                }
                if i % 5 == zero {
                    r.this_year = Amount::from_text("0");
                }
            }
            let cat = InForce::builtin(inputs.unit.fiscal_year).function();
            let (codes, _) = CodeFigures::collect(&inputs, cat);
            prop_assert_eq!(
                CodeFigures::fiscal_items(&codes),
                crate::index::RowCodes::of(&inputs).fiscal_items()
            );
        }
    }
}
