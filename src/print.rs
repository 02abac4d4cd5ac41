//! The print view: 情况说明, then 表1–表10 and the project forms, one per A4 page,
//! in the published layout (style/print.css), in 元 or in 万元 as the tables view
//! shows them (`AppState::wan_tables`), then the 图表 page. Everything shown
//! comes from `budget_core::Derived` and `budget_core::wan` (titles, merged
//! headers, figures); the 图表 page is the worker's markup (sections/charts.rs).
//!
//! It is a full-page layer mounted on `<body>` (a portal), so the print
//! stylesheet can hide the whole editor while it is open.

use budget_core::Derived;
use budget_core::table::Table;
use leptos::portal::Portal;
use leptos::prelude::*;

use crate::sections::tables::{Shown, UnitSwitch, head_and_body, notes};
use crate::state::AppState;

/// Tables at least this many columns wide are printed on a landscape page.
const LANDSCAPE_FROM_COLUMNS: usize = 7;

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
    /// Set by `open`: the print dialog is to open once the view is drawn,
    /// its 图表 page included (the worker draws it: see `charts_page`).
    static PRINT_WHEN_DRAWN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Open the print view, then the browser's print dialog once it is drawn.
pub fn open(printing: RwSignal<bool>) {
    PRINT_WHEN_DRAWN.set(true);
    printing.set(true);
    body_class(true);
}

/// The print view is drawn, its 图表 page too (or why not): open the print
/// dialog if `open` asked for it. Let the view render before the (blocking)
/// print dialog opens; keyboard focus goes to the layer (Escape or 返回编辑
/// closes it).
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

/// Close the print view and return to the form.
pub fn close(printing: RwSignal<bool>) {
    PRINT_WHEN_DRAWN.set(false);
    printing.set(false);
    body_class(false);
}

/// One table on its own page, in 元 or in 万元 as on screen.
fn table_page(t: &Table, wan: bool) -> impl IntoView + use<> {
    let wide = t.columns() >= LANDSCAPE_FROM_COLUMNS;
    let shown = Shown::of(t, wan);
    let parts = head_and_body(&shown);
    let s = shown.table();
    view! {
        <section class="p-sheet" class:wide=wide class:wan=wan id=format!("print-{}", t.id)>
            <div class="p-num">{s.number.clone()}</div>
            <h2 class="p-title">{s.title.clone()}</h2>
            <div class="p-unit">{s.unit.clone()}</div>
            <table class="p-table">{parts}</table>
            {notes(&shown, "p-note")}
        </section>
    }
}

/// The whole document: narrative first, then every table.
fn document(d: &Derived, wan: bool) -> impl IntoView + use<> {
    let n = &d.narrative;
    let title = if n.title.is_empty() {
        "情况说明".to_string()
    } else {
        n.title.clone()
    };
    let sections = n
        .sections
        .iter()
        .map(|s| {
            let paras = s
                .paragraphs
                .iter()
                .map(|p| view! { <p>{p.clone()}</p> })
                .collect_view();
            view! {
                <h2>{s.heading.clone()}</h2>
                {paras}
            }
        })
        .collect_view();
    let contact =
        (!n.contact.is_empty()).then(|| view! { <p class="contact">{n.contact.clone()}</p> });
    let tables = d
        .tables
        .iter()
        .chain(d.project_tables.iter())
        .map(|t| table_page(t, wan))
        .collect_view();
    view! {
        <section class="p-sheet narrative" id="print-narrative">
            <h1>{title}</h1>
            {sections}
            {contact}
        </section>
        {tables}
    }
}

/// The 图表 page after the tables, once the worker has drawn it (see
/// sections/charts.rs); the print dialog `open` asked for waits for it.
fn charts_page() -> impl IntoView {
    use crate::sections::charts;
    let (markup, failed) = charts::follow("print-");
    Effect::new(move |_| {
        if markup.with(Option::is_some) || failed.with(Option::is_some) {
            drawn();
        }
    });
    view! {
        {charts::failure(failed)}
        {move || {
            markup
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
    }
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
                <div class="print-doc" id="print-doc" on:keydown=on_key>
                    <div class="print-bar" role="toolbar" aria-label="打印预览">
                        <span class="print-hint">"打印预览：每张表单独一页（宽表横向），打印时可选择“另存为 PDF”。"</span>
                        <UnitSwitch prefix="print-unit" />
                        <button type="button" id="btn-print-now" on:click=move |_| print_now()>
                            "打印 / 存为 PDF"
                        </button>
                        <button type="button" id="btn-print-close" on:click=move |_| close(printing)>
                            "返回编辑"
                        </button>
                    </div>
                    {move || {
                        let wan = state.wan_tables.get();
                        state.derived.with(|d| document(d, wan))
                    }}
                    {charts_page()}
                </div>
            </Portal>
        </Show>
    }
}
