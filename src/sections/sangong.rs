//! 三公经费: four items for last year and this year (8 inputs; subtotals are derived).

use budget_core::model::SanGongYear;
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
                    label=format!("三公经费 {label} {year_label}")
                    value=Signal::derive(move || {
                        state.sangong.with(|s| {
                            let y = if this_year { &s.this_year } else { &s.last_year };
                            get(y).clone()
                        })
                    })
                    on_set=Callback::new(move |v: String| state.undo.typed(&place, v))
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
                    {cell(false, field, label, get, set)}
                    {cell(true, field, label, get, set)}
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2>"三公经费"</h2>
        <p class="hint">"填写四项经费；小计、合计由表4自动生成。金额单位：元。"</p>
        <table class="grid" on:keydown=crate::grid::move_between_rows>
            <thead>
                <tr>
                    <th scope="col">"项目"</th>
                    <th scope="col">"上年预算数"</th>
                    <th scope="col">"本年预算数"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
