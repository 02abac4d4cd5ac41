//! The work behind budget-form's XLSX worker, as plain functions (tested natively).
//!
//! The page sends the inputs as JSON (export) or a sheet's bytes (import); the
//! worker answers with the workbook's bytes or the import preview as JSON, or a
//! message in Chinese. All arithmetic is budget-core's; all Excel is budget-xlsx's.
//! It also draws the app's 图表 (`charts`), which the page shows as markup,
//! and its derived views and files (`views`: 公开表格, 情况说明, the print
//! document, the submission and draft files).

pub mod charts;
// 部门汇总, 从上年文件新建 and 载入财政局科目表: the page's file tools.
pub mod tools;
pub mod views;

mod audit;

pub use audit::{PDF_REFUSED, audit};
use budget_core::Inputs;
use budget_core::catalog::{Bureau, InForce};
use budget_xlsx::{SheetImport, SheetKind};
use serde::{Deserialize, Serialize};

/// A bureau catalog as the page sends it: the file's name and its
/// `[code, name]` rows (the page's `xlsx_client::catalog_json`).
#[derive(Deserialize)]
struct SentCatalog {
    name: String,
    rows: Vec<(String, String)>,
}

/// The workbook of 情况说明, 表1–表10 and the project forms, from the inputs as JSON.
pub fn export(inputs_json: &str) -> Result<Vec<u8>, String> {
    export_in(inputs_json, "元", None)
}

/// `export` with the tables in `unit` (`元`, or `万元` as the tables view
/// shows them, 舍位平衡 included), derived against the bureau catalog in
/// force for the form when the page sends one (`catalog_json`), else the
/// built-in catalogs of its year: the names are the ones the page shows.
pub fn export_in(
    inputs_json: &str,
    unit: &str,
    catalog_json: Option<&str>,
) -> Result<Vec<u8>, String> {
    let unit = match unit {
        "元" => budget_xlsx::Unit::Yuan,
        "万元" => budget_xlsx::Unit::Wan,
        other => return Err(format!("未知的金额单位“{other}”，只能是元或万元。")),
    };
    let inputs: Inputs = serde_json::from_str(inputs_json)
        .map_err(|e| format!("填报内容无法读取，未生成 Excel：{e}"))?;
    let bureau = match catalog_json {
        Some(json) => Some(bureau_of(json)?),
        None => None,
    };
    let derived = budget_core::derive_in(&inputs, InForce::new(inputs.unit.fiscal_year, bureau));
    budget_xlsx::export_xlsx_in(&inputs, &derived, unit)
        .map_err(|e| format!("生成 Excel 失败：{e}"))
}

/// The sentences of the 情况说明 that the clerk's texts end up in (the
/// narrative inputs' live preview), in `ClerkText::ALL`'s order, from the
/// inputs as JSON: a JSON array of strings.
pub fn sentences(inputs_json: &str) -> Result<String, String> {
    use budget_core::narrative::{ClerkText, RowSums, clerk_sentence};
    let inputs: Inputs = serde_json::from_str(inputs_json)
        .map_err(|e| format!("填报内容无法读取，未生成情况说明的句子：{e}"))?;
    let totals = budget_core::Totals::compute(&inputs);
    let sums = RowSums::of(&inputs);
    let list: Vec<String> = ClerkText::ALL
        .iter()
        .map(|&f| clerk_sentence(f, &inputs, &totals, &sums))
        .collect();
    serde_json::to_string(&list).map_err(|e| format!("句子无法传回页面：{e}"))
}

/// The comparison after the page imported a file (`text`, the file as
/// picked): the figures it states against the recomputation, against the
/// bureau catalog the page sends for the form's year (`catalog_json`), else
/// the built-in catalogs. Answers JSON: `{"findings": ["[IMP-001] …", …]}`,
/// or `{"refused": ["problem", …]}` when the file should not have been
/// imported (the page then puts the form back).
pub fn import_findings(text: &str, catalog_json: Option<&str>) -> Result<String, String> {
    let bureau = match catalog_json {
        Some(json) => Some(bureau_of(json)?),
        None => None,
    };
    let choice = match bureau {
        Some(b) => budget_core::catalog::Choice::Every(b),
        None => budget_core::catalog::Choice::Builtin,
    };
    let answer = match budget_core::file::imported_findings_in(text.as_bytes(), choice) {
        Ok(found) => serde_json::json!({
            "findings": found
                .iter()
                .map(|f| format!("[{}] {}", f.check, f.message))
                .collect::<Vec<_>>()
        }),
        Err(e) => serde_json::json!({
            "refused": e.problems().iter().map(ToString::to_string).collect::<Vec<_>>()
        }),
    };
    Ok(answer.to_string())
}

thread_local! {
    /// Every bureau catalog read, by the JSON the page sent: a catalog lives
    /// as long as the worker (its names outlive the tables), so a catalog sent
    /// again (each export, chart, view; each year's for 从上年文件新建) is
    /// the one read before, not another copy.
    pub(crate) static READ: std::cell::RefCell<Vec<(String, &'static Bureau)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The bureau catalog the page sent (`SentCatalog` as JSON).
pub(crate) fn bureau_of(json: &str) -> Result<&'static Bureau, String> {
    let known = READ.with_borrow(|read| read.iter().find(|(k, _)| k == json).map(|(_, b)| *b));
    if let Some(b) = known {
        return Ok(b);
    }
    let sent: SentCatalog =
        serde_json::from_str(json).map_err(|e| format!("科目表无法读取：{e}"))?;
    let rows = sent
        .rows
        .into_iter()
        .enumerate()
        .map(|(i, (code, name))| (i + 1, vec![code, name]))
        .collect();
    let b = Bureau::from_rows(&sent.name, rows).map_err(|e| format!("科目表无法读取：{e}"))?;
    READ.with_borrow_mut(|read| read.push((json.to_string(), b)));
    Ok(b)
}

/// What the page receives for a sheet: the import and the Chinese name of its shape.
#[derive(Serialize)]
struct Preview<'a> {
    shape_label: &'static str,
    #[serde(flatten)]
    import: &'a SheetImport,
}

/// The kind of sheet named by the page (`xlsx` or `csv`).
pub fn sheet_kind(kind: &str) -> Option<SheetKind> {
    match kind {
        "xlsx" => Some(SheetKind::Xlsx),
        "csv" => Some(SheetKind::Csv),
        _ => None,
    }
}

/// The rows of a 表2/表3/表7/表8-shaped sheet as preview JSON (nothing is applied).
pub fn import(bytes: &[u8], kind: &str) -> Result<String, String> {
    let kind = sheet_kind(kind).ok_or_else(|| "只能导入 .xlsx 或 .csv 文件。".to_string())?;
    let import = budget_xlsx::import_rows(bytes, kind).map_err(|e| e.to_string())?;
    serde_json::to_string(&Preview {
        shape_label: import.shape.label(),
        import: &import,
    })
    .map_err(|e| format!("导入结果无法传回页面：{e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../../../fixtures/dadukou-2021.json");

    #[test]
    fn sentences_are_the_narratives_in_clerk_text_order() {
        use budget_core::narrative::{ClerkText, RowSums, clerk_sentence};
        let got: Vec<String> = serde_json::from_str(&sentences(SAMPLE).unwrap()).unwrap();
        let sample: Inputs = serde_json::from_str(SAMPLE).unwrap();
        let (t, sums) = (budget_core::Totals::compute(&sample), RowSums::of(&sample));
        let want: Vec<String> = ClerkText::ALL
            .iter()
            .map(|&f| clerk_sentence(f, &sample, &t, &sums))
            .collect();
        assert_eq!(got, want);
        assert!(got[0].contains("主要是机构改革及职能调整"), "{}", got[0]);
        assert!(
            sentences("{\"unit\": 3}")
                .unwrap_err()
                .starts_with("填报内容无法读取，未生成情况说明的句子：")
        );
    }

    #[test]
    fn import_findings_name_each_stated_figure_that_differs_or_refuse() {
        let sample: Inputs = serde_json::from_str(SAMPLE).unwrap();
        let file = budget_core::file::export(&sample, "2026-12-07T08:00:00Z").unwrap();
        let answer = |text: &str| -> serde_json::Value {
            serde_json::from_str(&import_findings(text, None).unwrap()).unwrap()
        };
        // As exported: nothing differs. Bare inputs state nothing.
        assert_eq!(answer(&file), serde_json::json!({ "findings": [] }));
        assert_eq!(answer(SAMPLE), serde_json::json!({ "findings": [] }));
        // One figure of its tables changed: named, as the core names it.
        let at = file.find("\"derived\"").unwrap();
        let changed = format!(
            "{}{}",
            &file[..at],
            file[at..].replacen("11906397.06", "11906397.07", 1)
        );
        let found = answer(&changed);
        let lines = found["findings"].as_array().unwrap();
        assert!(!lines.is_empty());
        let core = budget_core::file::imported_findings_in(
            changed.as_bytes(),
            budget_core::catalog::Choice::Builtin,
        )
        .unwrap();
        assert_eq!(lines.len(), core.len());
        assert!(
            lines
                .iter()
                .all(|l| l.as_str().unwrap().starts_with("[IMP-001] "))
        );
        assert!(
            lines
                .iter()
                .any(|l| l.as_str().unwrap().contains("“11906397.07”")),
            "{found}"
        );
        // Not a file: refused with the reader's words.
        let refused = answer("{\"format\": \"budget-form\"");
        assert!(
            !refused["refused"].as_array().unwrap().is_empty(),
            "{refused}"
        );
    }

    #[test]
    fn export_of_the_sample_is_a_zip() {
        let bytes = export(SAMPLE).unwrap();
        assert_eq!(&bytes[..2], b"PK");
        assert!(bytes.len() > 5_000, "{} bytes", bytes.len());
    }

    #[test]
    fn export_in_wan_differs_and_an_unknown_unit_is_refused() {
        let wan = export_in(SAMPLE, "万元", None).unwrap();
        assert_eq!(&wan[..2], b"PK");
        assert_ne!(wan, export(SAMPLE).unwrap());
        assert!(
            export_in(SAMPLE, "千元", None)
                .unwrap_err()
                .contains("千元")
        );
    }

    /// Every cell text of a workbook.
    fn cell_texts(bytes: Vec<u8>) -> Vec<String> {
        use calamine::Reader;
        let mut wb: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        wb.worksheets()
            .into_iter()
            .flat_map(|(_, range)| {
                range
                    .cells()
                    .map(|(_, _, c)| c.to_string())
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    #[test]
    fn export_names_codes_from_the_bureau_catalog_sent() {
        let sample: Inputs = serde_json::from_str(SAMPLE).unwrap();
        assert!(sample.rows.iter().any(|r| r.code == "2010301"));
        let builtin = cell_texts(export(SAMPLE).unwrap());
        assert!(builtin.iter().any(|t| t == "行政运行"));
        assert!(!builtin.iter().any(|t| t.contains("局定行政运行")));
        // The built-in catalog's codes with 2010301 renamed.
        let cats = InForce::builtin(sample.unit.fiscal_year);
        let rows: Vec<(String, String)> = [cats.function(), cats.economic()]
            .into_iter()
            .flat_map(|c| c.entries())
            .map(|e| {
                let name = if e.code == "2010301" {
                    "局定行政运行"
                } else {
                    e.name
                };
                (e.code.to_string(), name.to_string())
            })
            .collect();
        let sent = serde_json::json!({ "name": "局.csv", "rows": rows }).to_string();
        let bureau = cell_texts(export_in(SAMPLE, "元", Some(&sent)).unwrap());
        assert!(bureau.iter().any(|t| t == "局定行政运行"));
        assert!(!bureau.iter().any(|t| t == "行政运行"));
    }

    /// Exports with the same catalog read it once (a read catalog lives as
    /// long as the worker); another catalog is read anew.
    #[test]
    fn the_same_catalog_sent_twice_is_read_once() {
        let sent = |name: &str| {
            let rows = [
                ["201", "一般公共服务支出"],
                ["20103", "政府办公厅（室）及相关机构事务"],
                ["2010301", "行政运行"],
            ];
            serde_json::json!({ "name": name, "rows": rows }).to_string()
        };
        let a = bureau_of(&sent("局.csv")).unwrap();
        let again = bureau_of(&sent("局.csv")).unwrap();
        assert!(std::ptr::eq(a, again));
        let other = bureau_of(&sent("另一个局.csv")).unwrap();
        assert!(!std::ptr::eq(a, other));
        assert_eq!(other.name(), "另一个局.csv");
        // Both stay read (从上年文件新建 sends one per year).
        assert!(std::ptr::eq(a, bureau_of(&sent("局.csv")).unwrap()));
    }

    #[test]
    fn a_catalog_that_does_not_read_is_a_chinese_message() {
        let e = export_in(SAMPLE, "元", Some("{\"name\": 1}")).unwrap_err();
        assert!(e.starts_with("科目表无法读取"), "{e}");
    }

    #[test]
    fn export_of_broken_json_is_a_chinese_message() {
        let e = export("{\"unit\": 3").unwrap_err();
        assert!(e.starts_with("填报内容无法读取"), "{e}");
    }

    #[test]
    fn exported_workbook_imports_back_as_table2_rows() {
        let bytes = export(SAMPLE).unwrap();
        let json = import(&bytes, "xlsx").unwrap();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert!(v["shape_label"].as_str().unwrap().starts_with("表"), "{v}");
        let rows = v["budget_rows"].as_array().unwrap();
        let econ = v["economic_rows"].as_array().unwrap();
        assert!(!rows.is_empty() || !econ.is_empty(), "{v}");
    }

    #[test]
    fn csv_with_a_bad_figure_lists_its_row() {
        let csv = "科目编码,科目名称,上年预算数,小计,基本支出,项目支出\n\
                   2010301,行政运行,100.00,200.00,200.00,\n\
                   2010350,事业运行,abc,50.00,,50.00\n";
        let json = import(csv.as_bytes(), "csv").unwrap();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["shape"], "general_budget");
        assert_eq!(v["problems"][0]["row"], 3, "{v}");
        assert!(!v["budget_rows"].as_array().unwrap().is_empty());
    }

    #[test]
    fn unknown_kind_is_refused() {
        assert_eq!(
            import(b"x", "pdf").unwrap_err(),
            "只能导入 .xlsx 或 .csv 文件。"
        );
    }
}
