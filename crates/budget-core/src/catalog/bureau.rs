//! The finance bureau's own catalog (财政局科目表): a list of codes and names
//! a bureau issues for the year, read from a CSV text or from spreadsheet
//! rows (the XLSX reader gives them). It takes the place of the built-in
//! catalog it covers: rows whose code starts with 2 are 支出功能分类, with 3
//! 部门预算支出经济分类; a file may hold either or both.

use std::collections::BTreeMap;
use std::fmt;

use sha2::{Digest, Sha256};

use super::{Catalog, Level, normalize_code, parse};
use crate::file::ImportError;

/// At most this many rows (a full 支出功能分类 list has about 1,200).
pub const MAX_ROWS: usize = 20_000;

/// A bureau's catalog, read and checked. It lives for the rest of the program
/// (see [`Bureau::from_rows`]).
#[derive(Debug)]
pub struct Bureau {
    name: String,
    sha256: String,
    rows: usize,
    function: Option<Catalog>,
    economic: Option<Catalog>,
}

/// Why one line of a catalog file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LineProblem {
    /// No code in the first column.
    #[error("缺少科目编码")]
    NoCode,
    /// The code is not 3, 5 or 7 digits.
    #[error("科目编码“{0}”应为 3、5 或 7 位数字")]
    BadCode(String),
    /// Neither a function (2…) nor an economic (3…) code.
    #[error("科目编码“{0}”不是支出功能分类（2 开头）或部门预算支出经济分类（3 开头）科目")]
    NotExpenditure(String),
    /// An economic code of 7 digits.
    #[error("经济分类科目编码“{0}”应为 3 或 5 位")]
    EconomicItem(String),
    /// No name in the second column.
    #[error("科目“{0}”缺少名称")]
    NoName(String),
    /// The code was listed before.
    #[error("科目编码“{code}”与第 {first} 行重复")]
    Duplicate {
        /// The code.
        code: String,
        /// The line that listed it first.
        first: usize,
    },
    /// A 款 or 项 whose 类 or 款 is not in the file.
    #[error("科目“{code}”的上级科目 {parent} 不在文件中")]
    NoParent {
        /// The code.
        code: String,
        /// Its missing 类 or 款.
        parent: String,
    },
    /// A quoted field that does not end.
    #[error("引号未闭合")]
    OpenQuote,
}

/// One refused line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// 1-based line (CSV) or row (sheet) number.
    pub line: usize,
    /// Why.
    pub problem: LineProblem,
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "第 {} 行：{}", self.line, self.problem)
    }
}

/// Why a catalog file was refused as a whole.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BureauError {
    /// Not readable as text (size, encoding).
    #[error("{0}")]
    Text(ImportError),
    /// No row with a code.
    #[error("文件中没有科目（应有两列：科目编码、科目名称）")]
    Empty,
    /// More than `MAX_ROWS` rows.
    #[error("科目表超过 {MAX_ROWS} 行")]
    TooLong,
    /// Lines that could not be read; nothing of the file is used.
    #[error("科目表有 {} 行无法读取：{}", .0.len(), list(.0))]
    Lines(Vec<LineError>),
}

fn list(errors: &[LineError]) -> String {
    let shown: Vec<String> = errors.iter().take(20).map(|e| e.to_string()).collect();
    let more = errors.len().saturating_sub(shown.len());
    let mut out = shown.join("；");
    if more > 0 {
        out.push_str(&format!("；另有 {more} 行"));
    }
    out
}

/// The cells of one CSV line (RFC 4180 quoting within the line).
fn csv_fields(line: &str) -> Result<Vec<String>, LineProblem> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (false, '"') if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            (false, ',') => fields.push(std::mem::take(&mut field)),
            (_, c) => field.push(c),
        }
    }
    if quoted {
        return Err(LineProblem::OpenQuote);
    }
    fields.push(field);
    Ok(fields)
}

/// Whether a first row is a header (编码/名称 or code/name), not a code.
fn is_header(cells: &[String]) -> bool {
    cells.first().is_some_and(|c| {
        let c = c.trim();
        c.contains("编码") || c.contains("代码") || c.eq_ignore_ascii_case("code")
    })
}

impl Bureau {
    /// A catalog file's text (UTF-8, with or without BOM): one `code,name`
    /// line per row, an optional header line, further columns ignored, blank
    /// lines skipped. See [`Bureau::from_rows`].
    pub fn from_csv(name: &str, bytes: &[u8]) -> Result<&'static Bureau, BureauError> {
        let text = crate::file::decode_text(bytes).map_err(BureauError::Text)?;
        let mut rows = Vec::new();
        let mut errors = Vec::new();
        for (i, line) in text.lines().enumerate() {
            match csv_fields(line) {
                Ok(cells) => rows.push((i + 1, cells)),
                Err(problem) => errors.push(LineError {
                    line: i + 1,
                    problem,
                }),
            }
        }
        Bureau::read(name, rows, errors)
    }

    /// Rows of cells (from a sheet), each with its 1-based row or line
    /// number: code and name in the first two cells. A first row that names its columns is a header; empty
    /// rows are skipped. Codes are read as typed (`201 03 01`, full-width
    /// digits: [`normalize_code`]); the level follows the code's length; a 款
    /// or 项 needs its 类 or 款 in the file. Every bad line is reported, and a
    /// file with any is refused whole.
    ///
    /// The catalog lives for the rest of the program: every table derived
    /// from it borrows its names, as from the built-in catalogs. A program
    /// reads one per file the user loads.
    pub fn from_rows(
        name: &str,
        rows: Vec<(usize, Vec<String>)>,
    ) -> Result<&'static Bureau, BureauError> {
        Bureau::read(name, rows, Vec::new())
    }

    fn read(
        name: &str,
        rows: Vec<(usize, Vec<String>)>,
        mut errors: Vec<LineError>,
    ) -> Result<&'static Bureau, BureauError> {
        let rows: Vec<(usize, Vec<String>)> = rows
            .into_iter()
            .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
            .collect();
        let skip = usize::from(rows.first().is_some_and(|(_, c)| is_header(c)));
        if rows.len() - skip > MAX_ROWS {
            return Err(BureauError::TooLong);
        }
        // code → (line, name)
        let mut found: BTreeMap<String, (usize, String)> = BTreeMap::new();
        for (line, cells) in &rows[skip..] {
            let fail = |problem| LineError {
                line: *line,
                problem,
            };
            match row(cells) {
                Err(problem) => errors.push(fail(problem)),
                Ok((code, name)) => match found.get(&code) {
                    Some((first, _)) => errors.push(fail(LineProblem::Duplicate {
                        code,
                        first: *first,
                    })),
                    None => {
                        found.insert(code, (*line, name));
                    }
                },
            }
        }
        for (code, (line, _)) in &found {
            let parent = match code.len() {
                5 => &code[..3],
                7 => &code[..5],
                _ => continue,
            };
            if !found.contains_key(parent) {
                errors.push(LineError {
                    line: *line,
                    problem: LineProblem::NoParent {
                        code: code.clone(),
                        parent: parent.to_string(),
                    },
                });
            }
        }
        if !errors.is_empty() {
            sort_once::sort_by_key(&mut errors, |e| e.line);
            return Err(BureauError::Lines(errors));
        }
        if found.is_empty() {
            return Err(BureauError::Empty);
        }
        Ok(Bureau::build(name, found))
    }

    /// A catalog read and checked before (by [`Bureau::from_rows`] or
    /// [`Bureau::from_csv`], e.g. in the web app's worker) and kept as its
    /// normalized `[code, name]` rows, built again without checking each line:
    /// the web app's page carries no reader. The same rows give the same hash
    /// as when they were read; a row that is not a catalog line is left out
    /// of the lookups, never a panic. See [`Bureau::from_rows`] for its lifetime.
    pub fn from_checked(name: &str, rows: Vec<(String, String)>) -> &'static Bureau {
        let mut found = BTreeMap::new();
        for (line, (code, name)) in rows.into_iter().enumerate() {
            found.insert(code, (line + 1, name));
        }
        Bureau::build(name, found)
    }

    /// The catalog of checked `code → (line, name)` rows.
    fn build(name: &str, found: BTreeMap<String, (usize, String)>) -> &'static Bureau {
        let mut canonical = String::new();
        let (mut function, mut economic) = (String::new(), String::new());
        for (code, (_, name)) in &found {
            canonical.push_str(&format!("{code},{name}\n"));
            let lines = if code.starts_with('2') {
                &mut function
            } else {
                &mut economic
            };
            lines.push_str(&format!("{code},{name},v\n"));
        }
        let catalog =
            |lines: String| (!lines.is_empty()).then(|| parse(Box::leak(lines.into_boxed_str())));
        let bureau = Bureau {
            name: name.to_string(),
            sha256: sha256_hex(&canonical),
            rows: found.len(),
            function: catalog(function),
            economic: catalog(economic),
        };
        Box::leak(Box::new(bureau))
    }

    /// The file's name as loaded (e.g. `2027年支出功能分类科目.csv`).
    pub fn name(&self) -> &str {
        &self.name
    }
    /// SHA-256 (hex) of its content: every `code,name` line in code order,
    /// so the same list as CSV or XLSX, in any row order, has one hash.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }
    /// Number of codes.
    pub fn rows(&self) -> usize {
        self.rows
    }
    /// Its 支出功能分类 catalog, when it lists any.
    pub fn function(&self) -> Option<&Catalog> {
        self.function.as_ref()
    }
    /// Its 部门预算支出经济分类 catalog, when it lists any.
    pub fn economic(&self) -> Option<&Catalog> {
        self.economic.as_ref()
    }
}

/// The code and name of one row, or why not.
fn row(cells: &[String]) -> Result<(String, String), LineProblem> {
    let raw = cells.first().map(|c| c.trim()).unwrap_or("");
    if raw.is_empty() {
        return Err(LineProblem::NoCode);
    }
    let code = normalize_code(raw).ok_or_else(|| LineProblem::BadCode(raw.to_string()))?;
    match (code.as_bytes()[0], Level::of_code(&code)) {
        (b'2', _) => {}
        (b'3', Some(Level::Item)) => return Err(LineProblem::EconomicItem(code)),
        (b'3', _) => {}
        _ => return Err(LineProblem::NotExpenditure(code)),
    }
    let name = cells.get(1).map(|c| c.trim()).unwrap_or("");
    if name.is_empty() {
        return Err(LineProblem::NoName(code));
    }
    // A name is one CSV field of the embedded form: no line break.
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    Ok((code, name))
}

/// Lower-case hex SHA-256 of a text.
pub(super) fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Choice, InForce};

    fn csv(text: &str) -> Result<&'static Bureau, BureauError> {
        Bureau::from_csv("财政局.csv", text.as_bytes())
    }

    #[test]
    fn reads_codes_and_names_with_levels_and_replaces_the_function_catalog() {
        let b = csv("\u{feff}科目编码,科目名称\n201,一般公共服务支出\n201 03,政府办公厅（室）及相关机构事务\n\n２０１０３０１,\"行政运行\"\n").unwrap();
        assert_eq!(b.rows(), 3);
        assert!(b.economic().is_none());
        let f = b.function().unwrap();
        assert_eq!(f.name("2010301"), Some("行政运行"));
        assert_eq!(f.get("20103").map(|e| e.level), Some(Level::Section));
        assert!(f.get("2010301").is_some_and(|e| e.is_verified()));
        let cats = Choice::Every(b).for_year(2021);
        assert!(cats.function().get("2010302").is_none());
        // Economic codes still come from the built-in catalog.
        assert!(cats.economic().get("30101").is_some());
        assert_eq!(cats.name(), "财政局.csv");
        assert_eq!(cats.sha256(), b.sha256());
    }

    #[test]
    fn the_hash_is_of_the_content_not_the_layout() {
        let a = csv("201,一般公共服务支出\n20101,人大事务\n").unwrap();
        let b = csv("code,name,note\n20101, 人大事务 ,x\n201,一般公共服务支出\n").unwrap();
        let c = csv("201,一般公共服务支出\n20101,人大事务 \n20102,政协事务\n").unwrap();
        assert_eq!(a.sha256(), b.sha256());
        assert_ne!(a.sha256(), c.sha256());
        assert_eq!(a.sha256().len(), 64);
        let builtin = InForce::builtin(2021);
        assert_eq!(builtin.name(), "builtin-2021");
        assert_ne!(builtin.sha256(), InForce::builtin(2025).sha256());
        assert_eq!(InForce::builtin(2023).name(), "builtin-2021");
    }

    #[test]
    fn every_bad_line_is_named_with_its_reason() {
        let text = "编码,名称\n201,一般公共服务支出\n2010,四位\n20101,\n201,重复\n101,税收收入\n3010101,七位经济\n2020101,无上级\n\"301,未闭合\n";
        let Err(BureauError::Lines(errors)) = csv(text) else {
            panic!("refused");
        };
        let got: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            got,
            [
                "第 3 行：科目编码“2010”应为 3、5 或 7 位数字",
                "第 4 行：科目“20101”缺少名称",
                "第 5 行：科目编码“201”与第 2 行重复",
                "第 6 行：科目编码“101”不是支出功能分类（2 开头）或部门预算支出经济分类（3 开头）科目",
                "第 7 行：经济分类科目编码“3010101”应为 3 或 5 位",
                "第 8 行：科目“2020101”的上级科目 20201 不在文件中",
                "第 9 行：引号未闭合",
            ]
        );
        assert_eq!(
            csv(text).unwrap_err().to_string().split('：').next(),
            Some("科目表有 7 行无法读取")
        );
    }

    #[test]
    fn empty_and_unreadable_files_are_refused_whole() {
        assert_eq!(
            csv("科目编码,科目名称\n\n").unwrap_err(),
            BureauError::Empty
        );
        assert!(matches!(
            Bureau::from_csv("x.csv", &[0xB9, 0xFA, 0xBC, 0xD2]),
            Err(BureauError::Text(_))
        ));
    }

    #[test]
    fn a_checked_catalog_built_again_from_its_rows_is_the_same() {
        let read = csv("编码,名称\n201,一般公共服务支出\n20103,政府办公厅\n2010301,行政运行\n301,工资福利支出\n").unwrap();
        let rows: Vec<(String, String)> = [read.function(), read.economic()]
            .into_iter()
            .flatten()
            .flat_map(|c| c.entries())
            .map(|e| (e.code.to_string(), e.name.to_string()))
            .collect();
        let again = Bureau::from_checked(read.name(), rows);
        assert_eq!(again.name(), "财政局.csv");
        assert_eq!(again.sha256(), read.sha256());
        assert_eq!(again.rows(), 4);
        assert_eq!(again.function().unwrap().name("2010301"), Some("行政运行"));
        assert_eq!(again.economic().unwrap().name("301"), Some("工资福利支出"));
        // Rows that are no catalog line are not looked up, and nothing panics.
        let odd = Bureau::from_checked(
            "x",
            vec![("".into(), "空".into()), ("20".into(), "短".into())],
        );
        assert!(odd.function().unwrap().get("20").is_none());
    }
}
