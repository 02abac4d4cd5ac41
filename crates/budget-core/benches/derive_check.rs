//! Derive + check at 100, 1,000 and 10,000 budget rows, beside a baseline that
//! only sums the same amounts. Run: `cargo bench -p budget-core --bench derive_check`.
//! Criterion prints its own statistics; a summary table with the ratio follows,
//! then the web app's per-edit work (`Totals::compute` + `check_live`: the
//! same checks without deriving every table).

// Tests and benches read fixtures and time runs: the core's no-IO, no-clock,
// no-float rules (crates/budget-core/clippy.toml) are for its library.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use budget_core::{Inputs, Totals, check, check_live, derive};
use budget_synthetic as synthetic;
use criterion::{BenchmarkId, Criterion};
use rust_decimal::Decimal;

const SIZES: [usize; 3] = [100, 1_000, 10_000];

fn derive_and_check(inputs: &Inputs) -> usize {
    let derived = derive(inputs);
    check(inputs, &derived).len() + derived.tables.len()
}

/// What the web app runs on every edit.
fn live_check(inputs: &Inputs) -> usize {
    let totals = Totals::compute(inputs);
    check_live(inputs, &totals).len()
}

/// The floor: touch every amount once and add it up.
fn bare_sum(inputs: &Inputs) -> Decimal {
    let rows: Decimal = inputs
        .rows
        .iter()
        .map(|r| r.this_year.value() + r.last_year.value())
        .sum();
    rows + inputs
        .economic_rows
        .iter()
        .map(|e| e.amount.value())
        .sum::<Decimal>()
}

fn median(mut f: impl FnMut(), min_runs: usize) -> Duration {
    let mut times = Vec::new();
    let start = Instant::now();
    while times.len() < min_runs
        || (start.elapsed() < Duration::from_secs(1) && times.len() < 10_000)
    {
        let t = Instant::now();
        f();
        times.push(t.elapsed());
    }
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let forms: Vec<(usize, Inputs)> = SIZES
        .iter()
        .map(|&n| (n, synthetic::generate(n, 42)))
        .collect();
    let mut c = Criterion::default()
        .configure_from_args()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    {
        let mut g = c.benchmark_group("derive_check");
        for (n, inputs) in &forms {
            g.bench_with_input(BenchmarkId::new("derive+check", n), inputs, |b, i| {
                b.iter(|| derive_and_check(black_box(i)))
            });
            g.bench_with_input(BenchmarkId::new("totals+check_live", n), inputs, |b, i| {
                b.iter(|| live_check(black_box(i)))
            });
            g.bench_with_input(BenchmarkId::new("bare sum", n), inputs, |b, i| {
                b.iter(|| bare_sum(black_box(i)))
            });
        }
        g.finish();
    }
    c.final_summary();

    summary(
        "summary (median wall time per run)",
        "derive+check",
        14,
        &forms,
        derive_and_check,
    );
    summary(
        "per edit in the web app (median wall time per run)",
        "totals+check_live",
        18,
        &forms,
        live_check,
    );
    // The same forms laid out by the 上海 template, with the texts it prints
    // (issue 22: the budgets hold under every template).
    let shanghai: Vec<(usize, Inputs)> = forms
        .iter()
        .map(|(n, inputs)| {
            let inputs = synthetic::with_template(inputs.clone(), "shanghai-district-2025");
            (*n, inputs)
        })
        .collect();
    summary(
        "template shanghai-district-2025 (median wall time per run)",
        "derive+check",
        14,
        &shanghai,
        derive_and_check,
    );
    summary(
        "template shanghai-district-2025, per edit in the web app",
        "totals+check_live",
        18,
        &shanghai,
        live_check,
    );
}

/// One table: `run` beside the bare-sum floor, per form size (the browser
/// benchmark reads these lines; keep their layout).
fn summary(
    title: &str,
    name: &str,
    width: usize,
    forms: &[(usize, Inputs)],
    run: fn(&Inputs) -> usize,
) {
    println!("\n{title}");
    println!(
        "{:>8}  {name:>width$}  {:>12}  {:>7}",
        "rows", "bare sum", "ratio"
    );
    let value_width = width - 3;
    for (n, inputs) in forms {
        let t = median(
            || {
                black_box(run(black_box(inputs)));
            },
            20,
        );
        let base = median(
            || {
                black_box(bare_sum(black_box(inputs)));
            },
            20,
        );
        println!(
            "{:>8}  {:>value_width$.3} ms  {:>9.3} ms  {:>6.1}x",
            n,
            t.as_secs_f64() * 1e3,
            base.as_secs_f64() * 1e3,
            t.as_secs_f64() / base.as_secs_f64()
        );
    }
}
