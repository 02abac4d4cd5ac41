//! The storage banners (a problem with the draft, the other-tab notice) and
//! the crash banner.

use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsCast;

use super::draft::stored_text;
use super::lock::take_over;
use super::{OTHER_TAB_MESSAGE, StorageUi, storage};
use crate::state::AppState;
use crate::web;

/// The storage banners: a problem (with 下载备份 when a draft was kept aside) and
/// the other-tab notice (with 在此标签页继续编辑).
#[component]
pub fn StorageBanner() -> impl IntoView {
    let state = AppState::get();
    let ui = StorageUi::get();
    let download_backup = move |_| {
        if let Some(b) = ui.backup.get_untracked()
            && let Err(e) = web::download(&b.name, &b.text, "application/json")
        {
            state.storage_banner.set(Some(e));
        }
    };
    view! {
        {move || {
            state
                .storage_banner
                .get()
                .map(|m| {
                    view! {
                        <div class="banner" role="alert" id="storage-banner">
                            <span>{m}</span>
                            <Show when=move || ui.backup.with(Option::is_some)>
                                " "
                                <button type="button" id="btn-download-backup" on:click=download_backup>
                                    "下载备份"
                                </button>
                            </Show>
                        </div>
                    }
                })
        }}
        <Show when=move || ui.other_tab.get()>
            <div class="banner" role="alert" id="tab-banner">
                <span>{OTHER_TAB_MESSAGE}</span>
                " "
                <button type="button" id="btn-take-over" on:click=move |_| take_over(state, ui)>
                    "在此标签页继续编辑"
                </button>
            </div>
        </Show>
        {hooks()}
    }
}

/// The file name and content offered by the crash banner: the inputs of the last
/// autosave as bare inputs JSON (the import reads it), named `<code>-<year>-draft.json`.
pub fn crash_download() -> Option<(String, String)> {
    let text = stored_text(&storage().ok()?)?;
    let value: Value = serde_json::from_str(&text).ok()?;
    let inputs = match value.get("format") {
        Some(_) => value.get("inputs")?.clone(),
        None => value,
    };
    let unit = inputs.get("unit");
    let code = unit
        .and_then(|u| u.get("code"))
        .and_then(Value::as_str)
        .map(|c| {
            c.chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect::<String>()
        })
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| "budget-form".to_string());
    let year = unit
        .and_then(|u| u.get("fiscal_year"))
        .and_then(Value::as_u64)
        .map(|y| y.to_string())
        .unwrap_or_else(|| "0000".to_string());
    let body = serde_json::to_string_pretty(&inputs).ok()?;
    Some((format!("{code}-{year}-draft.json"), body))
}

/// Called by the panic hook: a banner in plain DOM (the Leptos tree may be dead)
/// with a 下载当前数据 link to the last autosave. The link is a `blob:` URL with a
/// `download` name, so saving needs no more Rust code to run.
pub fn show_crash_banner() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if doc.get_element_by_id("crash-banner").is_some() {
        return;
    }
    let (Ok(div), Ok(p)) = (doc.create_element("div"), doc.create_element("p")) else {
        return;
    };
    div.set_id("crash-banner");
    div.set_class_name("banner crash");
    div.set_attribute("role", "alert").ok();
    if let Some(h) = div.dyn_ref::<web_sys::HtmlElement>() {
        let st = h.style();
        for (k, v) in [
            ("position", "fixed"),
            ("top", "0"),
            ("left", "0"),
            ("right", "0"),
            ("z-index", "1000"),
            ("font-size", "16px"),
        ] {
            st.set_property(k, v).ok();
        }
    }
    let download = crash_download();
    p.set_text_content(Some(match download {
        Some(_) => {
            "程序出错，您的数据已自动保存。请点击“下载当前数据”保存一份文件，然后刷新页面继续填写。"
        }
        None => "程序出错。本地没有自动保存的数据（浏览器存储不可用或尚未保存）；请刷新页面。",
    }));
    div.append_child(&p).ok();
    if let Some((name, body)) = download
        && let Ok(a) = doc.create_element("a")
    {
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&body));
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type("application/json");
        if let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
            && let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob)
        {
            a.set_id("btn-crash-download");
            a.set_class_name("button");
            a.set_attribute("href", &url).ok();
            a.set_attribute("download", &name).ok();
            a.set_attribute("role", "button").ok();
            a.set_text_content(Some("下载当前数据"));
            div.append_child(&a).ok();
        }
    }
    if let Some(body) = doc.body() {
        body.insert_before(&div, body.first_child().as_ref()).ok();
    }
}

/// The test hooks' part of the banner (see `crate::hooks`).
#[cfg(feature = "test-hooks")]
fn hooks() -> impl IntoView {
    view! { <crate::hooks::PanicTest /> }
}

/// Without the `test-hooks` feature: nothing.
#[cfg(not(feature = "test-hooks"))]
fn hooks() -> impl IntoView {}
