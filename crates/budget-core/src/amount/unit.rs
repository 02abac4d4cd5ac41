//! The unit a figure is entered in: 元 (every input by default) or 万元, for
//! the few inputs documents publish only in 万元 (机关运行经费, the 三公
//! lines). The file stores the figure as entered with its unit; everything
//! derived from it works in 元 (`yuan`), the exact 万元 figure × 10,000.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Amount, AmountError, MAX_AMOUNT, parse_amount};

/// 元 in one 万元.
const YUAN_PER_WAN: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);

/// The unit an input's figure is entered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum InputUnit {
    /// 元, to the 分 (2 decimals).
    #[default]
    Yuan,
    /// 万元 as published, to 0.01 万元 (2 decimals).
    Wan,
}

impl InputUnit {
    /// Both units, in the order the form offers them.
    pub const ALL: [InputUnit; 2] = [InputUnit::Yuan, InputUnit::Wan];
    /// `元` / `万元`.
    pub fn label(self) -> &'static str {
        match self {
            InputUnit::Yuan => "元",
            InputUnit::Wan => "万元",
        }
    }
    /// True for 元 (the default, not written to files).
    pub fn is_yuan(&self) -> bool {
        *self == InputUnit::Yuan
    }
    /// Why `text` is not a valid figure in this unit, if it is not: a 万元
    /// figure takes at most 2 decimals and at most 10^12 元.
    pub fn error_of(self, text: &str) -> Option<AmountError> {
        self.parse(text).err()
    }
    /// The figure of `text` in 元.
    pub fn parse(self, text: &str) -> Result<Decimal, AmountError> {
        match self {
            InputUnit::Yuan => parse_amount(text),
            InputUnit::Wan => parse_wan(text),
        }
    }
    /// Why the cell is not valid in this unit, if it is not.
    pub fn error(self, a: &Amount) -> Option<AmountError> {
        match self {
            InputUnit::Yuan => a.error(),
            InputUnit::Wan => parse_wan(a.text()).err(),
        }
    }
    /// The cell's figure in 元 when valid in this unit.
    pub fn yuan(self, a: &Amount) -> Option<Decimal> {
        match self {
            InputUnit::Yuan => a.parsed(),
            InputUnit::Wan => a.parsed().and_then(|_| parse_wan(a.text()).ok()),
        }
    }
    /// The cell as a 元 cell: its figure × 10,000 for 万元, the text kept
    /// (so the checks still report it) when it is not valid.
    pub fn to_yuan(self, a: &Amount) -> Amount {
        match (self, self.yuan(a)) {
            (InputUnit::Yuan, _) => a.clone(),
            (InputUnit::Wan, Some(v)) => Amount::from_decimal(v),
            (InputUnit::Wan, None) => a.clone(),
        }
    }
    /// The cell as it would be typed in `to`: 元 → 万元 四舍五入 to 0.01 万元,
    /// 万元 → 元 exactly; a blank cell, or text not valid in this unit, is
    /// kept as it is.
    pub fn convert(self, to: InputUnit, a: &Amount) -> Amount {
        let Some(yuan) = self
            .yuan(a)
            .filter(|_| self != to && !a.text().trim().is_empty())
        else {
            return a.clone();
        };
        match to {
            InputUnit::Yuan => Amount::from_text(super::canonical(yuan)),
            InputUnit::Wan => Amount::from_text(super::format_wan_fixed(super::to_wan(yuan), 2)),
        }
    }
    /// How far the 元 figure of a cell entered in this unit may be from the
    /// exact figure it was rounded from: nothing for 元, half of 0.01 万元
    /// (50 元) for 万元. Checks comparing such a cell with an exact 元 figure
    /// allow exactly this.
    pub fn tolerance(self) -> Decimal {
        match self {
            InputUnit::Yuan => Decimal::ZERO,
            InputUnit::Wan => Decimal::from(50),
        }
    }
}

/// A figure typed in 万元, in 元: the clerk's syntax as for 元 (千分位,
/// full-width digits), at most 2 decimals of 万元 (as published), at most
/// 10^12 元.
pub fn parse_wan(text: &str) -> Result<Decimal, AmountError> {
    let wan = parse_amount(text).map_err(|e| match e {
        AmountError::TooManyDecimals(t) => AmountError::WanDecimals(t),
        e => e,
    })?;
    match wan.checked_mul(YUAN_PER_WAN) {
        Some(yuan) if yuan <= MAX_AMOUNT => Ok(yuan),
        _ => Err(AmountError::WanTooLarge(text.trim().to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn wan_figures_read_in_yuan() {
        for (text, yuan) in [
            ("2517.78", "25177800"),
            ("2,517.78", "25177800"),
            ("281.41", "2814100"),
            ("0.01", "100"),
            ("5.960", "59600"),
            ("", "0"),
            ("100000000", "1000000000000"),
        ] {
            assert_eq!(parse_wan(text), Ok(d(yuan)), "{text}");
        }
    }

    #[test]
    fn wan_figures_past_two_decimals_are_refused_with_their_own_message() {
        let e = parse_wan("2517.785").unwrap_err();
        assert_eq!(e, AmountError::WanDecimals("2517.785".into()));
        assert_eq!(
            e.to_string(),
            "“2517.785”的小数超过 2 位：以万元填写的金额按公开数填写，最多 2 位小数（0.01 万元）"
        );
        assert!(matches!(
            parse_wan("1.001"),
            Err(AmountError::WanDecimals(_))
        ));
        assert!(matches!(
            parse_wan("100000000.01"),
            Err(AmountError::WanTooLarge(_))
        ));
        assert!(matches!(parse_wan("abc"), Err(AmountError::NotANumber(_))));
    }

    #[test]
    fn a_cell_in_each_unit() {
        let a = Amount::from_text("2517.78");
        assert_eq!(InputUnit::Yuan.yuan(&a), Some(d("2517.78")));
        assert_eq!(InputUnit::Wan.yuan(&a), Some(d("25177800")));
        assert_eq!(InputUnit::Wan.to_yuan(&a).value(), d("25177800"));
        let bad = Amount::from_text("1.234");
        assert_eq!(InputUnit::Wan.yuan(&bad), None);
        assert!(matches!(
            InputUnit::Wan.error(&bad),
            Some(AmountError::WanDecimals(_))
        ));
        assert_eq!(InputUnit::Wan.to_yuan(&bad).text(), "1.234");
        assert_eq!(InputUnit::Wan.tolerance(), d("50"));
        assert_eq!(InputUnit::Yuan.tolerance(), Decimal::ZERO);
    }

    #[test]
    fn switching_the_unit_converts_what_is_typed() {
        let yuan = InputUnit::Yuan;
        let wan = InputUnit::Wan;
        let text = |a: Amount| a.text().to_string();
        assert_eq!(text(yuan.convert(wan, &"2814115.90".into())), "281.41");
        assert_eq!(text(yuan.convert(wan, &"50".into())), "0.01");
        assert_eq!(text(wan.convert(yuan, &"281.41".into())), "2814100.00");
        assert_eq!(text(wan.convert(yuan, &"".into())), "");
        assert_eq!(text(yuan.convert(wan, &"abc".into())), "abc");
        assert_eq!(text(wan.convert(wan, &"1.5".into())), "1.5");
    }
}
