//! Sorting compiled once. Each `slice::sort_by` (and each `collect` into a
//! `BTreeMap`, which sorts) instantiates the whole standard stable sort for its
//! element type, about 4 KB of wasm each; the page had 13 of them. Here the
//! sort runs on indices with a `dyn` comparison, so one copy serves every type.

use std::cmp::Ordering;
use std::collections::BTreeMap;

/// The stable sorted order of `n` items under `cmp` (indices into them).
#[inline(never)]
pub fn stable_order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
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
    let mut slots: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    v.extend(
        order
            .into_iter()
            .filter_map(|i| slots.get_mut(i).and_then(Option::take)),
    );
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_by_is_stable_and_matches_std() {
        let items: Vec<(u8, usize)> = [3u8, 1, 3, 0, 1, 2, 3, 0].into_iter().zip(0..).collect();
        let mut ours = items.clone();
        sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
        let mut std = items;
        std.sort_by_key(|a| a.0);
        assert_eq!(ours, std);
        assert_eq!(ours.first(), Some(&(0, 3)));
        assert_eq!(ours.last(), Some(&(3, 6)));
    }

    #[test]
    fn btree_map_keeps_the_last_duplicate() {
        let m = btree_map([("b", 1), ("a", 2), ("b", 3)]);
        let std: BTreeMap<_, _> = [("b", 1), ("a", 2), ("b", 3)].into_iter().collect();
        assert_eq!(m, std);
        assert_eq!(m.get("b"), Some(&3));
    }
}
