//! `budget-check export --xlsx` and `budget-check import-sheet`.

use std::io::Cursor;
use std::path::PathBuf;

use calamine::{Data, Reader, Xlsx};
use serde_json::Value;

mod common;
use common::{root, run, s, scratch};

fn sample_path() -> PathBuf {
    root().join("fixtures/dadukou-2021.json")
}

#[test]
fn export_writes_a_workbook_with_every_table() {
    let out = scratch("export").join("sample.xlsx");
    let _ = std::fs::remove_file(&out);
    let (code, stdout, stderr) = run(&["export", s(&sample_path()), "--xlsx", s(&out)]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("10 张报表、1 张项目绩效目标表"), "{stdout}");
    let bytes = std::fs::read(&out).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let names = book.sheet_names();
    assert_eq!(names.len(), 12, "{names:?}");
    assert_eq!(names[0], "情况说明");
    // 表7's 合计 line: the seed's total.
    let t7 = book.worksheet_range(&names[7]).unwrap();
    let total = t7.get_value((5, 2)).cloned();
    assert_eq!(total, Some(Data::Float(11906397.06)), "{names:?}");
}

#[test]
fn export_refuses_an_unreadable_file_and_needs_an_output() {
    let dir = scratch("export-bad");
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{ not json").unwrap();
    let out = dir.join("never.xlsx");
    let (code, _, stderr) = run(&["export", s(&bad), "--xlsx", s(&out)]);
    assert_eq!(code, 2, "{stderr}");
    assert!(!out.exists());
    let (code, _, stderr) = run(&["export", s(&sample_path())]);
    assert_eq!(code, 2, "clap usage error: {stderr}");
    assert!(stderr.contains("--xlsx"), "{stderr}");
}

#[test]
fn table2_printed_as_csv_imports_back_as_its_rows() {
    let dir = scratch("roundtrip");
    let (code, csv, _) = run(&["tables", s(&sample_path()), "--table", "2", "--csv"]);
    assert_eq!(code, 0);
    let path = dir.join("t2.csv");
    std::fs::write(&path, csv).unwrap();
    let (code, stdout, stderr) = run(&["import-sheet", s(&path), "--json"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["shape"], "general_budget");
    assert_eq!(v["problems"], Value::Array(vec![]));
    let rows = v["budget_rows"].as_array().unwrap();
    let this: f64 = rows
        .iter()
        .map(|r| r["this_year"].as_str().unwrap().parse::<f64>().unwrap())
        .sum();
    assert!((this - 11906397.06).abs() < 0.001, "{this}");
}

#[test]
fn import_sheet_prints_a_preview_with_problem_rows() {
    let dir = scratch("preview");
    let path = dir.join("t8.csv");
    std::fs::write(
        &path,
        "\u{feff}部门支出总表\r\n\
科目编码,科目名称,合计,基本支出,项目支出\r\n\
201,一般公共服务支出,\"1,000.00\",\"1,000.00\",\r\n\
2010301,行政运行,800.00,800.00,\r\n\
2010350,事业运行,12.345,,\r\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run(&["import-sheet", s(&path)]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stdout.contains("表格形状：表8 部门支出总表"), "{stdout}");
    assert!(
        stdout.contains("2010301 行政运行  一般公共预算拨款  基本支出  本年 800.00"),
        "{stdout}"
    );
    assert!(stdout.contains("已跳过类、款与合计行 1 行"), "{stdout}");
    assert!(
        stdout.contains("第 5 行：2010350 事业运行的“合计”（C 列）：“12.345”的小数超过 2 位"),
        "{stdout}"
    );
}

#[test]
fn import_sheet_without_a_code_column_exits_2_with_the_column_named() {
    let dir = scratch("nocode");
    let path = dir.join("x.csv");
    std::fs::write(&path, "序号,科目名称,基本支出\r\n1,行政运行,100\r\n").unwrap();
    let (code, stdout, stderr) = run(&["import-sheet", s(&path)]);
    assert_eq!(code, 2, "{stdout}");
    assert!(stderr.contains("缺少“科目编码”列"), "{stderr}");
    let (code, stdout, _) = run(&["import-sheet", s(&path), "--json"]);
    assert_eq!(code, 2);
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert!(v["error"].as_str().unwrap().contains("科目编码"));
    let (code, _, stderr) = run(&["import-sheet", s(&dir.join("missing.xlsx"))]);
    assert_eq!(code, 2);
    assert!(stderr.contains("文件不存在"), "{stderr}");
}

#[test]
fn an_exported_workbook_imports_through_the_cli() {
    let out = scratch("wb").join("sample.xlsx");
    let (code, _, _) = run(&["export", s(&sample_path()), "--xlsx", s(&out)]);
    assert_eq!(code, 0);
    let (code, stdout, stderr) = run(&["import-sheet", s(&out)]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("（工作表“表2 一般公共预算财政拨款支出预算表”）"),
        "{stdout}"
    );
    assert!(
        stdout.contains("C 列 2020年预算数 → 上年预算数"),
        "{stdout}"
    );
    assert!(stdout.contains("没有问题。"), "{stdout}");
}

#[test]
fn import_sheet_reads_the_named_worksheet() {
    let out = scratch("named").join("sample.xlsx");
    let (code, _, _) = run(&["export", s(&sample_path()), "--xlsx", s(&out)]);
    assert_eq!(code, 0);
    let (code, stdout, stderr) = run(&[
        "import-sheet",
        s(&out),
        "--sheet-name",
        "表8 部门支出总表",
        "--json",
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["shape"], "expenditure");
    assert_eq!(v["sheet"], "表8 部门支出总表");
    let (code, _, stderr) = run(&["import-sheet", s(&out), "--sheet-name", "表99"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("没有名为“表99”的工作表") && stderr.contains("表7 部门收入总表"),
        "{stderr}"
    );
}

/// The seed's tables in 万元 as `export --xlsx --unit 万元` writes them and as
/// `tables --unit 万元 --csv` prints them: every figure the same as
/// `WanTable::display`, which the screen and print show (tests/e2e/wan.test.mjs
/// compares those with the golden files of the same figures).
#[test]
fn export_in_wan_writes_the_figures_the_screen_and_csv_show() {
    use budget_core::table::Cell;
    use budget_core::wan::to_wan;
    let out = scratch("export-wan").join("sample-wan.xlsx");
    let _ = std::fs::remove_file(&out);
    let (code, stdout, stderr) = run(&[
        "export",
        s(&sample_path()),
        "--xlsx",
        s(&out),
        "--unit",
        "万元",
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(std::fs::read(&out).unwrap())).unwrap();
    let names = book.sheet_names();
    let inputs: budget_core::Inputs =
        serde_json::from_str(&std::fs::read_to_string(sample_path()).unwrap()).unwrap();
    let derived = budget_core::derive(&inputs);
    let tables: Vec<_> = derived
        .tables
        .iter()
        .chain(&derived.project_tables)
        .collect();
    assert_eq!(names.len(), tables.len() + 1, "{names:?}");
    let mut figures = 0;
    for (k, t) in tables.iter().enumerate() {
        let w = to_wan(t, 2).unwrap();
        let sheet = book.worksheet_range(&names[k + 1]).unwrap();
        let which = if k < derived.tables.len() {
            (k + 1).to_string()
        } else {
            format!("project{}", k + 1 - derived.tables.len())
        };
        let (code, csv, err) = run(&[
            "tables",
            s(&sample_path()),
            "--table",
            &which,
            "--unit",
            "万元",
            "--csv",
        ]);
        assert_eq!(code, 0, "{err}");
        let csv: Vec<Vec<String>> = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(csv.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        let h = t.header.len();
        if t.rows
            .iter()
            .any(|r| r.cells.iter().any(|c| c.money().is_some()))
        {
            let unit = sheet.get_value((2, 0)).cloned();
            assert_eq!(unit, Some(Data::String("单位：万元".into())), "{}", t.id);
        }
        for (r, row) in w.table.rows.iter().enumerate() {
            let mut col = 0usize;
            for (ci, cell) in row.cells.iter().enumerate() {
                let span = match cell {
                    Cell::Span { colspan, .. } => usize::from((*colspan).max(1)),
                    _ => 1,
                };
                if cell.money().is_some() {
                    let want = w.display(r, ci);
                    let in_csv = csv[2 + h + r].get(col).cloned().unwrap_or_default();
                    assert_eq!(in_csv, want, "{} csv {r}:{ci}", t.id);
                    let in_xlsx = match sheet.get_value(((3 + h + r) as u32, col as u32)) {
                        Some(Data::Float(f)) => format!("{f:.2}"),
                        Some(Data::Empty) | None => String::new(),
                        other => panic!("{} xlsx {r}:{ci}: {other:?}", t.id),
                    };
                    assert_eq!(in_xlsx, want, "{} xlsx {r}:{ci}", t.id);
                    figures += 1;
                }
                col += span;
            }
        }
        if !w.adjusted.is_empty() {
            let note_row = (3 + h + w.table.rows.len() + 1) as u32;
            let note = sheet.get_value((note_row, 0)).cloned();
            assert!(
                matches!(&note, Some(Data::String(n)) if n.contains("舍位平衡调整")),
                "{} note: {note:?}",
                t.id
            );
        }
    }
    assert!(figures > 300, "figures compared: {figures}");
}
