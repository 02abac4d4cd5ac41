//! 表1–表10 and the project forms.

use crate::model::Inputs;
use crate::table::Table;
use crate::totals::Totals;

pub(super) fn all(_inputs: &Inputs, _totals: &Totals) -> Vec<Table> {
    Vec::new()
}

pub(super) fn projects(_inputs: &Inputs) -> Vec<Table> {
    Vec::new()
}
