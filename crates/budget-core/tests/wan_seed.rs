//! 万元 tables of the seed (重庆市大渡口区人民政府办公室, 2021): every table in
//! 万元 at 0.01, balanced by 舍位平衡.
//!
//! Golden files, `fixtures/golden/dadukou-2021/wan/`: each table as printed in
//! 万元 (`UPDATE_EXPECT=1 cargo test -p budget-core --test wan_seed` rewrites
//! them). A line per body row: its kind, then its cells as printed, separated
//! by ` | `; `~` a blank cell; `*` after a figure 舍位平衡 moved.

// Tests read fixtures: the core's no-IO rule (crates/budget-core/clippy.toml)
// is for its library.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

mod common;

use budget_core::table::{Cell, RowKind, Table};
use budget_core::wan::{WanTable, to_wan};
use budget_core::{Derived, Inputs};
use rust_decimal::{Decimal, RoundingStrategy};

const FIXTURE: &str = include_str!("../../../fixtures/dadukou-2021.json");

fn derived() -> Derived {
    let inputs: Inputs = serde_json::from_str(FIXTURE).expect("fixture deserializes into Inputs");
    budget_core::derive(&inputs)
}

fn render(w: &WanTable) -> String {
    let t = &w.table;
    let mut out = format!(
        "id: {}\nnumber: {}\ntitle: {}\nunit: {}\n",
        t.id, t.number, t.title, t.unit
    );
    if let Some(note) = &t.note {
        out.push_str(&format!("note: {}\n", note.replace('\n', "\\n")));
    }
    for row in &t.header {
        let cells: Vec<&str> = row.iter().map(|h| h.text.as_str()).collect();
        out.push_str(&format!("header: {}\n", cells.join(" | ")));
    }
    for (r, row) in t.rows.iter().enumerate() {
        let kind = match row.kind {
            RowKind::Total => "total",
            RowKind::Group => "group",
            RowKind::Subgroup => "subgroup",
            RowKind::Detail => "detail",
        };
        let cells: Vec<String> = (0..row.cells.len())
            .map(|c| {
                let text = w.display(r, c);
                let text = if text.is_empty() {
                    "~".to_string()
                } else {
                    text
                };
                if w.is_adjusted(r, c) {
                    format!("{text}*")
                } else {
                    text
                }
            })
            .collect();
        out.push_str(&format!("{kind}: {}\n", cells.join(" | ")));
    }
    out
}

/// Each 元 figure of `source` printed in `w` within 0.01 万元 of its own rounding.
fn assert_near(source: &Table, w: &WanTable) {
    for (r, row) in source.rows.iter().enumerate() {
        for (c, cell) in row.cells.iter().enumerate() {
            let Cell::Money(yuan) = cell else { continue };
            let plain = (yuan / Decimal::from(10_000))
                .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
            let Some(Cell::Wan(got)) = w.table.rows[r].cells.get(c) else {
                panic!("{} {r}:{c} is not in 万元", source.id);
            };
            assert!(
                (*got - plain).abs() <= Decimal::new(1, 2),
                "{} {r}:{c}: printed {got}, rounding {plain}",
                source.id
            );
        }
    }
}

#[test]
fn every_seed_table_in_wan_matches_its_golden_file() {
    for t in derived().tables.iter().chain(&derived().project_tables) {
        let w = to_wan(t, 2).unwrap();
        expect_test::expect_file![format!(
            "../../../fixtures/golden/dadukou-2021/wan/{}.txt",
            t.id
        )]
        .assert_eq(&render(&w));
    }
}

#[test]
fn every_seed_table_balances_in_every_sum() {
    let d = derived();
    for t in &d.tables {
        let w = to_wan(t, 2).unwrap();
        assert!(w.is_balanced(), "{}: {:?}", t.id, w.unbalanced);
        assert!(
            w.sums_not_adding_up().is_empty(),
            "{}: {:?}",
            t.id,
            w.sums_not_adding_up()
        );
        assert_near(t, &w);
    }
}

#[test]
fn the_tables_say_what_they_sum() {
    let d = derived();
    // 表1–表9 each have sums (表5 is empty in the seed); 表10 and the project
    // forms have none.
    for n in [1, 2, 3, 4, 6, 7, 8, 9] {
        let t = d.table(n).unwrap();
        assert!(
            !t.sums.rows.is_empty() || !t.sums.columns.is_empty(),
            "表{n} declares no sums"
        );
    }
    for n in [2, 3, 7, 8, 9] {
        assert!(
            !d.table(n).unwrap().sums.columns.is_empty(),
            "表{n}: no 合计 column"
        );
    }
    assert!(d.table(10).unwrap().sums.rows.is_empty());
}

#[test]
fn table10_prints_exactly_as_published() {
    let d = derived();
    let t = d.table(10).unwrap();
    let w = to_wan(t, 2).unwrap();
    assert_eq!(&w.table, t);
    assert_eq!(w.display(0, 3), "1190.64");
    assert!(w.adjusted.is_empty());
}

#[test]
fn a_moved_figure_explains_itself() {
    let d = derived();
    let w = to_wan(d.table(3).unwrap(), 2).unwrap();
    let a = w.adjusted.first().unwrap();
    assert_eq!(
        w.explain(a),
        "舍位平衡调整：精确值 116.856 万元（1,168,560.00 元），四舍五入为 116.86，调为 116.85"
    );
    assert_eq!(w.adjusted_at(a.row, a.cell), Some(a));
    assert_eq!(w.adjusted_at(0, 0), None);
}

#[test]
fn the_sums_are_not_in_the_file() {
    let d = derived();
    let json = serde_json::to_string(&d.tables).unwrap();
    assert!(!json.contains("\"sums\""));
    let back: Vec<Table> = serde_json::from_str(&json).unwrap();
    assert!(
        back.iter()
            .all(|t| t.sums.rows.is_empty() && t.sums.columns.is_empty())
    );
}

#[test]
fn the_wan_folder_holds_exactly_the_seed_tables() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/golden/dadukou-2021/wan"
    );
    let got = common::files_in(dir);
    let d = derived();
    let mut want: Vec<String> = d
        .tables
        .iter()
        .chain(&d.project_tables)
        .map(|t| format!("{}.txt", t.id))
        .collect();
    want.sort();
    assert_eq!(got, want, "files in {dir}");
}

/// The 情况说明's 万元 figures are the 万元 tables' figures: each 功能类 of
/// 表8 (合计 column) and the 三公 items of 表4, as printed in 万元.
#[test]
fn the_narrative_prints_the_wan_tables_figures() {
    let d = derived();
    let text = d.narrative.to_text();
    let as_text = |v: &Decimal| budget_core::amount::format_wan_value(*v);
    let w8 = to_wan(d.table(8).unwrap(), 2).unwrap();
    let mut classes = 0;
    for row in w8.table.rows.iter().filter(|r| r.kind == RowKind::Group) {
        let (Some(Cell::Text(name)), Some(Cell::Wan(v))) = (row.cells.get(1), row.cells.get(2))
        else {
            continue;
        };
        let figure = format!("{name}{}万元", as_text(v));
        assert!(text.contains(&figure), "{figure} not in the narrative");
        classes += 1;
    }
    assert_eq!(classes, 4);
    // 表4's this-year line: 合计, 出国, 车 (购置+运行), 购置, 运行, 接待.
    let w4 = to_wan(d.table(4).unwrap(), 2).unwrap();
    let cells: Vec<Decimal> = w4.table.rows[0].cells[6..12]
        .iter()
        .filter_map(Cell::money)
        .collect();
    for figure in [
        format!("“三公”经费预算{}万元", as_text(&cells[0])),
        format!("因公出国（境）费用{}万元", as_text(&cells[1])),
        format!("公务用车购置费{}万元", as_text(&cells[3])),
        format!("公务用车运行维护费{}万元", as_text(&cells[4])),
        format!("公务接待费{}万元", as_text(&cells[5])),
    ] {
        assert!(text.contains(&figure), "{figure} not in the narrative");
    }
}
