//! The figures a narrative can name, read from the tables (元).

use rust_decimal::Decimal;

use crate::tables::{Kind, Table};

/// A figure of this year and, when a table prints it, of last year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fact {
    pub this: Decimal,
    pub last: Option<Decimal>,
}

/// The named figures of a document.
#[derive(Debug, Default)]
pub struct Facts {
    /// 收入总计 of the 部门 (all sources).
    pub total: Option<Fact>,
    /// 收入总计 of the 财政拨款收支总表, and its 一般公共预算 line.
    pub fiscal: Option<Fact>,
    pub general: Option<Fact>,
    pub basic: Option<Fact>,
    pub project: Option<Fact>,
    /// 功能分类 类 by name.
    pub classes: Vec<(String, Fact)>,
    /// 功能分类 项 by 款 name and 项 name (`财政事务/行政运行`); a key
    /// printed with two different figures is dropped (`None`).
    pub items: Vec<(String, Option<Fact>)>,
    /// “三公”: 合计, 因公出国（境）, 公务用车购置及运行, 购置, 运行, 公务接待.
    pub three_costs: Option<[Fact; 6]>,
    /// 政府采购: 合计, 货物, 工程, 服务.
    pub procurement: Option<[Fact; 4]>,
}

fn fact(this: Decimal) -> Fact {
    Fact { this, last: None }
}

/// Gather the named figures.
pub fn gather(tables: &[Table]) -> Facts {
    let mut f = Facts::default();
    for t in tables {
        match t.kind {
            Kind::TwoSided => {
                let first = |pred: &dyn Fn(&str) -> bool| {
                    t.rows
                        .iter()
                        .find(|r| pred(r.label()))
                        .map(|r| fact(r.cells().first().map_or(Decimal::ZERO, |c| c.value)))
                };
                let total = first(&|l| l.contains("收入总计") || l.contains("收入总数"));
                if t.title.contains("财政拨款") {
                    f.fiscal = f.fiscal.or(total);
                    f.general = f.general.or_else(|| first(&|l| l.contains("一般公共预算")));
                } else {
                    f.total = f.total.or(total);
                }
            }
            Kind::General { .. } | Kind::Expense | Kind::Income => function(t, &mut f),
            Kind::ThreeCosts => {
                if let Some(r) = t.rows.first().filter(|r| t.placed(r)) {
                    let at = |c| r.at(c).unwrap_or_default();
                    f.three_costs = Some([0, 1, 2, 3, 4, 5].map(|i| Fact {
                        this: at(i + 6),
                        last: Some(at(i)),
                    }));
                }
            }
            Kind::Procurement => {
                let by = |name: &str| {
                    t.rows
                        .iter()
                        .find(|r| r.label().contains(name))
                        .and_then(|r| r.at(0))
                        .unwrap_or_default()
                };
                f.procurement = Some(["合计", "货物", "工程", "服务"].map(|n| fact(by(n))));
            }
            _ => {}
        }
    }
    // 重庆 表2 prints last year's 一般公共预算 total: the 财政拨款 and 部门
    // totals' last year when they equal this year's 一般公共预算.
    if let Some(last) = last_year_total(tables) {
        let general = f.general.map(|g| g.this);
        for t in [&mut f.total, &mut f.fiscal, &mut f.general]
            .into_iter()
            .flatten()
        {
            if Some(t.this) == general {
                t.last = Some(last);
            }
        }
    }
    f
}

fn last_year_total(tables: &[Table]) -> Option<Decimal> {
    let t = tables.iter().find(|t| t.kind.last_col().is_some())?;
    t.total_row()
        .filter(|r| t.placed(r))?
        .at(t.kind.last_col()?)
}

fn function(t: &Table, f: &mut Facts) {
    let this = t.kind.this_col();
    let last = t.kind.last_col();
    let placed_fact = |r: &crate::row::Row| {
        r.at(this).map(|v| Fact {
            this: v,
            last: last.and_then(|c| t.placed(r).then(|| r.at(c)).flatten()),
        })
    };
    if let (Some(r), Some((b, p))) = (t.total_row(), t.kind.basic_project())
        && t.placed(r)
        && f.basic.is_none()
    {
        f.basic = r.at(b).map(fact);
        f.project = r.at(p).map(fact);
    }
    for r in &t.rows {
        let Some(code) = r.code.as_deref() else {
            continue;
        };
        let Some(v) = placed_fact(r) else { continue };
        match code.len() {
            3 => match f.classes.iter_mut().find(|(n, _)| n == r.label()) {
                // Keep the figure with last year's when a later table has it.
                Some((_, old)) if old.this == v.this && old.last.is_none() => *old = v,
                Some(_) => {}
                None => f.classes.push((r.label().to_string(), v)),
            },
            7 => {
                let kuan = t.by_code(&code[..5]).map_or("", |k| k.label());
                let key = format!("{kuan}/{}", r.label());
                match f.items.iter_mut().find(|(n, _)| *n == key) {
                    Some((_, old)) if old.is_some_and(|o| o.this != v.this) => *old = None,
                    Some(_) => {}
                    None => f.items.push((key, Some(v))),
                }
            }
            _ => {}
        }
    }
}
