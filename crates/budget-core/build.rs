//! Embeds the catalogs compactly. Each fiscal year has a folder `data/<year>/`
//! with `function.csv` and `economic.csv` (`code,name,status,source`). The
//! first year becomes `code,name,v` lines (`v` verified, `u` unverified),
//! without the comment lines, the header and the source column, which only the
//! tests read; each later year only its differences from the year before: a
//! `code,name,v` line per new or changed row, a `-code` line per code gone
//! (catalog.rs `parse_delta`). The page carries the catalogs in its wasm, so a
//! year costs about its changes, not a second copy. `catalogs.rs` lists them.

// A build script reads the data files and writes its output: the core's
// no-IO rule (clippy.toml) is for the library.
#![allow(clippy::disallowed_methods)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

/// `code` → `name,v` of one catalog CSV, in code order; panics (fails the
/// build) on a short row or one whose status is neither `verified` nor
/// `unverified`.
fn rows(path: &Path) -> BTreeMap<String, String> {
    let csv = fs::read_to_string(path).expect("catalog CSV");
    let mut out = BTreeMap::new();
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
        out.insert(code.trim().to_string(), format!("{},{mark}", name.trim()));
    }
    out
}

/// The embedded lines of `now`: all of it without a year before, else its
/// differences from `before`.
fn lines(now: &BTreeMap<String, String>, before: Option<&BTreeMap<String, String>>) -> String {
    let mut out = String::new();
    for (code, row) in now {
        if before.and_then(|b| b.get(code)) != Some(row) {
            let _ = writeln!(out, "{code},{row}");
        }
    }
    for code in before.into_iter().flat_map(|b| b.keys()) {
        if !now.contains_key(code) {
            let _ = writeln!(out, "-{code}");
        }
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
        "/// Fiscal years with a catalog, ascending: (year, function data, economic data),\n\
         /// the first year whole, each later one as its differences from the one before.\n\
         const YEARS: &[(u32, &str, &str)] = &[\n",
    );
    let mut before: [Option<BTreeMap<String, String>>; 2] = [None, None];
    for year in years {
        let mut files = Vec::new();
        for (kind, name) in ["function", "economic"].into_iter().enumerate() {
            let src = Path::new("data")
                .join(year.to_string())
                .join(format!("{name}.csv"));
            println!("cargo:rerun-if-changed={}", src.display());
            let now = rows(&src);
            let dst = Path::new(&out).join(format!("{year}-{name}.txt"));
            fs::write(&dst, lines(&now, before[kind].as_ref())).expect("write");
            files.push(format!("include_str!({:?})", dst.display().to_string()));
            before[kind] = Some(now);
        }
        let _ = writeln!(list, "    ({year}, {}, {}),", files[0], files[1]);
    }
    list.push_str("];\n");
    fs::write(Path::new(&out).join("catalogs.rs"), list).expect("write");
}
