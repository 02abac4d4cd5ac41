//! An identity that depends on an amount AMT-001 reports is not judged on it:
//! the invalid cell counts as zero in the sums, so the difference it would
//! print is not a difference at all. The identity says instead that it was
//! skipped, and because of which cell — the cell is reported once, by AMT-001.

use super::Ctx;
use crate::amount::Amount;
use crate::index::RowFact;
use crate::model::{EconomicRow, Inputs, ProcurementRow};

/// The invalid amounts an identity depends on: (JSON path, label), in input order.
#[derive(Debug, Default)]
pub(super) struct Invalid(Vec<(String, String)>);

impl Invalid {
    fn cell(
        &mut self,
        amount: &Amount,
        path: impl FnOnce() -> String,
        label: impl FnOnce() -> String,
    ) {
        if amount.error().is_some() {
            self.0.push((path(), label()));
        }
    }

    /// 本年预算数 of the budget rows `pick` selects.
    pub(super) fn rows(&mut self, ctx: &Ctx<'_>, pick: impl Fn(&RowFact) -> bool) {
        for (i, (r, f)) in ctx.inputs.rows.iter().zip(ctx.rows.facts()).enumerate() {
            if !f.valid() && pick(f) {
                self.cell(
                    &r.this_year,
                    || format!("rows[{i}].this_year"),
                    || format!("{}本年预算数", ctx.row_label(r)),
                );
            }
        }
    }

    /// The amounts of the economic rows `pick` selects.
    pub(super) fn economic(&mut self, ctx: &Ctx<'_>, pick: impl Fn(&EconomicRow) -> bool) {
        for (i, e) in ctx
            .inputs
            .economic_rows
            .iter()
            .enumerate()
            .filter(|(_, e)| pick(e))
        {
            self.cell(
                &e.amount,
                || format!("economic_rows[{i}].amount"),
                || format!("基本支出经济分类 {} 金额", ctx.economic_label(&e.code)),
            );
        }
    }

    /// The amounts of the procurement lines `pick` selects.
    pub(super) fn procurement(&mut self, inputs: &Inputs, pick: impl Fn(&ProcurementRow) -> bool) {
        for (i, p) in inputs
            .procurement
            .iter()
            .enumerate()
            .filter(|(_, p)| pick(p))
        {
            self.cell(
                &p.amount,
                || format!("procurement[{i}].amount"),
                || {
                    format!(
                        "政府采购 {}（{}）金额",
                        p.category.label(),
                        p.source.label()
                    )
                },
            );
        }
    }

    /// The message of an identity (`what` it compares) skipped because of
    /// these cells; `None` when every cell it depends on is valid.
    pub(super) fn skipped(&self, what: &str) -> Option<String> {
        let ((path, label), rest) = self.0.split_first()?;
        let more = if rest.is_empty() {
            String::new()
        } else {
            format!("等 {} 处", rest.len() + 1)
        };
        Some(format!(
            "未核对{what}：所依据的{label}不是有效金额（{path}{more}，见 AMT-001），改正后才能核对"
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::amount::Amount;
    use crate::file::{Opened, open};
    use crate::{check, derive};

    fn sample() -> crate::Inputs {
        let bytes = include_bytes!("../../../../fixtures/dadukou-2021.json");
        match open(bytes) {
            Ok(Opened::Inputs { inputs, .. }) => inputs,
            other => panic!("the sample is bare inputs: {other:?}"),
        }
    }

    fn messages(inputs: &crate::Inputs) -> Vec<String> {
        check(inputs, &derive(inputs))
            .iter()
            .filter(|f| f.is_error() || f.check.starts_with("IDN"))
            .map(|f| format!("{} {}", f.check, f.message))
            .collect()
    }

    #[test]
    fn an_invalid_row_amount_is_reported_once_and_the_identity_says_it_was_skipped() {
        let mut inputs = sample();
        inputs.rows[0].this_year = Amount::from_text("12.345");
        assert_eq!(
            messages(&inputs),
            [
                "AMT-001 2010301 行政运行（一般公共预算拨款·基本支出）本年预算数：“12.345”的小数超过 2 位，金额最多精确到分",
                "IDN-001 未核对基本支出经济分类合计（表3）与一般公共预算拨款基本支出合计：所依据的2010301 行政运行（一般公共预算拨款·基本支出）本年预算数不是有效金额（rows[0].this_year，见 AMT-001），改正后才能核对",
            ]
        );
    }

    #[test]
    fn an_invalid_economic_amount_skips_the_identities_on_it() {
        let mut inputs = sample();
        let i = inputs
            .economic_rows
            .iter()
            .position(|e| e.code == "30113")
            .unwrap();
        inputs.economic_rows[i].amount = Amount::from_text("41万");
        let found = messages(&inputs);
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(found[0].starts_with("AMT-001 "), "{found:#?}");
        let skipped = format!("economic_rows[{i}].amount，见 AMT-001），改正后才能核对");
        assert!(found[1].starts_with("IDN-001 未核对") && found[1].contains(&skipped));
        assert!(found[2].starts_with("IDN-003 未核对基本支出经济分类 30113 住房公积金 与功能分类"));
        assert!(found.iter().all(|m| !m.contains("相差")), "{found:#?}");
    }
}
