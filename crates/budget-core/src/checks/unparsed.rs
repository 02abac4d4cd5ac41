//! INP-001: no whole-number field holds text it does not accept.

use super::Ctx;
use crate::finding::{Finding, Severity};
use crate::whole;

const ID: &str = "INP-001";

/// Every entry of `Inputs::unparsed`, in input order (a path that is no
/// whole-number field last): the field's label, why the text is refused, and
/// the number the tables still use.
pub(super) fn inp_001(ctx: &Ctx<'_>) -> Vec<Finding> {
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
