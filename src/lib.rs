//! budget-form web app: a Leptos (client-side) single-page form over `budget-core`.
//!
//! The app holds no arithmetic and no rule of its own. The only mutable state is
//! one `budget_core::Inputs` signal; totals and findings are memos over
//! `budget_core::Totals::compute` and `budget_core::check_live` on every edit.
//! The derived tables, the 情况说明, the print document, the 图表 and the
//! exported files are made by the XLSX worker (`xlsx_client`) when shown.

pub mod app;
pub mod fields;
pub mod grid;
#[cfg(feature = "test-hooks")]
pub mod hooks;
pub mod paths;
pub mod print;
pub mod sections;
pub mod state;
pub mod storage;
pub mod undo;
pub mod web;
pub mod xlsx_client;

pub use app::App;
