use super::*;
use serde_json::{Value, json};

const OFFICE: &[u8] = include_bytes!("../../../fixtures/units/dadukou-2021-office.json");
const CENTER: &[u8] = include_bytes!("../../../fixtures/units/dadukou-2021-center.json");
const SAMPLE: &[u8] = include_bytes!("../../../fixtures/dadukou-2021.json");

fn value(json: &str) -> Value {
    serde_json::from_str(json).unwrap()
}

/// A unit file through the worker: its answer.
fn unit(source: &str, bytes: &[u8]) -> Value {
    value(&department_unit(source, bytes, None).unwrap())
}

#[test]
fn two_unit_files_sum_to_the_core_s_department_totals_and_file() {
    let office = unit("office.json", OFFICE);
    let center = unit("center.json", CENTER);
    assert_eq!(
        center["cells"],
        json!([
            "大渡口区政府信息公开服务中心",
            "103001002",
            "事业",
            "2021",
            "416,470.79",
            "33,000.00",
            "0",
            "3",
            "center.json"
        ])
    );
    let units = [&office, &center].map(|u| u["inputs"].as_str().unwrap().to_string());
    let request = json!({
        "units": units,
        "code": " 103001001 ",
        "name": "重庆市大渡口区人民政府办公室",
        "now": "2026-12-07T15:00:00Z",
    });
    let answer = value(&department(&request.to_string()).unwrap());

    // The core's own sum of the same files.
    let forms: Vec<Inputs> = [OFFICE, CENTER]
        .map(|b| file::open(b).unwrap().inputs().clone())
        .into();
    let dept = Department::new("103001001", "重庆市大渡口区人民政府办公室");
    let form = consolidate(&dept, &forms).unwrap();
    let totals = Totals::compute(&form);
    assert_eq!(
        answer["total"],
        json!([
            "部门合计：重庆市大渡口区人民政府办公室",
            "103001001",
            "",
            "2021",
            format_yuan(totals.total),
            format_yuan(totals.sangong)
        ])
    );
    assert_eq!(answer["total"][4], "11,906,397.06");
    // Without the department's texts its 整体绩效 is empty: not exported, each error named.
    assert_eq!(
        answer["file"]["Err"],
        "部门汇总的报表还有 1 项错误，不能导出：[PRF-001] 未填写整体绩效指标（表10 绩效指标至少一项，权重合计 100）"
    );
}

#[test]
fn the_department_s_texts_come_from_the_form_sent() {
    let units =
        [unit("o", OFFICE), unit("c", CENTER)].map(|u| u["inputs"].as_str().unwrap().to_string());
    let request = json!({
        "units": units,
        "code": "103001001",
        "name": "部门",
        "texts": std::str::from_utf8(SAMPLE).unwrap(),
        "now": "2026-12-07T15:00:00Z",
    });
    let answer = value(&department(&request.to_string()).unwrap());
    // The core's file of the same units and texts.
    let forms: Vec<Inputs> = [OFFICE, CENTER]
        .map(|b| file::open(b).unwrap().inputs().clone())
        .into();
    let mut dept = Department::of(file::open(SAMPLE).unwrap().inputs(), &[]);
    dept.name = "部门".into();
    let form = consolidate(&dept, &forms).unwrap();
    let expected = file::export_department(&form, &forms, "2026-12-07T15:00:00Z").unwrap();
    assert_eq!(
        answer["file"]["Ok"],
        json!(["103001001-2021-department.json", expected])
    );
    let text = answer["file"]["Ok"][1].as_str().unwrap();
    let file = value(text);
    assert_eq!(file["inputs"]["unit"]["name"], "部门");
    assert_eq!(
        file["inputs"]["unit"]["duties"][0],
        "负责区政府会议的准备工作，协助区政府领导同志组织会议决定事项的实施。"
    );
}

#[test]
fn the_same_unit_twice_or_none_is_refused_with_the_core_s_message() {
    let office = unit("o", OFFICE)["inputs"].as_str().unwrap().to_string();
    let twice = json!({ "units": [office, office], "code": "1", "name": "部门", "now": "t" });
    let answer = value(&department(&twice.to_string()).unwrap());
    let said = answer["total"][0].as_str().unwrap();
    assert!(said.contains("出现了两次"), "{said}");
    assert_eq!(answer["total"].as_array().unwrap().len(), 1);
    assert_eq!(answer["file"]["Err"], said);
    let none = json!({ "units": [], "code": "1", "name": "部门" });
    let answer = value(&department(&none.to_string()).unwrap());
    assert_eq!(answer["total"], json!(["没有单位的填报文件，无法汇总"]));
    assert!(answer.get("file").is_none());
}

#[test]
fn a_unit_file_that_does_not_read_gives_the_core_s_message() {
    for bad in [&b"not json"[..], br#"{"format": "other"}"#] {
        let e = department_unit("坏.json", bad, None).unwrap_err();
        assert_eq!(e, file::open(bad).unwrap_err().to_string());
    }
}

#[test]
fn the_form_being_edited_is_counted_by_the_page() {
    let text = std::str::from_utf8(SAMPLE).unwrap();
    let answer = value(&department_unit("正在填写的表", text.as_bytes(), Some((2, 5))).unwrap());
    assert_eq!(answer["code"], "103001001");
    assert_eq!(answer["cells"][6], "2");
    assert_eq!(answer["cells"][7], "5");
    assert_eq!(answer["cells"][8], "正在填写的表");
}

#[test]
fn next_year_gives_the_core_s_form_and_lists_what_it_could_not_carry() {
    let answer = value(&next_year(SAMPLE, None).unwrap());
    let last = file::open(SAMPLE).unwrap().inputs().clone();
    let core = next_year_in(&last, 2022, Choice::Builtin);
    assert_eq!(answer["from"], 2021);
    assert_eq!(answer["year"], 2022);
    let made = file::read_inputs(answer["inputs"].as_str().unwrap()).unwrap();
    assert_eq!(made, core.inputs);
    assert_eq!(
        answer["unmapped"].as_array().unwrap().len(),
        core.unmapped.len()
    );

    // A code the 2025 catalog dropped: listed with its amount and its place.
    let mut v = value(std::str::from_utf8(SAMPLE).unwrap());
    v["unit"]["fiscal_year"] = json!(2024);
    v["rows"][0]["code"] = json!("2130510");
    let answer = value(&next_year(v.to_string().as_bytes(), None).unwrap());
    assert_eq!(answer["year"], 2025);
    let first = &answer["unmapped"][0];
    assert!(
        first["text"]
            .as_str()
            .unwrap()
            .starts_with("2130510 扶贫事业机构（上年 6,849,169.92 元）"),
        "{first}"
    );
    assert_eq!(first["path"], "rows[0].code");
}

#[test]
fn next_year_uses_the_bureau_catalog_sent_for_the_new_year() {
    // A 2022 bureau catalog without 2010301: the sample's first row is not carried.
    let rows = [
        ["201", "一般公共服务支出"],
        ["20103", "政府办公厅（室）及相关机构事务"],
        ["2010302", "一般行政管理事务"],
    ];
    let sent = json!([{ "year": 2022, "name": "局.csv", "rows": rows }]).to_string();
    let answer = value(&next_year(SAMPLE, Some(&sent)).unwrap());
    let builtin = value(&next_year(SAMPLE, None).unwrap());
    let texts = |a: &Value| {
        a["unmapped"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["text"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert!(
        texts(&answer).iter().any(|t| t.starts_with("2010301 ")),
        "{answer}"
    );
    assert!(!texts(&builtin).iter().any(|t| t.starts_with("2010301 ")));
    // The same catalog sent again is read once.
    let before = crate::READ.with_borrow(Vec::len);
    next_year(SAMPLE, Some(&sent)).unwrap();
    assert_eq!(crate::READ.with_borrow(Vec::len), before);
}

#[test]
fn last_year_s_file_that_does_not_read_gives_its_problems() {
    let answer = value(&next_year(b"not json", None).unwrap());
    let problems = answer["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1);
    let expected = file::open(b"not json").unwrap_err().problems()[0].to_string();
    assert_eq!(problems[0]["text"], expected);
    assert!(answer.get("inputs").is_none());
}

#[test]
fn a_bureau_catalog_is_read_or_each_bad_line_named() {
    let answer = value(
        &bureau(
            "bad.csv",
            "科目编码,科目名称\n201,一般公共服务支出\n2019,错\n20101,\n".as_bytes(),
            "csv",
        )
        .unwrap(),
    );
    assert_eq!(
        answer["lines"],
        json!([
            "第 3 行：科目编码“2019”应为 3、5 或 7 位数字",
            "第 4 行：科目“20101”缺少名称"
        ])
    );
    let text = "科目编码,科目名称\n201,一般公共服务支出\n20103,政府办公厅\n2010301,行政运行\n";
    let answer = value(&bureau("局.csv", text.as_bytes(), "csv").unwrap());
    assert_eq!(answer["name"], "局.csv");
    let rows: Vec<(String, String)> = serde_json::from_value(answer["rows"].clone()).unwrap();
    assert_eq!(rows.len(), 3);
    // Built again as the page does, it is the catalog the core reads.
    let read = Bureau::from_csv("局.csv", text.as_bytes()).unwrap();
    assert_eq!(Bureau::from_checked("局.csv", rows).sha256(), read.sha256());
    // Refused as a whole: the core's message.
    assert_eq!(
        bureau("空.csv", "科目编码,科目名称\n".as_bytes(), "csv").unwrap_err(),
        BureauError::Empty.to_string()
    );
    assert!(bureau("x.xlsx", b"not a workbook", "xlsx").is_err());
}
