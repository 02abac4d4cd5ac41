//! Derivation: inputs → every disclosure table and the narrative.

use serde::{Deserialize, Serialize};

use crate::catalog::InForce;
use crate::model::Inputs;
use crate::narrative::Narrative;
use crate::table::Table;
use crate::totals::Totals;

mod figures;
mod layout;
mod lists;
mod present;
mod project;
mod summaries;
mod tables;
pub(crate) use summaries::chinese_ordinal;
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

/// Derive every table and the narrative from the inputs, against the
/// built-in catalogs of the form's 预算年度.
pub fn derive(inputs: &Inputs) -> Derived {
    derive_in(inputs, InForce::builtin(inputs.unit.fiscal_year))
}

/// [`derive()`] against these catalogs (a bureau's, see [`crate::catalog::Choice`]).
pub fn derive_in(inputs: &Inputs, cats: InForce) -> Derived {
    let totals = Totals::compute(inputs);
    let (codes, row_sums) = figures::CodeFigures::collect(inputs, cats.function());
    let tables = tables::all(inputs, &totals, &codes, &cats);
    let project_tables = project::projects(inputs, cats.function());
    let classes = figures::CodeFigures::class_totals(&codes);
    let items = figures::CodeFigures::fiscal_items(&codes);
    let narrative = crate::narrative::generate(
        inputs,
        &totals,
        &classes,
        &items,
        &row_sums,
        cats.function(),
    );
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
    let cats = InForce::builtin(inputs.unit.fiscal_year);
    table6_of_codes(inputs, totals, &crate::index::RowCodes::of(inputs), &cats)
}

/// 表6 from the rows' codes already indexed for the checks.
pub(crate) fn table6_of_codes(
    inputs: &Inputs,
    totals: &Totals,
    rows: &crate::index::RowCodes<'_>,
    cats: &InForce,
) -> Table {
    tables::table6(
        inputs,
        totals,
        figures::ClassSums::of_code_sums(rows.this_year()),
        cats.function(),
    )
}

impl Derived {
    /// Table by number 1–10.
    pub fn table(&self, n: usize) -> Option<&Table> {
        self.tables.get(n.checked_sub(1)?)
    }
}
