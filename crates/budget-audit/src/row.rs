//! One line of a table read into a row: a code, labels and figures, each
//! figure with the position it was printed at.
//!
//! Three layouts reach us: tab-separated cells (a `pdftotext`-like extraction
//! that kept cells), columns aligned with spaces (`pdftotext -layout`, and our
//! own `budget-check tables`), and cells separated by single spaces with the
//! alignment lost. A figure's position is its tab cell in the first, its
//! right edge (display columns) in the second, and only its order in the third.

use budget_core::amount::parse_amount;
use rust_decimal::Decimal;
use unicode_width::UnicodeWidthChar;

/// How the document's cells are separated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Tab between cells: a figure's position is its cell index.
    Tabs,
    /// Spaces that align columns: a figure's position is its right edge.
    Aligned,
    /// Single spaces, alignment lost: only the order of figures is known.
    Loose,
}

impl Layout {
    /// Guess the layout from the lines: a figure in a tab cell, else two
    /// figures apart by a run of spaces, else loose.
    pub fn detect(lines: &[&str]) -> Layout {
        // Tabs between cells of a line with a figure (a stray tab in prose
        // does not make the tables tab-separated).
        let tabbed = |l: &&&str| l.split('\t').skip(1).any(|c| is_figure(c.trim()));
        if lines.iter().any(|l| tabbed(&l)) {
            return Layout::Tabs;
        }
        let aligned = lines.iter().any(|l| {
            let toks = tokens(l, Layout::Aligned);
            toks.windows(2).any(|w| {
                is_figure(&w[0].text) && is_figure(&w[1].text) && w[1].start > w[0].end + 2
            })
        });
        if aligned {
            Layout::Aligned
        } else {
            Layout::Loose
        }
    }
}

/// A token of a line and where it was printed.
#[derive(Debug, Clone)]
pub struct Token {
    pub text: String,
    /// Tab cell index (tabs), or display column of the first character.
    pub start: usize,
    /// Tab cell index (tabs), or display column just past the last character.
    pub end: usize,
}

/// Split a line into tokens with their positions.
pub fn tokens(line: &str, layout: Layout) -> Vec<Token> {
    if layout == Layout::Tabs {
        return line
            .split('\t')
            .enumerate()
            .filter(|(_, c)| !c.trim().is_empty())
            .map(|(i, c)| Token {
                text: c.trim().to_string(),
                start: i,
                end: i,
            })
            .collect();
    }
    let mut out = Vec::new();
    let mut col = 0;
    let mut cur = String::new();
    let mut start = 0;
    for ch in line.chars() {
        if ch.is_whitespace() && ch != '\u{3000}' {
            if !cur.is_empty() {
                out.push(Token {
                    text: std::mem::take(&mut cur),
                    start,
                    end: col,
                });
            }
        } else {
            if cur.is_empty() {
                start = col;
            }
            cur.push(ch);
        }
        col += ch.width().unwrap_or(0).max(usize::from(ch == ' '));
    }
    if !cur.is_empty() {
        out.push(Token {
            text: cur,
            start,
            end: col,
        });
    }
    out
}

/// Whether a token is surely a table figure: a number with a decimal point
/// or 千分位 (`11,906,397.06`, `0.95`, `189,767,551`). Years and codes have
/// neither; a bare number counts only in some rows (see [`read_row`]).
pub fn is_figure(text: &str) -> bool {
    figure(text).is_some()
}

/// A table figure's value.
pub fn figure(text: &str) -> Option<Decimal> {
    let ok = (text.contains('.') || text.contains(','))
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.' || c == '-')
        && text
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '-');
    if ok { parse_amount(text).ok() } else { None }
}

/// A bare whole number below 1,000 (`0`, `900`): a figure only in a coded
/// row or after another figure.
fn bare_number(text: &str) -> Option<Decimal> {
    let ok = !text.is_empty() && text.len() <= 3 && text.chars().all(|c| c.is_ascii_digit());
    if ok { parse_amount(text).ok() } else { None }
}

/// A figure of a row and where it was printed.
#[derive(Debug, Clone)]
pub struct Cell {
    /// Raw position (see [`Token`]); in the loose layout, the figure's order.
    pub pos: usize,
    /// Where the figure starts (display column, aligned layout).
    pub start: usize,
    /// The column once the table's positions are resolved; `None` when it
    /// cannot be known (loose layout, a row with fewer figures than columns).
    pub col: Option<usize>,
    pub value: Decimal,
}

/// A label followed by its figures (a two-sided table has two per line).
#[derive(Debug, Clone)]
pub struct Group {
    pub label: String,
    pub cells: Vec<Cell>,
}

/// A line of a table.
#[derive(Debug, Clone)]
pub struct Row {
    /// 1-based line number in the document.
    pub line: usize,
    /// The 类/款/项 code, joined (`201 06 01` → `2010601`).
    pub code: Option<String>,
    pub groups: Vec<Group>,
    /// Number of cells the line has (tabs: the fields, empty ones included).
    pub width: usize,
}

impl Row {
    /// The first group's label (the row's name).
    pub fn label(&self) -> &str {
        self.groups.first().map_or("", |g| g.label.as_str())
    }

    /// The first group's figures.
    pub fn cells(&self) -> &[Cell] {
        self.groups.first().map_or(&[], |g| g.cells.as_slice())
    }

    /// Whether this row has any figure.
    pub fn has_figures(&self) -> bool {
        self.groups.iter().any(|g| !g.cells.is_empty())
    }

    /// The value in a resolved column (blank = 0); `None` when a figure of
    /// the row has no known column and the asked column is not the first.
    pub fn at(&self, col: usize) -> Option<Decimal> {
        let cells = self.cells();
        if let Some(c) = cells.iter().find(|c| c.col == Some(col)) {
            return Some(c.value);
        }
        if cells.iter().any(|c| c.col.is_none()) {
            None
        } else {
            Some(Decimal::ZERO)
        }
    }
}

/// Read a line into a row: a code (whole or as 类/款/项 apart), then groups
/// of label and figures. `None` when the line has no code and no figure.
pub fn read_row(no: usize, line: &str, layout: Layout) -> Option<Row> {
    let toks = tokens(line, layout);
    let width = if layout == Layout::Tabs {
        line.split('\t').count()
    } else {
        toks.len()
    };
    let mut i = 0;
    let mut code: Option<String> = None;
    if let Some(t) = toks.first() {
        let digits = t.text.chars().all(|c| c.is_ascii_digit());
        if digits && matches!(t.text.len(), 3 | 5 | 7) {
            let mut c = t.text.clone();
            i = 1;
            while c.len() < 7 && toks.get(i).is_some_and(|t| is_part(&t.text)) {
                // `301 2`: a 款 printed without its leading zero.
                if toks[i].text.len() == 1 {
                    c.push('0');
                }
                c.push_str(&toks[i].text);
                i += 1;
            }
            code = Some(c);
        }
    }
    let mut groups: Vec<Group> = Vec::new();
    let mut label = String::new();
    let mut cells = Vec::new();
    for t in &toks[i..] {
        // A bare number is a figure in a coded row, or after a sure figure
        // (not a page number under a heading).
        let after_label = code.is_some() || !cells.is_empty();
        let value = figure(&t.text).or_else(|| bare_number(&t.text).filter(|_| after_label));
        if let Some(v) = value {
            let pos = if layout == Layout::Loose {
                cells.len()
            } else {
                t.end
            };
            cells.push(Cell {
                pos,
                start: t.start,
                col: None,
                value: v,
            });
        } else {
            if !cells.is_empty() {
                groups.push(Group {
                    label: std::mem::take(&mut label),
                    cells: std::mem::take(&mut cells),
                });
            }
            label.push_str(&t.text);
        }
    }
    groups.push(Group { label, cells });
    let row = Row {
        line: no,
        code,
        groups,
        width,
    };
    (row.code.is_some() || row.has_figures()).then_some(row)
}

/// A 款 or 项 part printed apart from its 类 (`06` in `201 06 01`, or `2`
/// that lost its leading zero).
fn is_part(text: &str) -> bool {
    matches!(text.len(), 1 | 2) && text.chars().all(|c| c.is_ascii_digit())
}
