//! Next year's form from last year's (从上年文件新建): last year's 本年
//! figures become the 上年 column, what describes the unit and its work is
//! carried as a draft, and this year's figures are left blank for the clerk.
//!
//! Carried:
//! - 预算明细: one row per code · source · type whose 本年 is not blank or
//!   zero, in the order of last year's rows, its 本年 as the new 上年 (rows
//!   that meet on one code after mapping are summed); 本年 blank.
//! - 经济分类 rows: their codes (the form has no 上年 column there), amounts blank.
//! - 三公 and 机关运行经费: last year's 本年 as the new 上年; 本年 blank.
//! - 单位信息 (the year set), 职能职责, 单位构成, 部门整体绩效目标 and its
//!   indicators, the project forms (本年 as 上年预算, links mapped, 本年 blank,
//!   no 追加追减), 机关运行经费 use and vehicles held.
//! - Not carried: 政府采购 (the form shows no 上年 there), reasons, 重点工作,
//!   vehicles to buy and the explanations of warnings, which belong to a year.
//!
//! Codes are carried through the year-to-year mapping tables
//! (`catalog::mapping`) from the catalog of last year's form to that of the
//! new year; a code that cannot be carried keeps its row (and its 上年
//! figure) and is listed in [`NextYear::unmapped`], never dropped.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::amount::Amount;
use crate::catalog::{Catalog, Choice, for_year, mapping};
use crate::model::{
    BudgetRow, EconomicRow, Inputs, NarrativeInputs, ProjectForm, SanGong, Vehicles,
};

/// Next year's form, and what could not be carried as it was.
#[derive(Debug, Clone, PartialEq)]
pub struct NextYear {
    /// The new form: 上年 filled, 本年 blank.
    pub inputs: Inputs,
    /// Codes that have no known successor in the new year's catalog, in the
    /// order of the new form.
    pub unmapped: Vec<Unmapped>,
}

/// A code that could not be carried into the new year's catalog: its row is
/// kept with the old code (so COD-001/002 asks for a new one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmapped {
    /// Where in the new form, e.g. `rows[3].code`.
    pub path: String,
    /// The code as last year's form had it.
    pub code: String,
    /// Its name in last year's catalog, when known.
    pub name: Option<String>,
    /// The amount it carries into the 上年 column (元), when it carries one.
    pub amount: Option<Decimal>,
}

impl std::fmt::Display for Unmapped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.code)?;
        if let Some(name) = &self.name {
            write!(f, " {name}")?;
        }
        if let Some(v) = self.amount {
            write!(f, "（上年 {} 元）", crate::amount::format_yuan(v))?;
        }
        write!(f, "：新年度目录中没有对应科目（位置：{}）", self.path)
    }
}

/// Next year's form of `inputs` for fiscal `year`, against the built-in
/// catalogs.
pub fn next_year(inputs: &Inputs, year: i32) -> NextYear {
    next_year_in(inputs, year, Choice::Builtin)
}

/// [`next_year`] with the new year's codes judged by the catalogs `choice`
/// gives for it (a bureau's, when loaded).
pub fn next_year_in(inputs: &Inputs, year: i32, choice: Choice<'_>) -> NextYear {
    let from = for_year(u32::try_from(inputs.unit.fiscal_year).unwrap_or(0)).0;
    let target = choice.for_year(year);
    let to_year = for_year(u32::try_from(year).unwrap_or(0)).0.year();
    let mut carry = Carry {
        from_year: from.year(),
        to_year,
        function: (from.function(), target.function()),
        economic: (from.economic(), target.economic()),
        unmapped: Vec::new(),
    };
    let mut out = Inputs {
        unit: inputs.unit.clone(),
        overall_performance: inputs.overall_performance.clone(),
        ..Inputs::default()
    };
    out.unit.fiscal_year = year;
    out.rows = carry.rows(&inputs.rows);
    out.economic_rows = carry.economic_rows(&inputs.economic_rows);
    out.sangong = SanGong {
        last_year: inputs.sangong.this_year.clone(),
        ..SanGong::default()
    };
    out.projects = inputs
        .projects
        .iter()
        .enumerate()
        .map(|(i, p)| carry.project(i, p))
        .collect();
    let n = &inputs.narrative;
    out.narrative = NarrativeInputs {
        running_cost_last_year: n.running_cost_this_year.clone(),
        running_cost_use: n.running_cost_use.clone(),
        vehicles_held: n.vehicles_held,
        vehicles_to_buy: Vehicles::default(),
        ..NarrativeInputs::default()
    };
    // Refused text of the whole-number fields carried (not the year's).
    out.unparsed = sort_once::btree_map(
        inputs
            .unparsed
            .iter()
            .filter(|(path, _)| path.as_str() != "unit.fiscal_year" && !path.contains("to_buy"))
            .map(|(k, v)| (k.clone(), v.clone())),
    );
    NextYear {
        inputs: out,
        unmapped: carry.unmapped,
    }
}

/// The state of one carry: the catalogs on both sides and what failed.
struct Carry<'a> {
    from_year: u32,
    to_year: u32,
    /// (last year's, the new year's) 支出功能分类 catalogs.
    function: (&'a Catalog, &'a Catalog),
    /// (last year's, the new year's) 经济分类 catalogs.
    economic: (&'a Catalog, &'a Catalog),
    unmapped: Vec<Unmapped>,
}

impl Carry<'_> {
    /// The new year's code for `code` (blank stays blank), or `None`.
    fn map(&self, code: &str, to: &Catalog) -> Option<String> {
        let code = code.trim();
        if code.is_empty() {
            return Some(String::new());
        }
        mapping::carry(code, self.from_year, self.to_year, to)
    }

    /// The new year's code for `code`, or `code` itself listed as unmapped.
    fn code(
        &mut self,
        code: &str,
        (from, to): (&Catalog, &Catalog),
        path: String,
        amount: Option<Decimal>,
    ) -> String {
        self.map(code, to).unwrap_or_else(|| {
            let code = code.trim().to_string();
            self.unmapped.push(Unmapped {
                path,
                name: from.name(&code).map(str::to_string),
                code: code.clone(),
                amount,
            });
            code
        })
    }

    fn rows(&mut self, rows: &[BudgetRow]) -> Vec<BudgetRow> {
        let mut out: Vec<BudgetRow> = Vec::new();
        // (code, source, type) → index in `out`
        let mut at: BTreeMap<(String, _, _), usize> = BTreeMap::new();
        // A blank or zero 本年 carries nothing; invalid text is carried as typed.
        let carried = rows.iter().filter(|r| {
            !r.this_year.text().trim().is_empty() && r.this_year.parsed() != Some(Decimal::ZERO)
        });
        for r in carried {
            let amount = r.this_year.parsed();
            let mapped = self.map(&r.code, self.function.1);
            // Two codes that became one: their figures are summed, when valid.
            if let Some(code) = &mapped
                && let Some(&i) = at.get(&(code.clone(), r.source, r.kind))
                && let (Some(a), Some(b)) = (out[i].last_year.parsed(), amount)
            {
                out[i].last_year = Amount::from_decimal(a + b);
                continue;
            }
            let path = format!("rows[{}].code", out.len());
            let code = match mapped {
                Some(code) => code,
                None => self.code(&r.code, self.function, path, amount),
            };
            at.insert((code.clone(), r.source, r.kind), out.len());
            out.push(BudgetRow {
                code,
                source: r.source,
                kind: r.kind,
                this_year: Amount::default(),
                last_year: r.this_year.normalized(),
                unparsed: r.unparsed.clone(),
            });
        }
        out
    }

    fn economic_rows(&mut self, rows: &[EconomicRow]) -> Vec<EconomicRow> {
        rows.iter()
            .enumerate()
            .map(|(i, e)| EconomicRow {
                code: self.code(
                    &e.code,
                    self.economic,
                    format!("economic_rows[{i}].code"),
                    None,
                ),
                amount: Amount::default(),
            })
            .collect()
    }

    fn project(&mut self, index: usize, p: &ProjectForm) -> ProjectForm {
        let mut links = p.links.clone();
        for (j, link) in links.iter_mut().enumerate() {
            let path = format!("projects[{index}].links[{j}].code");
            link.code = self.code(&link.code, self.function, path, None);
        }
        ProjectForm {
            budget_this_year: Amount::default(),
            budget_last_year: p.budget_this_year.normalized(),
            adjusted: false,
            adjusted_amount: Amount::default(),
            links,
            ..p.clone()
        }
    }
}

#[cfg(test)]
mod tests;
