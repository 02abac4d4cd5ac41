//! Finding the header of a sheet and what each column means, by its Chinese text.

use budget_core::model::ExpenditureType;
pub(crate) use budget_core::sheet_header::{HeaderColumn as Column, Role, normalize};
use budget_core::sheet_header::{HeaderColumns, is_code_label, match_columns};

use super::grid::{Grid, Raw};
use super::{SheetImportError, SheetShape};

/// How far down a header may start (a title and a unit line come first).
const HEADER_SEARCH_ROWS: usize = 15;
/// The deepest header a budgeting system writes.
const MAX_HEADER_ROWS: usize = 4;

/// The header of a sheet: where it is and what its columns are.
#[derive(Debug, Clone)]
pub(crate) struct Header {
    /// First body row (0-based).
    pub(crate) body_start: usize,
    pub(crate) columns: Vec<Column>,
    pub(crate) shape: SheetShape,
}

impl Header {
    /// The first column with `role`.
    pub(crate) fn column(&self, role: Role) -> Option<&Column> {
        self.columns.iter().find(|c| c.role == role)
    }
}

/// A digit string of a 类/款/项 code, as text or as a whole number.
pub(crate) fn code_text(cell: &Raw) -> Option<String> {
    match cell {
        Raw::Number(f) if f.fract() == 0.0 && *f >= 0.0 && *f < 1e12 => Some(format!("{f:.0}")),
        Raw::Text(s) => Some(s.trim().to_string()),
        _ => None,
    }
}

fn looks_like_body(grid: &Grid, row: usize) -> bool {
    let coded = (0..3).any(|c| {
        code_text(grid.get(row, c)).is_some_and(|t| {
            let digits = t.chars().take_while(char::is_ascii_digit).count();
            (3..=7).contains(&digits)
        })
    });
    // 合计 heads a column in a header row too; there it sits beside 编码/名称.
    let total_line = (0..2).any(|c| {
        grid.get(row, c)
            .text()
            .is_some_and(|t| matches!(normalize(t).as_str(), "合计" | "总计"))
    }) && !(0..grid.width()).any(|c| {
        grid.get(row, c).text().is_some_and(|t| {
            let t = normalize(t);
            t.contains("编码") || t.contains("名称") || t.contains("科目")
        })
    });
    coded || total_line
}

/// A line above the 编码 line that belongs to the header: two or more texts,
/// none of them a title, a unit or a 编制单位 line (`单位：元`, `表2`).
fn is_upper_header_line(grid: &Grid, row: usize) -> bool {
    let texts: Vec<String> = (0..grid.width())
        .filter_map(|c| grid.get(row, c).text())
        .filter(|t| !t.is_empty())
        .map(normalize)
        .collect();
    let mut distinct = texts.clone();
    distinct.dedup();
    distinct.len() >= 2
        && !texts.iter().any(|t| {
            t.contains('：')
                || t.contains(':')
                || t.contains("单位")
                || t.contains("表")
                || t.contains("编制")
        })
}

/// Find the header, fill its merged cells, and name every column.
pub(crate) fn read_header(grid: &Grid) -> Result<Header, SheetImportError> {
    let start = (0..grid.rows.len().min(HEADER_SEARCH_ROWS))
        .find(|&r| {
            (0..grid.width().min(4)).any(|c| grid.get(r, c).text().is_some_and(is_code_label))
        })
        .ok_or(SheetImportError::NoHeader)?;
    // The 编码 line may be the second or third of a merged header (上海:
    // `项目` | `支出预算` above `功能分类科目编码` and 合计/基本支出/项目支出).
    let mut start = start;
    while start > 0 && is_upper_header_line(grid, start - 1) {
        start -= 1;
    }
    let mut end = start + 1;
    while end < grid.rows.len() && end - start < MAX_HEADER_ROWS && !looks_like_body(grid, end) {
        end += 1;
    }
    let width = grid.width();
    let mut labels: Vec<Vec<String>> = (start..end)
        .map(|r| {
            (0..width)
                .map(|c| {
                    grid.get(r, c)
                        .text()
                        .map(str::to_string)
                        .unwrap_or_default()
                })
                .collect()
        })
        .collect();
    // A merged header cell holds its text in its first cell only: spread it.
    for m in &grid.merges {
        if m.last_row < start || m.first_row >= end {
            continue;
        }
        let text = grid
            .get(m.first_row, m.first_col)
            .text()
            .unwrap_or("")
            .to_string();
        for r in m.first_row.max(start)..=m.last_row.min(end - 1) {
            let line = &mut labels[r - start];
            let last = m.last_col.min(width.saturating_sub(1));
            if let Some(cells) = line.get_mut(m.first_col..=last) {
                cells.fill(text.clone());
            }
        }
    }
    // Without merge information (CSV), a blank header cell continues the one
    // to its left: `match_columns`.
    let HeaderColumns { parts, columns } = match_columns(labels, None);
    if !columns
        .iter()
        .any(|c| matches!(c.role, Role::Code | Role::CodeAndName | Role::CodePart(_)))
    {
        return Err(SheetImportError::MissingColumn {
            column: "科目编码".to_string(),
            found: found_labels(&parts),
        });
    }
    let economic_code = columns.iter().any(|c| {
        matches!(c.role, Role::Code | Role::CodePart(_)) && normalize(&c.label).contains("经济分类")
    });
    let any = |f: &dyn Fn(Role) -> bool| columns.iter().any(|c| f(c.role));
    let shape = if any(&|r| matches!(r, Role::Source(_))) {
        SheetShape::Income
    } else if any(&|r| matches!(r, Role::Personnel | Role::Public)) || economic_code {
        SheetShape::Economic
    } else if any(&|r| r == Role::LastYear) {
        SheetShape::GeneralBudget
    } else if any(&|r| matches!(r, Role::Type(_))) {
        SheetShape::Expenditure
    } else {
        return Err(SheetImportError::NoAmountColumns {
            found: found_labels(&parts),
        });
    };
    let need = |role: Role, name: &str| -> Result<(), SheetImportError> {
        if columns.iter().any(|c| c.role == role) {
            Ok(())
        } else {
            Err(SheetImportError::MissingColumn {
                column: name.to_string(),
                found: found_labels(&parts),
            })
        }
    };
    match shape {
        SheetShape::GeneralBudget => {
            need(Role::Type(ExpenditureType::Basic), "基本支出")?;
            need(Role::Type(ExpenditureType::Project), "项目支出")?;
        }
        SheetShape::Economic => {
            if !any(&|r| matches!(r, Role::Total | Role::Personnel | Role::Public)) {
                need(Role::Total, "合计")?;
            }
        }
        SheetShape::Income | SheetShape::Expenditure => {}
    }
    Ok(Header {
        body_start: end,
        columns,
        shape,
    })
}

/// The header texts seen, for an error message.
fn found_labels(parts: &[Vec<String>]) -> String {
    let seen: Vec<String> = parts
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.join("/"))
        .collect();
    if seen.is_empty() {
        "（无）".to_string()
    } else {
        seen.join("、")
    }
}

/// Column letters as Excel shows them: 0 → A, 26 → AA.
pub(crate) fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
    }
}
