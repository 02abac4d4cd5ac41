//! The sample exported to XLSX and read back with calamine, figure for figure.

mod common;

use budget_core::table::{Cell, Table};
use budget_xlsx::{MAX_SHEET_NAME, export_xlsx};
use calamine::{Data, Reader};
use common::*;

/// Rows above the header: 表N, title, unit line.
const HEAD: u32 = 3;

fn expect_text(r: &calamine::Range<Data>, row: u32, col: u32, want: &str, ctx: &str) {
    let got = at(r, row, col);
    if want.is_empty() {
        assert!(
            matches!(got, Data::Empty) || got == Data::String(String::new()),
            "{ctx} ({row},{col}): {got:?}"
        );
    } else {
        assert_eq!(got, Data::String(want.to_string()), "{ctx} ({row},{col})");
    }
}

/// Every cell of one table on its sheet: header texts, money, 万元, texts, blanks.
fn assert_sheet_matches(bytes: &[u8], sheet: &str, table: &Table) -> usize {
    let r = range(bytes, sheet);
    let ctx = format!("{sheet} / {}", table.id);
    expect_text(&r, 0, 0, &table.number, &ctx);
    expect_text(&r, 1, 0, &table.title, &ctx);
    expect_text(&r, 2, 0, &table.unit, &ctx);
    let body = HEAD + table.header.len() as u32;
    let mut figures = 0;
    for (i, row) in table.rows.iter().enumerate() {
        let y = body + i as u32;
        let mut x = 0u32;
        for cell in &row.cells {
            let got = at(&r, y, x);
            match cell {
                Cell::Money(v) if v.is_zero() => {
                    assert_eq!(got, Data::Empty, "{ctx} zero money is blank at ({y},{x})")
                }
                Cell::Money(v) | Cell::Wan(v) => {
                    assert_eq!(
                        decimal(&got),
                        Some(*v),
                        "{ctx} figure at ({y},{x}): {got:?}"
                    );
                    figures += 1;
                }
                Cell::Text(s) | Cell::Span { text: s, .. } => expect_text(&r, y, x, s, &ctx),
                Cell::Empty => assert_eq!(got, Data::Empty, "{ctx} empty at ({y},{x})"),
            }
            x += match cell {
                Cell::Span { colspan, .. } => u32::from(*colspan),
                _ => 1,
            };
        }
    }
    if let Some(note) = &table.note {
        expect_text(&r, body + table.rows.len() as u32 + 1, 0, note, &ctx);
    }
    figures
}

#[test]
fn every_figure_and_text_of_every_table_reads_back() {
    let inputs = sample();
    let derived = derived(&inputs);
    let bytes = export_xlsx(&inputs, &derived).unwrap();
    let names = book(&bytes).sheet_names();
    assert_eq!(names.len(), 1 + 10 + inputs.projects.len(), "{names:?}");
    assert_eq!(names[0], "情况说明");
    let all: Vec<&Table> = derived
        .tables
        .iter()
        .chain(&derived.project_tables)
        .collect();
    let mut figures = 0;
    for (name, table) in names[1..].iter().zip(&all) {
        let prefix = if table.id.starts_with("project") {
            "项目"
        } else {
            table.number.as_str()
        };
        assert!(name.starts_with(prefix), "{name} for {}", table.number);
        figures += assert_sheet_matches(&bytes, name, table);
    }
    assert_eq!(names[2], "表2 一般公共预算财政拨款支出预算表");
    assert_eq!(names[10], "表10 2021年部门（单位）预算整体绩效目标表");
    assert!(names[11].starts_with("项目1 政务公开专项"), "{}", names[11]);
    // Every non-zero figure of the derived tables was compared.
    let nonzero = all
        .iter()
        .flat_map(|t| &t.rows)
        .flat_map(|r| &r.cells)
        .filter(|c| c.money().is_some_and(|v| !v.is_zero()))
        .count();
    assert_eq!(figures, nonzero);
    assert!(figures > 100, "{figures}");
    // The seed's total, in 表7's 合计 line.
    let t7 = range(&bytes, &names[7]);
    let total_row = HEAD + derived.table(7).unwrap().header.len() as u32;
    assert_eq!(at(&t7, total_row, 0), Data::String("合计".into()));
    assert_eq!(
        decimal(&at(&t7, total_row, 2)),
        Some("11906397.06".parse().unwrap())
    );
}

#[test]
fn sheet_names_are_valid_for_excel() {
    let mut inputs = sample();
    let mut second = inputs.projects[0].clone();
    second.name = "会议/接待:[专项]*?\\".repeat(5);
    inputs.projects.push(second.clone());
    inputs.projects.push(second);
    let derived = derived(&inputs);
    let names = book(&export_xlsx(&inputs, &derived).unwrap()).sheet_names();
    assert_eq!(names.len(), 14);
    for n in &names {
        assert!(n.encode_utf16().count() <= MAX_SHEET_NAME, "{n}");
        assert!(!n.contains(['[', ']', ':', '*', '?', '/', '\\']), "{n}");
    }
    #[allow(clippy::disallowed_methods)] // Excel's comparison: Unicode case folded
    let mut lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    sort_once::sort(&mut lower);
    lower.dedup();
    assert_eq!(lower.len(), names.len(), "unique: {names:?}");
}

#[test]
fn table4_header_cells_are_merged_as_published() {
    let inputs = sample();
    let derived = derived(&inputs);
    let bytes = export_xlsx(&inputs, &derived).unwrap();
    let name = &book(&bytes).sheet_names()[4];
    let merges = book(&bytes).merge_cells_by_sheet_name(name).unwrap();
    let have: Vec<((u32, u32), (u32, u32))> = merges.iter().map(|d| (d.start, d.end)).collect();
    let mut want = vec![
        ((1, 0), (1, 11)), // title
        ((2, 0), (2, 11)), // 单位：元
        ((3, 0), (3, 5)),  // 2020年预算数
        ((3, 6), (3, 11)), // 2021年预算数
    ];
    for off in [0, 6] {
        want.extend([
            ((4, off), (5, off)),         // 合计
            ((4, off + 1), (5, off + 1)), // 因公出国（境）费
            ((4, off + 2), (4, off + 4)), // 公务用车购置及运行费
            ((4, off + 5), (5, off + 5)), // 公务接待费
        ]);
    }
    for w in &want {
        assert!(have.contains(w), "missing merge {w:?} in {have:?}");
    }
    assert_eq!(have.len(), want.len(), "{have:?}");
    let r = range(&bytes, name);
    assert_eq!(at(&r, 3, 0), Data::String("2020年预算数".into()));
    assert_eq!(at(&r, 4, 2), Data::String("公务用车购置及运行费".into()));
    assert_eq!(at(&r, 5, 3), Data::String("公务用车购置费".into()));
    assert_eq!(at(&r, 5, 10), Data::String("公务用车运行费".into()));
    assert_eq!(decimal(&at(&r, 6, 6)), Some("383000".parse().unwrap()));
}

#[test]
fn narrative_sheet_holds_the_whole_text_in_order() {
    let inputs = sample();
    let derived = derived(&inputs);
    let bytes = export_xlsx(&inputs, &derived).unwrap();
    let r = range(&bytes, "情况说明");
    let texts: Vec<String> = (0..r.height() as u32 + 2)
        .filter_map(|y| match at(&r, y, 0) {
            Data::String(s) => Some(s),
            _ => None,
        })
        .collect();
    let n = &derived.narrative;
    let mut want = vec![n.title.clone()];
    for s in &n.sections {
        want.push(s.heading.clone());
        want.extend(s.paragraphs.iter().cloned());
    }
    want.push(n.contact.clone());
    assert_eq!(texts, want);
    assert!(texts.iter().any(|t| t.contains("1190.64万元")));
}

#[test]
fn clerk_text_that_looks_like_a_formula_stays_text() {
    let hostile = [
        "=HYPERLINK(\"http://x\",\"y\")",
        "+cmd|' /C calc'!A0",
        "-1+1",
        "@SUM(A1)",
        "=1+1",
    ];
    let mut inputs = sample();
    inputs.projects[0].overview = hostile[0].to_string();
    inputs.projects[0].manager = hostile[1].to_string();
    inputs.overall_performance.target = hostile[2].to_string();
    inputs.overall_performance.indicators[0].name = hostile[3].to_string();
    inputs.projects[0].name = hostile[4].to_string();
    inputs.unit.duties[0] = hostile[0].to_string();
    let derived = derived(&inputs);
    let bytes = export_xlsx(&inputs, &derived).unwrap();
    let mut wb = book(&bytes);
    let mut found = Vec::new();
    for name in wb.sheet_names() {
        let r = wb.worksheet_range(&name).unwrap();
        for (_, _, cell) in r.used_cells() {
            if let Data::String(s) = cell
                && hostile.iter().any(|h| s.contains(h))
            {
                found.push(s.clone());
            }
        }
        let formulas = wb.worksheet_formula(&name).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{name} has a formula"
        );
    }
    for h in hostile {
        assert!(
            found.iter().any(|s| s.contains(h)),
            "{h} not found as text: {found:?}"
        );
    }
    let xml = sheet_xml(&bytes);
    assert_eq!(xml.len(), 12);
    for (part, text) in xml {
        assert!(
            !text.contains("<f>") && !text.contains("<f "),
            "{part} has a formula element"
        );
    }
}

#[test]
fn headers_are_frozen_and_figures_formatted() {
    let inputs = sample();
    let derived = derived(&inputs);
    let bytes = export_xlsx(&inputs, &derived).unwrap();
    // Sheet 3 is 表2: title rows 1–3, header rows 4–5, body from row 6.
    let t2 = part(&bytes, "xl/worksheets/sheet3.xml");
    assert!(
        t2.contains(
            r#"<pane ySplit="5" topLeftCell="A6" activePane="bottomLeft" state="frozen"/>"#
        ),
        "{}",
        &t2[..t2.len().min(1500)]
    );
    // 表4: three header rows.
    let t4 = part(&bytes, "xl/worksheets/sheet5.xml");
    assert!(t4.contains(r#"ySplit="6""#));
    let styles = part(&bytes, "xl/styles.xml");
    assert!(styles.contains(r##"formatCode="#,##0.00""##), "{styles}");
    assert!(styles.contains(r#"formatCode="0.00""#), "{styles}");
    // Wide tables print landscape on A4.
    assert!(part(&bytes, "xl/worksheets/sheet8.xml").contains(r#"orientation="landscape""#));
    assert!(t2.contains(r#"paperSize="9""#));
    assert!(
        t2.contains("<oddFooter>&amp;C第 &amp;P 页 共 &amp;N 页</oddFooter>"),
        "{t2}"
    );
}
