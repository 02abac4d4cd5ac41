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
    /// For a PDF, the page of each line (1-based, index = line − 1).
    pages: Option<Vec<usize>>,
}

impl Outcome<'_> {
    /// `第3页第120行` for a PDF, `第120行` for a text.
    fn place(&self, line: usize) -> String {
        match self.page(line) {
            Some(p) => format!("第{p}页第{line}行"),
            None => format!("第{line}行"),
        }
    }

    fn page(&self, line: usize) -> Option<usize> {
        self.pages
            .as_ref()
            .and_then(|p| p.get(line.checked_sub(1)?).copied())
    }
}

/// The page of each line of `pdftotext` output: a form feed starts a page.
fn pages(text: &str) -> Vec<usize> {
    let mut page = 1;
    text.lines()
        .map(|l| {
            page += l.matches('\u{c}').count();
            page
        })
        .collect()
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
        .map(|p| match read_text(p) {
            Ok((text, pdf)) => Outcome {
                path: p,
                result: audit(&text).map_err(|e| e.to_string()),
                pages: pdf.then(|| pages(&text)),
            },
            Err(e) => Outcome {
                path: p,
                result: Err(e),
                pages: None,
            },
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
                        "  {} {} {}  {}",
                        f.severity.label(),
                        f.id,
                        o.place(f.line),
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
            "findings": r.findings.iter().map(|f| {
                let mut v = serde_json::to_value(f).unwrap_or(Value::Null);
                if let (Some(page), Some(obj)) = (o.page(f.line), v.as_object_mut()) {
                    obj.insert("page".into(), json!(page));
                }
                v
            }).collect::<Vec<_>>(),
        }),
    }
}

/// The document's text and whether it came from a PDF: a text file as UTF-8
/// (or UTF-16 with its BOM, or GBK), a PDF through `pdftotext -layout`, an
/// XLSX attachment of the tables as one line per row (cells tab-separated).
fn read_text(path: &Path) -> Result<(String, bool), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("无法读取文件：{e}"))?;
    if bytes.starts_with(b"%PDF") {
        return pdf_text(path).map(|t| (t, true));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        let lines = budget_xlsx::xlsx_lines(&bytes).map_err(|e| e.to_string())?;
        let text: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        return Ok((text.join("\n"), false));
    }
    decode(&bytes).map(|t| (t, false))
}

fn decode(bytes: &[u8]) -> Result<String, String> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        return if had_errors {
            Err(format!("{} 文本中有无法解码的字节", enc.name()))
        } else {
            Ok(text.into_owned())
        };
    }
    if bytes.contains(&0) {
        return Err("不是文本文件，也不是 PDF".to_string());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    encoding_rs::GBK
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| t.into_owned())
        .ok_or_else(|| "既不是 UTF-8 也不是 GBK 文本，也不是 PDF".to_string())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_feed_starts_the_next_page() {
        assert_eq!(pages("a\nb\n\u{c}c\nd\n\u{c}\u{c}e"), vec![1, 1, 2, 2, 4]);
    }

    #[test]
    fn text_is_read_as_utf8_utf16_or_gbk() {
        let text = "部门收支总表\n收入总计 1.00";
        assert_eq!(decode(text.as_bytes()).unwrap(), text);
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(decode(&gbk).unwrap(), text);
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&utf16).unwrap(), text);
        assert!(decode(b"\x00\x01\x02binary").is_err());
    }
}
