//! A derived table laid out as its template publishes it: number, title,
//! unit, header, codes whole or 类/款/项 apart, the 合计 line first or last,
//! zeros printed or blank, the note of an empty table. Every step keeps the
//! table's `sums` (what is summed into what) pointing at the same figures.

use crate::model::Inputs;
use std::borrow::Cow;

use crate::table::{Cell, CellText, HeaderCell, RowKind, Table, TableRow};
use crate::template::{CodeLayout, TableKind, TableSpec, TableUnit, TotalRow, Zeros, fill};

use super::layout::t;

/// Lay `tab` (table number `n`, 1-based) out by `spec`.
pub(super) fn present(mut tab: Table, spec: &TableSpec, n: usize, inputs: &Inputs) -> Table {
    tab.id = format!("table{n}");
    tab.number = format!("表{n}");
    tab.title = spec.title_for(inputs);
    tab.unit = match spec.unit {
        TableUnit::Yuan => "单位：元",
        TableUnit::Wan => "单位：万元",
    }
    .to_string();
    let coded = is_coded(&spec.kind);
    let empty = coded && tab.rows.iter().all(|r| r.kind == RowKind::Total);
    if empty {
        tab.note = spec.empty_note.as_deref().map(|n| fill(n, inputs));
    }
    if coded {
        if spec.total_row == TotalRow::Last {
            if tab.rows.is_empty() {
                let width = leaf_count(&tab.header).max(2);
                let mut cells = vec![t("合计")];
                cells.resize(width, Cell::Empty);
                tab.rows.push(TableRow {
                    kind: RowKind::Total,
                    cells,
                });
            } else {
                total_last(&mut tab);
            }
        }
        if spec.zeros == Zeros::Shown {
            tab.zeros_shown = true;
        }
        if spec.codes == CodeLayout::Split {
            let parts = if matches!(spec.kind, TableKind::EconomicBasic) {
                2
            } else {
                3
            };
            split_codes(&mut tab, parts);
        }
    }
    if let Some(header) = &spec.header {
        tab.header = header
            .iter()
            .map(|row| {
                row.iter()
                    .map(|c| HeaderCell::span(fill(&c.text, inputs), c.cols, c.rows))
                    .collect()
            })
            .collect();
    }
    tab
}

/// The kinds whose body is the coded lines of `layout::coded_rows` (合计 as
/// the first row, then 类/款/项 lines, code then name).
fn is_coded(kind: &TableKind) -> bool {
    matches!(
        kind,
        TableKind::GeneralByType { .. }
            | TableKind::FundByType { .. }
            | TableKind::EconomicBasic
            | TableKind::IncomeBySource { .. }
            | TableKind::AllByType { .. }
    )
}

/// Columns under a header (the widest header row, spans counted).
fn leaf_count(header: &[Vec<HeaderCell>]) -> usize {
    header
        .first()
        .map_or(0, |r| r.iter().map(|c| c.colspan as usize).sum())
}

/// Move the 合计 line (row 0) below the others.
fn total_last(tab: &mut Table) {
    let n = tab.rows.len();
    if n < 2 {
        return;
    }
    tab.rows.rotate_left(1);
    // Old row 0 is now n - 1; every other row moved up by one.
    let moved = |r: usize| if r == 0 { n - 1 } else { r - 1 };
    for s in &mut tab.sums.rows {
        s.total = moved(s.total);
        for p in &mut s.parts {
            *p = moved(*p);
        }
    }
    for s in &mut tab.sums.columns {
        for r in &mut s.rows {
            *r = moved(*r);
        }
    }
}

/// The code cell (cell 0) as `parts` cells: 类 (3 digits), then 2 digits
/// each; a 类 line fills the first, a 款 line the first two. A 合计 line or a
/// code that is not all digits keeps its text in the first cell.
fn split_codes(tab: &mut Table, parts: usize) {
    let extra = parts - 1;
    for row in &mut tab.rows {
        let mut old = std::mem::take(&mut row.cells).into_iter();
        let Some(first) = old.next() else {
            continue;
        };
        let mut cells: Vec<Cell> = Vec::with_capacity(parts + old.len());
        match first {
            Cell::Text(code) if !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit()) => {
                let mut at = 0;
                for i in 0..parts {
                    if at >= code.len() {
                        break;
                    }
                    let len = if i == 0 { 3 } else { 2 };
                    // Longer than the columns: the rest stays in the last one;
                    // shorter: the digits there are, never dropped.
                    let end = if i + 1 == parts {
                        code.len()
                    } else {
                        (at + len).min(code.len())
                    };
                    match piece(&code, at, end) {
                        Some(p) => cells.push(Cell::Text(p)),
                        None => break,
                    }
                    at = end;
                }
            }
            other => cells.push(other),
        }
        cells.resize(parts, Cell::Empty);
        cells.extend(old);
        row.cells = cells;
    }
    for s in &mut tab.sums.rows {
        for c in &mut s.cells {
            *c += extra;
        }
    }
    for s in &mut tab.sums.columns {
        s.total += extra;
        for p in &mut s.parts {
            *p += extra;
        }
    }
}

/// `code[at..end]` (ASCII digits, so any range is on char boundaries); a
/// catalog's code is `'static`, so its pieces are borrowed, not copied.
fn piece(code: &CellText, at: usize, end: usize) -> Option<CellText> {
    match code {
        Cow::Borrowed(s) => s.get(at..end).map(Cow::Borrowed),
        Cow::Owned(s) => s.get(at..end).map(|p| Cow::Owned(p.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::{ColumnSum, RowSum, Sums};
    use rust_decimal::Decimal;

    fn row(kind: RowKind, code: &str, v: i64) -> TableRow {
        TableRow {
            kind,
            cells: vec![t(code.to_string()), t("名"), Cell::Money(Decimal::from(v))],
        }
    }

    #[test]
    fn split_and_total_last_keep_the_sums_on_the_same_figures() {
        let mut tab = Table {
            id: String::new(),
            number: String::new(),
            title: String::new(),
            unit: String::new(),
            header: Vec::new(),
            rows: vec![
                row(RowKind::Total, "合计", 3),
                row(RowKind::Group, "201", 3),
                row(RowKind::Subgroup, "20106", 3),
                row(RowKind::Detail, "2010601", 3),
            ],
            note: None,
            sums: Sums {
                rows: vec![RowSum {
                    total: 0,
                    parts: vec![1],
                    cells: vec![2],
                }],
                columns: vec![ColumnSum {
                    total: 2,
                    parts: vec![2],
                    rows: vec![0, 3],
                }],
            },
            zeros_shown: false,
        };
        total_last(&mut tab);
        split_codes(&mut tab, 3);
        let texts: Vec<String> = tab.rows[2].cells.iter().map(Cell::display).collect();
        assert_eq!(texts, ["201", "06", "01", "名", "3.00"]);
        assert_eq!(tab.rows[0].cells[0].display(), "201");
        assert_eq!(tab.rows[0].cells[1].display(), "");
        assert_eq!(tab.rows[3].cells[0].display(), "合计");
        assert_eq!(tab.sums.rows[0].total, 3);
        assert_eq!(tab.sums.rows[0].parts, [0]);
        assert_eq!(tab.sums.rows[0].cells, [4]);
        assert_eq!(tab.sums.columns[0].total, 4);
        assert_eq!(tab.sums.columns[0].rows, [3, 2]);
    }

    /// Each kind of code cell, split into 类/款/项 (or 类/款): digits in their
    /// columns, a longer code's rest in the last, anything else left whole;
    /// a catalog's (`'static`) code and a typed one split alike.
    #[test]
    fn split_codes_cell_by_cell() {
        let cases: [(&str, usize, [&str; 3]); 9] = [
            ("201", 3, ["201", "", ""]),
            ("20106", 3, ["201", "06", ""]),
            ("2010601", 3, ["201", "06", "01"]),
            ("201060199", 3, ["201", "06", "0199"]),
            ("2010", 3, ["201", "0", ""]),
            ("合计", 3, ["合计", "", ""]),
            ("2行", 3, ["2行", "", ""]),
            ("30101", 2, ["301", "01", ""]),
            ("3010199", 2, ["301", "0199", ""]),
        ];
        for (code, parts, want) in cases {
            for cell in [
                Cell::Text(Cow::Owned(code.to_string())),
                Cell::Text(Cow::Borrowed(Box::leak(code.to_string().into_boxed_str()))),
            ] {
                let mut tab = Table {
                    id: String::new(),
                    number: String::new(),
                    title: String::new(),
                    unit: String::new(),
                    header: Vec::new(),
                    rows: vec![TableRow {
                        kind: RowKind::Detail,
                        cells: vec![cell, t("名")],
                    }],
                    note: None,
                    sums: Sums::default(),
                    zeros_shown: false,
                };
                split_codes(&mut tab, parts);
                let texts: Vec<String> = tab.rows[0].cells.iter().map(Cell::display).collect();
                let mut expected: Vec<&str> = want[..parts].to_vec();
                expected.push("名");
                assert_eq!(texts, expected, "{code} in {parts}");
            }
        }
    }
}
