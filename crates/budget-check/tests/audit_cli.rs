//! `budget-check audit`: the known faults of the two published samples and
//! nothing else, our own printed disclosure clean, and the exit codes.

use std::path::Path;
use std::process::Command;

use budget_audit::RULES;
use budget_core::Severity;
use serde_json::Value;

mod common;
use common::{root, run, scratch};

/// `ID line printed expected` per finding, from `--json`.
fn findings(path: &Path) -> (i32, Vec<String>) {
    let (code, out, err) = run(&["audit", "--json", path.to_str().unwrap()]);
    let doc: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out} {err}"));
    let list = doc["files"][0]["findings"].as_array().unwrap();
    let rows = list
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap().to_string();
            format!(
                "{} {} {} {}",
                s("id"),
                f["line"],
                s("printed"),
                s("expected")
            )
        })
        .collect();
    (code, rows)
}

fn expected(name: &str) -> Vec<String> {
    std::fs::read_to_string(root().join("fixtures/audit").join(name))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

#[test]
fn chongqing_sample_reports_its_known_fault_and_nothing_else() {
    let (code, got) = findings(&root().join("fixtures/audit/dadukou-2021.txt"));
    assert_eq!(got, expected("dadukou-2021.expected"));
    // The one fault is a warning: no error stands.
    assert_eq!(code, 0);
}

#[test]
fn shanghai_sample_reports_its_known_faults_and_nothing_else() {
    let (code, got) = findings(&root().join("fixtures/audit/putuo-2025.txt"));
    assert_eq!(got, expected("putuo-2025.expected"));
    assert_eq!(code, 1, "the ×10-like slip is an error");
}

#[test]
fn every_published_fixture_reports_exactly_its_expected_findings() {
    let dir = root().join("fixtures/audit");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(stem) = name.strip_suffix(".txt") else {
            continue;
        };
        let want = expected(&format!("{stem}.expected"));
        let (code, got) = findings(&path);
        assert_eq!(got, want, "{name}");
        let errors = want.iter().any(|f| {
            RULES
                .iter()
                .any(|&(id, severity, _)| severity == Severity::Error && f.starts_with(id))
        });
        assert_eq!(code, i32::from(errors), "{name}");
        seen += 1;
    }
    assert_eq!(
        seen, 7,
        "every disclosure in fixtures/audit has its expected findings"
    );
}

#[test]
fn our_own_printed_disclosure_audits_clean() {
    let sample = root().join("fixtures/dadukou-2021.json");
    let sample = sample.to_str().unwrap();
    let (c1, narrative, _) = run(&["narrative", sample]);
    let (c2, tables, _) = run(&["tables", sample]);
    assert_eq!((c1, c2), (0, 0));
    let path = scratch("self").join("dadukou-2021-printed.txt");
    std::fs::write(&path, format!("{narrative}\n{tables}")).unwrap();
    let (code, got) = findings(&path);
    assert_eq!(got, Vec::<String>::new());
    assert_eq!(code, 0);
    // And it really read the tables: a changed figure is found.
    let broken = format!("{narrative}\n{tables}").replacen("1,207,500.00", "1,207,600.00", 1);
    let bad = scratch("self").join("dadukou-2021-changed.txt");
    std::fs::write(&bad, broken).unwrap();
    let (code, got) = findings(&bad);
    assert_eq!(code, 1);
    assert!(got.iter().any(|f| f.starts_with("AUD-001 ")), "{got:?}");
    // Its 表4 (“三公”, 8 figures in 12 columns) is read by its headings: the
    // 重庆 seed's slip, made in our own text, is found.
    let slip = format!("{narrative}\n{tables}").replacen("减少12.29万元", "减少12.3万元", 1);
    let bad = scratch("self").join("dadukou-2021-slip.txt");
    std::fs::write(&bad, slip).unwrap();
    let (_, got) = findings(&bad);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].starts_with("AUD-008 ") && got[0].ends_with(" 12.3 12.29"),
        "{got:?}"
    );
}

/// The 上海 sample printed by us audits clean as text, and both samples'
/// XLSX exports (an XLSX attachment of the tables) audit clean, while a
/// figure changed in the 上海 text is found.
#[test]
fn our_own_shanghai_disclosure_and_xlsx_exports_audit_clean() {
    let sample = root().join("fixtures/putuo-2025.json");
    let sample = sample.to_str().unwrap();
    let (_, narrative, _) = run(&["narrative", sample]);
    let (_, tables, _) = run(&["tables", sample]);
    let path = scratch("self").join("putuo-2025-printed.txt");
    std::fs::write(&path, format!("{narrative}\n{tables}")).unwrap();
    let (code, got) = findings(&path);
    assert_eq!((code, got), (0, Vec::<String>::new()));
    let broken = format!("{narrative}\n{tables}").replacen("”87.36万元", "”887.36万元", 1);
    let bad = scratch("self").join("putuo-2025-changed.txt");
    std::fs::write(&bad, broken).unwrap();
    let (code, got) = findings(&bad);
    assert_eq!(code, 1, "{got:?}");
    for (file, name) in [
        ("fixtures/dadukou-2021.json", "dadukou-2021.xlsx"),
        ("fixtures/putuo-2025.json", "putuo-2025.xlsx"),
    ] {
        let xlsx = scratch("self").join(name);
        let (c, out, _) = run(&[
            "export",
            root().join(file).to_str().unwrap(),
            "--xlsx",
            xlsx.to_str().unwrap(),
        ]);
        assert_eq!(c, 0, "{out}");
        let (code, got) = findings(&xlsx);
        assert_eq!((code, got), (0, Vec::<String>::new()), "{name}");
    }
}

#[test]
fn a_text_without_tables_is_refused_with_exit_2() {
    let path = scratch("none").join("letter.txt");
    std::fs::write(&path, "关于印发某某通知的函。\n请各单位遵照执行。\n").unwrap();
    let (code, out, _) = run(&["audit", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(out.contains("没有找到任何预算表"), "{out}");
    assert!(out.contains("BAD"), "{out}");
}

/// A one-page PDF whose page draws `content` (a content stream), with a
/// correct cross-reference table.
fn pdf(content: &str) -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn has_pdftotext() -> bool {
    Command::new("pdftotext").arg("-v").output().is_ok()
}

#[test]
fn a_pdf_is_read_through_pdftotext() {
    let dir = scratch("pdf");
    let text = dir.join("letter.pdf");
    std::fs::write(
        &text,
        pdf("BT /F1 12 Tf 20 100 Td (A letter with no tables.) Tj ET"),
    )
    .unwrap();
    let scanned = dir.join("scanned.pdf");
    std::fs::write(&scanned, pdf("0 0 1 rg 10 10 100 100 re f")).unwrap();
    let (code, out, _) = run(&["audit", text.to_str().unwrap(), scanned.to_str().unwrap()]);
    assert_eq!(code, 2);
    if has_pdftotext() {
        // The text layer was read: it just has no table.
        assert!(out.contains("没有找到任何预算表"), "{out}");
        assert!(out.contains("没有文字层"), "{out}");
    } else {
        assert!(out.contains("pdftotext"), "{out}");
    }
}

#[test]
fn a_broken_pdf_is_refused_with_its_own_message() {
    let path = scratch("pdf").join("broken.pdf");
    std::fs::write(&path, b"%PDF-1.4\nthis is not a pdf body\n").unwrap();
    let (code, out, _) = run(&["audit", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    let want = if has_pdftotext() {
        "PDF 已损坏"
    } else {
        "pdftotext"
    };
    assert!(out.contains(want), "{out}");
}

#[test]
fn several_files_give_one_summary_line_each() {
    let a = root().join("fixtures/audit/dadukou-2021.txt");
    let b = root().join("fixtures/audit/putuo-2025.txt");
    let (code, out, _) = run(&["audit", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(code, 1, "the largest exit code");
    let summary: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("OK") || l.starts_with("FAIL"))
        .collect();
    assert_eq!(summary.len(), 2, "{out}");
    assert!(
        summary[0].starts_with("OK") && summary[0].contains("dadukou-2021.txt"),
        "{out}"
    );
    assert!(
        summary[1].starts_with("FAIL") && summary[1].contains("2 错误 9 提示"),
        "{out}"
    );
}
