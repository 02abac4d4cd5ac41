//! Embeds the catalogs compactly: `data/*.csv` as `code,name` lines, without
//! the comment lines, the header and the provenance column (the source of each
//! row), which only the tests read. The page carries the catalogs in its wasm.

use std::path::Path;
use std::{env, fs};

fn main() {
    let out = env::var("OUT_DIR").expect("OUT_DIR");
    for name in ["function", "economic"] {
        let src = format!("data/{name}.csv");
        println!("cargo:rerun-if-changed={src}");
        let csv = fs::read_to_string(&src).expect("catalog CSV");
        let mut compact = String::with_capacity(csv.len() / 2);
        // The same lines and fields as `catalog::data_lines` and `catalog::parse` read.
        for line in csv
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .skip(1)
        {
            let mut parts = line.splitn(3, ',');
            if let (Some(code), Some(name)) = (parts.next(), parts.next()) {
                compact.push_str(code.trim());
                compact.push(',');
                compact.push_str(name.trim());
                compact.push('\n');
            }
        }
        fs::write(Path::new(&out).join(format!("{name}.txt")), compact).expect("write");
    }
}
