//! `budget-check tables` and `budget-check narrative`: the derived tables laid
//! out for a terminal (CJK width-aware), and the 情况说明.

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

use budget_core::Table;
use budget_core::table::Cell;
use unicode_width::UnicodeWidthStr;

use crate::cli::{EXIT_OK, EXIT_UNREADABLE};
use budget_core::catalog::Choice;

use crate::catalog_file;
use crate::load::load_in;

/// Space between columns.
const GAP: usize = 2;

/// True for a character that must not reach a terminal as is: control
/// characters (C0 except newline, DEL, C1 — an ESC sequence can clear the screen
/// or retitle the window) and bidi controls (U+061C, U+200E/F, U+202A–U+202E,
/// U+2066–U+2069 — they reorder the text around them, so a figure or a name can
/// be shown reversed), plus the Unicode line and paragraph separators.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// Clerk or file text made safe for a terminal (and for CSV): every unsafe
/// character (see [`is_unsafe`]) is shown visibly as `\u{…}` (lower-case hex),
/// e.g. ESC as `\u{1b}`, U+202E as `\u{202e}`. Newlines are kept. Applied to
/// every text the CLI prints, before any width is computed.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// On stderr, when error findings stand: the figures printed are computed from
/// the file's inputs, but the file fails 审核 (`check` lists why). The output is
/// still printed (a reviewer may want to see it), the exit code stays 0.
pub fn warn_if_errors(file: &Path, opened: &budget_core::file::Opened) {
    let errors = opened.findings().iter().filter(|f| f.is_error()).count();
    if errors > 0 {
        eprintln!(
            "注意：{} 有 {errors} 个错误（强制性审核未通过），输出的数字按文件的输入计算，不能作为公开数据；原因见 budget-check check",
            escape(&file.display().to_string())
        );
    }
}

/// The line that heads the output of a file with error findings, so that the
/// mark stays with it when stdout is saved (`> out.csv`): `None` when no
/// error stands.
pub fn error_banner(opened: &budget_core::file::Opened) -> Option<String> {
    let errors = opened.findings().iter().filter(|f| f.is_error()).count();
    (errors > 0).then(|| {
        format!(
            "【注意】此文件有 {errors} 个错误（强制性审核未通过），以下数字按文件的输入计算，不能作为公开数据；原因见 budget-check check"
        )
    })
}

/// Print the tables of `file`: all, or the one `selector` names (1–10 or an id).
pub fn tables(
    file: &Path,
    selector: Option<&str>,
    as_csv: bool,
    in_wan: bool,
    choice: Choice<'_>,
    out: &mut dyn Write,
) -> io::Result<u8> {
    let opened = match load_in(file, choice) {
        Ok(o) => o,
        Err(e) => {
            eprintln!(
                "{}: {}",
                escape(&file.display().to_string()),
                escape(&e.message())
            );
            return Ok(EXIT_UNREADABLE);
        }
    };
    warn_if_errors(file, &opened);
    for line in catalog_file::lines(&opened, choice) {
        eprintln!("{}", escape(&line));
    }
    let derived = opened.derived();
    let all: Vec<&Table> = derived
        .tables
        .iter()
        .chain(&derived.project_tables)
        .collect();
    let chosen: Vec<&Table> = match selector {
        None => all,
        Some(sel) => match select(&all, sel) {
            Some(t) => vec![t],
            None => {
                let ids: Vec<&str> = all.iter().map(|t| t.id.as_str()).collect();
                eprintln!(
                    "没有表“{}”。可选：1–{}，或 {}",
                    escape(sel),
                    derived.tables.len(),
                    ids.join("、")
                );
                return Ok(EXIT_UNREADABLE);
            }
        },
    };
    if let Some(banner) = error_banner(&opened) {
        if as_csv {
            out.write_all(crate::csv::banner_csv(&banner).as_bytes())?;
        } else {
            writeln!(out, "{banner}\n")?;
        }
    }
    for (i, t) in chosen.iter().enumerate() {
        // 万元: rounded 四舍五入 and balanced (舍位平衡), as `wan::to_wan` prints.
        let wan = if in_wan {
            match budget_core::wan::to_wan(t, 2) {
                Ok(w) => Some(w),
                Err(e) => {
                    eprintln!("{}：{}", escape(&t.number), escape(&e.to_string()));
                    return Ok(EXIT_UNREADABLE);
                }
            }
        } else {
            None
        };
        let shown = wan.as_ref().map_or(*t, |w| &w.table);
        if as_csv {
            if i > 0 {
                out.write_all(b"\r\n")?;
            }
            out.write_all(crate::csv::table_csv(shown, wan.as_ref()).as_bytes())?;
        } else {
            if i > 0 {
                writeln!(out)?;
            }
            out.write_all(table_text(shown, wan.as_ref()).as_bytes())?;
        }
    }
    Ok(EXIT_OK)
}

/// A table by number (`3` → 表3) or id (`table3`, `project1`).
fn select<'a>(all: &[&'a Table], sel: &str) -> Option<&'a Table> {
    let sel = sel.trim();
    let id = match sel.parse::<usize>() {
        Ok(n) => format!("table{n}"),
        Err(_) => sel.to_string(),
    };
    all.iter().copied().find(|t| t.id == id || t.number == sel)
}

/// Print the narrative of `file`.
pub fn narrative(file: &Path, choice: Choice<'_>, out: &mut dyn Write) -> io::Result<u8> {
    let opened = match load_in(file, choice) {
        Ok(o) => o,
        Err(e) => {
            eprintln!(
                "{}: {}",
                escape(&file.display().to_string()),
                escape(&e.message())
            );
            return Ok(EXIT_UNREADABLE);
        }
    };
    warn_if_errors(file, &opened);
    for line in catalog_file::lines(&opened, choice) {
        eprintln!("{}", escape(&line));
    }
    if let Some(banner) = error_banner(&opened) {
        writeln!(out, "{banner}\n")?;
    }
    let n = &opened.derived().narrative;
    writeln!(out, "{}", escape(&n.title))?;
    for section in &n.sections {
        writeln!(out)?;
        writeln!(out, "{}", escape(&section.heading))?;
        for p in &section.paragraphs {
            writeln!(out, "\u{3000}\u{3000}{}", escape(p))?;
        }
    }
    Ok(EXIT_OK)
}

/// How a laid-out cell is aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Align {
    Left,
    Right,
    Center,
}

/// A cell placed on the grid: first column, columns spanned, text, alignment.
#[derive(Debug, Clone)]
struct Placed {
    col: usize,
    span: usize,
    text: String,
    align: Align,
}

fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Place header cells on the grid, honouring row spans from rows above (a merged
/// cell's text is printed once, in its first row and column).
fn place_header(t: &Table) -> Vec<Vec<Placed>> {
    let mut covered: Vec<Vec<bool>> = vec![Vec::new(); t.header.len()];
    let mut rows = Vec::with_capacity(t.header.len());
    for (r, cells) in t.header.iter().enumerate() {
        let mut placed = Vec::new();
        let mut col = 0;
        for cell in cells {
            while covered[r].get(col).copied().unwrap_or(false) {
                col += 1;
            }
            let span = usize::from(cell.colspan.max(1));
            let down = usize::from(cell.rowspan.max(1));
            for row in covered.iter_mut().skip(r).take(down) {
                if row.len() < col + span {
                    row.resize(col + span, false);
                }
                row[col..col + span].iter_mut().for_each(|c| *c = true);
            }
            placed.push(Placed {
                col,
                span,
                text: escape(&cell.text).into_owned(),
                align: Align::Center,
            });
            col += span;
        }
        rows.push(placed);
    }
    rows
}

/// How a money cell is printed, by row and cell index: `None` for
/// `Cell::display` (the 元 tables), or a 万元 table's balanced figures.
pub type Figures<'a> = Option<&'a budget_core::wan::WanTable>;

fn place_body(t: &Table, cells: &[Cell], row: usize, figures: Figures<'_>) -> Vec<Placed> {
    let mut col = 0;
    cells
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let span = match c {
                Cell::Span { colspan, .. } => usize::from((*colspan).max(1)),
                _ => 1,
            };
            let align = if c.money().is_some() {
                Align::Right
            } else {
                Align::Left
            };
            let p = Placed {
                col,
                span,
                text: match figures {
                    Some(w) if c.money().is_some() => w.display(row, i),
                    _ => escape(&t.show(c)).into_owned(),
                },
                align,
            };
            col += span;
            p
        })
        .collect()
}

/// The table as text: title, unit line, header, a rule, the body, the note.
/// Money cells are printed as `figures` says (`None`: as the cells display).
pub fn table_text(t: &Table, figures: Figures<'_>) -> String {
    let header = place_header(t);
    let body: Vec<Vec<Placed>> = t
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| place_body(t, &r.cells, i, figures))
        .collect();
    let ncols = header
        .iter()
        .chain(&body)
        .filter_map(|r| r.last().map(|p| p.col + p.span))
        .max()
        .unwrap_or(0);
    let mut widths = vec![0usize; ncols];
    let all_rows = || header.iter().chain(&body);
    for row in all_rows() {
        for p in row.iter().filter(|p| p.span == 1) {
            widths[p.col] = widths[p.col].max(width(&p.text));
        }
    }
    // Wide merged cells widen their last column; a long text spanning to the end
    // of a body row may simply run past the table's right edge.
    for (i, row) in all_rows().enumerate() {
        let in_body = i >= header.len();
        for (j, p) in row.iter().enumerate().filter(|(_, p)| p.span > 1) {
            if in_body && j + 1 == row.len() {
                continue;
            }
            let have = span_width(&widths, p.col, p.span);
            let need = width(&p.text);
            if need > have {
                widths[p.col + p.span - 1] += need - have;
            }
        }
    }
    let total = span_width(&widths, 0, ncols);
    let mut s = String::new();
    s.push_str(&escape(&t.number));
    s.push('\n');
    s.push_str(&escape(&t.title));
    s.push('\n');
    let unit = escape(&t.unit);
    if !unit.is_empty() {
        let pad = total.saturating_sub(width(&unit));
        s.push_str(&" ".repeat(pad));
        s.push_str(&unit);
        s.push('\n');
    }
    for row in &header {
        s.push_str(&line(row, &widths));
    }
    s.push_str(&"─".repeat(total));
    s.push('\n');
    for row in &body {
        s.push_str(&line(row, &widths));
    }
    if let Some(note) = &t.note {
        s.push_str(&escape(note));
        s.push('\n');
    }
    s
}

fn span_width(widths: &[usize], col: usize, span: usize) -> usize {
    let cols = &widths[col.min(widths.len())..(col + span).min(widths.len())];
    cols.iter().sum::<usize>() + GAP * cols.len().saturating_sub(1)
}

fn line(row: &[Placed], widths: &[usize]) -> String {
    let mut s = String::new();
    let mut col = 0;
    let mut items = row.iter().peekable();
    while col < widths.len() {
        if col > 0 {
            s.push_str(&" ".repeat(GAP));
        }
        match items.peek() {
            Some(p) if p.col == col => {
                let w = span_width(widths, col, p.span);
                s.push_str(&pad(&p.text, w, p.align));
                col += p.span;
                items.next();
            }
            _ => {
                s.push_str(&" ".repeat(widths[col]));
                col += 1;
            }
        }
    }
    let mut trimmed = s.trim_end().to_string();
    trimmed.push('\n');
    trimmed
}

fn pad(text: &str, w: usize, align: Align) -> String {
    let room = w.saturating_sub(width(text));
    match align {
        Align::Left => format!("{text}{}", " ".repeat(room)),
        Align::Right => format!("{}{text}", " ".repeat(room)),
        Align::Center => format!(
            "{}{text}{}",
            " ".repeat(room / 2),
            " ".repeat(room - room / 2)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use budget_core::table::{HeaderCell, RowKind, TableRow};
    use rust_decimal::Decimal;

    fn sample() -> Table {
        Table {
            id: "table2".into(),
            number: "表2".into(),
            title: "某单位一般公共预算财政拨款支出预算表".into(),
            unit: "单位：元".into(),
            header: vec![
                vec![
                    HeaderCell::span("科目编码", 1, 2),
                    HeaderCell::span("科目名称", 1, 2),
                    HeaderCell::span("本年预算", 2, 1),
                ],
                vec![HeaderCell::new("基本支出"), HeaderCell::new("项目支出")],
            ],
            rows: vec![
                TableRow {
                    kind: RowKind::Total,
                    cells: vec![
                        Cell::text(""),
                        Cell::text("合计"),
                        Cell::Money(Decimal::new(1190639706, 2)),
                        Cell::Money(Decimal::ZERO),
                    ],
                },
                TableRow {
                    kind: RowKind::Detail,
                    cells: vec![
                        Cell::text("2010301"),
                        Cell::text("行政运行"),
                        Cell::Money(Decimal::new(684916992, 2)),
                        Cell::Money(Decimal::new(15000000, 2)),
                    ],
                },
            ],
            note: None,
            sums: Default::default(),
            zeros_shown: false,
        }
    }

    #[test]
    fn aligns_by_display_width_with_merged_headers_printed_once() {
        let text = table_text(&sample(), None);
        let want = "\
表2
某单位一般公共预算财政拨款支出预算表
                                     单位：元
科目编码  科目名称          本年预算
                      基本支出      项目支出
─────────────────────────────────────────────
          合计      11,906,397.06
2010301   行政运行   6,849,169.92  150,000.00
";
        assert_eq!(text, want, "\n{text}");
        // Every body line's numbers end at the same display column.
        let ends: Vec<usize> = text.lines().skip(6).map(width).collect();
        assert_eq!(
            ends[1],
            width("2010301   行政运行   6,849,169.92  150,000.00")
        );
    }

    #[test]
    fn a_long_span_at_the_end_of_a_row_does_not_widen_the_table() {
        let mut t = sample();
        t.rows.push(TableRow {
            kind: RowKind::Detail,
            cells: vec![
                Cell::text("目标"),
                Cell::Span {
                    text: "很长的文字".repeat(20).into(),
                    colspan: 3,
                },
            ],
        });
        let text = table_text(&t, None);
        assert!(text.contains("\n目标      很长的文字"), "{text}");
        assert!(
            text.contains("2010301   行政运行   6,849,169.92  150,000.00\n"),
            "{text}"
        );
    }

    #[test]
    fn escape_shows_controls_and_bidi_visibly_and_keeps_the_rest() {
        for (input, want) in [
            ("行政运行", "行政运行"),
            ("a\nb", "a\nb"),
            ("\u{1b}[2J清屏", "\\u{1b}[2J清屏"),
            ("\u{202e}0001", "\\u{202e}0001"),
            ("a\tb\rc\u{7f}\u{9b}", "a\\u{9}b\\u{d}c\\u{7f}\\u{9b}"),
            (
                "\u{202a}\u{202b}\u{202c}\u{202d}\u{2066}\u{2067}\u{2068}\u{2069}",
                "\\u{202a}\\u{202b}\\u{202c}\\u{202d}\\u{2066}\\u{2067}\\u{2068}\\u{2069}",
            ),
            (
                "\u{200e}\u{200f}\u{61c}\u{2028}",
                "\\u{200e}\\u{200f}\\u{61c}\\u{2028}",
            ),
            ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ] {
            assert_eq!(escape(input), want, "{input:?}");
        }
        assert!(matches!(escape("plain 文字"), Cow::Borrowed(_)));
    }

    #[test]
    fn table_cells_are_escaped_before_their_width_is_measured() {
        let mut t = sample();
        t.title = "\u{1b}]0;owned\u{7}标题".into();
        t.rows[0].cells[1] = Cell::text("\u{202e}行政运行");
        let text = table_text(&t, None);
        assert!(!text.contains(['\u{1b}', '\u{7}', '\u{202e}']), "{text:?}");
        assert!(text.contains("\\u{1b}]0;owned\\u{7}标题"), "{text}");
        // Columns stay aligned: the escaped name widens its column, and the
        // figures in the next column still end at the same display column.
        let end = |fig: &str| {
            let line = text.lines().find(|l| l.contains(fig)).unwrap();
            width(&line[..line.find(fig).unwrap() + fig.len()])
        };
        assert_eq!(end("11,906,397.06"), end("6,849,169.92"), "{text}");
    }
}
