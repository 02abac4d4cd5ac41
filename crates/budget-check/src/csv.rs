//! RFC 4180 CSV of a derived table (the `csv` crate's writer), safe to open
//! in a spreadsheet.

use budget_core::Table;
use budget_core::amount::format_wan_value;
use budget_core::table::Cell;

/// The table as CSV (CRLF line ends): title and unit rows, header rows (a merged
/// cell's text once, the rest of its span empty), body rows, the note.
///
/// Money cells are printed as `figures` says (`None`: 元 as plain decimals; a
/// 万元 table's balanced figures: plain decimals, no 千分位).
pub fn table_csv(t: &Table, figures: crate::text::Figures<'_>) -> String {
    let ncols = t.columns().max(
        t.header
            .iter()
            .map(|r| r.iter().map(|c| usize::from(c.colspan.max(1))).sum())
            .max()
            .unwrap_or(0),
    );
    let mut out = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut record = |mut fields: Vec<String>| {
        if fields.len() < ncols {
            fields.resize(ncols, String::new());
        }
        // Writing to a Vec cannot fail.
        let _ = out.write_record(&fields);
    };
    record(vec![text_field(&format!("{} {}", t.number, t.title))]);
    record(vec![text_field(&t.unit)]);
    for row in header_grid(t, ncols) {
        record(row);
    }
    for (r, row) in t.rows.iter().enumerate() {
        let mut fields = Vec::new();
        for (c, cell) in row.cells.iter().enumerate() {
            if let Some(w) = figures.filter(|_| cell.money().is_some()) {
                fields.push(w.display(r, c));
                continue;
            }
            match cell {
                Cell::Span { text, colspan } => {
                    fields.push(text_field(text));
                    fields.extend(std::iter::repeat_n(
                        String::new(),
                        usize::from(*colspan).saturating_sub(1),
                    ));
                }
                Cell::Text(text) => fields.push(text_field(text)),
                // Plain decimals a spreadsheet reads as numbers; zero blank as published.
                Cell::Money(v) if v.is_zero() => fields.push(String::new()),
                Cell::Money(v) => fields.push(format!("{v:.2}")),
                Cell::Wan(v) => fields.push(format_wan_value(*v)),
                Cell::Empty => fields.push(String::new()),
            }
        }
        record(fields);
    }
    if let Some(note) = &t.note {
        record(vec![text_field(note)]);
    }
    let bytes = out.into_inner().unwrap_or_default();
    // Every field is a Rust string: the bytes are UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

/// One CSV record holding `text` (the warning line above a file's tables).
pub fn banner_csv(text: &str) -> String {
    let mut out = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = out.write_record([text_field(text)]);
    let bytes = out.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

fn header_grid(t: &Table, ncols: usize) -> Vec<Vec<String>> {
    let mut grid = vec![vec![None::<String>; ncols]; t.header.len()];
    for (r, cells) in t.header.iter().enumerate() {
        let mut col = 0;
        for cell in cells {
            while col < ncols && grid[r][col].is_some() {
                col += 1;
            }
            let (span, down) = (
                usize::from(cell.colspan.max(1)),
                usize::from(cell.rowspan.max(1)),
            );
            for (dr, row) in grid.iter_mut().skip(r).take(down).enumerate() {
                for (dc, slot) in row.iter_mut().skip(col).take(span).enumerate() {
                    *slot = Some(if dr == 0 && dc == 0 {
                        text_field(&cell.text)
                    } else {
                        String::new()
                    });
                }
            }
            col += span;
        }
    }
    grid.into_iter()
        .map(|row| row.into_iter().map(Option::unwrap_or_default).collect())
        .collect()
}

/// A text cell, defused: control and bidi characters shown visibly
/// ([`crate::text::escape`]), and a leading `= + - @` (or tab / CR) — which would
/// make a spreadsheet run it as a formula — behind a leading apostrophe.
fn text_field(s: &str) -> String {
    let s = crate::text::escape(s);
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use budget_core::table::{HeaderCell, RowKind, TableRow};
    use rust_decimal::Decimal;

    #[test]
    fn quotes_defuses_and_writes_plain_numbers() {
        let t = Table {
            id: "table9".into(),
            number: "表9".into(),
            title: "采购".into(),
            unit: "单位：元".into(),
            header: vec![
                vec![
                    HeaderCell::span("类别", 1, 2),
                    HeaderCell::span("金额", 2, 1),
                ],
                vec![HeaderCell::new("合计"), HeaderCell::new("其中")],
            ],
            rows: vec![TableRow {
                kind: RowKind::Detail,
                cells: vec![
                    Cell::text("=HYPERLINK(\"x\"), 1"),
                    Cell::Money(Decimal::new(1190639706, 2)),
                    Cell::Money(Decimal::ZERO),
                ],
            }],
            note: Some("说明：含\n换行".into()),
            sums: Default::default(),
            zeros_shown: false,
        };
        assert_eq!(
            table_csv(&t, None),
            "表9 采购,,\r\n单位：元,,\r\n类别,金额,\r\n,合计,其中\r\n\"'=HYPERLINK(\"\"x\"\"), 1\",11906397.06,\r\n\"说明：含\n换行\",,\r\n"
        );
    }

    #[test]
    fn only_leading_formula_characters_are_defused() {
        for (input, want) in [
            ("-1", "'-1"),
            ("+x", "'+x"),
            ("@a", "'@a"),
            ("a=b", "a=b"),
            ("行政运行", "行政运行"),
            ("=\u{1b}[2J", "'=\\u{1b}[2J"),
            ("\u{202e}cba", "\\u{202e}cba"),
            ("\tx", "\\u{9}x"),
        ] {
            assert_eq!(text_field(input), want);
        }
    }
}
