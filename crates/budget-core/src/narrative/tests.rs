use super::*;

fn d(s: &str) -> Decimal {
    s.parse().expect("a decimal")
}

fn seed() -> Inputs {
    serde_json::from_str(include_str!("../../../../fixtures/dadukou-2021.json")).unwrap()
}

fn text_of(inputs: &Inputs) -> String {
    crate::derive(inputs).narrative.to_text()
}

/// Each field's preview is a sentence of the narrative, word for word.
#[test]
fn every_clerk_sentence_is_printed_in_the_narrative() {
    let mut inputs = seed();
    inputs.sangong.this_year.abroad = crate::Amount::from_text("10000");
    inputs.narrative.reasons.abroad = "主要原因是新增外事任务。".into();
    for inputs in [seed(), inputs] {
        let t = Totals::compute(&inputs);
        let sums = RowSums::of(&inputs);
        let text = text_of(&inputs);
        for field in ClerkText::ALL {
            let sentence = clerk_sentence(field, &inputs, &t, &sums);
            assert!(!sentence.is_empty(), "{field:?}");
            assert!(text.contains(&sentence), "{field:?}: {sentence}");
            let typed = field.fragment(field.text(&inputs.narrative));
            assert!(sentence.contains(&typed), "{field:?}: {sentence}");
        }
    }
}

/// The doubled lead-ins and endings: typed as the clerk did, the
/// narrative says each once (and the preview says what it prints).
#[test]
fn doubled_lead_ins_and_endings_are_said_once() {
    type Set = fn(&mut crate::model::NarrativeInputs, &'static str);
    let cases: &[(ClerkText, Set, &str, &str)] = &[
        (
            ClerkText::Income,
            |n, v| n.reasons.income = v.into(),
            "主要是机构改革。",
            "收入较去年减少285.44万元，主要是机构改革，经费拨款减少",
        ),
        (
            ClerkText::Income,
            |n, v| n.reasons.income = v.into(),
            "主要原因是机构改革",
            "收入较去年减少285.44万元，主要是机构改革，",
        ),
        (
            ClerkText::Basic,
            |n, v| n.reasons.basic = v.into(),
            "主要是人员调出",
            "，主要原因是人员调出，主要用于保障",
        ),
        (
            ClerkText::Project,
            |n, v| n.reasons.project = v.into(),
            "主要原因是独立核算；",
            "，主要原因是独立核算，主要用于完成",
        ),
        (
            ClerkText::Reception,
            |n, v| n.reasons.reception = v.into(),
            "原因是压减接待批次",
            "公务接待费5.96万元，比2020年减少1.5万元，主要原因是压减接待批次；",
        ),
        (
            ClerkText::RunningCost,
            |n, v| n.reasons.running_cost = v.into(),
            " 主要原因是压减经费开支。 ",
            "比上年减少67.1万元，主要原因是压减经费开支。",
        ),
        (
            ClerkText::RunningCostUse,
            |n, v| n.running_cost_use = v.into(),
            "主要用于办公费、差旅费等。",
            "。主要用于办公费、差旅费等。",
        ),
        (
            ClerkText::KeyWork,
            |n, v| n.key_work = v.into(),
            "电子政务、对口支援等重点工作",
            "，主要包括：电子政务、对口支援等重点工作。",
        ),
        (
            ClerkText::KeyWork,
            |n, v| n.key_work = v.into(),
            "主要包括：电子政务等工作。",
            "，主要包括：电子政务等重点工作。",
        ),
    ];
    for (field, set, typed, printed) in cases {
        let mut inputs = seed();
        set(&mut inputs.narrative, typed);
        let text = text_of(&inputs);
        assert!(text.contains(printed), "{typed:?}: {text}");
        let sentence = clerk_sentence(
            *field,
            &inputs,
            &Totals::compute(&inputs),
            &RowSums::of(&inputs),
        );
        assert!(text.contains(&sentence), "{typed:?}: {sentence}");
        for doubled in [
            "主要是主要",
            "主要原因是主要",
            "主要原因是原因",
            "主要用于主要用于",
            "等重点工作等",
            "等工作等重点工作",
            "主要包括：主要包括",
        ] {
            assert!(!text.contains(doubled), "{typed:?} gave {doubled}: {text}");
        }
    }
}

/// A figure that did not change prints no reason: the preview says so by
/// showing the sentence without it.
#[test]
fn an_unchanged_figure_prints_no_reason() {
    let mut inputs = seed();
    inputs.narrative.reasons.abroad = "新增外事任务".into();
    let sentence = clerk_sentence(
        ClerkText::Abroad,
        &inputs,
        &Totals::compute(&inputs),
        &RowSums::of(&inputs),
    );
    assert_eq!(sentence, "因公出国（境）费用0万元，同2020年");
    inputs.narrative.key_work = " 。".into();
    let t = Totals::compute(&inputs);
    assert_eq!(
        clerk_sentence(ClerkText::KeyWork, &inputs, &t, &RowSums::of(&inputs)),
        ""
    );
    assert!(text_of(&inputs).contains("而安排的支出。"));
}

#[test]
fn a_change_is_worded_in_wan_and_never_as_zero() {
    assert_eq!(change(d("100"), d("100")), None);
    assert_eq!(
        change(d("1301627.58"), d("0")).as_deref(),
        Some("增加130.16万元")
    );
    assert_eq!(
        change(d("0"), d("693016.12")).as_deref(),
        Some("减少69.3万元")
    );
    // 50 元 rounds (half away from zero) to 0.01 万元; 49.99 元 to 0.
    assert_eq!(change(d("50"), d("0")).as_deref(), Some("增加0.01万元"));
    assert_eq!(
        change(d("0"), d("49.99")).as_deref(),
        Some("减少不足0.01万元")
    );
    assert_eq!(
        change(d("100.01"), d("100")).as_deref(),
        Some("增加不足0.01万元")
    );
}

/// The empty form's 情况说明 read “0年部门预算情况说明…与-1年持平”: without
/// a 预算年度 the text names none and does no arithmetic on 0.
#[test]
fn a_missing_fiscal_year_is_said_not_computed() {
    let empty = text_of(&Inputs::default());
    for year in [0, 202, 1999, 2101] {
        let mut inputs = seed();
        inputs.unit.fiscal_year = year;
        for text in [text_of(&inputs), empty.clone()] {
            assert!(text.contains("（预算年度未填写）"), "{year}: {text}");
            for printed in [format!("{year}年"), format!("{}年", year - 1)] {
                assert!(!text.contains(&printed), "{year}: {printed} in {text}");
            }
            assert!(!text.contains("-1年"), "{text}");
        }
    }
    assert!(
        empty.starts_with("（预算年度未填写）部门预算情况说明"),
        "{empty}"
    );
    assert!(empty.contains("与上年持平"), "{empty}");
    assert!(empty.contains("截止上年12月"), "{empty}");
    // A known year still prints as before (the golden narrative is unchanged).
    let seed_text = text_of(&seed());
    assert!(seed_text.contains("2021年部门预算情况说明"));
    assert!(!seed_text.contains("预算年度未填写"));
}

/// Σ of the figures `label…万元` in `text`, in cents of 万元.
fn figure_after(text: &str, label: &str) -> i64 {
    let at = text
        .find(label)
        .unwrap_or_else(|| panic!("{label} not in {text}"))
        + label.len();
    let digits: String = text[at..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let v: Decimal = digits
        .parse()
        .unwrap_or_else(|_| panic!("{label}: {digits:?}"));
    (v * Decimal::ONE_HUNDRED).try_into().unwrap()
}

/// Where the text lists the parts of a total, the parts printed add up to
/// the total printed (舍位平衡, as the 万元 tables): three 三公 items of
/// 1,666.67 元 each round to 0.17万元, but the total is 0.5万元.
#[test]
fn parts_listed_add_up_to_the_total_printed() {
    let mut inputs = seed();
    let y = &mut inputs.sangong.this_year;
    y.abroad = crate::Amount::from_text("1666.67");
    y.reception = crate::Amount::from_text("1666.67");
    y.vehicle_operation = crate::Amount::from_text("1666.67");
    y.vehicle_purchase = crate::Amount::from_text("0");
    // Last year: 4,999.98 元 spread so the changes round over too.
    let l = &mut inputs.sangong.last_year;
    l.abroad = crate::Amount::from_text("0");
    l.reception = crate::Amount::from_text("0");
    l.vehicle_operation = crate::Amount::from_text("0");
    l.vehicle_purchase = crate::Amount::from_text("0");
    let text = text_of(&inputs);
    let total = figure_after(&text, "“三公”经费预算");
    assert_eq!(total, 50, "{text}");
    let items: i64 = [
        "因公出国（境）费用",
        "公务接待费",
        "公务用车运行维护费",
        "公务用车购置费",
    ]
    .iter()
    .map(|l| figure_after(&text, l))
    .sum();
    assert_eq!(items, total, "{text}");
    // The changes too: each item rose by what it is, the total by 0.5.
    assert!(text.contains("比2020年增加0.5万元。其中"), "{text}");
    let sentence = &text[text.find("“三公”经费预算").unwrap()..];
    let rises: i64 = sentence
        .match_indices("增加")
        .skip(1)
        .map(|(i, _)| figure_after(&sentence[i..], "增加"))
        .sum();
    assert_eq!(rises, 50, "{sentence}");
}
