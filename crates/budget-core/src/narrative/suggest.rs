//! 机关运行经费's usual value: the 公用经费 of the 一般公共预算 basic
//! expenditure (表3: every economic line but 301 工资福利支出 and 303 对个人
//! 和家庭的补助), offered to the clerk with how it was computed, never filled
//! in by itself.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::amount::{CentSum, InputUnit, canonical, format_wan_fixed, format_yuan, to_wan};
use crate::catalog;
use crate::model::Inputs;
use crate::totals::is_personnel;

/// A suggested 机关运行经费 for this year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunningCostSuggestion {
    /// The figure in 元.
    pub yuan: Decimal,
    /// How it was computed, for the clerk: the 表3 classes it sums.
    pub how: String,
}

impl RunningCostSuggestion {
    /// The figure as the clerk would type it in `unit` (`2994115.90`, or
    /// `299.41` in 万元, 四舍五入).
    pub fn text_in(&self, unit: InputUnit) -> String {
        match unit {
            InputUnit::Yuan => canonical(self.yuan),
            InputUnit::Wan => format_wan_fixed(to_wan(self.yuan), 2),
        }
    }
    /// The figure shown in `unit`: `2,994,115.90 元` or `299.41 万元`.
    pub fn shown_in(&self, unit: InputUnit) -> String {
        match unit {
            InputUnit::Yuan => format!("{} 元", format_yuan(self.yuan)),
            InputUnit::Wan => format!("{} 万元", format_wan_fixed(to_wan(self.yuan), 2)),
        }
    }
}

/// The usual 机关运行经费 of `inputs`: `None` when 表3 has no 公用经费.
pub fn running_cost_suggestion(inputs: &Inputs) -> Option<RunningCostSuggestion> {
    let mut by_class: BTreeMap<&str, CentSum> = BTreeMap::new();
    let mut total = CentSum::default();
    for e in &inputs.economic_rows {
        let code = e.code.trim();
        if e.amount.is_zero() || is_personnel(code) {
            continue;
        }
        let class = code.get(..3).unwrap_or(code);
        by_class.entry(class).or_default().add(&e.amount);
        total.add(&e.amount);
    }
    if total.is_zero() {
        return None;
    }
    let parts: Vec<String> = by_class
        .iter()
        .map(|(class, sum)| {
            let name = catalog::economic().name(class).unwrap_or("");
            format!("{class} {name} {} 元", format_yuan(sum.to_decimal())).replace("  ", " ")
        })
        .collect();
    let yuan = total.to_decimal();
    let how = if parts.len() > 1 {
        format!(
            "按表3一般公共预算财政拨款基本支出中的公用经费计算：{} = {} 元",
            parts.join(" + "),
            format_yuan(yuan)
        )
    } else {
        format!(
            "按表3一般公共预算财政拨款基本支出中的公用经费计算：{}",
            parts.join("")
        )
    };
    Some(RunningCostSuggestion { yuan, how })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Amount;
    use crate::model::EconomicRow;

    fn econ(code: &str, amount: &str) -> EconomicRow {
        EconomicRow {
            code: code.into(),
            amount: Amount::from_text(amount),
        }
    }

    #[test]
    fn the_public_expense_of_table3_by_class() {
        let inputs = Inputs {
            economic_rows: vec![
                econ("30101", "700"),
                econ("30201", "2814115.90"),
                econ("30303", "50"),
                econ("31002", "180000"),
            ],
            ..Inputs::default()
        };
        let s = running_cost_suggestion(&inputs).unwrap();
        assert_eq!(s.yuan, Decimal::new(299411590, 2));
        assert_eq!(
            s.how,
            "按表3一般公共预算财政拨款基本支出中的公用经费计算：302 商品和服务支出 2,814,115.90 元 + 310 资本性支出 180,000.00 元 = 2,994,115.90 元"
        );
        assert_eq!(s.text_in(InputUnit::Yuan), "2994115.90");
        assert_eq!(s.text_in(InputUnit::Wan), "299.41");
        assert_eq!(s.shown_in(InputUnit::Wan), "299.41 万元");
    }

    #[test]
    fn nothing_to_suggest_without_public_expense() {
        let mut inputs = Inputs::default();
        assert_eq!(running_cost_suggestion(&inputs), None);
        inputs.economic_rows = vec![econ("30101", "700")];
        assert_eq!(running_cost_suggestion(&inputs), None);
    }
}
