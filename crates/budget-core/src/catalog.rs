//! Budget classification catalogs, embedded at build time:
//! 支出功能分类 (2021) and 部门预算支出经济分类.
//!
//! Data lives in `data/*.csv` (code,name,source); see the header of each file for
//! where the rows came from. `build.rs` embeds them as `code,name` lines (no
//! comments, no source column). Level follows the code length.

use std::borrow::Cow;
use std::sync::OnceLock;

/// Level of a catalog entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// 类 (3 digits)
    Class,
    /// 款 (5 digits)
    Section,
    /// 项 (7 digits, function catalog only)
    Item,
}

impl Level {
    /// Level implied by the length of a code, if any.
    pub fn of_code(code: &str) -> Option<Level> {
        if !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        match code.len() {
            3 => Some(Level::Class),
            5 => Some(Level::Section),
            7 => Some(Level::Item),
            _ => None,
        }
    }
    /// Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Level::Class => "类",
            Level::Section => "款",
            Level::Item => "项",
        }
    }
}

/// One catalog entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Code, e.g. `2010301`.
    pub code: &'static str,
    /// Name, e.g. `行政运行`.
    pub name: &'static str,
    /// Level.
    pub level: Level,
}

/// A whole catalog, in code order.
#[derive(Debug)]
pub struct Catalog {
    entries: Vec<Entry>,
    /// `code_key` of each entry, same order (the key order is the code order):
    /// lookups compare one integer per step instead of two strings.
    keys: Vec<u64>,
}

/// A code of at most 7 bytes packed into one integer whose order is the
/// byte-wise order of the codes: the bytes from the top, the length in the
/// lowest byte (so `201` < `2010` and a trailing NUL stays distinct). `None`
/// for longer codes; no catalog code is longer than 7.
#[inline]
pub(crate) fn code_key(code: &str) -> Option<u64> {
    let b = code.as_bytes();
    let n = b.len();
    // Byte `i` goes to bits 56 - 8i. Read as two (possibly overlapping) words
    // from both ends, which put each byte in its place; no loop, no memcpy.
    let packed = match b {
        [] => 0,
        [a, b @ ..] if n <= 3 => {
            let (mid, last) = (b.first().unwrap_or(a), b.last().unwrap_or(a));
            (u64::from(*a) << 56)
                | (u64::from(*mid) << (56 - 8 * (n / 2)))
                | (u64::from(*last) << (64 - 8 * n))
        }
        [a0, a1, a2, a3, ..] if n <= 7 => {
            let [z0, z1, z2, z3] = [b[n - 4], b[n - 3], b[n - 2], b[n - 1]];
            (u64::from(u32::from_be_bytes([*a0, *a1, *a2, *a3])) << 32)
                | (u64::from(u32::from_be_bytes([z0, z1, z2, z3])) << (64 - 8 * n))
        }
        _ => return None,
    };
    Some(packed | n as u64)
}

/// `code,name` lines of `data/function.csv` (see build.rs).
const FUNCTION_DATA: &str = include_str!(concat!(env!("OUT_DIR"), "/function.txt"));
/// `code,name` lines of `data/economic.csv` (see build.rs).
const ECONOMIC_DATA: &str = include_str!(concat!(env!("OUT_DIR"), "/economic.txt"));

/// The `code,name` lines build.rs wrote, as entries in code order.
fn parse(data: &'static str) -> Catalog {
    let mut entries: Vec<Entry> = data
        .lines()
        .filter_map(|line| {
            let (code, name) = line.split_once(',')?;
            let level = Level::of_code(code)?;
            Some(Entry { code, name, level })
        })
        .collect();
    entries.sort_by(|a, b| a.code.cmp(b.code));
    entries.dedup_by(|a, b| a.code == b.code);
    // Every entry is 3, 5 or 7 digits (`Level::of_code`), so every key exists.
    let keys = entries
        .iter()
        .map(|e| code_key(e.code).unwrap_or(u64::MAX))
        .collect();
    Catalog { entries, keys }
}

/// The 2021 支出功能分类 catalog.
pub fn function() -> &'static Catalog {
    static CAT: OnceLock<Catalog> = OnceLock::new();
    CAT.get_or_init(|| parse(FUNCTION_DATA))
}

/// The 部门预算支出经济分类 catalog.
pub fn economic() -> &'static Catalog {
    static CAT: OnceLock<Catalog> = OnceLock::new();
    CAT.get_or_init(|| parse(ECONOMIC_DATA))
}

/// Folds what users type interchangeably into one form, so that matching does not
/// depend on the input method: full-width digits and brackets become ASCII, the
/// ideographic space a plain one.
fn fold(s: &str) -> Cow<'_, str> {
    let needs = |c: char| matches!(c, '０'..='９' | '（' | '）' | '\u{3000}');
    if !s.chars().any(needs) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                '（' => '(',
                '）' => ')',
                '\u{3000}' => ' ',
                c => c,
            })
            .collect(),
    )
}

/// How well a name matches one text token; lower is better.
fn name_rank(name: &str, token: &str) -> Option<u8> {
    if name == token {
        Some(0)
    } else if name.starts_with(token) {
        Some(1)
    } else if name.contains(token) {
        Some(2)
    } else {
        None
    }
}

impl Catalog {
    /// Every entry, in code order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    /// Whether the catalog has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    /// The entry with exactly this code.
    pub fn get(&self, code: &str) -> Option<&Entry> {
        self.get_key(code_key(code)?)
    }
    /// The entry whose `code_key` is `key`.
    pub(crate) fn get_key(&self, key: u64) -> Option<&Entry> {
        self.keys
            .binary_search(&key)
            .ok()
            .and_then(|i| self.entries.get(i))
    }
    /// Name of a code, if known.
    pub fn name(&self, code: &str) -> Option<&'static str> {
        self.get(code).map(|e| e.name)
    }
    /// Entries at one level, in code order (e.g. every 类 for 表1).
    pub fn at_level(&self, level: Level) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |e| e.level == level)
    }
    /// Direct children of a code (类 → 款, 款 → 项).
    pub fn children(&self, code: &str) -> Vec<&Entry> {
        let child_len = match code.len() {
            3 => 5,
            5 => 7,
            _ => return Vec::new(),
        };
        self.with_prefix(code)
            .filter(|e| e.code.len() == child_len)
            .collect()
    }
    /// The entry directly above a code (款 → 类, 项 → 款), if it exists.
    pub fn parent(&self, code: &str) -> Option<&Entry> {
        match Level::of_code(code)? {
            Level::Class => None,
            Level::Section => self.get(&code[..3]),
            Level::Item => self.get(&code[..5]),
        }
    }
    /// Entries whose code starts with `prefix`, in code order.
    pub fn with_prefix<'a>(&'a self, prefix: &str) -> impl Iterator<Item = &'a Entry> + 'a {
        let start = self.entries.partition_point(|e| e.code < prefix);
        let prefix = prefix.to_string();
        self.entries[start..]
            .iter()
            .take_while(move |e| e.code.starts_with(prefix.as_str()))
    }
    /// The 类 and 款 above a code: `[类, 款]` entries that exist.
    pub fn path(&self, code: &str) -> Vec<&Entry> {
        [3usize, 5]
            .iter()
            .filter(|&&n| code.len() > n && code.is_char_boundary(n))
            .filter_map(|&n| self.get(&code[..n]))
            .collect()
    }
    /// Search for the code picker, at most `limit` results, best first.
    ///
    /// The query is split on whitespace: digit tokens are code prefixes, other
    /// tokens name fragments, and an entry must satisfy every token (so
    /// `2010301 行政` and `人大事务 行政运行` both work). A name fragment matches
    /// the entry's own name or the name of its 类/款. Order: exact code, then code
    /// prefix; within that, own name equal, name prefix, name contains, matched
    /// only through a parent's name; ties in code order. Full-width digits and
    /// brackets count as ASCII ones.
    pub fn search(&self, query: &str, limit: usize) -> Vec<&Entry> {
        let query = fold(query);
        let (codes, texts): (Vec<&str>, Vec<&str>) = query
            .split_whitespace()
            .partition(|t| t.bytes().all(|b| b.is_ascii_digit()));
        if limit == 0 || (codes.is_empty() && texts.is_empty()) {
            return Vec::new();
        }
        // Entries outside the longest code prefix cannot match: search only there.
        let scope = codes.iter().copied().max_by_key(|c| c.len()).unwrap_or("");
        let mut hits: Vec<((u8, u8), &Entry)> = self
            .with_prefix(scope)
            .filter_map(|e| {
                if !codes.iter().all(|c| e.code.starts_with(c)) {
                    return None;
                }
                let code_rank = u8::from(!codes.contains(&e.code));
                let own = fold(e.name);
                let parents: Vec<Cow<'_, str>> =
                    self.path(e.code).iter().map(|p| fold(p.name)).collect();
                let mut worst = 0u8;
                for t in &texts {
                    let rank = name_rank(&own, t)
                        .or_else(|| parents.iter().any(|p| p.contains(t)).then_some(3))?;
                    worst = worst.max(rank);
                }
                Some(((code_rank, worst), e))
            })
            .collect();
        hits.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.code.cmp(b.1.code)));
        hits.into_iter().take(limit).map(|(_, e)| e).collect()
    }
}

#[cfg(test)]
mod tests {
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
            "", "2", "20", "201", "2010", "20103", "2010301", "2010302", "201\0", "201\0\0", "9",
            "99", "0", "00", "000", "a", "\u{7f}", "行", "2019999", "3", "201030", "行行", "2行4",
            "ab", "abcd", "abcdef",
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
            "20101", "20102", "20104", "20106", "20108", "20111", "20129", "20131", "20132",
            "20133", "20138", "20402", "20404", "20405", "20406", "20501", "20502", "20601",
            "20701", "20801", "20802", "20805", "20807", "20808", "20810", "20811", "20819",
            "20828", "20899", "21001", "21002", "21003", "21004", "21007", "21011", "21099",
            "21101", "21201", "21301", "21302", "21303", "21305", "21307", "21401", "21505",
            "21602", "22001", "22101", "22102", "22401", "22999",
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

    const FUNCTION_CSV: &str = include_str!("../data/function.csv");
    const ECONOMIC_CSV: &str = include_str!("../data/economic.csv");

    /// Data lines of a catalog CSV: comment lines (`#`) and blank lines dropped,
    /// then the header line skipped (as build.rs reads them).
    fn data_lines(csv: &'static str) -> impl Iterator<Item = &'static str> {
        csv.lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .skip(1)
    }

    /// Checks one CSV file line by line (the parser silently drops what it cannot
    /// read, so integrity is tested on the raw text): three fields, well-formed
    /// codes of the allowed lengths, no duplicates, code order, parents present.
    fn check_integrity(csv: &'static str, lengths: &[usize]) -> usize {
        let header = csv
            .lines()
            .find(|l| !l.starts_with('#') && !l.trim().is_empty());
        assert_eq!(header, Some("code,name,source"));
        let mut seen: HashSet<&str> = HashSet::new();
        let mut previous = "";
        let mut count = 0;
        for line in data_lines(csv) {
            let fields: Vec<&str> = line.split(',').collect();
            assert_eq!(
                fields.len(),
                3,
                "wrong field count (a comma in a name?): {line}"
            );
            let (code, name, source) = (fields[0], fields[1], fields[2]);
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
        assert!(cat.search("", 10).is_empty());
        assert!(cat.search("   ", 10).is_empty());
        assert!(cat.search("行政运行", 0).is_empty());
        assert_eq!(cat.search("行政运行", 7).len(), 7);
        assert!(cat.search("不存在的科目名称", 10).is_empty());
        assert_eq!(economic().search("维修", 5)[0].code, "30213");
        assert_eq!(economic().search("公务用车", 5)[0].code, "30231");
    }
}
