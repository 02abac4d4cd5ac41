//! Findings of the checks (审核结果).

use serde::{Deserialize, Serialize};

/// 强制性审核 (error) or 提示性审核 (warning).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks export.
    Error,
    /// Shown; may be explained.
    Warning,
}

impl Severity {
    /// Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "提示",
        }
    }
}

/// One finding: which check, how severe, what is wrong, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// Stable check ID, e.g. `AMT-001`.
    pub check: String,
    /// Severity.
    pub severity: Severity,
    /// Chinese message naming the cells and figures involved.
    pub message: String,
    /// JSON paths into the inputs of the cells at fault, e.g. `rows[3].this_year`;
    /// the first is where the UI jumps. Empty when no single input is at fault.
    pub locations: Vec<String>,
}

impl Finding {
    /// A finding of `check` at `locations`.
    pub fn new(
        check: &str,
        severity: Severity,
        message: impl Into<String>,
        locations: Vec<String>,
    ) -> Self {
        Finding {
            check: check.to_string(),
            severity,
            message: message.into(),
            locations,
        }
    }
    /// The key an explanation is stored under: `ID@first location` (or the ID alone).
    pub fn key(&self) -> String {
        match self.locations.first() {
            Some(loc) => format!("{}@{}", self.check, loc),
            None => self.check.clone(),
        }
    }
    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
