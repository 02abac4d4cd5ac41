//! Templates: what one region publishes in one year — its tables, their
//! layout, its 情况说明 and the parameters of its checks — as data.
//!
//! Each template is a JSON file in `data/templates/` (embedded at build
//! time). The arithmetic is the same for every template: a table names a
//! `kind` (one function of `derive`, shared by every template) and how it is
//! laid out (title, header, codes whole or 类/款/项 apart, where the 合计 line
//! goes, zeros printed or blank, the note of an empty table). Adding a
//! template is a data file here and a line in `BUILTIN`; a new kind of table
//! or narrative is a small function in `derive` or `narrative`.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::model::{ExpenditureType, FundingSource, Inputs};

mod table_spec;
pub use table_spec::{HeaderSpec, TableKind, TableSpec, fill};

/// The template a file without `inputs.template` is read as (every file
/// written before templates existed is a 重庆 2021 form).
pub const DEFAULT_ID: &str = "chongqing-district-2021";

/// The built-in templates' data files, in the order the app lists them.
const BUILTIN: [&str; 2] = [
    include_str!("../data/templates/chongqing-district-2021.json"),
    include_str!("../data/templates/shanghai-district-2025.json"),
];

static TEMPLATES: LazyLock<Vec<Template>> = LazyLock::new(|| {
    BUILTIN
        .iter()
        .filter_map(|text| serde_json::from_str(text).ok())
        .collect()
});

/// Every built-in template (each data file is parsed once, on first use; a
/// test checks that every one parses).
pub fn all() -> &'static [Template] {
    &TEMPLATES
}

/// The template with this id.
pub fn get(id: &str) -> Option<&'static Template> {
    all().iter().find(|t| t.id == id)
}

/// The template a form is laid out by: its own, or the default one while its
/// id is unknown (a file naming an unknown template is refused on reading,
/// and TPL-001 reports it for a form built in memory).
pub fn of(inputs: &Inputs) -> &'static Template {
    get(inputs.template.as_str())
        .or_else(|| get(DEFAULT_ID))
        .unwrap_or_else(|| &FALLBACK)
}

/// Used only if the built-in data failed to parse (a test rules it out):
/// no tables, the 重庆 narrative.
static FALLBACK: LazyLock<Template> = LazyLock::new(|| Template {
    id: DEFAULT_ID.to_string(),
    name: String::new(),
    region: String::new(),
    fiscal_year: 2021,
    catalog_year: 2021,
    source: String::new(),
    sample: String::new(),
    tables: Vec::new(),
    narrative: NarrativeKind::Chongqing,
    checks: CheckParams::default(),
});

/// The ids of the built-in templates, `、`-separated (for messages).
pub fn known_ids() -> String {
    all()
        .iter()
        .map(|t| t.id.as_str())
        .collect::<Vec<_>>()
        .join("、")
}

/// One template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// Stable id, e.g. `shanghai-district-2025` (stored in the file).
    pub id: String,
    /// Chinese name shown in the app and by `budget-check templates`.
    pub name: String,
    /// 地区
    pub region: String,
    /// The 预算年度 whose documents it follows.
    pub fiscal_year: i32,
    /// The year of the 科目 catalogs its documents use.
    pub catalog_year: i32,
    /// The published document(s) its layout is taken from.
    pub source: String,
    /// The label of the app's button that loads its sample.
    pub sample: String,
    /// The tables, in the order they are published.
    pub tables: Vec<TableSpec>,
    /// Which 情况说明 it writes.
    pub narrative: NarrativeKind,
    /// Parameters of the checks that differ by template.
    pub checks: CheckParams,
}

impl Template {
    /// `表N` labels and titles of its tables, for listings.
    pub fn table_titles(&self, inputs: &Inputs) -> Vec<String> {
        self.tables.iter().map(|s| s.title_for(inputs)).collect()
    }

    /// Whether a table of this template shows figures of this source (a
    /// source no table shows would be lost from the published tables).
    pub fn shows_source(&self, s: FundingSource) -> bool {
        self.tables.iter().any(|t| match &t.kind {
            TableKind::IncomeBySource { columns } => {
                columns.is_empty() || columns.iter().any(|c| c.sources.contains(&s))
            }
            TableKind::DeptSummary | TableKind::FinancialSummary => true,
            _ => false,
        })
    }

    /// `（表N）` for the first table of the kinds `pick` accepts, as this
    /// template numbers it (empty when it publishes none): what a message
    /// names.
    pub fn table_ref(&self, pick: impl Fn(&TableKind) -> bool) -> String {
        self.tables
            .iter()
            .position(|t| pick(&t.kind))
            .map_or_else(String::new, |n| format!("（表{}）", n + 1))
    }

    /// Whether its 支出 tables show this 支出类型.
    pub fn shows_type(&self, k: ExpenditureType) -> bool {
        self.tables.iter().any(|t| match &t.kind {
            TableKind::AllByType { types } => types.is_empty() || types.contains(&k),
            _ => false,
        })
    }
}

/// A fund of the 财政拨款.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FundKind {
    /// 政府性基金预算
    GovFund,
    /// 国有资本经营预算
    StateCapital,
}

/// One income column: a label and the sources summed in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceColumn {
    /// Header label.
    pub label: String,
    /// Sources summed.
    pub sources: Vec<FundingSource>,
}

/// A table's unit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TableUnit {
    /// 元
    #[default]
    #[serde(rename = "元")]
    Yuan,
    /// 万元
    #[serde(rename = "万元")]
    Wan,
}

/// How codes are printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeLayout {
    /// `2010601` in one column.
    #[default]
    Joined,
    /// `201 | 06 | 01` in 类/款/项 columns.
    Split,
}

/// Where a coded table's 合计 line goes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TotalRow {
    /// Above the lines (重庆).
    #[default]
    First,
    /// Below them (上海).
    Last,
}

/// How a zero figure of a coded line prints.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Zeros {
    /// As derived (a figure nothing was summed into is blank).
    #[default]
    Blank,
    /// `0.00` in every figure cell of a line.
    Shown,
}

/// Which 情况说明 a template writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NarrativeKind {
    /// 重庆: 单位基本情况 … 名词解释.
    Chongqing,
    /// 上海: 主要职能, 机构设置, 名词解释, 编制说明, 其他相关情况说明, 项目经费情况说明.
    Shanghai,
}

/// Check parameters that differ by template.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckParams {
    /// Whether 部门整体绩效目标 (表10) is published, so required.
    pub overall_performance_required: bool,
    /// Economic lines whose 基本支出 equals that of function 项 (IDN-003).
    pub correspondence: Vec<Correspondence>,
    /// Where the correspondences are seen in real documents.
    pub correspondence_source: String,
    /// The change reasons the template's text prints (`narrative.reasons`
    /// field names): NAR-001 asks only for these.
    pub reasons: Vec<String>,
    /// Whether the text ends with a contact line (NAR-003 asks for a phone).
    pub contact_required: bool,
}

/// Σ `economic` lines = Σ 一般公共预算 基本支出 of the `function` 项.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correspondence {
    /// Economic 款 codes.
    pub economic: Vec<String>,
    /// Function 项 codes.
    pub function: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_template_parses_and_ids_are_unique() {
        for text in BUILTIN {
            let parsed: Result<Template, _> = serde_json::from_str(text);
            assert!(parsed.is_ok(), "{parsed:?}");
        }
        assert_eq!(all().len(), BUILTIN.len());
        let mut ids: Vec<&str> = all().iter().map(|t| t.id.as_str()).collect();
        ids.dedup();
        assert_eq!(ids.len(), BUILTIN.len());
        assert_eq!(of(&Inputs::default()).id, DEFAULT_ID);
    }

    /// Every field of a data file is read: written back, each table has the
    /// same keys (a misspelt key would otherwise be ignored).
    #[test]
    fn data_files_have_no_unknown_fields() {
        for text in BUILTIN {
            let raw: serde_json::Value = serde_json::from_str(text).unwrap();
            let t: Template = serde_json::from_value(raw.clone()).unwrap();
            let back = serde_json::to_value(&t).unwrap();
            for (a, b) in raw["tables"]
                .as_array()
                .unwrap()
                .iter()
                .zip(back["tables"].as_array().unwrap())
            {
                for key in a.as_object().unwrap().keys() {
                    assert!(b.get(key).is_some(), "{}: unknown field {key}", t.id);
                }
            }
        }
    }

    #[test]
    fn every_income_table_shows_every_source_once() {
        for t in all() {
            for spec in &t.tables {
                let TableKind::IncomeBySource { columns } = &spec.kind else {
                    continue;
                };
                if columns.is_empty() {
                    continue;
                }
                for s in FundingSource::ALL {
                    let n = columns.iter().filter(|c| c.sources.contains(&s)).count();
                    assert_eq!(n, 1, "{} {}: {s:?}", t.id, spec.title);
                }
            }
        }
    }

    #[test]
    fn placeholders_are_filled() {
        let mut i = Inputs::default();
        i.unit.name = "上海市普陀区财政局".into();
        i.unit.fiscal_year = 2025;
        assert_eq!(
            fill("{year}{org}收入预算总表，{name}，比{last}", &i),
            "2025年部门收入预算总表，上海市普陀区财政局，比2024年"
        );
    }
}
