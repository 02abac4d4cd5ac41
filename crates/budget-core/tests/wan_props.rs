//! Property tests of 万元 tables: for random forms, every 万元 table of
//! `derive()` balances in every sum and no figure is printed more than
//! 0.01 万元 from its own rounding.

use budget_core::table::{Cell, ColumnSum, RowKind, RowSum, Sums, Table, TableRow};
use budget_core::wan::{WanTable, to_wan};
use budget_synthetic::generate;
use proptest::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};

/// The first figure of `source` printed more than one unit from its rounding.
fn far_figure(source: &Table, w: &WanTable) -> Option<String> {
    let unit = Decimal::new(1, w.precision);
    for (r, row) in source.rows.iter().enumerate() {
        for (c, cell) in row.cells.iter().enumerate() {
            let Cell::Money(yuan) = cell else { continue };
            let plain = (yuan / Decimal::from(10_000))
                .round_dp_with_strategy(w.precision, RoundingStrategy::MidpointAwayFromZero);
            match w.table.rows[r].cells.get(c) {
                Some(Cell::Wan(got)) if (*got - plain).abs() <= unit => {}
                other => return Some(format!("{} {r}:{c}: {other:?} vs {plain}", source.id)),
            }
        }
    }
    None
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_wan_table_of_a_random_form_balances(
        rows in 1usize..120,
        seed in any::<u64>(),
        precision in prop_oneof![Just(2u32), 0u32..=4],
    ) {
        let d = budget_core::derive(&generate(rows, seed));
        for t in &d.tables {
            let w = to_wan(t, precision).unwrap();
            prop_assert!(w.is_balanced(), "{}: {:?}", t.id, w.unbalanced);
            let off = w.sums_not_adding_up();
            prop_assert!(off.is_empty(), "{}: {:?}", t.id, off);
            if let Some(far) = far_figure(t, &w) {
                prop_assert!(false, "{}", far);
            }
        }
    }
}

/// Random forms do drift: a test of balancing that never had to move a figure
/// would prove nothing.
#[test]
fn random_forms_need_balancing() {
    let moved: usize = (0..8)
        .map(|seed| {
            let d = budget_core::derive(&generate(200, seed));
            d.tables
                .iter()
                .map(|t| to_wan(t, 2).unwrap().adjusted.len())
                .sum::<usize>()
        })
        .sum();
    assert!(moved > 0);
}

/// A table built directly: a 合计 line over a tree of lines (`shape[d]`
/// lines under each line at depth `d`, each a sum of the lines under it), a
/// 合计 column (cell 2) over `parts` columns, and one column on its own (cell 1,
/// like 表2's last year); leaves in 分 drawn from `leaves` in turn.
struct Grid<'a> {
    shape: &'a [usize],
    parts: usize,
    leaves: &'a [i64],
    next_leaf: usize,
    /// Per line: its figures (own column, 合计, parts), in 分.
    values: Vec<Vec<i64>>,
    row_sums: Vec<RowSum>,
}

impl Grid<'_> {
    /// Push the line at `depth` and everything under it; its row index.
    fn line(&mut self, depth: usize) -> usize {
        let at = self.values.len();
        self.values.push(vec![0; self.parts + 2]);
        let children = self.shape.get(depth).copied().unwrap_or(0);
        if children == 0 {
            let mut v = vec![0; self.parts + 2];
            for (c, slot) in v.iter_mut().enumerate().filter(|(c, _)| *c != 1) {
                let leaf = self.leaves[self.next_leaf % self.leaves.len()];
                self.next_leaf += 1;
                *slot = leaf * (c as i64 % 3 + 1);
            }
            v[1] = v[2..].iter().sum();
            self.values[at] = v;
        } else {
            let kids: Vec<usize> = (0..children).map(|_| self.line(depth + 1)).collect();
            let mut v = vec![0; self.parts + 2];
            for k in &kids {
                for (sum, x) in v.iter_mut().zip(&self.values[*k]) {
                    *sum += x;
                }
            }
            self.values[at] = v;
            self.row_sums.push(RowSum {
                total: at,
                parts: kids,
                cells: (1..self.parts + 3).collect(),
            });
        }
        at
    }
}

fn grid(shape: &[usize], parts: usize, leaves: &[i64]) -> Table {
    let mut g = Grid {
        shape,
        parts,
        leaves,
        next_leaf: 0,
        values: Vec::new(),
        row_sums: Vec::new(),
    };
    g.line(0);
    let rows: Vec<TableRow> = g
        .values
        .iter()
        .enumerate()
        .map(|(i, v)| TableRow {
            kind: if i == 0 {
                RowKind::Total
            } else {
                RowKind::Detail
            },
            cells: std::iter::once(Cell::text("行"))
                .chain(v.iter().map(|&f| Cell::Money(Decimal::new(f, 2))))
                .collect(),
        })
        .collect();
    let all_rows = (0..rows.len()).collect();
    Table {
        id: "grid".into(),
        number: "表".into(),
        title: "随机表".into(),
        unit: "单位：元".into(),
        header: Vec::new(),
        rows,
        note: None,
        sums: Sums {
            rows: g.row_sums,
            columns: vec![ColumnSum {
                total: 2,
                parts: (3..parts + 3).collect(),
                rows: all_rows,
            }],
        },
        zeros_shown: false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Trees of lines under 合计 with a 合计 column over several columns: the
    /// two directions always balance together.
    #[test]
    fn random_grids_balance_in_both_directions(
        shape in prop::collection::vec(1usize..5, 1..4),
        parts in 1usize..6,
        leaves in prop::collection::vec(prop_oneof![Just(0i64), 0i64..1_000_000, 0i64..200], 1..40),
        precision in prop_oneof![Just(2u32), 0u32..=4],
    ) {
        let t = grid(&shape, parts, &leaves);
        let w = to_wan(&t, precision).unwrap();
        prop_assert!(w.is_balanced(), "{:?}", w.unbalanced);
        let off = w.sums_not_adding_up();
        prop_assert!(off.is_empty(), "{:?}", off);
        if let Some(far) = far_figure(&t, &w) {
            prop_assert!(false, "{}", far);
        }
        // The grand total is never moved.
        let plain = (t.rows[0].cells[2].money().unwrap() / Decimal::from(10_000))
            .round_dp_with_strategy(precision, RoundingStrategy::MidpointAwayFromZero);
        prop_assert_eq!(w.table.rows[0].cells[2].money(), Some(plain));
    }
}
