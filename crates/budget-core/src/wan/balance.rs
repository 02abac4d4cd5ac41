//! 舍位平衡 as a flow problem (see the module doc of `crate::wan`).
//!
//! Each sum that must hold is a node; each movable figure is an arc between
//! the two sums it belongs to (or between its one sum and a free end). Moving
//! a figure by one unit takes one unit of imbalance from one end to the other,
//! so the imbalances are cancelled by successive cheapest paths (successive
//! shortest paths: Dijkstra with node potentials, as a move back towards the
//! plain rounding has a negative cost).

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::{Figures, Unbalanced};
use crate::table::Table;

/// The printed figures (units) and what could not be balanced.
pub(super) struct Solved {
    pub printed: Vec<i64>,
    pub unbalanced: Vec<Unbalanced>,
}

/// One sum: `total = Σ parts` (figure ids).
struct Node {
    total: usize,
    parts: Vec<usize>,
}

/// A figure's place in a node: the node, and whether it is the total.
#[derive(Clone, Copy)]
struct Member {
    node: usize,
    total: bool,
}

pub(super) fn solve(table: &Table, f: &Figures) -> Solved {
    let mut unbalanced = Vec::new();
    let nodes = nodes(table, f, &mut unbalanced);
    let mut members: Vec<Vec<Member>> = vec![Vec::new(); f.at.len()];
    for (i, n) in nodes.iter().enumerate() {
        members[n.total].push(Member {
            node: i,
            total: true,
        });
        for &p in &n.parts {
            members[p].push(Member {
                node: i,
                total: false,
            });
        }
    }
    let plain = Solved {
        printed: f.plain.clone(),
        unbalanced: Vec::new(),
    };
    // A figure that is a part of no sum is never moved.
    let movable: Vec<bool> = members.iter().map(|m| m.iter().any(|m| !m.total)).collect();
    let Some(sign) = signs(&nodes, &members, &movable, f, table, &mut unbalanced) else {
        return Solved {
            unbalanced,
            ..plain
        };
    };
    // The movable figures at each node, and at the free end (those in one sum).
    let mut adjacent: Vec<Vec<usize>> = nodes
        .iter()
        .map(|n| {
            std::iter::once(n.total)
                .chain(n.parts.iter().copied())
                .filter(|&id| movable[id])
                .collect()
        })
        .collect();
    adjacent.push(
        (0..members.len())
            .filter(|&id| movable[id] && members[id].len() == 1)
            .collect(),
    );
    let mut net = Network {
        f,
        nodes: &nodes,
        members: &members,
        adjacent: &adjacent,
        sign: &sign,
        x: f.plain.clone(),
        tie: (f.at.len() as i128 + 1).pow(2),
    };
    net.balance();
    for (i, n) in nodes.iter().enumerate() {
        if net.imbalance(i) != 0 {
            unbalanced.push(Unbalanced::NoRounding(f.describe(table, n.total)));
        }
    }
    Solved {
        printed: net.x,
        unbalanced,
    }
}

/// The sums to balance: every declared sum that holds in 元, less the column
/// sums that follow from others (a line's 合计 column when the line is a total
/// of lines that each have one, below a line that has one too).
fn nodes(table: &Table, f: &Figures, unbalanced: &mut Vec<Unbalanced>) -> Vec<Node> {
    let sums = &table.sums;
    let mut total_of: Vec<Vec<usize>> = vec![Vec::new(); table.rows.len()];
    let mut part_of: Vec<Vec<usize>> = vec![Vec::new(); table.rows.len()];
    for (i, rs) in sums.rows.iter().enumerate() {
        if let Some(t) = total_of.get_mut(rs.total) {
            t.push(i);
        }
        for &p in &rs.parts {
            if let Some(t) = part_of.get_mut(p) {
                t.push(i);
            }
        }
    }
    let mut out = Vec::new();
    let mut push = |total: Option<usize>, parts: Vec<usize>| {
        let Some(total) = total else { return };
        let sum = parts
            .iter()
            .try_fold(Decimal::ZERO, |acc, &p| acc.checked_add(f.yuan[p]));
        if sum == Some(f.yuan[total]) {
            out.push(Node { total, parts });
        } else {
            unbalanced.push(Unbalanced::NotASum(f.describe(table, total)));
        }
    };
    for rs in &sums.rows {
        for &c in &rs.cells {
            let parts = rs.parts.iter().filter_map(|&p| f.get(p, c)).collect();
            push(f.get(rs.total, c), parts);
        }
    }
    for cs in &sums.columns {
        let mut in_rows = vec![false; table.rows.len()];
        for &r in &cs.rows {
            if let Some(x) = in_rows.get_mut(r) {
                *x = true;
            }
        }
        let covers = |i: &usize| {
            let cells = &sums.rows[*i].cells;
            cells.contains(&cs.total) && cs.parts.iter().all(|p| cells.contains(p))
        };
        let within = |r: usize| in_rows.get(r).copied().unwrap_or(false);
        for &r in &cs.rows {
            let sums_lines = total_of.get(r).is_some_and(|t| {
                t.iter()
                    .filter(|i| covers(i))
                    .any(|&i| sums.rows[i].parts.iter().all(|&p| within(p)))
            });
            let below_one = part_of.get(r).is_some_and(|t| {
                t.iter()
                    .filter(|i| covers(i))
                    .any(|&i| within(sums.rows[i].total))
            });
            if sums_lines && below_one {
                continue;
            }
            let parts = cs.parts.iter().filter_map(|&p| f.get(r, p)).collect();
            push(f.get(r, cs.total), parts);
        }
    }
    out
}

/// A sign per node such that moving a figure takes imbalance from one of its
/// nodes to the other (a total and a part of the same sign, two parts or two
/// totals of opposite signs). `None` (reported) when a figure is in more than
/// two sums or no such signs exist.
fn signs(
    nodes: &[Node],
    members: &[Vec<Member>],
    movable: &[bool],
    f: &Figures,
    table: &Table,
    unbalanced: &mut Vec<Unbalanced>,
) -> Option<Vec<i64>> {
    let mut edges: Vec<Vec<(usize, i64)>> = vec![Vec::new(); nodes.len()];
    for (id, m) in members.iter().enumerate() {
        if !movable[id] {
            continue;
        }
        match m.as_slice() {
            [_] => {}
            [a, b] => {
                let rel = if a.total == b.total { -1 } else { 1 };
                edges[a.node].push((b.node, rel));
                edges[b.node].push((a.node, rel));
            }
            _ => {
                unbalanced.push(Unbalanced::NotANetwork(f.describe(table, id)));
                return None;
            }
        }
    }
    let mut sign = vec![0i64; nodes.len()];
    for start in 0..nodes.len() {
        if sign[start] != 0 {
            continue;
        }
        sign[start] = 1;
        let mut queue = VecDeque::from([start]);
        while let Some(u) = queue.pop_front() {
            for &(v, rel) in &edges[u] {
                let want = sign[u] * rel;
                if sign[v] == 0 {
                    sign[v] = want;
                    queue.push_back(v);
                } else if sign[v] != want {
                    unbalanced.push(Unbalanced::NotANetwork(f.describe(table, nodes[v].total)));
                    return None;
                }
            }
        }
    }
    Some(sign)
}

struct Network<'a> {
    f: &'a Figures,
    nodes: &'a [Node],
    members: &'a [Vec<Member>],
    /// The movable figures of each node; last, of the free end.
    adjacent: &'a [Vec<usize>],
    sign: &'a [i64],
    /// The figures as they stand, in units.
    x: Vec<i64>,
    /// Weight of a unit of cost against the tie-break by cell order.
    tie: i128,
}

/// One step of a path: from `from` (a node, or the free end) over figure `id`
/// moved by `by`.
#[derive(Clone, Copy)]
struct Step {
    from: usize,
    to: usize,
    id: usize,
    by: i64,
}

impl Network<'_> {
    /// `total − Σ parts` of a node, in units (in i128: no sum of i64 figures
    /// overflows it).
    fn imbalance(&self, n: usize) -> i128 {
        let node = &self.nodes[n];
        i128::from(self.x[node.total])
            - node
                .parts
                .iter()
                .map(|&p| i128::from(self.x[p]))
                .sum::<i128>()
    }
    /// The imbalance seen from the node's sign: what a path takes away.
    fn excess(&self, n: usize) -> i128 {
        i128::from(self.sign[n]) * self.imbalance(n)
    }
    fn free(&self) -> usize {
        self.nodes.len()
    }
    /// Cancel every imbalance, one unit per cheapest path: from the first
    /// sum with too much (or from the free end, once only sums with too little
    /// are left) to the nearest sum with too little (or the free end).
    fn balance(&mut self) {
        let free = self.free();
        let mut excess: Vec<i128> = (0..self.nodes.len()).map(|n| self.excess(n)).collect();
        excess.push(0);
        // Node potentials keep every cost seen from them non-negative, so each
        // search is a Dijkstra that stops at the first target.
        let mut potential = vec![0i128; free + 1];
        let mut stuck = vec![false; free + 1];
        loop {
            let first = |positive: bool| {
                (0..free).find(|&n| {
                    !stuck[n]
                        && if positive {
                            excess[n] > 0
                        } else {
                            excess[n] < 0
                        }
                })
            };
            let (source, from_free) = match (first(true), first(false)) {
                (Some(n), _) => (n, false),
                (None, Some(_)) if !stuck[free] => (free, true),
                _ => return,
            };
            let is_target = |n: usize| {
                if n == free {
                    !from_free
                } else {
                    excess[n] < 0 && !stuck[n]
                }
            };
            let Some(path) = self.cheapest_path(source, is_target, &mut potential) else {
                stuck[source] = true;
                continue;
            };
            for s in path {
                self.x[s.id] += s.by;
                if s.from != free {
                    excess[s.from] -= 1;
                }
                if s.to != free {
                    excess[s.to] += 1;
                }
            }
        }
    }
    /// The node at the other end of figure `id` from `from`, and the move of
    /// the figure that takes one unit of excess from `from` to it.
    fn across(&self, from: usize, id: usize) -> Option<(usize, i64)> {
        let m = &self.members[id];
        let role = |m: &Member| if m.total { 1 } else { -1 };
        let (to, by) = if from == self.free() {
            let [w] = m.as_slice() else { return None };
            (w.node, self.sign[w.node] * role(w))
        } else {
            let here = m.iter().find(|x| x.node == from)?;
            let to = m
                .iter()
                .find(|x| x.node != from)
                .map_or(self.free(), |x| x.node);
            (to, -self.sign[from] * role(here))
        };
        let next = self.x[id].checked_add(by)?;
        (next >= self.f.low[id] && next <= self.f.high[id]).then_some((to, by))
    }
    /// What moving figure `id` by `by` costs: how much farther it gets from
    /// its exact value, then (tie-break) its position, earlier cheaper.
    fn cost(&self, id: usize, by: i64) -> i128 {
        let e = self.f.exact[id];
        let now = Decimal::from(self.x[id]);
        let next = Decimal::from(self.x[id] + by);
        let worse = (next - e).abs() - (now - e).abs();
        let scaled = (worse * Decimal::from(1_000_000_000_000_i64))
            .trunc()
            .to_i128()
            .unwrap_or(i128::MAX / 4);
        let away =
            (self.x[id] + by - self.f.plain[id]).abs() > (self.x[id] - self.f.plain[id]).abs();
        let order = id as i128 + 1;
        scaled.saturating_mul(self.tie) + if away { order } else { -order }
    }
    /// The cheapest path of moves from `source` to a target (Dijkstra on the
    /// costs reduced by `potential`, which it then updates); `None` when no
    /// target can be reached.
    fn cheapest_path(
        &self,
        source: usize,
        is_target: impl Fn(usize) -> bool,
        potential: &mut [i128],
    ) -> Option<Vec<Step>> {
        let count = self.nodes.len() + 1;
        let mut dist: Vec<Option<i128>> = vec![None; count];
        let mut pred: Vec<Option<Step>> = vec![None; count];
        let mut settled: Vec<usize> = Vec::new();
        let mut done = vec![false; count];
        let mut heap = BinaryHeap::from([Reverse((0i128, source))]);
        dist[source] = Some(0);
        let mut target = None;
        while let Some(Reverse((du, u))) = heap.pop() {
            if done[u] || dist[u] != Some(du) {
                continue;
            }
            done[u] = true;
            settled.push(u);
            // A target is where a path ends, not a place it passes through.
            if u != source && is_target(u) {
                target = Some((u, du));
                break;
            }
            for &id in &self.adjacent[u] {
                let Some((v, by)) = self.across(u, id) else {
                    continue;
                };
                if done[v] {
                    continue;
                }
                // Non-negative by the potentials' invariant; clamped so that a
                // broken invariant cannot make the search loop.
                let reduced = (self.cost(id, by) + potential[u] - potential[v]).max(0);
                let dv = du + reduced;
                if dist[v].is_none_or(|d| dv < d) {
                    dist[v] = Some(dv);
                    pred[v] = Some(Step {
                        from: u,
                        to: v,
                        id,
                        by,
                    });
                    heap.push(Reverse((dv, v)));
                }
            }
        }
        let (target, reach) = target?;
        // Settled nodes move by their distance, all others by the target's.
        let mut moved = vec![false; count];
        for &n in &settled {
            potential[n] += dist[n].unwrap_or(reach);
            moved[n] = true;
        }
        for (n, p) in potential.iter_mut().enumerate() {
            if !moved[n] {
                *p += reach;
            }
        }
        let mut path = Vec::new();
        let mut at = target;
        while at != source {
            let step = pred[at]?;
            if path.len() > count {
                return None;
            }
            path.push(step);
            at = step.from;
        }
        Some(path)
    }
}
