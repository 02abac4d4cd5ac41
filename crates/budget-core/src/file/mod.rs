//! The submission file v1 (DOMAIN.md §5): export and import.
//!
//! ```text
//! { "format": "budget-form", "version": 1, "exported_at": "2026-11-25T19:30:00Z",
//!   "inputs": <Inputs>, "derived": <Derived>,
//!   "report": { "errors": n, "warnings": n, "unexplained_warnings": n, "findings": [...] } }
//! ```
//!
//! Only `inputs` is read back as data. `derived` and `report` are a convenience
//! for the receiver: import recomputes them and reports every stated figure that
//! differs (IMP-001). Import is all or nothing: a file with any malformed part
//! yields [`ImportError`] listing every part found, never a partial form.
//!
//! Reading goes bytes → text (`json::decode`: size, BOM, UTF-8) → JSON value
//! (duplicate keys and deep nesting refused) → header (`format`, `version`) →
//! the strict amount walk over the value (every bad amount, with its path) →
//! typed decoding (the first structural error, with its path) → recompute.
//! A text that one pass over its bytes finds clean (`scan::quick_check`: no
//! repeated key, no escaped key, arrays only where the format has them) is
//! decoded straight from the text instead, with the same result; anything
//! amiss there falls back to the long way, which words the errors.
//!
//! [`open_for_editing`] reads the same way but leaves the comparison of the
//! stated figures in a [`Pending`], which the app runs after the imported rows
//! are shown; the two together give exactly what [`open`] gives.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::checks::check;
use crate::derive::{Derived, derive};
use crate::finding::{Finding, Severity};
use crate::model::Inputs;

mod amounts;
mod compare;
mod error;
mod json;
#[cfg(test)]
mod reference;
mod scan;
mod structure;

pub use amounts::AMOUNT_PATHS;
pub use compare::{IMP_001, MAX_LISTED};
pub use error::{ExportError, ImportError, Problem};

/// The `format` of a submission file.
pub const FORMAT: &str = "budget-form";
/// The format version this program writes and reads.
pub const VERSION: u32 = 1;
/// Files larger than this are refused before parsing (20 MB; a real one is < 1 MB).
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// A submission file v1, as exported (部门预算填报文件).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(title = "budget-form submission file v1"))]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// Always `budget-form`.
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema_format"))]
    pub format: String,
    /// Always 1.
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema_version"))]
    pub version: u32,
    /// Time of export as stated by the exporting program (RFC 3339, UTC); a
    /// file whose `exported_at` is not an RFC 3339 date-time is refused.
    #[serde(deserialize_with = "exported_at")]
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date-time")))]
    pub exported_at: String,
    /// The clerk's inputs, including the explanations of warnings: the only part read back.
    pub inputs: Inputs,
    /// Every derived table and the narrative at export time (recomputed on import).
    pub derived: Derived,
    /// The check report at export time (recomputed on import).
    pub report: Report,
}

/// The check report carried in a file.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Number of error findings (0 in an exported file).
    pub errors: u32,
    /// Number of warning findings.
    pub warnings: u32,
    /// Warnings without an explanation (说明).
    pub unexplained_warnings: u32,
    /// Every finding.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Count `findings`; a warning is explained when `explanations` holds a
    /// non-blank text under its key.
    pub fn new(findings: &[Finding], explanations: &BTreeMap<String, String>) -> Report {
        let count =
            |pred: &dyn Fn(&Finding) -> bool| findings.iter().filter(|f| pred(f)).count() as u32;
        Report {
            errors: count(&|f| f.severity == Severity::Error),
            warnings: count(&|f| f.severity == Severity::Warning),
            unexplained_warnings: count(&|f| {
                f.severity == Severity::Warning && explanation(f, explanations).is_none()
            }),
            findings: findings.to_vec(),
        }
    }
}

/// The clerk's explanation of `finding`, if one is recorded and not blank.
pub fn explanation<'a>(
    finding: &Finding,
    explanations: &'a BTreeMap<String, String>,
) -> Option<&'a str> {
    explanations
        .get(&finding.key())
        .map(String::as_str)
        .filter(|s| !s.trim().is_empty())
}

/// What an accepted submission file holds, recomputed.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The inputs, exactly as in the file.
    pub inputs: Inputs,
    /// Derived from the inputs (never taken from the file).
    pub derived: Derived,
    /// The checks on the inputs, then one IMP-001 per stated figure that differs.
    pub findings: Vec<Finding>,
    /// `exported_at` as the file states it.
    pub stated_exported_at: String,
}

/// A file opened by [`open`]: a submission file, or bare inputs (a draft).
#[derive(Debug, Clone, PartialEq)]
pub enum Opened {
    /// A submission file, imported as by [`import`].
    Submission(Imported),
    /// Bare `Inputs` JSON (a draft or a fixture): no stated figures to compare, and
    /// amounts kept as typed (invalid ones are reported by the checks).
    Inputs {
        /// The inputs.
        inputs: Inputs,
        /// Derived from the inputs.
        derived: Derived,
        /// The checks on the inputs.
        findings: Vec<Finding>,
    },
}

impl Opened {
    /// The inputs.
    pub fn inputs(&self) -> &Inputs {
        match self {
            Opened::Submission(i) => &i.inputs,
            Opened::Inputs { inputs, .. } => inputs,
        }
    }
    /// The derived tables and narrative.
    pub fn derived(&self) -> &Derived {
        match self {
            Opened::Submission(i) => &i.derived,
            Opened::Inputs { derived, .. } => derived,
        }
    }
    /// The findings.
    pub fn findings(&self) -> &[Finding] {
        match self {
            Opened::Submission(i) => &i.findings,
            Opened::Inputs { findings, .. } => findings,
        }
    }
}

/// Write a submission file. The core has no clock: `exported_at` is given.
///
/// Every valid amount is written canonically (`1,234.5` → `"1234.50"`). Refused
/// while any error finding stands.
pub fn export(inputs: &Inputs, exported_at: &str) -> Result<String, ExportError> {
    let mut inputs = normalized(inputs).map_err(ExportError::Serialize)?;
    let derived = derive(&inputs);
    let findings = check(&inputs, &derived);
    let errors: Vec<Finding> = findings.iter().filter(|f| f.is_error()).cloned().collect();
    if !errors.is_empty() {
        return Err(ExportError::Errors(errors));
    }
    // The checks should have caught a bad amount; make sure a file we write reads back.
    let problems = amounts::check_typed(&mut inputs, "inputs");
    if !problems.is_empty() {
        return Err(ExportError::Amounts(problems));
    }
    let report = Report::new(&findings, &inputs.explanations);
    let submission = Submission {
        format: FORMAT.to_string(),
        version: VERSION,
        exported_at: exported_at.to_string(),
        inputs,
        derived,
        report,
    };
    pretty(&submission)
}

/// `submission` as pretty JSON with a final newline, written straight to text:
/// the same bytes as through a `serde_json::Value` (which keeps the fields in
/// struct order), without building and dropping a tree of a million nodes.
/// Costs the wasm one more serializer of the model (see the commit log).
fn pretty(submission: &Submission) -> Result<String, ExportError> {
    let mut text = serde_json::to_string_pretty(submission)
        .map_err(|e| ExportError::Serialize(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

/// `value` as JSON text, one value a line without indentation. Written by the
/// same serializer as [`export`]'s pretty text (only the indent differs, which is
/// not part of its type), so every caller in the browser bundle (drafts, the
/// XLSX worker's input, import's comparisons) shares one serializer per model
/// type instead of adding a `serde_json::Value` serializer.
pub fn json_lines<T: Serialize + ?Sized>(value: &T) -> Result<String, String> {
    let mut out = Vec::with_capacity(1 << 12);
    let mut ser = serde_json::Serializer::with_formatter(
        &mut out,
        serde_json::ser::PrettyFormatter::with_indent(b""),
    );
    value.serialize(&mut ser).map_err(|e| e.to_string())?;
    String::from_utf8(out).map_err(|e| e.to_string())
}

/// JSON `text` with every character outside ASCII written as a `\uXXXX`
/// escape (two for a character outside the Basic Multilingual Plane): the same
/// JSON value, in a text a browser can hold as one byte a character.
///
/// For the web app's draft: a 10,000-row draft has ~3,500 Chinese characters in
/// 1.26 M, and they alone made the whole string two bytes a character in
/// JavaScript. Escaped, passing it to JavaScript took 2.4 ms instead of 8.4
/// and `localStorage.setItem` 10.4 ms instead of 16.9 (Chromium, 5 runs each).
/// Characters outside ASCII can only stand inside JSON strings, where an
/// escape means the same character; keys of this crate's types are ASCII, so
/// the one-pass readings (no escaped key) still take the text.
pub fn ascii_only(text: String) -> String {
    use std::fmt::Write as _;
    if text.is_ascii() {
        return text;
    }
    // ASCII runs are copied whole: a loop over every character took longer
    // in the browser than the time the escapes save.
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut run = 0;
    let mut units = [0u16; 2];
    while let Some(at) = bytes[run..]
        .iter()
        .position(|b| !b.is_ascii())
        .map(|k| run + k)
    {
        out.push_str(&text[run..at]);
        // `at` starts a character: every byte before it in the run is ASCII.
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        for unit in c.encode_utf16(&mut units) {
            // Writing to a String cannot fail.
            let _ = write!(out, "\\u{unit:04x}");
        }
        run = at + c.len_utf8();
    }
    out.push_str(&text[run..]);
    out
}

/// `value` as a JSON value, through [`json_lines`].
fn to_value<T: Serialize + ?Sized>(value: &T) -> Result<Value, String> {
    let text = json_lines(value)?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

/// The inputs with every valid amount in canonical text, as [`export`] writes them.
///
/// Works on the typed inputs (a clone, then each amount in place): the same
/// result as a round trip through JSON with the amount texts rewritten, at a
/// fraction of the cost. Never fails; the `Result` is kept for callers.
pub fn normalized(inputs: &Inputs) -> Result<Inputs, String> {
    let mut inputs = inputs.clone();
    amounts::normalize_typed(&mut inputs);
    Ok(inputs)
}

/// Read a draft or a bare `Inputs` JSON as the clerk left it: amount text is
/// kept as typed (the checks judge it), structure is strict, problems have paths.
///
/// Every reader of `Inputs` in this crate goes through the same typed decoder
/// (serde_json straight from text), so the browser bundle carries one copy of
/// the model's deserializer.
pub fn read_inputs(text: &str) -> Result<Inputs, ImportError> {
    if scan::quick_check(text).clean
        && let Ok(inputs) = from_text::<Inputs>(text)
    {
        return Ok(inputs);
    }
    read_inputs_strictly(text)
}

/// `{"format": …, "version": n, "inputs": {…}}` (other members ignored): a
/// wrapper around bare inputs, such as the web app's saved draft.
#[derive(Debug, Clone, PartialEq)]
pub struct Wrapped {
    /// `format` as written.
    pub format: String,
    /// `version` as written.
    pub version: u64,
    /// The inputs, read as [`read_inputs`] reads them.
    pub inputs: Inputs,
}

/// The one-pass reading of a [`Wrapped`] text (a draft as the web app saves
/// it): `None` when the text is not clean, not that shape or does not decode;
/// the caller then reads it the long way (a value tree, then [`read_inputs`] on
/// the `inputs` member), which gives the messages. When this returns the
/// inputs, they are the ones the long way gives: the scan found no repeated
/// key, no escaped key and no array out of place in the whole text, so the
/// `inputs` member alone is clean too, and it is decoded by the same decoder.
pub fn read_wrapped(text: &str) -> Option<Wrapped> {
    #[derive(Deserialize)]
    struct WrappedIn {
        format: String,
        version: u64,
        inputs: Inputs,
    }
    if !scan::quick_check(text).clean {
        return None;
    }
    let w = from_text::<WrappedIn>(text).ok()?;
    Some(Wrapped {
        format: w.format,
        version: w.version,
        inputs: w.inputs,
    })
}

/// [`read_inputs`] the long way, for a text the one-pass reading did not take:
/// every problem found, in the order the file states them.
fn read_inputs_strictly(text: &str) -> Result<Inputs, ImportError> {
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
    let back = to_value(decoded).map_err(|e| ImportError::Invalid(vec![Problem::new(path, e)]))?;
    let mut problems = Vec::new();
    structure::arrays_for_objects(original, &back, path, &mut problems);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ImportError::Invalid(problems))
    }
}

/// Read a submission file: all or nothing (see the module doc).
pub fn import(bytes: &[u8]) -> Result<Imported, ImportError> {
    let text = json::decode(bytes)?;
    let scan = scan::quick_check(text);
    if scan.clean
        && scan.has_format
        && let Some(imported) = import_quickly(text, scan)
    {
        return Ok(imported);
    }
    let value = json::parse(text)?;
    check_header(&value)?;
    import_value(value)
}

/// Read a submission file or bare `Inputs` JSON: a top-level `format` key means a
/// submission file (read strictly, as [`import`]); otherwise a `unit` key means
/// bare inputs.
pub fn open(bytes: &[u8]) -> Result<Opened, ImportError> {
    let text = json::decode(bytes)?;
    let scan = scan::quick_check(text);
    if scan.clean
        && scan.has_format
        && let Some(imported) = import_quickly(text, scan)
    {
        return Ok(Opened::Submission(imported));
    }
    open_otherwise(text, scan)
}

/// [`open`] of a text that [`import_quickly`] did not read (`scan` is its
/// [`scan::quick_check`]): bare inputs, or the long way.
fn open_otherwise(text: &str, scan: scan::Scan) -> Result<Opened, ImportError> {
    if scan.clean
        && !scan.has_format
        && scan.has_unit
        && let Ok(inputs) = from_text::<Inputs>(text)
    {
        return Ok(opened_inputs(inputs));
    }
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
            Ok(opened_inputs(inputs))
        }
        _ => Err(ImportError::Invalid(problems)),
    }
}

fn opened_inputs(inputs: Inputs) -> Opened {
    let derived = derive(&inputs);
    let findings = check(&inputs, &derived);
    Opened::Inputs {
        inputs,
        derived,
        findings,
    }
}

fn not_an_object() -> ImportError {
    ImportError::NotASubmission("最外层应为 JSON 对象（{ … }）".to_string())
}

fn check_header(value: &Value) -> Result<(), ImportError> {
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

/// The wire shape read back. `format` and `version` are checked before (or
/// after, in [`import_quickly`]) decoding; `derived` is compared with the
/// recomputation on the file as read, so here it is only required to be present.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SubmissionIn {
    format: String,
    version: u64,
    #[serde(deserialize_with = "exported_at")]
    exported_at: String,
    inputs: Inputs,
    #[allow(dead_code)] // compared on the file as read
    derived: serde::de::IgnoredAny,
    report: Report,
}

/// `exported_at` as read: an RFC 3339 date-time, or a refusal quoting (the
/// start of) what the file holds.
fn exported_at<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
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

/// `T` decoded straight from JSON text, which must hold nothing after it.
fn from_text<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let t = T::deserialize(&mut de)?;
    de.end()?;
    Ok(t)
}

/// Decode from the file as read (amounts already judged): the first structural
/// error, with its JSON path. The value is written out compactly and decoded
/// from that text, by the same decoder as the one-pass reading; the path is
/// found from the error's position in that text.
fn typed<T: serde::de::DeserializeOwned>(value: &Value, problems: &mut Vec<Problem>) -> Option<T> {
    let text = value.to_string();
    match from_text::<T>(&text) {
        Ok(t) => Some(t),
        Err(e) => {
            problems.push(structure::located(&text, value, &e));
            None
        }
    }
}

/// The one-pass reading of a submission file whose text [`scan::quick_check`]
/// found clean: `None` when anything is amiss (then the long way reports it).
///
/// The stated `derived` is compared as text (see [`stated_differences`]), so an
/// unchanged file needs no value trees at all.
fn import_quickly(text: &str, scan: scan::Scan) -> Option<Imported> {
    let range = scan.derived?;
    let file = decode_quickly(text, range)?;
    let derived = derive(&file.inputs);
    let diffs = stated_differences(text.get(range.0..range.1)?, &derived)?;
    Some(recompute(file, derived, diffs))
}

/// The one-pass decoding of a clean submission text whose top-level `derived`
/// is at `start..end`: `None` when anything is amiss.
fn decode_quickly(text: &str, (start, end): (usize, usize)) -> Option<SubmissionIn> {
    let stated = text.get(start..end)?;
    // `derived` is only skipped by the decoder (and compared later), but
    // skipping it still parses it: more than half the file. The decoder reads
    // the text with `derived` written as `0` instead (the scan found it to be
    // one whole object or array, so the rest of the text stays as it was).
    let mut rest = String::with_capacity(text.len() - stated.len() + 1);
    rest.push_str(text.get(..start)?);
    rest.push('0');
    rest.push_str(text.get(end..)?);
    let mut file = from_text::<SubmissionIn>(&rest).ok()?;
    drop(rest);
    if file.format != FORMAT || u64::from(VERSION) != file.version {
        return None;
    }
    if !amounts::check_typed(&mut file.inputs, "inputs").is_empty() {
        return None;
    }
    Some(file)
}

/// Where the `stated` text of `derived` differs from `derived`: `None` when the
/// stated text is not JSON.
///
/// The recomputation written by [`json_lines`] is, in a file as exported, the
/// same text line by line but for the indent ([`scan::same_indented`]); failing
/// that, the same JSON but for whitespace ([`scan::same_json_text`]). Only when
/// the texts differ are both read as values and compared leaf by leaf.
fn stated_differences(stated: &str, derived: &Derived) -> Option<Vec<compare::Difference>> {
    let recomputed = json_lines(derived).ok()?;
    if written_out(stated, &recomputed) {
        return Some(Vec::new());
    }
    let stated: Value = serde_json::from_str(stated).ok()?;
    let recomputed: Value = serde_json::from_str(&recomputed).ok()?;
    Some(compare::differences(&stated, &recomputed, "derived"))
}

/// True when the `stated` text is the `recomputed` one ([`json_lines`]) but
/// for whitespace between tokens.
fn written_out(stated: &str, recomputed: &str) -> bool {
    scan::same_indented(stated, recomputed) || scan::same_json_text(stated, recomputed)
}

/// The IMP findings among `findings`.
fn imp_only(findings: impl IntoIterator<Item = Finding>) -> Vec<Finding> {
    findings
        .into_iter()
        .filter(|f| f.check == IMP_001)
        .collect()
}

/// A file opened for editing ([`open_for_editing`]): its inputs, and what is
/// left to compare.
#[derive(Debug)]
pub struct Opening {
    /// The inputs, as [`open`] reads them.
    pub inputs: Inputs,
    /// The comparison of the figures the file states with the recomputation.
    pub pending: Pending,
}

/// The figures a file states, still to be compared with the recomputation (see
/// [`Pending::findings`]).
#[derive(Debug)]
pub struct Pending(PendingKind);

#[derive(Debug)]
enum PendingKind {
    /// Compared already (bare inputs, or a file read the long way): these
    /// IMP findings.
    Done(Vec<Finding>),
    /// A clean file read in one pass: its text, where its `derived` is, and
    /// its `report`.
    Stated {
        text: String,
        derived: (usize, usize),
        report: Report,
    },
}

/// Read a file as [`open`] does, but leave the comparison of the figures it
/// states (`derived`, `report`) for later: a clerk's import shows the rows
/// first, then the comparison, which costs more than reading the inputs (the
/// derivation, writing it out, the checks).
///
/// `open_for_editing(b.to_vec())` then `pending.findings(&inputs)` gives what `open(&b)`
/// gives: the same refusal, or the same inputs and the same IMP findings.
///
/// Takes the bytes by value: the file's text is kept for the comparison, and
/// it is the same buffer (a large file is not copied).
pub fn open_for_editing(bytes: Vec<u8>) -> Result<Opening, ImportError> {
    let text = json::decode_owned(bytes)?;
    // What is inside the stated `derived` is judged by `Pending::findings`.
    let scan = scan::quick_check_skimming_derived(&text);
    if scan.clean
        && scan.has_format
        && let Some(range) = scan.derived
        && let Some(file) = decode_quickly(&text, range)
    {
        return Ok(Opening {
            inputs: file.inputs,
            pending: Pending(PendingKind::Stated {
                text,
                derived: range,
                report: file.report,
            }),
        });
    }
    // Not the one-pass reading: `open` would not read it so either (the
    // stated `derived` plays no part in whether it does), so the rest of
    // `open`, with the full scan. (Not `open` itself: the browser bundle
    // then has no second comparison of the stated figures.)
    let (inputs, imp) = match open_otherwise(&text, scan::quick_check(&text))? {
        Opened::Submission(i) => (i.inputs, imp_only(i.findings)),
        Opened::Inputs { inputs, .. } => (inputs, Vec::new()),
    };
    Ok(Opening {
        inputs,
        pending: Pending(PendingKind::Done(imp)),
    })
}

impl Pending {
    /// True when [`Pending::findings`] has work to do (not yet compared).
    pub fn is_pending(&self) -> bool {
        matches!(self.0, PendingKind::Stated { .. })
    }

    /// The IMP findings of the file: each stated figure that differs from the
    /// one recomputed from `inputs`, which must be the inputs the file was
    /// opened with (see [`Pending::inputs_again`]). An `Err` refuses the file
    /// (its stated `derived` is not JSON, or repeats a key, ...), with
    /// [`open`]'s message.
    ///
    /// A stated `derived` that is the recomputation written out (any
    /// whitespace) needs nothing more: it is clean JSON and states no other
    /// figure. Any other is read the long way, the whole file as [`open`]
    /// reads one whose text is not clean; the scan of [`open_for_editing`] did
    /// not judge what is inside it.
    pub fn findings(&self, inputs: &Inputs) -> Result<Vec<Finding>, ImportError> {
        let (text, (start, end), report) = match &self.0 {
            PendingKind::Done(found) => return Ok(found.clone()),
            PendingKind::Stated {
                text,
                derived,
                report,
            } => (text, *derived, report),
        };
        let derived = derive(inputs);
        let same = match (text.get(start..end), json_lines(&derived)) {
            (Some(stated), Ok(recomputed)) => written_out(stated, &recomputed),
            _ => false,
        };
        if !same {
            let value = json::parse(text)?;
            check_header(&value)?;
            return Ok(imp_only(import_value(value)?.findings));
        }
        let findings = check(inputs, &derived);
        let actual = Report::new(&findings, &inputs.explanations);
        Ok(compare::findings(&report_differences(report, &actual)))
    }

    /// The inputs the file was opened with, read again from its text (when
    /// the clerk changed them before [`Pending::findings`] ran); `None` when
    /// there is no text to read them from.
    pub fn inputs_again(&self) -> Option<Inputs> {
        match &self.0 {
            PendingKind::Done(_) => None,
            PendingKind::Stated { text, derived, .. } => {
                decode_quickly(text, *derived).map(|f| f.inputs)
            }
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
    let derived = derive(&file.inputs);
    let recomputed =
        to_value(&derived).map_err(|e| ImportError::Invalid(vec![Problem::new("derived", e)]))?;
    // Present: decoding requires it.
    let stated = value.get("derived").unwrap_or(&Value::Null);
    let diffs = compare::differences(stated, &recomputed, "derived");
    Ok(recompute(file, derived, diffs))
}

/// Check the inputs of an accepted file (`derived` from them, `diffs` where the
/// stated derived figures differ); one IMP-001 per stated figure that differs.
fn recompute(
    file: SubmissionIn,
    derived: Derived,
    mut diffs: Vec<compare::Difference>,
) -> Imported {
    let mut findings = check(&file.inputs, &derived);
    let report = Report::new(&findings, &file.inputs.explanations);
    diffs.extend(report_differences(&file.report, &report));
    findings.extend(compare::findings(&diffs));
    Imported {
        inputs: file.inputs,
        derived,
        findings,
        stated_exported_at: file.exported_at,
    }
}

/// Where a stated report differs from the recomputed `actual`: its counts, and
/// each finding (check, severity, message, locations) by position, so a file
/// cannot carry a 审核 report that says something else than its inputs do.
fn report_differences(stated: &Report, actual: &Report) -> Vec<compare::Difference> {
    let said = |f: &Finding| format!("“{} {} {}”", f.severity.label(), f.check, f.message);
    let n = stated.findings.len().max(actual.findings.len());
    let findings = (0..n).filter_map(|i| {
        let (s, a) = (stated.findings.get(i), actual.findings.get(i));
        (s != a).then(|| compare::Difference {
            path: format!("report.findings[{i}]"),
            stated: s.map(said),
            recomputed: a.map(said),
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
    .map(|(name, stated, actual)| compare::Difference {
        path: format!("report.{name}"),
        stated: Some(stated.to_string()),
        recomputed: Some(actual.to_string()),
    })
    .chain(findings)
    .collect()
}

/// The JSON Schema of the submission file (committed as
/// `schema/budget-form-v1.schema.json`). Amounts and derived figures are strings.
#[cfg(feature = "schema")]
pub fn json_schema() -> Value {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<Submission>();
    let mut value = schema.to_value();
    decimals_as_strings(&mut value);
    value
}

/// [`json_schema`] as pretty text with a final newline, exactly as committed.
#[cfg(feature = "schema")]
pub fn json_schema_text() -> String {
    let mut s = serde_json::to_string_pretty(&json_schema()).unwrap_or_default();
    s.push('\n');
    s
}

/// schemars describes a Decimal as "string or number" for reading; a file we
/// write and read holds strings only.
#[cfg(feature = "schema")]
fn decimals_as_strings(v: &mut Value) {
    match v {
        Value::Object(map) => {
            let is_decimal = map.get("type") == Some(&serde_json::json!(["string", "number"]))
                && map
                    .get("pattern")
                    .and_then(Value::as_str)
                    .is_some_and(|p| p.contains("[eE]"));
            if is_decimal {
                map.insert("type".into(), "string".into());
                map.insert("pattern".into(), r"^-?\d+(\.\d+)?$".into());
            }
            map.values_mut().for_each(decimals_as_strings);
        }
        Value::Array(items) => items.iter_mut().for_each(decimals_as_strings),
        _ => {}
    }
}

#[cfg(feature = "schema")]
fn schema_format(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "type": "string", "const": FORMAT, "description": "Always \"budget-form\"." })
}

#[cfg(feature = "schema")]
fn schema_version(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "type": "integer", "const": VERSION, "description": "Always 1." })
}

#[cfg(test)]
mod tests {

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
    use super::*;
    use crate::synthetic;

    /// What `export` wrote before it serialized straight to text.
    fn through_value(submission: &Submission) -> String {
        let value = serde_json::to_value(submission).unwrap();
        let mut text = serde_json::to_string_pretty(&value).unwrap();
        text.push('\n');
        text
    }

    #[test]
    fn ascii_only_is_the_same_json_value_in_ascii() {
        let seed: Inputs =
            serde_json::from_str(include_str!("../../../../fixtures/dadukou-2021.json")).unwrap();
        let mut odd = synthetic::generate(50, 9);
        // Outside the BMP (a surrogate pair), Latin-1, DEL, quotes and a newline.
        odd.unit.name = "𠀀部门 café \u{7f}\"引号\"\n".to_string();
        for inputs in [seed, synthetic::generate(300, 3), odd] {
            let text = json_lines(&inputs).unwrap();
            assert!(!text.is_ascii());
            let ascii = ascii_only(text.clone());
            assert!(ascii.is_ascii());
            let a: Value = serde_json::from_str(&text).unwrap();
            let b: Value = serde_json::from_str(&ascii).unwrap();
            assert_eq!(a, b);
            // The draft's one-pass reading still takes it, and reads the same inputs.
            let wrapped = format!("{{\"format\": \"x\", \"version\": 1, \"inputs\": {ascii}}}");
            let read = read_wrapped(&wrapped).expect("one-pass reading");
            assert_eq!(read.inputs, inputs);
            assert_eq!(read_inputs(&ascii).unwrap(), inputs);
        }
        assert_eq!(ascii_only("𠀀".to_string()), "\\ud840\\udc00");
        let plain = "{\"a\": \"b\"}".to_string();
        assert_eq!(ascii_only(plain.clone()), plain);
    }

    #[test]
    fn straight_text_equals_text_through_a_value() {
        let seed: Inputs =
            serde_json::from_str(include_str!("../../../../fixtures/dadukou-2021.json")).unwrap();
        for inputs in [seed, synthetic::generate(300, 3), Inputs::default()] {
            let inputs = normalized(&inputs).unwrap();
            let derived = derive(&inputs);
            let findings = check(&inputs, &derived);
            let submission = Submission {
                format: FORMAT.to_string(),
                version: VERSION,
                exported_at: "2026-11-25T00:00:00Z".to_string(),
                report: Report::new(&findings, &inputs.explanations),
                inputs,
                derived,
            };
            assert_eq!(pretty(&submission).unwrap(), through_value(&submission));
        }
    }

    /// `derived` is not decoded on the one-pass reading (only compared as
    /// text): broken JSON there must still be refused, with the message the
    /// strict reading gives, and a stated figure that differs still reported.
    #[test]
    fn derived_is_still_read_strictly() {
        let inputs = synthetic::generate(40, 5);
        let text = export(&inputs, "2026-11-25T00:00:00Z").unwrap();
        let at = text.find("\"derived\"").unwrap();
        let total = at + text[at..].find("\"total\": ").unwrap() + "\"total\": ".len();
        let value_end = total + text[total..].find(['\n', ',']).unwrap();
        let stated = &text[total..value_end];
        let mut digits: Vec<String> = Vec::new();
        for (name, broken) in [
            // A number split by a space (tokens must not be joined).
            ("split", format!("{} 1", stated.trim_end_matches('"'))),
            // A string left open.
            ("open", stated.trim_end_matches('"').to_string()),
            // A bare word.
            ("word", "tru".to_string()),
        ] {
            let bad = format!("{}{broken}{}", &text[..total], &text[value_end..]);
            let err = import(bad.as_bytes()).expect_err(name).to_string();
            assert!(err.starts_with('第'), "{name}: {err}");
            assert_eq!(open(bad.as_bytes()).unwrap_err().to_string(), err, "{name}");
            digits.push(err);
        }
        // Still valid JSON, one figure changed: imported, with IMP-001.
        let changed = format!("{}\"1.00\"{}", &text[..total], &text[value_end..]);
        let imported = import(changed.as_bytes()).unwrap();
        assert!(imported.findings.iter().any(|f| f.check == IMP_001));
        assert_eq!(imported.inputs, normalized(&inputs).unwrap());
        // And the file as exported has none.
        let clean = import(text.as_bytes()).unwrap();
        assert!(!clean.findings.iter().any(|f| f.check == IMP_001));
        assert_eq!(digits.len(), 3);
    }
}
