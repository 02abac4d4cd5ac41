use super::*;

#[test]
fn procurement_categories_read_by_label_word_or_name() {
    for (text, want) in [
        ("货物类", Some(ProcurementCategory::Goods)),
        (" 工程 ", Some(ProcurementCategory::Works)),
        ("services", Some(ProcurementCategory::Services)),
        ("服务类别", None),
        ("", None),
    ] {
        assert_eq!(ProcurementCategory::from_label(text), want, "{text:?}");
    }
}

#[test]
fn operators_read_as_spreadsheets_write_them_and_never_guess() {
    for (text, want) in [
        ("≥", Operator::AtLeast),
        (">=", Operator::AtLeast),
        (" ＞＝ ", Operator::AtLeast),
        ("不低于", Operator::AtLeast),
        ("<=", Operator::AtMost),
        ("≦", Operator::AtMost),
        ("不超过", Operator::AtMost),
        ("＝", Operator::Equal),
        (">", Operator::Greater),
        ("< ", Operator::Less),
    ] {
        assert_eq!(Operator::from_label(text), Some(want), "{text:?}");
    }
    for text in ["", "≈", "=>=", "约等于", "<>"] {
        assert_eq!(Operator::from_label(text), None, "{text:?}");
    }
    for o in Operator::ALL {
        assert_eq!(Operator::from_label(o.symbol()), Some(o));
    }
}

#[test]
fn sources_read_with_any_brackets_or_dashes() {
    for (text, want) in [
        ("上年结转（一般公共预算）", FundingSource::CarryoverGeneral),
        ("上年结转-一般公共预算", FundingSource::CarryoverGeneral),
        ("上年结转(一般公共预算)", FundingSource::CarryoverGeneral),
        ("上年结转 一般公共预算", FundingSource::CarryoverGeneral),
        (
            "事业收入（非教育收费）",
            FundingSource::BusinessNonEducation,
        ),
        ("general_budget", FundingSource::GeneralBudget),
    ] {
        assert_eq!(FundingSource::from_label(text), Some(want), "{text:?}");
    }
    // Ambiguous or unknown: refused, not guessed.
    for text in ["事业收入", "上年结转", "", "—"] {
        assert_eq!(FundingSource::from_label(text), None, "{text:?}");
    }
    for f in FundingSource::ALL {
        assert_eq!(FundingSource::from_label(f.label()), Some(f));
        assert_eq!(FundingSource::from_label(f.short_label()), Some(f));
    }
}
