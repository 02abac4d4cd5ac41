//! The 万元 figures of the text against the table figures they name.
//!
//! The text outside the tables is joined (lines wrap mid-figure: `887.36万`
//! / `元`) with whitespace removed, keeping each character's line. Each
//! figure followed by 万元 gets the label before it (back to the previous
//! `，；：、`, or a short line's end); a label like `比2020年减少` makes it a change of the
//! figure named before it in the same clause.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::classify::{Class, classify};
use crate::facts::{Fact, Facts};
use crate::finding::AuditFinding;

/// The text outside the tables: characters and their 1-based lines.
pub fn prose(lines: &[&str], in_table: impl Fn(usize) -> bool) -> Vec<(char, usize)> {
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let no = i + 1;
        if in_table(no) || l.starts_with("=====") {
            continue;
        }
        out.extend(l.chars().filter(|c| !c.is_whitespace()).map(|c| (c, no)));
        // A short line is a heading (or a paragraph's end): it names nothing
        // for the next line's figures. Long lines wrap mid-sentence.
        if l.trim().chars().count() < 30 {
            out.push(('\n', no));
        }
    }
    out
}

const DELIMS: &[char] = &['，', '；', '：', '、', '。', ',', ';', ':', '\n'];

/// Check every 万元 figure of the text.
pub fn check(text: &[(char, usize)], facts: &Facts, out: &mut Vec<AuditFinding>) {
    let chars: Vec<char> = text.iter().map(|&(c, _)| c).collect();
    let mut subject: Option<Fact> = None;
    // The 万元 figures of the sentence so far, with their labels.
    let mut recent: Vec<(Decimal, String)> = Vec::new();
    // The figure heading a 项's paragraph (`…（项）”53.84万元`), until its 预算安排.
    let mut heading: Option<Decimal> = None;
    let mut label_start = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if DELIMS.contains(&c) {
            // A clause without a figure saying the last figure did not change.
            let clause: String = chars[label_start.min(i)..i].iter().collect();
            if let Some(f) = subject.filter(|_| is_flat(&clause)) {
                check_flat(f, &clause, text[i.saturating_sub(1)].1, out);
            }
        }
        if c == '。' || c == '；' || c == '\n' {
            subject = None;
            recent.clear();
        }
        if DELIMS.contains(&c) {
            label_start = i + 1;
            i += 1;
            continue;
        }
        if !c.is_ascii_digit() || (i > 0 && (chars[i - 1].is_ascii_digit() || chars[i - 1] == '.'))
        {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && (chars[j].is_ascii_digit() || chars[j] == ',' || chars[j] == '.') {
            j += 1;
        }
        let num: String = chars[i..j].iter().filter(|&&c| c != ',').collect();
        let is_wan = chars.get(j) == Some(&'万') && chars.get(j + 1) == Some(&'元');
        let is_pct = matches!(chars.get(j), Some('%' | '％'));
        if let (true, Ok(p)) = (is_pct, num.parse::<Decimal>()) {
            let before: String = chars[label_start.min(i)..i].iter().collect();
            if let (Some(sign), Some((base, this))) = (change(&before), compared(&before, &recent))
            {
                crate::percent::check(p, sign, base, this, text[i].1, out);
            }
        }
        let Some(printed) = num.parse::<Decimal>().ok().filter(|_| is_wan) else {
            i = j.max(i + 1);
            continue;
        };
        let before: String = chars[label_start..i].iter().collect();
        recent.push((printed, before.clone()));
        let line = text[i].1;
        let item = item_name(&chars[..i]);
        if item.is_some() {
            heading = Some(printed);
        } else if normalize(&before) == "预算安排"
            && let Some(h) = heading.take().filter(|&h| h != printed)
        {
            let detail = format!("项目标题写 {h} 万元，“预算安排”写 {printed} 万元");
            out.push(AuditFinding::new("AUD-014", line, &detail, printed, h));
        }
        match change(&before) {
            Some(sign) => {
                let subj = subject_of(&before, facts).or(subject);
                if let Some(f) = subj {
                    check_change(printed, sign, f, line, out);
                }
            }
            None => {
                let by_item = item.as_ref().and_then(|n| find_item(&facts.items, n));
                let named = by_item.or_else(|| named(&before, facts));
                if let Some(f) = named {
                    let label = if by_item.is_some() {
                        item.as_deref().unwrap_or_default()
                    } else {
                        before.as_str()
                    };
                    check_figure(printed, f.this, line, label, out);
                }
                subject = named;
            }
        }
        label_start = j + 2;
        i = j + 2;
    }
}

/// The budget year a document states (`2021 年部门预算`, `2025年区级部门预算`,
/// `2024年单位预算`), from its text with whitespace removed.
pub fn document_year(text: &[(char, usize)]) -> Option<u32> {
    let s: String = text.iter().map(|&(c, _)| c).collect();
    let i = [
        "年部门预算",
        "年区级部门预算",
        "年市级部门预算",
        "年单位预算",
        "年区级单位预算",
        "年市级单位预算",
    ]
    .iter()
    .filter_map(|w| s.find(w))
    .min()?;
    let head = &s[..i];
    let digits: String = head
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits
        .parse()
        .ok()
        .filter(|_| digits.chars().all(|c| c.is_ascii_digit()))
}

/// A comparison with a year other than the one before the document's
/// (`比2019年` in a 2021 document).
pub fn check_years(text: &[(char, usize)], year: u32, out: &mut Vec<AuditFinding>) {
    let chars: Vec<char> = text.iter().map(|&(c, _)| c).collect();
    for (i, w) in chars.windows(6).enumerate() {
        if !matches!(w[0], '比' | '较' | '与' | '同')
            || w[5] != '年'
            || !w[1..5].iter().all(char::is_ascii_digit)
        {
            continue;
        }
        let cited: String = w[1..5].iter().collect();
        let Ok(cited) = cited.parse::<u32>() else {
            continue;
        };
        if cited + 1 != year {
            let detail = format!("{year} 年的文件与 {cited} 年比较（应为 {} 年）", year - 1);
            out.push(AuditFinding::new(
                "AUD-016",
                text[i].1,
                &detail,
                Decimal::from(cited),
                Decimal::from(year - 1),
            ));
        }
    }
}

/// The 款 and 项 quoted before a figure: `…（类）财政事务（款）行政运行（项）”`
/// (or `…（项）”科目`)
/// → `财政事务/行政运行`.
fn item_name(before: &[char]) -> Option<String> {
    let s: String = before
        .iter()
        .rev()
        .take(120)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let s = s.strip_suffix("科目").unwrap_or(&s);
    let s = s.strip_suffix('”')?.strip_suffix("（项）")?;
    let (head, item) = s.rsplit_once("（款）")?;
    let kuan = head.rsplit_once("（类）").map_or(head, |(_, k)| k);
    Some(format!("{kuan}/{item}").replace('它', "他"))
}

fn find_item(list: &[(String, Option<Fact>)], key: &str) -> Option<Fact> {
    list.iter().find(|(n, _)| n == key).and_then(|&(_, f)| f)
}

fn find(list: &[(String, Fact)], name: &str) -> Option<Fact> {
    list.iter().find(|(n, _)| n == name).map(|&(_, f)| f)
}

/// The two 万元 figures a percentage compares: the last two of the
/// sentence, the one labelled with the year after 比/较 as the base (else the
/// first).
fn compared(label: &str, recent: &[(Decimal, String)]) -> Option<(Decimal, Decimal)> {
    let [.., (a, la), (b, lb)] = recent else {
        return None;
    };
    let k = label.rfind(['比', '较'])?;
    let year: String = label[k..]
        .chars()
        .skip(1)
        .take_while(char::is_ascii_digit)
        .collect();
    let base_is_b = year.len() == 4 && lb.contains(&year) && !la.contains(&year);
    Some(if base_is_b { (*b, *a) } else { (*a, *b) })
}

/// A label's direction if it compares with last year: `比2020年减少`, `较去年增加`.
fn change(label: &str) -> Option<i32> {
    let k = label.rfind(['比', '较'])?;
    let rest = &label[k..];
    if rest.contains("增加") || rest.contains("增长") {
        Some(1)
    } else if rest.contains("减少") || rest.contains("下降") {
        Some(-1)
    } else {
        None
    }
}

/// `同2020年`, `与2024年预算持平`: the figure named before is unchanged.
fn is_flat(clause: &str) -> bool {
    let year =
        |s: &str| s.chars().take(4).all(|c| c.is_ascii_digit()) && s.chars().nth(4) == Some('年');
    clause.contains("持平") || clause.strip_prefix('同').is_some_and(year)
}

fn check_flat(f: Fact, clause: &str, line: usize, out: &mut Vec<AuditFinding>) {
    let Some(last) = f.last else { return };
    if f.this != last {
        let diff = f.this - last;
        let detail = format!("写“{clause}”，表中 {} − {} = {} 元", f.this, last, diff);
        out.push(AuditFinding::new(
            "AUD-012",
            line,
            &detail,
            Decimal::ZERO,
            to_wan(diff),
        ));
    }
}

/// The subject named before a comparison in the same label (`收入较去年减少`).
fn subject_of(label: &str, facts: &Facts) -> Option<Fact> {
    let k = label.rfind(['比', '较'])?;
    let s = &label[..k];
    (!s.is_empty()).then(|| named(s, facts)).flatten()
}

/// Strip what does not name a figure: ordinals, years, quotes, 其中, and
/// trailing 预算/为/是/共/总额.
fn normalize(label: &str) -> String {
    let mut s: String = label
        .chars()
        .filter(|c| !matches!(c, '“' | '”' | '"' | '‘' | '’'))
        .collect();
    for p in ["其中", "主要是"] {
        if let Some(r) = s.strip_prefix(p) {
            s = r.to_string();
        }
    }
    // A leading year: 2021年, 2021年度.
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if digits == 4 && s[4..].starts_with('年') {
        s = s[4 + '年'.len_utf8()..]
            .trim_start_matches('度')
            .to_string();
    }
    loop {
        let before = s.len();
        for suf in ["为", "是", "共", "总额", "预算数", "预算"] {
            if let Some(r) = s.strip_suffix(suf) {
                s = r.to_string();
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// The figure a label names, if it names one we know.
fn named(label: &str, facts: &Facts) -> Option<Fact> {
    let s = normalize(label);
    let s = s.as_str();
    match s {
        "年初" | "收入" | "支出" => return facts.total,
        "财政拨款收入" | "财政拨款支出" => return facts.fiscal,
        "一般公共预算拨款"
        | "一般公共预算拨款支出"
        | "一般公共预算财政拨款收入"
        | "一般公共预算财政拨款支出" => return facts.general,
        _ => {}
    }
    match s {
        "基本支出" => return facts.basic,
        "项目支出" => return facts.project,
        _ => {}
    }
    if let Some(tc) = facts.three_costs {
        let s = s.replace(['(', '（'], "(").replace([')', '）'], ")");
        let i = match s.as_str() {
            "三公经费" => Some(0),
            "因公出国(境)费" | "因公出国(境)费用" => Some(1),
            "公务用车购置及运行费" | "公务车购置及运行费" | "公务用车购置及运行维护费" => {
                Some(2)
            }
            "公务用车购置费" => Some(3),
            "公务用车运行维护费" | "公务用车运行费" | "公务车用车运行费" => {
                Some(4)
            }
            "公务接待费" => Some(5),
            _ => None,
        };
        if let Some(i) = i {
            return Some(tc[i]);
        }
    }
    if let Some(p) = facts.procurement {
        for (suffix, i) in [
            ("政府采购货物", 1),
            ("政府采购工程", 2),
            ("政府采购服务", 3),
            ("政府采购", 0),
        ] {
            if s.ends_with(suffix) {
                return Some(p[i]);
            }
        }
    }
    find(&facts.classes, s)
}

fn to_wan(v: Decimal) -> Decimal {
    budget_core::amount::to_wan(v)
}

fn check_figure(
    printed: Decimal,
    exact: Decimal,
    line: usize,
    label: &str,
    out: &mut Vec<AuditFinding>,
) {
    report(
        classify(printed, exact, None),
        printed,
        exact,
        line,
        &format!("“{label}”"),
        out,
    );
}

fn check_change(printed: Decimal, sign: i32, f: Fact, line: usize, out: &mut Vec<AuditFinding>) {
    let Some(last) = f.last else { return };
    let diff = f.this - last;
    let word = if sign > 0 { "增加" } else { "减少" };
    if (sign > 0 && diff < Decimal::ZERO) || (sign < 0 && diff > Decimal::ZERO) {
        let detail = format!(
            "写“{word}{printed}万元”，表中 {} − {} = {} 元",
            f.this, last, diff
        );
        let signed = if sign > 0 { printed } else { -printed };
        out.push(AuditFinding::new(
            "AUD-012",
            line,
            &detail,
            signed,
            to_wan(diff),
        ));
        return;
    }
    let rounded = (to_wan(f.this) - to_wan(last)).abs();
    let detail = format!("{word}额（表中 {} − {}）", f.this, last);
    report(
        classify(printed, diff.abs(), Some(rounded)),
        printed,
        diff.abs(),
        line,
        &detail,
        out,
    );
}

fn report(
    class: Class,
    printed: Decimal,
    exact: Decimal,
    line: usize,
    what: &str,
    out: &mut Vec<AuditFinding>,
) {
    let id = match class {
        Class::Correct => return,
        Class::Wrong => "AUD-004",
        Class::Magnitude => "AUD-005",
        Class::Truncated => "AUD-006",
        Class::RoundedChange => "AUD-007",
        Class::Coarser => "AUD-008",
    };
    let expected = (exact / Decimal::from(10_000))
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let detail = format!("{what} 写 {printed} 万元，表中 {exact} 元 = {expected} 万元");
    out.push(AuditFinding::new(id, line, &detail, printed, expected));
}
