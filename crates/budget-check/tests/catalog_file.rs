//! `--catalog FILE`: a finance bureau's catalog decides which codes are valid,
//! and a file records the catalog it was checked against.

use budget_core::catalog::{Bureau, Choice};
use budget_core::file::{export_in, open};
use serde_json::Value;

mod common;
use common::{root, run, s, scratch};

/// The 2021 function catalog as a bureau would issue it, without `drop`.
fn bureau_csv(drop: &str) -> String {
    let data =
        std::fs::read_to_string(root().join("crates/budget-core/data/2021/function.csv")).unwrap();
    let mut out = String::from("科目编码,科目名称\n");
    for line in data.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let mut parts = line.split(',');
        let (code, name) = (parts.next().unwrap(), parts.next().unwrap());
        if code != drop {
            out.push_str(&format!("{code},{name}\n"));
        }
    }
    out
}

#[test]
fn a_bureau_catalog_decides_which_codes_are_valid() {
    let dir = scratch("valid");
    let sample = root().join("fixtures/dadukou-2021.json");
    let catalog = dir.join("财政局2021科目.csv");
    std::fs::write(&catalog, bureau_csv("2010301")).unwrap();
    let (code, out, _) = run(&["check", "--catalog", s(&catalog), s(&sample)]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("科目表：财政局科目表“财政局2021科目.csv”"),
        "{out}"
    );
    assert!(
        out.contains("功能分类科目编码“2010301”不在科目目录中"),
        "{out}"
    );
    // The same list with the code passes, as without --catalog.
    std::fs::write(&catalog, bureau_csv("")).unwrap();
    let (code, out, _) = run(&["check", "--json", "--catalog", s(&catalog), s(&sample)]);
    assert_eq!(code, 0, "{out}");
    let doc: Value = serde_json::from_str(&out).unwrap();
    let file = &doc["files"][0];
    assert_eq!(file["catalog"]["name"], "财政局2021科目.csv");
    assert_eq!(file["catalog"]["sha256"].as_str().unwrap().len(), 64);
    // Without it: the built-in catalog of the year, no notice for 2021.
    let (_, out, _) = run(&["check", "--json", s(&sample)]);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["files"][0]["catalog"]["name"], "builtin-2021");
    assert_eq!(doc["files"][0]["catalog_notice"], Value::Null);
}

#[test]
fn a_bad_catalog_file_is_refused_with_its_lines() {
    let dir = scratch("bad");
    let catalog = dir.join("bad.csv");
    std::fs::write(
        &catalog,
        "科目编码,科目名称\n201,一般公共服务支出\n2019,x\n20101,\n",
    )
    .unwrap();
    let sample = root().join("fixtures/dadukou-2021.json");
    let (code, out, err) = run(&["check", "--catalog", s(&catalog), s(&sample)]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("第 3 行：科目编码“2019”应为 3、5 或 7 位数字"),
        "{err}"
    );
    assert!(err.contains("第 4 行：科目“20101”缺少名称"), "{err}");
}

#[test]
fn the_file_records_the_catalog_and_the_check_says_when_it_differs() {
    let dir = scratch("record");
    let text = bureau_csv("");
    let bureau = Bureau::from_csv("bureau.csv", text.as_bytes()).unwrap();
    let sample = std::fs::read(root().join("fixtures/dadukou-2021.json")).unwrap();
    let inputs = open(&sample).unwrap().inputs().clone();
    let exported = export_in(&inputs, Choice::Every(bureau), "2026-12-07T00:00:00Z").unwrap();
    let v: Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(v["catalog"]["name"], "bureau.csv");
    assert_eq!(v["catalog"]["sha256"], bureau.sha256());
    let file = dir.join("sample.budget.json");
    std::fs::write(&file, &exported).unwrap();
    let catalog = dir.join("bureau.csv");
    std::fs::write(&catalog, &text).unwrap();
    // Checked against the same list: nothing to say.
    let (code, out, _) = run(&["check", "--catalog", s(&catalog), s(&file)]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("文件记录的科目表"), "{out}");
    // Against the built-in one: said, figures still agree.
    let (code, out, _) = run(&["check", s(&file)]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("文件记录的科目表为“bureau.csv”"), "{out}");
}
