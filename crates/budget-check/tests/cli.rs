//! The `budget-check` binary: exit codes, reports, tables, narrative, schema.

use std::path::PathBuf;

use budget_core::file::{Opened, export, open};
use serde_json::Value;

mod common;
use common::{root, run, s, scratch};

fn sample_path() -> PathBuf {
    root().join("fixtures/dadukou-2021.json")
}

fn exported_sample() -> String {
    let bytes = std::fs::read(sample_path()).unwrap();
    let Opened::Inputs { inputs, .. } = open(&bytes).unwrap() else {
        panic!("sample is bare inputs")
    };
    export(&inputs, "2026-11-25T19:30:00Z").unwrap()
}

#[test]
fn the_sample_checks_clean_with_its_warnings_listed() {
    let (code, out, _) = run(&["check", s(&sample_path())]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("（输入数据文件）"), "{out}");
    assert!(out.contains("  提示 "), "warnings are listed: {out}");
    let last = out.lines().last().unwrap();
    assert!(
        last.starts_with("OK    ") && last.contains(" 0 错误 "),
        "{last}"
    );
}

#[test]
fn an_exported_submission_checks_clean_and_strict_wants_explanations() {
    let dir = scratch("export");
    let file = dir.join("sample.budget.json");
    std::fs::write(&file, exported_sample()).unwrap();
    let (code, out, _) = run(&["check", s(&file)]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("预算填报文件，导出于 2026-11-25T19:30:00Z"),
        "{out}"
    );
    assert!(!out.contains("IMP-001"), "{out}");
    // The sample has an unexplained warning: --strict fails on it.
    let (code, out, _) = run(&["check", "--strict", s(&file)]);
    assert_eq!(code, 1, "{out}");
    assert!(out.lines().last().unwrap().starts_with("FAIL"), "{out}");
}

#[test]
fn explained_warnings_show_their_explanation_and_pass_strict() {
    let bytes = std::fs::read(sample_path()).unwrap();
    let opened = open(&bytes).unwrap();
    let mut inputs = opened.inputs().clone();
    for f in opened.findings() {
        inputs
            .explanations
            .insert(f.key(), format!("已核实：{}", f.check));
    }
    let dir = scratch("explained");
    let file = dir.join("explained.json");
    std::fs::write(&file, export(&inputs, "2026-11-25T19:30:00Z").unwrap()).unwrap();
    let (code, out, _) = run(&["check", "--strict", s(&file)]);
    assert_eq!(code, 0, "{out}");
    for f in opened.findings() {
        assert!(out.contains(&format!("说明：已核实：{}", f.check)), "{out}");
    }
}

#[test]
fn a_hand_edited_total_fails_with_imp_001() {
    let mut v: Value = serde_json::from_str(&exported_sample()).unwrap();
    v["derived"]["totals"]["total"] = Value::String("1.00".into());
    let dir = scratch("edited");
    let file = dir.join("edited.json");
    std::fs::write(&file, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let (code, out, _) = run(&["check", s(&file)]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("错误 IMP-001  文件中 derived.totals.total 为 “1.00”"),
        "{out}"
    );
}

/// `fixtures/bad/expected.tsv`: (file, exit code, message), shared with the core tests.
fn manifest() -> Vec<(String, i32, String)> {
    let text = std::fs::read_to_string(root().join("fixtures/bad/expected.tsv")).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 3, "expected.tsv: {l:?}");
            (
                cols[0].to_string(),
                cols[1].parse().unwrap(),
                cols[2].to_string(),
            )
        })
        .collect()
}

#[test]
fn every_bad_fixture_gives_its_message_and_exit_code() {
    let bad = root().join("fixtures/bad");
    let all = manifest();
    assert!(all.len() >= 24, "{}", all.len());
    for (name, want_code, want) in all {
        let (code, out, _) = run(&["check", s(&bad.join(&name))]);
        // A budget-form file that the reader refuses with paths (exit 2 in the
        // manifest: `open` refuses it) holds bad values: `check` reports each
        // as an IMP-002 finding at its path, exit 1.
        let refused = open(&std::fs::read(bad.join(&name)).unwrap())
            .err()
            .and_then(|e| e.findings());
        if let Some(findings) = refused {
            assert_eq!(want_code, 2, "{name}");
            assert_eq!(code, 1, "{name}: {out}");
            let (path, message) = want.split_once(": ").unwrap();
            let finding = format!("错误 IMP-002  {message}");
            let at = format!("（位置：{path}）");
            assert!(
                out.lines()
                    .any(|l| l.contains(&finding) && l.ends_with(&at)),
                "{name}: want {finding:?} … {at:?} in\n{out}"
            );
            assert!(!out.contains("无法读取"), "{name}: {out}");
            let last = out.lines().last().unwrap();
            let errors = format!(" {} 错误 ", findings.len());
            assert!(
                last.starts_with("FAIL  ") && last.contains(&errors),
                "{last}"
            );
            continue;
        }
        assert_eq!(code, want_code, "{name}: {out}");
        // An error finding is printed as "错误 ID  message"; a refusal as its message.
        let want = match want_code {
            1 => match want.split_once(' ') {
                Some((id, message)) => format!("错误 {id}  {message}"),
                None => want,
            },
            _ => want,
        };
        assert!(out.contains(&want), "{name}: want {want:?} in\n{out}");
    }
}

/// Clerk text reaches the terminal with control and bidi characters shown as
/// `\u{…}`: an ESC sequence cannot clear the screen, U+202E cannot reverse a line.
#[test]
fn terminal_output_escapes_control_and_bidi_characters() {
    let bytes = std::fs::read(sample_path()).unwrap();
    let mut v: Value = serde_json::from_slice(&bytes).unwrap();
    let hostile = "\u{1b}[2J\u{202e}单位\u{2066}<script>alert(1)</script>";
    v["unit"]["name"] = Value::String(hostile.into());
    v["rows"][0]["code"] = Value::String("\u{1b}[31m201\u{202e}".into());
    let dir = scratch("hostile-text");
    let file = dir.join("hostile.json");
    std::fs::write(&file, serde_json::to_string(&v).unwrap()).unwrap();
    let visible = "\\u{1b}[2J\\u{202e}单位\\u{2066}<script>alert(1)</script>";
    for args in [
        vec!["check", s(&file)],
        vec!["tables", s(&file)],
        vec!["tables", "--csv", s(&file)],
        vec!["narrative", s(&file)],
    ] {
        let (_, out, err) = run(&args);
        for c in ['\u{1b}', '\u{202e}', '\u{2066}'] {
            assert!(
                !out.contains(c) && !err.contains(c),
                "{args:?}: raw {c:?} in {out}"
            );
        }
        if args[0] == "check" {
            assert!(out.contains("“\\u{1b}[31m201\\u{202e}”"), "{out}");
        } else {
            assert!(out.contains(visible), "{args:?}: {out}");
        }
    }
    // --json keeps the exact text (serde escapes control characters as JSON).
    let (_, out, _) = run(&["check", "--json", s(&file)]);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert!(doc.to_string().contains("\\u001b[31m201\u{202e}"), "{out}");
}

#[test]
fn bad_amounts_are_all_listed() {
    let (_, out, _) = run(&["check", s(&root().join("fixtures/bad/bad-amounts.json"))]);
    for want in [
        "“1e5”使用了科学计数法",
        "“-1”是负数",
        "“NaN”不是有效的金额",
        "超过上限",
        "写成了数字 12.3",
    ] {
        assert!(out.contains(want), "{want}: {out}");
    }
}

#[test]
fn a_fifty_megabyte_file_is_refused_without_reading_it() {
    let dir = scratch("big");
    let file = dir.join("big.json");
    let f = std::fs::File::create(&file).unwrap();
    f.set_len(50 * 1024 * 1024).unwrap();
    let (code, out, _) = run(&["check", s(&file)]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("文件过大（52428800 字节）"), "{out}");
}

#[test]
fn nesting_ten_thousand_deep_is_refused() {
    let dir = scratch("deep");
    let file = dir.join("deep.json");
    std::fs::write(
        &file,
        format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)),
    )
    .unwrap();
    let (code, out, err) = run(&["check", s(&file)]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.contains("嵌套层数过深"), "{out}");
}

#[test]
fn many_files_in_parallel_exit_with_the_worst_code_and_one_summary_line_each() {
    let bad = root().join("fixtures/bad");
    let files = [
        sample_path(),
        bad.join("unknown-code.inputs.json"),
        bad.join("empty.json"),
    ];
    let args: Vec<&str> = std::iter::once("check")
        .chain(files.iter().map(|p| s(p)))
        .collect();
    let (code, out, _) = run(&args);
    assert_eq!(code, 2);
    let summary: Vec<&str> = out.lines().rev().take(3).collect();
    assert!(summary[2].starts_with("OK    "), "{out}");
    assert!(
        summary[1].starts_with("FAIL  ") && summary[1].contains("unknown-code.inputs.json"),
        "{out}"
    );
    assert!(
        summary[0].starts_with("BAD   ") && summary[0].contains("文件为空"),
        "{out}"
    );
}

#[test]
fn json_output_is_machine_readable() {
    let bad = root().join("fixtures/bad");
    let (code, out, _) = run(&[
        "check",
        "--json",
        s(&sample_path()),
        s(&bad.join("bad-amounts.json")),
    ]);
    // A budget-form file with bad values is reported, not refused: exit 1.
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["exit_code"], 1);
    assert_eq!(v["files"][1]["exit_code"], 1);
    assert_eq!(v["files"][1]["errors"], 6);
    assert_eq!(v["files"][1]["findings"][0]["check"], "IMP-002");
    assert_eq!(
        v["files"][1]["findings"][0]["locations"][0],
        "inputs.rows[0].this_year"
    );
    assert_eq!(v["files"][0]["exit_code"], 0);
    assert_eq!(v["files"][0]["kind"], "inputs");
    assert_eq!(v["files"][0]["errors"], 0);
    assert!(
        v["files"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["severity"] == "warning")
    );
    assert_eq!(v["files"][1]["readable"], false);
    let problems = v["files"][1]["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 6);
    assert_eq!(problems[0]["path"], "inputs.rows[0].this_year");
}

#[test]
fn a_missing_file_is_unreadable() {
    let (code, out, _) = run(&["check", "/nonexistent/budget.json"]);
    assert_eq!(code, 2);
    assert!(out.contains("无法读取：文件不存在"), "{out}");
}

#[test]
fn tables_prints_every_table_with_title_unit_and_grouped_figures() {
    let (code, out, err) = run(&["tables", s(&sample_path())]);
    assert_eq!(code, 0, "{err}");
    for n in 1..=10 {
        assert!(out.lines().any(|l| l == format!("表{n}")), "表{n} missing");
    }
    assert!(out.contains("单位：元"));
    assert!(out.contains("11,906,397.06"));
    // Numbers are right-aligned: in 表2 the 合计 and 2010301 lines end at the same width.
    let (_, t2, _) = run(&["tables", s(&sample_path()), "--table", "2"]);
    let widths: Vec<usize> = t2
        .lines()
        .filter(|l| l.starts_with("合计") || l.starts_with("201 "))
        .map(unicode_width::UnicodeWidthStr::width)
        .collect();
    assert_eq!(widths.len(), 2, "{t2}");
    assert_eq!(widths[0], widths[1], "{t2}");
    assert!(!t2.contains("表3"));
}

#[test]
fn tables_csv_writes_plain_numbers_and_crlf() {
    let (code, out, _) = run(&["tables", s(&sample_path()), "--table", "1", "--csv"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("表1 "), "{out}");
    assert!(out.contains(",11906397.06,"), "{out}");
    assert!(!out.contains("11,906,397.06"));
    let records: Vec<&str> = out.split_terminator('\n').collect();
    assert!(
        records.len() > 5 && records.iter().all(|l| l.ends_with('\r')),
        "CRLF line ends"
    );
}

#[test]
fn tables_refuses_an_unknown_table() {
    let (code, _, err) = run(&["tables", s(&sample_path()), "--table", "42"]);
    assert_eq!(code, 2);
    assert!(err.contains("没有表“42”"), "{err}");
}

#[test]
fn narrative_prints_title_headings_and_paragraphs() {
    let (code, out, _) = run(&["narrative", s(&sample_path())]);
    assert_eq!(code, 0);
    let first = out.lines().next().unwrap();
    assert!(first.ends_with("情况说明"), "{first}");
    assert!(out.contains("\n一、"), "{out}");
    assert!(
        out.lines().any(|l| l.starts_with("\u{3000}\u{3000}")),
        "{out}"
    );
}

#[test]
fn tables_and_narrative_of_a_file_with_errors_say_so_on_stderr() {
    let bad = root().join("fixtures/bad/duplicate-rows.inputs.json");
    for cmd in ["tables", "narrative"] {
        let (code, out, err) = run(&[cmd, s(&bad)]);
        assert_eq!(code, 0, "{cmd}: {err}");
        assert!(!out.is_empty(), "{cmd} still prints");
        assert!(err.contains("个错误（强制性审核未通过）"), "{cmd}: {err}");
    }
    let xlsx = scratch("errors").join("tables.xlsx");
    let (code, _, err) = run(&["export", s(&bad), "--xlsx", s(&xlsx)]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("个错误（强制性审核未通过）"),
        "export --xlsx: {err}"
    );
    let (_, out, err) = run(&["narrative", s(&sample_path())]);
    assert!(
        !err.contains("强制性审核未通过") && !out.contains("【注意】"),
        "the sample has no error: {err}"
    );
}

/// The mark of a file with errors is in stdout too, so `> out.csv` keeps it:
/// the first CSV record, the first line of the text.
#[test]
fn tables_and_narrative_of_a_file_with_errors_mark_their_output() {
    let bad = root().join("fixtures/bad/duplicate-rows.inputs.json");
    let banner =
        "【注意】此文件有 3 个错误（强制性审核未通过），以下数字按文件的输入计算，不能作为公开数据";
    let (code, csv, _) = run(&["tables", "--csv", "--table", "2", s(&bad)]);
    assert_eq!(code, 0);
    let first = csv.split("\r\n").next().unwrap();
    assert!(first.starts_with(banner), "{csv}");
    assert!(
        csv.split("\r\n").nth(1).unwrap().starts_with("表2 "),
        "{csv}"
    );
    for cmd in ["tables", "narrative"] {
        let (_, out, _) = run(&[cmd, s(&bad)]);
        assert!(
            out.lines().next().unwrap().starts_with(banner),
            "{cmd}: {out}"
        );
    }
    let (_, csv, _) = run(&["tables", "--csv", "--table", "2", s(&sample_path())]);
    assert!(csv.starts_with("表2 "), "{csv}");
}

#[test]
fn narrative_of_a_bad_file_exits_two() {
    let (code, _, err) = run(&["narrative", s(&root().join("fixtures/bad/empty.json"))]);
    assert_eq!(code, 2);
    assert!(err.contains("文件为空"), "{err}");
}

#[test]
fn schema_command_prints_the_committed_schema() {
    let (code, out, _) = run(&["schema"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        std::fs::read_to_string(root().join("schema/budget-form-v1.schema.json")).unwrap()
    );
}

#[test]
fn tables_in_wan_are_rounded_and_balanced_on_screen_and_in_csv() {
    let sample = sample_path();
    let (code, out, err) = run(&["tables", s(&sample), "--table", "2", "--unit", "万元"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("单位：万元"), "{out}");
    // 表2's 合计 line: 2020 1476.08, 2021 1190.64 = 1041.81 + 148.83.
    let total = out
        .lines()
        .find(|l| l.starts_with("合计"))
        .expect("合计 line");
    for figure in ["1476.08", "1190.64", "1041.81", "148.83"] {
        assert!(total.contains(figure), "{total}");
    }
    // 2080501's 165,549.xx 元 prints 16.55 (moved from 16.56 so 20805 adds up), and the note says so.
    assert!(out.contains("舍位平衡"), "{out}");
    assert!(out.contains("2080501"), "{out}");

    let (code, csv, err) = run(&[
        "tables",
        s(&sample),
        "--table",
        "2",
        "--unit",
        "万元",
        "--csv",
    ]);
    assert_eq!(code, 0, "{err}");
    let total = csv
        .lines()
        .find(|l| l.starts_with("合计,"))
        .expect("合计 row");
    assert!(total.contains("1476.08,1190.64,1041.81,148.83"), "{total}");
    // The same figures as the screen, line for line.
    let screen_2080501 = out
        .lines()
        .find(|l| l.starts_with("2080501"))
        .expect("screen line");
    let csv_2080501 = csv
        .lines()
        .find(|l| l.starts_with("2080501,"))
        .expect("csv line");
    for f in csv_2080501.split(',').skip(2).filter(|f| !f.is_empty()) {
        assert!(screen_2080501.contains(f), "{f} not in {screen_2080501}");
    }

    let (code, _, err) = run(&["tables", s(&sample), "--unit", "千元"]);
    assert_eq!(code, 2, "an unknown unit is refused");
    assert!(err.contains("万元"), "{err}");
}

/// `templates` lists every template with its tables; `--json` is the data.
#[test]
fn templates_lists_every_template_and_its_tables() {
    let (code, text, _) = run(&["templates"]);
    assert_eq!(code, 0);
    assert!(text.contains("chongqing-district-2021  重庆市区县部门预算公开（2021年）（没有 template 字段的文件按此模板读取）"), "{text}");
    assert!(
        text.contains("  表9  〔年度〕〔部门/单位〕“三公”经费和机关运行经费预算表（万元）"),
        "{text}"
    );
    assert!(
        text.contains("  表10  〔年度〕部门（单位）预算整体绩效目标表（万元）"),
        "{text}"
    );
    let (_, json, _) = run(&["templates", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(v[1]["id"], "shanghai-district-2025");
}

/// The 上海 sample checks without errors and prints its 9 tables in its layout.
#[test]
fn the_shanghai_sample_checks_and_prints_its_layout() {
    let sample = root().join("fixtures/putuo-2025.json");
    let (code, out, _) = run(&["check", sample.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    let (_, text, _) = run(&["tables", sample.to_str().unwrap(), "--table", "2"]);
    assert!(text.contains("2025年部门收入预算总表"), "{text}");
    assert!(text.contains("201   06  01      行政运行"), "{text}");
}
