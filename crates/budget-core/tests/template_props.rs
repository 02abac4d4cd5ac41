//! Property tests of templates: any form derives under every template
//! without panic, each table's declared identities (a total is the sum of its
//! parts, rows and columns) hold exactly in 元, every 万元 table balances,
//! and the checks run.

use budget_core::table::{Cell, Table};
use budget_core::template;
use budget_synthetic::generate;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn money(t: &Table, r: usize, c: usize) -> Decimal {
    t.rows
        .get(r)
        .and_then(|row| row.cells.get(c))
        .and_then(Cell::money)
        .unwrap_or_default()
}

/// The first declared sum of `t` that does not hold.
fn broken_sum(t: &Table) -> Option<String> {
    for s in &t.sums.rows {
        for &c in &s.cells {
            let parts: Decimal = s.parts.iter().map(|&p| money(t, p, c)).sum();
            if money(t, s.total, c) != parts {
                return Some(format!("{} row {} cell {c}", t.id, s.total));
            }
        }
    }
    for s in &t.sums.columns {
        for &r in &s.rows {
            let parts: Decimal = s.parts.iter().map(|&p| money(t, r, p)).sum();
            if money(t, r, s.total) != parts {
                return Some(format!("{} cell {} row {r}", t.id, s.total));
            }
        }
    }
    None
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn any_form_derives_under_every_template_with_its_identities(
        rows in 0usize..150,
        seed in any::<u64>(),
    ) {
        for tpl in template::all() {
            let mut inputs = generate(rows, seed);
            inputs.template.0 = tpl.id.clone();
            let d = budget_core::derive(&inputs);
            prop_assert_eq!(d.tables.len(), tpl.tables.len());
            for t in &d.tables {
                if let Some(b) = broken_sum(t) {
                    prop_assert!(false, "{}: {}", tpl.id, b);
                }
                let w = budget_core::wan::to_wan(t, 2).unwrap();
                prop_assert!(w.is_balanced(), "{} {}: {:?}", tpl.id, t.id, w.unbalanced);
            }
            let _ = budget_core::check(&inputs, &d);
        }
    }
}

/// The summaries of every template close: income total = expenditure total
/// in each two-sided table, on the sample of each region.
#[test]
fn the_samples_close_under_their_templates() {
    for (file, id) in [
        (
            "../../fixtures/dadukou-2021.json",
            "chongqing-district-2021",
        ),
        ("../../fixtures/putuo-2025.json", "shanghai-district-2025"),
    ] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        #[allow(clippy::disallowed_methods)]
        let text = std::fs::read_to_string(path).unwrap();
        let inputs: budget_core::Inputs = serde_json::from_str(&text).unwrap();
        assert_eq!(template::of(&inputs).id, id);
        let d = budget_core::derive(&inputs);
        for t in &d.tables {
            assert_eq!(broken_sum(t), None);
            let last = t.rows.last().map(|r| r.cells.as_slice()).unwrap_or(&[]);
            if let [Cell::Text(a), income, Cell::Text(b), spent, ..] = last
                && a.as_ref() == "收入总计"
                && b.as_ref() == "支出总计"
            {
                assert_eq!(income.money(), spent.money(), "{id} {}", t.id);
            }
        }
    }
}

/// A 单位 document says 单位 in its titles and text, under either template,
/// and a 部门 document prints as before.
#[test]
fn a_unit_document_never_calls_itself_a_department_budget() {
    for file in [
        "../../fixtures/dadukou-2021.json",
        "../../fixtures/putuo-2025.json",
    ] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        #[allow(clippy::disallowed_methods)]
        let text = std::fs::read_to_string(path).unwrap();
        let mut inputs: budget_core::Inputs = serde_json::from_str(&text).unwrap();
        inputs.unit.document = budget_core::model::DocumentLevel::Unit;
        let d = budget_core::derive(&inputs);
        // `部门（单位）` names both (表10's official title); 部门预算经济分类
        // is the name of a classification.
        for t in &d.tables {
            let title = t
                .title
                .replace("部门（单位）", "")
                .replace("部门预算经济分类", "");
            assert!(!title.contains("部门"), "{}", t.title);
        }
        let n = &d.narrative;
        assert!(!n.title.contains("部门预算"), "{}", n.title);
        for s in &n.sections {
            assert!(!s.heading.contains("部门"), "{}", s.heading);
        }
        assert!(!n.contact.contains("部门预算"), "{}", n.contact);
    }
}
