//! A fast non-cryptographic hasher for the checks' lookup maps (the FxHash
//! scheme of rustc). The keys are the clerk's own codes, not hostile input,
//! and the default SipHash dominated a 10,000-row check run.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with the fast hasher.
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// FxHash: rotate, xor, multiply, a word at a time.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn write_isize(&mut self, i: isize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// Ids for `u64` keys, chosen by the caller when a key is new (dense, in
/// first-seen order, in `CodeIndex`): an open-addressing table
/// (linear probing, Fibonacci hashing) holding only the key and its id, so a
/// lookup is a multiply, a shift and usually one compare. Any `u64` except
/// `u64::MAX` is a key (a `catalog::code_key` never is: its low byte is ≤ 7).
#[derive(Debug, Clone)]
pub(crate) struct KeyIndex {
    slots: Vec<(u64, u32)>,
    /// log2 of the number of slots.
    bits: u32,
    len: u32,
}

const EMPTY: u64 = u64::MAX;

impl KeyIndex {
    /// Room for `n` keys without growing.
    pub(crate) fn with_capacity(n: usize) -> Self {
        // At most half full.
        let bits = (n.max(8) * 2).next_power_of_two().trailing_zeros();
        KeyIndex {
            slots: vec![(EMPTY, 0); 1 << bits],
            bits,
            len: 0,
        }
    }
    /// Number of keys.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.len as usize
    }
    #[inline]
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - self.bits)) as usize
    }
    /// The id of `key`, if present.
    pub(crate) fn get(&self, key: u64) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        loop {
            let (k, id) = self.slots[i];
            if k == key && k != EMPTY {
                return Some(id);
            }
            if k == EMPTY {
                return None;
            }
            i = (i + 1) & mask;
        }
    }
    /// The id of `key`, giving it `next` when new; `true` when new.
    #[inline]
    pub(crate) fn insert(&mut self, key: u64, next: u32) -> (u32, bool) {
        debug_assert_ne!(key, EMPTY);
        if (self.len as usize + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        loop {
            let (k, id) = self.slots[i];
            if k == key {
                return (id, false);
            }
            if k == EMPTY {
                self.slots[i] = (key, next);
                self.len += 1;
                return (next, true);
            }
            i = (i + 1) & mask;
        }
    }
    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        self.bits += 1;
        self.slots = vec![(EMPTY, 0); 1 << self.bits];
        let mask = self.slots.len() - 1;
        for (k, id) in old.into_iter().filter(|(k, _)| *k != EMPTY) {
            let mut i = self.home(k);
            while self.slots[i].0 != EMPTY {
                i = (i + 1) & mask;
            }
            self.slots[i] = (k, id);
        }
    }
}

/// Dense ids for code strings, in first-seen order, with the first-seen text
/// of each: codes of at most 7 bytes (every catalog code) go through a
/// `KeyIndex` of their packed key, longer ones through a string map.
#[derive(Debug, Clone)]
pub(crate) struct CodeIndex<'a> {
    short: KeyIndex,
    long: FastMap<&'a str, u32>,
    codes: Vec<&'a str>,
}

impl<'a> CodeIndex<'a> {
    /// Room for `n` distinct codes without growing.
    pub(crate) fn with_capacity(n: usize) -> Self {
        CodeIndex {
            short: KeyIndex::with_capacity(n),
            long: FastMap::default(),
            codes: Vec::with_capacity(n),
        }
    }
    /// The id of `code`, giving it the next id when new; `true` when new.
    #[inline]
    pub(crate) fn insert(&mut self, code: &'a str) -> (u32, bool) {
        let next = self.codes.len() as u32;
        let (id, new) = match crate::catalog::code_key(code) {
            Some(key) => self.short.insert(key, next),
            None => match self.long.entry(code) {
                std::collections::hash_map::Entry::Occupied(e) => (*e.get(), false),
                std::collections::hash_map::Entry::Vacant(e) => (*e.insert(next), true),
            },
        };
        if new {
            self.codes.push(code);
        }
        (id, new)
    }
    /// The id of `code`, if seen.
    pub(crate) fn get(&self, code: &str) -> Option<u32> {
        match crate::catalog::code_key(code) {
            Some(key) => self.short.get(key),
            None => self.long.get(code).copied(),
        }
    }
    /// Every distinct code, by id.
    pub(crate) fn codes(&self) -> &[&'a str] {
        &self.codes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_stay_distinct() {
        let mut m: FastMap<&str, usize> = FastMap::default();
        let codes = ["2010301", "2010302", "20103010", "201030", "", "2010301 "];
        for (i, c) in codes.iter().enumerate() {
            assert_eq!(m.insert(c, i), None, "{c:?}");
        }
        for (i, c) in codes.iter().enumerate() {
            assert_eq!(m.get(c), Some(&i));
        }
    }

    #[test]
    fn key_index_gives_dense_ids_in_first_seen_order() {
        let mut k = KeyIndex::with_capacity(2);
        let keys: Vec<u64> = (0..5_000u64).map(|i| i.wrapping_mul(7919) << 8).collect();
        for (i, &key) in keys.iter().enumerate() {
            assert_eq!(k.get(key), None);
            assert_eq!(k.insert(key, i as u32), (i as u32, true));
        }
        assert_eq!(k.len(), keys.len());
        for (i, &key) in keys.iter().enumerate() {
            assert_eq!(k.insert(key, 0), (i as u32, false));
            assert_eq!(k.get(key), Some(i as u32));
        }
        assert_eq!(k.get(1), None);
        assert_eq!(k.get(EMPTY), None);
    }

    #[test]
    fn code_index_keeps_codes_apart() {
        let codes = [
            "2010301",
            "2010302",
            "20103010",
            "201030",
            "",
            "2010301 ",
            " 2010301",
            "2010301",
            "2行",
            "20103011234",
            "",
            "20103010",
        ];
        let mut ix = CodeIndex::with_capacity(4);
        let mut seen: Vec<&str> = Vec::new();
        for c in codes {
            let (id, new) = ix.insert(c);
            let want = seen.iter().position(|s| *s == c);
            assert_eq!(new, want.is_none(), "{c:?}");
            if new {
                seen.push(c);
            }
            assert_eq!(id as usize, want.unwrap_or(seen.len() - 1), "{c:?}");
            assert_eq!(ix.get(c), Some(id));
        }
        assert_eq!(ix.codes(), seen.as_slice());
        assert_eq!(ix.get("2010303"), None);
        assert_eq!(ix.get("201030100"), None);
    }
}
