//! One component per section of the page.

pub mod audit;
pub mod charts;
pub mod checks;
pub mod department;
pub mod disclosure;
pub mod economic;
pub mod narrative_inputs;
pub mod overall;
pub mod procurement;
pub mod projects;
pub mod report;
pub mod rows;
pub mod sangong;
pub mod sheet_import;
pub mod summary;
pub mod tables;
pub mod toolbar;
pub mod unit;

/// Position of `value` in `all` (0 when absent, which cannot happen for a full list).
pub(crate) fn index_of<T: PartialEq + Copy>(all: &[T], value: T) -> usize {
    all.iter().position(|v| *v == value).unwrap_or(0)
}
