//! Sorting compiled once.
//!
//! Each `slice::sort_by` and each `collect` into a `BTreeMap` or `BTreeSet`
//! (which sorts its input first) instantiates the whole standard stable sort
//! for its element type: about 3.8 KB of wasm before wasm-opt per type. The
//! page had 23 of them (87 KB, BENCHMARKS.md). Here the standard sort runs once,
//! on indices, with a `dyn` comparison, so one copy serves every type; the
//! order is the standard one (stable).
//!
//! Used by `budget-core` and the web app in place of the slice sorts (which
//! clippy.toml disallows there) and of `collect` into a B-tree.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// The stable sorted order of `n` items under `cmp`, as indices into them.
#[inline(never)]
pub fn stable_order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    #[allow(clippy::disallowed_methods)] // the one sort every other goes through
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Sorts `v` stably by `cmp`, as `slice::sort_by` does.
pub fn sort_by<T>(v: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = {
        let items = v.as_slice();
        stable_order(items.len(), &mut |a, b| cmp(&items[a], &items[b]))
    };
    permute(v, order);
}

/// Puts `v[order[k]]` at `k` for every `k`, in place: each cycle of the
/// permutation is followed once with swaps. (Moving the items out and back
/// allocated two more vectors the size of `v`, growing one by doubling: for
/// the core's per-code figures, about 1.4 MB per sort at 10,000 rows.)
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut k = start;
        loop {
            let from = order[k];
            order[k] = k;
            if from == start || from == k {
                break;
            }
            v.swap(k, from);
            k = from;
        }
    }
}

/// Sorts `v` stably by the key `key` gives, as `slice::sort_by_key` does.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` stably in ascending order, as `slice::sort` does.
pub fn sort<T: Ord>(v: &mut Vec<T>) {
    sort_by(v, T::cmp);
}

/// `iter.collect::<BTreeMap<_, _>>()` without its sort: inserts one by one.
/// As with `collect`, a later pair replaces the value of an equal key.
pub fn btree_map<K: Ord, V>(iter: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (k, v) in iter {
        map.insert(k, v);
    }
    map
}

/// `iter.collect::<BTreeSet<_>>()` without its sort: inserts one by one.
pub fn btree_set<T: Ord>(iter: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    for t in iter {
        set.insert(t);
    }
    set
}

#[cfg(test)]
mod tests {
    #![allow(clippy::disallowed_methods)] // compared with the std sorts

    use super::*;

    /// Small pseudo-random sequences (a linear congruential generator), so the
    /// comparison with std covers many lengths and many equal keys.
    fn sequences() -> impl Iterator<Item = Vec<(u8, usize)>> {
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        (0..200).map(move |len| {
            (0..len)
                .map(|i| {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1);
                    (((state >> 33) % 7) as u8, i)
                })
                .collect()
        })
    }

    #[test]
    fn sort_by_is_stable_and_matches_std() {
        for items in sequences() {
            let mut ours = items.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = items.clone();
            std.sort_by_key(|a| a.0);
            assert_eq!(ours, std, "len {}", items.len());
        }
    }

    #[test]
    fn sort_by_key_and_sort_match_std() {
        for items in sequences() {
            let mut ours = items.clone();
            sort_by_key(&mut ours, |a| std::cmp::Reverse(a.0));
            let mut std = items.clone();
            std.sort_by_key(|a| std::cmp::Reverse(a.0));
            assert_eq!(ours, std);

            let mut ours = items.clone();
            sort(&mut ours);
            let mut std = items;
            std.sort();
            assert_eq!(ours, std);
        }
    }

    #[test]
    fn btree_map_keeps_the_last_duplicate() {
        let m = btree_map([("b", 1), ("a", 2), ("b", 3)]);
        let std: BTreeMap<_, _> = [("b", 1), ("a", 2), ("b", 3)].into_iter().collect();
        assert_eq!(m, std);
        assert_eq!(m.get("b"), Some(&3));
    }

    #[test]
    fn btree_set_matches_collect() {
        for items in sequences() {
            let keys = items.iter().map(|p| p.0);
            assert_eq!(btree_set(keys.clone()), keys.collect::<BTreeSet<_>>());
        }
    }
}
