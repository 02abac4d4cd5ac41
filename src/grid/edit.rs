//! Grid commands as pure functions from the rows to the ops of one undo step:
//! paste, clear, fill down, insert, delete, sort. The view applies the ops in
//! one signal update, so 10,000 pasted rows are one batch.

use budget_core::catalog::InForce;

use super::column::{Column, Kind, code_of};
use super::history::Op;
use super::select::Pos;

/// What a paste did, for the status line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PasteReport {
    /// Cells written.
    pub cells: usize,
    /// Rows added at the end.
    pub rows_added: usize,
    /// Cells refused (an unknown label): the old value, or a new row's
    /// default, stays. Named in the status line; the first gets the focus.
    pub refused: Vec<Refusal>,
    /// 类/款 subtotal lines left out (the grid derives them).
    pub skipped_subtotals: usize,
    /// 合计 lines of a block pasted with its header, left out.
    pub skipped_totals: usize,
    /// Rows added by a block that held no code while the grid has a code
    /// column: the block's lines could not be matched to codes, and a block
    /// copied with its 类/款 subtotal lines then runs past the grid.
    pub codeless_rows: usize,
    /// Non-blank cells of the block right of the grid's last column, left out.
    pub beyond_right: usize,
    /// Last row and column written.
    pub end: Pos,
    /// The block's header, read as the grid's columns (`2024年预算数→上年预算数`);
    /// empty when the block had none.
    pub by_header: Vec<String>,
}

impl PasteReport {
    /// Chinese summary.
    pub fn line(&self) -> String {
        let mut s = String::new();
        if !self.by_header.is_empty() {
            s.push_str(&format!("按表头对应列（{}）：", self.by_header.join("、")));
        }
        s.push_str(&format!("已粘贴 {} 个单元格", self.cells));
        if self.rows_added > 0 {
            s.push_str(&format!("，新增 {} 行", self.rows_added));
        }
        if self.skipped_subtotals > 0 {
            s.push_str(&format!("，跳过 {} 行类/款小计", self.skipped_subtotals));
        }
        if self.skipped_totals > 0 {
            s.push_str(&format!("，跳过 {} 行合计", self.skipped_totals));
        }
        if self.beyond_right > 0 {
            s.push_str(&format!(
                "；{} 个单元格超出表格右边，未粘贴",
                self.beyond_right
            ));
        }
        if self.codeless_rows > 0 {
            s.push_str(&format!(
                "；新增的 {} 行没有科目编码：若复制时带上了类/款小计行，金额已错行，请撤销（Ctrl+Z）后连同编码列一起复制",
                self.codeless_rows
            ));
        }
        if !self.refused.is_empty() {
            let named: Vec<String> = self
                .refused
                .iter()
                .take(NAMED_REFUSALS)
                .map(|x| {
                    let how = if x.new_row {
                        "新增行取默认值"
                    } else {
                        "保留原值"
                    };
                    format!(
                        "第 {} 行{}“{}”（{how}“{}”）",
                        x.at.0 + 1,
                        x.header,
                        x.text,
                        x.kept
                    )
                })
                .collect();
            s.push_str(&format!(
                "；{} 个单元格无法识别，请核对：{}",
                self.refused.len(),
                named.join("、")
            ));
            if self.refused.len() > NAMED_REFUSALS {
                s.push_str(" 等");
            }
        }
        s
    }
}

/// A pasted text that a choice column did not recognise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The cell.
    pub at: Pos,
    /// Its column's header.
    pub header: &'static str,
    /// The text pasted.
    pub text: String,
    /// The value the cell kept (a new row's default).
    pub kept: String,
    /// True when the row was added by this paste.
    pub new_row: bool,
}

/// Refusals named one by one in the status line; the rest are counted.
const NAMED_REFUSALS: usize = 3;

/// Ops for `old` → `new` of the rows that changed.
fn diff<T: Clone + PartialEq>(rows: &[T], changed: Vec<(usize, T)>) -> Vec<Op<T>> {
    changed
        .into_iter()
        .filter(|(r, new)| rows.get(*r) != Some(new))
        .filter_map(|(r, new)| {
            rows.get(r).map(|old| Op::Set {
                row: r,
                old: old.clone(),
                new,
            })
        })
        .collect()
}

/// Write `text` into column `c` of `row`; false when refused.
fn write<T>(cols: &[Column<T>], row: &mut T, c: usize, text: &str) -> bool {
    let Some(col) = cols.get(c) else {
        return true;
    };
    match col.kind {
        Kind::Name(_) => true,
        Kind::Code(_) => (col.set)(row, &code_of(text)),
        _ => (col.set)(row, text.trim_end_matches(['\r', '\n'])),
    }
}

/// Paste `block` with its top-left cell at `start`. Rows past the end are added;
/// a line whose code is a 类/款 of the column's catalog in `cats` is left out.
pub fn paste<T: Clone + Default + PartialEq>(
    rows: &[T],
    cols: &[Column<T>],
    block: &[Vec<String>],
    start: Pos,
    cats: &InForce,
) -> (Vec<Op<T>>, PasteReport) {
    let mut report = PasteReport::default();
    let code_col = cols
        .iter()
        .enumerate()
        .skip(start.1)
        .find_map(|(c, col)| match col.kind {
            Kind::Code(cat) => Some((c - start.1, cat)),
            _ => None,
        });
    let mut changed = Vec::new();
    let mut added = Vec::new();
    let mut r = start.0;
    for line in block {
        if let Some((j, cat)) = code_col
            && line
                .get(j)
                .is_some_and(|t| cat.is_subtotal(cats, &code_of(t)))
        {
            report.skipped_subtotals += 1;
            continue;
        }
        let blank = line.iter().all(|t| t.trim().is_empty());
        if r >= rows.len() && blank {
            continue;
        }
        let mut row = rows.get(r).cloned().unwrap_or_default();
        for (j, text) in line.iter().enumerate() {
            let c = start.1 + j;
            if c >= cols.len() {
                report.beyond_right += line[j..].iter().filter(|t| !t.trim().is_empty()).count();
                break;
            }
            if !cols[c].editable() {
                continue;
            }
            if write(cols, &mut row, c, text) {
                report.cells += 1;
            } else {
                // What the cell held, read from the row as it was (a line
                // writes each column once): the refused text may now be kept
                // beside the choice (`unparsed`), which `get` would show.
                let kept = match rows.get(r) {
                    Some(old) => (cols[c].get)(old),
                    None => (cols[c].get)(&T::default()),
                };
                report.refused.push(Refusal {
                    at: (r, c),
                    header: cols[c].header,
                    text: text.trim().to_string(),
                    kept,
                    new_row: r >= rows.len(),
                });
            }
            report.end = (r, c.max(report.end.1));
        }
        report.end.0 = r;
        if r < rows.len() {
            changed.push((r, row));
        } else {
            added.push(row);
        }
        r += 1;
    }
    report.rows_added = added.len();
    let grid_has_codes = cols.iter().any(|c| matches!(c.kind, Kind::Code(_)));
    let block_has_codes = code_col.is_some_and(|(j, _)| block.iter().any(|l| l.len() > j));
    if grid_has_codes && !block_has_codes {
        report.codeless_rows = report.rows_added;
    }
    let mut ops = diff(rows, changed);
    if !added.is_empty() {
        ops.push(Op::Splice {
            at: rows.len(),
            removed: Vec::new(),
            inserted: added,
        });
    }
    (ops, report)
}

/// Clear the editable text and amount cells of the rectangle (choices stay).
pub fn clear<T: Clone + PartialEq>(
    rows: &[T],
    cols: &[Column<T>],
    (top, left, bottom, right): (usize, usize, usize, usize),
) -> Vec<Op<T>> {
    let changed = (top..=bottom.min(rows.len().saturating_sub(1)))
        .filter_map(|r| {
            let mut row = rows.get(r)?.clone();
            let last = right.min(cols.len().saturating_sub(1));
            for col in cols.iter().take(last + 1).skip(left) {
                if matches!(
                    col.kind,
                    Kind::Text | Kind::Suggest(_) | Kind::Amount | Kind::Code(_)
                ) {
                    (col.set)(&mut row, "");
                }
            }
            Some((r, row))
        })
        .collect();
    diff(rows, changed)
}

/// Fill down (Ctrl+D): the rectangle's top row into the rows below it; a
/// one-row selection takes the row above.
pub fn fill_down<T: Clone + PartialEq>(
    rows: &[T],
    cols: &[Column<T>],
    (top, left, bottom, right): (usize, usize, usize, usize),
) -> Vec<Op<T>> {
    let (source, first) = if bottom > top {
        (top, top + 1)
    } else if top > 0 {
        (top - 1, top)
    } else {
        return Vec::new();
    };
    let Some(src) = rows.get(source) else {
        return Vec::new();
    };
    let texts: Vec<(usize, String)> = (left..=right.min(cols.len().saturating_sub(1)))
        .filter(|&c| cols[c].editable())
        .map(|c| (c, (cols[c].get)(src)))
        .collect();
    let changed = (first..=bottom.min(rows.len().saturating_sub(1)))
        .filter_map(|r| {
            let mut row = rows.get(r)?.clone();
            for (c, t) in &texts {
                write(cols, &mut row, *c, t);
            }
            Some((r, row))
        })
        .collect();
    diff(rows, changed)
}

/// Insert `n` empty rows at `at`.
pub fn insert<T: Default>(at: usize, n: usize) -> Vec<Op<T>> {
    vec![Op::Splice {
        at,
        removed: Vec::new(),
        inserted: (0..n).map(|_| T::default()).collect(),
    }]
}

/// Delete rows `top..=bottom`.
pub fn delete<T: Clone>(rows: &[T], top: usize, bottom: usize) -> Vec<Op<T>> {
    let end = (bottom + 1).min(rows.len());
    if top >= end {
        return Vec::new();
    }
    vec![Op::Splice {
        at: top,
        removed: rows[top..end].to_vec(),
        inserted: Vec::new(),
    }]
}

/// Sort by the code column (stable; blank codes last), as one splice.
pub fn sort_by<T: Clone + PartialEq>(rows: &[T], key: fn(&T) -> String) -> Vec<Op<T>> {
    // Keys once each; one sort (on indices) for every row type.
    let keys: Vec<(bool, String)> = rows
        .iter()
        .map(|r| {
            let k = key(r).trim().to_string();
            (k.is_empty(), k)
        })
        .collect();
    let order = sort_once::stable_order(keys.len(), &mut |a, b| keys[a].cmp(&keys[b]));
    let sorted: Vec<T> = order.into_iter().map(|i| rows[i].clone()).collect();
    if sorted == rows {
        return Vec::new();
    }
    vec![Op::Splice {
        at: 0,
        removed: rows.to_vec(),
        inserted: sorted,
    }]
}

#[cfg(test)]
mod tests {
    use super::super::column::{Catalogue, amount_column};
    use super::super::history::apply_step;
    use super::*;
    use budget_core::Amount;
    use budget_core::model::{BudgetRow, ExpenditureType, FundingSource};

    const SOURCES: &[&str] = &["一般公共预算", "政府性基金预算"];

    fn cols() -> Vec<Column<BudgetRow>> {
        vec![
            Column {
                key: "code",
                header: "编码",
                kind: Kind::Code(Catalogue::Function),
                get: |r| r.code.clone(),
                set: |r, t| {
                    r.code = t.to_string();
                    true
                },
                amount: None,
            },
            Column {
                key: "",
                header: "名称",
                kind: Kind::Name(Catalogue::Function),
                get: |r| r.code.clone(),
                set: |_, _| true,
                amount: None,
            },
            Column {
                key: "source",
                header: "来源",
                kind: Kind::Choice(SOURCES),
                get: |r| r.source.short_label().to_string(),
                set: |r, t| match FundingSource::from_label(t) {
                    Some(s) => {
                        r.source = s;
                        true
                    }
                    None => t.trim().is_empty(),
                },
                amount: None,
            },
            Column {
                key: "kind",
                header: "类型",
                kind: Kind::Choice(&[]),
                get: |r| r.kind.label().to_string(),
                set: |r, t| match ExpenditureType::from_label(t) {
                    Some(k) => {
                        r.kind = k;
                        true
                    }
                    None => t.trim().is_empty(),
                },
                amount: None,
            },
            amount_column!("this_year", "本年", this_year),
        ]
    }

    fn block(tsv: &str) -> Vec<Vec<String>> {
        super::super::tsv::parse(tsv)
    }

    #[test]
    fn paste_into_empty_grid_adds_rows_skips_subtotals_and_keeps_bad_text() {
        let rows: Vec<BudgetRow> = Vec::new();
        let b = block(
            "201\t一般公共服务支出\t\t\t1,000.00\r\n\
             2010301\t行政运行\t一般公共预算\t基本支出\t6,849,169.92\r\n\
             [2010302]一般行政管理事务\t\t一般公共预算\t项目\t72万\r\n",
        );
        let (ops, report) = paste(&rows, &cols(), &b, (0, 0), &InForce::builtin(2021));
        let mut out = rows.clone();
        apply_step(&mut out, &ops, true).unwrap();
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].code, "2010301");
        assert_eq!(out[0].this_year.text(), "6,849,169.92");
        assert_eq!(out[1].code, "2010302");
        assert_eq!(out[1].kind, ExpenditureType::Project);
        assert_eq!(out[1].this_year.text(), "72万");
        assert!(out[1].this_year.error().is_some());
        assert_eq!(report.rows_added, 2);
        assert_eq!(report.skipped_subtotals, 1);
        assert_eq!(ops.len(), 1, "one splice for all new rows");
    }

    #[test]
    fn paste_into_the_middle_changes_only_those_cells_and_grows() {
        let mut rows = vec![BudgetRow::default(); 3];
        rows[1].code = "2010301".into();
        let b = block("1\r\n2\r\n3\r\n");
        let (ops, report) = paste(&rows, &cols(), &b, (1, 4), &InForce::builtin(2021));
        let mut out = rows.clone();
        apply_step(&mut out, &ops, true).unwrap();
        assert_eq!(out.len(), 4);
        assert_eq!(out[1].code, "2010301");
        assert_eq!(out[1].this_year.text(), "1");
        assert_eq!(out[3].this_year.text(), "3");
        assert_eq!(out[0], BudgetRow::default());
        assert_eq!(report.end, (3, 4));
        apply_step(&mut out, &ops, false).unwrap();
        assert_eq!(out, rows);
    }

    #[test]
    fn a_column_of_amounts_that_runs_past_the_grid_is_named() {
        // 表2's 本年 column copied with its 3 subtotal lines, into 2 rows.
        let mut rows = vec![BudgetRow::default(); 2];
        rows[0].code = "2010301".into();
        rows[1].code = "2010302".into();
        let b = block("8,795,084.22\r\n8,795,084.22\r\n6,849,169.92\r\n723,700.00\r\n");
        let (_, report) = paste(&rows, &cols(), &b, (0, 4), &InForce::builtin(2021));
        assert_eq!((report.rows_added, report.codeless_rows), (2, 2));
        assert!(
            report
                .line()
                .contains("新增的 2 行没有科目编码：若复制时带上了类/款小计行，金额已错行"),
            "{}",
            report.line()
        );
        // With the codes, the subtotals are left out and nothing is said.
        let b =
            block("201\t\t\t\t1\r\n2010301\t\t\t\t2\r\n2010302\t\t\t\t3\r\n2010350\t\t\t\t4\r\n");
        let (_, report) = paste(&rows, &cols(), &b, (0, 0), &InForce::builtin(2021));
        assert_eq!((report.rows_added, report.codeless_rows), (1, 0));
        assert!(!report.line().contains("没有科目编码"));
        // Within the grid: no row added, nothing to say.
        let (_, report) = paste(
            &rows,
            &cols(),
            &block("1\r\n2\r\n"),
            (0, 4),
            &InForce::builtin(2021),
        );
        assert_eq!(report.codeless_rows, 0);
    }

    #[test]
    fn cells_right_of_the_last_column_are_counted_not_lost_silently() {
        let rows = vec![BudgetRow::default(); 2];
        // From 本年 (the last column): 2 extra filled cells, a trailing tab ignored.
        let (_, report) = paste(
            &rows,
            &cols(),
            &block("1\t2\r\n3\t\t4\t\r\n"),
            (0, 4),
            &InForce::builtin(2021),
        );
        assert_eq!(report.cells, 2);
        assert_eq!(report.beyond_right, 2);
        assert!(
            report.line().contains("2 个单元格超出表格右边，未粘贴"),
            "{}",
            report.line()
        );
        let (_, report) = paste(
            &rows,
            &cols(),
            &block("1\t\r\n"),
            (0, 4),
            &InForce::builtin(2021),
        );
        assert_eq!(report.beyond_right, 0);
        assert!(!report.line().contains("超出"));
    }

    #[test]
    fn unknown_labels_are_refused_and_counted() {
        let rows = vec![BudgetRow::default()];
        let (ops, report) = paste(
            &rows,
            &cols(),
            &block("外星预算\r\n"),
            (0, 2),
            &InForce::builtin(2021),
        );
        assert!(ops.is_empty());
        assert_eq!(report.refused.len(), 1);
        assert_eq!(report.refused[0].at, (0, 2));
        assert!(!report.refused[0].new_row);
        assert!(
            report
                .line()
                .contains("第 1 行来源“外星预算”（保留原值“一般公共预算”）"),
            "{}",
            report.line()
        );
    }

    #[test]
    fn an_unknown_label_on_a_new_row_is_named_with_the_default_it_took() {
        let rows = vec![BudgetRow::default()];
        let text = "2010301\t\t外星预算\t基本\t1\r\n2010302\t\t外星预算\t基本\t2\r\n\
                    2010303\t\t外星预算\t基本\t3\r\n2010350\t\t外星预算\t基本\t4\r\n";
        let (_, report) = paste(
            &rows,
            &cols(),
            &block(text),
            (1, 0),
            &InForce::builtin(2021),
        );
        assert_eq!(report.rows_added, 4);
        assert_eq!(report.refused.len(), 4);
        assert!(report.refused.iter().all(|x| x.new_row));
        let line = report.line();
        assert!(
            line.contains(
                "4 个单元格无法识别，请核对：第 2 行来源“外星预算”（新增行取默认值“一般公共预算”）"
            ),
            "{line}"
        );
        assert!(line.ends_with(" 等"), "{line}");
    }

    #[test]
    fn clear_fill_insert_delete_sort() {
        let mut rows = vec![BudgetRow::default(); 3];
        rows[0].code = "2080505".into();
        rows[0].this_year = Amount::from_text("5");
        rows[1].code = "2010301".into();
        let ops = fill_down(&rows, &cols(), (0, 4, 2, 4));
        let mut out = rows.clone();
        apply_step(&mut out, &ops, true).unwrap();
        assert_eq!(out[2].this_year.text(), "5");
        assert_eq!(out[1].code, "2010301", "only the selected columns");
        let ops = clear(&out, &cols(), (0, 0, 0, 4));
        apply_step(&mut out, &ops, true).unwrap();
        assert_eq!(out[0].code, "");
        assert_eq!(out[0].this_year.text(), "");
        let ops = insert::<BudgetRow>(1, 2);
        apply_step(&mut out, &ops, true).unwrap();
        assert_eq!(out.len(), 5);
        let ops = delete(&out, 1, 2);
        apply_step(&mut out, &ops, true).unwrap();
        assert_eq!(out.len(), 3);
        out[0].code = "2080505".into();
        let ops = sort_by(&out, |r| r.code.clone());
        apply_step(&mut out, &ops, true).unwrap();
        assert_eq!(out[0].code, "2010301");
        assert_eq!(out[1].code, "2080505");
        assert_eq!(out[2].code, "");
    }
}
