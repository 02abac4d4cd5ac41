//! The inputs: everything a clerk enters (DOMAIN.md §1), and nothing derived.
//!
//! These types are also the `inputs` part of the submission file, so their JSON
//! shape is a compatibility contract: rename nothing without a format version bump.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::amount::{Amount, InputUnit};

pub mod choices;
mod disclosure;
mod document;
mod in_yuan;
mod performance;
pub use disclosure::{
    Assets, Disclosure, GlossaryEntry, LastYearTotals, MemberUnit, ProjectNotes, TargetProject,
    VehicleCategories,
};
pub use document::{DocumentLevel, TemplateId};
pub(crate) use performance::days_in_month;
pub use performance::{
    DateError, Operator, OverallIndicator, OverallPerformance, PlanDate, ProjectForm,
    ProjectIndicator, RowLink,
};

/// A department's budget inputs for one fiscal year.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Inputs {
    /// The template the form is laid out by (`crate::template`); a file
    /// without it is a 重庆 2021 form.
    #[serde(default, skip_serializing_if = "TemplateId::is_default")]
    pub template: TemplateId,
    /// 单位信息
    pub unit: UnitHeader,
    /// 预算明细（支出功能分类）: the fact table.
    #[serde(default)]
    pub rows: Vec<BudgetRow>,
    /// 基本支出经济分类 (一般公共预算).
    #[serde(default)]
    pub economic_rows: Vec<EconomicRow>,
    /// 三公经费, both years.
    #[serde(default)]
    pub sangong: SanGong,
    /// 政府采购
    #[serde(default)]
    pub procurement: Vec<ProcurementRow>,
    /// 部门整体绩效目标 (表10).
    #[serde(default)]
    pub overall_performance: OverallPerformance,
    /// 项目绩效目标表, one per project.
    #[serde(default)]
    pub projects: Vec<ProjectForm>,
    /// 说明文字: reasons, 机关运行经费, vehicles, key work.
    #[serde(default)]
    pub narrative: NarrativeInputs,
    /// What the template's 情况说明 says beyond the budget's figures.
    #[serde(default, skip_serializing_if = "Disclosure::is_empty")]
    pub disclosure: Disclosure,
    /// The clerk's explanations (说明) of warnings, keyed by `Finding::key()`.
    #[serde(default)]
    pub explanations: BTreeMap<String, String>,
    /// Text typed into a whole-number field (`crate::whole`) that is not a
    /// number it accepts, keyed by the field's path; the field keeps its last
    /// valid number. Kept so a reload loses nothing; each entry is an error
    /// (INP-001), so a submission file never has one. Absent when empty.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub unparsed: BTreeMap<String, String>,
}

/// The fiscal years a file may state (the app's 预算年度 field takes the same).
pub const FISCAL_YEARS: std::ops::RangeInclusive<i32> = 0..=9999;

fn fiscal_year<'de, D: serde::Deserializer<'de>>(d: D) -> Result<i32, D::Error> {
    let year = i64::deserialize(d)?;
    i32::try_from(year)
        .ok()
        .filter(|y| FISCAL_YEARS.contains(y))
        .ok_or_else(|| {
            serde::de::Error::custom(format!(
                "预算年度 {year} 不在 {}–{} 之间",
                FISCAL_YEARS.start(),
                FISCAL_YEARS.end()
            ))
        })
}

/// The fiscal years taken as a real 预算年度: a year outside them (0, a
/// typo such as 202) is what a new or half-typed form holds, so UNT-002 reports
/// it and the narrative prints no year rather than arithmetic on it.
pub const PLAUSIBLE_FISCAL_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// 单位信息
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct UnitHeader {
    /// 部门/单位名称, e.g. 重庆市大渡口区人民政府办公室 (table titles).
    pub name: String,
    /// 简称 used in the narrative and forms, e.g. 区政府办.
    #[serde(default)]
    pub short_name: String,
    /// 单位编码, e.g. 103001001.
    pub code: String,
    /// 预算年度, e.g. 2021; 0–9999, as the app's field accepts (a file with
    /// any other year is refused).
    #[serde(deserialize_with = "fiscal_year")]
    #[cfg_attr(feature = "schema", schemars(range(min = 0, max = 9999)))]
    pub fiscal_year: i32,
    /// 单位类型
    #[serde(default)]
    pub unit_type: UnitType,
    /// 联系人
    #[serde(default)]
    pub contact_person: String,
    /// 联系电话
    #[serde(default)]
    pub contact_phone: String,
    /// 职能职责, one duty per entry.
    #[serde(default)]
    pub duties: Vec<String>,
    /// 单位构成
    #[serde(default)]
    pub composition: String,
    /// Whether the document is a 部门's or a 单位's (a 单位 document says
    /// 单位 throughout, never 部门预算); absent means 部门.
    #[serde(default, skip_serializing_if = "DocumentLevel::is_department")]
    pub document: DocumentLevel,
}

impl UnitHeader {
    /// The 预算年度 when it is a plausible one ([`PLAUSIBLE_FISCAL_YEARS`]).
    pub fn known_year(&self) -> Option<i32> {
        PLAUSIBLE_FISCAL_YEARS
            .contains(&self.fiscal_year)
            .then_some(self.fiscal_year)
    }

    /// The words for this year and last year in table titles and headers:
    /// `2021年` and `2020年`; `本年` and `上年` while the 预算年度 is missing
    /// or implausible (UNT-002), never `0年` / `-1年`.
    pub fn year_words(&self) -> (String, String) {
        match self.known_year() {
            Some(y) => (format!("{y}年"), format!("{}年", y - 1)),
            None => ("本年".to_string(), "上年".to_string()),
        }
    }
}

/// 单位类型
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum UnitType {
    /// 行政
    #[default]
    Administrative,
    /// 参公事业 (参照公务员法管理的事业单位)
    CivilServiceManagedInstitution,
    /// 事业
    Institution,
}

impl UnitType {
    /// All values, in display order.
    pub const ALL: [UnitType; 3] = [
        UnitType::Administrative,
        UnitType::CivilServiceManagedInstitution,
        UnitType::Institution,
    ];
    /// Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            UnitType::Administrative => "行政",
            UnitType::CivilServiceManagedInstitution => "参公事业",
            UnitType::Institution => "事业",
        }
    }
}

/// The three fiscal funds (财政拨款的三本预算).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Fund {
    /// 一般公共预算
    General,
    /// 政府性基金预算
    GovFund,
    /// 国有资本经营预算
    StateCapital,
}

impl Fund {
    /// All funds in table order.
    pub const ALL: [Fund; 3] = [Fund::General, Fund::GovFund, Fund::StateCapital];
    /// Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Fund::General => "一般公共预算",
            Fund::GovFund => "政府性基金预算",
            Fund::StateCapital => "国有资本经营预算",
        }
    }
}

/// 收入来源 of a budget row.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FundingSource {
    /// 一般公共预算拨款
    #[default]
    GeneralBudget,
    /// 政府性基金预算拨款
    GovFundBudget,
    /// 国有资本经营预算拨款
    StateCapitalBudget,
    /// 上年结转（一般公共预算）
    CarryoverGeneral,
    /// 上年结转（政府性基金预算）
    CarryoverGovFund,
    /// 上年结转（国有资本经营预算）
    CarryoverStateCapital,
    /// 事业收入（非教育收费）
    BusinessNonEducation,
    /// 事业收入（教育收费）
    BusinessEducation,
    /// 事业单位经营收入
    OperatingIncome,
    /// 其他收入
    OtherIncome,
    /// 用事业基金弥补收支差额
    BusinessFund,
}

impl FundingSource {
    /// All sources, in the column order of 表7.
    pub const ALL: [FundingSource; 11] = [
        FundingSource::GeneralBudget,
        FundingSource::GovFundBudget,
        FundingSource::StateCapitalBudget,
        FundingSource::CarryoverGeneral,
        FundingSource::CarryoverGovFund,
        FundingSource::CarryoverStateCapital,
        FundingSource::BusinessNonEducation,
        FundingSource::BusinessEducation,
        FundingSource::OperatingIncome,
        FundingSource::OtherIncome,
        FundingSource::BusinessFund,
    ];
    /// Chinese label as on the forms.
    pub fn label(self) -> &'static str {
        match self {
            FundingSource::GeneralBudget => "一般公共预算拨款",
            FundingSource::GovFundBudget => "政府性基金预算拨款",
            FundingSource::StateCapitalBudget => "国有资本经营预算拨款",
            FundingSource::CarryoverGeneral => "上年结转（一般公共预算）",
            FundingSource::CarryoverGovFund => "上年结转（政府性基金预算）",
            FundingSource::CarryoverStateCapital => "上年结转（国有资本经营预算）",
            FundingSource::BusinessNonEducation => "事业收入（非教育收费）",
            FundingSource::BusinessEducation => "事业收入（教育收费）",
            FundingSource::OperatingIncome => "事业单位经营收入",
            FundingSource::OtherIncome => "其他收入",
            FundingSource::BusinessFund => "用事业基金弥补收支差额",
        }
    }
    /// Short label for grids (一般公共预算, 上年结转-一般 …).
    pub fn short_label(self) -> &'static str {
        match self {
            FundingSource::GeneralBudget => "一般公共预算",
            FundingSource::GovFundBudget => "政府性基金",
            FundingSource::StateCapitalBudget => "国有资本经营",
            FundingSource::CarryoverGeneral => "结转-一般公共预算",
            FundingSource::CarryoverGovFund => "结转-政府性基金",
            FundingSource::CarryoverStateCapital => "结转-国有资本经营",
            FundingSource::BusinessNonEducation => "事业收入-非教育",
            FundingSource::BusinessEducation => "事业收入-教育",
            FundingSource::OperatingIncome => "经营收入",
            FundingSource::OtherIncome => "其他收入",
            FundingSource::BusinessFund => "事业基金弥补",
        }
    }
    /// The fiscal fund this source belongs to (财政拨款), current year or carried over.
    pub fn fund(self) -> Option<Fund> {
        match self {
            FundingSource::GeneralBudget | FundingSource::CarryoverGeneral => Some(Fund::General),
            FundingSource::GovFundBudget | FundingSource::CarryoverGovFund => Some(Fund::GovFund),
            FundingSource::StateCapitalBudget | FundingSource::CarryoverStateCapital => {
                Some(Fund::StateCapital)
            }
            _ => None,
        }
    }
    /// True for 上年结转 sources.
    pub fn is_carryover(self) -> bool {
        matches!(
            self,
            FundingSource::CarryoverGeneral
                | FundingSource::CarryoverGovFund
                | FundingSource::CarryoverStateCapital
        )
    }
    /// Parse a Chinese label (full or short) or the JSON name. Brackets,
    /// dashes, dots and spaces do not count: `上年结转-一般公共预算` is
    /// `上年结转（一般公共预算）`.
    pub fn from_label(s: &str) -> Option<Self> {
        let s = s.trim();
        let bare = |t: &str| -> String {
            t.chars()
                .filter(|c| !LABEL_PUNCTUATION.contains(c))
                .collect()
        };
        let wanted = bare(s);
        FundingSource::ALL.into_iter().find(|f| {
            (!wanted.is_empty() && (bare(f.label()) == wanted || bare(f.short_label()) == wanted))
                || has_json_name(f, s)
        })
    }
}

/// True when `t` is written `s` in JSON (`general_budget`): the label parsers
/// take an enum's JSON name too.
fn has_json_name<T: Serialize>(t: T, s: &str) -> bool {
    serde_json::to_value(t)
        .ok()
        .is_some_and(|v| v.as_str() == Some(s))
}

/// What [`FundingSource::from_label`] ignores in a label: brackets, dashes,
/// dots and spaces.
const LABEL_PUNCTUATION: &[char] = &[
    '（', '）', '(', ')', '-', '－', '—', '·', '・', '、', ' ', '\u{3000}',
];

/// 支出类型 of a budget row.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExpenditureType {
    /// 基本支出
    #[default]
    Basic,
    /// 项目支出
    Project,
    /// 上缴上级支出
    ToSuperior,
    /// 事业单位经营支出
    Operating,
    /// 对下级单位补助支出
    SubsidyToSubordinate,
}

impl ExpenditureType {
    /// All types, in the column order of 表8.
    pub const ALL: [ExpenditureType; 5] = [
        ExpenditureType::Basic,
        ExpenditureType::Project,
        ExpenditureType::ToSuperior,
        ExpenditureType::Operating,
        ExpenditureType::SubsidyToSubordinate,
    ];
    /// Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            ExpenditureType::Basic => "基本支出",
            ExpenditureType::Project => "项目支出",
            ExpenditureType::ToSuperior => "上缴上级支出",
            ExpenditureType::Operating => "事业单位经营支出",
            ExpenditureType::SubsidyToSubordinate => "对下级单位补助支出",
        }
    }
    /// Parse a Chinese label (`基本支出` or `基本`) or the JSON name.
    pub fn from_label(s: &str) -> Option<Self> {
        let s = s.trim();
        ExpenditureType::ALL.into_iter().find(|t| {
            t.label() == s || t.label().trim_end_matches("支出") == s || has_json_name(t, s)
        })
    }
}

/// One line of the fact table: function code · source · type · this year · last year.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BudgetRow {
    /// 支出功能分类 code at 项 level (7 digits), e.g. 2010301.
    pub code: String,
    /// 收入来源
    pub source: FundingSource,
    /// 支出类型
    pub kind: ExpenditureType,
    /// 本年预算数 (元)
    pub this_year: Amount,
    /// 上年预算数 (元)
    pub last_year: Amount,
    /// Text pasted into 收入来源 or 支出类型 that names none of its choices,
    /// keyed by field (`source`, `kind`); the field keeps its value (a new
    /// row's default). Kept so nothing pasted is lost, and an error (INP-001)
    /// until a choice is made. Absent when empty.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub unparsed: BTreeMap<String, String>,
}

/// One line of 基本支出 by 部门预算支出经济分类 (款 level, 5 digits).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EconomicRow {
    /// Economic code at 款 level, e.g. 30101.
    pub code: String,
    /// 本年基本支出 (元)
    pub amount: Amount,
}

/// 三公经费 of both years.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SanGong {
    /// 上年预算数
    pub last_year: SanGongYear,
    /// 本年预算数
    pub this_year: SanGongYear,
    /// The unit the eight figures are entered in (元 unless the document
    /// publishes them in 万元); absent in files means 元.
    #[serde(default, skip_serializing_if = "InputUnit::is_yuan")]
    pub unit: InputUnit,
}

/// The four 三公 items of one year.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SanGongYear {
    /// 因公出国（境）费
    pub abroad: Amount,
    /// 公务用车购置费
    pub vehicle_purchase: Amount,
    /// 公务用车运行维护费
    pub vehicle_operation: Amount,
    /// 公务接待费
    pub reception: Amount,
}

/// 政府采购品目类别
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProcurementCategory {
    /// 货物类
    #[default]
    Goods,
    /// 工程类
    Works,
    /// 服务类
    Services,
}

impl ProcurementCategory {
    /// All categories, in narrative order.
    pub const ALL: [ProcurementCategory; 3] = [
        ProcurementCategory::Goods,
        ProcurementCategory::Works,
        ProcurementCategory::Services,
    ];
    /// Chinese label (表9).
    pub fn label(self) -> &'static str {
        match self {
            ProcurementCategory::Goods => "货物类",
            ProcurementCategory::Works => "工程类",
            ProcurementCategory::Services => "服务类",
        }
    }
    /// Narrative word (货物 / 工程 / 服务).
    pub fn word(self) -> &'static str {
        self.label().trim_end_matches('类')
    }
    /// Parse a label as 表9 or a clerk writes it: `货物类` or `货物`, or the
    /// JSON name (`goods`). Anything else is `None`.
    pub fn from_label(s: &str) -> Option<Self> {
        let s = s.trim();
        ProcurementCategory::ALL
            .into_iter()
            .find(|c| c.label() == s || c.word() == s || has_json_name(c, s))
    }
}

/// One line of 政府采购: category × source.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProcurementRow {
    /// 采购类别
    pub category: ProcurementCategory,
    /// 资金来源
    pub source: FundingSource,
    /// 金额 (元)
    pub amount: Amount,
    /// Text pasted into 采购类别 or 资金来源 that names none of its choices,
    /// keyed by field (`category`, `source`), as `BudgetRow::unparsed`: an
    /// error (INP-001) until a choice is made. Absent when empty.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub unparsed: BTreeMap<String, String>,
}

/// Narrative inputs (说明文字).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct NarrativeInputs {
    /// Reasons for each year-on-year change the narrative reports.
    pub reasons: Reasons,
    /// 机关运行经费 this year, in `running_cost_unit`
    pub running_cost_this_year: Amount,
    /// 机关运行经费 last year, in `running_cost_unit`
    pub running_cost_last_year: Amount,
    /// The unit both 机关运行经费 figures are entered in (元 unless the
    /// document publishes them in 万元); absent in files means 元.
    #[serde(skip_serializing_if = "InputUnit::is_yuan")]
    pub running_cost_unit: InputUnit,
    /// 机关运行经费主要用于 (e.g. 办公费、印刷费…)
    pub running_cost_use: String,
    /// Vehicles held at the start of the year.
    pub vehicles_held: Vehicles,
    /// Vehicles to be bought this year.
    pub vehicles_to_buy: Vehicles,
    /// 项目支出主要包括 (key project work).
    pub key_work: String,
}

/// Year-on-year change reasons (变动原因).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Reasons {
    /// 收入（支出）总额变动原因
    pub income: String,
    /// 基本支出变动原因
    pub basic: String,
    /// 项目支出变动原因
    pub project: String,
    /// 因公出国（境）费变动原因
    pub abroad: String,
    /// 公务用车购置费变动原因
    pub vehicle_purchase: String,
    /// 公务用车运行维护费变动原因
    pub vehicle_operation: String,
    /// 公务接待费变动原因
    pub reception: String,
    /// 机关运行经费变动原因
    pub running_cost: String,
}

/// Vehicle counts: 一般公务用车 / 执勤执法用车.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Vehicles {
    /// 一般公务用车
    pub general: u32,
    /// 执勤执法用车
    pub enforcement: u32,
}

impl Vehicles {
    /// Total vehicles.
    pub fn total(self) -> u32 {
        self.general.saturating_add(self.enforcement)
    }
}

/// `code.trim()`, without the Unicode whitespace scan for the usual code that
/// starts and ends with an ASCII letter or digit (the per-row hot loops).
#[inline]
pub(crate) fn trim_code(code: &str) -> &str {
    let b = code.as_bytes();
    match (b.first(), b.last()) {
        (Some(f), Some(l)) if f.is_ascii_alphanumeric() && l.is_ascii_alphanumeric() => code,
        _ => code.trim(),
    }
}

#[cfg(test)]
mod tests;
