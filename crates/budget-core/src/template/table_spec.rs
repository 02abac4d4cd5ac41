//! One published table of a template: what it shows and how it is laid out.
// serde's `flatten` and internally tagged enums buffer the fields as any JSON
// value, floats included, in the derived code: no money passes through here.
#![allow(clippy::disallowed_types)]

use serde::{Deserialize, Serialize};

use super::{CodeLayout, FundKind, SourceColumn, TableUnit, TotalRow, Zeros};
use crate::model::{ExpenditureType, Inputs};

/// One published table: what it shows (`kind`) and how it is laid out.
/// (`kind` is flattened in, so serde cannot refuse unknown fields here; the
/// test `data_files_have_no_unknown_fields` does.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableSpec {
    /// What the table shows (the function of `derive` that builds it).
    #[serde(flatten)]
    pub kind: TableKind,
    /// Title; `{name}` is the 单位名称, `{year}` the 预算年度 (`2025年`),
    /// `{org}` 部门 or 单位.
    pub title: String,
    /// 元 or 万元.
    #[serde(default)]
    pub unit: TableUnit,
    /// The header rows as published; absent: the kind's own header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<Vec<Vec<HeaderSpec>>>,
    /// Codes in one column, or 类/款/项 in columns of their own.
    #[serde(default)]
    pub codes: CodeLayout,
    /// Where the 合计 line of a coded table goes.
    #[serde(default)]
    pub total_row: TotalRow,
    /// Whether a zero figure of a coded line prints `0.00` or stays blank.
    #[serde(default)]
    pub zeros: Zeros,
    /// The note under the table when it has nothing to show.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub empty_note: Option<String>,
}

impl TableSpec {
    /// The title with its placeholders filled in for this form.
    pub fn title_for(&self, inputs: &Inputs) -> String {
        fill(&self.title, inputs)
    }
}

/// `{name}`, `{year}` (`2025年`, or `本年` without a plausible year), `{last}`
/// and `{org}` (部门 / 单位) filled in.
pub fn fill(text: &str, inputs: &Inputs) -> String {
    let (year, last) = inputs.unit.year_words();
    text.replace("{name}", &inputs.unit.name)
        .replace("{year}", &year)
        .replace("{last}", &last)
        .replace("{org}", inputs.unit.document.word())
}

/// A header cell as the data gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderSpec {
    /// Text (placeholders as in titles).
    pub text: String,
    /// Columns spanned.
    #[serde(default = "one")]
    pub cols: u16,
    /// Rows spanned.
    #[serde(default = "one")]
    pub rows: u16,
}

fn one() -> u16 {
    1
}

/// What a table shows. Each kind is one function in `derive`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TableKind {
    /// 财政拨款收支总表: income by fund, expenditure by 类 and fund; with
    /// `carryover` the 上年结转 and 结转下年 lines (重庆), without them a
    /// plain two-sided table (上海).
    AppropriationSummary {
        /// Show 上年结转 / 结转下年.
        carryover: bool,
    },
    /// 一般公共预算 expenditure by code: 小计 / 基本 / 项目, with `last_year`
    /// the 上年 figure before them.
    GeneralByType {
        /// Show last year's figure.
        last_year: bool,
    },
    /// One fund's (政府性基金 / 国有资本经营) expenditure by code.
    FundByType {
        /// Which fund.
        fund: FundKind,
    },
    /// 基本支出 by economic code: 合计 / 人员经费 / 公用经费.
    EconomicBasic,
    /// “三公”经费 of both years (元).
    Sangong,
    /// 部门收支总表: income by source, expenditure by 类, with 结转.
    DeptSummary,
    /// 财务收支预算总表: income by source, expenditure by 类 (上海).
    FinancialSummary,
    /// Income by code and source; `columns` groups the sources (empty: one
    /// column per source, as 重庆 表7).
    IncomeBySource {
        /// Column groups.
        #[serde(default)]
        columns: Vec<SourceColumn>,
    },
    /// Expenditure by code and 支出类型 (empty `types`: every type).
    AllByType {
        /// The types shown.
        #[serde(default)]
        types: Vec<ExpenditureType>,
    },
    /// 政府采购预算明细表.
    Procurement,
    /// 部门（单位）预算整体绩效目标表.
    OverallPerformance,
    /// “三公”经费和机关运行经费预算表 (本年, 万元, one line).
    SangongRunning,
}
