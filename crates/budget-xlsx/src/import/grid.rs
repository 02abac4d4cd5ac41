//! A sheet as a plain grid of cells: from XLSX (with its merged ranges) or CSV.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::SheetImportError;

/// One cell as read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Raw {
    /// Nothing.
    Empty,
    /// A number cell.
    Number(f64),
    /// A text cell.
    Text(String),
    /// Something that is neither (a date, TRUE, #REF!): described for messages.
    Other(String),
}

impl Raw {
    /// The text of a text cell, trimmed; None otherwise.
    pub(crate) fn text(&self) -> Option<&str> {
        match self {
            Raw::Text(s) => Some(s.trim()),
            _ => None,
        }
    }
    /// True when the cell holds nothing but whitespace.
    pub(crate) fn is_blank(&self) -> bool {
        match self {
            Raw::Empty => true,
            Raw::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// A merged range, inclusive, 0-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Merge {
    pub(crate) first_row: usize,
    pub(crate) first_col: usize,
    pub(crate) last_row: usize,
    pub(crate) last_col: usize,
}

/// A sheet: rows from the sheet's row 1 (index 0), and its merged ranges.
#[derive(Debug, Clone, Default)]
pub(crate) struct Grid {
    pub(crate) name: Option<String>,
    pub(crate) rows: Vec<Vec<Raw>>,
    pub(crate) merges: Vec<Merge>,
}

/// More rows than any budget sheet has; a guard against hostile files.
pub(crate) const MAX_ROWS: usize = 200_000;
/// More columns than any budget sheet has.
pub(crate) const MAX_COLS: usize = 200;

impl Grid {
    /// The cell at (row, col), Empty outside the grid.
    pub(crate) fn get(&self, row: usize, col: usize) -> &Raw {
        static EMPTY: Raw = Raw::Empty;
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&EMPTY)
    }
    /// Width of the widest row.
    pub(crate) fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }
}

/// Every worksheet of an XLSX file, in order.
pub(crate) fn read_xlsx(bytes: &[u8]) -> Result<Vec<Grid>, SheetImportError> {
    let unreadable = |e: calamine::XlsxError| SheetImportError::Unreadable {
        kind: "XLSX",
        reason: e.to_string(),
    };
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let mut grids = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(unreadable)?;
        let (row0, col0) = range
            .start()
            .map(|(r, c)| (r as usize, c as usize))
            .unwrap_or((0, 0));
        let (height, width) = range.get_size();
        if row0 + height > MAX_ROWS || col0 + width > MAX_COLS {
            return Err(SheetImportError::TooManyCells {
                rows: row0 + height,
                cols: col0 + width,
            });
        }
        let mut rows: Vec<Vec<Raw>> = vec![Vec::new(); row0];
        for data_row in range.rows() {
            let mut row = vec![Raw::Empty; col0];
            row.extend(data_row.iter().map(raw_of));
            rows.push(row);
        }
        let merges = book
            .merge_cells_by_sheet_name(&name)
            .map_err(unreadable)?
            .into_iter()
            .map(|d| Merge {
                first_row: d.start.0 as usize,
                first_col: d.start.1 as usize,
                last_row: d.end.0 as usize,
                last_col: d.end.1 as usize,
            })
            .collect();
        grids.push(Grid {
            name: Some(name),
            rows,
            merges,
        });
    }
    Ok(grids)
}

fn raw_of(d: &Data) -> Raw {
    match d {
        Data::Empty => Raw::Empty,
        Data::Int(i) => Raw::Number(*i as f64),
        Data::Float(f) => Raw::Number(*f),
        Data::String(s) => Raw::Text(s.clone()),
        Data::Bool(b) => Raw::Other(if *b { "TRUE" } else { "FALSE" }.to_string()),
        Data::DateTime(dt) => Raw::Other(format!("日期 {}", dt.as_f64())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Raw::Other(s.clone()),
        Data::Error(e) => Raw::Other(format!("错误值 {e}")),
    }
}

/// A CSV file: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK as
/// Chinese systems and Excel's plain “CSV” save write it. Comma- or tab-separated.
pub(crate) fn read_csv(bytes: &[u8]) -> Result<Grid, SheetImportError> {
    let text = decode(bytes);
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = if first_line.matches('\t').count() > first_line.matches(',').count() {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| SheetImportError::Unreadable {
            kind: "CSV",
            reason: e.to_string(),
        })?;
        if rows.len() >= MAX_ROWS || record.len() > MAX_COLS {
            return Err(SheetImportError::TooManyCells {
                rows: rows.len() + 1,
                cols: record.len(),
            });
        }
        rows.push(
            record
                .iter()
                .map(|s| {
                    if s.trim().is_empty() {
                        Raw::Empty
                    } else {
                        Raw::Text(s.to_string())
                    }
                })
                .collect(),
        );
    }
    Ok(Grid {
        name: None,
        rows,
        merges: Vec::new(),
    })
}

pub(crate) fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return text.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let (text, _, _) = encoding_rs::GB18030.decode(bytes);
            text.into_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_in_gbk_and_with_bom_decode_the_same() {
        let utf8 = "科目编码,科目名称\r\n2010101,行政运行\r\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(utf8);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(utf8.as_bytes());
        for bytes in [utf8.as_bytes().to_vec(), gbk.into_owned(), bom] {
            let g = read_csv(&bytes).unwrap();
            assert_eq!(g.get(0, 0), &Raw::Text("科目编码".into()));
            assert_eq!(g.get(1, 1), &Raw::Text("行政运行".into()));
            assert_eq!(g.rows.len(), 2);
        }
    }

    #[test]
    fn tab_separated_text_is_read_too() {
        let g = read_csv("科目编码\t合计\n201\t1,234.00\n".as_bytes()).unwrap();
        assert_eq!(g.get(1, 1), &Raw::Text("1,234.00".into()));
    }
}
