//! The `derived` a file states, as text: where it is, and whether it is the
//! recomputation written out. A file as exported states exactly the
//! recomputation, which then needs no value tree (more than half of a file);
//! anything else is read whole and compared leaf by leaf.

/// Where the value of the top-level key `derived` is in `text` (an object or
/// an array), found by counting brackets outside strings: nothing inside it is
/// judged. `None` when the text is not an object of members whose values end,
/// or has no such `derived`.
pub(super) fn top_level_derived(text: &str) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let mut i = skip_space(b, 0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    let mut found = None;
    loop {
        i = skip_space(b, i + 1);
        if b.get(i) != Some(&b'"') {
            return None;
        }
        let key_end = string_end(b, i)?;
        let key = &text[i..key_end];
        i = skip_space(b, key_end);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i = skip_space(b, i + 1);
        let start = i;
        i = value_end(b, i)?;
        if key == "\"derived\"" && matches!(b.get(start), Some(b'{' | b'[')) {
            found = Some((start, i));
        }
        i = skip_space(b, i);
        match b.get(i) {
            Some(b',') => {}
            Some(b'}') => return found,
            _ => return None,
        }
    }
}

fn skip_space(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\n' | b'\r' | b'\t')) {
        i += 1;
    }
    i
}

/// End (index after the closing quote) of the string that starts at `i`.
fn string_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    loop {
        match b.get(j)? {
            b'"' => return Some(j + 1),
            b'\\' => j += 2,
            _ => j += 1,
        }
    }
}

/// End of the value that starts at `i`: a string, an object or array
/// (brackets counted, strings skipped, which bracket closes is not judged), or
/// a scalar up to the next separator.
fn value_end(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i)? {
        b'"' => string_end(b, i),
        b'{' | b'[' => {
            let (mut j, mut depth) = (i, 0usize);
            loop {
                match b.get(j)? {
                    b'"' => {
                        j = string_end(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
        }
        _ => {
            let mut j = i;
            while !matches!(
                b.get(j),
                None | Some(b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t')
            ) {
                j += 1;
            }
            Some(j)
        }
    }
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
        let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) else {
            return i == a.len() && j == b.len();
        };
        if x != y {
            return false;
        }
        if matches!(x, b'{' | b'}' | b'[' | b']' | b',' | b':') {
            i += 1;
            j += 1;
            continue;
        }
        let (Some(ea), Some(eb)) = (value_end(a, i), value_end(b, j)) else {
            return false;
        };
        if a[i..ea] != b[j..eb] {
            return false;
        }
        i = ea;
        j = eb;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn derived_is_found_at_the_top_level_only() {
        let t = r#" {"a": {"derived": [1]}, "derived": {"t": [[1], "]"], "x": {}}, "z": 1} "#;
        let (a, b) = top_level_derived(t).unwrap();
        assert_eq!(&t[a..b], r#"{"t": [[1], "]"], "x": {}}"#);
        // Its inside is not judged; the rest must be members that end.
        let t = r#"{"derived": {"x": 1 2, "x": [1}], "report": {}}"#;
        let (a, b) = top_level_derived(t).unwrap();
        assert_eq!(&t[a..b], r#"{"x": 1 2, "x": [1}]"#);
        for t in [
            r#"{"derived": 0}"#,
            r#"{"derived": {"#,
            r#"{"derived": {}, "a" 1}"#,
            r#"[{"derived": {}}]"#,
            r#"{"a": "x"#,
            r#"{"a": 1"#,
        ] {
            assert_eq!(top_level_derived(t), None, "{t}");
        }
    }
}
