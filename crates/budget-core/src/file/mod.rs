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
//! One reader serves every entry point ([`import`], [`open`],
//! [`open_for_editing`], [`read_inputs`]): bytes → text (`json::decode`: size,
//! BOM, UTF-16, UTF-8) → JSON value (`json::parse`: duplicate keys and deep
//! nesting refused) → header (`format`, `version`) → the strict amount walk
//! over the value (every bad amount, with its path) → typed decoding
//! (`located`: the first structural error, with its path) → no struct
//! written as an array → recompute and compare (IMP-001).
//!
//! A submission file's `derived` (more than half of it) is first cut out and
//! compared as text with the recomputation written out (`stated`); only a file
//! that is refused or states other figures is then read whole, which gives the
//! messages with positions and paths in the file and the leaf-by-leaf
//! comparison.
//!
//! A file with `"draft": true` is a draft file (`draft_file`): written at any
//! moment with its findings, read back as the clerk left it (amount text kept),
//! its stated figures not compared, and always reported as DRF-001 (an error):
//! a draft never passes as a submission.
//!
//! Modules: `export` (writing), `import` (reading a file), `editing` (the
//! app's import, comparison after the rows are shown), `draft` (bare inputs
//! and the app's saved draft), `schema` (JSON Schema, native only); below
//! them `json` (bytes → value), `amounts`, `located` (typed decoding with the
//! error's path), `structure` (Chinese for serde's messages), `stated` (the
//! stated `derived` as text), `compare` (IMP-001)
//! and `error`; `department` re-checks a department file's sum of its units.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::catalog::InForce;
use crate::derive::Derived;
use crate::finding::{Finding, Severity};
use crate::model::Inputs;

mod amounts;
mod compare;
mod department;
mod draft;
mod draft_file;
mod editing;
mod error;
mod export;
mod import;
mod json;
mod lines;
mod located;
#[cfg(feature = "schema")]
mod schema;
mod stated;
mod structure;

pub use amounts::AMOUNT_PATHS;
pub use compare::{IMP_001, MAX_LISTED};
pub use draft::{Wrapped, ascii_only, read_inputs, read_wrapped};
pub use draft_file::{DRF_001, draft_finding, export_draft, export_draft_in};
pub use editing::{Opening, Pending, imported_findings_in, open_for_editing};
pub use error::{ExportError, IMP_002, ImportError, Problem, WriteError};
pub use export::{
    export, export_department, export_department_in, export_in, json_lines, normalized,
};
pub use import::{import, open, open_in};
#[cfg(feature = "schema")]
pub use schema::{json_schema, json_schema_text};

/// A file's bytes as text, with the reader's checks (size, BOM, UTF-16, GBK
/// named): shared by the other text files the program reads (a bureau's
/// catalog).
pub fn decode_text(bytes: &[u8]) -> Result<&str, ImportError> {
    json::decode(bytes)
}

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
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::format"))]
    pub format: String,
    /// Always 1.
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::version"))]
    pub version: u32,
    /// `true` in a draft file (保存草稿文件): written at any moment, findings
    /// and all, and never a valid submission (DRF-001). Absent in a
    /// submission file.
    #[serde(default, skip_serializing_if = "is_false")]
    pub draft: bool,
    /// Time of export as stated by the exporting program (RFC 3339, UTC); a
    /// file whose `exported_at` is not an RFC 3339 date-time is refused.
    #[serde(deserialize_with = "import::exported_at")]
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date-time")))]
    pub exported_at: String,
    /// The clerk's inputs, including the explanations of warnings: the only part read back.
    pub inputs: Inputs,
    /// Every derived table and the narrative at export time (recomputed on import).
    pub derived: Derived,
    /// The check report at export time (recomputed on import).
    pub report: Report,
    /// The catalog the file was checked against. Absent in files written
    /// before it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog: Option<CatalogRecord>,
    /// A department file (部门汇总): the inputs of each of its units, whose
    /// sum `inputs` is (re-checked on import, IMP-001). Absent in a unit's file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<Inputs>,
}

/// Which catalog a file was derived and checked against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CatalogRecord {
    /// The bureau catalog file's name, or `builtin-<year>` for the program's
    /// own catalog of that year.
    pub name: String,
    /// SHA-256 (lower-case hex) of the catalog content: a `code,name` line
    /// per code in code order (a built-in year's function codes, then its
    /// economic ones).
    pub sha256: String,
}

impl CatalogRecord {
    /// The record of these catalogs.
    pub fn of(cats: &InForce) -> CatalogRecord {
        CatalogRecord {
            name: cats.name(),
            sha256: cats.sha256(),
        }
    }
}

fn is_false(b: &bool) -> bool {
    !*b
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
    /// A draft file (`"draft": true`): read leniently, its stated figures not
    /// compared, and `findings` starts with DRF-001.
    pub draft: bool,
    /// The catalog the file says it was checked against, if it says.
    pub catalog: Option<CatalogRecord>,
    /// A department file's units, exactly as in the file (empty for a unit's file).
    pub units: Vec<Inputs>,
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
