//! Budget classification catalogs, embedded at build time:
//! 支出功能分类 (2021) and 部门预算支出经济分类.
//!
//! Data lives in `data/*.csv` (code,name,source); see the header of each file for
//! where the rows came from. Level follows the code length.

use std::sync::OnceLock;

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

/// One catalog entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Code, e.g. `2010301`.
    pub code: &'static str,
    /// Name, e.g. `行政运行`.
    pub name: &'static str,
    /// Level.
    pub level: Level,
}

/// A whole catalog, in code order.
#[derive(Debug)]
pub struct Catalog {
    entries: Vec<Entry>,
}

const FUNCTION_CSV: &str = include_str!("../data/function.csv");
const ECONOMIC_CSV: &str = include_str!("../data/economic.csv");

fn parse(csv: &'static str) -> Catalog {
    let mut entries: Vec<Entry> = csv
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1) // header
        .filter_map(|line| {
            let mut parts = line.splitn(3, ',');
            let code = parts.next()?.trim();
            let name = parts.next()?.trim();
            let level = Level::of_code(code)?;
            Some(Entry { code, name, level })
        })
        .collect();
    entries.sort_by(|a, b| a.code.cmp(b.code));
    entries.dedup_by(|a, b| a.code == b.code);
    Catalog { entries }
}

/// The 2021 支出功能分类 catalog.
pub fn function() -> &'static Catalog {
    static CAT: OnceLock<Catalog> = OnceLock::new();
    CAT.get_or_init(|| parse(FUNCTION_CSV))
}

/// The 部门预算支出经济分类 catalog.
pub fn economic() -> &'static Catalog {
    static CAT: OnceLock<Catalog> = OnceLock::new();
    CAT.get_or_init(|| parse(ECONOMIC_CSV))
}

impl Catalog {
    /// Every entry, in code order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }
    /// The entry with exactly this code.
    pub fn get(&self, code: &str) -> Option<&Entry> {
        self.entries.binary_search_by(|e| e.code.cmp(code)).ok().map(|i| &self.entries[i])
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
        self.with_prefix(code).filter(|e| e.code.len() == child_len).collect()
    }
    /// Entries whose code starts with `prefix`, in code order.
    pub fn with_prefix<'a>(&'a self, prefix: &str) -> impl Iterator<Item = &'a Entry> + 'a {
        let start = self.entries.partition_point(|e| e.code < prefix);
        let prefix = prefix.to_string();
        self.entries[start..].iter().take_while(move |e| e.code.starts_with(prefix.as_str()))
    }
    /// The 类 and 款 above a code: `[类, 款]` entries that exist.
    pub fn path(&self, code: &str) -> Vec<&Entry> {
        [3usize, 5].iter().filter(|&&n| code.len() > n).filter_map(|&n| self.get(&code[..n])).collect()
    }
    /// Search by code prefix or name fragment (the code picker), at most `limit`
    /// results: code-prefix matches first, then name matches, each in code order.
    pub fn search(&self, query: &str, limit: usize) -> Vec<&Entry> {
        let q = query.trim();
        if q.is_empty() {
            return Vec::new();
        }
        let mut out: Vec<&Entry> = Vec::new();
        if q.bytes().all(|b| b.is_ascii_digit()) {
            out.extend(self.with_prefix(q).take(limit));
        } else {
            out.extend(self.entries.iter().filter(|e| e.name.contains(q)).take(limit));
        }
        out
    }
}
