//! SVG drawings of `budget_core::charts` figures: horizontal bars, paired bars
//! and a 100% stacked bar. Lengths come from the core (‰ of the longest bar,
//! percent of the whole); this module only turns them into coordinates.
//!
//! Every chart is a `<figure>`: a visible caption, an `<svg role="img">` named
//! by its `<title>` and `<desc>`, and the same figures as a visually hidden
//! table for screen readers.

use budget_core::amount::format_wan;
use budget_core::charts::{Bar, Pair, Share};
use leptos::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// Width of the drawing (the SVG scales to its box, keeping proportions).
const WIDTH: f64 = 720.0;
/// Width kept left of the bars for their labels.
const LABEL: f64 = 210.0;
/// Width kept right of the longest bar for its figure (and a change).
const TAIL: f64 = 170.0;
/// Height of one bar.
const BAR: f64 = 18.0;
/// Vertical space per bar.
const ROW: f64 = 28.0;

/// Length of a bar of `permille` ‰ of the plot width.
fn length(permille: u32) -> f64 {
    f64::from(permille) * (WIDTH - LABEL - TAIL) / 1000.0
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
    height: f64,
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
    let height = ROW * items.len().max(1) as f64 + 8.0;
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
            let y = ROW * i as f64 + 4.0;
            let len = length(b.permille);
            view! {
                <g class="bar">
                    <text class="label" x=LABEL - 8.0 y=y + BAR - 4.0 text-anchor="end">{b.label.clone()}</text>
                    <rect class="b-this" x=LABEL y=y width=len height=BAR />
                    <text class="value" x=LABEL + len + 6.0 y=y + BAR - 4.0>{wan(b.value)}</text>
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
    let per = 2.0 * BAR + 14.0;
    let legend = 24.0;
    let height = legend + per * items.len().max(1) as f64;
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
            let y = legend + per * i as f64;
            let (this, last) = (length(p.this_year.permille), length(p.last_year.permille));
            let far = LABEL + this.max(last);
            let (down, up) = (p.change < Decimal::ZERO, p.change > Decimal::ZERO);
            view! {
                <g class="pair">
                    <text class="label" x=LABEL - 8.0 y=y + BAR + 4.0 text-anchor="end">{p.label.clone()}</text>
                    <rect class="b-this" x=LABEL y=y width=this height=BAR />
                    <text class="value" x=LABEL + this + 6.0 y=y + BAR - 4.0>{wan(p.this_year.value)}</text>
                    <rect class="b-last" x=LABEL y=y + BAR width=last height=BAR />
                    <text class="value" x=LABEL + last + 6.0 y=y + 2.0 * BAR - 4.0>{wan(p.last_year.value)}</text>
                    <text
                        class="change"
                        class:down=down
                        class:up=up
                        x=far + 70.0
                        y=y + BAR + 4.0
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
            <text x=LABEL + 20.0 y=15>"本年"</text>
            <rect class="b-last" x=LABEL + 70.0 y=4 width=14 height=12 />
            <text x=LABEL + 90.0 y=15>"上年"</text>
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
    let plot = WIDTH - 16.0;
    let height = 84.0;
    let desc = {
        let p: Vec<String> = parts
            .iter()
            .map(|s| format!("{}{}万元，占{}%", s.label, wan(s.value), s.percent))
            .collect();
        format!("单位：万元。{}。", p.join("；"))
    };
    // Each part starts where the previous ended: a running offset of widths.
    let mut x = 8.0;
    let body = parts
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let w = s.percent.to_f64().unwrap_or(0.0) * plot / 100.0;
            let at = x;
            x += w;
            let key_x = 8.0 + plot / 2.0 * i as f64;
            view! {
                <g class="share">
                    <rect class=format!("s-{i}") x=at y=8 width=w height=30 />
                    <rect class=format!("s-{i}") x=key_x y=54 width=14 height=14 />
                    <text x=key_x + 20.0 y=66>
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
