//! One pass over the bytes of a JSON text that builds no values: what typed
//! decoding straight from the text cannot see ([`quick_check`]), and the JSON
//! path at a byte position, for an error that serde_json reports by line and
//! column ([`path_at`]).
//!
//! Both work on any input without panicking; neither judges syntax (serde_json
//! does, with its own messages).

use std::collections::HashSet;

/// Keys whose value is an array in the file format (outside `derived`). An array
/// anywhere else stands where the format has an object (see
/// [`super::structure::arrays_for_objects`]), or is an unknown field.
const ARRAY_KEYS: &[&str] = &[
    "rows",
    "economic_rows",
    "procurement",
    "indicators",
    "projects",
    "duties",
    "links",
    "findings",
    "locations",
];

/// Objects with more keys than this are checked for repeats with a set.
const SMALL_OBJECT: usize = 24;

/// What [`quick_check`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Scan {
    /// The text is one JSON object in which no object repeats a key, no key has
    /// an escape, and arrays stand only under [`ARRAY_KEYS`] (any array may stand
    /// inside the top-level `derived`). When the text is also valid JSON and decodes, the
    /// strict reading (a value tree, then typed decoding, then the objects-only
    /// check) would accept it with the same result.
    pub clean: bool,
    /// The top-level object has a `format` key.
    pub has_format: bool,
    /// The top-level object has a `unit` key.
    pub has_unit: bool,
    /// Where the value of the top-level `derived` is, when it is an object or
    /// an array: its bytes in the text.
    pub derived: Option<(usize, usize)>,
}

struct Frame<'a> {
    array: bool,
    /// Inside the top-level `derived`: any array may stand here.
    free: bool,
    /// Start of this object's keys in the shared key list.
    keys_from: usize,
    /// For an object of many keys.
    set: Option<HashSet<&'a str>>,
    /// The value of the top-level `derived`: where it starts.
    derived_at: Option<usize>,
}

/// End (index after the closing quote) of the string that starts at `i` (a `"`),
/// and whether it holds an escape; `None` when it does not end.
fn string_end(b: &[u8], i: usize) -> Option<(usize, bool)> {
    let mut j = i + 1;
    let mut escaped = false;
    while j < b.len() {
        match b[j] {
            b'"' => return Some((j + 1, escaped)),
            b'\\' => {
                escaped = true;
                j += 2;
            }
            _ => j += 1,
        }
    }
    None
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// True when some byte of `w` is zero.
fn has_zero_byte(w: u64) -> bool {
    w.wrapping_sub(ONES) & !w & HIGH != 0
}

/// The eight bytes at `i` as a word, when there are eight.
fn word_at(b: &[u8], i: usize) -> Option<u64> {
    let mut word = [0u8; 8];
    word.copy_from_slice(b.get(i..i + 8)?);
    Some(u64::from_le_bytes(word))
}

/// Index of the first byte at or after `i` that is not JSON whitespace.
///
/// A pretty-printed file is more than half indentation (4.8 MB of which 2.7 MB
/// are spaces for 10,000 rows): runs of spaces are skipped eight bytes at a
/// time, the rest byte by byte.
pub(super) fn skip_space(b: &[u8], mut i: usize) -> usize {
    const SPACES: [u8; 8] = [b' '; 8];
    loop {
        while let Some(chunk) = b.get(i..i + 8)
            && chunk == SPACES
        {
            i += 8;
        }
        match b.get(i) {
            Some(b' ' | b'\n' | b'\r' | b'\t') => i += 1,
            _ => return i,
        }
    }
}

/// End of the number or literal that starts at `i`.
fn scalar_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && !matches!(b[i], b',' | b']' | b'}' | b' ' | b'\n' | b'\r' | b'\t') {
        i += 1;
    }
    i
}

/// See [`Scan`]. Stops at the first thing that is not clean.
pub(super) fn quick_check(text: &str) -> Scan {
    scan(text, false)
}

/// [`quick_check`] of everything but the top-level `derived`, whose end is
/// found by counting brackets ([`skim_end`]): `clean` then says nothing of
/// what is inside it. For a reading that compares the stated `derived` with
/// the recomputation as text and reads the file the long way when they differ
/// (see `Pending::findings`).
pub(super) fn quick_check_skimming_derived(text: &str) -> Scan {
    scan(text, true)
}

/// End (index after it) of the object or array that starts at `i`: brackets
/// counted, strings skipped, nothing else judged; `None` when it does not end.
fn skim_end(b: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 0usize;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => {
                i = string_end(b, i)?.0;
                continue;
            }
            b' ' | b'\n' | b'\r' | b'\t' => {
                i = skip_space(b, i);
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

fn scan(text: &str, skim_derived: bool) -> Scan {
    let b = text.as_bytes();
    let mut out = Scan::default();
    // Keys as offsets into `text`: the keys of every open object, in order.
    let mut keys: Vec<(usize, usize)> = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    // The last key read in the current object (the key of the value that follows).
    let mut key: (usize, usize) = (0, 0);
    let mut want_key = false;
    let mut i = 0;
    let mut started = false;
    while i < b.len() {
        let c = b[i];
        match c {
            b' ' | b'\n' | b'\r' | b'\t' | b':' => i = skip_space(b, i + 1),
            b',' => {
                want_key = stack.last().is_some_and(|f| !f.array);
                i += 1;
            }
            b'{' | b'[' => {
                let parent_free = stack.last().is_some_and(|f| f.free);
                let derived = stack.len() == 1 && &text[key.0..key.1] == "derived";
                if derived && skim_derived {
                    let Some(end) = skim_end(b, i) else {
                        return out;
                    };
                    out.derived = Some((i, end));
                    want_key = false;
                    i = end;
                    continue;
                }
                let free = parent_free || derived;
                if stack.is_empty() {
                    if started || c == b'[' {
                        return out;
                    }
                    started = true;
                } else if c == b'[' && !free {
                    match stack.last() {
                        Some(f) if !f.array && ARRAY_KEYS.contains(&&text[key.0..key.1]) => {}
                        _ => return out,
                    }
                }
                stack.push(Frame {
                    array: c == b'[',
                    free,
                    keys_from: keys.len(),
                    set: None,
                    derived_at: derived.then_some(i),
                });
                want_key = c == b'{';
                i += 1;
            }
            b'}' | b']' => {
                let Some(f) = stack.pop() else { return out };
                if f.array != (c == b']') {
                    return out;
                }
                keys.truncate(f.keys_from);
                want_key = false;
                i += 1;
                if let Some(start) = f.derived_at {
                    out.derived = Some((start, i));
                }
                if stack.is_empty() {
                    // Only whitespace may follow (serde_json says so precisely).
                    out.clean = text[i..].trim_ascii().is_empty();
                    return out;
                }
            }
            b'"' => {
                let Some((end, escaped)) = string_end(b, i) else {
                    return out;
                };
                if want_key {
                    if escaped {
                        return out;
                    }
                    let k = (i + 1, end - 1);
                    let name = &text[k.0..k.1];
                    let Some(f) = stack.last_mut() else {
                        return out;
                    };
                    if repeated(text, &keys, f, name) {
                        return out;
                    }
                    if stack.len() == 1 {
                        out.has_format |= name == "format";
                        out.has_unit |= name == "unit";
                    }
                    keys.push(k);
                    key = k;
                    want_key = false;
                } else if stack.is_empty() {
                    return out;
                }
                i = end;
            }
            _ => {
                if stack.is_empty() || want_key {
                    return out;
                }
                i = scalar_end(b, i).max(i + 1);
            }
        }
    }
    out
}

/// True when `name` is already a key of the object `f` (whose keys are
/// `keys[f.keys_from..]`).
fn repeated<'a>(text: &'a str, keys: &[(usize, usize)], f: &mut Frame<'a>, name: &'a str) -> bool {
    let own = &keys[f.keys_from..];
    if own.len() < SMALL_OBJECT {
        return own.iter().any(|&(s, e)| &text[s..e] == name);
    }
    let set = f.set.get_or_insert_with(|| {
        own.iter()
            .map(|&(s, e)| &text[s..e])
            .collect::<HashSet<_>>()
    });
    !set.insert(name)
}

/// Index of the first `\n` at or after `i` (eight bytes at a time).
fn find_newline(b: &[u8], mut i: usize) -> Option<usize> {
    while let Some(w) = word_at(b, i) {
        if has_zero_byte(w ^ (ONES * u64::from(b'\n'))) {
            break;
        }
        i += 8;
    }
    b.get(i..)?.iter().position(|&c| c == b'\n').map(|k| i + k)
}

/// True when `stated` is `lines` (JSON written by [`super::json_lines`]: serde_json's
/// pretty writer without indentation) indented: each line of `lines`, then a
/// newline and any spaces before the next. A pretty file (the export) writes
/// `derived` so. A JSON string holds no raw newline, so every `\n` is between
/// tokens, the spaces after it too, and each line compares as plain bytes.
pub(super) fn same_indented(stated: &str, lines: &str) -> bool {
    let (s, p) = (stated.as_bytes(), lines.as_bytes());
    let (mut i, mut j) = (0, 0);
    loop {
        let end = find_newline(p, j).unwrap_or(p.len());
        let line = &p[j..end];
        if s.get(i..i + line.len()) != Some(line) {
            return false;
        }
        i += line.len();
        if end == p.len() {
            return i == s.len();
        }
        if s.get(i) != Some(&b'\n') {
            return false;
        }
        i = skip_indent(s, i + 1);
        j = end + 1;
    }
}

/// Index of the first byte at or after `i` that is not a space.
fn skip_indent(b: &[u8], mut i: usize) -> usize {
    const SPACES: [u8; 8] = [b' '; 8];
    while let Some(chunk) = b.get(i..i + 8)
        && chunk == SPACES
    {
        i += 8;
    }
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    i
}

/// True when `a` and `b` are the same JSON text but for whitespace between
/// tokens (the pretty and the one-value-a-line writing of one value).
pub(super) fn same_json_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    loop {
        // Whitespace is skipped between tokens only: each token is compared
        // whole, so `1 2` never matches `12` (nor `"a b"` `"ab"`).
        i = skip_space(a, i);
        j = skip_space(b, j);
        match (a.get(i), b.get(j)) {
            (None, None) => return true,
            (Some(&x), Some(&y)) if x == y => match x {
                b'{' | b'}' | b'[' | b']' | b',' | b':' => {
                    i += 1;
                    j += 1;
                }
                b'"' => {
                    let Some((end, _)) = string_end(a, i) else {
                        return false;
                    };
                    let len = end - i;
                    if b.get(j..j + len) != Some(&a[i..end]) {
                        return false;
                    }
                    i = end;
                    j += len;
                }
                _ => {
                    let (ea, eb) = (scalar_end(a, i), scalar_end(b, j));
                    if a[i..ea] != b[j..eb] {
                        return false;
                    }
                    i = ea;
                    j = eb;
                }
            },
            _ => return false,
        }
    }
}

/// One step of a JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Seg {
    Key(String),
    Index(usize),
}

/// `segs` written as a path: `inputs.rows[0].code`.
pub(super) fn path_text(segs: &[Seg]) -> String {
    let mut s = String::new();
    for seg in segs {
        match seg {
            Seg::Key(k) if s.is_empty() => s.push_str(k),
            Seg::Key(k) => {
                s.push('.');
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

struct Level {
    array: bool,
    count: usize,
    /// A member (key) or element of this container is open: its segment is on the path.
    open: bool,
}

/// The path of the innermost key or value at byte `at` of `text` (valid JSON):
/// a key counts from its opening quote to the end of its value, an element from
/// its first to its last byte, a container's closing bracket belongs to it.
#[cfg(test)]
pub(super) fn path_at(text: &str, at: usize) -> Vec<Seg> {
    located_at(text, at).0
}

/// [`path_at`], and whether byte `at` is in a key (its quotes included).
pub(super) fn located_at(text: &str, at: usize) -> (Vec<Seg>, bool) {
    let b = text.as_bytes();
    let mut segs: Vec<Seg> = Vec::new();
    let mut levels: Vec<Level> = Vec::new();
    let mut i = 0;
    // An element starts here: in an array, its index joins the path.
    let start_value = |levels: &mut Vec<Level>, segs: &mut Vec<Seg>| {
        if let Some(l) = levels.last_mut()
            && l.array
        {
            segs.push(Seg::Index(l.count));
            l.count += 1;
            l.open = true;
        }
    };
    while i < b.len() {
        match b[i] {
            b' ' | b'\n' | b'\r' | b'\t' | b':' => i += 1,
            b',' => {
                if let Some(l) = levels.last_mut()
                    && l.open
                {
                    l.open = false;
                    segs.pop();
                }
                i += 1;
            }
            c @ (b'{' | b'[') => {
                start_value(&mut levels, &mut segs);
                if i >= at {
                    return (segs, false);
                }
                levels.push(Level {
                    array: c == b'[',
                    count: 0,
                    open: false,
                });
                i += 1;
            }
            b'}' | b']' => {
                if let Some(l) = levels.last()
                    && l.open
                {
                    segs.pop();
                }
                if i >= at {
                    return (segs, false);
                }
                levels.pop();
                i += 1;
            }
            b'"' => {
                let end = string_end(b, i).map_or(b.len(), |(e, _)| e);
                let is_key = levels.last().is_some_and(|l| !l.array && !l.open);
                if is_key {
                    let raw = &text[i..end];
                    let name = serde_json::from_str::<String>(raw)
                        .unwrap_or_else(|_| raw.trim_matches('"').to_string());
                    segs.push(Seg::Key(name));
                    if let Some(l) = levels.last_mut() {
                        l.open = true;
                    }
                } else {
                    start_value(&mut levels, &mut segs);
                }
                if end > at {
                    return (segs, is_key);
                }
                i = end;
            }
            _ => {
                start_value(&mut levels, &mut segs);
                let end = scalar_end(b, i).max(i + 1);
                if end > at {
                    return (segs, false);
                }
                i = end;
            }
        }
    }
    (segs, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(t: &str) -> bool {
        quick_check(t).clean
    }

    #[test]
    fn clean_files_pass() {
        assert!(clean(
            r#"{"format":"x","inputs":{"rows":[{"a":"1"},{"a":"2"}],"unit":{"duties":["a","b"]}}}"#
        ));
        let t = r#"  {"derived": {"t": [[1], [2]], "x": {"a": 1}}}  "#;
        let s = quick_check(t);
        assert!(s.clean);
        let (a, b) = s.derived.unwrap();
        assert_eq!(&t[a..b], r#"{"t": [[1], [2]], "x": {"a": 1}}"#);
        assert!(!clean(r#"{"derived": {"x": {"a": 1, "a": 2}}}"#));
        assert!(clean(r#"{"a": "x\"y", "b": "}{]["}"#));
        let s = quick_check(r#"{"format": 1, "unit": {}}"#);
        assert!(s.clean && s.has_format && s.has_unit);
    }

    #[test]
    fn skimming_judges_all_but_the_inside_of_derived() {
        let t = r#"{"format": "x", "derived": {"x": {"a": "}", "a": [2}]}, "report": {}}"#;
        assert!(!clean(t));
        let s = quick_check_skimming_derived(t);
        assert!(s.clean && s.has_format);
        let (a, b) = s.derived.unwrap();
        assert_eq!(&t[a..b], r#"{"x": {"a": "}", "a": [2}]}"#);
        // Outside `derived` nothing changes; a `derived` that does not end is not clean.
        for t in [
            r#"{"derived": {}, "a": 1, "a": 2}"#,
            r#"{"derived": {"x": [1}"#,
            r#"{"derived": {"x": "}}"#,
            r#"{"derived": {}} x"#,
        ] {
            assert!(!quick_check_skimming_derived(t).clean, "{t}");
        }
        assert_eq!(
            quick_check_skimming_derived(r#"{"derived": 0}"#).derived,
            None
        );
    }

    #[test]
    fn what_typed_decoding_misses_is_not_clean() {
        for t in [
            r#"{"a": 1, "a": 2}"#,
            r#"{"inputs": {"explanations": {"k": "1", "k": "2"}}}"#,
            r#"{"inputs": {"rows": [[1, 2]]}}"#,
            r#"{"inputs": {"unit": ["n", "s"]}}"#,
            r#"{"a\u0062": 1}"#,
            r#"[1]"#,
            r#"{"a": 1} x"#,
            r#"{"a": 1"#,
            r#"{} {}"#,
            r#""x""#,
        ] {
            assert!(!clean(t), "{t}");
        }
        let many: Vec<String> = (0..40).map(|i| format!("\"k{i}\": 1")).collect();
        assert!(clean(&format!("{{{}}}", many.join(","))));
        assert!(!clean(&format!("{{{}, \"k7\": 2}}", many.join(","))));
    }

    #[test]
    fn texts_compare_without_whitespace() {
        assert!(same_json_text(
            "{\n  \"a\": [1, \"x y\"]\n}",
            r#"{"a":[1,"x y"]}"#
        ));
        assert!(!same_json_text(r#"{"a":"x y"}"#, r#"{"a":"xy"}"#));
        assert!(!same_json_text(r#"{"a":"\" b"}"#, r#"{"a":"\"b"}"#));
        assert!(!same_json_text(r#"{"a":1}"#, r#"{"a":1} "x""#));
        assert!(!same_json_text(r#"{"a":"1.5"}"#, r#"{"a":"1.50"}"#));
        // Whitespace only between tokens: a split number or literal is not the same.
        assert!(!same_json_text(r#"{"a": 1 2}"#, r#"{"a":12}"#));
        assert!(!same_json_text(r#"{"a": tr ue}"#, r#"{"a":true}"#));
        assert!(!same_json_text(r#"{"a": 12}"#, r#"{"a":1}"#));
        assert!(!same_json_text(r#"{"a": "x"#, r#"{"a":"x"}"#));
        assert!(same_json_text("[ 1 ,\t2 ,\r\n true ]  ", "[1,2,true]"));
    }

    #[test]
    fn indented_texts_compare_line_by_line() {
        let lines = "{\n\"a\": [\n1,\n\"x y\"\n]\n}";
        let nested = "{\n    \"a\": [\n      1,\n      \"x y\"\n    ]\n  }";
        assert!(same_indented(nested, lines));
        assert!(same_indented(lines, lines));
        assert!(same_indented("[]", "[]"));
        assert!(!same_indented(&nested[..nested.len() - 1], lines));
        assert!(!same_indented(&format!("{nested} "), lines));
        assert!(!same_indented(&format!("{nested}\n"), lines));
        assert!(!same_indented(&nested.replace("1,", "2,"), lines));
        assert!(!same_indented(&nested.replace("[\n", "[ \n"), lines));
        assert!(!same_indented(
            &nested.replace("\"x y\"", "\"x  y\""),
            lines
        ));
        // Only spaces after a newline; a tab is not taken.
        assert!(!same_indented(
            &nested.replace("\n    \"a", "\n\t\"a"),
            lines
        ));
        // Long lines (the eight-byte newline search) and newlines at chunk ends.
        let long = format!("{{\n\"{}\": 1\n}}", "k".repeat(37));
        let long_nested = long.replace('\n', "\n            ");
        assert!(same_indented(&long_nested, &long));
        assert!(!same_indented(&long_nested.replacen('k', "j", 1), &long));
        for n in 0..20 {
            let p = format!("{}\n{}", "x".repeat(n), "y".repeat(n));
            let s = format!("{}\n{}{}", "x".repeat(n), " ".repeat(n), "y".repeat(n));
            assert!(same_indented(&s, &p), "{n}");
            assert_eq!(find_newline(p.as_bytes(), 0), Some(n));
            assert_eq!(skip_indent(s.as_bytes(), n + 1), 2 * n + 1);
        }
    }

    #[test]
    fn strings_end_at_their_unescaped_quote() {
        for (t, want) in [
            (r#""""#, Some((2, false))),
            (r#""abc" x"#, Some((5, false))),
            (r#""a\"b" x"#, Some((6, true))),
            (r#""a\\" x"#, Some((5, true))),
            (r#""abc"#, None),
            (r#""a\"#, None),
            (r#""a\""#, None),
        ] {
            assert_eq!(string_end(t.as_bytes(), 0), want, "{t}");
        }
        // Long strings, the quote or escape at every offset of a chunk.
        for n in 0..40 {
            let plain = format!("\"{}\"", "字".repeat(n / 3) + &"a".repeat(n % 3));
            assert_eq!(string_end(plain.as_bytes(), 0), Some((plain.len(), false)));
            let esc = format!("\"{}\\\"{}\"", "b".repeat(n), "c".repeat(n));
            assert_eq!(string_end(esc.as_bytes(), 0), Some((esc.len(), true)));
            let open = format!("\"{}", "d".repeat(n));
            assert_eq!(string_end(open.as_bytes(), 0), None);
        }
    }

    #[test]
    fn spaces_are_skipped_in_runs() {
        let t = format!("{}x", " ".repeat(37));
        assert_eq!(skip_space(t.as_bytes(), 0), 37);
        assert_eq!(skip_space(b"\n      \t  \r        y", 0), 19);
        assert_eq!(skip_space(b"   ", 0), 3);
        assert_eq!(skip_space(b"", 0), 0);
        assert_eq!(skip_space(b"a ", 5), 5);
    }

    #[test]
    fn paths_at_positions() {
        let t = r#"{"inputs":{"rows":[{"code":"1","kind":"x"},[1,2]],"unit":{}},"z":[]}"#;
        let at = |needle: &str, plus: usize| path_text(&path_at(t, t.find(needle).unwrap() + plus));
        assert_eq!(at("\"kind\"", 5), "inputs.rows[0].kind");
        assert_eq!(at("\"x\"", 2), "inputs.rows[0].kind");
        assert_eq!(at("[1,2]", 0), "inputs.rows[1]");
        assert_eq!(at("[1,2]", 3), "inputs.rows[1][1]");
        assert_eq!(at("[1,2]", 4), "inputs.rows[1]");
        assert_eq!(at("{}", 1), "inputs.unit");
        assert_eq!(at("\"z\"", 0), "z");
        assert_eq!(path_text(&path_at(t, t.len() - 1)), "");
    }
}
