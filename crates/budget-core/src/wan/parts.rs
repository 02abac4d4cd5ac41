//! A total and its parts in 万元 for the 情况说明: the same 舍位平衡 as a
//! table's (`to_wan` on a one-line table whose first figure sums the rest),
//! so that the parts a sentence lists add up to the total it prints.

use rust_decimal::Decimal;

use super::to_wan;
use crate::table::{Cell, ColumnSum, RowKind, Sums, Table, TableRow};

/// `total` and `parts` (元) in 万元 at 0.01: each 四舍五入, then balanced so
/// the parts add up to the total when they do in 元 (the total never moves);
/// plainly rounded when they do not.
pub fn total_and_parts(total: Decimal, parts: &[Decimal]) -> (Decimal, Vec<Decimal>) {
    let mut cells = Vec::with_capacity(parts.len() + 1);
    cells.push(Cell::Money(total));
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
    let wan = |c: &Cell| match c {
        Cell::Wan(v) => *v,
        _ => Decimal::ZERO,
    };
    match to_wan(&table, 2) {
        Ok(w) => {
            let row = &w.table.rows[0].cells;
            (wan(&row[0]), row[1..].iter().map(wan).collect())
        }
        Err(_) => (
            crate::amount::to_wan(total),
            parts.iter().map(|&p| crate::amount::to_wan(p)).collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

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
