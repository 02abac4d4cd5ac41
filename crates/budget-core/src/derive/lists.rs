//! The tables that list rather than classify: 政府采购预算明细表 (by
//! category and source) and 部门（单位）预算整体绩效目标表 (万元).

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::amount::to_wan;
use crate::model::Inputs;
use crate::table::{Cell, RowKind, RowSum, Sums, Table, TableRow};
use crate::totals::Totals;

use super::layout::*;

/// 表9 政府采购预算明细表
pub(super) fn table9(inputs: &Inputs) -> Table {
    // Categories in the order the clerk entered them.
    let mut order = Vec::new();
    let mut by_cat = BTreeMap::new();
    let mut total = vec![Decimal::ZERO; 10];
    for p in &inputs.procurement {
        let v = p.amount.value();
        if !order.contains(&p.category) {
            order.push(p.category);
        }
        let slot = by_cat
            .entry(p.category)
            .or_insert_with(|| vec![Decimal::ZERO; 10]);
        slot[0] += v;
        slot[income_column(p.source)] += v;
        total[0] += v;
        total[income_column(p.source)] += v;
    }
    let mut rows = vec![TableRow {
        kind: RowKind::Total,
        cells: std::iter::once(t("合计"))
            .chain(money_cells(&total))
            .collect(),
    }];
    for c in order {
        let v = &by_cat[&c];
        if v[0].is_zero() {
            continue;
        }
        rows.push(TableRow {
            kind: RowKind::Detail,
            cells: std::iter::once(t(c.label()))
                .chain(money_cells(v))
                .collect(),
        });
    }
    let header = income_header(vec![hs("项目", 1, 2)], "预算");
    let sums = (rows.len() > 1)
        .then(|| RowSum {
            total: 0,
            parts: (1..rows.len()).collect(),
            cells: (1..11).collect(),
        })
        .into_iter()
        .collect();
    let columns = column_sum(&rows, 1, &(2..11).collect::<Vec<_>>());
    with_sums(
        table(inputs, 9, "政府采购预算明细表", header, rows),
        sums,
        columns,
    )
}

/// 表10 部门（单位）预算整体绩效目标表 (万元)
pub(super) fn table10(inputs: &Inputs, totals: &Totals) -> Table {
    let perf = &inputs.overall_performance;
    let total = to_wan(totals.total);
    let mut rows = vec![
        TableRow {
            kind: RowKind::Detail,
            cells: vec![
                t("部门（单位）名称"),
                Cell::Span {
                    text: perf.printed_unit_name(&inputs.unit).to_string().into(),
                    colspan: 2,
                },
                t("支出预算总量"),
                Cell::Wan(total),
                Cell::Empty,
            ],
        },
        TableRow {
            kind: RowKind::Detail,
            cells: vec![
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                t("其中：部门预算支出"),
                Cell::Wan(total),
                Cell::Empty,
            ],
        },
        TableRow {
            kind: RowKind::Detail,
            cells: vec![
                t("当年整体绩效目标"),
                Cell::Span {
                    text: perf.target.clone().into(),
                    colspan: 5,
                },
            ],
        },
        TableRow {
            kind: RowKind::Group,
            cells: [
                "绩效指标",
                "指标名称",
                "指标权重",
                "计量单位",
                "指标性质",
                "指标值",
            ]
            .into_iter()
            .map(t)
            .collect(),
        },
    ];
    for ind in &perf.indicators {
        let weight = match ind.weight.parsed() {
            Some(w) => w.normalize().to_string(),
            None => ind.weight.text().to_string(),
        };
        rows.push(TableRow {
            kind: RowKind::Detail,
            cells: vec![
                Cell::Empty,
                t(ind.name.clone()),
                t(weight),
                t(ind.unit.clone()),
                t(ind.operator.symbol()),
                t(ind.value.clone()),
            ],
        });
    }
    Table {
        id: "table10".to_string(),
        number: "表10".to_string(),
        title: format!(
            "{}部门（单位）预算整体绩效目标表",
            inputs.unit.year_words().0
        ),
        unit: "单位：万元".to_string(),
        header: Vec::new(),
        rows,
        note: None,
        sums: Sums::default(),
        zeros_shown: false,
    }
}
