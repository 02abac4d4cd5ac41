//! budget-audit: audit a published 部门预算 disclosure read as text.
//!
//! Pure: the document's text in, findings out (no IO). It finds the tables of
//! the 重庆 (表1–表10) or 上海 (1–9) template by their titles, reads their
//! coded lines and figures, and reports, each with an ID (`AUD-…`), a
//! severity, the line, the figures and the difference: sums and identities
//! that do not hold, 万元 figures of the text that are not the rounding of
//! the table figure they name (classified: wrong, one digit off, truncated,
//! a change from rounded totals, too few decimals), a direction word against
//! the sign of a change, an empty table without its own note, and
//! placeholder text. Money is `Decimal`, never a float.

mod classify;
mod columns;
mod facts;
mod finding;
mod narrative;
mod percent;
mod row;
mod sums;
mod tables;
mod view;

pub use classify::{Class, classify};
pub use finding::{AuditFinding, RULES};
pub use view::{GroupView, RowView, TableView, tables};

use row::Layout;
use rust_decimal::Decimal;
use serde::Serialize;
use tables::Kind;

/// Why a text cannot be audited.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuditError {
    #[error("没有找到任何预算表（按表名识别，如“财政拨款收支总表”“部门收入预算总表”），无法核对")]
    NoTables,
}

/// A table found, for the report.
#[derive(Debug, Clone, Serialize)]
pub struct FoundTable {
    pub line: usize,
    pub title: String,
    pub rows: usize,
}

/// The audit of one document.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub tables: Vec<FoundTable>,
    pub findings: Vec<AuditFinding>,
}

impl Report {
    /// Whether an error-level finding stands.
    pub fn has_errors(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.severity == budget_core::Severity::Error)
    }
}

/// Placeholder text left from a template, and a template's residue.
const PLACEHOLDERS: &[&str] = &[
    "XX",
    "ＸＸ",
    "××",
    "xx",
    "待填写",
    "待补充",
    "增加（减少）",
    "主要原因是。",
    "主要原因是：。",
    "主要原因为。",
];

/// 功能分类 类 renamed by the 2019 政府收支分类科目 (after the 2018
/// institutional reform): the old name, the new one.
const RENAMED_2019: &[(&str, &str)] = &[
    ("医疗卫生与计划生育支出", "卫生健康支出"),
    ("文化体育与传媒支出", "文化旅游体育与传媒支出"),
    ("国土海洋气象等支出", "自然资源海洋气象等支出"),
];

/// Words naming a fund, which an empty table's note may name.
const FUNDS: &[&str] = &["政府性基金", "国有资本经营", "一般公共预算"];

/// Audit a document's text.
pub fn audit(text: &str) -> Result<Report, AuditError> {
    let lines: Vec<&str> = text.lines().collect();
    let layout = Layout::detect(&lines);
    let tables = tables::find(&lines, layout);
    let audited: Vec<&tables::Table> = tables.iter().filter(|t| t.kind != Kind::Other).collect();
    if audited.is_empty() {
        return Err(AuditError::NoTables);
    }
    let mut out = Vec::new();
    for t in &audited {
        sums::columns(t, &mut out);
        sums::rows(t, &mut out);
        empty(t, &mut out);
    }
    sums::across(&tables, &mut out);
    let facts = facts::gather(&tables);
    let in_table = |no: usize| {
        tables
            .iter()
            .any(|t| t.kind != Kind::Other && (t.first..=t.last).contains(&no))
    };
    let prose = narrative::prose(&lines, in_table);
    narrative::check(&prose, &facts, &mut out);
    let year = narrative::document_year(&prose);
    if let Some(year) = year {
        narrative::check_years(&prose, year, &mut out);
    }
    for (i, l) in lines
        .iter()
        .enumerate()
        .filter(|_| year.is_some_and(|y| y >= 2019))
    {
        for (old, new) in RENAMED_2019.iter().filter(|(old, _)| l.contains(*old)) {
            let detail = format!("“{old}”自 2019 年起为“{new}”");
            out.push(AuditFinding::new(
                "AUD-017",
                i + 1,
                &detail,
                Decimal::ZERO,
                Decimal::ZERO,
            ));
        }
    }
    for (i, l) in lines.iter().enumerate() {
        if let Some(p) = PLACEHOLDERS.iter().find(|p| l.contains(*p)) {
            let detail = format!("“{p}”");
            out.push(AuditFinding::new(
                "AUD-011",
                i + 1,
                &detail,
                Decimal::ZERO,
                Decimal::ZERO,
            ));
        }
    }
    out.sort_by(|a, b| (a.line, a.id).cmp(&(b.line, b.id)));
    out.dedup();
    Ok(Report {
        tables: audited
            .iter()
            .map(|t| FoundTable {
                line: t.title_line,
                title: t.title.clone(),
                rows: t.rows.len(),
            })
            .collect(),
        findings: out,
    })
}

/// An empty table needs its own note; a table with figures is not empty.
fn empty(t: &tables::Table, out: &mut Vec<AuditFinding>) {
    if t.rows.iter().any(|r| r.has_figures()) {
        if let Some((line, note)) = t
            .notes
            .iter()
            .find(|(_, n)| n.contains("空表") || n.contains("无数据"))
        {
            let detail = format!("“{}”：{note}", t.title);
            out.push(AuditFinding::new(
                "AUD-015",
                *line,
                &detail,
                Decimal::ZERO,
                Decimal::ZERO,
            ));
        }
        return;
    }
    let Some((line, note)) = t.notes.first() else {
        out.push(AuditFinding::new(
            "AUD-009",
            t.title_line,
            &t.title,
            Decimal::ZERO,
            Decimal::ZERO,
        ));
        return;
    };
    if let Some(w) = FUNDS
        .iter()
        .find(|w| note.contains(*w) && !t.title.contains(*w))
    {
        let detail = format!("“{}”的说明写“{w}”：{note}", t.title);
        out.push(AuditFinding::new(
            "AUD-010",
            *line,
            &detail,
            Decimal::ZERO,
            Decimal::ZERO,
        ));
    }
}
