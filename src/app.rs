//! The page: toolbar, banners, summary bar, section tabs, sections and the checks panel.

use leptos::prelude::*;

use crate::sections::charts::ChartsSection;
use crate::sections::checks::{ChecksPanel, go_to};
use crate::sections::economic::EconomicSection;
use crate::sections::narrative_inputs::NarrativeSection;
use crate::sections::overall::OverallSection;
use crate::sections::procurement::ProcurementSection;
use crate::sections::projects::ProjectsSection;
use crate::sections::report::ReportSection;
use crate::sections::rows::RowsSection;
use crate::sections::sangong::SanGongSection;
use crate::sections::summary::SummaryBar;
use crate::sections::tables::TablesSection;
use crate::sections::toolbar::{Toolbar, import_file};
use crate::sections::unit::UnitSection;
use crate::state::{AppState, Tab};
use crate::storage;
use crate::web;

/// The whole app, restoring the draft from localStorage and autosaving it.
#[component]
pub fn App() -> impl IntoView {
    let loaded = storage::load();
    let ui = storage::StorageUi::new(&loaded);
    // `?synthetic=N` (grid timing, tests/e2e/bench/) replaces the draft.
    #[cfg(feature = "test-hooks")]
    let initial = crate::hooks::synthetic_from_query().or(loaded.inputs);
    #[cfg(not(feature = "test-hooks"))]
    let initial = loaded.inputs;
    let state = AppState::new(initial.unwrap_or_default());
    state.storage_banner.set(loaded.problem);
    provide_context(state);
    provide_context(ui);
    provide_context(storage::DraftsUi::new());
    storage::start_tab_lock(state, ui);
    storage::autosave(state, ui);
    view! { <Page /> }
}

/// The page layout, over the state in context.
#[component]
pub fn Page() -> impl IntoView {
    let state = AppState::get();
    let ui = storage::StorageUi::get();
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        if let Some(f) = ev
            .data_transfer()
            .and_then(|dt| dt.files())
            .and_then(|l| l.get(0))
        {
            import_file(state, f);
        }
    };
    let tabs = Tab::ALL
        .into_iter()
        .map(|t| {
            view! {
                <button
                    type="button"
                    role="tab"
                    id=format!("tab-{}", t.slug())
                    aria-controls=format!("sec-{}", t.slug())
                    aria-selected=move || if state.tab.get() == t { "true" } else { "false" }
                    tabindex=move || if state.tab.get() == t { "0" } else { "-1" }
                    class:active=move || state.tab.get() == t
                    on:click=move |_| state.tab.set(t)
                >
                    {move || tab_label(state, t)}
                </button>
            }
        })
        .collect_view();
    // Arrow keys move between tabs (the WAI-ARIA tabs pattern).
    let tab_keys = move |ev: web_sys::KeyboardEvent| {
        let step: isize = match ev.key().as_str() {
            "ArrowDown" | "ArrowRight" => 1,
            "ArrowUp" | "ArrowLeft" => -1,
            _ => return,
        };
        ev.prevent_default();
        let now = Tab::ALL
            .iter()
            .position(|t| *t == state.tab.get_untracked())
            .unwrap_or(0);
        let n = Tab::ALL.len() as isize;
        let next = Tab::ALL[((now as isize + step).rem_euclid(n)) as usize];
        state.tab.set(next);
        web::focus_id(&format!("tab-{}", next.slug()));
    };
    // An input section is built the first time it is shown, then stays
    // mounted (hidden when not shown) so its fields and undo history persist.
    // A finding's link switches the tab first, and the section is built
    // before the focus (checks::go_to focuses on the next frame). Building
    // only the shown section keeps the start-up and a sample load from
    // rendering seven hidden forms.
    let panel = move |t: Tab, body: fn() -> AnyView| {
        let shown = Memo::new(move |was: Option<&bool>| {
            was.copied().unwrap_or(false) || state.tab.get() == t
        });
        view! {
            <section
                class="panel"
                id=format!("sec-{}", t.slug())
                role="tabpanel"
                aria-labelledby=format!("tab-{}", t.slug())
                hidden=move || state.tab.get() != t
            >
                {move || shown.get().then(body)}
            </section>
        }
    };
    view! {
        <div class="app" on:dragover=|ev: web_sys::DragEvent| ev.prevent_default() on:drop=on_drop>
            <header class="top">
                <h1>"部门预算公开填报"</h1>
                <Toolbar />
            </header>
            <storage::StorageBanner />
            <storage::ReplaceDialog />
            <storage::DraftsDialog />
            <NoticeView />
            <SummaryBar />
            <crate::sections::department::DepartmentView />
            // Read-only while another tab edits the same draft (see storage/lock.rs).
            <div class="layout" inert=move || ui.other_tab.get()>
                // A landmark holding the tab list: `role="tablist"` on the
                // <nav> itself took its landmark role away (axe: region).
                <nav class="tabs-nav" aria-label="填报栏目">
                    <div class="tabs" role="tablist" aria-label="填报栏目" on:keydown=tab_keys>{tabs}</div>
                </nav>
                <main class="content">
                    {panel(Tab::Unit, || view! { <UnitSection /> }.into_any())}
                    {panel(Tab::Rows, || view! { <RowsSection /> }.into_any())}
                    {panel(Tab::Economic, || view! { <EconomicSection /> }.into_any())}
                    {panel(Tab::SanGong, || view! { <SanGongSection /> }.into_any())}
                    {panel(Tab::Procurement, || view! { <ProcurementSection /> }.into_any())}
                    {panel(Tab::Overall, || view! { <OverallSection /> }.into_any())}
                    {panel(Tab::Projects, || view! { <ProjectsSection /> }.into_any())}
                    {panel(Tab::Narrative, || view! {
                        <NarrativeSection />
                        <crate::sections::disclosure::DisclosureSection />
                    }.into_any())}
                    <Show when=move || state.tab.get() == Tab::Tables>
                        <section class="panel" id="sec-tables" role="tabpanel" aria-labelledby="tab-tables">
                            <TablesSection />
                        </section>
                    </Show>
                    <Show when=move || state.tab.get() == Tab::Report>
                        <section class="panel" id="sec-report" role="tabpanel" aria-labelledby="tab-report">
                            <ReportSection />
                        </section>
                    </Show>
                    <Show when=move || state.tab.get() == Tab::Charts>
                        <section class="panel" id="sec-charts" role="tabpanel" aria-labelledby="tab-charts">
                            <ChartsSection />
                        </section>
                    </Show>
                </main>
                <ChecksPanel />
            </div>
        </div>
    }
}

/// The import/export message, with links to the cells it names.
#[component]
fn NoticeView() -> impl IntoView {
    let state = AppState::get();
    move || {
        state.notice.get().map(|n| {
            let lines = n
                .lines
                .into_iter()
                .map(|l| match l.path {
                    Some(p) => view! {
                        <li>
                            <button type="button" class="link" on:click=move |_| go_to(state, &p)>{l.text}</button>
                        </li>
                    }
                    .into_any(),
                    None => view! { <li>{l.text}</li> }.into_any(),
                })
                .collect_view();
            view! {
                <div class=if n.is_error { "notice error" } else { "notice ok" } role="alert" id="notice">
                    <p>{n.title}</p>
                    <ul>{lines}</ul>
                    <button type="button" class="close" aria-label="关闭消息" on:click=move |_| state.notice.set(None)>
                        "×"
                    </button>
                </div>
            }
        })
    }
}

/// A tab's label; the tables' says how many tables the form's template has.
fn tab_label(state: AppState, t: Tab) -> String {
    match t {
        Tab::Tables => {
            let n = state
                .inputs
                .with(|i| budget_core::template::of(i).tables.len());
            format!("公开表格（表1–表{n}）")
        }
        _ => t.label().to_string(),
    }
}
