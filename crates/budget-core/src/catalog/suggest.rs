//! Known codes near an unknown one, for the message that refuses it.

use super::{Catalog, Entry, fold};

/// How alike two names are, 0 (no common pair of characters) to 1000 (equal):
/// the Dice coefficient of their character pairs (a one-character name is
/// its own pair), so `其他社会保障和就业支出` and `其他社会保障支出` are close.
fn name_similarity(a: &str, b: &str) -> u32 {
    let pairs = |s: &str| -> Vec<(char, char)> {
        let chars: Vec<char> = fold(s).chars().filter(|c| !c.is_whitespace()).collect();
        match chars.as_slice() {
            [] => Vec::new(),
            [c] => vec![(*c, '\0')],
            _ => chars.windows(2).map(|w| (w[0], w[1])).collect(),
        }
    };
    let (a, mut b) = (pairs(a), pairs(b));
    let total = a.len() + b.len();
    if total == 0 {
        return 0;
    }
    let mut common = 0;
    for pair in &a {
        if let Some(i) = b.iter().position(|p| p == pair) {
            b.swap_remove(i);
            common += 1;
        }
    }
    (2000 * common / total) as u32
}

/// `digits` cut or padded with zeros to `len`, as a number.
fn as_number(digits: &str, len: usize) -> u64 {
    let mut padded: String = digits.chars().take(len).collect();
    while padded.len() < len {
        padded.push('0');
    }
    padded.parse().unwrap_or(0)
}

impl Catalog {
    /// Known codes nearest `code`, best first, at most `limit`: see
    /// [`Catalog::suggest_named`], without a name.
    pub fn suggest(&self, code: &str, limit: usize) -> Vec<&Entry> {
        self.suggest_named(code, "", limit)
    }

    /// Known codes nearest `code` (typically one the catalog does not know),
    /// best first, at most `limit`, for a message such as “did you mean
    /// 2089999 其他社会保障和就业支出?”.
    ///
    /// The digits of `code` (ASCII or full-width; other characters ignored)
    /// say the level wanted: up to 3 a 类, 4–5 a 款, more a 项 (or the
    /// catalog's deepest level, when it has no 项). Among the entries of that
    /// level, those in the same 款 come first, then those in the same 类, each
    /// group ordered by how alike the entry's name is to `name` (when given),
    /// then by closeness of code. Entries of another 类 are offered only when
    /// their name is alike, or when the code's 类 has nothing to offer.
    pub fn suggest_named(&self, code: &str, name: &str, limit: usize) -> Vec<&Entry> {
        let digits: String = fold(code).chars().filter(char::is_ascii_digit).collect();
        if digits.is_empty() || limit == 0 {
            return Vec::new();
        }
        let wanted = match digits.len() {
            0..=3 => 3,
            4..=5 => 5,
            _ => 7,
        };
        let len = self
            .entries
            .iter()
            .map(|e| e.code.len())
            .filter(|&n| n <= wanted)
            .max()
            .unwrap_or(wanted);
        let target = as_number(&digits, len);
        let shares = |e: &Entry, n: usize| digits.len() >= n && e.code.starts_with(&digits[..n]);
        // (group, dissimilarity, distance) per candidate: lower is nearer.
        let mut ranked: Vec<((u8, u32, u64), &Entry)> = self
            .entries
            .iter()
            .filter(|e| e.code.len() == len)
            .map(|e| {
                let group = if shares(e, 5) {
                    0
                } else if shares(e, 3) {
                    1
                } else {
                    2
                };
                let alike = if name.trim().is_empty() {
                    0
                } else {
                    name_similarity(name, e.name)
                };
                let distance = as_number(e.code, len).abs_diff(target);
                ((group, 1000 - alike, distance), e)
            })
            .collect();
        let has_near = ranked.iter().any(|(key, _)| key.0 < 2);
        ranked.retain(|(key, _)| key.0 < 2 || !has_near || key.1 < 1000);
        sort_once::sort_by(&mut ranked, |a, b| {
            a.0.cmp(&b.0).then_with(|| a.1.code.cmp(b.1.code))
        });
        ranked.into_iter().take(limit).map(|(_, e)| e).collect()
    }
}
