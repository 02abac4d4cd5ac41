//! Test and benchmark hooks, compiled only with the `test-hooks` feature
//! (`scripts/test.sh` and `scripts/bench.sh` build with it; a release for
//! clerks does not): read from the page address.
//!
//! - `?synthetic=N` replaces the form with `budget_synthetic::generate(N, 42)`
//!   (a valid form with N budget rows; `&projects=0` also drops the project
//!   forms, `&template=<id>` lays it out by that template, with the texts it
//!   prints unless `&texts=0`) for timing the
//!   grids (tests/e2e/bench/).
//! - `?panic-test=1` shows a button that panics, to test the crash banner
//!   (tests/e2e/reliability.test.mjs).

use budget_core::Inputs;
use leptos::prelude::*;

/// Most rows the loader builds.
const MAX_ROWS: usize = 100_000;

/// The value of `key` in the page address's query string (`?a=1&b=2`).
fn query_param(key: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    param(&search, key).map(str::to_string)
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
    let rows = query_param("synthetic")?
        .parse::<usize>()
        .ok()?
        .min(MAX_ROWS);
    let mut inputs = budget_synthetic::generate(rows, 42);
    if query_param("projects").as_deref() == Some("0") {
        inputs.projects.clear();
    }
    // `&template=<id>`: the same form under another template, with the texts
    // that template prints (the benchmark's second run, issue 22); with
    // `&texts=0`, without them, as a clerk's form is before they are written.
    if let Some(id) = query_param("template") {
        if query_param("texts").as_deref() == Some("0") {
            inputs.template.0 = id;
        } else {
            inputs = budget_synthetic::with_template(inputs, &id);
        }
    }
    Some(inputs)
}

/// With `?panic-test=1` in the address: a button that panics. Nothing otherwise.
#[component]
pub fn PanicTest() -> impl IntoView {
    (query_param("panic-test").as_deref() == Some("1")).then(|| {
        view! {
            <button type="button" id="panic-test" on:click=|_| panic!("panic-test: 测试用的程序错误")>
                "触发程序错误（测试）"
            </button>
        }
    })
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
        assert_eq!(param("?panic-test=1", "panic-test"), Some("1"));
        assert_eq!(param("", "synthetic"), None);
    }
}
