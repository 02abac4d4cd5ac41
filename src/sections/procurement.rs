//! 政府采购: amounts by category × funding source, a spreadsheet `Grid` (paste
//! from Excel, undo, copy, keyboard), as 预算明细.

use std::sync::LazyLock;

use budget_core::Totals;
use budget_core::amount::format_yuan;
use budget_core::model::{FundingSource, ProcurementCategory, ProcurementRow};
use leptos::prelude::*;

use crate::grid::column::{Column, amount_column, choice_column};
use crate::grid::{Grid, GridSpec, Rows};

/// 采购类别 labels, in `ProcurementCategory::ALL` order.
static CATEGORIES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| ProcurementCategory::ALL.iter().map(|c| c.label()).collect());

/// 资金来源 labels, in `FundingSource::ALL` order.
static SOURCES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| FundingSource::ALL.iter().map(|s| s.short_label()).collect());

/// What a row is, for accessible names: `政府采购 货物类 一般公共预算`.
fn describe(r: &ProcurementRow) -> Option<String> {
    Some(format!("{} {}", r.category.label(), r.source.short_label()))
}

/// The columns of 政府采购. A label that names no choice is refused (the
/// paste names it in the status line) and kept beside the cell's choice
/// (INP-001 until a choice is made), as in 预算明细.
pub fn columns() -> Vec<Column<ProcurementRow>> {
    vec![
        choice_column!(
            "category",
            "采购类别",
            CATEGORIES.as_slice(),
            category.label,
            ProcurementCategory::from_label
        ),
        choice_column!(
            "source",
            "资金来源",
            SOURCES.as_slice(),
            source.short_label,
            FundingSource::from_label
        ),
        amount_column!("amount", "金额", amount),
    ]
}

/// Totals row: the 政府采购 合计 from the core.
fn totals(t: &Totals) -> Vec<Option<String>> {
    vec![None, None, Some(format_yuan(t.procurement))]
}

/// The procurement grid.
#[component]
pub fn ProcurementSection() -> impl IntoView {
    let spec = GridSpec {
        path: "procurement".into(),
        id: "procurement".into(),
        label: "政府采购预算".into(),
        noun: "政府采购".into(),
        columns: columns(),
        frozen: 0,
        rows: Rows::List(|i| &i.procurement, |i| &mut i.procurement),
        describe: |r, _| describe(r),
        totals: Some(totals),
        sort_key: None,
        add_label: "添加一行",
    };
    view! {
        <h2>"政府采购预算"</h2>
        <p class="hint">"按采购类别和资金来源填写，每行一项；表9自动汇总。可从 Excel/WPS 复制整块粘贴（Ctrl+V），Ctrl+Z 撤销。金额单位：元。"</p>
        <Grid spec=spec />
    }
}
