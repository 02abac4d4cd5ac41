//! The catalogs a form is derived and checked against: the built-in ones of
//! its 预算年度 (or the nearest earlier year, with a [`Notice`]), unless a
//! bureau catalog ([`Bureau`]) is loaded for it.

use std::fmt;

use super::bureau::Bureau;
use super::{Catalog, Catalogs, Notice, for_year};

/// Which catalogs the program uses, before a form's year is known.
#[derive(Debug, Clone, Copy, Default)]
pub enum Choice<'a> {
    /// The built-in catalogs of each form's year.
    #[default]
    Builtin,
    /// This bureau catalog for a form of any year (the CLI's `--catalog`).
    Every(&'static Bureau),
    /// A bureau catalog per fiscal year (the app's, one per year loaded);
    /// other years use the built-in ones.
    ByYear(&'a [(i32, &'static Bureau)]),
}

impl Choice<'_> {
    /// The catalogs for a form of `fiscal_year`.
    pub fn for_year(self, fiscal_year: i32) -> InForce {
        let bureau = match self {
            Choice::Builtin => None,
            Choice::Every(b) => Some(b),
            Choice::ByYear(list) => list
                .iter()
                .find(|(year, _)| *year == fiscal_year)
                .map(|(_, b)| *b),
        };
        InForce::new(fiscal_year, bureau)
    }
}

/// The catalogs one form is derived and checked against. Resolved once per
/// derive or check from the form's year and passed down.
#[derive(Debug, Clone, Copy)]
pub struct InForce {
    year: i32,
    builtin: &'static Catalogs,
    notice: Option<Notice>,
    bureau: Option<&'static Bureau>,
}

impl InForce {
    /// The built-in catalogs for a form of `fiscal_year`.
    pub fn builtin(fiscal_year: i32) -> InForce {
        InForce::new(fiscal_year, None)
    }
    /// The catalogs for a form of `fiscal_year`, the bureau's where it lists
    /// codes of that kind.
    pub fn new(fiscal_year: i32, bureau: Option<&'static Bureau>) -> InForce {
        let (builtin, notice) = for_year(u32::try_from(fiscal_year).unwrap_or(0));
        InForce {
            year: fiscal_year,
            builtin,
            notice,
            bureau,
        }
    }
    /// The form's year.
    pub fn year(&self) -> i32 {
        self.year
    }
    /// The 支出功能分类 catalog.
    pub fn function(&self) -> &'static Catalog {
        match self.bureau.and_then(Bureau::function) {
            Some(c) => c,
            None => self.builtin.function(),
        }
    }
    /// The 部门预算支出经济分类 catalog.
    pub fn economic(&self) -> &'static Catalog {
        match self.bureau.and_then(Bureau::economic) {
            Some(c) => c,
            None => self.builtin.economic(),
        }
    }
    /// The bureau catalog in force, if any.
    pub fn bureau(&self) -> Option<&'static Bureau> {
        self.bureau
    }
    /// Why a built-in catalog in use is not the form's year's own; `None`
    /// when the bureau's catalog covers both kinds.
    pub fn notice(&self) -> Option<Notice> {
        let covered = self
            .bureau
            .is_some_and(|b| b.function().is_some() && b.economic().is_some());
        self.notice.filter(|_| !covered)
    }
    /// The name a file records: the bureau file's, or `builtin-<year>`.
    pub fn name(&self) -> String {
        match self.bureau {
            Some(b) => b.name().to_string(),
            None => format!("builtin-{}", self.builtin.year()),
        }
    }
    /// SHA-256 (hex) of the catalog content: the bureau file's rows, or the
    /// built-in year's (`code,name` lines, function then economic).
    pub fn sha256(&self) -> String {
        match self.bureau {
            Some(b) => b.sha256().to_string(),
            None => self.builtin.sha256().to_string(),
        }
    }
}

impl fmt::Display for InForce {
    /// `内置 2021 年科目目录` or `财政局科目表“name”（N 个科目）`, then the notice.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.bureau {
            Some(b) => write!(f, "财政局科目表“{}”（{} 个科目）", b.name(), b.rows())?,
            None => write!(f, "内置 {} 年科目目录", self.builtin.year())?,
        }
        match self.notice() {
            Some(n) => write!(f, "；{n}"),
            None => Ok(()),
        }
    }
}
