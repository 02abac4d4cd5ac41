//! Hostile and broken files (issue 3 item 9): each gives a precise Chinese
//! message and never a panic. The small files live in `fixtures/bad/` (see its
//! README); the big ones are generated here.

use std::path::PathBuf;

use budget_core::file::{ImportError, MAX_FILE_BYTES, Opened, import, open};

fn bad(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/bad")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn import_error(name: &str) -> String {
    match import(&bad(name)) {
        Ok(i) => panic!("{name} was accepted: {:?}", i.findings),
        Err(e) => e.to_string(),
    }
}

#[test]
fn every_rejected_fixture_gives_its_message() {
    for (name, want) in [
        ("empty.json", "文件为空"),
        (
            "truncated.json",
            "第 14 行第 8 列：文件意外结束，缺少内容（文件不完整，可能被截断）",
        ),
        (
            "gbk.json",
            "文件不是 UTF-8 编码（第 3 行，第 27 字节起无法按 UTF-8 读取），看起来是 GBK 编码：请用编辑器将文件另存为 UTF-8 后再导入",
        ),
        (
            "wrong-format.json",
            "不是预算填报文件：format 为 \"excel\"，应为 \"budget-form\"",
        ),
        (
            "future-version.json",
            "此文件为第 2 版格式，本程序只支持第 1 版，请升级程序",
        ),
        (
            "not-a-submission.json",
            "不是预算填报文件：缺少 format 字段（应为 \"budget-form\"）",
        ),
        (
            "top-level-array.json",
            "不是预算填报文件：最外层应为 JSON 对象（{ … }）",
        ),
        (
            "duplicate-key.json",
            "第 7 行第 67 列：键 `inputs.explanations.ROW-002@rows[0]` 重复出现（同一对象中的键不能重复）",
        ),
        (
            "unknown-field.json",
            "文件内容有 1 处问题，未导入：\n  inputs.rows[0].colour: 未知字段 `colour`，此处允许的字段：code、source、kind、this_year、last_year",
        ),
        (
            "unknown-top-field.json",
            "文件内容有 1 处问题，未导入：\n  signature: 未知字段 `signature`，此处允许的字段：format、version、exported_at、inputs、derived、report",
        ),
        (
            "wrong-type.json",
            "文件内容有 1 处问题，未导入：\n  inputs.unit.fiscal_year: 类型错误：此处应为整数，文件中是字符串 \"二〇二一\"",
        ),
        (
            "unknown-variant.json",
            "文件内容有 1 处问题，未导入：\n  inputs.rows[0].kind: 未知的取值 `misc`，应为以下之一：basic、project、to_superior、operating、subsidy_to_subordinate",
        ),
        (
            "number-amount.json",
            "文件内容有 1 处问题，未导入：\n  inputs.rows[0].this_year: 金额必须写成字符串，如 \"12.30\"；文件中写成了数字 12.3（数字会丢失精度）",
        ),
    ] {
        assert_eq!(import_error(name), want, "{name}");
    }
}

#[test]
fn every_bad_amount_is_listed_with_its_path_in_document_order() {
    let Err(ImportError::Invalid(problems)) = import(&bad("bad-amounts.json")) else {
        panic!("bad-amounts.json was not refused as invalid");
    };
    let got: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    let huge = "1".repeat(200);
    assert_eq!(
        got,
        [
            "inputs.rows[0].this_year: “1e5”使用了科学计数法，请填写完整的数字".to_string(),
            "inputs.rows[0].last_year: “12.345”的小数超过 2 位，金额最多精确到分".to_string(),
            "inputs.rows[1].this_year: “-1”是负数，此处金额不能为负".to_string(),
            "inputs.rows[1].last_year: “NaN”不是有效的金额，只能填写数字（可带千分位逗号和小数点）".to_string(),
            format!("inputs.rows[2].this_year: “{huge}”超过上限 1,000,000,000,000.00 元"),
            "inputs.rows[2].last_year: 金额必须写成字符串，如 \"12.30\"；文件中写成了数字 12.3（数字会丢失精度）"
                .to_string(),
        ]
    );
}

#[test]
fn file_amounts_must_be_plain_even_when_a_clerk_could_type_them() {
    let text = String::from_utf8(bad("number-amount.json"))
        .unwrap()
        .replace("12.3", "\"1,234.50\"");
    let Err(ImportError::Invalid(problems)) = import(text.as_bytes()) else {
        panic!("accepted")
    };
    assert_eq!(
        problems[0].to_string(),
        "inputs.rows[0].this_year: “1,234.50”不是文件规定的金额写法：只能是不带逗号、空格和正负号的数字，最多 2 位小数，如 \"12.30\""
    );
}

#[test]
fn a_bom_is_accepted() {
    let bytes = bad("bom.inputs.json");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let opened = open(&bytes).expect("a UTF-8 BOM is accepted");
    assert_eq!(opened.inputs().unit.name, "测试单位");
}

#[test]
fn bare_inputs_with_unknown_codes_or_duplicate_rows_get_findings() {
    let checks = |name: &str| -> Vec<String> {
        match open(&bad(name)) {
            Ok(Opened::Inputs { findings, .. }) => {
                findings.iter().map(|f| f.check.clone()).collect()
            }
            other => panic!("{name}: {other:?}"),
        }
    };
    assert!(checks("unknown-code.inputs.json").contains(&"COD-001".to_string()));
    assert!(checks("duplicate-rows.inputs.json").contains(&"ROW-001".to_string()));
}

#[test]
fn a_file_over_the_limit_is_refused_before_parsing() {
    let big = vec![b' '; 50 * 1024 * 1024];
    let e = import(&big).unwrap_err();
    assert_eq!(
        e,
        ImportError::TooLarge {
            size: 50 * 1024 * 1024,
            limit: MAX_FILE_BYTES
        }
    );
    assert!(
        e.to_string().starts_with("文件过大（52428800 字节）"),
        "{e}"
    );
}

#[test]
fn whitespace_only_is_empty() {
    assert_eq!(import(b" \n\t ").unwrap_err(), ImportError::Empty);
    assert_eq!(import(b"\xEF\xBB\xBF").unwrap_err(), ImportError::Empty);
}

#[test]
fn nesting_ten_thousand_deep_is_refused_without_overflow() {
    let depth = 10_000;
    let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let objects = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
    let inside = format!(
        "{{\"format\":\"budget-form\",\"version\":1,\"inputs\":{{\"explanations\":{}{}}}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    for text in [arrays, objects, inside] {
        // Test threads have a small stack (2 MiB): a recursive parser without a limit would overflow it.
        let e = std::thread::spawn(move || import(text.as_bytes()).unwrap_err())
            .join()
            .expect("no stack overflow");
        assert!(matches!(e, ImportError::TooDeep { .. }), "{e:?}");
        assert!(e.to_string().contains("嵌套层数过深"), "{e}");
    }
}

#[test]
fn binary_garbage_is_not_utf8_and_not_called_gbk() {
    let e = import(b"{\"a\": \"\xFF\xFE\xFD\"}").unwrap_err();
    assert_eq!(
        e,
        ImportError::NotUtf8 {
            line: 1,
            offset: 7,
            likely_gbk: false
        }
    );
}

#[test]
fn syntax_errors_say_line_and_column_in_chinese() {
    for (text, want) in [
        ("{\n  \"a\": 1,\n}", "第 3 行第 1 列：多余的逗号"),
        ("{\"a\" 1}", "第 1 行第 6 列：此处应为冒号 `:`"),
        ("{\"a\": 1} x", "第 1 行第 10 列：JSON 结束后还有多余内容"),
        ("{a: 1}", "第 1 行第 2 列：对象的键必须是带双引号的字符串"),
        (
            "{\"a\": tru}",
            "第 1 行第 10 列：无法识别的内容（应为 true、false 或 null）",
        ),
    ] {
        assert_eq!(
            import(text.as_bytes()).unwrap_err().to_string(),
            want,
            "{text}"
        );
    }
}
