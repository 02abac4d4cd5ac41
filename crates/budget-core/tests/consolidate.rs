//! Consolidation: the 重庆 sample split into two unit forms and summed back
//! reproduces every figure; the refusals; the department file keeps its
//! units and re-checks their sum.

#![allow(clippy::disallowed_methods)]

use budget_core::consolidate::{ConsolidateError, Department, consolidate};
use budget_core::file::{Opened, export_department, import, open};
use budget_core::model::{Inputs, UnitType};
use budget_core::{Amount, Severity, check, derive};
use rust_decimal::Decimal;
use serde_json::Value;

fn sample() -> Inputs {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/dadukou-2021.json"
    ))
    .unwrap();
    match open(&bytes).unwrap() {
        Opened::Inputs { inputs, .. } => inputs,
        Opened::Submission(_) => panic!("the sample is bare inputs"),
    }
}

fn yuan(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// Move `part` of `a` into `b` (a keeps the rest).
fn take(a: &mut Amount, b: &mut Amount, part: &str) {
    let part = yuan(part);
    *b = Amount::from_decimal(b.value() + part);
    *a = Amount::from_decimal(a.value() - part);
}

/// The sample as two units, each without errors: the administrative office
/// (`a`) and an institution (`b`) that takes whole lines (2210201 with 30113,
/// which keeps IDN-001 and IDN-003 true in both), parts of lines summed back
/// by their key (2010301 with 30101, 三公, procurement, 机关运行经费) and
/// vehicles. The project and its linked line stay with `a`.
fn split() -> (Inputs, Inputs) {
    let mut a = sample();
    let mut b = sample();
    b.unit.name = "大渡口区政府信息公开服务中心".into();
    b.unit.short_name = "信息公开中心".into();
    b.unit.code = "103001002".into();
    b.unit.unit_type = UnitType::Institution;
    b.projects.clear();
    b.explanations.clear();
    // Whole lines.
    let row = a.rows.iter().position(|r| r.code == "2210201").unwrap();
    b.rows = vec![a.rows.remove(row)];
    let econ = a
        .economic_rows
        .iter()
        .position(|e| e.code == "30113")
        .unwrap();
    b.economic_rows = vec![a.economic_rows.remove(econ)];
    // Parts of lines.
    let mut r = a.rows[0].clone();
    assert_eq!(r.code, "2010301");
    r.this_year = Amount::default();
    r.last_year = Amount::default();
    take(&mut a.rows[0].this_year, &mut r.this_year, "1000.00");
    take(&mut a.rows[0].last_year, &mut r.last_year, "0.01");
    b.rows.insert(0, r);
    let mut e = a.economic_rows[0].clone();
    assert_eq!(e.code, "30101");
    e.amount = Amount::default();
    take(&mut a.economic_rows[0].amount, &mut e.amount, "1000.00");
    b.economic_rows.insert(0, e);
    b.sangong = Default::default();
    let (sa, sb) = (&mut a.sangong, &mut b.sangong);
    take(
        &mut sa.this_year.reception,
        &mut sb.this_year.reception,
        "9600.00",
    );
    take(
        &mut sa.last_year.reception,
        &mut sb.last_year.reception,
        "600.00",
    );
    take(
        &mut sa.this_year.vehicle_operation,
        &mut sb.this_year.vehicle_operation,
        "23400.00",
    );
    b.procurement = vec![a.procurement[0].clone()];
    b.procurement[0].amount = Amount::default();
    take(
        &mut a.procurement[0].amount,
        &mut b.procurement[0].amount,
        "100000.00",
    );
    let (na, nb) = (&mut a.narrative, &mut b.narrative);
    nb.running_cost_this_year = Amount::default();
    nb.running_cost_last_year = Amount::default();
    take(
        &mut na.running_cost_this_year,
        &mut nb.running_cost_this_year,
        "14100.00",
    );
    take(
        &mut na.running_cost_last_year,
        &mut nb.running_cost_last_year,
        "5100.00",
    );
    nb.vehicles_held.general = 2;
    na.vehicles_held.general -= 2;
    (a, b)
}

fn errors(inputs: &Inputs) -> Vec<String> {
    check(inputs, &derive(inputs))
        .into_iter()
        .filter(|f| f.is_error())
        .map(|f| format!("{} {}", f.check, f.message))
        .collect()
}

fn department() -> Department {
    let s = sample();
    let mut d = Department::of(&s, &[]);
    // `of` with no units leaves the composition as the form states it.
    assert_eq!(d.composition, s.unit.composition);
    d.composition = s.unit.composition.clone();
    d
}

#[test]
fn two_units_of_the_sample_sum_back_to_every_figure_of_it() {
    let (a, b) = split();
    assert_eq!(errors(&a), Vec::<String>::new());
    assert_eq!(errors(&b), Vec::<String>::new());
    assert_ne!(derive(&a).totals, derive(&sample()).totals);
    let mut dept = consolidate(&department(), &[a, b]).unwrap();
    // 机构设置: the department's words, then the counts derived from the units.
    let composition = sample().unit.composition;
    assert_eq!(
        dept.unit.composition,
        format!("{composition}纳入本部门预算编制范围的单位共 2 个：行政单位 1 个、事业单位 1 个。")
    );
    dept.unit.composition = composition;
    let (got, want) = (derive(&dept), derive(&sample()));
    assert_eq!(got.totals, want.totals);
    for (g, w) in got.tables.iter().zip(&want.tables) {
        assert_eq!(g, w, "{}", w.number);
    }
    assert_eq!(got.tables.len(), want.tables.len());
    assert_eq!(got.project_tables, want.project_tables);
    assert_eq!(got.narrative, want.narrative);
    let ids = |i: &Inputs| -> Vec<(String, Severity)> {
        let mut v: Vec<_> = check(i, &derive(i))
            .into_iter()
            .map(|f| (f.check, f.severity))
            .collect();
        v.sort();
        v
    };
    assert_eq!(ids(&dept), ids(&sample()));
}

#[test]
fn units_of_different_years_are_refused() {
    let (a, mut b) = split();
    b.unit.fiscal_year = 2022;
    let e = consolidate(&department(), &[a, b]).unwrap_err();
    assert!(matches!(e, ConsolidateError::Years(_)));
    assert_eq!(
        e.to_string(),
        "各单位的预算年度不同，不能汇总：“重庆市大渡口区人民政府办公室”（103001001） 2021 年、“大渡口区政府信息公开服务中心”（103001002） 2022 年"
    );
}

#[test]
fn the_same_unit_twice_is_refused_by_code_or_by_name() {
    let (a, b) = split();
    let e = consolidate(&department(), &[a.clone(), b.clone(), a.clone()]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "“重庆市大渡口区人民政府办公室”（103001001）出现了两次（第 1 个和第 3 个单位），每个单位只能汇总一次"
    );
    let mut renamed = b.clone();
    renamed.unit.code = "103001009".into();
    let e = consolidate(&department(), &[a, b, renamed]).unwrap_err();
    assert!(matches!(e, ConsolidateError::Duplicate(_, 2, 3)), "{e}");
}

#[test]
fn units_with_errors_are_refused_and_listed() {
    let (mut a, mut b) = split();
    a.rows[0].this_year = Amount::from_text("12.345");
    b.economic_rows[0].amount = Amount::from_text("x");
    let e = consolidate(&department(), &[a, b]).unwrap_err();
    let ConsolidateError::Errors(list) = &e else {
        panic!("{e}")
    };
    assert_eq!(list.len(), 2);
    let text = e.to_string();
    assert!(text.starts_with("2 个单位的填报有错误，改正后才能汇总：\n  “重庆市大渡口区人民政府办公室”（103001001）：2 个错误\n    [AMT-001] "), "{text}");
    assert!(
        text.contains("“大渡口区政府信息公开服务中心”（103001002）：2 个错误"),
        "{text}"
    );
    assert_eq!(
        consolidate(&department(), &[]).unwrap_err().to_string(),
        "没有单位的填报文件，无法汇总"
    );
}

#[test]
fn the_department_file_keeps_its_units_and_rechecks_their_sum() {
    let (a, b) = split();
    let units = [a, b];
    let dept = consolidate(&department(), &units).unwrap();
    let text = export_department(&dept, &units, "2026-12-07T08:00:00Z").unwrap();
    let back = import(text.as_bytes()).unwrap();
    assert!(
        back.findings.iter().all(|f| !f.is_error()),
        "{:?}",
        back.findings
    );
    assert_eq!(back.units.len(), 2);
    assert_eq!(back.units[1].unit.code, "103001002");
    // A unit opened from the department file is the unit's form.
    assert_eq!(derive(&back.units[1]).totals, derive(&units[1]).totals);

    // A unit's figure edited in the file: the department's no longer is its sum.
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["units"][1]["rows"][0]["last_year"] = Value::String("0.02".into());
    let edited = import(serde_json::to_string_pretty(&v).unwrap().as_bytes()).unwrap();
    let imp: Vec<&str> = edited
        .findings
        .iter()
        .filter(|f| f.check == "IMP-001")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        imp,
        [
            "部门汇总与各单位（units）之和核对：文件中 inputs.rows[0].last_year 为 “7476827.59”，各单位之和为 “7476827.60”：文件中的数字被改动过或已过时"
        ]
    );

    // A unit that has an error in the file: the sum cannot be re-checked.
    v["units"][1]["rows"][0]["last_year"] = Value::String("0.01".into());
    v["units"][1]["unit"]["fiscal_year"] = Value::from(2020);
    let edited = import(serde_json::to_string(&v).unwrap().as_bytes()).unwrap();
    let imp: Vec<&str> = edited
        .findings
        .iter()
        .filter(|f| f.check == "IMP-001")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(imp.len(), 1, "{imp:?}");
    assert!(
        imp[0].contains("文件中的单位不能汇总：各单位的预算年度不同"),
        "{}",
        imp[0]
    );

    // A bad amount in a unit is refused with its path, as in `inputs`.
    v["units"][1]["unit"]["fiscal_year"] = Value::from(2021);
    v["units"][1]["rows"][0]["this_year"] = Value::String("1e3".into());
    let e = import(serde_json::to_string(&v).unwrap().as_bytes()).unwrap_err();
    assert_eq!(e.problems()[0].path, "units[1].rows[0].this_year");
}

#[test]
fn a_file_without_units_is_unchanged() {
    let s = sample();
    let text = budget_core::file::export(&s, "2026-12-07T08:00:00Z").unwrap();
    assert!(!text.contains("\"units\""));
    assert_eq!(
        text,
        export_department(&s, &[], "2026-12-07T08:00:00Z").unwrap()
    );
    assert!(import(text.as_bytes()).unwrap().units.is_empty());
}

/// `fixtures/units/`: the two unit files of [`split`], exported (the CLI's and
/// the browser's tests consolidate them). `BLESS=1` rewrites them.
#[test]
fn the_committed_unit_files_are_the_split_sample() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/units");
    let (a, b) = split();
    for (name, unit) in [
        ("dadukou-2021-office.json", a),
        ("dadukou-2021-center.json", b),
    ] {
        let text = budget_core::file::export(&unit, "2026-12-07T08:00:00Z").unwrap();
        let path = format!("{dir}/{name}");
        if std::env::var_os("BLESS").is_some() {
            std::fs::create_dir_all(dir).unwrap();
            std::fs::write(&path, &text).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == text,
            "{path} is stale: BLESS=1 cargo test -p budget-core --test consolidate"
        );
    }
}
