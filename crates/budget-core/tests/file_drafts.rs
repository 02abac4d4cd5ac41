//! Drafts and bare inputs: `file::read_inputs` keeps what the clerk typed and
//! refuses malformed structure with a path.

use budget_core::Inputs;
use budget_core::file::{ImportError, read_inputs};

const SAMPLE: &str = include_str!("../../../fixtures/dadukou-2021.json");

#[test]
fn reads_the_sample_as_serde_does() {
    let via_serde: Inputs = serde_json::from_str(SAMPLE).unwrap();
    assert_eq!(read_inputs(SAMPLE).unwrap(), via_serde);
}

#[test]
fn keeps_invalid_amount_text_for_the_checks() {
    let mut inputs: Inputs = serde_json::from_str(SAMPLE).unwrap();
    inputs.rows[0].this_year = budget_core::Amount::from_text("12,3x");
    let text = serde_json::to_string(&inputs).unwrap();
    let back = read_inputs(&text).unwrap();
    assert_eq!(back.rows[0].this_year.text(), "12,3x");
    assert_eq!(back, inputs);
}

#[test]
fn refuses_structure_with_its_path() {
    let text = SAMPLE.replacen("\"kind\": \"basic\"", "\"kind\": \"basik\"", 1);
    match read_inputs(&text) {
        Err(ImportError::Invalid(problems)) => {
            assert!(
                problems.iter().any(|p| p.path == "rows[0].kind"),
                "{problems:?}"
            )
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert!(read_inputs("[]").is_err());
    assert!(read_inputs("").is_err());
    assert!(read_inputs("{\"unit\": {}}").is_err());
}
