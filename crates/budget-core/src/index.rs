//! The row index shared by `derive` and `checks` (below both, so neither
//! imports the other for it): one pass over the budget rows gives each row's
//! code (as typed, untrimmed: the checks quote it) a dense id, so COD-001,
//! ROW-001, IDN-003, PRJ-001 and the live 表6 judge or sum per distinct code
//! instead of hashing the code text again for every row.

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use crate::amount::CentSum;
use crate::model::{ExpenditureType, FundingSource, Inputs};

/// Dense ids for code strings, in first-seen order, with the first-seen text
/// of each.
#[derive(Debug, Clone, Default)]
pub(crate) struct CodeIndex<'a> {
    ids: FxHashMap<&'a str, u32>,
    codes: Vec<&'a str>,
}

impl<'a> CodeIndex<'a> {
    /// Room for `n` distinct codes without growing.
    pub(crate) fn with_capacity(n: usize) -> Self {
        CodeIndex {
            ids: FxHashMap::with_capacity_and_hasher(n, Default::default()),
            codes: Vec::with_capacity(n),
        }
    }
    /// The id of `code`, giving it the next id when new; `true` when new.
    pub(crate) fn insert(&mut self, code: &'a str) -> (u32, bool) {
        let next = self.codes.len() as u32;
        let id = *self.ids.entry(code).or_insert(next);
        let new = id == next;
        if new {
            self.codes.push(code);
        }
        (id, new)
    }
    /// The id of `code`, if seen.
    pub(crate) fn get(&self, code: &str) -> Option<u32> {
        self.ids.get(code).copied()
    }
    /// Every distinct code, by id.
    pub(crate) fn codes(&self) -> &[&'a str] {
        &self.codes
    }
}

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
    /// This year's 财政拨款 (the rows of the three funds) per code id.
    fiscal: Vec<CentSum>,
}

impl<'a> RowCodes<'a> {
    /// Index the rows of `inputs`.
    pub(crate) fn of(inputs: &'a Inputs) -> Self {
        let mut index = CodeIndex::with_capacity(1024);
        let mut facts = Vec::with_capacity(inputs.rows.len());
        let mut this_year: Vec<CentSum> = Vec::with_capacity(1024);
        let mut fiscal: Vec<CentSum> = Vec::with_capacity(1024);
        for r in &inputs.rows {
            let (id, new) = index.insert(&r.code);
            if new {
                this_year.push(CentSum::default());
                fiscal.push(CentSum::default());
            }
            if let Some(sum) = this_year.get_mut(id as usize) {
                sum.add(&r.this_year);
            }
            if r.source.fund().is_some()
                && let Some(sum) = fiscal.get_mut(id as usize)
            {
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
            fiscal,
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
    /// This year's 财政拨款 per 功能分类 code (as trimmed: ` 2010601` and
    /// `2010601` are one), in code order, zero left out: the 项 the 上海
    /// 编制说明 lists (`derive` reads the same off its per-code figures).
    pub(crate) fn fiscal_items(&self) -> Vec<(&'a str, Decimal)> {
        let mut items: Vec<(&'a str, CentSum)> = self
            .codes()
            .iter()
            .map(|c| c.trim())
            .zip(self.fiscal.iter().copied())
            .collect();
        sort_once::sort_by(&mut items, |a, b| a.0.cmp(b.0));
        let mut merged: Vec<(&'a str, CentSum)> = Vec::with_capacity(items.len());
        for (code, sum) in items {
            match merged.last_mut() {
                Some((last, total)) if *last == code => total.add_sum(sum),
                _ => merged.push((code, sum)),
            }
        }
        merged
            .into_iter()
            .map(|(code, sum)| (code, sum.to_decimal()))
            .filter(|(_, v)| !v.is_zero())
            .collect()
    }
    /// Each distinct code with this year's sum over its rows.
    pub(crate) fn this_year(&self) -> impl Iterator<Item = (&'a str, CentSum)> + '_ {
        self.codes()
            .iter()
            .copied()
            .zip(self.this_year.iter().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_index_keeps_codes_apart() {
        let codes = [
            "2010301",
            "2010302",
            "20103010",
            "201030",
            "",
            "2010301 ",
            " 2010301",
            "2010301",
            "2行",
            "20103011234",
            "",
            "20103010",
        ];
        let mut ix = CodeIndex::with_capacity(4);
        let mut seen: Vec<&str> = Vec::new();
        for c in codes {
            let (id, new) = ix.insert(c);
            let want = seen.iter().position(|s| *s == c);
            assert_eq!(new, want.is_none(), "{c:?}");
            if new {
                seen.push(c);
            }
            assert_eq!(id as usize, want.unwrap_or(seen.len() - 1), "{c:?}");
            assert_eq!(ix.get(c), Some(id));
        }
        assert_eq!(ix.codes(), seen.as_slice());
        assert_eq!(ix.get("2010303"), None);
        assert_eq!(ix.get("201030100"), None);
    }
}
