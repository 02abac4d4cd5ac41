//! Which document a form is: the template it is laid out by and whether it
//! is a 部门's or a 单位's.

use serde::{Deserialize, Serialize};

/// A template's id (`crate::template`); `chongqing-district-2021` by default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(extend("default" = "chongqing-district-2021", "examples" = ["chongqing-district-2021", "shanghai-district-2025"]))
)]
#[serde(transparent)]
pub struct TemplateId(pub String);

impl Default for TemplateId {
    fn default() -> Self {
        TemplateId(crate::template::DEFAULT_ID.to_string())
    }
}

impl TemplateId {
    /// The id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// True for the default template (not written to files).
    pub fn is_default(&self) -> bool {
        self.0 == crate::template::DEFAULT_ID
    }
}

/// Whose document it is: a 部门 (with its units) or one 单位.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DocumentLevel {
    /// 部门预算
    #[default]
    Department,
    /// 单位预算
    Unit,
}

impl DocumentLevel {
    /// Both, in the order the form offers them.
    pub const ALL: [DocumentLevel; 2] = [DocumentLevel::Department, DocumentLevel::Unit];
    /// 部门 / 单位
    pub fn word(self) -> &'static str {
        match self {
            DocumentLevel::Department => "部门",
            DocumentLevel::Unit => "单位",
        }
    }
    /// True for 部门 (the default, not written to files).
    pub fn is_department(&self) -> bool {
        *self == DocumentLevel::Department
    }
}
