//! Derived tables as plain data: what 表1–表10 and the project forms show.
//!
//! A `Table` knows its title, multi-row header (with merged cells) and rows of
//! typed cells; renderers (web view, terminal, CSV, print, XLSX) only lay it out.

use std::borrow::Cow;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One derived table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Table {
    /// Stable id: `table1` … `table10`, `project1` …
    pub id: String,
    /// Label above the title: `表1` … (`项目绩效目标表` for project forms).
    pub number: String,
    /// Full title, e.g. `重庆市大渡口区人民政府办公室财政拨款收支总表`.
    pub title: String,
    /// Unit line: `单位：元` (表10: `单位：万元`).
    pub unit: String,
    /// Header rows; cells may span columns and rows.
    pub header: Vec<Vec<HeaderCell>>,
    /// Body rows.
    pub rows: Vec<TableRow>,
    /// A note printed under the table (表5 when empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// What is summed into what (for 万元 tables, `crate::wan`). Filled where
    /// the table is derived; never serialized (the file format is unchanged,
    /// and a table read from a file has none).
    #[serde(skip)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub sums: Sums,
    /// A zero figure prints `0.00` rather than blank (上海's 经济分类 table).
    #[serde(default, skip_serializing_if = "is_false")]
    pub zeros_shown: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The sum structure of a table: which cells are totals of which. Cells are
/// addressed by row index and cell index within the row (`TableRow::cells`).
///
/// Every group must hold exactly in 元 (a total is the exact sum of its parts).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sums {
    /// Row groups: a total row is the sum of its part rows, column by column.
    pub rows: Vec<RowSum>,
    /// Column groups: a total cell is the sum of its part cells, row by row.
    pub columns: Vec<ColumnSum>,
}

/// `rows[total][c] = Σ rows[p][c]` for every `p` in `parts`, for every `c` in `cells`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowSum {
    /// The total row (a 合计, 类 or 款 line).
    pub total: usize,
    /// The rows it sums.
    pub parts: Vec<usize>,
    /// The cell indices where it holds.
    pub cells: Vec<usize>,
}

/// `rows[r][total] = Σ rows[r][p]` for every `p` in `parts`, for every `r` in `rows`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnSum {
    /// The total cell index (a 合计 or 小计 column).
    pub total: usize,
    /// The cell indices it sums.
    pub parts: Vec<usize>,
    /// The rows where it holds.
    pub rows: Vec<usize>,
}

/// A header cell with its span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct HeaderCell {
    /// Text.
    pub text: String,
    /// Columns spanned (≥ 1).
    pub colspan: u16,
    /// Rows spanned (≥ 1).
    pub rowspan: u16,
}

impl HeaderCell {
    /// A 1×1 header cell.
    pub fn new(text: impl Into<String>) -> Self {
        HeaderCell {
            text: text.into(),
            colspan: 1,
            rowspan: 1,
        }
    }
    /// A header cell spanning `colspan` columns and `rowspan` rows.
    pub fn span(text: impl Into<String>, colspan: u16, rowspan: u16) -> Self {
        HeaderCell {
            text: text.into(),
            colspan,
            rowspan,
        }
    }
}

/// What kind of line a row is (drives bold/indent in views).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// 合计 / 总计 line.
    Total,
    /// A section heading line (一、本年收入 …) or a 类 subtotal.
    Group,
    /// A 款 subtotal.
    Subgroup,
    /// A detail line (项, economic 款, indicator …).
    Detail,
}

/// One body row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TableRow {
    /// Kind of line.
    pub kind: RowKind,
    /// Cells, one per column (a cell may span columns, see `Cell::Span`).
    pub cells: Vec<Cell>,
}

/// Text of a cell: catalog codes and names and fixed labels are borrowed
/// (`'static`), so a 10,000-row form's tables allocate no string for them;
/// anything else is owned. Serialized as a plain string.
pub type CellText = Cow<'static, str>;

/// A table cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Cell {
    /// Text (codes, names, labels).
    Text(CellText),
    /// An amount in 元 (printed with 千分位 and 2 decimals; zero prints blank).
    Money(#[cfg_attr(feature = "schema", schemars(with = "String"))] Decimal),
    /// An amount already in 万元 (printed without grouping, trailing zeros dropped).
    Wan(#[cfg_attr(feature = "schema", schemars(with = "String"))] Decimal),
    /// Text spanning several columns (long texts in 表10 and project forms).
    Span {
        /// Text.
        text: CellText,
        /// Columns spanned.
        colspan: u16,
    },
    /// Nothing.
    Empty,
}

impl Cell {
    /// A text cell.
    pub fn text(s: impl Into<CellText>) -> Self {
        Cell::Text(s.into())
    }
    /// The cell as printed in the published tables (zero money is blank).
    pub fn display(&self) -> String {
        match self {
            Cell::Text(s) | Cell::Span { text: s, .. } => s.to_string(),
            Cell::Money(v) if v.is_zero() => String::new(),
            Cell::Money(v) => crate::amount::format_yuan(*v),
            Cell::Wan(v) => crate::amount::format_wan_value(*v),
            Cell::Empty => String::new(),
        }
    }
    /// The amount, if the cell holds one.
    pub fn money(&self) -> Option<Decimal> {
        match self {
            Cell::Money(v) | Cell::Wan(v) => Some(*v),
            _ => None,
        }
    }
}

impl Table {
    /// A cell as this table prints it ([`Cell::display`], except that a zero
    /// figure is `0.00` where the table shows zeros).
    pub fn show(&self, cell: &Cell) -> String {
        match cell {
            Cell::Money(v) if self.zeros_shown && v.is_zero() => crate::amount::format_yuan(*v),
            c => c.display(),
        }
    }
    /// Number of columns (from the widest body row).
    pub fn columns(&self) -> usize {
        self.rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| {
                        if let Cell::Span { colspan, .. } = c {
                            *colspan as usize
                        } else {
                            1
                        }
                    })
                    .sum()
            })
            .max()
            .unwrap_or(0)
    }
    /// The first row whose first cell is `code` (a code or a label).
    pub fn row(&self, code: &str) -> Option<&TableRow> {
        self.rows
            .iter()
            .find(|r| matches!(r.cells.first(), Some(Cell::Text(t)) if t == code))
    }
}
