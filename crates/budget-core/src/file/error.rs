//! Why a file cannot be read or written. `Display` is the Chinese message for the clerk.

use std::fmt;

use crate::finding::{Finding, Severity};

/// One malformed part of a file: where (JSON path) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// JSON path, e.g. `inputs.rows[12].this_year`.
    pub path: String,
    /// Chinese message, e.g. `“12.345”的小数超过 2 位，金额最多精确到分`.
    pub message: String,
}

impl Problem {
    /// A problem at `path`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Why an import was refused. A refused file yields this value and nothing else:
/// never a partial form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// Over [`super::MAX_FILE_BYTES`].
    #[error("文件过大（{size} 字节），上限为 {limit} 字节（20 MB），不像是预算填报文件")]
    TooLarge {
        /// Size of the file in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// No content (or only whitespace).
    #[error("文件为空")]
    Empty,
    /// Not valid UTF-8.
    #[error("{}", not_utf8_message(*.line, *.offset, *.likely_gbk))]
    NotUtf8 {
        /// Line (1-based) of the first byte that is not UTF-8.
        line: usize,
        /// Byte offset of that byte.
        offset: usize,
        /// True when the bytes look like GBK (a file saved by older Chinese software).
        likely_gbk: bool,
    },
    /// UTF-16 (Windows 记事本 saves “Unicode” so), told apart from other
    /// encodings so the clerk is told which choice to change.
    #[error(
        "文件是 UTF-16{} 编码（Windows 记事本的“Unicode”格式），不是 UTF-8：请用记事本“另存为”，编码选 UTF-8 后再导入",
        if *.big_endian { " BE" } else { "" }
    )]
    Utf16 {
        /// Big-endian (`FE FF`); little-endian is what Windows writes.
        big_endian: bool,
    },
    /// Not well-formed JSON.
    #[error("第 {line} 行第 {column} 列：{message}")]
    Syntax {
        /// Line (1-based).
        line: usize,
        /// Column (1-based).
        column: usize,
        /// What is wrong, in Chinese.
        message: String,
    },
    /// Nested deeper than the parser allows (a hostile or broken file).
    #[error("第 {line} 行第 {column} 列：嵌套层数过深（超过 128 层），不是预算填报文件")]
    TooDeep {
        /// Line (1-based).
        line: usize,
        /// Column (1-based).
        column: usize,
    },
    /// Well-formed JSON, but not a budget-form file.
    #[error("不是预算填报文件：{0}")]
    NotASubmission(String),
    /// A newer format version than this program reads.
    #[error("此文件为第 {0} 版格式，本程序只支持第 1 版，请升级程序")]
    UnsupportedVersion(u64),
    /// A form laid out by a template this program does not know.
    #[error(
        "文件的填报模板“{id}”不是本程序已知的模板（已知：{known}），未导入：请升级程序，或用已知模板重新填报"
    )]
    UnknownTemplate {
        /// The file's `inputs.template`.
        id: String,
        /// The known templates' ids, `、`-separated.
        known: String,
    },
    /// Every malformed part found, each with its JSON path.
    #[error("{}", invalid_message(.0))]
    Invalid(Vec<Problem>),
}

fn not_utf8_message(line: usize, offset: usize, likely_gbk: bool) -> String {
    let mut s = format!("文件不是 UTF-8 编码（第 {line} 行，第 {offset} 字节起无法按 UTF-8 读取）");
    if likely_gbk {
        s.push_str("，看起来是 GBK 编码：请用编辑器将文件另存为 UTF-8 后再导入");
    } else {
        s.push_str("，可能是 GBK 等其他编码或二进制文件：请另存为 UTF-8");
    }
    s
}

fn invalid_message(problems: &[Problem]) -> String {
    let mut s = format!("文件内容有 {} 处问题，未导入：", problems.len());
    for p in problems {
        s.push_str("\n  ");
        s.push_str(&p.to_string());
    }
    s
}

/// Check ID of "a recognised file holds a value the format refuses".
pub const IMP_002: &str = "IMP-002";

impl ImportError {
    /// A file recognised as a budget-form file (its header read, or bare
    /// inputs) that holds values the format refuses: each problem as an
    /// IMP-002 error finding with its path, for a validator that reports on
    /// the file rather than refusing it. `None` for a file that is not one
    /// (not JSON, wrong encoding, another format or version).
    pub fn findings(&self) -> Option<Vec<Finding>> {
        match self {
            ImportError::Invalid(problems) => Some(
                problems
                    .iter()
                    .map(|p| {
                        let at = if p.path.is_empty() {
                            Vec::new()
                        } else {
                            vec![p.path.clone()]
                        };
                        Finding::new(IMP_002, Severity::Error, p.message.clone(), at)
                    })
                    .collect(),
            ),
            _ => None,
        }
    }

    /// The problems with their paths (one, without a path, for whole-file errors).
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            ImportError::Invalid(list) => list.clone(),
            other => vec![Problem::new("", other.to_string())],
        }
    }
}

/// Why an export was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// Error findings (强制性审核) stand: they must be corrected first.
    #[error("{}", errors_message(.0))]
    Errors(Vec<Finding>),
    /// An amount would not be readable back (only when a check missed it).
    #[error("{}", amounts_message(.0))]
    Amounts(Vec<Problem>),
    /// Serialisation failed (not expected for these types).
    #[error("导出失败：{0}")]
    Serialize(String),
}

fn errors_message(findings: &[Finding]) -> String {
    let mut s = format!("还有 {} 项错误未改正，不能导出：", findings.len());
    for f in findings {
        s.push_str(&format!("\n  [{}] {}", f.check, f.message));
    }
    s
}

fn amounts_message(problems: &[Problem]) -> String {
    let mut s = format!("有 {} 个金额无效，不能导出：", problems.len());
    for p in problems {
        s.push_str("\n  ");
        s.push_str(&p.to_string());
    }
    s
}

/// Writing a value as JSON text failed (not expected for this crate's types).
#[derive(Debug, thiserror::Error)]
#[error("无法写成 JSON 文本：{0}")]
pub struct WriteError(#[from] pub serde_json::Error);
