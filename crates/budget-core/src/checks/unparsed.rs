//! INP-001: no input holds text it could not read: a whole-number field
//! (`Inputs::unparsed`) or a budget row's 收入来源 / 支出类型
//! (`BudgetRow::unparsed`).

use super::{Ctx, row_label};
use crate::finding::{Finding, Severity};
use crate::whole;

const ID: &str = "INP-001";

/// The whole-number fields' kept texts, then the budget rows' unread choices.
pub(super) fn inp_001(ctx: &Ctx<'_>) -> Vec<Finding> {
    let mut out = whole_numbers(ctx);
    out.extend(row_choices(ctx));
    out
}

/// Each budget row's choice that names none of its options, in row order.
fn row_choices(ctx: &Ctx<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, r) in ctx.inputs.rows.iter().enumerate() {
        if r.unparsed.is_empty() {
            continue;
        }
        for (field, text) in &r.unparsed {
            let (name, used) = match field.as_str() {
                "source" => ("收入来源", r.source.label()),
                "kind" => ("支出类型", r.kind.label()),
                _ => ("", ""),
            };
            let message = if name.is_empty() {
                format!(
                    "第 {} 行预算行的“{field}”不是可选择的栏目，其中的“{text}”无法采用",
                    i + 1
                )
            } else {
                format!(
                    "第 {} 行 {}：{name}“{text}”不是可选的{name}，暂按“{used}”计算；请在列表中选择",
                    i + 1,
                    row_label(r)
                )
            };
            out.push(Finding::new(
                ID,
                Severity::Error,
                message,
                vec![format!("rows[{i}].{field}")],
            ));
        }
    }
    out
}

/// Every entry of `Inputs::unparsed`, in input order (a path that is no
/// whole-number field last): the field's label, why the text is refused, and
/// the number the tables still use.
fn whole_numbers(ctx: &Ctx<'_>) -> Vec<Finding> {
    let inputs = ctx.inputs;
    if inputs.unparsed.is_empty() {
        return Vec::new();
    }
    let place = |path: &str| {
        whole::fields()
            .iter()
            .position(|f| f.path == path)
            .unwrap_or(usize::MAX)
    };
    let mut entries: Vec<(&String, &String)> = inputs.unparsed.iter().collect();
    entries.sort_by_key(|(path, _)| place(path));
    entries
        .into_iter()
        .map(|(path, text)| {
            let message = match whole::field(path) {
                Some(f) => {
                    let used = (f.get)(inputs);
                    let why = match f.parse(text) {
                        Err(e) => e.to_string(),
                        // Only a hand-edited file gets here: the app keeps
                        // a text only while it does not read.
                        Ok(n) => format!("“{text}”（{n}）未采用"),
                    };
                    format!("{}：{why}；各表仍按 {used} 计算，改正后才能导出", f.label)
                }
                None => format!("“{path}”不是可填写整数的栏目，其中的“{text}”无法采用"),
            };
            Finding::new(ID, Severity::Error, message, vec![path.clone()])
        })
        .collect()
}
