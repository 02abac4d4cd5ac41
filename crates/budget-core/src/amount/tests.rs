use super::*;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn accepts_what_clerks_type() {
    for (input, want) in [
        ("1,234.5", "1234.5"),
        ("1234.50", "1234.50"),
        (" 1 234 ", "1234"),
        ("1 234 567.89", "1234567.89"),
        ("500 300", "500300"),
        ("１\u{3000}２３４", "1234"),
        ("１２３４．５", "1234.5"),
        ("1，234．56", "1234.56"),
        ("", "0"),
        ("   ", "0"),
        ("0", "0"),
        (".5", "0.5"),
        ("+12", "12"),
        ("-0", "0"),
        ("6,849,169.92", "6849169.92"),
        ("1000000000000", "1000000000000"),
        // Excel 货币 / 会计专用 cells as copied, zero as a dash included.
        ("¥1,234.00", "1234"),
        ("￥ 1,234.50 ", "1234.5"),
        (" ¥ 6,849,169.92 ", "6849169.92"),
        ("-", "0"),
        (" ¥ -   ", "0"),
        ("－", "0"),
        ("—", "0"),
        // Zeros past the second decimal: the same amount.
        ("12.340", "12.34"),
        ("1,234.5000", "1234.5"),
    ] {
        assert_eq!(parse_amount(input), Ok(d(want)), "{input:?}");
    }
}

#[test]
fn rejects_with_a_reason() {
    use AmountError::*;
    for (input, want) in [
        ("12.345", TooManyDecimals("12.345".into())),
        ("1e5", Exponent("1e5".into())),
        ("-1", Negative("-1".into())),
        ("NaN", NotANumber("NaN".into())),
        ("abc", NotANumber("abc".into())),
        ("1.2.3", NotANumber("1.2.3".into())),
        ("475,96", BadGrouping("475,96".into())),
        ("1,2345", BadGrouping("1,2345".into())),
        ("500 30", SpacedDigits("500 30".into())),
        ("1 2", SpacedDigits("1 2".into())),
        ("12\u{3000}34", SpacedDigits("12\u{3000}34".into())),
        ("1,234 .5", SpacedDigits("1,234 .5".into())),
        ("- 500", SpacedDigits("- 500".into())),
        ("1 234.567", TooManyDecimals("1 234.567".into())),
        ("1000000000000.01", TooLarge("1000000000000.01".into())),
        ("1".repeat(200).as_str(), TooLarge("1".repeat(200))),
        (".", NotANumber(".".into())),
        ("--", NotANumber("--".into())),
        ("¥", NotANumber("¥".into())),
        ("¥¥1", NotANumber("¥¥1".into())),
        ("1¥", NotANumber("1¥".into())),
        ("¥-5", Negative("¥-5".into())),
        ("12.3401", TooManyDecimals("12.3401".into())),
        ("12.0001", TooManyDecimals("12.0001".into())),
        ("1.", NotANumber("1.".into())),
    ] {
        assert_eq!(parse_amount(input), Err(want), "{input:?}");
    }
}

#[test]
fn messages_are_chinese_and_quote_the_text() {
    let e = parse_amount("12.345").unwrap_err();
    assert_eq!(e.to_string(), "“12.345”的小数超过 2 位，金额最多精确到分");
}

#[test]
fn file_amounts_are_plain() {
    assert_eq!(parse_file_amount("11906397.06"), Ok(d("11906397.06")));
    assert!(parse_file_amount("1,234").is_err());
    assert!(parse_file_amount(" 12").is_err());
    assert!(parse_file_amount("").is_err());
    assert!(matches!(
        parse_file_amount("-1"),
        Err(AmountError::Negative(_))
    ));
    assert!(matches!(
        parse_file_amount("12.345"),
        Err(AmountError::TooManyDecimals(_))
    ));
    assert!(matches!(
        parse_file_amount("12.340"),
        Err(AmountError::TooManyDecimals(_))
    ));
    assert!(matches!(
        parse_file_amount("1000000000000.01"),
        Err(AmountError::TooLarge(_))
    ));
}

/// The shared list the schema's Amount pattern is tested against too
/// (tests/e2e/schema.test.mjs): the parser and the schema agree.
#[test]
fn file_amounts_agree_with_the_shared_list() {
    let list = include_str!("../../../../fixtures/file-amounts.tsv");
    let mut n = 0;
    for line in list.lines().filter(|l| !l.starts_with('#')) {
        let (text, want) = line.rsplit_once('\t').expect("text<TAB>yes|no");
        assert_eq!(parse_file_amount(text).is_ok(), want == "yes", "{text:?}");
        n += 1;
    }
    assert!(n >= 20, "{n} cases");
}

#[test]
fn formats_yuan_with_grouping() {
    assert_eq!(format_yuan(d("11906397.06")), "11,906,397.06");
    assert_eq!(format_yuan(d("0")), "0.00");
    assert_eq!(format_yuan(d("180000")), "180,000.00");
    assert_eq!(format_yuan(d("999.5")), "999.50");
    assert_eq!(format_yuan(d("-1234")), "-1,234.00");
    assert_eq!(format_wan_fixed(d("684.9"), 2), "684.90");
    assert_eq!(format_wan_fixed(d("1190.64"), 2), "1190.64");
    assert_eq!(format_wan_fixed(d("0.125"), 2), "0.13");
    assert_eq!(format_wan_fixed(d("-0.125"), 2), "-0.13");
    assert_eq!(format_wan_fixed(d("12"), 0), "12");
    assert_eq!(format_wan_fixed(d("12"), 4), "12.0000");
}

#[test]
fn formats_wan_half_away_from_zero() {
    assert_eq!(format_wan(d("1301627.58")), "130.16");
    assert_eq!(format_wan(d("693016.12")), "69.3");
    assert_eq!(format_wan(d("0")), "0");
    assert_eq!(format_wan(d("2345")), "0.23"); // 0.2345 → 0.23
    assert_eq!(format_wan(d("23450")), "2.35"); // banker's would give 2.34
    assert_eq!(format_wan(d("-23450")), "-2.35");
    assert_eq!(format_wan(d("11906397.06")), "1190.64");
}

#[test]
fn max_amount_is_ten_to_the_twelfth() {
    assert_eq!(MAX_AMOUNT, d("1000000000000"));
}

#[test]
fn plain_texts_parse_as_the_full_parser_does() {
    for t in [
        "0",
        "0.00",
        "00.5",
        "1",
        "12.3",
        "12.30",
        "007",
        "999999999999.99",
        "100000000000",
        "1234567890123",
        ".5",
        "1.",
        "1.234",
        "1..2",
        "",
        "1a",
        "12,3",
        "-1",
        " 1",
        "0.0",
    ] {
        let full = parse_amount(t).ok();
        match parse_plain(t) {
            Some((v, cents)) => {
                let f = full.unwrap();
                assert_eq!((v.mantissa(), v.scale()), (f.mantissa(), f.scale()), "{t}");
                assert_eq!(cents, to_cents(f), "{t}");
            }
            None => assert!(
                t.is_empty() || t.len() > 12 || !t.bytes().all(|c| c.is_ascii_digit()),
                "{t}"
            ),
        }
    }
}

#[test]
fn cent_sums_are_exact() {
    let mut s = CentSum::default();
    for t in ["0.01", "1,234.5", "", "abc", "999999999999.99", "7"] {
        s.add(&Amount::from_text(t));
    }
    assert_eq!(s.to_decimal(), d("1000000001241.50"));
    assert!(Amount::default().parsed().is_some());
}

#[test]
fn amount_cell_keeps_invalid_text() {
    let a = Amount::from_text("12,3x");
    assert_eq!(a.text(), "12,3x");
    assert_eq!(a.value(), Decimal::ZERO);
    assert!(a.error().is_some());
    let json = serde_json::to_string(&a).unwrap();
    let back: Amount = serde_json::from_str(&json).unwrap();
    assert_eq!(back, a);
    assert!(serde_json::from_str::<Amount>("12.5").is_err());
}
