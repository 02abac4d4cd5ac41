//! What a template's 情况说明 says beyond the figures of the budget: the
//! 上海 documents' 机构设置, 名词解释, the purpose of each 功能分类 项, last
//! year's totals where only totals are published, the vehicle census,
//! procurement reserved for small and medium firms and the 项目经费情况说明.
//! Any template may use them; only what a document gives is entered.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::amount::{Amount, InputUnit};
use crate::model::UnitType;

/// The disclosure texts and facts (absent from files when empty).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Disclosure {
    /// 机构设置: the units the budget includes, the department itself first.
    pub members: Vec<MemberUnit>,
    /// 名词解释, in order.
    pub glossary: Vec<GlossaryEntry>,
    /// 主要用于… per 功能分类 项 code (what each 项's money is mainly for).
    pub purposes: BTreeMap<String, String>,
    /// Last year's budget where the document gives only totals.
    pub last_year: LastYearTotals,
    /// 国有资产占有使用: vehicles and equipment.
    pub assets: Assets,
    /// 政府采购预算 reserved for small and medium firms (元), where given.
    pub sme_reserved: Amount,
    /// 项目经费情况说明 (one text per heading, for the department's projects).
    pub project_notes: ProjectNotes,
    /// The projects with performance targets (绩效目标设置情况) where the
    /// document names them with their budget but publishes no project form;
    /// with project forms entered, the forms are counted instead.
    pub target_projects: Vec<TargetProject>,
}

/// A project named with its budget.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct TargetProject {
    /// 项目名称
    pub name: String,
    /// 项目预算 (元)
    pub amount: Amount,
}

impl Disclosure {
    /// True when nothing is entered (the file then has no `disclosure`): a
    /// zero figure is nothing (a file writes a blank one as `0.00`).
    pub fn is_empty(&self) -> bool {
        let l = &self.last_year;
        self.members.is_empty()
            && self.glossary.is_empty()
            && self.purposes.is_empty()
            && !l.given
            && l.unit.is_yuan()
            && [
                &l.fiscal,
                &l.general,
                &l.gov_fund,
                &l.state_capital,
                &self.sme_reserved,
            ]
            .into_iter()
            .all(is_nothing)
            && self.assets == Assets::default()
            && self.project_notes == ProjectNotes::default()
            && self.target_projects.is_empty()
    }
}

fn is_nothing(a: &Amount) -> bool {
    a.text().trim().is_empty() || a.parsed().is_some_and(|v| v.is_zero())
}

/// One unit of the department.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct MemberUnit {
    /// 名称, e.g. 财政局本部.
    pub name: String,
    /// 单位类型 (参公事业 counts as 事业单位 in 机构设置).
    pub unit_type: UnitType,
}

/// One 名词解释.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct GlossaryEntry {
    /// 名词, e.g. 基本支出预算.
    pub term: String,
    /// 解释
    pub text: String,
}

/// Last year's budget totals, entered where the document states last year
/// only as totals (比2024年预算增加107.62万元): with `given`, the narrative
/// compares with these instead of the rows' 上年 column.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct LastYearTotals {
    /// Whether last year is entered as these totals (not per row).
    pub given: bool,
    /// The unit the figures are entered in.
    #[serde(skip_serializing_if = "InputUnit::is_yuan")]
    pub unit: InputUnit,
    /// 财政拨款收入 (the three funds)
    pub fiscal: Amount,
    /// 一般公共预算拨款
    pub general: Amount,
    /// 政府性基金预算拨款
    pub gov_fund: Amount,
    /// 国有资本经营预算拨款
    pub state_capital: Amount,
}

impl LastYearTotals {
    /// The figure in 元 when the totals are given and it is valid.
    pub fn yuan(&self, a: &Amount) -> Option<Decimal> {
        if !self.given {
            return None;
        }
        self.unit.yuan(a)
    }
}

/// Vehicles and large equipment: held at a date, and to be bought.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Assets {
    /// The date the holdings are counted at, as published (2024年8月31日).
    pub as_of: String,
    /// Vehicles held, by category.
    pub vehicles_held: VehicleCategories,
    /// Vehicles to be bought this year.
    pub vehicles_to_buy: VehicleCategories,
    /// 单价100万元（含）以上设备（不含车辆）held, 台（套）.
    pub equipment_held: u32,
    /// … to be bought this year.
    pub equipment_to_buy: u32,
}

/// Vehicle counts in the 8 categories of the 上海 disclosures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct VehicleCategories {
    /// 部级领导干部用车
    pub ministerial: u32,
    /// 主要领导干部用车
    pub principal: u32,
    /// 机要通信用车
    pub confidential: u32,
    /// 应急保障用车
    pub emergency: u32,
    /// 执法执勤用车
    pub enforcement: u32,
    /// 特种专业技术用车
    pub special: u32,
    /// 离退休干部用车
    pub retired: u32,
    /// 其他用车
    pub other: u32,
}

impl VehicleCategories {
    /// The labels, in the order the documents list them.
    pub const LABELS: [&'static str; 8] = [
        "部级领导干部用车",
        "主要领导干部用车",
        "机要通信用车",
        "应急保障用车",
        "执法执勤用车",
        "特种专业技术用车",
        "离退休干部用车",
        "其他用车",
    ];
    /// The field names, in the order of [`Self::LABELS`].
    pub const FIELDS: [&'static str; 8] = [
        "ministerial",
        "principal",
        "confidential",
        "emergency",
        "enforcement",
        "special",
        "retired",
        "other",
    ];
    /// The counts, in the order of [`Self::LABELS`].
    pub fn counts(&self) -> [u32; 8] {
        [
            self.ministerial,
            self.principal,
            self.confidential,
            self.emergency,
            self.enforcement,
            self.special,
            self.retired,
            self.other,
        ]
    }
    /// The count of category `k` (0–7) for editing.
    pub fn get_mut(&mut self, k: usize) -> Option<&mut u32> {
        Some(match k {
            0 => &mut self.ministerial,
            1 => &mut self.principal,
            2 => &mut self.confidential,
            3 => &mut self.emergency,
            4 => &mut self.enforcement,
            5 => &mut self.special,
            6 => &mut self.retired,
            7 => &mut self.other,
            _ => return None,
        })
    }
    /// All vehicles (saturating).
    pub fn total(&self) -> u32 {
        self.counts().iter().fold(0u32, |a, &b| a.saturating_add(b))
    }
}

/// 项目经费情况说明, one text per heading.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct ProjectNotes {
    /// 项目概述
    pub overview: String,
    /// 立项依据
    pub basis: String,
    /// 实施主体
    pub implementer: String,
    /// 实施方案
    pub plan: String,
    /// 实施周期
    pub period: String,
    /// 绩效目标
    pub goal: String,
}
