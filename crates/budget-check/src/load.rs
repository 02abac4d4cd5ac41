//! Reading a file from disk into an opened budget-form file.

use std::fs;
use std::io;
use std::path::Path;

use budget_core::catalog::Choice;
use budget_core::file::{self, ImportError, MAX_FILE_BYTES, Opened, Problem};

/// Why a file could not be used.
#[derive(Debug)]
pub enum LoadError {
    /// The file system refused.
    Io(String),
    /// The content was refused.
    Import(ImportError),
}

impl LoadError {
    /// The Chinese message.
    pub fn message(&self) -> String {
        match self {
            LoadError::Io(m) => m.clone(),
            LoadError::Import(e) => e.to_string(),
        }
    }
    /// The problems with their JSON paths (one without a path for whole-file errors).
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            LoadError::Io(m) => vec![Problem::new("", m.clone())],
            LoadError::Import(e) => e.problems(),
        }
    }
}

/// Read and open `path` (a submission file or bare inputs). A file over the size
/// limit is refused from its metadata, without reading it.
pub fn load(path: &Path) -> Result<Opened, LoadError> {
    load_in(path, Choice::Builtin)
}

/// [`load`], deriving and checking against the catalogs `choice` gives.
pub fn load_in(path: &Path, choice: Choice<'_>) -> Result<Opened, LoadError> {
    let meta = fs::metadata(path).map_err(io_error)?;
    if meta.is_dir() {
        return Err(LoadError::Io("这是一个目录，不是文件".to_string()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::Import(ImportError::TooLarge {
            size: meta.len(),
            limit: MAX_FILE_BYTES,
        }));
    }
    let bytes = fs::read(path).map_err(io_error)?;
    file::open_in(&bytes, choice).map_err(LoadError::Import)
}

fn io_error(e: io::Error) -> LoadError {
    LoadError::Io(match e.kind() {
        io::ErrorKind::NotFound => "文件不存在".to_string(),
        io::ErrorKind::PermissionDenied => "没有读取此文件的权限".to_string(),
        _ => format!("无法读取文件：{e}"),
    })
}
