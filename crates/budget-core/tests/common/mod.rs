//! Helpers shared by the integration tests (`mod common;` in each).

// Tests read fixtures: the core's no-IO rule (crates/budget-core/clippy.toml)
// is for its library.
#![allow(clippy::disallowed_methods)]

/// The names of the files in `dir`, sorted.
pub fn files_in(dir: &str) -> Vec<String> {
    let mut got: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| {
            e.expect("a directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    got.sort();
    got
}
