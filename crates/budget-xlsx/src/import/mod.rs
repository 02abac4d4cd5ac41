//! Budget rows from a spreadsheet laid out like 表2, 表3, 表7 or 表8.
//!
//! Columns are found by their Chinese header text, whatever their order and
//! however many header rows (merged or not) a system writes. 类 (3-digit) and
//! 款 (5-digit) lines and 合计 are skipped, but checked against the detail lines
//! under them. Nothing is applied: the result is a preview for the clerk to confirm.
//!
//! What a sheet cannot say, and how it is filled in:
//! - 表2 has no 基本/项目 split of last year: the whole 上年预算数 of a code goes on
//!   its 基本支出 row (or on its 项目支出 row when it has no 基本支出 this year;
//!   or on a 基本支出 row of zero when it has neither). Source: 一般公共预算拨款.
//! - 表7 has no expenditure type: each source column becomes a 基本支出 row; its
//!   上年结转 column (the three funds together) becomes 上年结转（一般公共预算）.
//! - 表8 has no source: each type column becomes a row with source 一般公共预算拨款.
//! - Last-year figures exist only in 表2; rows from the other shapes have none.

mod body;
mod catalog;
mod codes;
mod grid;
mod header;
mod lines;

use budget_core::model::{BudgetRow, EconomicRow};
pub use catalog::catalog_rows;
use serde::Serialize;

pub use body::SheetProblem;
pub use lines::{SheetLine, decode_text, xlsx_lines};

/// The largest sheet file accepted (bytes).
pub const MAX_SHEET_BYTES: usize = 20 * 1024 * 1024;

/// The kind of file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetKind {
    /// An Excel 2007+ workbook.
    Xlsx,
    /// Comma- (or tab-) separated text.
    Csv,
}

/// Which published table the sheet is laid out like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetShape {
    /// 表2: 上年预算数, 小计, 基本支出, 项目支出 per function code.
    GeneralBudget,
    /// 表3: 合计, 人员经费, 公用经费 per economic code.
    Economic,
    /// 表7: 合计 and one column per income source.
    Income,
    /// 表8: 合计 and one column per expenditure type.
    Expenditure,
}

impl SheetShape {
    /// The table it matches, in Chinese.
    pub fn label(self) -> &'static str {
        match self {
            SheetShape::GeneralBudget => "表2 一般公共预算财政拨款支出预算表",
            SheetShape::Economic => "表3 一般公共预算财政拨款基本支出预算表",
            SheetShape::Income => "表7 部门收入总表",
            SheetShape::Expenditure => "表8 部门支出总表",
        }
    }
}

/// A header column the import understood.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatchedColumn {
    /// Column letter (A, B, …).
    pub column: String,
    /// The header text, levels joined with `/`.
    pub header: String,
    /// What it was read as, in Chinese.
    pub meaning: String,
}

/// What a sheet holds, ready for a preview.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SheetImport {
    /// The table shape recognised.
    pub shape: SheetShape,
    /// The worksheet read (XLSX), the first one with a recognisable header.
    pub sheet: Option<String>,
    /// The columns matched by their headers.
    pub columns: Vec<MatchedColumn>,
    /// Budget rows (表2, 表7, 表8).
    pub budget_rows: Vec<BudgetRow>,
    /// Economic rows (表3).
    pub economic_rows: Vec<EconomicRow>,
    /// Lines that could not be read, and subtotals that do not add up.
    pub problems: Vec<SheetProblem>,
    /// 类, 款 and 合计 lines recognised and left out (they are derived).
    pub skipped_subtotals: usize,
}

/// Why a sheet could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SheetImportError {
    /// Not a readable file of that kind.
    #[error("无法读取 {kind} 文件：{reason}")]
    Unreadable {
        /// XLSX or CSV.
        kind: &'static str,
        /// The reader's reason.
        reason: String,
    },
    /// Too big to be a budget sheet.
    #[error("文件有 {size} 字节，超过上限 {limit} 字节")]
    TooLarge {
        /// Size in bytes.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// Too many rows or columns.
    #[error("工作表有 {rows} 行、{cols} 列，超出预算表的合理范围")]
    TooManyCells {
        /// Rows.
        rows: usize,
        /// Columns.
        cols: usize,
    },
    /// Nothing in the file.
    #[error("文件中没有工作表或内容为空")]
    Empty,
    /// The worksheet asked for is not in the workbook.
    #[error("没有名为“{name}”的工作表。工作簿中有：{available}")]
    NoSuchSheet {
        /// The name asked for.
        name: String,
        /// The sheet names present.
        available: String,
    },
    /// No header row with a 科目编码 column in the first rows.
    #[error("找不到表头：前 15 行中没有“科目编码”“科目名称”等列名")]
    NoHeader,
    /// A column the shape needs is missing.
    #[error("缺少“{column}”列。表头中的列：{found}")]
    MissingColumn {
        /// The missing column, in Chinese.
        column: String,
        /// The header texts found.
        found: String,
    },
    /// No column holds amounts this import understands.
    #[error(
        "找不到金额列（如“基本支出”“项目支出”“上年预算数”“一般公共预算拨款收入”“人员经费”）。表头中的列：{found}"
    )]
    NoAmountColumns {
        /// The header texts found.
        found: String,
    },
}

/// Read the budget rows (or economic rows) of a 表2/表3/表7/表8-shaped sheet.
///
/// For XLSX the first worksheet with a recognisable header is read. A bad figure
/// leaves its line out and is listed with its 1-based sheet row; a missing
/// required column refuses the whole sheet.
pub fn import_rows(bytes: &[u8], kind: SheetKind) -> Result<SheetImport, SheetImportError> {
    import_rows_from(bytes, kind, None)
}

/// As [`import_rows`], from the worksheet named `sheet` when given (XLSX; a CSV
/// has one sheet and ignores it), e.g. 表8 of a workbook holding all ten tables.
pub fn import_rows_from(
    bytes: &[u8],
    kind: SheetKind,
    sheet: Option<&str>,
) -> Result<SheetImport, SheetImportError> {
    if bytes.len() > MAX_SHEET_BYTES {
        return Err(SheetImportError::TooLarge {
            size: bytes.len(),
            limit: MAX_SHEET_BYTES,
        });
    }
    let grids = match kind {
        SheetKind::Xlsx => grid::read_xlsx(bytes)?,
        SheetKind::Csv => vec![grid::read_csv(bytes)?],
    };
    if let (Some(name), SheetKind::Xlsx) = (sheet, kind) {
        let Some(g) = grids.iter().find(|g| g.name.as_deref() == Some(name)) else {
            let names: Vec<&str> = grids.iter().filter_map(|g| g.name.as_deref()).collect();
            return Err(SheetImportError::NoSuchSheet {
                name: name.to_string(),
                available: names.join("、"),
            });
        };
        let h = header::read_header(g)?;
        return Ok(body::read_body(g, &h));
    }
    let mut first_error = None;
    for g in &grids {
        if g.rows.iter().all(|r| r.iter().all(grid::Raw::is_blank)) {
            continue;
        }
        match header::read_header(g) {
            Ok(h) => return Ok(body::read_body(g, &h)),
            // A sheet without any header may be a cover page: try the next one,
            // but a sheet whose header is incomplete is the one meant.
            Err(SheetImportError::NoHeader) => {
                first_error.get_or_insert(SheetImportError::NoHeader);
            }
            Err(e) => {
                if !matches!(first_error, Some(ref f) if *f != SheetImportError::NoHeader) {
                    first_error = Some(e);
                }
            }
        }
    }
    Err(first_error.unwrap_or(SheetImportError::Empty))
}
