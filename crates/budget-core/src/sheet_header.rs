//! What the columns of a copied or imported sheet hold, from their Chinese
//! header text: one matcher for 导入表格 (`budget-xlsx`) and for a block
//! pasted into the grid with its header. Pure text in, roles out.

use crate::model::{ExpenditureType, FundingSource};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// 科目编码
    Code,
    /// 科目 as `2010101 行政运行` in one cell (code and name together).
    CodeAndName,
    /// One level of a code split over 类/款/项 columns (`201` | `06` | `01`):
    /// 0 for 类, 1 for 款, 2 for 项.
    CodePart(u8),
    /// 科目名称
    Name,
    /// 合计 / 小计 (this year)
    Total,
    /// 上年预算数 (表2)
    LastYear,
    /// A 收入来源 column (表7)
    Source(FundingSource),
    /// A 支出类型 column (表8; 基本/项目 in 表2)
    Type(ExpenditureType),
    /// 人员经费 (表3)
    Personnel,
    /// 公用经费 (表3)
    Public,
}

impl Role {
    /// True for columns holding amounts.
    pub fn is_amount(self) -> bool {
        !matches!(
            self,
            Role::Code | Role::CodeAndName | Role::CodePart(_) | Role::Name
        )
    }
}

/// A column named by its header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderColumn {
    /// 0-based column.
    pub index: usize,
    /// The header text as written, levels joined with `/`.
    pub label: String,
    /// What it holds.
    pub role: Role,
}

/// The columns of a header, once read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderColumns {
    /// The header text of every column, top to bottom, repeats and blanks left out.
    pub parts: Vec<Vec<String>>,
    /// The columns understood, in sheet order (one code column at most).
    pub columns: Vec<HeaderColumn>,
}

/// Text without any whitespace, with ASCII brackets made full-width.
pub fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect()
}

/// A cell that names the code column (科目编码, 功能分类科目编码, 编码, 科目…):
/// the line it is on is a header.
pub fn is_code_label(text: &str) -> bool {
    let t = normalize(text);
    t.contains("编码")
        || t.contains("代码")
        || t == "科目名称"
        || (t.ends_with("科目") && t.chars().count() <= 8)
}

/// Name the columns of a header of `lines` (top to bottom; a merged cell's
/// text already in each of its cells). A blank cell continues the one to its
/// left when both sit under the same parent (a sheet copied or saved without
/// its merges). The earlier of two years named is last year's (`2024年预算数`
/// beside `2025年预算数`); a year alone is last year's when it is before
/// `form_year` (a 表2 header copied as one line: `2024年预算数` beside 小计,
/// 基本支出, 项目支出 of a 2025 form). 科目 standing alone is the code column
/// only when there is no 编码 column. Columns headed 类, 款 and 项 (under
/// 功能分类科目编码, as 久其 and 预算管理一体化 print them) are the code, split
/// over them, when the 类 column is there; then no other column is the code.
pub fn match_columns(mut lines: Vec<Vec<String>>, form_year: Option<i32>) -> HeaderColumns {
    let width = lines.iter().map(Vec::len).max().unwrap_or(0);
    for line in &mut lines {
        line.resize(width, String::new());
    }
    for level in 0..lines.len() {
        for c in 1..width {
            let same_parent = level == 0 || lines[level - 1][c] == lines[level - 1][c - 1];
            // Under a spread cell there is a child; under a tall cell there is none.
            let has_child = level + 1 >= lines.len() || !lines[level + 1][c].is_empty();
            if lines[level][c].is_empty() && same_parent && has_child {
                lines[level][c] = lines[level][c - 1].clone();
            }
        }
    }
    let parts: Vec<Vec<String>> = (0..width)
        .map(|c| {
            let mut p: Vec<String> = Vec::new();
            for line in &lines {
                let t = line[c].trim().to_string();
                if !t.is_empty() && p.last() != Some(&t) {
                    p.push(t);
                }
            }
            p
        })
        .collect();
    let years: Vec<i32> = parts.iter().flatten().filter_map(|p| year_in(p)).collect();
    let last_year = match (years.iter().min(), years.iter().max()) {
        (Some(lo), Some(hi)) if lo < hi => Some(*lo),
        (Some(year), _) if form_year.is_some_and(|f| *year < f) => Some(*year),
        _ => None,
    };
    let mut columns = Vec::new();
    let mut has_code = false;
    for (index, p) in parts.iter().enumerate() {
        let Some(role) = role_of(p, last_year) else {
            continue;
        };
        if role == Role::Code || role == Role::CodeAndName {
            if has_code {
                continue;
            }
            has_code = true;
        }
        columns.push(HeaderColumn {
            index,
            label: p.join("/"),
            role,
        });
    }
    if columns.iter().any(|c| c.role == Role::Code) {
        columns.retain(|c| c.role != Role::CodeAndName);
    }
    let mut levels_seen = [false; 3];
    let split = columns.iter().any(|c| c.role == Role::CodePart(0));
    columns.retain(|c| match c.role {
        // One column per level, and only with the 类 column.
        Role::CodePart(level) => {
            let seen = &mut levels_seen[usize::from(level)];
            let keep = split && !*seen;
            *seen = true;
            keep
        }
        Role::Code | Role::CodeAndName => !split,
        _ => true,
    });
    HeaderColumns { parts, columns }
}

/// `2020年预算数` → 2020.
pub fn year_in(text: &str) -> Option<i32> {
    let t = normalize(text);
    let at = t.find('年')?;
    let digits: String = t[..at]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if digits.len() == 4 {
        digits.parse().ok()
    } else {
        None
    }
}

/// What a column with these header levels (top to bottom) holds;
/// `last_year`: the year that marks last year's figures, if the header names two.
pub fn role_of(parts: &[String], last_year: Option<i32>) -> Option<Role> {
    let leaf = normalize(parts.last()?);
    if leaf.contains("编码") || leaf.contains("代码") {
        return Some(Role::Code);
    }
    if leaf.contains("名称") {
        return Some(Role::Name);
    }
    match leaf.as_str() {
        "类" => return Some(Role::CodePart(0)),
        "款" => return Some(Role::CodePart(1)),
        "项" => return Some(Role::CodePart(2)),
        _ => {}
    }
    if leaf.ends_with("科目") || leaf == "项目" {
        return Some(Role::CodeAndName);
    }
    let all: Vec<String> = parts.iter().map(|p| normalize(p)).collect();
    let is_last_year = all.iter().any(|p| {
        (p.contains("上年") && !p.contains("上年结转"))
            || (last_year.is_some() && year_in(p) == last_year)
    });
    if is_last_year {
        return Some(Role::LastYear);
    }
    if matches!(leaf.as_str(), "合计" | "小计" | "总计") {
        return Some(Role::Total);
    }
    if leaf.contains("人员经费") {
        return Some(Role::Personnel);
    }
    if leaf.contains("公用经费") {
        return Some(Role::Public);
    }
    for t in ExpenditureType::ALL {
        if leaf == t.label() || leaf == t.label().trim_end_matches("支出") {
            return Some(Role::Type(t));
        }
    }
    source_of(&leaf).map(Role::Source)
}

/// A 表7 income column (the suffixes 收入/预算 vary between systems).
/// 财政拨款收入 alone (上海's 部门收入预算总表, which does not split it by fund)
/// is read as 一般公共预算: [`is_unsplit_appropriation`] says so to the clerk.
fn source_of(leaf: &str) -> Option<FundingSource> {
    use FundingSource as S;
    let rules: [(&str, S); 11] = [
        ("用事业基金", S::BusinessFund),
        ("事业单位经营收入", S::OperatingIncome),
        ("非教育收费", S::BusinessNonEducation),
        ("教育收费", S::BusinessEducation),
        ("事业收入", S::BusinessNonEducation),
        ("其他收入", S::OtherIncome),
        ("国有资本经营预算", S::StateCapitalBudget),
        ("政府性基金预算", S::GovFundBudget),
        ("一般公共预算", S::GeneralBudget),
        ("上年结转", S::CarryoverGeneral),
        ("财政拨款", S::GeneralBudget),
    ];
    rules
        .into_iter()
        .find(|(key, _)| leaf.contains(key))
        .map(|(_, s)| s)
}

/// A 财政拨款 column that does not say which fund (上海's 财政拨款收入): read
/// as 一般公共预算, which it is unless the unit has fund appropriations.
pub fn is_unsplit_appropriation(leaf: &str) -> bool {
    let t = normalize(leaf);
    t.contains("财政拨款")
        && !["一般公共预算", "政府性基金", "国有资本经营"]
            .iter()
            .any(|f| t.contains(f))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(parts: &[&str]) -> Vec<String> {
        parts.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn roles_by_header_text() {
        use ExpenditureType as T;
        use FundingSource as S;
        let ly = Some(2020);
        for (parts, want) in [
            (p(&["功能分类科目", "科目编码"]), Some(Role::Code)),
            (p(&["功能分类科目编码"]), Some(Role::Code)),
            (p(&["编码"]), Some(Role::Code)),
            (p(&["科目名称"]), Some(Role::Name)),
            (p(&["科目"]), Some(Role::CodeAndName)),
            (p(&["2020年预算数"]), Some(Role::LastYear)),
            (p(&["上年预算数"]), Some(Role::LastYear)),
            (p(&["2021年预算数", "小计"]), Some(Role::Total)),
            (p(&["2021年预算数", "基本支出"]), Some(Role::Type(T::Basic))),
            (p(&["项目支出"]), Some(Role::Type(T::Project))),
            (
                p(&["对下级单位补助支出"]),
                Some(Role::Type(T::SubsidyToSubordinate)),
            ),
            (p(&["上年结转"]), Some(Role::Source(S::CarryoverGeneral))),
            (
                p(&["一般公共预算拨款收入"]),
                Some(Role::Source(S::GeneralBudget)),
            ),
            (
                p(&["事业收入", "非教育收费收入"]),
                Some(Role::Source(S::BusinessNonEducation)),
            ),
            (
                p(&["事业收入", "教育收费收入"]),
                Some(Role::Source(S::BusinessEducation)),
            ),
            (
                p(&["事业单位经营收入"]),
                Some(Role::Source(S::OperatingIncome)),
            ),
            (
                p(&["用事业基金弥补收支差额"]),
                Some(Role::Source(S::BusinessFund)),
            ),
            (p(&["2021年基本支出", "人员经费"]), Some(Role::Personnel)),
            (p(&["公用经费"]), Some(Role::Public)),
            (p(&["财政拨款收入"]), Some(Role::Source(S::GeneralBudget))),
            (
                p(&["政府性基金预算财政拨款"]),
                Some(Role::Source(S::GovFundBudget)),
            ),
            (p(&["备注"]), None),
        ] {
            assert_eq!(role_of(&parts, ly), want, "{parts:?}");
        }
    }

    #[test]
    fn an_appropriation_column_without_its_fund() {
        assert!(is_unsplit_appropriation("财政拨款收入"));
        assert!(!is_unsplit_appropriation("一般公共预算财政拨款收入"));
        assert!(!is_unsplit_appropriation("事业收入"));
    }

    #[test]
    fn years() {
        assert_eq!(year_in("2020年预算数"), Some(2020));
        assert_eq!(year_in("上年预算数"), None);
    }

    fn line(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_header_copied_from_a_sheet_names_its_columns() {
        use ExpenditureType as T;
        // 表2 as copied: one line, and as two lines whose merged cells came out blank.
        let one_line = line(&[
            "科目编码",
            "科目名称",
            "2024年预算数",
            "小计",
            "基本支出",
            "项目支出",
        ]);
        let one = match_columns(vec![one_line.clone()], Some(2025));
        let two = match_columns(
            vec![
                line(&[
                    "科目编码",
                    "科目名称",
                    "2024年预算数",
                    "2025年预算数",
                    "",
                    "",
                ]),
                line(&["", "", "", "小计", "基本支出", "项目支出"]),
            ],
            None,
        );
        let want = [
            (0, Role::Code),
            (1, Role::Name),
            (2, Role::LastYear),
            (3, Role::Total),
            (4, Role::Type(T::Basic)),
            (5, Role::Type(T::Project)),
        ];
        for got in [&one, &two] {
            let roles: Vec<(usize, Role)> = got.columns.iter().map(|c| (c.index, c.role)).collect();
            assert_eq!(roles, want);
        }
        assert_eq!(two.columns[4].label, "2025年预算数/基本支出");
        // Without the form's year, a year alone says nothing.
        let unknown = match_columns(vec![one_line], None);
        assert!(unknown.columns.iter().all(|c| c.role != Role::LastYear));
        // 科目 beside 科目编码 is not a second code column.
        let both = match_columns(vec![line(&["科目编码", "科目", "合计"])], None);
        let roles: Vec<Role> = both.columns.iter().map(|c| c.role).collect();
        assert_eq!(roles, [Role::Code, Role::Total]);
        assert!(is_code_label("功能分类 科目编码"));
        assert!(!is_code_label("2010301"));
    }

    /// Headers as clerks' systems print them, merged cells already spread
    /// (XLSX) or left blank (CSV, a sheet saved without its merges).
    #[test]
    fn real_layouts_name_their_columns() {
        use ExpenditureType as T;
        use FundingSource as S;
        type Case = (&'static str, Vec<Vec<String>>, Vec<(usize, Role)>);
        let cases: Vec<Case> = vec![
            (
                "上海 支出预算总表, 3 rows, merges spread",
                vec![
                    line(&[
                        "项目",
                        "项目",
                        "项目",
                        "项目",
                        "支出预算",
                        "支出预算",
                        "支出预算",
                    ]),
                    line(&[
                        "功能分类科目编码",
                        "功能分类科目编码",
                        "功能分类科目编码",
                        "功能分类科目名称",
                        "合计",
                        "基本支出",
                        "项目支出",
                    ]),
                    line(&["类", "款", "项", "功能分类科目名称", "合计", "", ""]),
                ],
                vec![
                    (0, Role::CodePart(0)),
                    (1, Role::CodePart(1)),
                    (2, Role::CodePart(2)),
                    (3, Role::Name),
                    (4, Role::Total),
                    (5, Role::Type(T::Basic)),
                    (6, Role::Type(T::Project)),
                ],
            ),
            (
                "上海 支出预算总表, 3 rows, merges lost",
                vec![
                    line(&["项目", "", "", "", "支出预算", "", ""]),
                    line(&[
                        "功能分类科目编码",
                        "",
                        "",
                        "功能分类科目名称",
                        "合计",
                        "基本支出",
                        "项目支出",
                    ]),
                    line(&["类", "款", "项", "", "", "", ""]),
                ],
                vec![
                    (0, Role::CodePart(0)),
                    (1, Role::CodePart(1)),
                    (2, Role::CodePart(2)),
                    (3, Role::Name),
                    (4, Role::Total),
                    (5, Role::Type(T::Basic)),
                    (6, Role::Type(T::Project)),
                ],
            ),
            (
                "经济分类 split over 类/款",
                vec![
                    line(&[
                        "经济分类科目编码",
                        "",
                        "经济分类科目名称",
                        "合计",
                        "人员经费",
                        "公用经费",
                    ]),
                    line(&["类", "款", "", "", "", ""]),
                ],
                vec![
                    (0, Role::CodePart(0)),
                    (1, Role::CodePart(1)),
                    (2, Role::Name),
                    (3, Role::Total),
                    (4, Role::Personnel),
                    (5, Role::Public),
                ],
            ),
            (
                "重庆 表2, 2 rows",
                vec![
                    line(&[
                        "功能分类科目",
                        "功能分类科目",
                        "2020 年预算数",
                        "2021 年预算数",
                        "2021 年预算数",
                        "2021 年预算数",
                    ]),
                    line(&[
                        "科目编码",
                        "科目名称",
                        "2020 年预算数",
                        "小计",
                        "基本支出",
                        "项目支出",
                    ]),
                ],
                vec![
                    (0, Role::Code),
                    (1, Role::Name),
                    (2, Role::LastYear),
                    (3, Role::Total),
                    (4, Role::Type(T::Basic)),
                    (5, Role::Type(T::Project)),
                ],
            ),
            (
                "重庆 表7, 事业收入 over two columns",
                vec![
                    line(&[
                        "科目",
                        "",
                        "合计",
                        "上年结转",
                        "一般公共预算拨款收入",
                        "事业收入",
                        "",
                    ]),
                    line(&[
                        "科目编码",
                        "科目名称",
                        "",
                        "",
                        "",
                        "非教育收费收入",
                        "教育收费收入",
                    ]),
                ],
                vec![
                    (0, Role::Code),
                    (1, Role::Name),
                    (2, Role::Total),
                    (3, Role::Source(S::CarryoverGeneral)),
                    (4, Role::Source(S::GeneralBudget)),
                    (5, Role::Source(S::BusinessNonEducation)),
                    (6, Role::Source(S::BusinessEducation)),
                ],
            ),
            (
                "款 and 项 without 类 are not a code",
                vec![line(&["科目编码", "款", "项", "合计"])],
                vec![(0, Role::Code), (3, Role::Total)],
            ),
            (
                "类 columns win over a 科目 column beside them",
                vec![line(&["类", "款", "项", "科目", "合计"])],
                vec![
                    (0, Role::CodePart(0)),
                    (1, Role::CodePart(1)),
                    (2, Role::CodePart(2)),
                    (4, Role::Total),
                ],
            ),
        ];
        for (what, lines, want) in cases {
            let got = match_columns(lines, None);
            let roles: Vec<(usize, Role)> = got.columns.iter().map(|c| (c.index, c.role)).collect();
            assert_eq!(roles, want, "{what}");
        }
    }
}
