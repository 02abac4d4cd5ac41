//! The catalogs' text the page fetches (web/catalogs.txt): the same data as
//! the built-in catalogs, and read back by `install`'s parser exactly.

// A test reads and (with BLESS=1) writes the committed file: the core's
// no-IO rule is for the library.
#![allow(clippy::disallowed_methods)]

use budget_core::catalog::{self, BUNDLE, BundleError, parse_bundle};

/// `web/catalogs.txt` is what build.rs writes from data/. `BLESS=1` rewrites it.
#[test]
fn the_page_fetches_the_built_catalogs() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../web/catalogs.txt");
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(path, BUNDLE).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == BUNDLE,
        "{path} is stale (a catalog in crates/budget-core/data changed): \
         BLESS=1 cargo test -p budget-core --test catalog_bundle"
    );
}

/// Installed from the text, each year's catalogs are the built-in ones:
/// every year, every entry (the page and the CLI check against the same).
#[test]
fn the_text_gives_every_built_in_year() {
    let years = parse_bundle(BUNDLE).unwrap();
    let built_in: Vec<u32> = catalog::years().collect();
    assert_eq!(
        years.iter().map(|(y, _, _)| *y).collect::<Vec<_>>(),
        built_in
    );
    assert!(built_in.len() >= 2, "{built_in:?}");
    // The first year is whole: its lines are the built-in catalog's entries.
    let (first, function, economic) = &years[0];
    let cats = catalog::for_year(*first).0;
    for (data, cat) in [(function, cats.function()), (economic, cats.economic())] {
        let codes: Vec<&str> = data.lines().map(|l| l.split(',').next().unwrap()).collect();
        let built: Vec<&str> = cat.entries().iter().map(|e| e.code).collect();
        assert_eq!(codes, built);
    }
    // A later year is its differences: not empty, and smaller than a whole catalog.
    for (year, function, _) in &years[1..] {
        assert!(!function.is_empty(), "{year}");
        assert!(function.len() < years[0].1.len(), "{year}");
    }
    // Installing checks the text; with the catalogs built in it changes nothing.
    assert_eq!(catalog::install(BUNDLE), Ok(()));
    assert_eq!(catalog::years().collect::<Vec<_>>(), built_in);
}

#[test]
fn a_broken_text_is_refused_with_its_line() {
    let cases: &[(&str, BundleError)] = &[
        ("", BundleError::Empty),
        ("2010101,行政运行,v\n", BundleError::Part { line: 1 }),
        (
            "@2021 economic\n30101,基本工资,v\n",
            BundleError::Part { line: 1 },
        ),
        (
            "@2021 function\n2010101,行政运行,v\n",
            BundleError::Part { line: 3 },
        ),
        (
            "@2021 function\n@2021 economic\n@2020 function\n",
            BundleError::Part { line: 3 },
        ),
        ("@二〇二一 function\n", BundleError::Part { line: 1 }),
        ("@2021 functions\n", BundleError::Part { line: 1 }),
    ];
    for (text, want) in cases {
        assert_eq!(parse_bundle(text).as_ref(), Err(want), "{text:?}");
    }
    let ok = parse_bundle(
        "@2021 function\n201,一般公共服务支出,v\n@2021 economic\n301,工资福利支出,v\n",
    )
    .unwrap();
    assert_eq!(
        ok,
        vec![(
            2021,
            "201,一般公共服务支出,v\n".to_string(),
            "301,工资福利支出,v\n".to_string()
        )]
    );
    assert_eq!(
        BundleError::Part { line: 3 }.to_string(),
        "科目目录文件第3行格式不对：应为“@年度 function”或“@年度 economic”，依年度排列"
    );
}
