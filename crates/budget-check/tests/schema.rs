//! The committed JSON Schema is generated from the types and must not go stale.

use std::path::PathBuf;

use budget_core::file::{AMOUNT_PATHS, json_schema, json_schema_text};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn committed_schema_is_up_to_date() {
    let path = root().join("schema/budget-form-v1.schema.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == json_schema_text(),
        "{} is stale (the types changed). Regenerate it with:\n  \
         cargo run -p budget-check -- schema > schema/budget-form-v1.schema.json",
        path.display()
    );
}

/// Every path (in `AMOUNT_PATHS` notation) under `schema` whose type is `Amount`.
fn amount_paths(schema: &Value, defs: &Value, path: &str, out: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/$defs/");
        if name == "Amount" {
            out.push(path.to_string());
        } else {
            amount_paths(&defs[name], defs, path, out);
        }
    }
    if let Some(items) = schema.get("items") {
        amount_paths(items, defs, &format!("{path}[]"), out);
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        for s in schema
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            amount_paths(s, defs, path, out);
        }
    }
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        for (k, s) in props {
            let p = if path.is_empty() {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            amount_paths(s, defs, &p, out);
        }
    }
}

#[test]
fn the_strict_amount_walk_knows_every_amount_field() {
    let schema = json_schema();
    let defs = &schema["$defs"];
    let mut found = Vec::new();
    amount_paths(&defs["Inputs"], defs, "", &mut found);
    sort_once::sort(&mut found);
    let mut listed: Vec<String> = AMOUNT_PATHS.iter().map(|s| s.to_string()).collect();
    sort_once::sort(&mut listed);
    assert_eq!(
        found, listed,
        "budget_core::file::AMOUNT_PATHS must list every Amount field of Inputs"
    );
}

#[test]
fn schema_says_amounts_and_derived_figures_are_strings() {
    let schema = json_schema();
    assert_eq!(schema["properties"]["format"]["const"], "budget-form");
    assert_eq!(schema["properties"]["version"]["const"], 1);
    assert_eq!(schema["additionalProperties"], false);
    assert_eq!(
        schema["$defs"]["Totals"]["properties"]["total"]["type"],
        "string"
    );
    assert_eq!(schema["$defs"]["Amount"]["type"], "string");
}
