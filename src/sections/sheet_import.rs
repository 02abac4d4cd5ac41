//! 导入表格（Excel/CSV）: budget rows or economic rows read from a 表2/表3/表7/表8-shaped
//! sheet by the XLSX worker, shown in a preview; nothing changes until the clerk
//! confirms (replace or append, one update of the inputs).

use budget_core::amount::format_yuan;
use budget_core::catalog::InForce;
use budget_core::model::{BudgetRow, EconomicRow};
use leptos::prelude::*;
use serde::Deserialize;

use std::sync::Arc;

use crate::grid::Rows;
use crate::grid::history::Op;
use crate::state::{AppState, Notice, Tab};
use crate::undo::ListChange;
use crate::web;
use crate::xlsx_client;

/// Largest sheet accepted (the worker checks again).
const MAX_SHEET_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

/// A header column the worker matched.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MatchedColumn {
    /// Column letter.
    pub column: String,
    /// Header text.
    pub header: String,
    /// What it was read as.
    pub meaning: String,
}

/// A line that could not be read.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Problem {
    /// 1-based sheet row.
    pub row: usize,
    /// Message in Chinese.
    pub message: String,
}

/// The worker's answer for a sheet (budget-xlsx's `SheetImport` and its shape's name).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Preview {
    /// `general_budget`, `economic`, `income` or `expenditure`.
    pub shape: String,
    /// The table it matches, in Chinese.
    pub shape_label: String,
    /// Worksheet read (XLSX).
    #[serde(default)]
    pub sheet: Option<String>,
    /// Columns matched.
    #[serde(default)]
    pub columns: Vec<MatchedColumn>,
    /// Budget rows (表2, 表7, 表8).
    #[serde(default)]
    pub budget_rows: Vec<BudgetRow>,
    /// Economic rows (表3).
    #[serde(default)]
    pub economic_rows: Vec<EconomicRow>,
    /// Lines left out.
    #[serde(default)]
    pub problems: Vec<Problem>,
    /// 类/款/合计 lines skipped.
    #[serde(default)]
    pub skipped_subtotals: usize,
}

impl Preview {
    /// True when the sheet gives economic rows (表3).
    pub fn is_economic(&self) -> bool {
        self.shape == "economic"
    }
    /// Number of rows that would be imported.
    pub fn len(&self) -> usize {
        if self.is_economic() {
            self.economic_rows.len()
        } else {
            self.budget_rows.len()
        }
    }
    /// True when no row can be imported.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The worker's kind for a file name: `xlsx` or `csv`, else why not.
pub fn kind_of(name: &str) -> Result<&'static str, String> {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match ext {
        "xlsx" | "xlsm" => Ok("xlsx"),
        "csv" | "txt" | "tsv" => Ok("csv"),
        "xls" => Err(format!(
            "“{name}”是旧版 .xls 格式，无法读取：请在 Excel 中另存为 .xlsx 或 .csv 后再导入。"
        )),
        _ => Err(format!("“{name}”不是 .xlsx 或 .csv 文件，未导入。")),
    }
}

/// Put the sheet's `rows` into `list` (replacing it, or after its rows) as one
/// step of the form's undo history: 撤销 gives the rows back as they were.
fn record<T: Clone + PartialEq + Send + Sync + 'static>(
    state: AppState,
    list: Rows<T>,
    rows: Vec<T>,
    replace: bool,
) {
    let existing = state.inputs.with_untracked(|i| list.get(i).to_vec());
    let (at, removed) = if replace {
        (0, existing)
    } else {
        (existing.len(), Vec::new())
    };
    let change = ListChange::new(
        Arc::new(list),
        vec![Op::Splice {
            at,
            removed,
            inserted: rows,
        }],
    );
    state.undo.run("导入表格", Box::new(change), None);
}

/// Apply a confirmed preview: one update of the inputs, one undo step.
pub fn apply(state: AppState, preview: &Preview, replace: bool) {
    let n = preview.len();
    if preview.is_economic() {
        let list = Rows::List(|i| &i.economic_rows, |i| &mut i.economic_rows);
        record(state, list, preview.economic_rows.clone(), replace);
        state.tab.set(Tab::Economic);
    } else {
        let list = Rows::List(|i| &i.rows, |i| &mut i.rows);
        record(state, list, preview.budget_rows.clone(), replace);
        state.tab.set(Tab::Rows);
    }
    let target = if preview.is_economic() {
        "基本支出经济分类"
    } else {
        "预算明细"
    };
    let how = if replace { "替换了" } else { "追加到" };
    state.notice.set(Some(Notice {
        is_error: false,
        title: format!("已从表格导入 {n} 行，{how}{target}。"),
        lines: Vec::new(),
    }));
}

fn error(state: AppState, title: String) {
    state.notice.set(Some(Notice {
        is_error: true,
        title,
        lines: Vec::new(),
    }));
}

/// Read a picked sheet and ask the worker for its preview.
fn read_sheet(
    state: AppState,
    f: web_sys::File,
    busy: RwSignal<bool>,
    preview: RwSignal<Option<(String, Preview)>>,
) {
    let name = f.name();
    let kind = match kind_of(&name) {
        Ok(k) => k,
        Err(e) => return error(state, e),
    };
    if f.size() > MAX_SHEET_BYTES {
        return error(
            state,
            format!("“{name}”未导入：文件过大（上限 20 MB），不像是预算表。"),
        );
    }
    busy.set(true);
    leptos::task::spawn_local(async move {
        let result = match wasm_bindgen_futures::JsFuture::from(f.array_buffer()).await {
            Ok(buf) => {
                let bytes = js_sys::Uint8Array::new(&buf).to_vec();
                xlsx_client::import_sheet(&bytes, kind).await
            }
            Err(_) => Err("文件无法读取。".into()),
        };
        busy.set(false);
        match result.and_then(|json| {
            serde_json::from_str::<Preview>(&json).map_err(|e| format!("导入结果无法读取：{e}"))
        }) {
            Ok(p) => {
                preview.set(Some((name, p)));
                // Focus inside the dialog once it is drawn (Escape then cancels).
                set_timeout(
                    || web::focus_id("sheet-import-cancel"),
                    std::time::Duration::ZERO,
                );
            }
            Err(e) => error(state, format!("“{name}”未导入，当前填写内容未改变：{e}")),
        }
    });
}

fn budget_rows_view(rows: &[BudgetRow], cats: &InForce) -> impl IntoView + use<> {
    let body = rows
        .iter()
        .map(|r| {
            let name = cats
                .function()
                .name(&r.code)
                .unwrap_or("（目录中无此编码）");
            view! {
                <tr>
                    <td>{r.code.clone()}</td>
                    <td>{name}</td>
                    <td>{r.source.label()}</td>
                    <td>{r.kind.label()}</td>
                    <td class="num">{format_yuan(r.this_year.value())}</td>
                    <td class="num">{format_yuan(r.last_year.value())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="preview-rows">
            <thead>
                <tr>
                    <th scope="col">"科目编码"</th>
                    <th scope="col">"科目名称"</th>
                    <th scope="col">"收入来源"</th>
                    <th scope="col">"支出类型"</th>
                    <th scope="col">"本年预算数"</th>
                    <th scope="col">"上年预算数"</th>
                </tr>
            </thead>
            <tbody>{body}</tbody>
        </table>
    }
}

fn economic_rows_view(rows: &[EconomicRow], cats: &InForce) -> impl IntoView + use<> {
    let body = rows
        .iter()
        .map(|r| {
            let name = cats
                .economic()
                .name(&r.code)
                .unwrap_or("（目录中无此编码）");
            view! {
                <tr>
                    <td>{r.code.clone()}</td>
                    <td>{name}</td>
                    <td class="num">{format_yuan(r.amount.value())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="preview-rows">
            <thead>
                <tr>
                    <th scope="col">"经济分类编码"</th>
                    <th scope="col">"科目名称"</th>
                    <th scope="col">"金额"</th>
                </tr>
            </thead>
            <tbody>{body}</tbody>
        </table>
    }
}

/// The preview dialog of one sheet.
fn dialog(
    state: AppState,
    name: String,
    p: Preview,
    preview: RwSignal<Option<(String, Preview)>>,
) -> impl IntoView {
    let target = if p.is_economic() {
        "基本支出经济分类"
    } else {
        "预算明细"
    };
    let shape = match &p.sheet {
        Some(s) => format!("识别为：{}（工作表“{s}”）", p.shape_label),
        None => format!("识别为：{}", p.shape_label),
    };
    let columns = p
        .columns
        .iter()
        .map(|c| view! { <li>{format!("{} 列“{}” → {}", c.column, c.header, c.meaning)}</li> })
        .collect_view();
    // Named from the catalogs in force for the form the rows go into.
    let cats = untrack(|| state.in_force());
    let rows = if p.is_economic() {
        economic_rows_view(&p.economic_rows, &cats).into_any()
    } else {
        budget_rows_view(&p.budget_rows, &cats).into_any()
    };
    let problems = p
        .problems
        .iter()
        .map(|q| view! { <li>{format!("第 {} 行：{}", q.row, q.message)}</li> })
        .collect_view();
    let n_problems = p.problems.len();
    let n = p.len();
    let skipped = p.skipped_subtotals;
    let empty = p.is_empty();
    let p = StoredValue::new(p);
    let confirm = move |replace: bool| {
        p.with_value(|p| apply(state, p, replace));
        preview.set(None);
    };
    let cancel = move || preview.set(None);
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" {
            cancel();
        }
    };
    view! {
        <div class="modal-backdrop">
            <div
                class="modal sheet-import"
                id="sheet-import-dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby="sheet-import-title"
                on:keydown=on_key
            >
                <h2 id="sheet-import-title">{format!("导入表格预览：“{name}”")}</h2>
                <p id="sheet-import-shape">{shape}</p>
                <details>
                    <summary>"按表头匹配的列"</summary>
                    <ul class="preview-columns">{columns}</ul>
                </details>
                <p id="sheet-import-count">
                    {format!("可导入 {n} 行到{target}")}
                    {(skipped > 0).then(|| format!("；已跳过 {skipped} 行类、款小计及合计（由明细自动计算）"))}
                    "。"
                </p>
                {(n_problems > 0).then(|| view! {
                    <div class="preview-problems" id="sheet-import-problems" role="alert">
                        <p>{format!("以下 {n_problems} 处未能读取或不一致（除注明“仍按原编码导入”的行外，这些行不会导入）：")}</p>
                        <ul>{problems}</ul>
                    </div>
                })}
                <div class="preview-scroll">{rows}</div>
                <p class="hint">"确认前，当前填写内容不会改变。"</p>
                <div class="modal-actions">
                    <button type="button" id="sheet-import-replace" disabled=empty on:click=move |_| confirm(true)>
                        {format!("替换{target}")}
                    </button>
                    <button type="button" id="sheet-import-append" disabled=empty on:click=move |_| confirm(false)>
                        {format!("追加到{target}")}
                    </button>
                    <button type="button" id="sheet-import-cancel" on:click=move |_| cancel()>"取消"</button>
                </div>
            </div>
        </div>
    }
}

/// The 导入表格 button, its file picker and the preview dialog.
#[component]
pub fn SheetImport() -> impl IntoView {
    let state = AppState::get();
    let busy = RwSignal::new(false);
    let preview: RwSignal<Option<(String, Preview)>> = RwSignal::new(None);
    let picked = move |ev: web_sys::Event| {
        if let Some(f) = web::picked_files(&ev).into_iter().next() {
            read_sheet(state, f, busy, preview);
        }
    };
    view! {
        <label class="button" class:busy=move || busy.get() for="sheet-file" id="btn-sheet-import">
            {move || if busy.get() { "正在读取表格…" } else { "导入表格（Excel/CSV）" }}
        </label>
        <input
            type="file"
            id="sheet-file"
            class="visually-hidden"
            accept=".xlsx,.xlsm,.csv,.txt,.tsv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            disabled=move || busy.get()
            on:change=picked
        />
        {move || preview.get().map(|(name, p)| dialog(state, name, p, preview))}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_follows_the_extension() {
        assert_eq!(kind_of("表2.XLSX"), Ok("xlsx"));
        assert_eq!(kind_of("rows.csv"), Ok("csv"));
        assert_eq!(kind_of("导出.txt"), Ok("csv"));
        assert!(kind_of("old.xls").unwrap_err().contains("旧版 .xls"));
        assert!(
            kind_of("noextension")
                .unwrap_err()
                .contains("不是 .xlsx 或 .csv")
        );
    }

    #[test]
    fn worker_json_reads_as_a_preview() {
        let json = r#"{"shape_label":"表2 一般公共预算财政拨款支出预算表","shape":"general_budget",
            "sheet":null,"columns":[{"column":"A","header":"科目编码","meaning":"科目编码"}],
            "budget_rows":[{"code":"2010301","source":"general_budget","kind":"basic",
              "this_year":"2000.50","last_year":"1000.00"}],
            "economic_rows":[],"problems":[{"row":5,"message":"不是有效的金额"}],
            "skipped_subtotals":1}"#;
        let p: Preview = serde_json::from_str(json).unwrap();
        assert!(!p.is_economic());
        assert_eq!(p.len(), 1);
        assert_eq!(p.budget_rows[0].this_year.text(), "2000.50");
        assert_eq!(p.problems[0].row, 5);
        assert_eq!(p.skipped_subtotals, 1);

        let econ = r#"{"shape_label":"表3","shape":"economic",
            "economic_rows":[{"code":"30101","amount":"12.00"}]}"#;
        let p: Preview = serde_json::from_str(econ).unwrap();
        assert!(p.is_economic());
        assert_eq!(p.len(), 1);
        assert!(p.problems.is_empty());
    }
}
