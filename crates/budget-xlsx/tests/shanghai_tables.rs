//! 上海's other tables as its systems print them (普陀区财政局 2025, PDF
//! pages 10–11 and 19–20): the 部门收入预算总表 with its 财政拨款收入 column
//! not split by fund, and the 经济分类 table with its code over 类/款.

use budget_core::model::{ExpenditureType, FundingSource};
use budget_xlsx::{SheetKind, SheetShape, import_rows};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Workbook};

mod common;
use common::cells::{Cell, write_body};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn a_shanghai_income_sheet_reads_its_appropriation_column_and_says_how() {
    // 普陀 2025 部门收入预算总表 (PDF page 11), 类 210.
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let f = Format::new();
    ws.merge_range(0, 0, 0, 8, "2025年部门收入预算总表", &f)
        .unwrap();
    ws.merge_range(2, 0, 2, 3, "项目", &f).unwrap();
    ws.merge_range(2, 4, 2, 8, "收入预算", &f).unwrap();
    ws.merge_range(3, 0, 3, 2, "功能分类科目编码", &f).unwrap();
    ws.merge_range(3, 3, 4, 3, "功能分类科目名称", &f).unwrap();
    for (c, t) in [
        "合计",
        "财政拨款收入",
        "事业收入",
        "事业单位经营收入",
        "其他收入",
    ]
    .into_iter()
    .enumerate()
    {
        ws.merge_range(3, 4 + c as u16, 4, 4 + c as u16, t, &f)
            .unwrap();
    }
    for (c, t) in ["类", "款", "项"].into_iter().enumerate() {
        ws.write_string(4, c as u16, t).unwrap();
    }
    let (lei, kuan, xiang) = (Cell::Text("210"), Cell::Text("11"), Cell::Text("01"));
    write_body(
        ws,
        5,
        &[
            (
                &[lei, Cell::Blank, Cell::Blank],
                "卫生健康支出",
                &[782164.0, 782164.0],
            ),
            (
                &[lei, kuan, Cell::Blank],
                "行政事业单位医疗",
                &[782164.0, 782164.0],
            ),
            (&[lei, kuan, xiang], "行政单位医疗", &[782164.0, 782164.0]),
            (
                &[Cell::Text("合计"), Cell::Blank, Cell::Blank],
                "",
                &[782164.0, 782164.0],
            ),
        ],
    );
    let imp = import_rows(&book.save_to_buffer().unwrap(), SheetKind::Xlsx).unwrap();
    assert_eq!(imp.shape, SheetShape::Income);
    assert_eq!(imp.skipped_subtotals, 3);
    assert_eq!(imp.budget_rows.len(), 1);
    let r = &imp.budget_rows[0];
    assert_eq!(
        (r.code.as_str(), r.source, r.kind, r.this_year.value()),
        (
            "2101101",
            FundingSource::GeneralBudget,
            ExpenditureType::Basic,
            d("782164")
        )
    );
    // One note, on the header's last row, naming the column.
    assert_eq!(imp.problems.len(), 1, "{:?}", imp.problems);
    assert_eq!(imp.problems[0].row, 5);
    assert!(
        imp.problems[0]
            .message
            .contains("“收入预算/财政拨款收入”列（F 列）")
            && imp.problems[0].message.contains("一般公共预算拨款"),
        "{}",
        imp.problems[0].message
    );
}

#[test]
fn a_shanghai_economic_sheet_split_over_class_and_kuan() {
    // 普陀 2025 一般公共预算基本支出部门预算经济分类预算表 (PDF pages 19–20),
    // a few lines: `项目` over `部门预算经济分类科目编码` over 类/款; 0.00 printed.
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let f = Format::new();
    ws.merge_range(
        0,
        0,
        0,
        5,
        "2025年部门一般公共预算基本支出部门预算经济分类预算表",
        &f,
    )
    .unwrap();
    ws.write_string(1, 0, "编制部门：上海市普陀区财政局")
        .unwrap();
    ws.write_string(1, 5, "单位：元").unwrap();
    ws.merge_range(2, 0, 2, 2, "项目", &f).unwrap();
    ws.merge_range(2, 3, 2, 5, "一般公共预算基本支出", &f)
        .unwrap();
    ws.merge_range(3, 0, 3, 1, "部门预算经济分类科目编码", &f)
        .unwrap();
    ws.merge_range(3, 2, 4, 2, "经济分类科目名称", &f).unwrap();
    for (c, t) in ["合计", "人员经费", "公用经费"].into_iter().enumerate() {
        ws.merge_range(3, 3 + c as u16, 4, 3 + c as u16, t, &f)
            .unwrap();
    }
    ws.write_string(4, 0, "类").unwrap();
    ws.write_string(4, 1, "款").unwrap();
    let (n301, n302) = (Cell::Number(301.0), Cell::Number(302.0));
    write_body(
        ws,
        5,
        &[
            (
                &[n301, Cell::Blank],
                "工资福利支出",
                &[15654518.0, 15654518.0, 0.0],
            ),
            (
                &[n301, Cell::Text("01")],
                "基本工资",
                &[2642448.0, 2642448.0, 0.0],
            ),
            (
                &[n301, Cell::Text("02")],
                "津贴补贴",
                &[13012070.0, 13012070.0, 0.0],
            ),
            (
                &[n302, Cell::Blank],
                "商品和服务支出",
                &[170000.0, 0.0, 170000.0],
            ),
            (
                &[n302, Cell::Text("01")],
                "办公费",
                &[170000.0, 0.0, 170000.0],
            ),
            (
                &[Cell::Text("合计"), Cell::Blank],
                "",
                &[15824518.0, 15654518.0, 170000.0],
            ),
        ],
    );
    let imp = import_rows(&book.save_to_buffer().unwrap(), SheetKind::Xlsx).unwrap();
    assert_eq!(imp.shape, SheetShape::Economic);
    assert_eq!(imp.problems, vec![]);
    assert_eq!(imp.skipped_subtotals, 3);
    let got: Vec<(&str, Decimal)> = imp
        .economic_rows
        .iter()
        .map(|r| (r.code.as_str(), r.amount.value()))
        .collect();
    assert_eq!(
        got,
        [
            ("30101", d("2642448")),
            ("30102", d("13012070")),
            ("30201", d("170000"))
        ]
    );
}
