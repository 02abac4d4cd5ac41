//! budget-xlsx: Excel for budget-form.
//!
//! Bytes in, bytes out: no file IO and no browser API, so the same code runs in
//! the CLI and in a browser worker (wasm32). The only clock read is
//! rust_xlsxwriter's, for the workbook's creation date (through js-sys in the
//! browser: its `wasm` feature is enabled for wasm32 in Cargo.toml).
//!
//! - [`export_xlsx`]: 情况说明, 表1–表10 and the project forms as one workbook.
//! - [`import_rows`]: budget rows (or economic rows) read from an XLSX or CSV
//!   sheet laid out like 表2, 表3, 表7 or 表8, for a preview; nothing is applied.
//! - [`catalog_rows`]: a bureau's catalog sheet (code, name) as rows of text.
//! - [`xlsx_lines`]: every row of a workbook as a line of text (a published
//!   disclosure's XLSX attachment, read like its printed text by the audit).

mod export;
mod import;
mod sheet_name;
mod width;

pub use export::{
    MAX_CELL_CHARS, MONEY_FORMAT, Unit, WAN_FORMAT, WAN_PRECISION, XlsxError, export_table_xlsx,
    export_table_xlsx_in, export_xlsx, export_xlsx_in,
};
pub use import::{
    MAX_SHEET_BYTES, SheetImport, SheetImportError, SheetKind, SheetLine, SheetProblem, SheetShape,
    catalog_rows, decode_text, import_rows, import_rows_from, xlsx_lines,
};
pub use sheet_name::MAX_SHEET_NAME;
