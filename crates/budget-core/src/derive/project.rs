//! 项目绩效目标表: one key-value form per project.

use crate::amount::canonical;
use crate::catalog::Catalog;
use crate::model::{Inputs, ProjectForm};
use crate::table::{Cell, CellText, RowKind, Sums, Table, TableRow};

use super::layout::*;

pub(super) fn projects(inputs: &Inputs, cat: &'static Catalog) -> Vec<Table> {
    inputs
        .projects
        .iter()
        .enumerate()
        .map(|(i, p)| project_table(inputs, i, p, cat))
        .collect()
}

/// 项目绩效目标表: a key-value form, 6 columns wide.
fn project_table(inputs: &Inputs, index: usize, p: &ProjectForm, cat: &Catalog) -> Table {
    fn span(s: impl Into<CellText>, n: u16) -> Cell {
        Cell::Span {
            text: s.into(),
            colspan: n,
        }
    }
    let group = |s: &'static str| TableRow {
        kind: RowKind::Group,
        cells: vec![span(s, 6)],
    };
    let detail = |cells: Vec<Cell>| TableRow {
        kind: RowKind::Detail,
        cells,
    };
    let amount = |a: &crate::amount::Amount| match a.parsed() {
        Some(v) => canonical(v),
        None => a.text().to_string(),
    };
    let yes_no = |b: bool| if b { "是" } else { "否" };
    let unit = &inputs.unit;
    let mut rows = vec![
        detail(vec![span(
            format!(
                "填报单位（盖章）[{}]{}（{}）",
                unit.code,
                unit.short_name,
                unit.unit_type.label()
            ),
            6,
        )]),
        group("基本信息"),
        detail(vec![t("项目名称*"), span(p.name.clone(), 5)]),
        detail(vec![
            t("项目类型*"),
            t(p.project_type.clone()),
            t("资金用途*"),
            t(p.fund_use.clone()),
            t("政府采购*"),
            t(yes_no(p.procurement)),
        ]),
        detail(vec![
            t("项目负责人*"),
            t(p.manager.clone()),
            t("联系人*"),
            t(p.contact.clone()),
            t("联系电话*"),
            t(p.phone.clone()),
        ]),
        detail(vec![
            t("计划开始日期*"),
            span(p.start_date.clone(), 2),
            t("计划完成日期*"),
            span(p.end_date.clone(), 2),
        ]),
        detail(vec![
            t("项目当年预算（元）*"),
            span(amount(&p.budget_this_year), 2),
            t("项目上年预算（元）"),
            span(amount(&p.budget_last_year), 2),
        ]),
        detail(vec![
            t("项目是否追加追减*"),
            span(if p.adjusted { "1" } else { "0" }, 2),
            t("追加追减后金额（元）"),
            span(amount(&p.adjusted_amount), 2),
        ]),
    ];
    let links: Vec<String> = p
        .links
        .iter()
        .map(|l| {
            let name = cat.name(l.code.trim()).unwrap_or("");
            format!("{} {}（{}）", l.code, name, l.source.label())
        })
        .collect();
    rows.push(detail(vec![
        t("资金来源（预算科目）"),
        span(links.join("；"), 5),
    ]));
    rows.push(group("详细信息"));
    for (label, text) in [
        ("项目概况*", &p.overview),
        ("立项依据*", &p.basis),
        ("项目设立的必要性*", &p.necessity),
        ("保证项目实施的制度、措施*", &p.measures),
        ("项目实施计划*", &p.plan),
        ("项目总目标*", &p.total_goal),
        ("年度绩效目标*", &p.annual_goal),
        ("需要说明的其他问题", &p.other_issues),
    ] {
        rows.push(detail(vec![t(label), span(text.clone(), 5)]));
    }
    rows.push(group("目标内容"));
    rows.push(TableRow {
        kind: RowKind::Subgroup,
        cells: [
            "一级指标",
            "二级指标",
            "三级指标",
            "目标值",
            "指标解释",
            "目标值说明",
        ]
        .into_iter()
        .map(t)
        .collect(),
    });
    for ind in &p.indicators {
        rows.push(detail(
            [
                &ind.level1,
                &ind.level2,
                &ind.level3,
                &ind.target,
                &ind.explanation,
                &ind.target_note,
            ]
            .into_iter()
            .map(|s| t(s.clone()))
            .collect(),
        ));
    }
    Table {
        id: format!("project{}", index + 1),
        number: "项目绩效目标表".to_string(),
        title: format!("{}区级项目绩效目标表（{}）", unit.year_words().0, p.name),
        unit: "单位：元".to_string(),
        header: Vec::new(),
        rows,
        note: None,
        sums: Sums::default(),
        zeros_shown: false,
    }
}
