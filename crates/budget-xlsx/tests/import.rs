//! Rows from spreadsheets: round trips through our own export, a hand-written
//! CSV as other systems write it, and each kind of broken sheet.

mod common;

use budget_core::Inputs;
use budget_core::model::{BudgetRow, ExpenditureType, FundingSource};
use budget_core::table::RowKind;
use budget_xlsx::{
    SheetImportError, SheetKind, SheetShape, export_table_xlsx, export_xlsx, import_rows,
};
use calamine::Reader;
use common::*;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Workbook};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn row(code: &str, kind: ExpenditureType, this: &str, last: &str) -> BudgetRow {
    BudgetRow {
        code: code.into(),
        source: FundingSource::GeneralBudget,
        kind,
        this_year: budget_core::Amount::from_decimal(d(this)),
        last_year: if last.is_empty() {
            budget_core::Amount::default()
        } else {
            budget_core::Amount::from_decimal(d(last))
        },
        unparsed: Default::default(),
    }
}

#[test]
fn tables_2_3_7_8_exported_and_imported_reproduce_themselves() {
    let inputs = sample();
    let derived = derived(&inputs);
    for (n, shape) in [
        (2, SheetShape::GeneralBudget),
        (3, SheetShape::Economic),
        (7, SheetShape::Income),
        (8, SheetShape::Expenditure),
    ] {
        let table = derived.table(n).unwrap();
        let bytes = export_table_xlsx(table).unwrap();
        let imp = import_rows(&bytes, SheetKind::Xlsx).unwrap();
        assert_eq!(imp.shape, shape, "表{n}");
        assert_eq!(imp.problems, vec![], "表{n}");
        let subtotals = table
            .rows
            .iter()
            .filter(|r| r.kind != RowKind::Detail)
            .count();
        assert_eq!(imp.skipped_subtotals, subtotals, "表{n}");
        let mut again = Inputs {
            unit: inputs.unit.clone(),
            ..Inputs::default()
        };
        if n == 3 {
            assert!(imp.budget_rows.is_empty());
            again.economic_rows = imp.economic_rows;
        } else {
            assert!(imp.economic_rows.is_empty());
            again.rows = imp.budget_rows;
        }
        let rebuilt = budget_core::derive(&again);
        assert_eq!(
            rebuilt.table(n).unwrap(),
            table,
            "表{n} after the round trip"
        );
    }
}

#[test]
fn the_whole_workbook_imports_its_first_coded_sheet() {
    let inputs = sample();
    let bytes = export_xlsx(&inputs, &derived(&inputs)).unwrap();
    let imp = import_rows(&bytes, SheetKind::Xlsx).unwrap();
    assert_eq!(imp.shape, SheetShape::GeneralBudget);
    assert_eq!(
        imp.sheet.as_deref(),
        Some("表2 一般公共预算财政拨款支出预算表")
    );
    let this: Decimal = imp.budget_rows.iter().map(|r| r.this_year.value()).sum();
    let last: Decimal = imp.budget_rows.iter().map(|r| r.last_year.value()).sum();
    assert_eq!(this, d("11906397.06"));
    assert_eq!(last, d("14760813.18"));
    assert!(
        imp.columns
            .iter()
            .any(|c| c.column == "C" && c.meaning == "上年预算数")
    );
}

/// A 表2 as another system writes it: BOM, CRLF, a title and unit line, a
/// two-row header, 千分位 text, blank cells, a quoted figure.
const TABLE2_CSV: &str = "\u{feff}某单位一般公共预算财政拨款支出预算表,,,,,\r\n\
,,,,,单位：元\r\n\
功能分类科目,,2020年预算数,2021年预算数,,\r\n\
科目编码,科目名称,,小计,基本支出,项目支出\r\n\
合计,,\"1,650,000.00\",\"1,301,627.58\",\"1,201,627.58\",\"100,000.00\"\r\n\
201,一般公共服务支出,\"1,500,000.00\",\"1,301,627.58\",\"1,201,627.58\",\"100,000.00\"\r\n\
20103,政府办公厅（室）及相关机构事务,\"1,500,000.00\",\"1,301,627.58\",\"1,201,627.58\",\"100,000.00\"\r\n\
2010301,行政运行,\"1,200,000.00\",\"1,201,627.58\",\"1,201,627.58\",\r\n\
2010350,事业运行,\"300,000.00\",\"100,000.00\",,\"100,000.00\"\r\n\
208,社会保障和就业支出,\"150,000.00\",,,\r\n\
20805,行政事业单位养老支出,\"150,000.00\",,,\r\n\
2080501,行政单位离退休,150000,,,\r\n\
\r\n\
注：本表为测试数据。,,,,,\r\n";

#[test]
fn a_table2_csv_from_another_system() {
    let imp = import_rows(TABLE2_CSV.as_bytes(), SheetKind::Csv).unwrap();
    assert_eq!(imp.shape, SheetShape::GeneralBudget);
    assert_eq!(imp.problems, vec![]);
    assert_eq!(imp.skipped_subtotals, 5);
    use ExpenditureType::*;
    assert_eq!(
        imp.budget_rows,
        vec![
            row("2010301", Basic, "1201627.58", "1200000"),
            row("2010350", Project, "100000", "300000"),
            row("2080501", Basic, "0", "150000"),
        ]
    );
}

#[test]
fn a_bad_figure_names_its_row_and_reason_and_leaves_the_line_out() {
    let csv = TABLE2_CSV
        .replace("\"1,201,627.58\",\r\n", "12.345,\r\n")
        .replace(
            "2010350,事业运行,\"300,000.00\"",
            "2010350,事业运行,\"30,00.00\"",
        );
    let imp = import_rows(csv.as_bytes(), SheetKind::Csv).unwrap();
    let rows: Vec<usize> = imp.problems.iter().map(|p| p.row).collect();
    assert_eq!(rows, vec![8, 9], "{:?}", imp.problems);
    let m = &imp.problems[0].message;
    assert!(
        m.contains("2010301 行政运行") && m.contains("基本支出") && m.contains("E 列"),
        "{m}"
    );
    assert!(m.contains("小数超过 2 位") && m.contains("未导入"), "{m}");
    let m = &imp.problems[1].message;
    assert!(m.contains("2020年预算数") && m.contains("千分位"), "{m}");
    // The other lines still come in; the 类 and 款 above them are not blamed.
    assert_eq!(imp.budget_rows.len(), 1);
    assert_eq!(imp.budget_rows[0].code, "2080501");
}

#[test]
fn a_subtotal_that_does_not_add_up_is_reported_with_both_figures() {
    let csv = TABLE2_CSV.replace(
        "20103,政府办公厅（室）及相关机构事务,\"1,500,000.00\"",
        "20103,政府办公厅（室）及相关机构事务,\"1,400,000.00\"",
    );
    let imp = import_rows(csv.as_bytes(), SheetKind::Csv).unwrap();
    assert_eq!(imp.problems.len(), 1, "{:?}", imp.problems);
    let p = &imp.problems[0];
    assert_eq!(p.row, 7);
    assert_eq!(
        p.message,
        "20103 政府办公厅（室）及相关机构事务（款）的“2020年预算数”（C 列）为 1,400,000.00，\
其下明细行合计为 1,500,000.00，相差 -100,000.00"
    );
    // Details are still offered: the subtotal is derived, never imported.
    assert_eq!(imp.budget_rows.len(), 3);
}

#[test]
fn a_wrong_total_line_is_reported_too() {
    let csv = TABLE2_CSV.replace("合计,,\"1,650,000.00\"", "合计,,\"1,650,000.01\"");
    let imp = import_rows(csv.as_bytes(), SheetKind::Csv).unwrap();
    assert_eq!(imp.problems.len(), 1);
    assert_eq!(imp.problems[0].row, 5);
    assert!(
        imp.problems[0]
            .message
            .starts_with("合计行的“2020年预算数”"),
        "{}",
        imp.problems[0].message
    );
    assert!(imp.problems[0].message.ends_with("相差 0.01"));
}

#[test]
fn a_missing_column_refuses_the_sheet_naming_it() {
    let no_project = "功能分类科目,,2020年预算数,2021年预算数,\r\n\
科目编码,科目名称,,小计,基本支出\r\n\
2010301,行政运行,100.00,100.00,100.00\r\n";
    let err = import_rows(no_project.as_bytes(), SheetKind::Csv).unwrap_err();
    assert!(
        matches!(&err, SheetImportError::MissingColumn { column, .. } if column == "项目支出"),
        "{err:?}"
    );
    assert!(err.to_string().starts_with("缺少“项目支出”列"), "{err}");

    let no_code = TABLE2_CSV
        .replace("科目编码", "序号")
        .replace("功能分类科目", "功能分类");
    let err = import_rows(no_code.as_bytes(), SheetKind::Csv).unwrap_err();
    assert!(
        matches!(&err, SheetImportError::MissingColumn { column, .. } if column == "科目编码"),
        "{err:?}"
    );
    assert!(err.to_string().contains("缺少“科目编码”列"), "{err}");

    let no_amounts = "科目编码,科目名称,备注\r\n2010301,行政运行,x\r\n";
    let err = import_rows(no_amounts.as_bytes(), SheetKind::Csv).unwrap_err();
    assert!(
        matches!(err, SheetImportError::NoAmountColumns { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("找不到金额列"), "{err}");

    let err = import_rows(b"just,some\r\ntext,here\r\n", SheetKind::Csv).unwrap_err();
    assert_eq!(err, SheetImportError::NoHeader);
    let err = import_rows(b"PK\x03\x04 not really a zip", SheetKind::Xlsx).unwrap_err();
    assert!(err.to_string().starts_with("无法读取 XLSX 文件"), "{err}");
}

/// A 表8-shaped workbook whose name cells are merged across two columns in the
/// header and in the body, with a three-row header, figures as numbers and text.
fn merged_table8() -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let f = Format::new();
    ws.merge_range(0, 0, 0, 7, "部门支出总表", &f).unwrap();
    ws.write_string(1, 7, "单位：元").unwrap();
    ws.merge_range(2, 0, 4, 0, "科目编码", &f).unwrap();
    ws.merge_range(2, 1, 4, 2, "科目名称", &f).unwrap();
    ws.merge_range(2, 3, 4, 3, "合计", &f).unwrap();
    ws.merge_range(2, 4, 2, 7, "本年支出", &f).unwrap();
    ws.merge_range(3, 4, 3, 5, "部门预算", &f).unwrap();
    ws.merge_range(3, 6, 3, 7, "其他", &f).unwrap();
    for (c, t) in ["基本支出", "项目支出", "上缴上级支出", "对下级单位补助支出"]
        .iter()
        .enumerate()
    {
        ws.write_string(4, 4 + c as u16, *t).unwrap();
    }
    let lines: [(&str, &str, [f64; 5]); 4] = [
        ("201", "一般公共服务支出", [300.5, 200.5, 100.0, 0.0, 0.0]),
        (
            "20103",
            "政府办公厅（室）及相关机构事务",
            [300.5, 200.5, 100.0, 0.0, 0.0],
        ),
        ("2010301", "行政运行", [200.5, 200.5, 0.0, 0.0, 0.0]),
        ("2010350", "事业运行", [100.0, 0.0, 100.0, 0.0, 0.0]),
    ];
    for (i, (code, name, v)) in lines.iter().enumerate() {
        let r = 5 + i as u32;
        ws.write_string(r, 0, *code).unwrap();
        ws.merge_range(r, 1, r, 2, name, &f).unwrap();
        for (c, x) in v.iter().enumerate() {
            if *x != 0.0 {
                ws.write_number(r, 3 + c as u16, *x).unwrap();
            }
        }
    }
    // A figure typed as text with 千分位, in a line of its own.
    ws.write_number(9, 0, 2080501.0).unwrap();
    ws.merge_range(9, 1, 9, 2, "行政单位离退休", &f).unwrap();
    ws.write_string(9, 3, "1,000.00").unwrap();
    ws.write_string(9, 7, "1,000.00").unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn merged_cells_do_not_shift_columns() {
    let imp = import_rows(&merged_table8(), SheetKind::Xlsx).unwrap();
    assert_eq!(imp.shape, SheetShape::Expenditure);
    assert_eq!(imp.problems, vec![]);
    assert_eq!(imp.skipped_subtotals, 2);
    let got: Vec<(&str, ExpenditureType, Decimal)> = imp
        .budget_rows
        .iter()
        .map(|r| (r.code.as_str(), r.kind, r.this_year.value()))
        .collect();
    use ExpenditureType::*;
    assert_eq!(
        got,
        vec![
            ("2010301", Basic, d("200.5")),
            ("2010350", Project, d("100")),
            ("2080501", SubsidyToSubordinate, d("1000")),
        ]
    );
    assert!(
        imp.budget_rows
            .iter()
            .all(|r| r.source == FundingSource::GeneralBudget)
    );
    let headers: Vec<(&str, &str)> = imp
        .columns
        .iter()
        .map(|c| (c.column.as_str(), c.header.as_str()))
        .collect();
    assert!(
        headers.contains(&("E", "本年支出/部门预算/基本支出")),
        "{headers:?}"
    );
    assert!(
        headers.contains(&("H", "本年支出/其他/对下级单位补助支出")),
        "{headers:?}"
    );
}

#[test]
fn a_row_whose_total_disagrees_with_its_parts_is_left_out() {
    let csv = "科目编码,科目名称,合计,基本支出,项目支出,上缴上级支出\r\n\
2010301,行政运行,100.00,60.00,30.00,\r\n\
2010350,事业运行,50.00,50.00,,\r\n";
    let imp = import_rows(csv.as_bytes(), SheetKind::Csv).unwrap();
    assert_eq!(imp.shape, SheetShape::Expenditure);
    assert_eq!(imp.problems.len(), 1);
    assert_eq!(imp.problems[0].row, 2);
    assert!(
        imp.problems[0].message.contains("“合计”为 100.00")
            && imp.problems[0].message.contains("之和为 90.00"),
        "{}",
        imp.problems[0].message
    );
    assert_eq!(imp.budget_rows.len(), 1);
}

#[test]
fn table7_sources_and_table3_economic_rows_from_csv() {
    let t7 = "科目,,合计,上年结转,一般公共预算拨款收入,政府性基金预算拨款收入,事业收入,\r\n\
科目编码,科目名称,,,,,非教育收费收入,教育收费收入\r\n\
2010301,行政运行,\"1,500.00\",200.00,\"1,000.00\",,300.00,\r\n";
    let imp = import_rows(t7.as_bytes(), SheetKind::Csv).unwrap();
    assert_eq!(imp.shape, SheetShape::Income);
    assert_eq!(imp.problems, vec![]);
    let got: Vec<(FundingSource, Decimal)> = imp
        .budget_rows
        .iter()
        .map(|r| (r.source, r.this_year.value()))
        .collect();
    use FundingSource::*;
    assert_eq!(
        got,
        vec![
            (CarryoverGeneral, d("200")),
            (GeneralBudget, d("1000")),
            (BusinessNonEducation, d("300")),
        ]
    );

    let t3 = "经济分类科目,,2021年基本支出,,\r\n\
科目编码,科目名称,合计,人员经费,公用经费\r\n\
301,工资福利支出,\"1,000.00\",\"1,000.00\",\r\n\
30101,基本工资,600.00,600.00,\r\n\
30102,津贴补贴,400.00,,400.00\r\n";
    let imp = import_rows(t3.as_bytes(), SheetKind::Csv).unwrap();
    assert_eq!(imp.shape, SheetShape::Economic);
    assert_eq!(imp.economic_rows.len(), 2);
    assert_eq!(imp.economic_rows[1].amount.value(), d("400"));
    // 30102 is 人员经费 by its code, but the sheet put it under 公用经费;
    // the 类 line (人员经费 1,000 vs details 600) disagrees as well.
    let rows: Vec<usize> = imp.problems.iter().map(|p| p.row).collect();
    assert_eq!(rows, vec![3, 3, 5], "{:?}", imp.problems);
    assert!(imp.problems[2].message.contains("属于人员经费"));
    assert!(imp.problems[0].message.contains("301 工资福利支出（类）"));
}

#[test]
fn broken_and_hostile_files_give_errors_not_panics() {
    let inputs = sample();
    let good = export_table_xlsx(derived(&inputs).table(7).unwrap()).unwrap();
    let mut tried = 0;
    for cut in (0..good.len()).step_by(good.len() / 40 + 1) {
        let _ = import_rows(&good[..cut], SheetKind::Xlsx);
        tried += 1;
    }
    for at in (0..good.len()).step_by(97) {
        let mut bytes = good.clone();
        bytes[at] ^= 0x5a;
        let _ = import_rows(&bytes, SheetKind::Xlsx);
        tried += 1;
    }
    assert!(tried > 40);
    for text in [
        "",
        "\u{feff}",
        "\"unterminated",
        "科目编码\r\n",
        "科目编码,合计\r\n合计\r\n201\r\n",
        "科目编码,合计\r\n2010301,1e400\r\n2010302,-5\r\n2010303,NaN\r\n20103,\r\n",
        "科目,基本支出,项目支出,上年预算数\r\n年,年,年,年\r\n",
    ] {
        let _ = import_rows(text.as_bytes(), SheetKind::Csv);
        let _ = import_rows(text.as_bytes(), SheetKind::Xlsx);
    }
    let _ = import_rows(&[0xff, 0xfe, 0x00, 0xd8], SheetKind::Csv);
    let imp = import_rows(
        "科目编码,合计,基本支出\r\n2010301,1e5,1e5\r\n2010302,-5,-5\r\n".as_bytes(),
        SheetKind::Csv,
    )
    .unwrap();
    assert_eq!(imp.problems.len(), 4, "{:?}", imp.problems);
    assert!(imp.problems[0].message.contains("科学计数法"));
    assert!(imp.problems[2].message.contains("负数"));
}

#[test]
fn empty_inputs_export_and_import_nothing() {
    let mut inputs = Inputs::default();
    inputs.unit.fiscal_year = 2021;
    let bytes = export_xlsx(&inputs, &budget_core::derive(&inputs)).unwrap();
    assert_eq!(book(&bytes).sheet_names().len(), 11);
    let imp = import_rows(&bytes, SheetKind::Xlsx).unwrap();
    assert_eq!(imp.shape, SheetShape::GeneralBudget);
    assert!(imp.budget_rows.is_empty() && imp.problems.is_empty());
}

#[test]
fn code_and_name_in_one_column_as_some_systems_export() {
    let csv = "科目,合计,基本支出,项目支出\r\n\
[201]一般公共服务支出,300.00,200.00,100.00\r\n\
[2010301]行政运行,200.00,200.00,\r\n\
201 03 50 事业运行,100.00,,100.00\r\n";
    let imp = import_rows(csv.as_bytes(), SheetKind::Csv).unwrap();
    assert_eq!(imp.shape, SheetShape::Expenditure);
    assert_eq!(imp.problems, vec![]);
    assert_eq!(imp.skipped_subtotals, 1);
    let codes: Vec<&str> = imp.budget_rows.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes, vec!["2010301", "2010350"]);
    assert_eq!(imp.columns[0].meaning, "科目（编码与名称）");
}

#[test]
fn a_named_sheet_of_the_whole_workbook() {
    let inputs = sample();
    let bytes = export_xlsx(&inputs, &derived(&inputs)).unwrap();
    let imp = budget_xlsx::import_rows_from(
        &bytes,
        SheetKind::Xlsx,
        Some("表3 一般公共预算财政拨款基本支出预算表"),
    )
    .unwrap();
    assert_eq!(imp.shape, SheetShape::Economic);
    assert_eq!(imp.problems, vec![]);
    let total: Decimal = imp.economic_rows.iter().map(|r| r.amount.value()).sum();
    assert_eq!(total, d("10418097.06"));
    let err = budget_xlsx::import_rows_from(&bytes, SheetKind::Xlsx, Some("情况说明")).unwrap_err();
    assert_eq!(err, SheetImportError::NoHeader);
    let err = budget_xlsx::import_rows_from(&bytes, SheetKind::Xlsx, Some("表99")).unwrap_err();
    assert!(
        matches!(err, SheetImportError::NoSuchSheet { .. }),
        "{err:?}"
    );
}
