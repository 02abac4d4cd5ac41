use super::*;

const CHONGQING: &str = include_str!("../../../../fixtures/dadukou-2021.json");
const SHANGHAI: &str = include_str!("../../../../fixtures/putuo-2025.json");

/// The markup of `view` (元 unless `wan`) of the inputs given as JSON.
fn html(view: &str, json: &str, wan: bool) -> String {
    view_html(view, json, None, wan).unwrap()
}

/// The markup between `<figure … id="table-{id}"` and its `</figure>`.
fn figure<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html.find(&format!("id=\"table-{id}\"")).unwrap();
    let end = start + html[start..].find("</figure>").unwrap();
    &html[start..end]
}

#[test]
fn the_chongqing_tables_show_their_figures_and_a_table_of_contents() {
    let t = html("tables", CHONGQING, false);
    assert!(t.starts_with("<p class=\"hint\">以元显示（精确到分）。"));
    assert!(
        t.contains("<li><a href=\"#table-table2\">表2 "),
        "{}",
        &t[..600]
    );
    assert!(t.contains("<figure class=\"dtable\" id=\"table-table1\">"));
    assert!(figure(&t, "table2").contains("<td class=\"num\">11,906,397.06</td>"));
    assert!(figure(&t, "table2").contains("重庆市大渡口区人民政府办公室"));
    assert!(figure(&t, "table3").contains("<tr class=\"r-total\">"));
    assert!(
        figure(&t, "table5")
            .contains("<p class=\"tnote\">本单位无政府性基金收支，故此表无数据。</p>")
    );
    assert!(figure(&t, "table9").contains("1,207,500.00"));
    assert!(figure(&t, "table10").contains("1190.64"));
    assert!(t.contains("<th scope=\"col\" colspan=\"1\" rowspan=\"1\">"));
}

#[test]
fn the_chongqing_tables_in_wan_mark_what_balancing_moved() {
    let t = html("tables", CHONGQING, true);
    assert!(t.starts_with("<p class=\"hint\">以万元显示："));
    let t3 = figure(&t, "table3");
    assert!(t3.starts_with("id=\"table-table3\"><div class=\"tnum\">"));
    assert!(t.contains("<figure class=\"dtable wan\" id=\"table-table3\">"));
    assert!(t3.contains("<div class=\"tunit\">单位：万元</div>"));
    assert!(t3.contains(
        "<td class=\"num wan-adjusted\" title=\"舍位平衡调整：精确值 116.856 万元（1,168,560.00 元），四舍五入为 116.86，调为 116.85\">116.85</td>"
    ), "{t3}");
    assert!(t3.contains("并经舍位平衡调整：30102 津贴补贴（合计）由 116.86 调为 116.85"));
    assert!(figure(&t, "table10").contains("1190.64"));
}

#[test]
fn the_chongqing_report_and_print_carry_the_narrative() {
    let r = html("report", CHONGQING, false);
    assert!(
        r.starts_with("<h2 class=\"report-title\">重庆市大渡口区人民政府办公室"),
        "{}",
        &r[..200]
    );
    assert!(r.contains("<section><h3>"));
    assert!(r.contains("1190.64"));
    let p = html("print", CHONGQING, true);
    assert!(p.starts_with("<section class=\"p-sheet narrative\" id=\"print-narrative\"><h1>重庆市大渡口区人民政府办公室"));
    assert!(p.contains("<p class=\"contact\">"));
    assert!(p.contains("<section class=\"p-sheet wan\" id=\"print-table2\">"));
    // A table of 7 columns or more is printed landscape.
    assert!(p.contains("<section class=\"p-sheet wide wan\" id=\"print-"));
    assert!(p.contains("<table class=\"p-table\"><thead>"));
    assert!(p.contains("<p class=\"p-note\">"));
}

#[test]
fn the_shanghai_tables_and_report_show_their_figures_and_sentences() {
    let t = html("tables", SHANGHAI, false);
    assert!(t.contains("<h3 class=\"ttitle\">2025年部门财务收支预算总表</h3>"));
    assert!(figure(&t, "table3").contains("31,214,205.80"));
    assert!(figure(&t, "table8").contains("<td class=\"num\">0.00</td>"));
    assert!(figure(&t, "table9").contains("<div class=\"tunit\">单位：万元</div>"));
    assert!(figure(&t, "table9").contains("229.43"));
    assert!(figure(&t, "table7").contains("无国有资本经营预算财政拨款安排的预算"));
    let r = html("report", SHANGHAI, false);
    assert!(r.contains("职业年金缴费支出（项）”87.36万元"));
    assert!(r.contains("比2024年预算增加107.62万元"));
}

#[test]
fn what_the_clerk_typed_is_escaped_everywhere() {
    let mut inputs: Inputs = serde_json::from_str(CHONGQING).unwrap();
    inputs.unit.name = "<script>\"甲\" & '乙'</script>".into();
    let json = serde_json::to_string(&inputs).unwrap();
    for view in ["tables", "report", "print"] {
        let h = html(view, &json, true);
        assert!(!h.contains("<script>"), "{view}");
        assert!(
            h.contains("&lt;script&gt;&quot;甲&quot; &amp; '乙'&lt;/script&gt;"),
            "{view}"
        );
    }
}

#[test]
fn an_unknown_view_or_unreadable_inputs_are_chinese_messages() {
    assert!(
        view_html("pie", CHONGQING, None, false)
            .unwrap_err()
            .contains("pie")
    );
    let e = view_html("report", "{\"unit\": 3", None, false).unwrap_err();
    assert!(e.starts_with("填报内容无法读取，未生成情况说明"), "{e}");
}

const AT: &str = "2026-12-07T15:00:00+08:00";

#[test]
fn the_submission_and_draft_files_are_the_cores() {
    let inputs: Inputs = serde_json::from_str(CHONGQING).unwrap();
    let text = file_text("submission", CHONGQING, None, AT).unwrap();
    assert_eq!(text, file::export_in(&inputs, Choice::Builtin, AT).unwrap());
    let draft = file_text("draft", CHONGQING, None, AT).unwrap();
    assert_eq!(
        draft,
        file::export_draft_in(&inputs, Choice::Builtin, AT).unwrap()
    );
}

#[test]
fn an_invalid_form_is_refused_with_its_findings_and_their_cells() {
    let mut inputs: Inputs = serde_json::from_str(CHONGQING).unwrap();
    inputs.unit.name = String::new();
    let json = serde_json::to_string(&inputs).unwrap();
    let Err(Ok(refusal)) = file_text("submission", &json, None, AT) else {
        panic!("an invalid form is refused");
    };
    let core = match file::export_in(&inputs, Choice::Builtin, AT) {
        Err(ExportError::Errors(findings)) => findings,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        refusal.title,
        format!(
            "还有 {} 项错误未改正，不能导出。点击错误可跳到对应单元格：",
            core.len()
        )
    );
    assert_eq!(refusal.lines.len(), core.len());
    let unit = refusal
        .lines
        .iter()
        .find(|l| l.text.starts_with("[UNT-001] "))
        .unwrap();
    assert_eq!(unit.path.as_deref(), Some("unit.name"));
    // The draft is saved whatever the findings.
    assert!(file_text("draft", &json, None, AT).is_ok());
    assert!(matches!(file_text("zip", CHONGQING, None, AT), Err(Err(e)) if e.contains("zip")));
}
