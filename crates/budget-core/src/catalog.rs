//! Budget classification catalogs, one pair per fiscal year: 支出功能分类 and
//! 部门预算支出经济分类. Built in with the `embedded-catalogs` feature (the
//! CLI, the worker, the tests); the page fetches them as one text
//! (web/catalogs.txt) and [`install`]s it before it shows anything.
//!
//! Data lives in `data/<year>/{function,economic}.csv` (code,name,status,source);
//! see the header of each file for where the rows came from. `build.rs` embeds
//! them as `code,name,v` lines (no comments, no source column; `v`/`u` for
//! verified/unverified), a later year as its differences from the year before.
//! Level follows the code length. [`for_year`] picks the catalogs of a form's
//! year; [`function`] and [`economic`] are the 2021 ones.

use std::borrow::Cow;

mod bureau;
mod code;
mod in_force;
pub mod mapping;
mod suggest;
#[cfg(test)]
mod tests;
mod years;

pub use bureau::{Bureau, BureauError, LineError, LineProblem};
pub use code::normalize_code;
pub use in_force::{Choice, InForce};
pub use years::{
    BASE_YEAR, BUNDLE, BundleError, Catalogs, Notice, for_year, install, parse_bundle, years,
};

/// Level of a catalog entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// 类 (3 digits)
    Class,
    /// 款 (5 digits)
    Section,
    /// 项 (7 digits, function catalog only)
    Item,
}

impl Level {
    /// Level implied by the length of a code, if any.
    pub fn of_code(code: &str) -> Option<Level> {
        if !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        match code.len() {
            3 => Some(Level::Class),
            5 => Some(Level::Section),
            7 => Some(Level::Item),
            _ => None,
        }
    }
    /// Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Level::Class => "类",
            Level::Section => "款",
            Level::Item => "项",
        }
    }
}

/// Whether a catalog row was checked against a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// The code is printed with this name in a published disclosure, the
    /// 2021 sample or an official notice (the data file names which).
    Verified,
    /// Not yet found in such a source: shown to the clerk as
    /// [`UNVERIFIED_MARK`], never as official.
    Unverified,
}

/// The quiet mark shown beside the name of an unverified row.
pub const UNVERIFIED_MARK: &str = "名称待核对";

/// One catalog entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Code, e.g. `2010301`.
    pub code: &'static str,
    /// Name, e.g. `行政运行`.
    pub name: &'static str,
    /// Level.
    pub level: Level,
    /// Whether the row was checked against a source.
    pub status: Status,
}

impl Entry {
    /// Whether the row was checked against a source (see [`Status`]).
    pub fn is_verified(&self) -> bool {
        self.status == Status::Verified
    }
}

/// A whole catalog, in code order.
#[derive(Debug)]
pub struct Catalog {
    entries: Vec<Entry>,
    /// `code_key` of each entry, same order (the key order is the code order):
    /// lookups compare one integer per step instead of two strings.
    keys: Vec<u64>,
}

/// A code of at most 7 bytes packed into one integer whose order is the
/// byte-wise order of the codes: the bytes from the top, the length in the
/// lowest byte (so `201` < `2010` and a trailing NUL stays distinct). `None`
/// for longer codes; no catalog code is longer than 7.
#[inline]
pub(crate) fn code_key(code: &str) -> Option<u64> {
    let b = code.as_bytes();
    let n = b.len();
    // Byte `i` goes to bits 56 - 8i. Read as two (possibly overlapping) words
    // from both ends, which put each byte in its place; no loop, no memcpy.
    let packed = match b {
        [] => 0,
        [a, b @ ..] if n <= 3 => {
            let (mid, last) = (b.first().unwrap_or(a), b.last().unwrap_or(a));
            (u64::from(*a) << 56)
                | (u64::from(*mid) << (56 - 8 * (n / 2)))
                | (u64::from(*last) << (64 - 8 * n))
        }
        [a0, a1, a2, a3, ..] if n <= 7 => {
            let [z0, z1, z2, z3] = [b[n - 4], b[n - 3], b[n - 2], b[n - 1]];
            (u64::from(u32::from_be_bytes([*a0, *a1, *a2, *a3])) << 32)
                | (u64::from(u32::from_be_bytes([z0, z1, z2, z3])) << (64 - 8 * n))
        }
        _ => return None,
    };
    Some(packed | n as u64)
}

/// One `code,name,v` line build.rs wrote, as an entry.
fn entry(line: &'static str) -> Option<Entry> {
    let (rest, mark) = line.rsplit_once(',')?;
    let (code, name) = rest.split_once(',')?;
    let level = Level::of_code(code)?;
    let status = match mark {
        "v" => Status::Verified,
        _ => Status::Unverified,
    };
    Some(Entry {
        code,
        name,
        level,
        status,
    })
}

/// A catalog of these entries, put in code order (the first of a code kept).
fn build(mut entries: Vec<Entry>) -> Catalog {
    sort_once::sort_by(&mut entries, |a, b| a.code.cmp(b.code));
    entries.dedup_by(|a, b| a.code == b.code);
    // Every entry is 3, 5 or 7 digits (`Level::of_code`), so every key exists.
    let keys = entries
        .iter()
        .map(|e| code_key(e.code).unwrap_or(u64::MAX))
        .collect();
    Catalog { entries, keys }
}

/// The catalog of the first year: every row, as `code,name,v` lines.
fn parse(data: &'static str) -> Catalog {
    build(data.lines().filter_map(entry).collect())
}

/// A later year's catalog: `base` (the year before) with the rows `delta`
/// gives in its place (`code,name,v` lines, new or changed) and without the
/// codes it removes (`-code` lines). See build.rs.
fn parse_delta(base: &Catalog, delta: &'static str) -> Catalog {
    let mut gone: Vec<&str> = Vec::new();
    let mut changed: Vec<Entry> = Vec::new();
    for line in delta.lines() {
        match line.strip_prefix('-') {
            Some(code) => gone.push(code),
            None => changed.extend(entry(line)),
        }
    }
    let mut entries: Vec<Entry> = base
        .entries
        .iter()
        .filter(|e| !gone.contains(&e.code) && !changed.iter().any(|c| c.code == e.code))
        .cloned()
        .collect();
    entries.append(&mut changed);
    build(entries)
}

/// The 2021 支出功能分类 catalog (`for_year(BASE_YEAR)`).
pub fn function() -> &'static Catalog {
    for_year(BASE_YEAR).0.function()
}

/// The 2021 部门预算支出经济分类 catalog (`for_year(BASE_YEAR)`).
pub fn economic() -> &'static Catalog {
    for_year(BASE_YEAR).0.economic()
}

/// Folds what users type interchangeably into one form, so that matching does not
/// depend on the input method: full-width digits and brackets become ASCII, the
/// ideographic space a plain one.
fn fold(s: &str) -> Cow<'_, str> {
    let needs = |c: char| matches!(c, '０'..='９' | '（' | '）' | '\u{3000}');
    if !s.chars().any(needs) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                '（' => '(',
                '）' => ')',
                '\u{3000}' => ' ',
                c => c,
            })
            .collect(),
    )
}

/// How well a name matches one text token; lower is better.
fn name_rank(name: &str, token: &str) -> Option<u8> {
    if name == token {
        Some(0)
    } else if name.starts_with(token) {
        Some(1)
    } else if name.contains(token) {
        Some(2)
    } else {
        None
    }
}

impl Catalog {
    /// Every entry, in code order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    /// Whether the catalog has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    /// The entry with exactly this code.
    pub fn get(&self, code: &str) -> Option<&Entry> {
        self.get_key(code_key(code)?)
    }
    /// The entry whose `code_key` is `key`.
    pub(crate) fn get_key(&self, key: u64) -> Option<&Entry> {
        self.keys
            .binary_search(&key)
            .ok()
            .and_then(|i| self.entries.get(i))
    }
    /// Name of a code, if known.
    pub fn name(&self, code: &str) -> Option<&'static str> {
        self.get(code).map(|e| e.name)
    }
    /// Entries at one level, in code order (e.g. every 类 for 表1).
    pub fn at_level(&self, level: Level) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |e| e.level == level)
    }
    /// Direct children of a code (类 → 款, 款 → 项).
    pub fn children(&self, code: &str) -> Vec<&Entry> {
        let child_len = match code.len() {
            3 => 5,
            5 => 7,
            _ => return Vec::new(),
        };
        self.with_prefix(code)
            .filter(|e| e.code.len() == child_len)
            .collect()
    }
    /// The entry directly above a code (款 → 类, 项 → 款), if it exists.
    pub fn parent(&self, code: &str) -> Option<&Entry> {
        match Level::of_code(code)? {
            Level::Class => None,
            Level::Section => self.get(&code[..3]),
            Level::Item => self.get(&code[..5]),
        }
    }
    /// Entries whose code starts with `prefix`, in code order.
    pub fn with_prefix<'a>(&'a self, prefix: &str) -> impl Iterator<Item = &'a Entry> + 'a {
        let start = self.entries.partition_point(|e| e.code < prefix);
        let prefix = prefix.to_string();
        self.entries[start..]
            .iter()
            .take_while(move |e| e.code.starts_with(prefix.as_str()))
    }
    /// The 类 and 款 above a code: `[类, 款]` entries that exist.
    pub fn path(&self, code: &str) -> Vec<&Entry> {
        [3usize, 5]
            .iter()
            .filter(|&&n| code.len() > n && code.is_char_boundary(n))
            .filter_map(|&n| self.get(&code[..n]))
            .collect()
    }
    /// Search for the code picker, at most `limit` results, best first.
    ///
    /// The query is split on whitespace: digit tokens are code prefixes, other
    /// tokens name fragments, and an entry must satisfy every token (so
    /// `2010301 行政` and `人大事务 行政运行` both work). A name fragment matches
    /// the entry's own name, the name of its 类/款, or both at once: a start
    /// found in a 类/款 name and the rest in the entry's own (`教育行政运行` is
    /// 教育支出 + 行政运行: 2050101). Order: exact code, then code prefix; within
    /// that, own name equal, name prefix, name contains, matched only through a
    /// 类/款 name; ties in code order. Full-width digits and brackets count as
    /// ASCII ones; a query that is a whole code written in groups (`201 03 01`,
    /// `201.03.01`: [`normalize_code`]) is that code, and a query of digits in
    /// groups not yet complete (`201 03 0`) is the prefix they spell.
    pub fn search(&self, query: &str, limit: usize) -> Vec<&Entry> {
        self.search_counted(query, limit).0
    }

    /// As [`Catalog::search`], with how many entries match in all (the picker
    /// says how many more there are than it shows).
    pub fn search_counted(&self, query: &str, limit: usize) -> (Vec<&Entry>, usize) {
        let query = match normalize_code(query) {
            Some(code) => Cow::Owned(code),
            None => digits_typed_in_groups(query).map_or_else(|| fold(query), Cow::Owned),
        };
        let (codes, texts): (Vec<&str>, Vec<&str>) = query
            .split_whitespace()
            .partition(|t| t.bytes().all(|b| b.is_ascii_digit()));
        if limit == 0 || (codes.is_empty() && texts.is_empty()) {
            return (Vec::new(), 0);
        }
        // A word that spans a 类/款 name and an own name is tried only when
        // nothing matches otherwise: `一般行政` is 一般行政管理事务, not
        // 一般公共服务支出 + 行政运行.
        let mut hits = self.matches(&codes, &texts, false);
        if hits.is_empty() {
            hits = self.matches(&codes, &texts, true);
        }
        let total = hits.len();
        sort_once::sort_by(&mut hits, |a, b| {
            a.0.cmp(&b.0).then_with(|| a.1.code.cmp(b.1.code))
        });
        (
            hits.into_iter().take(limit).map(|(_, e)| e).collect(),
            total,
        )
    }

    /// The entries matching every code prefix and name fragment, with their
    /// rank (see [`Catalog::search`]); `split`: a fragment may also span a
    /// 类/款 name and the entry's own.
    fn matches(&self, codes: &[&str], texts: &[&str], split: bool) -> Vec<((u8, u8), &Entry)> {
        // Entries outside the longest code prefix cannot match: search only there.
        let scope = codes.iter().copied().max_by_key(|c| c.len()).unwrap_or("");
        self.with_prefix(scope)
            .filter_map(|e| {
                if !codes.iter().all(|c| e.code.starts_with(c)) {
                    return None;
                }
                let code_rank = u8::from(!codes.contains(&e.code));
                let own = fold(e.name);
                let parents: Vec<Cow<'_, str>> =
                    self.path(e.code).iter().map(|p| fold(p.name)).collect();
                let mut worst = 0u8;
                for t in texts {
                    let rank = name_rank(&own, t).or_else(|| {
                        (parents.iter().any(|p| p.contains(t))
                            || (split && through_parent(&parents, &own, t)))
                        .then_some(3)
                    })?;
                    worst = worst.max(rank);
                }
                Some(((code_rank, worst), e))
            })
            .collect()
    }
}

/// A name fragment that starts in the name of a 类/款 and ends in the entry's
/// own name (`教育` + `行政运行`), each part two characters at least.
fn through_parent(parents: &[Cow<'_, str>], own: &str, token: &str) -> bool {
    token
        .char_indices()
        .skip(2)
        .map(|(at, _)| token.split_at(at))
        .filter(|(_, rest)| rest.chars().nth(1).is_some())
        .any(|(start, rest)| own.contains(rest) && parents.iter().any(|p| p.contains(start)))
}

/// A query of digits in groups, as typed before the code is complete
/// (`201 03 0`, `２０１．０３`): the digits together, the code prefix they
/// spell. `None` for anything else (a name, a lone group, no digit).
fn digits_typed_in_groups(query: &str) -> Option<String> {
    let t = query.trim();
    let only = t.chars().all(|c| {
        c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || c.is_whitespace()
            || matches!(c, '.' | '-' | '．' | '－')
    });
    let digits: String = fold(t).chars().filter(char::is_ascii_digit).collect();
    let grouped = t
        .chars()
        .any(|c| !c.is_ascii_digit() && !('０'..='９').contains(&c));
    (only && grouped && !digits.is_empty()).then_some(digits)
}
