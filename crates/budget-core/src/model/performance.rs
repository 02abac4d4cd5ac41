//! Performance targets (绩效目标): the overall indicators of 表10 and the
//! project forms (项目绩效目标表) with their indicators and links to rows.

use serde::{Deserialize, Serialize};

use super::FundingSource;
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
