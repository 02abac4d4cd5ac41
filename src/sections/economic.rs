//! 基本支出经济分类: economic code (款) · name · amount, for 一般公共预算 基本支出,
//! a spreadsheet `Grid`.

use budget_core::Totals;
use budget_core::amount::format_yuan;
use budget_core::catalog::InForce;
use budget_core::model::EconomicRow;
use leptos::prelude::*;

use crate::grid::column::{Catalogue, Column, Kind, amount_column};
use crate::grid::{Grid, GridSpec, Rows};

/// What a row is, for accessible names: `30101 基本工资` (the name from the
/// catalog in force).
fn describe(r: &EconomicRow, cats: &InForce) -> Option<String> {
    let code = r.code.trim();
    (!code.is_empty()).then(|| format!("{} {}", code, Catalogue::Economic.name_text(cats, code)))
}

/// The columns of 经济分类.
pub fn columns() -> Vec<Column<EconomicRow>> {
    vec![
        Column {
            key: "code",
            header: "经济分类编码",
            kind: Kind::Code(Catalogue::Economic),
            get: |r| r.code.clone(),
            set: |r, t| {
                r.code = t.to_string();
                true
            },
            amount: None,
        },
        Column {
            key: "",
            header: "科目名称",
            kind: Kind::Name(Catalogue::Economic),
            get: |r| r.code.clone(),
            set: |_, _| true,
            amount: None,
        },
        amount_column!("amount", "本年基本支出", amount),
    ]
}

/// Totals row: Σ economic rows from the core.
fn totals(t: &Totals) -> Vec<Option<String>> {
    vec![None, None, Some(format_yuan(t.economic))]
}

/// The economic classification grid.
#[component]
pub fn EconomicSection() -> impl IntoView {
    let spec = GridSpec {
        path: "economic_rows".into(),
        id: "economic".into(),
        label: "基本支出经济分类".into(),
        noun: "经济分类".into(),
        columns: columns(),
        frozen: 2,
        rows: Rows::List(|i| &i.economic_rows, |i| &mut i.economic_rows),
        describe,
        totals: Some(totals),
        sort_key: Some(|r| r.code.clone()),
        add_label: "添加一行",
    };
    view! {
        <h2>"基本支出（一般公共预算）按经济分类"</h2>
        <p class="hint">"每行一个 款 级经济分类科目；人员经费、公用经费按类自动归集。金额单位：元。"</p>
        <Grid spec=spec />
    }
}
