//! Performance targets (绩效目标): the overall indicators of 表10 and the
//! project forms (项目绩效目标表) with their indicators and links to rows.

use serde::{Deserialize, Serialize};

use super::{FundingSource, UnitHeader};
use crate::amount::Amount;

/// 指标性质 of an overall indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Operator {
    /// ≥
    #[default]
    #[serde(rename = "≥")]
    AtLeast,
    /// ≤
    #[serde(rename = "≤")]
    AtMost,
    /// =
    #[serde(rename = "=")]
    Equal,
    /// >
    #[serde(rename = ">")]
    Greater,
    /// <
    #[serde(rename = "<")]
    Less,
}

impl Operator {
    /// All operators.
    pub const ALL: [Operator; 5] = [
        Operator::AtLeast,
        Operator::AtMost,
        Operator::Equal,
        Operator::Greater,
        Operator::Less,
    ];
    /// The symbol.
    pub fn symbol(self) -> &'static str {
        match self {
            Operator::AtLeast => "≥",
            Operator::AtMost => "≤",
            Operator::Equal => "=",
            Operator::Greater => ">",
            Operator::Less => "<",
        }
    }
    /// Parse how a clerk or a spreadsheet writes it: the symbol, its ASCII or
    /// full-width spelling (`>=`, `＞＝`, `≧`) or words (`大于等于`, `不低于`).
    /// Anything else is `None` (never a guess: `<=` read as `≥` would reverse
    /// the target printed in 表10).
    pub fn from_label(s: &str) -> Option<Self> {
        let t: String = s.split_whitespace().collect();
        Some(match t.as_str() {
            "≥" | ">=" | "＞＝" | "≧" | "=>" | "大于等于" | "不低于" | "不少于" => {
                Operator::AtLeast
            }
            "≤" | "<=" | "＜＝" | "≦" | "=<" | "小于等于" | "不高于" | "不超过" | "不多于" => {
                Operator::AtMost
            }
            "=" | "＝" | "==" | "等于" => Operator::Equal,
            ">" | "＞" | "大于" | "高于" => Operator::Greater,
            "<" | "＜" | "小于" | "低于" => Operator::Less,
            _ => return None,
        })
    }
}

/// 部门整体绩效目标 (表10).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OverallPerformance {
    /// 部门（单位）名称 as printed in 表10, e.g. 大渡口区政府办公室.
    #[serde(default)]
    pub unit_name: String,
    /// 当年整体绩效目标
    #[serde(default)]
    pub target: String,
    /// 绩效指标
    #[serde(default)]
    pub indicators: Vec<OverallIndicator>,
}

impl OverallPerformance {
    /// The 部门（单位）名称 表10 prints: the name typed for 表10 when there is
    /// one, else 单位信息's (a clerk changes it only when 表10 names the unit
    /// otherwise, e.g. 大渡口区政府办公室 for 重庆市大渡口区人民政府办公室).
    pub fn printed_unit_name<'a>(&'a self, unit: &'a UnitHeader) -> &'a str {
        match self.unit_name.trim() {
            "" => unit.name.trim(),
            name => name,
        }
    }
}

/// One overall performance indicator.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OverallIndicator {
    /// 指标名称
    pub name: String,
    /// 指标权重 (a number; weights sum to 100)
    pub weight: Amount,
    /// 计量单位
    pub unit: String,
    /// 指标性质
    pub operator: Operator,
    /// 指标值
    pub value: String,
}

/// A budget row a project form is funded by: its code and source (type is 项目支出).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RowLink {
    /// Function code of the linked 项目支出 row.
    pub code: String,
    /// Source of the linked row.
    pub source: FundingSource,
}

/// 项目绩效目标表: one project.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct ProjectForm {
    /// 项目名称*
    pub name: String,
    /// 项目类型* (一般性项目 …)
    pub project_type: String,
    /// 资金用途* (业务类 …)
    pub fund_use: String,
    /// 政府采购*
    pub procurement: bool,
    /// 项目负责人*
    pub manager: String,
    /// 联系人*
    pub contact: String,
    /// 联系电话*
    pub phone: String,
    /// 计划开始日期* (YYYY-MM-DD)
    pub start_date: String,
    /// 计划完成日期* (YYYY-MM-DD)
    pub end_date: String,
    /// 项目当年预算（元）*
    pub budget_this_year: Amount,
    /// 项目上年预算（元）
    pub budget_last_year: Amount,
    /// 项目是否追加追减*
    pub adjusted: bool,
    /// 追加追减后金额（元）
    pub adjusted_amount: Amount,
    /// 项目概况*
    pub overview: String,
    /// 立项依据*
    pub basis: String,
    /// 项目设立的必要性*
    pub necessity: String,
    /// 保证项目实施的制度、措施*
    pub measures: String,
    /// 项目实施计划*
    pub plan: String,
    /// 项目总目标*
    pub total_goal: String,
    /// 年度绩效目标*
    pub annual_goal: String,
    /// 需要说明的其他问题
    pub other_issues: String,
    /// 目标内容: indicators
    pub indicators: Vec<ProjectIndicator>,
    /// The 项目支出 rows that fund this project.
    pub links: Vec<RowLink>,
}

/// One project indicator: 一级 · 二级 · 三级 · 目标值 · 指标解释 · 目标值说明.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct ProjectIndicator {
    /// 一级指标
    pub level1: String,
    /// 二级指标
    pub level2: String,
    /// 三级指标
    pub level3: String,
    /// 目标值 (e.g. ≥20%, 足额到位)
    pub target: String,
    /// 指标解释
    pub explanation: String,
    /// 目标值说明
    pub target_note: String,
}

/// A planned date (计划开始日期 / 计划完成日期) read from the clerk's text,
/// which the form keeps as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PlanDate {
    /// Year (4 digits).
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month.
    pub day: u32,
}

/// Why a planned date's text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not written as a date at all.
    #[error("“{0}”不是日期，请按 2025-03-01、2025/3/1 或 2025年3月1日 的样式填写")]
    Format(String),
    /// A month outside 1–12.
    #[error("“{text}”的月份 {month} 不存在（应为 1–12）")]
    Month {
        /// The text.
        text: String,
        /// The month written.
        month: u32,
    },
    /// A day the month does not have.
    #[error("“{text}”的日期不存在：{year}年{month}月只有 {days} 天")]
    Day {
        /// The text.
        text: String,
        /// The year written.
        year: i32,
        /// The month written.
        month: u32,
        /// Days that month has.
        days: u32,
    },
}

/// Days in `month` of `year` (Gregorian).
pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl PlanDate {
    /// Read a date the ways clerks write one: `2025-03-01`, `2025/3/1`,
    /// `2025.3.1` or `2025年3月1日` (a 4-digit year, a 1–2 digit month and
    /// day; full-width digits and separators read too; spaces around are
    /// ignored).
    pub fn parse(text: &str) -> Result<PlanDate, DateError> {
        let t = text.trim();
        let folded: String = t
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                '－' => '-',
                '／' => '/',
                '．' => '.',
                c => c,
            })
            .collect();
        let bad = || DateError::Format(t.to_string());
        let parts: Vec<&str> = if let Some(rest) = folded.strip_suffix('日') {
            let (y, rest) = rest.split_once('年').ok_or_else(bad)?;
            let (m, d) = rest.split_once('月').ok_or_else(bad)?;
            vec![y, m, d]
        } else {
            let sep = ['-', '/', '.']
                .into_iter()
                .find(|s| folded.contains(*s))
                .ok_or_else(bad)?;
            folded.split(sep).collect()
        };
        let [y, m, d] = parts.as_slice() else {
            return Err(bad());
        };
        let num = |s: &str, len: std::ops::RangeInclusive<usize>| -> Option<u32> {
            (len.contains(&s.len()) && s.bytes().all(|c| c.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let (Some(year), Some(month), Some(day)) = (num(y, 4..=4), num(m, 1..=2), num(d, 1..=2))
        else {
            return Err(bad());
        };
        let year = i32::try_from(year).map_err(|_| bad())?;
        if !(1..=12).contains(&month) {
            return Err(DateError::Month {
                text: t.to_string(),
                month,
            });
        }
        let days = days_in_month(year, month);
        if !(1..=days).contains(&day) {
            return Err(DateError::Day {
                text: t.to_string(),
                year,
                month,
                days,
            });
        }
        Ok(PlanDate { year, month, day })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table10_names_the_unit_of_the_header_unless_changed() {
        let unit = UnitHeader {
            name: "重庆市大渡口区人民政府办公室".into(),
            ..Default::default()
        };
        let mut perf = OverallPerformance::default();
        assert_eq!(
            perf.printed_unit_name(&unit),
            "重庆市大渡口区人民政府办公室"
        );
        perf.unit_name = " ".into();
        assert_eq!(
            perf.printed_unit_name(&unit),
            "重庆市大渡口区人民政府办公室"
        );
        perf.unit_name = "大渡口区政府办公室".into();
        assert_eq!(perf.printed_unit_name(&unit), "大渡口区政府办公室");
    }

    #[test]
    fn plan_dates_read_as_clerks_write_them() {
        let d = |year, month, day| Ok(PlanDate { year, month, day });
        for (text, want) in [
            ("2025-03-01", d(2025, 3, 1)),
            ("2025/3/1", d(2025, 3, 1)),
            ("2025年3月1日", d(2025, 3, 1)),
            ("2025-3-1", d(2025, 3, 1)),
            ("2025/03/01", d(2025, 3, 1)),
            ("2025.3.1", d(2025, 3, 1)),
            (" 2025年12月31日 ", d(2025, 12, 31)),
            ("２０２５／３／１", d(2025, 3, 1)),
            ("2024-02-29", d(2024, 2, 29)),
            ("2000/2/29", d(2000, 2, 29)),
        ] {
            assert_eq!(PlanDate::parse(text), want, "{text:?}");
        }
    }

    #[test]
    fn a_date_that_is_not_one_says_why() {
        for (text, want) in [
            ("2025/13/1", "“2025/13/1”的月份 13 不存在（应为 1–12）"),
            ("2025-00-10", "“2025-00-10”的月份 0 不存在（应为 1–12）"),
            (
                "2025年2月29日",
                "“2025年2月29日”的日期不存在：2025年2月只有 28 天",
            ),
            (
                "1900-02-29",
                "“1900-02-29”的日期不存在：1900年2月只有 28 天",
            ),
            ("2025/4/31", "“2025/4/31”的日期不存在：2025年4月只有 30 天"),
            (
                "2025-01-00",
                "“2025-01-00”的日期不存在：2025年1月只有 31 天",
            ),
        ] {
            assert_eq!(
                PlanDate::parse(text).map_err(|e| e.to_string()),
                Err(want.to_string()),
                "{text:?}"
            );
        }
        for text in [
            "",
            "2025",
            "25/3/1",
            "2025/3",
            "2025/3-1",
            "2025-3-1-",
            "2025/003/1",
            "2025年3月1",
            "3/1/2025",
            "+025-01-01",
            "2025年三月一日",
            "明年三月",
        ] {
            assert_eq!(
                PlanDate::parse(text),
                Err(DateError::Format(text.trim().to_string())),
                "{text:?}"
            );
        }
        assert_eq!(
            DateError::Format("明年".into()).to_string(),
            "“明年”不是日期，请按 2025-03-01、2025/3/1 或 2025年3月1日 的样式填写"
        );
    }
}
