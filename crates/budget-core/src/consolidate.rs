//! Consolidation (部门汇总): the units' forms → the department's form.
//!
//! A 部门's disclosure is the sum of its 单位. Budget rows are summed by
//! (code, funding source, type), economic rows by code, 三公, procurement
//! (by category and source), 机关运行经费 and vehicles summed; project forms
//! are kept, in unit order. The department's own texts (name, duties, contact,
//! reasons, 整体绩效, explanations) are entered once, in [`Department`]; the
//! 机构设置 counts by unit type are derived from the units.
//!
//! Refused ([`ConsolidateError`]) for units of different years, the same unit
//! twice, or a unit whose form has errors. Pure: the units' findings are
//! computed here.

use std::collections::BTreeMap;
use std::fmt;

use rustc_hash::FxHashMap;

use crate::amount::{Amount, CentSum, InputUnit};
use crate::checks::check;
use crate::derive::derive;
use crate::finding::Finding;
use crate::model::{
    BudgetRow, EconomicRow, ExpenditureType, FundingSource, Inputs, NarrativeInputs,
    OverallPerformance, ProcurementCategory, ProcurementRow, Reasons, SanGong, SanGongYear,
    UnitHeader, UnitType, Vehicles,
};

/// What the department enters once, at department level: everything of its
/// form that is not a sum of its units.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Department {
    /// 部门名称
    pub name: String,
    /// 部门简称
    pub short_name: String,
    /// 部门编码
    pub code: String,
    /// 部门（主管单位）的单位类型
    pub unit_type: UnitType,
    /// 联系人
    pub contact_person: String,
    /// 联系电话
    pub contact_phone: String,
    /// 职能职责
    pub duties: Vec<String>,
    /// 机构设置 in the department's words; the counts by unit type follow it.
    pub composition: String,
    /// 变动原因
    pub reasons: Reasons,
    /// 机关运行经费的用途
    pub running_cost_use: String,
    /// 重点工作
    pub key_work: String,
    /// 部门整体绩效目标
    pub overall_performance: OverallPerformance,
    /// The department's explanations of its form's warnings.
    pub explanations: BTreeMap<String, String>,
}

impl Department {
    /// A department of this code and name, every text empty.
    pub fn new(code: &str, name: &str) -> Self {
        Department {
            code: code.trim().to_string(),
            name: name.trim().to_string(),
            ..Default::default()
        }
    }

    /// The department's own part of a consolidated form of `units`: what
    /// [`consolidate`] took from a `Department` (the 机构设置 counts it
    /// appended are taken off again).
    pub fn of(form: &Inputs, units: &[Inputs]) -> Self {
        let u = &form.unit;
        let composition = u.composition.as_str();
        let own = composition
            .strip_suffix(counts_sentence(units).as_str())
            .unwrap_or(composition);
        Department {
            name: u.name.clone(),
            short_name: u.short_name.clone(),
            code: u.code.clone(),
            unit_type: u.unit_type,
            contact_person: u.contact_person.clone(),
            contact_phone: u.contact_phone.clone(),
            duties: u.duties.clone(),
            composition: own.to_string(),
            reasons: form.narrative.reasons.clone(),
            running_cost_use: form.narrative.running_cost_use.clone(),
            key_work: form.narrative.key_work.clone(),
            overall_performance: form.overall_performance.clone(),
            explanations: form.explanations.clone(),
        }
    }
}

/// One unit, as a refusal names it: `区政府办（103001001）`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitName {
    /// 单位名称
    pub name: String,
    /// 单位编码
    pub code: String,
}

impl UnitName {
    fn of(unit: &UnitHeader) -> Self {
        UnitName {
            name: unit.name.trim().to_string(),
            code: unit.code.trim().to_string(),
        }
    }
}

impl fmt::Display for UnitName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.name.is_empty(), self.code.is_empty()) {
            (false, false) => write!(f, "“{}”（{}）", self.name, self.code),
            (false, true) => write!(f, "“{}”", self.name),
            (true, false) => write!(f, "编码 {} 的单位", self.code),
            (true, true) => f.write_str("未填写名称和编码的单位"),
        }
    }
}

/// Why the units cannot be consolidated. `Display` is the Chinese message.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConsolidateError {
    /// No unit given.
    #[error("没有单位的填报文件，无法汇总")]
    NoUnits,
    /// The units are of different fiscal years.
    #[error("{}", years_message(.0))]
    Years(Vec<(UnitName, i32)>),
    /// The units are laid out by different templates.
    #[error("{}", templates_message(.0))]
    Templates(Vec<(UnitName, String)>),
    /// One unit given twice (the same code, or the same name).
    #[error("{0}出现了两次（第 {1} 个和第 {2} 个单位），每个单位只能汇总一次")]
    Duplicate(UnitName, usize, usize),
    /// Units whose forms have errors, each with its errors.
    #[error("{}", errors_message(.0))]
    Errors(Vec<(UnitName, Vec<Finding>)>),
}

fn years_message(units: &[(UnitName, i32)]) -> String {
    let list: Vec<String> = units.iter().map(|(u, y)| format!("{u} {y} 年")).collect();
    format!("各单位的预算年度不同，不能汇总：{}", list.join("、"))
}

fn templates_message(units: &[(UnitName, String)]) -> String {
    let list: Vec<String> = units
        .iter()
        .map(|(u, t)| format!("{u}：{}", template_name(t)))
        .collect();
    format!("各单位的填报模板不同，不能汇总：{}", list.join("、"))
}

fn template_name(id: &str) -> String {
    crate::template::get(id).map_or_else(|| id.to_string(), |t| t.name.clone())
}

fn errors_message(units: &[(UnitName, Vec<Finding>)]) -> String {
    let mut s = format!("{} 个单位的填报有错误，改正后才能汇总：", units.len());
    for (u, errors) in units {
        s.push_str(&format!("\n  {u}：{} 个错误", errors.len()));
        for f in errors.iter().take(3) {
            s.push_str(&format!("\n    [{}] {}", f.check, f.message));
        }
        if errors.len() > 3 {
            s.push_str(&format!("\n    另有 {} 个错误", errors.len() - 3));
        }
    }
    s
}

/// The department's form: `department`'s own texts and the sums of `units`
/// (see the module doc). Refused for units of different years, a unit given
/// twice, or units with error findings (all listed).
pub fn consolidate(department: &Department, units: &[Inputs]) -> Result<Inputs, ConsolidateError> {
    let first = units.first().ok_or(ConsolidateError::NoUnits)?;
    let year = first.unit.fiscal_year;
    if units.iter().any(|u| u.unit.fiscal_year != year) {
        return Err(ConsolidateError::Years(
            units
                .iter()
                .map(|u| (UnitName::of(&u.unit), u.unit.fiscal_year))
                .collect(),
        ));
    }
    let template = crate::template::of(first);
    if units
        .iter()
        .any(|u| crate::template::of(u).id != template.id)
    {
        return Err(ConsolidateError::Templates(
            units
                .iter()
                .map(|u| (UnitName::of(&u.unit), crate::template::of(u).id.clone()))
                .collect(),
        ));
    }
    refuse_duplicates(units)?;
    let with_errors: Vec<(UnitName, Vec<Finding>)> = units
        .iter()
        .filter_map(|u| {
            let errors: Vec<Finding> = check(u, &derive(u))
                .into_iter()
                .filter(Finding::is_error)
                .collect();
            (!errors.is_empty()).then(|| (UnitName::of(&u.unit), errors))
        })
        .collect();
    if !with_errors.is_empty() {
        return Err(ConsolidateError::Errors(with_errors));
    }
    Ok(sum(department, units, year, &template.id))
}

/// The same unit twice: by code, or by name when a code is blank.
fn refuse_duplicates(units: &[Inputs]) -> Result<(), ConsolidateError> {
    let mut codes: FxHashMap<&str, usize> = FxHashMap::default();
    let mut names: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, u) in units.iter().enumerate() {
        for (map, key) in [
            (&mut codes, u.unit.code.trim()),
            (&mut names, u.unit.name.trim()),
        ] {
            if key.is_empty() {
                continue;
            }
            if let Some(&first) = map.get(key) {
                return Err(ConsolidateError::Duplicate(
                    UnitName::of(&u.unit),
                    first + 1,
                    i + 1,
                ));
            }
            map.insert(key, i);
        }
    }
    Ok(())
}

/// Exact sums (in 分) keyed in order of first appearance.
struct Sums<K> {
    order: Vec<K>,
    sums: FxHashMap<K, [CentSum; 2]>,
}

impl<K: std::hash::Hash + Eq + Clone> Sums<K> {
    fn new() -> Self {
        Sums {
            order: Vec::new(),
            sums: FxHashMap::default(),
        }
    }
    fn add(&mut self, key: K, this_year: &Amount, last_year: &Amount) {
        let entry = self.sums.entry(key.clone()).or_insert_with(|| {
            self.order.push(key);
            [CentSum::default(); 2]
        });
        entry[0].add(this_year);
        entry[1].add(last_year);
    }
    fn into_rows(self) -> impl Iterator<Item = (K, Amount, Amount)> {
        let Sums { order, sums } = self;
        order.into_iter().map(move |k| {
            let [a, b] = sums[&k];
            (k, amount(a), amount(b))
        })
    }
}

fn amount(sum: CentSum) -> Amount {
    Amount::from_decimal(sum.to_decimal())
}

fn sum_cells<'a>(cells: impl IntoIterator<Item = &'a Amount>) -> Amount {
    let mut s = CentSum::default();
    for c in cells {
        s.add(c);
    }
    amount(s)
}

fn sangong_year(units: &[SanGong], year: impl Fn(&SanGong) -> &SanGongYear) -> SanGongYear {
    SanGongYear {
        abroad: sum_cells(units.iter().map(|u| &year(u).abroad)),
        vehicle_purchase: sum_cells(units.iter().map(|u| &year(u).vehicle_purchase)),
        vehicle_operation: sum_cells(units.iter().map(|u| &year(u).vehicle_operation)),
        reception: sum_cells(units.iter().map(|u| &year(u).reception)),
    }
}

fn vehicles(units: &[Inputs], pick: impl Fn(&NarrativeInputs) -> Vehicles) -> Vehicles {
    units.iter().fold(Vehicles::default(), |acc, u| {
        let v = pick(&u.narrative);
        Vehicles {
            general: acc.general.saturating_add(v.general),
            enforcement: acc.enforcement.saturating_add(v.enforcement),
        }
    })
}

/// `纳入本部门预算编制范围的单位共 2 个：行政单位 1 个、事业单位 1 个。`
fn counts_sentence(units: &[Inputs]) -> String {
    let counts: Vec<String> = UnitType::ALL
        .into_iter()
        .filter_map(|t| {
            let n = units.iter().filter(|u| u.unit.unit_type == t).count();
            let name = match t {
                UnitType::Administrative => "行政单位",
                UnitType::CivilServiceManagedInstitution => "参照公务员法管理的事业单位",
                UnitType::Institution => "事业单位",
            };
            (n > 0).then(|| format!("{name} {n} 个"))
        })
        .collect();
    format!(
        "纳入本部门预算编制范围的单位共 {} 个：{}。",
        units.len(),
        counts.join("、")
    )
}

fn sum(d: &Department, units: &[Inputs], year: i32, template: &str) -> Inputs {
    let mut rows: Sums<(String, FundingSource, ExpenditureType)> = Sums::new();
    let mut economic: Sums<String> = Sums::new();
    let mut procurement: Sums<(ProcurementCategory, FundingSource)> = Sums::new();
    let zero = Amount::default();
    for u in units {
        for r in &u.rows {
            rows.add(
                (r.code.trim().to_string(), r.source, r.kind),
                &r.this_year,
                &r.last_year,
            );
        }
        for e in &u.economic_rows {
            economic.add(e.code.trim().to_string(), &e.amount, &zero);
        }
        for p in &u.procurement {
            procurement.add((p.category, p.source), &p.amount, &zero);
        }
    }
    let sangong: Vec<SanGong> = units.iter().map(|u| u.sangong.in_yuan()).collect();
    let running: Vec<(Amount, Amount)> = units
        .iter()
        .map(|u| u.narrative.running_cost_in_yuan())
        .collect();
    let mut composition = d.composition.trim_end().to_string();
    composition.push_str(&counts_sentence(units));
    Inputs {
        unit: UnitHeader {
            name: d.name.clone(),
            short_name: d.short_name.clone(),
            code: d.code.clone(),
            fiscal_year: year,
            unit_type: d.unit_type,
            contact_person: d.contact_person.clone(),
            contact_phone: d.contact_phone.clone(),
            duties: d.duties.clone(),
            composition,
            document: crate::model::DocumentLevel::Department,
        },
        template: crate::model::TemplateId(template.to_string()),
        disclosure: crate::model::Disclosure {
            members: units
                .iter()
                .map(|u| crate::model::MemberUnit {
                    name: u.unit.name.clone(),
                    unit_type: u.unit.unit_type,
                })
                .collect(),
            ..Default::default()
        },
        rows: rows
            .into_rows()
            .map(|((code, source, kind), this_year, last_year)| BudgetRow {
                code,
                source,
                kind,
                this_year,
                last_year,
                unparsed: BTreeMap::new(),
            })
            .collect(),
        economic_rows: economic
            .into_rows()
            .map(|(code, amount, _)| EconomicRow { code, amount })
            .collect(),
        // Units may enter 三公 and 机关运行经费 in 万元 or 元: summed in 元.
        sangong: SanGong {
            last_year: sangong_year(&sangong, |s| &s.last_year),
            this_year: sangong_year(&sangong, |s| &s.this_year),
            unit: InputUnit::Yuan,
        },
        procurement: procurement
            .into_rows()
            .map(|((category, source), amount, _)| ProcurementRow {
                category,
                source,
                amount,
                unparsed: BTreeMap::new(),
            })
            .collect(),
        overall_performance: d.overall_performance.clone(),
        projects: units.iter().flat_map(|u| u.projects.clone()).collect(),
        narrative: NarrativeInputs {
            reasons: d.reasons.clone(),
            running_cost_this_year: sum_cells(running.iter().map(|(this, _)| this)),
            running_cost_last_year: sum_cells(running.iter().map(|(_, last)| last)),
            running_cost_unit: InputUnit::Yuan,
            running_cost_use: d.running_cost_use.clone(),
            vehicles_held: vehicles(units, |n| n.vehicles_held),
            vehicles_to_buy: vehicles(units, |n| n.vehicles_to_buy),
            key_work: d.key_work.clone(),
        },
        explanations: d.explanations.clone(),
        unparsed: BTreeMap::new(),
    }
}
