//! A block pasted with its header line(s), as clerks copy a sheet
//! (科目编码 / 科目名称 / 2024年预算数 / 小计 / 基本支出 / 项目支出 …): its
//! columns are named by the core's `sheet_header` (the matcher of 导入表格)
//! and the block is rewritten as whole rows of the grid, in the grid's
//! column order, before the paste writes them. A 表2-shaped line (基本支出
//! and 项目支出 side by side) becomes one row per type, with last year's
//! figure on its 基本支出 row, as 导入表格 reads it; a code split over 类/款/项
//! columns (上海's three-line header) goes into the code column whole; 合计
//! lines are left out here, 类/款 lines by the paste.

use budget_core::Amount;
use budget_core::catalog::InForce;
use budget_core::model::{ExpenditureType, FundingSource};
use budget_core::sheet_header::{self, Role, is_code_label, normalize, role_of, year_in};

use super::column::{Kind, code_of};

/// A grid column as the matcher sees it.
pub struct Col {
    /// Field name in the JSON path (`source`, `this_year`); empty when derived.
    pub key: &'static str,
    /// Header text.
    pub header: &'static str,
    /// Kind.
    pub kind: Kind,
}

/// A block read by its header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FromSheet {
    /// Rows in the grid's column order, from its first column.
    pub block: Vec<Vec<String>>,
    /// What each header was read as: `2024年预算数→上年预算数`.
    pub matched: Vec<String>,
    /// 合计 lines left out.
    pub totals: usize,
}

/// The most header lines a copied sheet has.
const MAX_HEADER_LINES: usize = 4;

/// A line of the body: a code (3, 5 or 7 digits, however written) or 合计 in
/// one of its first three cells.
fn is_body(line: &[String]) -> bool {
    let coded = line.iter().take(3).any(|t| {
        let code = code_of(t);
        matches!(code.len(), 3 | 5 | 7) && code.bytes().all(|b| b.is_ascii_digit())
    });
    // 合计 heads a column in a header line too; there it sits beside 编码/名称.
    let total_line = line.iter().take(2).any(|t| is_total(t))
        && !line
            .iter()
            .any(|t| is_code_label(t) || normalize(t).contains("名称"));
    coded || total_line
}

fn is_total(text: &str) -> bool {
    matches!(normalize(text).as_str(), "合计" | "总计")
}

/// True when the block starts with a header: a cell among the first four of
/// one of its header lines names the code column, or names a column of the
/// grid (上海's header names the code on its second line, under `项目`).
pub fn headed(cols: &[Col], block: &[Vec<String>]) -> bool {
    block
        .iter()
        .take(MAX_HEADER_LINES)
        .take_while(|line| !is_body(line))
        .any(|line| {
            line.iter().take(4).any(|t| {
                is_code_label(t)
                    || cols
                        .iter()
                        .any(|c| c.editable() && normalize(t) == normalize(c.header))
            })
        })
}

impl Col {
    fn editable(&self) -> bool {
        !matches!(self.kind, Kind::Name(_))
    }
}

/// The year a header's figures are for when the form does not say yet (a new
/// form): the year after the one year it names, when that year heads a column
/// of its own beside undated 小计/基本支出/项目支出 ones (表2 copied as one
/// line: `2024年预算数` is then last year's).
fn this_year(lines: &[Vec<String>]) -> Option<i32> {
    let years: Vec<i32> = lines.iter().flatten().filter_map(|t| year_in(t)).collect();
    let year = *years.first()?;
    let split = lines.iter().flatten().any(|t| {
        year_in(t).is_none()
            && matches!(
                role_of(std::slice::from_ref(t), None),
                Some(Role::Total | Role::Type(_))
            )
    });
    (lines.len() == 1 && split && years.iter().all(|y| *y == year)).then_some(year + 1)
}

/// A figure the line holds: anything but blank or zero (invalid text is
/// kept, for the clerk to see).
fn has_figure(text: &str) -> bool {
    !text.trim().is_empty() && Amount::from_text(text.trim()).parsed() != Some(0.into())
}

/// Where each header column goes.
enum Target {
    /// Into grid column `c`.
    Col(usize),
    /// An amount of one 支出类型 (表2, 表8: `kind`) or one 收入来源 (表7:
    /// `source`): a row per such column with a figure.
    Split {
        kind: &'static str,
        source: &'static str,
    },
}

/// Set column `col` of `row` to `value`, or to `default` when `value` is
/// empty and the cell is blank.
fn fill(row: &mut [String], col: Option<usize>, value: &str, default: &str) {
    if let Some(cell) = col.and_then(|c| row.get_mut(c)) {
        if !value.is_empty() {
            *cell = value.to_string();
        } else if cell.trim().is_empty() {
            *cell = default.to_string();
        }
    }
}

/// `block` rewritten by its header as rows of the grid, or `None` when it has
/// no header or the header names none of the grid's columns. `form_year`
/// tells last year's column when the header names one year only; `cats` (the
/// catalogs in force) tells a 类/款 line.
pub fn from_sheet(
    cols: &[Col],
    block: &[Vec<String>],
    form_year: Option<i32>,
    cats: &InForce,
) -> Option<FromSheet> {
    if !headed(cols, block) {
        return None;
    }
    let lines = block
        .iter()
        .take(MAX_HEADER_LINES)
        .take_while(|l| !is_body(l))
        .count();
    if lines == block.len() {
        // A header alone (or a text typed into one cell): pasted as it stands.
        return None;
    }
    let header = sheet_header::match_columns(
        block[..lines].to_vec(),
        form_year.or_else(|| this_year(&block[..lines])),
    );
    let key = |k: &str| cols.iter().position(|c| c.key == k);
    let code_col = cols.iter().position(|c| matches!(c.kind, Kind::Code(_)))?;
    let main_amount = cols
        .iter()
        .position(|c| c.kind == Kind::Amount && c.key != "last_year");
    let (source_col, kind_col, last_col) = (key("source"), key("kind"), key("last_year"));
    // A code split over 类/款/项 columns goes into the code column whole.
    let code_parts: Vec<usize> = header
        .columns
        .iter()
        .filter(|c| matches!(c.role, Role::CodePart(_)))
        .map(|c| c.index)
        .collect();
    let mut targets: Vec<(usize, Target)> = Vec::new();
    let mut matched = Vec::new();
    for (j, parts) in header.parts.iter().enumerate() {
        let Some(leaf) = parts.last() else { continue };
        // The grid's own header first (收入来源, 支出类型, 本年预算数…).
        let own = cols
            .iter()
            .position(|c| c.editable() && normalize(c.header) == normalize(leaf));
        let role = header.columns.iter().find(|c| c.index == j).map(|c| c.role);
        let (target, to, what) = match (own, role) {
            (Some(c), _) => (Target::Col(c), Some(c), ""),
            (None, Some(Role::Code | Role::CodeAndName | Role::CodePart(0))) => {
                (Target::Col(code_col), Some(code_col), "")
            }
            (None, Some(Role::LastYear)) if last_col.is_some() => {
                (Target::Col(last_col?), last_col, "")
            }
            (None, Some(Role::Total)) if main_amount.is_some() => {
                (Target::Col(main_amount?), main_amount, "")
            }
            (None, Some(Role::Type(t))) if main_amount.is_some() && kind_col.is_some() => (
                Target::Split {
                    kind: t.label(),
                    source: "",
                },
                kind_col,
                t.label(),
            ),
            (None, Some(Role::Source(s))) if main_amount.is_some() && source_col.is_some() => {
                let label = s.short_label();
                (
                    Target::Split {
                        kind: "",
                        source: label,
                    },
                    source_col,
                    label,
                )
            }
            _ => continue,
        };
        // What the clerk is told: `2024年预算数→上年预算数`, `基本支出→支出类型（基本支出）`.
        let mut to = to.map_or("", |c| cols[c].header).to_string();
        if !what.is_empty() {
            to.push('（');
            to.push_str(what);
            to.push('）');
        }
        let from = parts.join("/");
        if normalize(&from) != normalize(&to) {
            to.insert(0, '→');
            to.insert_str(0, &from);
        }
        matched.push(to);
        targets.push((j, target));
    }
    // Nothing to rewrite without a code column.
    if !targets
        .iter()
        .any(|(_, t)| matches!(t, Target::Col(c) if *c == code_col))
    {
        return None;
    }
    let split_by = targets
        .iter()
        .any(|(_, t)| matches!(t, Target::Split { .. }));
    let cell = |line: &Vec<String>, j: usize| line.get(j).cloned().unwrap_or_default();
    let (basic, general) = (
        ExpenditureType::Basic.label(),
        FundingSource::GeneralBudget.short_label(),
    );
    let mut out = Vec::new();
    let mut totals = 0;
    for line in &block[lines..] {
        if line.iter().all(|t| t.trim().is_empty()) {
            continue;
        }
        if line.iter().take(3).any(|t| is_total(t)) {
            totals += 1;
            continue;
        }
        // The cells that go straight into a grid column.
        let mut row = vec![String::new(); cols.len()];
        for (j, t) in &targets {
            if let Target::Col(c) = t {
                row[*c] = cell(line, *j);
            }
        }
        if !code_parts.is_empty() {
            // `201 06 01`, as the code column reads it (`201` on a 类 line).
            let parts: Vec<String> = code_parts
                .iter()
                .map(|&j| cell(line, j).trim().to_string())
                .filter(|t| !t.is_empty())
                .collect();
            row[code_col] = parts.join(" ");
        }
        let is_subtotal = match cols[code_col].kind {
            Kind::Code(cat) => cat.is_subtotal(cats, &code_of(&row[code_col])),
            _ => false,
        };
        let Some(this) = main_amount.filter(|_| split_by && !is_subtotal) else {
            // One row as it stands (a 类/款 line: the paste leaves it out).
            out.push(row);
            continue;
        };
        // One row per type (or source) column with a figure.
        let mut split: Vec<Vec<String>> = Vec::new();
        for (j, t) in &targets {
            let Target::Split { kind, source } = t else {
                continue;
            };
            let text = cell(line, *j);
            if has_figure(&text) {
                let mut r = row.clone();
                r[this] = text;
                fill(&mut r, kind_col, kind, basic);
                fill(&mut r, source_col, source, general);
                split.push(r);
            }
        }
        // Last year's figure goes on one row only: the 基本支出 one if any,
        // else the first; a line with last year's figure alone is one
        // 基本支出 row.
        if let Some(last) = last_col {
            let keep = kind_col
                .and_then(|k| split.iter().position(|r| r[k] == basic))
                .unwrap_or(0);
            for (n, r) in split.iter_mut().enumerate() {
                if n != keep {
                    r[last].clear();
                }
            }
            if split.is_empty() && has_figure(&row[last]) {
                fill(&mut row, kind_col, basic, basic);
                fill(&mut row, source_col, "", general);
                split.push(row);
            }
        }
        out.extend(split);
    }
    Some(FromSheet {
        block: out,
        matched,
        totals,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::column::Catalogue;

    const SOURCES: &[&str] = &[];

    fn cols() -> Vec<Col> {
        vec![
            Col {
                key: "code",
                header: "功能科目编码",
                kind: Kind::Code(Catalogue::Function),
            },
            Col {
                key: "",
                header: "科目名称",
                kind: Kind::Name(Catalogue::Function),
            },
            Col {
                key: "source",
                header: "收入来源",
                kind: Kind::Choice(SOURCES),
            },
            Col {
                key: "kind",
                header: "支出类型",
                kind: Kind::Choice(SOURCES),
            },
            Col {
                key: "this_year",
                header: "本年预算数",
                kind: Kind::Amount,
            },
            Col {
                key: "last_year",
                header: "上年预算数",
                kind: Kind::Amount,
            },
        ]
    }

    fn block(lines: &[&str]) -> Vec<Vec<String>> {
        lines
            .iter()
            .map(|l| l.split('\t').map(str::to_string).collect())
            .collect()
    }

    fn rows(got: &FromSheet) -> Vec<String> {
        got.block.iter().map(|r| r.join("|")).collect()
    }

    #[test]
    fn a_table2_block_with_its_header_becomes_rows_by_type() {
        let b = block(&[
            "科目编码\t科目名称\t2024年预算数\t小计\t基本支出\t项目支出",
            "合计\t\t9,000.00\t8,000.00\t6,000.00\t2,000.00",
            "205\t教育支出\t9,000.00\t8,000.00\t6,000.00\t2,000.00",
            "2050101\t行政运行\t7,000.00\t6,000.00\t6,000.00\t",
            "2050102\t一般行政管理事务\t2,000.00\t2,000.00\t0.00\t2,000.00",
            "2050199\t其他教育管理事务支出\t500.00\t\t\t",
            "2050201\t学前教育\t\t300.00\t100.00\t200.00",
        ]);
        let got = from_sheet(&cols(), &b, Some(2025), &InForce::builtin(2021)).unwrap();
        // A new form without its year reads the header the same way.
        assert_eq!(
            from_sheet(&cols(), &b, None, &InForce::builtin(2021)).as_ref(),
            Some(&got)
        );
        assert_eq!(
            rows(&got),
            [
                "205||||8,000.00|9,000.00",
                "2050101||一般公共预算|基本支出|6,000.00|7,000.00",
                "2050102||一般公共预算|项目支出|2,000.00|2,000.00",
                "2050199||一般公共预算|基本支出||500.00",
                "2050201||一般公共预算|基本支出|100.00|",
                "2050201||一般公共预算|项目支出|200.00|",
            ]
        );
        assert_eq!(got.totals, 1);
        assert_eq!(
            got.matched,
            [
                "科目编码→功能科目编码",
                "2024年预算数→上年预算数",
                "小计→本年预算数",
                "基本支出→支出类型（基本支出）",
                "项目支出→支出类型（项目支出）"
            ]
        );
    }

    #[test]
    fn the_grids_own_headers_in_any_order() {
        let b = block(&[
            "上年预算数\t功能科目编码\t本年预算数\t收入来源\t支出类型",
            "10\t201 03 01\t20\t政府性基金\t项目支出",
        ]);
        let got = from_sheet(&cols(), &b, None, &InForce::builtin(2021)).unwrap();
        assert_eq!(rows(&got), ["201 03 01||政府性基金|项目支出|20|10"]);
    }

    #[test]
    fn a_table3_header_with_its_total_column() {
        let b = block(&[
            "科目编码\t科目名称\t合计\t人员经费\t公用经费",
            "30101\t基本工资\t5\t5\t",
        ]);
        let got = from_sheet(&cols(), &b, None, &InForce::builtin(2021)).unwrap();
        assert_eq!(rows(&got), ["30101||||5|"]);
    }

    #[test]
    fn a_shanghai_block_with_its_code_split_over_three_columns() {
        // 上海's 支出预算总表 copied with its three header lines (merges lost).
        let b = block(&[
            "项目\t\t\t\t支出预算\t\t",
            "功能分类科目编码\t\t\t功能分类科目名称\t合计\t基本支出\t项目支出",
            "类\t款\t项\t\t\t\t",
            "201\t\t\t一般公共服务支出\t22,186,440.80\t16,093,326.00\t6,093,114.80",
            "201\t06\t\t财政事务\t22,186,440.80\t16,093,326.00\t6,093,114.80",
            "201\t06\t01\t行政运行\t16,231,840.80\t16,093,326.00\t138,514.80",
            "合计\t\t\t\t22,186,440.80\t16,093,326.00\t6,093,114.80",
        ]);
        let got = from_sheet(&cols(), &b, Some(2025), &InForce::builtin(2025)).unwrap();
        assert_eq!(
            rows(&got),
            [
                "201||||22,186,440.80|",
                "201 06||||22,186,440.80|",
                "201 06 01||一般公共预算|基本支出|16,093,326.00|",
                "201 06 01||一般公共预算|项目支出|138,514.80|",
            ]
        );
        assert_eq!(got.totals, 1);
        assert_eq!(got.matched[0], "项目/功能分类科目编码/类→功能科目编码");
    }

    #[test]
    fn a_block_without_a_header_is_pasted_as_it_stands() {
        assert!(
            from_sheet(
                &cols(),
                &block(&["2010301\t行政运行\t\t\t1"]),
                None,
                &InForce::builtin(2021)
            )
            .is_none()
        );
        assert!(
            from_sheet(
                &cols(),
                &block(&["备注\t说明"]),
                None,
                &InForce::builtin(2021)
            )
            .is_none()
        );
        assert!(
            from_sheet(
                &cols(),
                &block(&["科目编码"]),
                None,
                &InForce::builtin(2021)
            )
            .is_none()
        );
        assert!(!headed(&cols(), &[]));
    }
}
