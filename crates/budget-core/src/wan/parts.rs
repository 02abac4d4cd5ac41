//! A total and its parts in 万元 for the 情况说明: the same 舍位平衡 as a
//! table's (`to_wan` on a one-line table whose first figure sums the rest),
//! so that the parts a sentence lists add up to the total it prints. With one
//! sum, `to_wan`'s balancing is the largest-remainder method (see the module
//! doc of `crate::wan`), done here directly: the page's live 情况说明 preview
//! uses it, and the whole table balancing stays out of the page's wasm. A
//! property test holds it equal to `to_wan`.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::amount::to_wan;

/// `total` and `parts` (元) in 万元 at 0.01: each 四舍五入, then balanced so
/// the parts add up to the total when they do in 元 (the total never moves);
/// plainly rounded when they do not.
pub fn total_and_parts(total: Decimal, parts: &[Decimal]) -> (Decimal, Vec<Decimal>) {
    let shown_total = to_wan(total);
    let mut shown: Vec<Decimal> = parts.iter().map(|&p| to_wan(p)).collect();
    if parts.iter().sum::<Decimal>() != total {
        return (shown_total, shown);
    }
    let unit = Decimal::new(1, 2);
    // Units (0.01 万元) the parts must move together: + up, − down.
    let off = ((shown_total - shown.iter().sum::<Decimal>()) / unit).trunc();
    if off.is_zero() {
        return (shown_total, shown);
    }
    let up = off.is_sign_positive();
    // Each part may print as its exact value rounded down or up, so only a
    // part rounded the other way moves, once; the ones that get least
    // farther from their exact value first (the largest dropped fraction
    // going up, the parts rounded up by the most going down), ties to the
    // earlier: each part's cost is its own, so one ordering does it.
    let mut movable: Vec<(Decimal, usize)> = (0..parts.len())
        .filter_map(|i| {
            let exact = parts[i] / Decimal::from(10_000);
            let moved = if up { shown[i] + unit } else { shown[i] - unit };
            let movable = exact != shown[i] && (exact > shown[i]) == up;
            movable.then(|| ((moved - exact).abs() - (shown[i] - exact).abs(), i))
        })
        .collect();
    sort_once::sort(&mut movable);
    let moves = off.abs().to_usize().unwrap_or(usize::MAX);
    for &(_, i) in movable.iter().take(moves) {
        shown[i] += if up { unit } else { -unit };
    }
    (shown_total, shown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::{Cell, ColumnSum, RowKind, Sums, Table, TableRow};
    use crate::wan::to_wan as table_to_wan;
    use proptest::prelude::*;
    use std::str::FromStr;

    /// What `to_wan` prints for a one-line table whose first figure sums the
    /// rest: the balancing `total_and_parts` must equal.
    fn by_table(total: Decimal, parts: &[Decimal]) -> (Decimal, Vec<Decimal>) {
        let mut cells = vec![Cell::Money(total)];
        cells.extend(parts.iter().map(|&p| Cell::Money(p)));
        let table = Table {
            id: String::new(),
            number: String::new(),
            title: String::new(),
            unit: String::new(),
            header: Vec::new(),
            note: None,
            rows: vec![TableRow {
                kind: RowKind::Total,
                cells,
            }],
            sums: Sums {
                rows: Vec::new(),
                columns: vec![ColumnSum {
                    total: 0,
                    parts: (1..=parts.len()).collect(),
                    rows: vec![0],
                }],
            },
            zeros_shown: false,
        };
        let w = table_to_wan(&table, 2).unwrap();
        let wan = |c: &Cell| match c {
            Cell::Wan(v) => *v,
            _ => Decimal::ZERO,
        };
        let row = &w.table.rows[0].cells;
        (wan(&row[0]), row[1..].iter().map(wan).collect())
    }

    proptest! {
        /// Any total and parts (分, either sign; summing in 元 or not) give
        /// what the table balancing gives.
        #[test]
        fn it_is_the_table_balancing(
            parts in proptest::collection::vec(-2_000_000_000i64..2_000_000_000, 0..7),
            sums in any::<bool>(),
            other in -2_000_000_000i64..2_000_000_000,
        ) {
            let parts: Vec<Decimal> = parts.into_iter().map(|f| Decimal::new(f, 2)).collect();
            let total = if sums { parts.iter().sum() } else { Decimal::new(other, 2) };
            prop_assert_eq!(total_and_parts(total, &parts), by_table(total, &parts));
        }

        /// Near-ties: many parts with the same or mirrored fractions.
        #[test]
        fn ties_go_as_in_the_table(
            base in 0i64..100,
            parts in proptest::collection::vec((0i64..4, -1i64..=1), 1..8),
        ) {
            let parts: Vec<Decimal> = parts
                .into_iter()
                .map(|(k, sign)| Decimal::new(sign * (base * 10_000 + k * 5_000 + 1_667), 2))
                .collect();
            let total: Decimal = parts.iter().sum();
            prop_assert_eq!(total_and_parts(total, &parts), by_table(total, &parts));
        }
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn parts_that_round_over_give_back_the_difference() {
        // 3 × 1,666.67 元 round to 0.17 each (0.51) against a total of 0.50.
        let (total, parts) = total_and_parts(d("5000.01"), &[d("1666.67"); 3]);
        assert_eq!(total, d("0.50"));
        assert_eq!(parts.iter().sum::<Decimal>(), total);
        assert_eq!(parts, [d("0.16"), d("0.17"), d("0.17")]);
    }

    #[test]
    fn changes_balance_too_and_figures_that_add_up_stay() {
        let (total, parts) = total_and_parts(d("-2854400"), &[d("-693000"), d("-2161400")]);
        assert_eq!(
            (total, parts),
            (d("-285.44"), vec![d("-69.30"), d("-216.14")])
        );
        let (total, parts) = total_and_parts(d("-5000.01"), &[d("-1666.67"); 3]);
        assert_eq!(total, d("-0.50"));
        assert_eq!(parts.iter().sum::<Decimal>(), total);
    }

    #[test]
    fn parts_that_do_not_sum_in_yuan_are_only_rounded() {
        let (total, parts) = total_and_parts(d("10000"), &[d("1666.67"); 3]);
        assert_eq!((total, parts), (d("1.00"), vec![d("0.17"); 3]));
    }
}
