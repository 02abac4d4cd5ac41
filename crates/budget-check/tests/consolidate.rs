//! `budget-check consolidate`: the split sample's unit files summed into the
//! department's file, the refusals, and the department file's re-check.

use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;
use common::{root, run, s, scratch};

fn units() -> [PathBuf; 2] {
    let dir = root().join("fixtures/units");
    [
        dir.join("dadukou-2021-office.json"),
        dir.join("dadukou-2021-center.json"),
    ]
}

fn sample() -> PathBuf {
    root().join("fixtures/dadukou-2021.json")
}

const NAME: &str = "重庆市大渡口区人民政府办公室";

/// Consolidate `files` into `out` with the sample's own texts.
fn consolidate(files: &[&Path], out: &Path) -> (i32, String, String) {
    let texts = sample();
    let mut args = vec!["consolidate"];
    args.extend(files.iter().map(|p| s(p)));
    args.extend(["--code", "103001001", "--name", NAME]);
    args.extend(["--texts", s(&texts), "-o", s(out)]);
    run(&args)
}

#[test]
fn the_split_sample_consolidates_to_every_figure_of_the_sample() {
    let dept = scratch("sum").join("dept.json");
    let [a, b] = units();
    let (code, out, err) = consolidate(&[&a, &b], &dept);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with(&format!("已写入 {}：{NAME}（103001001）2021 年，2 个单位，支出合计 11,906,397.06 元，三公经费合计 383,000.00 元", s(&dept))),
        "{out}"
    );
    let (code, report, _) = run(&["check", s(&dept)]);
    assert_eq!(code, 0, "{report}");
    assert!(!report.contains("IMP-001"), "{report}");
    // Every table, in 元 and in 万元, as the sample's.
    for extra in [&[][..], &["--unit", "万元"][..]] {
        let table = |f: &Path| {
            let mut args = vec!["tables", s(f)];
            args.extend(extra);
            run(&args).1
        };
        assert_eq!(table(&dept), table(&sample()));
    }
    // The narrative: the sample's, but for the counts of units by type.
    let (_, got, _) = run(&["narrative", s(&dept)]);
    let (_, want, _) = run(&["narrative", s(&sample())]);
    let differ: Vec<(&str, &str)> = got
        .lines()
        .zip(want.lines())
        .filter(|(g, w)| g != w)
        .collect();
    assert_eq!(differ.len(), 1, "{differ:?}");
    assert_eq!(
        differ[0].0,
        format!(
            "{}纳入本部门预算编制范围的单位共 2 个：行政单位 1 个、事业单位 1 个。",
            differ[0].1
        )
    );
    assert_eq!(got.lines().count(), want.lines().count());
}

#[test]
fn an_edited_unit_in_the_department_file_fails_the_recheck() {
    let dir = scratch("edited");
    let dept = dir.join("dept.json");
    let [a, b] = units();
    assert_eq!(consolidate(&[&a, &b], &dept).0, 0);
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(&dept).unwrap()).unwrap();
    assert_eq!(v["units"].as_array().unwrap().len(), 2);
    v["units"][1]["rows"][0]["last_year"] = Value::String("0.02".into());
    let edited = dir.join("edited.json");
    std::fs::write(&edited, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let (code, out, _) = run(&["check", s(&edited)]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("错误 IMP-001  部门汇总与各单位（units）之和核对：文件中 inputs.rows[0].last_year 为 “7476827.59”，各单位之和为 “7476827.60”"),
        "{out}"
    );
}

#[test]
fn the_refusals_are_named() {
    let dir = scratch("refused");
    let dept = dir.join("dept.json");
    let [a, b] = units();
    // The same unit twice.
    let (code, _, err) = consolidate(&[&a, &b, &a], &dept);
    assert_eq!(code, 1);
    assert!(
        err.contains(&format!(
            "不能汇总：“{NAME}”（103001001）出现了两次（第 1 个和第 3 个单位）"
        )),
        "{err}"
    );
    // Units of different years (bare inputs of the center for 2022).
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&b).unwrap()).unwrap();
    let mut inputs = v["inputs"].clone();
    inputs["unit"]["fiscal_year"] = Value::from(2022);
    let later = dir.join("center-2022.json");
    std::fs::write(&later, serde_json::to_string(&inputs).unwrap()).unwrap();
    let (code, _, err) = consolidate(&[&a, &later], &dept);
    assert_eq!(code, 1);
    assert!(err.contains("各单位的预算年度不同，不能汇总："), "{err}");
    assert!(
        err.contains("“大渡口区政府信息公开服务中心”（103001002） 2022 年"),
        "{err}"
    );
    // A unit with errors: listed with its errors.
    let bad = root().join("fixtures/bad/duplicate-rows.inputs.json");
    let (code, _, err) = consolidate(&[&b, &bad], &dept);
    assert_eq!(code, 1);
    assert!(
        err.contains("1 个单位的填报有错误，改正后才能汇总："),
        "{err}"
    );
    assert!(err.contains("[ROW-001] "), "{err}");
    // A file that cannot be read.
    let (code, _, err) = consolidate(&[&a, &root().join("fixtures/bad/empty.json")], &dept);
    assert_eq!(code, 2);
    assert!(err.contains("文件为空"), "{err}");
    assert!(!dept.exists(), "nothing written");
}
