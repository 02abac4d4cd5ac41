//! Year-to-year code mappings (`data/mapping/<from>-<to>.csv`): how a code of
//! one catalog year is carried into a later year's form.

use super::Catalog;
use super::years::MAPPINGS;

/// One row of a mapping table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mapped {
    /// The earlier year's code.
    pub from: &'static str,
    /// Its successor (the same code when only renamed); `None` when no
    /// source names one.
    pub to: Option<&'static str>,
    /// `renamed`, `replaced`, `removed`, … as the table says.
    pub kind: &'static str,
    /// Where the mapping comes from.
    pub source: &'static str,
}

/// The rows of every mapping table from catalog year `from` to catalog year
/// `to` (in year order; the tables chain, 2021-2025 then 2025-…).
fn tables(from: u32, to: u32) -> impl Iterator<Item = impl Iterator<Item = Mapped>> {
    MAPPINGS
        .iter()
        .filter(move |(a, b, _)| from <= *a && *b <= to)
        .map(|(_, _, text)| rows(text))
}

/// The rows of one mapping CSV (comments and the header skipped).
pub fn rows(text: &'static str) -> impl Iterator<Item = Mapped> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .filter_map(|line| {
            let mut parts = line.splitn(4, ',');
            let (from, to, kind) = (parts.next()?, parts.next()?, parts.next()?);
            Some(Mapped {
                from: from.trim(),
                to: Some(to.trim()).filter(|t| !t.is_empty()),
                kind: kind.trim(),
                source: parts.next().unwrap_or("").trim(),
            })
        })
}

/// Every mapping table: (from year, to year, rows).
pub fn all() -> impl Iterator<Item = (u32, u32, Vec<Mapped>)> {
    MAPPINGS
        .iter()
        .map(|(a, b, text)| (*a, *b, rows(text).collect()))
}

/// The code `code` of a form checked against catalog year `from` becomes in
/// a form of catalog year `to` (checked against `target`): mapped through
/// every table between them, then kept only when `target` has it. `None`
/// when it cannot be carried (removed without a successor, or not in the
/// target catalog).
pub fn carry(code: &str, from: u32, to: u32, target: &Catalog) -> Option<String> {
    let mut code = code.to_string();
    for mut table in tables(from, to) {
        if let Some(row) = table.find(|m| m.from == code) {
            code = row.to?.to_string();
        }
    }
    target.get(&code).map(|_| code)
}
