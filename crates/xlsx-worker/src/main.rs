//! The XLSX web worker (a second wasm, started by the page on the first Excel
//! export or sheet import, or the first 图表 shown, so the main bundle never
//! carries the Excel code nor the charts).
//!
//! Messages from the page:
//! - `{id, op: "export", inputs: "<Inputs JSON>", unit?: "元" | "万元",
//!   catalog?: "<{name, rows: [[code, name]…]} JSON>"}` → `{id, ok: true, bytes: Uint8Array}`
//!   (tables in 元 unless `unit` says 万元; names from the bureau catalog when sent)
//! - `{id, op: "import", kind: "xlsx" | "csv", bytes: Uint8Array}` → `{id, ok: true, json}`
//! - `{id, op: "charts", inputs: "<Inputs JSON>", prefix: "" | "print-",
//!   catalog?: "<{name, rows} JSON>"}` → `{id, ok: true, html}` (the 图表 as markup)
//! - `{id, op: "department-unit", name, text: Uint8Array, counts?: [errors, warnings]}`
//!   → `{id, ok: true, json}` (部门汇总: a unit file opened, or with `counts`
//!   the form being edited; its row ready to show and its inputs)
//! - `{id, op: "department", request: "<{units, code, name, texts?, now?} JSON>"}`
//!   → `{id, ok: true, json}` (the department's totals or why not; its file when `now`)
//! - `{id, op: "next-year", bytes: Uint8Array, catalogs?: "<[{year, name, rows}] JSON>"}`
//!   → `{id, ok: true, json}` (从上年文件新建: the new form's inputs and the
//!   codes not carried, or the file's problems)
//! - `{id, op: "bureau", name, kind: "xlsx" | "csv", bytes: Uint8Array}` →
//!   `{id, ok: true, json}` (载入财政局科目表: the checked rows, or each bad line)
//! - `{id, op: "sentences", inputs}` → `{id, ok: true, json}`: the sentences
//!   of the 情况说明 the clerk's texts end up in (`ClerkText::ALL`'s order)
//! - `{id, op: "import-findings", text: "<the imported file>", catalog?}` →
//!   `{id, ok: true, json}`: `{"findings": [line…]}` (its stated figures that
//!   differ from the recomputation) or `{"refused": [line…]}`
//! - `{id, op: "view", view: "tables" | "report" | "print", inputs, unit?: "元" | "万元",
//!   catalog?}` → `{id, ok: true, html}` (公开表格 below its unit switch, the
//!   情况说明 article, or the print document's narrative and tables, as markup)
//! - `{id, op: "file", kind: "submission" | "draft", inputs, at: "<export time>",
//!   catalog?}` → `{id, ok: true, bytes: Uint8Array}` (the file, UTF-8), or `{id, ok: true, refused:
//!   "<{title, lines: [{text, path}]} JSON>"}` (why the form cannot be exported)
//!
//! and `{id, ok: false, error}` on failure. `{op: "ready"}` is posted once the
//! handler is installed: messages sent earlier would be lost.

use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn set(obj: &Object, key: &str, value: &JsValue) {
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

fn get_str(data: &JsValue, key: &str) -> Option<String> {
    Reflect::get(data, &JsValue::from_str(key))
        .ok()?
        .as_string()
}

/// The reply to one request.
fn reply(data: &JsValue) -> Object {
    let out = Object::new();
    let id = Reflect::get(data, &JsValue::from_str("id")).unwrap_or(JsValue::NULL);
    set(&out, "id", &id);
    let result: Result<(&str, JsValue), String> = match get_str(data, "op").as_deref() {
        Some("export") => match get_str(data, "inputs") {
            Some(json) => xlsx_worker::export_in(
                &json,
                get_str(data, "unit").as_deref().unwrap_or("元"),
                get_str(data, "catalog").as_deref(),
            )
            .map(|bytes| ("bytes", Uint8Array::from(bytes.as_slice()).into())),
            None => Err("请求缺少填报内容。".to_string()),
        },
        Some("charts") => match get_str(data, "inputs") {
            Some(json) => xlsx_worker::charts::charts_html(
                &json,
                get_str(data, "catalog").as_deref(),
                get_str(data, "prefix").as_deref().unwrap_or(""),
            )
            .map(|html| ("html", JsValue::from_str(&html))),
            None => Err("请求缺少填报内容。".to_string()),
        },
        Some("view") => match get_str(data, "inputs") {
            Some(json) => xlsx_worker::views::view_html(
                &get_str(data, "view").unwrap_or_default(),
                &json,
                get_str(data, "catalog").as_deref(),
                get_str(data, "unit").as_deref() == Some("万元"),
            )
            .map(|html| ("html", JsValue::from_str(&html))),
            None => Err("请求缺少填报内容。".to_string()),
        },
        Some("file") => match get_str(data, "inputs") {
            Some(json) => match xlsx_worker::views::file_text(
                &get_str(data, "kind").unwrap_or_default(),
                &json,
                get_str(data, "catalog").as_deref(),
                &get_str(data, "at").unwrap_or_default(),
            ) {
                // UTF-8 bytes, not a string: neither side decodes megabytes of text.
                Ok(text) => Ok(("bytes", Uint8Array::from(text.as_bytes()).into())),
                Err(Ok(refusal)) => serde_json::to_string(&refusal)
                    .map(|json| ("refused", JsValue::from_str(&json)))
                    .map_err(|e| format!("导出结果无法传回页面：{e}")),
                Err(Err(e)) => Err(e),
            },
            None => Err("请求缺少填报内容。".to_string()),
        },
        Some("import") => {
            let bytes = Reflect::get(data, &JsValue::from_str("bytes"))
                .ok()
                .and_then(|b| b.dyn_into::<Uint8Array>().ok())
                .map(|b| b.to_vec());
            let kind = get_str(data, "kind").unwrap_or_default();
            match bytes {
                Some(bytes) => xlsx_worker::import(&bytes, &kind)
                    .map(|json| ("json", JsValue::from_str(&json))),
                None => Err("请求缺少文件内容。".to_string()),
            }
        }
        Some("sentences") => match get_str(data, "inputs") {
            Some(json) => {
                xlsx_worker::sentences(&json).map(|json| ("json", JsValue::from_str(&json)))
            }
            None => Err("请求缺少填报内容。".to_string()),
        },
        Some("import-findings") => match get_str(data, "text") {
            Some(text) => xlsx_worker::import_findings(&text, get_str(data, "catalog").as_deref())
                .map(|json| ("json", JsValue::from_str(&json))),
            None => Err("请求缺少文件内容。".to_string()),
        },
        Some("audit") => {
            let bytes = Reflect::get(data, &JsValue::from_str("bytes"))
                .ok()
                .and_then(|b| b.dyn_into::<Uint8Array>().ok())
                .map(|b| b.to_vec());
            let kind = get_str(data, "kind").unwrap_or_default();
            match bytes {
                Some(bytes) => {
                    xlsx_worker::audit(&bytes, &kind).map(|json| ("json", JsValue::from_str(&json)))
                }
                None => Err("请求缺少文件内容。".to_string()),
            }
        }
        Some(op @ ("department-unit" | "next-year" | "bureau")) => {
            let bytes = Reflect::get(data, &JsValue::from_str("bytes"))
                .ok()
                .and_then(|b| b.dyn_into::<Uint8Array>().ok())
                .map(|b| b.to_vec());
            let name = get_str(data, "name").unwrap_or_default();
            let json = match (op, bytes) {
                (_, None) => Err("请求缺少文件内容。".to_string()),
                ("department-unit", Some(bytes)) => {
                    let counts = Reflect::get(data, &JsValue::from_str("counts"))
                        .ok()
                        .filter(|c| c.is_object())
                        .map(|c| {
                            let n = |i: u32| {
                                js_sys::Array::from(&c).get(i).as_f64().unwrap_or(0.0) as usize
                            };
                            (n(0), n(1))
                        });
                    xlsx_worker::tools::department_unit(&name, &bytes, counts)
                }
                ("next-year", Some(bytes)) => {
                    xlsx_worker::tools::next_year(&bytes, get_str(data, "catalogs").as_deref())
                }
                (_, Some(bytes)) => xlsx_worker::tools::bureau(
                    &name,
                    &bytes,
                    get_str(data, "kind").as_deref().unwrap_or(""),
                ),
            };
            json.map(|json| ("json", JsValue::from_str(&json)))
        }
        Some("department") => match get_str(data, "request") {
            Some(request) => xlsx_worker::tools::department(&request)
                .map(|json| ("json", JsValue::from_str(&json))),
            None => Err("请求缺少汇总内容。".to_string()),
        },
        _ => Err("未知的请求。".to_string()),
    };
    match result {
        Ok((key, value)) => {
            set(&out, "ok", &JsValue::TRUE);
            set(&out, key, &value);
        }
        Err(e) => {
            set(&out, "ok", &JsValue::FALSE);
            set(&out, "error", &JsValue::from_str(&e));
        }
    }
    out
}

fn main() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        return;
    };
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let out = reply(&ev.data());
        let _ = reply_scope.post_message(&out);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let ready = Object::new();
    set(&ready, "op", &JsValue::from_str("ready"));
    let _ = scope.post_message(&ready);
}
