//! `budget-check check`: the report per file, in parallel, with a summary.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use budget_core::catalog::Choice;
use budget_core::file::{CatalogRecord, Opened, Report, explanation};
use budget_core::{Finding, Inputs};
use rayon::prelude::*;
use serde_json::{Value, json};

use crate::catalog_file;
use crate::cli::{EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE};
use crate::load::{LoadError, load_in};
use crate::summary;
use crate::text::escape;

/// One file's outcome.
pub struct Outcome<'a> {
    /// The file as given.
    pub path: &'a Path,
    /// The file opened, or why not.
    pub result: Result<Opened, LoadError>,
}

impl Outcome<'_> {
    /// A budget-form file holding values the format refuses: its IMP-002 findings.
    pub fn refused(&self) -> Option<Vec<Finding>> {
        match &self.result {
            Err(LoadError::Import(e)) => e.findings(),
            _ => None,
        }
    }
    fn counts(&self) -> Option<Report> {
        let Ok(opened) = &self.result else {
            return self.refused().map(|f| Report::new(&f, &BTreeMap::new()));
        };
        Some(Report::new(
            opened.findings(),
            &opened.inputs().explanations,
        ))
    }
    /// 0 passed, 1 error findings (or unexplained warnings when `strict`), 2 unreadable.
    pub fn exit_code(&self, strict: bool) -> u8 {
        match self.counts() {
            None => EXIT_UNREADABLE,
            Some(r) if r.errors > 0 || (strict && r.unexplained_warnings > 0) => EXIT_FINDINGS,
            Some(_) => EXIT_OK,
        }
    }
}

/// Check every file (in parallel), print the reports in argument order, then one
/// summary line per file; or, with `summary`, only the summary table. Returns
/// the largest exit code.
pub fn run(
    files: &[PathBuf],
    json: bool,
    strict: bool,
    choice: Choice<'_>,
    summary: Option<summary::Format>,
    out: &mut dyn Write,
) -> io::Result<u8> {
    let outcomes: Vec<Outcome> = files
        .par_iter()
        .map(|p| Outcome {
            path: p,
            result: load_in(p, choice),
        })
        .collect();
    let exit = outcomes
        .iter()
        .map(|o| o.exit_code(strict))
        .max()
        .unwrap_or(EXIT_OK);
    if let Some(format) = summary {
        let lines: Vec<summary::Line> = outcomes.iter().map(|o| summary::line(o, strict)).collect();
        match format {
            summary::Format::Text => {
                let table = summary::table(&lines);
                out.write_all(crate::text::table_text(&table, None).as_bytes())?;
            }
            summary::Format::Csv => {
                let table = summary::table(&lines);
                out.write_all(crate::csv::table_csv(&table, None).as_bytes())?;
            }
            summary::Format::Html(path) => {
                if let Err(e) = std::fs::write(&path, summary::html(&lines)) {
                    eprintln!("{}: 无法写入：{e}", escape(&path.display().to_string()));
                    return Ok(EXIT_UNREADABLE);
                }
                let t = summary::totals(&lines);
                writeln!(
                    out,
                    "已写入 {}：{} 个文件，{} 个通过，{} 个有错误，{} 个无法读取",
                    escape(&path.display().to_string()),
                    lines.len(),
                    t.passed,
                    t.failed,
                    t.unreadable
                )?;
            }
        }
        return Ok(exit);
    }
    if json {
        let files: Vec<Value> = outcomes
            .iter()
            .map(|o| json_outcome(o, strict, choice))
            .collect();
        let doc = json!({ "exit_code": exit, "strict": strict, "files": files });
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)?;
        return Ok(exit);
    }
    for o in &outcomes {
        human_report(o, choice, out)?;
    }
    for o in &outcomes {
        writeln!(out, "{}", summary_line(o, strict))?;
    }
    Ok(exit)
}

fn human_report(o: &Outcome, choice: Choice<'_>, out: &mut dyn Write) -> io::Result<()> {
    let path = o.path.display().to_string();
    let path = escape(&path);
    if let Some(findings) = o.refused() {
        writeln!(
            out,
            "== {path}（预算填报文件，含不符合格式的值，未按其内容审核）=="
        )?;
        for f in &findings {
            write_finding(f, &Inputs::default(), out)?;
        }
        return writeln!(out);
    }
    match &o.result {
        Err(e) => {
            writeln!(out, "== {path} ==")?;
            let message = e.message();
            writeln!(
                out,
                "  无法读取：{}",
                escape(&message).replace('\n', "\n    ")
            )?;
        }
        Ok(opened) => {
            let kind = match opened {
                Opened::Submission(i) if i.draft => {
                    format!(
                        "草稿文件，不是提交文件，保存于 {}",
                        escape(&i.stated_exported_at)
                    )
                }
                Opened::Submission(i) => {
                    format!("预算填报文件，导出于 {}", escape(&i.stated_exported_at))
                }
                Opened::Inputs { .. } => "输入数据文件".to_string(),
            };
            writeln!(out, "== {path}（{kind}）==")?;
            for line in catalog_file::lines(opened, choice) {
                writeln!(out, "  {}", escape(&line))?;
            }
            let findings = opened.findings();
            if findings.is_empty() {
                writeln!(out, "  未发现问题")?;
            }
            for f in findings {
                write_finding(f, opened.inputs(), out)?;
            }
        }
    }
    writeln!(out)
}

fn write_finding(f: &Finding, inputs: &Inputs, out: &mut dyn Write) -> io::Result<()> {
    write!(
        out,
        "  {} {}  {}",
        f.severity.label(),
        escape(&f.check),
        escape(&f.message)
    )?;
    if !f.locations.is_empty() {
        write!(out, "（位置：{}）", escape(&f.locations.join("、")))?;
    }
    writeln!(out)?;
    if let Some(text) = explanation(f, &inputs.explanations) {
        writeln!(out, "      说明：{}", escape(text))?;
    }
    Ok(())
}

fn summary_line(o: &Outcome, strict: bool) -> String {
    let path = o.path.display().to_string();
    let path = escape(&path);
    if let Some(r) = o.counts().filter(|_| o.result.is_err()) {
        return format!(
            "FAIL  {path}  {} 错误 {} 提示（含不符合格式的值）",
            r.errors, r.warnings
        );
    }
    match &o.result {
        Err(e) => {
            let message = e.message();
            let message = escape(&message);
            format!(
                "BAD   {path}  无法读取：{}",
                message
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .trim_end_matches('：')
            )
        }
        Ok(opened) => {
            let r = Report::new(opened.findings(), &opened.inputs().explanations);
            let status = if o.exit_code(strict) == EXIT_OK {
                "OK  "
            } else {
                "FAIL"
            };
            let mut line = format!("{status}  {path}  {} 错误 {} 提示", r.errors, r.warnings);
            if r.unexplained_warnings > 0 {
                line.push_str(&format!("（{} 条提示未说明）", r.unexplained_warnings));
            }
            line
        }
    }
}

fn json_outcome(o: &Outcome, strict: bool, choice: Choice<'_>) -> Value {
    let path = o.path.display().to_string();
    let exit_code = o.exit_code(strict);
    match &o.result {
        Err(e) => {
            let mut v = json!({
                "path": path,
                "exit_code": exit_code,
                "readable": false,
                "error": e.message(),
                "problems": e.problems().iter().map(|p| json!({ "path": p.path, "message": p.message })).collect::<Vec<_>>(),
            });
            if let Some(findings) = o.refused() {
                v["errors"] = json!(findings.len());
                v["findings"] = json!(findings);
            }
            v
        }
        Ok(opened) => {
            let report = Report::new(opened.findings(), &opened.inputs().explanations);
            let (kind, exported_at) = match opened {
                Opened::Submission(i) if i.draft => ("draft", Some(i.stated_exported_at.clone())),
                Opened::Submission(i) => ("submission", Some(i.stated_exported_at.clone())),
                Opened::Inputs { .. } => ("inputs", None),
            };
            let findings: Vec<Value> = opened
                .findings()
                .iter()
                .map(|f| {
                    json!({
                        "check": f.check,
                        "severity": f.severity,
                        "message": f.message,
                        "locations": f.locations,
                        "explanation": explanation(f, &opened.inputs().explanations),
                    })
                })
                .collect();
            let cats = catalog_file::in_force(opened, choice);
            json!({
                "path": path,
                "exit_code": exit_code,
                "readable": true,
                "catalog": CatalogRecord::of(&cats),
                "catalog_notice": cats.notice().map(|n| n.to_string()),
                "stated_catalog": catalog_file::stated(opened),
                "kind": kind,
                "exported_at": exported_at,
                "errors": report.errors,
                "warnings": report.warnings,
                "unexplained_warnings": report.unexplained_warnings,
                "findings": findings,
            })
        }
    }
}
