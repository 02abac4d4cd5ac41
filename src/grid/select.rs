//! The selected rectangle of cells and the status line over it (计数, 求和, 平均值).

use budget_core::Amount;
use budget_core::amount::{format_yuan, sum};
use rust_decimal::Decimal;

/// A cell position: (row, data column).
pub type Pos = (usize, usize);

/// The rectangle spanned by two corners, inclusive: `(top, left, bottom, right)`.
pub fn rect(a: Pos, b: Pos) -> (usize, usize, usize, usize) {
    (a.0.min(b.0), a.1.min(b.1), a.0.max(b.0), a.1.max(b.1))
}

/// True when `p` lies in the rectangle spanned by `a` and `b`.
pub fn contains(a: Pos, b: Pos, p: Pos) -> bool {
    let (t, l, bt, r) = rect(a, b);
    (t..=bt).contains(&p.0) && (l..=r).contains(&p.1)
}

/// Excel's status line over a selection: non-empty cells are counted; valid
/// amounts are summed by the core (exact, in 分) and averaged.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    /// 计数: non-empty cells.
    pub count: usize,
    /// Valid amount cells.
    pub numbers: usize,
    /// 求和 of the valid amount cells.
    pub sum: Decimal,
}

impl Stats {
    /// Over the texts of the selected cells and the amount cells among them.
    pub fn of<'a>(texts: impl IntoIterator<Item = &'a str>, amounts: &[&'a Amount]) -> Stats {
        let valid: Vec<&Amount> = amounts
            .iter()
            .copied()
            .filter(|a| a.parsed().is_some() && !a.text().trim().is_empty())
            .collect();
        Stats {
            count: texts.into_iter().filter(|t| !t.trim().is_empty()).count(),
            numbers: valid.len(),
            sum: sum(valid),
        }
    }
    /// `计数 3  求和 1,000.00  平均值 333.33` (sum and average only over amounts).
    pub fn line(&self) -> String {
        let mut s = format!("计数 {}", self.count);
        if self.numbers > 0 {
            let avg = self.sum / Decimal::from(self.numbers);
            s.push_str(&format!(
                "　求和 {}　平均值 {}",
                format_yuan(self.sum),
                format_yuan(avg)
            ));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rect_is_ordered_whatever_the_corners() {
        assert_eq!(rect((5, 3), (2, 1)), (2, 1, 5, 3));
        assert!(contains((5, 3), (2, 1), (3, 2)));
        assert!(!contains((5, 3), (2, 1), (6, 2)));
    }

    #[test]
    fn sums_exactly_and_skips_invalid_and_blank_cells() {
        let a = [
            Amount::from_text("0.10"),
            Amount::from_text("0.20"),
            Amount::from_text("1,000.00"),
            Amount::from_text("72万"),
            Amount::from_text(""),
        ];
        let refs: Vec<&Amount> = a.iter().collect();
        let s = Stats::of(a.iter().map(|x| x.text()), &refs);
        assert_eq!(s.count, 4);
        assert_eq!(s.numbers, 3);
        assert_eq!(s.sum, Decimal::new(100030, 2));
        assert_eq!(s.line(), "计数 4　求和 1,000.30　平均值 333.43");
    }

    #[test]
    fn text_only_selection_shows_the_count() {
        let s = Stats::of(["行政运行", ""], &[]);
        assert_eq!(s.line(), "计数 1");
    }
}
