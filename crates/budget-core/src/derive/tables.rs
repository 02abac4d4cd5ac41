//! 表1–表10 and the project forms, laid out as the seed publishes them.
//!
//! Every figure is a sum of input amounts; 类 and 款 lines are sums of the lines
//! under them, computed here and never typed.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::amount::{CentSum, canonical, to_wan};
use crate::catalog::{self, Catalog, Entry, Level, code_key};
use crate::fastmap::CodeIndex;
use crate::model::{ExpenditureType, Fund, FundingSource, Inputs, ProjectForm, trim_code};
use crate::narrative::{RowSums, RowSumsAcc};
use crate::sort::btree_map;
use crate::table::{Cell, CellText, ColumnSum, HeaderCell, RowKind, RowSum, Sums, Table, TableRow};
use crate::totals::{Totals, is_personnel};

/// Note printed under an empty 表5.
pub const NO_GOV_FUND_NOTE: &str = "本单位无政府性基金收支，故此表无数据。";

pub(super) fn all(inputs: &Inputs, totals: &Totals, codes: &[CodeFigures]) -> Vec<Table> {
    vec![
        table1(inputs, codes),
        table2(inputs, codes),
        table3(inputs),
        table4(inputs),
        table5(inputs, codes),
        table6(inputs, totals, ClassSums::of_codes(codes)),
        table7(inputs, codes),
        table8(inputs, codes),
        table9(inputs),
        table10(inputs, totals),
    ]
}

/// This year's (and 一般公共预算 last year's) figures of one function code,
/// summed over its rows in one pass; every per-code table reads from these.
#[derive(Debug, Clone)]
pub(super) struct CodeFigures<'a> {
    code: &'a str,
    /// `catalog::code_key` of the code (`None` when longer than 7 bytes).
    key: Option<u64>,
    /// The catalog entry, looked up once for every table.
    entry: Option<&'static Entry>,
    by_source: [CentSum; FundingSource::ALL.len()],
    by_type: [CentSum; ExpenditureType::ALL.len()],
    total: CentSum,
    /// 一般公共预算 (current and carried over): last year, this year, 基本, 项目.
    general: [CentSum; 4],
    /// 政府性基金 (current and carried over): this year, 基本, 项目.
    gov_fund: [CentSum; 3],
}

impl<'a> CodeFigures<'a> {
    /// Per code, in code order; and the narrative's row sums, gathered in the
    /// same pass.
    pub(super) fn collect(inputs: &'a Inputs) -> (Vec<CodeFigures<'a>>, RowSums) {
        let mut row_sums = RowSumsAcc::default();
        let mut index = CodeIndex::with_capacity(1024);
        let mut out: Vec<CodeFigures> = Vec::with_capacity(1024);
        for r in &inputs.rows {
            let code = trim_code(&r.code);
            let (i, new) = index.insert(code);
            if new {
                out.push(CodeFigures {
                    code,
                    key: code_key(code),
                    entry: None,
                    by_source: Default::default(),
                    by_type: Default::default(),
                    total: CentSum::default(),
                    general: Default::default(),
                    gov_fund: Default::default(),
                });
            }
            let Some(f) = out.get_mut(i as usize) else {
                continue;
            };
            row_sums.add(r);
            let this = &r.this_year;
            f.total.add(this);
            f.by_source[r.source as usize].add(this);
            f.by_type[r.kind as usize].add(this);
            let col = match r.kind {
                ExpenditureType::Basic => Some(2),
                ExpenditureType::Project => Some(3),
                _ => None,
            };
            match r.source.fund() {
                Some(Fund::General) => {
                    f.general[0].add(&r.last_year);
                    f.general[1].add(this);
                    if let Some(c) = col {
                        f.general[c].add(this);
                    }
                }
                Some(Fund::GovFund) => {
                    f.gov_fund[0].add(this);
                    if let Some(c) = col {
                        f.gov_fund[c - 1].add(this);
                    }
                }
                _ => {}
            }
        }
        // Sorted as positions, not as the figures themselves (hundreds of
        // bytes each), by the shared sort (the codes are distinct, so a
        // stable sort gives the one order). Key order is code order (see
        // `code_key`).
        let order =
            crate::sort::stable_order(out.len(), &mut |a, b| match (out[a].key, out[b].key) {
                (Some(x), Some(y)) => x.cmp(&y),
                _ => out[a].code.cmp(out[b].code),
            });
        let cat = catalog::function();
        let mut slots: Vec<Option<CodeFigures>> = out.into_iter().map(Some).collect();
        let sorted = order
            .into_iter()
            .filter_map(|i| slots.get_mut(i)?.take())
            .map(|mut f| {
                f.entry = f.key.and_then(|k| cat.get_key(k));
                f
            })
            .collect();
        (sorted, row_sums.sums())
    }
    /// This year's total per 类 (3-digit prefix), in code order.
    pub(super) fn class_totals(codes: &[CodeFigures]) -> Vec<(String, Decimal)> {
        let mut out: Vec<(String, CentSum)> = Vec::new();
        for f in codes {
            let class = class_of(f.code);
            match out.last_mut() {
                Some((c, sum)) if c == class => sum.add_sum(f.total),
                _ => out.push((class.to_string(), f.total)),
            }
        }
        out.into_iter().map(|(c, s)| (c, s.to_decimal())).collect()
    }
    fn source(&self, s: FundingSource) -> CentSum {
        self.by_source[s as usize]
    }
    /// The code and its figures for one coded table.
    fn item<const N: usize>(&self, values: [CentSum; N]) -> Item<'a, N> {
        Item {
            code: self.code,
            entry: self.entry,
            values,
        }
    }
}

pub(super) fn projects(inputs: &Inputs) -> Vec<Table> {
    inputs
        .projects
        .iter()
        .enumerate()
        .map(|(i, p)| project_table(inputs, i, p))
        .collect()
}

fn h(text: &str) -> HeaderCell {
    HeaderCell::new(text)
}

fn hs(text: impl Into<String>, colspan: u16, rowspan: u16) -> HeaderCell {
    HeaderCell::span(text, colspan, rowspan)
}

fn t(s: impl Into<CellText>) -> Cell {
    Cell::Text(s.into())
}

fn money_cells(values: &[Decimal]) -> impl Iterator<Item = Cell> + '_ {
    values.iter().map(|v| Cell::Money(*v))
}

fn table(
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
    }
}

/// The table with its sum structure (see `crate::table::Sums`).
fn with_sums(
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
struct Item<'a, const N: usize> {
    code: &'a str,
    entry: Option<&'static Entry>,
    values: [CentSum; N],
}

/// The code cell and the name cell of a line: borrowed from the catalog when
/// the code is in it (no allocation), the code as typed and a blank name if not.
fn code_cells(code: &str, entry: Option<&'static Entry>) -> [Cell; 2] {
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
fn coded_rows<'a, const N: usize>(
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
fn column_sum(rows: &[TableRow], total: usize, parts: &[usize]) -> Option<ColumnSum> {
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

fn add(acc: &mut [CentSum], values: &[CentSum]) {
    for (a, v) in acc.iter_mut().zip(values) {
        a.add_sum(*v);
    }
}

fn cent_cells(values: &[CentSum]) -> impl Iterator<Item = Cell> + '_ {
    values.iter().map(|v| Cell::Money(v.to_decimal()))
}

/// Every 功能类 of the catalog (and any other 类 the rows use), with a value each.
fn classes_with<const N: usize>(
    values: &BTreeMap<&str, [Decimal; N]>,
) -> Vec<(CellText, [Decimal; N])> {
    let cat = catalog::function();
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
fn plain_decimal(sum: CentSum) -> Decimal {
    if sum.is_zero() {
        Decimal::ZERO
    } else {
        sum.to_decimal()
    }
}

fn class_of(code: &str) -> &str {
    code.get(..3).unwrap_or(code)
}

/// Σ per 类 of per-code figures (codes in code order, so a 类's codes mostly
/// follow each other: the last 类 is kept at hand and the map touched once per 类).
fn per_class<'a, const N: usize>(
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

/// 表1 财政拨款收支总表
fn table1(inputs: &Inputs, codes: &[CodeFigures]) -> Table {
    // All in 分 until the cells.
    let mut income = [CentSum::default(); FundingSource::ALL.len()];
    let mut exp = [CentSum::default(); 4];
    let per_code = codes.iter().map(|f| {
        let mut e = [CentSum::default(); 4];
        for s in FundingSource::ALL {
            let Some(fund) = s.fund() else { continue };
            let v = f.source(s);
            income[s as usize].add_sum(v);
            e[0].add_sum(v);
            e[1 + fund as usize].add_sum(v);
        }
        add(&mut exp, &e);
        (f.code, e)
    });
    let by_class: BTreeMap<&str, [Decimal; 4]> = btree_map(
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
    let mut right = classes_with(&by_class);
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
fn table2(inputs: &Inputs, codes: &[CodeFigures]) -> Table {
    let items = codes.iter().map(|f| f.item(f.general));
    let year = inputs.unit.fiscal_year;
    let header = vec![
        vec![
            hs("功能分类科目", 2, 1),
            hs(format!("{}年预算数", year - 1), 1, 2),
            hs(format!("{year}年预算数"), 3, 1),
        ],
        vec![
            h("科目编码"),
            h("科目名称"),
            h("小计"),
            h("基本支出"),
            h("项目支出"),
        ],
    ];
    let (rows, sums) = coded_rows(items, catalog::function(), &[3, 5]);
    let columns = column_sum(&rows, 3, &[4, 5]);
    with_sums(
        table(inputs, 2, "一般公共预算财政拨款支出预算表", header, rows),
        sums,
        columns,
    )
}

/// 表3 一般公共预算财政拨款基本支出预算表 (by economic class)
fn table3(inputs: &Inputs) -> Table {
    let mut items: BTreeMap<&str, [CentSum; 3]> = BTreeMap::new();
    for e in &inputs.economic_rows {
        let code = e.code.trim();
        let slot = items.entry(code).or_default();
        slot[0].add(&e.amount);
        slot[if is_personnel(code) { 1 } else { 2 }].add(&e.amount);
    }
    let year = inputs.unit.fiscal_year;
    let header = vec![
        vec![
            hs("经济分类科目", 2, 1),
            hs(format!("{year}年基本支出"), 3, 1),
        ],
        ["科目编码", "科目名称", "合计", "人员经费", "公用经费"]
            .into_iter()
            .map(h)
            .collect(),
    ];
    let cat = catalog::economic();
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
fn table4(inputs: &Inputs) -> Table {
    let year = inputs.unit.fiscal_year;
    let mut cells = Vec::with_capacity(12);
    for y in [&inputs.sangong.last_year, &inputs.sangong.this_year] {
        let (a, p, o, r) = (
            y.abroad.value(),
            y.vehicle_purchase.value(),
            y.vehicle_operation.value(),
            y.reception.value(),
        );
        cells.extend([a + p + o + r, a, p + o, p, o, r].map(Cell::Money));
    }
    let mut header = vec![vec![
        hs(format!("{}年预算数", year - 1), 6, 1),
        hs(format!("{year}年预算数"), 6, 1),
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

/// 表5 政府性基金预算支出表
fn table5(inputs: &Inputs, codes: &[CodeFigures]) -> Table {
    let items = || codes.iter().map(|f| f.item(f.gov_fund));
    let header = vec![
        vec![
            hs("科目编码", 1, 2),
            hs("科目名称", 1, 2),
            hs("本年政府性基金预算财政拨款支出", 3, 1),
        ],
        vec![h("合计"), h("基本支出"), h("项目支出")],
    ];
    let empty = items().all(|i| i.values.iter().all(|x| x.is_zero()));
    let (rows, sums) = if empty {
        (Vec::new(), Vec::new())
    } else {
        coded_rows(items(), catalog::function(), &[3, 5])
    };
    let columns = column_sum(&rows, 3, &[4, 5]);
    let mut tab = with_sums(
        table(inputs, 5, "政府性基金预算支出表", header, rows),
        sums,
        columns,
    );
    if empty {
        tab.note = Some(NO_GOV_FUND_NOTE.to_string());
    }
    tab
}

/// This year's total per 类 (3-digit prefix), for 表6.
pub(super) struct ClassSums<'a>(BTreeMap<&'a str, CentSum>);

impl<'a> ClassSums<'a> {
    /// From the per-code figures (when every table is derived).
    pub(super) fn of_codes(codes: &[CodeFigures<'a>]) -> Self {
        let m = per_class(codes.iter().map(|f| (f.code, [f.total])));
        ClassSums(btree_map(m.into_iter().map(|(c, [s])| (c, s))))
    }
    /// From each distinct code (as typed) of the rows with this year's sum
    /// over its rows (表6 alone, for the live checks).
    pub(super) fn of_code_sums(codes: impl Iterator<Item = (&'a str, CentSum)>) -> Self {
        // A few dozen 类 among ~1,000 codes: summed by a dense 类 id, sorted once.
        let mut index = CodeIndex::with_capacity(64);
        let mut sums: Vec<CentSum> = Vec::with_capacity(64);
        for (code, sum) in codes {
            let (id, new) = index.insert(class_of(trim_code(code)));
            if new {
                sums.push(CentSum::default());
            }
            if let Some(s) = sums.get_mut(id as usize) {
                s.add_sum(sum);
            }
        }
        ClassSums(btree_map(index.codes().iter().copied().zip(sums)))
    }
}

/// 表6 部门收支总表
pub(super) fn table6(inputs: &Inputs, totals: &Totals, sums: ClassSums<'_>) -> Table {
    use FundingSource as S;
    let by_class: BTreeMap<&str, [Decimal; 1]> =
        btree_map(sums.0.into_iter().map(|(c, s)| (c, [s.to_decimal()])));
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
    let right = classes_with(&by_class);
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

/// Column of a source in 表7 and 表9 (after 合计): 上年结转 (the three funds
/// together), then each other source.
fn income_column(s: FundingSource) -> usize {
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

fn income_header(first: Vec<HeaderCell>, budget_suffix: &str) -> Vec<Vec<HeaderCell>> {
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

/// 表7 部门收入总表
fn table7(inputs: &Inputs, codes: &[CodeFigures]) -> Table {
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
    let (rows, sums) = coded_rows(items, catalog::function(), &[3, 5]);
    let columns = column_sum(&rows, 2, &(3..12).collect::<Vec<_>>());
    with_sums(
        table(inputs, 7, "部门收入总表", header, rows),
        sums,
        columns,
    )
}

/// 表8 部门支出总表
fn table8(inputs: &Inputs, codes: &[CodeFigures]) -> Table {
    let items = codes.iter().map(|f| {
        let mut v = [CentSum::default(); 1 + ExpenditureType::ALL.len()];
        v[0] = f.total;
        v[1..].copy_from_slice(&f.by_type);
        f.item(v)
    });
    let header = vec![
        ["科目编码", "科目名称", "合计"]
            .into_iter()
            .chain(ExpenditureType::ALL.iter().map(|k| k.label()))
            .map(h)
            .collect(),
    ];
    let (rows, sums) = coded_rows(items, catalog::function(), &[3, 5]);
    let parts: Vec<usize> = (3..3 + ExpenditureType::ALL.len()).collect();
    let columns = column_sum(&rows, 2, &parts);
    with_sums(
        table(inputs, 8, "部门支出总表", header, rows),
        sums,
        columns,
    )
}

/// 表9 政府采购预算明细表
fn table9(inputs: &Inputs) -> Table {
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
fn table10(inputs: &Inputs, totals: &Totals) -> Table {
    let perf = &inputs.overall_performance;
    let total = to_wan(totals.total);
    let mut rows = vec![
        TableRow {
            kind: RowKind::Detail,
            cells: vec![
                t("部门（单位）名称"),
                Cell::Span {
                    text: perf.unit_name.clone().into(),
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
            "{}年部门（单位）预算整体绩效目标表",
            inputs.unit.fiscal_year
        ),
        unit: "单位：万元".to_string(),
        header: Vec::new(),
        rows,
        note: None,
        sums: Sums::default(),
    }
}

/// 项目绩效目标表: a key-value form, 6 columns wide.
fn project_table(inputs: &Inputs, index: usize, p: &ProjectForm) -> Table {
    fn span(s: impl Into<CellText>, n: u16) -> Cell {
        Cell::Span {
            text: s.into(),
            colspan: n,
        }
    }
    let group = |s: &'static str| TableRow {
        kind: RowKind::Group,
        cells: vec![span(s, 6)],
    };
    let detail = |cells: Vec<Cell>| TableRow {
        kind: RowKind::Detail,
        cells,
    };
    let amount = |a: &crate::amount::Amount| match a.parsed() {
        Some(v) => canonical(v),
        None => a.text().to_string(),
    };
    let yes_no = |b: bool| if b { "是" } else { "否" };
    let unit = &inputs.unit;
    let mut rows = vec![
        detail(vec![span(
            format!(
                "填报单位（盖章）[{}]{}（{}）",
                unit.code,
                unit.short_name,
                unit.unit_type.label()
            ),
            6,
        )]),
        group("基本信息"),
        detail(vec![t("项目名称*"), span(p.name.clone(), 5)]),
        detail(vec![
            t("项目类型*"),
            t(p.project_type.clone()),
            t("资金用途*"),
            t(p.fund_use.clone()),
            t("政府采购*"),
            t(yes_no(p.procurement)),
        ]),
        detail(vec![
            t("项目负责人*"),
            t(p.manager.clone()),
            t("联系人*"),
            t(p.contact.clone()),
            t("联系电话*"),
            t(p.phone.clone()),
        ]),
        detail(vec![
            t("计划开始日期*"),
            span(p.start_date.clone(), 2),
            t("计划完成日期*"),
            span(p.end_date.clone(), 2),
        ]),
        detail(vec![
            t("项目当年预算（元）*"),
            span(amount(&p.budget_this_year), 2),
            t("项目上年预算（元）"),
            span(amount(&p.budget_last_year), 2),
        ]),
        detail(vec![
            t("项目是否追加追减*"),
            span(if p.adjusted { "1" } else { "0" }, 2),
            t("追加追减后金额（元）"),
            span(amount(&p.adjusted_amount), 2),
        ]),
    ];
    let links: Vec<String> = p
        .links
        .iter()
        .map(|l| {
            let name = catalog::function().name(l.code.trim()).unwrap_or("");
            format!("{} {}（{}）", l.code, name, l.source.label())
        })
        .collect();
    rows.push(detail(vec![
        t("资金来源（预算科目）"),
        span(links.join("；"), 5),
    ]));
    rows.push(group("详细信息"));
    for (label, text) in [
        ("项目概况*", &p.overview),
        ("立项依据*", &p.basis),
        ("项目设立的必要性*", &p.necessity),
        ("保证项目实施的制度、措施*", &p.measures),
        ("项目实施计划*", &p.plan),
        ("项目总目标*", &p.total_goal),
        ("年度绩效目标*", &p.annual_goal),
        ("需要说明的其他问题", &p.other_issues),
    ] {
        rows.push(detail(vec![t(label), span(text.clone(), 5)]));
    }
    rows.push(group("目标内容"));
    rows.push(TableRow {
        kind: RowKind::Subgroup,
        cells: [
            "一级指标",
            "二级指标",
            "三级指标",
            "目标值",
            "指标解释",
            "目标值说明",
        ]
        .into_iter()
        .map(t)
        .collect(),
    });
    for ind in &p.indicators {
        rows.push(detail(
            [
                &ind.level1,
                &ind.level2,
                &ind.level3,
                &ind.target,
                &ind.explanation,
                &ind.target_note,
            ]
            .into_iter()
            .map(|s| t(s.clone()))
            .collect(),
        ));
    }
    Table {
        id: format!("project{}", index + 1),
        number: "项目绩效目标表".to_string(),
        title: format!("{}年区级项目绩效目标表（{}）", unit.fiscal_year, p.name),
        unit: "单位：元".to_string(),
        header: Vec::new(),
        rows,
        note: None,
        sums: Sums::default(),
    }
}
