//! `--catalog FILE`: the finance bureau's own catalog (财政局科目表), CSV or
//! XLSX, used instead of the built-in catalog it covers for every file.

use std::fs;
use std::path::Path;

use budget_core::catalog::{Bureau, Choice, InForce};
use budget_core::file::{CatalogRecord, Opened};
use budget_xlsx::SheetKind;

use crate::cli::EXIT_UNREADABLE;
use crate::text::escape;

/// The catalogs to use: the bureau's file when given, else the built-in ones
/// of each file's year. An unreadable catalog file is reported on stderr and
/// gives the exit code.
pub fn choice(path: Option<&Path>) -> Result<Choice<'static>, u8> {
    let Some(path) = path else {
        return Ok(Choice::Builtin);
    };
    read(path).map(Choice::Every).map_err(|message| {
        eprintln!(
            "科目表 {} 无法使用：{}",
            escape(&path.display().to_string()),
            escape(&message)
        );
        EXIT_UNREADABLE
    })
}

/// Read a catalog file: `.xlsx` as a workbook (first sheet with content),
/// anything else as CSV (UTF-8, UTF-16 or GBK).
fn read(path: &Path) -> Result<&'static Bureau, String> {
    let bytes = fs::read(path).map_err(|e| format!("无法读取文件：{e}"))?;
    let xlsx = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let kind = if xlsx {
        SheetKind::Xlsx
    } else {
        SheetKind::Csv
    };
    let rows = budget_xlsx::catalog_rows(&bytes, kind).map_err(|e| e.to_string())?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Bureau::from_rows(&name, rows).map_err(|e| e.to_string())
}

/// What a report says of the catalogs of one opened file: the catalogs in
/// force when they are a bureau's or not the form's year's own, and the
/// catalog the file records when it is another. Empty when neither.
pub fn lines(opened: &Opened, choice: Choice<'_>) -> Vec<String> {
    let cats = choice.for_year(opened.inputs().unit.fiscal_year);
    let mut out = Vec::new();
    if cats.bureau().is_some() || cats.notice().is_some() {
        out.push(format!("科目表：{cats}"));
    }
    if let Some(stated) = stated(opened)
        && *stated != CatalogRecord::of(&cats)
    {
        out.push(format!(
            "文件记录的科目表为“{}”（SHA-256 {}…），与本次核对所用的不同",
            stated.name,
            stated.sha256.get(..12).unwrap_or(&stated.sha256)
        ));
    }
    out
}

/// The catalog record a file carries, if any.
pub fn stated(opened: &Opened) -> Option<&CatalogRecord> {
    match opened {
        Opened::Submission(i) => i.catalog.as_ref(),
        Opened::Inputs { .. } => None,
    }
}

/// The record of the catalogs in force for an opened file.
pub fn in_force(opened: &Opened, choice: Choice<'_>) -> InForce {
    choice.for_year(opened.inputs().unit.fiscal_year)
}
