//! Debug loader for timing the grids: opening the app with `?synthetic=10000`
//! replaces the form with `budget_synthetic::generate(10000, 42)` (a
//! valid form with that many budget rows). `&projects=0` also drops the project
//! forms (about half of the page's elements). Used by tests/e2e/bench/bench.mjs
//! and grid-bench.mjs.

use budget_core::Inputs;
use wasm_bindgen::JsValue;

/// Most rows the loader builds.
const MAX_ROWS: usize = 100_000;

/// The query string of the page address (`?a=1&b=2`).
fn query() -> Option<String> {
    let window = web_sys::window()?;
    let location = js_sys::Reflect::get(&window, &JsValue::from_str("location")).ok()?;
    let search = js_sys::Reflect::get(&location, &JsValue::from_str("search"))
        .ok()?
        .as_string()?;
    Some(search)
}

/// The value of `key` in a query string.
fn param<'a>(query: &'a str, key: &str) -> Option<&'a str> {
    query
        .trim_start_matches('?')
        .split('&')
        .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
}

/// The synthetic form asked for by the address, if any.
pub fn synthetic_from_query() -> Option<Inputs> {
    let q = query()?;
    let rows = param(&q, "synthetic")?.parse::<usize>().ok()?.min(MAX_ROWS);
    let mut inputs = budget_synthetic::generate(rows, 42);
    if param(&q, "projects") == Some("0") {
        inputs.projects.clear();
    }
    Some(inputs)
}

#[cfg(test)]
mod tests {
    use super::param;

    #[test]
    fn params_are_read_by_exact_key() {
        assert_eq!(
            param("?synthetic=10000&projects=0", "synthetic"),
            Some("10000")
        );
        assert_eq!(param("?synthetic=10000&projects=0", "projects"), Some("0"));
        assert_eq!(param("?xsynthetic=5", "synthetic"), None);
    }
}
