//! Narrative and consistency: NAR-001 … NAR-005.

use rust_decimal::Decimal;

use super::amounts::sangong_cells;
use super::{Ctx, parse, project_label, valid, yuan};
use crate::amount::format_yuan;
use crate::finding::{Finding, Severity};
use crate::narrative::ClerkText;

/// A year-on-year change the narrative reports, with the reason typed for it.
struct Change<'a> {
    /// The reason field.
    field: ClerkText,
    /// What changed, e.g. `收入（支出）总额`.
    what: String,
    /// This year and last year.
    this: Decimal,
    last: Decimal,
    /// The reason as typed.
    reason: &'a str,
}

impl Change<'_> {
    /// `比上年增加 1,234.00 元`
    fn by(&self) -> String {
        let (verb, by) = if self.this > self.last {
            ("增加", self.this - self.last)
        } else {
            ("减少", self.last - self.this)
        };
        format!("比上年{verb} {} 元", format_yuan(by))
    }

    fn finding(&self, check: &'static str, message: String) -> Finding {
        Finding::new(
            check,
            Severity::Warning,
            message,
            vec![self.field.path().to_string()],
        )
    }
}

/// A reason field, what it explains, and this and last year when both are valid.
type Figure = (ClerkText, String, Option<(Decimal, Decimal)>);

/// The changes the narrative reports, in its order: every figure it compares
/// with last year that differs from it. A figure with an invalid cell is
/// AMT-001's: its change is unknown, so it is left out.
fn changes<'a>(ctx: &Ctx<'a>) -> Vec<Change<'a>> {
    let (inputs, t) = (ctx.inputs, ctx.totals);
    let n = &inputs.narrative;
    // Where the document gives last year only as totals, the text compares
    // the 财政拨款 with the total given.
    let given = &inputs.disclosure.last_year;
    let income = match given.yuan(&given.fiscal) {
        Some(last) => ("财政拨款收入（支出）", Some((t.fiscal(), last))),
        None => ("收入（支出）总额", Some((t.total, t.total_last_year))),
    };
    let mut figures: Vec<Figure> = vec![
        (ClerkText::Income, income.0.into(), income.1),
        (
            ClerkText::Basic,
            "一般公共预算拨款基本支出".into(),
            Some((t.general_basic, t.general_basic_last_year)),
        ),
        (
            ClerkText::Project,
            "一般公共预算拨款项目支出".into(),
            Some((t.general_project, t.general_project_last_year)),
        ),
    ];
    let s = &inputs.sangong.in_yuan();
    for ((field, name, this), (_, _, last)) in sangong_cells(&s.this_year)
        .into_iter()
        .zip(sangong_cells(&s.last_year))
    {
        let field = match field {
            "abroad" => ClerkText::Abroad,
            "vehicle_purchase" => ClerkText::VehiclePurchase,
            "vehicle_operation" => ClerkText::VehicleOperation,
            _ => ClerkText::Reception,
        };
        figures.push((
            field,
            format!("三公经费{name}"),
            valid(this).zip(valid(last)),
        ));
    }
    figures.push((ClerkText::RunningCost, "机关运行经费".into(), {
        let (this, last) = n.running_cost_in_yuan();
        valid(&this).zip(valid(&last))
    }));
    let printed = &crate::template::of(inputs).checks.reasons;
    figures
        .into_iter()
        .filter(|(field, _, _)| {
            let name = field.path().rsplit('.').next().unwrap_or_default();
            printed.iter().any(|r| r == name)
        })
        .filter_map(|(field, what, figures)| {
            let (this, last) = figures.filter(|(this, last)| this != last)?;
            Some(Change {
                field,
                what,
                this,
                last,
                reason: field.text(n),
            })
        })
        .collect()
}

/// NAR-001: every year-on-year change the narrative reports has a reason.
pub(super) fn nar_001(ctx: &Ctx<'_>) -> Vec<Finding> {
    changes(ctx)
        .iter()
        .filter(|c| c.reason.trim().is_empty())
        .map(|c| {
            c.finding(
                "NAR-001",
                format!(
                    "{}本年 {}，上年 {}，{}，请填写变动原因",
                    c.what,
                    yuan(c.this),
                    yuan(c.last),
                    c.by()
                ),
            )
        })
        .collect()
}

/// NAR-004: a reason says something: not a placeholder, not only digits or
/// letters, not a word repeated, at least 4 characters once the lead-in the
/// narrative writes itself (主要是…) is set aside.
pub(super) fn nar_004(ctx: &Ctx<'_>) -> Vec<Finding> {
    changes(ctx)
        .iter()
        .filter(|c| !c.reason.trim().is_empty())
        .filter_map(|c| {
            let why = emptiness(&c.field.fragment(c.reason))?;
            Some(c.finding(
                "NAR-004",
                format!(
                    "{}{}，变动原因“{}”{why}，请写明变动的具体原因",
                    c.what,
                    c.by(),
                    shown(c.reason)
                ),
            ))
        })
        .collect()
}

/// NAR-005: a reason whose only direction word goes against the figures
/// (增加 where the amount fell, 减少 where it rose, 持平 where it changed).
pub(super) fn nar_005(ctx: &Ctx<'_>) -> Vec<Finding> {
    let last_year = format!("{}年", ctx.inputs.unit.fiscal_year - 1);
    changes(ctx)
        .iter()
        .filter_map(|c| {
            // An empty reason is NAR-001's. A hollow one (NAR-004) may also
            // point the wrong way: 增加 alone where the amount fell is both.
            let fragment = c.field.fragment(c.reason);
            let words = contradiction(&fragment, c.this > c.last, &last_year)?;
            Some(c.finding(
                "NAR-005",
                format!(
                    "{}{}，但变动原因写的是{}，请核对",
                    c.what,
                    c.by(),
                    words
                        .iter()
                        .map(|w| format!("“{w}”"))
                        .collect::<Vec<_>>()
                        .join("、")
                ),
            ))
        })
        .collect()
}

/// The reason as quoted in a message: trimmed, at most 20 characters.
fn shown(reason: &str) -> String {
    let r = reason.trim();
    match r.char_indices().nth(20) {
        Some((at, _)) => format!("{}…", &r[..at]),
        None => r.to_string(),
    }
}

/// Texts that stand in for a reason not yet written.
const PLACEHOLDERS: [&str; 13] = [
    "待填写",
    "待补充",
    "待完善",
    "待定",
    "暂无",
    "无",
    "略",
    "同上",
    "见上",
    "不详",
    "未知",
    "空",
    "其他",
];

/// A Chinese character (CJK unified ideographs and their extensions).
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// A latin letter, half or full width.
fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

/// A mark clerks type for a blank to fill in: XX, ××.
fn is_blank_mark(c: char) -> bool {
    matches!(c, 'x' | 'X' | 'ｘ' | 'Ｘ' | '×')
}

/// Why a reason's words (`ClerkText::fragment`) say nothing, or None when
/// they do.
fn emptiness(fragment: &str) -> Option<String> {
    if fragment.is_empty() {
        return Some("只有套话或标点，没有实际内容".into());
    }
    if PLACEHOLDERS.contains(&fragment) || has_blank_marks(fragment) {
        return Some("是占位文字".into());
    }
    if !fragment.chars().any(is_han) {
        return Some(if fragment.chars().any(is_latin) {
            "只有字母、数字或符号".into()
        } else {
            "只有数字或符号".into()
        });
    }
    if let Some(word) = repeated_word(fragment) {
        return Some(format!("中的“{word}”连续重复"));
    }
    if fragment.chars().count() < 4 {
        return Some("不足 4 个字".into());
    }
    None
}

/// A run of two or more blank marks (XX, ××) that is not part of a latin word.
fn has_blank_marks(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let latin = |c: char| is_latin(c) || c == '×';
    let mut i = 0;
    while i < chars.len() {
        if !latin(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && latin(chars[i]) {
            i += 1;
        }
        let run = &chars[start..i];
        if run.len() >= 2 && run.iter().all(|&c| is_blank_mark(c)) {
            return true;
        }
    }
    false
}

/// The longest word checked for a back-to-back repeat (a pasted sentence twice).
const LONGEST_REPEAT: usize = 16;

/// A word of two or more characters, with a letter in it, written twice back
/// to back (增加增加), or None.
fn repeated_word(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    for start in 0..chars.len() {
        let longest = LONGEST_REPEAT.min((chars.len() - start) / 2);
        for len in 2..=longest {
            let (word, next) = (
                &chars[start..start + len],
                &chars[start + len..start + 2 * len],
            );
            if word == next && word.iter().any(|c| c.is_alphabetic()) {
                return Some(word.iter().collect());
            }
        }
    }
    None
}

/// Words that say the amount rose, fell, or stayed the same.
const UP: [&str; 4] = ["增加", "增长", "上升", "增多"];
const DOWN: [&str; 5] = ["减少", "下降", "压减", "压缩", "缩减"];
const FLAT: [&str; 1] = ["持平"];

/// The direction words of `text` when they all go against the figures (`rose`:
/// this year > last year; a reported change is never zero), or None. Read
/// with care, to warn only where the text plainly contradicts: a negated word
/// (未增加) says nothing, 基本持平 may describe a small change, a text with
/// words of both directions may well explain both, and a text that speaks of
/// last year itself (上年新增一次性项目) may use them of last year.
fn contradiction(text: &str, rose: bool, last_year: &str) -> Option<Vec<&'static str>> {
    if speaks_of_last_year(text, last_year) {
        return None;
    }
    let (mut up, mut down, mut flat) = (Vec::new(), Vec::new(), Vec::new());
    for (words, found) in [
        (&UP[..], &mut up),
        (&DOWN[..], &mut down),
        (&FLAT[..], &mut flat),
    ] {
        for &word in words {
            let said = text.match_indices(word).any(|(at, _)| {
                let before = &text[..at];
                let negated = ["不", "未", "没", "无", "非", "不再", "未再"]
                    .iter()
                    .any(|n| before.ends_with(n));
                let roughly = word == "持平"
                    && ["基本", "大体", "总体", "大致"]
                        .iter()
                        .any(|b| before.ends_with(b));
                !negated && !roughly
            });
            if said {
                found.push(word);
            }
        }
    }
    match (up.is_empty(), down.is_empty(), flat.is_empty()) {
        (false, true, true) if !rose => Some(up),
        (true, false, true) if rose => Some(down),
        (true, true, false) => Some(flat),
        _ => None,
    }
}

/// True when the text names last year other than to compare with it (比上年,
/// 较去年, 与上年 compare; 上年新增 speaks of last year).
fn speaks_of_last_year(text: &str, last_year: &str) -> bool {
    ["上年", "去年", "上一年", last_year].iter().any(|y| {
        text.match_indices(y).any(|(at, _)| {
            let before = &text[..at];
            !["比", "较", "同", "与"].iter().any(|c| before.ends_with(c))
        })
    })
}

/// NAR-002: 公务用车购置费 and the vehicles to be bought agree.
pub(super) fn nar_002(ctx: &Ctx<'_>) -> Vec<Finding> {
    let sangong = ctx.inputs.sangong.in_yuan();
    let Some(purchase) = valid(&sangong.this_year.vehicle_purchase) else {
        return Vec::new();
    };
    let to_buy = ctx.inputs.narrative.vehicles_to_buy.total();
    let (message, locations) = if !purchase.is_zero() && to_buy == 0 {
        (
            format!(
                "本年安排公务用车购置费 {}，但拟购置车辆数为 0",
                yuan(purchase)
            ),
            vec![
                "sangong.this_year.vehicle_purchase",
                "narrative.vehicles_to_buy.general",
            ],
        )
    } else if purchase.is_zero() && to_buy > 0 {
        (
            format!("本年拟购置车辆 {to_buy} 辆，但公务用车购置费为 0"),
            vec![
                "narrative.vehicles_to_buy.general",
                "sangong.this_year.vehicle_purchase",
            ],
        )
    } else {
        return Vec::new();
    };
    vec![Finding::new(
        "NAR-002",
        Severity::Warning,
        message,
        locations.into_iter().map(String::from).collect(),
    )]
}

/// NAR-003: contact phones are valid numbers; the unit's must be filled.
pub(super) fn nar_003(ctx: &Ctx<'_>) -> Vec<Finding> {
    const HINT: &str =
        "应为 8 位固定电话（如 68173636）、带区号的固定电话（如 023-68173636）或 11 位手机号码";
    let mut out = Vec::new();
    let unit_phone = ctx.inputs.unit.contact_phone.trim();
    let required = crate::template::of(ctx.inputs).checks.contact_required;
    if unit_phone.is_empty() && required {
        out.push(Finding::new(
            "NAR-003",
            Severity::Warning,
            "未填写部门预算公开联系电话",
            vec!["unit.contact_phone".to_string()],
        ));
    } else if !unit_phone.is_empty() && !parse::phone(unit_phone) {
        out.push(Finding::new(
            "NAR-003",
            Severity::Warning,
            format!("单位联系电话“{unit_phone}”格式不对，{HINT}"),
            vec!["unit.contact_phone".to_string()],
        ));
    }
    for (i, p) in ctx.inputs.projects.iter().enumerate() {
        let phone = p.phone.trim();
        // A blank project phone is a missing required field: PRJ-004.
        if !phone.is_empty() && !parse::phone(phone) {
            out.push(Finding::new(
                "NAR-003",
                Severity::Warning,
                format!("{}的联系电话“{phone}”格式不对，{HINT}", project_label(i, p)),
                vec![format!("projects[{i}].phone")],
            ));
        }
    }
    out
}
