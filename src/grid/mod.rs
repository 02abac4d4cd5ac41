//! A spreadsheet grid over one list of rows in the inputs (预算明细, 经济分类,
//! 绩效指标): keyboard, rectangle selection with a status line, TSV copy and
//! paste (a block with its header matched by header: `sheet.rs`), undo/redo
//! as diffs, row commands, a catalog code picker, a blank row below the last
//! to type or paste into, and virtualized rendering for 10,000 rows.
//!
//! Every cell is an `<input>` (or a `<select>` for fixed labels) whose id is
//! `paths::path_id` of its JSON path, so findings still lead to their cell. The
//! grid holds no arithmetic: totals come from the core's `Totals`, and the
//! selection sum from `budget_core::amount::sum` (see `select`).
//!
//! The component is `view.rs` (layout, events of the scroll box); the
//! controller `controller.rs` (selection, active cell, commands) with its keys
//! (`keys.rs`) and clipboard (`clipboard.rs`); the virtualized body `body.rs`;
//! one component per cell kind under `cells/`. Rows are reached through a
//! `dyn Model` (`model.rs`): the view is compiled once for every row type.

mod body;
mod cells;
mod clipboard;
pub mod column;
mod controller;
mod dom;
pub mod edit;
pub mod history;
mod keys;
mod legacy;
mod model;
pub mod reveal;
pub mod select;
mod sheet;
mod spec;
pub mod tsv;
mod view;

pub use legacy::move_between_rows;
pub use spec::{GridSpec, Row, Rows};
pub use view::Grid;
