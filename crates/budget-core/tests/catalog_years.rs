//! Catalogs per fiscal year: `for_year` (a year's own catalogs, else the nearest
//! earlier year's, else the earliest, with a notice), the two real samples
//! against their year's catalog, `normalize_code` and `suggest`.

use budget_core::catalog::{self, Catalog, Notice, normalize_code};

/// 大渡口区政府办 2021 部门预算, 表2 (一般公共预算财政拨款支出预算表): the code and
/// name cells of every coded line, as the seed prints them (its tab between the cells written as a space).
const DADUKOU_2021_TABLE2: &str = r"
201 一般公共服务支出
20103 政府办公厅（室）及相关机构事务
2010301 行政运行
2010302 一般行政管理事务
2010303 机关服务
2010304 专项服务
2010305 专项业务及机关事务管理
2010306 政务公开审批
2010350 事业运行
208 社会保障和就业支出
20805 行政事业单位养老支出
2080501 行政单位离退休
2080505 机关事业单位基本养老保险缴费支出
2080506 机关事业单位职业年金缴费支出
2080599 其他行政事业单位养老支出
210 卫生健康支出
21011 行政事业单位医疗
2101101 行政单位医疗
2101102 事业单位医疗
2101103 公务员医疗补助
2101199 其他行政事业单位医疗支出
221 住房保障支出
22102 住房改革支出
2210201 住房公积金
";

/// The same document, 表3 (一般公共预算财政拨款基本支出预算表): economic codes.
const DADUKOU_2021_TABLE3: &str = r"
301 工资福利支出
30101 基本工资
30102 津贴补贴
30103 奖金
30107 绩效工资
30108 机关事业单位基本养老保险缴费
30109 职业年金缴费
30110 职工基本医疗保险缴费
30112 其他社会保障缴费
30113 住房公积金
30114 医疗费
30199 其他工资福利支出
302 商品和服务支出
30201 办公费
30202 印刷费
30207 邮电费
30211 差旅费
30213 维修(护)费
30215 会议费
30216 培训费
30217 公务接待费
30226 劳务费
30228 工会经费
30229 福利费
30231 公务用车运行维护费
30239 其他交通费用
30299 其他商品和服务支出
303 对个人和家庭的补助
30301 离休费
30305 生活补助
30307 医疗费补助
310 资本性支出
31002 办公设备购置
";

/// 上海市普陀区财政局 2025 部门预算, 表5 (一般公共预算支出功能分类预算表): the code
/// and name of every line, as printed (`类 款 项` in groups), figures cut off.
const PUTUO_2025_TABLE5: &str = r"
201 一般公共服务支出
201 06 财政事务
201 06 01 行政运行
201 06 02 一般行政管理事务
201 06 07 信息化建设
201 06 08 财政委托业务支出
208 社会保障和就业支出
208 05 行政事业单位养老支出
208 05 01 行政单位离退休
208 05 05 机关事业单位基本养老保险缴费支出
208 05 06 机关事业单位职业年金缴费支出
208 05 99 其他行政事业单位养老支出
210 卫生健康支出
210 11 行政事业单位医疗
210 11 01 行政单位医疗
221 住房保障支出
221 02 住房改革支出
221 02 01 住房公积金
221 02 03 购房补贴
";

/// The same document, 表8 (一般公共预算基本支出部门预算经济分类预算表).
const PUTUO_2025_TABLE8: &str = r"
301 工资福利支出
301 01 基本工资
301 02 津贴补贴
301 08 机关事业单位基本养老保险缴费
301 09 职业年金缴费
301 10 职工基本医疗保险缴费
301 12 其他社会保障缴费
301 13 住房公积金
301 99 其他工资福利支出
302 商品和服务支出
302 01 办公费
302 02 印刷费
302 04 手续费
302 07 邮电费
302 11 差旅费
302 13 维修（护）费
302 15 会议费
302 16 培训费
302 17 公务接待费
302 26 劳务费
302 27 委托业务费
302 28 工会经费
302 29 福利费
302 39 其他交通费用
302 99 其他商品和服务支出
303 对个人和家庭的补助
303 02 退休费
310 资本性支出
310 02 办公设备购置
";

/// `(code, name)` of each line of a table excerpt: the leading groups of digits
/// read by `normalize_code` (so `201 06 01` is `2010601`), the rest the name.
fn coded_lines(table: &str) -> Vec<(String, String)> {
    table
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cut = line
                .find(|c: char| !c.is_ascii_digit() && c != ' ')
                .unwrap_or(line.len());
            let (code, name) = line.split_at(cut);
            let code = normalize_code(code).unwrap_or_else(|| panic!("code of {line:?}"));
            (code, name.trim().to_string())
        })
        .collect()
}

/// Every line of `table` is in `cat` with the printed name, and verified.
fn assert_printed_in(table: &str, cat: &Catalog, expected_lines: usize) {
    let lines = coded_lines(table);
    assert_eq!(lines.len(), expected_lines);
    for (code, name) in lines {
        let e = cat
            .get(&code)
            .unwrap_or_else(|| panic!("{code} {name} missing"));
        assert_eq!(e.name, name, "{code}");
        assert!(e.is_verified(), "{code} {name} not verified");
    }
}

#[test]
fn the_2021_sample_prints_only_codes_of_catalog_2021_with_their_names() {
    let (cats, notice) = catalog::for_year(2021);
    assert_eq!((cats.year(), notice), (2021, None));
    assert_printed_in(DADUKOU_2021_TABLE2, cats.function(), 24);
    assert_printed_in(DADUKOU_2021_TABLE3, cats.economic(), 33);
    // `function()`/`economic()` are these same catalogs.
    assert!(std::ptr::eq(cats.function(), catalog::function()));
    assert!(std::ptr::eq(cats.economic(), catalog::economic()));
}

#[test]
fn the_2021_fixture_uses_only_codes_of_catalog_2021() {
    let fixture: serde_json::Value =
        serde_json::from_str(include_str!("../../../fixtures/dadukou-2021.json")).unwrap();
    let (cats, _) = catalog::for_year(2021);
    let codes = |list: &str| -> Vec<String> {
        fixture[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["code"].as_str().unwrap().to_string())
            .collect()
    };
    let mut function = codes("rows");
    for project in fixture["projects"].as_array().unwrap() {
        for link in project["links"].as_array().unwrap() {
            function.push(link["code"].as_str().unwrap().to_string());
        }
    }
    assert!(function.len() > 10);
    for code in function {
        let e = cats
            .function()
            .get(&code)
            .unwrap_or_else(|| panic!("{code}"));
        assert!(e.is_verified(), "{code}");
    }
    let economic = codes("economic_rows");
    assert!(economic.len() > 20);
    for code in economic {
        let e = cats
            .economic()
            .get(&code)
            .unwrap_or_else(|| panic!("{code}"));
        assert!(e.is_verified(), "{code}");
    }
}

#[test]
fn the_2025_shanghai_sample_prints_only_codes_of_catalog_2025_with_their_names() {
    let (cats, notice) = catalog::for_year(2025);
    assert_eq!((cats.year(), notice), (2025, None));
    assert_printed_in(PUTUO_2025_TABLE5, cats.function(), 19);
    // 表8 prints 30213 as 维修（护）费, full-width; the catalog keeps 维修(护)费 as
    // the other 2024–2025 documents print it: the same name but for the brackets.
    let fold = |s: &str| s.replace('（', "(").replace('）', ")");
    let lines = coded_lines(PUTUO_2025_TABLE8);
    assert_eq!(lines.len(), 29);
    for (code, name) in lines {
        let e = cats
            .economic()
            .get(&code)
            .unwrap_or_else(|| panic!("{code} {name}"));
        assert_eq!(fold(e.name), fold(&name), "{code}");
        assert!(e.is_verified(), "{code}");
    }
}

#[test]
fn for_year_takes_the_year_or_the_nearest_earlier_one_with_a_notice() {
    let notice = |requested, used| Some(Notice { requested, used });
    let cases: &[(u32, u32, Option<Notice>)] = &[
        (2021, 2021, None),
        (2022, 2021, notice(2022, 2021)),
        (2024, 2021, notice(2024, 2021)),
        (2025, 2025, None),
        (2026, 2025, notice(2026, 2025)),
        (2027, 2025, notice(2027, 2025)),
        // Before every catalog: the earliest.
        (2019, 2021, notice(2019, 2021)),
        (0, 2021, notice(0, 2021)),
        (u32::MAX, 2025, notice(u32::MAX, 2025)),
    ];
    for &(year, used, expected) in cases {
        let (cats, got) = catalog::for_year(year);
        assert_eq!((cats.year(), got), (used, expected), "{year}");
    }
    assert_eq!(
        catalog::for_year(2027).1.unwrap().to_string(),
        "未找到2027年的科目目录，按2025年目录核对"
    );
    assert_eq!(
        catalog::for_year(2019).1.unwrap().to_string(),
        "未找到2019年的科目目录，按2021年目录核对"
    );
    // The same year twice gives the same catalogs, parsed once.
    assert!(std::ptr::eq(
        catalog::for_year(2024).0.function(),
        catalog::for_year(2021).0.function()
    ));
}

#[test]
fn the_catalogs_of_2025_name_21305_as_renamed() {
    assert_eq!(
        catalog::for_year(2021).0.function().name("21305"),
        Some("扶贫")
    );
    let f = catalog::for_year(2025).0.function();
    assert_eq!(f.name("21305"), Some("巩固脱贫攻坚成果衔接乡村振兴"));
    assert_eq!(f.name("2130550"), Some("事业运行"));
    assert!(f.get("2130550").is_some_and(|e| e.is_verified()));
    assert_eq!(catalog::for_year(2021).0.function().name("2130550"), None);
}

#[test]
fn normalize_code_reads_spaced_dotted_hyphenated_and_full_width_codes() {
    let cases: &[(&str, Option<&str>)] = &[
        ("2010301", Some("2010301")),
        ("201 03 01", Some("2010301")),
        ("201.03.01", Some("2010301")),
        ("201-03-01", Some("2010301")),
        ("２０１０３０１", Some("2010301")),
        ("２０１　０３　０１", Some("2010301")),
        ("201．03．01", Some("2010301")),
        ("201－03－01", Some("2010301")),
        ("  201 03 01  ", Some("2010301")),
        ("201  03\t01", Some("2010301")),
        ("201 . 03 . 01", Some("2010301")),
        ("20103 01", Some("2010301")),
        ("201 0301", Some("2010301")),
        ("201 03", Some("20103")),
        ("302.01", Some("30201")),
        ("30201", Some("30201")),
        ("201", Some("201")),
        ("２０１", Some("201")),
        // Anything else: no guessing.
        ("", None),
        ("   ", None),
        ("2010", None),
        ("201030", None),
        ("20103011", None),
        ("2 010301", None),
        ("2010 301", None),
        ("201 03 0 1", None),
        ("201..03.01", None),
        ("201.-03", None),
        (".2010301", None),
        ("2010301.", None),
        ("-201", None),
        ("201/03/01", None),
        ("201_03_01", None),
        ("2010301a", None),
        ("行政运行", None),
        ("2010301 行政运行", None),
        ("201,03,01", None),
        ("٢٠١", None),
    ];
    for &(text, expected) in cases {
        assert_eq!(normalize_code(text).as_deref(), expected, "{text:?}");
    }
}

fn codes(v: &[&catalog::Entry]) -> Vec<&'static str> {
    v.iter().map(|e| e.code).collect()
}

#[test]
fn suggest_offers_the_same_section_then_the_same_class() {
    let f2021 = catalog::for_year(2021).0.function();
    let f2025 = catalog::for_year(2025).0.function();
    // (catalog, code, name, limit, the first suggestions)
    let cases: &[(&Catalog, &str, &str, usize, &[&str])] = &[
        // The catch-alls the issue reports: the only 项 of their 款.
        (f2021, "2089901", "", 3, &["2089999"]),
        (f2021, "2109901", "", 1, &["2109999"]),
        (f2021, "2129901", "其他城乡社区支出", 1, &["2129999"]),
        (f2025, "208 99 01", "", 1, &["2089999"]),
        // The name picks within the 款 …
        (f2021, "2010398", "信访事务", 1, &["2010308"]),
        (f2021, "2010398", "事业运行", 1, &["2010350"]),
        // … else the nearest code in it.
        (f2021, "2010398", "", 2, &["2010399", "2010350"]),
        // An unknown 款: items of the same 类 alike in name, nearest first.
        (f2021, "2019701", "行政运行", 2, &["2013801", "2013701"]),
        // Sections for a 5-digit code, classes for a 3-digit one.
        (f2021, "20198", "", 1, &["20199"]),
        (f2021, "218", "", 2, &["217", "219"]),
        // An unknown 类: a name alike elsewhere.
        (f2021, "2999999", "其他城乡社区支出", 1, &["2129999"]),
    ];
    for &(cat, code, name, limit, first) in cases {
        let got = cat.suggest_named(code, name, limit);
        assert_eq!(&codes(&got)[..first.len()], first, "{code} {name}");
        assert!(got.len() <= limit);
    }
}

#[test]
fn suggest_stays_in_the_level_and_the_class() {
    let cat = catalog::function();
    let got = cat.suggest("2089901", 10);
    assert!(!got.is_empty());
    assert!(
        got.iter()
            .all(|e| e.code.len() == 7 && e.code.starts_with("208"))
    );
    // Same 款 first, then same 类 nearest first.
    assert_eq!(got[0].code, "2089999");
    assert_eq!(got[1].code, "2083099");
    // A known code comes first.
    assert_eq!(cat.suggest("2010301", 1)[0].code, "2010301");
    // The economic catalog has no 项: a 7-digit code gets 款 of its own.
    let eco = catalog::economic();
    assert_eq!(codes(&eco.suggest("3020101", 1)), ["30201"]);
    assert_eq!(codes(&eco.suggest("30298", 2)), ["30299", "30240"]);
    // Nothing to go on: nothing offered.
    assert!(cat.suggest("", 5).is_empty());
    assert!(cat.suggest("行政运行", 5).is_empty());
    assert!(cat.suggest("2089901", 0).is_empty());
    // Full-width digits count.
    assert_eq!(cat.suggest("２０８９９０１", 1)[0].code, "2089999");
}
