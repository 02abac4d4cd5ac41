//! Tab-separated text as Excel and WPS put it on the clipboard, and back.
//!
//! Excel writes rows ending in CRLF (the last one too), cells separated by tabs,
//! and quotes a cell that holds a tab, a newline or a quote (`"a""b"`); the
//! quotes are only special at the start of a cell.

/// Parse clipboard TSV into rows of cells.
///
/// CRLF, LF and a lone CR end a row; the final line ending adds no empty row;
/// a trailing tab gives a trailing empty cell (kept, so column positions hold).
pub fn parse(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut at_cell_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if at_cell_start => {
                at_cell_start = false;
                // A quoted cell: up to the closing quote; "" is one quote.
                loop {
                    match chars.next() {
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            cell.push('"');
                        }
                        Some('"') | None => break,
                        Some(ch) => cell.push(ch),
                    }
                }
                // Text after the closing quote (malformed) is kept as typed.
            }
            '\t' => {
                row.push(std::mem::take(&mut cell));
                at_cell_start = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_cell_start = true;
            }
            _ => {
                at_cell_start = false;
                cell.push(c);
            }
        }
    }
    if !at_cell_start || !row.is_empty() || !cell.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// A block pasted over a larger selection whose height and width are whole
/// multiples of the block's: the block repeated to fill it, as Excel does (one
/// copied cell fills the whole selection). `None` when the block is not a
/// rectangle, the selection is not larger, or does not divide evenly; the
/// block is then pasted once at the selection's top left.
pub fn tile(block: &[Vec<String>], rows: usize, cols: usize) -> Option<Vec<Vec<String>>> {
    let height = block.len();
    let width = block.first().map_or(0, Vec::len);
    if height == 0 || width == 0 || block.iter().any(|r| r.len() != width) {
        return None;
    }
    if (rows, cols) == (height, width)
        || !rows.is_multiple_of(height)
        || !cols.is_multiple_of(width)
    {
        return None;
    }
    Some(
        (0..rows)
            .map(|i| {
                (0..cols)
                    .map(|j| block[i % height][j % width].clone())
                    .collect()
            })
            .collect(),
    )
}

/// Write rows of cells as TSV, quoting cells that need it, CRLF line ends (as Excel).
pub fn write(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push('\t');
            }
            if cell.contains(['\t', '\n', '\r', '"']) {
                out.push('"');
                out.push_str(&cell.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(cell);
            }
        }
        out.push_str("\r\n");
    }
    out
}

/// The same rows as an HTML table (the clipboard's `text/html` flavour).
pub fn write_html(rows: &[Vec<String>]) -> String {
    let mut out = String::from("<table>");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            out.push_str("<td>");
            for (k, line) in cell.split('\n').enumerate() {
                if k > 0 {
                    out.push_str("<br>");
                }
                push_html(&mut out, line);
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
    out
}

/// `text` as HTML text or attribute value: `&`, `<`, `>` and `"` escaped.
pub fn push_html(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {

    fn cells(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn a_block_tiles_a_selection_its_size_divides() {
        // Excel copies one cell as `v\r\n`: one value fills the selection.
        let one = parse("12.50\r\n");
        assert_eq!(
            tile(&one, 3, 2),
            Some(cells(&[
                &["12.50", "12.50"],
                &["12.50", "12.50"],
                &["12.50", "12.50"]
            ]))
        );
        let pair = cells(&[&["a", "b"]]);
        assert_eq!(
            tile(&pair, 2, 4),
            Some(cells(&[&["a", "b", "a", "b"], &["a", "b", "a", "b"]]))
        );
        // Not a whole multiple, the same size, smaller, ragged or empty: pasted once.
        assert_eq!(tile(&pair, 2, 3), None);
        assert_eq!(tile(&pair, 1, 2), None);
        assert_eq!(tile(&pair, 1, 1), None);
        assert_eq!(tile(&cells(&[&["a", "b"], &["c"]]), 4, 2), None);
        assert_eq!(tile(&[], 2, 2), None);
    }

    use super::*;

    fn p(text: &str) -> Vec<Vec<String>> {
        parse(text)
    }

    #[test]
    fn excel_block_with_crlf_thousands_and_blanks() {
        assert_eq!(
            p("2010301\t行政运行\t6,849,169.92\r\n2010302\t\t150,000.00\r\n"),
            vec![
                vec!["2010301", "行政运行", "6,849,169.92"],
                vec!["2010302", "", "150,000.00"],
            ]
        );
    }

    #[test]
    fn trailing_tabs_keep_empty_cells() {
        assert_eq!(p("a\t\t\r\n"), vec![vec!["a", "", ""]]);
        assert_eq!(p("\t\n"), vec![vec!["", ""]]);
    }

    #[test]
    fn one_cell_without_line_end() {
        assert_eq!(p("123"), vec![vec!["123"]]);
        assert!(parse("").is_empty());
    }

    #[test]
    fn empty_lines_inside_the_block_stay() {
        assert_eq!(p("a\r\n\r\nb\r\n"), vec![vec!["a"], vec![""], vec!["b"]]);
    }

    #[test]
    fn quoted_cells_hold_newlines_tabs_and_quotes() {
        assert_eq!(
            p("\"第一行\r\n第二行\"\t\"说 \"\"好\"\"\"\r\n\"a\tb\"\tc\n"),
            vec![vec!["第一行\r\n第二行", "说 \"好\""], vec!["a\tb", "c"]]
        );
    }

    #[test]
    fn quotes_inside_a_cell_are_text() {
        assert_eq!(p("5\"\t6\r\n"), vec![vec!["5\"", "6"]]);
    }

    #[test]
    fn lone_cr_ends_a_row() {
        assert_eq!(p("a\rb"), vec![vec!["a"], vec!["b"]]);
    }

    #[test]
    fn write_then_parse_round_trips() {
        let rows = vec![
            vec!["2010301".to_string(), "1,000.00".to_string()],
            vec!["a\"b".to_string(), "x\ny\tz".to_string()],
            vec![String::new(), String::new()],
        ];
        assert_eq!(parse(&write(&rows)), rows);
    }

    #[test]
    fn html_escapes_markup() {
        assert_eq!(
            write_html(&[vec!["<b>&".to_string()]]),
            "<table><tr><td>&lt;b&gt;&amp;</td></tr></table>"
        );
    }
}
