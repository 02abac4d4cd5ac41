//! The web app checks on every edit with `check_live` (totals and 表6 only) and
//! derives the tables only when shown: both must give exactly what the full
//! `check(i, &derive(i))` gives — on the seed, on synthetic forms, and on forms
//! with broken cells (bad amounts, empty and unknown codes, duplicate rows).

// Tests and benches read fixtures and time runs: the core's no-IO, no-clock,
// no-float rules (crates/budget-core/clippy.toml) are for its library.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use budget_core::model::FundingSource;
use budget_core::{Amount, Inputs, Totals, check, check_live, derive, table6};

fn seed() -> Inputs {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/dadukou-2021.json"
    );
    let text = std::fs::read_to_string(path).expect("fixtures/dadukou-2021.json");
    serde_json::from_str(&text).expect("the seed fixture parses as inputs")
}

fn same(inputs: &Inputs, what: &str) {
    let derived = derive(inputs);
    let totals = Totals::compute(inputs);
    assert_eq!(totals, derived.totals, "{what}: totals");
    assert_eq!(
        Some(&table6(inputs, &totals)),
        derived.table(6),
        "{what}: 表6"
    );
    assert_eq!(
        check_live(inputs, &totals),
        check(inputs, &derived),
        "{what}: findings"
    );
}

#[test]
fn live_checks_equal_full_checks_on_the_seed() {
    same(&seed(), "seed");
}

#[test]
fn live_checks_equal_full_checks_on_synthetic_forms() {
    for (n, s) in [(0, 1), (1, 2), (37, 3), (500, 4), (2_000, 42)] {
        same(
            &budget_synthetic::generate(n, s),
            &format!("synthetic {n}/{s}"),
        );
    }
}

#[test]
fn live_checks_equal_full_checks_on_broken_forms() {
    let mut inputs = budget_synthetic::generate(300, 7);
    let n = inputs.rows.len();
    for (k, r) in inputs.rows.iter_mut().enumerate() {
        match k % 11 {
            0 => r.this_year = Amount::from_text("12,34x"),
            1 => r.code = String::new(),
            2 => r.code = "9999999".to_string(),
            3 => r.last_year = Amount::from_text("-0.001"),
            4 => r.source = FundingSource::CarryoverGovFund,
            _ => {}
        }
    }
    let dup = inputs.rows[5].clone();
    inputs.rows.push(dup);
    assert!(inputs.rows.len() > n);
    inputs.economic_rows.truncate(3);
    same(&inputs, "broken");
    let found = check_live(&inputs, &Totals::compute(&inputs));
    assert!(
        found.iter().any(|f| f.check == "AMT-001"),
        "bad amounts are found"
    );
    assert!(
        found.iter().any(|f| f.check == "COD-001"),
        "bad codes are found"
    );
}
