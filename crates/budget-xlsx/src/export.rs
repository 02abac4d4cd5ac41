//! The derived tables and the 情况说明 as an XLSX workbook.
//!
//! Layout follows the published tables: `表N`, the title merged across the table,
//! the unit line, the header with its merged cells, then the body. Every text is
//! written with `write_string` (a shared string), never as a formula, so a cell
//! the clerk typed as `=HYPERLINK(…)` or `+cmd|…` stays inert text.

use budget_core::narrative::Narrative;
use budget_core::table::{Cell, HeaderCell, RowKind, Table};
use budget_core::wan::{WanTable, to_wan};
use budget_core::{Derived, Inputs};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    DocProperties, Format, FormatAlign, FormatBorder, Note, Workbook, Worksheet,
    XlsxError as WriterError,
};

use crate::sheet_name::SheetNames;
use crate::width::display_width;

/// The most characters Excel keeps in one cell.
pub const MAX_CELL_CHARS: usize = 32_767;

/// Why a workbook could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum XlsxError {
    /// A text longer than an Excel cell can hold.
    #[error(
        "工作表“{sheet}”中有一段文字共 {chars} 个字符，超过 Excel 单元格上限 32767 个字符：{start}…"
    )]
    TextTooLong {
        /// Sheet name.
        sheet: String,
        /// Length in characters.
        chars: usize,
        /// The first characters, to find it.
        start: String,
    },
    /// The writer refused (a bug on our side rather than in the data).
    #[error("生成 XLSX 文件失败：{0}")]
    Writer(String),
}

impl From<WriterError> for XlsxError {
    fn from(e: WriterError) -> Self {
        XlsxError::Writer(e.to_string())
    }
}

/// Number format of 元 amounts: 千分位, 2 decimals.
pub const MONEY_FORMAT: &str = "#,##0.00";
/// Number format of 万元 amounts (表10).
pub const WAN_FORMAT: &str = "0.00";
/// Decimals of 万元 a workbook in 万元 prints (0.01 万元), as the screen.
pub const WAN_PRECISION: u32 = 2;

/// The unit a workbook's tables are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Unit {
    /// 元, to the 分, as derived.
    #[default]
    Yuan,
    /// 万元 at 0.01, balanced by 舍位平衡 (`budget_core::wan::to_wan`):
    /// every figure a number with `#,##0.00`, the unit line `单位：万元`,
    /// each moved figure with a note saying so and the rounding note below.
    Wan,
}

/// Printed page numbers: 第 1 页 共 3 页.
const PAGE_FOOTER: &str = "&C第 &P 页 共 &N 页";
/// Rows above the header: `表N`, the title, the unit line.
const HEAD_ROWS: u32 = 3;
/// Default height of one text line (points).
const LINE_HEIGHT: f64 = 15.0;
/// Excel's highest row.
const MAX_ROW_HEIGHT: f64 = 409.0;
/// Narrow and wide bounds of a column (characters).
const MIN_WIDTH: usize = 8;
const MAX_WIDTH: usize = 40;

/// The whole disclosure as one workbook: 情况说明, 表1–表10, then each project form.
///
/// Zero 元 amounts are written as blank cells, as the published tables print
/// them; 万元 figures (表10) are always numbers.
pub fn export_xlsx(inputs: &Inputs, derived: &Derived) -> Result<Vec<u8>, XlsxError> {
    export_xlsx_in(inputs, derived, Unit::Yuan)
}

/// `export_xlsx` with the tables in `unit`.
pub fn export_xlsx_in(
    inputs: &Inputs,
    derived: &Derived,
    unit: Unit,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let props = DocProperties::new()
        .set_title(&derived.narrative.title)
        .set_company(&inputs.unit.name)
        .set_author(&inputs.unit.name);
    book.set_properties(&props);
    let styles = Styles::new();
    let mut names = SheetNames::default();
    write_narrative(
        book.add_worksheet(),
        &names.claim("情况说明"),
        &derived.narrative,
        &styles,
    )?;
    for (i, table) in derived.tables.iter().enumerate() {
        let name = names.claim(&table_sheet_name(inputs, table, i + 1));
        write_in(book.add_worksheet(), &name, table, &styles, unit)?;
    }
    for (i, table) in derived.project_tables.iter().enumerate() {
        let project = inputs
            .projects
            .get(i)
            .map(|p| p.name.as_str())
            .unwrap_or("");
        let name = names.claim(&format!("项目{} {}", i + 1, project));
        write_in(book.add_worksheet(), &name, table, &styles, unit)?;
    }
    Ok(book.save_to_buffer()?)
}

/// One table alone as a workbook of one sheet (named after its number), e.g. to
/// hand 表2 to another system.
pub fn export_table_xlsx(table: &Table) -> Result<Vec<u8>, XlsxError> {
    export_table_xlsx_in(table, Unit::Yuan)
}

/// `export_table_xlsx` in `unit`.
pub fn export_table_xlsx_in(table: &Table, unit: Unit) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let styles = Styles::new();
    let name = SheetNames::default().claim(&table.number);
    write_in(book.add_worksheet(), &name, table, &styles, unit)?;
    Ok(book.save_to_buffer()?)
}

/// Write `table` in `unit`.
fn write_in(
    ws: &mut Worksheet,
    name: &str,
    table: &Table,
    st: &Styles,
    unit: Unit,
) -> Result<(), XlsxError> {
    match unit {
        Unit::Yuan => write_table(ws, name, table, None, st),
        Unit::Wan => match to_wan(table, WAN_PRECISION) {
            Ok(w) => write_table(ws, name, &w.table, Some(&w), st),
            // Only a precision over 6 fails, and this one is 2.
            Err(_) => write_table(ws, name, table, None, st),
        },
    }
}

/// `表2 一般公共预算财政拨款支出预算表`: the number and the title without the unit name.
fn table_sheet_name(inputs: &Inputs, table: &Table, n: usize) -> String {
    let short = table
        .title
        .strip_prefix(inputs.unit.name.as_str())
        .unwrap_or(&table.title);
    let number = if table.number.is_empty() {
        format!("表{n}")
    } else {
        table.number.clone()
    };
    if short.is_empty() {
        number
    } else {
        format!("{number} {short}")
    }
}

/// The cell formats of a workbook.
struct Styles {
    number_label: Format,
    title: Format,
    unit: Format,
    header: Format,
    text: Format,
    text_bold: Format,
    money: Format,
    money_bold: Format,
    wan: Format,
    wan_bold: Format,
    blank: Format,
    note: Format,
    heading: Format,
    paragraph: Format,
}

impl Styles {
    fn new() -> Self {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        let text = cell.clone().set_text_wrap();
        let money = cell
            .clone()
            .set_num_format(MONEY_FORMAT)
            .set_align(FormatAlign::Right);
        let wan = cell
            .clone()
            .set_num_format(WAN_FORMAT)
            .set_align(FormatAlign::Right);
        Styles {
            number_label: Format::new().set_bold(),
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            unit: Format::new().set_align(FormatAlign::Right),
            header: cell
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            text_bold: text.clone().set_bold(),
            text,
            money_bold: money.clone().set_bold(),
            money,
            wan_bold: wan.clone().set_bold(),
            wan,
            blank: cell,
            note: Format::new().set_text_wrap(),
            heading: Format::new().set_bold().set_font_size(12),
            paragraph: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

/// Refuse a text Excel would truncate, rather than cut the clerk's words.
fn checked<'a>(sheet: &str, text: &'a str) -> Result<&'a str, XlsxError> {
    let chars = text.chars().count();
    if chars > MAX_CELL_CHARS {
        return Err(XlsxError::TextTooLong {
            sheet: sheet.to_string(),
            chars,
            start: text.chars().take(20).collect(),
        });
    }
    Ok(text)
}

/// Write a text (always a string cell), merged over `cols`×`rows` when larger than one cell.
#[allow(clippy::too_many_arguments)]
fn put_text(
    ws: &mut Worksheet,
    sheet: &str,
    row: u32,
    col: u16,
    rows: u32,
    cols: u16,
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    let text = checked(sheet, text)?;
    let last_row = row + rows.max(1) - 1;
    let last_col = col + cols.max(1) - 1;
    if last_row == row && last_col == col {
        ws.write_string_with_format(row, col, text, format)?;
    } else {
        ws.merge_range(row, col, last_row, last_col, text, format)?;
    }
    Ok(())
}

fn to_f64(v: Decimal) -> f64 {
    // Amounts are at most 10^12 with 2 decimals: well inside f64's exact range.
    v.to_f64().unwrap_or(0.0)
}

/// Where each header cell lands: (row, col, cell), skipping columns that a
/// cell above still covers (the HTML table layout rule).
fn place_header(header: &[Vec<HeaderCell>]) -> (Vec<(u32, u16, &HeaderCell)>, usize) {
    let mut covered: Vec<Vec<bool>> = vec![Vec::new(); header.len()];
    let mut placed = Vec::new();
    let mut width = 0;
    for (r, cells) in header.iter().enumerate() {
        let mut c = 0usize;
        for cell in cells {
            while covered[r].get(c).copied().unwrap_or(false) {
                c += 1;
            }
            let cs = usize::from(cell.colspan.max(1));
            let rs = usize::from(cell.rowspan.max(1));
            for line in covered.iter_mut().skip(r).take(rs) {
                if line.len() < c + cs {
                    line.resize(c + cs, false);
                }
                for slot in &mut line[c..c + cs] {
                    *slot = true;
                }
            }
            placed.push((r as u32, c as u16, cell));
            c += cs;
            width = width.max(c);
        }
    }
    (placed, width)
}

/// Write `table`; `wan` is the 万元 table it is, when written in 万元.
fn write_table(
    ws: &mut Worksheet,
    name: &str,
    table: &Table,
    wan: Option<&WanTable>,
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let (placed, header_width) = place_header(&table.header);
    let width = table.columns().max(header_width).max(1);
    let last_col = (width - 1) as u16;
    let header_rows = table.header.len() as u32;

    // 表N, the title, the unit line.
    put_text(ws, name, 0, 0, 1, 1, &table.number, &st.number_label)?;
    put_text(ws, name, 1, 0, 1, last_col + 1, &table.title, &st.title)?;
    ws.set_row_height(1, 30)?;
    put_text(ws, name, 2, 0, 1, last_col + 1, &table.unit, &st.unit)?;

    // Column widths from the widest single-column text or figure.
    let mut widths = vec![MIN_WIDTH; width];
    for (r, c, cell) in &placed {
        ws.set_row_height(HEAD_ROWS + r, 30)?;
        put_text(
            ws,
            name,
            HEAD_ROWS + r,
            *c,
            u32::from(cell.rowspan.max(1)),
            cell.colspan.max(1),
            &cell.text,
            &st.header,
        )?;
        if cell.colspan <= 1 {
            // A header may wrap onto two lines.
            let w = display_width(&cell.text).div_ceil(2) + 2;
            if let Some(slot) = widths.get_mut(usize::from(*c)) {
                *slot = (*slot).max(w);
            }
        }
    }

    let body_start = HEAD_ROWS + header_rows;
    let mut spans: Vec<(u32, u16, u16, &str)> = Vec::new();
    for (i, row) in table.rows.iter().enumerate() {
        let r = body_start + i as u32;
        let bold = matches!(row.kind, RowKind::Total | RowKind::Group);
        let (text_f, money_f, wan_f) = if bold {
            (&st.text_bold, &st.money_bold, &st.wan_bold)
        } else {
            (&st.text, &st.money, &st.wan)
        };
        let mut c: u16 = 0;
        for (ci, cell) in row.cells.iter().enumerate() {
            if let (Cell::Wan(v), Some(w)) = (cell, wan) {
                // As the screen prints it: blank where the 元 figure was zero.
                let shown = w.display(i, ci);
                if shown.is_empty() {
                    ws.write_blank(r, c, money_f)?;
                } else {
                    ws.write_number_with_format(r, c, to_f64(*v), money_f)?;
                    bump(&mut widths, c, shown.len() + 4);
                }
                if let Some(a) = w.adjusted_at(i, ci) {
                    let note = Note::new(w.explain(a)).set_author("舍位平衡");
                    ws.insert_note(r, c, &note)?;
                }
                c = c.saturating_add(1);
                continue;
            }
            let mut span = 1;
            match cell {
                Cell::Text(s) => {
                    put_text(ws, name, r, c, 1, 1, s, text_f)?;
                    bump(&mut widths, c, display_width(s) + 2);
                }
                Cell::Span { text, colspan } => {
                    span = (*colspan).max(1);
                    put_text(ws, name, r, c, 1, span, text, text_f)?;
                    if span == 1 {
                        bump(&mut widths, c, display_width(text) + 2);
                    } else {
                        spans.push((r, c, span, text));
                    }
                }
                Cell::Money(v) if v.is_zero() && !table.zeros_shown => {
                    ws.write_blank(r, c, money_f)?;
                }
                Cell::Money(v) => {
                    ws.write_number_with_format(r, c, to_f64(*v), money_f)?;
                    bump(
                        &mut widths,
                        c,
                        budget_core::amount::format_yuan(*v).len() + 2,
                    );
                }
                Cell::Wan(v) => {
                    ws.write_number_with_format(r, c, to_f64(*v), wan_f)?;
                    bump(&mut widths, c, format!("{v:.2}").len() + 2);
                }
                Cell::Empty => {
                    ws.write_blank(r, c, &st.blank)?;
                }
            }
            c = c.saturating_add(span);
        }
        // A short row still gets its borders.
        while usize::from(c) < width {
            ws.write_blank(r, c, &st.blank)?;
            c += 1;
        }
    }
    let widths: Vec<usize> = widths.into_iter().map(|w| w.min(MAX_WIDTH)).collect();
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w as f64)?;
    }
    // Excel does not grow a row for wrapped text in merged cells: size it here.
    let mut tallest: Vec<(u32, usize)> = Vec::new();
    for (r, c, span, text) in spans {
        let end = (usize::from(c) + usize::from(span)).min(width);
        let avail: usize = widths
            .get(usize::from(c)..end)
            .map(|w| w.iter().sum::<usize>())
            .unwrap_or(0)
            .max(1);
        let lines = text_lines(text, avail);
        match tallest.iter_mut().find(|(row, _)| *row == r) {
            Some(slot) => slot.1 = slot.1.max(lines),
            None => tallest.push((r, lines)),
        }
    }
    // Single wrapped cells too (capped columns).
    for (i, row) in table.rows.iter().enumerate() {
        let r = body_start + i as u32;
        let mut c = 0usize;
        for cell in &row.cells {
            if let Cell::Text(s) = cell
                && let Some(w) = widths.get(c)
            {
                let lines = text_lines(s, *w);
                match tallest.iter_mut().find(|(row, _)| *row == r) {
                    Some(slot) => slot.1 = slot.1.max(lines),
                    None => tallest.push((r, lines)),
                }
            }
            c += match cell {
                Cell::Span { colspan, .. } => usize::from((*colspan).max(1)),
                _ => 1,
            };
        }
    }
    for (r, lines) in tallest {
        if lines > 1 {
            ws.set_row_height(r, (lines as f64 * LINE_HEIGHT).min(MAX_ROW_HEIGHT))?;
        }
    }

    if let Some(note) = &table.note {
        let below = body_start + table.rows.len() as u32 + 1;
        put_text(ws, name, below, 0, 1, last_col + 1, note, &st.note)?;
    }

    ws.set_freeze_panes(body_start, 0)?;
    ws.set_paper_size(9); // A4
    ws.set_footer(PAGE_FOOTER);
    if width > 6 {
        ws.set_landscape();
    }
    ws.set_print_fit_to_pages(1, 0);
    if header_rows > 0 {
        ws.set_repeat_rows(HEAD_ROWS, body_start - 1)?;
    }
    Ok(())
}

fn bump(widths: &mut [usize], col: u16, w: usize) {
    if let Some(slot) = widths.get_mut(usize::from(col)) {
        *slot = (*slot).max(w);
    }
}

/// Lines a text needs in a column of `width` characters (explicit breaks count).
fn text_lines(text: &str, width: usize) -> usize {
    let width = width.saturating_sub(1).max(1);
    text.split('\n')
        .map(|line| display_width(line).div_ceil(width).max(1))
        .sum()
}

/// 情况说明: the title, then each heading and its paragraphs, one per row.
fn write_narrative(
    ws: &mut Worksheet,
    name: &str,
    narrative: &Narrative,
    st: &Styles,
) -> Result<(), XlsxError> {
    const COLUMN_WIDTH: usize = 100;
    ws.set_name(name)?;
    ws.set_column_width(0, COLUMN_WIDTH as f64)?;
    ws.set_paper_size(9);
    ws.set_footer(PAGE_FOOTER);
    ws.set_print_fit_to_pages(1, 0);
    let mut r = 0u32;
    put_text(ws, name, r, 0, 1, 1, &narrative.title, &st.title)?;
    ws.set_row_height(r, 30)?;
    r += 2;
    let paragraph = |ws: &mut Worksheet, r: &mut u32, text: &str| -> Result<(), XlsxError> {
        put_text(ws, name, *r, 0, 1, 1, text, &st.paragraph)?;
        let lines = text_lines(text, COLUMN_WIDTH);
        if lines > 1 {
            ws.set_row_height(*r, (lines as f64 * LINE_HEIGHT).min(MAX_ROW_HEIGHT))?;
        }
        *r += 1;
        Ok(())
    };
    for section in &narrative.sections {
        put_text(ws, name, r, 0, 1, 1, &section.heading, &st.heading)?;
        r += 1;
        for p in &section.paragraphs {
            paragraph(ws, &mut r, p)?;
        }
        r += 1;
    }
    if !narrative.contact.is_empty() {
        paragraph(ws, &mut r, &narrative.contact)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_cells_skip_columns_covered_from_above() {
        // 表7's shape: 科目 spans 2 columns; 事业收入 spans 2; the rest span 2 rows.
        let header = vec![
            vec![
                HeaderCell::span("科目", 2, 1),
                HeaderCell::span("合计", 1, 2),
                HeaderCell::span("事业收入", 2, 1),
                HeaderCell::span("其他收入", 1, 2),
            ],
            vec![
                HeaderCell::new("科目编码"),
                HeaderCell::new("科目名称"),
                HeaderCell::new("非教育收费收入"),
                HeaderCell::new("教育收费收入"),
            ],
        ];
        let (placed, width) = place_header(&header);
        let at: Vec<(u32, u16, &str)> = placed
            .iter()
            .map(|(r, c, h)| (*r, *c, h.text.as_str()))
            .collect();
        assert_eq!(
            at,
            vec![
                (0, 0, "科目"),
                (0, 2, "合计"),
                (0, 3, "事业收入"),
                (0, 5, "其他收入"),
                (1, 0, "科目编码"),
                (1, 1, "科目名称"),
                (1, 3, "非教育收费收入"),
                (1, 4, "教育收费收入"),
            ]
        );
        assert_eq!(width, 6);
    }

    #[test]
    fn long_text_needs_more_lines() {
        assert_eq!(text_lines("短", 10), 1);
        assert_eq!(text_lines(&"字".repeat(30), 21), 3);
        assert_eq!(text_lines("a\nb", 10), 2);
    }

    #[test]
    fn refuses_text_longer_than_a_cell() {
        let long = "x".repeat(MAX_CELL_CHARS + 1);
        let err = checked("表1", &long).unwrap_err();
        assert!(err.to_string().contains("32767"), "{err}");
        assert!(checked("表1", &"x".repeat(MAX_CELL_CHARS)).is_ok());
    }
}
