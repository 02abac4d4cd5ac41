//! The spreadsheet grid in a real browser (wasm-bindgen-test, headless Chromium):
//! a 10,000-line Excel paste is one batch and one undo step, and only a window
//! of rows is rendered.
#![cfg(target_arch = "wasm32")]

use budget_core::Inputs;
use budget_form::sections::rows::RowsSection;
use budget_form::state::AppState;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

mod support;
use support::{document, settle};

wasm_bindgen_test_configure!(run_in_browser);

async fn mount() -> (AppState, web_sys::HtmlElement) {
    support::mount(Inputs::default(), || view! { <RowsSection /> }).await
}

/// Dispatch a paste of `text` (a DataTransfer, as Excel's clipboard gives it).
fn paste(el: &web_sys::Element, text: &str) {
    let f = js_sys::Function::new_with_args(
        "el, text",
        "const dt = new DataTransfer(); dt.setData('text/plain', text);\
         el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));",
    );
    f.call2(&JsValue::NULL, el, &JsValue::from_str(text))
        .unwrap();
}

fn ctrl_key(el: &web_sys::Element, key: &str) {
    let f = js_sys::Function::new_with_args(
        "el, key",
        "el.dispatchEvent(new KeyboardEvent('keydown', { key, ctrlKey: true, bubbles: true, cancelable: true }));",
    );
    f.call2(&JsValue::NULL, el, &JsValue::from_str(key))
        .unwrap();
}

#[wasm_bindgen_test]
async fn ten_thousand_pasted_rows_are_one_batch_and_one_undo_step() {
    let (state, c) = mount().await;
    let tsv: String = (0..10_000)
        .map(|k| {
            let n = k + 1;
            let text = if n >= 1000 {
                format!("{},{:03}.50", n / 1000, n % 1000)
            } else {
                format!("{n}.50")
            };
            format!("2010301\t行政运行\t一般公共预算\t基本支出\t{text}\r\n")
        })
        .collect();
    let grid = c.query_selector("#grid-rows").unwrap().unwrap();
    let start = js_sys::Date::now();
    paste(&grid, &tsv);
    settle().await;
    web_sys::console::log_1(
        &format!("paste of 10,000 rows: {} ms", js_sys::Date::now() - start).into(),
    );
    state.inputs.with_untracked(|i| {
        assert_eq!(i.rows.len(), 10_000);
        assert_eq!(i.rows[9_999].this_year.text(), "10,000.50");
        assert!(i.rows[9_999].this_year.error().is_none());
    });
    // Only a window of rows is in the page.
    assert!(c.query_selector("#f-rows-0-code").unwrap().is_some());
    assert!(c.query_selector("#f-rows-200-code").unwrap().is_none());

    ctrl_key(&grid, "z");
    settle().await;
    assert_eq!(state.inputs.with_untracked(|i| i.rows.len()), 0);
    ctrl_key(&grid, "y");
    settle().await;
    assert_eq!(state.inputs.with_untracked(|i| i.rows.len()), 10_000);
}

/// A project form with `n` indicators named `项目{p} 指标{k}`.
fn project(p: usize, n: usize) -> budget_core::model::ProjectForm {
    budget_core::model::ProjectForm {
        name: format!("项目{p}"),
        indicators: (0..n)
            .map(|k| budget_core::model::ProjectIndicator {
                level1: "产出指标".into(),
                level3: format!("项目{p} 指标{k}"),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    }
}

fn project_grids() -> Vec<String> {
    budget_form::grid::reveal::registered()
        .into_iter()
        .filter(|p| p.starts_with("projects["))
        .collect()
}

#[wasm_bindgen_test]
async fn each_project_has_its_grid_and_a_deleted_project_leaves_none_behind() {
    use budget_form::sections::projects::ProjectsSection;
    let inputs = Inputs {
        projects: vec![project(0, 2), project(1, 3), project(2, 1)],
        ..Default::default()
    };
    let (state, container, handle) =
        support::mount_kept(inputs, || view! { <ProjectsSection /> }).await;
    assert_eq!(
        project_grids(),
        [
            "projects[0].indicators",
            "projects[1].indicators",
            "projects[2].indicators"
        ]
    );
    let cell = |id: &str| support::input(&container, id);
    assert_eq!(
        cell("f-projects-1-indicators-2-level3").value(),
        "项目1 指标2"
    );

    // A finding's path leads to its cell in the right project's grid.
    assert!(budget_form::grid::reveal::reveal(
        "projects[1].indicators[2].target"
    ));
    settle().await;
    assert_eq!(
        document().active_element().map(|e| e.id()).as_deref(),
        Some("f-projects-1-indicators-2-target")
    );

    // Delete project 2 of 3: the form of index 1 now shows the old project 3.
    let del: web_sys::HtmlElement = container
        .query_selector("fieldset.project:nth-of-type(2) > button.del")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    del.click();
    settle().await;
    assert_eq!(state.inputs.with_untracked(|i| i.projects.len()), 2);
    assert_eq!(
        project_grids(),
        ["projects[0].indicators", "projects[1].indicators"]
    );
    assert_eq!(
        cell("f-projects-1-indicators-0-level3").value(),
        "项目2 指标0"
    );
    assert!(
        container
            .query_selector("#f-projects-1-indicators-1-level3")
            .unwrap()
            .is_none()
    );
    assert!(!budget_form::grid::reveal::reveal(
        "projects[2].indicators[0].level1"
    ));

    // Adding a project registers its grid; unmounting forgets them all.
    state
        .inputs
        .update(|i| i.projects.push(budget_core::model::ProjectForm::default()));
    settle().await;
    assert_eq!(project_grids().len(), 3);
    drop(handle);
    settle().await;
    assert!(project_grids().is_empty());
}
