//! The file's text helpers (moved here from the `file` module's unit tests,
//! which cannot use the `budget-synthetic` crate): the draft's ASCII text,
//! the export's pretty text, and a stated `derived` read strictly.

use budget_core::catalog::InForce;
use budget_core::file::{
    CatalogRecord, FORMAT, IMP_001, Report, Submission, VERSION, ascii_only, export, import,
    json_lines, normalized, open, read_inputs, read_wrapped,
};
use budget_core::{Inputs, check, derive};
use serde_json::Value;

fn seed() -> Inputs {
    serde_json::from_str(include_str!("../../../fixtures/dadukou-2021.json")).unwrap()
}

#[test]
fn ascii_only_is_the_same_json_value_in_ascii() {
    let mut odd = budget_synthetic::generate(50, 9);
    // Outside the BMP (a surrogate pair), Latin-1, DEL, quotes and a newline.
    odd.unit.name = "𠀀部门 café \u{7f}\"引号\"\n".to_string();
    for inputs in [seed(), budget_synthetic::generate(300, 3), odd] {
        let text = json_lines(&inputs).unwrap();
        assert!(!text.is_ascii());
        let ascii = ascii_only(text.clone());
        assert!(ascii.is_ascii());
        let a: Value = serde_json::from_str(&text).unwrap();
        let b: Value = serde_json::from_str(&ascii).unwrap();
        assert_eq!(a, b);
        // The draft's reading still takes it, and reads the same inputs.
        let wrapped = format!("{{\"format\": \"x\", \"version\": 1, \"inputs\": {ascii}}}");
        let read = read_wrapped(&wrapped).expect("one-pass reading");
        assert_eq!(read.inputs, inputs);
        assert_eq!(read_inputs(&ascii).unwrap(), inputs);
    }
    assert_eq!(ascii_only("𠀀".to_string()), "\\ud840\\udc00");
    let plain = "{\"a\": \"b\"}".to_string();
    assert_eq!(ascii_only(plain.clone()), plain);
}

/// What `export` wrote before it serialized straight to text.
fn through_value(submission: &Submission) -> String {
    let value = serde_json::to_value(submission).unwrap();
    let mut text = serde_json::to_string_pretty(&value).unwrap();
    text.push('\n');
    text
}

#[test]
fn straight_text_equals_text_through_a_value() {
    const AT: &str = "2026-11-25T00:00:00Z";
    for inputs in [seed(), budget_synthetic::generate(300, 3)] {
        let inputs = normalized(&inputs);
        let derived = derive(&inputs);
        let findings = check(&inputs, &derived);
        let submission = Submission {
            format: FORMAT.to_string(),
            version: VERSION,
            draft: false,
            exported_at: AT.to_string(),
            report: Report::new(&findings, &inputs.explanations),
            catalog: Some(CatalogRecord::of(&InForce::builtin(
                inputs.unit.fiscal_year,
            ))),
            inputs: inputs.clone(),
            derived,
            units: Vec::new(),
        };
        assert_eq!(export(&inputs, AT).unwrap(), through_value(&submission));
    }
    // A form with errors is not exported; its text is still the same.
    let inputs = Inputs::default();
    let derived = derive(&inputs);
    let findings = check(&inputs, &derived);
    let submission = Submission {
        format: FORMAT.to_string(),
        version: VERSION,
        draft: false,
        exported_at: AT.to_string(),
        report: Report::new(&findings, &inputs.explanations),
        inputs,
        derived,
        catalog: None,
        units: Vec::new(),
    };
    let mut straight = serde_json::to_string_pretty(&submission).unwrap();
    straight.push('\n');
    assert_eq!(straight, through_value(&submission));
}

/// Broken JSON in `derived` is refused, with the message the strict reading
/// gives, and a stated figure that differs is reported.
#[test]
fn derived_is_still_read_strictly() {
    let inputs = budget_synthetic::generate(40, 5);
    let text = export(&inputs, "2026-11-25T00:00:00Z").unwrap();
    let at = text.find("\"derived\"").unwrap();
    let total = at + text[at..].find("\"total\": ").unwrap() + "\"total\": ".len();
    let value_end = total + text[total..].find(['\n', ',']).unwrap();
    let stated = &text[total..value_end];
    let mut digits: Vec<String> = Vec::new();
    for (name, broken) in [
        // A number split by a space (tokens must not be joined).
        ("split", format!("{} 1", stated.trim_end_matches('"'))),
        // A string left open.
        ("open", stated.trim_end_matches('"').to_string()),
        // A bare word.
        ("word", "tru".to_string()),
    ] {
        let bad = format!("{}{broken}{}", &text[..total], &text[value_end..]);
        let err = import(bad.as_bytes()).expect_err(name).to_string();
        assert!(err.starts_with('第'), "{name}: {err}");
        assert_eq!(open(bad.as_bytes()).unwrap_err().to_string(), err, "{name}");
        digits.push(err);
    }
    // Still valid JSON, one figure changed: imported, with IMP-001.
    let changed = format!("{}\"1.00\"{}", &text[..total], &text[value_end..]);
    let imported = import(changed.as_bytes()).unwrap();
    assert!(imported.findings.iter().any(|f| f.check == IMP_001));
    assert_eq!(imported.inputs, normalized(&inputs));
    // And the file as exported has none.
    let clean = import(text.as_bytes()).unwrap();
    assert!(!clean.findings.iter().any(|f| f.check == IMP_001));
    assert_eq!(digits.len(), 3);
}
