//! Debug loader for timing the grids: opening the app with `?synthetic=10000`
//! replaces the form with `budget_core::synthetic::generate(10000, 42)` (a
//! valid form with that many budget rows). Used by tests/e2e/bench/grid-bench.mjs.

use budget_core::Inputs;
use wasm_bindgen::JsValue;

/// Most rows the loader builds.
const MAX_ROWS: usize = 100_000;

/// The row count asked for by `?synthetic=N` in the page address, if any.
fn asked_rows() -> Option<usize> {
    let window = web_sys::window()?;
    let location = js_sys::Reflect::get(&window, &JsValue::from_str("location")).ok()?;
    let search = js_sys::Reflect::get(&location, &JsValue::from_str("search"))
        .ok()?
        .as_string()?;
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|kv| kv.strip_prefix("synthetic="))
        .and_then(|n| n.parse::<usize>().ok())
        .map(|n| n.min(MAX_ROWS))
}

/// The synthetic form asked for by the address, if any.
pub fn synthetic_from_query() -> Option<Inputs> {
    asked_rows().map(|n| budget_core::synthetic::generate(n, 42))
}
