//! Property tests of the submission file: export → import is the identity on the
//! inputs, the amount parsers never panic, no mutation of a valid file
//! panics the importer, and opening for editing (the comparison later) reads
//! every mutated file as `open` does.

// Tests and benches read fixtures and time runs: the core's no-IO, no-clock,
// no-float rules (crates/budget-core/clippy.toml) are for its library.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::path::PathBuf;
use std::sync::OnceLock;

use budget_core::amount::{format_yuan, parse_amount, parse_file_amount};
use budget_core::catalog::{self, Level};
use budget_core::file::{Opened, export, import, normalized, open, open_for_editing};
use budget_core::model::{BudgetRow, ExpenditureType, FundingSource};
use budget_core::{Amount, Inputs};
use proptest::prelude::*;
use rust_decimal::Decimal;

const AT: &str = "2026-11-25T19:30:00Z";

fn sample() -> &'static Inputs {
    static SAMPLE: OnceLock<Inputs> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let path =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/dadukou-2021.json");
        match open(&std::fs::read(path).unwrap()).unwrap() {
            Opened::Inputs { inputs, .. } => inputs,
            other => panic!("the sample is bare inputs, got {other:?}"),
        }
    })
}

fn sample_file() -> &'static [u8] {
    static FILE: OnceLock<String> = OnceLock::new();
    FILE.get_or_init(|| export(sample(), AT).unwrap())
        .as_bytes()
}

/// An amount in cents written the way a clerk might: canonical, grouped, or bare integer.
fn amount() -> impl Strategy<Value = Amount> {
    (0u64..100_000_000_000, 0u8..3).prop_map(|(cents, form)| {
        let d = Decimal::new(cents as i64, 2);
        match form {
            0 => Amount::from_decimal(d),
            1 => Amount::from_text(format_yuan(d)),
            _ => Amount::from_text(d.trunc().to_string()),
        }
    })
}

/// Extra 项目支出 rows of 其他收入 on real catalog item codes (distinct codes, so no
/// duplicate row), which keep the sample free of error findings.
fn extra_rows() -> impl Strategy<Value = Vec<BudgetRow>> {
    let items: Vec<&'static str> = catalog::function()
        .at_level(Level::Item)
        .map(|e| e.code)
        .collect();
    proptest::sample::subsequence(items, 0..6)
        .prop_flat_map(|codes| {
            let n = codes.len();
            (
                Just(codes),
                proptest::collection::vec((amount(), amount()), n),
            )
        })
        .prop_map(|(codes, amounts)| {
            codes
                .into_iter()
                .zip(amounts)
                .map(|(code, (this_year, last_year))| BudgetRow {
                    code: code.to_string(),
                    source: FundingSource::OtherIncome,
                    kind: ExpenditureType::Project,
                    this_year,
                    last_year,
                    unparsed: Default::default(),
                })
                .collect()
        })
}

fn inputs() -> impl Strategy<Value = Inputs> {
    (
        any::<String>(),
        proptest::collection::vec(any::<String>(), 0..4),
        proptest::collection::btree_map(any::<String>(), any::<String>(), 0..4),
        any::<String>(),
        extra_rows(),
    )
        // A blank unit name is an error (UNT-001): such a form is not exported.
        .prop_filter("a submission names its unit", |(name, ..)| {
            !name.trim().is_empty()
        })
        .prop_map(|(name, duties, explanations, key_work, rows)| {
            let mut inputs = sample().clone();
            inputs.unit.name = name;
            inputs.unit.duties = duties;
            inputs.explanations.extend(explanations);
            inputs.narrative.key_work = key_work;
            inputs.rows.extend(rows);
            // Same value, another spelling: must come back canonical.
            let running = inputs.narrative.running_cost_this_year.value();
            inputs.narrative.running_cost_this_year = Amount::from_text(format_yuan(running));
            inputs
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn export_then_import_is_the_identity_on_inputs(inputs in inputs()) {
        let text = match export(&inputs, AT) {
            Ok(t) => t,
            Err(e) => return Err(TestCaseError::fail(format!("generated inputs should export: {e}"))),
        };
        let back = import(text.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let want = normalized(&inputs);
        prop_assert_eq!(&back.inputs, &want);
        // Normalizing changes spelling, never value.
        for (a, b) in inputs.rows.iter().zip(&want.rows) {
            prop_assert_eq!(a.this_year.value(), b.this_year.value());
            prop_assert_eq!(a.last_year.value(), b.last_year.value());
        }
        prop_assert!(back.findings.iter().all(|f| f.check != "IMP-001"), "{:?}", back.findings);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn amount_parsers_never_panic(s in any::<String>()) {
        let _ = parse_amount(&s);
        let _ = parse_file_amount(&s);
    }

    #[test]
    fn amount_parsers_never_panic_on_number_like_text(s in "[0-9０-９,，.．。eE+\\-− NaInf]{0,40}") {
        let lenient = parse_amount(&s);
        let strict = parse_file_amount(&s);
        // The file parser is never more lenient than the clerk's parser.
        if let Ok(v) = strict {
            prop_assert_eq!(lenient, Ok(v));
        }
    }
}

/// One edit of a file's bytes.
#[derive(Debug, Clone)]
enum Mutation {
    Set(usize, u8),
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Set(i, b)),
        (any::<usize>(), 1usize..64).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (
            any::<usize>(),
            proptest::collection::vec(
                prop_oneof![
                    Just(b'"'),
                    Just(b'{'),
                    Just(b'['),
                    Just(b','),
                    Just(b'-'),
                    Just(b'e'),
                    any::<u8>()
                ],
                1..8
            )
        )
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len().max(1);
    match m {
        Mutation::Set(i, b) => {
            if let Some(x) = bytes.get_mut(i % len) {
                *x = *b;
            }
        }
        Mutation::Delete(i, n) => {
            let start = (i % len).min(bytes.len());
            let end = (start + n).min(bytes.len());
            bytes.drain(start..end);
        }
        Mutation::Insert(i, b) => {
            let at = (i % len).min(bytes.len());
            bytes.splice(at..at, b.iter().copied());
        }
        Mutation::Truncate(i) => bytes.truncate(i % len),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn mutated_files_never_panic_the_importer(mutations in proptest::collection::vec(mutation(), 1..6)) {
        let mut bytes = sample_file().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        // Either outcome is fine; a panic is not. An accepted file is a whole form.
        if let Ok(i) = import(&bytes) {
            prop_assert_eq!(i.derived, budget_core::derive(&i.inputs));
        }
        let _ = open(&bytes);
    }

    #[test]
    fn opening_for_editing_then_comparing_is_open(mutations in proptest::collection::vec(mutation(), 0..4)) {
        let mut bytes = sample_file().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        same_as_open(&bytes)?;
    }
}

/// `open_for_editing` then `Pending::findings` refuses what `open` refuses,
/// with the same message, and otherwise gives its inputs and IMP findings;
/// `inputs_again` reads the same inputs.
fn same_as_open(bytes: &[u8]) -> Result<(), TestCaseError> {
    let imp = |fs: &[budget_core::Finding]| {
        fs.iter()
            .filter(|f| f.check == "IMP-001")
            .cloned()
            .collect::<Vec<_>>()
    };
    let later = open_for_editing(bytes.to_vec()).and_then(|o| {
        let found = o.pending.findings(&o.inputs)?;
        let again = o.pending.inputs_again();
        Ok((o.inputs, found, again))
    });
    if let Ok((inputs, _, Some(again))) = &later {
        prop_assert_eq!(again, inputs);
    }
    let later = later.map(|(inputs, found, _)| (inputs, found));
    match (open(bytes), later) {
        (Ok(opened), Ok((inputs, found))) => {
            prop_assert_eq!(opened.inputs(), &inputs);
            prop_assert_eq!(imp(opened.findings()), found);
        }
        (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
        (a, b) => prop_assert!(
            false,
            "open {:?}, open_for_editing {:?}",
            a.map(|o| o.findings().len()),
            b.map(|x| x.1)
        ),
    }
    Ok(())
}

/// Stated figures changed in place (a number, a report count) and a stated
/// `derived` that is not JSON, repeats a key or mismatches brackets: the
/// comparison after opening finds what `open` finds.
#[test]
fn edited_and_broken_stated_figures_compare_as_open_does() {
    let text = std::str::from_utf8(sample_file()).unwrap();
    let total = text.find("\"total\": \"").unwrap();
    let at = total + "\"total\": \"".len();
    let cases = [
        // A stated figure changed: one IMP-001.
        format!("{}9{}", &text[..at], &text[at + 1..]),
        // A report count changed.
        text.replacen("\"errors\": 0", "\"errors\": 3", 1),
        // Unchanged.
        text.to_string(),
        // `derived` holds something that is not JSON.
        format!("{}\"total\": 1 2,{}", &text[..total], &text[at - 1..]),
        // A key of `derived` written twice.
        text.replacen("\"total_last_year\": ", "\"total\": ", 1),
        // Brackets that do not match inside `derived`.
        format!("{}\"total\": [\"1\"}},{}", &text[..total], &text[at - 1..]),
    ];
    for (k, case) in cases.iter().enumerate() {
        same_as_open(case.as_bytes()).unwrap_or_else(|e| panic!("case {k}: {e}"));
    }
    let edited = open_for_editing(cases[0].clone().into_bytes()).unwrap();
    assert!(edited.pending.is_pending());
    assert_eq!(edited.pending.findings(&edited.inputs).unwrap().len(), 1);
    // The scan of `open_for_editing` skims `derived`: the comparison refuses these.
    for broken in &cases[3..] {
        let opening = open_for_editing(broken.clone().into_bytes()).unwrap();
        assert!(opening.pending.findings(&opening.inputs).is_err());
    }
}
