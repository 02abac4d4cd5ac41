//! Write N generated unit files (submission files) into a folder, for the
//! `check --summary` benchmark (`scripts/bench-summary.sh`).
//!
//!   cargo run --example synthetic_units -- DIR [N]
//!
//! Unit i has 20–139 budget rows (a real unit has tens), its own name and code,
//! and passes every error-level check.

use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: synthetic_units DIR [N]");
        std::process::exit(2);
    };
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(300);
    std::fs::create_dir_all(&dir).expect("create the folder");
    for i in 0..n {
        let mut inputs = budget_synthetic::generate(20 + i * 37 % 120, i as u64 + 1);
        inputs.unit.name = format!("测试区合成单位{:03}", i + 1);
        inputs.unit.code = format!("999{:06}", i + 1);
        let text = budget_core::file::export(&inputs, "2026-12-07T08:00:00Z")
            .unwrap_or_else(|e| panic!("unit {i}: {e}"));
        std::fs::write(dir.join(format!("unit-{:03}.json", i + 1)), text).expect("write");
    }
    println!("{n} unit files in {}", dir.display());
}
