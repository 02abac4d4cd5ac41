//! One pair of catalogs per fiscal year, and the choice of a form's catalogs.

use std::fmt;
use std::sync::OnceLock;

use super::{Catalog, parse, parse_delta};

// `YEARS`: every `data/<year>/` folder, ascending (written by build.rs).
include!(concat!(env!("OUT_DIR"), "/catalogs.rs"));

const _: () = assert!(!YEARS.is_empty(), "no catalog year in data/");

/// The year of the catalogs [`super::function`] and [`super::economic`] give:
/// the one the 2021 sample and the code written before catalogs had years use.
pub const BASE_YEAR: u32 = 2021;

/// The 支出功能分类 and 部门预算支出经济分类 catalogs of one fiscal year. Each
/// is parsed on first use (a later year's from the year before and its
/// differences).
pub struct Catalogs {
    year: u32,
    /// Position in `all()`: 0 has whole catalogs, the others differences.
    index: usize,
    function_data: &'static str,
    economic_data: &'static str,
    function: OnceLock<Catalog>,
    economic: OnceLock<Catalog>,
    sha256: OnceLock<String>,
}

impl fmt::Debug for Catalogs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Catalogs")
            .field("year", &self.year)
            .finish()
    }
}

impl Catalogs {
    /// The fiscal year these catalogs are for.
    pub fn year(&self) -> u32 {
        self.year
    }
    /// The 支出功能分类 catalog of the year.
    pub fn function(&self) -> &Catalog {
        self.function
            .get_or_init(|| self.read(self.function_data, Catalogs::function))
    }
    /// The 部门预算支出经济分类 catalog of the year.
    pub fn economic(&self) -> &Catalog {
        self.economic
            .get_or_init(|| self.read(self.economic_data, Catalogs::economic))
    }
    /// SHA-256 (hex) of the year's content: a `code,name` line per entry,
    /// function then economic, in code order.
    pub fn sha256(&self) -> &str {
        self.sha256.get_or_init(|| {
            let mut text = String::new();
            for e in self
                .function()
                .entries()
                .iter()
                .chain(self.economic().entries())
            {
                text.push_str(&format!("{},{}\n", e.code, e.name));
            }
            super::bureau::sha256_hex(&text)
        })
    }
    /// One catalog of the year from its data: whole for the first year, else
    /// the same catalog (`pick`) of the year before with these differences.
    fn read(&self, data: &'static str, pick: fn(&'static Catalogs) -> &'static Catalog) -> Catalog {
        match self.index.checked_sub(1).and_then(|i| all().get(i)) {
            Some(before) => parse_delta(pick(before), data),
            None => parse(data),
        }
    }
}

/// Every year's catalogs, ascending (never empty: see the assertion above).
fn all() -> &'static [Catalogs] {
    static ALL: OnceLock<Vec<Catalogs>> = OnceLock::new();
    ALL.get_or_init(|| {
        YEARS
            .iter()
            .enumerate()
            .map(|(index, &(year, function_data, economic_data))| Catalogs {
                year,
                index,
                function_data,
                economic_data,
                function: OnceLock::new(),
                economic: OnceLock::new(),
                sha256: OnceLock::new(),
            })
            .collect()
    })
}

/// The fiscal years that have catalogs, ascending.
pub fn years() -> impl Iterator<Item = u32> {
    YEARS.iter().map(|&(year, _, _)| year)
}

/// Why a form's catalogs are not those of its own year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Notice {
    /// The form's year.
    pub requested: u32,
    /// The year of the catalogs used instead.
    pub used: u32,
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "未找到{}年的科目目录，按{}年目录核对",
            self.requested, self.used
        )
    }
}

/// The catalogs for a form of `year`: that year's, else the nearest earlier
/// year's, else (a year before every catalog) the earliest; with a [`Notice`]
/// whenever they are not the year's own.
pub fn for_year(year: u32) -> (&'static Catalogs, Option<Notice>) {
    let all = all();
    let index = all.iter().rposition(|c| c.year <= year).unwrap_or(0);
    let chosen = &all[index];
    let notice = (chosen.year != year).then_some(Notice {
        requested: year,
        used: chosen.year,
    });
    (chosen, notice)
}
