//! The reference sample (区政府办 2021) against every check: no errors, and only
//! the warnings the seed itself deserves.

// Tests and benches read fixtures and time runs: the core's no-IO, no-clock,
// no-float rules (crates/budget-core/clippy.toml) are for its library.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use budget_core::table::Cell;
use budget_core::{Inputs, check, derive};

fn seed() -> Inputs {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/dadukou-2021.json"
    );
    let text = std::fs::read_to_string(path).expect("fixtures/dadukou-2021.json");
    serde_json::from_str(&text).expect("the seed fixture parses as inputs")
}

#[test]
fn seed_yields_only_the_performance_coverage_warning() {
    let inputs = seed();
    let findings = check(&inputs, &derive(&inputs));
    let got: Vec<(&str, &[String], &str)> = findings
        .iter()
        .map(|f| (f.check.as_str(), f.locations.as_slice(), f.message.as_str()))
        .collect();
    // The disclosure prints one project form (政务公开专项, 300,000.00) for
    // 1,488,300.00 of 项目支出, so the coverage rule rightly warns; every
    // identity, code, date and phone of the seed holds.
    assert_eq!(
        got,
        [(
            "PRJ-005",
            &["projects".to_string()][..],
            "项目支出均应实行绩效目标管理：项目绩效目标表的当年预算合计 300,000.00 元，\
             小于项目支出合计 1,488,300.00 元，相差 1,188,300.00 元"
        )]
    );
}

/// IDN-005 reads the closing line of 表6; if derive changed that layout the
/// check would go quiet, so pin it here.
#[test]
fn table6_closes_with_income_and_expenditure_totals() {
    let inputs = seed();
    let derived = derive(&inputs);
    let last = derived
        .table(6)
        .and_then(|t| t.rows.last())
        .expect("表6 has rows");
    match last.cells.as_slice() {
        [
            Cell::Text(income),
            Cell::Money(a),
            Cell::Text(spend),
            Cell::Money(b),
        ] => {
            assert_eq!((&**income, &**spend), ("收入总计", "支出总计"));
            assert_eq!(a.to_string(), "11906397.06");
            assert_eq!(a, b);
        }
        other => panic!("unexpected closing line of 表6: {other:?}"),
    }
}

/// Without a plausible 预算年度 (UNT-002) the tables' titles and headers say
/// 本年 / 上年 instead of doing arithmetic on the year (`0年`, `-1年`); the
/// seed's own headers keep their years.
#[test]
fn a_missing_year_never_prints_0_or_minus_1_in_a_table() {
    let texts = |d: &budget_core::Derived| -> Vec<String> {
        d.tables
            .iter()
            .chain(&d.project_tables)
            .flat_map(|t| {
                std::iter::once(t.title.clone())
                    .chain(t.header.iter().flatten().map(|h| h.text.clone()))
            })
            .collect()
    };
    for year in [0, 1999, 2101] {
        let mut inputs = seed();
        inputs.unit.fiscal_year = year;
        let all = texts(&derive(&inputs));
        for t in &all {
            assert!(!t.contains(&format!("{year}年")), "{year}: {t}");
            assert!(!t.contains(&format!("{}年", year - 1)), "{year}: {t}");
        }
        assert!(all.iter().any(|t| t == "上年预算数"), "{all:?}");
        assert!(all.iter().any(|t| t == "本年预算数"), "{all:?}");
    }
    let seed_texts = texts(&derive(&seed()));
    assert!(
        seed_texts.iter().any(|t| t == "2020年预算数"),
        "{seed_texts:?}"
    );
    assert!(
        seed_texts.iter().any(|t| t == "2021年预算数"),
        "{seed_texts:?}"
    );
}
