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

/// The selected cells: the rectangle spanned by the anchor and the active cell,
/// or, after Ctrl+A, every cell of the grid (the active cell stays where it was).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Selection {
    /// Where the selection started (Shift extends from here).
    pub anchor: Pos,
    /// The cell with focus.
    pub active: Pos,
    /// Every cell is selected (Ctrl+A).
    pub all: bool,
}

impl Selection {
    /// The selected rectangle `(top, left, bottom, right)` of a grid of
    /// `rows` × `cols` cells.
    pub fn rect(&self, rows: usize, cols: usize) -> (usize, usize, usize, usize) {
        if self.all && rows > 0 && cols > 0 {
            (0, 0, rows - 1, cols - 1)
        } else {
            rect(self.anchor, self.active)
        }
    }
    /// True when cell `p` is selected.
    pub fn contains(&self, p: Pos) -> bool {
        self.all || contains(self.anchor, self.active, p)
    }
    /// True when more than one cell of a `rows` × `cols` grid is selected.
    pub fn is_range(&self, rows: usize, cols: usize) -> bool {
        let (t, l, b, r) = self.rect(rows, cols);
        t != b || l != r
    }
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
    fn select_all_spans_the_grid_and_keeps_the_active_cell() {
        let s = Selection {
            anchor: (3, 1),
            active: (3, 1),
            all: false,
        };
        assert_eq!(s.rect(10, 4), (3, 1, 3, 1));
        assert!(!s.is_range(10, 4));
        let all = Selection { all: true, ..s };
        assert_eq!(all.rect(10, 4), (0, 0, 9, 3));
        assert!(all.contains((9, 0)) && all.contains((0, 3)));
        assert_eq!(all.active, (3, 1));
        assert!(all.is_range(10, 4));
        assert!(!all.is_range(1, 1), "one cell is not a range");
        // An empty grid has no rectangle of its own: the corners stand.
        assert_eq!(all.rect(0, 4), (3, 1, 3, 1));
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
