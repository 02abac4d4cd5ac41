//! Finding the header of a sheet and what each column means, by its Chinese text.

use budget_core::model::{ExpenditureType, FundingSource};

use super::grid::{Grid, Raw};
use super::{SheetImportError, SheetShape};

/// How far down a header may start (a title and a unit line come first).
const HEADER_SEARCH_ROWS: usize = 15;
/// The deepest header a budgeting system writes.
const MAX_HEADER_ROWS: usize = 4;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// 科目编码
    Code,
    /// 科目 as `2010101 行政运行` in one cell (code and name together).
    CodeAndName,
    /// 科目名称
    Name,
    /// 合计 / 小计 (this year)
    Total,
    /// 上年预算数 (表2)
    LastYear,
    /// A 收入来源 column (表7)
    Source(FundingSource),
    /// A 支出类型 column (表8; 基本/项目 in 表2)
    Type(ExpenditureType),
    /// 人员经费 (表3)
    Personnel,
    /// 公用经费 (表3)
    Public,
}

impl Role {
    /// True for columns holding amounts.
    pub(crate) fn is_amount(self) -> bool {
        !matches!(self, Role::Code | Role::CodeAndName | Role::Name)
    }
}

/// A matched column.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Column {
    pub(crate) index: usize,
    /// The header text as written, levels joined with `/`.
    pub(crate) label: String,
    pub(crate) role: Role,
}

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

/// Text without any whitespace, with ASCII brackets made full-width.
pub(crate) fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect()
}

/// A cell that names the code column (科目编码, 功能分类科目编码, 编码, 科目…).
fn is_code_label(text: &str) -> bool {
    let t = normalize(text);
    t.contains("编码")
        || t.contains("代码")
        || t == "科目名称"
        || (t.ends_with("科目") && t.chars().count() <= 8)
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

/// Find the header, fill its merged cells, and name every column.
pub(crate) fn read_header(grid: &Grid) -> Result<Header, SheetImportError> {
    let start = (0..grid.rows.len().min(HEADER_SEARCH_ROWS))
        .find(|&r| {
            (0..grid.width().min(4)).any(|c| grid.get(r, c).text().is_some_and(is_code_label))
        })
        .ok_or(SheetImportError::NoHeader)?;
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
    // Without merge information (CSV), a blank header cell continues the one to
    // its left when both sit under the same parent.
    for level in 0..labels.len() {
        for c in 1..width {
            let same_parent = level == 0 || labels[level - 1][c] == labels[level - 1][c - 1];
            // Under a spread cell there is a child; under a tall cell there is none.
            let has_child = level + 1 >= labels.len() || !labels[level + 1][c].is_empty();
            if labels[level][c].is_empty() && same_parent && has_child {
                labels[level][c] = labels[level][c - 1].clone();
            }
        }
    }
    let parts: Vec<Vec<String>> = (0..width)
        .map(|c| {
            let mut p: Vec<String> = Vec::new();
            for line in &labels {
                let t = line[c].trim().to_string();
                if !t.is_empty() && p.last() != Some(&t) {
                    p.push(t);
                }
            }
            p
        })
        .collect();
    let years: Vec<i32> = parts.iter().flatten().filter_map(|p| year_in(p)).collect();
    let last_year = match (years.iter().min(), years.iter().max()) {
        (Some(lo), Some(hi)) if lo < hi => Some(*lo),
        _ => None,
    };
    let mut columns = Vec::new();
    let mut has_code = false;
    for (index, p) in parts.iter().enumerate() {
        let Some(role) = role_of(p, last_year) else {
            continue;
        };
        if role == Role::Code || role == Role::CodeAndName {
            if has_code {
                continue;
            }
            has_code = true;
        }
        columns.push(Column {
            index,
            label: p.join("/"),
            role,
        });
    }
    // 科目 standing alone is the code column only when there is no 编码 column.
    if columns.iter().any(|c| c.role == Role::Code) {
        columns.retain(|c| c.role != Role::CodeAndName);
    }
    if !columns
        .iter()
        .any(|c| matches!(c.role, Role::Code | Role::CodeAndName))
    {
        return Err(SheetImportError::MissingColumn {
            column: "科目编码".to_string(),
            found: found_labels(&parts),
        });
    }
    let economic_code = columns
        .iter()
        .any(|c| c.role == Role::Code && normalize(&c.label).contains("经济分类"));
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

/// `2020年预算数` → 2020.
fn year_in(text: &str) -> Option<i32> {
    let t = normalize(text);
    let at = t.find('年')?;
    let digits: String = t[..at]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if digits.len() == 4 {
        digits.parse().ok()
    } else {
        None
    }
}

/// What a column with these header levels (top to bottom) holds.
fn role_of(parts: &[String], last_year: Option<i32>) -> Option<Role> {
    let leaf = normalize(parts.last()?);
    if leaf.contains("编码") || leaf.contains("代码") {
        return Some(Role::Code);
    }
    if leaf.contains("名称") {
        return Some(Role::Name);
    }
    if leaf.ends_with("科目") || leaf == "项目" {
        return Some(Role::CodeAndName);
    }
    let all: Vec<String> = parts.iter().map(|p| normalize(p)).collect();
    let is_last_year = all.iter().any(|p| {
        (p.contains("上年") && !p.contains("上年结转"))
            || (last_year.is_some() && year_in(p) == last_year)
    });
    if is_last_year {
        return Some(Role::LastYear);
    }
    if matches!(leaf.as_str(), "合计" | "小计" | "总计") {
        return Some(Role::Total);
    }
    if leaf.contains("人员经费") {
        return Some(Role::Personnel);
    }
    if leaf.contains("公用经费") {
        return Some(Role::Public);
    }
    for t in ExpenditureType::ALL {
        if leaf == t.label() || leaf == t.label().trim_end_matches("支出") {
            return Some(Role::Type(t));
        }
    }
    source_of(&leaf).map(Role::Source)
}

/// A 表7 income column (the suffixes 收入/预算 vary between systems).
fn source_of(leaf: &str) -> Option<FundingSource> {
    use FundingSource as S;
    let rules: [(&str, S); 10] = [
        ("用事业基金", S::BusinessFund),
        ("事业单位经营收入", S::OperatingIncome),
        ("非教育收费", S::BusinessNonEducation),
        ("教育收费", S::BusinessEducation),
        ("事业收入", S::BusinessNonEducation),
        ("其他收入", S::OtherIncome),
        ("国有资本经营预算", S::StateCapitalBudget),
        ("政府性基金预算", S::GovFundBudget),
        ("一般公共预算", S::GeneralBudget),
        ("上年结转", S::CarryoverGeneral),
    ];
    rules
        .into_iter()
        .find(|(key, _)| leaf.contains(key))
        .map(|(_, s)| s)
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

    fn p(parts: &[&str]) -> Vec<String> {
        parts.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn roles_by_header_text() {
        use ExpenditureType as T;
        use FundingSource as S;
        let ly = Some(2020);
        for (parts, want) in [
            (p(&["功能分类科目", "科目编码"]), Some(Role::Code)),
            (p(&["功能分类科目编码"]), Some(Role::Code)),
            (p(&["编码"]), Some(Role::Code)),
            (p(&["科目名称"]), Some(Role::Name)),
            (p(&["科目"]), Some(Role::CodeAndName)),
            (p(&["2020年预算数"]), Some(Role::LastYear)),
            (p(&["上年预算数"]), Some(Role::LastYear)),
            (p(&["2021年预算数", "小计"]), Some(Role::Total)),
            (p(&["2021年预算数", "基本支出"]), Some(Role::Type(T::Basic))),
            (p(&["项目支出"]), Some(Role::Type(T::Project))),
            (
                p(&["对下级单位补助支出"]),
                Some(Role::Type(T::SubsidyToSubordinate)),
            ),
            (p(&["上年结转"]), Some(Role::Source(S::CarryoverGeneral))),
            (
                p(&["一般公共预算拨款收入"]),
                Some(Role::Source(S::GeneralBudget)),
            ),
            (
                p(&["事业收入", "非教育收费收入"]),
                Some(Role::Source(S::BusinessNonEducation)),
            ),
            (
                p(&["事业收入", "教育收费收入"]),
                Some(Role::Source(S::BusinessEducation)),
            ),
            (
                p(&["事业单位经营收入"]),
                Some(Role::Source(S::OperatingIncome)),
            ),
            (
                p(&["用事业基金弥补收支差额"]),
                Some(Role::Source(S::BusinessFund)),
            ),
            (p(&["2021年基本支出", "人员经费"]), Some(Role::Personnel)),
            (p(&["公用经费"]), Some(Role::Public)),
            (p(&["备注"]), None),
        ] {
            assert_eq!(role_of(&parts, ly), want, "{parts:?}");
        }
    }

    #[test]
    fn years_and_letters() {
        assert_eq!(year_in("2020年预算数"), Some(2020));
        assert_eq!(year_in("上年预算数"), None);
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
    }
}
