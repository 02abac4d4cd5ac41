//! INP-001: no input holds text it could not read: a whole-number field
//! (`Inputs::unparsed`) or a budget row's 收入来源 / 支出类型
//! (`BudgetRow::unparsed`).

use super::Ctx;
use crate::finding::{Finding, Severity};
use crate::whole;

const ID: &str = "INP-001";

/// The whole-number fields' kept texts, then the budget rows' unread choices.
pub(super) fn inp_001(ctx: &Ctx<'_>) -> Vec<Finding> {
    let mut out = whole_numbers(ctx);
    for (i, r) in ctx.inputs.rows.iter().enumerate() {
        for (field, text) in &r.unparsed {
            let (name, used) = match field.as_str() {
                "source" => ("收入来源", r.source.label()),
                "kind" => ("支出类型", r.kind.label()),
                _ => ("", ""),
            };
            let place = if name.is_empty() {
                format!("第 {} 行预算行", i + 1)
            } else {
                format!("第 {} 行 {}", i + 1, ctx.row_label(r))
            };
            out.push(choice(&place, ("rows", i, field), text, name, used));
        }
    }
    for (i, r) in ctx.inputs.procurement.iter().enumerate() {
        for (field, text) in &r.unparsed {
            let (name, used) = match field.as_str() {
                "category" => ("采购类别", r.category.label()),
                "source" => ("资金来源", r.source.label()),
                _ => ("", ""),
            };
            let place = format!("政府采购第 {} 行", i + 1);
            out.push(choice(&place, ("procurement", i, field), text, name, used));
        }
    }
    out
}

/// A choice cell's kept text, at `list[i].field`: named `name`, the choice the
/// figures use meanwhile `used` (an unknown field: `name` empty).
fn choice(
    place: &str,
    (list, i, field): (&str, usize, &str),
    text: &str,
    name: &str,
    used: &str,
) -> Finding {
    let message = if name.is_empty() {
        format!("{place}的“{field}”不是可选择的栏目，其中的“{text}”无法采用")
    } else {
        format!("{place}：{name}“{text}”不是可选的{name}，暂按“{used}”计算；请在列表中选择")
    };
    Finding::new(
        ID,
        Severity::Error,
        message,
        vec![format!("{list}[{i}].{field}")],
    )
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
    sort_once::sort_by_key(&mut entries, |(path, _)| place(path));
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
