//! Tables in 万元 that add up (舍位平衡).
//!
//! `to_wan` turns a table's 元 figures into 万元: each figure 四舍五入 (half
//! away from zero) to `precision` decimals, then, where the rounded parts of a
//! sum no longer add up to its rounded total, figures are moved by one unit
//! (0.01 万元), as few and as little as it takes, so that every printed total
//! equals the sum of its printed parts, in both
//! directions (rows into 类/款/合计 lines, columns into 合计 columns). What is
//! summed into what is the table's own `Table::sums`.
//!
//! The method, in units of the last printed decimal (0.01 万元 = 100 元):
//!
//! - A figure that is a part of no sum (a grand total) keeps its plain
//!   rounding: it is never moved.
//! - Every other figure may print as its exact value rounded down or up (so
//!   it is never more than one unit from its plain rounding, and a figure that
//!   is exact at that precision, zero included, never moves).
//! - Each sum is a node and each movable figure joins the (at most) two sums it
//!   is a part or a total of; the tables' structures (a tree of row sums, with
//!   a 合计 column the sum of its part columns) make this a flow network, in
//!   which a rounding that balances every sum always exists when each connected
//!   set of sums has one grand total (each of 表1's and 表6's sides, each year
//!   of 表4, every other table). A column sum of a
//!   line that is itself a total of lines (a 类 or 款 line) follows from those
//!   lines' and is not a node of its own, except on the top line.
//! - Starting from plain rounding, each unit a sum is off is moved along the
//!   cheapest path of figures to a sum off the other way (or to a figure that is
//!   part of one sum only), the cost of a move being how much farther the
//!   figure gets from its exact value. Within one sum this is the
//!   largest-remainder method: the parts whose dropped fraction was largest
//!   take the +0.01 (the parts rounded up by the most take the −0.01); ties go
//!   to the earlier cell (row, then column).
//! - What cannot balance is reported (`Unbalanced`), never a panic: a declared
//!   sum that does not hold in 元 (left out of the balancing), a structure that
//!   is not a network or a figure too large to convert (the figures are then
//!   the plain rounding), or a sum no rounding within one unit balances (the
//!   figures are as far as balancing got).

mod balance;
mod parts;

pub use parts::total_and_parts;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use thiserror::Error;

use crate::amount::format_wan_fixed;
use crate::table::{Cell, Table};

/// The finest precision `to_wan` takes: 6 decimals of 万元 are 分.
pub const MAX_PRECISION: u32 = 6;

/// A table in 万元 with what 舍位平衡 changed.
#[derive(Debug, Clone, PartialEq)]
pub struct WanTable {
    /// The table: every 元 figure now `Cell::Wan` at `precision` decimals,
    /// unit `单位：万元`, and the note (the table's own, then the rounding note).
    pub table: Table,
    /// Decimals of 万元 printed.
    pub precision: u32,
    /// Every figure printed other than its plain rounding, in row order.
    pub adjusted: Vec<Adjusted>,
    /// Sums that could not be balanced (empty when every sum adds up).
    pub unbalanced: Vec<Unbalanced>,
    /// Per row and cell: `Some(whether the 元 figure was zero)` for each figure
    /// converted here.
    converted: Vec<Vec<Option<bool>>>,
}

/// One figure moved by 舍位平衡.
#[derive(Debug, Clone, PartialEq)]
pub struct Adjusted {
    /// Row index in the table.
    pub row: usize,
    /// Cell index in the row.
    pub cell: usize,
    /// The line: its code and name, or its label (`2010301 行政运行`).
    pub row_label: String,
    /// The column's header (`基本支出`).
    pub column: String,
    /// The exact figure in 元.
    pub yuan: Decimal,
    /// Plain 四舍五入 in 万元.
    pub rounded: Decimal,
    /// As printed in 万元.
    pub printed: Decimal,
}

/// Why a 万元 table does not add up somewhere.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Unbalanced {
    /// A declared sum does not hold in 元 (nothing to balance to).
    #[error("{0}：元数本身不相等，未作舍位平衡")]
    NotASum(String),
    /// A figure is in more than two sums, or the sums cannot be laid out as a
    /// flow network: balancing is not attempted.
    #[error("{0}：表内合计关系交叉，无法舍位平衡")]
    NotANetwork(String),
    /// No rounding within 0.01 (one unit) of every figure balances this sum.
    #[error("{0}：在每格调整不超过一个尾数单位的条件下无法平衡")]
    NoRounding(String),
    /// A figure too large for the conversion.
    #[error("{0}：金额过大，无法换算为万元")]
    TooLarge(String),
}

/// Errors of `to_wan` itself.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum WanError {
    /// More decimals than 分.
    #[error("万元最多保留{MAX_PRECISION}位小数，不能取{0}位")]
    Precision(u32),
}

/// The table in 万元 at `precision` decimals (2 for 0.01 万元), balanced.
/// Cells already in 万元 (`Cell::Wan`, 表10) are kept as they are.
pub fn to_wan(table: &Table, precision: u32) -> Result<WanTable, WanError> {
    if precision > MAX_PRECISION {
        return Err(WanError::Precision(precision));
    }
    let figures = Figures::of(table, precision);
    // A figure too large to convert leaves nothing sound to balance against.
    let solved = if figures.too_large.is_empty() {
        balance::solve(table, &figures)
    } else {
        balance::Solved {
            printed: figures.plain.clone(),
            unbalanced: Vec::new(),
        }
    };
    let mut out = table.clone();
    if !figures.at.is_empty() {
        out.unit = "单位：万元".to_string();
    }
    let mut adjusted = Vec::new();
    for (id, &(row, cell)) in figures.at.iter().enumerate() {
        let printed = Decimal::new(solved.printed[id], precision);
        if solved.printed[id] != figures.plain[id] {
            adjusted.push(Adjusted {
                row,
                cell,
                row_label: row_label(table, row, cell),
                column: column_label(table, row, cell),
                yuan: figures.yuan[id],
                rounded: Decimal::new(figures.plain[id], precision),
                printed,
            });
        }
        if let Some(c) = out.rows.get_mut(row).and_then(|r| r.cells.get_mut(cell)) {
            *c = Cell::Wan(printed);
        }
    }
    let mut unbalanced = figures.too_large.clone();
    unbalanced.extend(solved.unbalanced);
    if !figures.at.is_empty() {
        let note = rounding_note(precision, &adjusted);
        out.note = Some(match out.note.take() {
            Some(own) => format!("{own}\n{note}"),
            None => note,
        });
    }
    let converted = figures
        .id
        .iter()
        .map(|row| {
            row.iter()
                .map(|id| id.map(|id| figures.yuan[id].is_zero()))
                .collect()
        })
        .collect();
    Ok(WanTable {
        table: out,
        precision,
        adjusted,
        unbalanced,
        converted,
    })
}

impl WanTable {
    /// Whether every sum of the table adds up as printed.
    pub fn is_balanced(&self) -> bool {
        self.unbalanced.is_empty()
    }
    /// Whether 舍位平衡 moved this figure (to mark it on screen).
    pub fn is_adjusted(&self, row: usize, cell: usize) -> bool {
        self.adjusted_at(row, cell).is_some()
    }
    /// How 舍位平衡 moved this figure, if it did.
    pub fn adjusted_at(&self, row: usize, cell: usize) -> Option<&Adjusted> {
        self.adjusted
            .iter()
            .find(|a| a.row == row && a.cell == cell)
    }
    /// What a moved cell's mark says (its tooltip, its spreadsheet note):
    /// `舍位平衡调整：精确值 116.855 万元（1,168,550.00 元），四舍五入为
    /// 116.86，调为 116.85`.
    pub fn explain(&self, a: &Adjusted) -> String {
        let exact = (a.yuan / Decimal::from(10_000)).normalize();
        format!(
            "舍位平衡调整：精确值 {exact} 万元（{} 元），四舍五入为 {}，调为 {}",
            crate::amount::format_yuan(a.yuan),
            format_wan_fixed(a.rounded, self.precision),
            format_wan_fixed(a.printed, self.precision)
        )
    }
    /// Every declared sum that does not add up as printed (`total ≠ Σ parts`),
    /// each as `row:cell`: empty when the table balances. Read straight from
    /// the printed cells, apart from how they were found.
    pub fn sums_not_adding_up(&self) -> Vec<String> {
        let t = &self.table;
        let wan = |r: usize, c: usize| match t.rows.get(r).and_then(|row| row.cells.get(c)) {
            Some(Cell::Wan(v)) => Some(*v),
            _ => None,
        };
        let mut out = Vec::new();
        let mut check = |total: (usize, usize), parts: &mut dyn Iterator<Item = (usize, usize)>| {
            let Some(sum_total) = wan(total.0, total.1) else {
                return;
            };
            let sum: Decimal = parts.filter_map(|(r, c)| wan(r, c)).sum();
            if sum != sum_total {
                out.push(format!("{}:{}", total.0, total.1));
            }
        };
        for rs in &t.sums.rows {
            for &c in &rs.cells {
                check((rs.total, c), &mut rs.parts.iter().map(|&p| (p, c)));
            }
        }
        for cs in &t.sums.columns {
            for &r in &cs.rows {
                check((r, cs.total), &mut cs.parts.iter().map(|&p| (r, p)));
            }
        }
        out
    }
    /// A cell as printed: a figure converted here with `precision` decimals
    /// (`684.90`, `0.00` for a figure under half a unit), blank when it was
    /// zero in 元 as in the 元 tables; a figure already in 万元 (表10) with the
    /// same decimals; anything else as `Cell::display`.
    pub fn display(&self, row: usize, cell: usize) -> String {
        let converted = self
            .converted
            .get(row)
            .and_then(|r| r.get(cell))
            .copied()
            .flatten();
        match (
            self.table.rows.get(row).and_then(|r| r.cells.get(cell)),
            converted,
        ) {
            (Some(_), Some(true)) | (None, _) => String::new(),
            // Converted here, or already in 万元 (表10's 支出预算总量): the
            // same fixed decimals as every figure of a 万元 table.
            (Some(Cell::Wan(v)), Some(false) | None) => format_wan_fixed(*v, self.precision),
            (Some(c), _) => c.display(),
        }
    }
}

/// `注：本表按四舍五入取至0.01万元，并经舍位平衡调整：… 由 684.92 调为 684.91。`
fn rounding_note(precision: u32, adjusted: &[Adjusted]) -> String {
    let unit = Decimal::new(1, precision);
    let mut note = format!("注：本表按四舍五入取至{unit}万元");
    if !adjusted.is_empty() {
        let moves: Vec<String> = adjusted
            .iter()
            .map(|a| {
                let at = match (a.row_label.is_empty(), a.column.is_empty()) {
                    (false, false) => format!("{}（{}）", a.row_label, a.column),
                    (false, true) => a.row_label.clone(),
                    (true, _) => a.column.clone(),
                };
                format!(
                    "{at}由 {} 调为 {}",
                    format_wan_fixed(a.rounded, precision),
                    format_wan_fixed(a.printed, precision)
                )
            })
            .collect();
        note.push_str("，并经舍位平衡调整：");
        note.push_str(&moves.join("；"));
    }
    note.push('。');
    note
}

/// The text cells before the run of figures a cell is in: `2010301 行政运行`,
/// `合计`, or a side's label in 表1/表6.
fn row_label(table: &Table, row: usize, cell: usize) -> String {
    let Some(cells) = table.rows.get(row).map(|r| &r.cells) else {
        return String::new();
    };
    let mut start = cell.min(cells.len());
    while start > 0 && matches!(cells[start - 1], Cell::Money(_) | Cell::Wan(_)) {
        start -= 1;
    }
    let mut first = start;
    while first > 0 && matches!(cells[first - 1], Cell::Text(_) | Cell::Empty) {
        first -= 1;
    }
    let texts: Vec<&str> = cells[first..start]
        .iter()
        .filter_map(|c| match c {
            Cell::Text(t) if !t.is_empty() => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    texts.join(" ")
}

/// The header above a cell: the lowest header cell over its column, or every
/// header over it (top first) when the row has no label (表4).
fn column_label(table: &Table, row: usize, cell: usize) -> String {
    let path = header_path(table, cell);
    if row_label(table, row, cell).is_empty() {
        path.join(" ")
    } else {
        path.last().cloned().unwrap_or_default()
    }
}

/// The header texts over column `col`, top to bottom (spans resolved).
fn header_path(table: &Table, col: usize) -> Vec<String> {
    // occupied[c] = header rows still covered by a cell spanning down from above.
    let mut below: Vec<u16> = Vec::new();
    let mut path = Vec::new();
    for header_row in &table.header {
        let mut c = 0usize;
        let mut found = None;
        let mut next_below = below.clone();
        let skip = |c: &mut usize, next: &mut Vec<u16>| {
            while below.get(*c).is_some_and(|&n| n > 0) {
                if let Some(n) = next.get_mut(*c) {
                    *n -= 1;
                }
                *c += 1;
            }
        };
        for h in header_row {
            skip(&mut c, &mut next_below);
            let span = usize::from(h.colspan.max(1));
            if (c..c + span).contains(&col) {
                found = Some(h.text.clone());
            }
            if next_below.len() < c + span {
                next_below.resize(c + span, 0);
            }
            for n in &mut next_below[c..c + span] {
                *n = h.rowspan.max(1) - 1;
            }
            c += span;
        }
        skip(&mut c, &mut next_below);
        below = next_below;
        if let Some(text) = found.filter(|t| path.last() != Some(t)) {
            path.push(text);
        }
    }
    path
}

/// The table's 元 figures, each addressed by an id in row-major order.
pub(crate) struct Figures {
    /// (row, cell) of each figure.
    pub at: Vec<(usize, usize)>,
    /// Id of each (row, cell) holding a figure.
    pub id: Vec<Vec<Option<usize>>>,
    /// The exact figure in 元.
    pub yuan: Vec<Decimal>,
    /// The exact figure in units of the last printed decimal of 万元.
    pub exact: Vec<Decimal>,
    /// Plain 四舍五入, in units.
    pub plain: Vec<i64>,
    /// Rounded down / up, in units (equal when exact).
    pub low: Vec<i64>,
    pub high: Vec<i64>,
    /// Figures that could not be converted (kept at zero, reported).
    pub too_large: Vec<Unbalanced>,
}

impl Figures {
    fn of(table: &Table, precision: u32) -> Figures {
        let per_unit = Decimal::new(10_i64.pow(precision), 4);
        let mut f = Figures {
            at: Vec::new(),
            id: Vec::with_capacity(table.rows.len()),
            yuan: Vec::new(),
            exact: Vec::new(),
            plain: Vec::new(),
            low: Vec::new(),
            high: Vec::new(),
            too_large: Vec::new(),
        };
        for (r, row) in table.rows.iter().enumerate() {
            let mut ids = Vec::with_capacity(row.cells.len());
            for (c, cell) in row.cells.iter().enumerate() {
                let Cell::Money(yuan) = cell else {
                    ids.push(None);
                    continue;
                };
                let units = yuan.checked_mul(per_unit);
                let rounded = |d: Option<Decimal>| d.and_then(|d| d.to_i64());
                let plain = rounded(units.map(|u| {
                    u.round_dp_with_strategy(
                        0,
                        rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                    )
                }));
                let (exact, plain, low, high) = match (
                    units,
                    plain,
                    rounded(units.map(|u| u.floor())),
                    rounded(units.map(|u| u.ceil())),
                ) {
                    (Some(u), Some(p), Some(l), Some(h)) => (u, p, l, h),
                    _ => {
                        f.too_large.push(Unbalanced::TooLarge(format!(
                            "{}（{}）",
                            row_label(table, r, c),
                            column_label(table, r, c)
                        )));
                        (Decimal::ZERO, 0, 0, 0)
                    }
                };
                ids.push(Some(f.at.len()));
                f.at.push((r, c));
                f.yuan.push(*yuan);
                f.exact.push(exact);
                f.plain.push(plain);
                f.low.push(low);
                f.high.push(high);
            }
            f.id.push(ids);
        }
        f
    }
    /// The id of the figure at (row, cell).
    pub fn get(&self, row: usize, cell: usize) -> Option<usize> {
        *self.id.get(row)?.get(cell)?
    }
    /// The figure's place for messages: `2010301 行政运行（基本支出）`.
    pub fn describe(&self, table: &Table, id: usize) -> String {
        let Some(&(row, cell)) = self.at.get(id) else {
            return String::new();
        };
        let label = row_label(table, row, cell);
        let column = column_label(table, row, cell);
        match (label.is_empty(), column.is_empty()) {
            (false, false) => format!("{label}（{column}）"),
            (false, true) => label,
            _ => column,
        }
    }
}

#[cfg(test)]
mod tests;
