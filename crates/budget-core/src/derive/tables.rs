//! 表1–表10, laid out as the seed publishes them.
//!
//! Every figure is a sum of input amounts; 类 and 款 lines are sums of the lines
//! under them, computed here and never typed.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::amount::CentSum;
use crate::catalog::{Catalog, InForce};
use crate::model::{ExpenditureType, FundingSource, Inputs};
use crate::table::{Cell, RowKind, RowSum, Table, TableRow};
use crate::template::{FundKind, TableKind};
use crate::totals::{Totals, is_personnel};

use super::figures::*;
use super::layout::*;

pub(super) fn all(
    inputs: &Inputs,
    totals: &Totals,
    codes: &[CodeFigures],
    cats: &InForce,
) -> Vec<Table> {
    crate::template::of(inputs)
        .tables
        .iter()
        .enumerate()
        .map(|(i, spec)| {
            let tab = build(&spec.kind, inputs, totals, codes, cats);
            super::present::present(tab, spec, i + 1, inputs)
        })
        .collect()
}

/// The table of one kind, in the kind's own layout (`present` then lays it
/// out as the template publishes it).
fn build(
    kind: &TableKind,
    inputs: &Inputs,
    totals: &Totals,
    codes: &[CodeFigures],
    cats: &InForce,
) -> Table {
    let function = cats.function();
    match kind {
        TableKind::AppropriationSummary { carryover: true } => table1(inputs, codes, function),
        TableKind::AppropriationSummary { carryover: false } => {
            super::summaries::appropriation_plain(inputs, codes, function)
        }
        TableKind::GeneralByType { last_year } => table2(inputs, codes, function, *last_year),
        TableKind::FundByType { fund } => fund_table(inputs, codes, function, *fund),
        TableKind::EconomicBasic => table3(inputs, cats.economic()),
        TableKind::Sangong => table4(inputs),
        TableKind::DeptSummary => table6(inputs, totals, ClassSums::of_codes(codes), function),
        TableKind::FinancialSummary => {
            super::summaries::financial_summary(inputs, totals, codes, function)
        }
        TableKind::IncomeBySource { columns } if columns.is_empty() => {
            table7(inputs, codes, function)
        }
        TableKind::IncomeBySource { columns } => {
            super::summaries::income_groups(inputs, codes, function, columns)
        }
        TableKind::AllByType { types } => table8(inputs, codes, function, types),
        TableKind::Procurement => super::lists::table9(inputs),
        TableKind::OverallPerformance => super::lists::table10(inputs, totals),
        TableKind::SangongRunning => super::summaries::sangong_running(inputs),
    }
}

/// 表1 财政拨款收支总表
fn table1(inputs: &Inputs, codes: &[CodeFigures], cat: &'static Catalog) -> Table {
    // All in 分 until the cells.
    let mut income = [CentSum::default(); FundingSource::ALL.len()];
    let mut exp = [CentSum::default(); 4];
    let per_code = codes.iter().map(|f| {
        for s in FundingSource::ALL
            .into_iter()
            .filter(|s| s.fund().is_some())
        {
            income[s as usize].add_sum(f.source(s));
        }
        let e = f.by_fund();
        add(&mut exp, &e);
        (f.code, e)
    });
    let by_class: BTreeMap<&str, [Decimal; 4]> = sort_once::btree_map(
        per_class(per_code)
            .into_iter()
            .filter(|(_, v)| v.iter().any(|x| !x.is_zero()))
            .map(|(c, v)| (c, v.map(plain_decimal))),
    );
    let income = income.map(plain_decimal);
    let exp = exp.map(plain_decimal);
    let inc = |s: FundingSource| income[s as usize];
    use FundingSource as S;
    let current = inc(S::GeneralBudget) + inc(S::GovFundBudget) + inc(S::StateCapitalBudget);
    let carry = inc(S::CarryoverGeneral) + inc(S::CarryoverGovFund) + inc(S::CarryoverStateCapital);
    let left: Vec<Option<(&str, Decimal)>> = vec![
        Some(("一般公共预算拨款", inc(S::GeneralBudget))),
        Some(("政府性基金预算拨款", inc(S::GovFundBudget))),
        Some(("国有资本经营预算拨款", inc(S::StateCapitalBudget))),
        None,
        Some(("二、上年结转", carry)),
        Some(("一般公共预算拨款", inc(S::CarryoverGeneral))),
        Some(("政府性基金预算拨款", inc(S::CarryoverGovFund))),
        Some(("国有资本经营预算拨款", inc(S::CarryoverStateCapital))),
    ];
    let mut right = classes_with(&by_class, cat);
    // 结转下年: what is received but not spent this year; zero by construction.
    let carry_forward = current + carry - exp[0];
    right.push((
        "二、结转下年".into(),
        [carry_forward, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO],
    ));
    let mut rows = vec![TableRow {
        kind: RowKind::Group,
        cells: [t("一、本年收入"), Cell::Money(current), t("一、本年支出")]
            .into_iter()
            .chain(money_cells(&exp))
            .collect(),
    }];
    for i in 0..left.len().max(right.len()) {
        let mut cells = match left.get(i).copied().flatten() {
            Some((label, v)) => vec![t(label), Cell::Money(v)],
            None => vec![Cell::Empty, Cell::Empty],
        };
        match right.get(i) {
            Some((label, v)) => {
                cells.push(Cell::Text(label.clone()));
                cells.extend(money_cells(v));
            }
            None => cells.extend(std::iter::repeat_n(Cell::Empty, 5)),
        }
        rows.push(TableRow {
            kind: RowKind::Detail,
            cells,
        });
    }
    let mut total_exp = exp;
    total_exp[0] += carry_forward;
    rows.push(TableRow {
        kind: RowKind::Total,
        cells: [t("收入总数"), Cell::Money(current + carry), t("支出总数")]
            .into_iter()
            .chain(money_cells(&total_exp))
            .collect(),
    });
    let header = vec![
        vec![hs("收入", 2, 1), hs("支出", 5, 1)],
        [
            "项目",
            "预算数",
            "项目",
            "合计",
            "一般公共预算财政拨款",
            "政府性基金预算财政拨款",
            "国有资本经营预算财政拨款",
        ]
        .into_iter()
        .map(h)
        .collect(),
    ];
    // Left: 收入总数 = 一、本年收入 + 二、上年结转, each of its three lines.
    // Right: 支出总数 = 一、本年支出 + 二、结转下年; 一、本年支出 = Σ 类.
    let last = rows.len() - 1;
    let carry_forward_row = right.len();
    let right_cells = vec![3, 4, 5, 6];
    let sums = vec![
        RowSum {
            total: last,
            parts: vec![0, 5],
            cells: vec![1],
        },
        RowSum {
            total: 0,
            parts: vec![1, 2, 3],
            cells: vec![1],
        },
        RowSum {
            total: 5,
            parts: vec![6, 7, 8],
            cells: vec![1],
        },
        RowSum {
            total: last,
            parts: vec![0, carry_forward_row],
            cells: right_cells.clone(),
        },
        RowSum {
            total: 0,
            parts: (1..carry_forward_row).collect(),
            cells: right_cells,
        },
    ];
    let columns = column_sum(&rows, 3, &[4, 5, 6]);
    with_sums(
        table(inputs, 1, "财政拨款收支总表", header, rows),
        sums,
        columns,
    )
}

/// 表2 一般公共预算财政拨款支出预算表
fn table2(inputs: &Inputs, codes: &[CodeFigures], cat: &'static Catalog, last_year: bool) -> Table {
    if !last_year {
        let items = codes
            .iter()
            .map(|f| f.item([f.general[1], f.general[2], f.general[3]]));
        let header = vec![
            vec![hs("功能分类科目", 2, 1), hs("一般公共预算支出", 3, 1)],
            ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
                .into_iter()
                .map(h)
                .collect(),
        ];
        let (rows, sums) = coded_rows(items, cat, &[3, 5]);
        let columns = column_sum(&rows, 2, &[3, 4]);
        return with_sums(
            table(inputs, 2, "一般公共预算支出功能分类预算表", header, rows),
            sums,
            columns,
        );
    }
    let items = codes.iter().map(|f| f.item(f.general));
    let (year, last) = inputs.unit.year_words();
    let header = vec![
        vec![
            hs("功能分类科目", 2, 1),
            hs(format!("{last}预算数"), 1, 2),
            hs(format!("{year}预算数"), 3, 1),
        ],
        vec![
            h("科目编码"),
            h("科目名称"),
            h("小计"),
            h("基本支出"),
            h("项目支出"),
        ],
    ];
    let (rows, sums) = coded_rows(items, cat, &[3, 5]);
    let columns = column_sum(&rows, 3, &[4, 5]);
    with_sums(
        table(inputs, 2, "一般公共预算财政拨款支出预算表", header, rows),
        sums,
        columns,
    )
}

/// 表3 一般公共预算财政拨款基本支出预算表 (by economic class)
fn table3(inputs: &Inputs, cat: &'static Catalog) -> Table {
    let mut items: BTreeMap<&str, [CentSum; 3]> = BTreeMap::new();
    for e in &inputs.economic_rows {
        let code = e.code.trim();
        let slot = items.entry(code).or_default();
        slot[0].add(&e.amount);
        slot[if is_personnel(code) { 1 } else { 2 }].add(&e.amount);
    }
    let (year, _) = inputs.unit.year_words();
    let header = vec![
        vec![
            hs("经济分类科目", 2, 1),
            hs(format!("{year}基本支出"), 3, 1),
        ],
        ["科目编码", "科目名称", "合计", "人员经费", "公用经费"]
            .into_iter()
            .map(h)
            .collect(),
    ];
    let items = items.into_iter().map(|(code, values)| Item {
        code,
        entry: cat.get(code),
        values,
    });
    let (rows, sums) = coded_rows(items, cat, &[3]);
    let columns = column_sum(&rows, 2, &[3, 4]);
    with_sums(
        table(
            inputs,
            3,
            "一般公共预算财政拨款基本支出预算表",
            header,
            rows,
        ),
        sums,
        columns,
    )
}

/// 表4 一般公共预算“三公”经费支出表
pub(crate) fn table4(inputs: &Inputs) -> Table {
    let (year, last) = inputs.unit.year_words();
    let mut cells = Vec::with_capacity(12);
    let sangong = inputs.sangong.in_yuan();
    for y in [&sangong.last_year, &sangong.this_year] {
        let (a, p, o, r) = (
            y.abroad.value(),
            y.vehicle_purchase.value(),
            y.vehicle_operation.value(),
            y.reception.value(),
        );
        cells.extend([a + p + o + r, a, p + o, p, o, r].map(Cell::Money));
    }
    let mut header = vec![vec![
        hs(format!("{last}预算数"), 6, 1),
        hs(format!("{year}预算数"), 6, 1),
    ]];
    let mut second = Vec::new();
    let mut third = Vec::new();
    for _ in 0..2 {
        second.extend([
            hs("合计", 1, 2),
            hs("因公出国（境）费", 1, 2),
            hs("公务用车购置及运行费", 3, 1),
            hs("公务接待费", 1, 2),
        ]);
        third.extend([h("小计"), h("公务用车购置费"), h("公务用车运行费")]);
    }
    header.push(second);
    header.push(third);
    let rows = vec![TableRow {
        kind: RowKind::Detail,
        cells,
    }];
    // Per year: 合计 = 出国 + 车小计 + 接待; 车小计 = 购置 + 运行.
    let columns = [0, 6].into_iter().flat_map(|at| {
        [
            column_sum(&rows, at, &[at + 1, at + 2, at + 5]),
            column_sum(&rows, at + 2, &[at + 3, at + 4]),
        ]
    });
    let columns: Vec<_> = columns.collect();
    with_sums(
        table(inputs, 4, "一般公共预算“三公”经费支出表", header, rows),
        Vec::new(),
        columns.into_iter().flatten(),
    )
}

/// 表5 政府性基金预算支出表, and the same table of the 国有资本经营预算.
fn fund_table(
    inputs: &Inputs,
    codes: &[CodeFigures],
    cat: &'static Catalog,
    fund: FundKind,
) -> Table {
    let figures = |f: &CodeFigures| match fund {
        FundKind::GovFund => f.gov_fund,
        FundKind::StateCapital => f.state_capital,
    };
    let items = || codes.iter().map(|f| f.item(figures(f)));
    let name = match fund {
        FundKind::GovFund => "政府性基金",
        FundKind::StateCapital => "国有资本经营",
    };
    let header = vec![
        vec![
            hs("科目编码", 1, 2),
            hs("科目名称", 1, 2),
            hs(format!("本年{name}预算财政拨款支出"), 3, 1),
        ],
        vec![h("合计"), h("基本支出"), h("项目支出")],
    ];
    let empty = items().all(|i| i.values.iter().all(|x| x.is_zero()));
    let (rows, sums) = if empty {
        (Vec::new(), Vec::new())
    } else {
        coded_rows(items(), cat, &[3, 5])
    };
    let columns = column_sum(&rows, 3, &[4, 5]);
    with_sums(
        table(inputs, 5, &format!("{name}预算支出表"), header, rows),
        sums,
        columns,
    )
}

/// 表6 部门收支总表
pub(super) fn table6(
    inputs: &Inputs,
    totals: &Totals,
    sums: ClassSums<'_>,
    cat: &'static Catalog,
) -> Table {
    use FundingSource as S;
    let by_class: BTreeMap<&str, [Decimal; 1]> =
        sort_once::btree_map(sums.0.into_iter().map(|(c, s)| (c, [s.to_decimal()])));
    let src = |s: S| totals.source(s);
    let left = [
        ("一般公共预算拨款收入", src(S::GeneralBudget)),
        ("政府性基金预算拨款收入", src(S::GovFundBudget)),
        ("国有资本经营预算拨款收入", src(S::StateCapitalBudget)),
        (
            "事业收入预算",
            src(S::BusinessNonEducation) + src(S::BusinessEducation),
        ),
        ("事业单位经营收入预算", src(S::OperatingIncome)),
        ("其他收入预算", src(S::OtherIncome)),
    ];
    let right = classes_with(&by_class, cat);
    let mut rows = Vec::new();
    for i in 0..left.len().max(right.len()) {
        let mut cells = match left.get(i) {
            Some((label, v)) => vec![t(*label), Cell::Money(*v)],
            None => vec![Cell::Empty, Cell::Empty],
        };
        match right.get(i) {
            Some((name, [v])) => cells.extend([Cell::Text(name.clone()), Cell::Money(*v)]),
            None => cells.extend([Cell::Empty, Cell::Empty]),
        }
        rows.push(TableRow {
            kind: RowKind::Detail,
            cells,
        });
    }
    let carry = src(S::CarryoverGeneral) + src(S::CarryoverGovFund) + src(S::CarryoverStateCapital);
    let business_fund = src(S::BusinessFund);
    let income_this_year: Decimal = left.iter().map(|(_, v)| *v).sum();
    // 本年收入合计 = its six lines; 本年支出合计 = Σ 类; each 总计 = its three
    // (two) lines below the 合计.
    let at = rows.len();
    let sums = vec![
        RowSum {
            total: at,
            parts: (0..left.len()).collect(),
            cells: vec![1],
        },
        RowSum {
            total: at + 3,
            parts: vec![at, at + 1, at + 2],
            cells: vec![1],
        },
        RowSum {
            total: at,
            parts: (0..right.len()).collect(),
            cells: vec![3],
        },
        RowSum {
            total: at + 3,
            parts: vec![at, at + 1],
            cells: vec![3],
        },
    ];
    let expenditure = totals.total;
    let income_total = income_this_year + business_fund + carry;
    let carry_forward = income_total - expenditure;
    let line = |kind, a: &'static str, av: Decimal, b: Option<(&'static str, Decimal)>| TableRow {
        kind,
        cells: match b {
            Some((b, bv)) => vec![t(a), Cell::Money(av), t(b), Cell::Money(bv)],
            None => vec![t(a), Cell::Money(av), Cell::Empty, Cell::Empty],
        },
    };
    rows.push(line(
        RowKind::Group,
        "本年收入合计",
        income_this_year,
        Some(("本年支出合计", expenditure)),
    ));
    rows.push(line(
        RowKind::Detail,
        "用事业基金弥补收支差额",
        business_fund,
        Some(("结转下年", carry_forward)),
    ));
    rows.push(line(RowKind::Detail, "上年结转", carry, None));
    rows.push(line(
        RowKind::Total,
        "收入总计",
        income_total,
        Some(("支出总计", expenditure + carry_forward)),
    ));
    let header = vec![
        vec![hs("收入", 2, 1), hs("支出", 2, 1)],
        vec![h("项目"), h("预算数"), h("项目"), h("预算数")],
    ];
    with_sums(table(inputs, 6, "部门收支总表", header, rows), sums, None)
}

/// 表7 部门收入总表
fn table7(inputs: &Inputs, codes: &[CodeFigures], cat: &'static Catalog) -> Table {
    let items = codes.iter().map(|f| {
        let mut v = [CentSum::default(); 10];
        v[0] = f.total;
        for s in FundingSource::ALL {
            v[income_column(s)].add_sum(f.source(s));
        }
        f.item(v)
    });
    let mut header = income_header(vec![hs("科目", 2, 1)], "");
    header[1].splice(0..0, [h("科目编码"), h("科目名称")]);
    let (rows, sums) = coded_rows(items, cat, &[3, 5]);
    let columns = column_sum(&rows, 2, &(3..12).collect::<Vec<_>>());
    with_sums(
        table(inputs, 7, "部门收入总表", header, rows),
        sums,
        columns,
    )
}

/// 表8 部门支出总表
fn table8(
    inputs: &Inputs,
    codes: &[CodeFigures],
    cat: &'static Catalog,
    types: &[ExpenditureType],
) -> Table {
    let types: &[ExpenditureType] = if types.is_empty() {
        &ExpenditureType::ALL
    } else {
        types
    };
    // Up to every type: unused columns stay zero and are cut off below.
    let items = codes.iter().map(|f| {
        let mut v = [CentSum::default(); 1 + ExpenditureType::ALL.len()];
        v[0] = f.total;
        for (slot, k) in v[1..].iter_mut().zip(types) {
            *slot = f.by_type[*k as usize];
        }
        f.item(v)
    });
    let header = vec![
        ["科目编码", "科目名称", "合计"]
            .into_iter()
            .chain(types.iter().map(|k| k.label()))
            .map(h)
            .collect(),
    ];
    let (mut rows, sums) = coded_rows(items, cat, &[3, 5]);
    for r in &mut rows {
        r.cells.truncate(3 + types.len());
    }
    let parts: Vec<usize> = (3..3 + types.len()).collect();
    let columns = column_sum(&rows, 2, &parts);
    with_sums(
        table(inputs, 8, "部门支出总表", header, rows),
        sums,
        columns,
    )
}
