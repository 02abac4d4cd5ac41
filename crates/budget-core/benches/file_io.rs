//! Export and import of the submission file for 100, 1,000 and 10,000 synthetic
//! budget rows. Run: `cargo bench -p budget-core --bench file_io`; prints the
//! median of each step and the file size.
//!
//! `cargo bench -p budget-core --bench file_io -- once export 10000` (or
//! `import`, `open`) runs one step once, for `valgrind --tool=callgrind`.

// Tests and benches read fixtures and time runs: the core's no-IO, no-clock,
// no-float rules (crates/budget-core/clippy.toml) are for its library.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use budget_core::{Inputs, file};
use budget_synthetic as synthetic;

const SIZES: [usize; 3] = [100, 1_000, 10_000];
const AT: &str = "2026-11-25T12:00:00Z";

fn median(mut f: impl FnMut(), min_runs: usize) -> Duration {
    let mut times = Vec::new();
    let start = Instant::now();
    while times.len() < min_runs
        || (start.elapsed() < Duration::from_secs(2) && times.len() < 1_000)
    {
        let t = Instant::now();
        f();
        times.push(t.elapsed());
    }
    times.sort();
    times[times.len() / 2]
}

fn export(inputs: &Inputs) -> String {
    match file::export(inputs, AT) {
        Ok(text) => text,
        Err(e) => panic!("synthetic form does not export: {e}"),
    }
}

fn import(bytes: &[u8]) -> usize {
    match file::import(bytes) {
        Ok(imported) => imported.inputs.rows.len() + imported.findings.len(),
        Err(e) => panic!("exported file does not import: {e}"),
    }
}

fn open(bytes: &[u8]) -> usize {
    match file::open(bytes) {
        Ok(opened) => opened.inputs().rows.len() + opened.findings().len(),
        Err(e) => panic!("exported file does not open: {e}"),
    }
}

/// What the app's import does before it paints ([`file::open_for_editing`]),
/// then the comparison it leaves for after the paint.
fn editing(bytes: &[u8]) -> file::Opening {
    match file::open_for_editing(bytes.to_vec()) {
        Ok(opening) => opening,
        Err(e) => panic!("exported file does not open for editing: {e}"),
    }
}

fn compared(opening: &file::Opening) -> usize {
    match opening.pending.findings(&opening.inputs) {
        Ok(findings) => findings.len(),
        Err(e) => panic!("exported file's stated figures are refused: {e}"),
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1e3)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(i) = args.iter().position(|a| a == "once") {
        let step = args.get(i + 1).map(String::as_str).unwrap_or("export");
        let n = args
            .get(i + 2)
            .and_then(|s| s.parse().ok())
            .unwrap_or(10_000);
        let inputs = synthetic::generate(n, 42);
        match step {
            "export" => drop(black_box(export(black_box(&inputs)))),
            "import" => {
                let text = export(&inputs);
                black_box(import(black_box(text.as_bytes())));
            }
            "open" => {
                let text = export(&inputs);
                black_box(open(black_box(text.as_bytes())));
            }
            "edit" => {
                let text = export(&inputs);
                black_box(editing(black_box(text.as_bytes())));
            }
            other => panic!("unknown step {other} (export, import, open, edit)"),
        }
        return;
    }
    println!(
        "{:>7} {:>11} {:>11} {:>11} {:>11} {:>11} {:>11}",
        "rows", "file bytes", "export ms", "import ms", "open ms", "edit ms", "compare ms"
    );
    for n in SIZES {
        let inputs = synthetic::generate(n, 42);
        let text = export(&inputs);
        let runs = if n >= 10_000 { 5 } else { 20 };
        let e = median(|| drop(black_box(export(black_box(&inputs)))), runs);
        let i = median(|| _ = black_box(import(black_box(text.as_bytes()))), runs);
        let o = median(|| _ = black_box(open(black_box(text.as_bytes()))), runs);
        let ed = median(
            || drop(black_box(editing(black_box(text.as_bytes())))),
            runs,
        );
        let opening = editing(text.as_bytes());
        let c = median(|| _ = black_box(compared(black_box(&opening))), runs);
        println!(
            "{n:>7} {:>11} {:>11} {:>11} {:>11} {:>11} {:>11}",
            text.len(),
            ms(e),
            ms(i),
            ms(o),
            ms(ed),
            ms(c)
        );
    }
}
