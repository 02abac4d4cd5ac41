//! 情况说明: the narrative, generated from the inputs and totals.

use serde::{Deserialize, Serialize};

use crate::model::Inputs;
use crate::totals::Totals;

/// The generated narrative.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Narrative {
    /// Title, e.g. `重庆市大渡口区人民政府办公室2021年部门预算情况说明`.
    pub title: String,
    /// Sections in order.
    pub sections: Vec<Section>,
}

/// One numbered section.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Section {
    /// Heading, e.g. `一、单位基本情况`.
    pub heading: String,
    /// Paragraphs.
    pub paragraphs: Vec<String>,
}

/// Generate the narrative.
pub fn generate(_inputs: &Inputs, _totals: &Totals) -> Narrative {
    Narrative::default()
}
