//! Where the amounts are in the JSON of [`Inputs`](crate::model::Inputs), and the
//! strict walk over them: a file must hold plain decimal strings only.
//!
//! The walk runs on the JSON value, before typed decoding, so that every bad
//! amount is reported at once — including JSON numbers, which typed decoding
//! would stop at with a generic message.

use serde_json::Value;

use super::error::Problem;
use super::json::Path;
use crate::amount::{Amount, parse_file_amount};
use crate::model::Inputs;

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
    "disclosure.last_year.fiscal",
    "disclosure.last_year.general",
    "disclosure.last_year.gov_fund",
    "disclosure.last_year.state_capital",
    "disclosure.sme_reserved",
    "disclosure.target_projects[].amount",
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
#[cfg(test)]
pub(super) fn for_each_amount(
    inputs: &mut Value,
    prefix: &str,
    f: &mut dyn FnMut(&str, &mut Value),
) {
    let root = Path::Root;
    let start = start(&root, prefix);
    for pattern in AMOUNT_PATHS {
        let segments: Vec<&str> = pattern.split('.').collect();
        walk(inputs, &start, &segments, &mut |path, slot| {
            f(&path.to_string(), slot)
        });
    }
}

fn start<'a>(root: &'a Path<'a>, prefix: &'a str) -> Path<'a> {
    if prefix.is_empty() {
        Path::Root
    } else {
        Path::Key(root, prefix)
    }
}

/// See [`document_order`].
type OrderKey = (usize, Vec<usize>, usize);

/// Sort key putting problems in document order: by top-level field, then array
/// indices (`rows[2]` after `rows[1]`), then field order within the element.
fn document_order(path: &str, pattern: usize) -> OrderKey {
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

/// The problems sorted by their [`document_order`] key (one copy of the sort
/// for both walks).
fn in_document_order(mut found: Vec<(OrderKey, Problem)>) -> Vec<Problem> {
    sort_once::sort_by(&mut found, |a, b| a.0.cmp(&b.0));
    found.into_iter().map(|(_, p)| p).collect()
}

/// `path` is only written out when `f` needs it (for a problem).
fn walk(
    value: &mut Value,
    path: &Path<'_>,
    segments: &[&str],
    f: &mut dyn FnMut(&Path<'_>, &mut Value),
) {
    let Some((first, rest)) = segments.split_first() else {
        f(path, value);
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
    let child_path = Path::Key(path, key);
    if each {
        if let Value::Array(items) = child {
            for (i, item) in items.iter_mut().enumerate() {
                walk(item, &Path::Index(&child_path, i), rest, f);
            }
        }
    } else {
        walk(child, &child_path, rest, f);
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
    let root = Path::Root;
    let start = start(&root, prefix);
    for (pattern, text) in AMOUNT_PATHS.iter().enumerate() {
        let segments: Vec<&str> = text.split('.').collect();
        walk(inputs, &start, &segments, &mut |path, slot| match slot {
            Value::String(s) => {
                // At most 12 integer digits: below MAX_AMOUNT (10^12), accepted.
                if strictness == Strictness::File
                    && !(s.len() <= 15 && is_canonical(s))
                    && let Err(e) = parse_file_amount(s)
                {
                    let path = path.to_string();
                    found.push((
                        document_order(&path, pattern),
                        Problem::new(&path, file_amount_message(s, &e)),
                    ));
                }
            }
            other => {
                let path = path.to_string();
                found.push((
                    document_order(&path, pattern),
                    Problem::new(&path, not_a_string_message(other)),
                ));
                *other = Value::String(String::new());
            }
        });
    }
    in_document_order(found)
}

/// Rewrite every valid amount in canonical text (`1,234.5` → `1234.50`).
#[cfg(test)]
pub(super) fn normalize_amounts(inputs: &mut Value) {
    for_each_amount(inputs, "", &mut |_, slot| {
        if let Value::String(s) = slot {
            let a = Amount::from_text(s.as_str()).normalized();
            *s = a.text().to_string();
        }
    });
}

/// Visit every `Amount` of typed `inputs`, in the order of [`AMOUNT_PATHS`]: the
/// index of its pattern there and the array index where the pattern has `[]`.
/// The typed twin of [`for_each_amount`], without a JSON value or path strings.
pub(super) fn for_each_typed(inputs: &mut Inputs, f: &mut dyn FnMut(usize, usize, &mut Amount)) {
    for (i, r) in inputs.rows.iter_mut().enumerate() {
        f(0, i, &mut r.this_year);
    }
    for (i, r) in inputs.rows.iter_mut().enumerate() {
        f(1, i, &mut r.last_year);
    }
    for (i, r) in inputs.economic_rows.iter_mut().enumerate() {
        f(2, i, &mut r.amount);
    }
    let (last, this) = (&mut inputs.sangong.last_year, &mut inputs.sangong.this_year);
    for (base, year) in [(3, last), (7, this)] {
        f(base, 0, &mut year.abroad);
        f(base + 1, 0, &mut year.vehicle_purchase);
        f(base + 2, 0, &mut year.vehicle_operation);
        f(base + 3, 0, &mut year.reception);
    }
    for (i, r) in inputs.procurement.iter_mut().enumerate() {
        f(11, i, &mut r.amount);
    }
    for (i, r) in inputs.overall_performance.indicators.iter_mut().enumerate() {
        f(12, i, &mut r.weight);
    }
    for (i, p) in inputs.projects.iter_mut().enumerate() {
        f(13, i, &mut p.budget_this_year);
    }
    for (i, p) in inputs.projects.iter_mut().enumerate() {
        f(14, i, &mut p.budget_last_year);
    }
    for (i, p) in inputs.projects.iter_mut().enumerate() {
        f(15, i, &mut p.adjusted_amount);
    }
    f(16, 0, &mut inputs.narrative.running_cost_this_year);
    f(17, 0, &mut inputs.narrative.running_cost_last_year);
    // An empty `disclosure` is not written (so it reads back as the default):
    // its blank figures are neither judged nor rewritten.
    if inputs.disclosure.is_empty() {
        return;
    }
    let d = &mut inputs.disclosure;
    f(18, 0, &mut d.last_year.fiscal);
    f(19, 0, &mut d.last_year.general);
    f(20, 0, &mut d.last_year.gov_fund);
    f(21, 0, &mut d.last_year.state_capital);
    f(22, 0, &mut d.sme_reserved);
    for (i, p) in d.target_projects.iter_mut().enumerate() {
        f(23, i, &mut p.amount);
    }
}

/// The path of pattern `pattern` at array index `index`, under `prefix`.
fn typed_path(prefix: &str, pattern: usize, index: usize) -> String {
    let text = AMOUNT_PATHS[pattern].replacen("[]", &format!("[{index}]"), 1);
    if prefix.is_empty() {
        text
    } else {
        format!("{prefix}.{text}")
    }
}

/// Every valid amount of `inputs` in canonical text (`1,234.5` → `1234.50`);
/// invalid text is kept as typed. Exactly what writing the inputs as JSON,
/// [`normalize_amounts`] and reading them back gives: a valid amount becomes
/// `Amount::from_text` of its canonical text (value with scale 2).
pub(super) fn normalize_typed(inputs: &mut Inputs) {
    for_each_typed(inputs, &mut |_, _, a| {
        if a.parsed().is_none() && a.text().trim().is_empty() {
            // `Amount::default()` (never typed): a blank, read as zero.
            *a = Amount::from_text("");
        }
        if let Some(v) = a.parsed()
            && !(v.scale() == 2 && is_canonical(a.text()))
        {
            *a = Amount::from_text(crate::amount::canonical(v));
        }
    });
}

/// True when `text` is already what [`Amount::normalized`] writes: digits, a
/// point, exactly two digits, and no superfluous leading zero.
fn is_canonical(text: &str) -> bool {
    let b = text.as_bytes();
    let n = b.len();
    n >= 4
        && b[n - 3] == b'.'
        && b[..n - 3].iter().all(u8::is_ascii_digit)
        && b[n - 2..].iter().all(u8::is_ascii_digit)
        && (n == 4 || b[0] != b'0')
}

/// True when `parse_file_amount(a.text())` is sure to accept: canonical text of
/// at most 13 integer digits (parsed exactly, no sign) whose value is in range.
/// A shortcut for the common case; anything else goes through the parser.
fn surely_file_amount(a: &Amount) -> bool {
    let text = a.text();
    text.len() <= 16
        && is_canonical(text)
        && a.parsed()
            .is_some_and(|v| v.scale() == 2 && v <= crate::amount::MAX_AMOUNT)
}

/// [`check_amounts`] with [`Strictness::File`] on typed inputs (every amount is
/// a string there): the same problems, in the same order. Only reads `inputs`.
pub(super) fn check_typed(inputs: &mut Inputs, prefix: &str) -> Vec<Problem> {
    let mut found = Vec::new();
    for_each_typed(inputs, &mut |pattern, index, a| {
        if surely_file_amount(a) {
            return;
        }
        if let Err(e) = parse_file_amount(a.text()) {
            let path = typed_path(prefix, pattern, index);
            found.push((
                document_order(&path, pattern),
                Problem::new(&path, file_amount_message(a.text(), &e)),
            ));
        }
    });
    in_document_order(found)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Messy but valid, canonical, invalid and scale-0 amounts in every slot
    /// of the seed sample.
    fn messy() -> Inputs {
        let mut inputs: Inputs =
            serde_json::from_str(include_str!("../../../../fixtures/dadukou-2021.json")).unwrap();
        let texts = ["1,234.5", "12.30", "abc", "", " 7 ", "0.00", "-0", "00.50"];
        let mut n = 0;
        for_each_typed(&mut inputs, &mut |_, _, a| {
            *a = match n % 9 {
                8 => Amount::from_decimal(rust_decimal::Decimal::new(5, 0)),
                k => Amount::from_text(texts[k]),
            };
            n += 1;
        });
        inputs
    }

    /// The JSON round trip the typed walk replaces.
    fn through_json(inputs: &Inputs) -> Inputs {
        let mut value = serde_json::to_value(inputs).unwrap();
        normalize_amounts(&mut value);
        serde_json::from_value(value).unwrap()
    }

    fn scales(inputs: &mut Inputs) -> Vec<(String, Option<(i128, u32)>)> {
        let mut out = Vec::new();
        for_each_typed(inputs, &mut |_, _, a| {
            out.push((
                a.text().to_string(),
                a.parsed().map(|v| (v.mantissa(), v.scale())),
            ))
        });
        out
    }

    #[test]
    fn typed_walk_visits_every_amount_path_in_order() {
        let mut inputs = messy();
        let mut typed = Vec::new();
        for_each_typed(&mut inputs, &mut |p, i, _| {
            typed.push(typed_path("inputs", p, i))
        });
        let mut value = serde_json::to_value(&inputs).unwrap();
        let mut walked = Vec::new();
        for_each_amount(&mut value, "inputs", &mut |path, _| {
            walked.push(path.to_string())
        });
        assert!(typed.len() > 60, "{}", typed.len());
        assert_eq!(typed, walked);
    }

    #[test]
    fn typed_normalize_equals_the_json_round_trip() {
        let inputs = messy();
        let mut typed = inputs.clone();
        normalize_typed(&mut typed);
        let mut json = through_json(&inputs);
        assert_eq!(typed, json);
        assert_eq!(scales(&mut typed), scales(&mut json));
    }

    #[test]
    fn typed_check_equals_the_value_walk() {
        let mut inputs = messy();
        let mut value = serde_json::to_value(&inputs).unwrap();
        let want = check_amounts(&mut value, "inputs", Strictness::File);
        assert!(!want.is_empty());
        assert_eq!(check_typed(&mut inputs, "inputs"), want);
    }
}
