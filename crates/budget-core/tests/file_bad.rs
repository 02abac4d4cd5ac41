//! Hostile and broken files (issue 3 item 9): each gives a precise Chinese
//! message and never a panic. The small files live in `fixtures/bad/`, listed
//! with their message and exit code in `fixtures/bad/expected.tsv` (shared with
//! the CLI tests); the big ones (50 MB, 10,000 deep) are generated here.

// Tests and benches read fixtures and time runs: the core's no-IO, no-clock,
// no-float rules (crates/budget-core/clippy.toml) are for its library.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::path::PathBuf;

use budget_core::Severity;
use budget_core::file::{
    ImportError, MAX_FILE_BYTES, Opened, import, normalized, open, open_for_editing, read_inputs,
};

fn bad(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/bad")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One line of `fixtures/bad/expected.tsv`.
struct Expected {
    file: String,
    exit: u8,
    message: String,
}

/// The manifest: the single list of hostile files, their exit code and message.
fn manifest() -> Vec<Expected> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/bad/expected.tsv");
    let text = std::fs::read_to_string(&path).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 3, "expected.tsv: {l:?}");
            Expected {
                file: cols[0].to_string(),
                exit: cols[1].parse().unwrap(),
                message: cols[2].to_string(),
            }
        })
        .collect()
}

#[test]
fn the_manifest_lists_every_file_and_only_files_that_exist() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/bad");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = manifest().into_iter().map(|e| e.file).collect();
    listed.sort();
    assert_eq!(listed, on_disk);
}

/// Each file opened as the CLI and the browser open it: refused with its
/// message (exit 2), or read with an error finding `ID message` (exit 1).
#[test]
fn every_manifest_file_gives_its_message() {
    let all = manifest();
    assert!(all.len() >= 24, "{}", all.len());
    for e in all {
        let got = open(&bad(&e.file));
        match e.exit {
            2 => match got {
                Err(err) => {
                    let text = err.to_string();
                    assert!(
                        text.contains(&e.message),
                        "{}: want {:?} in {text:?}",
                        e.file,
                        e.message
                    );
                }
                Ok(o) => panic!("{} was accepted: {:?}", e.file, o.findings()),
            },
            1 | 0 => {
                let opened = got.unwrap_or_else(|err| panic!("{}: refused: {err}", e.file));
                let errors: Vec<String> = opened
                    .findings()
                    .iter()
                    .filter(|f| f.severity == Severity::Error)
                    .map(|f| format!("{} {}", f.check, f.message))
                    .collect();
                if e.exit == 0 {
                    assert!(errors.is_empty(), "{}: {errors:?}", e.file);
                } else {
                    assert!(
                        errors.iter().any(|f| f.contains(&e.message)),
                        "{}: want {:?} in {errors:?}",
                        e.file,
                        e.message
                    );
                }
            }
            other => panic!("{}: exit code {other} in expected.tsv", e.file),
        }
    }
}

/// The app's import (`open_for_editing`, then the comparison after the rows are
/// shown) refuses each file with `open`'s message, or reads the same inputs and
/// IMP findings.
#[test]
fn opening_for_editing_reads_every_manifest_file_as_open_does() {
    for e in manifest() {
        let bytes = bad(&e.file);
        let later = open_for_editing(bytes.clone()).and_then(|o| {
            let found = o.pending.findings(&o.inputs)?;
            Ok((o.inputs, found))
        });
        match (open(&bytes), later) {
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{}", e.file),
            (Ok(opened), Ok((inputs, found))) => {
                assert_eq!(opened.inputs(), &inputs, "{}", e.file);
                let imp: Vec<_> = opened
                    .findings()
                    .iter()
                    .filter(|f| f.check == "IMP-001")
                    .cloned()
                    .collect();
                assert_eq!(imp, found, "{}", e.file);
            }
            (a, b) => panic!(
                "{}: open {:?}, for editing {:?}",
                e.file,
                a.is_ok(),
                b.is_ok()
            ),
        }
    }
}

/// `import` (the strict reader, no bare inputs) refuses every exit-2 file too,
/// with the same message except where `open` explains bare inputs.
#[test]
fn import_refuses_every_refused_file() {
    for e in manifest().into_iter().filter(|e| e.exit == 2) {
        let err = match import(&bad(&e.file)) {
            Err(err) => err.to_string(),
            Ok(i) => panic!("{} was accepted: {:?}", e.file, i.findings),
        };
        if e.file != "not-a-submission.json" {
            assert!(err.contains(&e.message), "{}: {err}", e.file);
        }
    }
}

/// The committed hand-edited file is an export of the sample with one stated
/// figure changed: its inputs are the sample's, and IMP-001 reports exactly that
/// figure (stated figures are compared as decimals, so a later change in how
/// export writes zeros does not matter).
#[test]
fn the_edited_total_file_is_an_export_with_one_figure_changed() {
    let sample = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/dadukou-2021.json"),
    )
    .unwrap();
    let sample_inputs = normalized(open(&sample).unwrap().inputs());
    let edited = bad("edited-total.json");
    let Ok(Opened::Submission(imported)) = open(&edited) else {
        panic!("edited-total.json is a submission file")
    };
    assert_eq!(imported.inputs, sample_inputs);
    let imp: Vec<_> = imported
        .findings
        .iter()
        .filter(|f| f.check == "IMP-001")
        .collect();
    assert_eq!(imp.len(), 1, "{imp:?}");
    assert_eq!(imp[0].locations, ["derived.totals.total"]);
    assert!(
        imp[0].message.contains("“12906397.06”"),
        "{}",
        imp[0].message
    );
}

/// serde reads a struct from an array of its fields; the file format has objects
/// only, so an amount cannot hide in one (`["30101", "12.3"]`) from the strict walk.
#[test]
fn a_struct_written_as_an_array_is_refused_in_files_and_drafts() {
    let file = String::from_utf8(bad("array-for-object.json")).unwrap();
    let Err(ImportError::Invalid(problems)) = import(file.as_bytes()) else {
        panic!("accepted")
    };
    assert_eq!(
        problems[0].to_string(),
        "inputs.rows[0]: 类型错误：此处应为对象，文件中是有 5 个元素的数组"
    );
    let draft = r#"{"unit": {"name": "x", "code": "1", "fiscal_year": 2021}, "economic_rows": [{"code": "30101", "amount": "1.00"}, ["30102", "12.3"]], "sangong": {"last_year": ["1", "2", "3", "4"], "this_year": ["1", "2", "3", "4"]}}"#;
    for result in [
        read_inputs(draft).map(|_| ()),
        open(draft.as_bytes()).map(|_| ()),
    ] {
        let Err(ImportError::Invalid(problems)) = result else {
            panic!("accepted: {result:?}")
        };
        let got: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            got,
            [
                "economic_rows[1]: 类型错误：此处应为对象，文件中是有 2 个元素的数组",
                "sangong.last_year: 类型错误：此处应为对象，文件中是有 4 个元素的数组",
                "sangong.this_year: 类型错误：此处应为对象，文件中是有 4 个元素的数组",
            ]
        );
    }
    // The same rows as objects are read.
    let objects = r#"{"unit": {"name": "x", "code": "1", "fiscal_year": 2021}, "economic_rows": [{"code": "30102", "amount": "12.3"}]}"#;
    assert!(read_inputs(objects).is_ok());
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
fn a_bom_is_stripped() {
    let bytes = bad("bom.inputs.json");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let opened = open(&bytes).expect("a UTF-8 BOM is accepted");
    assert_eq!(opened.inputs().unit.name, "测试单位");
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
