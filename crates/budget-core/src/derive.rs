//! Derivation: inputs → every disclosure table and the narrative.

use serde::{Deserialize, Serialize};

use crate::model::Inputs;
use crate::narrative::Narrative;
use crate::table::Table;
use crate::totals::Totals;

mod figures;
mod layout;
mod project;
mod tables;
pub(crate) use tables::table4;

/// Everything derived from the inputs. Nothing here is typed by a clerk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Derived {
    /// Headline totals.
    pub totals: Totals,
    /// 表1–表10, in order.
    pub tables: Vec<Table>,
    /// 项目绩效目标表, one per project, in input order.
    pub project_tables: Vec<Table>,
    /// 情况说明
    pub narrative: Narrative,
}

/// Derive every table and the narrative from the inputs.
pub fn derive(inputs: &Inputs) -> Derived {
    let totals = Totals::compute(inputs);
    let (codes, row_sums) = figures::CodeFigures::collect(inputs);
    let tables = tables::all(inputs, &totals, &codes);
    let project_tables = project::projects(inputs);
    let classes = figures::CodeFigures::class_totals(&codes);
    let narrative = crate::narrative::generate(inputs, &totals, &classes, &row_sums);
    Derived {
        totals,
        tables,
        project_tables,
        narrative,
    }
}

/// 表6 alone, straight from the rows (what the live checks need): the same
/// table `derive` puts at `tables[5]`.
pub fn table6(inputs: &Inputs, totals: &Totals) -> Table {
    table6_of_codes(inputs, totals, &crate::index::RowCodes::of(inputs))
}

/// 表6 from the rows' codes already indexed for the checks.
pub(crate) fn table6_of_codes(
    inputs: &Inputs,
    totals: &Totals,
    rows: &crate::index::RowCodes<'_>,
) -> Table {
    tables::table6(
        inputs,
        totals,
        figures::ClassSums::of_code_sums(rows.this_year()),
    )
}

impl Derived {
    /// Table by number 1–10.
    pub fn table(&self, n: usize) -> Option<&Table> {
        self.tables.get(n.checked_sub(1)?)
    }
}
