use std::str::FromStr;

use super::*;
use crate::table::{ColumnSum, HeaderCell, RowKind, RowSum, Sums, TableRow};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// A table of lines `label | figures…` (元), header `项目 | columns…`.
fn table(columns: &[&str], lines: &[(&str, &[&str])], sums: Sums) -> Table {
    Table {
        id: "t".into(),
        number: "表".into(),
        title: "测试表".into(),
        unit: "单位：元".into(),
        header: vec![
            std::iter::once("项目")
                .chain(columns.iter().copied())
                .map(HeaderCell::new)
                .collect(),
        ],
        rows: lines
            .iter()
            .map(|(label, figures)| TableRow {
                kind: RowKind::Detail,
                cells: std::iter::once(Cell::text(label.to_string()))
                    .chain(figures.iter().map(|f| Cell::Money(d(f))))
                    .collect(),
            })
            .collect(),
        note: None,
        sums,
        zeros_shown: false,
    }
}

fn rows(total: usize, parts: &[usize], cells: &[usize]) -> RowSum {
    RowSum {
        total,
        parts: parts.to_vec(),
        cells: cells.to_vec(),
    }
}

fn columns(total: usize, parts: &[usize], rows: &[usize]) -> ColumnSum {
    ColumnSum {
        total,
        parts: parts.to_vec(),
        rows: rows.to_vec(),
    }
}

/// Column `cell` as printed.
fn printed(w: &WanTable, cell: usize) -> Vec<String> {
    (0..w.table.rows.len())
        .map(|r| w.display(r, cell))
        .collect()
}

/// Each figure printed within one unit of its plain rounding.
fn assert_near(w: &WanTable, source: &Table) {
    for (r, row) in source.rows.iter().enumerate() {
        for (c, cell) in row.cells.iter().enumerate() {
            let Cell::Money(yuan) = cell else { continue };
            let plain = (yuan / Decimal::from(10_000)).round_dp_with_strategy(
                w.precision,
                rust_decimal::RoundingStrategy::MidpointAwayFromZero,
            );
            let Some(Cell::Wan(got)) = w.table.rows[r].cells.get(c) else {
                panic!("{r}:{c} is not a 万元 figure");
            };
            assert!(
                (*got - plain).abs() <= Decimal::new(1, w.precision),
                "{r}:{c}: {got} vs plain {plain}"
            );
        }
    }
}

#[test]
fn a_class_whose_items_round_over_gives_back_the_first_tied_item() {
    // 3 × 16,666.67 = 50,000.01: each 1.67 (1.666667), the total 5.00.
    let t = table(
        &["金额"],
        &[
            ("201 一般公共服务支出", &["50000.01"]),
            ("2010301 行政运行", &["16666.67"]),
            ("2010302 一般行政管理事务", &["16666.67"]),
            ("2010303 机关服务", &["16666.67"]),
        ],
        Sums {
            rows: vec![rows(0, &[1, 2, 3], &[1])],
            columns: Vec::new(),
        },
    );
    let w = to_wan(&t, 2).unwrap();
    assert_eq!(printed(&w, 1), ["5.00", "1.66", "1.67", "1.67"]);
    assert!(w.is_balanced());
    assert!(w.sums_not_adding_up().is_empty());
    assert_eq!(w.adjusted.len(), 1);
    let a = &w.adjusted[0];
    assert_eq!((a.row, a.cell), (1, 1));
    assert_eq!(a.row_label, "2010301 行政运行");
    assert_eq!(a.column, "金额");
    assert_eq!(
        (a.yuan, a.rounded, a.printed),
        (d("16666.67"), d("1.67"), d("1.66"))
    );
    assert_eq!(w.table.unit, "单位：万元");
    assert_eq!(
        w.table.note.as_deref(),
        Some(
            "注：本表按四舍五入取至0.01万元，并经舍位平衡调整：2010301 行政运行（金额）由 1.67 调为 1.66。"
        )
    );
}

#[test]
fn the_part_with_the_largest_dropped_fraction_takes_the_cent() {
    // 0.1246 + 0.1249 + 0.1241 = 0.3736 → 0.37; the parts round to 0.12 each.
    let t = table(
        &["金额"],
        &[
            ("合计", &["3736"]),
            ("甲", &["1246"]),
            ("乙", &["1249"]),
            ("丙", &["1241"]),
        ],
        Sums {
            rows: vec![rows(0, &[1, 2, 3], &[1])],
            columns: Vec::new(),
        },
    );
    let w = to_wan(&t, 2).unwrap();
    assert_eq!(printed(&w, 1), ["0.37", "0.12", "0.13", "0.12"]);
    assert_eq!(w.adjusted.len(), 1);
    assert_eq!(w.adjusted[0].row_label, "乙");
}

#[test]
fn a_row_whose_columns_drift_balances_into_its_total_column() {
    // 合计 = 三 parts of 3,333.33…: 1.00 printed, the parts 0.33 each.
    let t = table(
        &["合计", "甲", "乙", "丙"],
        &[("一行", &["10000", "3333.34", "3333.33", "3333.33"])],
        Sums {
            rows: Vec::new(),
            columns: vec![columns(1, &[2, 3, 4], &[0])],
        },
    );
    let w = to_wan(&t, 2).unwrap();
    let line: Vec<String> = (1..5).map(|c| w.display(0, c)).collect();
    assert_eq!(line, ["1.00", "0.34", "0.33", "0.33"]);
    assert!(w.is_balanced());
    assert_eq!(w.adjusted[0].column, "甲");
}

#[test]
fn nested_groups_balance_top_down() {
    // 合计 → 类 → 款 → 项: every line rounds on its own, and each level
    // drifts; every group must add up as printed.
    let t = table(
        &["金额"],
        &[
            ("合计", &["100005"]),
            ("201", &["66670"]),
            ("20101", &["33335"]),
            ("2010101", &["11111.67"]),
            ("2010102", &["11111.67"]),
            ("2010103", &["11111.66"]),
            ("20102", &["33335"]),
            ("2010201", &["33335"]),
            ("205", &["33335"]),
            ("2050101", &["16667.5"]),
            ("2050102", &["16667.5"]),
        ],
        Sums {
            rows: vec![
                rows(0, &[1, 8], &[1]),
                rows(1, &[2, 6], &[1]),
                rows(2, &[3, 4, 5], &[1]),
                rows(6, &[7], &[1]),
                rows(8, &[9, 10], &[1]),
            ],
            columns: Vec::new(),
        },
    );
    let w = to_wan(&t, 2).unwrap();
    assert!(w.sums_not_adding_up().is_empty(), "{:?}", printed(&w, 1));
    assert!(w.is_balanced());
    assert_near(&w, &t);
    // The grand total is never moved.
    assert_eq!(w.display(0, 1), "10.00");
}

#[test]
fn rows_and_columns_balance_together_where_separate_rounding_cannot() {
    // Units of 100 元. Rows round to 21 + 20 + 20 = 61 = the total, columns to
    // 31 + 31 = 62: the two directions have to be solved together.
    let t = table(
        &["合计", "甲", "乙"],
        &[
            ("合计", &["6145", "3085", "3060"]),
            ("一", &["2060", "1000", "1060"]),
            ("二", &["2045", "1045", "1000"]),
            ("三", &["2040", "1040", "1000"]),
        ],
        Sums {
            rows: vec![rows(0, &[1, 2, 3], &[1, 2, 3])],
            columns: vec![columns(1, &[2, 3], &[0, 1, 2, 3])],
        },
    );
    let w = to_wan(&t, 2).unwrap();
    assert!(w.sums_not_adding_up().is_empty(), "{:?}", w.table.rows);
    assert!(w.is_balanced());
    assert_near(&w, &t);
    assert_eq!(w.display(0, 1), "0.61");
}

#[test]
fn exact_figures_and_zeros_never_move() {
    let t = table(
        &["金额"],
        &[
            ("合计", &["20000.01"]),
            ("甲", &["10000"]),
            ("乙", &["0"]),
            ("丙", &["10000.01"]),
        ],
        Sums {
            rows: vec![rows(0, &[1, 2, 3], &[1])],
            columns: Vec::new(),
        },
    );
    let w = to_wan(&t, 2).unwrap();
    assert_eq!(printed(&w, 1), ["2.00", "1.00", "", "1.00"]);
    assert!(w.adjusted.is_empty());
    assert_eq!(
        w.table.note.as_deref(),
        Some("注：本表按四舍五入取至0.01万元。")
    );
}

#[test]
fn half_a_unit_rounds_away_from_zero() {
    let t = table(
        &["金额"],
        &[("甲", &["125"]), ("乙", &["-125"]), ("丙", &["135"])],
        Sums::default(),
    );
    let w = to_wan(&t, 2).unwrap();
    assert_eq!(printed(&w, 1), ["0.01", "-0.01", "0.01"]);
    let w = to_wan(&t, 4).unwrap();
    assert_eq!(printed(&w, 1), ["0.0125", "-0.0125", "0.0135"]);
    let w = to_wan(&t, 3).unwrap();
    assert_eq!(printed(&w, 1), ["0.013", "-0.013", "0.014"]);
}

#[test]
fn a_declared_sum_that_does_not_hold_is_reported_not_forced() {
    let t = table(
        &["金额"],
        &[("合计", &["30000"]), ("甲", &["10000"]), ("乙", &["10000"])],
        Sums {
            rows: vec![rows(0, &[1, 2], &[1])],
            columns: Vec::new(),
        },
    );
    let w = to_wan(&t, 2).unwrap();
    assert_eq!(w.unbalanced, [Unbalanced::NotASum("合计（金额）".into())]);
    assert_eq!(printed(&w, 1), ["3.00", "1.00", "1.00"]);
    assert_eq!(
        w.unbalanced[0].to_string(),
        "合计（金额）：元数本身不相等，未作舍位平衡"
    );
}

#[test]
fn a_figure_in_three_sums_is_reported_and_left_plainly_rounded() {
    // 甲 is a part of two row sums and of a column sum.
    let t = table(
        &["合计", "甲"],
        &[
            ("合计一", &["10000.5", "10000.5"]),
            ("合计二", &["10000.5", "10000.5"]),
            ("甲", &["10000.5", "10000.5"]),
        ],
        Sums {
            rows: vec![rows(0, &[2], &[2]), rows(1, &[2], &[2])],
            columns: vec![columns(1, &[2], &[2])],
        },
    );
    let w = to_wan(&t, 2).unwrap();
    assert!(matches!(
        w.unbalanced.as_slice(),
        [Unbalanced::NotANetwork(_)]
    ));
    assert!(w.adjusted.is_empty());
}

#[test]
fn too_many_decimals_is_an_error() {
    let t = table(&["金额"], &[("甲", &["1"])], Sums::default());
    assert_eq!(to_wan(&t, 7), Err(WanError::Precision(7)));
    assert!(to_wan(&t, MAX_PRECISION).is_ok());
}

#[test]
fn a_figure_too_large_for_units_is_reported() {
    let t = table(
        &["金额"],
        &[("甲", &["79228162514264337593543950335"])],
        Sums::default(),
    );
    let w = to_wan(&t, 6).unwrap();
    assert!(matches!(w.unbalanced.as_slice(), [Unbalanced::TooLarge(_)]));
}

#[test]
fn cells_already_in_wan_are_kept() {
    let mut t = table(&["金额"], &[], Sums::default());
    t.rows.push(TableRow {
        kind: RowKind::Detail,
        cells: vec![Cell::text("支出预算总量"), Cell::Wan(d("1190.64"))],
    });
    let w = to_wan(&t, 2).unwrap();
    assert_eq!(w.table.rows, t.rows);
    assert_eq!(w.table.note, None);
}

#[test]
fn header_spans_name_the_column_under_them() {
    let mut t = table(&[], &[("合计", &["1", "2", "3"])], Sums::default());
    t.header = vec![
        vec![
            HeaderCell::span("项目", 1, 2),
            HeaderCell::span("上年", 1, 2),
            HeaderCell::span("本年", 2, 1),
        ],
        vec![HeaderCell::new("基本支出"), HeaderCell::new("项目支出")],
    ];
    assert_eq!(header_path(&t, 1), ["上年"]);
    assert_eq!(header_path(&t, 2), ["本年", "基本支出"]);
    assert_eq!(header_path(&t, 3), ["本年", "项目支出"]);
    assert_eq!(column_label(&t, 0, 3), "项目支出");
}

#[test]
fn sums_pinned_by_fixed_totals_on_both_sides_are_reported_as_unbalanceable() {
    // 合计 = 甲 + 乙 (0.008 万 → 0.01), but 甲 and 乙 are each the only part of
    // a total of their own (0.004 万 → 0.00) that nothing moves: no rounding
    // within 0.01 adds up, and 合计 says so.
    let t = table(
        &["金额", "另列"],
        &[
            ("合计", &["80", "0"]),
            ("甲", &["40", "40"]),
            ("乙", &["40", "40"]),
        ],
        Sums {
            rows: vec![rows(0, &[1, 2], &[1])],
            columns: vec![columns(2, &[1], &[1, 2])],
        },
    );
    let w = to_wan(&t, 2).unwrap();
    assert_eq!(
        w.unbalanced,
        [Unbalanced::NoRounding("合计（金额）".into())]
    );
    assert!(!w.is_balanced());
    assert_eq!(w.sums_not_adding_up(), ["0:1"]);
    assert_eq!(printed(&w, 1), ["0.01", "0.00", "0.00"]);
    assert_eq!(
        w.unbalanced[0].to_string(),
        "合计（金额）：在每格调整不超过一个尾数单位的条件下无法平衡"
    );
}

#[test]
fn figures_at_the_edge_of_the_units_do_not_overflow() {
    // Each part fits the units (9.2e18 at 6 decimals is 9.2e16 元), their sum
    // does not: reported, no panic.
    let t = table(
        &["金额"],
        &[
            ("合计", &["184467440737095516.14"]),
            ("甲", &["92233720368547758.07"]),
            ("乙", &["92233720368547758.07"]),
        ],
        Sums {
            rows: vec![rows(0, &[1, 2], &[1])],
            columns: Vec::new(),
        },
    );
    let w = to_wan(&t, 6).unwrap();
    assert!(matches!(w.unbalanced.as_slice(), [Unbalanced::TooLarge(_)]));
    assert!(w.adjusted.is_empty());
    let w = to_wan(&t, 2).unwrap();
    assert!(w.is_balanced(), "{:?}", w.unbalanced);
}
