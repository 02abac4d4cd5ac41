//! The print view: 情况说明, then 表1–表10 and the project forms, one per A4 page,
//! in the published layout (style/print.css), in 元 or in 万元 as the tables view
//! shows them (`AppState::wan_tables`), then the 图表 page. The narrative and
//! the tables (`budget_core::derive`, `budget_core::wan`) are the worker's
//! markup (crates/xlsx-worker, `views`), as the 图表 page is
//! (sections/charts.rs): the page's wasm carries none of them.
//!
//! It is a full-page layer mounted on `<body>` (a portal), so the print
//! stylesheet can hide the whole editor while it is open.

use leptos::portal::Portal;
use leptos::prelude::*;

use crate::sections::charts::{self, Followed};
use crate::sections::tables::UnitSwitch;
use crate::state::AppState;
use crate::xlsx_client;

/// Class on `<body>` while the print view is open.
const BODY_CLASS: &str = "printing";

fn body_class(on: bool) {
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let list = body.class_list();
        let _ = if on {
            list.add_1(BODY_CLASS)
        } else {
            list.remove_1(BODY_CLASS)
        };
    }
}

/// Ask the browser to print (its dialog also saves as PDF).
fn print_now() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

thread_local! {
    /// Set by `open` (or 打印 before the document is there): the print
    /// dialog is to open once the view is drawn, its document and 图表 page
    /// included (the worker draws both: see `drawn`).
    static PRINT_WHEN_DRAWN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Open the print view, then the browser's print dialog once it is drawn.
pub fn open(printing: RwSignal<bool>) {
    PRINT_WHEN_DRAWN.set(true);
    printing.set(true);
    body_class(true);
}

/// The print view is drawn, its document and 图表 page too (or why not):
/// open the print dialog if asked for. Let the view render before the
/// (blocking) print dialog opens; keyboard focus goes to the layer (Escape or
/// 返回编辑 closes it).
fn drawn() {
    if !PRINT_WHEN_DRAWN.replace(false) {
        return;
    }
    set_timeout(
        || {
            crate::web::focus_id("btn-print-close");
            print_now();
        },
        std::time::Duration::from_millis(50),
    );
}

/// 打印 in the print bar: at once when the document is drawn, else once it is.
fn print_when_drawn(ready: Memo<bool>) {
    if ready.get_untracked() {
        print_now();
    } else {
        PRINT_WHEN_DRAWN.set(true);
    }
}

/// Close the print view and return to the form.
pub fn close(printing: RwSignal<bool>) {
    PRINT_WHEN_DRAWN.set(false);
    printing.set(false);
    body_class(false);
}

/// The narrative and every table as the worker draws them, in 元 or in 万元
/// as the unit switch says (see sections/tables.rs).
fn document(state: AppState) -> (Followed, impl IntoView) {
    let shown = charts::follow("打印文档", move |json, bureau| {
        let wan = state.wan_tables.get();
        xlsx_client::view_html("print", json, wan, bureau)
    });
    let view = view! {
        {charts::pending(shown)}
        {charts::failure(shown.failed)}
        {move || shown.markup.get().map(|html| view! { <div class="print-pages" inner_html=html></div> })}
    };
    (shown, view)
}

/// The 图表 page after the tables, once the worker has drawn it (see
/// sections/charts.rs).
fn charts_page() -> (Followed, impl IntoView) {
    let shown = charts::follow("图表", |json, bureau| {
        xlsx_client::charts_html(json, "print-", bureau)
    });
    let view = view! {
        {charts::failure(shown.failed)}
        {move || {
            shown
                .markup
                .get()
                .map(|html| {
                    view! {
                        <section class="p-sheet p-charts" id="print-charts">
                            <h2 class="p-title">"图表"</h2>
                            <div class="p-unit">"单位：万元"</div>
                            <div class="charts" inner_html=html></div>
                        </section>
                    }
                })
        }}
    };
    (shown, view)
}

/// The print layer's pages: the document, then the 图表; the print dialog
/// waits for both (`drawn`), and so does 打印 in the bar.
fn pages(state: AppState) -> (Memo<bool>, impl IntoView) {
    let (doc, doc_view) = document(state);
    let (charts, charts_view) = charts_page();
    let ready = Memo::new(move |_| doc.settled() && charts.settled());
    Effect::new(move |_| {
        if ready.get() {
            drawn();
        }
    });
    (ready, view! { {doc_view} {charts_view} })
}

/// The print layer, shown while `printing` is set.
#[component]
pub fn PrintView(state: AppState, printing: RwSignal<bool>) -> impl IntoView {
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" {
            close(printing);
        }
    };
    view! {
        <Show when=move || printing.get()>
            <Portal>
                {
                    let (ready, pages) = pages(state);
                    view! {
                <div class="print-doc" id="print-doc" on:keydown=on_key>
                    <div class="print-bar" role="toolbar" aria-label="打印预览">
                        <span class="print-hint">"打印预览：每张表单独一页（宽表横向），打印时可选择“另存为 PDF”。"</span>
                        <UnitSwitch prefix="print-unit" />
                        <button type="button" id="btn-print-now" on:click=move |_| print_when_drawn(ready)>
                            "打印 / 存为 PDF"
                        </button>
                        <button type="button" id="btn-print-close" on:click=move |_| close(printing)>
                            "返回编辑"
                        </button>
                    </div>
                    {pages}
                </div>
                    }
                }
            </Portal>
        </Show>
    }
}
