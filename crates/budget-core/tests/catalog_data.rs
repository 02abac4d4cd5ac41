//! The per-year catalog files (`data/<year>/{function,economic}.csv`): every row
//! well formed, with a status and a source that says where it comes from; the
//! embedded catalogs are exactly the files; the 其他 catch-all 项 of a 99 款 is
//! `xx99 99` (never `xx99 01`); 2025 is 2021 plus the changes its evidence shows.

use std::collections::{BTreeMap, HashSet};

use budget_core::catalog::{self, Catalog, Level};

/// (year, kind, CSV text) of every catalog file.
const FILES: &[(u32, &str, &str)] = &[
    (2021, "function", include_str!("../data/2021/function.csv")),
    (2021, "economic", include_str!("../data/2021/economic.csv")),
    (2025, "function", include_str!("../data/2025/function.csv")),
    (2025, "economic", include_str!("../data/2025/economic.csv")),
];

/// One data row of a catalog file.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    code: &'static str,
    name: &'static str,
    status: &'static str,
    source: &'static str,
}

/// The data rows of a CSV: comment and blank lines dropped, the header checked
/// and skipped, four fields per row (no comma inside a field).
fn rows(csv: &'static str) -> Vec<Row> {
    let mut lines = csv
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
    assert_eq!(lines.next(), Some("code,name,status,source"));
    lines
        .map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            assert_eq!(
                f.len(),
                4,
                "wrong field count (a comma in a field?): {line}"
            );
            Row {
                code: f[0],
                name: f[1],
                status: f[2],
                source: f[3],
            }
        })
        .collect()
}

fn catalog(year: u32, kind: &str) -> &'static Catalog {
    let (cats, notice) = catalog::for_year(year);
    assert_eq!(notice, None, "{year} has its own catalogs");
    if kind == "function" {
        cats.function()
    } else {
        cats.economic()
    }
}

/// Whether a `published:` source names a unit, a year and a document, e.g.
/// `published: 上海市普陀区财政局 2025 部门预算`.
fn names_unit_year_document(text: &str) -> bool {
    let parts: Vec<&str> = text.split(' ').collect();
    match parts
        .iter()
        .position(|p| p.len() == 4 && p.parse::<u32>().is_ok())
    {
        Some(i) => i > 0 && i + 1 < parts.len(),
        None => false,
    }
}

#[test]
fn the_years_are_2021_and_2025() {
    assert_eq!(catalog::years().collect::<Vec<_>>(), [2021, 2025]);
}

#[test]
fn every_row_is_well_formed_and_in_code_order_with_its_parents() {
    for &(year, kind, csv) in FILES {
        let lengths: &[usize] = if kind == "function" {
            &[3, 5, 7]
        } else {
            &[3, 5]
        };
        let mut seen = HashSet::new();
        let mut previous = "";
        for r in rows(csv) {
            let at = format!("{year} {kind} {}", r.code);
            assert!(r.code.bytes().all(|b| b.is_ascii_digit()), "{at}");
            assert!(lengths.contains(&r.code.len()), "bad code length: {at}");
            assert!(
                !r.name.is_empty() && r.name.trim() == r.name,
                "bad name: {at}"
            );
            assert!(seen.insert(r.code), "duplicate: {at}");
            assert!(previous < r.code, "not in code order: {previous} then {at}");
            previous = r.code;
            for n in [3, 5] {
                if r.code.len() > n {
                    assert!(seen.contains(&r.code[..n]), "no parent: {at}");
                }
            }
        }
    }
}

#[test]
fn every_row_has_a_status_and_a_source_and_verified_rows_a_real_one() {
    for &(year, kind, csv) in FILES {
        for r in rows(csv) {
            let at = format!("{year} {kind} {} {}", r.code, r.name);
            assert!(r.source.trim() == r.source && !r.source.is_empty(), "{at}");
            match r.status {
                "verified" => {
                    if let Some(doc) = r.source.strip_prefix("seed: ") {
                        assert!(doc.starts_with("大渡口区政府办 2021 部门预算 表"), "{at}");
                    } else if let Some(doc) = r.source.strip_prefix("published: ") {
                        assert!(names_unit_year_document(doc), "{at}: {doc}");
                    } else if let Some(doc) = r.source.strip_prefix("notice: ") {
                        assert!(
                            doc.starts_with("财预〔") && doc.contains("〕") && doc.contains("号"),
                            "{at}"
                        );
                    } else {
                        panic!("verified without a source: {at}: {}", r.source);
                    }
                }
                "unverified" => assert!(r.source.starts_with("未核对"), "{at}: {}", r.source),
                other => panic!("bad status {other:?}: {at}"),
            }
        }
    }
}

#[test]
fn the_embedded_catalogs_are_the_files() {
    for &(year, kind, csv) in FILES {
        let cat = catalog(year, kind);
        let rows = rows(csv);
        assert_eq!(cat.len(), rows.len(), "{year} {kind}");
        for r in rows {
            let e = cat
                .get(r.code)
                .unwrap_or_else(|| panic!("{year} {kind} {} missing", r.code));
            assert_eq!(e.name, r.name, "{year} {kind}");
            assert_eq!(
                e.is_verified(),
                r.status == "verified",
                "{year} {kind} {}",
                r.code
            );
            assert_eq!(Some(e.level), Level::of_code(r.code));
        }
    }
}

#[test]
fn the_catch_all_item_of_a_99_section_is_9999() {
    for &(year, kind, csv) in FILES {
        let rows = rows(csv);
        let names: BTreeMap<&str, &str> = rows.iter().map(|r| (r.code, r.name)).collect();
        for r in rows
            .iter()
            .filter(|r| r.code.len() == 7 && r.code[3..5] == *"99")
        {
            let section = names[&r.code[..5]];
            let catch_all = r.name == section || r.name.starts_with("其他");
            assert!(
                !catch_all || r.code.ends_with("9999"),
                "{year} {kind}: catch-all {} {} of {section} should be …99 99",
                r.code,
                r.name
            );
        }
    }
}

#[test]
fn the_three_codes_the_issue_reports_are_known_and_verified_in_both_years() {
    for year in [2021, 2025] {
        let cat = catalog(year, "function");
        for (code, name, wrong) in [
            ("2089999", "其他社会保障和就业支出", "2089901"),
            ("2109999", "其他卫生健康支出", "2109901"),
            ("2129999", "其他城乡社区支出", "2129901"),
        ] {
            let e = cat
                .get(code)
                .unwrap_or_else(|| panic!("{year} {code} missing"));
            assert_eq!(e.name, name, "{year}");
            assert!(e.is_verified(), "{year} {code}");
            assert!(cat.get(wrong).is_none(), "{year} still has {wrong}");
        }
    }
}

#[test]
fn catalog_2025_is_2021_plus_the_changes_with_their_evidence() {
    let old: BTreeMap<&str, Row> = rows(FILES[0].2).into_iter().map(|r| (r.code, r)).collect();
    let new: BTreeMap<&str, Row> = rows(FILES[2].2).into_iter().map(|r| (r.code, r)).collect();
    let mut changed: Vec<(&str, Option<&str>, Option<&str>)> = Vec::new();
    for code in old
        .keys()
        .chain(new.keys())
        .collect::<std::collections::BTreeSet<_>>()
    {
        let (a, b) = (old.get(code).map(|r| r.name), new.get(code).map(|r| r.name));
        if a != b {
            changed.push((code, a, b));
        }
    }
    assert_eq!(
        changed,
        [
            ("21305", Some("扶贫"), Some("巩固脱贫攻坚成果衔接乡村振兴")),
            (
                "2130507",
                Some("扶贫贷款奖补和贴息"),
                Some("贷款奖补和贴息")
            ),
            ("2130510", Some("扶贫事业机构"), None),
            ("2130550", None, Some("事业运行")),
            (
                "2130599",
                Some("其他扶贫支出"),
                Some("其他巩固脱贫攻坚成果衔接乡村振兴支出")
            ),
            ("2170404", None, Some("中央金融机构注资特别国债支出")),
            ("22006", None, Some("耕地保护考核奖惩基金支出")),
            ("22911", None, Some("中央金融机构注资特别国债财务基金支出")),
            ("23107", None, Some("中央金融机构注资特别国债还本支出")),
        ]
    );
    // Each change cites its evidence (2130599 follows its 款 and says so).
    for (code, _, name) in &changed {
        let Some(_) = name else { continue };
        let r = &new[code];
        if *code == "2130599" {
            assert_eq!(r.status, "unverified");
            assert!(r.source.contains("21305"), "{}", r.source);
        } else {
            assert_eq!(r.status, "verified", "{code}");
            assert!(
                r.source.starts_with("notice: 财预〔"),
                "{code}: {}",
                r.source
            );
        }
    }
    // The economic catalog has no change of code or name.
    let names = |csv| {
        rows(csv)
            .into_iter()
            .map(|r| (r.code, r.name))
            .collect::<Vec<_>>()
    };
    assert_eq!(names(FILES[1].2), names(FILES[3].2));
}
