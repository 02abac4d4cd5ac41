//! Chinese for serde's structural messages (unknown field, unknown variant,
//! missing field, wrong type). Anything not recognised keeps serde's text.

use serde_json::Value;

use super::error::Problem;
use super::json::Path;
use super::scan::{Seg, located_at, path_text};

/// Every place where `original` (the JSON as read) holds an array and `decoded`
/// (the same data decoded and written back) holds an object: serde reads a struct
/// from an array of its fields in order, which would let an amount escape the
/// strict amount walk (it only looks inside objects). The file format has objects
/// only, so each such place is a problem, with its path under `path`.
pub(super) fn arrays_for_objects(
    original: &Value,
    decoded: &Value,
    path: &str,
    out: &mut Vec<Problem>,
) {
    let root = Path::Root;
    let path = if path.is_empty() {
        root
    } else {
        Path::Key(&root, path)
    };
    walk(original, decoded, &path, out);
}

/// `path` is only written out for a problem.
fn walk(original: &Value, decoded: &Value, path: &Path<'_>, out: &mut Vec<Problem>) {
    match (original, decoded) {
        (Value::Array(items), Value::Object(_)) => out.push(Problem::new(
            path.to_string(),
            format!(
                "类型错误：此处应为对象，文件中是有 {} 个元素的数组",
                items.len()
            ),
        )),
        (Value::Object(o), Value::Object(d)) => {
            for (key, value) in o {
                if let Some(back) = d.get(key) {
                    walk(value, back, &Path::Key(path, key), out);
                }
            }
        }
        (Value::Array(o), Value::Array(d)) => {
            for (i, (value, back)) in o.iter().zip(d).enumerate() {
                walk(value, back, &Path::Index(path, i), out);
            }
        }
        _ => {}
    }
}

/// The problem for an error of typed decoding from `text` (compact JSON, one
/// line, written from `value`): its path found from the error's position, and
/// its message in Chinese — the same path and message as decoding `value`
/// itself under `serde_path_to_error` gave.
pub(super) fn located(text: &str, value: &Value, e: &serde_json::Error) -> Problem {
    let full = e.to_string();
    let raw = match full.rfind(" at line ") {
        Some(i) => &full[..i],
        None => full.as_str(),
    };
    // serde_json's column (1-based) names the last byte read, or the next byte
    // when it reports a `[` or `{` it did not read.
    let column = e.column();
    let next = column.min(text.len());
    let at = if raw.starts_with("invalid type: sequence") || raw.starts_with("invalid type: map") {
        next
    } else if !raw.is_ascii() {
        // Our own refusal of a scalar (our messages are Chinese; e.g. the
        // fiscal year's range), raised once serde_json has read the byte after
        // it: at an object's `}` that byte would name the object, not the
        // member. A serde message quoting non-ASCII text names a string, and
        // one byte back is still inside that string.
        column.saturating_sub(2)
    } else {
        column.saturating_sub(1)
    };
    let (mut segs, in_key) = located_at(text, at);
    let enum_map = |segs: &mut Vec<Seg>| {
        segs.pop();
        lookup(value, segs)
            .and_then(Value::as_object)
            .map(|m| m.len())
    };
    use serde::de::{Error, Unexpected};
    let not_one_key =
        || serde_json::Error::invalid_value(Unexpected::Map, &"map with a single key").to_string();
    let message = match raw {
        // An enum written as an object: its key is the variant, not a field, and
        // a value tree first counts its keys.
        _ if in_key && raw.starts_with("unknown variant") => match enum_map(&mut segs) {
            Some(1) => raw.to_string(),
            _ => not_one_key(),
        },
        _ if raw.ends_with(", expected unit") => {
            let mut parent = segs.clone();
            match enum_map(&mut parent) {
                Some(n) if n != 1 => {
                    segs = parent;
                    not_one_key()
                }
                _ => raw.to_string(),
            }
        }
        // Text: more elements than the struct has fields. A value tree says:
        "trailing characters" => {
            segs.pop();
            let n = lookup(value, &segs)
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            format!("invalid length {n}, expected fewer elements in array")
        }
        // Text: an enum neither a string nor an object of one key.
        "expected value" => {
            // After `{"variant": null` a second key: the error names the end of
            // that `null`. Otherwise it names the first byte of the value.
            if text.as_bytes().get(at) == Some(&b'l') {
                segs.pop();
            }
            // Made by serde_json's error, which writes numbers and null its own way.
            match lookup(value, &segs) {
                Some(Value::Object(_)) | None => not_one_key(),
                Some(v) => {
                    serde_json::Error::invalid_type(unexpected(v), &"string or map").to_string()
                }
            }
        }
        other => other.to_string(),
    };
    Problem::new(path_text(&segs), translate(&message))
}

fn lookup<'a>(value: &'a Value, segs: &[Seg]) -> Option<&'a Value> {
    segs.iter().try_fold(value, |v, seg| match seg {
        Seg::Key(k) => v.get(k),
        Seg::Index(i) => v.get(i),
    })
}

/// What serde says a JSON value is (as `serde_json::Value` deserializing itself).
fn unexpected(v: &Value) -> serde::de::Unexpected<'_> {
    use serde::de::Unexpected;
    match v {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => Unexpected::Unsigned(u),
            (_, Some(i), _) => Unexpected::Signed(i),
            (_, _, Some(f)) => Unexpected::Float(f),
            _ => Unexpected::Other("number"),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
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
    use super::translate;

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
