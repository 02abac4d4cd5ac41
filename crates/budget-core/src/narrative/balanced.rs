//! The 情况说明's 万元 figures where it lists the parts of a total: balanced
//! (舍位平衡) so the parts printed add up to the total printed, as in the
//! 万元 tables (`crate::wan`).

use rust_decimal::Decimal;

use crate::amount;
use crate::model::Inputs;
use crate::totals::Totals;

/// A figure already in 万元 (a balanced one) as the text prints it: `69.3`, `0`.
pub(super) fn wv(v: Decimal) -> String {
    amount::format_wan_value(v)
}

/// `增加X万元` / `减少X万元` for a change of exactly `exact` 元 printed as
/// `shown` 万元 (balanced), or None when there is none; as `change`, a change
/// printed as 0 is `不足0.01万元`.
fn change_shown(exact: Decimal, shown: Decimal) -> Option<String> {
    let verb = match exact {
        e if e.is_zero() => return None,
        e if e > Decimal::ZERO => "增加",
        _ => "减少",
    };
    if shown.is_zero() {
        Some(format!("{verb}不足0.01万元"))
    } else {
        Some(format!("{verb}{}万元", wv(shown.abs())))
    }
}

/// The changes (this − last) of a total and its parts, balanced as the
/// figures are (`wan::total_and_parts`): the parts' changes add up to the
/// total's as printed.
pub(super) fn changes(
    total: (Decimal, Decimal),
    parts: &[(Decimal, Decimal)],
) -> (Option<String>, Vec<Option<String>>) {
    let exact: Vec<Decimal> = parts.iter().map(|(this, last)| this - last).collect();
    let total_exact = total.0 - total.1;
    let (shown_total, shown) = crate::wan::total_and_parts(total_exact, &exact);
    (
        change_shown(total_exact, shown_total),
        exact
            .iter()
            .zip(shown)
            .map(|(&e, s)| change_shown(e, s))
            .collect(),
    )
}

/// The 一般公共预算 spending, basic and project, in 万元 as printed: each
/// balanced with the other (the two add up to the total, their changes to
/// the total's change).
pub(super) struct GeneralSplit {
    pub(super) total: Decimal,
    pub(super) basic: Decimal,
    pub(super) project: Decimal,
    pub(super) change: Option<String>,
    pub(super) basic_change: Option<String>,
    pub(super) project_change: Option<String>,
}

impl GeneralSplit {
    pub(super) fn of(t: &Totals) -> GeneralSplit {
        let (total, parts) =
            crate::wan::total_and_parts(t.general, &[t.general_basic, t.general_project]);
        let (change, part_changes) = changes(
            (t.general, t.general_last_year),
            &[
                (t.general_basic, t.general_basic_last_year),
                (t.general_project, t.general_project_last_year),
            ],
        );
        let mut part_changes = part_changes.into_iter();
        GeneralSplit {
            total,
            basic: parts[0],
            project: parts[1],
            change,
            basic_change: part_changes.next().flatten(),
            project_change: part_changes.next().flatten(),
        }
    }
}

/// This year's 三公 total and items (出国, 接待, 车运行, 车购置) as 表4
/// prints them in 万元.
pub(super) fn sangong_in_table4(inputs: &Inputs) -> Option<(Decimal, Vec<Decimal>)> {
    let w = crate::wan::to_wan(&crate::derive::table4(inputs), 2).ok()?;
    // This year's half of the line: 合计, 出国, 车 (购置+运行), 购置, 运行, 接待.
    let cells = w.table.rows.first()?.cells.get(6..12)?;
    let at = |i: usize| match cells.get(i) {
        Some(crate::table::Cell::Wan(v)) => Some(*v),
        _ => None,
    };
    Some((at(0)?, vec![at(1)?, at(5)?, at(4)?, at(3)?]))
}
