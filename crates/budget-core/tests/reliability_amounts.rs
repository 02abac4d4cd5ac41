//! Random testing of the amount parsers at scale (issue 8 item 1): more than
//! 100,000 generated strings through `parse_amount` and `parse_file_amount`.
//!
//! For every input: no panic; every `Err` has a non-empty Chinese message; every
//! `Ok` is ≥ 0, ≤ 10^12, has at most 2 decimals, and survives
//! `format_yuan` → `parse_amount` and `canonical` → `parse_file_amount` with the
//! same value. The file parser never accepts what the clerk's parser refuses.
//! Counts are printed (`cargo test -- --nocapture`) for RELIABILITY.md.

// Tests and benches read fixtures and time runs: the core's no-IO, no-clock,
// no-float rules (crates/budget-core/clippy.toml) are for its library.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use budget_core::amount::{
    AmountError, MAX_AMOUNT, canonical, format_yuan, parse_amount, parse_file_amount,
};
use budget_synthetic::Rng;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Tally of one run: inputs tried, accepted by the clerk's parser, accepted by the file parser.
#[derive(Default)]
struct Tally {
    tried: AtomicUsize,
    ok: AtomicUsize,
    file_ok: AtomicUsize,
}

fn is_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn check_err(input: &str, e: &AmountError) -> Result<(), TestCaseError> {
    let msg = e.to_string();
    prop_assert!(!msg.trim().is_empty(), "empty message for {:?}", input);
    prop_assert!(
        is_chinese(&msg),
        "message not in Chinese for {:?}: {}",
        input,
        msg
    );
    Ok(())
}

/// The properties every string must satisfy.
fn check_one(s: &str, tally: &Tally) -> Result<(), TestCaseError> {
    tally.tried.fetch_add(1, Ordering::Relaxed);
    let lenient = parse_amount(s);
    match &lenient {
        Err(e) => check_err(s, e)?,
        Ok(v) => {
            tally.ok.fetch_add(1, Ordering::Relaxed);
            prop_assert!(!v.is_sign_negative() || v.is_zero(), "{:?} → {}", s, v);
            prop_assert!(*v >= rust_decimal::Decimal::ZERO, "{:?} → {}", s, v);
            prop_assert!(*v <= MAX_AMOUNT, "{:?} → {} over 10^12", s, v);
            prop_assert!(v.scale() <= 2, "{:?} → {} has {} decimals", s, v, v.scale());
            let shown = format_yuan(*v);
            prop_assert_eq!(
                parse_amount(&shown),
                Ok(*v),
                "format_yuan {:?} of {:?}",
                shown,
                s
            );
            let written = canonical(*v);
            prop_assert_eq!(
                parse_file_amount(&written),
                Ok(*v),
                "canonical {:?} of {:?}",
                written,
                s
            );
        }
    }
    match parse_file_amount(s) {
        Err(e) => check_err(s, &e)?,
        Ok(v) => {
            tally.file_ok.fetch_add(1, Ordering::Relaxed);
            // Never more lenient than the clerk's parser, and the same value.
            prop_assert_eq!(&lenient, &Ok(v), "file parser accepted {:?}", s);
        }
    }
    Ok(())
}

fn run<S: Strategy<Value = String>>(name: &str, cases: u32, strategy: S) -> usize {
    let tally = Tally::default();
    let start = Instant::now();
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    if let Err(e) = runner.run(&strategy, |s| check_one(&s, &tally)) {
        panic!("{name}: {e}");
    }
    let tried = tally.tried.load(Ordering::Relaxed);
    eprintln!(
        "amounts/{name}: {tried} strings tried, {} accepted by parse_amount, {} by parse_file_amount, {:.2?}",
        tally.ok.load(Ordering::Relaxed),
        tally.file_ok.load(Ordering::Relaxed),
        start.elapsed()
    );
    assert!(
        tried >= cases as usize,
        "{name}: only {tried} of {cases} tried"
    );
    tried
}

/// Any unicode string (proptest's default: all planes, controls, combining marks).
#[test]
fn arbitrary_unicode() {
    run("arbitrary-unicode", 10_000, any::<String>());
}

/// Characters drawn from pools, by a seeded generator (cheap in a debug build,
/// so that tens of thousands of cases run in seconds).
fn pooled(pools: &'static [&'static [char]], max_len: usize) -> impl Strategy<Value = String> {
    (any::<u64>(), 0..=max_len).prop_map(move |(seed, len)| {
        let mut rng = Rng::new(seed);
        (0..len)
            .map(|_| {
                let pool = pools[rng.below(pools.len() as u64) as usize];
                if pool.is_empty() {
                    // Any scalar value, surrogates skipped.
                    char::from_u32(rng.below(0x11_0000) as u32).unwrap_or('\u{fffd}')
                } else {
                    pool[rng.below(pool.len() as u64) as usize]
                }
            })
            .collect()
    })
}

const DIGITS: &[char] = &['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const FULL_WIDTH: &[char] = &['０', '１', '２', '５', '９', '，', '．', '。', '－', '＋'];
const SEPARATORS: &[char] = &[
    ',', '.', ' ', '\u{a0}', '\u{3000}', '\u{202f}', '，', '．', '。',
];
const SIGNS_AND_EXPONENTS: &[char] =
    &['+', '-', '−', '－', '＋', 'e', 'E', 'N', 'a', 'I', 'n', 'f'];
const CONTROLS: &[char] = &[
    '\0', '\t', '\n', '\r', '\u{1b}', '\u{7f}', '\u{9b}', '\u{202e}', '\u{200b}', '\u{feff}',
    '\u{301}',
];
const ANY: &[char] = &[];

/// Digits, separators, signs, exponents and spaces in any order: the shapes that
/// nearly parse, where the grouping and sign rules are decided.
#[test]
fn digit_heavy_with_separators_signs_and_exponents() {
    run(
        "digit-heavy",
        30_000,
        pooled(
            &[
                DIGITS,
                DIGITS,
                DIGITS,
                SEPARATORS,
                SIGNS_AND_EXPONENTS,
                FULL_WIDTH,
            ],
            30,
        ),
    );
}

/// Number-like text salted with any unicode scalar and control characters.
#[test]
fn mixed_unicode() {
    run(
        "mixed-unicode",
        20_000,
        pooled(
            &[DIGITS, DIGITS, SEPARATORS, FULL_WIDTH, CONTROLS, ANY, ANY],
            40,
        ),
    );
}

/// Well-formed numbers as clerks write them (grouped or not, full-width or not,
/// 0–4 decimals, sometimes signed or with an exponent): many land in `Ok`, so the
/// round-trip properties are exercised, not only the error paths.
#[test]
fn number_shaped() {
    let strategy = (
        prop_oneof![
            0u64..1_000,
            0u64..10_000_000,
            0u64..1_000_000_000_000,
            0u64..100_000_000_000_000,
        ],
        0u32..=4,
        0u32..10_000,
        any::<bool>(),
        any::<bool>(),
        prop_oneof![Just(""), Just("-"), Just("+"), Just("－")],
        prop_oneof![4 => Just(""), 1 => Just("e5"), 1 => Just("E-2")],
        prop_oneof![Just(""), Just(" "), Just("\u{3000}")],
    )
        .prop_map(
            |(int, decimals, frac, grouped, full_width, sign, exp, pad)| {
                let mut int_text = int.to_string();
                if grouped {
                    let digits: Vec<char> = int_text.chars().collect();
                    let mut g = String::new();
                    for (i, c) in digits.iter().enumerate() {
                        if i > 0 && (digits.len() - i).is_multiple_of(3) {
                            g.push(',');
                        }
                        g.push(*c);
                    }
                    int_text = g;
                }
                let mut s = format!("{pad}{sign}{int_text}");
                if decimals > 0 {
                    let f = format!("{:04}", frac % 10_000);
                    s.push('.');
                    s.push_str(&f[..decimals as usize]);
                }
                s.push_str(exp);
                s.push_str(pad);
                if full_width {
                    s = s
                        .chars()
                        .map(|c| match c {
                            '0'..='9' => {
                                char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c)
                            }
                            ',' => '，',
                            '.' => '．',
                            c => c,
                        })
                        .collect();
                }
                s
            },
        );
    run("number-shaped", 30_000, strategy);
}

/// Full-width digits and punctuation only (pasted from a Chinese word processor).
#[test]
fn full_width() {
    run("full-width", 10_000, "[０-９，．。－＋]{0,25}");
}

/// Very long texts: many digits (with leading zeros or groups), long decimals,
/// and long junk; up to 100,000 characters.
#[test]
fn huge_lengths() {
    let strategy = (
        1usize..100_000,
        prop_oneof![
            Just("0"),
            Just("9"),
            Just(",000"),
            Just("1,234"),
            Just(" "),
            Just("x"),
            Just("．"),
            Just("金")
        ],
        prop_oneof![Just(""), Just("1"), Just(".5"), Just(".123"), Just("-")],
    )
        .prop_map(|(n, unit, tail)| {
            let mut s = unit.repeat(n.min(100_000 / unit.chars().count().max(1)));
            s.push_str(tail);
            s
        });
    run("huge-lengths", 200, strategy);
}

/// Leading zeros are a length that still parses: a 100,000-digit `000…0012.50`
/// is 12.50, not an overflow and not a refusal.
#[test]
fn long_leading_zeros_keep_the_value() {
    let s = format!("{}12.50", "0".repeat(100_000));
    assert_eq!(parse_amount(&s).map(|v| v.to_string()), Ok("12.50".into()));
    assert!(matches!(
        parse_amount(&format!("1{}", "0".repeat(100_000))),
        Err(AmountError::TooLarge(_))
    ));
}
