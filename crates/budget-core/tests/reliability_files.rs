//! Mutated submission files at scale (issue 8 item 1): more than 10,000 files,
//! each a real export (the seed sample, and synthetic forms of 1–4 rows) with
//! one to three mutations — truncation, byte flips, deleted and duplicated
//! fields, wrong types, huge numbers, swapped values, deep nesting — through
//! `budget_core::file::import`.
//!
//! For every file: no panic; a refusal has a non-empty Chinese message, and each
//! problem of an `Invalid` refusal names its JSON path; an accepted file
//! round-trips exactly (export, or for a form with error findings a plain
//! re-serialisation, → import → the same inputs). Counts are printed
//! (`cargo test -- --nocapture`) for RELIABILITY.md.

// Tests and benches read fixtures and time runs: the core's no-IO, no-clock,
// no-float rules (crates/budget-core/clippy.toml) are for its library.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use budget_core::file::{ExportError, ImportError, Imported, Opened, Report, export, import, open};
use budget_core::{Inputs, derive};
use budget_synthetic::{Rng, generate};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Value, json};

const AT: &str = "2026-11-25T19:30:00Z";

/// A base file: its text, its JSON value, and the JSON pointers of its nodes.
struct Base {
    text: String,
    value: Value,
    /// Every node under `inputs`.
    input_nodes: Vec<String>,
    /// Every node.
    all_nodes: Vec<String>,
    /// Byte length of the part before `derived` (header and inputs): text edits
    /// land there, where a syntax error stops the parser early and cheaply.
    inputs_end: usize,
}

fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                pointers(child, p, out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                pointers(child, p, out);
            }
        }
        _ => {}
    }
}

fn base(text: String) -> Base {
    let value: Value = serde_json::from_str(&text).unwrap();
    let mut all_nodes = Vec::new();
    pointers(&value, String::new(), &mut all_nodes);
    let input_nodes = all_nodes
        .iter()
        .filter(|p| p.starts_with("/inputs/"))
        .cloned()
        .collect();
    let inputs_end = text.find("\n  \"derived\"").unwrap_or(text.len());
    Base {
        inputs_end,
        text,
        value,
        input_nodes,
        all_nodes,
    }
}

fn sample_inputs() -> Inputs {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/dadukou-2021.json");
    match open(&std::fs::read(path).unwrap()).unwrap() {
        Opened::Inputs { inputs, .. } => inputs,
        other => panic!("the sample is bare inputs, got {other:?}"),
    }
}

/// The seed sample's export, then synthetic forms of 1 to 12 rows.
fn bases() -> &'static [Base] {
    static BASES: OnceLock<Vec<Base>> = OnceLock::new();
    BASES.get_or_init(|| {
        let mut out = vec![base(export(&sample_inputs(), AT).unwrap())];
        for (rows, seed) in [(1, 1), (2, 7), (4, 42)] {
            out.push(base(export(&generate(rows, seed), AT).unwrap()));
        }
        out
    })
}

/// One edit of a file.
#[derive(Debug, Clone)]
enum Mutation {
    /// Keep only the first bytes (per mille of the length).
    Truncate(u16),
    /// XOR one byte with a mask.
    FlipByte(u32, u8),
    /// Remove an object member or array element (node chosen by index).
    DeleteField(u32, bool),
    /// Write a member's line twice (a duplicate key in pretty JSON).
    DuplicateLine(u32),
    /// Replace a node with a value of another type.
    WrongType(u32, bool, u8),
    /// Replace a node with a huge number, as a string or as a JSON number.
    Huge(u32, bool, u8),
    /// Swap two nodes.
    Swap(u32, u32, bool),
    /// Replace a node with arrays nested this deep.
    DeepNest(u32, bool, u16),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (0u16..1000).prop_map(Mutation::Truncate),
        3 => (any::<u32>(), 1u8..=255).prop_map(|(i, m)| Mutation::FlipByte(i, m)),
        2 => any::<u32>().prop_map(Mutation::DuplicateLine),
        1 => (any::<u32>(), any::<bool>()).prop_map(|(i, d)| Mutation::DeleteField(i, d)),
        1 => (any::<u32>(), any::<bool>(), any::<u8>())
            .prop_map(|(i, d, k)| Mutation::WrongType(i, d, k)),
        1 => (any::<u32>(), any::<bool>(), any::<u8>())
            .prop_map(|(i, d, k)| Mutation::Huge(i, d, k)),
        1 => (any::<u32>(), any::<u32>(), any::<bool>())
            .prop_map(|(a, b, d)| Mutation::Swap(a, b, d)),
        1 => (any::<u32>(), any::<bool>(), 1u16..300)
            .prop_map(|(i, d, n)| Mutation::DeepNest(i, d, n)),
    ]
}

/// A node of `base`: under `inputs` when `inputs_only` (most of a file's
/// figures are derived; the inputs are where import can go wrong).
fn node(base: &Base, i: u32, inputs_only: bool) -> &str {
    let list = if inputs_only {
        &base.input_nodes
    } else {
        &base.all_nodes
    };
    &list[i as usize % list.len()]
}

fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

fn replace(value: &mut Value, pointer: &str, with: Value) {
    if let Some(slot) = value.pointer_mut(pointer) {
        *slot = with;
    }
}

fn remove(value: &mut Value, pointer: &str) {
    let Some((parent, last)) = pointer.rsplit_once('/') else {
        return;
    };
    match value.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.remove(&unescape(last));
        }
        Some(Value::Array(items)) => {
            if let Ok(i) = last.parse::<usize>()
                && i < items.len()
            {
                items.remove(i);
            }
        }
        _ => {}
    }
}

fn other_type(current: &Value, k: u8) -> Value {
    let choices = [
        json!(12.3),
        json!(-1),
        json!(true),
        Value::Null,
        json!([]),
        json!({}),
        json!("文字"),
        json!(["12.30"]),
        json!({ "amount": "12.30" }),
        json!("NaN"),
        json!(""),
    ];
    let pick = choices[k as usize % choices.len()].clone();
    if std::mem::discriminant(&pick) == std::mem::discriminant(current) {
        // Same kind: use the next one, which is of another kind.
        choices[(k as usize + 1) % choices.len()].clone()
    } else {
        pick
    }
}

fn huge(k: u8, as_string: bool) -> Value {
    let digits = match k % 4 {
        0 => format!("1{}", "0".repeat(30)),
        1 => "9".repeat(400),
        2 => format!("{}1", "0".repeat(5000)),
        _ => "18446744073709551616".to_string(),
    };
    if as_string {
        Value::String(digits)
    } else {
        // As a JSON number: spliced in as text below, since a Value cannot hold it.
        Value::String(format!("\u{1}NUMBER{digits}"))
    }
}

fn apply(base: &Base, mutations: &[Mutation]) -> Vec<u8> {
    let mut value = base.value.clone();
    let mut text_edits: Vec<&Mutation> = Vec::new();
    for m in mutations {
        match m {
            Mutation::DeleteField(i, d) => remove(&mut value, node(base, *i, *d)),
            Mutation::WrongType(i, d, k) => {
                let p = node(base, *i, *d);
                if let Some(current) = value.pointer(p) {
                    let with = other_type(current, *k);
                    replace(&mut value, p, with);
                }
            }
            Mutation::Huge(i, d, k) => {
                replace(&mut value, node(base, *i, *d), huge(*k, *k & 0x80 != 0));
            }
            Mutation::Swap(a, b, d) => {
                let (pa, pb) = (node(base, *a, *d), node(base, *b, !*d));
                // Not an ancestor with its own descendant.
                if !pa.starts_with(pb) && !pb.starts_with(pa) {
                    let va = value.pointer(pa).cloned();
                    let vb = value.pointer(pb).cloned();
                    if let (Some(va), Some(vb)) = (va, vb) {
                        replace(&mut value, pa, vb);
                        replace(&mut value, pb, va);
                    }
                }
            }
            Mutation::DeepNest(i, d, depth) => {
                let mut v = json!("1.00");
                for _ in 0..*depth {
                    v = Value::Array(vec![v]);
                }
                replace(&mut value, node(base, *i, *d), v);
            }
            _ => text_edits.push(m),
        }
    }
    let mut text = if text_edits.len() == mutations.len() {
        base.text.clone()
    } else if text_edits
        .iter()
        .any(|m| matches!(m, Mutation::DuplicateLine(_)))
    {
        serde_json::to_string_pretty(&value).unwrap()
    } else {
        // Compact: half the bytes to write and to parse in a debug build.
        serde_json::to_string(&value).unwrap()
    };
    // Huge JSON numbers: unquote the marked strings.
    while let Some(at) = text.find("\"\\u0001NUMBER") {
        let end = text[at + 1..]
            .find('"')
            .map_or(text.len(), |e| at + 1 + e + 1);
        let digits = text[at + 13..end - 1].to_string();
        text.replace_range(at..end, &digits);
    }
    let mut bytes = text.into_bytes();
    for m in text_edits {
        match m {
            Mutation::Truncate(per_mille) => {
                let keep = region(base, &bytes) * usize::from(*per_mille) / 1000;
                bytes.truncate(keep);
            }
            Mutation::FlipByte(i, mask) => {
                let len = region(base, &bytes).max(1);
                if let Some(b) = bytes.get_mut(*i as usize % len) {
                    *b ^= mask;
                }
            }
            Mutation::DuplicateLine(i) => {
                let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
                let mut offset = 0;
                let end = region(base, &bytes);
                let starts: Vec<usize> = lines
                    .iter()
                    .map(|l| {
                        let at = offset;
                        offset += l.len() + 1;
                        at
                    })
                    .collect();
                let members: Vec<usize> = (0..lines.len())
                    .filter(|&n| starts[n] < end)
                    .filter(|&n| lines[n].trim_ascii_start().starts_with(b"\""))
                    .collect();
                if !members.is_empty() {
                    let n = members[*i as usize % members.len()];
                    let mut out = Vec::with_capacity(bytes.len() + lines[n].len() + 2);
                    for (j, line) in lines.iter().enumerate() {
                        if j > 0 {
                            out.push(b'\n');
                        }
                        if j == n {
                            out.extend_from_slice(line);
                            if !line.ends_with(b",") {
                                out.push(b',');
                            }
                            out.push(b'\n');
                        }
                        out.extend_from_slice(line);
                    }
                    bytes = out;
                }
            }
            _ => {}
        }
    }
    bytes
}

/// Where text edits land: the header and inputs of an unchanged base, else anywhere.
fn region(base: &Base, bytes: &[u8]) -> usize {
    if bytes.len() == base.text.len() {
        base.inputs_end.min(bytes.len())
    } else {
        bytes.len()
    }
}

fn is_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[derive(Default)]
struct Tally {
    tried: AtomicUsize,
    refused: AtomicUsize,
    invalid: AtomicUsize,
    accepted: AtomicUsize,
    accepted_with_errors: AtomicUsize,
    by_kind: std::sync::Mutex<BTreeMap<&'static str, usize>>,
}

fn error_kind(e: &ImportError) -> &'static str {
    match e {
        ImportError::TooLarge { .. } => "too-large",
        ImportError::Empty => "empty",
        ImportError::NotUtf8 { .. } => "not-utf8",
        ImportError::Utf16 { .. } => "utf-16",
        ImportError::Syntax { .. } => "syntax",
        ImportError::TooDeep { .. } => "too-deep",
        ImportError::NotASubmission(_) => "not-a-submission",
        ImportError::UnsupportedVersion(_) => "unsupported-version",
        ImportError::UnknownTemplate { .. } => "unknown-template",
        ImportError::Invalid(_) => "invalid",
    }
}

fn check_refusal(e: &ImportError) -> Result<(), TestCaseError> {
    let msg = e.to_string();
    prop_assert!(!msg.trim().is_empty(), "empty message: {:?}", e);
    prop_assert!(is_chinese(&msg), "not Chinese: {}", msg);
    match e {
        ImportError::Syntax { line, column, .. } | ImportError::TooDeep { line, column } => {
            prop_assert!(*line >= 1 && *column <= 1_000_000, "{}", msg);
        }
        ImportError::Invalid(problems) => {
            prop_assert!(!problems.is_empty(), "Invalid without problems");
            for p in problems {
                prop_assert!(
                    !p.message.trim().is_empty() && is_chinese(&p.message),
                    "problem message: {:?}",
                    p
                );
                // A structural problem names where: its path, or (at the top
                // level) the field it misses.
                prop_assert!(
                    !p.path.is_empty() || p.message.contains('`'),
                    "problem without a path: {:?}",
                    p
                );
            }
        }
        _ => {}
    }
    Ok(())
}

/// An accepted file: its inputs come back exactly through another file.
fn check_round_trip(imported: &Imported, tally: &Tally) -> Result<(), TestCaseError> {
    prop_assert_eq!(&imported.derived, &derive(&imported.inputs));
    // What this program writes for these inputs: every amount with 2 decimals
    // (`0` → `0.00`, a missing amount → `0.00`), every text as it is.
    let padded = budget_core::file::normalized(&imported.inputs);
    let text = match export(&imported.inputs, AT) {
        Ok(t) => t,
        // Export is refused while errors stand (by design): write the same
        // file by hand to check that reading is still exact.
        Err(ExportError::Errors(_)) => {
            tally.accepted_with_errors.fetch_add(1, Ordering::Relaxed);
            let report = Report::new(&imported.findings, &imported.inputs.explanations);
            serde_json::to_string(&json!({
                "format": "budget-form",
                "version": 1,
                "exported_at": AT,
                "inputs": padded,
                "derived": imported.derived,
                "report": report,
            }))
            .unwrap()
        }
        Err(e) => return Err(TestCaseError::fail(format!("export failed: {e}"))),
    };
    let back = import(text.as_bytes())
        .map_err(|e| TestCaseError::fail(format!("re-import failed: {e}")))?;
    prop_assert_eq!(&back.inputs, &padded);
    // Padding changes spelling, never a value.
    prop_assert_eq!(
        serde_json::to_value(budget_core::file::normalized(&back.inputs)).unwrap(),
        serde_json::to_value(&padded).unwrap()
    );
    Ok(())
}

fn run(name: &str, cases: u32, bases: &'static [Base], max_mutations: usize) -> usize {
    let tally = Tally::default();
    let start = Instant::now();
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        // Shrinking re-runs the importer many times; the failing case is printed anyway.
        max_shrink_iters: 64,
        ..Config::default()
    });
    let strategy = (
        0..bases.len(),
        proptest::collection::vec(mutation(), 1..=max_mutations),
    );
    let result = runner.run(&strategy, |(b, mutations)| {
        tally.tried.fetch_add(1, Ordering::Relaxed);
        let bytes = apply(&bases[b], &mutations);
        match import(&bytes) {
            Err(e) => {
                tally.refused.fetch_add(1, Ordering::Relaxed);
                if matches!(e, ImportError::Invalid(_)) {
                    tally.invalid.fetch_add(1, Ordering::Relaxed);
                }
                *tally
                    .by_kind
                    .lock()
                    .unwrap()
                    .entry(error_kind(&e))
                    .or_default() += 1;
                check_refusal(&e)
            }
            Ok(imported) => {
                tally.accepted.fetch_add(1, Ordering::Relaxed);
                check_round_trip(&imported, &tally)
            }
        }
    });
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
    let tried = tally.tried.load(Ordering::Relaxed);
    eprintln!(
        "files/{name}: {tried} mutated files tried, {} refused ({:?}), {} accepted ({} with error findings, round-tripped by hand), {:.2?}",
        tally.refused.load(Ordering::Relaxed),
        tally.by_kind.lock().unwrap(),
        tally.accepted.load(Ordering::Relaxed),
        tally.accepted_with_errors.load(Ordering::Relaxed),
        start.elapsed()
    );
    assert!(tried >= cases as usize);
    tried
}

/// The seed sample's export (about 16 rows, one project, every table).
#[test]
fn mutated_exports_of_the_sample() {
    run("sample", 1_000, &bases()[..1], 3);
}

/// Synthetic forms of 1, 2 and 4 rows: the smallest real exports (60–85 KB),
/// one test each so that they run in parallel.
#[test]
fn mutated_exports_of_a_one_row_form() {
    run("synthetic-1-row", 3_000, &bases()[1..2], 3);
}

#[test]
fn mutated_exports_of_a_two_row_form() {
    run("synthetic-2-rows", 3_000, &bases()[2..3], 3);
}

#[test]
fn mutated_exports_of_a_four_row_form() {
    run("synthetic-4-rows", 3_000, &bases()[3..4], 3);
}

/// Random seeds for `generate`, so the bases are not only the five above.
#[test]
fn generated_forms_export_and_import_exactly() {
    let start = Instant::now();
    let mut rng = Rng::new(8);
    let n = 50;
    for _ in 0..n {
        let inputs = generate(1 + rng.below(12) as usize, rng.next_u64());
        let text = export(&inputs, AT).unwrap();
        let back = import(text.as_bytes()).unwrap();
        assert_eq!(back.inputs, budget_core::file::normalized(&inputs));
        assert_eq!(export(&back.inputs, AT).unwrap(), text, "export is stable");
    }
    eprintln!(
        "files/generated: {n} synthetic forms exported, imported and re-exported byte-identical, {:.2?}",
        start.elapsed()
    );
}

/// A stated figure of 100,000 digits must be compared, not crash the importer:
/// rust_decimal's parser recurses once per character.
#[test]
fn a_huge_stated_figure_is_reported_not_a_stack_overflow() {
    let mut v: Value = serde_json::from_str(&bases()[1].text).unwrap();
    v["derived"]["totals"]["total"] = Value::String("0".repeat(100_000));
    let text = serde_json::to_string(&v).unwrap();
    let imported = import(text.as_bytes()).unwrap();
    assert!(
        imported
            .findings
            .iter()
            .any(|f| f.check == "IMP-001" && f.message.contains("derived.totals.total")),
        "{:?}",
        imported.findings
    );
}
