//! The draft file (issue 28): saved at any moment, findings and all; read back
//! as the clerk left it; never a submission (DRF-001).

// Tests read fixtures: the core's no-IO rule (crates/budget-core/clippy.toml)
// is for its library.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::path::PathBuf;

use budget_core::file::{
    DRF_001, IMP_001, Opened, export, export_draft, import, open, open_for_editing, read_inputs,
};
use budget_core::{Amount, Inputs, whole};

const AT: &str = "2026-12-07T06:00:00Z";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sample() -> Inputs {
    read_inputs(&std::fs::read_to_string(root().join("fixtures/dadukou-2021.json")).unwrap())
        .unwrap()
}

/// The sample mid-entry: an invalid amount (AMT-001) and a text in a whole
/// number field (INP-001).
fn mid_entry() -> Inputs {
    let mut inputs = sample();
    inputs.rows[0].this_year = Amount::from_text("12,3a4");
    assert!(whole::enter(&mut inputs, "narrative.vehicles_held.general", "7辆").is_err());
    inputs
}

fn checks(findings: &[budget_core::Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.check.as_str()).collect()
}

#[test]
fn a_draft_is_saved_whatever_the_findings_and_opens_as_it_was_left() {
    let inputs = mid_entry();
    assert!(
        export(&inputs, AT).is_err(),
        "the submission is still refused"
    );
    let text = export_draft(&inputs, AT).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["draft"], true);
    assert_eq!(value["inputs"]["rows"][0]["this_year"], "12,3a4");
    assert!(
        value["report"]["errors"].as_u64().unwrap() >= 2,
        "{}",
        value["report"]
    );

    // The app's open: the inputs exactly, invalid text included; nothing to compare.
    let opening = open_for_editing(text.clone().into_bytes()).unwrap();
    assert!(opening.draft);
    assert_eq!(opening.inputs, inputs);
    assert!(!opening.pending.is_pending());
    assert_eq!(opening.pending.findings(&opening.inputs).unwrap(), vec![]);

    // `open` and `import` (the CLI, a receiver): DRF-001 first, then the checks.
    let Opened::Submission(opened) = open(text.as_bytes()).unwrap() else {
        panic!("a draft file is a file")
    };
    let imported = import(text.as_bytes()).unwrap();
    assert_eq!(opened, imported);
    assert!(imported.draft);
    assert_eq!(imported.inputs, inputs);
    assert_eq!(imported.stated_exported_at, AT);
    let ids = checks(&imported.findings);
    assert_eq!(ids[0], DRF_001);
    assert!(imported.findings[0].is_error());
    assert!(imported.findings[0].message.contains("草稿文件"));
    assert!(
        ids.contains(&"AMT-001") && ids.contains(&"INP-001"),
        "{ids:?}"
    );
    assert!(!ids.contains(&IMP_001), "{ids:?}");
}

#[test]
fn a_draft_without_errors_is_still_not_a_submission() {
    let text = export_draft(&sample(), AT).unwrap();
    let imported = import(text.as_bytes()).unwrap();
    assert_eq!(checks(&imported.findings)[0], DRF_001);
    assert_eq!(
        imported.findings.iter().filter(|f| f.is_error()).count(),
        1,
        "{:?}",
        imported.findings
    );
    let opening = open_for_editing(text.into_bytes()).unwrap();
    assert!(opening.draft);
    assert_eq!(opening.inputs, sample());
}

#[test]
fn a_drafts_stated_figures_are_only_informative() {
    let text = export_draft(&mid_entry(), AT).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["derived"] = serde_json::json!({ "edited": "by hand" });
    value["report"]["errors"] = 0.into();
    let bytes = serde_json::to_vec(&value).unwrap();
    let imported = import(&bytes).unwrap();
    assert!(!checks(&imported.findings).contains(&IMP_001));
    assert_eq!(imported.inputs, mid_entry());
}

#[test]
fn a_draft_file_is_still_read_strictly_in_its_structure() {
    let text = export_draft(&mid_entry(), AT).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["inputs"]["rows"][0]["colour"] = "red".into();
    let e = import(&serde_json::to_vec(&value).unwrap()).unwrap_err();
    assert!(
        e.problems()
            .iter()
            .any(|p| p.path.starts_with("inputs.rows[0]")),
        "{:?}",
        e.problems()
    );
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["extra"] = 1.into();
    assert!(import(&serde_json::to_vec(&value).unwrap()).is_err());
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["exported_at"] = "yesterday".into();
    assert!(open(&serde_json::to_vec(&value).unwrap()).is_err());
}

#[test]
fn draft_false_or_absent_is_a_submission_written_byte_for_byte_as_before() {
    let inputs = sample();
    let text = export(&inputs, AT).unwrap();
    assert!(!text.contains("\"draft\""));
    let imported = import(text.as_bytes()).unwrap();
    assert!(!imported.draft);
    assert!(!checks(&imported.findings).contains(&DRF_001));
    assert!(!open_for_editing(text.clone().into_bytes()).unwrap().draft);
    // `"draft": false` said out loud: a submission, read strictly.
    let marked = text.replacen("\"version\": 1,", "\"version\": 1,\n  \"draft\": false,", 1);
    assert_ne!(marked, text);
    let again = import(marked.as_bytes()).unwrap();
    assert_eq!(again, imported);
    // A submission with an invalid amount stays refused (strict amounts).
    let bad = text.replacen(
        &format!("\"this_year\": \"{}\"", inputs.rows[0].this_year.text()),
        "\"this_year\": \"12,3a4\"",
        1,
    );
    assert_ne!(bad, text);
    assert!(import(bad.as_bytes()).is_err());
    // The same with `"draft": "yes"`: not a draft, and not a boolean.
    let odd = text.replacen(
        "\"version\": 1,",
        "\"version\": 1,\n  \"draft\": \"yes\",",
        1,
    );
    assert!(import(odd.as_bytes()).is_err());
}
