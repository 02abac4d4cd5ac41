//! A percentage change in the text against the two 万元 figures it compares:
//! `2023年当年预算执行数为54.60万元，2024年预算安排53.84万元，比2023年预算执行数减少1.39%`.
//!
//! Each figure is taken as printed, so it may be off by half a unit of its
//! last decimal; the percentage stands when some pair of values within that
//! rounding gives it (a percentage from 0.50 to 0.62 printed as 22.22 % is
//! right: 0.50 may be up to 0.505 and 0.62 as low as 0.615, and 0.505 →
//! 0.6172 is +22.22 %; the range runs from +21.78 % to +26.26 %).

use rust_decimal::Decimal;

use crate::finding::AuditFinding;

/// Half a unit of the last printed decimal (`54.60` → 0.005).
fn half_unit(v: Decimal) -> Decimal {
    Decimal::new(5, v.scale() + 1)
}

/// The range of `(y / x − 1) × 100` over the values `x`, `y` round from.
fn range(x: Decimal, y: Decimal) -> Option<(Decimal, Decimal)> {
    let (hx, hy) = (half_unit(x), half_unit(y));
    let (x_lo, x_hi) = (x - hx, x + hx);
    if x_lo <= Decimal::ZERO {
        return None;
    }
    let pct = |y: Decimal, x: Decimal| (y / x - Decimal::ONE) * Decimal::ONE_HUNDRED;
    Some((pct(y - hy, x_hi), pct(y + hy, x_lo)))
}

/// Check `sign × printed` % against the change from `base` to `this`.
pub fn check(
    printed: Decimal,
    sign: i32,
    base: Decimal,
    this: Decimal,
    line: usize,
    out: &mut Vec<AuditFinding>,
) {
    let Some((lo, hi)) = range(base, this) else {
        return;
    };
    let signed = if sign < 0 { -printed } else { printed };
    let h = half_unit(printed);
    let fits = |p: Decimal| p + h >= lo && p - h <= hi;
    if fits(signed) {
        return;
    }
    let exact = ((this / base - Decimal::ONE) * Decimal::ONE_HUNDRED)
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let word = if sign < 0 { "减少" } else { "增加" };
    let detail = format!("写“{word}{printed}%”，{base} 万元 → {this} 万元 是 {exact}%");
    let id = if fits(-signed) { "AUD-012" } else { "AUD-013" };
    out.push(AuditFinding::new(id, line, &detail, signed, exact));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn percentages_within_the_rounding_of_their_figures_stand() {
        // (printed %, sign, base, this, finding)
        let cases: &[(&str, i32, &str, &str, Option<&str>)] = &[
            ("1.39", -1, "54.60", "53.84", None),
            ("8.57", 1, "70.70", "76.76", None),
            ("22.22", 1, "0.50", "0.62", None),
            ("24", 1, "0.50", "0.62", None),
            ("1.39", 1, "54.60", "53.84", Some("AUD-012")),
            ("13.9", -1, "54.60", "53.84", Some("AUD-013")),
            ("30", 1, "0.50", "0.62", Some("AUD-013")),
        ];
        for &(p, sign, base, this, want) in cases {
            let mut out = Vec::new();
            check(d(p), sign, d(base), d(this), 1, &mut out);
            assert_eq!(
                out.first().map(|f| f.id),
                want,
                "{p}% from {base} to {this}"
            );
        }
    }
}
