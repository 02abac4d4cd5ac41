//! Each rule on a changed copy of a published sample: the change is found,
//! with its line and figures.

use budget_audit::{AuditError, audit};

const CQ: &str = include_str!("../../../fixtures/audit/dadukou-2021.txt");
const SH: &str = include_str!("../../../fixtures/audit/putuo-2025.txt");

/// `ID line printed expected` of every finding.
fn ids(text: &str) -> Vec<String> {
    audit(text)
        .unwrap()
        .findings
        .iter()
        .map(|f| format!("{} {} {} {}", f.id, f.line, f.printed, f.expected))
        .collect()
}

/// Replace the one occurrence of `from` on line `line` (1-based).
fn edit(text: &str, line: usize, from: &str, to: &str) -> String {
    text.lines()
        .enumerate()
        .map(|(i, l)| {
            if i + 1 == line {
                assert!(l.contains(from), "line {line}: {l}");
                l.replacen(from, to, 1)
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_class_line_off_its_parts_is_found_down_and_across() {
    // 表3 302 商品和服务支出 one 分 more than its 款 lines (tabs layout).
    let got = ids(&edit(CQ, 171, "2,814,115.90", "2,814,115.91"));
    assert!(
        got.contains(&"AUD-001 171 2814115.91 2814115.90".to_string()),
        "{got:?}"
    );
    assert!(
        got.contains(&"AUD-002 171 2814115.91 2814115.90".to_string()),
        "{got:?}"
    );
}

#[test]
fn a_kuan_off_its_xiang_is_found_in_loose_text() {
    // 上海 支出预算总表 201 06 财政事务 1 元 off its 项 lines (loose layout).
    let got = ids(&edit(
        SH,
        191,
        "22,186,440.80 16,093,326.00",
        "22,186,441.80 16,093,327.00",
    ));
    assert!(
        got.iter()
            .any(|f| f.starts_with("AUD-001 191 22186441.80 22186440.80")),
        "{got:?}"
    );
}

#[test]
fn tables_that_disagree_are_found() {
    // 表8 (部门支出总表) 2010306 differs from 表7 (部门收入总表).
    let text = edit(
        CQ,
        311,
        "300,000.00\t\t300,000.00",
        "310,000.00\t\t310,000.00",
    );
    let got = ids(&text);
    assert!(
        got.iter()
            .any(|f| f.starts_with("AUD-003 311 310000.00 300000.00")),
        "{got:?}"
    );
    // 收 ≠ 支 on the total line of 表6.
    let got = ids(&edit(
        CQ,
        260,
        "收入总计\t11,906,397.06",
        "收入总计\t11,906,397.07",
    ));
    assert!(
        got.iter()
            .any(|f| f.starts_with("AUD-003 260 11906397.07 11906397.06")),
        "{got:?}"
    );
}

#[test]
fn a_direction_word_against_the_change_is_found() {
    let got = ids(&edit(
        CQ,
        47,
        "比2020年减少13.79万元",
        "比2020年增加13.79万元",
    ));
    assert!(
        got.contains(&"AUD-012 47 13.79 -13.79".to_string()),
        "{got:?}"
    );
}

#[test]
fn a_wrong_figure_of_the_text_is_found() {
    let got = ids(&edit(
        CQ,
        37,
        "卫生健康支出 39.45 万元",
        "卫生健康支出 39.54 万元",
    ));
    assert!(
        got.contains(&"AUD-004 37 39.54 39.45".to_string()),
        "{got:?}"
    );
}

#[test]
fn an_empty_table_without_a_note_and_placeholders_are_found() {
    let text = edit(
        CQ,
        215,
        "(备注：本单位无政府性基金收支，故此表无数据。)",
        "",
    );
    let got = ids(&text);
    assert!(got.iter().any(|f| f.starts_with("AUD-009 208 ")), "{got:?}");
    let got = ids(&edit(CQ, 69, "雷姝姝", "XX"));
    assert!(got.iter().any(|f| f.starts_with("AUD-011 69 ")), "{got:?}");
}

#[test]
fn a_text_without_tables_is_an_error_not_an_empty_report() {
    assert_eq!(
        audit("一封信。\n没有表。").unwrap_err(),
        AuditError::NoTables
    );
}

#[test]
fn both_templates_find_all_nine_tables() {
    for text in [CQ, SH] {
        assert_eq!(audit(text).unwrap().tables.len(), 9);
    }
}

#[test]
fn an_unchanged_word_after_a_changed_figure_is_found() {
    // “同2020年” after a figure that changed.
    let got = ids(&edit(
        CQ,
        47,
        "公务用车购置费0万元，同2020年",
        "公务用车运行维护费32.34万元，同2020年",
    ));
    assert!(got.contains(&"AUD-012 47 0 -12.29".to_string()), "{got:?}");
}

#[test]
fn no_input_makes_the_audit_panic() {
    // Every line of both samples alone, and their prefixes (every third one:
    // a table cut anywhere, a sentence cut before its figure).
    for text in [CQ, SH] {
        let lines: Vec<&str> = text.lines().collect();
        for (n, line) in lines.iter().enumerate() {
            let _ = audit(line);
            if n % 3 == 0 {
                let _ = audit(&lines[..n].join("\n"));
            }
        }
    }
    let junk = [
        "",
        "\t\t\t",
        "表\n合计 1.0 2.0",
        "201 06 01 行政运行 1.00\n部门支出总表\n201 1.00",
        "1.万元。比万元增加",
        "部门收支总表\n收入总计\t1.00\t支出总计",
    ];
    for j in junk {
        let _ = audit(j);
    }
}

#[test]
fn template_residue_and_a_table_with_figures_called_empty_are_found() {
    let got = ids(&edit(
        CQ,
        47,
        "主要原因是区大数据发展局账务独立核算",
        "主要原因是。",
    ));
    assert!(got.iter().any(|f| f.starts_with("AUD-011 47 ")), "{got:?}");
    let got = ids(&edit(
        CQ,
        41,
        "比2020年减少285.44万元",
        "比2020年增加（减少）285.44万元",
    ));
    assert!(got.iter().any(|f| f.starts_with("AUD-011 41 ")), "{got:?}");
    // 表4 has figures; a note under it saying it is empty is wrong.
    let text = edit(CQ, 205, "", "注：本单位无“三公”经费，故此表为空表。");
    assert!(
        ids(&text).iter().any(|f| f.starts_with("AUD-015 205 ")),
        "{:?}",
        ids(&text)
    );
}

#[test]
fn a_heading_and_its_budget_line_that_differ_are_found() {
    let text = [
        "2025年部门支出预算总表",
        "201 06 01 行政运行 100.00 100.00",
        "1.“一般公共服务支出（类）财政事务（款）行政运行（项）”350.35万元，主要用于公积金。",
        "2024年当年预算执行数为348.52万元，2025年预算安排352.67万元，比2024年预算执行数增加1.19%。",
    ]
    .join("\n");
    let got: Vec<String> = ids(&text)
        .into_iter()
        .filter(|f| f.starts_with("AUD-014"))
        .collect();
    assert_eq!(got, ["AUD-014 4 352.67 350.35"]);
}

#[test]
fn a_comparison_with_the_wrong_year_is_found() {
    // A 2021 document compares with 2020; 2019 is the wrong year.
    let got = ids(&edit(
        CQ,
        47,
        "比2020年减少13.79万元",
        "比2019年减少13.79万元",
    ));
    assert!(got.contains(&"AUD-016 47 2019 2020".to_string()), "{got:?}");
    assert_eq!(
        got.iter().filter(|f| f.starts_with("AUD-016")).count(),
        1,
        "{got:?}"
    );
}

#[test]
fn an_outdated_class_name_is_found() {
    let got = ids(&edit(
        CQ,
        37,
        "卫生健康支出 39.45 万元",
        "医疗卫生与计划生育支出 39.45 万元",
    ));
    assert!(got.iter().any(|f| f.starts_with("AUD-017 37 ")), "{got:?}");
}

#[test]
fn a_stray_tab_in_prose_does_not_make_loose_tables_tab_separated() {
    let text = SH.replacen("主要职能包括：", "主要职能包括：\t", 1);
    assert_eq!(ids(&text), ids(SH));
}
