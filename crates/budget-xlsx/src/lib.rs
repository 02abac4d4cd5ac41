//! budget-xlsx: Excel for budget-form.
//!
//! Bytes in, bytes out: no file IO, no clock of its own, no browser API, so the
//! same code runs in the CLI and in a browser worker (wasm32).
//!
//! - [`export_xlsx`]: 情况说明, 表1–表10 and the project forms as one workbook.
//! - [`import_rows`]: budget rows (or economic rows) read from an XLSX or CSV
//!   sheet laid out like 表2, 表3, 表7 or 表8, for a preview; nothing is applied.

mod export;
mod import;
mod sheet_name;
mod width;

pub use export::{
    MAX_CELL_CHARS, MONEY_FORMAT, WAN_FORMAT, XlsxError, export_table_xlsx, export_xlsx,
};
pub use import::{
    MAX_SHEET_BYTES, SheetImport, SheetImportError, SheetKind, SheetProblem, SheetShape,
    import_rows,
};
pub use sheet_name::MAX_SHEET_NAME;
