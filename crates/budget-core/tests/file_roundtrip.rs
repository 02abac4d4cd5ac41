//! Export → import of the submission file v1, and what import reports when the
//! stated figures were edited (IMP-001).

// Tests and benches read fixtures and time runs: the core's no-IO, no-clock,
// no-float rules (crates/budget-core/clippy.toml) are for its library.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::path::PathBuf;

use budget_core::file::{
    ExportError, IMP_001, MAX_LISTED, Opened, Report, Submission, export, import, normalized, open,
};
use budget_core::{Inputs, check, derive};
use serde_json::Value;

const AT: &str = "2026-11-25T19:30:00Z";

/// The seed sample (bare inputs): it has no error findings, so it exports.
fn sample() -> Inputs {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/dadukou-2021.json");
    match open(&std::fs::read(path).unwrap()).unwrap() {
        Opened::Inputs { inputs, .. } => inputs,
        other => panic!("the sample is bare inputs, got {other:?}"),
    }
}

fn exported_value(inputs: &Inputs) -> Value {
    serde_json::from_str(&export(inputs, AT).unwrap()).unwrap()
}

fn import_value(v: &Value) -> budget_core::file::Imported {
    import(serde_json::to_string(v).unwrap().as_bytes()).unwrap()
}

fn imp_findings(v: &Value) -> Vec<budget_core::Finding> {
    import_value(v)
        .findings
        .into_iter()
        .filter(|f| f.check == IMP_001)
        .collect()
}

#[test]
fn export_then_import_gives_back_the_inputs_and_no_difference() {
    let inputs = sample();
    let text = export(&inputs, AT).unwrap();
    let back = import(text.as_bytes()).unwrap();
    assert_eq!(back.inputs, normalized(&inputs));
    assert_eq!(back.stated_exported_at, AT);
    assert_eq!(back.derived, derive(&back.inputs));
    assert_eq!(
        back.findings,
        check(&back.inputs, &back.derived),
        "no IMP-001 on an untouched file"
    );
}

#[test]
fn the_file_has_the_v1_header_and_every_amount_as_a_string() {
    let v = exported_value(&sample());
    assert_eq!(v["format"], "budget-form");
    assert_eq!(v["version"], 1);
    assert_eq!(v["exported_at"], AT);
    assert!(v["inputs"]["rows"][0]["this_year"].is_string());
    // Decimals in derived are strings too (rust_decimal's serde-str).
    assert!(
        v["derived"]["totals"]["total"].is_string(),
        "{}",
        v["derived"]["totals"]["total"]
    );
    let report: Report = serde_json::from_value(v["report"].clone()).unwrap();
    assert_eq!(report.errors, 0);
    assert_eq!(report.warnings as usize, report.findings.len());
    // Also typed as the whole submission.
    let typed: Submission = serde_json::from_value(v).unwrap();
    assert_eq!(typed.inputs, normalized(&sample()));
}

#[test]
fn export_writes_amounts_canonically() {
    let mut inputs = sample();
    let canonical = inputs.rows[0].this_year.parsed().unwrap();
    inputs.rows[0].this_year = budget_core::amount::format_yuan(canonical).as_str().into();
    assert!(inputs.rows[0].this_year.text().contains(','));
    let v = exported_value(&inputs);
    assert_eq!(
        v["inputs"]["rows"][0]["this_year"],
        format!("{canonical:.2}")
    );
}

#[test]
fn export_is_refused_while_an_error_stands() {
    let mut inputs = sample();
    let dup = inputs.rows[0].clone();
    inputs.rows.push(dup);
    match export(&inputs, AT) {
        Err(ExportError::Errors(findings)) => {
            assert!(findings.iter().all(|f| f.is_error()));
            assert!(
                findings.iter().any(|f| f.check == "ROW-001"),
                "{findings:?}"
            );
            let msg = ExportError::Errors(findings).to_string();
            assert!(
                msg.starts_with("还有 ") && msg.contains("不能导出"),
                "{msg}"
            );
        }
        other => panic!("export was not refused: {other:?}"),
    }
}

#[test]
fn a_hand_edited_total_is_reported_with_both_figures() {
    let mut v = exported_value(&sample());
    let recomputed = v["derived"]["totals"]["total"]
        .as_str()
        .unwrap()
        .to_string();
    v["derived"]["totals"]["total"] = Value::String("99999999.99".into());
    let imp = imp_findings(&v);
    assert_eq!(imp.len(), 1, "{imp:?}");
    assert!(imp[0].is_error());
    assert_eq!(imp[0].locations, ["derived.totals.total"]);
    assert_eq!(
        imp[0].message,
        format!(
            "文件中 derived.totals.total 为 “99999999.99”，按文件的输入重新计算为 “{recomputed}”：文件中的数字被改动过或已过时"
        )
    );
}

/// Paths of every money cell in the stated tables.
fn money_cells(v: &Value) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    for (t, table) in v["derived"]["tables"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        for (r, row) in table["rows"].as_array().unwrap().iter().enumerate() {
            for (c, cell) in row["cells"].as_array().unwrap().iter().enumerate() {
                if cell.get("money").is_some() {
                    out.push((t, r, c));
                }
            }
        }
    }
    out
}

#[test]
fn an_edited_table_cell_is_named_by_its_path() {
    let mut v = exported_value(&sample());
    let (t, r, c) = money_cells(&v)[0];
    v["derived"]["tables"][t]["rows"][r]["cells"][c]["money"] = Value::String("1.00".into());
    let imp = imp_findings(&v);
    assert_eq!(imp.len(), 1, "{imp:?}");
    assert_eq!(
        imp[0].locations,
        [format!("derived.tables[{t}].rows[{r}].cells[{c}].money")]
    );
}

#[test]
fn many_differences_are_capped_with_a_count() {
    let mut v = exported_value(&sample());
    let cells = money_cells(&v);
    assert!(
        cells.len() > MAX_LISTED + 5,
        "the sample has {} money cells",
        cells.len()
    );
    let n = MAX_LISTED + 5;
    for &(t, r, c) in &cells[..n] {
        v["derived"]["tables"][t]["rows"][r]["cells"][c]["money"] = Value::String("0.01".into());
    }
    let imp = imp_findings(&v);
    assert_eq!(imp.len(), MAX_LISTED + 1);
    assert_eq!(
        imp[MAX_LISTED].message,
        "另有 5 处与重新计算不一致，未逐一列出"
    );
}

#[test]
fn stated_report_counts_are_compared() {
    let mut v = exported_value(&sample());
    let warnings = v["report"]["warnings"].as_u64().unwrap();
    v["report"]["warnings"] = Value::from(warnings + 3);
    let imp = imp_findings(&v);
    assert_eq!(imp.len(), 1, "{imp:?}");
    assert_eq!(imp[0].locations, ["report.warnings"]);
}

#[test]
fn a_file_whose_stated_figures_agree_but_has_an_unknown_code_gets_cod_001() {
    // Written the way a faulty exporter would: consistent figures, bad code.
    let mut inputs = normalized(&sample());
    inputs.rows[0].code = "2999999".into();
    let derived = derive(&inputs);
    let findings = check(&inputs, &derived);
    let report = Report::new(&findings, &inputs.explanations);
    let file = Submission {
        format: "budget-form".into(),
        version: 1,
        draft: false,
        exported_at: AT.into(),
        inputs,
        derived,
        report,
        catalog: None,
        units: Vec::new(),
    };
    let back = import(serde_json::to_string(&file).unwrap().as_bytes()).unwrap();
    assert!(
        back.findings
            .iter()
            .any(|f| f.check == "COD-001" && f.is_error()),
        "{:?}",
        back.findings
    );
    assert!(
        !back.findings.iter().any(|f| f.check == IMP_001),
        "{:?}",
        back.findings
    );
}

#[test]
fn a_bom_before_an_exported_file_is_accepted() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(export(&sample(), AT).unwrap().as_bytes());
    assert_eq!(import(&bytes).unwrap().inputs, normalized(&sample()));
}

#[test]
fn open_reads_a_submission_like_import() {
    let text = export(&sample(), AT).unwrap();
    match open(text.as_bytes()).unwrap() {
        Opened::Submission(i) => assert_eq!(i, import(text.as_bytes()).unwrap()),
        other => panic!("{other:?}"),
    }
}

/// The seed with 机关运行经费 and the 三公 lines entered in 万元, as the
/// document publishes them.
fn sample_in_wan() -> Inputs {
    use budget_core::Amount;
    use budget_core::amount::InputUnit;
    let mut inputs = sample();
    let n = &mut inputs.narrative;
    n.running_cost_unit = InputUnit::Wan;
    n.running_cost_this_year = Amount::from_text("281.41");
    n.running_cost_last_year = Amount::from_text("348.51");
    let s = &mut inputs.sangong;
    s.unit = InputUnit::Wan;
    for (y, operation, reception) in [
        (&mut s.last_year, "44.63", "7.46"),
        (&mut s.this_year, "32.34", "5.96"),
    ] {
        y.abroad = Amount::from_text("0");
        y.vehicle_purchase = Amount::from_text("0");
        y.vehicle_operation = Amount::from_text(operation);
        y.reception = Amount::from_text(reception);
    }
    inputs
}

#[test]
fn old_files_read_every_input_as_yuan() {
    use budget_core::amount::InputUnit;
    let inputs = sample();
    assert_eq!(inputs.narrative.running_cost_unit, InputUnit::Yuan);
    assert_eq!(inputs.sangong.unit, InputUnit::Yuan);
    // And a 元 form writes no unit: files stay as they were.
    let text = export(&inputs, AT).unwrap();
    assert!(!text.contains("\"unit\": \"yuan\"") && !text.contains("running_cost_unit"));
}

#[test]
fn a_figure_entered_in_wan_round_trips_with_its_unit() {
    use budget_core::amount::InputUnit;
    let inputs = sample_in_wan();
    let v = exported_value(&inputs);
    let n = &v["inputs"]["narrative"];
    assert_eq!(n["running_cost_unit"], "wan");
    assert_eq!(n["running_cost_this_year"], "281.41", "stored as entered");
    assert_eq!(v["inputs"]["sangong"]["unit"], "wan");
    assert_eq!(v["inputs"]["sangong"]["this_year"]["reception"], "5.96");
    let back = import_value(&v);
    assert_eq!(back.inputs, normalized(&inputs));
    assert_eq!(back.inputs.narrative.running_cost_unit, InputUnit::Wan);
    assert!(back.findings.iter().all(|f| f.check != IMP_001));
    // The same figures as the 元 seed: every table and the 情况说明 alike.
    assert_eq!(derive(&back.inputs), derive(&sample()));
}
