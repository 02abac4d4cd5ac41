//! From bytes to a JSON value, refusing what a money file must not contain:
//! oversized or non-UTF-8 input, duplicate keys, and nesting deep enough to
//! threaten the stack. Every refusal says where, in Chinese.

use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::map::Entry;
use serde_json::{Map, Value};

use super::MAX_FILE_BYTES;
use super::error::ImportError;

/// Bytes → text: size limit, UTF-8 BOM stripped, UTF-8 required, not empty.
pub(super) fn decode(bytes: &[u8]) -> Result<&str, ImportError> {
    not_too_large(bytes)?;
    not_utf16(bytes)?;
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| not_utf8(bytes, &e))?;
    not_empty(text)
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

fn not_too_large(bytes: &[u8]) -> Result<(), ImportError> {
    let size = bytes.len() as u64;
    if size > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    Ok(())
}

/// Refuse UTF-16 (Windows 记事本's “Unicode”), by its BOM, or without one by a
/// zero byte beside the first character: a JSON text starts with ASCII (`{`,
/// a space), which UTF-16 writes as that byte and a zero. Without this check
/// a file with a BOM was called “可能是 GBK”, and one without a BOM passed as
/// UTF-8 (a zero byte is valid UTF-8) to fail as a syntax error at line 1.
fn not_utf16(bytes: &[u8]) -> Result<(), ImportError> {
    let big_endian = match bytes {
        [0xFF, 0xFE, ..] => false,
        [0xFE, 0xFF, ..] => true,
        [a, 0, ..] if *a != 0 && a.is_ascii() => false,
        [0, b, ..] if *b != 0 && b.is_ascii() => true,
        _ => return Ok(()),
    };
    Err(ImportError::Utf16 { big_endian })
}

/// Where `bytes` (BOM stripped) stop being UTF-8, and whether they look GBK.
fn not_utf8(bytes: &[u8], e: &std::str::Utf8Error) -> ImportError {
    let offset = e.valid_up_to();
    let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
    ImportError::NotUtf8 {
        line,
        offset,
        likely_gbk: looks_like_gbk(bytes),
    }
}

fn not_empty(text: &str) -> Result<&str, ImportError> {
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(text)
}

/// True when every non-ASCII byte pairs up as a GBK double-byte character
/// (lead 0x81–0xFE, trail 0x40–0xFE except 0x7F) and there is at least one.
pub(super) fn looks_like_gbk(bytes: &[u8]) -> bool {
    let mut pairs = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        let trail = bytes.get(i + 1).copied();
        match (b, trail) {
            (0x81..=0xFE, Some(t)) if (0x40..=0xFE).contains(&t) && t != 0x7F => {
                pairs += 1;
                i += 2;
            }
            _ => return false,
        }
    }
    pairs > 0
}

/// Text → JSON value, with duplicate keys refused and serde_json's recursion
/// limit (128) guarding the stack.
pub(super) fn parse(text: &str) -> Result<Value, ImportError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = StrictValue { path: &Path::Root }
        .deserialize(&mut de)
        .map_err(syntax_error)?;
    de.end().map_err(syntax_error)?;
    Ok(value)
}

fn syntax_error(e: serde_json::Error) -> ImportError {
    let (line, column) = (e.line(), e.column());
    let full = e.to_string();
    // serde_json appends " at line L column C"; we say it in Chinese instead.
    let raw = match full.rfind(" at line ") {
        Some(i) => &full[..i],
        None => full.as_str(),
    };
    if raw == "recursion limit exceeded" {
        return ImportError::TooDeep { line, column };
    }
    ImportError::Syntax {
        line,
        column,
        message: translate_syntax(raw),
    }
}

/// Chinese for serde_json's syntax messages; unknown ones keep the original.
fn translate_syntax(raw: &str) -> String {
    let known = match raw {
        "EOF while parsing a list" => "文件在数组中间意外结束（文件不完整，可能被截断）",
        "EOF while parsing an object" => "文件在对象中间意外结束（文件不完整，可能被截断）",
        "EOF while parsing a string" => "文件在字符串中间意外结束（文件不完整，可能被截断）",
        "EOF while parsing a value" => "文件意外结束，缺少内容（文件不完整，可能被截断）",
        "expected `:`" => "此处应为冒号 `:`",
        "expected `,` or `]`" => "此处应为逗号 `,` 或 `]`",
        "expected `,` or `}`" => "此处应为逗号 `,` 或 `}`",
        "expected ident" => "无法识别的内容（应为 true、false 或 null）",
        "expected value" => "此处应为一个值（字符串、数字、对象或数组）",
        "expected `\"`" => "此处应为双引号 `\"`",
        "invalid escape" => "字符串中有无效的转义符",
        "invalid number" => "无效的数字",
        "number out of range" => "数字超出范围",
        "invalid unicode code point" => "无效的 Unicode 字符",
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "字符串中有控制字符（如未转义的换行）"
        }
        "key must be a string" => "对象的键必须是带双引号的字符串",
        "lone leading surrogate in hex escape" => "字符串中有不成对的 Unicode 代理项",
        "trailing comma" => "多余的逗号",
        "trailing characters" => "JSON 结束后还有多余内容",
        "unexpected end of hex escape" => "\\u 转义不完整",
        _ => return raw.to_string(),
    };
    known.to_string()
}

/// Where the parser (or a walk over a value) is, kept on the stack so that
/// paths cost nothing until an error needs one.
pub(super) enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Key(Path::Root, k) => write!(f, "{k}"),
            Path::Key(parent, k) => write!(f, "{parent}.{k}"),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

/// Builds a `serde_json::Value`, failing on a key repeated in one object.
struct StrictValue<'a> {
    path: &'a Path<'a>,
}

impl<'de> DeserializeSeed<'de> for StrictValue<'_> {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StrictValue<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    // A JSON number read as serde_json reads it, never as money: the amount
    // walk then refuses it (amounts are strings in the file).
    #[allow(clippy::disallowed_types)]
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        loop {
            let path = Path::Index(self.path, out.len());
            match seq.next_element_seed(StrictValue { path: &path })? {
                Some(v) => out.push(v),
                None => break,
            }
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            // One lookup per key: the entry both finds a repeat and takes the value.
            match out.entry(key) {
                Entry::Occupied(seen) => {
                    let path = Path::Key(self.path, seen.key());
                    return Err(de::Error::custom(format!(
                        "键 `{path}` 重复出现（同一对象中的键不能重复）"
                    )));
                }
                Entry::Vacant(slot) => {
                    let path = Path::Key(self.path, slot.key());
                    let value = map.next_value_seed(StrictValue { path: &path })?;
                    slot.insert(value);
                }
            }
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_bytes_are_recognised() {
        // "预算" in GBK: D4 A4 CB E3
        assert!(looks_like_gbk(b"{\"name\": \"\xD4\xA4\xCB\xE3\"}"));
        assert!(!looks_like_gbk(b"plain ascii"));
        assert!(!looks_like_gbk(b"\xFF"));
    }

    #[test]
    fn utf16_is_named_with_or_without_its_bom() {
        let utf16 = |text: &str, bom: bool, be: bool| -> Vec<u8> {
            let mut out = Vec::new();
            let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
            for u in units {
                out.extend(if be { u.to_be_bytes() } else { u.to_le_bytes() });
            }
            out
        };
        for (bom, be) in [(true, false), (false, false), (true, true), (false, true)] {
            let bytes = utf16("{\"format\": \"预算\"}", bom, be);
            let want = ImportError::Utf16 { big_endian: be };
            assert_eq!(decode(&bytes), Err(want), "bom {bom}, be {be}");
        }
        assert!(decode(b"{\"a\": 1}").is_ok());
        assert!(decode(b"\xEF\xBB\xBF{\"a\": 1}").is_ok());
        assert!(!matches!(decode(b"\0\0"), Err(ImportError::Utf16 { .. })));
    }

    #[test]
    fn duplicate_key_names_its_path() {
        let e = parse(r#"{"a": {"b": 1, "b": 2}}"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "第 1 行第 18 列：键 `a.b` 重复出现（同一对象中的键不能重复）"
        );
    }

    #[test]
    fn paths_show_indices() {
        let e = parse(r#"{"rows": [{}, {"x": 1, "x": 1}]}"#).unwrap_err();
        assert!(e.to_string().contains("`rows[1].x`"), "{e}");
    }
}
