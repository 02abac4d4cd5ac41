//! Component tests in a real browser (wasm-bindgen-test, headless Chromium):
//! mount the page over a state, type into an amount cell, read the DOM.
#![cfg(target_arch = "wasm32")]

use budget_core::Inputs;
use budget_core::model::{BudgetRow, ExpenditureType, FundingSource};
use budget_form::app::Page;
use budget_form::state::{AppState, Tab};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod support;
use support::{input, settle};

wasm_bindgen_test_configure!(run_in_browser);

/// Mount the page over `inputs` in a fresh container; returns the state.
async fn mount(inputs: Inputs) -> (AppState, web_sys::HtmlElement) {
    support::mount(inputs, || view! { <Page /> }).await
}

fn text_of(container: &web_sys::HtmlElement, selector: &str) -> String {
    container
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .text_content()
        .unwrap()
}

/// Type `text` into an input as a user would (value, then an `input` event).
fn type_into(el: &web_sys::HtmlInputElement, text: &str) {
    el.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    el.dispatch_event(&ev).unwrap();
}

fn one_row() -> Inputs {
    let mut inputs = Inputs::default();
    inputs.rows.push(BudgetRow {
        code: "2010301".into(),
        source: FundingSource::GeneralBudget,
        kind: ExpenditureType::Basic,
        this_year: "1000".into(),
        last_year: "".into(),
        unparsed: Default::default(),
    });
    inputs
}

#[wasm_bindgen_test]
async fn typing_an_amount_updates_the_totals() {
    let (state, c) = mount(one_row()).await;
    assert_eq!(text_of(&c, "#sum-income"), "1,000.00");
    let cell = input(&c, "f-rows-0-this_year");
    assert_eq!(
        cell.get_attribute("aria-label").as_deref(),
        Some("2010301 行政运行 一般公共预算 基本支出 本年预算数")
    );
    type_into(&cell, "2,500.5");
    settle().await;
    assert_eq!(text_of(&c, "#sum-income"), "2,500.50");
    assert_eq!(text_of(&c, "#sum-basic"), "2,500.50");
    // The cell keeps exactly what was typed.
    assert_eq!(cell.value(), "2,500.5");
    assert_eq!(
        state
            .inputs
            .with_untracked(|i| i.rows[0].this_year.text().to_string()),
        "2,500.5"
    );
}

#[wasm_bindgen_test]
async fn invalid_text_is_kept_and_marked() {
    let (state, c) = mount(one_row()).await;
    let cell = input(&c, "f-rows-0-this_year");
    type_into(&cell, "12.345");
    settle().await;
    assert_eq!(cell.value(), "12.345");
    assert_eq!(cell.get_attribute("aria-invalid").as_deref(), Some("true"));
    let msg = text_of(&c, "#f-rows-0-this_year-msg");
    assert!(msg.contains("小数超过 2 位"), "{msg}");
    assert_eq!(
        state
            .inputs
            .with_untracked(|i| i.rows[0].this_year.text().to_string()),
        "12.345"
    );
    // An invalid amount counts as zero in the totals and is an error finding.
    assert_eq!(text_of(&c, "#sum-income"), "0.00");
    assert_ne!(text_of(&c, "#sum-errors"), "0");
    // Fixing it clears the mark.
    type_into(&cell, "12.34");
    settle().await;
    assert_eq!(cell.get_attribute("aria-invalid"), None);
    assert_eq!(text_of(&c, "#sum-income"), "12.34");
}

#[wasm_bindgen_test]
async fn adding_and_deleting_rows_changes_the_grid() {
    let (state, c) = mount(one_row()).await;
    let add: web_sys::HtmlElement = c
        .query_selector("#sec-rows button.add")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    add.click();
    settle().await;
    assert_eq!(state.inputs.with_untracked(|i| i.rows.len()), 2);
    assert!(c.query_selector("#f-rows-1-this_year").unwrap().is_some());
    let del: web_sys::HtmlElement = c
        .query_selector("#sec-rows button[aria-label='删除第1行']")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    del.click();
    settle().await;
    assert_eq!(state.inputs.with_untracked(|i| i.rows.len()), 1);
    assert_eq!(input(&c, "f-rows-0-code").value(), "");
}

#[wasm_bindgen_test]
async fn a_finding_names_the_cell_and_the_tab_follows() {
    let (state, c) = mount(one_row()).await;
    state.tab.set(Tab::Unit);
    type_into(&input(&c, "f-rows-0-this_year"), "abc");
    settle().await;
    let findings = state.findings.get_untracked();
    let f = findings
        .iter()
        .find(|f| f.locations.iter().any(|l| l == "rows[0].this_year"))
        .expect("a finding on the cell");
    assert!(f.is_error());
    assert!(text_of(&c, "#checks-live").contains(&f.message));
    budget_form::sections::checks::go_to(state, "rows[0].this_year");
    assert_eq!(state.tab.get_untracked(), Tab::Rows);
}
