//! Finding the tables of a disclosure by their titles, and what each one's
//! columns mean.
//!
//! Two templates are known: 重庆's 表1–表10 and 上海's 1–9. A table runs from
//! its title to the next title, or to the first line of prose (a sentence
//! that is not the table's own note).

use crate::row::{Layout, Row, read_row};

/// What a table is, which decides what its columns mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// 收入 on the left, 支出 on the right (财政拨款收支总表, 部门收支总表).
    TwoSided,
    /// 一般公共预算 by 功能分类 (重庆 表2: 上年, 小计, 基本, 项目; 上海 5).
    General { with_last_year: bool },
    /// 部门收入总表 / 收入预算总表: 合计 then its sources.
    Income,
    /// 部门支出总表 / 支出预算总表: 合计, 基本, 项目 (…).
    Expense,
    /// 政府性基金 by 功能分类: 合计, 基本, 项目.
    Fund,
    /// 国有资本经营预算 by 功能分类: 合计, 基本, 项目.
    StateCapital,
    /// 基本支出 by 经济分类: 合计, 人员经费, 公用经费.
    Economic,
    /// 重庆 表4 “三公”: last year's 6 columns then this year's.
    ThreeCosts,
    /// 上海 9 “三公” and 机关运行经费 (万元, columns not recoverable from loose text).
    ThreeCostsShanghai,
    /// 政府采购预算明细表: 合计 then sources, rows by kind (货物类, 服务类).
    Procurement,
    /// Performance tables and anything after them: not audited.
    Other,
}

impl Kind {
    /// Number of figure columns (0 when it varies by template).
    pub fn columns(self) -> usize {
        match self {
            Kind::General {
                with_last_year: true,
            } => 4,
            Kind::General {
                with_last_year: false,
            }
            | Kind::Fund
            | Kind::StateCapital => 3,
            Kind::Economic => 3,
            Kind::ThreeCosts => 12,
            _ => 0,
        }
    }

    /// The column of this year's total.
    pub fn this_col(self) -> usize {
        usize::from(
            self == Kind::General {
                with_last_year: true,
            },
        )
    }

    /// The column of last year's total, when printed.
    pub fn last_col(self) -> Option<usize> {
        (self
            == Kind::General {
                with_last_year: true,
            })
        .then_some(0)
    }

    /// The columns of 基本支出 and 项目支出, when the table has them.
    pub fn basic_project(self) -> Option<(usize, usize)> {
        match self {
            Kind::General {
                with_last_year: true,
            } => Some((2, 3)),
            Kind::General {
                with_last_year: false,
            }
            | Kind::Expense
            | Kind::Fund
            | Kind::StateCapital => Some((1, 2)),
            _ => None,
        }
    }

    /// Identities within a row: column = sum of columns. `Rest` means the
    /// first column is the sum of all the others (true whatever their number).
    pub fn identities(self) -> Identities {
        match self {
            Kind::General {
                with_last_year: true,
            } => Identities::Cols(&[(1, &[2, 3])]),
            Kind::ThreeCosts => Identities::Cols(&[
                (0, &[1, 2, 5]),
                (2, &[3, 4]),
                (6, &[7, 8, 11]),
                (8, &[9, 10]),
            ]),
            Kind::TwoSided | Kind::ThreeCostsShanghai | Kind::Other => Identities::None,
            _ => Identities::Rest,
        }
    }

    /// Whether rows are summed by code (类 ← 款 ← 项, 合计 ← 类).
    pub fn coded(self) -> bool {
        !matches!(
            self,
            Kind::TwoSided
                | Kind::ThreeCosts
                | Kind::ThreeCostsShanghai
                | Kind::Procurement
                | Kind::Other
        )
    }
}

/// Identities within a row.
#[derive(Debug, Clone, Copy)]
pub enum Identities {
    None,
    Rest,
    Cols(&'static [(usize, &'static [usize])]),
}

/// Title fragments, most specific first.
const TITLES: &[(&str, Kind)] = &[
    ("绩效目标表", Kind::Other),
    ("财政拨款收支预算总表", Kind::TwoSided),
    ("财政拨款收支总表", Kind::TwoSided),
    ("财务收支预算总表", Kind::TwoSided),
    ("部门收支总表", Kind::TwoSided),
    ("收入预算总表", Kind::Income),
    ("部门收入总表", Kind::Income),
    ("支出预算总表", Kind::Expense),
    ("部门支出总表", Kind::Expense),
    ("三公”经费和机关运行经费预算表", Kind::ThreeCostsShanghai),
    ("三公”经费支出表", Kind::ThreeCosts),
    ("经济分类预算表", Kind::Economic),
    ("基本支出预算表", Kind::Economic),
    ("政府性基金预算支出", Kind::Fund),
    ("国有资本经营预算支出", Kind::StateCapital),
    (
        "一般公共预算支出功能分类预算表",
        Kind::General {
            with_last_year: false,
        },
    ),
    (
        "一般公共预算财政拨款支出预算表",
        Kind::General {
            with_last_year: true,
        },
    ),
    ("政府采购预算明细表", Kind::Procurement),
];

/// The kind of a title line, if it is one.
pub fn title_kind(line: &str) -> Option<Kind> {
    let t = line.trim();
    if !t.ends_with('表') || t.contains('…') || t.contains('。') || t.chars().count() > 60 {
        return None;
    }
    TITLES
        .iter()
        .find(|(frag, _)| t.contains(frag))
        .map(|&(_, k)| k)
}

/// A table found in the document.
#[derive(Debug, Clone)]
pub struct Table {
    pub kind: Kind,
    /// Line of the title (1-based).
    pub title_line: usize,
    pub title: String,
    pub rows: Vec<Row>,
    /// Whether figures' columns are only partly known (aligned text with
    /// fewer column edges than the table has columns, or loose text): sums
    /// down a column still hold, identities across a row need a placed row.
    pub partial_columns: bool,
    pub layout: Layout,
    /// The lines between the title and the first row (column headings).
    pub header: Vec<String>,
    /// Note lines (注、备注、此表/本表…).
    pub notes: Vec<(usize, String)>,
    /// 1-based line numbers covered, title included.
    pub first: usize,
    pub last: usize,
}

impl Table {
    /// The 合计 row.
    pub fn total_row(&self) -> Option<&Row> {
        self.rows
            .iter()
            .find(|r| r.code.is_none() && matches!(r.label(), "合计" | "总计"))
    }

    /// Whether a row's figures are in known columns, so that identities
    /// across the row can be checked.
    pub fn placed(&self, row: &crate::row::Row) -> bool {
        self.layout == Layout::Tabs
            || (!self.partial_columns && row.cells().iter().all(|c| c.col.is_some()))
    }

    /// A coded row.
    pub fn by_code(&self, code: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.code.as_deref() == Some(code))
    }
}

/// Whether a line is prose that ends a table: a sentence that is not a note.
fn is_prose(line: &str) -> bool {
    let t = line.trim();
    t.contains('。') && !is_note(t)
}

/// Whether a line is a table's note.
pub fn is_note(t: &str) -> bool {
    let t = t.trim_start_matches(['(', '（']);
    t.starts_with('注') || t.starts_with("备注") || t.contains("此表") || t.contains("本表")
}

/// Find the tables of a document.
pub fn find(lines: &[&str], layout: Layout) -> Vec<Table> {
    let mut tables: Vec<Table> = Vec::new();
    let mut open = false;
    for (i, line) in lines.iter().enumerate() {
        let no = i + 1;
        if let Some(kind) = title_kind(line) {
            // Titles one under the other are a table of contents.
            if tables
                .last()
                .is_some_and(|t| t.rows.is_empty() && t.notes.is_empty() && no - t.title_line <= 2)
            {
                tables.pop();
            }
            tables.push(Table {
                kind,
                title_line: no,
                title: line.trim().to_string(),
                rows: Vec::new(),
                partial_columns: false,
                header: Vec::new(),
                layout,
                notes: Vec::new(),
                first: no,
                last: no,
            });
            open = kind != Kind::Other;
            continue;
        }
        let Some(t) = tables.last_mut().filter(|_| open) else {
            continue;
        };
        if is_prose(line) {
            open = false;
            continue;
        }
        t.last = no;
        let trimmed = line.trim();
        if is_note(trimmed) && !trimmed.is_empty() {
            t.notes.push((no, trimmed.to_string()));
        } else if let Some(row) = read_row(no, line, layout) {
            t.rows.push(row);
        } else if t.rows.is_empty() && !trimmed.is_empty() {
            t.header.push((*line).to_string());
        }
    }
    // A table of contents' last entry is followed by prose, not by a title:
    // an empty table whose title (less its ordinal) a later title repeats.
    let titles: Vec<String> = tables.iter().map(|t| t.title.clone()).collect();
    let mut i = 0;
    tables.retain(|t| {
        i += 1;
        let bare = t
            .title
            .trim_start_matches(|c: char| c.is_ascii_digit() || ".．、 ".contains(c));
        !(t.rows.is_empty()
            && t.notes.is_empty()
            && titles[i..].iter().any(|later| later.contains(bare)))
    });
    for t in &mut tables {
        crate::columns::resolve(t, layout);
    }
    tables
}
