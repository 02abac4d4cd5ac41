//! Texts the clerk types that the narrative wraps into its sentences: a
//! reason for each change it reports, what 机关运行经费 is for, and the key
//! project work. `ClerkText::fragment` is the one place a typed text becomes
//! the words the narrative prints; `narrative::clerk_sentence` shows the
//! whole sentence, for the form's live preview.

use crate::model::NarrativeInputs;

/// A text field of the 说明文字 that the narrative wraps into a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClerkText {
    /// 收入（支出）总额变动原因
    Income,
    /// 基本支出变动原因
    Basic,
    /// 项目支出变动原因
    Project,
    /// 因公出国（境）费变动原因
    Abroad,
    /// 公务用车购置费变动原因
    VehiclePurchase,
    /// 公务用车运行维护费变动原因
    VehicleOperation,
    /// 公务接待费变动原因
    Reception,
    /// 机关运行经费变动原因
    RunningCost,
    /// 机关运行经费主要用于
    RunningCostUse,
    /// 项目支出主要用于（重点工作）
    KeyWork,
}

/// Lead-ins of a reason: the template writes one of them (主要是 or
/// 主要原因是), so a reason that starts with any of them would say it twice.
/// Longest first, so that 主要原因是 is not read as 主要 + 原因是.
const REASON_LEADS: [&str; 10] = [
    "主要原因是",
    "主要原因为",
    "主要原因",
    "原因是",
    "原因为",
    "主要是",
    "主要系",
    "主要因为",
    "主要由于",
    "主要因",
];

/// The template writes 主要用于 before what 机关运行经费 is for.
const USE_LEADS: [&str; 2] = ["主要用于", "用于"];

/// The template writes 主要包括：… before the key work (the field is labelled
/// 项目支出主要用于, so a clerk may start with that too).
const KEY_WORK_LEADS: [&str; 4] = ["主要包括", "包括", "主要用于", "用于"];

/// The template writes 等重点工作 after the key work. Longest first.
const KEY_WORK_ENDINGS: [&str; 4] = ["等重点工作", "等工作", "重点工作", "等"];

/// Punctuation that ends or opens a typed text; the template writes its own.
const PUNCTUATION: [char; 17] = [
    '。', '．', '.', '，', ',', '；', ';', '、', '：', ':', '！', '!', '？', '?', '…', '—', '·',
];

fn is_edge(c: char) -> bool {
    c.is_whitespace() || PUNCTUATION.contains(&c)
}

impl ClerkText {
    /// Every wrapped text, in the order the 说明文字 form shows them.
    pub const ALL: [ClerkText; 10] = [
        ClerkText::Income,
        ClerkText::Basic,
        ClerkText::Project,
        ClerkText::Abroad,
        ClerkText::VehiclePurchase,
        ClerkText::VehicleOperation,
        ClerkText::Reception,
        ClerkText::RunningCost,
        ClerkText::RunningCostUse,
        ClerkText::KeyWork,
    ];

    /// JSON path of the field in the inputs, e.g. `narrative.reasons.income`.
    pub fn path(self) -> &'static str {
        match self {
            ClerkText::Income => "narrative.reasons.income",
            ClerkText::Basic => "narrative.reasons.basic",
            ClerkText::Project => "narrative.reasons.project",
            ClerkText::Abroad => "narrative.reasons.abroad",
            ClerkText::VehiclePurchase => "narrative.reasons.vehicle_purchase",
            ClerkText::VehicleOperation => "narrative.reasons.vehicle_operation",
            ClerkText::Reception => "narrative.reasons.reception",
            ClerkText::RunningCost => "narrative.reasons.running_cost",
            ClerkText::RunningCostUse => "narrative.running_cost_use",
            ClerkText::KeyWork => "narrative.key_work",
        }
    }

    /// The field's text as typed.
    pub fn text(self, n: &NarrativeInputs) -> &str {
        let r = &n.reasons;
        match self {
            ClerkText::Income => &r.income,
            ClerkText::Basic => &r.basic,
            ClerkText::Project => &r.project,
            ClerkText::Abroad => &r.abroad,
            ClerkText::VehiclePurchase => &r.vehicle_purchase,
            ClerkText::VehicleOperation => &r.vehicle_operation,
            ClerkText::Reception => &r.reception,
            ClerkText::RunningCost => &r.running_cost,
            ClerkText::RunningCostUse => &n.running_cost_use,
            ClerkText::KeyWork => &n.key_work,
        }
    }

    /// True for a 变动原因 (the first eight).
    pub fn is_reason(self) -> bool {
        !matches!(self, ClerkText::RunningCostUse | ClerkText::KeyWork)
    }

    fn leads(self) -> &'static [&'static str] {
        match self {
            ClerkText::RunningCostUse => &USE_LEADS,
            ClerkText::KeyWork => &KEY_WORK_LEADS,
            _ => &REASON_LEADS,
        }
    }

    fn endings(self) -> &'static [&'static str] {
        match self {
            ClerkText::KeyWork => &KEY_WORK_ENDINGS,
            _ => &[],
        }
    }

    /// The words of `text` the narrative prints inside its template: the
    /// text without surrounding spaces and punctuation, without a lead-in the
    /// template already writes (主要是…, 主要原因是…, 主要用于…) and, for the
    /// key work, without an ending it appends (…等重点工作). Nothing else of
    /// the clerk's words changes. Empty when nothing is left.
    pub fn fragment(self, text: &str) -> String {
        let mut s = text.trim_matches(is_edge);
        loop {
            let before = s.len();
            if let Some(rest) = self.leads().iter().find_map(|l| s.strip_prefix(l)) {
                s = rest.trim_start_matches(is_edge);
            }
            if let Some(rest) = self.endings().iter().find_map(|e| s.strip_suffix(e)) {
                s = rest.trim_end_matches(is_edge);
            }
            if s.len() == before {
                return s.to_string();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ClerkText::{self, *};

    #[test]
    fn fragments() {
        let cases: &[(ClerkText, &str, &str)] = &[
            // Kept as typed.
            (Income, "人员增加", "人员增加"),
            (
                Basic,
                "区大数据发展局人员调出等",
                "区大数据发展局人员调出等",
            ),
            (
                Basic,
                "人员增加，主要是新进人员",
                "人员增加，主要是新进人员",
            ),
            (Project, "新增主要原因分析系统", "新增主要原因分析系统"),
            // Spaces and end punctuation.
            (Income, "  人员增加。 ", "人员增加"),
            (Income, "人员增加；\n", "人员增加"),
            (Income, "\u{3000}人员增加，", "人员增加"),
            (Income, "人员增加……", "人员增加"),
            (Income, "，人员增加", "人员增加"),
            // The doubled lead-ins.
            (Income, "主要是人员增加", "人员增加"),
            (Income, "主要原因是人员增加。", "人员增加"),
            (
                Basic,
                "主要是人员增加及正常晋级调资",
                "人员增加及正常晋级调资",
            ),
            (Basic, "主要原因是人员增加", "人员增加"),
            (Basic, "原因是人员增加", "人员增加"),
            (Basic, "主要原因：人员增加", "人员增加"),
            (Basic, "主要原因为人员增加", "人员增加"),
            (Reception, "主要系压减接待批次", "压减接待批次"),
            (Reception, "主要是 主要是压减接待批次", "压减接待批次"),
            (RunningCost, "主要因机构改革", "机构改革"),
            (RunningCost, "主要因为机构改革", "机构改革"),
            (RunningCost, "主要由于机构改革", "机构改革"),
            (RunningCost, "由于机构改革", "由于机构改革"),
            // Only a lead-in: nothing left to print.
            (Income, "主要是", ""),
            (Income, "主要是。", ""),
            // 主要用于 belongs to the use, not to a reason.
            (
                RunningCostUse,
                "主要用于办公费、印刷费等",
                "办公费、印刷费等",
            ),
            (RunningCostUse, "用于办公费。", "办公费"),
            (Basic, "主要用于人员工资", "主要用于人员工资"),
            // The key work's doubled ending, and its lead-ins.
            (
                KeyWork,
                "电子政务、对口支援等重点工作",
                "电子政务、对口支援",
            ),
            (
                KeyWork,
                "电子政务、对口支援等重点工作。",
                "电子政务、对口支援",
            ),
            (KeyWork, "电子政务、对口支援等工作", "电子政务、对口支援"),
            (KeyWork, "电子政务、对口支援重点工作", "电子政务、对口支援"),
            (KeyWork, "电子政务、对口支援等。", "电子政务、对口支援"),
            (KeyWork, "电子政务、对口支援等等", "电子政务、对口支援"),
            (KeyWork, "主要包括：电子政务等重点工作", "电子政务"),
            (KeyWork, "主要用于电子政务", "电子政务"),
            (KeyWork, "电子政务、涉外事务", "电子政务、涉外事务"),
            // An ending only the key work's template appends.
            (Project, "保障重点工作", "保障重点工作"),
            (Basic, "", ""),
            (Basic, " 。", ""),
        ];
        for (field, text, want) in cases {
            assert_eq!(field.fragment(text), *want, "{field:?} {text:?}");
        }
    }

    #[test]
    fn paths_and_texts_agree() {
        let mut n = crate::model::NarrativeInputs::default();
        n.reasons.reception = "a".into();
        n.key_work = "b".into();
        for field in ClerkText::ALL {
            let expect = match field {
                Reception => "a",
                KeyWork => "b",
                _ => "",
            };
            assert_eq!(field.text(&n), expect, "{field:?}");
        }
        assert_eq!(Reception.path(), "narrative.reasons.reception");
        assert_eq!(ClerkText::ALL.iter().filter(|f| f.is_reason()).count(), 8);
    }
}
