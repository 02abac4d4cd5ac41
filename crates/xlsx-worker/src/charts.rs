//! The 图表 as markup: the page's 图表 tab and the print view's last page show
//! what this returns (SVG inside `<figure>`s), so neither the chart figures
//! (`budget_core::charts`) nor their drawing is in the page's first-load wasm.
//!
//! Every bar, share and change is the core's (`Charts::compute`); lengths come
//! as ‰ of the longest bar or of the whole, and this module only turns them
//! into whole-unit coordinates (integers: no float formatting). Every chart is
//! a `<figure>`: a visible caption, an `<svg role="img">` named by its
//! `<title>` and `<desc>`, and the same figures as a visually hidden table for
//! screen readers. Every text is escaped (labels come from catalogs, a
//! bureau's among them).

use std::fmt::Write as _;

use budget_core::amount::format_wan;
use budget_core::catalog::InForce;
use budget_core::charts::{Bar, Charts, Pair, Share};
use budget_core::{Inputs, Totals};
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

/// The markup of every chart of the inputs given as JSON, named from the
/// bureau catalog in force when the page sends one (`catalog_json`, as for
/// the export), else the built-in catalogs of the form's year. `prefix`
/// (e.g. `print-`) keeps the ids of the tab's and the print view's apart.
pub fn charts_html(
    inputs_json: &str,
    catalog_json: Option<&str>,
    prefix: &str,
) -> Result<String, String> {
    let inputs: Inputs = serde_json::from_str(inputs_json)
        .map_err(|e| format!("填报内容无法读取，未生成图表：{e}"))?;
    let bureau = match catalog_json {
        Some(json) => Some(crate::bureau_of(json)?),
        None => None,
    };
    let cats = InForce::new(inputs.unit.fiscal_year, bureau);
    let c = Charts::compute(&inputs, &Totals::compute(&inputs), cats.function());
    Ok(all(&c, prefix))
}

/// Every chart, in the order the page shows them.
fn all(c: &Charts, prefix: &str) -> String {
    let id = |name: &str| format!("{prefix}chart-{name}");
    [
        bars(&id("class"), "支出按功能分类（类）", &c.by_class),
        shares(&id("kind"), "基本支出与项目支出", &c.kind_shares),
        shares(&id("cost"), "基本支出：人员经费与公用经费", &c.cost_shares),
        pairs(&id("years"), "本年与上年支出对比（按类）", &c.class_years),
        pairs(&id("sangong"), "“三公”经费本年与上年", &c.sangong),
        bars(&id("income"), "收入按来源", &c.income),
    ]
    .concat()
}

/// `text` with the characters markup gives a meaning escaped (every
/// markup the worker makes uses this one: charts and views).
pub(crate) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

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
fn signed_wan(v: Decimal) -> String {
    if v > Decimal::ZERO {
        format!("+{}", wan(v))
    } else {
        wan(v)
    }
}

/// `<th scope="row">` and `<td>`s: one row of a chart's hidden table.
fn row(label: &str, cells: &[String]) -> String {
    let mut out = format!("<tr><th scope=\"row\">{}</th>", esc(label));
    for c in cells {
        let _ = write!(out, "<td>{}</td>", esc(c));
    }
    out.push_str("</tr>");
    out
}

/// The hidden table's head: 项目 and `cols`.
fn head(cols: &[&str]) -> String {
    let mut out = String::from("<thead><tr><th scope=\"col\">项目</th>");
    for c in cols {
        let _ = write!(out, "<th scope=\"col\">{c}</th>");
    }
    out.push_str("</tr></thead>");
    out
}

/// The parts every chart shares: caption, named SVG and hidden table.
fn figure(id: &str, title: &str, desc: &str, height: u32, svg_body: &str, table: &str) -> String {
    let id = esc(id);
    format!(
        "<figure class=\"chart\" id=\"{id}\">\
         <figcaption class=\"chart-title\">{title}</figcaption>\
         <svg class=\"chart-svg\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
         viewBox=\"0 0 {WIDTH} {height}\" preserveAspectRatio=\"xMinYMin meet\">\
         <title id=\"{id}-title\">{title}</title><desc id=\"{id}-desc\">{desc}</desc>{svg_body}</svg>\
         <table class=\"visually-hidden chart-data\"><caption>{title}（单位：万元）</caption>{table}</table>\
         </figure>",
        desc = esc(desc),
    )
}

/// Sorted horizontal bars, each with its figure in 万元.
fn bars(id: &str, title: &str, items: &[Bar]) -> String {
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
    let mut body = String::new();
    let mut rows = String::new();
    for (i, b) in items.iter().enumerate() {
        let y = at(i, ROW, 4);
        let len = length(b.permille);
        let _ = write!(
            body,
            "<g class=\"bar\">\
             <text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\
             <rect class=\"b-this\" x=\"{LABEL}\" y=\"{y}\" width=\"{len}\" height=\"{BAR}\"></rect>\
             <text class=\"value\" x=\"{}\" y=\"{}\">{}</text></g>",
            LABEL - 8,
            y + BAR - 4,
            esc(&b.label),
            LABEL + len + 6,
            y + BAR - 4,
            wan(b.value),
        );
        rows.push_str(&row(&b.label, &[wan(b.value)]));
    }
    let table = format!("{}<tbody>{rows}</tbody>", head(&["金额"]));
    figure(id, title, &desc, height, &body, &table)
}

/// This year and last year side by side per item, with the change.
fn pairs(id: &str, title: &str, items: &[Pair]) -> String {
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
    let mut body = format!(
        "<g class=\"legend\">\
         <rect class=\"b-this\" x=\"{LABEL}\" y=\"4\" width=\"14\" height=\"12\"></rect>\
         <text x=\"{}\" y=\"15\">本年</text>\
         <rect class=\"b-last\" x=\"{}\" y=\"4\" width=\"14\" height=\"12\"></rect>\
         <text x=\"{}\" y=\"15\">上年</text></g>",
        LABEL + 20,
        LABEL + 70,
        LABEL + 90,
    );
    let mut rows = String::new();
    for (i, p) in items.iter().enumerate() {
        let y = at(i, per, legend);
        let (this, last) = (length(p.this_year.permille), length(p.last_year.permille));
        let far = LABEL + this.max(last);
        let class = if p.change < Decimal::ZERO {
            "change down"
        } else if p.change > Decimal::ZERO {
            "change up"
        } else {
            "change"
        };
        let _ = write!(
            body,
            "<g class=\"pair\">\
             <text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\
             <rect class=\"b-this\" x=\"{LABEL}\" y=\"{y}\" width=\"{this}\" height=\"{BAR}\"></rect>\
             <text class=\"value\" x=\"{}\" y=\"{}\">{}</text>\
             <rect class=\"b-last\" x=\"{LABEL}\" y=\"{}\" width=\"{last}\" height=\"{BAR}\"></rect>\
             <text class=\"value\" x=\"{}\" y=\"{}\">{}</text>\
             <text class=\"{class}\" x=\"{}\" y=\"{}\">增减 {}</text></g>",
            LABEL - 8,
            y + BAR + 4,
            esc(&p.label),
            LABEL + this + 6,
            y + BAR - 4,
            wan(p.this_year.value),
            y + BAR,
            LABEL + last + 6,
            y + 2 * BAR - 4,
            wan(p.last_year.value),
            far + 70,
            y + BAR + 4,
            signed_wan(p.change),
        );
        rows.push_str(&row(
            &p.label,
            &[
                wan(p.this_year.value),
                wan(p.last_year.value),
                signed_wan(p.change),
            ],
        ));
    }
    let table = format!("{}<tbody>{rows}</tbody>", head(&["本年", "上年", "增减"]));
    figure(id, title, &desc, height, &body, &table)
}

/// A whole as one bar split into its parts, each with its figure and share.
fn shares(id: &str, title: &str, parts: &[Share]) -> String {
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
    let mut body = String::new();
    let mut rows = String::new();
    for (i, s) in parts.iter().enumerate() {
        let w = part(s.permille, plot);
        let key_x = at(i, plot / 2, 8);
        let _ = write!(
            body,
            "<g class=\"share\">\
             <rect class=\"s-{i}\" x=\"{x}\" y=\"6\" width=\"{w}\" height=\"22\"></rect>\
             <rect class=\"s-{i}\" x=\"{key_x}\" y=\"38\" width=\"14\" height=\"14\"></rect>\
             <text x=\"{}\" y=\"50\">{} {}万元（{}%）</text></g>",
            key_x + 20,
            esc(s.label),
            wan(s.value),
            s.percent,
        );
        x += w;
        rows.push_str(&row(s.label, &[wan(s.value), format!("{}%", s.percent)]));
    }
    let table = format!("{}<tbody>{rows}</tbody>", head(&["金额", "占比"]));
    figure(id, title, &desc, height, &body, &table)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../../../fixtures/dadukou-2021.json");

    #[test]
    fn the_sample_draws_six_named_charts_with_their_figures() {
        let html = charts_html(SAMPLE, None, "print-").unwrap();
        assert_eq!(html.matches("<figure class=\"chart\"").count(), 6);
        assert_eq!(html.matches("role=\"img\"").count(), 6);
        assert!(html.contains("id=\"print-chart-income\""));
        assert!(
            html.contains("aria-labelledby=\"print-chart-class-title print-chart-class-desc\"")
        );
        // 支出 by 类, largest first (the 情况说明's figures).
        let first = html.find("201 一般公共服务支出").unwrap();
        assert!(first < html.find("208 社会保障和就业支出").unwrap());
        assert!(html.contains("<td>979.48</td>"));
        assert!(html.contains("<td>87.5%</td>"));
        assert!(html.contains("增减 -276.26"));
    }

    #[test]
    fn labels_are_escaped_and_broken_input_is_a_chinese_message() {
        assert_eq!(esc("a<b&\"c\">"), "a&lt;b&amp;&quot;c&quot;&gt;");
        let e = charts_html("{\"unit\": 3", None, "").unwrap_err();
        assert!(e.starts_with("填报内容无法读取"), "{e}");
    }
}
