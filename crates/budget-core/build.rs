//! Embeds the catalogs compactly. Each fiscal year has a folder `data/<year>/`
//! with `function.csv` and `economic.csv` (`code,name,status,source`). The
//! first year becomes `code,name,v` lines (`v` verified, `u` unverified),
//! without the comment lines, the header and the source column, which only the
//! tests read; each later year only its differences from the year before: a
//! `code,name,v` line per new or changed row, a `-code` line per code gone
//! (catalog.rs `parse_delta`), so a year costs about its changes, not a second
//! copy. `catalogs.rs` lists them (compiled in with the `embedded-catalogs`
//! feature: the CLI, the worker, the tests), and the year-to-year code mappings
//! of `data/mapping/` (embedded whole). `catalogs.txt` is the same data as one
//! text: the page fetches it (web/catalogs.txt) instead of carrying it.

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
         #[cfg(feature = \"embedded-catalogs\")]\n\
         const YEARS: &[(u32, &str, &str)] = &[\n",
    );
    // The same data as one text for the page, which fetches it
    // (web/catalogs.txt, kept equal to this by a test): `@<year> function`
    // and `@<year> economic` before each part.
    let mut bundle = String::new();
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
            let data = lines(&now, before[kind].as_ref());
            let _ = write!(bundle, "@{year} {name}\n{data}");
            fs::write(&dst, data).expect("write");
            // OUT_DIR as the crate compiles (a copied target directory works).
            files.push(format!(
                "include_str!(concat!(env!(\"OUT_DIR\"), \"/{year}-{name}.txt\"))"
            ));
            before[kind] = Some(now);
        }
        let _ = writeln!(list, "    ({year}, {}, {}),", files[0], files[1]);
    }
    list.push_str("];\n");
    list.push_str(&mappings());
    fs::write(Path::new(&out).join("catalogs.txt"), bundle).expect("write");
    fs::write(Path::new(&out).join("catalogs.rs"), list).expect("write");
}

/// `MAPPINGS`: every `data/mapping/<from>-<to>.csv` (next_year.rs reads
/// them), ascending by year.
fn mappings() -> String {
    let dir = Path::new("data").join("mapping");
    let mut found: Vec<(u32, u32, String)> = fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| {
                    let path = e.ok()?.path();
                    let stem = path.file_stem()?.to_str()?;
                    let (from, to) = stem.split_once('-')?;
                    Some((
                        from.parse().ok()?,
                        to.parse().ok()?,
                        path.display().to_string(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    let mut out = String::from(
        "/// Year-to-year code mappings: (from year, to year, `from,to,kind,source` CSV).\n\
         pub(super) const MAPPINGS: &[(u32, u32, &str)] = &[\n",
    );
    for (from, to, path) in found {
        println!("cargo:rerun-if-changed={path}");
        // Resolved where the crate compiles, not where this script ran: a
        // target directory reused by another checkout (a worktree, CI's
        // clone) would otherwise include a file of a checkout that may be gone.
        let _ = writeln!(
            out,
            "    ({from}, {to}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), {:?}))),",
            format!("/{}", path.replace('\\', "/"))
        );
    }
    out.push_str("];\n");
    out
}
