//! 预算明细: the budget rows grid (function code · name · source · type · this
//! year · last year), a spreadsheet `Grid`.

use std::sync::LazyLock;

use budget_core::Totals;
use budget_core::amount::format_yuan;
use budget_core::catalog::InForce;
use budget_core::model::{BudgetRow, ExpenditureType, FundingSource};
use leptos::prelude::*;

use crate::grid::column::{Catalogue, Column, Kind, amount_column, choice_column};
use crate::grid::{Grid, GridSpec, Rows};

/// What a row is, for accessible names: `2010301 行政运行 一般公共预算 基本支出`
/// (the name from the catalog in force).
fn describe(r: &BudgetRow, cats: &InForce) -> Option<String> {
    let code = r.code.trim();
    if code.is_empty() {
        return None;
    }
    let name = cats.function().name(code).unwrap_or("");
    Some(format!(
        "{} {} {} {}",
        code,
        name,
        r.source.short_label(),
        r.kind.label()
    ))
}

/// 收入来源 labels, in `FundingSource::ALL` order.
static SOURCES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| FundingSource::ALL.iter().map(|s| s.short_label()).collect());

/// 支出类型 labels, in `ExpenditureType::ALL` order.
static TYPES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| ExpenditureType::ALL.iter().map(|t| t.label()).collect());

/// The columns of 预算明细.
pub fn columns() -> Vec<Column<BudgetRow>> {
    vec![
        Column {
            key: "code",
            header: "功能科目编码",
            kind: Kind::Code(Catalogue::Function),
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
            kind: Kind::Name(Catalogue::Function),
            get: |r| r.code.clone(),
            set: |_, _| true,
            amount: None,
        },
        choice_column!(
            "source",
            "收入来源",
            SOURCES.as_slice(),
            source.short_label,
            FundingSource::from_label
        ),
        choice_column!(
            "kind",
            "支出类型",
            TYPES.as_slice(),
            kind.label,
            ExpenditureType::from_label
        ),
        amount_column!("this_year", "本年预算数", this_year),
        amount_column!("last_year", "上年预算数", last_year),
    ]
}

/// Totals row: 本年 and 上年 totals from the core.
fn totals(t: &Totals) -> Vec<Option<String>> {
    vec![
        None,
        None,
        None,
        None,
        Some(format_yuan(t.total)),
        Some(format_yuan(t.total_last_year)),
    ]
}

/// The budget rows grid.
#[component]
pub fn RowsSection() -> impl IntoView {
    let spec = GridSpec {
        path: "rows".into(),
        id: "rows".into(),
        label: "预算明细".into(),
        noun: String::new(),
        columns: columns(),
        frozen: 2,
        rows: Rows::List(|i| &i.rows, |i| &mut i.rows),
        describe,
        totals: Some(totals),
        sort_key: Some(|r| r.code.clone()),
        add_label: "添加一行",
    };
    view! {
        <h2>"预算明细（支出功能分类）"</h2>
        <p class="hint">
            "每行一个 项 级功能科目、一个收入来源和一个支出类型；类、款小计自动生成。金额单位：元。列的顺序：功能科目编码、科目名称、收入来源、支出类型、本年预算数、上年预算数。从 Excel/WPS 复制的整块可直接粘贴（Ctrl+V）：不带表头时按上述列序，带表头（如 科目编码、2024年预算数、基本支出、项目支出）时按表头对应，类、款小计行自动跳过；整张表请用工具栏的“导入表格”。最后的空白行可直接输入或粘贴；Ctrl+Alt+= 插入行，Ctrl+Alt+- 删除行，Ctrl+Z 撤销，F2 编辑单元格。"
        </p>
        <Grid spec=spec />
    }
}
