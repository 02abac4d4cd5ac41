//! Checks (审核): one registry, each check a small function with a stable ID.
//!
//! `check` runs every registered check in registry order; each check reports in
//! input order, so the findings list is stable and the first error in the form
//! comes first. Checks never stop at the first problem: an invalid cell is
//! reported and the others are still checked (an invalid amount counts as zero
//! in the sums, and the checks that depend on its exact value skip it).

use rust_decimal::Decimal;

use crate::amount::format_yuan;
use crate::catalog::InForce;
use crate::derive::Derived;
use crate::finding::{Finding, Severity};
use crate::index::RowCodes;
use crate::model::{BudgetRow, Inputs, ProjectForm};
use crate::table::Table;
use crate::totals::Totals;

mod amounts;
mod codes;
mod disclosure;
mod identities;
mod narrative;
pub(crate) mod parse;
mod performance;
mod skipped;
mod template;
mod unit;
mod unparsed;

#[cfg(test)]
mod tests;

/// What a check sees: the inputs, the headline totals and 表6 (the one derived
/// table a check reads; the others are sums the checks recompute from inputs).
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    /// The clerk's inputs.
    pub inputs: &'a Inputs,
    /// The headline totals.
    pub totals: &'a Totals,
    /// 表6 部门收支总表 as derived.
    pub table6: &'a Table,
    /// The budget rows' codes, indexed once for every row check.
    pub(crate) rows: &'a RowCodes<'a>,
    /// The catalogs of the form's year (or the bureau's).
    pub(crate) cats: InForce,
}

/// A check's signature.
type RunFn = fn(&Ctx<'_>) -> Vec<Finding>;

/// One registered check: stable ID, severity, a Chinese one-line title.
#[derive(Debug)]
pub struct CheckInfo {
    /// Stable ID, e.g. `AMT-001`.
    pub id: &'static str,
    /// Severity of every finding it raises.
    pub severity: Severity,
    /// Chinese one-line description (the published catalogue of rules).
    pub title: &'static str,
    /// The check; `None` when the finding is raised elsewhere (DRF-001, IMP-001: file import).
    run: Option<RunFn>,
}

impl CheckInfo {
    /// True when this check is not run by `check` but raised while importing a file.
    pub fn raised_on_import(&self) -> bool {
        self.run.is_none()
    }
}

const fn rule(id: &'static str, severity: Severity, title: &'static str, run: RunFn) -> CheckInfo {
    CheckInfo {
        id,
        severity,
        title,
        run: Some(run),
    }
}

use Severity::{Error, Warning};

static REGISTRY: &[CheckInfo] = &[
    rule(
        "AMT-001",
        Error,
        "金额须为有效数字：非负、最多 2 位小数、不超过 1 万亿元",
        amounts::amt_001,
    ),
    rule(
        "INP-001",
        Error,
        "输入须能识别：预算年度、车辆数为范围内的整数，收入来源、支出类型为可选项之一",
        unparsed::inp_001,
    ),
    rule("UNT-001", Error, "部门（单位）名称须填写", unit::unt_001),
    rule(
        "TPL-001",
        Error,
        "填报模板须是已知的模板",
        template::tpl_001,
    ),
    rule(
        "TPL-002",
        Error,
        "各行的收入来源和支出类型须是模板的公开表所列的",
        template::tpl_002,
    ),
    rule(
        "UNT-002",
        Error,
        "预算年度须填写，且为 2000–2100 之间的年份",
        unit::unt_002,
    ),
    rule(
        "COD-001",
        Error,
        "功能分类科目编码须在 2021 年目录中且为项级（7 位）",
        codes::cod_001,
    ),
    rule(
        "COD-002",
        Error,
        "经济分类科目编码须在目录中且为款级（5 位）",
        codes::cod_002,
    ),
    rule(
        "ROW-001",
        Error,
        "同一功能科目·收入来源·支出类型不得重复填列",
        codes::row_001,
    ),
    rule(
        "ROW-002",
        Error,
        "同一经济分类科目不得重复填列",
        codes::row_002,
    ),
    rule(
        "ROW-003",
        Warning,
        "本年、上年金额均为零的预算行应删除",
        codes::row_003,
    ),
    rule(
        "ROW-004",
        Error,
        "同一政府采购类别·资金来源不得重复填列",
        codes::row_004,
    ),
    CheckInfo {
        id: "DRF-001",
        severity: Error,
        title: "草稿文件（draft）不是提交文件",
        run: None,
    },
    rule(
        "IDN-001",
        Error,
        "表3 基本支出经济分类合计 = 一般公共预算拨款基本支出",
        identities::idn_001,
    ),
    rule(
        "IDN-002",
        Error,
        "三公经费各项不小于对应的基本支出经济分类科目",
        identities::idn_002,
    ),
    rule(
        "IDN-003",
        Warning,
        "经济分类与功能分类对应科目的基本支出金额一致",
        identities::idn_003,
    ),
    rule(
        "IDN-004",
        Error,
        "政府采购合计（分资金来源）不超过支出合计",
        identities::idn_004,
    ),
    rule(
        "IDN-005",
        Error,
        "表6 收入总计 = 支出总计",
        identities::idn_005,
    ),
    rule(
        "IDN-006",
        Warning,
        "机关运行经费不超过公用经费",
        identities::idn_006,
    ),
    CheckInfo {
        id: "IMP-001",
        severity: Error,
        title: "导入文件中的派生数据与重新计算结果不一致",
        run: None,
    },
    CheckInfo {
        id: "IMP-002",
        severity: Error,
        title: "提交文件中的值须符合格式：金额写成有效的字符串金额，字段与取值为格式所定义（审核工具报告，不导入）",
        run: None,
    },
    rule(
        "PRF-001",
        Error,
        "整体绩效指标权重均为正数且合计 100",
        performance::prf_001,
    ),
    rule(
        "PRJ-001",
        Error,
        "项目当年预算 = 所关联项目支出预算行的本年合计",
        performance::prj_001,
    ),
    rule(
        "PRJ-002",
        Error,
        "项目计划日期有效、在预算年度内且开始不晚于完成",
        performance::prj_002,
    ),
    rule(
        "PRJ-003",
        Error,
        "季度资金使用率逐季不减且四季度为 100%",
        performance::prj_003,
    ),
    rule(
        "PRJ-004",
        Error,
        "项目绩效目标表的必填项（*）均已填写",
        performance::prj_004,
    ),
    rule(
        "PRJ-005",
        Warning,
        "项目支出均应实行绩效目标管理",
        performance::prj_005,
    ),
    rule(
        "PRJ-006",
        Warning,
        "同一项目支出预算行只关联一个项目绩效目标表",
        performance::prj_006,
    ),
    rule(
        "NAR-001",
        Warning,
        "与上年相比有变动的项目须填写变动原因",
        narrative::nar_001,
    ),
    rule(
        "NAR-002",
        Warning,
        "公务用车购置费与拟购置车辆数相互一致",
        narrative::nar_002,
    ),
    rule(
        "NAR-003",
        Warning,
        "联系电话为有效的固定电话或手机号码",
        narrative::nar_003,
    ),
    rule(
        "NAR-004",
        Warning,
        "变动原因须有实际内容（不是占位文字、数字、重复的词或不足 4 个字）",
        narrative::nar_004,
    ),
    rule(
        "NAR-005",
        Warning,
        "变动原因所说的增减方向与金额的变动一致",
        narrative::nar_005,
    ),
    rule(
        "NAR-006",
        Warning,
        "模板的情况说明所写的文字（机构设置、名词解释、各项用途等）已填写",
        disclosure::nar_006,
    ),
];

/// Every check, in the order they run and report.
pub fn registry() -> &'static [CheckInfo] {
    REGISTRY
}

/// The registered check with this ID.
pub fn info(id: &str) -> Option<&'static CheckInfo> {
    REGISTRY.iter().find(|c| c.id == id)
}

/// Run every check: findings in registry order, then input order. Codes are
/// judged by the built-in catalogs of the form's 预算年度.
pub fn check(inputs: &Inputs, derived: &Derived) -> Vec<Finding> {
    check_in(inputs, derived, InForce::builtin(inputs.unit.fiscal_year))
}

/// [`check`] against these catalogs (`derived` derived with them).
pub fn check_in(inputs: &Inputs, derived: &Derived, cats: InForce) -> Vec<Finding> {
    // 表6 部门收支总表 is read from `derived` where the template publishes
    // it as 表6; any other template's checks compute it as the live checks do.
    let published = crate::template::of(inputs)
        .tables
        .get(5)
        .is_some_and(|t| t.kind == crate::template::TableKind::DeptSummary);
    match derived.table(6).filter(|_| published) {
        Some(t6) => run_all(inputs, &derived.totals, t6, &RowCodes::of(inputs), cats),
        None => check_live_in(inputs, &derived.totals, cats),
    }
}

/// The same checks without deriving every table: the totals (cheap) and 表6
/// are all they read. The web app runs this on every edit and derives the
/// tables only when they are shown; `check_live(i, &Totals::compute(i))`
/// equals `check(i, &derive(i))` (tested).
pub fn check_live(inputs: &Inputs, totals: &Totals) -> Vec<Finding> {
    check_live_in(inputs, totals, InForce::builtin(inputs.unit.fiscal_year))
}

/// [`check_live`] against these catalogs.
pub fn check_live_in(inputs: &Inputs, totals: &Totals, cats: InForce) -> Vec<Finding> {
    let rows = RowCodes::of(inputs);
    let t6 = crate::derive::table6_of_codes(inputs, totals, &rows, &cats);
    run_all(inputs, totals, &t6, &rows, cats)
}

fn run_all(
    inputs: &Inputs,
    totals: &Totals,
    table6: &Table,
    rows: &RowCodes<'_>,
    cats: InForce,
) -> Vec<Finding> {
    let ctx = Ctx {
        inputs,
        totals,
        table6,
        rows,
        cats,
    };
    REGISTRY
        .iter()
        .filter_map(|c| c.run)
        .flat_map(|run| run(&ctx))
        .collect()
}

// ---- shared wording -------------------------------------------------------

/// `1,234.00 元`
fn yuan(v: Decimal) -> String {
    format!("{} 元", format_yuan(v))
}

/// `相差 1,234.00 元` (always positive).
fn differ(a: Decimal, b: Decimal) -> String {
    format!("相差 {} 元", format_yuan((a - b).abs()))
}

impl Ctx<'_> {
    /// A function code with its catalog name: `2010301 行政运行`.
    fn function_label(&self, code: &str) -> String {
        code_label(code, self.cats.function().name(code))
    }

    /// An economic code with its catalog name: `30217 公务接待费`.
    fn economic_label(&self, code: &str) -> String {
        code_label(code, self.cats.economic().name(code))
    }

    /// A budget row: `2010301 行政运行（一般公共预算拨款·基本支出）`.
    fn row_label(&self, row: &BudgetRow) -> String {
        format!(
            "{}（{}·{}）",
            self.function_label(&row.code),
            row.source.label(),
            row.kind.label()
        )
    }
}

fn code_label(code: &str, name: Option<&str>) -> String {
    match (code.trim(), name) {
        ("", _) => "（未填写编码）".to_string(),
        (_, Some(name)) => format!("{code} {name}"),
        (_, None) => code.to_string(),
    }
}

/// A project form: `项目“政务公开专项”`, or `第 2 个项目` when unnamed.
fn project_label(index: usize, p: &ProjectForm) -> String {
    let name = p.name.trim();
    if name.is_empty() {
        format!("第 {} 个项目", index + 1)
    } else {
        format!("项目“{name}”")
    }
}

/// The value of a valid amount cell (a blank cell is zero), `None` when AMT-001
/// reports it. Not `Amount::parsed`: a default (never typed) cell has no parsed
/// value yet is a valid blank.
fn valid(amount: &crate::amount::Amount) -> Option<Decimal> {
    amount.error().is_none().then(|| amount.value())
}
