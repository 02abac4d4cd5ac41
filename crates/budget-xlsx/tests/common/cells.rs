//! Cells of real-shaped sheets, written as systems write them.

use rust_xlsxwriter::Worksheet;

/// A code cell as a system writes it.
#[derive(Clone, Copy)]
pub enum Cell {
    Blank,
    Text(&'static str),
    Number(f64),
}

/// Write `cell` at (`r`, `c`), 0-based.
pub fn write(ws: &mut Worksheet, r: u32, c: u16, cell: Cell) {
    match cell {
        Cell::Blank => {}
        Cell::Text(t) => {
            ws.write_string(r, c, t).unwrap();
        }
        Cell::Number(n) => {
            ws.write_number(r, c, n).unwrap();
        }
    }
}

/// Body lines written from sheet row `first` (0-based): code cells, then the
/// name, then the figures (a 0.0 written as 0, as 上海 prints 0.00).
pub fn write_body(ws: &mut Worksheet, first: u32, lines: &[(&[Cell], &str, &[f64])]) {
    for (i, (code, name, figures)) in lines.iter().enumerate() {
        let r = first + i as u32;
        for (c, cell) in code.iter().enumerate() {
            write(ws, r, c as u16, *cell);
        }
        let name_col = code.len() as u16;
        ws.write_string(r, name_col, *name).unwrap();
        for (c, x) in figures.iter().enumerate() {
            ws.write_number(r, name_col + 1 + c as u16, *x).unwrap();
        }
    }
}
