//! Arithmetic of the tables: sums down a column, identities across a row,
//! and the identities between tables.

use rust_decimal::Decimal;

use crate::finding::AuditFinding;
use crate::row::Row;
use crate::tables::{Identities, Kind, Table};

/// Sums down each column: 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项 (coded tables),
/// 合计 = Σ other rows (采购表).
pub fn columns(t: &Table, out: &mut Vec<AuditFinding>) {
    let ncols = t
        .rows
        .iter()
        .flat_map(|r| r.cells())
        .filter_map(|c| c.col)
        .max()
        .map_or(0, |m| m + 1);
    let mut check = |parent: &Row, kids: &[&Row], what: &str| {
        if kids.is_empty() {
            return;
        }
        for col in 0..ncols {
            let Some(p) = parent.at(col) else { continue };
            let Some(s) = kids.iter().map(|k| k.at(col)).sum::<Option<Decimal>>() else {
                continue;
            };
            if p != s {
                let detail = format!(
                    "{}“{}”第{}列 {} ≠ {} {}",
                    code_of(parent),
                    parent.label(),
                    col + 1,
                    p,
                    what,
                    s
                );
                out.push(AuditFinding::new("AUD-001", parent.line, &detail, p, s));
            }
        }
    };
    if t.kind.coded() {
        for parent in &t.rows {
            let kids: Vec<&Row> = match parent.code.as_deref() {
                Some(code) => t
                    .rows
                    .iter()
                    .filter(|r| {
                        r.code
                            .as_deref()
                            .is_some_and(|c| c.len() == code.len() + 2 && c.starts_with(code))
                    })
                    .collect(),
                None if is_total(parent) => t
                    .rows
                    .iter()
                    .filter(|r| r.code.as_deref().is_some_and(|c| c.len() == 3))
                    .collect(),
                None => continue,
            };
            check(parent, &kids, "其下各行之和");
        }
    } else if t.kind == Kind::Procurement
        && let Some(total) = t.rows.iter().find(|r| is_total(r))
    {
        let kids: Vec<&Row> = t
            .rows
            .iter()
            .filter(|r| !is_total(r) && r.has_figures())
            .collect();
        check(total, &kids, "其下各行之和");
    }
}

fn is_total(r: &Row) -> bool {
    r.code.is_none() && matches!(r.label(), "合计" | "总计")
}

fn code_of(r: &Row) -> String {
    r.code.as_deref().map_or(String::new(), |c| format!("{c} "))
}

/// Identities across each row (合计 = 基本 + 项目, 合计 = 人员 + 公用, 三公).
pub fn rows(t: &Table, out: &mut Vec<AuditFinding>) {
    for r in &t.rows {
        let cells = r.cells();
        match t.kind.identities() {
            Identities::None => {}
            Identities::Rest => {
                if cells.len() > 1 {
                    let total = cells[0].value;
                    let parts: Decimal = cells[1..].iter().map(|c| c.value).sum();
                    if total != parts {
                        let detail = format!(
                            "{}“{}”合计 {} ≠ 各列之和 {}",
                            code_of(r),
                            r.label(),
                            total,
                            parts
                        );
                        out.push(AuditFinding::new("AUD-002", r.line, &detail, total, parts));
                    }
                }
            }
            Identities::Cols(ids) => {
                if !t.placed(r) || cells.is_empty() {
                    continue;
                }
                for &(total, parts) in ids {
                    let (Some(v), Some(s)) = (
                        r.at(total),
                        parts.iter().map(|&p| r.at(p)).sum::<Option<Decimal>>(),
                    ) else {
                        continue;
                    };
                    if v != s {
                        let detail = format!(
                            "{}“{}”第{}列 {} ≠ 其组成列之和 {}",
                            code_of(r),
                            r.label(),
                            total + 1,
                            v,
                            s
                        );
                        out.push(AuditFinding::new("AUD-002", r.line, &detail, v, s));
                    }
                }
            }
        }
    }
}

/// Strip an ordinal (`一、`, `1.`, `四、`) from a label.
fn bare(label: &str) -> &str {
    let l = label.trim();
    match l.find(['、', '.', '．']) {
        Some(i)
            if l[..i]
                .chars()
                .all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c)) =>
        {
            l[i..].trim_start_matches(['、', '.', '．']).trim()
        }
        _ => l,
    }
}

/// Identities between tables.
pub fn across(tables: &[Table], out: &mut Vec<AuditFinding>) {
    // 收 = 支 on the total line of a two-sided table.
    for t in tables.iter().filter(|t| t.kind == Kind::TwoSided) {
        for r in &t.rows {
            if r.groups.len() == 2 && (r.label().contains("总计") || r.label().contains("总数"))
            {
                let (Some(a), Some(b)) = (r.groups[0].cells.first(), r.groups[1].cells.first())
                else {
                    continue;
                };
                if a.value != b.value {
                    let detail = format!(
                        "{} {} ≠ {} {}",
                        r.groups[0].label, a.value, r.groups[1].label, b.value
                    );
                    out.push(AuditFinding::new(
                        "AUD-003", r.line, &detail, a.value, b.value,
                    ));
                }
            }
        }
    }
    // A 功能分类 table against the other: same code, same figure this year.
    let func: Vec<&Table> = tables
        .iter()
        .filter(|t| matches!(t.kind, Kind::General { .. } | Kind::Income | Kind::Expense))
        .collect();
    for (i, a) in func.iter().enumerate() {
        // Same scope only: 部门收入 against 部门支出; the 一般公共预算 table
        // holds less when a unit has other income.
        let general = |t: &Table| matches!(t.kind, Kind::General { .. });
        for b in func[i + 1..].iter().filter(|b| general(b) == general(a)) {
            for rb in b.rows.iter().filter(|r| r.code.is_some()) {
                let Some(ra) = a.by_code(rb.code.as_deref().unwrap_or_default()) else {
                    continue;
                };
                let (Some(va), Some(vb)) = (ra.at(a.kind.this_col()), rb.at(b.kind.this_col()))
                else {
                    continue;
                };
                if va != vb {
                    let detail = format!(
                        "{}“{}”：第{}行 {} ≠ 第{}行 {}",
                        code_of(rb),
                        rb.label(),
                        ra.line,
                        va,
                        rb.line,
                        vb
                    );
                    out.push(AuditFinding::new("AUD-003", rb.line, &detail, vb, va));
                }
            }
        }
    }
    // The 支出 side of a two-sided table against the 功能分类 tables' 类 lines.
    for t in tables.iter().filter(|t| t.kind == Kind::TwoSided) {
        for r in &t.rows {
            let Some(g) = r
                .groups
                .iter()
                .find(|g| bare(&g.label).ends_with("支出") && !g.cells.is_empty())
            else {
                continue;
            };
            let name = bare(&g.label);
            // 财政拨款收支总表 answers to the 一般公共预算 table, 部门收支总表 to 部门支出总表.
            let fiscal = t.title.contains("财政拨款");
            for f in func.iter().filter(|f| {
                fiscal == matches!(f.kind, Kind::General { .. }) && f.kind != Kind::Income
            }) {
                let Some(fr) = f
                    .rows
                    .iter()
                    .find(|x| x.code.as_deref().is_some_and(|c| c.len() == 3) && x.label() == name)
                else {
                    continue;
                };
                let Some(v) = fr.at(f.kind.this_col()) else {
                    continue;
                };
                if v != g.cells[0].value {
                    let detail = format!("“{}” {} ≠ 第{}行 {}", name, g.cells[0].value, fr.line, v);
                    out.push(AuditFinding::new(
                        "AUD-003",
                        r.line,
                        &detail,
                        g.cells[0].value,
                        v,
                    ));
                    break;
                }
            }
        }
    }
    // 基本支出 of the 功能分类 tables = the 经济分类 table's 合计.
    let Some(econ) = tables
        .iter()
        .find(|t| t.kind == Kind::Economic)
        .and_then(|t| t.total_row())
    else {
        return;
    };
    let Some(econ_total) = econ.at(0) else { return };
    for t in tables
        .iter()
        .filter(|t| matches!(t.kind, Kind::General { .. }))
    {
        let (Some(r), Some((basic, _))) = (t.total_row(), t.kind.basic_project()) else {
            continue;
        };
        if !t.placed(r) {
            continue;
        }
        if let Some(v) = r.at(basic).filter(|&v| v != econ_total) {
            let detail = format!(
                "基本支出 {v} ≠ 经济分类表合计 {econ_total}（第{}行）",
                econ.line
            );
            out.push(AuditFinding::new("AUD-003", r.line, &detail, v, econ_total));
        }
    }
}
