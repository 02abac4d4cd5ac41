use rust_decimal::Decimal;

use super::*;
use crate::catalog::mapping;
use crate::model::{ExpenditureType, FundingSource, RowLink};

fn sample() -> Inputs {
    serde_json::from_str(include_str!("../../../../fixtures/dadukou-2021.json")).unwrap()
}

#[test]
fn the_samples_2021_figures_become_the_2022_forms_last_year_line_for_line() {
    let old = sample();
    let next = next_year(&old, 2022);
    assert_eq!(next.unmapped, []);
    let new = &next.inputs;
    assert_eq!(new.unit.fiscal_year, 2022);
    assert_eq!(new.unit.name, old.unit.name);
    assert_eq!(new.unit.duties, old.unit.duties);
    assert_eq!(new.unit.composition, old.unit.composition);
    // Line for line: every row with a 2021 figure, in order, its 本年 as 上年.
    let want: Vec<_> = old
        .rows
        .iter()
        .filter(|r| !r.this_year.is_zero())
        .map(|r| (r.code.clone(), r.source, r.kind, r.this_year.value()))
        .collect();
    let got: Vec<_> = new
        .rows
        .iter()
        .map(|r| (r.code.clone(), r.source, r.kind, r.last_year.value()))
        .collect();
    assert_eq!(got, want);
    assert_eq!(want.len(), old.rows.len() - 1, "the sample's one zero row");
    assert!(new.rows.iter().all(|r| r.this_year.text().is_empty()));
    let old_codes: Vec<&str> = old.economic_rows.iter().map(|e| e.code.as_str()).collect();
    let new_codes: Vec<&str> = new.economic_rows.iter().map(|e| e.code.as_str()).collect();
    assert_eq!(new_codes, old_codes);
    assert!(new.economic_rows.iter().all(|e| e.amount.text().is_empty()));
    assert_eq!(new.sangong.last_year, old.sangong.this_year);
    assert_eq!(new.sangong.this_year, Default::default());
    assert_eq!(
        new.narrative.running_cost_last_year.value(),
        old.narrative.running_cost_this_year.value()
    );
    assert!(new.narrative.running_cost_this_year.text().is_empty());
    assert_eq!(new.overall_performance, old.overall_performance);
    assert_eq!(new.projects.len(), old.projects.len());
    for (n, o) in new.projects.iter().zip(&old.projects) {
        assert_eq!(n.name, o.name);
        assert_eq!(n.indicators, o.indicators);
        assert_eq!(n.links, o.links);
        assert_eq!(n.budget_last_year.value(), o.budget_this_year.value());
        assert!(n.budget_this_year.text().is_empty());
    }
    assert!(new.procurement.is_empty());
    assert!(new.explanations.is_empty());
    // The derived 上年 total is the sample's 本年 total.
    let derived = crate::derive(new);
    let before = crate::derive(&old);
    assert_eq!(derived.totals.total_last_year, before.totals.total);
}

fn row(code: &str, this_year: &str) -> BudgetRow {
    BudgetRow {
        code: code.into(),
        source: FundingSource::GeneralBudget,
        kind: ExpenditureType::Basic,
        this_year: Amount::from_text(this_year),
        last_year: Amount::from_text("1"),
        unparsed: Default::default(),
    }
}

#[test]
fn codes_are_carried_through_the_mapping_and_the_unmapped_are_listed_not_dropped() {
    let mut old = sample();
    old.rows = vec![
        row("2010301", "100"),
        row("2130507", "200"),
        row("2130510", "300.5"),
        row("2130599", "0"),
        row("2130599", "12,3a4"),
    ];
    old.projects[0].links = vec![RowLink {
        code: "2130510".into(),
        source: FundingSource::GeneralBudget,
    }];
    let next = next_year(&old, 2025);
    let got: Vec<(&str, &str)> = next
        .inputs
        .rows
        .iter()
        .map(|r| (r.code.as_str(), r.last_year.text()))
        .collect();
    // The zero row carries nothing; invalid text is carried as typed.
    assert_eq!(
        got,
        [
            ("2010301", "100.00"),
            ("2130507", "200.00"),
            ("2130510", "300.50"),
            ("2130599", "12,3a4"),
        ]
    );
    assert_eq!(
        next.unmapped,
        [
            Unmapped {
                path: "rows[2].code".into(),
                code: "2130510".into(),
                name: Some("扶贫事业机构".into()),
                amount: Some(Decimal::new(30050, 2)),
            },
            Unmapped {
                path: "projects[0].links[0].code".into(),
                code: "2130510".into(),
                name: Some("扶贫事业机构".into()),
                amount: None,
            },
        ]
    );
    assert_eq!(
        next.unmapped[0].to_string(),
        "2130510 扶贫事业机构（上年 300.50 元）：新年度目录中没有对应科目（位置：rows[2].code）"
    );
    // The kept row is what COD-001 then asks the clerk to recode.
    let findings = crate::check(&next.inputs, &crate::derive(&next.inputs));
    assert!(
        findings
            .iter()
            .any(|f| f.check == "COD-001" && f.locations == ["rows[2].code"])
    );
}

#[test]
fn every_mapping_row_joins_two_catalog_years_and_every_removed_code_has_one() {
    let tables: Vec<_> = mapping::all().collect();
    assert!(!tables.is_empty());
    for (from, to, rows) in tables {
        let (a, b) = (for_year(from).0, for_year(to).0);
        assert_eq!(
            (a.year(), b.year()),
            (from, to),
            "a table joins catalog years"
        );
        for m in &rows {
            let old = a
                .function()
                .get(m.from)
                .or_else(|| a.economic().get(m.from));
            assert!(
                old.is_some(),
                "{from}-{to}: {} is not a {from} code",
                m.from
            );
            assert!(
                !m.source.is_empty(),
                "{from}-{to}: {} has no source",
                m.from
            );
            match m.to {
                Some(new) => {
                    let e = b.function().get(new).or_else(|| b.economic().get(new));
                    assert!(e.is_some(), "{from}-{to}: {new} is not a {to} code");
                    if m.kind == "renamed" {
                        assert_eq!(new, m.from);
                        assert_ne!(e.map(|e| e.name), old.map(|e| e.name), "{new}");
                    }
                }
                None => assert_eq!(m.kind, "removed"),
            }
        }
        // Every code the later year lost or renamed is in the table.
        for (old, new) in [(a.function(), b.function()), (a.economic(), b.economic())] {
            for e in old.entries() {
                let changed = new.get(e.code).is_none_or(|n| n.name != e.name);
                let listed = rows.iter().any(|m| m.from == e.code);
                assert_eq!(changed, listed, "{from}-{to}: {} {}", e.code, e.name);
            }
        }
    }
}
