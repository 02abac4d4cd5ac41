//! One undo history for the whole form: every edit — a grid's paste, a field
//! typed into, a project deleted, a link removed — is one step of it, undone
//! by Ctrl+Z (or 撤销) wherever the focus is.
//!
//! A step holds a diff, never a copy of the form (Luckysheet#752: snapshot
//! undo lagged and doubled the memory): the ops a grid applied to its list, a
//! field's text before and after, the project a deletion took out. A step
//! finds what it changed by position (`projects[2].indicators`, row 5). The
//! history is linear and every edit of the form's structure is a step of it,
//! so when a step is undone every later step has been undone first, and the
//! positions are again those it was recorded at: a project's grid step still
//! finds its project after projects before it were deleted and undeleted. A
//! step checks that what it changes is as it left it (`Stale` otherwise:
//! nothing changes, the history is cleared); replacing the whole form (an
//! import, the sample, 新建) clears the history.

use std::any::Any;
use std::sync::Arc;

use budget_core::Inputs;
use budget_core::model::{ProjectForm, RowLink};
use leptos::prelude::*;

use crate::grid::Rows;
use crate::grid::history::{History, Op, Stale, apply_step};

mod bar;
#[cfg(test)]
mod tests;

pub use bar::UndoBar;

/// Steps kept.
pub const LIMIT: usize = 200;

/// What the status line says when a step no longer applies.
pub const STALE: &str = "表单已被导入或其他操作替换，撤销记录已清空";

/// One change of the inputs that applies itself forwards (redo) or backwards
/// (undo), checking first that the inputs are as it expects.
pub trait Change: Send + Sync + 'static {
    /// Apply; `Stale`, with nothing changed, when the inputs are not as the
    /// change expects.
    fn apply(&self, i: &mut Inputs, forward: bool) -> Result<(), Stale>;
    /// Take `later`, the next edit, into this change (keystrokes typed into
    /// one field are one step): true when taken.
    fn absorb(&mut self, _later: &dyn Change) -> bool {
        false
    }
    /// True when applying it (either way) inserts or removes a project form
    /// before others: the forms are then built anew (see `Undo::projects_epoch`).
    fn reshapes_projects(&self) -> bool {
        false
    }
    /// For `absorb`.
    fn as_any(&self) -> &dyn Any;
}

/// Ops on a list of the inputs, the list found as a grid finds its rows.
pub struct ListChange<T: 'static> {
    rows: Arc<Rows<T>>,
    ops: Vec<Op<T>>,
    reshapes: bool,
}

impl<T: Clone + PartialEq + Send + Sync + 'static> ListChange<T> {
    /// `ops` on the list `rows` (which a grid's model shares).
    pub fn new(rows: Arc<Rows<T>>, ops: Vec<Op<T>>) -> Self {
        ListChange {
            rows,
            ops,
            reshapes: false,
        }
    }
}

impl ListChange<ProjectForm> {
    /// Put `added` at `at`, the end of the project forms (no form moves).
    pub fn add_project(at: usize, added: ProjectForm) -> Self {
        ListChange {
            rows: Arc::new(Rows::List(|i| &i.projects, |i| &mut i.projects)),
            ops: vec![Op::Splice {
                at,
                removed: vec![],
                inserted: vec![added],
            }],
            reshapes: false,
        }
    }
    /// Take project form `at` (which is `removed`) out.
    pub fn delete_project(at: usize, removed: ProjectForm) -> Self {
        ListChange {
            rows: Arc::new(Rows::List(|i| &i.projects, |i| &mut i.projects)),
            ops: vec![Op::Splice {
                at,
                removed: vec![removed],
                inserted: vec![],
            }],
            reshapes: true,
        }
    }
}

impl ListChange<RowLink> {
    /// In the links of project `project`, at `at`: `removed` out, `inserted` in.
    pub fn links(project: usize, at: usize, removed: Vec<RowLink>, inserted: Vec<RowLink>) -> Self {
        let rows = Rows::Nested {
            index: project,
            get: |i, k| i.projects.get(k).map(|p| &p.links),
            get_mut: |i, k| i.projects.get_mut(k).map(|p| &mut p.links),
        };
        ListChange::new(
            Arc::new(rows),
            vec![Op::Splice {
                at,
                removed,
                inserted,
            }],
        )
    }
}

impl<T: Clone + PartialEq + Send + Sync + 'static> Change for ListChange<T> {
    fn apply(&self, i: &mut Inputs, forward: bool) -> Result<(), Stale> {
        let rows = self.rows.get_mut(i).ok_or(Stale)?;
        apply_step(rows, &self.ops, forward)
    }
    fn reshapes_projects(&self) -> bool {
        self.reshapes
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

type Read<V> = Arc<dyn Fn(&Inputs) -> Option<V> + Send + Sync>;
type Write<V> = Arc<dyn Fn(&mut Inputs, V) + Send + Sync>;

/// A field of the form: where its value lives in the inputs.
pub struct Field<V> {
    /// JSON path (`projects[0].name`): edits of one path in a row are one step.
    pub path: String,
    /// What the status line calls it (`项目1 项目名称`).
    pub label: String,
    /// The value; `None` when its place is gone (a deleted project).
    read: Read<V>,
    /// Store a value (nothing when the place is gone).
    write: Write<V>,
}

impl<V> Clone for Field<V> {
    fn clone(&self) -> Self {
        Field {
            path: self.path.clone(),
            label: self.label.clone(),
            read: self.read.clone(),
            write: self.write.clone(),
        }
    }
}

impl<V: Clone + PartialEq + Send + Sync + 'static> Field<V> {
    /// A field at `path` called `label`, read and stored by `read` and `write`.
    /// `write` then `read` must give back what was written, as the inputs keep
    /// it (an amount's text, a year's number or kept text).
    pub fn new(
        path: impl Into<String>,
        label: impl Into<String>,
        read: impl Fn(&Inputs) -> Option<V> + Send + Sync + 'static,
        write: impl Fn(&mut Inputs, V) + Send + Sync + 'static,
    ) -> Self {
        Field {
            path: path.into(),
            label: label.into(),
            read: Arc::new(read),
            write: Arc::new(write),
        }
    }
}

/// A field's value from `old` to `new`.
pub struct FieldChange<V> {
    field: Field<V>,
    old: V,
    new: V,
}

impl<V: Clone + PartialEq + Send + Sync + 'static> Change for FieldChange<V> {
    fn apply(&self, i: &mut Inputs, forward: bool) -> Result<(), Stale> {
        let (from, to) = if forward {
            (&self.old, &self.new)
        } else {
            (&self.new, &self.old)
        };
        if (self.field.read)(i).as_ref() != Some(from) {
            return Err(Stale);
        }
        (self.field.write)(i, to.clone());
        Ok(())
    }
    fn absorb(&mut self, later: &dyn Change) -> bool {
        match later.as_any().downcast_ref::<FieldChange<V>>() {
            Some(l) if l.field.path == self.field.path && l.old == self.new => {
                self.new = l.new.clone();
                true
            }
            _ => false,
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// One step of the history.
struct Entry {
    change: Box<dyn Change>,
    /// Typing into a field goes on: the next keystroke there joins this step.
    open: bool,
}

/// What an undo or redo did.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    /// The step's label; whether it inserted or removed project forms.
    Done(String, bool),
    /// Nothing to undo (or redo).
    Nothing,
    /// The step did not apply: the history was cleared.
    Stale,
}

/// The history itself, over inputs it is handed (`Undo` is its reactive side).
pub struct Log {
    history: History<Entry>,
}

impl Default for Log {
    fn default() -> Self {
        Log {
            history: History::new(LIMIT),
        }
    }
}

impl Log {
    /// Record a change already applied to the inputs.
    pub fn push(&mut self, label: impl Into<String>, change: Box<dyn Change>) {
        self.history.push(
            label,
            Entry {
                change,
                open: false,
            },
        );
    }
    /// Apply a change and record it.
    pub fn run(
        &mut self,
        i: &mut Inputs,
        label: impl Into<String>,
        change: Box<dyn Change>,
    ) -> Result<(), Stale> {
        change.apply(i, true)?;
        self.push(label, change);
        Ok(())
    }
    /// Store `value` in `field`. Typed (`typing`), it joins the step of the
    /// keystrokes typed into the field just before; otherwise it is a step of
    /// its own (a checkbox, a choice). False when nothing changed.
    pub fn set<V: Clone + PartialEq + Send + Sync + 'static>(
        &mut self,
        i: &mut Inputs,
        field: &Field<V>,
        value: V,
        typing: bool,
    ) -> bool {
        let Some(old) = (field.read)(i) else {
            return false;
        };
        (field.write)(i, value);
        let Some(new) = (field.read)(i) else {
            return false;
        };
        if new == old {
            return false;
        }
        let change = FieldChange {
            field: field.clone(),
            old,
            new,
        };
        if typing
            && self
                .history
                .extend(|last| last.open && last.change.absorb(&change))
        {
            return true;
        }
        self.history.push(
            format!("修改“{}”", field.label),
            Entry {
                change: Box::new(change),
                open: typing,
            },
        );
        true
    }
    /// Typing into a field is over (it lost the focus): the next keystroke
    /// there is a new step.
    pub fn seal(&mut self) {
        if let Some((_, last)) = self.history.last_mut() {
            last.open = false;
        }
    }
    /// Undo (or redo) the last step.
    pub fn step(&mut self, i: &mut Inputs, redo: bool) -> Outcome {
        let mut reshaped = false;
        let done = self.history.step(redo, |e, forward| {
            reshaped = e.change.reshapes_projects();
            e.change.apply(i, forward)
        });
        // What is typed next is a step of its own.
        self.seal();
        match done {
            None => Outcome::Nothing,
            Some(Ok(label)) => Outcome::Done(label, reshaped),
            Some(Err(Stale)) => Outcome::Stale,
        }
    }
    /// Forget every step.
    pub fn clear(&mut self) {
        self.history.clear();
    }
    /// Steps that can be undone and redone.
    pub fn len(&self) -> (usize, usize) {
        (self.history.undo_len(), self.history.redo_len())
    }
    /// True when there is nothing to undo or redo.
    pub fn is_empty(&self) -> bool {
        self.len() == (0, 0)
    }
}

/// The form's history in the app: `Copy`, part of `AppState`.
#[derive(Clone, Copy)]
pub struct Undo {
    inputs: RwSignal<Inputs>,
    log: StoredValue<Log>,
    /// The last message about an edit or its undo (`已撤销：粘贴`,
    /// `已删除项目「…」 — 按 Ctrl+Z 或点“撤销”恢复`), shown by `UndoBar`.
    pub status: RwSignal<String>,
    /// Bumped when project forms are inserted or removed before others: the
    /// forms after them now show other projects, so every form is built anew
    /// (a form's grid and its registration for findings belong to its place).
    pub projects_epoch: RwSignal<u32>,
}

impl Undo {
    /// The history of `inputs`, empty.
    pub fn new(inputs: RwSignal<Inputs>) -> Self {
        Undo {
            inputs,
            log: StoredValue::new(Log::default()),
            status: RwSignal::new(String::new()),
            projects_epoch: RwSignal::new(0),
        }
    }

    /// Run `f` on the log and the inputs in one update of the inputs, which
    /// notifies only when `f` says they changed. The log is taken out
    /// meanwhile: what the update runs at once (the input slices) does not
    /// find it borrowed.
    fn with_log<R: Default>(&self, f: impl FnOnce(&mut Log, &mut Inputs) -> (R, bool)) -> R {
        let mut log = self
            .log
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        let out = self.inputs.try_maybe_update(|i| {
            let (r, changed) = f(&mut log, i);
            (changed, r)
        });
        self.log.try_set_value(log);
        out.unwrap_or_default()
    }

    /// Set the status line; a new step clears what it said of the last one
    /// (`按 Ctrl+Z 恢复` would now undo the new step).
    fn say(&self, message: String) {
        if self.status.try_with_untracked(|s| *s != message) == Some(true) {
            self.status.set(message);
        }
    }

    /// Record a change already applied to the inputs (a grid's step).
    pub fn push(&self, label: impl Into<String>, change: Box<dyn Change>) {
        self.log.try_update_value(|l| l.push(label, change));
        self.say(String::new());
    }

    /// Apply a change and record it; `message`, if any, goes to the status
    /// line. False when the inputs were not as the change expects (nothing
    /// changed).
    pub fn run(
        &self,
        label: impl Into<String>,
        change: Box<dyn Change>,
        message: Option<String>,
    ) -> bool {
        let reshapes = change.reshapes_projects();
        let label = label.into();
        let ok = self.with_log(|log, i| {
            let ok = log.run(i, label, change).is_ok();
            (ok, ok)
        });
        if ok {
            if reshapes {
                self.projects_epoch.update(|e| *e = e.wrapping_add(1));
            }
            self.say(message.unwrap_or_default());
        }
        ok
    }

    /// Store a value typed into `field`: consecutive keystrokes in one field
    /// are one step.
    pub fn typed<V: Clone + PartialEq + Send + Sync + 'static>(&self, field: &Field<V>, value: V) {
        if self.with_log(|log, i| {
            let changed = log.set(i, field, value, true);
            (changed, changed)
        }) {
            self.say(String::new());
        }
    }

    /// Store a value chosen for `field` (a checkbox, a list): one step.
    pub fn chose<V: Clone + PartialEq + Send + Sync + 'static>(&self, field: &Field<V>, value: V) {
        if self.with_log(|log, i| {
            let changed = log.set(i, field, value, false);
            (changed, changed)
        }) {
            self.say(String::new());
        }
    }

    /// The field typed into lost the focus: what is typed next is a new step.
    pub fn seal(&self) {
        self.log.try_update_value(Log::seal);
    }

    /// Undo (or redo) the last step of the form; what it did, as the status
    /// line says it (also set on `status`).
    pub fn step(&self, redo: bool) -> String {
        let outcome = self.with_log(|log, i| {
            let outcome = log.step(i, redo);
            let changed = matches!(outcome, Outcome::Done(..));
            (Some(outcome), changed)
        });
        let word = if redo { "重做" } else { "撤销" };
        let message = match outcome {
            Some(Outcome::Done(label, reshaped)) => {
                if reshaped {
                    self.projects_epoch.update(|e| *e = e.wrapping_add(1));
                }
                format!("已{word}：{label}")
            }
            Some(Outcome::Stale) => STALE.to_string(),
            Some(Outcome::Nothing) | None => format!("没有可{word}的操作"),
        };
        self.say(message.clone());
        message
    }

    /// Forget every step: the whole form was replaced (an import, the
    /// sample, 新建).
    pub fn clear(&self) {
        self.log.try_update_value(Log::clear);
        self.say(String::new());
    }

    /// Steps that can be undone and redone (not reactive).
    pub fn len(&self) -> (usize, usize) {
        self.log.try_with_value(Log::len).unwrap_or_default()
    }

    /// True when there is nothing to undo or redo (not reactive).
    pub fn is_empty(&self) -> bool {
        self.len() == (0, 0)
    }
}
