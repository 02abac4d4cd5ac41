//! The whole-number input fields (预算年度, the vehicle counts): what each
//! accepts, and how the clerk's text reads as a number.
//!
//! A text that does not read is not thrown away: the app keeps it in
//! `Inputs::unparsed` under the field's path (the field's number stays the last
//! valid one), so it survives a reload and is an error (INP-001) until it is
//! corrected; a draft holding one is never exported.

use std::ops::RangeInclusive;

use thiserror::Error;

use crate::model::{FISCAL_YEARS, Inputs, Vehicles};

/// The vehicle counts the app accepts (each of 一般公务用车 / 执勤执法用车).
pub const VEHICLE_COUNTS: RangeInclusive<i64> = 0..=100_000;

/// One whole-number field of the inputs.
#[derive(Debug)]
pub struct WholeField {
    /// JSON path in the inputs, e.g. `unit.fiscal_year`.
    pub path: &'static str,
    /// What the clerk sees, e.g. `预算年度`.
    pub label: &'static str,
    /// The numbers accepted.
    pub range: RangeInclusive<i64>,
    /// A blank field reads as 0 (a count left empty: none); otherwise a blank
    /// is refused (a year must be given).
    pub blank_is_zero: bool,
    /// The field's number in the inputs.
    pub get: fn(&Inputs) -> i64,
    /// Store a number of `range` (anything else is never passed).
    set: fn(&mut Inputs, i64),
}

macro_rules! count {
    ($path:literal, $label:literal, $which:ident . $sub:ident) => {
        WholeField {
            path: $path,
            label: $label,
            range: VEHICLE_COUNTS,
            blank_is_zero: true,
            get: |i| i64::from(i.narrative.$which.$sub),
            set: |i, n| {
                let v: &mut Vehicles = &mut i.narrative.$which;
                v.$sub = u32::try_from(n).unwrap_or(v.$sub);
            },
        }
    };
}

/// A count of `disclosure.assets` (the 8 vehicle categories, equipment).
macro_rules! asset {
    ($path:literal, $label:literal, |$a:ident| $place:expr) => {
        WholeField {
            path: $path,
            label: $label,
            range: VEHICLE_COUNTS,
            blank_is_zero: true,
            get: |i| {
                let $a = &i.disclosure.assets;
                i64::from($place)
            },
            set: |i, n| {
                let $a = &mut i.disclosure.assets;
                let slot = &mut $place;
                *slot = u32::try_from(n).unwrap_or(*slot);
            },
        }
    };
}

static FIELDS: &[WholeField] = &[
    WholeField {
        path: "unit.fiscal_year",
        label: "预算年度",
        range: *FISCAL_YEARS.start() as i64..=*FISCAL_YEARS.end() as i64,
        blank_is_zero: false,
        get: |i| i64::from(i.unit.fiscal_year),
        set: |i, n| i.unit.fiscal_year = i32::try_from(n).unwrap_or(i.unit.fiscal_year),
    },
    count!(
        "narrative.vehicles_held.general",
        "年初车辆 一般公务用车",
        vehicles_held.general
    ),
    count!(
        "narrative.vehicles_held.enforcement",
        "年初车辆 执勤执法用车",
        vehicles_held.enforcement
    ),
    count!(
        "narrative.vehicles_to_buy.general",
        "本年拟购置 一般公务用车",
        vehicles_to_buy.general
    ),
    count!(
        "narrative.vehicles_to_buy.enforcement",
        "本年拟购置 执勤执法用车",
        vehicles_to_buy.enforcement
    ),
    asset!(
        "disclosure.assets.vehicles_held.ministerial",
        "现有车辆 部级领导干部用车",
        |a| a.vehicles_held.ministerial
    ),
    asset!(
        "disclosure.assets.vehicles_held.principal",
        "现有车辆 主要领导干部用车",
        |a| a.vehicles_held.principal
    ),
    asset!(
        "disclosure.assets.vehicles_held.confidential",
        "现有车辆 机要通信用车",
        |a| a.vehicles_held.confidential
    ),
    asset!(
        "disclosure.assets.vehicles_held.emergency",
        "现有车辆 应急保障用车",
        |a| a.vehicles_held.emergency
    ),
    asset!(
        "disclosure.assets.vehicles_held.enforcement",
        "现有车辆 执法执勤用车",
        |a| a.vehicles_held.enforcement
    ),
    asset!(
        "disclosure.assets.vehicles_held.special",
        "现有车辆 特种专业技术用车",
        |a| a.vehicles_held.special
    ),
    asset!(
        "disclosure.assets.vehicles_held.retired",
        "现有车辆 离退休干部用车",
        |a| a.vehicles_held.retired
    ),
    asset!(
        "disclosure.assets.vehicles_held.other",
        "现有车辆 其他用车",
        |a| a.vehicles_held.other
    ),
    asset!(
        "disclosure.assets.vehicles_to_buy.ministerial",
        "拟购置车辆 部级领导干部用车",
        |a| a.vehicles_to_buy.ministerial
    ),
    asset!(
        "disclosure.assets.vehicles_to_buy.principal",
        "拟购置车辆 主要领导干部用车",
        |a| a.vehicles_to_buy.principal
    ),
    asset!(
        "disclosure.assets.vehicles_to_buy.confidential",
        "拟购置车辆 机要通信用车",
        |a| a.vehicles_to_buy.confidential
    ),
    asset!(
        "disclosure.assets.vehicles_to_buy.emergency",
        "拟购置车辆 应急保障用车",
        |a| a.vehicles_to_buy.emergency
    ),
    asset!(
        "disclosure.assets.vehicles_to_buy.enforcement",
        "拟购置车辆 执法执勤用车",
        |a| a.vehicles_to_buy.enforcement
    ),
    asset!(
        "disclosure.assets.vehicles_to_buy.special",
        "拟购置车辆 特种专业技术用车",
        |a| a.vehicles_to_buy.special
    ),
    asset!(
        "disclosure.assets.vehicles_to_buy.retired",
        "拟购置车辆 离退休干部用车",
        |a| a.vehicles_to_buy.retired
    ),
    asset!(
        "disclosure.assets.vehicles_to_buy.other",
        "拟购置车辆 其他用车",
        |a| a.vehicles_to_buy.other
    ),
    asset!(
        "disclosure.assets.equipment_held",
        "现有单价100万元（含）以上设备",
        |a| a.equipment_held
    ),
    asset!(
        "disclosure.assets.equipment_to_buy",
        "拟购置单价100万元（含）以上设备",
        |a| a.equipment_to_buy
    ),
];

/// Every whole-number field, in input order.
pub fn fields() -> &'static [WholeField] {
    FIELDS
}

/// The whole-number field at this path.
pub fn field(path: &str) -> Option<&'static WholeField> {
    FIELDS.iter().find(|f| f.path == path)
}

/// Why a text is not a number a whole-number field accepts.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum WholeError {
    /// Nothing typed, where a number is required.
    #[error("未填写（应为 {lo}–{hi} 之间的整数）")]
    Blank {
        /// Smallest accepted.
        lo: i64,
        /// Largest accepted.
        hi: i64,
    },
    /// Not a whole number (letters, a unit, decimals, grouping).
    #[error("“{text}”不是整数（应为 {lo}–{hi} 之间的整数）")]
    NotWhole {
        /// What was typed.
        text: String,
        /// Smallest accepted.
        lo: i64,
        /// Largest accepted.
        hi: i64,
    },
    /// A whole number outside the field's range.
    #[error("“{text}”不在 {lo}–{hi} 之间")]
    OutOfRange {
        /// What was typed.
        text: String,
        /// Smallest accepted.
        lo: i64,
        /// Largest accepted.
        hi: i64,
    },
}

/// Take what the clerk typed into the whole-number field at `path`: a number it
/// accepts is stored (and any text kept for the field dropped); anything else
/// is kept in `Inputs::unparsed`, and the field's number stays as it was. Does
/// nothing for a path that is not a whole-number field. The result says why a
/// text was kept.
pub fn enter(inputs: &mut Inputs, path: &str, text: &str) -> Result<(), WholeError> {
    let Some(f) = field(path) else {
        return Ok(());
    };
    match f.parse(text) {
        Ok(n) => {
            (f.set)(inputs, n);
            inputs.unparsed.remove(path);
            Ok(())
        }
        Err(e) => {
            inputs.unparsed.insert(path.to_string(), text.to_string());
            Err(e)
        }
    }
}

impl WholeField {
    /// Read the clerk's text: surrounding spaces are ignored and full-width
    /// digits (an IME in full-width mode) read as digits; anything else that is
    /// not an optionally signed run of digits is refused, never guessed.
    pub fn parse(&self, text: &str) -> Result<i64, WholeError> {
        let (lo, hi) = (*self.range.start(), *self.range.end());
        let t = text.trim();
        if t.is_empty() {
            return if self.blank_is_zero && self.range.contains(&0) {
                Ok(0)
            } else {
                Err(WholeError::Blank { lo, hi })
            };
        }
        let ascii: String = t
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                '－' => '-',
                '＋' => '+',
                c => c,
            })
            .collect();
        let digits = ascii.strip_prefix(['-', '+']).unwrap_or(&ascii);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(WholeError::NotWhole {
                text: text.to_string(),
                lo,
                hi,
            });
        }
        ascii
            .parse::<i64>()
            .ok()
            .filter(|n| self.range.contains(n))
            .ok_or_else(|| WholeError::OutOfRange {
                text: text.to_string(),
                lo,
                hi,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year() -> &'static WholeField {
        field("unit.fiscal_year").expect("the year is a whole-number field")
    }

    fn held() -> &'static WholeField {
        field("narrative.vehicles_held.general").expect("a vehicle count")
    }

    #[test]
    fn whole_numbers_read_and_everything_else_is_refused() {
        assert_eq!(year().parse("2021"), Ok(2021));
        assert_eq!(year().parse(" ２０２２ "), Ok(2022));
        assert_eq!(year().parse("0"), Ok(0));
        assert_eq!(held().parse("7"), Ok(7));
        assert_eq!(held().parse("+7"), Ok(7));
        assert_eq!(held().parse(""), Ok(0), "a count left blank is none");
        assert_eq!(held().parse("  "), Ok(0));
        assert_eq!(
            year().parse(""),
            Err(WholeError::Blank { lo: 0, hi: 9999 }),
            "a year must be given"
        );
        for bad in [
            "2022年",
            "2,021",
            "2021.0",
            "7辆",
            "-",
            "+",
            "1e3",
            "二〇二一",
            "7 8",
        ] {
            assert!(
                matches!(year().parse(bad), Err(WholeError::NotWhole { .. })),
                "{bad}"
            );
        }
        for far in ["10000", "-1", "99999999999999999999999"] {
            assert!(
                matches!(year().parse(far), Err(WholeError::OutOfRange { .. })),
                "{far}"
            );
        }
        assert!(matches!(
            held().parse("100001"),
            Err(WholeError::OutOfRange { .. })
        ));
    }

    #[test]
    fn messages_quote_the_text_as_typed() {
        assert_eq!(
            year().parse("2022年").map_err(|e| e.to_string()),
            Err("“2022年”不是整数（应为 0–9999 之间的整数）".to_string())
        );
        assert_eq!(
            held().parse("－3").map_err(|e| e.to_string()),
            Err("“－3”不在 0–100000 之间".to_string())
        );
    }

    #[test]
    fn enter_stores_a_number_and_keeps_any_other_text_beside_the_last_number() {
        let mut i = Inputs::default();
        i.unit.fiscal_year = 2021;
        assert!(enter(&mut i, "unit.fiscal_year", "2022年").is_err());
        assert_eq!(i.unit.fiscal_year, 2021, "the last valid year stays");
        assert_eq!(
            i.unparsed.get("unit.fiscal_year").map(String::as_str),
            Some("2022年")
        );
        assert_eq!(enter(&mut i, "unit.fiscal_year", "2022"), Ok(()));
        assert_eq!(i.unit.fiscal_year, 2022);
        assert!(i.unparsed.is_empty());

        assert_eq!(
            enter(&mut i, "narrative.vehicles_to_buy.enforcement", "3"),
            Ok(())
        );
        assert_eq!(i.narrative.vehicles_to_buy.enforcement, 3);
        assert_eq!(i.narrative.vehicles_to_buy.general, 0);
        assert!(enter(&mut i, "narrative.vehicles_to_buy.enforcement", "三").is_err());
        assert_eq!(i.narrative.vehicles_to_buy.enforcement, 3);
        assert_eq!(
            enter(&mut i, "narrative.vehicles_to_buy.enforcement", ""),
            Ok(())
        );
        assert_eq!(i.narrative.vehicles_to_buy.enforcement, 0);
        assert!(i.unparsed.is_empty());

        let before = i.clone();
        assert_eq!(
            enter(&mut i, "unit.name", "x"),
            Ok(()),
            "not a whole-number field"
        );
        assert_eq!(i, before);
    }

    #[test]
    fn every_field_path_names_a_number_of_the_inputs() {
        // A `disclosure` with something in it, so it is written.
        let mut full = crate::model::Inputs::default();
        full.disclosure.glossary.push(Default::default());
        let inputs = serde_json::to_value(full).expect("inputs serialize");
        for f in fields() {
            let mut v = &inputs;
            for key in f.path.split('.') {
                v = v
                    .get(key)
                    .unwrap_or_else(|| panic!("{} is not in the inputs", f.path));
            }
            assert!(v.is_number(), "{} is a number", f.path);
            // get and set reach the field at that path.
            let mut i = crate::model::Inputs::default();
            (f.set)(&mut i, 7);
            assert_eq!((f.get)(&i), 7, "{}", f.path);
            let json = serde_json::to_value(&i).expect("inputs serialize");
            let mut v = &json;
            for key in f.path.split('.') {
                v = &v[key];
            }
            assert_eq!(v.as_i64(), Some(7), "{}", f.path);
        }
    }
}
