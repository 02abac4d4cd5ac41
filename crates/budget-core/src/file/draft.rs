//! Bare inputs (a draft or a fixture) and the web app's saved draft: the
//! reader of `import` with amount text kept as typed, and the draft's text
//! helpers.

use serde_json::Value;

use super::error::ImportError;
use super::import::inputs_value;
use super::json;
use crate::model::Inputs;

/// Read a draft or a bare `Inputs` JSON as the clerk left it: amount text is
/// kept as typed (the checks judge it), structure is strict, problems have paths.
pub fn read_inputs(text: &str) -> Result<Inputs, ImportError> {
    inputs_value(json::parse(text)?)
}

/// `{"format": …, "version": n, "inputs": {…}}` (other members ignored): a
/// wrapper around bare inputs, such as the web app's saved draft.
#[derive(Debug, Clone, PartialEq)]
pub struct Wrapped {
    /// `format` as written.
    pub format: String,
    /// `version` as written.
    pub version: u64,
    /// The inputs, read as [`read_inputs`] reads them.
    pub inputs: Inputs,
}

/// A [`Wrapped`] text (a draft as the web app saves it): `None` when the text
/// is not JSON, not that shape, or its `inputs` are refused by
/// [`read_inputs`]; the caller then says why its own way.
pub fn read_wrapped(text: &str) -> Option<Wrapped> {
    let Value::Object(mut top) = json::parse(text).ok()? else {
        return None;
    };
    let format = top.get("format")?.as_str()?.to_string();
    let version = top.get("version")?.as_u64()?;
    let inputs = inputs_value(top.remove("inputs")?).ok()?;
    Some(Wrapped {
        format,
        version,
        inputs,
    })
}

/// JSON `text` with every character outside ASCII written as a `\uXXXX`
/// escape (two for a character outside the Basic Multilingual Plane): the same
/// JSON value, in a text a browser can hold as one byte a character.
///
/// For the web app's draft: a 10,000-row draft has ~3,500 Chinese characters in
/// 1.26 M, and they alone made the whole string two bytes a character in
/// JavaScript. Escaped, passing it to JavaScript took 2.4 ms instead of 8.4
/// and `localStorage.setItem` 10.4 ms instead of 16.9 (Chromium, 5 runs each).
/// Characters outside ASCII can only stand inside JSON strings, where an
/// escape means the same character; and keys of this crate's types are ASCII.
pub fn ascii_only(text: String) -> String {
    use std::fmt::Write as _;
    if text.is_ascii() {
        return text;
    }
    // ASCII runs are copied whole: a loop over every character took longer
    // in the browser than the time the escapes save.
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut run = 0;
    let mut units = [0u16; 2];
    while let Some(at) = bytes[run..]
        .iter()
        .position(|b| !b.is_ascii())
        .map(|k| run + k)
    {
        out.push_str(&text[run..at]);
        // `at` starts a character: every byte before it in the run is ASCII.
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        for unit in c.encode_utf16(&mut units) {
            // Writing to a String cannot fail.
            let _ = write!(out, "\\u{unit:04x}");
        }
        run = at + c.len_utf8();
    }
    out.push_str(&text[run..]);
    out
}
