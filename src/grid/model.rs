//! The row-typed half of a grid behind one trait object, so the view and the
//! controller (`view.rs`) are compiled once for every grid instead of once per
//! row type: a `Grid<T>` turns its `GridSpec<T>` into a `Meta` (what the view
//! needs to know, no `T`) and a `dyn Model` (everything that touches a `T`).

use std::any::Any;
use std::sync::Arc;

use budget_core::catalog::InForce;
use budget_core::{Amount, Inputs};
use leptos::prelude::{Get, GetUntracked, Signal};

use super::column::{Column, Kind};
use super::edit::{self, PasteReport};
use super::history::{Op, apply_step};
use super::select::Pos;
use super::sheet;
use super::spec::{GridSpec, Row, Rows, TotalsRow};
use crate::undo::{ListChange, Undo};

/// A row of some grid, its type erased: what the row memos of the view hold.
#[derive(Clone)]
pub struct Snap(Arc<dyn DynRow>);

/// `Any` plus equality, for `Snap`.
trait DynRow: Send + Sync {
    fn as_any(&self) -> &dyn Any;
    fn same(&self, other: &dyn DynRow) -> bool;
}

impl<T: Row> DynRow for T {
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn same(&self, other: &dyn DynRow) -> bool {
        other.as_any().downcast_ref::<T>() == Some(self)
    }
}

impl PartialEq for Snap {
    fn eq(&self, other: &Snap) -> bool {
        self.0.same(&*other.0)
    }
}

impl Snap {
    fn of<T: Row>(row: T) -> Snap {
        Snap(Arc::new(row))
    }
    fn get<T: Row>(&self) -> Option<&T> {
        self.0.as_any().downcast_ref::<T>()
    }
}

/// The ops of one undo step, their row type erased.
pub struct Plan {
    ops: Box<dyn Any + Send + Sync>,
    len: usize,
}

impl Plan {
    fn of<T: Row>(ops: Vec<Op<T>>) -> Plan {
        Plan {
            len: ops.len(),
            ops: Box::new(ops),
        }
    }
    fn ops<T: Row>(&self) -> &[Op<T>] {
        self.ops
            .downcast_ref::<Vec<Op<T>>>()
            .map_or(&[], Vec::as_slice)
    }
    /// True when the step changes nothing.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// A column as the view sees it.
pub struct ColMeta {
    /// Field name in the JSON path; empty for derived columns.
    pub key: &'static str,
    /// Header text.
    pub header: &'static str,
    /// Kind.
    pub kind: Kind,
}

impl ColMeta {
    /// True when the clerk can change this cell.
    pub fn editable(&self) -> bool {
        !matches!(self.kind, Kind::Name(_))
    }
}

/// Everything about a grid that does not depend on its row type.
pub struct Meta {
    /// JSON path of the list.
    pub path: String,
    /// DOM id suffix.
    pub id: String,
    /// Accessible name.
    pub label: String,
    /// Word before 第n行 in row labels.
    pub noun: String,
    /// The columns.
    pub columns: Vec<ColMeta>,
    /// Leading data columns frozen while scrolling sideways.
    pub frozen: usize,
    /// Text of the totals row per column; `None`: no totals row.
    pub totals: Option<TotalsRow>,
    /// Whether the grid sorts by code.
    pub has_sort: bool,
    /// Text of the add-a-row button.
    pub add_label: &'static str,
}

/// What the view asks of the rows of one grid. Every method that takes
/// `&mut Inputs` is called inside one update of the inputs signal.
pub trait Model: Send + Sync {
    /// Number of rows.
    fn len(&self, i: &Inputs) -> usize;
    /// A copy of row `r`.
    fn snap(&self, i: &Inputs, r: usize) -> Option<Snap>;
    /// The text of column `c` of a row.
    fn text(&self, s: &Snap, c: usize) -> String;
    /// The amount of a money cell.
    fn amount<'a>(&self, s: &'a Snap, c: usize) -> Option<&'a Amount>;
    /// What a row is, for accessible names.
    fn describe(&self, s: &Snap) -> Option<String>;
    /// Store typed text in cell `p`.
    fn set(&self, i: &mut Inputs, p: Pos, text: &str);
    /// Put row `r` back to `s`.
    fn put(&self, i: &mut Inputs, r: usize, s: &Snap);
    /// Record an edit of row `r` from `old` to `new` as one step of the
    /// form's undo history.
    fn edited(&self, r: usize, old: &Snap, new: &Snap);
    /// A `<select>` of cell `p` chose `label`.
    fn chose(&self, i: &Inputs, p: Pos, label: &str) -> Plan;
    /// Paste a block at `start`; a block with a header line goes in as whole
    /// rows matched by header (`sheet.rs`), from the first column.
    fn paste(&self, i: &Inputs, block: &[Vec<String>], start: Pos) -> (Plan, PasteReport);
    /// True when the block starts with a header line the grid reads.
    fn headed(&self, block: &[Vec<String>]) -> bool;
    /// The blank row below the last one (what a new row holds).
    fn blank(&self) -> Snap;
    /// Clear a rectangle.
    fn clear(&self, i: &Inputs, sel: (usize, usize, usize, usize)) -> Plan;
    /// Fill a rectangle down.
    fn fill_down(&self, i: &Inputs, sel: (usize, usize, usize, usize)) -> Plan;
    /// Insert `n` empty rows at `at`.
    fn insert(&self, at: usize, n: usize) -> Plan;
    /// Delete rows `top..=bottom`.
    fn delete(&self, i: &Inputs, top: usize, bottom: usize) -> Plan;
    /// Sort by code.
    fn sort(&self, i: &Inputs) -> Plan;
    /// Apply a step; false when the rows are not as it expects.
    fn apply(&self, i: &mut Inputs, plan: &Plan) -> bool;
    /// Record an applied step in the form's undo history.
    fn record(&self, label: &str, plan: Plan);
    /// The texts of a rectangle, row by row.
    fn block(&self, i: &Inputs, sel: (usize, usize, usize, usize)) -> Vec<Vec<String>>;
    /// The texts and amounts of a rectangle (the selection status line).
    fn stats(&self, i: &Inputs, sel: (usize, usize, usize, usize)) -> String;
}

/// The `Model` of a `GridSpec<T>`.
struct Typed<T: 'static> {
    columns: Vec<Column<T>>,
    /// Shared with the steps recorded: a step finds its list as the grid does.
    rows: Arc<Rows<T>>,
    describe: fn(&T, &InForce) -> Option<String>,
    /// The catalogs in force for the form (names, subtotal lines).
    cats: Signal<InForce>,
    sort_key: Option<fn(&T) -> String>,
    /// The form's undo history, where the grid's steps go.
    undo: Undo,
    /// The grid's name, after a step's label (`粘贴（预算明细）`).
    name: String,
}

/// Split a spec into its untyped and typed halves; the grid's steps go to
/// `undo`; names and subtotal lines come from the catalogs `cats`.
pub fn split<T: Row>(
    spec: GridSpec<T>,
    undo: Undo,
    cats: Signal<InForce>,
) -> (Meta, Arc<dyn Model>) {
    let name = spec.label.clone();
    let meta = Meta {
        path: spec.path,
        id: spec.id,
        label: spec.label,
        noun: spec.noun,
        columns: spec
            .columns
            .iter()
            .map(|c| ColMeta {
                key: c.key,
                header: c.header,
                kind: c.kind,
            })
            .collect(),
        frozen: spec.frozen,
        totals: spec.totals,
        has_sort: spec.sort_key.is_some(),
        add_label: spec.add_label,
    };
    let model = Typed {
        columns: spec.columns,
        rows: Arc::new(spec.rows),
        describe: spec.describe,
        cats,
        sort_key: spec.sort_key,
        undo,
        name,
    };
    (meta, Arc::new(model))
}

impl<T: Row> Typed<T> {
    /// Record `ops`, applied, as one step of the form's history.
    fn push(&self, label: &str, ops: Vec<Op<T>>) {
        if !ops.is_empty() {
            self.undo.push(
                format!("{label}（{}）", self.name),
                Box::new(ListChange::new(self.rows.clone(), ops)),
            );
        }
    }
    /// The columns as the header matcher sees them (`sheet.rs`).
    fn sheet_cols(&self) -> Vec<sheet::Col> {
        self.columns
            .iter()
            .map(|c| sheet::Col {
                key: c.key,
                header: c.header,
                kind: c.kind,
            })
            .collect()
    }
    fn cols(&self, (_, l, _, r): (usize, usize, usize, usize)) -> &[Column<T>] {
        &self.columns[l..=r.min(self.columns.len() - 1)]
    }
}

impl<T: Row> Model for Typed<T> {
    fn len(&self, i: &Inputs) -> usize {
        self.rows.get(i).len()
    }
    fn snap(&self, i: &Inputs, r: usize) -> Option<Snap> {
        self.rows.get(i).get(r).cloned().map(Snap::of)
    }
    fn text(&self, s: &Snap, c: usize) -> String {
        let (Some(row), Some(col)) = (s.get::<T>(), self.columns.get(c)) else {
            return String::new();
        };
        match col.kind {
            // Tracked: the name follows the catalogs in force.
            Kind::Name(_) => col.text(row, &self.cats.get()),
            _ => (col.get)(row),
        }
    }
    fn amount<'a>(&self, s: &'a Snap, c: usize) -> Option<&'a Amount> {
        let a = self.columns.get(c)?.amount?;
        Some(a(s.get::<T>()?))
    }
    fn describe(&self, s: &Snap) -> Option<String> {
        let row = s.get::<T>()?;
        (self.describe)(row, &self.cats.get())
    }
    fn set(&self, i: &mut Inputs, (r, c): Pos, text: &str) {
        if let (Some(row), Some(col)) = (
            self.rows.get_mut(i).and_then(|v| v.get_mut(r)),
            self.columns.get(c),
        ) {
            (col.set)(row, text);
        }
    }
    fn put(&self, i: &mut Inputs, r: usize, s: &Snap) {
        if let (Some(row), Some(old)) = (
            self.rows.get_mut(i).and_then(|v| v.get_mut(r)),
            s.get::<T>(),
        ) {
            *row = old.clone();
        }
    }
    fn edited(&self, r: usize, old: &Snap, new: &Snap) {
        if let (Some(old), Some(new)) = (s_get::<T>(old), s_get::<T>(new)) {
            self.push("编辑", vec![Op::Set { row: r, old, new }]);
        }
    }
    fn chose(&self, i: &Inputs, (r, c): Pos, label: &str) -> Plan {
        let mut ops = Vec::new();
        if let (Some(old), Some(col)) = (self.rows.get(i).get(r), self.columns.get(c)) {
            let mut new = old.clone();
            if (col.set)(&mut new, label) && new != *old {
                ops.push(Op::Set {
                    row: r,
                    old: old.clone(),
                    new,
                });
            }
        }
        Plan::of(ops)
    }
    fn paste(&self, i: &Inputs, block: &[Vec<String>], start: Pos) -> (Plan, PasteReport) {
        let cols = self.sheet_cols();
        let year = Some(i.unit.fiscal_year).filter(|y| *y > 0);
        // A block with its header: whole rows, from the first column.
        let cats = self.cats.get_untracked();
        let read = sheet::from_sheet(&cols, block, year, &cats);
        let (block, start) = match &read {
            Some(read) => (read.block.as_slice(), (start.0, 0)),
            None => (block, start),
        };
        let (ops, mut report) = edit::paste(self.rows.get(i), &self.columns, block, start, &cats);
        if let Some(read) = read {
            report.skipped_totals = read.totals;
            report.by_header = read.matched;
        }
        (Plan::of(ops), report)
    }
    fn headed(&self, block: &[Vec<String>]) -> bool {
        let cols = self.sheet_cols();
        sheet::headed(&cols, block)
    }
    fn blank(&self) -> Snap {
        Snap::of(T::default())
    }
    fn clear(&self, i: &Inputs, sel: (usize, usize, usize, usize)) -> Plan {
        Plan::of(edit::clear(self.rows.get(i), &self.columns, sel))
    }
    fn fill_down(&self, i: &Inputs, sel: (usize, usize, usize, usize)) -> Plan {
        Plan::of(edit::fill_down(self.rows.get(i), &self.columns, sel))
    }
    fn insert(&self, at: usize, n: usize) -> Plan {
        Plan::of(edit::insert::<T>(at, n))
    }
    fn delete(&self, i: &Inputs, top: usize, bottom: usize) -> Plan {
        Plan::of(edit::delete(self.rows.get(i), top, bottom))
    }
    fn sort(&self, i: &Inputs) -> Plan {
        match self.sort_key {
            Some(key) => Plan::of(edit::sort_by(self.rows.get(i), key)),
            None => Plan::of::<T>(Vec::new()),
        }
    }
    fn apply(&self, i: &mut Inputs, plan: &Plan) -> bool {
        self.rows
            .get_mut(i)
            .is_some_and(|rows| apply_step(rows, plan.ops::<T>(), true).is_ok())
    }
    fn record(&self, label: &str, plan: Plan) {
        if let Ok(ops) = plan.ops.downcast::<Vec<Op<T>>>() {
            self.push(label, *ops);
        }
    }
    fn block(&self, i: &Inputs, sel: (usize, usize, usize, usize)) -> Vec<Vec<String>> {
        let (t, _, b, _) = sel;
        let cols = self.cols(sel);
        let cats = self.cats.get_untracked();
        self.rows
            .get(i)
            .iter()
            .skip(t)
            .take(b + 1 - t)
            .map(|row| cols.iter().map(|c| c.text(row, &cats)).collect())
            .collect()
    }
    fn stats(&self, i: &Inputs, sel: (usize, usize, usize, usize)) -> String {
        let (t, _, b, _) = sel;
        let rows = self.rows.get(i);
        let last = rows.len().min(b + 1);
        let cols = self.cols(sel);
        let cats = self.cats.get_untracked();
        let mut texts = Vec::new();
        let mut amounts = Vec::new();
        for row in rows.get(t..last).unwrap_or(&[]) {
            for c in cols {
                texts.push(c.text(row, &cats));
                if let Some(a) = c.amount {
                    amounts.push(a(row));
                }
            }
        }
        super::select::Stats::of(texts.iter().map(String::as_str), &amounts).line()
    }
}

fn s_get<T: Row>(s: &Snap) -> Option<T> {
    s.get::<T>().cloned()
}
