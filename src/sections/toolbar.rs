//! The toolbar: sample, new, import (picker and drag-and-drop), export of the
//! submission file, the draft file, the named drafts, save status.

use std::sync::atomic::{AtomicU64, Ordering};

use budget_core::Inputs;
use budget_core::catalog::Choice;
use budget_core::file;
use leptos::prelude::*;

use crate::print::{self, PrintView};
use crate::sections::sheet_import::SheetImport;
use crate::state::{AppState, Notice, NoticeLine};
use crate::storage::{self, DraftsUi, StorageUi};
use crate::{web, xlsx_client};

/// A built-in sample: one real published disclosure per template. Not
/// embedded in the wasm: Trunk copies `fixtures/*.json` into dist
/// (index.html) and the button fetches it (same origin: the CSP allows
/// `connect-src 'self'`).
struct Sample {
    /// The button's id.
    id: &'static str,
    /// The file in dist.
    url: &'static str,
    /// The button.
    label: &'static str,
    /// The notice once loaded.
    loaded: &'static str,
}

const SAMPLES: [Sample; 2] = [
    Sample {
        id: "btn-sample",
        url: "dadukou-2021.json",
        label: "加载示例（大渡口区政府办 2021）",
        loaded: "已加载示例：重庆市大渡口区人民政府办公室 2021 年部门预算（重庆区县模板）。",
    },
    Sample {
        id: "btn-sample-shanghai",
        url: "putuo-2025.json",
        label: "加载示例（上海普陀区财政局 2025）",
        loaded: "已加载示例：上海市普陀区财政局 2025 年部门预算（上海区级模板）。",
    },
];

/// Replace the inputs: the inputs before. Moved in and out, not cloned:
/// 10,000 rows are a deep copy. The caller asked first
/// (`storage::before_replace`).
fn replace(state: AppState, inputs: Inputs) -> Inputs {
    let mut swap = Some(inputs);
    state
        .inputs
        .update(|i| swap = swap.take().map(|new| std::mem::replace(i, new)));
    state.undo.clear();
    swap.unwrap_or_default()
}

/// Load sample `k` of [`SAMPLES`].
fn load_sample(state: AppState, k: usize) {
    let Some(sample) = SAMPLES.get(k) else { return };
    // The question before the replacement reads the storage state from the
    // context: the task runs under the caller's owner.
    let owner = Owner::current();
    leptos::task::spawn_local(async move {
        let read = web::fetch_text(sample.url, "示例文件")
            .await
            .and_then(|text| budget_core::file::read_inputs(&text).map_err(|e| e.to_string()));
        match read {
            Ok(inputs) => {
                let what = "加载示例将替换当前填写的全部内容。".to_string();
                let ask = move || {
                    storage::before_replace(state, what, move || {
                        replace(state, inputs);
                        state.notice.set(Some(Notice {
                            is_error: false,
                            title: sample.loaded.into(),
                            lines: Vec::new(),
                        }));
                    })
                };
                match owner {
                    Some(owner) => owner.with(ask),
                    None => ask(),
                }
            }
            Err(e) => state.notice.set(Some(Notice {
                is_error: true,
                title: format!("示例数据无法读取：{e}"),
                lines: Vec::new(),
            })),
        }
    });
}

/// Import a file's bytes: all or nothing.
///
/// The rows are shown first; the figures the file states (`derived`, `report`)
/// are compared with the recomputation after they are painted, which for a
/// large file costs more than reading its inputs. Until then the notice says
/// the comparison is under way. A file that the comparison refuses (its stated
/// `derived` is not JSON) is taken back out, as if never imported.
pub fn import_bytes(state: AppState, name: &str, bytes: Vec<u8>) {
    let file::Opening {
        inputs,
        pending,
        draft,
    } = match file::open_for_editing(bytes) {
        Ok(opening) => opening,
        Err(e) => return refused(state, name, problem_lines(&e)),
    };
    let what = format!("导入“{name}”将替换当前填写的全部内容。");
    let name = name.to_string();
    storage::before_replace(state, what, move || {
        opened(state, &name, inputs, pending);
        if draft {
            draft_opened(state, &name);
        }
    });
}

/// The notice after a draft file is opened: everything is back, and it is
/// not a submission.
fn draft_opened(state: AppState, name: &str) {
    let (errors, _) = state.counts();
    state.notice.set(Some(Notice {
        is_error: errors > 0,
        title: format!(
            "已打开草稿文件“{name}”，内容（含无效的填写）已全部恢复，审核有 {errors} 个错误。\
             草稿不是提交文件：改正错误后请“导出提交文件”。"
        ),
        lines: Vec::new(),
    }));
}

/// Put an opened file's inputs in the form, then compare its stated figures.
fn opened(state: AppState, name: &str, inputs: Inputs, pending: file::Pending) {
    let previous = replace(state, inputs);
    let revision = state.revision();
    let import = LATEST_IMPORT.fetch_add(1, Ordering::Relaxed) + 1;
    let Some(text) = pending.text().map(str::to_string) else {
        // Bare inputs or a draft: no figures stated.
        return state.notice.set(Some(Notice {
            is_error: false,
            title: format!("已导入“{name}”。"),
            lines: Vec::new(),
        }));
    };
    state.notice.set(Some(Notice {
        is_error: false,
        title: checking_title(name),
        lines: Vec::new(),
    }));
    // The bureau catalog in force for the file's year, if one is loaded.
    let bureau = state.catalogs.with_untracked(|c| {
        state
            .inputs
            .with_untracked(|i| Choice::ByYear(c).for_year(i.unit.fiscal_year).bureau())
    });
    let name = name.to_string();
    web::after_paint(
        move || {
            leptos::task::spawn_local(async move {
                let answer = xlsx_client::import_findings(&text, bureau).await;
                compared(state, &name, answer, previous, (revision, import));
            })
        },
        COMPARE_WITHIN_MS,
    );
}

/// Counts the imports: whether an import's comparison is still the latest one.
static LATEST_IMPORT: AtomicU64 = AtomicU64::new(0);

/// The comparison after an import waits for an idle moment at most this long
/// after the rows are painted (ms).
const COMPARE_WITHIN_MS: f64 = 200.0;

fn checking_title(name: &str) -> String {
    format!("已导入“{name}”，正在核对文件中所列的数字……")
}

/// The end of an import: the worker's comparison of the figures the file
/// states with the recomputation from the file's own inputs (`revision`: the
/// inputs' revision right after the import; `import`: its number), said.
/// `previous`: the form before the import, put back if the comparison
/// refuses the file and nothing was typed since.
fn compared(
    state: AppState,
    name: &str,
    answer: Result<xlsx_client::Compared, String>,
    previous: Inputs,
    (revision, import): (u64, u64),
) {
    let unchanged = state.revision() == revision;
    // Only this import's notice is replaced (not that of a later import, nor
    // what the clerk did since, such as loading the sample).
    let ours = LATEST_IMPORT.load(Ordering::Relaxed) == import
        && state
            .notice
            .with_untracked(|n| n.as_ref().is_some_and(|n| n.title == checking_title(name)));
    let lines = |texts: Vec<String>| -> Vec<NoticeLine> {
        texts
            .into_iter()
            .map(|text| NoticeLine { text, path: None })
            .collect()
    };
    match answer {
        Ok(xlsx_client::Compared::Findings(found)) if ours => {
            let title = if found.is_empty() {
                format!("已导入“{name}”。")
            } else {
                format!(
                    "已导入“{name}”；文件中所列的以下数字与重新计算的结果不同，表格按重新计算显示："
                )
            };
            state.notice.set(Some(Notice {
                is_error: !found.is_empty(),
                title,
                lines: lines(found),
            }));
        }
        Ok(xlsx_client::Compared::Findings(_)) => {}
        Ok(xlsx_client::Compared::Refused(why)) if unchanged => {
            state.inputs.set(previous);
            refused(state, name, lines(why));
        }
        Ok(xlsx_client::Compared::Refused(why)) if ours => state.notice.set(Some(Notice {
            is_error: true,
            title: format!(
                "“{name}”不应被导入（原因如下），但表中内容已在核对前修改，未撤销导入："
            ),
            lines: lines(why),
        })),
        Err(e) if ours => state.notice.set(Some(Notice {
            is_error: true,
            title: format!("已导入“{name}”，但未能核对文件中所列的数字：{e}"),
            lines: Vec::new(),
        })),
        _ => {}
    }
}

fn problem_lines(e: &file::ImportError) -> Vec<NoticeLine> {
    e.problems()
        .into_iter()
        .map(|p| NoticeLine {
            text: p.to_string(),
            path: None,
        })
        .collect()
}

/// A refused file: the notice lists why (`lines`); the form is as it was.
fn refused(state: AppState, name: &str, lines: Vec<NoticeLine>) {
    state.notice.set(Some(Notice {
        is_error: true,
        title: format!("“{name}”未导入，当前填写内容未改变："),
        lines,
    }));
}

/// Read a picked or dropped file, then import it.
pub fn import_file(state: AppState, f: web_sys::File) {
    let name = f.name();
    if f.size() > file::MAX_FILE_BYTES as f64 {
        state.notice.set(Some(Notice {
            is_error: true,
            title: format!("“{name}”未导入：文件过大（上限 20 MB），不像是预算填报文件。"),
            lines: Vec::new(),
        }));
        return;
    }
    let owner = Owner::current();
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(f.array_buffer()).await {
            Ok(buf) => {
                let bytes = js_sys::Uint8Array::new(&buf).to_vec();
                // Under the caller's owner: the question before the
                // replacement reads the storage state from the context.
                match owner {
                    Some(owner) => owner.with(|| import_bytes(state, &name, bytes)),
                    None => import_bytes(state, &name, bytes),
                }
            }
            Err(_) => state.notice.set(Some(Notice {
                is_error: true,
                title: format!("“{name}”无法读取，当前填写内容未改变。"),
                lines: Vec::new(),
            })),
        }
    });
}

/// The download name: `<unit code>-<year>-budget.json`.
pub fn export_name(inputs: &Inputs) -> String {
    download_name(inputs, "unit", "budget")
}

/// The draft file's download name: `<unit code or 未命名>-<year>-draft.json`.
pub fn draft_name(inputs: &Inputs) -> String {
    download_name(inputs, "未命名", "draft")
}

/// `<unit code>-<year>-<kind>.json`, the code kept to letters, digits and
/// `-` (`unnamed` when nothing is left).
fn download_name(inputs: &Inputs, unnamed: &str, kind: &str) -> String {
    let code: String = inputs
        .unit
        .code
        .trim()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let code = if code.is_empty() {
        unnamed.to_string()
    } else {
        code
    };
    format!("{code}-{}-{kind}.json", inputs.unit.fiscal_year)
}

/// Why a file was not made, as the worker words it (`xlsx_client::file_text`).
#[derive(serde::Deserialize)]
struct Refused {
    title: String,
    lines: Vec<RefusedLine>,
}

/// One line of `Refused`: a finding (with the cell it jumps to) or a bad amount.
#[derive(serde::Deserialize)]
struct RefusedLine {
    text: String,
    path: Option<String>,
}

/// An error notice of one line.
fn failed(title: String) -> Notice {
    Notice {
        is_error: true,
        title,
        lines: Vec::new(),
    }
}

/// Make the submission (`kind` `submission`) or draft (`draft`) file of the
/// inputs as they are now in the worker (which derives and checks them),
/// then download it as `name` and show `done(name)`, or show why not.
fn save_file(
    state: AppState,
    kind: &'static str,
    name: String,
    done: impl FnOnce(&str) -> String + 'static,
) {
    let json = match state.inputs.with_untracked(file::json_lines) {
        Ok(json) => json,
        Err(e) if kind == "draft" => {
            return state
                .notice
                .set(Some(failed(format!("草稿文件无法生成：{e}"))));
        }
        Err(e) => return state.notice.set(Some(failed(format!("导出失败：{e}")))),
    };
    // The file holds the form as it is at the click, checked against the
    // catalogs in force then.
    let revision = state.revision();
    let bureau = untrack(|| state.in_force().bureau());
    let storage = StorageUi::get();
    leptos::task::spawn_local(async move {
        let notice = match xlsx_client::file_text(kind, json, &web::now_iso(), bureau).await {
            Ok(Ok(bytes)) => match web::download_bytes(&name, &bytes, "application/json") {
                Ok(()) => {
                    // The form as it was at the click is in that file.
                    storage.mark_kept(revision);
                    Notice {
                        is_error: false,
                        title: done(&name),
                        lines: Vec::new(),
                    }
                }
                Err(e) => failed(e),
            },
            Ok(Err(refused)) => match serde_json::from_str::<Refused>(&refused) {
                Ok(r) => Notice {
                    is_error: true,
                    title: r.title,
                    lines: r
                        .lines
                        .into_iter()
                        .map(|l| NoticeLine {
                            text: l.text,
                            path: l.path,
                        })
                        .collect(),
                },
                Err(e) => failed(format!("导出失败：{e}")),
            },
            Err(e) => failed(e),
        };
        state.notice.try_set(Some(notice));
    });
}

/// Save the draft file: always, whatever the findings (issue 28).
pub fn save_draft_file(state: AppState) {
    let name = state.inputs.with_untracked(draft_name);
    let (errors, _) = state.counts();
    save_file(state, "draft", name, move |name| {
        format!("已保存草稿文件“{name}”（含 {errors} 个错误，不能作为提交文件）。")
    });
}

/// Export the submission file, or list why not (each error leads to its cell).
pub fn export(state: AppState) {
    let name = state.inputs.with_untracked(export_name);
    save_file(state, "submission", name, |name| {
        format!("已导出“{name}”。")
    });
}

/// Export 情况说明, 表1–表10 and the project forms as XLSX (made by the XLSX worker).
pub fn export_xlsx(state: AppState, busy: RwSignal<bool>) {
    let prepared = state.inputs.with(|i| {
        // The export's serializer: the wasm keeps one serializer of the model.
        file::json_lines(i).map(|json| {
            let name = export_name(i);
            let stem = name.strip_suffix(".json").unwrap_or(&name);
            (format!("{stem}.xlsx"), json)
        })
    });
    let (name, json) = match prepared {
        Ok(p) => p,
        Err(e) => {
            state.notice.set(Some(Notice {
                is_error: true,
                title: format!("填报内容无法整理，未生成 Excel：{e}"),
                lines: Vec::new(),
            }));
            return;
        }
    };
    let (errors, _) = state.counts();
    // The workbook names codes as the page does: from the catalog in force.
    let bureau = untrack(|| state.in_force().bureau());
    busy.set(true);
    leptos::task::spawn_local(async move {
        let wan = state.wan_tables.get_untracked();
        let result = xlsx_client::export_xlsx(json, wan, bureau)
            .await
            .and_then(|bytes| {
                web::download_bytes(
                    &name,
                    &bytes,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                )
            });
        busy.set(false);
        let notice = match result {
            Ok(()) if errors > 0 => Notice {
                is_error: true,
                title: format!(
                    "已导出“{name}”，但审核还有 {errors} 项错误未改正，表中数字按当前填写生成。"
                ),
                lines: Vec::new(),
            },
            Ok(()) => Notice {
                is_error: false,
                title: format!("已导出“{name}”。"),
                lines: Vec::new(),
            },
            Err(e) => Notice {
                is_error: true,
                title: e,
                lines: Vec::new(),
            },
        };
        state.notice.set(Some(notice));
    });
}

/// The toolbar.
#[component]
pub fn Toolbar() -> impl IntoView {
    let state = AppState::get();
    let new_form = move |_| {
        let what = "新建将清空当前填写的全部内容。".to_string();
        storage::before_replace(state, what, move || {
            state.inputs.set(Inputs::default());
            state.undo.clear();
            state.notice.set(None);
        });
    };
    let drafts = DraftsUi::get();
    let xlsx_busy = RwSignal::new(false);
    let printing = RwSignal::new(false);
    let picked = move |ev: web_sys::Event| {
        if let Some(f) = web::picked_files(&ev).into_iter().next() {
            import_file(state, f);
        }
    };
    view! {
        <div class="toolbar" role="toolbar" aria-label="文件操作">
            {SAMPLES
                .iter()
                .enumerate()
                .map(|(k, s)| view! {
                    <button type="button" id=s.id on:click=move |_| load_sample(state, k)>
                        {s.label}
                    </button>
                })
                .collect_view()}
            <button type="button" id="btn-new" on:click=new_form>"新建"</button>
            <storage::NextYearButton />
            <label class="button" for="import-file">"导入…"</label>
            <input
                type="file"
                id="import-file"
                class="visually-hidden"
                accept=".json,application/json"
                on:change=picked
            />
            <button type="button" id="btn-export" on:click=move |_| export(state)>
                "导出提交文件"
            </button>
            <button
                type="button"
                id="btn-save-draft-file"
                on:click=move |_| save_draft_file(state)
            >
                "保存草稿文件"
            </button>
            <button type="button" id="btn-save-draft" on:click=move |_| storage::keep_now(state)>
                "保存为草稿"
            </button>
            <button type="button" id="btn-drafts" on:click=move |_| drafts.open_list()>"草稿列表"</button>
            <SheetImport />
            <crate::sections::audit::AuditDocument />
            <button
                type="button"
                id="btn-xlsx"
                disabled=move || xlsx_busy.get()
                on:click=move |_| export_xlsx(state, xlsx_busy)
            >
                {move || if xlsx_busy.get() { "正在生成 Excel…" } else { "导出 Excel" }}
            </button>
            <button type="button" id="btn-print" on:click=move |_| print::open(printing)>
                "打印 / 导出PDF"
            </button>
            <PrintView state printing />
            <storage::CatalogControls />
            <crate::undo::UndoBar />
            <span class="saved" id="saved-status" aria-live="polite">
                {move || state.saved_at.get().map(|t| format!("已保存 {t}"))}
            </span>
        </div>
    }
}
