//! budget-form web app: a Leptos (client-side) single-page form over `budget-core`.
//!
//! The app holds no arithmetic and no rule of its own. The only mutable state is
//! one `budget_core::Inputs` signal; tables, totals and findings are memos over
//! `budget_core::derive` and `budget_core::check`, and every view reads them.

pub mod app;
pub mod fields;
pub mod grid;
pub mod paths;
pub mod print;
pub mod sections;
pub mod state;
pub mod storage;
pub mod web;
pub mod xlsx_client;

pub use app::App;
