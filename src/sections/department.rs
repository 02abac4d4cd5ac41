//! 部门汇总: unit files (picked, dropped several at once, or the form being
//! edited) side by side with their totals and error counts, the department's
//! sum, and the department file. The sum, the refusals and every figure are the
//! core's (`budget_core::consolidate`, `Totals`), computed in the XLSX worker
//! (its `department-unit` and `department` requests, first sent when the
//! panel is opened or a unit added): this view only lists its answers.

use budget_core::file;
use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsCast;

use crate::state::AppState;
use crate::web;
use crate::xlsx_client::{self, answer, text, texts};

/// One unit in the list, as the worker read it: its row ready to show and
/// its inputs (JSON), sent back with every sum.
#[derive(Debug, Clone, PartialEq)]
struct Unit {
    code: String,
    name: String,
    /// 单位, 编码, 类型, 年度, 支出合计, 三公合计, 错误, 提示, 来源.
    cells: Vec<String>,
    inputs: String,
}

impl Unit {
    /// The worker's answer for one unit.
    fn of(v: &Value) -> Self {
        Unit {
            code: text(&v["code"]),
            name: text(&v["name"]),
            cells: texts(&v["cells"]),
            inputs: text(&v["inputs"]),
        }
    }

    /// The same unit: the same code, or the same name.
    fn same(&self, other: &Unit) -> bool {
        let code = !self.code.trim().is_empty() && self.code.trim() == other.code.trim();
        let name = !self.name.trim().is_empty() && self.name.trim() == other.name.trim();
        code || name
    }
}

/// Add `unit`, or replace the same unit's earlier version after asking.
fn add(units: RwSignal<Vec<Unit>>, message: RwSignal<Option<String>>, unit: Unit) {
    let at = units.with_untracked(|list| list.iter().position(|u| u.same(&unit)));
    match at {
        None => units.update(|list| list.push(unit)),
        Some(i) => {
            let name = unit.name.trim().to_string();
            let source = unit.cells.last().cloned().unwrap_or_default();
            if web::confirm(&format!(
                "“{name}”已在汇总中。用“{source}”替换原来的版本吗？"
            )) {
                units.update(|list| list[i] = unit);
            } else {
                message.set(Some(format!("未替换“{name}”：汇总中仍是原来的版本。")));
            }
        }
    }
}

/// Have the worker read `bytes` (a unit file named `source`, or with
/// `counts` the form being edited) and add the unit it holds.
async fn add_read(
    units: RwSignal<Vec<Unit>>,
    message: RwSignal<Option<String>>,
    source: String,
    bytes: Vec<u8>,
    counts: Option<(usize, usize)>,
) {
    let read = xlsx_client::department_unit(&source, &bytes, counts)
        .await
        .and_then(|json| answer(&json));
    match read {
        Ok(v) => add(units, message, Unit::of(&v)),
        Err(e) => message.set(Some(format!("“{source}”未加入汇总：{e}"))),
    }
}

/// Read `f` and add the unit it holds (a submission file or bare inputs).
fn add_file(units: RwSignal<Vec<Unit>>, message: RwSignal<Option<String>>, f: web_sys::File) {
    let name = f.name();
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(f.array_buffer()).await {
            Ok(buf) => {
                let bytes = js_sys::Uint8Array::new(&buf).to_vec();
                add_read(units, message, name, bytes, None).await;
            }
            Err(_) => message.set(Some(format!("“{name}”无法读取，未加入汇总。"))),
        }
    });
}

fn add_files(
    units: RwSignal<Vec<Unit>>,
    message: RwSignal<Option<String>>,
    files: Vec<web_sys::File>,
) {
    message.set(None);
    for f in files {
        add_file(units, message, f);
    }
}

/// What the worker sums: the units, the department's code and name, the
/// form its texts come from, and the export time when the file is asked for.
fn sum_request(
    units: &[Unit],
    code: &str,
    name: &str,
    texts: Option<&str>,
    now: Option<String>,
) -> String {
    serde_json::json!({
        "units": units.iter().map(|u| u.inputs.as_str()).collect::<Vec<_>>(),
        "code": code,
        "name": name,
        "texts": texts,
        "now": now,
    })
    .to_string()
}

/// The worker's sum: the department's line (its cells, or the one message
/// why the units cannot be summed), and its file (name and text) or why it
/// cannot be exported, when asked for.
async fn sum(request: String) -> Result<(Vec<String>, Result<(String, String), String>), String> {
    let v = answer(&xlsx_client::department_sum(&request).await?)?;
    let file = match (v["file"].get("Ok"), v["file"].get("Err")) {
        (Some(ok), _) => Ok((text(&ok[0]), text(&ok[1]))),
        (None, Some(e)) => Err(text(e)),
        (None, None) => Err("汇总结果无法读取。".to_string()),
    };
    Ok((texts(&v["total"]), file))
}

/// The columns of the units' table (the last holds the 移除 buttons).
const HEAD: [&str; 10] = [
    "单位",
    "编码",
    "类型",
    "年度",
    "支出合计",
    "三公合计",
    "错误",
    "提示",
    "来源",
    "",
];

/// One `<td>` per text: one view for every cell of the table.
fn cells(texts: impl IntoIterator<Item = String>) -> impl IntoView {
    texts
        .into_iter()
        .map(|t| view! { <td>{t}</td> })
        .collect_view()
}

/// The 部门汇总 panel (a `<details>` under the summary bar).
#[component]
pub fn DepartmentView() -> impl IntoView {
    let state = AppState::get();
    let units: RwSignal<Vec<Unit>> = RwSignal::new(Vec::new());
    let message: RwSignal<Option<String>> = RwSignal::new(None);
    let code = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    // The form the department's own texts (duties, reasons, 整体绩效,
    // contact, …) are taken from, as JSON, when the clerk asks.
    let texts: RwSignal<Option<String>> = RwSignal::new(None);
    // The department's line (or why the units cannot be summed), the
    // worker's answer to the latest request while the panel is open: a
    // closed panel does not start the worker (not in the first load).
    let open = RwSignal::new(false);
    let line: RwSignal<Vec<String>> = RwSignal::new(Vec::new());
    let latest = StoredValue::new(0u32);
    Effect::new(move |_| {
        if !open.get() {
            return;
        }
        let request = units.with(|list| {
            texts.with(|t| sum_request(list, &code.get(), &name.get(), t.as_deref(), None))
        });
        let mine = latest.get_value().wrapping_add(1);
        latest.set_value(mine);
        leptos::task::spawn_local(async move {
            let answer = sum(request).await;
            if latest.try_get_value() == Some(mine) {
                line.try_set(answer.map_or_else(|e| vec![e], |(total, _)| total));
            }
        });
    });
    let picked = move |ev: web_sys::Event| add_files(units, message, web::picked_files(&ev));
    let dropped = move |ev: web_sys::DragEvent| {
        // The page's own drop imports one file into the form: not here.
        ev.prevent_default();
        ev.stop_propagation();
        if let Some(list) = ev.data_transfer().and_then(|dt| dt.files()) {
            add_files(units, message, web::files(&list));
        }
    };
    let toggled = move |ev: web_sys::Event| {
        let shown = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| el.has_attribute("open"));
        open.set(shown);
    };
    let add_current = move |_| {
        message.set(None);
        let counts = state.findings.with_untracked(|fs| {
            let errors = fs.iter().filter(|f| f.is_error()).count();
            (errors, fs.len() - errors)
        });
        match state.inputs.with_untracked(file::json_lines) {
            Ok(json) => leptos::task::spawn_local(add_read(
                units,
                message,
                "正在填写的表".into(),
                json.into_bytes(),
                Some(counts),
            )),
            Err(e) => message.set(Some(format!("“正在填写的表”未加入汇总：{e}"))),
        }
    };
    let take_texts = move |_| {
        let (form, unit_code, unit_name) = state.inputs.with_untracked(|i| {
            (
                file::json_lines(i),
                i.unit.code.clone(),
                i.unit.name.clone(),
            )
        });
        match form {
            Ok(json) => {
                code.set(unit_code);
                name.set(unit_name.clone());
                message.set(Some(format!(
                    "部门自己的文字（职能职责、机构设置、变动原因、整体绩效目标等）已取自正在填写的表“{unit_name}”。"
                )));
                texts.set(Some(json));
            }
            Err(e) => message.set(Some(e.to_string())),
        }
    };
    let export = move |_| {
        let request = units.with_untracked(|list| {
            texts.with_untracked(|t| {
                sum_request(
                    list,
                    &code.get_untracked(),
                    &name.get_untracked(),
                    t.as_deref(),
                    Some(web::now_iso()),
                )
            })
        });
        leptos::task::spawn_local(async move {
            let file = sum(request).await.and_then(|(_, file)| file);
            message.set(Some(
                match file.and_then(|(file, text)| {
                    web::download(&file, &text, "application/json").map(|()| file)
                }) {
                    Ok(file) => format!("已导出部门文件“{file}”。"),
                    Err(e) => e,
                },
            ));
        });
    };
    let rows = move || {
        units
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, u)| {
                view! {
                    <tr class="dept-unit">
                        {cells(u.cells)}
                        <td>
                            <button type="button" on:click=move |_| units.update(|l| { l.remove(i); })>
                                "移除"
                            </button>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    // The department's totals, or why the units cannot be summed.
    let total = move || view! { <tr id="dept-total">{cells(line.get())}</tr> };
    let head = HEAD
        .map(|h| view! { <th>{h}</th> })
        .into_iter()
        .collect_view();
    view! {
        <details class="department" id="department" on:toggle=toggled on:dragover=|ev: web_sys::DragEvent| ev.prevent_default() on:drop=dropped>
            <summary>"部门汇总（由各单位的填报文件汇总为部门的填报文件）"</summary>
            <p>
                <label>"部门编码 "<input id="dept-code" aria-label="部门编码" prop:value=code on:input:target=move |ev| code.set(ev.target().value()) /></label>
                " "
                <label>"部门名称 "<input id="dept-name" aria-label="部门名称" prop:value=name on:input:target=move |ev| name.set(ev.target().value()) /></label>
            </p>
            <p>
                <label class="button" for="dept-files">"加入单位文件…"</label>
                <input type="file" id="dept-files" class="visually-hidden" multiple accept=".json,application/json" on:change=picked />
                " "
                <button type="button" id="dept-texts" on:click=take_texts>
                    "部门文字取自正在填写的表"
                </button>
                " "
                <button type="button" id="dept-add-current" on:click=add_current>"加入正在填写的表"</button>
                " "
                <button type="button" id="dept-export" on:click=export>"导出部门文件"</button>
                " 也可以把多个单位文件拖到这里。"
            </p>
            <p id="dept-message" role="status">{move || message.get()}</p>
            <table class="grid" id="dept-units">
                <thead><tr>{head}</tr></thead>
                <tbody>{rows}</tbody>
                <tfoot>{total}</tfoot>
            </table>
        </details>
    }
}
