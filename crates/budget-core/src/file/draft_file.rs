//! The draft file: the submission file's format with `"draft": true`, written
//! at any moment (findings and all) and read back as the clerk left it.
//!
//! A draft is never a submission: reading one ([`super::import`],
//! [`super::open`]) gives its inputs (amount text kept as typed, as the
//! browser's draft), the checks on them, and first of all a DRF-001 error.
//! Its stated `derived` and `report` are only informative: they are not
//! compared (no IMP-001).

use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::Value;

use super::error::{ImportError, Problem, WriteError};
use super::import::{exported_at, inputs_value, typed};
use super::{CatalogRecord, FORMAT, Imported, Report, Submission, VERSION};
use crate::catalog::Choice;
use crate::checks::check_in;
use crate::derive::derive_in;
use crate::finding::{Finding, Severity};
use crate::model::Inputs;

/// Check ID of "this file is a draft, not a submission".
pub const DRF_001: &str = "DRF-001";

/// The DRF-001 finding every reading of a draft file starts with.
pub fn draft_finding() -> Finding {
    Finding::new(
        DRF_001,
        Severity::Error,
        "这是草稿文件（draft），不是提交文件：请在填报程序中改正错误后“导出提交文件”。",
        Vec::new(),
    )
}

/// Write a draft file: never refused for findings. The inputs are written as
/// they are (invalid amount text and `unparsed` entries kept), with the tables
/// derived from them and every finding.
pub fn export_draft(inputs: &Inputs, exported_at: &str) -> Result<String, WriteError> {
    export_draft_in(inputs, Choice::Builtin, exported_at)
}

/// [`export_draft`] against the catalogs `choice` gives for the form's year,
/// which the file records.
pub fn export_draft_in(
    inputs: &Inputs,
    choice: Choice<'_>,
    exported_at: &str,
) -> Result<String, WriteError> {
    let cats = choice.for_year(inputs.unit.fiscal_year);
    let derived = derive_in(inputs, cats);
    let findings = check_in(inputs, &derived, cats);
    let report = Report::new(&findings, &inputs.explanations);
    let file = Submission {
        format: FORMAT.to_string(),
        version: VERSION,
        draft: true,
        exported_at: exported_at.to_string(),
        inputs: inputs.clone(),
        derived,
        report,
        catalog: Some(CatalogRecord::of(&cats)),
        units: Vec::new(),
    };
    let mut text = serde_json::to_string_pretty(&file)?;
    text.push('\n');
    Ok(text)
}

/// True when the file in `value` says `"draft": true`.
pub(super) fn is_draft(value: &Value) -> bool {
    value.get("draft") == Some(&Value::Bool(true))
}

/// The members of a draft file: the submission file's, `inputs` read apart.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // only their presence and shape are checked
pub(super) struct DraftIn {
    format: IgnoredAny,
    version: IgnoredAny,
    draft: IgnoredAny,
    #[serde(deserialize_with = "exported_at")]
    exported_at: String,
    inputs: IgnoredAny,
    derived: IgnoredAny,
    report: IgnoredAny,
    #[serde(default)]
    catalog: Option<CatalogRecord>,
}

/// A draft file (header checked, [`is_draft`]): its inputs read as the
/// browser's draft is, DRF-001 then the checks on them.
pub(super) fn read_draft(value: Value, choice: Choice<'_>) -> Result<Imported, ImportError> {
    let (file, inputs) = draft_inputs(value)?;
    let cats = choice.for_year(inputs.unit.fiscal_year);
    let derived = derive_in(&inputs, cats);
    let mut findings = vec![draft_finding()];
    findings.extend(check_in(&inputs, &derived, cats));
    Ok(Imported {
        inputs,
        derived,
        findings,
        stated_exported_at: file.exported_at,
        draft: true,
        catalog: file.catalog,
        units: Vec::new(),
    })
}

/// A draft file's members and its inputs (as [`read_draft`] reads them), or
/// why it is refused: nothing derived or checked.
pub(super) fn draft_inputs(mut value: Value) -> Result<(DraftIn, Inputs), ImportError> {
    let mut problems = Vec::new();
    let Some(file) = typed::<DraftIn>(&value, &mut problems) else {
        return Err(ImportError::Invalid(problems));
    };
    let inputs = value
        .as_object_mut()
        .and_then(|o| o.remove("inputs"))
        .unwrap_or(Value::Null);
    let inputs = inputs_value(inputs).map_err(|e| match e {
        ImportError::Invalid(problems) => ImportError::Invalid(
            problems
                .into_iter()
                .map(|p| Problem::new(in_inputs(&p.path), p.message))
                .collect(),
        ),
        other => other,
    })?;
    Ok((file, inputs))
}

/// A path inside the bare inputs as a path inside the file.
fn in_inputs(path: &str) -> String {
    match path {
        "" => "inputs".to_string(),
        p if p.starts_with('[') => format!("inputs{p}"),
        p => format!("inputs.{p}"),
    }
}
