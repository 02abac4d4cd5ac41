//! An audit finding: a stable ID, a severity, where, the figures and the difference.

use budget_core::Severity;
use rust_decimal::Decimal;
use serde::Serialize;

/// One fault found in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditFinding {
    /// `AUD-001` …
    pub id: &'static str,
    pub severity: Severity,
    /// 1-based line of the document where the fault is printed.
    pub line: usize,
    /// What is wrong, in Chinese.
    pub message: String,
    /// The figure as printed, then the figure it should be (元, or 万元 for
    /// a figure of the text).
    pub printed: Decimal,
    pub expected: Decimal,
    /// `printed − expected`.
    pub difference: Decimal,
}

/// The rules, with their severity and title.
pub const RULES: &[(&str, Severity, &str)] = &[
    (
        "AUD-001",
        Severity::Error,
        "合计、类或款不等于其组成部分之和",
    ),
    ("AUD-002", Severity::Error, "同一行的合计不等于各列之和"),
    ("AUD-003", Severity::Error, "表与表之间的数字不一致"),
    ("AUD-004", Severity::Error, "文字中的金额与表中数字不符"),
    (
        "AUD-005",
        Severity::Error,
        "文字中的金额错了一个数量级（多或少一位数字）",
    ),
    (
        "AUD-006",
        Severity::Warning,
        "文字中的金额是截尾而不是四舍五入",
    ),
    (
        "AUD-007",
        Severity::Warning,
        "增减额由四舍五入后的万元数相减得出，而不是由元相减",
    ),
    (
        "AUD-008",
        Severity::Warning,
        "文字中的金额少了一位小数，不是四舍五入到 0.01 万元的数",
    ),
    ("AUD-009", Severity::Warning, "空表没有说明"),
    ("AUD-010", Severity::Warning, "空表的说明写的是另一张表"),
    ("AUD-011", Severity::Error, "文中留有占位文字或模板残留"),
    ("AUD-012", Severity::Error, "增减用词与数字的方向相反"),
    ("AUD-013", Severity::Error, "增减百分比与其比较的两个数不符"),
    (
        "AUD-014",
        Severity::Error,
        "同一科目的标题金额与“预算安排”金额不同",
    ),
    ("AUD-015", Severity::Warning, "有数字的表却说明是空表"),
    (
        "AUD-016",
        Severity::Warning,
        "比较的年份不是预算年度的上一年",
    ),
    ("AUD-017", Severity::Warning, "科目名称已过时"),
];

impl AuditFinding {
    /// A finding of a rule; the message is the rule's title and `detail`.
    pub fn new(
        id: &'static str,
        line: usize,
        detail: &str,
        printed: Decimal,
        expected: Decimal,
    ) -> Self {
        debug_assert!(RULES.iter().any(|(r, _, _)| *r == id), "unknown rule {id}");
        let (severity, title) = RULES
            .iter()
            .find(|(r, _, _)| *r == id)
            .map_or((Severity::Error, ""), |&(_, s, t)| (s, t));
        AuditFinding {
            id,
            severity,
            line,
            message: if detail.is_empty() {
                title.to_string()
            } else {
                format!("{title}：{detail}")
            },
            printed,
            expected,
            difference: printed - expected,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULES;

    #[test]
    fn rule_ids_are_numbered_in_order() {
        for (i, (id, _, title)) in RULES.iter().enumerate() {
            assert_eq!(*id, format!("AUD-{:03}", i + 1));
            assert!(!title.is_empty());
        }
    }
}
