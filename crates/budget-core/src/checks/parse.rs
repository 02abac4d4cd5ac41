//! Small validators the checks share: calendar dates, phone numbers, percentages.

use rust_decimal::Decimal;

/// A calendar date `YYYY-MM-DD` as `(year, month, day)`, if the text is one.
pub(crate) fn date(text: &str) -> Option<(i32, u32, u32)> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = text.get(r)?;
        if s.bytes().all(|c| c.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let year = i32::try_from(year).ok()?;
    ((1..=12).contains(&month) && (1..=crate::model::days_in_month(year, month)).contains(&day))
        .then_some((year, month, day))
}

/// A Chinese phone number: 8-digit local (`68173636`), area code + number
/// (`023-68173636`, `02368173636`, `0755 12345678`: area code of 3–4 digits
/// starting with 0, number of 7–8 digits), or an 11-digit mobile (`1[3-9]…`).
pub(super) fn phone(text: &str) -> bool {
    let t = text.trim();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    let local = |s: &str| digits(s) && (7..=8).contains(&s.len());
    let area = |s: &str| digits(s) && (3..=4).contains(&s.len()) && s.starts_with('0');
    if let Some((a, n)) = t.split_once(['-', ' ']) {
        return area(a) && local(n);
    }
    if !digits(t) {
        return false;
    }
    let b = t.as_bytes();
    match (t.len(), b[0]) {
        (8, _) => b[0] != b'0',
        (11, b'1') => (b'3'..=b'9').contains(&b[1]),
        (10..=12, b'0') => {
            // 3-digit area code + 7–8 digits, or 4-digit area code + 7–8 digits.
            (3..=4).any(|a| local(&t[a..]))
        }
        _ => false,
    }
}

/// Longest text parsed as a decimal. rust_decimal's parser recurses once per
/// character (a stack overflow with ~50,000 digits in a debug build); no
/// meaningful percentage or weight needs more than a few dozen characters.
pub(super) const MAX_DECIMAL_TEXT: usize = 40;

/// `text` as a decimal, refusing text longer than [`MAX_DECIMAL_TEXT`] bytes
/// before it reaches the (recursive) parser.
pub(super) fn bounded_decimal(text: &str) -> Option<Decimal> {
    if text.len() > MAX_DECIMAL_TEXT {
        return None;
    }
    text.parse().ok()
}

/// The percentage in a target such as `≥20%`, `=100%`, `>= 75 ％`.
pub(super) fn percent(text: &str) -> Option<Decimal> {
    let t = text
        .trim()
        .trim_start_matches(['≥', '≤', '=', '＝', '>', '<', '＞', '＜', ' ']);
    let t = t.trim().strip_suffix(['%', '％'])?.trim();
    if t.is_empty() || !t.bytes().all(|c| c.is_ascii_digit() || c == b'.') {
        return None;
    }
    bounded_decimal(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_calendar_dates() {
        for (text, want) in [
            ("2021-01-01", Some((2021, 1, 1))),
            ("2021-12-31", Some((2021, 12, 31))),
            ("2020-02-29", Some((2020, 2, 29))),
            ("2000-02-29", Some((2000, 2, 29))),
            ("2021-02-29", None),
            ("1900-02-29", None),
            ("2021-04-31", None),
            ("2021-13-01", None),
            ("2021-00-10", None),
            ("2021-01-00", None),
            ("2021-1-01", None),
            ("2021/01/01", None),
            ("２０２１-01-01", None),
            ("2021-01-0１", None),
            ("", None),
            ("+021-01-01", None),
        ] {
            assert_eq!(date(text), want, "{text:?}");
        }
    }

    #[test]
    fn phones() {
        for ok in [
            "68173636",
            "023-68173636",
            "02368173636",
            "0755-12345678",
            "0755 12345678",
            "010-1234567",
            " 13812345678 ",
            "19912345678",
        ] {
            assert!(phone(ok), "{ok:?} should be valid");
        }
        for bad in [
            "",
            "6817363",
            "681736361",
            "12345678901",
            "1381234567",
            "23-68173636",
            "023-6817",
            "023--68173636",
            "0236817363a",
            "68173636、68901992",
            "023-68173636-1",
            "06817363",
        ] {
            assert!(!phone(bad), "{bad:?} should be invalid");
        }
    }

    #[test]
    fn percentages() {
        let d = |s: &str| s.parse::<Decimal>().ok();
        assert_eq!(percent("≥20%"), d("20"));
        assert_eq!(percent("=100%"), d("100"));
        assert_eq!(percent(" >= 75 ％"), d("75"));
        assert_eq!(percent("100%"), d("100"));
        assert_eq!(percent("≥20"), None);
        assert_eq!(percent("足额到位"), None);
        assert_eq!(percent("%"), None);
    }

    #[test]
    fn huge_percentages_are_refused_before_parsing() {
        // 50,000 digits overflowed the stack in rust_decimal's recursive parser.
        let zeros = "0".repeat(50_000);
        assert_eq!(percent(&format!("≥{zeros}%")), None);
        assert_eq!(percent(&format!("≥{zeros}1%")), None);
        let at_limit = format!("{}1", "0".repeat(MAX_DECIMAL_TEXT - 1));
        assert_eq!(percent(&format!("≥{at_limit}%")), Some(Decimal::ONE));
        let over = format!("{}1", "0".repeat(MAX_DECIMAL_TEXT));
        assert_eq!(percent(&format!("≥{over}%")), None);
        assert_eq!(bounded_decimal(&"9".repeat(100_000)), None);
    }
}
