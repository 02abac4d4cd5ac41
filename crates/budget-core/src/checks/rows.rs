//! One pass over the budget rows shared by the row checks: each row's code
//! (as typed, untrimmed: the checks quote it) gets a dense id, so COD-001,
//! ROW-001, IDN-003, PRJ-001 and the live 表6 judge or sum per distinct code
//! instead of hashing the code text again for every row.

use crate::amount::CentSum;
use crate::fastmap::CodeIndex;
use crate::model::{ExpenditureType, FundingSource, Inputs};

/// What the row checks read of one budget row, in 8 bytes: a row itself is
/// over a hundred bytes with its texts elsewhere on the heap, so each check
/// passes over these (which stay in cache) and reads a row only to report it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RowFact {
    /// The row's code id.
    pub(crate) id: u32,
    /// 收入来源
    pub(crate) source: FundingSource,
    /// 支出类型
    pub(crate) kind: ExpenditureType,
    flags: u8,
}

const BOTH_VALID: u8 = 1;
const BOTH_ZERO: u8 = 2;

impl RowFact {
    /// Both amount cells hold valid amounts (AMT-001 has nothing to say).
    pub(crate) fn valid(self) -> bool {
        self.flags & BOTH_VALID != 0
    }
    /// Both amount cells are valid and zero (ROW-003).
    pub(crate) fn empty(self) -> bool {
        self.flags & BOTH_ZERO != 0
    }
}

/// The distinct codes of the budget rows and each row's facts.
#[derive(Debug, Clone)]
pub(crate) struct RowCodes<'a> {
    index: CodeIndex<'a>,
    /// Facts of each row, in row order.
    facts: Vec<RowFact>,
    /// This year's sum per code id (what the live 表6 needs).
    this_year: Vec<CentSum>,
}

impl<'a> RowCodes<'a> {
    /// Index the rows of `inputs`.
    pub(crate) fn of(inputs: &'a Inputs) -> Self {
        let mut index = CodeIndex::with_capacity(1024);
        let mut facts = Vec::with_capacity(inputs.rows.len());
        let mut this_year: Vec<CentSum> = Vec::with_capacity(1024);
        for r in &inputs.rows {
            let (id, new) = index.insert(&r.code);
            if new {
                this_year.push(CentSum::default());
            }
            if let Some(sum) = this_year.get_mut(id as usize) {
                sum.add(&r.this_year);
            }
            // A valid cell has a parsed value (a blank one parses to 0).
            let (this, last) = (r.this_year.parsed(), r.last_year.parsed());
            let mut flags = 0;
            if let (Some(this), Some(last)) = (this, last) {
                flags |= BOTH_VALID;
                if this.is_zero() && last.is_zero() {
                    flags |= BOTH_ZERO;
                }
            }
            facts.push(RowFact {
                id,
                source: r.source,
                kind: r.kind,
                flags,
            });
        }
        RowCodes {
            index,
            facts,
            this_year,
        }
    }
    /// Facts of each row, in row order.
    pub(crate) fn facts(&self) -> &[RowFact] {
        &self.facts
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
