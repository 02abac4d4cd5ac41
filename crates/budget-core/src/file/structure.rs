//! Chinese for serde's structural messages (unknown field, unknown variant,
//! missing field, wrong type). Anything not recognised keeps serde's text.

use serde_json::Value;

use super::error::Problem;
use super::json::Path;

/// Keys whose value is an array in the file format (outside `derived`): every
/// `Vec` field of `Inputs` and `Report` (checked by a test).
const ARRAY_KEYS: &[&str] = &[
    "rows",
    "economic_rows",
    "procurement",
    "projects",
    "duties",
    "indicators",
    "links",
    "findings",
    "locations",
    "members",
    "glossary",
    "target_projects",
];

/// Every place where `value` (a part of the file as read that decoded without
/// error) holds an array where the format has an object: serde reads a struct
/// from an array of its fields in order, which would let an amount escape the
/// strict amount walk (it only looks inside objects). The format has arrays
/// only under [`ARRAY_KEYS`], and no array of arrays, so each other array is a
/// struct written as one: a problem, with its path under `path`.
pub(super) fn arrays_for_objects(value: &Value, path: &str, out: &mut Vec<Problem>) {
    let root = Path::Root;
    let path = if path.is_empty() {
        root
    } else {
        Path::Key(&root, path)
    };
    walk(value, false, &path, out);
}

/// `path` is only written out for a problem.
fn walk(value: &Value, array_here: bool, path: &Path<'_>, out: &mut Vec<Problem>) {
    match value {
        Value::Array(items) if !array_here => out.push(Problem::new(
            path.to_string(),
            format!(
                "类型错误：此处应为对象，文件中是有 {} 个元素的数组",
                items.len()
            ),
        )),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, false, &Path::Index(path, i), out);
            }
        }
        Value::Object(members) => {
            for (key, item) in members {
                let array_here = ARRAY_KEYS.contains(&key.as_str());
                walk(item, array_here, &Path::Key(path, key), out);
            }
        }
        _ => {}
    }
}

/// Translate one serde error message.
pub(super) fn translate(msg: &str) -> String {
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let (name, tail) = split_tick(rest);
        let allowed = ticked(tail);
        return if allowed.is_empty() {
            format!("未知字段 `{name}`（此处不允许有字段）")
        } else {
            format!("未知字段 `{name}`，此处允许的字段：{}", allowed.join("、"))
        };
    }
    if let Some(rest) = msg.strip_prefix("unknown variant `") {
        let (name, tail) = split_tick(rest);
        let allowed = ticked(tail);
        return format!("未知的取值 `{name}`，应为以下之一：{}", allowed.join("、"));
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let (name, _) = split_tick(rest);
        return format!("缺少必填字段 `{name}`");
    }
    for (prefix, label) in [
        ("invalid type: ", "类型错误"),
        ("invalid value: ", "取值无效"),
    ] {
        if let Some(rest) = msg.strip_prefix(prefix)
            && let Some((found, expected)) = rest.rsplit_once(", expected ")
        {
            return format!(
                "{label}：此处应为{}，文件中是{}",
                expected_zh(expected),
                found_zh(found)
            );
        }
    }
    if let Some(rest) = msg.strip_prefix("invalid length ")
        && let Some((n, expected)) = rest.split_once(", expected ")
    {
        // serde reads a struct from an array too; the file format has objects only.
        return if expected.starts_with("struct ") {
            format!("类型错误：此处应为对象，文件中是有 {n} 个元素的数组")
        } else if expected.starts_with("fewer elements") {
            format!("元素过多：此处的数组或对象有 {n} 个元素")
        } else {
            format!("元素个数错误：有 {n} 个，应为{}", expected_zh(expected))
        };
    }
    // Never an English-only message for the clerk: say what it is, keep serde's words.
    format!("文件内容不符合格式：{msg}")
}

fn split_tick(s: &str) -> (&str, &str) {
    s.split_once('`').unwrap_or((s, ""))
}

/// Names between backticks: "expected one of `a`, `b`" → [a, b].
fn ticked(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

fn expected_zh(e: &str) -> String {
    let zh = match e {
        "a string" => "字符串",
        "u8" | "u16" | "u32" | "u64" | "usize" => "非负整数",
        "i8" | "i16" | "i32" | "i64" | "isize" => "整数",
        "a boolean" => " true 或 false ",
        "a sequence" => "数组",
        "a map" => "对象",
        _ if e.starts_with("struct ") => "对象",
        _ if e.starts_with("variant identifier") || e.starts_with("enum ") => "规定的取值之一",
        _ => return e.to_string(),
    };
    zh.to_string()
}

fn found_zh(f: &str) -> String {
    let value = f
        .split_once(' ')
        .map(|(_, v)| v.trim_matches('`'))
        .unwrap_or("");
    if f.starts_with("integer ") {
        format!("整数 {value}")
    } else if f.starts_with("floating point ") {
        format!("小数 {value}")
    } else if f.starts_with("string ") {
        format!("字符串 {value}")
    } else if f.starts_with("boolean ") {
        format!("布尔值 {value}")
    } else {
        match f {
            "sequence" => "数组".to_string(),
            "map" => "对象".to_string(),
            "unit value" | "null" => "null".to_string(),
            other => other.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key whose value is an array in `v`, outside `derived`.
    fn array_keys(v: &Value, out: &mut std::collections::BTreeSet<String>) {
        match v {
            Value::Object(m) => {
                for (k, c) in m.iter().filter(|(k, _)| *k != "derived") {
                    if c.is_array() {
                        out.insert(k.clone());
                    }
                    array_keys(c, out);
                }
            }
            Value::Array(a) => a.iter().for_each(|c| array_keys(c, out)),
            _ => {}
        }
    }

    /// The seed sample's file (every array of the format present and not
    /// empty) has arrays under exactly [`ARRAY_KEYS`], and none is refused.
    #[test]
    fn array_keys_are_the_formats_arrays() {
        let inputs: crate::model::Inputs =
            serde_json::from_str(include_str!("../../../../fixtures/dadukou-2021.json")).unwrap();
        let mut inputs = inputs;
        inputs.explanations.insert("x".into(), "y".into());
        inputs.disclosure.members.push(Default::default());
        inputs.disclosure.glossary.push(Default::default());
        inputs.disclosure.target_projects.push(Default::default());
        let file = crate::file::Submission {
            format: String::new(),
            version: 1,
            draft: false,
            exported_at: String::new(),
            report: crate::file::Report::new(
                &[crate::Finding::new(
                    "X-1",
                    crate::Severity::Warning,
                    "m",
                    vec!["rows[0]".into()],
                )],
                &inputs.explanations,
            ),
            derived: crate::derive(&inputs),
            inputs,
            catalog: None,
            units: Vec::new(),
        };
        let value = serde_json::to_value(&file).unwrap();
        let mut found = std::collections::BTreeSet::new();
        array_keys(&value, &mut found);
        let want: std::collections::BTreeSet<String> =
            ARRAY_KEYS.iter().map(|k| k.to_string()).collect();
        assert_eq!(found, want);
        let mut problems = Vec::new();
        arrays_for_objects(&value["inputs"], "inputs", &mut problems);
        arrays_for_objects(&value["report"], "report", &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        arrays_for_objects(
            &serde_json::json!({"rows": [[1], {"links": [[]]}]}),
            "",
            &mut problems,
        );
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["rows[0]", "rows[1].links[0]"]);
        arrays_for_objects(&serde_json::json!([1, 2]), "inputs", &mut problems);
        assert_eq!(
            problems[2].to_string(),
            "inputs: 类型错误：此处应为对象，文件中是有 2 个元素的数组"
        );
    }

    #[test]
    fn translates_what_serde_says() {
        for (raw, want) in [
            (
                "unknown field `foo`, expected `a` or `b`",
                "未知字段 `foo`，此处允许的字段：a、b",
            ),
            (
                "unknown field `foo`, there are no fields",
                "未知字段 `foo`（此处不允许有字段）",
            ),
            (
                "unknown variant `misc`, expected one of `basic`, `project`",
                "未知的取值 `misc`，应为以下之一：basic、project",
            ),
            ("missing field `unit`", "缺少必填字段 `unit`"),
            (
                "invalid type: integer `5`, expected a string",
                "类型错误：此处应为字符串，文件中是整数 5",
            ),
            (
                "invalid type: string \"x\", expected u32",
                "类型错误：此处应为非负整数，文件中是字符串 \"x\"",
            ),
            (
                "invalid type: sequence, expected struct Inputs",
                "类型错误：此处应为对象，文件中是数组",
            ),
            (
                "invalid value: integer `-1`, expected u32",
                "取值无效：此处应为非负整数，文件中是整数 -1",
            ),
            (
                "invalid length 1, expected struct EconomicRow with 2 elements",
                "类型错误：此处应为对象，文件中是有 1 个元素的数组",
            ),
            (
                "invalid length 3, expected fewer elements in array",
                "元素过多：此处的数组或对象有 3 个元素",
            ),
            ("something else", "文件内容不符合格式：something else"),
        ] {
            assert_eq!(translate(raw), want, "{raw}");
        }
    }
}
