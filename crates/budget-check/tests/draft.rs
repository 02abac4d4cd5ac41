//! `budget-check check` of a draft file (issue 28): DRF-001 and exit 1, the
//! content's own findings still listed.

use std::path::PathBuf;
use std::process::Command;

use budget_core::Amount;
use budget_core::file::{export_draft, read_inputs};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture() -> PathBuf {
    root().join("fixtures/draft-with-errors.json")
}

fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_budget-check"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().expect("exited, not killed"),
        String::from_utf8(out.stdout).unwrap(),
    )
}

/// The committed fixture is `export_draft` of the seed sample with one invalid
/// amount (`BLESS=1` rewrites it).
#[test]
fn the_draft_fixture_is_the_seed_with_one_invalid_amount() {
    let seed = std::fs::read_to_string(root().join("fixtures/dadukou-2021.json")).unwrap();
    let mut inputs = read_inputs(&seed).unwrap();
    inputs.rows[0].this_year = Amount::from_text("12,3a4");
    let text = export_draft(&inputs, "2026-12-07T06:00:00Z").unwrap();
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(fixture(), &text).unwrap();
    }
    let committed = std::fs::read_to_string(fixture()).unwrap();
    assert!(
        committed == text,
        "fixtures/draft-with-errors.json is stale: BLESS=1 cargo test -p budget-check --test draft"
    );
}

#[test]
fn a_draft_is_reported_as_a_draft_with_exit_1() {
    let path = fixture();
    let (code, out) = run(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("（草稿文件，不是提交文件，保存于 2026-12-07T06:00:00Z）"),
        "{out}"
    );
    assert!(out.contains("DRF-001"), "{out}");
    assert!(out.contains("这是草稿文件（draft），不是提交文件"), "{out}");
    assert!(
        out.contains("AMT-001"),
        "the content's findings are listed: {out}"
    );
    assert!(!out.contains("IMP-001"), "{out}");
    assert!(out.lines().last().unwrap().starts_with("FAIL"), "{out}");
}

#[test]
fn a_draft_is_reported_as_a_draft_in_json() {
    let path = fixture();
    let (code, out) = run(&["check", "--json", path.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["exit_code"], 1);
    let file = &v["files"][0];
    assert_eq!(file["exit_code"], 1);
    assert_eq!(file["kind"], "draft");
    // DRF-001, AMT-001, and IDN-001 (the row counts as 0 in the totals).
    assert_eq!(file["errors"], 3, "{file}");
    let checks: Vec<&str> = file["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["check"].as_str().unwrap())
        .collect();
    assert_eq!(checks[0], "DRF-001");
    assert!(checks.contains(&"AMT-001"), "{checks:?}");
}
