//! Table lines in the stated `derived`: which table and line a leaf is printed
//! in, and lines matched by their key (code or label) rather than position,
//! so that one line deleted from a file is one difference naming that line.

use rustc_hash::FxHashMap;
use serde_json::Value;

use super::compare::{Difference, What, diff};
use super::json::Path;
use crate::amount::format_yuan;

/// The place of a derived table (`表3`, `项目绩效目标表 1`) when `value` is one
/// (an object with a `number` and `rows`).
pub(super) fn table_place(value: &Value, path: &Path<'_>) -> Option<String> {
    let number = value.get("number")?.as_str()?;
    value.get("rows")?.as_array()?;
    match path {
        Path::Index(Path::Key(_, "project_tables"), i) => Some(format!("{number} {}", i + 1)),
        _ => Some(number.to_string()),
    }
}

/// The place of a part of `derived` that is not a table (the narrative).
pub(super) fn section_place(parent: &Path<'_>, key: &str) -> Option<&'static str> {
    match (parent, key) {
        (Path::Key(Path::Root, "derived"), "narrative") => Some("情况说明"),
        _ => None,
    }
}

/// The texts of a line's cells (`{"text": …}` and spans), in order.
fn texts(row: &Value) -> impl Iterator<Item = &str> {
    row.get("cells")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|c| {
            c.get("text")
                .or_else(|| c.get("span").and_then(|s| s.get("text")))
                .and_then(Value::as_str)
        })
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// A line's key: its first text (a code, or the label of a line without one).
fn key(row: &Value) -> &str {
    texts(row).next().unwrap_or("")
}

/// `“2210201 住房公积金”`: the first two texts of a line, each cut at 30 characters.
fn label(row: &Value) -> String {
    let shown: Vec<String> = texts(row)
        .take(2)
        .map(|t| {
            let cut: String = t.chars().take(30).collect();
            if cut.len() < t.len() {
                format!("{cut}…")
            } else {
                cut
            }
        })
        .collect();
    if shown.is_empty() {
        "（空行）".to_string()
    } else {
        format!("“{}”", shown.join(" "))
    }
}

/// `“2210201 住房公积金”（460,056.60、415,470.79）`: the line and its figures.
fn line(row: &Value) -> String {
    let figures: Vec<String> = row
        .get("cells")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|c| c.get("money").and_then(Value::as_str))
        .map(|m| {
            m.parse::<rust_decimal::Decimal>()
                .map_or_else(|_| m.to_string(), format_yuan)
        })
        .collect();
    if figures.is_empty() {
        label(row)
    } else {
        format!("{}（{}）", label(row), figures.join("、"))
    }
}

/// Pairs of (stated, recomputed) line indices: by key, the n-th line with a
/// key against the n-th with the same key; lines left over on both sides are
/// paired in order when as many are left on each side (a label edited), else
/// each is missing or extra.
fn align(stated: &[Value], recomputed: &[Value]) -> Vec<(Option<usize>, Option<usize>)> {
    let mut by_key: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (j, row) in recomputed.iter().enumerate().rev() {
        by_key.entry(key(row)).or_default().push(j);
    }
    let mut partner = vec![None; recomputed.len()];
    let mut unmatched = Vec::new();
    for (i, row) in stated.iter().enumerate() {
        match by_key.get_mut(key(row)).and_then(Vec::pop) {
            Some(j) => partner[j] = Some(i),
            None => unmatched.push(i),
        }
    }
    let left: Vec<usize> = (0..recomputed.len())
        .filter(|&j| partner[j].is_none())
        .collect();
    if left.len() == unmatched.len() {
        for (&j, &i) in left.iter().zip(&unmatched) {
            partner[j] = Some(i);
        }
        unmatched.clear();
    }
    let mut pairs: Vec<(Option<usize>, Option<usize>)> = partner
        .into_iter()
        .enumerate()
        .map(|(j, i)| (i, Some(j)))
        .collect();
    pairs.extend(unmatched.into_iter().map(|i| (Some(i), None)));
    pairs
}

/// The lines of one table (`rows`), matched by key; anything but two arrays
/// is compared as any other value.
pub(super) fn diff_rows(
    stated: &Value,
    recomputed: &Value,
    path: &Path<'_>,
    table: Option<&str>,
    out: &mut Vec<Difference>,
) {
    let (Value::Array(a), Value::Array(b)) = (stated, recomputed) else {
        return diff(stated, recomputed, path, table, out);
    };
    for pair in align(a, b) {
        match pair {
            (Some(i), Some(j)) => {
                let p = Path::Index(path, i);
                let place = match table {
                    Some(t) => format!("{t} {}", label(&b[j])),
                    None => label(&b[j]),
                };
                diff(&a[i], &b[j], &p, Some(&place), out);
            }
            (Some(i), None) => out.push(Difference {
                path: Path::Index(path, i).to_string(),
                stated: Some(line(&a[i])),
                recomputed: None,
                place: table.map(str::to_string),
                what: What::Line,
            }),
            (None, Some(j)) => out.push(Difference {
                path: Path::Index(path, j).to_string(),
                stated: None,
                recomputed: Some(line(&b[j])),
                place: table.map(str::to_string),
                what: What::Line,
            }),
            (None, None) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::file::compare::{differences, findings};
    use serde_json::json;

    fn row(code: &str, name: &str, money: &str) -> Value {
        json!({"kind": "detail", "cells": [{"text": code}, {"text": name}, {"money": money}]})
    }

    fn table(rows: Vec<Value>) -> Value {
        json!({"tables": [{"id": "table2", "number": "表2", "title": "t", "rows": rows}]})
    }

    fn sample() -> Vec<Value> {
        vec![
            row("", "合计", "600.00"),
            row("2010301", "行政运行", "100.00"),
            row("2210201", "住房公积金", "200.00"),
            row("2210202", "提租补贴", "300.00"),
        ]
    }

    #[test]
    fn one_deleted_line_is_one_finding_naming_it() {
        let mut stated = sample();
        stated.remove(2);
        let d = differences(&table(stated), &table(sample()), "derived");
        assert_eq!(d.len(), 1, "{d:?}");
        let f = findings(&d);
        assert_eq!(
            f[0].message,
            "表2：文件中缺少 “2210201 住房公积金”（200.00） 这一行（按文件的输入重新计算有这一行）：文件中的表被改动过或已过时"
        );
        assert_eq!(f[0].locations, ["derived.tables[0].rows[2]"]);
    }

    #[test]
    fn an_extra_line_is_named_and_lines_match_by_code_not_position() {
        let mut stated = sample();
        stated.insert(1, row("2010302", "一般行政管理事务", "5.00"));
        let d = differences(&table(stated), &table(sample()), "derived");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].path, "derived.tables[0].rows[1]");
        assert!(
            findings(&d)[0]
                .message
                .starts_with("表2：文件中多出 “2010302 一般行政管理事务”（5.00） 这一行")
        );
    }

    #[test]
    fn a_changed_cell_names_the_table_and_line_and_says_text_or_figure() {
        let mut stated = sample();
        stated[2] = row("2210201", "住房补贴", "201.00");
        let d = differences(&table(stated), &table(sample()), "derived");
        let f = findings(&d);
        let messages: Vec<&str> = f.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "表2 “2210201 住房公积金”：文件中 derived.tables[0].rows[2].cells[1].text 为 “住房补贴”，按文件的输入重新计算为 “住房公积金”：文件中的文字被改动过或已过时",
                "表2 “2210201 住房公积金”：文件中 derived.tables[0].rows[2].cells[2].money 为 “201.00”，按文件的输入重新计算为 “200.00”：文件中的数字被改动过或已过时",
            ]
        );
    }

    #[test]
    fn an_edited_code_pairs_the_leftover_lines() {
        let mut stated = sample();
        stated[1] = row("2010399", "行政运行", "100.00");
        let d = differences(&table(stated), &table(sample()), "derived");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].path, "derived.tables[0].rows[1].cells[0].text");
        assert_eq!(d[0].what, What::Text);
    }

    #[test]
    fn the_narrative_is_named() {
        let stated = json!({"narrative": {"sections": [{"paragraphs": ["甲"]}]}});
        let recomputed = json!({"narrative": {"sections": [{"paragraphs": ["乙"]}]}});
        let f = findings(&differences(&stated, &recomputed, "derived"));
        assert!(
            f[0].message.starts_with(
                "情况说明：文件中 derived.narrative.sections[0].paragraphs[0] 为 “甲”"
            ),
            "{}",
            f[0].message
        );
        assert!(f[0].message.ends_with("文字被改动过或已过时"));
    }
}
