//! The form's history over plain inputs (no browser): steps of grids, fields
//! and project forms in one order, coalescing, and stale steps.

use std::sync::Arc;

use budget_core::model::{FundingSource, ProjectForm, ProjectIndicator, RowLink};
use budget_core::{Amount, Inputs};

use super::*;
use crate::grid::Rows;
use crate::grid::history::Op;

fn project(name: &str, indicators: &[&str]) -> ProjectForm {
    ProjectForm {
        name: name.into(),
        overview: format!("{name}的概况"),
        budget_this_year: Amount::from_text("1000.00"),
        indicators: indicators
            .iter()
            .map(|t| ProjectIndicator {
                level3: t.to_string(),
                ..Default::default()
            })
            .collect(),
        links: vec![RowLink {
            code: "2010306".into(),
            source: FundingSource::default(),
        }],
        ..Default::default()
    }
}

fn form() -> Inputs {
    Inputs {
        projects: vec![project("甲", &["a"]), project("乙", &["b1", "b2"])],
        ..Default::default()
    }
}

/// The indicators of project `index`, as its grid finds them.
fn indicators(index: usize) -> Arc<Rows<ProjectIndicator>> {
    Arc::new(Rows::Nested {
        index,
        get: |i, k| i.projects.get(k).map(|p| &p.indicators),
        get_mut: |i, k| i.projects.get_mut(k).map(|p| &mut p.indicators),
    })
}

/// A grid's edit of indicator `row` of project `index`: its 三级指标 to `to`.
fn grid_edit(log: &mut Log, i: &mut Inputs, index: usize, row: usize, to: &str) {
    let old = i.projects[index].indicators[row].clone();
    let mut new = old.clone();
    new.level3 = to.into();
    i.projects[index].indicators[row] = new.clone();
    let ops = vec![Op::Set { row, old, new }];
    log.push("编辑", Box::new(ListChange::new(indicators(index), ops)));
}

fn name_of(index: usize) -> Field<String> {
    Field::new(
        format!("projects[{index}].name"),
        format!("项目{} 项目名称", index + 1),
        move |i| i.projects.get(index).map(|p| p.name.clone()),
        move |i, v| {
            if let Some(p) = i.projects.get_mut(index) {
                p.name = v;
            }
        },
    )
}

fn amount_of(index: usize) -> Field<String> {
    Field::new(
        format!("projects[{index}].budget_this_year"),
        "项目当年预算",
        move |i| {
            i.projects
                .get(index)
                .map(|p| p.budget_this_year.text().to_string())
        },
        move |i, v| {
            if let Some(p) = i.projects.get_mut(index) {
                p.budget_this_year = Amount::from_text(v);
            }
        },
    )
}

fn done(label: &str) -> Outcome {
    Outcome::Done(label.to_string(), false)
}

fn delete(log: &mut Log, i: &mut Inputs, index: usize) {
    let removed = i.projects[index].clone();
    let change = ListChange::delete_project(index, removed);
    log.run(i, "删除项目", Box::new(change)).unwrap();
}

#[test]
fn a_deleted_project_comes_back_whole_and_goes_again_on_redo() {
    let mut i = form();
    let before = i.clone();
    let mut log = Log::default();
    delete(&mut log, &mut i, 0);
    assert_eq!(i.projects.len(), 1);
    assert_eq!(i.projects[0].name, "乙");
    assert_eq!(
        log.step(&mut i, false),
        Outcome::Done("删除项目".into(), true)
    );
    assert_eq!(i, before, "texts, figures, indicators and links are back");
    assert_eq!(
        log.step(&mut i, true),
        Outcome::Done("删除项目".into(), true)
    );
    assert_eq!(i.projects.len(), 1);
    assert_eq!(log.step(&mut i, true), Outcome::Nothing);
}

#[test]
fn a_later_projects_grid_step_finds_its_project_across_a_deletion() {
    let mut i = form();
    let start = i.clone();
    let mut log = Log::default();
    // 乙 (project 2) edits its grid, project 1 is deleted, then 乙 — now
    // project 1 — edits its grid again.
    grid_edit(&mut log, &mut i, 1, 0, "x");
    delete(&mut log, &mut i, 0);
    grid_edit(&mut log, &mut i, 0, 1, "y");
    assert_eq!(i.projects[0].indicators[0].level3, "x");
    assert_eq!(i.projects[0].indicators[1].level3, "y");

    assert_eq!(log.step(&mut i, false), done("编辑"));
    assert_eq!(i.projects[0].indicators[1].level3, "b2");
    assert!(matches!(log.step(&mut i, false), Outcome::Done(..)));
    assert_eq!(i.projects[1].name, "乙");
    assert_eq!(log.step(&mut i, false), done("编辑"));
    assert_eq!(i, start);

    // Redo all three: the same form as before the undos.
    for _ in 0..3 {
        assert!(matches!(log.step(&mut i, true), Outcome::Done(..)));
    }
    assert_eq!(i.projects.len(), 1);
    assert_eq!(i.projects[0].name, "乙");
    assert_eq!(i.projects[0].indicators[0].level3, "x");
    assert_eq!(i.projects[0].indicators[1].level3, "y");
}

#[test]
fn keystrokes_in_one_field_are_one_step() {
    let mut i = form();
    let mut log = Log::default();
    let name = name_of(0);
    for text in ["甲1", "甲12", "甲123"] {
        assert!(log.set(&mut i, &name, text.to_string(), true));
    }
    assert_eq!(log.len(), (1, 0));
    assert_eq!(log.step(&mut i, false), done("修改“项目1 项目名称”"));
    assert_eq!(i.projects[0].name, "甲");
    assert_eq!(log.step(&mut i, true), done("修改“项目1 项目名称”"));
    assert_eq!(i.projects[0].name, "甲123");
}

#[test]
fn another_field_a_lost_focus_or_an_undo_ends_the_typing_step() {
    let mut i = form();
    let mut log = Log::default();
    let (name, amount) = (name_of(0), amount_of(0));
    log.set(&mut i, &name, "甲1".into(), true);
    log.set(&mut i, &amount, "2000".into(), true);
    log.set(&mut i, &name, "甲12".into(), true);
    assert_eq!(log.len(), (3, 0));
    // Focus lost: typing there again is a new step.
    log.seal();
    log.set(&mut i, &name, "甲123".into(), true);
    assert_eq!(log.len(), (4, 0));
    // After an undo the step below is not extended by typing.
    log.step(&mut i, false);
    log.set(&mut i, &name, "甲12x".into(), true);
    assert_eq!(log.len(), (4, 0));
    // Undo all: back where it began, in reverse order.
    log.step(&mut i, false);
    assert_eq!(i.projects[0].name, "甲12");
    log.step(&mut i, false);
    assert_eq!(i.projects[0].name, "甲1");
    log.step(&mut i, false);
    assert_eq!(i.projects[0].budget_this_year.text(), "1000.00");
    log.step(&mut i, false);
    assert_eq!(i, form());
}

#[test]
fn a_choice_is_a_step_of_its_own_and_an_unchanged_value_is_none() {
    let mut i = form();
    let mut log = Log::default();
    let flag = Field::new(
        "projects[0].procurement",
        "项目1 涉及政府采购",
        |i| i.projects.first().map(|p| p.procurement),
        |i, v| {
            if let Some(p) = i.projects.first_mut() {
                p.procurement = v;
            }
        },
    );
    assert!(log.set(&mut i, &flag, true, false));
    assert!(!log.set(&mut i, &flag, true, false));
    assert!(log.set(&mut i, &flag, false, false));
    assert_eq!(log.len(), (2, 0));
    // Typing into a field of the gone project changes nothing.
    assert!(!log.set(&mut i, &name_of(5), "x".into(), true));
}

#[test]
fn grid_and_field_steps_undo_in_reverse_order() {
    let mut i = form();
    let mut log = Log::default();
    grid_edit(&mut log, &mut i, 0, 0, "grid");
    log.set(&mut i, &name_of(0), "field".into(), true);
    log.step(&mut i, false);
    assert_eq!(i.projects[0].name, "甲");
    assert_eq!(i.projects[0].indicators[0].level3, "grid");
    log.step(&mut i, false);
    assert_eq!(i.projects[0].indicators[0].level3, "a");
    log.step(&mut i, true);
    log.step(&mut i, true);
    assert_eq!(i.projects[0].indicators[0].level3, "grid");
    assert_eq!(i.projects[0].name, "field");
}

#[test]
fn a_link_removed_and_added_back_by_undo() {
    let mut i = form();
    let mut log = Log::default();
    let link = i.projects[1].links[0].clone();
    let change = ListChange::links(1, 0, vec![link.clone()], Vec::new());
    log.run(&mut i, "移除关联", Box::new(change)).unwrap();
    assert!(i.projects[1].links.is_empty());
    log.step(&mut i, false);
    assert_eq!(i.projects[1].links, vec![link]);
}

#[test]
fn a_stale_step_changes_nothing_and_clears_the_history() {
    let mut i = form();
    let mut log = Log::default();
    log.set(&mut i, &name_of(0), "甲1".into(), true);
    grid_edit(&mut log, &mut i, 1, 0, "x");
    // Something outside the history replaced the form.
    let mut other = Inputs::default();
    assert_eq!(log.step(&mut other, false), Outcome::Stale);
    assert_eq!(other, Inputs::default());
    assert!(log.is_empty());
    // A field whose text was changed underneath is stale too.
    log.set(&mut i, &name_of(0), "甲2".into(), true);
    i.projects[0].name = "别的".into();
    assert_eq!(log.step(&mut i, false), Outcome::Stale);
    assert_eq!(i.projects[0].name, "别的");
}

#[test]
fn a_stale_list_step_is_refused_before_it_applies() {
    let mut i = form();
    let mut log = Log::default();
    let added = ListChange::add_project(5, ProjectForm::default());
    assert_eq!(log.run(&mut i, "添加项目", Box::new(added)), Err(Stale));
    assert!(log.is_empty());
    assert_eq!(i, form());
}
