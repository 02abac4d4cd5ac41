//! A choice cell (收入来源, 支出类型, 采购类别…): a `<select>` of its column's
//! fixed labels; a choice is one undo step at once.

use std::sync::Arc;

use leptos::prelude::*;

use super::Cell;
use crate::grid::tsv::push_html;

/// The select of a choice cell.
///
/// Until the select is first focused or pressed (or its cell is active) it
/// holds only the chosen option: the other options of every row's selects
/// were half the grid's nodes and half its style and layout time (a 10,000-row
/// import). The mousedown's effect runs before the browser opens the list, so
/// a click still shows every option. Written as one `innerHTML`, with the
/// chosen option marked `selected`.
pub(super) fn choice_cell(
    cell: Cell,
    options: &'static [&'static str],
    form_id: Arc<str>,
) -> impl IntoView {
    let (ctl, text, is_active) = (cell.ctl, cell.text, cell.is_active);
    let full = RwSignal::new(false);
    let html = move || text.with(|t| options_html(options, t, full.get() || is_active.get()));
    view! {
        <select
            id=cell.id()
            form=form_id.to_string()
            class=move || cell.flag().trim().to_string()
            tabindex=cell.tabindex()
            aria-label=cell.label()
            title=cell.title()
            inner_html=html
            on:focus=move |ev| {
                full.set(true);
                cell.focused(ev);
            }
            on:mousedown=move |ev| {
                full.set(true);
                cell.pressed(ev);
            }
            on:change=move |ev| ctl.chose(cell.here(), &event_target_value(&ev))
        ></select>
    }
}

/// The `<option>`s of a select showing `chosen`: every option when `all` (or
/// when `chosen` is none of them), else only the chosen one.
fn options_html(options: &[&str], chosen: &str, all: bool) -> String {
    let known = options.contains(&chosen);
    let all = all || !known;
    let mut out = String::new();
    // A pasted text that names no option is shown as a first, chosen option
    // that cannot be chosen again: choosing any real option is then a change.
    if !known && !chosen.is_empty() {
        out.push_str("<option value=\"\" selected disabled>“");
        push_html(&mut out, chosen);
        out.push_str("”（无法识别，请选择）</option>");
    }
    for o in options.iter().filter(|o| all || **o == chosen) {
        out.push_str("<option value=\"");
        push_html(&mut out, o);
        out.push('"');
        if *o == chosen {
            out.push_str(" selected");
        }
        out.push('>');
        push_html(&mut out, o);
        out.push_str("</option>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::options_html;

    #[test]
    fn a_select_holds_its_chosen_option_until_it_needs_them_all() {
        let ops = ["≥", "<", "A&B"];
        assert_eq!(
            options_html(&ops, "<", false),
            r#"<option value="&lt;" selected>&lt;</option>"#
        );
        assert_eq!(
            options_html(&ops, "<", true),
            concat!(
                r#"<option value="≥">≥</option>"#,
                r#"<option value="&lt;" selected>&lt;</option>"#,
                r#"<option value="A&amp;B">A&amp;B</option>"#
            )
        );
        // A value that is none of the options (a pasted text not recognised)
        // lists them all after itself, shown as chosen and not choosable.
        assert_eq!(
            options_html(&ops, "x<", false),
            format!(
                "{}{}",
                r#"<option value="" selected disabled>“x&lt;”（无法识别，请选择）</option>"#,
                options_html(&ops, "", true)
            )
        );
        assert!(!options_html(&ops, "", false).contains("无法识别"));
    }
}
