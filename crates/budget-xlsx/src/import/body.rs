//! The body of a sheet: detail lines become rows, subtotal lines are checked.

use std::str::FromStr;

use budget_core::Amount;
use budget_core::amount::{AmountError, canonical, format_yuan, parse_amount};
use budget_core::model::{BudgetRow, EconomicRow, ExpenditureType, FundingSource};
use budget_core::sheet_header::is_unsplit_appropriation;
use budget_core::totals::is_personnel;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use super::codes::{in_catalog, read_code, read_split_code};
use super::grid::{Grid, Raw};
use super::header::{Column, Header, Role, column_letter, normalize};
use super::{MatchedColumn, SheetImport, SheetShape};

/// A line that could not be read, or a subtotal that does not add up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SheetProblem {
    /// 1-based row of the sheet, as Excel numbers it.
    pub row: usize,
    /// What is wrong, in Chinese.
    pub message: String,
}

/// A subtotal line: 类, 款, or 合计 (empty prefix).
struct Subtotal {
    row: usize,
    prefix: String,
    name: String,
    values: Vec<Option<Decimal>>,
}

/// A detail line read in full.
struct Detail {
    code: String,
    values: Vec<Decimal>,
}

pub(crate) fn read_body(grid: &Grid, header: &Header) -> SheetImport {
    let amount_cols: Vec<&Column> = header
        .columns
        .iter()
        .filter(|c| c.role.is_amount())
        .collect();
    let code_col = header
        .columns
        .iter()
        .find(|c| matches!(c.role, Role::Code | Role::CodeAndName));
    let mut code_parts: Vec<&Column> = header
        .columns
        .iter()
        .filter(|c| matches!(c.role, Role::CodePart(_)))
        .collect();
    sort_once::sort_by_key(&mut code_parts, |c| match c.role {
        Role::CodePart(level) => level,
        _ => 0,
    });
    let name_col = header.column(Role::Name);
    let economic = header.shape == SheetShape::Economic;
    // The 类/款 of the line above, for a line that leaves them blank.
    let mut carried: Vec<String> = Vec::new();
    let detail_len = match header.shape {
        SheetShape::Economic => 5,
        _ => 7,
    };
    let group_lens: &[usize] = match header.shape {
        SheetShape::Economic => &[3],
        _ => &[3, 5],
    };
    let mut problems = Vec::new();
    let mut subtotals: Vec<Subtotal> = Vec::new();
    let mut details: Vec<Detail> = Vec::new();
    // Codes of detail lines left out for a bad figure: their groups cannot be checked.
    let mut rejected: Vec<String> = Vec::new();

    for r in header.body_start..grid.rows.len() {
        let row_no = r + 1;
        let read = if code_parts.is_empty() {
            Ok(read_code(grid, r, code_col, name_col))
        } else {
            read_split_code(grid, r, &code_parts, name_col, economic, &mut carried)
        };
        let has_amount = amount_cols.iter().any(|c| !grid.get(r, c.index).is_blank());
        let mut problem = |message: String| {
            problems.push(SheetProblem {
                row: row_no,
                message,
            })
        };
        let (code, name) = match read {
            Ok(read) => read,
            Err(broken) => {
                // One message for the line; its 类's subtotals are not checked.
                problem(broken.message);
                rejected.push(broken.class);
                continue;
            }
        };
        let is_total = [code.as_str(), name.as_str()]
            .iter()
            .any(|t| matches!(normalize(t).as_str(), "合计" | "总计"));
        if is_total {
            let values = read_values(grid, r, &amount_cols, "合计行", &mut problem);
            subtotals.push(Subtotal {
                row: row_no,
                prefix: String::new(),
                name: "合计".to_string(),
                values,
            });
            continue;
        }
        if code.is_empty() {
            if has_amount {
                problem(format!("此行有金额但没有科目编码{}，未导入", quoted(&name)));
            }
            continue;
        }
        if !code.bytes().all(|b| b.is_ascii_digit()) {
            if has_amount {
                problem(format!("科目编码“{code}”不是数字编码，此行未导入"));
            }
            continue;
        }
        let label = format!(
            "{code}{}",
            if name.is_empty() {
                String::new()
            } else {
                format!(" {name}")
            }
        );
        if group_lens.contains(&code.len()) {
            let level = if code.len() == 3 { "类" } else { "款" };
            let values = read_values(
                grid,
                r,
                &amount_cols,
                &format!("{label}（{level}）"),
                &mut problem,
            );
            subtotals.push(Subtotal {
                row: row_no,
                prefix: code,
                name: format!("{label}（{level}）"),
                values,
            });
            continue;
        }
        if code.len() != detail_len {
            let want = if detail_len == 5 {
                "经济分类科目编码应为 3 位（类）或 5 位（款）"
            } else {
                "功能分类科目编码应为 3 位（类）、5 位（款）或 7 位（项）"
            };
            let hint = if code.len() + 1 == detail_len || group_lens.contains(&(code.len() + 1)) {
                "（可能是开头的 0 被去掉了，如“301 2”应为“301 02”）"
            } else {
                ""
            };
            problem(format!(
                "科目编码“{code}”有 {} 位，{want}{hint}；此行未导入",
                code.len()
            ));
            // Its 类 and 合计 cannot be checked without it: no message for them.
            rejected.push(code.chars().take(3).collect());
            continue;
        }
        let values = read_values(grid, r, &amount_cols, &label, &mut problem);
        let Some(values) = values.into_iter().collect::<Option<Vec<Decimal>>>() else {
            rejected.push(code);
            continue;
        };
        if let Some(msg) = row_total_mismatch(&amount_cols, &values) {
            problem(format!("{label}：{msg}；此行未导入"));
            rejected.push(code);
            continue;
        }
        if header.shape == SheetShape::Economic
            && let Some(msg) = personnel_split(&code, &amount_cols, &values)
        {
            problem(format!("{label}：{msg}"));
        }
        if !in_catalog(&code, economic) {
            let which = if economic {
                "支出经济分类"
            } else {
                "支出功能分类"
            };
            problem(format!(
                "科目编码“{code}”不在{which}科目表中（名称为空），请核对编码；此行仍按原编码导入"
            ));
        }
        details.push(Detail { code, values });
    }

    for s in &subtotals {
        check_subtotal(s, &details, &rejected, &amount_cols, &mut problems);
    }
    for c in &amount_cols {
        let leaf = c.label.rsplit('/').next().unwrap_or("");
        if matches!(c.role, Role::Source(_)) && is_unsplit_appropriation(leaf) {
            problems.push(SheetProblem {
                row: header.body_start,
                message: format!(
                    "“{}”列（{} 列）未分一般公共预算、政府性基金和国有资本经营预算，已按“一般公共预算拨款”导入；如含其他财政拨款，请导入后在预算明细中改正收入来源",
                    c.label,
                    column_letter(c.index)
                ),
            });
        }
    }
    sort_once::sort_by_key(&mut problems, |p| p.row);

    let mut budget_rows = Vec::new();
    let mut economic_rows = Vec::new();
    for d in &details {
        match header.shape {
            SheetShape::Economic => {
                let amount = economic_amount(&amount_cols, &d.values);
                if !amount.is_zero() {
                    economic_rows.push(EconomicRow {
                        code: d.code.clone(),
                        amount: Amount::from_decimal(amount),
                    });
                }
            }
            SheetShape::GeneralBudget => general_rows(d, &amount_cols, &mut budget_rows),
            SheetShape::Income | SheetShape::Expenditure => {
                for (col, v) in amount_cols.iter().zip(&d.values) {
                    let (source, kind) = match col.role {
                        Role::Source(s) => (s, ExpenditureType::Basic),
                        Role::Type(t) => (FundingSource::GeneralBudget, t),
                        _ => continue,
                    };
                    if !v.is_zero() {
                        budget_rows.push(BudgetRow {
                            code: d.code.clone(),
                            source,
                            kind,
                            this_year: Amount::from_decimal(*v),
                            last_year: Amount::default(),
                            unparsed: Default::default(),
                        });
                    }
                }
            }
        }
    }
    SheetImport {
        shape: header.shape,
        sheet: grid.name.clone(),
        columns: header
            .columns
            .iter()
            .map(|c| MatchedColumn {
                column: column_letter(c.index),
                header: c.label.clone(),
                meaning: meaning(c.role).to_string(),
            })
            .collect(),
        budget_rows,
        economic_rows,
        problems,
        skipped_subtotals: subtotals.len(),
    }
}

fn quoted(name: &str) -> String {
    if name.is_empty() {
        String::new()
    } else {
        format!("（{name}）")
    }
}

/// The amounts of a line; a cell that cannot be read is reported and is None.
fn read_values(
    grid: &Grid,
    r: usize,
    cols: &[&Column],
    what: &str,
    problem: &mut dyn FnMut(String),
) -> Vec<Option<Decimal>> {
    cols.iter()
        .map(|c| match amount_of(grid.get(r, c.index)) {
            Ok(v) => Some(v),
            Err(reason) => {
                problem(format!(
                    "{what}的“{}”（{} 列）：{reason}；此行未导入",
                    c.label,
                    column_letter(c.index)
                ));
                None
            }
        })
        .collect()
}

/// An amount cell: a number as it is, a text through the clerk's amount parser.
fn amount_of(cell: &Raw) -> Result<Decimal, String> {
    match cell {
        Raw::Empty => Ok(Decimal::ZERO),
        Raw::Text(s) => parse_amount(s).map_err(|e| e.to_string()),
        Raw::Number(f) => number_amount(*f).map_err(|e| e.to_string()),
        Raw::Other(what) => Err(format!("单元格是“{what}”，不是金额")),
    }
}

/// A number cell as an exact amount: the shortest decimal that reads back as the
/// same double, which must have at most 2 decimals (up to binary noise).
fn number_amount(f: f64) -> Result<Decimal, AmountError> {
    let text = format!("{f}");
    if !f.is_finite() {
        return Err(AmountError::NotANumber(text));
    }
    let exact = Decimal::from_str(&text).map_err(|_| AmountError::TooLarge(text.clone()))?;
    let cents = exact.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    if (exact - cents).abs() > Decimal::new(1, 6) {
        return Err(AmountError::TooManyDecimals(text));
    }
    // The same limits as typed amounts (negative, too large).
    parse_amount(&canonical(cents)).map_err(|e| match e {
        AmountError::Negative(_) => AmountError::Negative(text.clone()),
        AmountError::TooLarge(_) => AmountError::TooLarge(text.clone()),
        other => other,
    })
}

/// 合计/小计 of a line against the sum of its other amount columns.
fn row_total_mismatch(cols: &[&Column], values: &[Decimal]) -> Option<String> {
    let total_at = cols.iter().position(|c| c.role == Role::Total)?;
    let parts: Vec<usize> = cols
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            matches!(
                c.role,
                Role::Type(_) | Role::Source(_) | Role::Personnel | Role::Public
            )
        })
        .map(|(i, _)| i)
        .collect();
    if parts.is_empty() {
        return None;
    }
    let sum: Decimal = parts.iter().map(|&i| values[i]).sum();
    let stated = values[total_at];
    if sum == stated {
        return None;
    }
    let names: Vec<&str> = parts.iter().map(|&i| cols[i].label.as_str()).collect();
    Some(format!(
        "“{}”为 {}，而{}之和为 {}，相差 {}",
        cols[total_at].label,
        format_yuan(stated),
        names.join("、"),
        format_yuan(sum),
        format_yuan(stated - sum)
    ))
}

/// A 表3 line whose 人员/公用 split disagrees with the economic code.
fn personnel_split(code: &str, cols: &[&Column], values: &[Decimal]) -> Option<String> {
    let value = |role: Role| -> Decimal {
        cols.iter()
            .zip(values)
            .filter(|(c, _)| c.role == role)
            .map(|(_, v)| *v)
            .sum()
    };
    let (wrong, right) = if is_personnel(code) {
        (Role::Public, "人员经费")
    } else {
        (Role::Personnel, "公用经费")
    };
    let misplaced = value(wrong);
    if misplaced.is_zero() {
        return None;
    }
    Some(format!(
        "按经济分类此科目属于{right}，但另一列有 {}；已按合计导入，表3 将把它列入{right}",
        format_yuan(misplaced)
    ))
}

fn economic_amount(cols: &[&Column], values: &[Decimal]) -> Decimal {
    match cols.iter().position(|c| c.role == Role::Total) {
        Some(i) => values[i],
        None => cols
            .iter()
            .zip(values)
            .filter(|(c, _)| matches!(c.role, Role::Personnel | Role::Public))
            .map(|(_, v)| *v)
            .sum(),
    }
}

/// 表2 line → 一般公共预算 rows: 基本 and 项目 this year; last year on one of them.
fn general_rows(d: &Detail, cols: &[&Column], out: &mut Vec<BudgetRow>) {
    let sum = |pred: &dyn Fn(Role) -> bool| -> Decimal {
        cols.iter()
            .zip(&d.values)
            .filter(|(c, _)| pred(c.role))
            .map(|(_, v)| *v)
            .sum()
    };
    let basic = sum(&|r| r == Role::Type(ExpenditureType::Basic));
    let project = sum(&|r| r == Role::Type(ExpenditureType::Project));
    let last = sum(&|r| r == Role::LastYear);
    let row = |kind, this: Decimal, last: Decimal| BudgetRow {
        code: d.code.clone(),
        source: FundingSource::GeneralBudget,
        kind,
        this_year: Amount::from_decimal(this),
        last_year: if last.is_zero() {
            Amount::default()
        } else {
            Amount::from_decimal(last)
        },
        unparsed: Default::default(),
    };
    if !basic.is_zero() || (project.is_zero() && !last.is_zero()) {
        out.push(row(ExpenditureType::Basic, basic, last));
        if !project.is_zero() {
            out.push(row(ExpenditureType::Project, project, Decimal::ZERO));
        }
    } else if !project.is_zero() {
        out.push(row(ExpenditureType::Project, project, last));
    }
}

/// A 类/款/合计 line against the sum of the detail lines under it.
fn check_subtotal(
    s: &Subtotal,
    details: &[Detail],
    rejected: &[String],
    cols: &[&Column],
    problems: &mut Vec<SheetProblem>,
) {
    if rejected
        .iter()
        .any(|c| c.starts_with(&s.prefix) || s.prefix.starts_with(c.as_str()))
    {
        // A line under it was left out; its own problem says why.
        return;
    }
    let name = if s.prefix.is_empty() {
        "合计行"
    } else {
        s.name.as_str()
    };
    for (i, col) in cols.iter().enumerate() {
        let Some(stated) = s.values.get(i).copied().flatten() else {
            continue;
        };
        let computed: Decimal = details
            .iter()
            .filter(|d| d.code.starts_with(&s.prefix))
            .map(|d| d.values[i])
            .sum();
        if stated != computed {
            problems.push(SheetProblem {
                row: s.row,
                message: format!(
                    "{name}的“{}”（{} 列）为 {}，其下明细行合计为 {}，相差 {}",
                    col.label,
                    column_letter(col.index),
                    format_yuan(stated),
                    format_yuan(computed),
                    format_yuan(stated - computed)
                ),
            });
        }
    }
}

fn meaning(role: Role) -> String {
    match role {
        Role::Code => "科目编码".to_string(),
        Role::CodeAndName => "科目（编码与名称）".to_string(),
        Role::CodePart(level) => match level {
            0 => "科目编码（类）".to_string(),
            1 => "科目编码（款）".to_string(),
            _ => "科目编码（项）".to_string(),
        },
        Role::Name => "科目名称".to_string(),
        Role::Total => "合计（只用于核对）".to_string(),
        Role::LastYear => "上年预算数".to_string(),
        Role::Source(s) => format!("收入来源：{}", s.label()),
        Role::Type(t) => format!("支出类型：{}", t.label()),
        Role::Personnel => "人员经费".to_string(),
        Role::Public => "公用经费".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_become_exact_amounts() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(number_amount(11906397.06), Ok(d("11906397.06")));
        assert_eq!(number_amount(0.1 + 0.2), Ok(d("0.30")));
        assert_eq!(number_amount(0.0), Ok(d("0")));
        assert!(matches!(
            number_amount(1.234),
            Err(AmountError::TooManyDecimals(_))
        ));
        assert!(matches!(number_amount(-5.0), Err(AmountError::Negative(_))));
        assert!(matches!(number_amount(1e15), Err(AmountError::TooLarge(_))));
        assert!(matches!(
            number_amount(f64::NAN),
            Err(AmountError::NotANumber(_))
        ));
    }
}
