//! `budget-check export --xlsx` and `budget-check import-sheet`: the workbook of
//! the tables, and the preview of rows read from another system's sheet.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use budget_core::amount::format_yuan;
use budget_xlsx::{
    MAX_SHEET_BYTES, SheetImport, SheetKind, Unit, export_xlsx_in, import_rows_from,
};

use crate::cli::{EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE};
use crate::load::load;

/// Write the tables and narrative of `file` to `xlsx` as one workbook, the
/// tables in 万元 (舍位平衡) when `wan`.
pub fn export(file: &Path, xlsx: &Path, wan: bool, out: &mut dyn Write) -> io::Result<u8> {
    let opened = match load(file) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{}: {}", file.display(), e.message());
            return Ok(EXIT_UNREADABLE);
        }
    };
    crate::text::warn_if_errors(file, &opened);
    let derived = opened.derived();
    let unit = if wan { Unit::Wan } else { Unit::Yuan };
    let bytes = match export_xlsx_in(opened.inputs(), derived, unit) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{}: {e}", file.display());
            return Ok(EXIT_UNREADABLE);
        }
    };
    if let Err(e) = fs::write(xlsx, &bytes) {
        eprintln!("{}: 无法写入：{e}", xlsx.display());
        return Ok(EXIT_UNREADABLE);
    }
    writeln!(
        out,
        "已写入 {}：情况说明、{} 张报表、{} 张项目绩效目标表",
        xlsx.display(),
        derived.tables.len(),
        derived.project_tables.len()
    )?;
    Ok(EXIT_OK)
}

/// XLSX by its extension or its zip signature; anything else is read as CSV.
fn kind_of(path: &Path, bytes: &[u8]) -> SheetKind {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("xlsx" | "xlsm") => SheetKind::Xlsx,
        Some("csv" | "txt" | "tsv") => SheetKind::Csv,
        _ if bytes.starts_with(b"PK\x03\x04") => SheetKind::Xlsx,
        _ => SheetKind::Csv,
    }
}

/// Print what `sheet` would import. Exit 0 when every line was read, 1 when
/// there are problems, 2 when the sheet cannot be used at all.
pub fn import_sheet(
    sheet: &Path,
    sheet_name: Option<&str>,
    json: bool,
    out: &mut dyn Write,
) -> io::Result<u8> {
    let size = fs::metadata(sheet).map(|m| m.len()).unwrap_or(0);
    if size > MAX_SHEET_BYTES as u64 {
        eprintln!(
            "{}: 文件有 {size} 字节，超过上限 {MAX_SHEET_BYTES} 字节",
            sheet.display()
        );
        return Ok(EXIT_UNREADABLE);
    }
    let bytes = match fs::read(sheet) {
        Ok(b) => b,
        Err(e) => {
            let m = match e.kind() {
                io::ErrorKind::NotFound => "文件不存在".to_string(),
                _ => format!("无法读取文件：{e}"),
            };
            eprintln!("{}: {m}", sheet.display());
            return Ok(EXIT_UNREADABLE);
        }
    };
    let imported = match import_rows_from(&bytes, kind_of(sheet, &bytes), sheet_name) {
        Ok(i) => i,
        Err(e) => {
            if json {
                let v = serde_json::json!({ "error": e.to_string() });
                writeln!(out, "{v}")?;
            } else {
                eprintln!("{}: {e}", sheet.display());
            }
            return Ok(EXIT_UNREADABLE);
        }
    };
    if json {
        let text = serde_json::to_string_pretty(&imported).map_err(io::Error::other)?;
        writeln!(out, "{text}")?;
    } else {
        write_preview(&imported, out)?;
    }
    Ok(if imported.problems.is_empty() {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    })
}

fn write_preview(i: &SheetImport, out: &mut dyn Write) -> io::Result<()> {
    match &i.sheet {
        Some(s) => writeln!(out, "表格形状：{}（工作表“{s}”）", i.shape.label())?,
        None => writeln!(out, "表格形状：{}", i.shape.label())?,
    }
    writeln!(out, "识别的列：")?;
    for c in &i.columns {
        writeln!(out, "  {} 列 {} → {}", c.column, c.header, c.meaning)?;
    }
    if !i.budget_rows.is_empty() {
        writeln!(out, "预算明细 {} 行：", i.budget_rows.len())?;
        for r in &i.budget_rows {
            let name = budget_core::catalog::function().name(&r.code).unwrap_or("");
            write!(
                out,
                "  {} {}  {}  {}  本年 {}",
                r.code,
                name,
                r.source.label(),
                r.kind.label(),
                format_yuan(r.this_year.value())
            )?;
            if !r.last_year.is_zero() {
                write!(out, "  上年 {}", format_yuan(r.last_year.value()))?;
            }
            writeln!(out)?;
        }
    }
    if !i.economic_rows.is_empty() {
        writeln!(out, "基本支出经济分类 {} 行：", i.economic_rows.len())?;
        for r in &i.economic_rows {
            let name = budget_core::catalog::economic().name(&r.code).unwrap_or("");
            writeln!(
                out,
                "  {} {}  {}",
                r.code,
                name,
                format_yuan(r.amount.value())
            )?;
        }
    }
    if i.budget_rows.is_empty() && i.economic_rows.is_empty() {
        writeln!(out, "没有可导入的明细行。")?;
    }
    writeln!(
        out,
        "已跳过类、款与合计行 {} 行（由明细计算，不导入）。",
        i.skipped_subtotals
    )?;
    if i.problems.is_empty() {
        writeln!(out, "没有问题。")?;
    } else {
        writeln!(out, "问题 {} 个：", i.problems.len())?;
        for p in &i.problems {
            writeln!(out, "  第 {} 行：{}", p.row, p.message)?;
        }
    }
    Ok(())
}
