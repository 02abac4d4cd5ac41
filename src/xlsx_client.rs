//! The XLSX worker, seen from the page.
//!
//! Excel export and sheet import run in a second wasm (crates/xlsx-worker) that
//! Trunk writes next to index.html. The page starts it on the first Excel action,
//! so the main bundle never carries rust_xlsxwriter or calamine. The same
//! worker draws the 图表 (markup the page shows), which a clerk opens
//! rarely. Each request
//! carries an id; the reply with that id resolves the request's promise.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use budget_core::catalog::Bureau;
use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The worker's loader script (Trunk's `data-loader-shim`), beside index.html.
const WORKER_URL: &str = "./xlsx_worker_loader.js";

/// Said when the worker cannot be started or dies.
const LOAD_FAILED: &str = "Excel 组件加载失败，请检查网络后重试。";

type Pending = Rc<RefCell<HashMap<u32, Function>>>;

struct Client {
    worker: web_sys::Worker,
    /// Resolves with `{ok: true}` once the worker listens, or `{ok: false, error}`.
    ready: Promise,
    pending: Pending,
    next_id: Cell<u32>,
    /// Set by the error handler; the next request starts a fresh worker.
    broken: Rc<Cell<bool>>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for Client {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

thread_local! {
    static CLIENT: RefCell<Option<Rc<Client>>> = const { RefCell::new(None) };
}

fn set(obj: &Object, key: &str, value: &JsValue) {
    // Setting a property on a plain object cannot fail.
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn failure(message: &str) -> Object {
    let o = Object::new();
    set(&o, "ok", &JsValue::FALSE);
    set(&o, "error", &JsValue::from_str(message));
    o
}

/// A promise and the function that resolves it.
fn deferred() -> (Promise, Function) {
    let slot: Rc<RefCell<Option<Function>>> = Rc::new(RefCell::new(None));
    let s = slot.clone();
    let promise = Promise::new(&mut |resolve, _reject| {
        *s.borrow_mut() = Some(resolve);
    });
    // The executor runs synchronously inside `Promise::new`.
    let resolve = slot.borrow_mut().take().unwrap_or_else(Function::default);
    (promise, resolve)
}

fn start() -> Result<Client, String> {
    let worker = web_sys::Worker::new(WORKER_URL).map_err(|_| LOAD_FAILED.to_string())?;
    let (ready, ready_resolve) = deferred();
    let pending: Pending = Rc::new(RefCell::new(HashMap::new()));
    let broken = Rc::new(Cell::new(false));

    let p = pending.clone();
    let r = ready_resolve.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let data = ev.data();
            if get(&data, "op").as_string().as_deref() == Some("ready") {
                let ok = Object::new();
                set(&ok, "ok", &JsValue::TRUE);
                let _ = r.call1(&JsValue::NULL, &ok);
                return;
            }
            let Some(id) = get(&data, "id").as_f64() else {
                return;
            };
            let resolve = p.borrow_mut().remove(&(id as u32));
            if let Some(resolve) = resolve {
                let _ = resolve.call1(&JsValue::NULL, &data);
            }
        });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));

    let p = pending.clone();
    let b = broken.clone();
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        ev.prevent_default();
        b.set(true);
        let fail: JsValue = failure(LOAD_FAILED).into();
        let _ = ready_resolve.call1(&JsValue::NULL, &fail);
        let waiting: Vec<Function> = p.borrow_mut().drain().map(|(_, f)| f).collect();
        for resolve in waiting {
            let _ = resolve.call1(&JsValue::NULL, &fail);
        }
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));

    Ok(Client {
        worker,
        ready,
        pending,
        next_id: Cell::new(1),
        broken,
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// The running worker, started (or restarted after a failure) as needed.
fn client() -> Result<Rc<Client>, String> {
    CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(existing) = c.as_ref().filter(|x| !x.broken.get()) {
            return Ok(existing.clone());
        }
        let fresh = Rc::new(start()?);
        *c = Some(fresh.clone());
        Ok(fresh)
    })
}

/// Send `msg` (its `id` is set here) and wait for the worker's answer.
async fn request(msg: Object, transfer: Option<&JsValue>) -> Result<JsValue, String> {
    let client = client()?;
    let ready = JsFuture::from(client.ready.clone())
        .await
        .map_err(|_| LOAD_FAILED.to_string())?;
    if get(&ready, "ok") != JsValue::TRUE {
        return Err(get(&ready, "error")
            .as_string()
            .unwrap_or_else(|| LOAD_FAILED.into()));
    }
    let id = client.next_id.get();
    client.next_id.set(id.wrapping_add(1));
    set(&msg, "id", &JsValue::from(id));
    let (answer, resolve) = deferred();
    client.pending.borrow_mut().insert(id, resolve);
    let sent = match transfer {
        Some(t) => client
            .worker
            .post_message_with_transfer(&msg, &js_sys::Array::of1(t)),
        None => client.worker.post_message(&msg),
    };
    if sent.is_err() {
        client.pending.borrow_mut().remove(&id);
        return Err("无法把数据交给 Excel 组件。".into());
    }
    let data = JsFuture::from(answer)
        .await
        .map_err(|_| LOAD_FAILED.to_string())?;
    if get(&data, "ok") == JsValue::TRUE {
        Ok(data)
    } else {
        Err(get(&data, "error")
            .as_string()
            .unwrap_or_else(|| LOAD_FAILED.into()))
    }
}

/// The XLSX workbook (情况说明, 表1–表10, project forms) of the inputs given as
/// JSON, its tables in 万元 (舍位平衡, as the tables view) when `wan`, its codes
/// named from `bureau` when one is in force for the form (else the built-in
/// catalogs of its year), as the page names them.
pub async fn export_xlsx(
    inputs_json: String,
    wan: bool,
    bureau: Option<&Bureau>,
) -> Result<Vec<u8>, String> {
    let msg = op_message("export", &[("inputs", &inputs_json), ("unit", unit(wan))]);
    with_catalog(&msg, bureau);
    let data = request(msg, None).await?;
    get(&data, "bytes")
        .dyn_into::<Uint8Array>()
        .map(|b| b.to_vec())
        .map_err(|_| "Excel 组件返回的数据无效。".to_string())
}

/// The 图表 of the inputs given as JSON, drawn by the worker as markup (ids
/// after `prefix`), their 类 named from `bureau` when one is in force.
pub async fn charts_html(
    inputs_json: String,
    prefix: &str,
    bureau: Option<&Bureau>,
) -> Result<String, String> {
    let msg = op_message("charts", &[("inputs", &inputs_json), ("prefix", prefix)]);
    with_catalog(&msg, bureau);
    let data = request(msg, None).await?;
    get(&data, "html")
        .as_string()
        .ok_or_else(|| "图表组件返回的数据无效。".to_string())
}

/// The `unit` of a request: the tables in 万元 (舍位平衡) or in 元.
fn unit(wan: bool) -> &'static str {
    if wan { "万元" } else { "元" }
}

/// Add the bureau catalog in force for the form, when one is, to `msg`.
fn with_catalog(msg: &Object, bureau: Option<&Bureau>) {
    if let Some(b) = bureau {
        set(msg, "catalog", &JsValue::from_str(&catalog_json(b)));
    }
}

/// A bureau catalog as the worker reads it back (`Bureau::from_rows`): its
/// name and `[code, name]` rows.
fn catalog_json(b: &Bureau) -> String {
    let rows: Vec<(&str, &str)> = [b.function(), b.economic()]
        .into_iter()
        .flatten()
        .flat_map(|c| c.entries())
        .map(|e| (e.code, e.name))
        .collect();
    serde_json::json!({ "name": b.name(), "rows": rows }).to_string()
}

/// The import preview of a sheet (`kind` is `xlsx` or `csv`), as the worker's JSON.
pub async fn import_sheet(bytes: &[u8], kind: &str) -> Result<String, String> {
    sheet_request("import", bytes, kind).await
}

/// Send a sheet's bytes for `op`; the worker's `json` answer.
async fn sheet_request(op: &str, bytes: &[u8], kind: &str) -> Result<String, String> {
    with_bytes(op_message(op, &[("kind", kind)]), bytes).await
}

/// 核对已公开文件: a published disclosure (`kind` is `text` or `xlsx`)
/// audited in the worker; its findings and the tables read, as JSON.
pub async fn audit_document(bytes: &[u8], kind: &str) -> Result<String, String> {
    sheet_request("audit", bytes, kind).await
}

/// Send `msg` (its `op` and fields set) with a file's bytes; the worker's
/// `json` answer.
async fn with_bytes(msg: Object, bytes: &[u8]) -> Result<String, String> {
    let array = Uint8Array::from(bytes);
    set(&msg, "bytes", &array);
    json_of(request(msg, Some(&array.buffer().into())).await?)
}

/// The `json` of a worker's answer.
fn json_of(data: JsValue) -> Result<String, String> {
    get(&data, "json")
        .as_string()
        .ok_or_else(|| "Excel 组件返回的数据无效。".to_string())
}

/// A request for `op` with text fields.
fn op_message(op: &str, fields: &[(&str, &str)]) -> Object {
    let msg = Object::new();
    set(&msg, "op", &JsValue::from_str(op));
    for (key, value) in fields {
        set(&msg, key, &JsValue::from_str(value));
    }
    msg
}

/// 部门汇总: a unit file (`source`: its name) opened by the worker, or with
/// `counts` (errors, warnings of the page's live checks) the form being
/// edited as inputs JSON; its row ready to show and its inputs, as JSON.
pub async fn department_unit(
    source: &str,
    bytes: &[u8],
    counts: Option<(usize, usize)>,
) -> Result<String, String> {
    let msg = op_message("department-unit", &[("name", source)]);
    if let Some((errors, warnings)) = counts {
        let pair = js_sys::Array::of2(
            &JsValue::from(errors as u32),
            &JsValue::from(warnings as u32),
        );
        set(&msg, "counts", &pair);
    }
    with_bytes(msg, bytes).await
}

/// 部门汇总 of the units (`request_json`: `{units, code, name, texts?, now?}`):
/// the department's totals or why not, its file when `now` is sent.
pub async fn department_sum(request_json: &str) -> Result<String, String> {
    json_of(request(op_message("department", &[("request", request_json)]), None).await?)
}

/// 从上年文件新建: next year's form from last year's file, against the
/// bureau catalogs kept for some years; the new inputs and the codes not
/// carried, or the file's problems, as JSON.
pub async fn next_year(bytes: &[u8], catalogs: &[(i32, &Bureau)]) -> Result<String, String> {
    let by_year: Vec<serde_json::Value> = catalogs
        .iter()
        .map(|(year, b)| {
            let rows: Vec<(&str, &str)> = [b.function(), b.economic()]
                .into_iter()
                .flatten()
                .flat_map(|c| c.entries())
                .map(|e| (e.code, e.name))
                .collect();
            serde_json::json!({ "year": year, "name": b.name(), "rows": rows })
        })
        .collect();
    let json = serde_json::Value::from(by_year).to_string();
    with_bytes(op_message("next-year", &[("catalogs", &json)]), bytes).await
}

/// 载入财政局科目表: a catalog file (`kind`: `xlsx` or `csv`) read and
/// checked by the worker; its rows, or each bad line, as JSON.
pub async fn bureau(name: &str, bytes: &[u8], kind: &str) -> Result<String, String> {
    with_bytes(
        op_message("bureau", &[("name", name), ("kind", kind)]),
        bytes,
    )
    .await
}

/// A file tool's JSON answer read as a value (the page reads its fields by
/// name: no deserializer per answer type in the page's wasm).
pub fn answer(json: &str) -> Result<serde_json::Value, String> {
    serde_json::from_str(json).map_err(|e| format!("Excel 组件返回的数据无效：{e}"))
}

/// The text of `v`, empty when it is not a string.
pub fn text(v: &serde_json::Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

/// The texts of an array `v` (empty when it is not one).
pub fn texts(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .map(|list| list.iter().map(text).collect())
        .unwrap_or_default()
}

/// What the worker found comparing an imported file's stated figures with
/// the recomputation.
pub enum Compared {
    /// Each stated figure that differs, as a line (`[IMP-001] …`).
    Findings(Vec<String>),
    /// Why the file should not have been imported, a line each.
    Refused(Vec<String>),
}

/// The comparison after an import (`text`: the file as picked), against
/// `bureau` when one is in force for the file's year: made by the worker,
/// so the page carries no derivation.
pub async fn import_findings(text: &str, bureau: Option<&Bureau>) -> Result<Compared, String> {
    let msg = op_message("import-findings", &[("text", text)]);
    with_catalog(&msg, bureau);
    let v = answer(&json_of(request(msg, None).await?)?)?;
    Ok(match v.get("refused") {
        Some(lines) => Compared::Refused(texts(lines)),
        None => Compared::Findings(texts(&v["findings"])),
    })
}

/// A derived view of the inputs given as JSON, drawn by the worker as markup:
/// `view` is `tables` (公开表格 below its unit switch), `report` (the
/// 情况说明 article) or `print` (the print document's narrative and tables);
/// the tables in 万元 (舍位平衡) when `wan`, named from `bureau` when one is
/// in force for the form.
pub async fn view_html(
    view: &str,
    inputs_json: String,
    wan: bool,
    bureau: Option<&Bureau>,
) -> Result<String, String> {
    let msg = op_message(
        "view",
        &[
            ("view", view),
            ("inputs", &inputs_json),
            ("unit", unit(wan)),
        ],
    );
    with_catalog(&msg, bureau);
    let data = request(msg, None).await?;
    get(&data, "html")
        .as_string()
        .ok_or_else(|| "文档组件返回的数据无效。".to_string())
}

/// The submission file (`kind` `submission`) or the draft file (`draft`) of
/// the inputs given as JSON, exported at `at`, checked against `bureau` when
/// one is in force: `Ok(Ok(bytes))` (the file's text in UTF-8: no megabytes
/// of text decoded and encoded again on the way), or `Ok(Err(refusal))` with
/// why the form cannot be exported (`{title, lines: [{text, path}]}` JSON).
pub async fn file_text(
    kind: &str,
    inputs_json: String,
    at: &str,
    bureau: Option<&Bureau>,
) -> Result<Result<Vec<u8>, String>, String> {
    let msg = op_message(
        "file",
        &[("kind", kind), ("inputs", &inputs_json), ("at", at)],
    );
    with_catalog(&msg, bureau);
    let data = request(msg, None).await?;
    if let Ok(bytes) = get(&data, "bytes").dyn_into::<Uint8Array>() {
        return Ok(Ok(bytes.to_vec()));
    }
    get(&data, "refused")
        .as_string()
        .map(Err)
        .ok_or_else(|| "文件组件返回的数据无效。".to_string())
}

/// The sentences of the 情况说明 the clerk's texts end up in (the narrative
/// inputs' live preview), in `ClerkText::ALL`'s order, as a JSON array: made
/// by the worker, so the page carries no narrative.
pub async fn sentences(inputs_json: String) -> Result<String, String> {
    json_of(request(op_message("sentences", &[("inputs", &inputs_json)]), None).await?)
}
