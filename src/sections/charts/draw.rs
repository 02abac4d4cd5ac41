//! SVG drawings of `budget_core::charts` figures: horizontal bars, paired bars
//! and a 100% stacked bar. Lengths come from the core (‰ of the longest bar
//! or of the whole); this module only turns them into whole-unit coordinates
//! (integers: no float formatting in the wasm).
//!
//! Every chart is a `<figure>`: a visible caption, an `<svg role="img">` named
//! by its `<title>` and `<desc>`, and the same figures as a visually hidden
//! table for screen readers.

use budget_core::amount::format_wan;
use budget_core::charts::{Bar, Pair, Share};
use leptos::prelude::*;
use rust_decimal::Decimal;

/// Width of the drawing (the SVG scales to its box, keeping proportions).
const WIDTH: u32 = 720;
/// Width kept left of the bars for their labels.
const LABEL: u32 = 210;
/// Width kept right of the longest bar for its figure (and a change).
const TAIL: u32 = 170;
/// Height of one bar.
const BAR: u32 = 18;
/// Vertical space per bar.
const ROW: u32 = 28;

/// `permille` ‰ of `span` units.
fn part(permille: u32, span: u32) -> u32 {
    permille.min(1000) * span / 1000
}

/// Length of a bar of `permille` ‰ of the plot width.
fn length(permille: u32) -> u32 {
    part(permille, WIDTH - LABEL - TAIL)
}

/// Vertical position of item `i` (`per` units each, after `top`).
fn at(i: usize, per: u32, top: u32) -> u32 {
    top + per * u32::try_from(i).unwrap_or(0)
}

/// Height of `n` items (at least one) of `per` units, plus `extra`.
fn span(n: usize, per: u32, extra: u32) -> u32 {
    per * u32::try_from(n.max(1)).unwrap_or(1) + extra
}

/// 万元 figure (四舍五入, trailing zeros dropped).
fn wan(v: Decimal) -> String {
    format_wan(v)
}

/// A change in 万元 with its sign (`+1.5`, `-285.44`, `0`).
pub fn signed_wan(v: Decimal) -> String {
    if v > Decimal::ZERO {
        format!("+{}", wan(v))
    } else {
        wan(v)
    }
}

/// The parts every chart shares: caption, named SVG and hidden table.
fn figure(
    id: String,
    title: &'static str,
    desc: String,
    height: u32,
    svg_body: AnyView,
    table: AnyView,
) -> impl IntoView + use<> {
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    view! {
        <figure class="chart" id=id>
            <figcaption class="chart-title">{title}</figcaption>
            <svg
                class="chart-svg"
                role="img"
                aria-labelledby=labelled_by
                viewBox=format!("0 0 {WIDTH} {height}")
                preserveAspectRatio="xMinYMin meet"
            >
                <title id=title_id>{title}</title>
                <desc id=desc_id>{desc}</desc>
                {svg_body}
            </svg>
            <table class="visually-hidden chart-data">
                <caption>{format!("{title}（单位：万元）")}</caption>
                {table}
            </table>
        </figure>
    }
}

/// Sorted horizontal bars, each with its figure in 万元.
pub fn bars(id: String, title: &'static str, items: &[Bar]) -> impl IntoView + use<> {
    let height = span(items.len(), ROW, 8);
    let desc = if items.is_empty() {
        "暂无数据。".to_string()
    } else {
        let parts: Vec<String> = items
            .iter()
            .map(|b| format!("{}{}万元", b.label, wan(b.value)))
            .collect();
        format!("单位：万元。{}。", parts.join("，"))
    };
    let body = items
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let y = at(i, ROW, 4);
            let len = length(b.permille);
            view! {
                <g class="bar">
                    <text class="label" x=LABEL - 8 y=y + BAR - 4 text-anchor="end">{b.label.clone()}</text>
                    <rect class="b-this" x=LABEL y=y width=len height=BAR />
                    <text class="value" x=LABEL + len + 6 y=y + BAR - 4>{wan(b.value)}</text>
                </g>
            }
        })
        .collect_view();
    let rows = items
        .iter()
        .map(|b| {
            view! {
                <tr>
                    <th scope="row">{b.label.clone()}</th>
                    <td>{wan(b.value)}</td>
                </tr>
            }
        })
        .collect_view();
    let table = view! {
        <thead>
            <tr>
                <th scope="col">"项目"</th>
                <th scope="col">"金额"</th>
            </tr>
        </thead>
        <tbody>{rows}</tbody>
    };
    figure(id, title, desc, height, body.into_any(), table.into_any())
}

/// This year and last year side by side per item, with the change.
pub fn pairs(id: String, title: &'static str, items: &[Pair]) -> impl IntoView + use<> {
    let per = 2 * BAR + 14;
    let legend = 24;
    let height = span(items.len(), per, legend);
    let desc = if items.is_empty() {
        "暂无数据。".to_string()
    } else {
        let parts: Vec<String> = items
            .iter()
            .map(|p| {
                format!(
                    "{}本年{}万元、上年{}万元、增减{}万元",
                    p.label,
                    wan(p.this_year.value),
                    wan(p.last_year.value),
                    signed_wan(p.change)
                )
            })
            .collect();
        format!("单位：万元。{}。", parts.join("；"))
    };
    let body = items
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let y = at(i, per, legend);
            let (this, last) = (length(p.this_year.permille), length(p.last_year.permille));
            let far = LABEL + this.max(last);
            let (down, up) = (p.change < Decimal::ZERO, p.change > Decimal::ZERO);
            view! {
                <g class="pair">
                    <text class="label" x=LABEL - 8 y=y + BAR + 4 text-anchor="end">{p.label.clone()}</text>
                    <rect class="b-this" x=LABEL y=y width=this height=BAR />
                    <text class="value" x=LABEL + this + 6 y=y + BAR - 4>{wan(p.this_year.value)}</text>
                    <rect class="b-last" x=LABEL y=y + BAR width=last height=BAR />
                    <text class="value" x=LABEL + last + 6 y=y + 2 * BAR - 4>{wan(p.last_year.value)}</text>
                    <text
                        class="change"
                        class:down=down
                        class:up=up
                        x=far + 70
                        y=y + BAR + 4
                    >
                        {format!("增减 {}", signed_wan(p.change))}
                    </text>
                </g>
            }
        })
        .collect_view();
    let key = view! {
        <g class="legend">
            <rect class="b-this" x=LABEL y=4 width=14 height=12 />
            <text x=LABEL + 20 y=15>"本年"</text>
            <rect class="b-last" x=LABEL + 70 y=4 width=14 height=12 />
            <text x=LABEL + 90 y=15>"上年"</text>
        </g>
    };
    let rows = items
        .iter()
        .map(|p| {
            view! {
                <tr>
                    <th scope="row">{p.label.clone()}</th>
                    <td>{wan(p.this_year.value)}</td>
                    <td>{wan(p.last_year.value)}</td>
                    <td>{signed_wan(p.change)}</td>
                </tr>
            }
        })
        .collect_view();
    let table = view! {
        <thead>
            <tr>
                <th scope="col">"项目"</th>
                <th scope="col">"本年"</th>
                <th scope="col">"上年"</th>
                <th scope="col">"增减"</th>
            </tr>
        </thead>
        <tbody>{rows}</tbody>
    };
    figure(
        id,
        title,
        desc,
        height,
        view! { {key} {body} }.into_any(),
        table.into_any(),
    )
}

/// A whole as one bar split into its parts, each with its figure and share.
pub fn shares(id: String, title: &'static str, parts: &[Share]) -> impl IntoView + use<> {
    let plot = WIDTH - 16;
    let height = 64;
    let desc = {
        let p: Vec<String> = parts
            .iter()
            .map(|s| format!("{}{}万元，占{}%", s.label, wan(s.value), s.percent))
            .collect();
        format!("单位：万元。{}。", p.join("；"))
    };
    // Each part starts where the previous ended: a running offset of widths.
    let mut x = 8;
    let body = parts
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let w = part(s.permille, plot);
            let left = x;
            x += w;
            let key_x = at(i, plot / 2, 8);
            view! {
                <g class="share">
                    <rect class=format!("s-{i}") x=left y=6 width=w height=22 />
                    <rect class=format!("s-{i}") x=key_x y=38 width=14 height=14 />
                    <text x=key_x + 20 y=50>
                        {format!("{} {}万元（{}%）", s.label, wan(s.value), s.percent)}
                    </text>
                </g>
            }
        })
        .collect_view();
    let rows = parts
        .iter()
        .map(|s| {
            view! {
                <tr>
                    <th scope="row">{s.label}</th>
                    <td>{wan(s.value)}</td>
                    <td>{format!("{}%", s.percent)}</td>
                </tr>
            }
        })
        .collect_view();
    let table = view! {
        <thead>
            <tr>
                <th scope="col">"项目"</th>
                <th scope="col">"金额"</th>
                <th scope="col">"占比"</th>
            </tr>
        </thead>
        <tbody>{rows}</tbody>
    };
    figure(id, title, desc, height, body.into_any(), table.into_any())
}
