//! The 功能/经济 code of a sheet's line: one cell (`2010301 行政运行`,
//! `[2010301]`), or 类/款/项 split over columns, checked as written.

use super::grid::Grid;
use super::header::{Column, code_text, normalize};

/// The code and name of a line (from one `2010101 行政运行` cell when combined).
pub(super) fn read_code(
    grid: &Grid,
    r: usize,
    code_col: Option<&Column>,
    name_col: Option<&Column>,
) -> (String, String) {
    let mut name = name_col
        .and_then(|c| grid.get(r, c.index).text())
        .unwrap_or("")
        .to_string();
    let Some(col) = code_col else {
        return (String::new(), name);
    };
    let cell = grid.get(r, col.index);
    let Some(text) = code_text(cell) else {
        return (String::new(), name);
    };
    let (code, rest) = split_code(&text);
    if name.is_empty() && !rest.is_empty() {
        name = rest;
    }
    (code, name)
}

/// A code that cannot be read as written: its message, and its 类 (3 digits,
/// or empty) so that the subtotals over it are not checked.
pub(super) struct BrokenCode {
    pub(super) message: String,
    pub(super) class: String,
}

/// The code of a line split over 类/款/项 columns (`201` | `06` | `01`; the 类
/// line leaves 款 and 项 blank), and its name. Leading blanks are the line
/// above's (a 项 line under its 款). A text (合计) in the first column is
/// returned as the code, for the caller to recognise. A level with a digit
/// missing (`201` | `6` | `1`: Excel turned `06` into a number) or too many
/// is refused, naming the level.
pub(super) fn read_split_code(
    grid: &Grid,
    r: usize,
    parts: &[&Column],
    name_col: Option<&Column>,
    economic: bool,
    carried: &mut Vec<String>,
) -> Result<(String, String), BrokenCode> {
    const LEVELS: [(&str, usize); 3] = [("类", 3), ("款", 2), ("项", 2)];
    let name = name_col
        .and_then(|c| grid.get(r, c.index).text())
        .unwrap_or("")
        .to_string();
    let depth = if economic { 2 } else { 3 };
    let mut texts: Vec<String> = parts
        .iter()
        .take(depth)
        .map(|c| code_text(grid.get(r, c.index)).unwrap_or_default())
        .collect();
    let Some(first) = texts.iter().position(|t| !t.is_empty()) else {
        return Ok((String::new(), name));
    };
    if !texts[first].bytes().all(|b| b.is_ascii_digit()) {
        return Ok((normalize(&texts[first]), name));
    }
    if first > 0 && carried.len() >= first {
        texts[..first].clone_from_slice(&carried[..first]);
    }
    let shown = texts
        .iter()
        .filter(|t| !t.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(" | ");
    let class = texts[0].clone();
    let broken = |why: String| BrokenCode {
        message: format!("科目编码“{shown}”{why}；此行未导入"),
        class: if class.len() == 3 {
            class.clone()
        } else {
            String::new()
        },
    };
    let used = texts.iter().rposition(|t| !t.is_empty()).unwrap_or(0) + 1;
    let mut code = String::new();
    for (t, (level, width)) in texts[..used].iter().zip(LEVELS) {
        if t.is_empty() {
            return Err(broken(format!("缺少{level}")));
        }
        if !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(broken(format!("的{level}“{t}”不是数字")));
        }
        if t.len() < width {
            return Err(broken(format!(
                "的{level}“{t}”只有 {} 位，应为 {width} 位（如“{t:0>width$}”）：开头的 0 可能被表格当作数字去掉了",
                t.len()
            )));
        }
        if t.len() > width {
            return Err(broken(format!(
                "的{level}“{t}”有 {} 位，应为 {width} 位",
                t.len()
            )));
        }
        code.push_str(t);
    }
    *carried = texts;
    Ok((code, name))
}

/// Whether a code is in the built-in catalog of any year.
pub(super) fn in_catalog(code: &str, economic: bool) -> bool {
    use budget_core::catalog::{for_year, years};
    years().any(|y| {
        let c = for_year(y).0;
        let catalog = if economic { c.economic() } else { c.function() };
        catalog.get(code).is_some()
    })
}

/// `2010301`, `201 03 01`, `[2010301]行政运行`, `2010301 行政运行` → code and the
/// name that followed it; a text without leading digits is returned whole.
pub(crate) fn split_code(text: &str) -> (String, String) {
    let t = text.trim();
    let unbracketed = t.trim_start_matches(['[', '［', '【']);
    let mut code = String::new();
    let mut end = 0;
    for (i, ch) in unbracketed.char_indices() {
        if ch.is_ascii_digit() {
            code.push(ch);
            end = i + ch.len_utf8();
        } else if ch.is_whitespace() && !code.is_empty() {
            // 201 03 01: digits separated by spaces stay one code, but only
            // when more digits follow.
            if !unbracketed[i..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
            {
                break;
            }
        } else {
            break;
        }
    }
    if code.is_empty() {
        return (normalize(t), String::new());
    }
    let rest = unbracketed[end..]
        .trim_start_matches([']', '］', '】'])
        .trim()
        .to_string();
    (code, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_as_systems_write_them() {
        for (text, code, name) in [
            ("2010301", "2010301", ""),
            (" 201 03 01 ", "2010301", ""),
            ("[2010301]行政运行", "2010301", "行政运行"),
            ("【201】一般公共服务支出", "201", "一般公共服务支出"),
            ("2010301 行政运行", "2010301", "行政运行"),
            ("合 计", "合计", ""),
            ("注：单位", "注：单位", ""),
        ] {
            assert_eq!(
                split_code(text),
                (code.to_string(), name.to_string()),
                "{text}"
            );
        }
    }
}
