//! The bureau catalogs (财政局科目表) kept in this browser, one per fiscal
//! year under `KEY_PREFIX` + year: the file's name and its `code,name` rows as
//! JSON, built again at start-up from those rows (checked by the XLSX worker
//! when the file was loaded: `Bureau::from_checked`, no reader in the page),
//! so the same list has the same hash (`Bureau::sha256`) as when it was loaded.

use budget_core::catalog::Bureau;
use serde::{Deserialize, Serialize};

use super::storage;

/// Prefix of the keys of the stored catalogs (the rest is the fiscal year).
pub const KEY_PREFIX: &str = "budget-form.catalog.";
/// `format` of a stored catalog.
const FORMAT: &str = "budget-form-catalog";

#[derive(Serialize, Deserialize)]
struct Stored {
    format: String,
    version: u64,
    name: String,
    rows: Vec<(String, String)>,
}

/// Every stored catalog that reads, by year, ascending. One that does not
/// read (written by a later version, not JSON) is left where it is, unused.
pub fn load_all() -> Vec<(i32, &'static Bureau)> {
    let Ok(s) = storage() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for i in 0..s.length().unwrap_or(0) {
        let Some(key) = s.key(i).ok().flatten() else {
            continue;
        };
        let Some(year) = key.strip_prefix(KEY_PREFIX).and_then(|y| y.parse().ok()) else {
            continue;
        };
        let read = s
            .get_item(&key)
            .ok()
            .flatten()
            .and_then(|text| serde_json::from_str::<Stored>(&text).ok())
            .filter(|st| st.format == FORMAT && st.version == 1)
            .map(|st| Bureau::from_checked(&st.name, st.rows));
        if let Some(b) = read {
            out.push((year, b));
        }
    }
    sort_once::sort_by_key(&mut out, |(year, _)| *year);
    out
}

/// Keep `bureau` as the catalog of `year` (replacing one kept before).
pub fn save(year: i32, bureau: &Bureau) -> Result<(), String> {
    let rows = [bureau.function(), bureau.economic()]
        .into_iter()
        .flatten()
        .flat_map(|c| c.entries())
        .map(|e| (e.code.to_string(), e.name.to_string()))
        .collect();
    let stored = Stored {
        format: FORMAT.to_string(),
        version: 1,
        name: bureau.name().to_string(),
        rows,
    };
    let text = serde_json::to_string(&stored).map_err(|e| e.to_string())?;
    storage()?
        .set_item(&format!("{KEY_PREFIX}{year}"), &text)
        .map_err(|_| "浏览器存储空间已满或不可写，科目表未保存（本次打开仍然有效）".to_string())
}

/// Forget the catalog of `year`.
pub fn remove(year: i32) -> Result<(), String> {
    storage()?
        .remove_item(&format!("{KEY_PREFIX}{year}"))
        .map_err(|_| "浏览器存储不可写".to_string())
}
