//! What makes one grid: where its rows live in the inputs, its names, and its
//! columns. A grid is either over a top-level list (`rows`) or over a list
//! inside the item of another list (`projects[2].indicators`).

use budget_core::catalog::InForce;
use budget_core::{Inputs, Totals};

use super::column::Column;

/// A row type a grid can hold.
pub trait Row: Clone + Default + PartialEq + Send + Sync + 'static {}
impl<T: Clone + Default + PartialEq + Send + Sync + 'static> Row for T {}

/// The text of a totals row per column, from the core's derived totals.
pub type TotalsRow = fn(&Totals) -> Vec<Option<String>>;

/// Where the rows of a grid live in the inputs.
pub enum Rows<T: 'static> {
    /// A list always present (`rows`, `economic_rows`).
    List(fn(&Inputs) -> &Vec<T>, fn(&mut Inputs) -> &mut Vec<T>),
    /// The list of item `index` of another list (`projects[index].indicators`);
    /// the accessors return `None` once that item is gone.
    Nested {
        /// Index of the outer item.
        index: usize,
        /// The rows of outer item `index`.
        get: fn(&Inputs, usize) -> Option<&Vec<T>>,
        /// The same, mutably.
        get_mut: fn(&mut Inputs, usize) -> Option<&mut Vec<T>>,
    },
}

impl<T> Rows<T> {
    /// The rows; empty when the outer item is gone.
    pub fn get<'a>(&self, i: &'a Inputs) -> &'a [T] {
        match self {
            Rows::List(get, _) => get(i),
            Rows::Nested { index, get, .. } => get(i, *index).map_or(&[], Vec::as_slice),
        }
    }
    /// The rows, mutably; `None` when the outer item is gone.
    pub fn get_mut<'a>(&self, i: &'a mut Inputs) -> Option<&'a mut Vec<T>> {
        match self {
            Rows::List(_, get_mut) => Some(get_mut(i)),
            Rows::Nested { index, get_mut, .. } => get_mut(i, *index),
        }
    }
}

/// Everything that makes one grid: where its rows live and what its columns are.
pub struct GridSpec<T: 'static> {
    /// JSON path of the list (`rows`, `overall_performance.indicators`,
    /// `projects[2].indicators`).
    pub path: String,
    /// DOM id suffix of the grid (`rows` → `grid-rows`).
    pub id: String,
    /// Accessible name of the grid.
    pub label: String,
    /// Word before 第n行 in row labels (`经济分类`), may be empty.
    pub noun: String,
    /// The columns.
    pub columns: Vec<Column<T>>,
    /// Leading data columns frozen while scrolling sideways.
    pub frozen: usize,
    /// The rows in the inputs.
    pub rows: Rows<T>,
    /// What a row is, for accessible names (`2010301 行政运行 一般公共预算 基本支出`,
    /// named from the catalogs in force); `None` falls back to 第n行.
    pub describe: fn(&T, &InForce) -> Option<String>,
    /// Text of the totals row per column, from the core's derived totals; `None`
    /// for a grid without a totals row.
    pub totals: Option<TotalsRow>,
    /// Key for 按编码排序, if the grid has codes.
    pub sort_key: Option<fn(&T) -> String>,
    /// Text of the add-a-row button.
    pub add_label: &'static str,
}
