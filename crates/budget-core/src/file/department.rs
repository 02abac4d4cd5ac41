//! A department file: a submission file of the department's consolidated form
//! that keeps its units (`units`), so any unit can be opened from it and the
//! sum re-checked on import.

use super::compare::{self, IMP_001};
use super::export::{normalized, to_value};
use crate::consolidate::{Department, consolidate};
use crate::finding::{Finding, Severity};
use crate::model::Inputs;

/// Where the re-check's differences are said to come from.
const PLACE: &str = "部门汇总与各单位（units）之和核对";

/// The department form `inputs` re-checked against its `units`: one IMP-001
/// per figure that is not the sum of the units, or one naming why the units
/// cannot be consolidated. Nothing for a file without units.
pub(super) fn recheck(inputs: &Inputs, units: &[Inputs]) -> Vec<Finding> {
    if units.is_empty() {
        return Vec::new();
    }
    let summed = match consolidate(&Department::of(inputs, units), units) {
        Ok(summed) => summed,
        Err(e) => {
            return vec![Finding::new(
                IMP_001,
                Severity::Error,
                format!("{PLACE}：文件中的单位不能汇总：{e}"),
                vec!["units".to_string()],
            )];
        }
    };
    let (Ok(stated), Ok(summed)) = (
        to_value(&normalized(inputs)),
        to_value(&normalized(&summed)),
    ) else {
        return Vec::new();
    };
    let mut diffs = compare::differences(&stated, &summed, "inputs");
    for d in &mut diffs {
        d.place = Some(PLACE.to_string());
    }
    compare::findings_as(&diffs, "各单位之和为")
}
