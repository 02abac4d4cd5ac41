//! What a grid column is: its JSON field, header, kind, and how a row's cell is
//! read as text and written from text (typing and paste go through the same door).

use std::collections::BTreeMap;

use budget_core::Amount;
use budget_core::catalog::{self, Catalog, Entry, InForce, Level, UNVERIFIED_MARK};

/// Which catalog a code column picks from (and a name column names from):
/// one of the catalogs in force for the form (`AppState::in_force`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Catalogue {
    /// 支出功能分类: only 项 codes are chosen.
    Function,
    /// 部门预算支出经济分类: only 款 codes are chosen.
    Economic,
}

impl Catalogue {
    /// The catalog of this kind among those in force.
    pub fn catalog(self, cats: &InForce) -> &'static Catalog {
        match self {
            Catalogue::Function => cats.function(),
            Catalogue::Economic => cats.economic(),
        }
    }
    /// What a name column shows for `code`: its name (marked when not
    /// verified), blank for no code, or why there is none.
    pub fn name_text(self, cats: &InForce, code: &str) -> String {
        let code = code.trim();
        if code.is_empty() {
            return String::new();
        }
        match self.catalog(cats).get(code) {
            Some(e) if e.is_verified() => e.name.to_string(),
            Some(e) => format!("{} {}", e.name, UNVERIFIED_MARK),
            None => match self {
                Catalogue::Function => "支出功能分类目录中无此编码".to_string(),
                Catalogue::Economic => "经济分类目录中无此编码".to_string(),
            },
        }
    }
    /// The level a row's code must have.
    pub fn level(self) -> Level {
        match self {
            Catalogue::Function => Level::Item,
            Catalogue::Economic => Level::Section,
        }
    }
    /// True for an entry a row may use.
    pub fn choosable(self, e: &Entry) -> bool {
        e.level == self.level()
    }
    /// The entry of a code at a level above the rows' (a 类/款 subtotal line).
    pub fn is_subtotal(self, cats: &InForce, code: &str) -> bool {
        self.catalog(cats)
            .get(code)
            .is_some_and(|e| e.level < self.level())
    }
}

/// The kind of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Free text.
    Text,
    /// Free text with its usual values offered (a `<datalist>`): any text is
    /// still kept as typed.
    Suggest(&'static [&'static str]),
    /// Money (`Amount`): right-aligned, 千分位 when not editing.
    Amount,
    /// A catalog code, with the picker.
    Code(Catalogue),
    /// One of fixed labels (a `<select>`); paste accepts the labels.
    Choice(&'static [&'static str]),
    /// Shown, not entered: the name, in the catalog in force, of the code
    /// the column's `get` reads.
    Name(Catalogue),
}

/// One column of a grid over rows of type `T`.
pub struct Column<T> {
    /// Field name in the JSON path (`this_year`); empty for derived columns.
    pub key: &'static str,
    /// Header text.
    pub header: &'static str,
    /// Kind.
    pub kind: Kind,
    /// The cell as text (a choice's label); a name column's code.
    pub get: fn(&T) -> String,
    /// Store text in the cell; false when the text is refused (an unknown label).
    pub set: fn(&mut T, &str) -> bool,
    /// The amount of a money cell.
    pub amount: Option<fn(&T) -> &Amount>,
}

impl<T> Column<T> {
    /// True when the clerk can change this cell.
    pub fn editable(&self) -> bool {
        !matches!(self.kind, Kind::Name(_))
    }
    /// The text a cell of `row` shows, names from the catalogs `cats`.
    pub fn text(&self, row: &T, cats: &InForce) -> String {
        match self.kind {
            Kind::Name(cat) => cat.name_text(cats, &(self.get)(row)),
            _ => (self.get)(row),
        }
    }
}

/// A choice cell's text: what was pasted and not recognised, kept in the row's
/// `unparsed` under `field` (shown, copied and flagged by INP-001 until a
/// choice is made), else the chosen label.
pub fn unread_or(unparsed: &BTreeMap<String, String>, field: &str, label: &str) -> String {
    unparsed
        .get(field)
        .map_or_else(|| label.to_string(), Clone::clone)
}

/// A text that names no choice: a blank one changes nothing; any other is kept
/// in the row's `unparsed` (the choice stays as it was) and refused, so the
/// paste names it. A recognised label must remove `field` from `unparsed`.
pub fn keep_unread(unparsed: &mut BTreeMap<String, String>, field: &str, text: &str) -> bool {
    let text = text.trim();
    if text.is_empty() {
        return true;
    }
    unparsed.insert(field.to_string(), text.to_string());
    false
}

/// A free-text column over the `String` field `$field` of a row.
macro_rules! text_column {
    ($key:literal, $header:literal, $field:ident) => {
        $crate::grid::column::Column {
            key: $key,
            header: $header,
            kind: $crate::grid::column::Kind::Text,
            get: |r| r.$field.clone(),
            set: |r, t| {
                r.$field = t.to_string();
                true
            },
            amount: None,
        }
    };
}
pub(crate) use text_column;

/// A money column over the `Amount` field `$field` of a row: the text is
/// kept as typed, invalid text included (an AMT-001 finding, not a loss).
macro_rules! amount_column {
    ($key:literal, $header:literal, $field:ident) => {
        $crate::grid::column::Column {
            key: $key,
            header: $header,
            kind: $crate::grid::column::Kind::Amount,
            get: |r| r.$field.text().to_string(),
            set: |r, t| {
                r.$field = budget_core::Amount::from_text(t);
                true
            },
            amount: Some(|r| &r.$field),
        }
    };
}
pub(crate) use amount_column;

/// A choice column over the enum field `$field` of a row with an `unparsed`
/// map (预算明细, 政府采购): the cell shows `$field.$label()`, a label
/// `$parse` reads sets it, and any other text is kept in `unparsed` under
/// `$key` and refused (see [`keep_unread`]).
macro_rules! choice_column {
    ($key:literal, $header:literal, $options:expr, $field:ident . $label:ident, $parse:path) => {
        $crate::grid::column::Column {
            key: $key,
            header: $header,
            kind: $crate::grid::column::Kind::Choice($options),
            get: |r| $crate::grid::column::unread_or(&r.unparsed, $key, r.$field.$label()),
            set: |r, t| match $parse(t) {
                Some(v) => {
                    r.$field = v;
                    r.unparsed.remove($key);
                    true
                }
                None => $crate::grid::column::keep_unread(&mut r.unparsed, $key, t),
            },
            amount: None,
        }
    };
}
pub(crate) use choice_column;

/// A code written the ways spreadsheets hold it — `2010301`, `2010301 行政运行`,
/// `[2010301]行政运行`, full-width digits, in groups (`201 03 01`,
/// `201.03.01 行政运行`: `catalog::normalize_code`) — as the bare code; other
/// text as is.
pub fn code_of(text: &str) -> String {
    let t = text.trim();
    // A grouped code, alone or before its name: the groups must split where
    // the levels do, so `201 03 01` is never read as the 类 201.
    let grouped_end = t
        .find(|c: char| {
            !(c.is_ascii_digit()
                || ('０'..='９').contains(&c)
                || c.is_whitespace()
                || matches!(c, '.' | '-' | '．' | '－'))
        })
        .unwrap_or(t.len());
    if let Some(code) = catalog::normalize_code(t[..grouped_end].trim()) {
        return code;
    }
    let folded: String = t
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '［' | '【' => '[',
            '］' | '】' => ']',
            c => c,
        })
        .collect();
    let body = folded.strip_prefix('[').unwrap_or(&folded);
    let digits: String = body.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return t.to_string();
    }
    let rest = body[digits.len()..].trim_start_matches(']');
    // Only digits, or digits then a name: the digits are the code.
    // (Digits after a space are more code, split where no level splits: kept.)
    let after = rest.trim_start();
    if rest.is_empty()
        || !after.starts_with(|c: char| {
            c.is_ascii_digit() || ('０'..='９').contains(&c) || c == '.' || c == ','
        })
    {
        digits
    } else {
        t.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_as_spreadsheets_write_them() {
        assert_eq!(code_of("2010301"), "2010301");
        assert_eq!(code_of(" 2010301 行政运行 "), "2010301");
        assert_eq!(code_of("[2010301]行政运行"), "2010301");
        assert_eq!(code_of("２０１０３０１"), "2010301");
        assert_eq!(code_of("行政运行"), "行政运行");
        assert_eq!(code_of("1,000"), "1,000");
        assert_eq!(code_of("201 03 01"), "2010301");
        assert_eq!(code_of("201.03.01 行政运行"), "2010301");
        assert_eq!(code_of("２０１　０３　０１"), "2010301");
        // Split where no level splits: not a code, kept as typed.
        assert_eq!(code_of("2010 301"), "2010 301");
    }

    #[test]
    fn subtotal_codes_are_above_the_row_level() {
        let cats = InForce::builtin(2021);
        assert!(Catalogue::Function.is_subtotal(&cats, "201"));
        assert!(Catalogue::Function.is_subtotal(&cats, "20103"));
        assert!(!Catalogue::Function.is_subtotal(&cats, "2010301"));
        assert!(Catalogue::Economic.is_subtotal(&cats, "301"));
        assert!(!Catalogue::Economic.is_subtotal(&cats, "30101"));
    }

    #[test]
    fn names_come_from_the_catalogs_in_force() {
        let builtin = InForce::builtin(2021);
        assert_eq!(
            Catalogue::Function.name_text(&builtin, "2010301"),
            "行政运行"
        );
        assert_eq!(Catalogue::Function.name_text(&builtin, " "), "");
        let csv = "编码,名称\n201,一般公共服务支出\n20103,政府办公厅（室）及相关机构事务\n2010301,机关行政运行\n";
        let bureau = budget_core::catalog::Bureau::from_csv("局.csv", csv.as_bytes()).unwrap();
        let cats = InForce::new(2021, Some(bureau));
        assert_eq!(
            Catalogue::Function.name_text(&cats, "2010301"),
            "机关行政运行"
        );
        assert_eq!(
            Catalogue::Function.name_text(&cats, "2010302"),
            "支出功能分类目录中无此编码"
        );
        // The bureau lists no economic codes: the built-in ones stay in force.
        assert_eq!(Catalogue::Economic.name_text(&cats, "30101"), "基本工资");
        let col = Column::<String> {
            key: "",
            header: "科目名称",
            kind: Kind::Name(Catalogue::Function),
            get: Clone::clone,
            set: |_, _| true,
            amount: None,
        };
        assert_eq!(col.text(&"2010301".to_string(), &cats), "机关行政运行");
        assert_eq!(col.text(&"2010301".to_string(), &builtin), "行政运行");
    }
}
