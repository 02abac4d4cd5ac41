//! 核对已公开文件: a published disclosure (its text, or an XLSX of its tables)
//! audited in the XLSX worker (budget-audit is never linked by the page), its
//! findings listed beside the tables the audit read. Nothing in the form changes.
//!
//! A PDF is refused here: reading one in the browser needs pdf.js or the like,
//! far larger than the app; `budget-check audit` reads PDFs through poppler,
//! and pdftotext's output can be chosen here.

use leptos::prelude::*;
use serde::Deserialize;

use crate::state::{AppState, Notice};
use crate::web;
use crate::xlsx_client;

/// Largest document accepted (the worker checks an XLSX again).
const MAX_DOCUMENT_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

/// Said for a PDF.
pub const PDF_REFUSED: &str = "无法在浏览器中读取 PDF：请用 pdftotext 将 PDF 转成文本（.txt）后再选择，或在命令行用 budget-check audit 核对 PDF。";

/// One finding, placed and formatted by the worker.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Found {
    /// `AUD-001` …
    pub id: String,
    /// `error` or `warning`.
    pub level: String,
    /// 错误 / 提示.
    pub severity: String,
    /// `第7页第96行`, `工作表“表2”第5行`.
    pub place: String,
    /// Figures as printed, `—` when the finding has none.
    pub printed: String,
    pub expected: String,
    pub difference: String,
    pub message: String,
    /// The line as printed.
    pub source: String,
}

/// A table as read: caption, then each line's cells (place, code, name, figures…).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Table {
    pub caption: String,
    pub rows: Vec<Vec<String>>,
}

/// The worker's answer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Answer {
    pub findings: Vec<Found>,
    pub tables: Vec<Table>,
}

/// The worker's kind for a file name: `text` or `xlsx`, else why not.
pub fn kind_of(name: &str) -> Result<&'static str, String> {
    let lower = name.to_ascii_lowercase();
    match lower.rsplit_once('.').map_or("", |(_, e)| e) {
        "txt" | "text" => Ok("text"),
        "xlsx" | "xlsm" => Ok("xlsx"),
        "pdf" => Err(PDF_REFUSED.to_string()),
        _ => Err(format!(
            "“{name}”不是文本（.txt）或 Excel（.xlsx）文件，无法核对。"
        )),
    }
}

fn error(state: AppState, title: String) {
    state.notice.set(Some(Notice {
        is_error: true,
        title,
        lines: Vec::new(),
    }));
}

/// Read a picked document and ask the worker for its audit.
fn read_document(
    state: AppState,
    f: web_sys::File,
    busy: RwSignal<bool>,
    shown: RwSignal<Option<(String, Answer)>>,
) {
    let name = f.name();
    let kind = match kind_of(&name) {
        Ok(k) => k,
        Err(e) => return error(state, format!("“{name}”未核对：{e}")),
    };
    if f.size() > MAX_DOCUMENT_BYTES {
        return error(state, format!("“{name}”未核对：文件过大（上限 20 MB）。"));
    }
    busy.set(true);
    leptos::task::spawn_local(async move {
        let result = match wasm_bindgen_futures::JsFuture::from(f.array_buffer()).await {
            Ok(buf) => {
                let bytes = js_sys::Uint8Array::new(&buf).to_vec();
                xlsx_client::audit_document(&bytes, kind).await
            }
            Err(_) => Err("文件无法读取。".into()),
        };
        busy.set(false);
        match result.and_then(|json| {
            serde_json::from_str::<Answer>(&json).map_err(|e| format!("核对结果无法读取：{e}"))
        }) {
            Ok(a) => {
                shown.set(Some((name, a)));
                set_timeout(|| web::focus_id("audit-close"), std::time::Duration::ZERO);
            }
            Err(e) => error(state, format!("“{name}”未核对：{e}")),
        }
    });
}

/// Whether a cell holds a figure (`1,234.50`, `-0.01`, `—`; not a code).
fn is_figure(t: &str) -> bool {
    t == "—"
        || (t.contains('.')
            && t.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-')))
}

/// A row of a table: its class and `data-id` (a finding's), and its cells.
type Row = (String, Option<String>, Vec<String>);

/// One table of the dialog (the findings, or a table read), headed for screen
/// readers; figures right-aligned.
fn grid(
    id: Option<&'static str>,
    class: &'static str,
    caption: String,
    head: &'static [&'static str],
    rows: Vec<Row>,
) -> impl IntoView + use<> {
    let head = head
        .iter()
        .map(|h| view! { <th scope="col">{*h}</th> })
        .collect_view();
    let rows = rows
        .into_iter()
        .map(|(class, key, cells)| {
            let cells = cells
                .into_iter()
                .map(|c| {
                    let num = is_figure(&c);
                    view! { <td class:num=num>{c}</td> }
                })
                .collect_view();
            view! { <tr class=class data-id=key>{cells}</tr> }
        })
        .collect_view();
    view! {
        <table id=id class=class>
            <caption>{caption}</caption>
            <thead><tr>{head}</tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

fn findings_view(findings: &[Found]) -> impl IntoView + use<> {
    let rows = findings
        .iter()
        .map(|f| {
            let cells = vec![
                f.id.clone(),
                f.severity.clone(),
                f.place.clone(),
                f.printed.clone(),
                f.expected.clone(),
                f.difference.clone(),
                format!("{}\n原文：{}", f.message, f.source),
            ];
            (format!("audit-{}", f.level), Some(f.id.clone()), cells)
        })
        .collect();
    grid(
        Some("audit-findings"),
        "audit-findings",
        "发现的问题".to_string(),
        &["编号", "级别", "位置", "印刷数", "应为", "差额", "说明"],
        rows,
    )
}

fn table_view(t: &Table) -> impl IntoView + use<> {
    let rows = t
        .rows
        .iter()
        .map(|cells| (String::new(), None, cells.clone()))
        .collect();
    grid(
        None,
        "audit-table",
        t.caption.clone(),
        &["位置", "编码", "项目", "数字"],
        rows,
    )
}

/// The result dialog of one document.
fn dialog(name: String, a: Answer, shown: RwSignal<Option<(String, Answer)>>) -> impl IntoView {
    let errors = a.findings.iter().filter(|f| f.level == "error").count();
    let summary = if a.findings.is_empty() {
        format!("读出 {} 张表，未发现问题。", a.tables.len())
    } else {
        format!(
            "读出 {} 张表，发现 {} 处问题（其中错误 {errors} 处）。",
            a.tables.len(),
            a.findings.len()
        )
    };
    let findings = (!a.findings.is_empty()).then(|| findings_view(&a.findings));
    let tables = a.tables.iter().map(table_view).collect_view();
    let close = move || shown.set(None);
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" {
            close();
        }
    };
    view! {
        <div class="modal-backdrop">
            <div
                class="modal audit-dialog"
                id="audit-dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby="audit-title"
                on:keydown=on_key
            >
                <h2 id="audit-title">{format!("核对已公开文件：“{name}”")}</h2>
                <p id="audit-summary" role="status">{summary}</p>
                <div class="audit-columns">
                    <section class="audit-found" aria-label="发现的问题">{findings}</section>
                    <section class="audit-read" aria-label="读出的表">{tables}</section>
                </div>
                <p class="hint">"只核对所选文件，当前填写内容不会改变。"</p>
                <div class="modal-actions">
                    <button type="button" id="audit-close" on:click=move |_| close()>"关闭"</button>
                </div>
            </div>
        </div>
    }
}

/// The 核对已公开文件 button, its file picker and the result dialog.
#[component]
pub fn AuditDocument() -> impl IntoView {
    let state = AppState::get();
    let busy = RwSignal::new(false);
    let shown: RwSignal<Option<(String, Answer)>> = RwSignal::new(None);
    let picked = move |ev: web_sys::Event| {
        if let Some(f) = web::picked_files(&ev).into_iter().next() {
            read_document(state, f, busy, shown);
        }
    };
    view! {
        <label class="button" class:busy=move || busy.get() for="audit-file" id="btn-audit">
            {move || if busy.get() { "正在核对…" } else { "核对已公开文件" }}
        </label>
        <input
            type="file"
            id="audit-file"
            class="visually-hidden"
            accept=".txt,.xlsx,.xlsm,.pdf,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/pdf"
            disabled=move || busy.get()
            on:change=picked
        />
        {move || shown.get().map(|(name, a)| dialog(name, a, shown))}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_follows_the_extension_and_a_pdf_is_refused() {
        assert_eq!(kind_of("普陀.TXT"), Ok("text"));
        assert_eq!(kind_of("tables.xlsx"), Ok("xlsx"));
        assert_eq!(kind_of("公开.pdf").unwrap_err(), PDF_REFUSED);
        assert!(kind_of("x.doc").unwrap_err().contains("无法核对"));
    }

    #[test]
    fn worker_json_reads_as_an_answer() {
        let json = r#"{"findings":[{"id":"AUD-005","level":"error","severity":"错误",
            "place":"第7页第96行","printed":"887.36","expected":"87.36","difference":"800.00",
            "message":"文字中的金额错了一个数量级","source":"职业年金887.36万元"}],
            "tables":[{"caption":"2025年部门支出预算总表（第12页第170行）",
              "rows":[["第12页第176行","2010601","行政运行","16,231,840.80"]]}]}"#;
        let a: Answer = serde_json::from_str(json).unwrap();
        assert_eq!(a.findings[0].place, "第7页第96行");
        assert_eq!(a.tables[0].rows[0][3], "16,231,840.80");
        assert!(is_figure("16,231,840.80") && is_figure("-0.01") && is_figure("—"));
        assert!(
            !is_figure("行政运行") && !is_figure("2010601") && !is_figure("1.一般公共预算资金")
        );
    }
}
