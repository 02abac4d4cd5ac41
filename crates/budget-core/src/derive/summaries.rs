//! The kinds of table the 上海 template added: the two-sided summaries
//! without 结转 lines, income by code in column groups, and the one-line
//! “三公”经费和机关运行经费 table in 万元. Any template may use them.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::amount::CentSum;
use crate::catalog::Catalog;
use crate::model::{Fund, FundingSource, Inputs};
use crate::table::{Cell, ColumnSum, RowKind, RowSum, Table, TableRow};
use crate::template::SourceColumn;
use crate::totals::Totals;

use super::figures::CodeFigures;
use super::layout::*;

/// `一`, `二` … `九十九`: the numbering of the 类 lines.
pub(crate) fn chinese_ordinal(n: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n].to_string(),
        10..=19 => format!("十{}", D[n % 10]),
        20..=99 => format!("{}十{}", D[n / 10], D[n % 10]),
        _ => n.to_string(),
    }
}

/// The 类 with a figure, numbered (`一、一般公共服务支出`), with their values.
fn numbered_classes<const N: usize>(
    codes: &[CodeFigures],
    cat: &'static Catalog,
    values: impl Fn(&CodeFigures) -> [CentSum; N],
) -> Vec<(String, [Decimal; N])> {
    let per_code = codes.iter().map(|f| (f.code, values(f)));
    let by_class: BTreeMap<&str, [Decimal; N]> = sort_once::btree_map(
        per_class(per_code)
            .into_iter()
            .filter(|(_, v)| v.iter().any(|x| !x.is_zero()))
            .map(|(c, v)| (c, v.map(plain_decimal))),
    );
    classes_with(&by_class, cat)
        .into_iter()
        .filter(|(_, v)| v.iter().any(|x| !x.is_zero()))
        .enumerate()
        .map(|(i, (name, v))| (format!("{}、{name}", chinese_ordinal(i + 1)), v))
        .collect()
}

/// Two label/figure lists side by side, then the 总计 line; the sums say
/// which left lines add up to the total and that every right line does.
fn two_sided(
    left: Vec<(String, Decimal)>,
    right: Vec<(String, Vec<Decimal>)>,
    right_width: usize,
    totals: (&str, Decimal, &str, Vec<Decimal>),
) -> Vec<TableRow> {
    let mut rows = Vec::new();
    for i in 0..left.len().max(right.len()) {
        let mut cells = match left.get(i) {
            Some((label, v)) => vec![t(label.clone()), Cell::Money(*v)],
            None => vec![Cell::Empty, Cell::Empty],
        };
        match right.get(i) {
            Some((label, v)) => {
                cells.push(t(label.clone()));
                cells.extend(money_cells(v));
            }
            None => cells.extend(std::iter::repeat_n(Cell::Empty, 1 + right_width)),
        }
        rows.push(TableRow {
            kind: RowKind::Detail,
            cells,
        });
    }
    let (l, lv, r, rv) = totals;
    rows.push(TableRow {
        kind: RowKind::Total,
        cells: [t(l.to_string()), Cell::Money(lv), t(r.to_string())]
            .into_iter()
            .chain(money_cells(&rv))
            .collect(),
    });
    rows
}

/// 财务收支预算总表: income by source (财政拨款 by fund), expenditure by 类.
pub(super) fn financial_summary(
    inputs: &Inputs,
    totals: &Totals,
    codes: &[CodeFigures],
    cat: &'static Catalog,
) -> Table {
    use FundingSource as S;
    let general = totals.fund(Fund::General);
    let gov = totals.fund(Fund::GovFund);
    let state = totals.fund(Fund::StateCapital);
    let src = |s: S| totals.source(s);
    let left = vec![
        ("一、财政拨款收入".to_string(), general + gov + state),
        ("1. 一般公共预算资金".to_string(), general),
        ("2. 政府性基金".to_string(), gov),
        ("3. 国有资本经营预算".to_string(), state),
        (
            "二、事业收入".to_string(),
            src(S::BusinessNonEducation) + src(S::BusinessEducation),
        ),
        ("三、事业单位经营收入".to_string(), src(S::OperatingIncome)),
        (
            "四、其他收入".to_string(),
            src(S::OtherIncome) + src(S::BusinessFund),
        ),
    ];
    let right: Vec<(String, Vec<Decimal>)> = numbered_classes(codes, cat, |f| [f.total])
        .into_iter()
        .map(|(n, v)| (n, v.to_vec()))
        .collect();
    let income: Decimal = [0, 4, 5, 6].iter().map(|&i| left[i].1).sum();
    let n_right = right.len();
    let rows = two_sided(
        left,
        right,
        1,
        ("收入总计", income, "支出总计", vec![totals.total]),
    );
    let last = rows.len() - 1;
    let sums = vec![
        RowSum {
            total: last,
            parts: vec![0, 4, 5, 6],
            cells: vec![1],
        },
        RowSum {
            total: 0,
            parts: vec![1, 2, 3],
            cells: vec![1],
        },
        RowSum {
            total: last,
            parts: (0..n_right).collect(),
            cells: vec![3],
        },
    ];
    let header = vec![
        vec![hs("本年收入", 2, 1), hs("本年支出", 2, 1)],
        vec![h("项目"), h("预算数"), h("项目"), h("预算数")],
    ];
    with_sums(
        table(inputs, 1, "财务收支预算总表", header, rows),
        sums,
        None,
    )
}

/// 财政拨款收支预算总表 without 结转 lines: income by fund, expenditure by 类
/// and fund.
pub(super) fn appropriation_plain(
    inputs: &Inputs,
    codes: &[CodeFigures],
    cat: &'static Catalog,
) -> Table {
    let mut income = [CentSum::default(); 3];
    for f in codes {
        let e = f.by_fund();
        for (i, v) in income.iter_mut().enumerate() {
            v.add_sum(e[1 + i]);
        }
    }
    let income = income.map(plain_decimal);
    let right: Vec<(String, Vec<Decimal>)> = numbered_classes(codes, cat, |f| f.by_fund())
        .into_iter()
        .map(|(n, v)| (n, v.to_vec()))
        .collect();
    let mut spent = [Decimal::ZERO; 4];
    for (_, v) in &right {
        for (s, x) in spent.iter_mut().zip(v) {
            *s += *x;
        }
    }
    let left = vec![
        ("一、一般公共预算资金".to_string(), income[0]),
        ("二、政府性基金".to_string(), income[1]),
        ("三、国有资本经营预算".to_string(), income[2]),
    ];
    let n_right = right.len();
    let rows = two_sided(
        left,
        right,
        4,
        (
            "收入总计",
            income.iter().copied().sum(),
            "支出总计",
            spent.to_vec(),
        ),
    );
    let last = rows.len() - 1;
    let sums = vec![
        RowSum {
            total: last,
            parts: vec![0, 1, 2],
            cells: vec![1],
        },
        RowSum {
            total: last,
            parts: (0..n_right).collect(),
            cells: vec![3, 4, 5, 6],
        },
    ];
    let columns = column_sum(&rows, 3, &[4, 5, 6]);
    let header = vec![
        vec![hs("财政拨款收入", 2, 1), hs("财政拨款支出", 5, 1)],
        [
            "项目",
            "预算数",
            "项目",
            "合计",
            "一般公共预算",
            "政府性基金预算",
            "国有资本经营预算",
        ]
        .into_iter()
        .map(h)
        .collect(),
    ];
    with_sums(
        table(inputs, 4, "财政拨款收支预算总表", header, rows),
        sums,
        columns,
    )
}

/// Income by code, the sources summed in the template's column groups.
pub(super) fn income_groups(
    inputs: &Inputs,
    codes: &[CodeFigures],
    cat: &'static Catalog,
    columns: &[SourceColumn],
) -> Table {
    let width = columns.len().min(FundingSource::ALL.len());
    let items = codes.iter().map(|f| {
        let mut v = [CentSum::default(); 1 + FundingSource::ALL.len()];
        v[0] = f.total;
        for (slot, col) in v[1..].iter_mut().zip(columns) {
            for s in &col.sources {
                slot.add_sum(f.source(*s));
            }
        }
        f.item(v)
    });
    let (mut rows, sums) = coded_rows(items, cat, &[3, 5]);
    for r in &mut rows {
        r.cells.truncate(3 + width);
    }
    let header = vec![
        ["科目编码", "科目名称", "合计"]
            .into_iter()
            .map(h)
            .chain(columns.iter().take(width).map(|c| h(&c.label)))
            .collect(),
    ];
    let parts: Vec<usize> = (3..3 + width).collect();
    let column = column_sum(&rows, 2, &parts);
    with_sums(table(inputs, 2, "收入预算总表", header, rows), sums, column)
}

/// “三公”经费和机关运行经费预算表: this year's 三公 (合计, 因公出国, 公务用车
/// 小计/购置/运行, 公务接待) and 机关运行经费, in 万元 (舍位平衡 so the 合计
/// and the 小计 are the sums of what is printed). A zero prints blank.
pub(super) fn sangong_running(inputs: &Inputs) -> Table {
    let s = inputs.sangong.in_yuan();
    let y = &s.this_year;
    let (a, p, o, r) = (
        y.abroad.value(),
        y.vehicle_purchase.value(),
        y.vehicle_operation.value(),
        y.reception.value(),
    );
    let (running, _) = inputs.narrative.running_cost_in_yuan();
    let yuan = [a + p + o + r, a, p + o, p, o, r, running.value()];
    let rows = vec![TableRow {
        kind: RowKind::Detail,
        cells: yuan.iter().map(|v| Cell::Money(*v)).collect(),
    }];
    let columns = vec![
        ColumnSum {
            total: 0,
            parts: vec![1, 2, 5],
            rows: vec![0],
        },
        ColumnSum {
            total: 2,
            parts: vec![3, 4],
            rows: vec![0],
        },
    ];
    let in_yuan = with_sums(table(inputs, 9, "", Vec::new(), rows), Vec::new(), columns);
    let cells = match crate::wan::to_wan(&in_yuan, 2) {
        Ok(w) => w.table.rows.into_iter().next().map(|r| r.cells),
        Err(_) => None,
    }
    .unwrap_or_else(|| {
        yuan.iter()
            .map(|v| Cell::Wan(crate::amount::to_wan(*v)))
            .collect()
    });
    let cells = cells
        .into_iter()
        .map(|c| match c {
            Cell::Wan(v) if v.is_zero() => Cell::Empty,
            Cell::Money(v) => Cell::Wan(crate::amount::to_wan(v)),
            c => c,
        })
        .collect();
    let header = vec![
        vec![hs("“三公”经费预算数", 6, 1), hs("机关运行经费预算数", 1, 3)],
        vec![
            hs("合计", 1, 2),
            hs("因公出国(境)费", 1, 2),
            hs("公务用车购置及运行费", 3, 1),
            hs("公务接待费", 1, 2),
        ],
        vec![h("小计"), h("购置费"), h("运行费")],
    ];
    let mut tab = table(
        inputs,
        9,
        "“三公”经费和机关运行经费预算表",
        header,
        vec![TableRow {
            kind: RowKind::Detail,
            cells,
        }],
    );
    tab.unit = "单位：万元".to_string();
    tab
}

#[cfg(test)]
mod tests {
    use super::chinese_ordinal;

    #[test]
    fn ordinals() {
        let got: Vec<String> = [1, 9, 10, 11, 20, 23, 99]
            .into_iter()
            .map(chinese_ordinal)
            .collect();
        assert_eq!(got, ["一", "九", "十", "十一", "二十", "二十三", "九十九"]);
    }
}
