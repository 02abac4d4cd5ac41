//! Typed decoding of a JSON value with the path of its first error, without a
//! path-tracking deserializer: the value is written as [`json_lines`] text
//! (one JSON value a line) and decoded from that text, so the line of
//! serde_json's error names one place in the value, found by a walk in the
//! writer's order. The model's `Deserialize` impls are then compiled for one
//! deserializer only (serde_json's text reader), which is what the page's wasm
//! pays for.
//!
//! The error is the one serde_json's value deserializer gives (messages and
//! paths as `serde_path_to_error` over the value gave them): where the text
//! reader words or places an error otherwise, [`as_from_value`] says it as
//! the value deserializer does.

use std::ops::ControlFlow;

use serde::de::{DeserializeOwned, Error as _, Unexpected};
use serde_json::Value;

use super::export::json_lines;
use super::json::Path;

/// `value` decoded as `T`, or its first structural error: the JSON path
/// (`inputs.rows[3].code`, `""` for the whole value) and serde's message.
pub(super) fn decode<T: DeserializeOwned>(value: &Value) -> Result<T, (String, String)> {
    let text = json_lines(value).map_err(|e| (String::new(), e.to_string()))?;
    serde_json::from_str(&text).map_err(|e| locate(value, &e))
}

/// The path and message of `e`, an error decoding [`json_lines`]`(value)`.
fn locate(value: &Value, e: &serde_json::Error) -> (String, String) {
    let full = e.to_string();
    // serde_json appends the position, which the path replaces.
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
    match at(value, e.line(), e.column()) {
        Some(at) => as_from_value(&at, message),
        None => (String::new(), message),
    }
}

/// Which part of its line an error is at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// A member's key.
    Key,
    /// The first character of the value (the reader peeked at it).
    Start,
    /// After the first character of the value (the reader read some or all of it).
    After,
    /// A container's closing `}` or `]`.
    Close,
}

/// The place an error's line and column name in the value.
#[derive(Debug)]
struct At<'v> {
    /// The value on the line (the container, on its closing line).
    node: &'v Value,
    path: String,
    /// The container holding `node`, and its path.
    parent: Option<(&'v Value, String)>,
    part: Part,
}

/// The place serde_json's `line` and `column` name in [`json_lines`]`(value)`.
///
/// serde_json's column counts bytes: for most errors, those before the byte
/// it would read next (a value it looked at but did not read, or the one
/// after the value, key or `}` it read); for a few syntax-like ones ("expected
/// value", "trailing characters"), up to and including the byte it looked at.
/// Either way the line is the error's own.
fn at(value: &Value, line: usize, column: usize) -> Option<At<'_>> {
    let ControlFlow::Break(found) = walk(value, &Path::Root, None, 1, line) else {
        return None;
    };
    // A member's line starts with its key (as JSON text) and ": ".
    let start = found.key.map_or(0, |k| k + 2);
    let part = match column {
        _ if found.close => Part::Close,
        c if found.key.is_some_and(|k| c <= k) => Part::Key,
        c if c == start + 1 => Part::Start,
        _ => Part::After,
    };
    Some(At {
        node: found.node,
        path: found.path,
        parent: found.parent,
        part,
    })
}

/// What [`walk`] finds on a line.
struct Found<'v> {
    node: &'v Value,
    path: String,
    parent: Option<(&'v Value, String)>,
    /// The length of the member's key as JSON text, when `node` is a member.
    key: Option<usize>,
    /// The line closes `node`.
    close: bool,
}

/// Walk `value` (at `path`, in `parent`), written from line `first` on, in
/// [`json_lines`]' layout: a scalar or an empty container is one line; a
/// container opens on its first line, then each item from the next line,
/// then its closing line. Continue with the last line of `value`, or break
/// with what is on `line`.
fn walk<'v>(
    value: &'v Value,
    path: &Path<'_>,
    parent: Option<&'v Value>,
    first: usize,
    line: usize,
) -> ControlFlow<Found<'v>, usize> {
    let found = |close| {
        let (parent_path, key) = match path {
            Path::Root => (None, None),
            Path::Index(p, _) => (Some(p.to_string()), None),
            Path::Key(p, k) => (
                Some(p.to_string()),
                serde_json::to_string(k).ok().map(|k| k.len()),
            ),
        };
        ControlFlow::Break(Found {
            node: value,
            path: path.to_string(),
            parent: parent.zip(parent_path),
            key,
            close,
        })
    };
    if line == first {
        return found(false);
    }
    let mut next = first + 1;
    match value {
        Value::Array(items) if !items.is_empty() => {
            for (i, item) in items.iter().enumerate() {
                next = walk(item, &Path::Index(path, i), Some(value), next, line)? + 1;
            }
        }
        Value::Object(members) if !members.is_empty() => {
            for (key, item) in members {
                next = walk(item, &Path::Key(path, key), Some(value), next, line)? + 1;
            }
        }
        _ => return ControlFlow::Continue(first),
    }
    if line == next {
        found(true)
    } else {
        ControlFlow::Continue(next)
    }
}

/// serde_json's text reader and its value deserializer differ in a few
/// errors; say them as the value deserializer does (the wording and path the
/// clerk has always been shown):
/// - a unit enum (a code such as `kind`) given an object with other than one
///   key (`{}`, `{"basic": null, "x": 1}`) is "map with a single key" at the
///   enum; given `{"misc": …}`, the unknown variant is at the enum, not at
///   `misc`;
/// - given any other non-string, it is "invalid type: …, expected string or
///   map" (the text reader says "expected value");
/// - a struct written as an array with too many items is "invalid length"
///   at the array (the text reader says "trailing characters" at the item);
/// - a field's own check (`exported_at`, `fiscal_year`) on the last member of
///   an object is reported at the object's closing line: it is the member's.
fn as_from_value(at: &At<'_>, message: String) -> (String, String) {
    let parent = at.parent.as_ref();
    let here = || at.path.clone();
    match (at.part, message.as_str()) {
        (Part::Close, m)
            if !m.starts_with("missing field `") && !m.starts_with("invalid length ") =>
        {
            (last_item(at.node, &at.path).unwrap_or_else(here), message)
        }
        (_, "trailing characters") => match parent {
            Some((Value::Array(items), path)) => (
                path.clone(),
                serde_json::Error::invalid_length(items.len(), &"fewer elements in array")
                    .to_string(),
            ),
            _ => (here(), message),
        },
        (_, "expected value") => match (at.node, parent) {
            (Value::Object(_), _) => (here(), single_key()),
            // `{"basic": null, …}`: the reader stopped after the first member.
            (Value::Null, Some((_, path))) if at.part == Part::After => {
                (path.clone(), single_key())
            }
            (node, _) => (
                here(),
                serde_json::Error::invalid_type(unexpected(node), &"string or map").to_string(),
            ),
        },
        (Part::Key, m) if m.starts_with("unknown variant `") => enum_object(parent, message, None),
        (_, m) if m.ends_with(", expected unit") => enum_object(parent, message, Some(here())),
        _ => (here(), message),
    }
}

/// The object `parent` read as a unit enum (`{"basic": null}`): with other
/// than one key, "map with a single key" at it; else `message` at `path`, or
/// at the object.
fn enum_object(
    parent: Option<&(&Value, String)>,
    message: String,
    path: Option<String>,
) -> (String, String) {
    match parent {
        Some((Value::Object(members), at)) if members.len() != 1 => (at.clone(), single_key()),
        Some((_, at)) => (path.unwrap_or_else(|| at.clone()), message),
        None => (path.unwrap_or_default(), message),
    }
}

/// The value deserializer's message for an enum given an object without
/// exactly one key.
fn single_key() -> String {
    serde_json::Error::invalid_value(Unexpected::Map, &"map with a single key").to_string()
}

/// The path of the last item of the container `node` at `path`.
fn last_item(node: &Value, path: &str) -> Option<String> {
    let root = Path::Root;
    let parent = match path {
        "" => root,
        p => Path::Key(&root, p),
    };
    match node {
        Value::Array(items) => Some(Path::Index(&parent, items.len().checked_sub(1)?).to_string()),
        Value::Object(members) => Some(Path::Key(&parent, members.keys().next_back()?).to_string()),
        _ => None,
    }
}

/// What serde_json's value deserializer calls `value` in a message.
fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => Unexpected::Unsigned(u),
            (_, Some(i), _) => Unexpected::Signed(i),
            // Only to name the number in the message, as serde_json does.
            (_, _, Some(f)) => Unexpected::Float(f),
            _ => Unexpected::Other("number"),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::{Value, json};

    use super::decode;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)] // only decoded
    struct Doc {
        name: String,
        #[serde(default)]
        kind: Kind,
        rows: Vec<Row>,
        #[serde(default)]
        notes: Vec<String>,
        #[serde(default)]
        inner: Option<Inner>,
        #[serde(default, deserialize_with = "small")]
        n: u32,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)] // only decoded
    struct Row {
        code: String,
        kind: Kind,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)] // only decoded
    struct Inner {
        grid: Vec<Vec<u32>>,
    }

    #[derive(Debug, Default, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        #[default]
        Basic,
        Project,
    }

    /// A field's own check, as `fiscal_year` and `exported_at` have.
    fn small<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
        let n = u32::deserialize(d)?;
        if n < 5 {
            Ok(n)
        } else {
            Err(serde::de::Error::custom(format!("{n} is too big")))
        }
    }

    fn row(code: Value, kind: Value) -> Value {
        json!({ "code": code, "kind": kind })
    }

    /// A `Doc` with `rows`, and `extra` members after them.
    fn doc(rows: Value, extra: Value) -> Value {
        let mut doc = json!({ "name": "a", "rows": rows });
        let doc_members = doc.as_object_mut().unwrap();
        for (k, v) in extra.as_object().unwrap() {
            doc_members.insert(k.clone(), v.clone());
        }
        doc
    }

    #[test]
    fn an_error_is_at_the_path_and_worded_as_the_value_deserializer_words_it() {
        let ok = || row(json!("a"), json!("basic"));
        let fields = "expected one of `name`, `kind`, `rows`, `notes`, `inner`, `n`";
        let single_key = "invalid value: map, expected map with a single key";
        let cases: Vec<(&str, Value, &str, String)> = vec![
            (
                "the root is not an object",
                json!(5),
                "",
                "invalid type: integer `5`, expected struct Doc".into(),
            ),
            (
                "the root is an empty object",
                json!({}),
                "",
                "missing field `name`".into(),
            ),
            (
                "a field missing at the root, after the last member",
                json!({ "name": "a", "notes": [] }),
                "",
                "missing field `rows`".into(),
            ),
            (
                "a wrong type at the root's first member",
                json!({ "name": 5, "rows": [] }),
                "name",
                "invalid type: integer `5`, expected a string".into(),
            ),
            (
                "an unknown field",
                doc(json!([]), json!({ "colour": "red", "n": 1 })),
                "colour",
                format!("unknown field `colour`, {fields}"),
            ),
            (
                "an unknown field, the last member",
                doc(json!([]), json!({ "colour": "red" })),
                "colour",
                format!("unknown field `colour`, {fields}"),
            ),
            (
                "a wrong type in an array's object",
                doc(
                    json!([ok(), row(json!(1), json!("basic")), ok()]),
                    json!({}),
                ),
                "rows[1].code",
                "invalid type: integer `1`, expected a string".into(),
            ),
            (
                "a field missing in the last element",
                doc(json!([ok(), { "code": "b" }]), json!({})),
                "rows[1]",
                "missing field `kind`".into(),
            ),
            (
                "an empty object element",
                doc(json!([ok(), {}]), json!({})),
                "rows[1]",
                "missing field `code`".into(),
            ),
            (
                "an unknown variant",
                doc(json!([ok(), row(json!("b"), json!("misc"))]), json!({})),
                "rows[1].kind",
                "unknown variant `misc`, expected `basic` or `project`".into(),
            ),
            (
                "an unknown variant, not the last member",
                doc(json!([]), json!({ "kind": "misc", "n": 1 })),
                "kind",
                "unknown variant `misc`, expected `basic` or `project`".into(),
            ),
            (
                "an enum given null",
                doc(json!([]), json!({ "kind": null })),
                "kind",
                "invalid type: null, expected string or map".into(),
            ),
            (
                "an enum given a number in an array",
                doc(json!([ok(), row(json!("b"), json!(3))]), json!({})),
                "rows[1].kind",
                "invalid type: integer `3`, expected string or map".into(),
            ),
            (
                "an enum given an array",
                doc(json!([]), json!({ "kind": ["basic"] })),
                "kind",
                "invalid type: sequence, expected string or map".into(),
            ),
            (
                "an enum given {}",
                doc(json!([]), json!({ "kind": {} })),
                "kind",
                single_key.into(),
            ),
            (
                "an enum given an object with an unknown key",
                doc(json!([]), json!({ "kind": { "misc": 1 } })),
                "kind",
                "unknown variant `misc`, expected `basic` or `project`".into(),
            ),
            (
                "an enum given an object with two keys",
                doc(json!([]), json!({ "kind": { "basic": null, "x": 1 } })),
                "kind",
                single_key.into(),
            ),
            (
                "an enum given an object with two keys, the first unknown",
                doc(json!([]), json!({ "kind": { "misc": null, "x": 1 } })),
                "kind",
                single_key.into(),
            ),
            (
                "an enum given an object with two keys, the first with a value",
                doc(json!([]), json!({ "kind": { "basic": 1, "x": 1 } })),
                "kind",
                single_key.into(),
            ),
            (
                "an enum given its variant with a value",
                doc(json!([]), json!({ "kind": { "basic": 5 } })),
                "kind.basic",
                "invalid type: integer `5`, expected unit".into(),
            ),
            (
                "the last element of an array of strings",
                doc(json!([]), json!({ "notes": ["a", "b", 3] })),
                "notes[2]",
                "invalid type: integer `3`, expected a string".into(),
            ),
            (
                "an object in an array of strings",
                doc(json!([]), json!({ "notes": ["a", { "b": 1 }, "c"] })),
                "notes[1]",
                "invalid type: map, expected a string".into(),
            ),
            (
                "an array where a string goes",
                doc(json!([]), json!({ "name": ["a"] })),
                "name",
                "invalid type: sequence, expected a string".into(),
            ),
            (
                "nested arrays",
                doc(
                    json!([]),
                    json!({ "inner": { "grid": [[1, 2], [], [3, "x"]] } }),
                ),
                "inner.grid[2][1]",
                "invalid type: string \"x\", expected u32".into(),
            ),
            (
                "a negative count",
                doc(json!([]), json!({ "inner": { "grid": [[-1]] } })),
                "inner.grid[0][0]",
                "invalid value: integer `-1`, expected u32".into(),
            ),
            (
                "a struct given an empty array",
                doc(json!([]), json!({ "inner": [] })),
                "inner",
                "invalid length 0, expected struct Inner with 1 element".into(),
            ),
            (
                "a struct given a longer array",
                doc(json!([]), json!({ "inner": [[], [], []], "n": 1 })),
                "inner",
                "invalid length 3, expected fewer elements in array".into(),
            ),
            (
                "a field's own check, the last member",
                doc(json!([]), json!({ "n": 7 })),
                "n",
                "7 is too big".into(),
            ),
            (
                "a field's own check, not the last member",
                doc(json!([]), json!({ "n": 7, "notes": [] })),
                "n",
                "7 is too big".into(),
            ),
            (
                "a field's own check, the last member of the last member",
                json!({ "name": "a", "rows": [], "n": 9 }),
                "n",
                "9 is too big".into(),
            ),
        ];
        for (what, value, path, message) in cases {
            let got = decode::<Doc>(&value).expect_err(what);
            assert_eq!(got, (path.to_string(), message), "{what}: {value}");
        }
        let rows = json!([row(json!("a"), json!("basic")), { "code": "b", "kind": 1 }]);
        assert_eq!(
            decode::<Vec<Row>>(&rows).unwrap_err(),
            (
                "[1].kind".to_string(),
                "invalid type: integer `1`, expected string or map".to_string()
            )
        );
        assert!(
            decode::<Doc>(&doc(
                json!([row(json!("a"), json!({ "project": null }))]),
                json!({})
            ))
            .is_ok()
        );
    }

    /// Every leaf of the seed sample made invalid (an array where a string,
    /// number or code goes) is reported at its own path.
    #[test]
    fn every_leaf_of_the_sample_made_invalid_is_reported_at_its_path() {
        let sample: Value =
            serde_json::from_str(include_str!("../../../../fixtures/dadukou-2021.json")).unwrap();
        let mut leaves = Vec::new();
        leaf_pointers(&sample, String::new(), String::new(), &mut leaves);
        assert!(leaves.len() > 200, "{}", leaves.len());
        for (pointer, path) in leaves {
            let mut bad = sample.clone();
            *bad.pointer_mut(&pointer).unwrap() = json!([[]]);
            let (got, message) = decode::<crate::Inputs>(&bad).expect_err(&path);
            assert_eq!(got, path, "{message}");
            assert!(
                message.starts_with("invalid type: sequence"),
                "{path}: {message}"
            );
        }
    }

    /// Each scalar of `value`: its JSON pointer and its path as reported.
    fn leaf_pointers(
        value: &Value,
        pointer: String,
        path: String,
        out: &mut Vec<(String, String)>,
    ) {
        match value {
            Value::Object(members) => {
                for (k, v) in members {
                    let path = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    let pointer = format!("{pointer}/{}", k.replace('~', "~0").replace('/', "~1"));
                    leaf_pointers(v, pointer, path, out);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    leaf_pointers(v, format!("{pointer}/{i}"), format!("{path}[{i}]"), out);
                }
            }
            _ => out.push((pointer, path)),
        }
    }
}
