//! Shared helpers of the budget-xlsx integration tests.
#![allow(dead_code)]

pub mod cells;

use std::io::{Cursor, Read};
use std::path::PathBuf;
use std::str::FromStr;

use budget_core::file::{Opened, open};
use budget_core::{Derived, Inputs};
use calamine::{Data, Range, Reader, Xlsx};
use rust_decimal::Decimal;

/// The sample inputs (the seed, 2021).
pub fn sample() -> Inputs {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/dadukou-2021.json");
    let bytes = std::fs::read(path).unwrap();
    match open(&bytes).unwrap() {
        Opened::Inputs { inputs, .. } => inputs,
        Opened::Submission(s) => s.inputs,
    }
}

/// Inputs and what they derive.
pub fn derived(inputs: &Inputs) -> Derived {
    budget_core::derive(inputs)
}

/// An opened workbook over bytes.
pub fn book(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes.to_vec())).unwrap()
}

/// One sheet's cells.
pub fn range(bytes: &[u8], sheet: &str) -> Range<Data> {
    book(bytes).worksheet_range(sheet).unwrap()
}

/// The cell at absolute (row, col), Empty when outside.
pub fn at(r: &Range<Data>, row: u32, col: u32) -> Data {
    r.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

/// A number cell as an exact decimal (the shortest text of the double).
pub fn decimal(d: &Data) -> Option<Decimal> {
    match d {
        Data::Float(f) => Decimal::from_str(&format!("{f}")).ok(),
        Data::Int(i) => Some(Decimal::from(*i)),
        _ => None,
    }
}

/// Every worksheet XML part of an XLSX file, as text.
pub fn sheet_xml(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).unwrap();
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        if name.starts_with("xl/worksheets/") && name.ends_with(".xml") {
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            out.push((name, s));
        }
    }
    out
}

/// One part of an XLSX file (e.g. `xl/styles.xml`), as text.
pub fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}
