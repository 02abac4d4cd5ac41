//! Which column each figure of a table is in.
//!
//! Tabs: the cell index, counted from the first figure cell of the table. A
//! line broken by a page loses its trailing empty cells, so its figures may
//! sit left of where they belong: when such a row has as many figures as its
//! parent line (its 类 or 款) has filled cells, it takes the parent's columns
//! (重庆 表3's `31002 办公设备购置` after a page break, under 310 资本性支出's
//! 公用经费). Aligned: the right edges of the table's figures, grouped.
//! Aligned text whose right edges do not line up (`pdftotext -layout` places
//! each row on its own) is read as loose.
//! Loose: a row with as many figures as the fullest row takes their order;
//! any other row knows only that its first figure is the first column.

use crate::row::{Layout, Token, tokens};
use crate::tables::Table;

/// Set `col` on every cell of a table.
pub fn resolve(t: &mut Table, layout: Layout) {
    match layout {
        Layout::Tabs => tabs(t),
        Layout::Aligned => aligned(t),
        Layout::Loose => loose(t),
    }
}

fn tabs(t: &mut Table) {
    // Columns count from the leftmost figure cell of the table's one-group rows.
    let base = t
        .rows
        .iter()
        .filter(|r| r.groups.len() == 1)
        .flat_map(|r| r.cells().iter().map(|c| c.pos))
        .min()
        .unwrap_or(0);
    let full = t.rows.iter().map(|r| r.width).max().unwrap_or(0);
    for i in 0..t.rows.len() {
        for (k, g) in t.rows[i].groups.iter_mut().enumerate() {
            // A two-sided table's right side counts from its own first figure.
            let gbase = if k == 0 {
                base
            } else {
                g.cells.first().map_or(base, |c| c.pos)
            };
            for c in &mut g.cells {
                c.col = Some(c.pos.saturating_sub(gbase));
            }
        }
        if t.rows[i].width < full
            && t.kind.coded()
            && let Some(cols) = parent_cols(t, i)
            && cols.len() == t.rows[i].cells().len()
        {
            for (c, col) in t.rows[i].groups[0].cells.iter_mut().zip(cols) {
                c.col = Some(col);
            }
        }
    }
}

/// The filled columns of the row's parent (the nearest earlier row whose
/// code is a prefix of its code).
fn parent_cols(t: &Table, i: usize) -> Option<Vec<usize>> {
    let code = t.rows[i].code.as_deref()?;
    let parent = t.rows[..i].iter().rev().find(|r| {
        r.code
            .as_deref()
            .is_some_and(|p| p.len() < code.len() && code.starts_with(p))
    })?;
    parent.cells().iter().map(|c| c.col).collect()
}

fn aligned(t: &mut Table) {
    let mut edges: Vec<usize> = t
        .rows
        .iter()
        .flat_map(|r| r.groups.iter())
        .flat_map(|g| g.cells.iter().map(|c| c.pos))
        .collect();
    edges.sort_unstable();
    edges.dedup();
    // Right edges within one display column of each other are one column.
    let mut groups: Vec<usize> = Vec::new();
    for e in edges {
        if groups.last().is_none_or(|&last| e > last + 1) {
            groups.push(e);
        } else if let Some(last) = groups.last_mut() {
            *last = e;
        }
    }
    let full = t.rows.iter().map(|r| r.cells().len()).max().unwrap_or(0);
    let expected = t.kind.columns();
    if groups.len() > full.max(expected) {
        // Not one edge per column: `pdftotext -layout` places each row on
        // its own (its figures shift with the width of its name, and the
        // gaps between them vary by page), so read it as loose text.
        return loose(t);
    }
    // Fewer column edges than the table has columns (a column empty
    // throughout): the column headings tell which column each figure is in.
    if expected != 0 && groups.len() != expected && by_heading(t, expected) {
        return;
    }
    for c in t
        .rows
        .iter_mut()
        .flat_map(|r| r.groups.iter_mut())
        .flat_map(|g| g.cells.iter_mut())
    {
        c.col = groups.iter().position(|&g| c.pos <= g);
    }
    // Still fewer edges than columns: the indexes are real columns for sums
    // down a column, but not for identities across a row.
    t.partial_columns = expected == 0 || groups.len() != expected;
}

/// Place figures under the lowest column heading they overlap. The leaf
/// headings (no heading below them) right of the row labels are the columns;
/// `false` when they are not exactly `expected` or a figure overlaps none.
fn by_heading(t: &mut Table, expected: usize) -> bool {
    let ruler = |k: &Token| {
        k.text
            .chars()
            .all(|c| matches!(c, '─' | '-' | '=' | '—' | '━'))
    };
    let rows: Vec<Vec<Token>> = t
        .header
        .iter()
        .map(|l| {
            tokens(l, Layout::Aligned)
                .into_iter()
                .filter(|k| !ruler(k))
                .collect()
        })
        .collect();
    let first_figure = t
        .rows
        .iter()
        .flat_map(|r| r.cells())
        .map(|c| c.start)
        .min()
        .unwrap_or(0);
    let overlap = |a: (usize, usize), b: (usize, usize)| a.1.min(b.1).saturating_sub(a.0.max(b.0));
    let mut leaves: Vec<(usize, usize)> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        for tok in row
            .iter()
            .filter(|k| k.end > first_figure && !k.text.contains("单位"))
        {
            let below = rows[i + 1..]
                .iter()
                .flatten()
                .any(|k| overlap((k.start, k.end), (tok.start, tok.end)) > 0);
            if !below {
                leaves.push((tok.start, tok.end));
            }
        }
    }
    leaves.sort_unstable();
    if leaves.len() != expected {
        return false;
    }
    let mut cols = Vec::new();
    for c in t.rows.iter().flat_map(|r| r.cells()) {
        let best = leaves
            .iter()
            .enumerate()
            .map(|(i, &l)| (overlap(l, (c.start, c.pos)), i))
            .filter(|&(o, _)| o > 0)
            .max_by_key(|&(o, i)| (o, std::cmp::Reverse(i)));
        match best {
            Some((_, i)) => cols.push(i),
            None => return false,
        }
    }
    let mut next = cols.into_iter();
    for c in t
        .rows
        .iter_mut()
        .flat_map(|r| r.groups.iter_mut())
        .flat_map(|g| g.cells.iter_mut())
    {
        c.col = next.next();
    }
    t.partial_columns = false;
    true
}

fn loose(t: &mut Table) {
    let full = t.rows.iter().map(|r| r.cells().len()).max().unwrap_or(0);
    for r in &mut t.rows {
        let n = r.cells().len();
        for g in &mut r.groups {
            for (i, c) in g.cells.iter_mut().enumerate() {
                c.col = (n == full || i == 0).then_some(i);
            }
        }
    }
    t.partial_columns = t.kind.columns() == 0 || full != t.kind.columns();
}
