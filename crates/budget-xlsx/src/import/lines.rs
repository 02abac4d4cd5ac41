//! A workbook as lines of text, for reading it as a printed document (the
//! audit of a disclosure's XLSX attachment): each row's cells joined by tabs,
//! amounts as printed (`1,234.50`), codes as written.

use budget_core::amount::format_yuan;
use serde::Serialize;

use super::SheetImportError;
use super::grid::{self, Raw};

/// One line of a workbook's text and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SheetLine {
    /// The worksheet's name.
    pub sheet: String,
    /// 1-based row, as Excel numbers it.
    pub row: usize,
    /// The row's cells, tab-separated (blank cells kept between others).
    pub text: String,
}

/// Every non-blank row of every worksheet, in order.
pub fn xlsx_lines(bytes: &[u8]) -> Result<Vec<SheetLine>, SheetImportError> {
    if bytes.len() > super::MAX_SHEET_BYTES {
        return Err(SheetImportError::TooLarge {
            size: bytes.len(),
            limit: super::MAX_SHEET_BYTES,
        });
    }
    let mut out = Vec::new();
    for g in grid::read_xlsx(bytes)? {
        let sheet = g.name.clone().unwrap_or_default();
        for (r, cells) in g.rows.iter().enumerate() {
            let texts = row_texts(cells);
            if texts.iter().all(String::is_empty) {
                continue;
            }
            out.push(SheetLine {
                sheet: sheet.clone(),
                row: r + 1,
                text: texts.join("\t").trim_end().to_string(),
            });
        }
    }
    if out.is_empty() {
        return Err(SheetImportError::Empty);
    }
    Ok(out)
}

/// A text file's content: UTF-8 (with or without BOM), UTF-16 with its BOM,
/// or GB18030/GBK as Chinese systems write it.
pub fn decode_text(bytes: &[u8]) -> String {
    grid::decode(bytes)
}

/// The cells of a row as printed: a whole number before the row's first text
/// (its name) is a code (`201`, `2010301`, `6`), any other number an amount
/// (a row of figures alone, like 三公's, has no code).
fn row_texts(cells: &[Raw]) -> Vec<String> {
    // A code written as text (`06`) is not the name.
    let is_name = |c: &Raw| {
        c.text()
            .is_some_and(|t| !t.is_empty() && !t.chars().all(|c| c.is_ascii_digit() || c == ' '))
    };
    let name_at = cells.iter().position(is_name).unwrap_or(0);
    cells
        .iter()
        .enumerate()
        .map(|(i, c)| match c {
            Raw::Empty => String::new(),
            Raw::Text(s) => s.trim().replace(['\t', '\n', '\r'], " "),
            Raw::Number(f) if i < name_at && f.fract() == 0.0 && (0.0..1e7).contains(f) => {
                format!("{f:.0}")
            }
            Raw::Number(f) => match rust_decimal::Decimal::try_from(*f) {
                Ok(d) => format_yuan(d),
                Err(_) => f.to_string(),
            },
            Raw::Other(what) => what.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_before_the_name_and_amounts_after_it() {
        let row = [
            Raw::Number(201.0),
            Raw::Text("06".into()),
            Raw::Number(1.0),
            Raw::Text("行政运行".into()),
            Raw::Number(16231840.8),
            Raw::Empty,
            Raw::Number(100.0),
        ];
        assert_eq!(
            row_texts(&row),
            ["201", "06", "1", "行政运行", "16,231,840.80", "", "100.00"]
        );
        let figures = [Raw::Number(520900.0), Raw::Empty, Raw::Number(446300.0)];
        assert_eq!(row_texts(&figures), ["520,900.00", "", "446,300.00"]);
    }
}
