//! `budget-check import-sheet` on a sheet laid out as 上海's systems print it:
//! a three-row merged header and codes split over 类/款/项 columns.

use rust_xlsxwriter::{Format, Workbook};
use serde_json::Value;

mod common;
use common::{run, s, scratch};

/// 普陀区财政局 2025's 部门支出预算总表 for 类 201, `kuan` the 款 of the
/// 行政运行 line (sheet row 8) as the sheet holds it.
fn putuo_201(kuan: &str) -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let f = Format::new();
    ws.merge_range(0, 0, 0, 6, "2025年部门支出预算总表", &f)
        .unwrap();
    ws.write_string(1, 6, "单位：元").unwrap();
    ws.merge_range(2, 0, 2, 3, "项目", &f).unwrap();
    ws.merge_range(2, 4, 2, 6, "支出预算", &f).unwrap();
    ws.merge_range(3, 0, 3, 2, "功能分类科目编码", &f).unwrap();
    ws.merge_range(3, 3, 4, 3, "功能分类科目名称", &f).unwrap();
    for (c, t) in [(4, "合计"), (5, "基本支出"), (6, "项目支出")] {
        ws.merge_range(3, c, 4, c, t, &f).unwrap();
    }
    for (c, t) in ["类", "款", "项"].into_iter().enumerate() {
        ws.write_string(4, c as u16, t).unwrap();
    }
    let lines: [[&str; 7]; 7] = [
        [
            "201",
            "",
            "",
            "一般公共服务支出",
            "22186440.80",
            "16093326.00",
            "6093114.80",
        ],
        [
            "201",
            "06",
            "",
            "财政事务",
            "22186440.80",
            "16093326.00",
            "6093114.80",
        ],
        [
            "201",
            kuan,
            "01",
            "行政运行",
            "16231840.80",
            "16093326.00",
            "138514.80",
        ],
        [
            "201",
            "06",
            "02",
            "一般行政管理事务",
            "100000.00",
            "",
            "100000.00",
        ],
        [
            "201",
            "06",
            "07",
            "信息化建设",
            "1666600.00",
            "",
            "1666600.00",
        ],
        [
            "201",
            "06",
            "08",
            "财政委托业务支出",
            "4188000.00",
            "",
            "4188000.00",
        ],
        [
            "合计",
            "",
            "",
            "",
            "22186440.80",
            "16093326.00",
            "6093114.80",
        ],
    ];
    for (i, l) in lines.iter().enumerate() {
        let r = 5 + i as u32;
        for (c, t) in l.iter().enumerate() {
            if t.is_empty() {
                continue;
            }
            match t.parse::<f64>() {
                // Codes and amounts as numbers, as Excel keeps them; 06 stays text.
                Ok(n) if !t.starts_with('0') => ws.write_number(r, c as u16, n).unwrap(),
                _ => ws.write_string(r, c as u16, *t).unwrap(),
            };
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn import_sheet_reads_split_codes_under_a_merged_header() {
    let path = scratch("putuo").join("putuo-201.xlsx");
    std::fs::write(&path, putuo_201("06")).unwrap();
    let (code, stdout, stderr) = run(&["import-sheet", s(&path)]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("表格形状：表8 部门支出总表"), "{stdout}");
    assert!(
        stdout.contains("A 列 项目/功能分类科目编码/类 → 科目编码（类）"),
        "{stdout}"
    );
    assert!(
        stdout.contains("C 列 项目/功能分类科目编码/项 → 科目编码（项）"),
        "{stdout}"
    );
    assert!(
        stdout.contains("2010601 行政运行  一般公共预算拨款  项目支出  本年 138,514.80"),
        "{stdout}"
    );
    assert!(stdout.contains("预算明细 5 行"), "{stdout}");
    assert!(stdout.contains("已跳过类、款与合计行 3 行"), "{stdout}");
    assert!(stdout.contains("没有问题。"), "{stdout}");
}

#[test]
fn import_sheet_refuses_a_code_that_lost_its_zero_with_one_message() {
    let path = scratch("lost-zero").join("putuo-201.xlsx");
    std::fs::write(&path, putuo_201("6")).unwrap();
    let (code, stdout, stderr) = run(&["import-sheet", s(&path), "--json"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    let problems = v["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{v}");
    assert_eq!(problems[0]["row"], 8);
    let m = problems[0]["message"].as_str().unwrap();
    assert!(m.contains("201 | 6 | 01") && m.contains("款“6”"), "{m}");
    assert_eq!(v["budget_rows"].as_array().unwrap().len(), 3, "{v}");
}
