//! One pair of catalogs per fiscal year, and the choice of a form's catalogs.

use std::fmt;
use std::sync::OnceLock;

use super::{Catalog, parse, parse_delta};

// `YEARS` (with the `embedded-catalogs` feature): every `data/<year>/`
// folder, ascending; `MAPPINGS` (written by build.rs).
include!(concat!(env!("OUT_DIR"), "/catalogs.rs"));

#[cfg(feature = "embedded-catalogs")]
const _: () = assert!(!YEARS.is_empty(), "no catalog year in data/");

/// Every year's catalogs as one text (`@<year> function`, its lines,
/// `@<year> economic`, its lines, …): what the page fetches and [`install`]s,
/// as build.rs wrote it.
pub const BUNDLE: &str = include_str!(concat!(env!("OUT_DIR"), "/catalogs.txt"));

/// Why a catalog text could not be installed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BundleError {
    /// No year in it.
    #[error("科目目录文件是空的")]
    Empty,
    /// A line that should open a part does not, or parts out of order.
    #[error("科目目录文件第{line}行格式不对：应为“@年度 function”或“@年度 economic”，依年度排列")]
    Part {
        /// 1-based line number.
        line: usize,
    },
}

/// (year, function data, economic data) of each year in a bundle, ascending.
pub fn parse_bundle(text: &str) -> Result<Vec<(u32, String, String)>, BundleError> {
    let mut years: Vec<(u32, String, String)> = Vec::new();
    // The part being read: (year, is it the economic one).
    let mut part: Option<(u32, bool)> = None;
    for (i, line) in text.lines().enumerate() {
        if let Some(head) = line.strip_prefix('@') {
            let bad = BundleError::Part { line: i + 1 };
            let (year, name) = head.split_once(' ').ok_or(bad.clone())?;
            let year: u32 = year.parse().map_err(|_| bad.clone())?;
            part = match (name, part) {
                // A year opens with its function part, after the year before's economic one.
                ("function", None) => Some((year, false)),
                ("function", Some((before, true))) if year > before => Some((year, false)),
                ("economic", Some((same, false))) if same == year => Some((year, true)),
                _ => return Err(bad),
            };
            if name == "function" {
                years.push((year, String::new(), String::new()));
            }
            continue;
        }
        let (Some((_, economic)), Some(last)) = (part, years.last_mut()) else {
            return Err(BundleError::Part { line: i + 1 });
        };
        let data = if economic { &mut last.2 } else { &mut last.1 };
        data.push_str(line);
        data.push('\n');
    }
    match part {
        None => Err(BundleError::Empty),
        Some((_, false)) => Err(BundleError::Part {
            line: text.lines().count() + 1,
        }),
        Some(_) => Ok(years),
    }
}

/// The catalogs the page fetched (web/catalogs.txt), installed once at start.
#[cfg(not(feature = "embedded-catalogs"))]
static INSTALLED: OnceLock<Vec<(u32, &'static str, &'static str)>> = OnceLock::new();

/// Install the catalogs from their text ([`BUNDLE`], fetched by the page,
/// which does not carry them in its wasm). Call once, before anything reads
/// a catalog; a second call changes nothing. With the `embedded-catalogs`
/// feature the catalogs are built in and the text is only checked.
pub fn install(text: &str) -> Result<(), BundleError> {
    let years = parse_bundle(text)?;
    #[cfg(not(feature = "embedded-catalogs"))]
    {
        // Kept for the page's lifetime, as embedded data would be.
        let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
        let _ = INSTALLED.set(
            years
                .into_iter()
                .map(|(year, f, e)| (year, leak(f), leak(e)))
                .collect(),
        );
    }
    #[cfg(feature = "embedded-catalogs")]
    let _ = years;
    Ok(())
}

/// (year, function data, economic data) of every year, ascending: built in,
/// or installed (empty before [`install`]).
#[cfg(feature = "embedded-catalogs")]
fn data() -> &'static [(u32, &'static str, &'static str)] {
    YEARS
}
#[cfg(not(feature = "embedded-catalogs"))]
fn data() -> &'static [(u32, &'static str, &'static str)] {
    INSTALLED.get().map_or(&[], Vec::as_slice)
}

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

/// Every year's catalogs, ascending; empty only before [`install`] in the
/// page (which installs them before it shows anything).
fn all() -> &'static [Catalogs] {
    static ALL: OnceLock<Vec<Catalogs>> = OnceLock::new();
    let data = data();
    if data.is_empty() {
        return &[];
    }
    ALL.get_or_init(|| {
        data.iter()
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
    data().iter().map(|&(year, _, _)| year)
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
    // Before any catalog is installed: empty ones, so nothing panics.
    static NONE: Catalogs = Catalogs {
        year: BASE_YEAR,
        index: 0,
        function_data: "",
        economic_data: "",
        function: OnceLock::new(),
        economic: OnceLock::new(),
        sha256: OnceLock::new(),
    };
    let all = all();
    let index = all.iter().rposition(|c| c.year <= year).unwrap_or(0);
    let Some(chosen) = all.get(index) else {
        return (&NONE, None);
    };
    let notice = (chosen.year != year).then_some(Notice {
        requested: year,
        used: chosen.year,
    });
    (chosen, notice)
}
