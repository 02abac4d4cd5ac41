//! Undo and redo for a grid as diffs: each step is a list of row replacements
//! and splices, never a copy of the whole form (Luckysheet#752: snapshots lag).

/// One change to a list of rows.
#[derive(Debug, Clone, PartialEq)]
pub enum Op<T> {
    /// Row `row` went from `old` to `new`.
    Set {
        /// Row index.
        row: usize,
        /// Before.
        old: T,
        /// After.
        new: T,
    },
    /// At `at`, `removed` rows were replaced by `inserted` rows.
    Splice {
        /// First row.
        at: usize,
        /// Rows taken out.
        removed: Vec<T>,
        /// Rows put in.
        inserted: Vec<T>,
    },
}

/// One undo step: what the status line calls it (`粘贴`) and what it did.
pub type Step<S> = (String, S);

/// The rows no longer look as the step left them (an import or another tab
/// replaced them): the history cannot be applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stale;

/// Apply `op` forwards (or backwards) to `rows`, checking that the rows are as
/// the op expects; nothing changes when they are not.
pub fn apply<T: Clone + PartialEq>(
    rows: &mut Vec<T>,
    op: &Op<T>,
    forward: bool,
) -> Result<(), Stale> {
    match op {
        Op::Set { row, old, new } => {
            let (from, to) = if forward { (old, new) } else { (new, old) };
            match rows.get_mut(*row) {
                Some(r) if r == from => {
                    *r = to.clone();
                    Ok(())
                }
                _ => Err(Stale),
            }
        }
        Op::Splice {
            at,
            removed,
            inserted,
        } => {
            let (out, put) = if forward {
                (removed, inserted)
            } else {
                (inserted, removed)
            };
            let end = at.checked_add(out.len()).ok_or(Stale)?;
            if end > rows.len() || rows[*at..end] != out[..] {
                return Err(Stale);
            }
            rows.splice(*at..end, put.iter().cloned());
            Ok(())
        }
    }
}

/// Apply a whole step; on a stale op, the ops already applied are rolled back.
pub fn apply_step<T: Clone + PartialEq>(
    rows: &mut Vec<T>,
    ops: &[Op<T>],
    forward: bool,
) -> Result<(), Stale> {
    let order: Vec<usize> = if forward {
        (0..ops.len()).collect()
    } else {
        (0..ops.len()).rev().collect()
    };
    for (k, &i) in order.iter().enumerate() {
        if apply(rows, &ops[i], forward).is_err() {
            for &j in order[..k].iter().rev() {
                // Undoing what was just done cannot be stale.
                let _ = apply(rows, &ops[j], !forward);
            }
            return Err(Stale);
        }
    }
    Ok(())
}

/// Undo and redo stacks of steps `S` (kept in memory only). What a step is
/// and how it applies is the caller's: the form's one history (`crate::undo`)
/// keeps changes of the inputs, the tests below keep ops on a list.
#[derive(Debug, Clone)]
pub struct History<S> {
    undo: Vec<Step<S>>,
    redo: Vec<Step<S>>,
    limit: usize,
}

impl<S> History<S> {
    /// An empty history keeping at most `limit` steps.
    pub fn new(limit: usize) -> Self {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
            limit,
        }
    }
    /// Record a step that has been applied; clears redo.
    pub fn push(&mut self, label: impl Into<String>, step: S) {
        self.redo.clear();
        self.undo.push((label.into(), step));
        if self.undo.len() > self.limit {
            let extra = self.undo.len() - self.limit;
            self.undo.drain(..extra);
        }
    }
    /// The last step that can be undone.
    pub fn last_mut(&mut self) -> Option<&mut Step<S>> {
        self.undo.last_mut()
    }
    /// Let `f` extend the last step (one field typed into keystroke by
    /// keystroke is one step): true when it did, which clears redo as a new
    /// step would.
    pub fn extend(&mut self, f: impl FnOnce(&mut S) -> bool) -> bool {
        let extended = self.undo.last_mut().is_some_and(|(_, s)| f(s));
        if extended {
            self.redo.clear();
        }
        extended
    }
    /// Undo (or redo) the last step with `apply(step, forward)`: its label, or
    /// `None` when there is nothing to undo. A step that does not apply
    /// (`Stale`: what it changed was changed by something else) clears the
    /// history; `apply` must then have changed nothing.
    pub fn step(
        &mut self,
        redo: bool,
        apply: impl FnOnce(&S, bool) -> Result<(), Stale>,
    ) -> Option<Result<String, Stale>> {
        let step = if redo {
            self.redo.pop()
        } else {
            self.undo.pop()
        }?;
        Some(match apply(&step.1, redo) {
            Ok(()) => {
                let label = step.0.clone();
                if redo {
                    self.undo.push(step);
                } else {
                    self.redo.push(step);
                }
                Ok(label)
            }
            Err(e) => {
                self.clear();
                Err(e)
            }
        })
    }
    /// Forget everything.
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
    /// Number of steps that can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }
    /// Number of steps that can be redone.
    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(row: usize, old: i32, new: i32) -> Op<i32> {
        Op::Set { row, old, new }
    }

    type Ops = Vec<Op<i32>>;

    fn undo(h: &mut History<Ops>, rows: &mut Vec<i32>) -> Option<Result<String, Stale>> {
        h.step(false, |ops, fwd| apply_step(rows, ops, fwd))
    }

    fn redo(h: &mut History<Ops>, rows: &mut Vec<i32>) -> Option<Result<String, Stale>> {
        h.step(true, |ops, fwd| apply_step(rows, ops, fwd))
    }

    #[test]
    fn edit_paste_delete_chain_undoes_and_redoes() {
        let mut rows = vec![1, 2, 3];
        let mut h = History::new(100);
        // Edit row 0.
        rows[0] = 10;
        h.push("编辑", vec![set(0, 1, 10)]);
        // Paste: row 2 changed and two rows appended.
        let paste = vec![
            set(2, 3, 30),
            Op::Splice {
                at: 3,
                removed: vec![],
                inserted: vec![40, 50],
            },
        ];
        apply_step(&mut rows, &paste, true).unwrap();
        h.push("粘贴", paste);
        // Delete row 1.
        let del = vec![Op::Splice {
            at: 1,
            removed: vec![2],
            inserted: vec![],
        }];
        apply_step(&mut rows, &del, true).unwrap();
        h.push("删除行", del);
        assert_eq!(rows, vec![10, 30, 40, 50]);

        assert_eq!(undo(&mut h, &mut rows), Some(Ok("删除行".to_string())));
        assert_eq!(rows, vec![10, 2, 30, 40, 50]);
        assert_eq!(undo(&mut h, &mut rows), Some(Ok("粘贴".to_string())));
        assert_eq!(rows, vec![10, 2, 3]);
        assert_eq!(undo(&mut h, &mut rows), Some(Ok("编辑".to_string())));
        assert_eq!(rows, vec![1, 2, 3]);
        assert_eq!(undo(&mut h, &mut rows), None);
        redo(&mut h, &mut rows);
        redo(&mut h, &mut rows);
        assert_eq!(redo(&mut h, &mut rows), Some(Ok("删除行".to_string())));
        assert_eq!(rows, vec![10, 30, 40, 50]);
        assert_eq!(redo(&mut h, &mut rows), None);
    }

    #[test]
    fn a_new_step_clears_redo() {
        let mut rows = vec![1];
        let mut h = History::new(100);
        rows[0] = 2;
        h.push("编辑", vec![set(0, 1, 2)]);
        undo(&mut h, &mut rows);
        assert_eq!(h.redo_len(), 1);
        rows[0] = 3;
        h.push("编辑", vec![set(0, 1, 3)]);
        assert_eq!(h.redo_len(), 0);
    }

    #[test]
    fn extending_the_last_step_clears_redo_and_undoes_as_one() {
        let mut rows = vec![1, 2];
        let mut h = History::new(100);
        rows[1] = 20;
        h.push("编辑", vec![set(1, 2, 20)]);
        rows[0] = 5;
        h.push("编辑", vec![set(0, 1, 5)]);
        undo(&mut h, &mut rows);
        assert_eq!(h.redo_len(), 1);
        // The last step left is extended: the redo of the other is gone.
        rows[1] = 200;
        assert!(h.extend(|ops| {
            ops.push(set(1, 20, 200));
            true
        }));
        assert_eq!(h.redo_len(), 0);
        assert_eq!(undo(&mut h, &mut rows), Some(Ok("编辑".to_string())));
        assert_eq!(rows, vec![1, 2]);
    }

    #[test]
    fn a_step_not_extended_keeps_redo() {
        let mut rows = vec![1, 2];
        let mut h = History::new(100);
        rows[0] = 5;
        h.push("编辑", vec![set(0, 1, 5)]);
        rows[1] = 6;
        h.push("编辑", vec![set(1, 2, 6)]);
        undo(&mut h, &mut rows);
        assert!(!h.extend(|_| false));
        assert_eq!(h.redo_len(), 1);
    }

    #[test]
    fn keeps_at_most_the_limit() {
        let mut rows = vec![0];
        let mut h = History::new(100);
        for k in 0..150 {
            rows[0] = k + 1;
            h.push("编辑", vec![set(0, k, k + 1)]);
        }
        assert_eq!(h.undo_len(), 100);
        while let Some(r) = undo(&mut h, &mut rows) {
            r.unwrap();
        }
        assert_eq!(rows, vec![50]);
    }

    #[test]
    fn stale_history_changes_nothing_and_is_cleared() {
        let mut rows = vec![1, 2];
        let mut h = History::new(100);
        let ops = vec![
            set(0, 1, 5),
            Op::Splice {
                at: 2,
                removed: vec![],
                inserted: vec![9],
            },
        ];
        apply_step(&mut rows, &ops, true).unwrap();
        h.push("粘贴", ops);
        // Something else replaced the rows.
        rows = vec![7, 2, 9];
        assert_eq!(undo(&mut h, &mut rows), Some(Err(Stale)));
        assert_eq!(rows, vec![7, 2, 9]);
        assert_eq!(h.undo_len(), 0);
    }
}
