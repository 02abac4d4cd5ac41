//! The reading pipeline as it was before the one-pass decoder (a value tree,
//! `serde_path_to_error` over it): the reference the new one is compared with.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::*;
use crate::checks::check;
use crate::derive::derive;

/// Read a draft or a bare `Inputs` JSON as the clerk left it: amount text is
/// kept as typed (the checks judge it), structure is strict, problems have paths.
///
/// Every reader of `Inputs` in this crate goes through the same decoder
/// (`serde_path_to_error` over a JSON value), so the browser bundle carries one
/// copy of the model's deserializer instead of one per entry point.
pub(super) fn read_inputs(text: &str) -> Result<Inputs, ImportError> {
    let mut value = json::parse(text)?;
    if !value.is_object() {
        return Err(not_an_object());
    }
    // Amounts are only rewritten (a non-string → "") together with a problem, so
    // when there is none, `value` is still the file as read.
    let mut problems = amounts::check_amounts(&mut value, "", amounts::Strictness::Draft);
    match typed::<Inputs>(&value, &mut problems) {
        Some(inputs) if problems.is_empty() => {
            objects_only(&value, &inputs, "")?;
            Ok(inputs)
        }
        _ => Err(ImportError::Invalid(problems)),
    }
}

/// Refuse a struct written as a JSON array (see [`structure::arrays_for_objects`]).
fn objects_only<T: Serialize>(
    original: &Value,
    decoded: &T,
    path: &str,
) -> Result<(), ImportError> {
    let back = serde_json::to_value(decoded)
        .map_err(|e| ImportError::Invalid(vec![Problem::new(path, e.to_string())]))?;
    let mut problems = Vec::new();
    structure::arrays_for_objects(original, &back, path, &mut problems);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ImportError::Invalid(problems))
    }
}

/// Read a submission file: all or nothing (see the module doc).
pub(super) fn import(bytes: &[u8]) -> Result<Imported, ImportError> {
    let text = json::decode(bytes)?;
    let value = json::parse(text)?;
    check_header(&value)?;
    import_value(value)
}

/// Read a submission file or bare `Inputs` JSON: a top-level `format` key means a
/// submission file (read strictly, as [`import`]); otherwise a `unit` key means
/// bare inputs.
pub(super) fn open(bytes: &[u8]) -> Result<Opened, ImportError> {
    let text = json::decode(bytes)?;
    let mut value = json::parse(text)?;
    let obj = value.as_object().ok_or_else(not_an_object)?;
    if obj.contains_key("format") {
        check_header(&value)?;
        return import_value(value).map(Opened::Submission);
    }
    if !obj.contains_key("unit") {
        return Err(ImportError::NotASubmission(
            "既没有 format 字段（预算填报文件），也没有 unit 字段（输入数据文件）".to_string(),
        ));
    }
    let mut problems = amounts::check_amounts(&mut value, "", amounts::Strictness::Draft);
    let inputs = typed::<Inputs>(&value, &mut problems);
    match inputs {
        Some(inputs) if problems.is_empty() => {
            objects_only(&value, &inputs, "")?;
            let derived = derive(&inputs);
            let findings = check(&inputs, &derived);
            Ok(Opened::Inputs {
                inputs,
                derived,
                findings,
            })
        }
        _ => Err(ImportError::Invalid(problems)),
    }
}

fn not_an_object() -> ImportError {
    ImportError::NotASubmission("最外层应为 JSON 对象（{ … }）".to_string())
}

fn check_header(value: &Value) -> Result<(), ImportError> {
    let obj = value.as_object().ok_or_else(not_an_object)?;
    let not = |m: String| Err(ImportError::NotASubmission(m));
    match obj.get("format") {
        Some(Value::String(s)) if s.as_str() == FORMAT => {}
        None => return not(format!("缺少 format 字段（应为 \"{FORMAT}\"）")),
        Some(other) => return not(format!("format 为 {other}，应为 \"{FORMAT}\"")),
    }
    match obj.get("version") {
        None => not("缺少 version 字段（应为 1）".to_string()),
        Some(v) => match v.as_u64() {
            Some(1) => Ok(()),
            Some(n) if n > 1 => Err(ImportError::UnsupportedVersion(n)),
            _ => not(format!("version 为 {v}，应为 1")),
        },
    }
}

/// The wire shape read back: `derived` is compared leaf by leaf on the JSON value
/// as read, so here it is only required to be present.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SubmissionIn {
    #[allow(dead_code)] // checked by `check_header`
    format: serde::de::IgnoredAny,
    #[allow(dead_code)] // checked by `check_header`
    version: serde::de::IgnoredAny,
    #[serde(deserialize_with = "super::exported_at")]
    exported_at: String,
    inputs: Inputs,
    #[allow(dead_code)] // compared on the value as read
    derived: serde::de::IgnoredAny,
    report: Report,
}

/// Decode from a borrowed value: the caller keeps the file as read for the
/// checks that follow, without a deep copy.
fn typed<T: serde::de::DeserializeOwned>(value: &Value, problems: &mut Vec<Problem>) -> Option<T> {
    match serde_path_to_error::deserialize::<_, T>(value) {
        Ok(t) => Some(t),
        Err(e) => {
            let path = e.path().to_string();
            let path = if path == "." { String::new() } else { path };
            problems.push(Problem::new(
                path,
                structure::translate(&e.inner().to_string()),
            ));
            None
        }
    }
}

fn import_value(mut value: Value) -> Result<Imported, ImportError> {
    // Amounts are only rewritten (a non-string → "") together with a problem, so
    // when there is none, `value` is still the file as read.
    let mut problems = match value.get_mut("inputs") {
        Some(inputs) => amounts::check_amounts(inputs, "inputs", amounts::Strictness::File),
        None => Vec::new(),
    };
    let parsed = typed::<SubmissionIn>(&value, &mut problems);
    let file = match parsed {
        Some(file) if problems.is_empty() => file,
        _ => return Err(ImportError::Invalid(problems)),
    };
    if let Some(original) = value.get("inputs") {
        objects_only(original, &file.inputs, "inputs")?;
    }
    if let Some(original) = value.get("report") {
        objects_only(original, &file.report, "report")?;
    }
    // Present: decoding requires it.
    let stated_derived = value.get("derived").unwrap_or(&Value::Null);
    let derived = derive(&file.inputs);
    let mut findings = check(&file.inputs, &derived);
    let recomputed = serde_json::to_value(&derived)
        .map_err(|e| ImportError::Invalid(vec![Problem::new("derived", e.to_string())]))?;
    let mut diffs = compare::differences(stated_derived, &recomputed, "derived");
    let report = Report::new(&findings, &file.inputs.explanations);
    diffs.extend(super::report_differences(&file.report, &report));
    findings.extend(compare::findings(&diffs));
    Ok(Imported {
        inputs: file.inputs,
        derived,
        findings,
        stated_exported_at: file.exported_at,
    })
}

/// The one-pass reading against this reference, on files broken in every way
/// the mutations below can: the same result, or the same refusal (problems,
/// paths, messages), for every file.
#[cfg(test)]
mod differential {
    use serde_json::{Map, Value, json};

    use super::super::{export, import as new_import, open as new_open, read_inputs as new_read};
    use crate::model::Inputs;
    use crate::synthetic;

    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    fn bases() -> Vec<Value> {
        let seed: Inputs =
            serde_json::from_str(include_str!("../../../../fixtures/dadukou-2021.json")).unwrap();
        let mut out = Vec::new();
        for inputs in [seed, synthetic::generate(3, 5), synthetic::generate(12, 9)] {
            let text = export(&inputs, "2026-11-25T00:00:00Z").unwrap();
            let v: Value = serde_json::from_str(&text).unwrap();
            out.push(v["inputs"].clone());
            out.push(v);
        }
        out
    }

    /// Every node of `v` as a JSON pointer.
    fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
        out.push(at.clone());
        match v {
            Value::Object(m) => m.iter().for_each(|(k, c)| {
                pointers(
                    c,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                )
            }),
            Value::Array(a) => a
                .iter()
                .enumerate()
                .for_each(|(i, c)| pointers(c, format!("{at}/{i}"), out)),
            _ => {}
        }
    }

    fn replacement(rng: &mut Rng, current: &Value) -> Value {
        match rng.below(16) {
            0 => Value::Null,
            1 => json!(true),
            2 => json!(12.3),
            3 => json!(-1),
            4 => json!(5),
            5 => json!("x"),
            6 => json!([]),
            7 => json!({}),
            8 => json!(["a", 1]),
            9 => json!({"basic": null}),
            10 => json!({"a": null, "b": 1}),
            11 => json!("12.345"),
            12 => json!(1e300),
            13 => match current {
                // A struct written as an array of its values (maybe one short or long).
                Value::Object(m) => {
                    let mut items: Vec<Value> = m.values().cloned().collect();
                    match rng.below(3) {
                        0 => {
                            items.pop();
                        }
                        1 => items.push(json!("extra")),
                        _ => {}
                    }
                    Value::Array(items)
                }
                other => other.clone(),
            },
            14 if rng.below(2) == 0 => json!({"basic": 5}),
            14 if rng.below(2) == 0 => json!({"basic": 5, "x": null}),
            14 => json!("misc"),
            _ => json!("1,234.5"),
        }
    }

    fn mutate(rng: &mut Rng, base: &Value) -> Vec<u8> {
        let mut v = base.clone();
        for _ in 0..1 + rng.below(3) {
            let mut all = Vec::new();
            pointers(&v, String::new(), &mut all);
            let p = all[rng.below(all.len())].clone();
            match rng.below(4) {
                0 if !p.is_empty() => {
                    let (parent, last) = p.rsplit_once('/').unwrap();
                    match v.pointer_mut(parent) {
                        Some(Value::Object(m)) => {
                            m.shift_remove(&last.replace("~1", "/").replace("~0", "~"));
                        }
                        Some(Value::Array(a)) if !a.is_empty() => {
                            a.pop();
                        }
                        _ => {}
                    }
                }
                1 => {
                    if let Some(Value::Object(m)) = v.pointer_mut(&p) {
                        m.insert("zz_unknown".into(), json!(1));
                    }
                }
                _ => {
                    let slot = v.pointer_mut(&p).unwrap();
                    let new = replacement(rng, slot);
                    *slot = new;
                }
            }
        }
        let mut text = if rng.below(2) == 0 {
            serde_json::to_string_pretty(&v).unwrap()
        } else {
            v.to_string()
        };
        match rng.below(12) {
            // A repeated key, somewhere.
            0 => {
                let keys: Vec<usize> = text.match_indices("\":").map(|(i, _)| i).collect();
                if !keys.is_empty() {
                    let end = keys[rng.below(keys.len())];
                    let start = text[..end].rfind('"').unwrap();
                    let key = text[start..end + 1].to_string();
                    let value_end = text[end..].find([',', '}']).map(|i| end + i).unwrap();
                    let member = format!("{}, ", &text[start..value_end]);
                    if !member.contains('{') && !member.contains('[') && key.len() > 2 {
                        text.insert_str(start, &member);
                    }
                }
            }
            1 => {
                let n = rng.below(text.len());
                let mut cut = n;
                while !text.is_char_boundary(cut) {
                    cut -= 1;
                }
                text.truncate(cut);
            }
            2 => text.push_str(" x"),
            _ => {}
        }
        text.into_bytes()
    }

    #[test]
    fn the_one_pass_reading_agrees_with_the_reference() {
        let bases = bases();
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let (mut accepted, mut refused) = (0, 0);
        for case in 0..800 {
            let base = &bases[case % bases.len()];
            let bytes = if case < bases.len() {
                serde_json::to_vec_pretty(base).unwrap()
            } else {
                mutate(&mut rng, base)
            };
            let text = String::from_utf8_lossy(&bytes);
            let want = super::open(&bytes);
            let got = new_open(&bytes);
            assert_eq!(got, want, "open, case {case}:\n{text}");
            match &want {
                Ok(_) => accepted += 1,
                Err(_) => refused += 1,
            }
            if base.get("format").is_some() {
                assert_eq!(
                    new_import(&bytes),
                    super::import(&bytes),
                    "import, case {case}"
                );
            } else {
                assert_eq!(
                    new_read(&text),
                    super::read_inputs(&text),
                    "read_inputs, case {case}"
                );
            }
        }
        assert!(
            accepted > 50 && refused > 300,
            "{accepted} accepted, {refused} refused"
        );
    }

    #[test]
    fn hand_written_cases_agree() {
        let _ = Map::new();
        for text in [
            r#"{"unit": {"name": "a", "code": "1", "fiscal_year": 2021}, "rows": [["2010301", "general_budget", "basic", "1.00", "2.00", "x"]]}"#,
            r#"{"unit": {"name": "a", "code": "1", "fiscal_year": 2021}, "rows": [{"code": "1", "source": 5, "kind": "basic", "this_year": "1", "last_year": "1"}]}"#,
            r#"{"unit": {"name": "a", "code": "1", "fiscal_year": 2021}, "rows": [{"code": "1", "source": [1], "kind": "basic", "this_year": "1", "last_year": "1"}]}"#,
            r#"{"unit": {"name": "a", "code": "1", "fiscal_year": 2021}, "rows": [{"code": "1", "source": {"general_budget": null, "x": 1}, "kind": "basic", "this_year": "1", "last_year": "1"}]}"#,
            r#"{"unit": {"name": "a", "code": "1", "fiscal_year": 2021}, "rows": [{"code": "1", "source": {}, "kind": "basic", "this_year": "1", "last_year": "1"}]}"#,
            r#"{"unit": {"name": "a", "code": "1", "fiscal_year": 2021}, "rows": {}}"#,
            r#"{"unit": {"name": "a", "code": "1", "fiscal_year": 2021}, "rows": [[]]}"#,
            r#"{"unit": [1]}"#,
            r#"{"unit": {"name": "a", "code": "1", "fiscal_year": 2021}, "explanations": {"a": "1", "a": "2"}}"#,
            r#"{"unit": {"name": "a", "code": "1", "fiscal_year": 2021, "nam\u0065": "b"}}"#,
            // A year out of range (refused by a custom error), last or not.
            r#"{"unit": {"name": "a", "code": "1", "fiscal_year": -2147483648}}"#,
            r#"{"unit": {"name": "a", "fiscal_year": 10000, "code": "1"}}"#,
            r#"{"unit": {"name": "a", "fiscal_year": -1, "code": "1"}}"#,
            r#"{"unit": {"fiscal_year": -1}}"#,
            r#"{"unit": {"name": "a", "code": "1", "fiscal_year": 99999999999}}"#,
        ] {
            let bytes = text.as_bytes();
            assert_eq!(new_open(bytes), super::open(bytes), "{text}");
            assert_eq!(new_read(text), super::read_inputs(text), "{text}");
        }
    }
}

/// `cargo test --release -p budget-core --lib reading_time -- --ignored --nocapture`:
/// the reading of a 10,000-row file, before and now (a measurement, not a check).
#[cfg(test)]
#[test]
#[ignore]
fn reading_time() {
    use std::time::Instant;
    let inputs = crate::synthetic::generate(10_000, 42);
    let text = super::export(&inputs, "2026-11-25T00:00:00Z").unwrap();
    let time = |f: &dyn Fn() -> bool| {
        let mut ms: Vec<f64> = (0..7)
            .map(|_| {
                let t = Instant::now();
                assert!(f());
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        ms.sort_by(f64::total_cmp);
        ms[3]
    };
    let before = time(&|| import(text.as_bytes()).is_ok());
    let now = time(&|| super::import(text.as_bytes()).is_ok());
    let decode = time(&|| super::from_text::<super::SubmissionIn>(&text).is_ok());
    let scan = time(&|| super::scan::quick_check(&text).clean);
    let derived = time(&|| !super::json_lines(&derive(&inputs)).unwrap().is_empty());
    println!(
        "10,000 rows, {} bytes: import before {before:.1} ms, now {now:.1} ms \
         (of which scan {scan:.1} ms, typed decoding {decode:.1} ms, \
         derive + writing it as text {derived:.1} ms)",
        text.len()
    );
}
