//! The tables of a document as the audit read them, for showing beside its
//! findings (the app's 核对已公开文件): each coded or labelled line with its
//! figures, in the order printed.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::row::Layout;
use crate::tables::{self, Kind};

/// A table found and rebuilt from the text.
#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    /// 1-based line of its title.
    pub line: usize,
    pub title: String,
    pub rows: Vec<RowView>,
}

/// One line of a table.
#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    /// 1-based line of the document.
    pub line: usize,
    /// The 类/款/项 code, joined (`201 06 01` → `2010601`).
    pub code: Option<String>,
    /// Each label with its figures (a 收支总表 line has two).
    pub groups: Vec<GroupView>,
}

/// A label followed by its figures.
#[derive(Debug, Clone, Serialize)]
pub struct GroupView {
    pub label: String,
    pub figures: Vec<Decimal>,
}

/// The tables [`crate::audit`] audits in `text`, as read (none when it
/// finds none).
pub fn tables(text: &str) -> Vec<TableView> {
    let lines: Vec<&str> = text.lines().collect();
    let layout = Layout::detect(&lines);
    tables::find(&lines, layout)
        .into_iter()
        .filter(|t| t.kind != Kind::Other)
        .map(|t| TableView {
            line: t.title_line,
            title: t.title,
            rows: t
                .rows
                .into_iter()
                .map(|r| RowView {
                    line: r.line,
                    code: r.code,
                    groups: r
                        .groups
                        .into_iter()
                        .map(|g| GroupView {
                            label: g.label,
                            figures: g.cells.into_iter().map(|c| c.value).collect(),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_putuo_sample_reads_back_as_its_tables() {
        let text = include_str!("../../../fixtures/audit/putuo-2025.txt");
        let views = tables(text);
        let report = crate::audit(text).unwrap();
        assert_eq!(views.len(), report.tables.len());
        for (v, t) in views.iter().zip(&report.tables) {
            assert_eq!((v.line, &v.title, v.rows.len()), (t.line, &t.title, t.rows));
        }
        // 行政运行 of the 支出预算总表: 合计, 基本支出, 项目支出.
        let line = views
            .iter()
            .flat_map(|v| &v.rows)
            .find(|r| r.code.as_deref() == Some("2010601"))
            .unwrap();
        assert_eq!(line.groups[0].label, "行政运行");
        assert_eq!(
            line.groups[0].figures.first(),
            Some(&"16231840.80".parse::<Decimal>().unwrap())
        );
    }
}
