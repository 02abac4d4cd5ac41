//! Writing: the submission file, and the JSON text every other writer in the
//! app shares ([`json_lines`]).

use serde::Serialize;
use serde_json::Value;

use super::error::{ExportError, WriteError};
use super::{CatalogRecord, FORMAT, Report, Submission, VERSION, amounts};
use crate::catalog::Choice;
use crate::checks::check_in;
use crate::derive::derive_in;
use crate::finding::Finding;
use crate::model::Inputs;

/// Write a submission file. The core has no clock: `exported_at` is given.
///
/// Every valid amount is written canonically (`1,234.5` → `"1234.50"`). Refused
/// while any error finding stands.
pub fn export(inputs: &Inputs, exported_at: &str) -> Result<String, ExportError> {
    export_in(inputs, Choice::Builtin, exported_at)
}

/// [`export`] against the catalogs `choice` gives for the form's year, which
/// the file records.
pub fn export_in(
    inputs: &Inputs,
    choice: Choice<'_>,
    exported_at: &str,
) -> Result<String, ExportError> {
    export_department_in(inputs, &[], choice, exported_at)
}

/// Write a department file: the consolidated form `inputs` (see
/// [`crate::consolidate`]) with the `units` it sums, kept so that any unit can
/// be opened from it and the sum re-checked. Refused as [`export`] refuses.
/// With no units, this is [`export`].
pub fn export_department(
    inputs: &Inputs,
    units: &[Inputs],
    exported_at: &str,
) -> Result<String, ExportError> {
    export_department_in(inputs, units, Choice::Builtin, exported_at)
}

/// [`export_department`] against the catalogs `choice` gives.
pub fn export_department_in(
    inputs: &Inputs,
    units: &[Inputs],
    choice: Choice<'_>,
    exported_at: &str,
) -> Result<String, ExportError> {
    let mut inputs = normalized(inputs);
    let cats = choice.for_year(inputs.unit.fiscal_year);
    let derived = derive_in(&inputs, cats);
    let findings = check_in(&inputs, &derived, cats);
    let errors: Vec<Finding> = findings.iter().filter(|f| f.is_error()).cloned().collect();
    if !errors.is_empty() {
        return Err(ExportError::Errors(errors));
    }
    // The checks should have caught a bad amount; make sure a file we write reads back.
    let problems = amounts::check_typed(&mut inputs, "inputs");
    if !problems.is_empty() {
        return Err(ExportError::Amounts(problems));
    }
    let mut units: Vec<Inputs> = units.iter().map(normalized).collect();
    for (i, unit) in units.iter_mut().enumerate() {
        let problems = amounts::check_typed(unit, &format!("units[{i}]"));
        if !problems.is_empty() {
            return Err(ExportError::Amounts(problems));
        }
    }
    let report = Report::new(&findings, &inputs.explanations);
    let submission = Submission {
        format: FORMAT.to_string(),
        version: VERSION,
        draft: false,
        exported_at: exported_at.to_string(),
        inputs,
        derived,
        report,
        catalog: Some(CatalogRecord::of(&cats)),
        units,
    };
    let mut text = serde_json::to_string_pretty(&submission)
        .map_err(|e| ExportError::Serialize(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

/// `value` as JSON text, one value a line without indentation: the same
/// writer as [`export`]'s pretty text but for the indent, so the app's other
/// writers (drafts, the XLSX worker's input) and import's comparison share
/// it.
pub fn json_lines<T: Serialize + ?Sized>(value: &T) -> Result<String, WriteError> {
    let mut out = Vec::with_capacity(1 << 12);
    let mut ser = serde_json::Serializer::with_formatter(
        &mut out,
        serde_json::ser::PrettyFormatter::with_indent(b""),
    );
    value.serialize(&mut ser)?;
    // serde_json writes UTF-8 only.
    String::from_utf8(out).map_err(|e| WriteError(serde::ser::Error::custom(e)))
}

/// `value` as a JSON value, through [`json_lines`].
pub(super) fn to_value<T: Serialize + ?Sized>(value: &T) -> Result<Value, WriteError> {
    Ok(serde_json::from_str(&json_lines(value)?)?)
}

/// The inputs with every valid amount in canonical text, as [`export`] writes
/// them; invalid amount text is kept as typed.
pub fn normalized(inputs: &Inputs) -> Inputs {
    let mut inputs = inputs.clone();
    amounts::normalize_typed(&mut inputs);
    inputs
}
