//! A long text kept as pieces under keys of their own, so that a small change
//! rewrites a few small pieces instead of the whole text.
//!
//! The web app saves its draft this way: a 10,000-row draft is ~1.27 M
//! characters, and writing it whole into `localStorage` on every autosave
//! slowed the keystrokes that followed (see BENCHMARKS.md). Split here, an
//! edit changes one or two pieces of a few kilobytes, plus a short head that
//! lists the pieces in order.
//!
//! - **Content-defined boundaries.** A piece ends after a line whose hash has
//!   its low [`BOUNDARY_BITS`] bits zero (once the piece holds at least
//!   [`MIN_PIECE`] bytes), or at the first line end past [`MAX_PIECE`]. A
//!   boundary depends only on the lines around it, so inserting or deleting a
//!   row changes the pieces around the change, not every piece after it.
//! - **Keys are the content.** A piece's key is a hash of its bytes and its
//!   length: a piece already written under its key need not be written again,
//!   and [`assemble`] checks every piece against its key.
//! - **The head is written last.** Pieces first, then the head, then the
//!   pieces no longer listed are removed: a save cut off half way leaves the
//!   previous head and every piece it lists in place.
//!
//! Pure (no browser call): the draft module does the storage. Moved here from
//! `budget-core` (issue 21): it serves the browser's storage, not the domain.

use serde::{Deserialize, Serialize};

/// `format` of a head.
pub const HEAD_FORMAT: &str = "budget-form-draft";
/// `version` of a head (version 1 was the draft as one text).
pub const HEAD_VERSION: u64 = 2;
/// A piece holds at least this many bytes before a content boundary may end it.
pub const MIN_PIECE: usize = 4 * 1024;
/// A piece ends at the first line end at or past this many bytes.
pub const MAX_PIECE: usize = 64 * 1024;
/// Low bits of a line's hash that must be zero for a boundary after it (one
/// line in 256 on average).
pub const BOUNDARY_BITS: u32 = 8;

/// One piece of a text: its key and its text (a slice of the whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece<'a> {
    /// [`key_of`] the text.
    pub key: String,
    /// The piece's text, line ends included.
    pub text: &'a str,
}

/// The head of a text kept as pieces: the pieces' keys in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Head {
    /// [`HEAD_FORMAT`].
    pub format: String,
    /// [`HEAD_VERSION`].
    pub version: u64,
    /// When the text was saved (ISO 8601), for people reading the storage.
    pub saved_at: String,
    /// Total length of the text in bytes.
    pub length: usize,
    /// The keys of the pieces, in order (a key may repeat).
    pub pieces: Vec<String>,
}

impl Head {
    /// The head of `pieces`.
    pub fn of(pieces: &[Piece<'_>], saved_at: &str) -> Head {
        Head {
            format: HEAD_FORMAT.to_string(),
            version: HEAD_VERSION,
            saved_at: saved_at.to_string(),
            length: pieces.iter().map(|p| p.text.len()).sum(),
            pieces: pieces.iter().map(|p| p.key.clone()).collect(),
        }
    }

    /// The head as JSON text.
    pub fn to_text(&self) -> Result<String, String> {
        serde_json::to_string(self).map_err(|e| e.to_string())
    }

    /// The head in `text`, when `text` is one (its `format` is
    /// [`HEAD_FORMAT`] and it lists pieces); `None` for anything else, such
    /// as a draft saved as one text.
    pub fn read(text: &str) -> Option<Head> {
        // Unknown members are refused: a draft saved as one text fails at
        // its `inputs`, before the decoder reads the form.
        let head: Head = serde_json::from_str(text).ok()?;
        (head.format == HEAD_FORMAT).then_some(head)
    }
}

/// Why the pieces a head lists do not make its text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PieceError {
    /// A listed piece is not in storage.
    #[error("缺少第 {position} 段（共 {count} 段）")]
    Missing {
        /// 1-based position in the head.
        position: usize,
        /// Pieces the head lists.
        count: usize,
    },
    /// A piece's text does not match its key.
    #[error("第 {position} 段内容与校验值不符")]
    Changed {
        /// 1-based position in the head.
        position: usize,
    },
    /// The pieces are not as long as the head says.
    #[error("各段总长 {found} 字节，与记录的 {expected} 字节不符")]
    Length {
        /// Length the head records.
        expected: usize,
        /// Length of the pieces found.
        found: usize,
    },
}

/// The text the head lists, piece by piece from `get` (a key → its text, or
/// `None` when absent), checked against the head (`check`).
///
/// On a problem, the error and what could be put together (every piece found,
/// in order, the missing ones left out), so that nothing found is lost.
pub fn assemble(
    head: &Head,
    mut get: impl FnMut(&str) -> Option<String>,
) -> Result<String, (PieceError, String)> {
    let mut text = String::with_capacity(head.length);
    let mut missing = None;
    for (k, key) in head.pieces.iter().enumerate() {
        match get(key) {
            Some(piece) => text.push_str(&piece),
            None => {
                missing.get_or_insert(k);
            }
        }
    }
    match check(head, &text, missing) {
        Ok(()) => Ok(text),
        Err(e) => Err((e, text)),
    }
}

/// Check `joined`, the pieces the head lists joined in order, against the
/// head: `first_missing` is the position (0-based) of the first piece that
/// was not found, if any. Each piece is cut from `joined` by the length in
/// its key and must have that key; the whole must have the head's length.
fn check(head: &Head, joined: &str, first_missing: Option<usize>) -> Result<(), PieceError> {
    if let Some(k) = first_missing {
        return Err(PieceError::Missing {
            position: k + 1,
            count: head.pieces.len(),
        });
    }
    // A piece longer or shorter than its key says shows in the total first.
    if joined.len() != head.length {
        return Err(PieceError::Length {
            expected: head.length,
            found: joined.len(),
        });
    }
    let mut at: usize = 0;
    for (k, key) in head.pieces.iter().enumerate() {
        let piece = length_in(key)
            .and_then(|len| joined.get(at..at.checked_add(len)?))
            .filter(|piece| key_of(piece) == *key)
            .ok_or(PieceError::Changed { position: k + 1 })?;
        at += piece.len();
    }
    if at == joined.len() {
        Ok(())
    } else {
        Err(PieceError::Changed {
            position: head.pieces.len(),
        })
    }
}

/// The length a key records (after the 16 hex digits of the hash).
fn length_in(key: &str) -> Option<usize> {
    usize::from_str_radix(key.get(16..)?, 16).ok()
}

/// `text` in pieces (see the module's comment). Joined in order, they are
/// `text`; an empty text has no pieces.
pub fn split(text: &str) -> Vec<Piece<'_>> {
    let bytes = text.as_bytes();
    let mut pieces = Vec::with_capacity(text.len() / (2 * MIN_PIECE) + 1);
    let mut start = 0;
    let mut line = 0;
    let mask = (1u64 << BOUNDARY_BITS) - 1;
    while line < bytes.len() {
        let end = match bytes[line..].iter().position(|&b| b == b'\n') {
            Some(k) => line + k + 1,
            None => bytes.len(),
        };
        let size = end - start;
        if end == bytes.len()
            || size >= MAX_PIECE
            || (size >= MIN_PIECE && fnv1a(&bytes[line..end]) & mask == 0)
        {
            // `end` follows a '\n' or is the text's end: a char boundary.
            let piece = &text[start..end];
            pieces.push(Piece {
                key: key_of(piece),
                text: piece,
            });
            start = end;
        }
        line = end;
    }
    pieces
}

/// The key of a piece: a 64-bit hash of its bytes and its length, in hex.
pub fn key_of(piece: &str) -> String {
    format!("{:016x}{:x}", words_hash(piece.as_bytes()), piece.len())
}

/// FNV-1a (64 bit): a line's hash, for the boundaries.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A piece's hash, eight bytes a step: each step (xor, multiply by an odd
/// constant, rotate) is one-to-one in the state, so two pieces of the same
/// length that differ in one word always differ in hash; the final mix
/// spreads the last words over every bit.
fn words_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h: u64 = 0x243f_6a88_85a3_08d3;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(w);
        h = (h ^ u64::from_le_bytes(word))
            .wrapping_mul(K)
            .rotate_left(29);
    }
    let rest = words.remainder();
    let mut word = [0u8; 8];
    word[..rest.len()].copy_from_slice(rest);
    h = (h ^ u64::from_le_bytes(word) ^ ((rest.len() as u64) << 56))
        .wrapping_mul(K)
        .rotate_left(29);
    // Final mix (splitmix64's).
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashMap, HashSet};

    fn draft(rows: usize, seed: u64) -> String {
        let inputs = budget_synthetic::generate(rows, seed);
        budget_core::file::json_lines(&inputs).expect("serializes")
    }

    fn store(pieces: &[Piece<'_>]) -> HashMap<String, String> {
        pieces
            .iter()
            .map(|p| (p.key.clone(), p.text.to_string()))
            .collect()
    }

    #[test]
    fn pieces_join_to_the_text_and_respect_the_bounds() {
        for text in [
            String::new(),
            "x".to_string(),
            "a\nb\n".to_string(),
            "no line end at all ".repeat(10_000),
            draft(100, 1),
            draft(3_000, 7),
        ] {
            let pieces = split(&text);
            let joined: String = pieces.iter().map(|p| p.text).collect();
            assert_eq!(joined, text);
            for (k, p) in pieces.iter().enumerate() {
                assert_eq!(p.key, key_of(p.text));
                assert!(!p.text.is_empty());
                let last = k + 1 == pieces.len();
                if !last {
                    assert!(p.text.ends_with('\n'), "a piece ends at a line end");
                    assert!(p.text.len() >= MIN_PIECE);
                    // Past MAX_PIECE only by the line that crossed it.
                    let before_last_line =
                        p.text[..p.text.len() - 1].rfind('\n').map_or(0, |i| i + 1);
                    assert!(before_last_line < MAX_PIECE);
                }
            }
        }
    }

    #[test]
    fn a_draft_round_trips_through_a_head() {
        let text = draft(2_000, 3);
        let pieces = split(&text);
        assert!(pieces.len() > 10, "{} pieces", pieces.len());
        let head = Head::of(&pieces, "2026-11-26T17:00:00Z");
        let read = Head::read(&head.to_text().expect("serializes")).expect("a head");
        assert_eq!(read, head);
        let stored = store(&pieces);
        let back = assemble(&read, |k| stored.get(k).cloned()).expect("complete");
        assert_eq!(back, text);
    }

    #[test]
    fn a_draft_saved_whole_is_not_a_head() {
        let text = draft(100, 2);
        assert_eq!(Head::read(&text), None);
        let wrapped = format!(
            "{{\"format\":\"budget-form-draft\",\"version\":1,\"saved_at\":\"x\",\"inputs\":{}}}",
            text
        );
        assert_eq!(Head::read(&wrapped), None);
        assert_eq!(Head::read("not json"), None);
        assert_eq!(
            Head::read(r#"{"format":"other","version":2,"saved_at":"","length":0,"pieces":[]}"#),
            None
        );
    }

    /// The point of the pieces: one amount typed changes one piece, and a row
    /// inserted near the top changes a few, not every piece after it.
    #[test]
    fn a_small_change_rewrites_few_pieces() {
        let mut inputs = budget_synthetic::generate(10_000, 42);
        let before = budget_core::file::json_lines(&inputs).expect("serializes");
        let old: HashSet<String> = split(&before).into_iter().map(|p| p.key).collect();
        // ~1.26 MB in ~95 pieces (head ~2.3 KB).
        let count = split(&before).len();
        assert!(before.len() / MAX_PIECE < count && count < before.len() / MIN_PIECE);
        let new_keys = |text: &str| {
            split(text)
                .into_iter()
                .filter(|p| !old.contains(&p.key))
                .map(|p| p.text.len())
                .collect::<Vec<_>>()
        };

        inputs.rows[5_000].this_year = budget_core::Amount::from_text("1234567.89");
        let after = budget_core::file::json_lines(&inputs).expect("serializes");
        let changed = new_keys(&after);
        assert!(
            (1..=2).contains(&changed.len()),
            "an amount typed: {changed:?}"
        );
        assert!(changed.iter().sum::<usize>() <= 2 * MAX_PIECE);

        let row = inputs.rows[10].clone();
        inputs.rows.insert(3, row);
        let after = budget_core::file::json_lines(&inputs).expect("serializes");
        let changed = new_keys(&after);
        assert!(
            (1..=3).contains(&changed.len()),
            "a row inserted: {} new pieces of {}",
            changed.len(),
            split(&after).len()
        );
    }

    #[test]
    fn a_missing_or_changed_piece_is_reported_and_the_rest_kept() {
        let text = draft(1_000, 5);
        let pieces = split(&text);
        let head = Head::of(&pieces, "t");
        let mut stored = store(&pieces);

        let second = pieces[1].key.clone();
        let kept = stored.remove(&second).expect("stored");
        let (e, partial) = assemble(&head, |k| stored.get(k).cloned()).expect_err("missing");
        assert_eq!(
            e,
            PieceError::Missing {
                position: 2,
                count: pieces.len()
            }
        );
        assert_eq!(
            e.to_string(),
            format!("缺少第 2 段（共 {} 段）", pieces.len())
        );
        assert_eq!(partial.len(), text.len() - kept.len());
        assert!(partial.starts_with(pieces[0].text));

        let mut changed = kept.clone();
        changed.replace_range(0..1, if kept.starts_with('x') { "y" } else { "x" });
        stored.insert(second, changed);
        let (e, partial) = assemble(&head, |k| stored.get(k).cloned()).expect_err("changed");
        assert_eq!(e, PieceError::Changed { position: 2 });
        assert_eq!(partial.len(), text.len());

        // A piece longer than its key says.
        let mut stored = store(&pieces);
        stored.insert(pieces[1].key.clone(), format!("{}x", pieces[1].text));
        let (e, partial) = assemble(&head, |k| stored.get(k).cloned()).expect_err("longer");
        assert_eq!(
            e,
            PieceError::Length {
                expected: text.len(),
                found: text.len() + 1
            }
        );
        assert_eq!(partial.len(), text.len() + 1);
        // The joined text checked directly.
        assert_eq!(check(&head, &text, None), Ok(()));
        assert_eq!(
            check(&head, &text, Some(0)),
            Err(PieceError::Missing {
                position: 1,
                count: pieces.len()
            })
        );
        let mut swapped = text.clone();
        let third = pieces[0].text.len() + pieces[1].text.len();
        let at = third
            + pieces[2]
                .text
                .bytes()
                .position(|b| b.is_ascii_alphanumeric())
                .expect("an ASCII letter or digit");
        swapped.replace_range(at..at + 1, if &text[at..at + 1] == "x" { "y" } else { "x" });
        assert_eq!(
            check(&head, &swapped, None),
            Err(PieceError::Changed { position: 3 })
        );

        let short = Head {
            length: head.length + 1,
            ..head.clone()
        };
        let stored = store(&pieces);
        let (e, _) = assemble(&short, |k| stored.get(k).cloned()).expect_err("length");
        assert!(matches!(e, PieceError::Length { .. }));
    }

    #[test]
    fn keys_differ_for_texts_that_differ_in_one_byte() {
        let text = draft(200, 9);
        let base = key_of(&text);
        let bytes = text.as_bytes();
        let mut seen = HashSet::new();
        for at in (0..bytes.len()).step_by(97) {
            if !bytes[at].is_ascii_digit() {
                continue;
            }
            let mut other = bytes.to_vec();
            other[at] = if bytes[at] == b'9' {
                b'0'
            } else {
                bytes[at] + 1
            };
            let other = String::from_utf8(other).expect("ascii digit swap");
            let key = key_of(&other);
            assert_ne!(key, base);
            assert!(seen.insert(key), "two one-digit changes share a key");
        }
        assert!(seen.len() > 50);
        // Same bytes, different length.
        assert_ne!(key_of("ab"), key_of("ab\0"));
    }
}
