//! A bureau's catalog sheet (科目编码, 科目名称) as rows of text, for
//! `budget_core::catalog::Bureau::from_rows`.

use super::grid::{self, Raw};
use super::{MAX_SHEET_BYTES, SheetImportError, SheetKind};

/// The cells of a catalog sheet as text, each row with its 1-based row (XLSX)
/// or line (CSV) number: the first worksheet with anything in it, or the CSV
/// (UTF-8, UTF-16 or GBK; comma or tab). A code Excel stored as a number
/// (`2010301`) reads as its digits.
pub fn catalog_rows(
    bytes: &[u8],
    kind: SheetKind,
) -> Result<Vec<(usize, Vec<String>)>, SheetImportError> {
    if bytes.len() > MAX_SHEET_BYTES {
        return Err(SheetImportError::TooLarge {
            size: bytes.len(),
            limit: MAX_SHEET_BYTES,
        });
    }
    if kind == SheetKind::Csv {
        return csv_rows(bytes);
    }
    let sheet = grid::read_xlsx(bytes)?
        .into_iter()
        .find(|g| g.rows.iter().any(|r| !r.iter().all(Raw::is_blank)))
        .ok_or(SheetImportError::Empty)?;
    Ok(sheet
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| (i + 1, row.iter().map(text_of).collect()))
        .collect())
}

/// A CSV's records, each with its line: read line by line (a catalog's
/// names hold no line breaks), so a message names the line a clerk sees.
fn csv_rows(bytes: &[u8]) -> Result<Vec<(usize, Vec<String>)>, SheetImportError> {
    let text = grid::decode(bytes);
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = if first_line.matches('\t').count() > first_line.matches(',').count() {
        b'\t'
    } else {
        b','
    };
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let unreadable = |reason: String| SheetImportError::Unreadable {
            kind: "CSV",
            reason: format!("第 {} 行：{reason}", i + 1),
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .delimiter(delimiter)
            .from_reader(line.as_bytes());
        let record = match reader.records().next() {
            Some(r) => r.map_err(|e| unreadable(e.to_string()))?,
            None => continue,
        };
        if rows.len() >= grid::MAX_ROWS || record.len() > grid::MAX_COLS {
            return Err(SheetImportError::TooManyCells {
                rows: rows.len() + 1,
                cols: record.len(),
            });
        }
        rows.push((i + 1, record.iter().map(str::to_string).collect()));
    }
    Ok(rows)
}

fn text_of(raw: &Raw) -> String {
    match raw {
        Raw::Empty => String::new(),
        // Codes are at most 7 digits: well inside f64's exact integers.
        Raw::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
        Raw::Number(n) => n.to_string(),
        Raw::Text(s) | Raw::Other(s) => s.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_keep_their_row_numbers_and_gbk_reads() {
        let rows = catalog_rows(
            "科目编码,科目名称\n201,一般公共服务支出\n\n20101,人大事务\n".as_bytes(),
            SheetKind::Csv,
        )
        .unwrap();
        assert_eq!(
            rows[1],
            (2, vec!["201".to_string(), "一般公共服务支出".to_string()])
        );
        assert_eq!(
            rows[2],
            (4, vec!["20101".to_string(), "人大事务".to_string()])
        );
        // 201,一般 in GBK.
        let gbk = [b'2', b'0', b'1', b',', 0xD2, 0xBB, 0xB0, 0xE3];
        assert_eq!(
            catalog_rows(&gbk, SheetKind::Csv).unwrap()[0].1,
            ["201", "一般"]
        );
    }

    #[test]
    fn whole_numbers_read_as_digits() {
        assert_eq!(text_of(&Raw::Number(2010301.0)), "2010301");
        assert_eq!(text_of(&Raw::Number(1.5)), "1.5");
    }
}
