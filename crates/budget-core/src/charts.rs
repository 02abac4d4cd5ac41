//! The figures the app's 图表 draw: every bar, share and change computed here,
//! so the chart components only lay them out.
//!
//! Not part of [`crate::Derived`] (which is written into submission files):
//! the app computes these only while its 图表 view is open.

use std::collections::BTreeMap;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::amount::CentSum;
use crate::catalog::{Catalog, Level};
use crate::model::{FundingSource, Inputs, SanGongYear, trim_code};
use crate::totals::Totals;

/// One bar: a label, its figure in 元 and its length in ‰ of the chart's
/// longest bar (0 for a negative or zero figure).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// Chinese label.
    pub label: String,
    /// The figure in 元.
    pub value: Decimal,
    /// Length in ‰ of the longest bar of its chart.
    pub permille: u32,
}

/// A figure of this year beside last year's, with the change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// Chinese label (a 类 name, a 三公 item).
    pub label: String,
    /// This year, 元.
    pub this_year: Bar,
    /// Last year, 元.
    pub last_year: Bar,
    /// This year − last year, 元.
    pub change: Decimal,
}

/// One part of a whole: its figure and its share in percent (one decimal, 四舍五入).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Share {
    /// Chinese label.
    pub label: &'static str,
    /// The figure in 元.
    pub value: Decimal,
    /// Percent of the whole, one decimal (0 when the whole is zero).
    pub percent: Decimal,
    /// Its length in ‰ of the whole bar (0 when the whole is zero; a
    /// negative part counts as zero).
    pub permille: u32,
}

/// Every chart of the 图表 view.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Charts {
    /// 支出 this year by 功能分类 类, largest first (zero 类 left out).
    pub by_class: Vec<Bar>,
    /// 基本支出 and 项目支出 this year.
    pub kind_shares: Vec<Share>,
    /// 人员经费 and 公用经费 (基本支出 by 经济分类).
    pub cost_shares: Vec<Share>,
    /// This year against last year per 类, in code order (a 类 with both zero left out).
    pub class_years: Vec<Pair>,
    /// The four 三公 items, this year against last year.
    pub sangong: Vec<Pair>,
    /// 收入 this year by source, largest first (zero sources left out).
    pub income: Vec<Bar>,
}

impl Charts {
    /// The charts of `inputs` (whose `totals` are given), naming 类 from `function`.
    pub fn compute(inputs: &Inputs, totals: &Totals, function: &Catalog) -> Charts {
        let classes = class_sums(inputs);
        let name = |code: &str| {
            function
                .get(code)
                .filter(|e| e.level == Level::Class)
                .map(|e| format!("{code} {}", e.name))
                .unwrap_or_else(|| code.to_string())
        };
        let mut by_class: Vec<(String, Decimal)> = classes
            .iter()
            .filter(|(_, [this, _])| !this.is_zero())
            .map(|(code, [this, _])| (name(code), *this))
            .collect();
        // Largest first; the sort is stable, so equal figures stay in code order.
        sort_once::sort_by_key(&mut by_class, |b| std::cmp::Reverse(b.1));
        let class_years = pairs(
            classes
                .iter()
                .filter(|(_, [this, last])| !this.is_zero() || !last.is_zero())
                .map(|(code, [this, last])| (name(code), *this, *last)),
        );
        let items = |y: &SanGongYear| {
            [
                y.abroad.value(),
                y.vehicle_purchase.value(),
                y.vehicle_operation.value(),
                y.reception.value(),
            ]
        };
        let labels = [
            "因公出国（境）费",
            "公务用车购置费",
            "公务用车运行维护费",
            "公务接待费",
        ];
        let (this, last) = (
            items(&inputs.sangong.this_year),
            items(&inputs.sangong.last_year),
        );
        let sangong = pairs((0..4).map(|i| (labels[i].to_string(), this[i], last[i])));
        let mut income: Vec<(String, Decimal)> = FundingSource::ALL
            .into_iter()
            .map(|s| (s.label().to_string(), totals.source(s)))
            .filter(|(_, v)| !v.is_zero())
            .collect();
        sort_once::sort_by_key(&mut income, |b| std::cmp::Reverse(b.1));
        Charts {
            by_class: bars(by_class),
            kind_shares: shares([("基本支出", totals.basic), ("项目支出", totals.project)]),
            cost_shares: shares([
                ("人员经费", totals.personnel),
                ("公用经费", totals.public_expense),
            ]),
            class_years,
            sangong,
            income: bars(income),
        }
    }
}

/// This year and last year per 类 (3-digit prefix of the code), in code order.
fn class_sums(inputs: &Inputs) -> BTreeMap<String, [Decimal; 2]> {
    let mut sums: BTreeMap<&str, [CentSum; 2]> = BTreeMap::new();
    for r in &inputs.rows {
        let code = trim_code(&r.code);
        let class = code.get(..3).unwrap_or(code);
        let s = sums.entry(class).or_default();
        s[0].add(&r.this_year);
        s[1].add(&r.last_year);
    }
    sort_once::btree_map(
        sums.into_iter()
            .map(|(c, [this, last])| (c.to_string(), [this.to_decimal(), last.to_decimal()])),
    )
}

/// `part` in ‰ of `max` (0 for a non-positive part or max, at most 1000).
fn permille(part: Decimal, max: Decimal) -> u32 {
    if part <= Decimal::ZERO || max <= Decimal::ZERO {
        return 0;
    }
    let p = (part * Decimal::from(1000) / max)
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    u32::try_from(p.mantissa()).unwrap_or(1000).min(1000)
}

fn bars(figures: Vec<(String, Decimal)>) -> Vec<Bar> {
    let max = figures.iter().map(|f| f.1).max().unwrap_or_default();
    figures
        .into_iter()
        .map(|(label, value)| Bar {
            permille: permille(value, max),
            label,
            value,
        })
        .collect()
}

/// Pairs of (label, this year, last year), both years scaled to the largest figure of either.
fn pairs(figures: impl Iterator<Item = (String, Decimal, Decimal)>) -> Vec<Pair> {
    let figures: Vec<_> = figures.collect();
    let max = figures
        .iter()
        .map(|f| f.1.max(f.2))
        .max()
        .unwrap_or_default();
    figures
        .into_iter()
        .map(|(label, this, last)| Pair {
            this_year: Bar {
                label: "本年".to_string(),
                value: this,
                permille: permille(this, max),
            },
            last_year: Bar {
                label: "上年".to_string(),
                value: last,
                permille: permille(last, max),
            },
            change: this - last,
            label,
        })
        .collect()
}

fn shares<const N: usize>(parts: [(&'static str, Decimal); N]) -> Vec<Share> {
    let whole: Decimal = parts.iter().map(|p| p.1).sum();
    parts
        .into_iter()
        .map(|(label, value)| Share {
            label,
            value,
            permille: permille(value, whole),
            percent: if whole.is_zero() {
                Decimal::ZERO
            } else {
                (value * Decimal::ONE_HUNDRED / whole)
                    .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BudgetRow, ExpenditureType};
    use crate::{Amount, catalog};

    fn row(code: &str, kind: ExpenditureType, this: &str, last: &str) -> BudgetRow {
        BudgetRow {
            code: code.to_string(),
            kind,
            this_year: Amount::from_text(this),
            last_year: Amount::from_text(last),
            ..Default::default()
        }
    }

    fn inputs() -> Inputs {
        let mut i = Inputs {
            rows: vec![
                row("2010301", ExpenditureType::Basic, "300000", "250000"),
                row("2080501", ExpenditureType::Basic, "100000", "0"),
                row("2010350", ExpenditureType::Project, "100000.5", "150000"),
                row("2130101", ExpenditureType::Project, "0", "40000"),
            ],
            ..Default::default()
        };
        i.sangong.this_year.reception = Amount::from_text("12000");
        i.sangong.last_year.reception = Amount::from_text("15000");
        i.sangong.this_year.vehicle_operation = Amount::from_text("30000");
        i
    }

    fn charts(i: &Inputs) -> Charts {
        Charts::compute(i, &Totals::compute(i), catalog::function())
    }

    #[test]
    fn classes_are_sorted_largest_first_and_scaled_to_the_largest() {
        let c = charts(&inputs());
        let got: Vec<(&str, String, u32)> = c
            .by_class
            .iter()
            .map(|b| {
                (
                    b.label.as_str(),
                    b.value.normalize().to_string(),
                    b.permille,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("201 一般公共服务支出", "400000.5".to_string(), 1000),
                ("208 社会保障和就业支出", "100000".to_string(), 250),
            ]
        );
    }

    #[test]
    fn class_years_keep_a_class_spent_only_last_year() {
        let c = charts(&inputs());
        let got: Vec<(&str, String, String, String)> = c
            .class_years
            .iter()
            .map(|p| {
                (
                    p.label.as_str(),
                    p.this_year.value.normalize().to_string(),
                    p.last_year.value.normalize().to_string(),
                    p.change.normalize().to_string(),
                )
            })
            .collect();
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].1, "400000.5");
        assert_eq!(got[0].2, "400000");
        assert_eq!(got[0].3, "0.5");
        assert_eq!(got[2].0, "213 农林水支出");
        assert_eq!(got[2].3, "-40000");
        assert_eq!(c.class_years[2].last_year.permille, 100);
    }

    #[test]
    fn shares_round_half_away_from_zero_and_survive_a_zero_whole() {
        let c = charts(&inputs());
        let pct: Vec<String> = c
            .kind_shares
            .iter()
            .map(|s| s.percent.to_string())
            .collect();
        // 400000 / 500000.5 = 79.99992 %, 100000.5 / 500000.5 = 20.00008 %.
        assert_eq!(pct, ["80.0", "20.0"]);
        let widths: Vec<u32> = c.kind_shares.iter().map(|s| s.permille).collect();
        assert_eq!(widths, [800, 200]);
        let s = shares([("a", Decimal::ONE), ("b", Decimal::from(7))]);
        assert_eq!(s[0].percent.to_string(), "12.5");
        assert_eq!(s[1].percent.to_string(), "87.5");
        assert!(c.cost_shares.iter().all(|s| s.percent.is_zero()));
    }

    #[test]
    fn sangong_lists_the_four_items_with_their_change() {
        let c = charts(&inputs());
        let got: Vec<(&str, String, u32)> = c
            .sangong
            .iter()
            .map(|p| {
                (
                    p.label.as_str(),
                    p.change.normalize().to_string(),
                    p.this_year.permille,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("因公出国（境）费", "0".to_string(), 0),
                ("公务用车购置费", "0".to_string(), 0),
                ("公务用车运行维护费", "30000".to_string(), 1000),
                ("公务接待费", "-3000".to_string(), 400),
            ]
        );
    }

    #[test]
    fn income_by_source_leaves_out_empty_sources() {
        let mut i = inputs();
        i.rows[1].source = FundingSource::OtherIncome;
        let c = charts(&i);
        let got: Vec<(&str, u32)> = c
            .income
            .iter()
            .map(|b| (b.label.as_str(), b.permille))
            .collect();
        assert_eq!(got, [("一般公共预算拨款", 1000), ("其他收入", 250)]);
    }

    #[test]
    fn an_invalid_amount_counts_as_zero_without_panic() {
        let mut i = inputs();
        i.rows[0].this_year = Amount::from_text("abc");
        let c = charts(&i);
        assert_eq!(c.by_class[0].value.normalize().to_string(), "100000.5");
    }
}
