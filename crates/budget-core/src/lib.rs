//! budget-core: the domain engine of budget-form.
//!
//! Inputs (the only mutable state) → `derive` (tables, narrative) → `check`
//! (findings) → the submission file. Pure Rust: no IO, no browser, no clock
//! (the export time is passed in), so it runs the same natively, in the CLI and
//! in the wasm app.

pub mod amount;
pub mod catalog;
pub mod charts;
pub mod checks;
pub mod consolidate;
pub mod derive;
pub mod file;
pub mod finding;
mod index;
pub mod model;
pub mod narrative;
pub mod next_year;
pub mod sheet_header;
pub mod table;
pub mod template;
pub mod totals;
pub mod wan;
pub mod whole;

pub use amount::{Amount, AmountError};
pub use checks::{check, check_in, check_live, check_live_in};
pub use derive::{Derived, derive, derive_in, table6};
pub use finding::{Finding, Severity};
pub use model::Inputs;
pub use table::Table;
pub use totals::Totals;
