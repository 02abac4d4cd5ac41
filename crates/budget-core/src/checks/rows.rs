//! One pass over the budget rows shared by the row checks: each row's code
//! (as typed, untrimmed: the checks quote it) gets a dense id, so COD-001,
//! ROW-001, IDN-003, PRJ-001 and the live 表6 judge or sum per distinct code
//! instead of hashing the code text again for every row.

use crate::amount::CentSum;
use crate::fastmap::CodeIndex;
use crate::model::Inputs;

/// The distinct codes of the budget rows and each row's code id.
#[derive(Debug, Clone)]
pub(crate) struct RowCodes<'a> {
    index: CodeIndex<'a>,
    /// Code id of each row, in row order.
    of_row: Vec<u32>,
    /// This year's sum per code id (what the live 表6 needs).
    this_year: Vec<CentSum>,
}

impl<'a> RowCodes<'a> {
    /// Index the rows of `inputs`.
    pub(crate) fn of(inputs: &'a Inputs) -> Self {
        let mut index = CodeIndex::with_capacity(1024);
        let mut of_row = Vec::with_capacity(inputs.rows.len());
        let mut this_year: Vec<CentSum> = Vec::with_capacity(1024);
        for r in &inputs.rows {
            let (id, new) = index.insert(&r.code);
            if new {
                this_year.push(CentSum::default());
            }
            if let Some(sum) = this_year.get_mut(id as usize) {
                sum.add(&r.this_year);
            }
            of_row.push(id);
        }
        RowCodes {
            index,
            of_row,
            this_year,
        }
    }
    /// Code id of each row, in row order.
    pub(crate) fn of_row(&self) -> &[u32] {
        &self.of_row
    }
    /// Every distinct code, by id.
    pub(crate) fn codes(&self) -> &[&'a str] {
        self.index.codes()
    }
    /// The id of a code as typed, if some row has it.
    pub(crate) fn get(&self, code: &str) -> Option<u32> {
        self.index.get(code)
    }
    /// Each distinct code with this year's sum over its rows.
    pub(crate) fn this_year(&self) -> impl Iterator<Item = (&'a str, CentSum)> + '_ {
        self.codes()
            .iter()
            .copied()
            .zip(self.this_year.iter().copied())
    }
}
