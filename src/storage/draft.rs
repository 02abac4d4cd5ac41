//! The current draft in localStorage: read at start-up (or kept aside when it
//! cannot be read), and written in pieces.
//!
//! A draft text (`{format, version, saved_at, inputs}`) is stored as
//! content-defined pieces (`pieces`) under `PIECE_PREFIX` + their key, and a
//! head that lists them. The pieces are shared by every head in storage: the
//! current draft's (`DRAFT_KEY`) and each named draft's (`drafts`), so a
//! named draft of the form being edited costs its head and a piece or two.

use std::collections::HashSet;

use budget_core::Inputs;
use serde_json::Value;

use super::pieces;
use super::{
    BACKUP_PREFIX, Backup, DRAFT_FORMAT, DRAFT_KEY, DRAFT_VERSION, Loaded, PIECE_PREFIX,
    READS_UP_TO, storage,
};
use crate::web;

/// How a stored draft text reads.
pub(super) enum Draft {
    Ok(Box<Inputs>),
    /// Saved by a newer program (its version).
    Newer(u64),
    /// Not readable (the reason).
    Bad(String),
}

/// Read a draft text: `{format, version, saved_at, inputs}`, or the bare inputs
/// earlier versions saved.
///
/// A draft this program saved is read in one pass, as an import reads a file
/// (`file::read_wrapped`): no value tree of the whole form at start-up. Any
/// other text (an old bare-inputs draft, a newer or broken one) is read the
/// long way below, which gives the messages.
fn parse_draft(text: &str) -> Draft {
    if let Some(w) = budget_core::file::read_wrapped(text)
        && w.format == DRAFT_FORMAT
        && w.version == DRAFT_VERSION
    {
        return Draft::Ok(Box::new(w.inputs));
    }
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return Draft::Bad(format!("不是有效的 JSON：{e}")),
    };
    let inputs_text = match value.get("format") {
        Some(Value::String(f)) if f == DRAFT_FORMAT => {
            match value.get("version").and_then(Value::as_u64) {
                Some(DRAFT_VERSION) => {}
                Some(v) if v > READS_UP_TO => return Draft::Newer(v),
                Some(READS_UP_TO) => return Draft::Bad("草稿分段目录无法读取".to_string()),
                _ => return Draft::Bad("草稿版本号无效".to_string()),
            }
            match value.get("inputs") {
                Some(inputs) => inputs.to_string(),
                None => return Draft::Bad("草稿缺少 inputs".to_string()),
            }
        }
        Some(_) => return Draft::Bad("不是本程序的草稿".to_string()),
        None => text.to_string(),
    };
    match budget_core::file::read_inputs(&inputs_text) {
        Ok(inputs) => Draft::Ok(Box::new(inputs)),
        Err(e) => Draft::Bad(e.to_string()),
    }
}

/// The draft text stored under a head key (`stored`: its value): the pieces
/// its head lists put together, or the text itself (saved whole, before the
/// pieces). When it cannot be had, why, with the text a backup keeps: the head
/// of a newer program as it is, or every piece found, in order.
fn unpiece(s: &web_sys::Storage, stored: String) -> Result<String, (Draft, String)> {
    match pieces::Head::read(&stored) {
        None => Ok(stored),
        Some(head) if head.version > READS_UP_TO => Err((Draft::Newer(head.version), stored)),
        Some(head) => pieces::assemble(&head, |key| get_piece(s, key))
            .map_err(|(e, found)| (Draft::Bad(format!("草稿分段不完整：{e}")), found)),
    }
}

/// A draft as stored under a head key, read, with the text a backup keeps.
pub(super) fn open_stored(s: &web_sys::Storage, stored: String) -> (Draft, String) {
    match unpiece(s, stored) {
        Ok(text) => (parse_draft(&text), text),
        Err(not) => not,
    }
}

/// The inputs of the draft under `key`, or why not (for the clerk).
pub(super) fn read_inputs(s: &web_sys::Storage, key: &str) -> Result<Inputs, String> {
    let stored = match s.get_item(key) {
        Ok(Some(t)) => t,
        Ok(None) => return Err("草稿已不在浏览器存储中".to_string()),
        Err(_) => return Err("无法读取浏览器存储".to_string()),
    };
    match open_stored(s, stored).0 {
        Draft::Ok(inputs) => Ok(*inputs),
        Draft::Newer(v) => Err(format!("草稿由更新版本的程序保存（第 {v} 版）")),
        Draft::Bad(reason) => Err(format!("草稿已损坏（{reason}）")),
    }
}

fn get_piece(s: &web_sys::Storage, key: &str) -> Option<String> {
    s.get_item(&format!("{PIECE_PREFIX}{key}")).ok().flatten()
}

/// The draft's text as stored (its pieces put together), when it is complete.
pub(super) fn stored_text(s: &web_sys::Storage) -> Option<String> {
    unpiece(s, s.get_item(DRAFT_KEY).ok()??).ok()
}

/// Copy `text` to a backup key not used before; the key, or None when it cannot be written.
fn write_backup(s: &web_sys::Storage, text: &str) -> Option<String> {
    let stamp = web::now_iso();
    for n in 0..100 {
        let key = if n == 0 {
            format!("{BACKUP_PREFIX}{stamp}")
        } else {
            format!("{BACKUP_PREFIX}{stamp}-{n}")
        };
        match s.get_item(&key) {
            Ok(None) => return s.set_item(&key, text).ok().map(|()| key),
            Ok(Some(_)) => continue,
            Err(_) => return None,
        }
    }
    None
}

/// Read the draft.
pub fn load() -> Loaded {
    let s = match storage() {
        Ok(s) => s,
        Err(e) => {
            return Loaded {
                problem: Some(format!("{e}：本次填写不会自动保存，请及时导出文件。")),
                read_only: true,
                ..Loaded::default()
            };
        }
    };
    let text = match s.get_item(DRAFT_KEY) {
        Ok(Some(t)) => t,
        Ok(None) => return Loaded::default(),
        Err(_) => {
            return Loaded {
                problem: Some("无法读取本地草稿：本次填写不会自动保存，请及时导出文件。".into()),
                read_only: true,
                ..Loaded::default()
            };
        }
    };
    let (draft, text) = open_stored(&s, text);
    let what = match draft {
        Draft::Ok(inputs) => {
            return Loaded {
                inputs: Some(*inputs),
                ..Loaded::default()
            };
        }
        Draft::Newer(v) => format!(
            "本地草稿由更新版本的程序保存（草稿第 {v} 版，本程序最高只能读取第 {READS_UP_TO} 版）"
        ),
        Draft::Bad(reason) => format!("本地草稿已损坏（{reason}）"),
    };
    let stamp = web::now_iso().replace([':', '.'], "-");
    let backup = Some(Backup {
        name: format!("budget-form-draft-backup-{stamp}.json"),
        text: text.clone(),
    });
    match write_backup(&s, &text) {
        Some(key) => Loaded {
            problem: Some(format!(
                "{what}，无法在此打开；原内容已原样另存为备份（localStorage 键“{key}”），可点击“下载备份”保存为文件。已开始新的填写。"
            )),
            backup,
            ..Loaded::default()
        },
        None => Loaded {
            problem: Some(format!(
                "{what}，且无法另存备份；为保护原内容，本次填写不会自动保存。请点击“下载备份”保存原内容，并及时导出文件。"
            )),
            read_only: true,
            backup,
            ..Loaded::default()
        },
    }
}

/// The draft as saved: `{format, version, saved_at, inputs}`.
///
/// Written straight from the model (no `serde_json::Value` of the whole form)
/// by `file::json_lines`, the serializer the file export uses, with every
/// character outside ASCII escaped (`file::ascii_only`): JavaScript then holds
/// the text one byte a character, which cut the autosave of a 10,000-row
/// draft from ~34 to ~22 ms (bench, release build; passing the text to
/// JavaScript and `setItem` are the parts that got shorter).
pub fn draft_text(inputs: &Inputs, saved_at: &str) -> Result<String, String> {
    #[derive(serde::Serialize)]
    struct Draft<'a> {
        format: &'a str,
        version: u64,
        saved_at: &'a str,
        inputs: &'a Inputs,
    }
    budget_core::file::json_lines(&Draft {
        format: DRAFT_FORMAT,
        version: DRAFT_VERSION,
        saved_at,
        inputs,
    })
    .map(budget_core::file::ascii_only)
    .map_err(|e| format!("草稿无法保存：{e}"))
}

/// The storage could not take a write (full, or not writable).
#[derive(Debug)]
pub(super) struct Full;

/// Write `text` under the head key `head_key`: its pieces not yet in
/// storage, then the head that lists them. The pieces no longer listed by any
/// head are then removed (`collect`), whether the head was written or not: a
/// save cut off half way leaves the previous head with all its pieces.
///
/// An amount typed into a 10,000-row form rewrites one piece of ~13 KB, the
/// first piece (it holds `saved_at`) and the ~2 KB head instead of 1.26 M
/// characters.
pub(super) fn write_text(
    s: &web_sys::Storage,
    head_key: &str,
    text: &str,
    saved_at: &str,
) -> Result<(), Full> {
    let parts = pieces::split(text);
    let mut stored = piece_keys(s);
    let head = pieces::Head::of(&parts, saved_at)
        .to_text()
        .map_err(|_| Full)?;
    let mut write_pieces = || {
        for p in &parts {
            if !stored.contains(p.key.as_str()) {
                s.set_item(&format!("{PIECE_PREFIX}{}", p.key), p.text)?;
                stored.insert(p.key.clone());
            }
        }
        Ok::<(), wasm_bindgen::JsValue>(())
    };
    let written = write_pieces().and_then(|()| s.set_item(head_key, &head));
    collect(s, stored);
    written.map_err(|_| Full)
}

/// Remove the pieces in `stored` (keys without the prefix) that no head in
/// storage lists.
pub(super) fn collect(s: &web_sys::Storage, stored: HashSet<String>) {
    let mut listed: HashSet<String> = HashSet::new();
    for key in std::iter::once(DRAFT_KEY.to_string()).chain(super::drafts::head_keys(s)) {
        if let Some(head) = s
            .get_item(&key)
            .ok()
            .flatten()
            .and_then(|t| pieces::Head::read(&t))
        {
            listed.extend(head.pieces);
        }
    }
    for key in stored.difference(&listed) {
        s.remove_item(&format!("{PIECE_PREFIX}{key}")).ok();
    }
}

/// Write the current draft (see `write_text`).
pub fn save(inputs: &Inputs) -> Result<(), String> {
    let saved_at = web::now_iso();
    let text = draft_text(inputs, &saved_at)?;
    let s = storage().map_err(|e| format!("自动保存失败：{e}。可继续填写，但请及时导出文件。"))?;
    write_text(&s, DRAFT_KEY, &text, &saved_at).map_err(|Full| {
        "自动保存失败：浏览器存储空间已满或不可写。可继续填写，但请及时导出文件。".to_string()
    })
}

/// The keys (without the prefix) of the pieces in storage.
pub(super) fn piece_keys(s: &web_sys::Storage) -> HashSet<String> {
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|k| s.key(k).ok().flatten())
        .filter_map(|k| k.strip_prefix(PIECE_PREFIX).map(str::to_string))
        .collect()
}
