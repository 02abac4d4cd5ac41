//! The draft in localStorage: load once at start-up, save (debounced) on change.
//!
//! A draft that cannot be read is copied to a backup key before anything else is
//! written, so no work is ever overwritten.

use budget_core::Inputs;

/// Key of the current draft.
pub const DRAFT_KEY: &str = "budget-form.draft.v1";
/// Prefix of the keys a corrupted draft is copied to.
pub const BACKUP_PREFIX: &str = "budget-form.draft.corrupt.";

/// What was found in storage at start-up.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The draft, when there was a readable one.
    pub inputs: Option<Inputs>,
    /// A problem to show in the banner.
    pub problem: Option<String>,
    /// True when the draft key must not be written (a corrupted draft could not be backed up).
    pub read_only: bool,
}

fn storage() -> Result<web_sys::Storage, String> {
    let window = web_sys::window().ok_or("无浏览器窗口")?;
    match window.local_storage() {
        Ok(Some(s)) => Ok(s),
        _ => Err("浏览器本地存储不可用（可能处于隐私模式或已被禁用）".to_string()),
    }
}

/// Read the draft.
pub fn load() -> Loaded {
    let s = match storage() {
        Ok(s) => s,
        Err(e) => {
            return Loaded {
                problem: Some(format!("{e}：本次填写不会自动保存，请及时导出文件。")),
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
    match serde_json::from_str::<Inputs>(&text) {
        Ok(inputs) => Loaded {
            inputs: Some(inputs),
            ..Loaded::default()
        },
        Err(e) => {
            let backup = format!("{BACKUP_PREFIX}{}", crate::web::now_iso());
            match s.set_item(&backup, &text) {
                Ok(()) => Loaded {
                    problem: Some(format!(
                        "本地草稿已损坏（{e}），无法恢复；原内容已另存为 localStorage 键“{backup}”。已开始新的填写。"
                    )),
                    ..Loaded::default()
                },
                Err(_) => Loaded {
                    problem: Some(format!(
                        "本地草稿已损坏（{e}），且无法另存备份；为保护原内容，本次填写不会自动保存，请及时导出文件。"
                    )),
                    read_only: true,
                    ..Loaded::default()
                },
            }
        }
    }
}

/// Write the draft.
pub fn save(inputs: &Inputs) -> Result<(), String> {
    let text = serde_json::to_string(inputs).map_err(|e| format!("草稿无法保存：{e}"))?;
    let s = storage()?;
    s.set_item(DRAFT_KEY, &text).map_err(|_| {
        "自动保存失败：浏览器存储空间已满或不可写。可继续填写，但请及时导出文件。".to_string()
    })
}
