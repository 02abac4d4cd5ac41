//! The layout shared by the tables: header and cell helpers, and the coded
//! lines (款 and 类 summed from the rows under them).

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::amount::CentSum;
use crate::catalog::{Catalog, Entry, Level};
use crate::model::{FundingSource, Inputs};
use crate::table::{Cell, CellText, ColumnSum, HeaderCell, RowKind, RowSum, Sums, Table, TableRow};

pub(super) fn h(text: &str) -> HeaderCell {
    HeaderCell::new(text)
}

pub(super) fn hs(text: impl Into<String>, colspan: u16, rowspan: u16) -> HeaderCell {
    HeaderCell::span(text, colspan, rowspan)
}

pub(super) fn t(s: impl Into<CellText>) -> Cell {
    Cell::Text(s.into())
}

pub(super) fn money_cells(values: &[Decimal]) -> impl Iterator<Item = Cell> + '_ {
    values.iter().map(|v| Cell::Money(*v))
}

pub(super) fn table(
    inputs: &Inputs,
    n: u8,
    name: &str,
    header: Vec<Vec<HeaderCell>>,
    rows: Vec<TableRow>,
) -> Table {
    Table {
        id: format!("table{n}"),
        number: format!("表{n}"),
        title: format!("{}{}", inputs.unit.name, name),
        unit: "单位：元".to_string(),
        header,
        rows,
        note: None,
        sums: Sums::default(),
        zeros_shown: false,
    }
}

/// The table with its sum structure (see `crate::table::Sums`).
pub(super) fn with_sums(
    mut tab: Table,
    rows: Vec<RowSum>,
    columns: impl IntoIterator<Item = ColumnSum>,
) -> Table {
    tab.sums = Sums {
        rows,
        columns: columns.into_iter().collect(),
    };
    tab
}

/// One detail line of a coded table: the code, its catalog entry, `N` figures.
pub(super) struct Item<'a, const N: usize> {
    pub(super) code: &'a str,
    pub(super) entry: Option<&'static Entry>,
    pub(super) values: [CentSum; N],
}

/// The code cell and the name cell of a line: borrowed from the catalog when
/// the code is in it (no allocation), the code as typed and a blank name if not.
pub(super) fn code_cells(code: &str, entry: Option<&'static Entry>) -> [Cell; 2] {
    match entry {
        Some(e) => [t(e.code), t(e.name)],
        None => [t(code.to_string()), t("")],
    }
}

/// A group line being summed: (prefix, row index, sums).
type OpenGroup<'a, const N: usize> = Option<(&'a str, usize, [CentSum; N])>;

/// Figures per code, summed into 类/款 lines: the body of 表2, 表3, 表5, 表7, 表8.
///
/// `items` are detail codes in code order with their column values; `group_lens`
/// are the prefix lengths of the subtotal levels (function: 3 and 5; economic: 3).
/// Details whose values are all zero are left out, as the seed does. One pass:
/// a group line is pushed when its first detail arrives and summed as they follow.
pub(super) fn coded_rows<'a, const N: usize>(
    items: impl ExactSizeIterator<Item = Item<'a, N>>,
    cat: &'static Catalog,
    group_lens: &[usize],
) -> (Vec<TableRow>, Vec<RowSum>) {
    let mut total = [CentSum::default(); N];
    // Details, plus room for the 合计 line and the group lines (well under a
    // quarter of the details in a real catalog).
    let mut rows = Vec::with_capacity(items.len() + items.len() / 4 + 8);
    rows.push(TableRow {
        kind: RowKind::Total,
        cells: Vec::new(),
    });
    // The line each line is summed into (the 合计 line has none).
    let mut parents: Vec<usize> = vec![0];
    // The open group at each level (at most 类 and 款).
    let mut open: [OpenGroup<'a, N>; 2] = [None, None];
    let group_lens = &group_lens[..group_lens.len().min(open.len())];
    let close = |rows: &mut Vec<TableRow>, slot: &mut OpenGroup<'a, N>| {
        if let Some((_, at, sums)) = slot.take() {
            rows[at].cells.extend(cent_cells(&sums));
        }
    };
    for Item {
        code,
        entry,
        values,
    } in items
    {
        if values.iter().all(|v| v.is_zero()) {
            continue;
        }
        add(&mut total, &values);
        for (depth, &len) in group_lens.iter().enumerate() {
            let Some(prefix) = code.get(..len).filter(|_| code.len() > len) else {
                continue;
            };
            if open[depth].as_ref().is_some_and(|(p, _, _)| *p == prefix) {
                continue;
            }
            for slot in open[depth..].iter_mut() {
                close(&mut rows, slot);
            }
            let kind = if depth == 0 {
                RowKind::Group
            } else {
                RowKind::Subgroup
            };
            let mut cells = Vec::with_capacity(N + 2);
            cells.extend(code_cells(prefix, cat.get(prefix)));
            parents.push(innermost(&open[..depth]));
            rows.push(TableRow { kind, cells });
            open[depth] = Some((prefix, rows.len() - 1, [CentSum::default(); N]));
        }
        for (depth, &len) in group_lens.iter().enumerate() {
            if code.len() > len
                && let Some((_, _, sums)) = open[depth].as_mut()
            {
                add(sums, &values);
            }
        }
        let mut cells = Vec::with_capacity(N + 2);
        cells.extend(code_cells(code, entry));
        cells.extend(cent_cells(&values));
        let within = group_lens
            .iter()
            .take_while(|&&len| code.len() > len)
            .count();
        parents.push(innermost(&open[..within]));
        rows.push(TableRow {
            kind: RowKind::Detail,
            cells,
        });
    }
    for slot in open.iter_mut() {
        close(&mut rows, slot);
    }
    let mut cells = Vec::with_capacity(N + 2);
    cells.extend([t("合计"), Cell::Empty]);
    cells.extend(cent_cells(&total));
    rows[0].cells = cells;
    let sums = row_sums(&parents, (2..2 + N).collect());
    (rows, sums)
}

/// The row of the innermost open group (the 合计 line when none is open).
fn innermost<const N: usize>(open: &[OpenGroup<'_, N>]) -> usize {
    open.iter()
        .rev()
        .find_map(|g| g.as_ref())
        .map_or(0, |(_, at, _)| *at)
}

/// One row group per line that has lines summed into it, in row order (so a
/// group comes before the groups of its parts).
fn row_sums(parents: &[usize], cells: Vec<usize>) -> Vec<RowSum> {
    let mut parts: Vec<Vec<usize>> = vec![Vec::new(); parents.len()];
    for (row, &parent) in parents.iter().enumerate().skip(1) {
        if let Some(p) = parts.get_mut(parent) {
            p.push(row);
        }
    }
    parts
        .into_iter()
        .enumerate()
        .filter(|(_, p)| !p.is_empty())
        .map(|(total, parts)| RowSum {
            total,
            parts,
            cells: cells.clone(),
        })
        .collect()
}

/// `total` = Σ `parts` in every row with money in `total`: declared only when
/// it holds in each of them (表2's 小计 is more than 基本 + 项目 when a row is
/// of another 支出类型).
pub(super) fn column_sum(rows: &[TableRow], total: usize, parts: &[usize]) -> Option<ColumnSum> {
    let mut with = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let Some(t) = r.cells.get(total).and_then(Cell::money) else {
            continue;
        };
        let sum: Decimal = parts
            .iter()
            .map(|&p| r.cells.get(p).and_then(Cell::money).unwrap_or_default())
            .sum();
        if sum != t {
            return None;
        }
        with.push(i);
    }
    Some(ColumnSum {
        total,
        parts: parts.to_vec(),
        rows: with,
    })
}

pub(super) fn add(acc: &mut [CentSum], values: &[CentSum]) {
    for (a, v) in acc.iter_mut().zip(values) {
        a.add_sum(*v);
    }
}

pub(super) fn cent_cells(values: &[CentSum]) -> impl Iterator<Item = Cell> + '_ {
    values.iter().map(|v| Cell::Money(v.to_decimal()))
}

/// Every 功能类 of the catalog (and any other 类 the rows use), with a value each.
pub(super) fn classes_with<const N: usize>(
    values: &BTreeMap<&str, [Decimal; N]>,
    cat: &'static Catalog,
) -> Vec<(CellText, [Decimal; N])> {
    let mut out: Vec<(&str, CellText, [Decimal; N])> = cat
        .at_level(Level::Class)
        .map(|e| (e.code, CellText::Borrowed(e.name), [Decimal::ZERO; N]))
        .collect();
    for (code, v) in values {
        match out.iter_mut().find(|(c, _, _)| c == code) {
            Some(slot) => slot.2 = *v,
            None => out.push((code, format!("{code}（未知类）").into(), *v)),
        }
    }
    out.into_iter().map(|(_, name, v)| (name, v)).collect()
}

/// A sum in 元 where nothing summed is a plain `0` (scale 0), as 表1 has
/// always printed it in the file (amounts are never negative, so a zero sum
/// means nothing was added); other sums keep the 2 decimals of 分.
pub(super) fn plain_decimal(sum: CentSum) -> Decimal {
    if sum.is_zero() {
        Decimal::ZERO
    } else {
        sum.to_decimal()
    }
}

pub(super) fn class_of(code: &str) -> &str {
    code.get(..3).unwrap_or(code)
}

/// Σ per 类 of per-code figures (codes in code order, so a 类's codes mostly
/// follow each other: the last 类 is kept at hand and the map touched once per 类).
pub(super) fn per_class<'a, const N: usize>(
    codes: impl Iterator<Item = (&'a str, [CentSum; N])>,
) -> BTreeMap<&'a str, [CentSum; N]> {
    let mut map: BTreeMap<&str, [CentSum; N]> = BTreeMap::new();
    let mut current: Option<(&str, [CentSum; N])> = None;
    for (code, values) in codes {
        let class = class_of(code);
        match current.as_mut() {
            Some((c, sums)) if *c == class => add(sums, &values),
            _ => {
                if let Some((c, sums)) = current.replace((class, values)) {
                    add(map.entry(c).or_insert([CentSum::default(); N]), &sums);
                }
            }
        }
    }
    if let Some((c, sums)) = current {
        add(map.entry(c).or_insert([CentSum::default(); N]), &sums);
    }
    map
}

/// Column of a source in 表7 and 表9 (after 合计): 上年结转 (the three funds
/// together), then each other source.
pub(super) fn income_column(s: FundingSource) -> usize {
    use FundingSource as S;
    match s {
        S::CarryoverGeneral | S::CarryoverGovFund | S::CarryoverStateCapital => 1,
        S::GeneralBudget => 2,
        S::GovFundBudget => 3,
        S::StateCapitalBudget => 4,
        S::BusinessNonEducation => 5,
        S::BusinessEducation => 6,
        S::OperatingIncome => 7,
        S::OtherIncome => 8,
        S::BusinessFund => 9,
    }
}

pub(super) fn income_header(first: Vec<HeaderCell>, budget_suffix: &str) -> Vec<Vec<HeaderCell>> {
    let s = budget_suffix;
    let mut top = first;
    top.extend([
        hs("合计", 1, 2),
        hs("上年结转", 1, 2),
        hs(format!("一般公共预算拨款收入{s}"), 1, 2),
        hs(format!("政府性基金预算拨款收入{s}"), 1, 2),
        hs(format!("国有资本经营预算拨款收入{s}"), 1, 2),
        hs(format!("事业收入{s}"), 2, 1),
        hs(format!("事业单位经营收入{s}"), 1, 2),
        hs(format!("其他收入{s}"), 1, 2),
        hs("用事业基金弥补收支差额", 1, 2),
    ]);
    vec![
        top,
        vec![
            h(&format!("非教育收费收入{s}")),
            h(&format!("教育收费收入{s}")),
        ],
    ]
}
