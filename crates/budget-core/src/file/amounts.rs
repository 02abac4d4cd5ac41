//! Where the amounts are in the JSON of [`Inputs`](crate::model::Inputs), and the
//! strict walk over them: a file must hold plain decimal strings only.
//!
//! The walk runs on the JSON value, before typed decoding, so that every bad
//! amount is reported at once — including JSON numbers, which typed decoding
//! would stop at with a generic message.

use serde_json::Value;

use super::error::Problem;
use crate::amount::{Amount, parse_file_amount};

/// Every `Amount` field of `Inputs`, as a path pattern: `[]` means each element
/// of an array. The `budget-check` tests compare this list with the JSON Schema,
/// so a new amount field that is not listed here fails a test.
pub const AMOUNT_PATHS: &[&str] = &[
    "rows[].this_year",
    "rows[].last_year",
    "economic_rows[].amount",
    "sangong.last_year.abroad",
    "sangong.last_year.vehicle_purchase",
    "sangong.last_year.vehicle_operation",
    "sangong.last_year.reception",
    "sangong.this_year.abroad",
    "sangong.this_year.vehicle_purchase",
    "sangong.this_year.vehicle_operation",
    "sangong.this_year.reception",
    "procurement[].amount",
    "overall_performance.indicators[].weight",
    "projects[].budget_this_year",
    "projects[].budget_last_year",
    "projects[].adjusted_amount",
    "narrative.running_cost_this_year",
    "narrative.running_cost_last_year",
];

/// How strictly amount texts are judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Strictness {
    /// A submission file: plain decimal strings (`"12.30"`) only.
    File,
    /// A draft (bare inputs): any string is kept as typed and judged by the checks.
    Draft,
}

/// Visit every amount slot present in `inputs` (a JSON value of `Inputs`), with its
/// path prefixed by `prefix` (`inputs` or empty).
pub(super) fn for_each_amount(
    inputs: &mut Value,
    prefix: &str,
    f: &mut dyn FnMut(&str, &mut Value),
) {
    for pattern in AMOUNT_PATHS {
        let segments: Vec<&str> = pattern.split('.').collect();
        walk(inputs, prefix.to_string(), &segments, f);
    }
}

/// Sort key putting problems in document order: by top-level field, then array
/// indices (`rows[2]` after `rows[1]`), then field order within the element.
fn document_order(path: &str, pattern: usize) -> (usize, Vec<usize>, usize) {
    let top = AMOUNT_PATHS[pattern].split(['.', '[']).next().unwrap_or("");
    let group = AMOUNT_PATHS
        .iter()
        .position(|p| p.split(['.', '[']).next() == Some(top))
        .unwrap_or(pattern);
    let indices = path
        .split('[')
        .skip(1)
        .filter_map(|s| s.split(']').next()?.parse().ok())
        .collect();
    (group, indices, pattern)
}

fn walk(value: &mut Value, path: String, segments: &[&str], f: &mut dyn FnMut(&str, &mut Value)) {
    let Some((first, rest)) = segments.split_first() else {
        f(&path, value);
        return;
    };
    let (key, each) = match first.strip_suffix("[]") {
        Some(k) => (k, true),
        None => (*first, false),
    };
    // Missing or mistyped containers are reported by typed decoding.
    let Some(child) = value.as_object_mut().and_then(|o| o.get_mut(key)) else {
        return;
    };
    let child_path = if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    };
    if each {
        if let Value::Array(items) = child {
            for (i, item) in items.iter_mut().enumerate() {
                walk(item, format!("{child_path}[{i}]"), rest, f);
            }
        }
    } else {
        walk(child, child_path, rest, f);
    }
}

/// Check every amount in `inputs`; a non-string is replaced by `""` so that typed
/// decoding can go on to report structural problems too.
pub(super) fn check_amounts(
    inputs: &mut Value,
    prefix: &str,
    strictness: Strictness,
) -> Vec<Problem> {
    let mut found = Vec::new();
    for (pattern, text) in AMOUNT_PATHS.iter().enumerate() {
        let segments: Vec<&str> = text.split('.').collect();
        walk(
            inputs,
            prefix.to_string(),
            &segments,
            &mut |path, slot| match slot {
                Value::String(s) => {
                    if strictness == Strictness::File
                        && let Err(e) = parse_file_amount(s)
                    {
                        found.push((
                            document_order(path, pattern),
                            Problem::new(path, file_amount_message(s, &e)),
                        ));
                    }
                }
                other => {
                    found.push((
                        document_order(path, pattern),
                        Problem::new(path, not_a_string_message(other)),
                    ));
                    *other = Value::String(String::new());
                }
            },
        );
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found.into_iter().map(|(_, p)| p).collect()
}

/// Rewrite every valid amount in canonical text (`1,234.5` → `1234.50`).
pub(super) fn normalize_amounts(inputs: &mut Value) {
    for_each_amount(inputs, "", &mut |_, slot| {
        if let Value::String(s) = slot {
            let a = Amount::from_text(s.as_str()).normalized();
            *s = a.text().to_string();
        }
    });
}

fn file_amount_message(text: &str, e: &crate::amount::AmountError) -> String {
    use crate::amount::AmountError;
    match e {
        AmountError::NotANumber(_) if text.is_empty() => {
            "金额为空：文件中的金额必须写出数字，零写作 \"0.00\"".to_string()
        }
        // The lenient parser would accept it; the file format does not.
        AmountError::NotANumber(_) if crate::amount::parse_amount(text).is_ok() => format!(
            "“{text}”不是文件规定的金额写法：只能是不带逗号、空格和正负号的数字，最多 2 位小数，如 \"12.30\""
        ),
        other => other.to_string(),
    }
}

fn not_a_string_message(v: &Value) -> String {
    match v {
        Value::Number(n) => {
            format!("金额必须写成字符串，如 \"12.30\"；文件中写成了数字 {n}（数字会丢失精度）")
        }
        Value::Null => "金额必须写成字符串，如 \"12.30\"；文件中是 null".to_string(),
        Value::Bool(b) => format!("金额必须写成字符串，如 \"12.30\"；文件中是 {b}"),
        Value::Array(_) => "金额必须写成字符串，如 \"12.30\"；文件中是数组".to_string(),
        Value::Object(_) => "金额必须写成字符串，如 \"12.30\"；文件中是对象".to_string(),
        Value::String(_) => String::new(),
    }
}
