//! Reading a submission file (or bare inputs): the one reader (see the module
//! doc of `file`).
//!
//! A submission file is first read with its `derived` cut out
//! ([`stated::top_level_derived`]) and that text compared with the
//! recomputation written out ([`compare_stated`]): an exported file needs no
//! value tree of its tables. When that does not give the answer (the file is
//! refused, or states other figures), the whole file is read, which words the
//! refusal with positions and paths in the file and compares leaf by leaf.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::CatalogRecord;
use super::amounts::{self, Strictness};
use super::compare::{self, Difference, What};
use super::draft_file::{is_draft, read_draft};
use super::error::{ImportError, Problem};
use super::export::{json_lines, to_value};
use super::{FORMAT, Imported, Opened, Report, department, json, located, stated, structure};
use crate::catalog::Choice;
use crate::checks::check_in;
use crate::derive::{Derived, derive_in};
use crate::finding::Finding;
use crate::model::Inputs;

/// Read a submission file: all or nothing (see the module doc). A draft file
/// (`"draft": true`) is read as the clerk left it and starts with DRF-001.
pub fn import(bytes: &[u8]) -> Result<Imported, ImportError> {
    let choice = Choice::Builtin;
    let text = json::decode(bytes)?;
    if let Some(imported) = import_split(text, choice) {
        return Ok(imported);
    }
    let value = json::parse(text)?;
    check_header(&value)?;
    if is_draft(&value) {
        return read_draft(value, choice);
    }
    import_value(value, choice)
}

/// Read a submission file or bare `Inputs` JSON: a top-level `format` key means a
/// submission file (read as [`import`] reads it, a draft file too); otherwise a `unit` key means
/// bare inputs.
pub fn open(bytes: &[u8]) -> Result<Opened, ImportError> {
    open_in(bytes, Choice::Builtin)
}

/// [`open`], deriving and checking against the catalogs `choice` gives for
/// the form's year.
pub fn open_in(bytes: &[u8], choice: Choice<'_>) -> Result<Opened, ImportError> {
    open_text(json::decode(bytes)?, choice)
}

/// [`open_in`] of the text of a file.
pub(super) fn open_text(text: &str, choice: Choice<'_>) -> Result<Opened, ImportError> {
    if let Some(imported) = import_split(text, choice) {
        return Ok(Opened::Submission(imported));
    }
    let value = json::parse(text)?;
    let obj = value.as_object().ok_or_else(not_an_object)?;
    if obj.contains_key("format") {
        check_header(&value)?;
        if is_draft(&value) {
            return read_draft(value, choice).map(Opened::Submission);
        }
        return import_value(value, choice).map(Opened::Submission);
    }
    if !obj.contains_key("unit") {
        return Err(neither_format_nor_unit());
    }
    let inputs = inputs_value(value)?;
    let cats = choice.for_year(inputs.unit.fiscal_year);
    let derived = derive_in(&inputs, cats);
    let findings = check_in(&inputs, &derived, cats);
    Ok(Opened::Inputs {
        inputs,
        derived,
        findings,
    })
}

/// Bare inputs from their JSON value as read: amount text kept as typed (the
/// checks judge it), structure strict, every problem with its path.
pub(super) fn inputs_value(mut value: Value) -> Result<Inputs, ImportError> {
    if !value.is_object() {
        return Err(not_an_object());
    }
    // Amounts are only rewritten (a non-string → "") together with a problem, so
    // when there is none, `value` is still the file as read.
    let mut problems = amounts::check_amounts(&mut value, "", Strictness::Draft);
    match typed::<Inputs>(&value, &mut problems) {
        Some(inputs) if problems.is_empty() => {
            objects_only(&value, "")?;
            known_template(&inputs)?;
            Ok(inputs)
        }
        _ => Err(ImportError::Invalid(problems)),
    }
}

pub(super) fn neither_format_nor_unit() -> ImportError {
    ImportError::NotASubmission(
        "既没有 format 字段（预算填报文件），也没有 unit 字段（输入数据文件）".to_string(),
    )
}

pub(super) fn not_an_object() -> ImportError {
    ImportError::NotASubmission("最外层应为 JSON 对象（{ … }）".to_string())
}

pub(super) fn check_header(value: &Value) -> Result<(), ImportError> {
    let obj = value.as_object().ok_or_else(not_an_object)?;
    let not = |m: String| Err(ImportError::NotASubmission(m));
    match obj.get("format") {
        Some(Value::String(s)) if s == FORMAT => {}
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

/// The wire shape read back. `format` and `version` are checked before
/// decoding ([`check_header`]); `derived` is compared with the recomputation
/// on the file as read, so here it is only required to be present.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SubmissionIn {
    #[allow(dead_code)] // checked by `check_header`
    format: serde::de::IgnoredAny,
    #[allow(dead_code)] // checked by `check_header`
    version: serde::de::IgnoredAny,
    /// `true`: a draft file, read by `draft_file` instead.
    #[serde(default)]
    pub(super) draft: bool,
    #[serde(deserialize_with = "exported_at")]
    pub(super) exported_at: String,
    pub(super) inputs: Inputs,
    #[allow(dead_code)] // compared on the value as read
    derived: serde::de::IgnoredAny,
    pub(super) report: Report,
    #[serde(default)]
    pub(super) catalog: Option<CatalogRecord>,
    #[serde(default)]
    pub(super) units: Vec<Inputs>,
}

/// `exported_at` as read: an RFC 3339 date-time, or a refusal quoting (the
/// start of) what the file holds.
pub(super) fn exported_at<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let text = String::deserialize(d)?;
    if is_timestamp(&text) {
        return Ok(text);
    }
    let shown: String = text.chars().take(40).collect();
    let more = if shown.len() < text.len() { "…" } else { "" };
    Err(serde::de::Error::custom(format!(
        "导出时间应为 RFC 3339 格式（如 2026-11-25T19:30:00Z），文件中为“{shown}{more}”"
    )))
}

/// True when `text` is an RFC 3339 date-time: `2026-11-25T19:30:00Z`, with a
/// fraction of a second and a `±HH:MM` offset allowed, `t` and `z` in either
/// case (as RFC 3339 and JSON Schema's `date-time` allow); the date must exist.
fn is_timestamp(text: &str) -> bool {
    // ASCII only: every slice below is then on a character boundary.
    if !text.is_ascii() {
        return false;
    }
    let two = |s: &str, max: u32| {
        s.len() == 2
            && s.bytes().all(|b| b.is_ascii_digit())
            && s.parse::<u32>().is_ok_and(|n| n <= max)
    };
    let Some((date, rest)) = text.split_at_checked(10) else {
        return false;
    };
    let Some(rest) = rest.strip_prefix(['T', 't']) else {
        return false;
    };
    let time_ok = rest.len() >= 8
        && two(&rest[0..2], 23)
        && &rest[2..3] == ":"
        && two(&rest[3..5], 59)
        && &rest[5..6] == ":"
        && two(&rest[6..8], 60);
    if crate::checks::parse::date(date).is_none() || !time_ok {
        return false;
    }
    let mut zone = &rest[8..];
    if let Some(frac) = zone.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return false;
        }
        zone = &frac[digits..];
    }
    match zone.as_bytes() {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', ..] if zone.len() == 6 => {
            two(&zone[1..3], 23) && &zone[3..4] == ":" && two(&zone[4..6], 59)
        }
        _ => false,
    }
}

/// Decode from the file as read (amounts already judged): the first
/// structural error, with its JSON path and a Chinese message. Borrows the
/// value: the checks that follow read the file as read.
pub(super) fn typed<T: DeserializeOwned>(value: &Value, problems: &mut Vec<Problem>) -> Option<T> {
    match located::decode(value) {
        Ok(t) => Some(t),
        Err((path, message)) => {
            problems.push(Problem::new(path, structure::translate(&message)));
            None
        }
    }
}

/// Refuse a form laid out by a template this program does not know (its
/// tables, text and checks would be another region's).
pub(super) fn known_template(inputs: &Inputs) -> Result<(), ImportError> {
    let id = inputs.template.as_str();
    match crate::template::get(id) {
        Some(_) => Ok(()),
        None => Err(ImportError::UnknownTemplate {
            id: id.to_string(),
            known: crate::template::known_ids(),
        }),
    }
}

/// Refuse a struct written as a JSON array (see [`structure::arrays_for_objects`]).
fn objects_only(original: &Value, path: &str) -> Result<(), ImportError> {
    let mut problems = Vec::new();
    structure::arrays_for_objects(original, path, &mut problems);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ImportError::Invalid(problems))
    }
}

/// The submission file in `value` (header checked), decoded: every malformed
/// part of `inputs` and `report`, or the file.
pub(super) fn submission(value: &mut Value) -> Result<SubmissionIn, ImportError> {
    // Amounts are only rewritten (a non-string → "") together with a problem, so
    // when there is none, `value` is still the file as read.
    let mut problems = match value.get_mut("inputs") {
        Some(inputs) => amounts::check_amounts(inputs, "inputs", Strictness::File),
        None => Vec::new(),
    };
    if let Some(Value::Array(units)) = value.get_mut("units") {
        for (i, unit) in units.iter_mut().enumerate() {
            let path = format!("units[{i}]");
            problems.extend(amounts::check_amounts(unit, &path, Strictness::File));
        }
    }
    let file = match typed::<SubmissionIn>(value, &mut problems) {
        Some(file) if problems.is_empty() => file,
        _ => return Err(ImportError::Invalid(problems)),
    };
    known_template(&file.inputs)?;
    for u in &file.units {
        known_template(u)?;
    }
    if let Some(original) = value.get("inputs") {
        objects_only(original, "inputs")?;
    }
    if let Some(original) = value.get("report") {
        objects_only(original, "report")?;
    }
    if let Some(Value::Array(units)) = value.get("units") {
        for (i, unit) in units.iter().enumerate() {
            objects_only(unit, &format!("units[{i}]"))?;
        }
    }
    Ok(file)
}

/// The submission file in `text` read with its `derived` cut out and stated
/// as the recomputation written out: `None` when it is not so (then the whole
/// file is read).
fn import_split(text: &str, choice: Choice<'_>) -> Option<Imported> {
    let range = stated::top_level_derived(text)?;
    let file = without_derived(text, range).ok()?;
    if file.draft {
        return None;
    }
    let stated = text.get(range.0..range.1)?;
    let compared = compare_stated(stated, &file.report, &file.inputs, &file.units, choice)?;
    let mut findings = compared.checks;
    findings.extend(compared.imp);
    Some(Imported {
        inputs: file.inputs,
        derived: compared.derived,
        findings,
        stated_exported_at: file.exported_at,
        draft: false,
        catalog: file.catalog,
        units: file.units,
    })
}

/// The submission file in `text` read with its `derived` (at `start..end`)
/// written as `0`: the header, `inputs` and `report` judged as [`open`]
/// judges them. An `Err` is not worded for the clerk (positions in the
/// shortened text differ); the caller then reads the whole file.
pub(super) fn without_derived(
    text: &str,
    (start, end): (usize, usize),
) -> Result<SubmissionIn, ImportError> {
    let rest = format!("{}0{}", &text[..start], &text[end..]);
    let mut value = json::parse(&rest)?;
    check_header(&value)?;
    submission(&mut value)
}

/// What the comparison of the stated figures gives.
pub(super) struct Compared {
    /// Recomputed from the inputs.
    pub(super) derived: Derived,
    /// The checks on the inputs.
    pub(super) checks: Vec<Finding>,
    /// One IMP-001 per stated figure that differs.
    pub(super) imp: Vec<Finding>,
}

/// The recomputation from `inputs` compared with the figures a file states:
/// its `derived` (text) and its `report`, and a department file's sum of its
/// `units`. `None` when the stated text is not the recomputation written out
/// (any whitespace between tokens): then the whole file is read and compared
/// leaf by leaf.
pub(super) fn compare_stated(
    stated: &str,
    report: &Report,
    inputs: &Inputs,
    units: &[Inputs],
    choice: Choice<'_>,
) -> Option<Compared> {
    let cats = choice.for_year(inputs.unit.fiscal_year);
    let derived = derive_in(inputs, cats);
    if !stated::same_json_text(stated, &json_lines(&derived).ok()?) {
        return None;
    }
    let checks = check_in(inputs, &derived, cats);
    let actual = Report::new(&checks, &inputs.explanations);
    let mut imp = compare::findings(&report_differences(report, &actual));
    imp.extend(department::recheck(inputs, units));
    Some(Compared {
        derived,
        checks,
        imp,
    })
}

fn import_value(mut value: Value, choice: Choice<'_>) -> Result<Imported, ImportError> {
    let file = submission(&mut value)?;
    let cats = choice.for_year(file.inputs.unit.fiscal_year);
    let derived = derive_in(&file.inputs, cats);
    // Present: decoding requires it.
    let stated = value.get("derived").unwrap_or(&Value::Null);
    let recomputed = to_value(&derived)
        .map_err(|e| ImportError::Invalid(vec![Problem::new("derived", e.to_string())]))?;
    let diffs = compare::differences(stated, &recomputed, "derived");
    let mut findings = check_in(&file.inputs, &derived, cats);
    let report = Report::new(&findings, &file.inputs.explanations);
    let diffs = diffs
        .into_iter()
        .chain(report_differences(&file.report, &report));
    findings.extend(compare::findings(&diffs.collect::<Vec<_>>()));
    findings.extend(department::recheck(&file.inputs, &file.units));
    Ok(Imported {
        inputs: file.inputs,
        derived,
        findings,
        stated_exported_at: file.exported_at,
        draft: false,
        catalog: file.catalog,
        units: file.units,
    })
}

/// Where a stated report differs from the recomputed `actual`: its counts, and
/// each finding (check, severity, message, locations) by position, so a file
/// cannot carry a 审核 report that says something else than its inputs do.
pub(super) fn report_differences(stated: &Report, actual: &Report) -> Vec<Difference> {
    let said = |f: &Finding| format!("“{} {} {}”", f.severity.label(), f.check, f.message);
    let n = stated.findings.len().max(actual.findings.len());
    let findings = (0..n).filter_map(|i| {
        let (s, a) = (stated.findings.get(i), actual.findings.get(i));
        (s != a).then(|| {
            Difference::leaf(
                format!("report.findings[{i}]"),
                s.map(said),
                a.map(said),
                What::Text,
            )
        })
    });
    [
        ("errors", stated.errors, actual.errors),
        ("warnings", stated.warnings, actual.warnings),
        (
            "unexplained_warnings",
            stated.unexplained_warnings,
            actual.unexplained_warnings,
        ),
    ]
    .into_iter()
    .filter(|(_, stated, actual)| stated != actual)
    .map(|(name, stated, actual)| {
        Difference::leaf(
            format!("report.{name}"),
            Some(stated.to_string()),
            Some(actual.to_string()),
            What::Figure,
        )
    })
    .chain(findings)
    .collect()
}

#[cfg(test)]
mod tests {
    use super::is_timestamp;

    #[test]
    fn exported_at_must_be_an_rfc_3339_time() {
        for ok in [
            "2026-11-25T19:30:00Z",
            "2026-11-25T19:30:00.123Z",
            "2024-02-29T00:00:00+08:00",
            "2026-12-31T23:59:60-05:30",
            "2026-11-25t19:30:00z",
        ] {
            assert!(is_timestamp(ok), "{ok}");
        }
        for bad in [
            "",
            "yesterday",
            "2026-11-25",
            "2026-11-25 19:30:00Z",
            "2026-11-25T19:30:00",
            "2026-11-25T24:00:00Z",
            "2026-02-29T00:00:00Z",
            "2026-11-25T19:30:00.Z",
            "2026-11-25T19:30:00+8:00",
            "2026-11-25T19:30:00Zjunk",
            "２０２６-11-25T19:30:00Z",
            "2026-11-25T19:3０:00Z",
        ] {
            assert!(!is_timestamp(bad), "{bad}");
        }
    }
}
