//! The JSON Schema of the submission file (native only: the CLI and the
//! tests; never in the wasm).

use serde_json::Value;

use super::{FORMAT, Submission, VERSION};

/// The JSON Schema of the submission file (committed as
/// `schema/budget-form-v1.schema.json`). Amounts and derived figures are strings.
pub fn json_schema() -> Value {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<Submission>();
    let mut value = schema.to_value();
    decimals_as_strings(&mut value);
    value
}

/// [`json_schema`] as pretty text with a final newline, exactly as committed.
pub fn json_schema_text() -> String {
    let mut s = serde_json::to_string_pretty(&json_schema()).unwrap_or_default();
    s.push('\n');
    s
}

/// schemars describes a Decimal as "string or number" for reading; a file we
/// write and read holds strings only.
fn decimals_as_strings(v: &mut Value) {
    match v {
        Value::Object(map) => {
            let is_decimal = map.get("type") == Some(&serde_json::json!(["string", "number"]))
                && map
                    .get("pattern")
                    .and_then(Value::as_str)
                    .is_some_and(|p| p.contains("[eE]"));
            if is_decimal {
                map.insert("type".into(), "string".into());
                map.insert("pattern".into(), r"^-?\d+(\.\d+)?$".into());
            }
            map.values_mut().for_each(decimals_as_strings);
        }
        Value::Array(items) => items.iter_mut().for_each(decimals_as_strings),
        _ => {}
    }
}

pub(super) fn format(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "type": "string", "const": FORMAT, "description": "Always \"budget-form\"." })
}

pub(super) fn version(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "type": "integer", "const": VERSION, "description": "Always 1." })
}
