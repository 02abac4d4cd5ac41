//! Embeds the catalogs compactly. Each fiscal year has a folder `data/<year>/`
//! with `function.csv` and `economic.csv` (`code,name,status,source`); each
//! becomes `code,name,v` lines (`v` verified, `u` unverified), without the
//! comment lines, the header and the source column, which only the tests read.
//! The page carries the catalogs in its wasm. `catalogs.rs` lists the years.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

/// The compact lines of one catalog CSV; panics (fails the build) on a row
/// whose status is neither `verified` nor `unverified`.
fn compact(path: &Path) -> String {
    let csv = fs::read_to_string(path).expect("catalog CSV");
    let mut out = String::with_capacity(csv.len() / 2);
    // The same lines and fields the catalog tests read.
    for line in csv
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
    {
        let mut parts = line.splitn(4, ',');
        let (Some(code), Some(name), Some(status)) = (parts.next(), parts.next(), parts.next())
        else {
            panic!("{}: short row {line:?}", path.display());
        };
        let mark = match status.trim() {
            "verified" => 'v',
            "unverified" => 'u',
            other => panic!("{}: bad status {other:?} in {line:?}", path.display()),
        };
        let _ = writeln!(out, "{},{},{mark}", code.trim(), name.trim());
    }
    out
}

fn main() {
    let out = env::var("OUT_DIR").expect("OUT_DIR");
    println!("cargo:rerun-if-changed=data");
    let mut years: Vec<u32> = fs::read_dir("data")
        .expect("data/")
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
        .collect();
    years.sort_unstable();
    assert!(!years.is_empty(), "no data/<year>/ catalogs");
    let mut list = String::from(
        "/// Fiscal years with a catalog, ascending: (year, function data, economic data).\n\
         const YEARS: &[(u32, &str, &str)] = &[\n",
    );
    for year in years {
        let mut files = Vec::new();
        for name in ["function", "economic"] {
            let src = Path::new("data")
                .join(year.to_string())
                .join(format!("{name}.csv"));
            println!("cargo:rerun-if-changed={}", src.display());
            let dst = Path::new(&out).join(format!("{year}-{name}.txt"));
            fs::write(&dst, compact(&src)).expect("write");
            files.push(format!("include_str!({:?})", dst.display().to_string()));
        }
        let _ = writeln!(list, "    ({year}, {}, {}),", files[0], files[1]);
    }
    list.push_str("];\n");
    fs::write(Path::new(&out).join("catalogs.rs"), list).expect("write");
}
