//! `budget-check check --summary`: one line per file and the totals, as text,
//! CSV and a self-contained HTML page.

use std::path::PathBuf;

mod common;
use common::{root, run, s};

/// The two unit files, the sample, a file with errors and an empty file.
fn files() -> Vec<PathBuf> {
    let r = root();
    vec![
        r.join("fixtures/units/dadukou-2021-office.json"),
        r.join("fixtures/units/dadukou-2021-center.json"),
        r.join("fixtures/dadukou-2021.json"),
        r.join("fixtures/bad/duplicate-rows.inputs.json"),
        r.join("fixtures/bad/empty.json"),
    ]
}

fn args<'a>(files: &'a [PathBuf], extra: &[&'a str]) -> Vec<&'a str> {
    let mut a = vec!["check"];
    a.extend(extra);
    a.extend(files.iter().map(|p| s(p)));
    a
}

#[test]
fn the_text_summary_has_a_line_per_file_and_the_totals() {
    let files = files();
    let (code, out, _) = run(&args(&files, &["--summary"]));
    assert_eq!(code, 2, "the largest exit code: {out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[1],
        "预算填报文件审核汇总：共 5 个文件，3 个通过，1 个有错误，1 个无法读取"
    );
    let line = |file: &str| *lines.iter().find(|l| l.starts_with(file)).unwrap();
    let office = line(s(&files[0]));
    for cell in [
        "重庆市大渡口区人民政府办公室",
        "2021",
        "11,489,926.27",
        "350,000.00",
        "通过",
    ] {
        assert!(office.contains(cell), "{office}");
    }
    assert!(line(s(&files[3])).ends_with("有错误"), "{out}");
    assert!(line(s(&files[4])).ends_with("无法读取：文件为空"), "{out}");
    let total = lines.last().unwrap();
    assert!(total.starts_with("合计（5 个文件）"), "{total}");
    // 11,489,926.27 + 416,470.79 + 11,906,397.06 + 150.00
    assert!(total.contains("23,812,944.12"), "{total}");
    // Figures end in one column: CJK text is measured by its display width.
    let end = |l: &str, fig: &str| {
        unicode_width::UnicodeWidthStr::width(&l[..l.find(fig).unwrap() + fig.len()])
    };
    assert_eq!(end(office, "11,489,926.27"), end(total, "23,812,944.12"));
    // No per-file report with --summary.
    assert!(!out.contains("== "), "{out}");
}

#[test]
fn the_csv_summary_is_one_record_per_file_then_the_totals() {
    let files = files();
    let (_, out, _) = run(&args(&files, &["--summary", "--csv"]));
    let records: Vec<&str> = out.split("\r\n").collect();
    assert_eq!(
        records[2],
        "文件,单位,年度,模板,收入合计,支出合计,三公经费合计,错误,提示,结果"
    );
    assert!(
        records[4].ends_with(
            ",大渡口区政府信息公开服务中心,2021,重庆市2021,416470.79,416470.79,33000.00,0,3,通过"
        ),
        "{}",
        records[4]
    );
    assert!(
        records[8].starts_with("合计（5 个文件）,3 个通过,,,23812944.12,"),
        "{}",
        records[8]
    );
}

#[test]
fn the_html_summary_is_one_self_contained_page() {
    let files = files();
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("summary");
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("report.html");
    let (code, out, _) = run(&args(&files, &["--html", s(&page)]));
    assert_eq!(code, 2);
    assert_eq!(
        out.trim_end(),
        format!(
            "已写入 {}：5 个文件，3 个通过，1 个有错误，1 个无法读取",
            s(&page)
        )
    );
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(html.matches("<tr class=").count(), 5);
    assert!(html.contains("<table id=\"summary\">") && html.contains("<script>"));
    // Nothing is fetched: no link, no external script or style.
    for outside in ["src=", "href=", "@import", "url("] {
        assert!(!html.contains(outside), "{outside}");
    }
    assert!(
        html.contains("[ROW-001]") || html.contains("ROW-001"),
        "findings listed"
    );
}
