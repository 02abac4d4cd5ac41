//! Sheets as clerks' systems (久其, 预算管理一体化) print them: codes split over
//! 类/款/项 columns, three-row merged headers (上海), a code and its year
//! columns under merged cells (重庆), a code that lost a leading zero, an
//! unknown code. Figures from the two published samples in ../shared/seed/.

use budget_core::model::{BudgetRow, ExpenditureType, FundingSource};
use budget_xlsx::{SheetImport, SheetKind, SheetShape, import_rows};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Workbook};

mod common;
use common::cells::{Cell, write};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// One line of 上海's 部门支出预算总表: 类, 款, 项, name, 合计, 基本, 项目.
struct Line {
    code: [Cell; 3],
    name: &'static str,
    amounts: [f64; 3],
}

fn line(
    lei: f64,
    kuan: &'static str,
    xiang: &'static str,
    name: &'static str,
    a: [f64; 3],
) -> Line {
    let text = |t: &'static str| {
        if t.is_empty() {
            Cell::Blank
        } else {
            Cell::Text(t)
        }
    };
    Line {
        code: [Cell::Number(lei), text(kuan), text(xiang)],
        name,
        amounts: a,
    }
}

/// 普陀区财政局 2025, 部门支出预算总表 (PDF pages 12–13), the 类 as a number,
/// 款 and 项 as text (as Excel keeps `06`).
fn putuo_lines() -> Vec<Line> {
    vec![
        line(
            201.0,
            "",
            "",
            "一般公共服务支出",
            [22186440.80, 16093326.00, 6093114.80],
        ),
        line(
            201.0,
            "06",
            "",
            "财政事务",
            [22186440.80, 16093326.00, 6093114.80],
        ),
        line(
            201.0,
            "06",
            "01",
            "行政运行",
            [16231840.80, 16093326.00, 138514.80],
        ),
        line(
            201.0,
            "06",
            "02",
            "一般行政管理事务",
            [100000.0, 0.0, 100000.0],
        ),
        line(201.0, "06", "07", "信息化建设", [1666600.0, 0.0, 1666600.0]),
        line(
            201.0,
            "06",
            "08",
            "财政委托业务支出",
            [4188000.0, 0.0, 4188000.0],
        ),
        line(
            208.0,
            "",
            "",
            "社会保障和就业支出",
            [3508644.0, 3508644.0, 0.0],
        ),
        line(
            208.0,
            "05",
            "",
            "行政事业单位养老支出",
            [3508644.0, 3508644.0, 0.0],
        ),
        line(
            208.0,
            "05",
            "01",
            "行政单位离退休",
            [877080.0, 877080.0, 0.0],
        ),
        line(
            208.0,
            "05",
            "05",
            "机关事业单位基本养老保险缴费支出",
            [1748327.0, 1748327.0, 0.0],
        ),
        line(
            208.0,
            "05",
            "06",
            "机关事业单位职业年金缴费支出",
            [873617.0, 873617.0, 0.0],
        ),
        line(
            208.0,
            "05",
            "99",
            "其他行政事业单位养老支出",
            [9620.0, 9620.0, 0.0],
        ),
        line(210.0, "", "", "卫生健康支出", [782164.0, 782164.0, 0.0]),
        line(
            210.0,
            "11",
            "",
            "行政事业单位医疗",
            [782164.0, 782164.0, 0.0],
        ),
        line(210.0, "11", "01", "行政单位医疗", [782164.0, 782164.0, 0.0]),
        line(221.0, "", "", "住房保障支出", [4736957.0, 4736957.0, 0.0]),
        line(221.0, "02", "", "住房改革支出", [4736957.0, 4736957.0, 0.0]),
        line(221.0, "02", "01", "住房公积金", [2049197.0, 2049197.0, 0.0]),
        line(221.0, "02", "03", "购房补贴", [2687760.0, 2687760.0, 0.0]),
    ]
}

/// The 上海 layout: a title and a unit line, then a three-row merged header
/// (`项目` over `功能分类科目编码` over 类/款/项; `支出预算` over 合计, 基本支出,
/// 项目支出), the lines, and 合计 merged over the code and name columns.
/// The first body line is sheet row 6.
fn putuo_sheet(lines: &[Line]) -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let f = Format::new();
    ws.merge_range(0, 0, 0, 6, "2025年部门支出预算总表", &f)
        .unwrap();
    ws.write_string(1, 0, "编制部门：上海市普陀区财政局")
        .unwrap();
    ws.write_string(1, 6, "单位：元").unwrap();
    ws.merge_range(2, 0, 2, 3, "项目", &f).unwrap();
    ws.merge_range(2, 4, 2, 6, "支出预算", &f).unwrap();
    ws.merge_range(3, 0, 3, 2, "功能分类科目编码", &f).unwrap();
    ws.merge_range(3, 3, 4, 3, "功能分类科目名称", &f).unwrap();
    ws.merge_range(3, 4, 4, 4, "合计", &f).unwrap();
    ws.merge_range(3, 5, 4, 5, "基本支出", &f).unwrap();
    ws.merge_range(3, 6, 4, 6, "项目支出", &f).unwrap();
    for (c, t) in ["类", "款", "项"].into_iter().enumerate() {
        ws.write_string(4, c as u16, t).unwrap();
    }
    let mut r = 5;
    let mut total = [0.0; 3];
    for l in lines {
        for (c, cell) in l.code.iter().enumerate() {
            write(ws, r, c as u16, *cell);
        }
        ws.write_string(r, 3, l.name).unwrap();
        for (c, a) in l.amounts.iter().enumerate() {
            if *a != 0.0 {
                ws.write_number(r, 4 + c as u16, *a).unwrap();
            }
        }
        if matches!(l.code, [Cell::Number(_), Cell::Blank, Cell::Blank]) {
            for (t, a) in total.iter_mut().zip(l.amounts) {
                *t += a;
            }
        }
        r += 1;
    }
    ws.merge_range(r, 0, r, 3, "合计", &f).unwrap();
    for (c, a) in total.iter().enumerate() {
        ws.write_number(r, 4 + c as u16, *a).unwrap();
    }
    book.save_to_buffer().unwrap()
}

fn rows_of(imp: &SheetImport) -> Vec<(String, ExpenditureType, Decimal)> {
    imp.budget_rows
        .iter()
        .map(|r: &BudgetRow| {
            assert_eq!(r.source, FundingSource::GeneralBudget);
            (r.code.clone(), r.kind, r.this_year.value())
        })
        .collect()
}

#[test]
fn a_shanghai_sheet_with_split_codes_and_a_three_row_header() {
    let imp = import_rows(&putuo_sheet(&putuo_lines()), SheetKind::Xlsx).unwrap();
    assert_eq!(imp.shape, SheetShape::Expenditure);
    assert_eq!(imp.problems, vec![]);
    // 4 类, 4 款 and 合计.
    assert_eq!(imp.skipped_subtotals, 9);
    let meanings: Vec<(&str, &str)> = imp
        .columns
        .iter()
        .map(|c| (c.column.as_str(), c.meaning.as_str()))
        .collect();
    assert_eq!(
        meanings,
        [
            ("A", "科目编码（类）"),
            ("B", "科目编码（款）"),
            ("C", "科目编码（项）"),
            ("D", "科目名称"),
            ("E", "合计（只用于核对）"),
            ("F", "支出类型：基本支出"),
            ("G", "支出类型：项目支出"),
        ]
    );
    assert_eq!(imp.columns[0].header, "项目/功能分类科目编码/类");
    let rows = rows_of(&imp);
    // One input row per code and non-zero type: 行政运行 has both.
    use ExpenditureType::{Basic, Project};
    assert_eq!(rows.len(), 12, "{rows:?}");
    assert_eq!(rows[0], ("2010601".into(), Basic, d("16093326.00")));
    assert_eq!(rows[1], ("2010601".into(), Project, d("138514.80")));
    assert_eq!(rows[2], ("2010602".into(), Project, d("100000")));
    assert_eq!(rows[11], ("2210203".into(), Basic, d("2687760")));
    let sum: Decimal = rows.iter().map(|r| r.2).sum();
    assert_eq!(sum, d("31214205.80"));
}

#[test]
fn lines_that_leave_their_class_and_item_blank_take_them_from_above() {
    // Some systems print 类 and 款 once, on their own line, and only the 项 below.
    let mut lines = putuo_lines();
    for l in &mut lines {
        if !matches!(l.code[2], Cell::Blank) {
            l.code[0] = Cell::Blank;
            l.code[1] = Cell::Blank;
        }
    }
    let carried = import_rows(&putuo_sheet(&lines), SheetKind::Xlsx).unwrap();
    let full = import_rows(&putuo_sheet(&putuo_lines()), SheetKind::Xlsx).unwrap();
    assert_eq!(carried.problems, vec![]);
    assert_eq!(carried.budget_rows, full.budget_rows);
}

#[test]
fn a_subtotal_one_yuan_off_its_items_is_reported_once() {
    let mut lines = putuo_lines();
    // 208 05 行政事业单位养老支出, sheet row 13: 合计 1 元 more than its 项 lines.
    lines[7].amounts[0] += 1.0;
    let imp = import_rows(&putuo_sheet(&lines), SheetKind::Xlsx).unwrap();
    assert_eq!(imp.problems.len(), 1, "{:?}", imp.problems);
    let p = &imp.problems[0];
    assert_eq!(p.row, 13);
    assert!(
        p.message.contains("20805") && p.message.contains("合计"),
        "{}",
        p.message
    );
    assert!(p.message.contains("相差 1"), "{}", p.message);
    // The detail lines are all there.
    assert_eq!(imp.budget_rows.len(), 12);
}

#[test]
fn a_kuan_that_lost_its_leading_zero_is_one_message_for_its_row() {
    let mut lines = putuo_lines();
    // 201 | 6 | 1: Excel stored 06 and 01 as numbers (sheet row 8).
    lines[2].code = [Cell::Number(201.0), Cell::Number(6.0), Cell::Number(1.0)];
    let imp = import_rows(&putuo_sheet(&lines), SheetKind::Xlsx).unwrap();
    // Not a cascade: 201 (类), 20106 (款) and 合计 are not checked without it.
    assert_eq!(imp.problems.len(), 1, "{:?}", imp.problems);
    let p = &imp.problems[0];
    assert_eq!(p.row, 8);
    assert!(
        p.message.contains("款“6”") && p.message.contains("“06”") && p.message.contains("未导入"),
        "{}",
        p.message
    );
    assert_eq!(imp.budget_rows.len(), 10);
    assert!(!imp.budget_rows.iter().any(|r| r.code == "2010601"));
}

#[test]
fn an_unknown_code_is_named_with_its_row() {
    let mut lines = putuo_lines();
    // 201 06 98 is in no catalog (sheet row 11).
    lines[5].code[2] = Cell::Text("98");
    let imp = import_rows(&putuo_sheet(&lines), SheetKind::Xlsx).unwrap();
    assert_eq!(imp.problems.len(), 1, "{:?}", imp.problems);
    let p = &imp.problems[0];
    assert_eq!(p.row, 11);
    assert!(
        p.message.contains("2010698") && p.message.contains("不在支出功能分类科目表中"),
        "{}",
        p.message
    );
    // Still imported, for the clerk to correct in the grid.
    assert!(imp.budget_rows.iter().any(|r| r.code == "2010698"));
}

/// 重庆 大渡口区政府办公室 2021, 表2 (一般公共预算财政拨款支出预算表) for 类 201:
/// `功能分类科目` over 科目编码/科目名称, `2020 年预算数` two rows tall,
/// `2021 年预算数` over 小计/基本支出/项目支出, 合计 first, codes in one
/// cell in the ways systems write them. The 合计 line is sheet row 5.
fn dadukou_table2(codes: [Cell; 10]) -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let f = Format::new();
    ws.merge_range(
        0,
        0,
        0,
        5,
        "重庆市大渡口区人民政府办公室一般公共预算财政拨款支出预算表",
        &f,
    )
    .unwrap();
    ws.write_string(1, 5, "单位：元").unwrap();
    ws.merge_range(2, 0, 2, 1, "功能分类科目", &f).unwrap();
    ws.merge_range(2, 2, 3, 2, "2020 年预算数", &f).unwrap();
    ws.merge_range(2, 3, 2, 5, "2021 年预算数", &f).unwrap();
    for (c, t) in ["科目编码", "科目名称", "", "小计", "基本支出", "项目支出"]
        .into_iter()
        .enumerate()
    {
        if !t.is_empty() {
            ws.write_string(3, c as u16, t).unwrap();
        }
    }
    let lines: [(&str, [f64; 4]); 10] = [
        ("", [12557427.82, 9794784.22, 8306484.22, 1488300.00]),
        (
            "一般公共服务支出",
            [12557427.82, 9794784.22, 8306484.22, 1488300.00],
        ),
        (
            "政府办公厅（室）及相关机构事务",
            [12557427.82, 9794784.22, 8306484.22, 1488300.00],
        ),
        ("行政运行", [7476827.59, 6849169.92, 6849169.92, 0.0]),
        ("一般行政管理事务", [1683100.00, 723700.00, 0.0, 723700.00]),
        ("机关服务", [123500.00, 50000.00, 0.0, 50000.00]),
        ("专项服务", [150000.00, 0.0, 0.0, 0.0]),
        (
            "专项业务及机关事务管理",
            [1293100.00, 414600.00, 0.0, 414600.00],
        ),
        ("政务公开审批", [400000.00, 300000.00, 0.0, 300000.00]),
        ("事业运行", [1430900.23, 1457314.30, 1457314.30, 0.0]),
    ];
    for (i, ((name, amounts), code)) in lines.iter().zip(codes).enumerate() {
        let r = 4 + i as u32;
        write(ws, r, 0, code);
        ws.write_string(r, 1, *name).unwrap();
        for (c, a) in amounts.iter().enumerate() {
            if *a != 0.0 {
                ws.write_number(r, 2 + c as u16, *a).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

const DADUKOU_CODES: [Cell; 10] = [
    Cell::Text("合计"),
    Cell::Number(201.0),
    Cell::Text("201 03"),
    Cell::Text("201 03 01"),
    Cell::Number(2010302.0),
    Cell::Text("2010303"),
    Cell::Text("201 03 04"),
    Cell::Text("20103 05"),
    Cell::Text("[2010306]"),
    Cell::Text("201 03 50"),
];

#[test]
fn a_chongqing_table2_with_merged_year_columns_and_spaced_codes() {
    let imp = import_rows(&dadukou_table2(DADUKOU_CODES), SheetKind::Xlsx).unwrap();
    assert_eq!(imp.shape, SheetShape::GeneralBudget);
    assert_eq!(imp.problems, vec![]);
    assert_eq!(imp.skipped_subtotals, 3);
    let got: Vec<(&str, ExpenditureType, Decimal, Decimal)> = imp
        .budget_rows
        .iter()
        .map(|r| {
            (
                r.code.as_str(),
                r.kind,
                r.this_year.value(),
                r.last_year.value(),
            )
        })
        .collect();
    use ExpenditureType::{Basic, Project};
    assert_eq!(
        got,
        [
            ("2010301", Basic, d("6849169.92"), d("7476827.59")),
            ("2010302", Project, d("723700"), d("1683100")),
            ("2010303", Project, d("50000"), d("123500")),
            // Only last year: on a 基本支出 row of zero.
            ("2010304", Basic, d("0"), d("150000")),
            ("2010305", Project, d("414600"), d("1293100")),
            ("2010306", Project, d("300000"), d("400000")),
            ("2010350", Basic, d("1457314.30"), d("1430900.23")),
        ]
    );
}

#[test]
fn a_spaced_code_that_lost_a_zero_is_refused_alone() {
    let mut codes = DADUKOU_CODES;
    // 201 3 01 for 201 03 01 (sheet row 8).
    codes[3] = Cell::Text("201 3 01");
    let imp = import_rows(&dadukou_table2(codes), SheetKind::Xlsx).unwrap();
    assert_eq!(imp.problems.len(), 1, "{:?}", imp.problems);
    let p = &imp.problems[0];
    assert_eq!(p.row, 8);
    assert!(
        p.message.contains("201301") && p.message.contains("开头的 0"),
        "{}",
        p.message
    );
    assert_eq!(imp.budget_rows.len(), 6);
}

#[test]
fn an_economic_code_that_lost_a_zero_in_a_csv_is_one_message() {
    // 表3 as 重庆 prints it, with `301 2` for 301 02 津贴补贴 (sheet row 7).
    let csv = "经济分类科目,,2021 年基本支出,,\n\
               科目编码,科目名称,合计,人员经费,公用经费\n\
               合计,,2957052.00,2957052.00,\n\
               301,工资福利支出,2957052.00,2957052.00,\n\
               30101,基本工资,1788492.00,1788492.00,\n\
               301 2,津贴补贴,1168560.00,1168560.00,\n";
    let imp = import_rows(csv.as_bytes(), SheetKind::Csv).unwrap();
    assert_eq!(imp.shape, SheetShape::Economic);
    assert_eq!(imp.problems.len(), 1, "{:?}", imp.problems);
    assert_eq!(imp.problems[0].row, 6);
    assert!(
        imp.problems[0].message.contains("3012") && imp.problems[0].message.contains("开头的 0"),
        "{}",
        imp.problems[0].message
    );
    assert_eq!(imp.economic_rows.len(), 1);
    // The same line split over 类/款 columns, the 款 as the number 2.
    let split = "经济分类科目编码,,经济分类科目名称,合计,人员经费,公用经费\n\
                 类,款,,,,\n\
                 301,,工资福利支出,2957052.00,2957052.00,\n\
                 301,01,基本工资,1788492.00,1788492.00,\n\
                 301,2,津贴补贴,1168560.00,1168560.00,\n";
    let imp = import_rows(split.as_bytes(), SheetKind::Csv).unwrap();
    assert_eq!(imp.shape, SheetShape::Economic);
    assert_eq!(imp.problems.len(), 1, "{:?}", imp.problems);
    assert_eq!(imp.problems[0].row, 5);
    assert!(
        imp.problems[0].message.contains("款“2”"),
        "{}",
        imp.problems[0].message
    );
    assert_eq!(imp.economic_rows.len(), 1);
}
