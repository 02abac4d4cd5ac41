//! The usual values of the project form's free-text choices: 一级/二级指标
//! and 项目类型. The app offers them as suggestions (`<datalist>`); any other
//! text is still accepted, as local templates differ (the seed sample of
//! 大渡口区 uses 投入与目标管理 / 产出目标 / 效果目标 / 影响力目标).
//!
//! Data, with where it comes from; a list not confirmed against its source
//! text is marked unverified.

/// Where a list comes from, and whether it was checked against that source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    /// The document.
    pub document: &'static str,
    /// True when the list was checked against the document's text.
    pub verified: bool,
}

/// One 一级指标 and its 二级指标.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Level1 {
    /// 一级指标
    pub name: &'static str,
    /// Its 二级指标.
    pub level2: &'static [&'static str],
}

/// The source of [`INDICATORS`]. The document (财预〔2021〕101号, which
/// builds on 财预〔2020〕10号《项目支出绩效评价管理办法》) was found by
/// search, but its indicator list could not be read there; an older guide
/// found the same 效益指标 and 满意度指标. Unverified until checked.
pub const INDICATOR_SOURCE: Source = Source {
    document: "财政部《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》（财预〔2021〕101号）",
    verified: false,
};

/// The standard 一级指标 of a project's performance targets, each with its
/// 二级指标, in the order the forms list them.
pub const INDICATORS: &[Level1] = &[
    Level1 {
        name: "产出指标",
        level2: &["数量指标", "质量指标", "时效指标"],
    },
    Level1 {
        name: "效益指标",
        level2: &[
            "经济效益指标",
            "社会效益指标",
            "生态效益指标",
            "可持续影响指标",
        ],
    },
    Level1 {
        name: "满意度指标",
        level2: &["服务对象满意度指标"],
    },
    Level1 {
        name: "成本指标",
        level2: &["经济成本指标", "社会成本指标", "生态环境成本指标"],
    },
];

/// The 二级指标 of a 一级指标 (trimmed text), empty for any other text.
pub fn level2_of(level1: &str) -> &'static [&'static str] {
    let level1 = level1.trim();
    INDICATORS
        .iter()
        .find(|l| l.name == level1)
        .map_or(&[], |l| l.level2)
}

/// A 项目类型 and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProjectType {
    /// The label.
    pub name: &'static str,
    /// Where it comes from.
    pub source: Source,
}

const SAMPLE: Source = Source {
    document: "重庆市大渡口区 2021 年区级项目绩效目标表（本项目的示例数据 fixtures/dadukou-2021.json）",
    verified: true,
};

const INTEGRATION: Source = Source {
    document: "财政部《预算管理一体化规范（试行）》（财办〔2020〕13号）的项目分类",
    verified: false,
};

/// The usual 项目类型.
pub const PROJECT_TYPES: &[ProjectType] = &[
    ProjectType {
        name: "一般性项目",
        source: SAMPLE,
    },
    ProjectType {
        name: "人员类项目",
        source: INTEGRATION,
    },
    ProjectType {
        name: "运转类项目",
        source: INTEGRATION,
    },
    ProjectType {
        name: "特定目标类项目",
        source: INTEGRATION,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_level1_lists_its_level2() {
        assert_eq!(level2_of("产出指标"), ["数量指标", "质量指标", "时效指标"]);
        assert_eq!(
            level2_of(" 成本指标 "),
            ["经济成本指标", "社会成本指标", "生态环境成本指标"]
        );
        assert_eq!(level2_of("满意度指标"), ["服务对象满意度指标"]);
        assert_eq!(level2_of("效益指标").len(), 4);
        assert!(level2_of("投入与目标管理").is_empty());
        let names: Vec<&str> = INDICATORS.iter().map(|l| l.name).collect();
        assert_eq!(names, ["产出指标", "效益指标", "满意度指标", "成本指标"]);
    }

    #[test]
    fn labels_are_distinct_and_the_sample_type_is_offered() {
        let mut all: Vec<&str> = INDICATORS
            .iter()
            .flat_map(|l| std::iter::once(l.name).chain(l.level2.iter().copied()))
            .chain(PROJECT_TYPES.iter().map(|t| t.name))
            .collect();
        let n = all.len();
        sort_once::sort(&mut all);
        all.dedup();
        assert_eq!(all.len(), n);
        assert!(
            PROJECT_TYPES
                .iter()
                .any(|t| t.name == "一般性项目" && t.source.verified)
        );
    }
}
