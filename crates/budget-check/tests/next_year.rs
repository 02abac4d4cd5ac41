//! `budget-check next-year`: next year's draft from last year's file.

use std::path::PathBuf;

use budget_core::file::{Opened, open};

mod common;
use common::{root, run};

#[test]
fn the_2022_draft_of_the_sample_has_its_2021_figures_as_last_year_line_for_line() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("next_year");
    std::fs::create_dir_all(&dir).unwrap();
    let sample = root().join("fixtures/dadukou-2021.json");
    let out_file = dir.join("dadukou-2022.json");
    let (code, out, err) = run(&[
        "next-year",
        sample.to_str().unwrap(),
        "--year",
        "2022",
        "-o",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("已写出 2022 年草稿文件"), "{out}");
    assert!(out.contains("按2021年目录核对"), "{out}");
    let old = open(&std::fs::read(&sample).unwrap()).unwrap();
    let Opened::Submission(new) = open(&std::fs::read(&out_file).unwrap()).unwrap() else {
        panic!("a draft file");
    };
    assert!(new.draft);
    assert_eq!(new.inputs.unit.fiscal_year, 2022);
    let want: Vec<_> = old
        .inputs()
        .rows
        .iter()
        .filter(|r| !r.this_year.is_zero())
        .map(|r| (r.code.clone(), r.source, r.kind, r.this_year.value()))
        .collect();
    let got: Vec<_> = new
        .inputs
        .rows
        .iter()
        .map(|r| (r.code.clone(), r.source, r.kind, r.last_year.value()))
        .collect();
    assert_eq!(got, want);
    assert!(
        new.inputs
            .rows
            .iter()
            .all(|r| r.this_year.text().is_empty())
    );
    // 上年 in the derived tables: 表6's last-year total is the sample's total.
    assert_eq!(
        new.derived.totals.total_last_year,
        old.derived().totals.total
    );
    assert_eq!(new.catalog.unwrap().name, "builtin-2021");
}

#[test]
fn without_an_output_the_file_goes_to_stdout_and_a_bad_year_is_refused() {
    let sample = root().join("fixtures/dadukou-2021.json");
    let (code, out, err) = run(&["next-year", sample.to_str().unwrap(), "--year", "2025"]);
    assert_eq!(code, 0, "{err}");
    let opened = open(out.as_bytes()).unwrap();
    assert_eq!(opened.inputs().unit.fiscal_year, 2025);
    assert!(err.contains("科目表：内置 2025 年科目目录"), "{err}");
    let (code, _, _) = run(&["next-year", sample.to_str().unwrap(), "--year", "20255"]);
    assert_eq!(code, 2);
}
