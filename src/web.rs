//! Small browser helpers: focus an input, confirm, download, clock.

use wasm_bindgen::JsCast;

use crate::paths::path_id;

/// The element of the input at `path`; else the first element whose id starts with
/// it (a finding may name a whole row, `rows[3]`); else the nearest enclosing input
/// (`unit.duties[2]` is a line of the `unit.duties` text box).
fn element_for(path: &str) -> Option<web_sys::HtmlElement> {
    let doc = web_sys::window()?.document()?;
    let mut path = path;
    loop {
        let id = path_id(path);
        let found = doc.get_element_by_id(&id).or_else(|| {
            doc.query_selector(&format!("[id^=\"{id}-\"]"))
                .ok()
                .flatten()
        });
        if let Some(el) = found {
            return el.dyn_into::<web_sys::HtmlElement>().ok();
        }
        path = &path[..path.rfind(['.', '['])?];
    }
}

/// The files of `list`, in order.
pub fn files(list: &web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// The files a file input's `change` event picked. The input is emptied, so
/// that the same file can be picked again.
pub fn picked_files(ev: &web_sys::Event) -> Vec<web_sys::File> {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let picked = input.files().map(|l| files(&l)).unwrap_or_default();
    input.set_value("");
    picked
}

/// Scroll to and focus the input at `path`; false when it is not on the page.
pub fn focus_path(path: &str) -> bool {
    // A spreadsheet grid renders only a window of rows: it scrolls and focuses.
    if crate::grid::reveal::reveal(path) {
        return true;
    }
    let Some(el) = element_for(path) else {
        return false;
    };
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Center);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
    el.focus().is_ok()
}

/// Focus the element with this id, if any.
pub fn focus_id(id: &str) {
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id));
    if let Some(el) = el.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        el.focus().ok();
    }
}

/// Ask the clerk; false when the browser cannot ask.
pub fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

/// Now as an ISO 8601 string (UTC), e.g. `2026-11-25T19:40:00.000Z`.
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Local wall-clock time `HH:MM:SS`.
pub fn now_hms() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:02}:{:02}:{:02}",
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds()
    )
}

/// Offer `text` as a file download named `name`.
pub fn download(name: &str, text: &str, mime: &str) -> Result<(), String> {
    download_part(name, &wasm_bindgen::JsValue::from_str(text), mime)
}

/// Offer `bytes` as a file download named `name`.
pub fn download_bytes(name: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    download_part(name, &js_sys::Uint8Array::from(bytes), mime)
}

/// Offer one blob part (a string or bytes) as a file download named `name`.
fn download_part(name: &str, part: &wasm_bindgen::JsValue, mime: &str) -> Result<(), String> {
    let fail = |what: &str| format!("下载失败：{what}");
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| fail("无页面"))?;
    let parts = js_sys::Array::of1(part);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    // A sequence of strings or of byte arrays: the same JS call either way.
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|_| fail("无法创建文件"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| fail("无法创建链接"))?;
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(|_| fail("无法创建链接"))?
        .dyn_into()
        .map_err(|_| fail("无法创建链接"))?;
    a.set_href(&url);
    a.set_download(name);
    a.style().set_property("display", "none").ok();
    match doc.body() {
        Some(body) => {
            body.append_child(&a).ok();
            a.click();
            body.remove_child(&a).ok();
        }
        None => a.click(),
    }
    // Revoke later: revoking at once can cancel the download in some browsers.
    leptos::prelude::set_timeout(
        move || {
            web_sys::Url::revoke_object_url(&url).ok();
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}

/// The text at `url` (same origin), or why not; `what` names it in the
/// message (示例文件, 科目目录).
pub async fn fetch_text(url: &str, what: &str) -> Result<String, String> {
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or("无浏览器窗口")?;
    let failed = |_| format!("无法下载{what}");
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(failed)?
        .dyn_into()
        .map_err(failed)?;
    if !response.ok() {
        return Err(format!("无法下载{what}（HTTP {}）", response.status()));
    }
    JsFuture::from(response.text().map_err(failed)?)
        .await
        .map_err(failed)?
        .as_string()
        .ok_or_else(|| format!("{what}不是文本"))
}

/// Say in plain DOM, at the top of the page, why the app could not start
/// (nothing of the app is mounted then).
pub fn show_start_failure(message: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Ok(p), Some(body)) = (doc.create_element("p"), doc.body()) else {
        return;
    };
    p.set_id("start-failure");
    p.set_class_name("banner error");
    p.set_attribute("role", "alert").ok();
    p.set_text_content(Some(message));
    body.prepend_with_node_1(&p).ok();
}

/// Run `f` once the next frame is painted, at the browser's next idle moment
/// (at most `timeout_ms` after that frame): background work that must not
/// delay what that frame shows, nor the tasks already waiting.
pub fn after_paint(f: impl FnOnce() + 'static, timeout_ms: f64) {
    leptos::prelude::request_animation_frame(move || when_idle(f, timeout_ms));
}

/// Run `f` at the browser's next idle moment (`requestIdleCallback`, at most
/// `timeout_ms` later), or at once where there is no such call.
pub fn when_idle(f: impl FnOnce() + 'static, timeout_ms: f64) {
    let callback = wasm_bindgen::prelude::Closure::once_into_js(f);
    let ric = web_sys::window().and_then(|w| {
        js_sys::Reflect::get(&w, &"requestIdleCallback".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .map(|f| (w, f))
    });
    match ric {
        Some((w, ric)) => {
            let options = js_sys::Object::new();
            js_sys::Reflect::set(&options, &"timeout".into(), &timeout_ms.into()).ok();
            if ric.call2(&w, &callback, &options).is_err()
                && let Ok(f) = callback.dyn_into::<js_sys::Function>()
            {
                f.call0(&wasm_bindgen::JsValue::NULL).ok();
            }
        }
        None => {
            if let Ok(f) = callback.dyn_into::<js_sys::Function>() {
                f.call0(&wasm_bindgen::JsValue::NULL).ok();
            }
        }
    }
}

/// `x` as text, by JavaScript's `Number.prototype.toString` (the same digits as
/// Rust's `Display` for the pixel values of styles): keeps Rust's float
/// formatting (about 11 KB of wasm) out of the page.
pub fn num(x: f64) -> String {
    js_sys::Number::from(x)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
}
