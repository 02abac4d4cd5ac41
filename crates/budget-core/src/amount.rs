//! Money amounts: parsing what clerks type and paste, formatting 元 and 万元.
//!
//! Amounts are exact `Decimal`s in 元 with at most 2 decimals. Never f64.

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

mod unit;
pub use unit::{InputUnit, parse_wan};

/// The largest amount accepted: 10^12 元 (一万亿元).
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(3_567_587_328, 232, 0, false, 0);

/// Why a text is not a valid amount. `Display` is the Chinese message shown to the clerk.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    /// The text is not a number at all.
    #[error("“{0}”不是有效的金额，只能填写数字（可带千分位逗号和小数点）")]
    NotANumber(String),
    /// More than 2 decimal places (分 is the smallest unit).
    #[error("“{0}”的小数超过 2 位，金额最多精确到分")]
    TooManyDecimals(String),
    /// Negative where amounts must be ≥ 0.
    #[error("“{0}”是负数，此处金额不能为负")]
    Negative(String),
    /// Scientific notation such as `1e5`.
    #[error("“{0}”使用了科学计数法，请填写完整的数字")]
    Exponent(String),
    /// Over 10^12 元.
    #[error("“{0}”超过上限 1,000,000,000,000.00 元")]
    TooLarge(String),
    /// Thousands separators that do not group 3 digits (e.g. `475,96`): ambiguous, refused.
    #[error("“{0}”的千分位逗号位置不对（应每 3 位一组），无法确定金额")]
    BadGrouping(String),
    /// Spaces inside the number that do not group 3 digits (e.g. `500 30`, two
    /// figures whose tab was lost, or a number split by a PDF copy): refused.
    #[error("“{0}”中间有空格，且不是每 3 位一组的千分位，无法确定金额（是否两个数连在了一起？）")]
    SpacedDigits(String),
    /// A figure entered in 万元 with more than 2 decimals.
    #[error("“{0}”的小数超过 2 位：以万元填写的金额按公开数填写，最多 2 位小数（0.01 万元）")]
    WanDecimals(String),
    /// A figure entered in 万元 over 10^12 元.
    #[error("“{0}”超过上限 100,000,000.00 万元")]
    WanTooLarge(String),
}

/// Parse an amount as a clerk types or pastes it.
///
/// Accepts `1,234.5`, `1234.50`, ` 1 234 ` (spaces inside group 3 digits, as
/// commas must), full-width digits, `，` as a thousands
/// separator and `．`/`。` as the decimal point. An empty text is zero (a blank cell).
///
/// What Excel's 货币 and 会计专用 formats put on the clipboard reads too: a
/// leading `¥`/`￥` (`¥ 1,234.00`), and a lone dash (`-`, or `¥ -`), which is
/// how 会计专用 shows zero. Zeros past the second decimal (`12.340`, a cell
/// shown with 3 decimals) change nothing and are accepted; any other third
/// decimal is refused.
pub fn parse_amount(text: &str) -> Result<Decimal, AmountError> {
    let original = text.trim();
    let bare = original
        .strip_prefix(['¥', '￥'])
        .map_or(original, str::trim_start);
    if matches!(bare, "-" | "－" | "−" | "–" | "—") {
        return Ok(Decimal::ZERO);
    }
    if bare.is_empty() && !original.is_empty() {
        return Err(AmountError::NotANumber(original.to_string()));
    }
    let mut s = String::with_capacity(bare.len());
    let mut spaced = false;
    for ch in bare.chars() {
        let c = match ch {
            '０'..='９' => char::from_u32(ch as u32 - '０' as u32 + '0' as u32).unwrap_or(ch),
            '，' => ',',
            '．' | '。' => '.',
            '－' | '−' => '-',
            '＋' => '+',
            // Spaces inside a number (NBSP and ideographic space too) may only
            // group 3 digits, as commas: ` 1 234 ` is 1234, `500 30` is refused
            // (digits joined silently would change the amount).
            ' ' | '\u{a0}' | '\u{3000}' | '\u{202f}' => {
                spaced = true;
                ','
            }
            c => c,
        };
        s.push(c);
    }
    match parse_normalized(original, &s) {
        Err(AmountError::BadGrouping(_) | AmountError::NotANumber(_)) if spaced => {
            Err(AmountError::SpacedDigits(original.to_string()))
        }
        result => result,
    }
}

/// [`parse_amount`] of `s`, the clerk's text `original` with full-width forms
/// and spaces normalized (spaces as commas); errors quote `original`.
fn parse_normalized(original: &str, s: &str) -> Result<Decimal, AmountError> {
    if s.is_empty() {
        return Ok(Decimal::ZERO);
    }
    let lower = s.to_ascii_lowercase();
    if lower.contains("nan") || lower.contains("inf") {
        return Err(AmountError::NotANumber(original.to_string()));
    }
    let (negative, body) = match s.as_bytes()[0] {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    if body.bytes().any(|b| b == b'e' || b == b'E')
        && body
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'e' | b'E' | b'.' | b'-' | b'+' | b','))
        && body.bytes().any(|b| b.is_ascii_digit())
    {
        return Err(AmountError::Exponent(original.to_string()));
    }
    let (int_part, frac_part) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if int_part.is_empty() && frac_part.is_none_or(str::is_empty) {
        return Err(AmountError::NotANumber(original.to_string()));
    }
    if let Some(f) = frac_part
        && (f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(AmountError::NotANumber(original.to_string()));
    }
    // Thousands separators: accept only when they group exactly 3 digits.
    let digits: String = if int_part.contains(',') {
        let groups: Vec<&str> = int_part.split(',').collect();
        let first_ok = !groups[0].is_empty() && groups[0].len() <= 3;
        let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
        if !groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit())) {
            return Err(AmountError::NotANumber(original.to_string()));
        }
        if !first_ok || !rest_ok {
            return Err(AmountError::BadGrouping(original.to_string()));
        }
        groups.concat()
    } else {
        if !int_part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(AmountError::NotANumber(original.to_string()));
        }
        int_part.to_string()
    };
    if let Some(f) = frac_part
        && f.bytes().skip(2).any(|b| b != b'0')
    {
        return Err(AmountError::TooManyDecimals(original.to_string()));
    }
    // 13 integer digits is already ≥ 10^12; refuse early so Decimal never overflows.
    let significant = digits.trim_start_matches('0');
    if significant.len() > 13 {
        return Err(AmountError::TooLarge(original.to_string()));
    }
    // Built from the significant digits only: rust_decimal's parser recurses once
    // per character, so 100,000 leading zeros would overflow the stack.
    let int_digits = if significant.is_empty() {
        "0"
    } else {
        significant
    };
    let canonical = match frac_part {
        // Past the second decimal only zeros are left (checked above).
        Some(f) => format!("{int_digits}.{}", f.get(..2).unwrap_or(f)),
        None => int_digits.to_string(),
    };
    let value =
        Decimal::from_str(&canonical).map_err(|_| AmountError::NotANumber(original.to_string()))?;
    if value > MAX_AMOUNT {
        return Err(AmountError::TooLarge(original.to_string()));
    }
    if negative && !value.is_zero() {
        return Err(AmountError::Negative(original.to_string()));
    }
    Ok(value)
}

/// Parse an amount as written in a submission file: a plain decimal string only
/// (`"11906397.06"`), no separators, no sign, at most 2 decimals.
pub fn parse_file_amount(text: &str) -> Result<Decimal, AmountError> {
    let ok_shape = !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && text.bytes().filter(|&b| b == b'.').count() <= 1
        && !text.starts_with('.')
        && !text.ends_with('.');
    if !ok_shape {
        // Reuse the lenient parser for a precise reason, but never accept the text.
        return match parse_amount(text) {
            Err(e) => Err(e),
            Ok(_) => Err(AmountError::NotANumber(text.to_string())),
        };
    }
    // The clerk's parser takes `12.340` (zeros past the second decimal); a
    // file writes 2 decimals at most.
    if text.split_once('.').is_some_and(|(_, f)| f.len() > 2) {
        return Err(AmountError::TooManyDecimals(text.to_string()));
    }
    parse_amount(text)
}

/// Format 元 with 千分位 and 2 decimals: `11906397.06` → `11,906,397.06`.
pub fn format_yuan(value: Decimal) -> String {
    let v = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let s = format!("{:.2}", v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    let mut out = String::with_capacity(s.len() + s.len() / 3 + 1);
    if v.is_sign_negative() && !v.is_zero() {
        out.push('-');
    }
    let n = int.len();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out.push('.');
    out.push_str(frac);
    out
}

/// Convert 元 to 万元, 四舍五入 (half away from zero) to 2 decimals.
pub fn to_wan(value: Decimal) -> Decimal {
    (value / Decimal::from(10_000))
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Format a figure of a 万元 table: exactly `precision` decimals, zeros kept
/// and no 千分位, as the published 万元 tables print (`684.9` → `684.90`);
/// 四舍五入 if it has more.
pub fn format_wan_fixed(wan: Decimal, precision: u32) -> String {
    let v = wan.round_dp_with_strategy(precision, RoundingStrategy::MidpointAwayFromZero);
    format!("{:.*}", precision as usize, v)
}

/// Format 元 as 万元 for the narrative: 2 decimals, trailing zeros dropped:
/// 1,301,627.58 → `130.16`, 693,016.12 → `69.3`, 0 → `0`.
pub fn format_wan(value: Decimal) -> String {
    format_wan_value(to_wan(value))
}

/// Format a figure already in 万元 with trailing zeros dropped.
pub fn format_wan_value(wan: Decimal) -> String {
    let n = wan.normalize();
    if n.is_zero() {
        "0".to_string()
    } else {
        n.to_string()
    }
}

/// A money cell as the clerk left it: the text, and its value when the text parses.
///
/// Keeping the text means nothing typed is ever silently changed or dropped: an
/// invalid cell round-trips through drafts unchanged and is reported by the checks.
/// In JSON an `Amount` is a string.
#[derive(Clone, PartialEq, Eq)]
pub struct Amount {
    text: String,
    value: Option<Decimal>,
    /// The value in 分, kept beside it so sums over thousands of rows are
    /// integer additions (exact, and far faster than Decimal additions).
    cents: i64,
}

/// A value in whole 分 (amounts have at most 2 decimals); 0 when it does not fit.
fn to_cents(value: Decimal) -> i64 {
    let scaled = (value * Decimal::ONE_HUNDRED).round();
    let mantissa = scaled.mantissa();
    let divisor = 10i128.pow(scaled.scale());
    i64::try_from(mantissa / divisor).unwrap_or(0)
}

/// The value and 分 of a plain amount text (what a file holds): at most 12
/// integer digits, then optionally a point and one or two digits. Exactly what
/// [`parse_amount`] gives for such a text (the same value and scale), without
/// its copies; `None` for any other text (the full parser decides).
fn parse_plain(text: &str) -> Option<(Decimal, i64)> {
    let b = text.as_bytes();
    let (int, frac) = match b.iter().position(|&c| c == b'.') {
        Some(p) if p + 1 < b.len() => (&b[..p], &b[p + 1..]),
        Some(_) => return None,
        None => (b, &b[..0]),
    };
    if int.is_empty() || int.len() > 12 || frac.len() > 2 {
        return None;
    }
    let mut mantissa: i64 = 0;
    for &c in int.iter().chain(frac) {
        if !c.is_ascii_digit() {
            return None;
        }
        mantissa = mantissa * 10 + i64::from(c - b'0');
    }
    let scale = frac.len() as u32;
    let cents = mantissa * 10i64.pow(2 - scale);
    Some((Decimal::new(mantissa, scale), cents))
}

/// The exact sum of amount cells (in 分 internally).
pub fn sum<'a>(cells: impl IntoIterator<Item = &'a Amount>) -> Decimal {
    let mut s = CentSum::default();
    cells.into_iter().for_each(|a| s.add(a));
    s.to_decimal()
}

/// An exact running sum of amounts in 分.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CentSum(i128);

impl CentSum {
    /// Add an amount cell (invalid cells count as zero, as everywhere).
    #[inline]
    pub fn add(&mut self, a: &Amount) {
        self.0 += i128::from(a.cents);
    }
    /// Add another sum.
    #[inline]
    pub fn add_sum(&mut self, other: CentSum) {
        self.0 += other.0;
    }
    /// True when zero.
    pub fn is_zero(self) -> bool {
        self.0 == 0
    }
    /// The sum in 元.
    pub fn to_decimal(self) -> Decimal {
        Decimal::try_from_i128_with_scale(self.0, 2).unwrap_or(Decimal::MAX)
    }
}

impl Amount {
    /// A cell holding `text` exactly as typed.
    pub fn from_text(text: impl Into<String>) -> Self {
        let text = text.into();
        if let Some((value, cents)) = parse_plain(&text) {
            return Amount {
                text,
                value: Some(value),
                cents,
            };
        }
        let value = parse_amount(&text).ok();
        let cents = value.map(to_cents).unwrap_or(0);
        Amount { text, value, cents }
    }
    /// A valid cell holding `value`, written canonically (`1234.50`).
    pub fn from_decimal(value: Decimal) -> Self {
        Amount {
            text: canonical(value),
            value: Some(value),
            cents: to_cents(value),
        }
    }
    /// The text as typed.
    pub fn text(&self) -> &str {
        &self.text
    }
    /// The value, or zero when the text is not a valid amount (the checks report it).
    pub fn value(&self) -> Decimal {
        self.value.unwrap_or(Decimal::ZERO)
    }
    /// `Some(value)` when valid.
    pub fn parsed(&self) -> Option<Decimal> {
        self.value
    }
    /// Why the text is not a valid amount, if it is not.
    pub fn error(&self) -> Option<AmountError> {
        if self.value.is_some() {
            None
        } else {
            parse_amount(&self.text).err()
        }
    }
    /// True when the cell is blank or zero.
    pub fn is_zero(&self) -> bool {
        self.value().is_zero()
    }
    /// The same amount written canonically when valid; invalid text is kept as is.
    pub fn normalized(&self) -> Self {
        match self.value {
            Some(v) => Amount::from_decimal(v),
            None => self.clone(),
        }
    }
}

/// Canonical file form of a value: plain digits, 2 decimals (`1234.50`).
pub fn canonical(value: Decimal) -> String {
    format!("{:.2}", value)
}

impl Default for Amount {
    /// A blank cell: valid, zero.
    fn default() -> Self {
        Amount {
            text: String::new(),
            value: Some(Decimal::ZERO),
            cents: 0,
        }
    }
}

impl fmt::Debug for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Amount({:?})", self.text)
    }
}

impl From<Decimal> for Amount {
    fn from(value: Decimal) -> Self {
        Amount::from_decimal(value)
    }
}

impl From<&str> for Amount {
    fn from(text: &str) -> Self {
        Amount::from_text(text)
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Only strings: a JSON number would lose its scale (10.50 → 10.5) and
        // invites floats into a money file.
        let text = String::deserialize(d)?;
        Ok(Amount::from_text(text))
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Amount {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Amount".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "Amount in 元 as a decimal string with at most 2 decimals, e.g. \"11906397.06\"",
            // What parse_file_amount takes: digits (leading zeros allowed),
            // at most 2 decimals, at most 10^12 (10^12 + 0.01 is refused).
            "pattern": "^0*([0-9]{1,12}(\\.[0-9]{1,2})?|1000000000000(\\.0{1,2})?)$"
        })
    }
}

#[cfg(test)]
mod tests;
