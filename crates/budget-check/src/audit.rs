//! `budget-check audit`: audit published disclosures (text, or a PDF through
//! poppler's `pdftotext -layout`), in parallel, one summary line per file.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use budget_audit::{Report, audit};
use rayon::prelude::*;
use serde_json::{Value, json};

use crate::cli::{EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE};
use crate::text::escape;

/// One file's outcome: the report, or why it could not be audited.
struct Outcome<'a> {
    path: &'a Path,
    result: Result<Report, String>,
}

impl Outcome<'_> {
    fn exit_code(&self) -> u8 {
        match &self.result {
            Err(_) => EXIT_UNREADABLE,
            Ok(r) if r.has_errors() => EXIT_FINDINGS,
            Ok(_) => EXIT_OK,
        }
    }
}

/// Audit every file, print the reports in argument order, then one summary
/// line per file. Returns the largest exit code.
pub fn run(files: &[PathBuf], json: bool, out: &mut dyn Write) -> io::Result<u8> {
    let outcomes: Vec<Outcome> = files
        .par_iter()
        .map(|p| Outcome {
            path: p,
            result: read_text(p).and_then(|t| audit(&t).map_err(|e| e.to_string())),
        })
        .collect();
    let exit = outcomes
        .iter()
        .map(Outcome::exit_code)
        .max()
        .unwrap_or(EXIT_OK);
    if json {
        let files: Vec<Value> = outcomes.iter().map(json_outcome).collect();
        serde_json::to_writer_pretty(&mut *out, &json!({ "exit_code": exit, "files": files }))?;
        writeln!(out)?;
        return Ok(exit);
    }
    for o in &outcomes {
        let path = o.path.display().to_string();
        writeln!(out, "== {} ==", escape(&path))?;
        match &o.result {
            Err(e) => writeln!(out, "  无法核对：{}", escape(e))?,
            Ok(r) => {
                writeln!(out, "  找到 {} 张表", r.tables.len())?;
                if r.findings.is_empty() {
                    writeln!(out, "  未发现问题")?;
                }
                for f in &r.findings {
                    writeln!(
                        out,
                        "  {} {} 第{}行  {}",
                        f.severity.label(),
                        f.id,
                        f.line,
                        escape(&f.message)
                    )?;
                }
            }
        }
        writeln!(out)?;
    }
    for o in &outcomes {
        writeln!(out, "{}", summary_line(o))?;
    }
    Ok(exit)
}

fn summary_line(o: &Outcome) -> String {
    let path = o.path.display().to_string();
    let path = escape(&path);
    match &o.result {
        Err(e) => format!("BAD   {path}  无法核对：{}", escape(e)),
        Ok(r) => {
            let errors = r
                .findings
                .iter()
                .filter(|f| f.severity == budget_core::Severity::Error)
                .count();
            let status = if o.exit_code() == EXIT_OK {
                "OK  "
            } else {
                "FAIL"
            };
            format!(
                "{status}  {path}  {} 张表  {errors} 错误 {} 提示",
                r.tables.len(),
                r.findings.len() - errors
            )
        }
    }
}

fn json_outcome(o: &Outcome) -> Value {
    let path = o.path.display().to_string();
    match &o.result {
        Err(e) => {
            json!({ "path": path, "exit_code": o.exit_code(), "readable": false, "error": e })
        }
        Ok(r) => json!({
            "path": path,
            "exit_code": o.exit_code(),
            "readable": true,
            "tables": r.tables,
            "findings": r.findings,
        }),
    }
}

/// The document's text: a text file as UTF-8, a PDF through `pdftotext -layout`.
fn read_text(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("无法读取文件：{e}"))?;
    if bytes.starts_with(b"%PDF") {
        return pdf_text(path);
    }
    let text = String::from_utf8(bytes).map_err(|_| "不是 UTF-8 文本，也不是 PDF".to_string())?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}

fn pdf_text(path: &Path) -> Result<String, String> {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg("-enc")
        .arg("UTF-8")
        .arg(path)
        .arg("-")
        .output()
        .map_err(|e| {
            if e.kind() == io::ErrorKind::NotFound {
                "这是 PDF 文件，需要 poppler 的 pdftotext 才能读取，但本机没有安装（如 apt-get install poppler-utils），也可以先把 PDF 转成文本再核对".to_string()
            } else {
                format!("无法运行 pdftotext：{e}")
            }
        })?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(
            if err.contains("Incorrect password") || err.contains("encrypt") {
                "PDF 已加密，无法提取文字".to_string()
            } else {
                format!(
                    "PDF 已损坏或无法读取：{}",
                    err.lines().next().unwrap_or_default()
                )
            },
        );
    }
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    if text.chars().all(|c| c.is_whitespace() || c == '\u{c}') {
        return Err("PDF 没有文字层（可能是扫描件），需要先做文字识别（OCR）".to_string());
    }
    Ok(text)
}
