//! The web app's import: the rows first, then the comparison of the figures
//! the file states. [`open_for_editing`] reads a submission file as [`open`]
//! does but leaves out its `derived` (more than half of the file), which
//! [`Pending::findings`] reads and compares after the rows are shown; the two
//! together give exactly what [`open`] gives.

use super::draft_file::{draft_inputs, is_draft};
use super::error::ImportError;
use super::import::{
    check_header, compare_stated, inputs_value, neither_format_nor_unit, not_an_object, submission,
    without_derived,
};
#[cfg(doc)]
use super::open;
use super::{Report, compare, json, open_in, stated};
use crate::catalog::Choice;
use crate::finding::Finding;
use crate::model::Inputs;

/// A file opened for editing ([`open_for_editing`]): its inputs, and what is
/// left to compare.
#[derive(Debug)]
pub struct Opening {
    /// The inputs, as [`open`] reads them.
    pub inputs: Inputs,
    /// The comparison of the figures the file states with the recomputation.
    pub pending: Pending,
    /// A draft file (`"draft": true`): its inputs kept as the clerk left
    /// them, nothing to compare.
    pub draft: bool,
}

/// The figures a file states, still to be compared with the recomputation (see
/// [`Pending::findings`]).
#[derive(Debug)]
pub struct Pending(PendingKind);

#[derive(Debug)]
enum PendingKind {
    /// Nothing stated to compare: bare inputs, or a draft file.
    Done,
    /// A submission file read whole (its `derived` is not where an exported
    /// file has it): its text, compared as [`open`] compares it.
    Whole(String),
    /// A submission file read without its `derived`: its text, where its
    /// `derived` is, and its `report`.
    Stated {
        text: String,
        derived: (usize, usize),
        report: Report,
        units: Vec<Inputs>,
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
/// Nothing is derived or checked here (the web app's page carries no
/// derivation): the catalogs matter only to the comparison
/// ([`Pending::findings_in`]). Takes the bytes by value: the file's text is
/// kept for the comparison.
pub fn open_for_editing(bytes: Vec<u8>) -> Result<Opening, ImportError> {
    let text = json::decode(&bytes)?;
    if let Some(range) = stated::top_level_derived(text)
        && let Ok(file) = without_derived(text, range)
        && !file.draft
    {
        return Ok(Opening {
            inputs: file.inputs,
            pending: Pending(PendingKind::Stated {
                text: text.to_string(),
                derived: range,
                report: file.report,
                units: file.units,
            }),
            draft: false,
        });
    }
    // Anything else is read whole, as `open` reads it: the same refusals and
    // messages (a syntax error's line and column are those of the file), but
    // nothing derived here. Bare inputs and a draft state no figures; a
    // submission's are compared later, as in the first case.
    let mut value = json::parse(text)?;
    let obj = value.as_object().ok_or_else(not_an_object)?;
    if !obj.contains_key("format") {
        if !obj.contains_key("unit") {
            return Err(neither_format_nor_unit());
        }
        return Ok(Opening {
            inputs: inputs_value(value)?,
            pending: Pending(PendingKind::Done),
            draft: false,
        });
    }
    check_header(&value)?;
    if is_draft(&value) {
        return Ok(Opening {
            inputs: draft_inputs(value)?.1,
            pending: Pending(PendingKind::Done),
            draft: true,
        });
    }
    let inputs = submission(&mut value)?.inputs;
    Ok(Opening {
        inputs,
        pending: Pending(PendingKind::Whole(text.to_string())),
        draft: false,
    })
}

impl Pending {
    /// True when [`Pending::findings`] has work to do (not yet compared).
    pub fn is_pending(&self) -> bool {
        !matches!(self.0, PendingKind::Done)
    }

    /// The IMP findings of the file: each stated figure that differs from the
    /// one recomputed from `inputs`, which must be the inputs the file was
    /// opened with (see [`Pending::inputs_again`]). An `Err` refuses the file
    /// (its stated `derived` is not JSON, or repeats a key, ...), with
    /// [`open`]'s message.
    pub fn findings(&self, inputs: &Inputs) -> Result<Vec<Finding>, ImportError> {
        self.findings_in(inputs, Choice::Builtin)
    }

    /// [`Pending::findings`], recomputing against the catalogs `choice`
    /// gives for the form's year.
    pub fn findings_in(
        &self,
        inputs: &Inputs,
        choice: Choice<'_>,
    ) -> Result<Vec<Finding>, ImportError> {
        let (text, (start, end), report, units) = match &self.0 {
            PendingKind::Done => return Ok(Vec::new()),
            PendingKind::Whole(text) => return imported_findings_in(text.as_bytes(), choice),
            PendingKind::Stated {
                text,
                derived,
                report,
                units,
            } => (text, *derived, report, units),
        };
        match text
            .get(start..end)
            .and_then(|stated| compare_stated(stated, report, inputs, units, choice))
        {
            Some(compared) => Ok(compared.imp),
            // Not the recomputation written out: read the whole file, as
            // `open` does (its message, or its IMP findings).
            None => imported_findings_in(text.as_bytes(), choice),
        }
    }

    /// The inputs the file was opened with, read again from its text (when
    /// the clerk changed them before [`Pending::findings`] ran); `None` when
    /// there is no text to read them from.
    pub fn inputs_again(&self) -> Option<Inputs> {
        match &self.0 {
            PendingKind::Done => None,
            PendingKind::Whole(text) => open_for_editing(text.clone().into_bytes())
                .ok()
                .map(|o| o.inputs),
            PendingKind::Stated { text, derived, .. } => {
                without_derived(text, *derived).ok().map(|f| f.inputs)
            }
        }
    }
}

impl Pending {
    /// The file's text while its figures are still to be compared: what the
    /// web app sends to its worker, which answers [`imported_findings_in`]
    /// of it (the page carries no derivation).
    pub fn text(&self) -> Option<&str> {
        match &self.0 {
            PendingKind::Done => None,
            PendingKind::Whole(text) | PendingKind::Stated { text, .. } => Some(text),
        }
    }
}

/// The IMP findings [`open_in`] gives for a file (each stated figure that
/// differs from the recomputation), or its refusal: what
/// [`Pending::findings_in`] gives for the file's own inputs.
pub fn imported_findings_in(bytes: &[u8], choice: Choice<'_>) -> Result<Vec<Finding>, ImportError> {
    open_in(bytes, choice).map(|o| imp_only(o.findings().to_vec()))
}

/// The IMP findings among `findings`.
fn imp_only(findings: impl IntoIterator<Item = Finding>) -> Vec<Finding> {
    findings
        .into_iter()
        .filter(|f| f.check == compare::IMP_001)
        .collect()
}
