//! Unit tests of the catalog module: the 2021 catalogs `function()` and
//! `economic()` give, lookups and search. Per-year data, `for_year`,
//! `normalize_code` and `suggest` are tested in `tests/catalog_*.rs`.

use super::*;
use std::collections::HashSet;

/// Every function code the seed (大渡口区政府办 2021, 表2/表7/表8) prints, with
/// its printed name.
const SEED_FUNCTION: &[(&str, &str)] = &[
    ("201", "一般公共服务支出"),
    ("20103", "政府办公厅（室）及相关机构事务"),
    ("2010301", "行政运行"),
    ("2010302", "一般行政管理事务"),
    ("2010303", "机关服务"),
    ("2010304", "专项服务"),
    ("2010305", "专项业务及机关事务管理"),
    ("2010306", "政务公开审批"),
    ("2010350", "事业运行"),
    ("208", "社会保障和就业支出"),
    ("20805", "行政事业单位养老支出"),
    ("2080501", "行政单位离退休"),
    ("2080505", "机关事业单位基本养老保险缴费支出"),
    ("2080506", "机关事业单位职业年金缴费支出"),
    ("2080599", "其他行政事业单位养老支出"),
    ("210", "卫生健康支出"),
    ("21011", "行政事业单位医疗"),
    ("2101101", "行政单位医疗"),
    ("2101102", "事业单位医疗"),
    ("2101103", "公务员医疗补助"),
    ("2101199", "其他行政事业单位医疗支出"),
    ("221", "住房保障支出"),
    ("22102", "住房改革支出"),
    ("2210201", "住房公积金"),
];

/// The 类 list of the seed's 表1/表6, in printed order.
const SEED_CLASSES: &[&str] = &[
    "一般公共服务支出",
    "外交支出",
    "国防支出",
    "公共安全支出",
    "教育支出",
    "科学技术支出",
    "文化旅游体育与传媒支出",
    "社会保障和就业支出",
    "社会保险基金支出",
    "卫生健康支出",
    "节能环保支出",
    "城乡社区支出",
    "农林水支出",
    "交通运输支出",
    "资源勘探信息等支出",
    "商业服务业等支出",
    "金融支出",
    "援助其他地区支出",
    "自然资源海洋气象等支出",
    "住房保障支出",
    "粮油物资储备支出",
    "国有资本经营预算支出",
    "灾害防治及应急管理支出",
    "预备费",
    "其他支出",
    "转移性支出",
    "债务还本支出",
    "债务付息支出",
    "债务发行费用支出",
    "抗疫特别国债安排的支出",
];

/// Every economic code the seed's 表3 prints, with its printed name.
const SEED_ECONOMIC: &[(&str, &str)] = &[
    ("301", "工资福利支出"),
    ("30101", "基本工资"),
    ("30102", "津贴补贴"),
    ("30103", "奖金"),
    ("30107", "绩效工资"),
    ("30108", "机关事业单位基本养老保险缴费"),
    ("30109", "职业年金缴费"),
    ("30110", "职工基本医疗保险缴费"),
    ("30112", "其他社会保障缴费"),
    ("30113", "住房公积金"),
    ("30114", "医疗费"),
    ("30199", "其他工资福利支出"),
    ("302", "商品和服务支出"),
    ("30201", "办公费"),
    ("30202", "印刷费"),
    ("30207", "邮电费"),
    ("30211", "差旅费"),
    ("30213", "维修(护)费"),
    ("30215", "会议费"),
    ("30216", "培训费"),
    ("30217", "公务接待费"),
    ("30226", "劳务费"),
    ("30228", "工会经费"),
    ("30229", "福利费"),
    ("30231", "公务用车运行维护费"),
    ("30239", "其他交通费用"),
    ("30299", "其他商品和服务支出"),
    ("303", "对个人和家庭的补助"),
    ("30301", "离休费"),
    ("30305", "生活补助"),
    ("30307", "医疗费补助"),
    ("310", "资本性支出"),
    ("31002", "办公设备购置"),
];

#[test]
fn code_keys_order_as_the_codes_and_stay_distinct() {
    let mut codes = vec![
        "", "2", "20", "201", "2010", "20103", "2010301", "2010302", "201\0", "201\0\0", "9", "99",
        "0", "00", "000", "a", "\u{7f}", "行", "2019999", "3", "201030", "行行", "2行4", "ab",
        "abcd", "abcdef",
    ];
    codes.extend(function().entries().iter().map(|e| e.code));
    codes.extend(economic().entries().iter().map(|e| e.code));
    for a in &codes {
        for b in &codes {
            let (ka, kb) = (code_key(a).unwrap(), code_key(b).unwrap());
            assert_eq!(ka.cmp(&kb), a.cmp(b), "{a:?} vs {b:?}");
        }
    }
    assert_eq!(code_key("20103011"), None);
}

#[test]
fn get_finds_exactly_the_entries() {
    for cat in [function(), economic()] {
        for e in cat.entries() {
            assert_eq!(cat.get(e.code), Some(e));
            for odd in [
                format!("{}0", e.code),
                format!(" {}", e.code),
                format!("{}\0", e.code),
            ] {
                assert_eq!(cat.get(&odd), cat.entries().iter().find(|x| x.code == odd));
            }
        }
        for odd in ["", "2", "20103011", "2010301 ", "x", "99999"] {
            assert_eq!(cat.get(odd), cat.entries().iter().find(|x| x.code == odd));
        }
    }
}

fn codes(v: &[&Entry]) -> Vec<&'static str> {
    v.iter().map(|e| e.code).collect()
}

#[test]
fn level_of_code() {
    assert_eq!(Level::of_code("201"), Some(Level::Class));
    assert_eq!(Level::of_code("20103"), Some(Level::Section));
    assert_eq!(Level::of_code("2010301"), Some(Level::Item));
    assert_eq!(Level::of_code("2010"), None);
    assert_eq!(Level::of_code("20a"), None);
    assert_eq!(Level::of_code(""), None);
    assert_eq!(Level::Item.label(), "项");
}

#[test]
fn every_seed_function_code_has_the_seeds_name_and_level() {
    let cat = function();
    for &(code, name) in SEED_FUNCTION {
        let e = cat.get(code).unwrap_or_else(|| panic!("{code} missing"));
        assert_eq!(e.name, name, "{code}");
        assert_eq!(Some(e.level), Level::of_code(code), "{code}");
    }
}

#[test]
fn every_seed_economic_code_has_the_seeds_name_and_level() {
    let cat = economic();
    for &(code, name) in SEED_ECONOMIC {
        let e = cat.get(code).unwrap_or_else(|| panic!("{code} missing"));
        assert_eq!(e.name, name, "{code}");
        assert_eq!(Some(e.level), Level::of_code(code), "{code}");
    }
}

#[test]
fn classes_are_the_seeds_table1_list_in_order() {
    let names: Vec<&str> = function().at_level(Level::Class).map(|e| e.name).collect();
    assert_eq!(names, SEED_CLASSES);
    let class_codes: Vec<&str> = function().at_level(Level::Class).map(|e| e.code).collect();
    for code in ["209", "215", "223", "227", "229", "230", "234"] {
        assert!(class_codes.contains(&code), "{code}");
    }
    assert_eq!(function().name("215"), Some("资源勘探信息等支出"));
    assert_eq!(function().name("234"), Some("抗疫特别国债安排的支出"));
}

#[test]
fn sections_county_departments_use_are_present() {
    let cat = function();
    let sections = [
        "20101", "20102", "20104", "20106", "20108", "20111", "20129", "20131", "20132", "20133",
        "20138", "20402", "20404", "20405", "20406", "20501", "20502", "20601", "20701", "20801",
        "20802", "20805", "20807", "20808", "20810", "20811", "20819", "20828", "20899", "21001",
        "21002", "21003", "21004", "21007", "21011", "21099", "21101", "21201", "21301", "21302",
        "21303", "21305", "21307", "21401", "21505", "21602", "22001", "22101", "22102", "22401",
        "22999",
    ];
    for code in sections {
        let e = cat.get(code).unwrap_or_else(|| panic!("{code} missing"));
        assert_eq!(e.level, Level::Section, "{code}");
        assert!(!cat.children(code).is_empty(), "{code} has no 项");
    }
    assert_eq!(cat.name("20801"), Some("人力资源和社会保障管理事务"));
    assert_eq!(cat.name("20802"), Some("民政管理事务"));
    assert_eq!(cat.name("21002"), Some("公立医院"));
    assert_eq!(cat.name("2210202"), Some("提租补贴"));
    assert_eq!(cat.name("2210203"), Some("购房补贴"));
}

#[test]
fn economic_codes_used_by_checks_exist() {
    let cat = economic();
    assert_eq!(cat.name("30212"), Some("因公出国（境）费用"));
    assert_eq!(cat.name("30217"), Some("公务接待费"));
    assert_eq!(cat.name("30231"), Some("公务用车运行维护费"));
    assert_eq!(cat.name("31013"), Some("公务用车购置"));
    let classes: Vec<&str> = cat.at_level(Level::Class).map(|e| e.code).collect();
    assert_eq!(
        classes,
        [
            "301", "302", "303", "307", "309", "310", "311", "312", "313", "399"
        ]
    );
    for class in &classes {
        assert!(!cat.children(class).is_empty(), "{class} has no 款");
    }
}

const FUNCTION_CSV: &str = include_str!("../../data/2021/function.csv");
const ECONOMIC_CSV: &str = include_str!("../../data/2021/economic.csv");

/// Data lines of a catalog CSV: comment lines (`#`) and blank lines dropped,
/// then the header line skipped (as build.rs reads them).
fn data_lines(csv: &'static str) -> impl Iterator<Item = &'static str> {
    csv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
}

/// Checks one CSV file line by line (the parser silently drops what it cannot
/// read, so integrity is tested on the raw text): four fields, well-formed
/// codes of the allowed lengths, no duplicates, code order, parents present.
/// (`tests/catalog_data.rs` checks every year's files, statuses and sources.)
fn check_integrity(csv: &'static str, lengths: &[usize]) -> usize {
    let header = csv
        .lines()
        .find(|l| !l.starts_with('#') && !l.trim().is_empty());
    assert_eq!(header, Some("code,name,status,source"));
    let mut seen: HashSet<&str> = HashSet::new();
    let mut previous = "";
    let mut count = 0;
    for line in data_lines(csv) {
        let fields: Vec<&str> = line.split(',').collect();
        assert_eq!(
            fields.len(),
            4,
            "wrong field count (a comma in a name?): {line}"
        );
        let (code, name, source) = (fields[0], fields[1], fields[3]);
        assert!(code.bytes().all(|b| b.is_ascii_digit()), "{line}");
        assert!(lengths.contains(&code.len()), "bad code length: {line}");
        assert!(!name.is_empty() && name.trim() == name, "bad name: {line}");
        assert!(!source.trim().is_empty(), "no source: {line}");
        assert!(seen.insert(code), "duplicate code {code}");
        assert!(previous < code, "not in code order: {previous} then {code}");
        previous = code;
        for n in [3, 5] {
            if code.len() > n {
                assert!(
                    seen.contains(&code[..n]),
                    "{code} has no parent {}",
                    &code[..n]
                );
            }
        }
        count += 1;
    }
    count
}

#[test]
fn embedded_data_is_every_csv_line_without_its_source() {
    for (csv, cat) in [(FUNCTION_CSV, function()), (ECONOMIC_CSV, economic())] {
        for line in data_lines(csv) {
            let mut fields = line.split(',');
            let code = fields.next().unwrap_or_default();
            let name = fields.next();
            assert_eq!(cat.name(code), name, "{line}");
            let verified = fields.next() == Some("verified");
            assert_eq!(
                cat.get(code).map(Entry::is_verified),
                Some(verified),
                "{line}"
            );
        }
    }
}

#[test]
fn function_csv_integrity() {
    let rows = check_integrity(FUNCTION_CSV, &[3, 5, 7]);
    assert_eq!(rows, function().len());
}

#[test]
fn economic_csv_integrity() {
    let rows = check_integrity(ECONOMIC_CSV, &[3, 5]);
    assert_eq!(rows, economic().len());
    assert_eq!(economic().at_level(Level::Item).count(), 0);
}

#[test]
fn every_item_and_section_has_its_parents_in_the_parsed_catalog() {
    for cat in [function(), economic()] {
        for e in cat.entries() {
            let want = match e.level {
                Level::Class => 0,
                Level::Section => 1,
                Level::Item => 2,
            };
            assert_eq!(cat.path(e.code).len(), want, "{}", e.code);
        }
    }
}

#[test]
fn children_parent_and_path() {
    let cat = function();
    let sections = cat.children("201");
    assert!(sections.len() > 20);
    assert!(
        sections
            .iter()
            .all(|e| e.level == Level::Section && e.code.starts_with("201"))
    );
    let items = codes(&cat.children("20103"));
    assert_eq!(&items[..4], ["2010301", "2010302", "2010303", "2010304"]);
    assert!(items.contains(&"2010350"));
    assert!(cat.children("2010301").is_empty());
    assert!(cat.children("").is_empty());
    assert_eq!(cat.parent("2010301").map(|e| e.code), Some("20103"));
    assert_eq!(cat.parent("20103").map(|e| e.code), Some("201"));
    assert_eq!(cat.parent("201"), None);
    assert_eq!(codes(&cat.path("2010301")), ["201", "20103"]);
    assert_eq!(codes(&cat.path("20103")), ["201"]);
    assert!(cat.path("201").is_empty());
    // Unknown 项 under known parents still gets its path.
    assert_eq!(codes(&cat.path("2010398")), ["201", "20103"]);
    // Non-ASCII input never panics on slicing.
    assert!(cat.path("行政运行").is_empty());
}

#[test]
fn with_prefix_is_a_code_ordered_range() {
    let cat = function();
    let all: Vec<&str> = cat.with_prefix("2101").map(|e| e.code).collect();
    assert!(all.contains(&"21011") && all.contains(&"2101199"));
    assert!(all.iter().all(|c| c.starts_with("2101")));
    assert!(all.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(cat.with_prefix("9").count(), 0);
    assert_eq!(cat.with_prefix("").count(), cat.len());
}

#[test]
fn search_by_name_finds_every_administrative_item() {
    let hits = function().search("行政运行", 1000);
    assert!(hits.len() > 40, "only {} hits", hits.len());
    assert!(
        hits.iter()
            .all(|e| e.name == "行政运行" && e.level == Level::Item)
    );
    assert_eq!(hits[0].code, "2010101");
    assert!(codes(&hits).contains(&"2010301"));
    assert!(codes(&hits).contains(&"2080101"));
}

#[test]
fn search_by_code_gives_the_section_then_its_items() {
    let cat = function();
    let hits = cat.search("20103", 100);
    assert_eq!(hits[0].code, "20103");
    let rest: Vec<&Entry> = cat.children("20103");
    assert_eq!(codes(&hits[1..]), codes(&rest));
    assert_eq!(
        codes(&cat.search("20103", 3)),
        ["20103", "2010301", "2010302"]
    );
}

#[test]
fn search_ranks_exact_before_prefix_before_contains() {
    let cat = function();
    let hits = codes(&cat.search("住房公积金", 10));
    assert_eq!(hits[0], "2210201");
    assert!(hits.contains(&"2210302"), "{hits:?}");
    // Name prefix before name contains.
    let hits = cat.search("其他行政事业单位", 10);
    assert!(hits.iter().all(|e| e.name.contains("其他行政事业单位")));
    assert_eq!(hits[0].code, "2080599");
    // Exact code before longer codes sharing the prefix.
    assert_eq!(cat.search("2080505", 5)[0].code, "2080505");
    assert_eq!(cat.search("2080505", 5).len(), 1);
}

#[test]
fn search_combines_code_and_name_tokens() {
    let cat = function();
    assert_eq!(codes(&cat.search("2010301 行政", 10)), ["2010301"]);
    assert_eq!(codes(&cat.search("20103 一般行政", 10)), ["2010302"]);
    // A parent's name narrows the items: 人大事务 + 行政运行.
    assert_eq!(codes(&cat.search("人大事务 行政运行", 10)), ["2010101"]);
    // The section itself matches on its own name, ahead of items matched through it.
    let hits = cat.search("行政事业单位医疗", 10);
    assert_eq!(hits[0].code, "21011");
    assert!(codes(&hits).contains(&"2101101"));
    assert!(cat.search("2010301 公安", 10).is_empty());
}

#[test]
fn search_accepts_full_width_input_and_respects_limits() {
    let cat = function();
    assert_eq!(cat.search("２０１０３０１", 5)[0].code, "2010301");
    assert_eq!(cat.search("政府办公厅(室)", 5)[0].code, "20103");
    assert_eq!(cat.search("　2010301　", 5)[0].code, "2010301");
    // A code written in groups is that code.
    for grouped in ["201 03 01", "201.03.01", "２０１－０３－０１", "20103 01"] {
        assert_eq!(codes(&cat.search(grouped, 5)), ["2010301"], "{grouped}");
    }
    assert_eq!(cat.search("201 03", 1)[0].code, "20103");
    assert_eq!(economic().search("302 13", 1)[0].code, "30213");
    assert!(cat.search("", 10).is_empty());
    assert!(cat.search("   ", 10).is_empty());
    assert!(cat.search("行政运行", 0).is_empty());
    assert_eq!(cat.search("行政运行", 7).len(), 7);
    assert!(cat.search("不存在的科目名称", 10).is_empty());
    assert_eq!(economic().search("维修", 5)[0].code, "30213");
    assert_eq!(economic().search("公务用车", 5)[0].code, "30231");
}

/// What the code picker finds for what clerks type: (query, first codes
/// expected in this order, fewest matches in all).
#[test]
fn search_finds_what_the_clerk_means() {
    let cat = function();
    let cases: &[(&str, &[&str], usize)] = &[
        // Every 行政运行 of every 类, not only 201's: the count says so.
        ("行政运行", &["2010101", "2010201"], 40),
        // 类 name + own name in one word: 教育支出 / 行政运行.
        ("教育行政运行", &["2050101"], 1),
        ("教育 行政运行", &["2050101"], 1),
        // 款 name + own name: 人大事务 / 行政运行.
        ("人大事务行政运行", &["2010101"], 1),
        // Codes as typed or pasted: spaces, dots, full-width digits.
        ("201 03 01", &["2010301"], 1),
        ("201.03.01", &["2010301"], 1),
        ("２０１０３０１", &["2010301"], 1),
        ("２０１ ０３ ０１", &["2010301"], 1),
        // Groups typed so far spell a prefix.
        ("201 03 0", &["2010301", "2010302"], 8),
        ("205．01", &["20501", "2050101"], 5),
    ];
    for (query, first, at_least) in cases {
        let (hits, total) = cat.search_counted(query, 12);
        let got = codes(&hits);
        assert!(
            got.len() >= first.len() && got[..first.len()] == **first,
            "{query}: {got:?}"
        );
        assert!(total >= *at_least, "{query}: {total} in all");
        assert!(total >= hits.len(), "{query}");
    }
    // The count is of every match, however few are shown.
    let (shown, total) = cat.search_counted("行政运行", 12);
    assert_eq!(shown.len(), 12);
    assert_eq!(total, cat.search("行政运行", 1000).len());
    // A word that only partly fits a parent and a name finds nothing.
    assert!(cat.search("教育公安运行", 12).is_empty());
    assert_eq!(cat.search_counted("", 12), (Vec::new(), 0));
}
