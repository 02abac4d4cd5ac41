//! Reading a code as people type or paste it.

/// The ASCII digit of an ASCII or full-width digit.
fn digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_digit(c as u32 - '０' as u32, 10),
        _ => None,
    }
}

/// Whether `c` may stand alone between two groups of digits: a dot or a
/// hyphen, ASCII or full-width.
fn is_group_mark(c: char) -> bool {
    matches!(c, '.' | '-' | '．' | '－')
}

/// A code as typed or pasted, in its plain form: `201 03 01`, `201.03.01`,
/// `201-03-01`, `２０１０３０１` and `2010301` all read `2010301`.
///
/// Accepted: 3, 5 or 7 ASCII or full-width digits, in groups that split only
/// where the levels do (after the 类's 3 digits and the 款's 2: `201 03 01`,
/// `20103 01`, `201 0301`), separated by spaces (any kind, any number) and at
/// most one dot or hyphen. Spaces around the whole are ignored. Anything else
/// is `None`: no guessing at what a longer, shorter or otherwise split or
/// marked text meant.
pub fn normalize_code(text: &str) -> Option<String> {
    let mut groups: Vec<String> = Vec::new();
    // Between two groups: whether a separator was seen, and a dot or hyphen.
    let (mut gap, mut mark) = (true, false);
    for c in text.trim().chars() {
        if let Some(d) = digit(c) {
            if gap {
                groups.push(String::new());
                (gap, mark) = (false, false);
            }
            groups.last_mut()?.push(d);
        } else if c.is_whitespace() {
            gap = true;
        } else if is_group_mark(c) && !mark && !groups.is_empty() {
            (gap, mark) = (true, true);
        } else {
            return None;
        }
    }
    if mark {
        // A trailing dot or hyphen.
        return None;
    }
    let code = groups.concat();
    // Where each group but the last ends, counted in digits.
    let mut end = 0;
    let splits_at_levels = groups[..groups.len().saturating_sub(1)].iter().all(|g| {
        end += g.len();
        end == 3 || end == 5
    });
    (matches!(code.len(), 3 | 5 | 7) && splits_at_levels).then_some(code)
}
