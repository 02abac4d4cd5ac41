//! The grid component: its tool buttons, the scroll box that takes keys,
//! clipboard events and scrolling, the table (column widths, frozen header and
//! columns, the body of `body.rs`, the totals row) and the status line.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, HtmlElement, KeyboardEvent};

use super::body::{Window, body};
use super::column::Kind;
use super::controller::{Ctl, Mode};
use super::dom::document;
use super::model::{Meta, Model, split};
use super::spec::{GridSpec, Row};
use crate::state::AppState;

/// Width in pixels of a column of this kind.
///
/// 预算明细's columns add up to 898 px (row number and 删除 included), so the
/// whole grid, 上年预算数 included, shows without a sideways scroll in a
/// 1366 px window (the width of most office laptops), where the grid gets
/// 900 px (style/main.css narrows the checks panel below 1500 px): a 7-digit
/// code, an amount up to 99,999,999.99 and the longer 收入来源 labels fit; a
/// long 科目名称 is cut at the cell's edge (its full name is the row's
/// accessible name and in 表2).
fn width(kind: Kind) -> u32 {
    match kind {
        Kind::Code(_) => 96,
        Kind::Name(_) => 170,
        Kind::Choice(_) => 140,
        Kind::Amount => 124,
        Kind::Text => 170,
        // 一级/二级指标: 8 characters (生态环境成本指标) and the list's arrow fit.
        Kind::Suggest(_) => 140,
    }
}
const ROWNUM_W: u32 = 48;
/// How much wider than its width a derived name column may grow (to 320 px:
/// 机关事业单位基本养老保险缴费支出, 16 characters, fits).
const NAME_GROWTH: u32 = 150;
const ACTION_W: u32 = 56;

/// The grid: tool buttons, the scrolling table, the status line.
#[component]
pub fn Grid<T: Row>(
    /// What the grid shows.
    spec: GridSpec<T>,
) -> impl IntoView {
    let state = AppState::get();
    let (meta, model) = split(spec, state.undo, Signal::derive(move || state.in_force()));
    grid_view(Arc::new(meta), model)
}

/// The body of `Grid`, compiled once for every row type.
fn grid_view(spec: Arc<Meta>, model: Arc<dyn Model>) -> AnyView {
    let state = AppState::get();
    // The row count as an input slice, not a memo over the inputs: a memo
    // is marked dirty on every edit and Leptos then walks everything
    // downstream of it (the window, each row's index, each cell) before it
    // knows the count did not change; a slice notifies only when it does.
    let len = {
        let model = model.clone();
        state.input_slice(move |i| model.len(i))
    };
    let ctl = Ctl {
        spec: StoredValue::new(spec.clone()),
        model: StoredValue::new(model),
        state,
        active: RwSignal::new((0, 0)),
        anchor: RwSignal::new((0, 0)),
        all: RwSignal::new(false),
        mode: RwSignal::new(Mode::Nav),
        origin: StoredValue::new(None),
        pending: StoredValue::new(None),
        status: RwSignal::new(String::new()),
        scroll: RwSignal::new(0.0),
        view_h: RwSignal::new(600.0),
        picker: RwSignal::new(None),
        len,
    };
    // Findings lead to cells of rows outside the rendered window too.
    let scroller_id = format!("grid-{}", spec.id);
    let reveal_key = super::reveal::register(spec.path.clone(), move |row, field| {
        let len = ctl.len.get_untracked();
        if len == 0 {
            // An empty grid: focus it; it takes a paste, and typing goes to
            // its blank row.
            return document()
                .and_then(|d| d.get_element_by_id(&scroller_id))
                .and_then(|e| e.dyn_into::<HtmlElement>().ok())
                .is_some_and(|e| e.focus().is_ok());
        }
        if row >= len {
            return false;
        }
        let col = ctl
            .spec
            .with_value(|s| {
                s.columns
                    .iter()
                    .position(|c| !field.is_empty() && c.key == field)
            })
            .unwrap_or(0);
        ctl.go((row, col), false);
        true
    });
    on_cleanup(move || super::reveal::unregister(reveal_key));
    let grid_id = format!("grid-{}", spec.id);
    let window = Window::new(ctl);
    let stats = Memo::new(move |_| {
        let n = len.get();
        let sel = ctl.sel();
        if !sel.is_range(n, ctl.ncols()) {
            return None;
        }
        let (t, l, b, r) = sel.rect(n, ctl.ncols());
        let m = ctl.model();
        let line = state.inputs.with(|i| m.stats(i, (t, l, b, r)));
        Some(format!("已选 {} 行 × {} 列　{line}", b + 1 - t, r + 1 - l))
    });

    // Column geometry: widths, and the left offsets of the frozen columns.
    let widths: Vec<u32> = spec.columns.iter().map(|c| width(c.kind)).collect();
    let total_w: u32 = ROWNUM_W + widths.iter().sum::<u32>() + ACTION_W;
    let mut lefts = Vec::new();
    let mut x = ROWNUM_W;
    for (k, w) in widths.iter().enumerate() {
        lefts.push((k < spec.frozen).then_some(x));
        x += w;
    }
    let lefts = Arc::new(lefts);
    // A grid with a derived name column (科目名称) takes the width it is
    // given, up to NAME_GROWTH more than its columns' widths: the name column,
    // left without a width, takes what the others do not, so a long name is
    // cut only in a narrow window. Other grids keep their columns' widths.
    let flex = spec
        .columns
        .iter()
        .position(|c| matches!(c.kind, Kind::Name(_)));
    let table_w = match flex {
        Some(_) => format!(
            "width:clamp({total_w}px, 100%, {}px)",
            total_w + NAME_GROWTH
        ),
        None => format!("width:{total_w}px"),
    };
    let cols_view = widths
        .iter()
        .enumerate()
        .map(|(k, w)| {
            let style = (flex != Some(k)).then(|| format!("width:{w}px"));
            view! { <col style=style /> }
        })
        .collect_view();
    let headers = spec
        .columns
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let style = lefts[k].map(|x| format!("left:{x}px"));
            let class = if lefts[k].is_some() { "frozen" } else { "" };
            view! { <th scope="col" role="columnheader" aria-colindex=k + 2 class=class style=style>{c.header}</th> }
        })
        .collect_view();
    let totals_spec = spec.clone();
    let totals_lefts = lefts.clone();
    // The totals row is built once; an edit changes only the texts of the
    // totals that moved (rebuilding the row re-set every cell's attributes).
    let totals = totals_spec.totals.map(|of| {
        let texts = Memo::new(move |_| state.totals.with(of));
        totals_spec
            .columns
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let t = move || texts.with(|t| t.get(k).cloned().flatten().unwrap_or_default());
                let num = c.kind == Kind::Amount;
                let style = totals_lefts[k].map(|x| format!("left:{x}px"));
                let class = match (num, totals_lefts[k].is_some()) {
                    (true, _) => "num",
                    (false, true) => "frozen",
                    _ => "",
                };
                view! { <td class=class style=style aria-colindex=k + 2>{t}</td> }
            })
            .collect_view()
    });
    let has_totals = totals.is_some();
    let ncols = spec.columns.len();
    let label = spec.label.clone();
    let empty_label = label.clone();
    let tools_label = format!("{label} 行操作");
    let add_label = spec.add_label;
    let has_sort = spec.has_sort;
    let row_lefts = lefts.clone();
    let on_scroll = move |ev: web_sys::Event| {
        if let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            window.scrolled(ctl, &el);
        }
    };
    let add = move |_| {
        let n = ctl.len.get_untracked();
        ctl.run("添加行", ctl.model().insert(n, 1));
        ctl.go((n, 0), false);
    };
    let live_id = format!("{grid_id}-status");
    // The offered values of each suggesting column, once per grid.
    let lists = spec
        .columns
        .iter()
        .enumerate()
        .filter_map(|(k, c)| match c.kind {
            Kind::Suggest(values) => Some(view! {
                <datalist id=list_id(&spec.id, k)>
                    {values.iter().map(|v| view! { <option value=*v></option> }).collect_view()}
                </datalist>
            }),
            _ => None,
        })
        .collect_view();
    view! {
        <div class="grid-tools" role="toolbar" aria-label=tools_label>
            <button type="button" on:click=move |_| ctl.insert(false) title="Ctrl+Alt+=">"上方插入行"</button>
            <button type="button" on:click=move |_| ctl.insert(true)>"下方插入行"</button>
            <button type="button" on:click=move |_| {
                let (t, _, b, _) = ctl.selection();
                ctl.delete_rows(t, b);
            } title="Ctrl+Alt+-">"删除所选行"</button>
            <button type="button" on:click=move |_| ctl.fill_down() title="Ctrl+D">"向下填充"</button>
            {has_sort.then(|| view! { <button type="button" on:click=move |_| ctl.sort()>"按编码排序"</button> })}
            <button type="button" on:click=move |_| ctl.undo(false) title="Ctrl+Z">"撤销"</button>
            <button type="button" on:click=move |_| ctl.undo(true) title="Ctrl+Y">"重做"</button>
        </div>
        <div
            class="grid-scroll"
            id=grid_id.clone()
            tabindex=move || (len.get() == 0).then_some("0")
            aria-label=move || (len.get() == 0).then(|| format!("{empty_label}（空，可粘贴 Ctrl+V）"))
            on:scroll=on_scroll
            on:keydown=move |ev: KeyboardEvent| ctl.key(&ev)
            on:copy=move |ev: ClipboardEvent| ctl.on_copy(&ev)
            on:cut=move |ev: ClipboardEvent| ctl.on_cut(&ev)
            on:paste=move |ev: ClipboardEvent| ctl.on_paste(&ev)
            on:focusout=move |ev: web_sys::FocusEvent| {
                let inside = ev
                    .related_target()
                    .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                    .zip(ev.current_target().and_then(|t| t.dyn_into::<web_sys::Node>().ok()))
                    .is_some_and(|(to, grid)| grid.contains(Some(&to)));
                if !inside {
                    ctl.commit();
                }
            }
        >
            <table
                class="grid sheet"
                role="grid"
                aria-label=label
                aria-rowcount=move || len.get() + 1 + usize::from(has_totals)
                aria-colcount=ncols + 2
                aria-describedby=live_id.clone()
                style=table_w
            >
                <colgroup>
                    <col style=format!("width:{ROWNUM_W}px") />
                    {cols_view}
                    <col style=format!("width:{ACTION_W}px") />
                </colgroup>
                <thead>
                    <tr role="row" aria-rowindex="1">
                        <th scope="col" class="frozen rownum" style="left:0" aria-colindex="1">"行"</th>
                        {headers}
                        <th scope="col" aria-colindex=ncols + 2>"操作"</th>
                    </tr>
                </thead>
                {body(ctl, window, row_lefts)}
                {totals.map(|totals| view! {
                    <tfoot>
                        <tr class="totals" role="row" aria-rowindex=move || len.get() + 2>
                            <th scope="row" class="frozen rownum" style="left:0">"合计"</th>
                            {totals}
                            <td></td>
                        </tr>
                    </tfoot>
                })}
            </table>
        </div>
        <p class="grid-status" id=live_id aria-live="polite">
            {move || stats.get().unwrap_or_default()}
            " "
            {move || ctl.status.get()}
        </p>
        <button type="button" class="add" on:click=add>{add_label}</button>
        {lists}
    }
    .into_any()
}

/// The id of the `<datalist>` of column `k` of grid `grid` (a `Kind::Suggest` column).
pub(super) fn list_id(grid: &str, k: usize) -> String {
    format!("grid-{grid}-list-{k}")
}
