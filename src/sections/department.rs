//! 部门汇总: unit files (picked, dropped several at once, or the form being
//! edited) side by side with their totals and error counts, the department's
//! sum, and the department file. The sum, the refusals and every figure are the
//! core's (`budget_core::consolidate`, `Totals`); this view only lists them.

use budget_core::amount::format_yuan;
use budget_core::consolidate::{Department, consolidate};
use budget_core::file::{self, ExportError};
use budget_core::{Finding, Inputs, Totals};
use leptos::prelude::*;

use crate::state::AppState;
use crate::web;

/// One unit in the list: where it came from, its form, and its counts.
#[derive(Debug, Clone, PartialEq)]
struct Unit {
    source: String,
    inputs: Inputs,
    totals: Totals,
    errors: usize,
    warnings: usize,
}

impl Unit {
    fn new(source: String, inputs: Inputs, findings: &[Finding]) -> Self {
        let errors = findings.iter().filter(|f| f.is_error()).count();
        Unit {
            source,
            totals: Totals::compute(&inputs),
            errors,
            warnings: findings.len() - errors,
            inputs,
        }
    }

    /// The same unit: the same code, or the same name.
    fn same(&self, other: &Inputs) -> bool {
        let (a, b) = (&self.inputs.unit, &other.unit);
        let code = !a.code.trim().is_empty() && a.code.trim() == b.code.trim();
        let name = !a.name.trim().is_empty() && a.name.trim() == b.name.trim();
        code || name
    }
}

/// Add `unit`, or replace the same unit's earlier version after asking.
fn add(units: RwSignal<Vec<Unit>>, message: RwSignal<Option<String>>, unit: Unit) {
    let at = units.with_untracked(|list| list.iter().position(|u| u.same(&unit.inputs)));
    match at {
        None => units.update(|list| list.push(unit)),
        Some(i) => {
            let name = unit.inputs.unit.name.trim().to_string();
            if web::confirm(&format!(
                "“{name}”已在汇总中。用“{}”替换原来的版本吗？",
                unit.source
            )) {
                units.update(|list| list[i] = unit);
            } else {
                message.set(Some(format!("未替换“{name}”：汇总中仍是原来的版本。")));
            }
        }
    }
}

/// Read `f` and add the unit it holds (a submission file or bare inputs).
fn add_file(units: RwSignal<Vec<Unit>>, message: RwSignal<Option<String>>, f: web_sys::File) {
    let name = f.name();
    leptos::task::spawn_local(async move {
        let bytes = match wasm_bindgen_futures::JsFuture::from(f.array_buffer()).await {
            Ok(buf) => js_sys::Uint8Array::new(&buf).to_vec(),
            Err(_) => {
                message.set(Some(format!("“{name}”无法读取，未加入汇总。")));
                return;
            }
        };
        match file::open(&bytes) {
            Ok(opened) => add(
                units,
                message,
                Unit::new(name, opened.inputs().clone(), opened.findings()),
            ),
            Err(e) => message.set(Some(format!("“{name}”未加入汇总：{e}"))),
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
    // The department's own texts (duties, reasons, 整体绩效, contact, …),
    // taken from the form being edited when the clerk asks.
    let texts: RwSignal<Option<Department>> = RwSignal::new(None);
    // The department's form, or why the units cannot be summed.
    let summed = Memo::new(move |_| {
        let mut department = texts.get().unwrap_or_default();
        department.code = code.get().trim().to_string();
        department.name = name.get().trim().to_string();
        units.with(|list| {
            let forms: Vec<Inputs> = list.iter().map(|u| u.inputs.clone()).collect();
            consolidate(&department, &forms)
                .map(|form| (Totals::compute(&form), form, forms))
                .map_err(|e| e.to_string())
        })
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
    let add_current = move |_| {
        message.set(None);
        let inputs = state.inputs.get_untracked();
        let findings = state.findings.get_untracked();
        add(
            units,
            message,
            Unit::new("正在填写的表".into(), inputs, &findings),
        );
    };
    let take_texts = move |_| {
        let department = state.inputs.with_untracked(|i| Department::of(i, &[]));
        code.set(department.code.clone());
        name.set(department.name.clone());
        message.set(Some(format!(
            "部门自己的文字（职能职责、机构设置、变动原因、整体绩效目标等）已取自正在填写的表“{}”。",
            department.name
        )));
        texts.set(Some(department));
    };
    let export = move |_| {
        let text = summed.with_untracked(|s| match s {
            Ok((_, form, forms)) => file::export_department(form, forms, &web::now_iso())
                .map(|text| {
                    (
                        format!(
                            "{}-{}-department.json",
                            form.unit.code, form.unit.fiscal_year
                        ),
                        text,
                    )
                })
                .map_err(|e| match e {
                    ExportError::Errors(found) => format!(
                        "部门汇总的报表还有 {} 项错误，不能导出：{}",
                        found.len(),
                        found
                            .iter()
                            .map(|f| format!("[{}] {}", f.check, f.message))
                            .collect::<Vec<_>>()
                            .join("；")
                    ),
                    other => other.to_string(),
                }),
            Err(e) => Err(e.clone()),
        });
        message.set(Some(
            match text.and_then(|(file, text)| {
                web::download(&file, &text, "application/json").map(|()| file)
            }) {
                Ok(file) => format!("已导出部门文件“{file}”。"),
                Err(e) => e,
            },
        ));
    };
    let rows = move || {
        units
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, u)| {
                let unit = &u.inputs.unit;
                let shown = [
                    unit.name.clone(),
                    unit.code.clone(),
                    unit.unit_type.label().to_string(),
                    unit.fiscal_year.to_string(),
                    format_yuan(u.totals.total),
                    format_yuan(u.totals.sangong),
                    u.errors.to_string(),
                    u.warnings.to_string(),
                    u.source.clone(),
                ];
                view! {
                    <tr class="dept-unit">
                        {cells(shown)}
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
    let total = move || {
        let shown = summed.with(|s| match s {
            Ok((t, form, _)) => vec![
                format!("部门合计：{}", form.unit.name),
                form.unit.code.clone(),
                String::new(),
                form.unit.fiscal_year.to_string(),
                format_yuan(t.total),
                format_yuan(t.sangong),
            ],
            Err(e) => vec![e.clone()],
        });
        view! { <tr id="dept-total">{cells(shown)}</tr> }
    };
    let head = HEAD
        .map(|h| view! { <th>{h}</th> })
        .into_iter()
        .collect_view();
    view! {
        <details class="department" id="department" on:dragover=|ev: web_sys::DragEvent| ev.prevent_default() on:drop=dropped>
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
