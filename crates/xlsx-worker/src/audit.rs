//! 核对已公开文件: a published disclosure (its text, or an XLSX of its tables)
//! audited by budget-audit, answered as JSON for the page: the findings, each
//! with its place and the line it names, beside the tables as read.

use budget_audit::{AuditFinding, GroupView, TableView};
use budget_core::amount::format_yuan;
use rust_decimal::Decimal;
use serde::Serialize;

/// Said for a PDF: the browser does not read one without a heavy library.
pub const PDF_REFUSED: &str = "无法在浏览器中读取 PDF：请用 pdftotext 将 PDF 转成文本（.txt）后再选择，或在命令行用 budget-check audit 核对 PDF。";

/// What the page shows, ready to display (the page does no arithmetic and
/// carries no decimal code for it): figures as printed in 元 or 万元
/// (`16,231,840.80`), a dash where a finding has none.
#[derive(Serialize)]
struct Answer {
    findings: Vec<Found>,
    tables: Vec<Table>,
}

/// A finding, placed.
#[derive(Serialize)]
struct Found {
    id: &'static str,
    /// `error` or `warning`.
    level: &'static str,
    /// 错误 / 提示.
    severity: &'static str,
    /// `第3页第120行`, `工作表“表2”第5行` or `第120行`.
    place: String,
    printed: String,
    expected: String,
    difference: String,
    message: String,
    /// The line as printed (trimmed, at most 120 characters).
    source: String,
}

/// A table as read: its title and place, and each line as cells (place,
/// code, name, figures; a 收支总表 line's 支出 side follows as a name and
/// its figures).
#[derive(Serialize)]
struct Table {
    caption: String,
    rows: Vec<Vec<String>>,
}

fn cells_of(place: String, code: Option<String>, groups: Vec<GroupView>) -> Vec<String> {
    let mut cells = vec![place, code.unwrap_or_default()];
    for g in groups {
        cells.push(g.label);
        cells.extend(g.figures.into_iter().map(format_yuan));
    }
    cells
}

/// Where each line of the audited text is, for the page.
enum Places {
    /// Page of each line (form feeds, or `===== PAGE n =====` markers), when any.
    Text(Option<Vec<usize>>),
    /// The worksheet and row of each line.
    Sheet(Vec<(String, usize)>),
}

impl Places {
    fn of(&self, line: usize) -> String {
        let at = line.saturating_sub(1);
        match self {
            Places::Text(Some(pages)) => match pages.get(at) {
                Some(p) => format!("第{p}页第{line}行"),
                None => format!("第{line}行"),
            },
            Places::Text(None) => format!("第{line}行"),
            Places::Sheet(rows) => match rows.get(at) {
                Some((sheet, row)) => format!("工作表“{sheet}”第{row}行"),
                None => format!("第{line}行"),
            },
        }
    }
}

/// The page of each line, when the text marks its pages.
fn pages(text: &str) -> Option<Vec<usize>> {
    let mut page = 1;
    let mut marked = false;
    let pages = text
        .lines()
        .map(|l| {
            let ff = l.matches('\u{c}').count();
            page += ff;
            let marker = l
                .trim()
                .strip_prefix("===== PAGE ")
                .and_then(|r| r.strip_suffix(" ====="))
                .and_then(|n| n.parse::<usize>().ok());
            if let Some(n) = marker {
                page = n;
            }
            marked |= ff > 0 || marker.is_some();
            page
        })
        .collect();
    marked.then_some(pages)
}

/// Audit a disclosure (`kind`: `text` or `xlsx`; a PDF is refused) and
/// answer with the findings and the tables read, as JSON.
pub fn audit(bytes: &[u8], kind: &str) -> Result<String, String> {
    if bytes.starts_with(b"%PDF") || kind == "pdf" {
        return Err(PDF_REFUSED.to_string());
    }
    let (text, places) = match kind {
        "text" => {
            if bytes.contains(&0)
                && !bytes.starts_with(&[0xFF, 0xFE])
                && !bytes.starts_with(&[0xFE, 0xFF])
            {
                return Err(
                    "这不是文本文件：请选择披露文件的文本（.txt）或表格（.xlsx）。".to_string(),
                );
            }
            let text = budget_xlsx::decode_text(bytes);
            let places = Places::Text(pages(&text));
            (text, places)
        }
        "xlsx" => {
            let lines = budget_xlsx::xlsx_lines(bytes).map_err(|e| e.to_string())?;
            let text = lines
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            let places = Places::Sheet(lines.into_iter().map(|l| (l.sheet, l.row)).collect());
            (text, places)
        }
        _ => return Err("只能核对文本（.txt）或 Excel（.xlsx）文件。".to_string()),
    };
    let report = budget_audit::audit(&text).map_err(|e| e.to_string())?;
    let lines: Vec<&str> = text.lines().collect();
    let figure = |f: &AuditFinding, v: Decimal| {
        if f.printed.is_zero() && f.expected.is_zero() {
            "—".to_string()
        } else {
            format_yuan(v)
        }
    };
    let findings = report
        .findings
        .iter()
        .map(|f| Found {
            id: f.id,
            level: match f.severity {
                budget_core::Severity::Error => "error",
                budget_core::Severity::Warning => "warning",
            },
            severity: f.severity.label(),
            place: places.of(f.line),
            printed: figure(f, f.printed),
            expected: figure(f, f.expected),
            difference: figure(f, f.difference),
            message: f.message.clone(),
            source: lines
                .get(f.line.saturating_sub(1))
                .map(|l| l.trim().replace('\t', " ").chars().take(120).collect())
                .unwrap_or_default(),
        })
        .collect();
    let tables = budget_audit::tables(&text)
        .into_iter()
        .map(|t: TableView| Table {
            caption: format!("{}（{}）", t.title, places.of(t.line)),
            rows: t
                .rows
                .into_iter()
                .map(|r| cells_of(places.of(r.line), r.code, r.groups))
                .collect(),
        })
        .collect();
    serde_json::to_string(&Answer { findings, tables })
        .map_err(|e| format!("核对结果无法传回页面：{e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn answer(bytes: &[u8], kind: &str) -> Value {
        serde_json::from_str(&audit(bytes, kind).unwrap()).unwrap()
    }

    #[test]
    fn the_putuo_sample_gives_its_known_findings_with_pages() {
        let v = answer(
            include_bytes!("../../../fixtures/audit/putuo-2025.txt"),
            "text",
        );
        let f = v["findings"].as_array().unwrap();
        // fixtures/audit/putuo-2025.expected: 11 findings.
        assert_eq!(f.len(), 11, "{v}");
        let five = f.iter().find(|x| x["place"] == "第7页第96行").unwrap();
        assert_eq!(five["id"], "AUD-005");
        assert_eq!(five["printed"], "887.36");
        assert_eq!(five["expected"], "87.36");
        assert_eq!(five["difference"], "800.00");
        let note = f.iter().find(|x| x["id"] == "AUD-010").unwrap();
        assert_eq!(note["printed"], "—");
        assert!(
            five["source"].as_str().unwrap().contains("887.36"),
            "{five}"
        );
        let line = v["tables"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|t| t["rows"].as_array().unwrap())
            .find(|r| r[1] == "2010601")
            .unwrap();
        assert_eq!(line[2], "行政运行");
        assert_eq!(line[3], "16,231,840.80");
    }

    #[test]
    fn our_own_workbook_audits_clean() {
        let sample = include_str!("../../../fixtures/dadukou-2021.json");
        let bytes = crate::export(sample).unwrap();
        let v = answer(&bytes, "xlsx");
        assert_eq!(v["findings"], Value::Array(vec![]), "{v}");
        let tables = v["tables"].as_array().unwrap();
        assert!(tables.len() >= 8, "{v}");
        assert!(
            tables[0]["caption"].as_str().unwrap().contains("（工作表“"),
            "{v}"
        );
    }

    #[test]
    fn a_pdf_or_a_file_without_tables_is_a_chinese_message() {
        assert_eq!(audit(b"%PDF-1.7 ...", "text").unwrap_err(), PDF_REFUSED);
        assert_eq!(audit(b"", "pdf").unwrap_err(), PDF_REFUSED);
        assert!(
            audit("只是一段文字。".as_bytes(), "text")
                .unwrap_err()
                .contains("没有找到任何预算表")
        );
        assert!(audit(b"x", "doc").unwrap_err().contains(".txt"));
    }
}
