//! 三公经费: four items for this year and last year (8 inputs; subtotals are
//! derived), entered in 元 or, where the document publishes them so, in 万元.

use budget_core::amount::InputUnit;
use budget_core::model::{SanGong, SanGongYear};
use budget_core::{Amount, Inputs};
use leptos::prelude::*;

use crate::fields::AmountField;
use crate::state::AppState;
use crate::undo::Field;

type Getter = fn(&SanGongYear) -> &Amount;
type Setter = fn(&mut SanGongYear) -> &mut Amount;

/// The four items: JSON field, label, accessors.
const ITEMS: [(&str, &str, Getter, Setter); 4] = [
    (
        "abroad",
        "因公出国（境）费",
        |y| &y.abroad,
        |y| &mut y.abroad,
    ),
    (
        "vehicle_purchase",
        "公务用车购置费",
        |y| &y.vehicle_purchase,
        |y| &mut y.vehicle_purchase,
    ),
    (
        "vehicle_operation",
        "公务用车运行维护费",
        |y| &y.vehicle_operation,
        |y| &mut y.vehicle_operation,
    ),
    (
        "reception",
        "公务接待费",
        |y| &y.reception,
        |y| &mut y.reception,
    ),
];

/// The 三公 inputs.
#[component]
pub fn SanGongSection() -> impl IntoView {
    let state = AppState::get();
    let cell = move |this_year: bool,
                     field: &'static str,
                     label: &'static str,
                     get: Getter,
                     set: Setter| {
        let year = if this_year { "this_year" } else { "last_year" };
        let year_label = if this_year {
            "本年预算数"
        } else {
            "上年预算数"
        };
        let place = Field::new(
            format!("sangong.{year}.{field}"),
            format!("三公经费 {label} {year_label}"),
            move |i: &Inputs| {
                let y = if this_year {
                    &i.sangong.this_year
                } else {
                    &i.sangong.last_year
                };
                Some(get(y).text().to_string())
            },
            move |i, v: String| {
                let y = if this_year {
                    &mut i.sangong.this_year
                } else {
                    &mut i.sangong.last_year
                };
                *set(y) = Amount::from_text(v);
            },
        );
        view! {
            <td class="num">
                <AmountField
                    path=format!("sangong.{year}.{field}")
                    label=Signal::derive(move || {
                        let unit = state.sangong.with(|s| s.unit);
                        format!("三公经费 {label} {year_label}（{}）", unit.label())
                    })
                    value=Signal::derive(move || {
                        state.sangong.with(|s| {
                            let y = if this_year { &s.this_year } else { &s.last_year };
                            get(y).clone()
                        })
                    })
                    on_set=Callback::new(move |v: String| state.undo.typed(&place, v))
                    unit=Signal::derive(move || state.sangong.with(|s| s.unit))
                />
            </td>
        }
    };
    let rows = ITEMS
        .into_iter()
        .map(|(field, label, get, set)| {
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    {cell(true, field, label, get, set)}
                    {cell(false, field, label, get, set)}
                </tr>
            }
        })
        .collect_view();
    // Switching the unit converts what is typed (one undo step).
    let unit_place = Field::new(
        "sangong.unit",
        "三公经费 金额单位",
        |i: &Inputs| Some(i.sangong.clone()),
        |i, v: SanGong| i.sangong = v,
    );
    let unit = move || state.sangong.with(|s| s.unit);
    let set_unit = move |value: String| {
        let to = if value == "wan" {
            InputUnit::Wan
        } else {
            InputUnit::Yuan
        };
        let now = state.sangong.with_untracked(|s| s.with_unit(to));
        state.undo.chose(&unit_place, now);
    };
    view! {
        <h2>"三公经费"</h2>
        <p class="hint">
            "填写四项经费；小计、合计由表4自动生成。金额单位："{move || unit().label()}
            "。公开文件只有万元数时可改为按万元填写（最多 2 位小数），切换时已填金额随之换算。"
        </p>
        <div class="input-unit">
            <label for="f-sangong-unit">"金额单位"</label>
            <select
                id="f-sangong-unit"
                on:change:target=move |ev| set_unit(ev.target().value())
                prop:value=move || if unit() == InputUnit::Wan { "wan" } else { "yuan" }
            >
                <option value="yuan">"元"</option>
                <option value="wan">"万元"</option>
            </select>
        </div>
        <table class="grid" on:keydown=crate::grid::move_between_rows>
            <thead>
                <tr>
                    <th scope="col">"项目"</th>
                    <th scope="col">{move || format!("本年预算数（{}）", unit().label())}</th>
                    <th scope="col">{move || format!("上年预算数（{}）", unit().label())}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
