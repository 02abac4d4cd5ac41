//! The toolbar's fiscal-year controls: 载入财政局科目表 (the bureau's catalog
//! for the form's year, kept in this browser, with which catalog is in force
//! and a way to remove it) and 从上年文件新建 (next year's form from last
//! year's file, after the question before replacing unsaved work). Reading
//! and checking a catalog file and making next year's form run in the XLSX
//! worker (first started by one of these buttons); the page keeps the
//! catalogs and puts the new form in.

use budget_core::catalog::Bureau;
use budget_core::file;
use leptos::prelude::*;
use serde_json::Value;

use super::{before_replace, catalogs};
use crate::state::{AppState, Notice, NoticeLine};
use crate::xlsx_client::{self, answer, text, texts};

/// A picked file's name and bytes, read without blocking; then `then` runs
/// under the caller's owner (the question before a replacement reads the
/// storage state from the context).
fn read_picked(ev: web_sys::Event, then: impl FnOnce(String, Vec<u8>) + 'static) {
    let Some(f) = crate::web::picked_files(&ev).into_iter().next() else {
        return;
    };
    let owner = Owner::current();
    leptos::task::spawn_local(async move {
        let bytes = wasm_bindgen_futures::JsFuture::from(f.array_buffer())
            .await
            .map(|buf| js_sys::Uint8Array::new(&buf).to_vec())
            .unwrap_or_default();
        let name = f.name();
        match owner {
            Some(owner) => owner.with(|| then(name, bytes)),
            None => then(name, bytes),
        }
    });
}

fn say(state: AppState, is_error: bool, title: String, lines: Vec<NoticeLine>) {
    state.notice.set(Some(Notice {
        is_error,
        title,
        lines,
    }));
}

/// Load a bureau catalog for the form's year: read and checked by the XLSX
/// worker (`.xlsx`, anything else as CSV), in force at once, kept in the browser.
fn load_catalog(state: AppState, name: String, bytes: Vec<u8>) {
    let year = state.inputs.with_untracked(|i| i.unit.fiscal_year);
    let kind = if name.to_ascii_lowercase().ends_with(".xlsx") {
        "xlsx"
    } else {
        "csv"
    };
    leptos::task::spawn_local(async move {
        // The checked rows (`{name, rows}`), or each bad line (`{lines}`).
        let read = xlsx_client::bureau(&name, &bytes, kind)
            .await
            .and_then(|json| answer(&json));
        let bureau = match read {
            Ok(v) if v.get("lines").is_none() => {
                let rows = v["rows"]
                    .as_array()
                    .map(|rows| rows.iter().map(|r| (text(&r[0]), text(&r[1]))).collect())
                    .unwrap_or_default();
                Bureau::from_checked(&text(&v["name"]), rows)
            }
            Ok(v) => {
                let lines = texts(&v["lines"]);
                let title = format!("科目表“{name}”有 {} 行无法读取，未载入：", lines.len());
                let lines = lines
                    .into_iter()
                    .map(|text| NoticeLine { text, path: None })
                    .collect();
                return say(state, true, title, lines);
            }
            Err(e) => {
                return say(
                    state,
                    true,
                    format!("科目表“{name}”未载入：{e}"),
                    Vec::new(),
                );
            }
        };
        state.catalogs.update(|list| {
            list.retain(|(y, _)| *y != year);
            list.push((year, bureau));
        });
        let mut title = format!(
            "已载入财政局科目表“{name}”（{} 个科目），用于 {year} 年：科目编码按它审核。",
            bureau.rows()
        );
        if let Err(e) = catalogs::save(year, bureau) {
            title.push_str(&e);
        }
        say(state, false, title, Vec::new());
    });
}

/// Forget the bureau catalog of the form's year.
fn remove_catalog(state: AppState) {
    let year = state.inputs.with_untracked(|i| i.unit.fiscal_year);
    let stored = catalogs::remove(year);
    state
        .catalogs
        .update(|list| list.retain(|(y, _)| *y != year));
    let title = match stored {
        Ok(()) => format!("已移除 {year} 年的财政局科目表，按内置目录审核。"),
        Err(e) => format!("已停用 {year} 年的财政局科目表，但未能从浏览器中删除：{e}"),
    };
    say(state, false, title, Vec::new());
}

/// 载入财政局科目表, the catalog in force, and 移除科目表 when it is a bureau's.
/// Mounting it puts the catalogs kept in the browser in force.
#[component]
pub fn CatalogControls() -> impl IntoView {
    let state = AppState::get();
    state.catalogs.set(catalogs::load_all());
    let picked = move |ev| read_picked(ev, move |name, bytes| load_catalog(state, name, bytes));
    let has_bureau = move || state.in_force().bureau().is_some();
    view! {
        <label class="button" for="catalog-file">"载入财政局科目表"</label>
        <input
            type="file"
            id="catalog-file"
            class="visually-hidden"
            accept=".csv,.xlsx,text/csv"
            on:change=picked
        />
        <span class="catalog-status" id="catalog-status">
            {move || format!("科目表：{}", state.in_force())}
        </span>
        <Show when=has_bureau>
            <button type="button" id="btn-catalog-remove" on:click=move |_| remove_catalog(state)>
                "移除科目表"
            </button>
        </Show>
    }
}

/// The lines of the worker's answer to 从上年文件新建 (`{text, path?}`).
fn lines(v: &Value) -> Vec<NoticeLine> {
    v.as_array()
        .map(|list| {
            list.iter()
                .map(|l| NoticeLine {
                    text: text(&l["text"]),
                    path: l["path"].as_str().map(str::to_string),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Next year's form from last year's file (made by the XLSX worker, against
/// the bureau catalogs kept in this browser), after the question before the
/// replacement; the codes that could not be carried are listed (each a link
/// to its cell).
fn from_last_year(state: AppState, name: String, bytes: Vec<u8>) {
    let catalogs = state.catalogs.get_untracked();
    // The question before the replacement reads the storage state from the context.
    let owner = Owner::current();
    leptos::task::spawn_local(async move {
        // The new form (`{inputs, from, year, unmapped}`), or the file's
        // problems (`{problems}`).
        let v = match xlsx_client::next_year(&bytes, &catalogs)
            .await
            .and_then(|json| answer(&json))
        {
            Ok(v) => v,
            Err(e) => {
                return refused(
                    state,
                    &name,
                    vec![NoticeLine {
                        text: e,
                        path: None,
                    }],
                );
            }
        };
        if v.get("problems").is_some() {
            return refused(state, &name, lines(&v["problems"]));
        }
        let inputs = match file::read_inputs(v["inputs"].as_str().unwrap_or_default()) {
            Ok(inputs) => inputs,
            Err(e) => {
                let line = NoticeLine {
                    text: e.to_string(),
                    path: None,
                };
                return refused(state, &name, vec![line]);
            }
        };
        let year = v["year"].as_i64().unwrap_or_default();
        let from = v["from"].as_i64().unwrap_or_default();
        let unmapped = lines(&v["unmapped"]);
        let what = format!("从上年文件“{name}”新建 {year} 年的表将替换当前填写的全部内容。");
        let replace = move || {
            before_replace(state, what, move || {
                state.inputs.set(inputs);
                state.undo.clear();
                let mut title = format!(
                    "已从“{name}”新建 {year} 年的表：上年数取自 {from} 年的本年数，本年数待填写。"
                );
                if !unmapped.is_empty() {
                    title.push_str(&format!(
                        "以下 {} 处科目在 {year} 年目录中没有对应科目，已保留原编码，请改填：",
                        unmapped.len()
                    ));
                }
                say(state, false, title, unmapped);
            })
        };
        match owner {
            Some(owner) => owner.with(replace),
            None => replace(),
        }
    });
}

/// Last year's file could not be read (or made into next year's form).
fn refused(state: AppState, name: &str, problems: Vec<NoticeLine>) {
    say(state, true, format!("“{name}”无法读取，未新建："), problems);
}

/// 从上年文件新建: pick last year's file (a submission, draft or inputs file).
#[component]
pub fn NextYearButton() -> impl IntoView {
    let state = AppState::get();
    let picked = move |ev| read_picked(ev, move |name, bytes| from_last_year(state, name, bytes));
    view! {
        <label class="button" for="next-year-file">"从上年文件新建"</label>
        <input
            type="file"
            id="next-year-file"
            class="visually-hidden"
            accept=".json,application/json"
            on:change=picked
        />
    }
}
