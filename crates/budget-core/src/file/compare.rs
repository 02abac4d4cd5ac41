//! Stated vs recomputed: the derived figures a file carries are only a
//! convenience for the receiver; import recomputes them and reports each one
//! that differs (IMP-001), so a total edited by hand cannot pass unnoticed.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::Value;

use super::json::Path;
use super::lines;
use crate::finding::{Finding, Severity};

/// Check ID of "a stated figure differs from recomputation".
pub const IMP_001: &str = "IMP-001";

/// At most this many differences are listed one by one; the rest are counted.
pub const MAX_LISTED: usize = 50;

/// One leaf (or one table line) that differs.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Difference {
    pub path: String,
    /// `None` when the file lacks it.
    pub stated: Option<String>,
    /// `None` when recomputation has no such figure.
    pub recomputed: Option<String>,
    /// Where it is printed: `表3 “30113 住房公积金”`, `表3`, `情况说明`.
    pub place: Option<String>,
    /// A figure, a text, or a whole table line.
    pub what: What,
}

/// What a [`Difference`] is about: the message says 数字 or 文字.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum What {
    /// An amount or a count.
    Figure,
    /// A code, a name, a label, a sentence.
    Text,
    /// A table line missing from the file or not in the recomputation.
    Line,
}

impl Difference {
    /// A difference outside any table (a total, the report).
    pub fn leaf(
        path: String,
        stated: Option<String>,
        recomputed: Option<String>,
        what: What,
    ) -> Self {
        Difference {
            path,
            stated,
            recomputed,
            place: None,
            what,
        }
    }
}

/// Every leaf where `stated` and `recomputed` differ. Decimal strings compare by
/// value (`"1.5"` = `"1.50"`). A table's lines are matched by their key
/// (code or label, see `lines`), so one line missing is one difference.
pub(super) fn differences(stated: &Value, recomputed: &Value, path: &str) -> Vec<Difference> {
    let mut out = Vec::new();
    let root = Path::Root;
    let path = if path.is_empty() {
        root
    } else {
        Path::Key(&root, path)
    };
    diff(stated, recomputed, &path, None, &mut out);
    out
}

/// `path` is only written out for a difference: most leaves are equal.
/// `place` names the table (and line) the leaf is printed in.
pub(super) fn diff(
    stated: &Value,
    recomputed: &Value,
    path: &Path<'_>,
    place: Option<&str>,
    out: &mut Vec<Difference>,
) {
    match (stated, recomputed) {
        (Value::Object(a), Value::Object(b)) => {
            let table = lines::table_place(recomputed, path);
            let place = table.as_deref().or(place);
            for (k, va) in a {
                let p = Path::Key(path, k);
                match b.get(k) {
                    Some(vb) if table.is_some() && k == "rows" => {
                        lines::diff_rows(va, vb, &p, place, out)
                    }
                    Some(vb) => {
                        let named = lines::section_place(path, k);
                        diff(va, vb, &p, named.or(place), out)
                    }
                    None => out.push(Difference {
                        path: p.to_string(),
                        stated: Some(show(va)),
                        recomputed: None,
                        place: place.map(str::to_string),
                        what: what(va, va, &p),
                    }),
                }
            }
            for (k, vb) in b {
                if !a.contains_key(k) {
                    let p = Path::Key(path, k);
                    out.push(Difference {
                        path: p.to_string(),
                        stated: None,
                        recomputed: Some(show(vb)),
                        place: place.map(str::to_string),
                        what: what(vb, vb, &p),
                    });
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for i in 0..a.len().max(b.len()) {
                let p = Path::Index(path, i);
                match (a.get(i), b.get(i)) {
                    (Some(va), Some(vb)) => diff(va, vb, &p, place, out),
                    (va, vb) => out.push(Difference {
                        path: p.to_string(),
                        stated: va.map(show),
                        recomputed: vb.map(show),
                        place: place.map(str::to_string),
                        what: what(
                            va.or(vb).unwrap_or(&Value::Null),
                            vb.or(va).unwrap_or(&Value::Null),
                            &p,
                        ),
                    }),
                }
            }
        }
        // A table's text cell (`{"text": …}`: codes, names, labels) is
        // compared as text: `2010301.0` is not the code 2010301.
        (a, b) if a == b || (!matches!(path, Path::Key(_, "text")) && leaf_equal(a, b)) => {}
        (a, b) => out.push(Difference {
            path: path.to_string(),
            stated: Some(show(a)),
            recomputed: Some(show(b)),
            place: place.map(str::to_string),
            what: what(a, b, path),
        }),
    }
}

/// A figure when both sides are numbers, amounts as the file writes them, or
/// a money cell; text otherwise.
fn what(a: &Value, b: &Value, path: &Path<'_>) -> What {
    let figure = |v: &Value| match v {
        Value::Number(_) => true,
        Value::String(s) => !matches!(path, Path::Key(_, "text")) && plain_decimal(s),
        _ => false,
    };
    if matches!(path, Path::Key(_, "money" | "wan")) || (figure(a) && figure(b)) {
        What::Figure
    } else {
        What::Text
    }
}

fn leaf_equal(a: &Value, b: &Value) -> bool {
    if a == b {
        return true;
    }
    match (a, b) {
        // A Decimal has at most 29 digits: longer text is not one, and must not
        // reach rust_decimal's parser, which recurses once per character.
        // Only amounts as the file writes them compare by value (`1.5` =
        // `1.50`): a code, a phone number or a count is text, and `3.83e5`,
        // `383_000`, `+383000` or `02010301.0` are not how a figure is written.
        (Value::String(x), Value::String(y))
            if x.len() <= 40 && y.len() <= 40 && plain_decimal(x) && plain_decimal(y) =>
        {
            matches!((Decimal::from_str(x), Decimal::from_str(y)), (Ok(p), Ok(q)) if p == q)
        }
        _ => false,
    }
}

/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?`: a decimal with no sign but `-`, no
/// leading zero, exponent or separator (the recomputation writes a zero
/// amount as `0` where the export wrote `0.00`).
fn plain_decimal(s: &str) -> bool {
    let body = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = body.split_once('.').unwrap_or((body, "0"));
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    digits(int) && digits(frac) && (int == "0" || !int.starts_with('0'))
}

pub(super) fn show(v: &Value) -> String {
    match v {
        Value::String(s) => format!("“{s}”"),
        Value::Array(_) => "（一组数据）".to_string(),
        Value::Object(_) => "（一组数据）".to_string(),
        other => other.to_string(),
    }
}

/// IMP-001 findings for `diffs`: the first [`MAX_LISTED`] one by one, then a count.
pub(super) fn findings(diffs: &[Difference]) -> Vec<Finding> {
    findings_as(diffs, "按文件的输入重新计算为")
}

/// [`findings`], the recomputed side named `recomputed` (`各单位之和为`).
pub(super) fn findings_as(diffs: &[Difference], recomputed: &str) -> Vec<Finding> {
    let mut out: Vec<Finding> = diffs
        .iter()
        .take(MAX_LISTED)
        .map(|d| {
            let changed = match d.what {
                What::Text => "文字",
                What::Figure | What::Line => "数字",
            };
            let message = match (&d.what, &d.stated, &d.recomputed) {
                (What::Line, None, Some(r)) => {
                    format!("文件中缺少 {r} 这一行（按文件的输入重新计算有这一行）：文件中的表被改动过或已过时")
                }
                (What::Line, Some(s), None) => {
                    format!("文件中多出 {s} 这一行（按文件的输入重新计算没有这一行）：文件中的表被改动过或已过时")
                }
                (_, Some(s), Some(r)) => {
                    format!("文件中 {} 为 {s}，{recomputed} {r}：文件中的{changed}被改动过或已过时", d.path)
                }
                (_, Some(s), None) => format!("文件中 {} 为 {s}，重新计算的结果中没有这一项", d.path),
                (_, None, Some(r)) => format!("文件中缺少 {}，重新计算为 {r}", d.path),
                (_, None, None) => format!("文件中 {} 与重新计算不一致", d.path),
            };
            let message = match &d.place {
                Some(place) => format!("{place}：{message}"),
                None => message,
            };
            Finding::new(IMP_001, Severity::Error, message, vec![d.path.clone()])
        })
        .collect();
    if diffs.len() > MAX_LISTED {
        out.push(Finding::new(
            IMP_001,
            Severity::Error,
            format!(
                "另有 {} 处与重新计算不一致，未逐一列出",
                diffs.len() - MAX_LISTED
            ),
            vec![],
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn decimal_strings_compare_by_value() {
        assert!(differences(&json!({"a": "1.5"}), &json!({"a": "1.50"}), "d").is_empty());
        let d = differences(&json!({"a": "1.5"}), &json!({"a": "1.51"}), "d");
        assert_eq!(
            d,
            vec![Difference::leaf(
                "d.a".into(),
                Some("“1.5”".into()),
                Some("“1.51”".into()),
                What::Figure
            )]
        );
    }

    #[test]
    fn only_plain_decimals_compare_by_value() {
        for (stated, recomputed) in [
            ("3.83e5", "383000.00"),
            ("383_000.00", "383000.00"),
            ("+383000.00", "383000.00"),
            ("0383000.00", "383000.00"),
            ("02010301.0", "2010301"),
            ("068901992", "68901992"),
            ("6e1", "60"),
        ] {
            let d = differences(&json!({"a": stated}), &json!({"a": recomputed}), "d");
            assert_eq!(d.len(), 1, "{stated} against {recomputed}");
        }
        for (stated, recomputed) in [
            ("0.5", "0.50"),
            ("-1.0", "-1.00"),
            ("0.00", "0"),
            ("2010301", "2010301"),
        ] {
            assert!(
                differences(&json!({"a": stated}), &json!({"a": recomputed}), "d").is_empty(),
                "{stated} against {recomputed}"
            );
        }
    }

    #[test]
    fn a_text_cell_compares_as_text() {
        let cell = |t: &str| json!({"rows": [{"cells": [{"text": t}, {"money": "1.50"}]}]});
        for (stated, recomputed) in [("2010301.0", "2010301"), ("1.50", "1.5")] {
            let d = differences(&cell(stated), &cell(recomputed), "d");
            assert_eq!(d.len(), 1, "{stated} against {recomputed}");
            assert_eq!(d[0].path, "d.rows[0].cells[0].text");
        }
        assert!(differences(&cell("2010301"), &cell("2010301"), "d").is_empty());
        // A money cell still compares by value.
        let money = |m: &str| json!({"cells": [{"money": m}]});
        assert!(differences(&money("0.00"), &money("0"), "d").is_empty());
    }

    #[test]
    fn missing_and_extra_leaves_are_named() {
        let d = differences(
            &json!({"t": [1, 2], "x": 1}),
            &json!({"t": [1], "y": 1}),
            "d",
        );
        let paths: Vec<&str> = d.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["d.t[1]", "d.x", "d.y"]);
    }

    #[test]
    fn findings_are_capped() {
        let diffs: Vec<Difference> = (0..60)
            .map(|i| {
                Difference::leaf(
                    format!("d[{i}]"),
                    Some("1".into()),
                    Some("2".into()),
                    What::Figure,
                )
            })
            .collect();
        let f = findings(&diffs);
        assert_eq!(f.len(), MAX_LISTED + 1);
        assert_eq!(
            f[MAX_LISTED].message,
            "另有 10 处与重新计算不一致，未逐一列出"
        );
        assert!(f.iter().all(|f| f.check == IMP_001 && f.is_error()));
    }
}
