//! `budget-check next-year FILE --year N [-o OUT.json]`: next year's form from
//! last year's file (budget_core::next_year), written as a draft file (本年 is
//! blank, so the form has errors until the clerk fills it in), with the codes
//! that could not be carried listed.

use std::io::{self, Write};
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use budget_core::catalog::Choice;
use budget_core::file::{ExportError, export_draft_in, export_in};
use budget_core::next_year::next_year_in;

use crate::cli::{EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE};
use crate::load::load;
use crate::text::escape;

/// Write next year's form of `file`: to `output`, else to stdout (the report
/// then goes to stderr). Exit 0, or 1 when some code could not be carried.
pub fn run(
    file: &Path,
    year: i32,
    output: Option<&Path>,
    choice: Choice<'_>,
    out: &mut dyn Write,
) -> io::Result<u8> {
    let shown = escape(&file.display().to_string()).into_owned();
    let opened = match load(file) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{shown}: {}", escape(&e.message()));
            return Ok(EXIT_UNREADABLE);
        }
    };
    let from = opened.inputs().unit.fiscal_year;
    let next = next_year_in(opened.inputs(), year, choice);
    let at = now_rfc3339();
    let (text, draft) = match export_in(&next.inputs, choice, &at) {
        Ok(text) => (text, false),
        Err(ExportError::Errors(_)) => match export_draft_in(&next.inputs, choice, &at) {
            Ok(text) => (text, true),
            Err(e) => return Err(io::Error::other(e.to_string())),
        },
        Err(e) => return Err(io::Error::other(e.to_string())),
    };
    let mut report: Vec<String> = Vec::new();
    let kind = if draft {
        "草稿文件"
    } else {
        "预算填报文件"
    };
    match output {
        Some(path) => {
            if let Err(e) = std::fs::write(path, &text) {
                eprintln!("{}: 无法写入：{e}", escape(&path.display().to_string()));
                return Ok(EXIT_UNREADABLE);
            }
            report.push(format!(
                "已写出 {year} 年{kind} {}：上年数取自 {shown} 的 {from} 年本年数，本年数待填写",
                escape(&path.display().to_string())
            ));
        }
        None => out.write_all(text.as_bytes())?,
    }
    let cats = choice.for_year(year);
    report.push(format!("科目表：{cats}"));
    if !next.unmapped.is_empty() {
        report.push(format!(
            "以下 {} 处科目在 {year} 年目录中没有对应科目，已保留原编码，请改填：",
            next.unmapped.len()
        ));
        report.extend(next.unmapped.iter().map(|u| format!("  {u}")));
    }
    for line in report {
        let line = escape(&line);
        match output {
            Some(_) => writeln!(out, "{line}")?,
            None => eprintln!("{line}"),
        }
    }
    Ok(if next.unmapped.is_empty() {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    })
}

/// The time now as RFC 3339 UTC (`2026-12-07T08:00:00Z`).
fn now_rfc3339() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn now_is_an_rfc3339_utc_time() {
        let now = super::now_rfc3339();
        assert_eq!(now.len(), 20, "{now}");
        assert!(now.ends_with('Z') && now.as_bytes()[10] == b'T', "{now}");
        assert!(now.as_str() > "2026-01-01", "{now}");
    }
}
