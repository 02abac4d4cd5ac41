//! Worksheet names Excel accepts: at most 31 characters, none of `[]:*?/\`,
//! no apostrophe at either end, unique regardless of case.

/// Excel's limit on a sheet name, in UTF-16 units.
pub const MAX_SHEET_NAME: usize = 31;

/// The names given so far in one workbook.
#[derive(Debug, Default)]
pub struct SheetNames {
    taken: Vec<String>,
}

impl SheetNames {
    /// A valid, unused name as close to `wanted` as possible; it is then taken.
    pub fn claim(&mut self, wanted: &str) -> String {
        let base = clean(wanted);
        let base = if base.is_empty() {
            "Sheet".to_string()
        } else {
            base
        };
        let mut name = base.clone();
        let mut n = 2;
        while self.is_taken(&name) {
            let suffix = format!("({n})");
            name = format!("{}{suffix}", truncate(&base, MAX_SHEET_NAME - suffix.len()));
            n += 1;
        }
        self.taken.push(folded(&name));
        name
    }

    fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(&folded(name))
    }
}

/// Excel compares sheet names without case, Unicode letters included (this
/// runs in the worker, not the page, so the case tables cost the page nothing).
#[allow(clippy::disallowed_methods)]
fn folded(name: &str) -> String {
    name.to_lowercase()
}

/// Replace forbidden characters, drop control characters, trim, cut to the limit.
fn clean(wanted: &str) -> String {
    let replaced: String = wanted
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            c => c,
        })
        .collect();
    let cut = truncate(replaced.trim(), MAX_SHEET_NAME);
    cut.trim().trim_matches('\'').trim().to_string()
}

/// At most `units` UTF-16 units (Excel counts those), never splitting a character.
fn truncate(s: &str, units: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        used += c.len_utf16();
        if used > units {
            break;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_valid_and_unique() {
        let mut names = SheetNames::default();
        assert_eq!(names.claim("表1 财政拨款收支总表"), "表1 财政拨款收支总表");
        assert_eq!(names.claim("a[b]:c*d?e/f\\g"), "a_b__c_d_e_f_g");
        assert_eq!(names.claim("'quoted'"), "quoted");
        assert_eq!(names.claim("QUOTED"), "QUOTED(2)");
        assert_eq!(names.claim(""), "Sheet");
        let long = "项目1 ".to_string() + &"很长的项目名称".repeat(10);
        let a = names.claim(&long);
        let b = names.claim(&long);
        assert_eq!(a.encode_utf16().count(), MAX_SHEET_NAME);
        assert!(b.encode_utf16().count() <= MAX_SHEET_NAME);
        assert!(b.ends_with("(2)"), "{b}");
        assert_ne!(a, b);
    }

    #[test]
    fn emoji_count_as_two_units() {
        let s = truncate(&"😀".repeat(20), MAX_SHEET_NAME);
        assert_eq!(s.chars().count(), 15);
    }
}
