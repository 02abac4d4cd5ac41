//! What a 万元 figure printed in the text is, against the exact 元 figure it names.

use rust_decimal::{Decimal, RoundingStrategy};

/// How a printed 万元 figure relates to the exact figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// The exact figure 四舍五入 to 0.01 万元 (trailing zeros may be dropped).
    Correct,
    /// Cut instead of rounded at the printed precision (877,080 元 → 87.70).
    Truncated,
    /// A change taken from the two rounded totals, not from exact 元.
    RoundedChange,
    /// Rounded to 0.1 万元 where 0.01 万元 differs (12.29 → 12.3).
    Coarser,
    /// One digit too many or too few, or ten times (87.36 → 887.36).
    Magnitude,
    /// Anything else.
    Wrong,
}

/// Round 四舍五入 to `dp` decimals.
fn round(v: Decimal, dp: u32) -> Decimal {
    v.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// 万元 from 元, exact.
pub fn wan_exact(yuan: Decimal) -> Decimal {
    yuan / Decimal::from(10_000)
}

/// Classify `printed` (万元) against `exact_yuan`. `rounded_change` is, for a
/// change figure, the difference of the two totals each rounded to 0.01 万元.
pub fn classify(printed: Decimal, exact_yuan: Decimal, rounded_change: Option<Decimal>) -> Class {
    let exact = wan_exact(exact_yuan);
    let correct = round(exact, 2);
    // Whole 万元 is a document's chosen precision (`17192万元`), not a slip.
    if printed == correct || (printed.scale() == 0 && printed == round(exact, 0)) {
        return Class::Correct;
    }
    // Cut at the printed precision where rounding there gives another figure.
    let dp = printed.scale().min(2);
    if printed == exact.trunc_with_scale(dp) && exact.trunc_with_scale(dp) != round(exact, dp) {
        return Class::Truncated;
    }
    if rounded_change.is_some_and(|rc| rc == printed) {
        return Class::RoundedChange;
    }
    if printed.scale() == 1 && printed == round(exact, 1) {
        return Class::Coarser;
    }
    if magnitude_slip(printed, correct) {
        return Class::Magnitude;
    }
    Class::Wrong
}

/// Ten times off, or one digit inserted or dropped in the printed digits.
fn magnitude_slip(printed: Decimal, correct: Decimal) -> bool {
    let ten = Decimal::TEN;
    if printed == correct * ten || printed == round(correct / ten, 2) {
        return !correct.is_zero();
    }
    let digits = |v: Decimal| {
        let mut r = round(v, 2).abs();
        r.rescale(2);
        r.mantissa().to_string()
    };
    let (p, c) = (digits(printed), digits(correct));
    let (p, c) = (p.as_str(), c.as_str());
    let one_more = |long: &str, short: &str| {
        long.len() == short.len() + 1
            && (0..long.len()).any(|i| format!("{}{}", &long[..i], &long[i + 1..]) == short)
    };
    one_more(p, c) || one_more(c, p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn classifies_printed_figures() {
        // (printed 万元, exact 元, rounded change, class)
        let cases: &[(&str, &str, Option<&str>, Class)] = &[
            ("213.28", "2132777.54", None, Class::Correct),
            ("69.3", "693016.12", None, Class::Correct),
            ("0", "0", None, Class::Correct),
            ("0.96", "9620", None, Class::Correct),
            ("87.70", "877080", None, Class::Truncated),
            ("78.21", "782164", None, Class::Truncated),
            ("204.91", "2049197", None, Class::Truncated),
            ("268.77", "2687760", None, Class::Truncated),
            ("887.36", "873617", None, Class::Magnitude),
            ("873.62", "873617", None, Class::Magnitude),
            ("8.74", "873617", None, Class::Magnitude),
            ("12.3", "122900", None, Class::Coarser),
            ("17192", "171915169", None, Class::Correct),
            ("17191", "171915169", None, Class::Truncated),
            ("12.30", "122900", None, Class::Wrong),
            // 12,355 − 6,645 元: rounded apart 1.24 − 0.66 = 0.58, exact 5,710 元 → 0.57.
            ("0.58", "5710", Some("0.58"), Class::RoundedChange),
            ("0.57", "5710", Some("0.58"), Class::Correct),
            ("55.55", "123400", None, Class::Wrong),
        ];
        for &(printed, exact, rc, want) in cases {
            assert_eq!(
                classify(d(printed), d(exact), rc.map(d)),
                want,
                "{printed} vs {exact} 元"
            );
        }
    }
}
