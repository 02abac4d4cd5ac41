//! Named drafts: copies of the form the clerk keeps in the browser (保存为草稿,
//! or 保留为草稿 before the form is replaced), listed by 草稿列表.
//!
//! Each is a draft text like the current draft's, stored the same way: a head
//! under `HEAD_PREFIX` + its id listing pieces in the store they all share
//! (`draft::write_text`), so keeping the form being edited writes its head and
//! the piece or two that differ. The list (name, time, unit, rows) is one
//! small JSON under `INDEX_KEY`, written after the head. An index that cannot
//! be read is never overwritten: keeping a draft is then refused with why.

use budget_core::Inputs;
use serde::{Deserialize, Serialize};

use super::draft::{self, Full};
use super::storage;
use crate::web;

/// Key of the list of named drafts.
pub const INDEX_KEY: &str = "budget-form.drafts.index";
/// Prefix of the keys of the named drafts' heads (the rest is the draft's id).
pub const HEAD_PREFIX: &str = "budget-form.drafts.item.";
/// `format` of the list.
const INDEX_FORMAT: &str = "budget-form-drafts";
/// `version` of the list.
const INDEX_VERSION: u64 = 1;

/// Said when a write does not fit in the browser's storage.
const FULL: &str = "浏览器存储空间已满或不可写。可删除不用的草稿，或导出文件保存";

/// One named draft, as the list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Its id (part of its head's key).
    pub id: String,
    /// The name the clerk sees (and may change).
    pub name: String,
    /// When it was kept (ISO 8601, UTC).
    pub saved_at: String,
    /// The unit's name in the draft.
    pub unit: String,
    /// Its budget rows (预算明细).
    pub rows: usize,
}

#[derive(Serialize, Deserialize)]
struct Index {
    format: String,
    version: u64,
    drafts: Vec<Entry>,
}

fn head_key(id: &str) -> String {
    format!("{HEAD_PREFIX}{id}")
}

/// The keys of the named drafts' heads in storage (found by their prefix, not
/// through the list: the pieces of a draft stay while its head does).
pub(super) fn head_keys(s: &web_sys::Storage) -> Vec<String> {
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|k| s.key(k).ok().flatten())
        .filter(|k| k.starts_with(HEAD_PREFIX))
        .collect()
}

fn read_index(s: &web_sys::Storage) -> Result<Vec<Entry>, String> {
    let text = match s.get_item(INDEX_KEY) {
        Ok(Some(t)) => t,
        Ok(None) => return Ok(Vec::new()),
        Err(_) => return Err("无法读取草稿列表".to_string()),
    };
    match serde_json::from_str::<Index>(&text) {
        Ok(i) if i.format == INDEX_FORMAT && i.version <= INDEX_VERSION => Ok(i.drafts),
        Ok(i) => Err(format!(
            "草稿列表由更新版本的程序保存（第 {} 版），本程序不修改它",
            i.version
        )),
        Err(e) => Err(format!("草稿列表已损坏（{e}），本程序不修改它")),
    }
}

fn write_index(s: &web_sys::Storage, drafts: Vec<Entry>) -> Result<(), Full> {
    let text = serde_json::to_string(&Index {
        format: INDEX_FORMAT.to_string(),
        version: INDEX_VERSION,
        drafts,
    })
    .map_err(|_| Full)?;
    s.set_item(INDEX_KEY, &text).map_err(|_| Full)
}

/// The named drafts, newest first.
pub fn list() -> Result<Vec<Entry>, String> {
    let mut drafts = read_index(&storage()?)?;
    sort_once::sort_by(&mut drafts, |a, b| b.saved_at.cmp(&a.saved_at));
    Ok(drafts)
}

/// The name a kept form gets: its unit's name and the time.
pub fn default_name(inputs: &Inputs) -> String {
    let unit = inputs.unit.name.trim();
    let unit = if unit.is_empty() {
        "未命名单位"
    } else {
        unit
    };
    format!("{unit} {}", local_time(&web::now_iso()))
}

/// An ISO 8601 time as local `YYYY-MM-DD HH:MM:SS` (the text itself when it is not one).
pub fn local_time(iso: &str) -> String {
    let d = js_sys::Date::new(&iso.into());
    if d.get_time().is_nan() {
        return iso.to_string();
    }
    format!(
        "{}-{:02}-{:02} {:02}:{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds()
    )
}

/// Keep `inputs` as a named draft called `name`.
pub fn keep(inputs: &Inputs, name: &str) -> Result<Entry, String> {
    let fail = |why: &str| format!("未能保存为草稿：{why}。");
    let s = storage().map_err(|e| fail(&e))?;
    let mut drafts = read_index(&s).map_err(|e| fail(&e))?;
    let saved_at = web::now_iso();
    let id = format!(
        "{:x}-{:x}",
        js_sys::Date::now() as u64,
        (js_sys::Math::random() * 4_294_967_296.0) as u64
    );
    let text = draft::draft_text(inputs, &saved_at)?;
    draft::write_text(&s, &head_key(&id), &text, &saved_at).map_err(|Full| fail(FULL))?;
    let entry = Entry {
        id: id.clone(),
        name: name.to_string(),
        saved_at,
        unit: inputs.unit.name.clone(),
        rows: inputs.rows.len(),
    };
    drafts.push(entry.clone());
    if write_index(&s, drafts).is_err() {
        s.remove_item(&head_key(&id)).ok();
        draft::collect(&s, draft::piece_keys(&s));
        return Err(fail(FULL));
    }
    Ok(entry)
}

/// The form kept as the named draft `id`.
pub fn open(id: &str) -> Result<Inputs, String> {
    let s = storage()?;
    draft::read_inputs(&s, &head_key(id)).map_err(|e| format!("无法打开：{e}。"))
}

/// Give the named draft `id` another name.
pub fn rename(id: &str, name: &str) -> Result<(), String> {
    let fail = |why: &str| format!("未能重命名：{why}。");
    let s = storage().map_err(|e| fail(&e))?;
    let mut drafts = read_index(&s).map_err(|e| fail(&e))?;
    let Some(entry) = drafts.iter_mut().find(|e| e.id == id) else {
        return Err(fail("草稿已不在列表中"));
    };
    entry.name = name.to_string();
    write_index(&s, drafts).map_err(|Full| fail(FULL))
}

/// Delete the named draft `id`: out of the list, then its head, then the
/// pieces no other head lists.
pub fn delete(id: &str) -> Result<(), String> {
    let fail = |why: &str| format!("未能删除：{why}。");
    let s = storage().map_err(|e| fail(&e))?;
    let mut drafts = read_index(&s).map_err(|e| fail(&e))?;
    drafts.retain(|e| e.id != id);
    write_index(&s, drafts).map_err(|Full| fail(FULL))?;
    s.remove_item(&head_key(id)).ok();
    draft::collect(&s, draft::piece_keys(&s));
    Ok(())
}
