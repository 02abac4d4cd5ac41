//! Codes and rows: COD-001, COD-002 (catalog and level), ROW-001 … ROW-004
//! (duplicates and empty rows).

use std::collections::hash_map::Entry;

use super::Ctx;
use crate::catalog::{Catalog, Level};
use crate::finding::{Finding, Severity};
use crate::index::RowFact;
use crate::model::{ExpenditureType, FundingSource, trim_code};
use rustc_hash::FxHashMap;

/// What is wrong with a code, as a Chinese sentence, if anything.
/// “…不在科目目录中”, with the nearest known codes (same 款 first) when any.
fn not_in_catalog(code: &str, cat: &Catalog, what: &str) -> String {
    let near = cat.suggest(code, 3);
    if near.is_empty() {
        return format!("{what}科目编码“{code}”不在科目目录中");
    }
    let listed: Vec<String> = near
        .iter()
        .map(|e| format!("{} {}", e.code, e.name))
        .collect();
    format!(
        "{what}科目编码“{code}”不在科目目录中；相近的编码：{}",
        listed.join("、")
    )
}

fn code_problem(code: &str, cat: &Catalog, want: Level, what: &str) -> Option<String> {
    if trim_code(code).is_empty() {
        return Some(format!("未填写{what}科目编码"));
    }
    match cat.get(code) {
        None => Some(not_in_catalog(code, cat, what)),
        Some(e) if e.level != want => Some(format!(
            "“{} {}”是{}级科目，此处须填写{}级（{} 位）科目",
            e.code,
            e.name,
            e.level.label(),
            want.label(),
            match want {
                Level::Class => 3,
                Level::Section => 5,
                Level::Item => 7,
            }
        )),
        Some(_) => None,
    }
}

/// COD-001: function codes exist and are at 项 level.
pub(super) fn cod_001(ctx: &Ctx<'_>) -> Vec<Finding> {
    let cat = ctx.cats.function();
    // Many rows share a code: judge each distinct code once.
    let verdicts: Vec<Option<String>> = ctx
        .rows
        .codes()
        .iter()
        .map(|code| code_problem(code, cat, Level::Item, "功能分类"))
        .collect();
    let mut out = Vec::new();
    for (i, f) in ctx.rows.facts().iter().enumerate() {
        if let Some(Some(problem)) = verdicts.get(f.id as usize) {
            out.push(Finding::new(
                "COD-001",
                Severity::Error,
                format!("预算明细第 {} 行：{problem}", i + 1),
                vec![format!("rows[{i}].code")],
            ));
        }
    }
    out
}

/// COD-002: economic codes exist and are at 款 level.
pub(super) fn cod_002(ctx: &Ctx<'_>) -> Vec<Finding> {
    let cat = ctx.cats.economic();
    let mut out = Vec::new();
    for (i, e) in ctx.inputs.economic_rows.iter().enumerate() {
        if let Some(problem) = code_problem(&e.code, cat, Level::Section, "经济分类") {
            out.push(Finding::new(
                "COD-002",
                Severity::Error,
                format!("基本支出经济分类第 {} 行：{problem}", i + 1),
                vec![format!("economic_rows[{i}].code")],
            ));
        }
    }
    out
}

/// Pairs `(first, later)` of items sharing a key, in input order of the later one.
/// Items without a key (blank codes, already COD-00x) are skipped.
fn duplicates<K: Eq + std::hash::Hash>(
    keys: impl ExactSizeIterator<Item = Option<K>>,
) -> Vec<(usize, usize)> {
    let mut first: FxHashMap<K, usize> =
        FxHashMap::with_capacity_and_hasher(keys.len(), Default::default());
    let mut out = Vec::new();
    for (i, key) in keys.enumerate() {
        let Some(key) = key else { continue };
        match first.entry(key) {
            Entry::Occupied(e) => out.push((*e.get(), i)),
            Entry::Vacant(e) => {
                e.insert(i);
            }
        }
    }
    out
}

/// Every source · type pair fits one bit of a `u64`.
const PAIRS: usize = FundingSource::ALL.len() * ExpenditureType::ALL.len();
const _: () = assert!(PAIRS <= 64);

/// `(first, later)` rows sharing code · source · type, in order of the later
/// one; rows with a blank code are skipped (COD-001 reports them).
///
/// Per distinct code a bit set of the source · type pairs seen so far finds a
/// repeat with one test per row; only once a repeat exists is a map of first
/// rows built (from the rows before it) to name the row it repeats.
fn budget_row_duplicates(ctx: &Ctx<'_>) -> Vec<(usize, usize)> {
    let facts = ctx.rows.facts();
    let codes = ctx.rows.codes();
    let blank: Vec<bool> = codes.iter().map(|c| trim_code(c).is_empty()).collect();
    let mut seen = vec![0u64; codes.len()];
    let key = |f: &RowFact| {
        (
            f.id,
            f.source as usize * ExpenditureType::ALL.len() + f.kind as usize,
        )
    };
    let mut first: Option<FxHashMap<(u32, usize), usize>> = None;
    let mut out = Vec::new();
    for (i, f) in facts.iter().enumerate() {
        let id = f.id as usize;
        let (Some(&false), Some(bits)) = (blank.get(id), seen.get_mut(id)) else {
            continue;
        };
        let k = key(f);
        let bit = 1u64 << k.1;
        if *bits & bit == 0 {
            *bits |= bit;
            if let Some(map) = first.as_mut() {
                map.insert(k, i);
            }
            continue;
        }
        let map = first.get_or_insert_with(|| {
            let mut map = FxHashMap::default();
            for (j, f) in facts.iter().enumerate().take(i) {
                map.entry(key(f)).or_insert(j);
            }
            map
        });
        if let Some(&a) = map.get(&k) {
            out.push((a, i));
        }
    }
    out
}

/// ROW-001: one row per code · source · type.
pub(super) fn row_001(ctx: &Ctx<'_>) -> Vec<Finding> {
    let rows = &ctx.inputs.rows;
    budget_row_duplicates(ctx)
        .into_iter()
        .map(|(a, b)| {
            Finding::new(
                "ROW-001",
                Severity::Error,
                format!(
                    "预算明细第 {} 行与第 {} 行都是 {}，请合并为一行",
                    a + 1,
                    b + 1,
                    ctx.row_label(&rows[b])
                ),
                vec![format!("rows[{b}].code"), format!("rows[{a}].code")],
            )
        })
        .collect()
}

/// ROW-002: one economic row per code.
pub(super) fn row_002(ctx: &Ctx<'_>) -> Vec<Finding> {
    let rows = &ctx.inputs.economic_rows;
    let keys = rows
        .iter()
        .map(|e| (!trim_code(&e.code).is_empty()).then_some(e.code.as_str()));
    duplicates(keys)
        .into_iter()
        .map(|(a, b)| {
            Finding::new(
                "ROW-002",
                Severity::Error,
                format!(
                    "基本支出经济分类第 {} 行与第 {} 行都是 {}，请合并为一行",
                    a + 1,
                    b + 1,
                    ctx.economic_label(&rows[b].code)
                ),
                vec![
                    format!("economic_rows[{b}].code"),
                    format!("economic_rows[{a}].code"),
                ],
            )
        })
        .collect()
}

/// ROW-003: a row with both amounts zero says nothing.
pub(super) fn row_003(ctx: &Ctx<'_>) -> Vec<Finding> {
    ctx.inputs
        .rows
        .iter()
        .zip(ctx.rows.facts())
        .enumerate()
        .filter(|(_, (_, f))| f.empty())
        .map(|(i, (r, _))| {
            Finding::new(
                "ROW-003",
                Severity::Warning,
                format!("{}本年、上年预算数均为 0，请删除该行", ctx.row_label(r)),
                vec![format!("rows[{i}].code")],
            )
        })
        .collect()
}

/// ROW-004: one procurement row per category · source.
pub(super) fn row_004(ctx: &Ctx<'_>) -> Vec<Finding> {
    let rows = &ctx.inputs.procurement;
    duplicates(rows.iter().map(|p| Some((p.category, p.source))))
        .into_iter()
        .map(|(a, b)| {
            let p = &rows[b];
            Finding::new(
                "ROW-004",
                Severity::Error,
                format!(
                    "政府采购第 {} 行与第 {} 行都是 {}（{}），请合并为一行",
                    a + 1,
                    b + 1,
                    p.category.label(),
                    p.source.label()
                ),
                vec![
                    format!("procurement[{b}].category"),
                    format!("procurement[{a}].category"),
                ],
            )
        })
        .collect()
}
