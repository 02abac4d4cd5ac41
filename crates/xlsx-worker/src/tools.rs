//! The file tools a clerk uses rarely, run here rather than in the page
//! (BENCHMARKS.md's size budget): 部门汇总 (`department_unit`,
//! `department`), 从上年文件新建 (`next_year`) and 载入财政局科目表
//! (`bureau`). Each answers JSON ready to display — figures formatted,
//! messages in Chinese — so the page only lists them; the work is the core's.

use budget_core::amount::format_yuan;
use budget_core::catalog::{Bureau, BureauError, Choice};
use budget_core::consolidate::{Department, consolidate};
use budget_core::file::{self, ExportError, ImportError};
use budget_core::next_year::next_year_in;
use budget_core::{Inputs, Totals};
use serde::{Deserialize, Serialize};

/// One unit of 部门汇总, as the page lists it.
#[derive(Serialize)]
struct UnitRow {
    /// 单位编码 and 单位名称 as in the file (the page asks before a unit
    /// with the same code or name replaces an earlier one).
    code: String,
    name: String,
    /// 单位, 编码, 类型, 年度, 支出合计, 三公合计, 错误, 提示, 来源.
    cells: Vec<String>,
    /// The unit's inputs as JSON, sent back with every sum.
    inputs: String,
}

/// A unit file for 部门汇总 (`source`: its file name), opened as
/// `file::open` opens it; or, with `counts` (errors, warnings: the page's
/// live checks), the form being edited as bare inputs JSON. An error is the
/// core's message (the page names the file before it).
pub fn department_unit(
    source: &str,
    text: &[u8],
    counts: Option<(usize, usize)>,
) -> Result<String, String> {
    let (inputs, errors, warnings) = match counts {
        Some((errors, warnings)) => {
            let text = std::str::from_utf8(text).map_err(|e| e.to_string())?;
            let inputs = file::read_inputs(text).map_err(|e| e.to_string())?;
            (inputs, errors, warnings)
        }
        None => {
            let opened = file::open(text).map_err(|e| e.to_string())?;
            let errors = opened.findings().iter().filter(|f| f.is_error()).count();
            let warnings = opened.findings().len() - errors;
            (opened.inputs().clone(), errors, warnings)
        }
    };
    let totals = Totals::compute(&inputs);
    let unit = &inputs.unit;
    let row = UnitRow {
        code: unit.code.clone(),
        name: unit.name.clone(),
        cells: vec![
            unit.name.clone(),
            unit.code.clone(),
            unit.unit_type.label().to_string(),
            unit.fiscal_year.to_string(),
            format_yuan(totals.total),
            format_yuan(totals.sangong),
            errors.to_string(),
            warnings.to_string(),
            source.to_string(),
        ],
        inputs: serde_json::to_string(&inputs).map_err(|e| e.to_string())?,
    };
    serde_json::to_string(&row).map_err(|e| format!("汇总结果无法传回页面：{e}"))
}

/// What the page sends for a sum.
#[derive(Deserialize)]
struct SumRequest {
    /// Each unit's inputs JSON (`UnitRow::inputs`), in the list's order.
    units: Vec<String>,
    /// 部门编码 and 部门名称 as typed.
    code: String,
    name: String,
    /// The form the department's own texts are taken from, when the clerk
    /// took them (its inputs JSON).
    #[serde(default)]
    texts: Option<String>,
    /// The export time, when the department file is asked for.
    #[serde(default)]
    now: Option<String>,
}

/// The department's line under the units, and its file when asked for.
#[derive(Serialize)]
struct Summed {
    /// `部门合计：…`, 编码, (类型), 年度, 支出合计, 三公合计; or the one
    /// message why the units cannot be summed.
    total: Vec<String>,
    /// The department file's name and text, or why it cannot be exported.
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<Result<(String, String), String>>,
}

fn read_units(texts: &[String]) -> Result<Vec<Inputs>, String> {
    texts
        .iter()
        .map(|t| file::read_inputs(t).map_err(|e| format!("单位的填报内容无法读取：{e}")))
        .collect()
}

/// 部门汇总 of the units sent (`SumRequest` as JSON): the department's totals
/// or why not, and the department file when `now` is sent.
pub fn department(request: &str) -> Result<String, String> {
    let req: SumRequest =
        serde_json::from_str(request).map_err(|e| format!("汇总请求无法读取：{e}"))?;
    let forms = read_units(&req.units)?;
    let mut department = match &req.texts {
        Some(t) => {
            let form = file::read_inputs(t).map_err(|e| format!("部门文字无法读取：{e}"))?;
            Department::of(&form, &[])
        }
        None => Department::default(),
    };
    department.code = req.code.trim().to_string();
    department.name = req.name.trim().to_string();
    let summed = consolidate(&department, &forms).map_err(|e| e.to_string());
    let total = match &summed {
        Ok(form) => {
            let t = Totals::compute(form);
            vec![
                format!("部门合计：{}", form.unit.name),
                form.unit.code.clone(),
                String::new(),
                form.unit.fiscal_year.to_string(),
                format_yuan(t.total),
                format_yuan(t.sangong),
            ]
        }
        Err(e) => vec![e.clone()],
    };
    let file = req.now.map(|now| {
        let form = summed?;
        let text = file::export_department(&form, &forms, &now).map_err(|e| match e {
            ExportError::Errors(found) => format!(
                "部门汇总的报表还有 {} 项错误，不能导出：{}",
                found.len(),
                found
                    .iter()
                    .map(|f| format!("[{}] {}", f.check, f.message))
                    .collect::<Vec<_>>()
                    .join("；")
            ),
            other => other.to_string(),
        })?;
        let name = format!(
            "{}-{}-department.json",
            form.unit.code, form.unit.fiscal_year
        );
        Ok((name, text))
    });
    serde_json::to_string(&Summed { total, file }).map_err(|e| format!("汇总结果无法传回页面：{e}"))
}

/// A bureau catalog kept in the browser for one year, as the page sends it.
#[derive(Deserialize)]
struct YearCatalog {
    year: i32,
    name: String,
    rows: Vec<(String, String)>,
}

/// The catalogs in force per year (`[{year, name, rows}]` JSON), each read
/// once per worker (`bureau_of`).
fn by_year(json: &str) -> Result<Vec<(i32, &'static Bureau)>, String> {
    let sent: Vec<YearCatalog> =
        serde_json::from_str(json).map_err(|e| format!("科目表无法读取：{e}"))?;
    sent.into_iter()
        .map(|c| {
            let one = serde_json::json!({ "name": c.name, "rows": c.rows }).to_string();
            let bureau = crate::bureau_of(&one)?;
            Ok((c.year, bureau))
        })
        .collect()
}

/// A code that could not be carried, as the page lists it.
#[derive(Serialize)]
struct Line {
    text: String,
    /// Its place in the new form (the page links it to its cell).
    path: Option<String>,
}

/// 从上年文件新建's answer: the new form, or why last year's file was refused.
#[derive(Serialize)]
#[serde(untagged)]
enum NextYearAnswer {
    Refused {
        /// Each problem of the file (with its place when it has one).
        problems: Vec<Line>,
    },
    Made {
        /// The new form's inputs JSON (`file::read_inputs` reads it).
        inputs: String,
        /// Last year's fiscal year and the new one.
        from: i32,
        year: i32,
        /// The codes that could not be carried, each with its amount.
        unmapped: Vec<Line>,
    },
}

/// Next year's form from last year's file (its bytes), against the bureau
/// catalogs the page keeps for some years (`catalogs`: `[{year, name,
/// rows}]` JSON), else the built-in ones.
pub fn next_year(bytes: &[u8], catalogs: Option<&str>) -> Result<String, String> {
    let list = match catalogs {
        Some(json) => by_year(json)?,
        None => Vec::new(),
    };
    let answer = match file::open_in(bytes, Choice::ByYear(&list)) {
        Err(e) => NextYearAnswer::Refused {
            problems: e
                .problems()
                .iter()
                .map(|p| Line {
                    text: p.to_string(),
                    path: None,
                })
                .collect(),
        },
        Ok(opened) => {
            let last = opened.inputs();
            let from = last.unit.fiscal_year;
            let year = (from + 1).min(9999);
            let next = next_year_in(last, year, Choice::ByYear(&list));
            NextYearAnswer::Made {
                inputs: serde_json::to_string(&next.inputs)
                    .map_err(|e| format!("新表无法传回页面：{e}"))?,
                from,
                year,
                unmapped: next
                    .unmapped
                    .iter()
                    .map(|u| Line {
                        text: u.to_string(),
                        path: Some(u.path.clone()),
                    })
                    .collect(),
            }
        }
    };
    serde_json::to_string(&answer).map_err(|e| format!("新表无法传回页面：{e}"))
}

/// 载入财政局科目表's answer: the catalog to keep, or each line refused.
#[derive(Serialize)]
#[serde(untagged)]
enum BureauAnswer {
    Refused {
        /// `第 3 行：…`, one per bad line.
        lines: Vec<String>,
    },
    Read {
        /// The file's name and its `[code, name]` rows, checked (the page
        /// keeps them and builds the catalog with `Bureau::from_checked`).
        name: String,
        rows: Vec<(String, String)>,
    },
}

/// A bureau's catalog file (`kind`: `xlsx`, or `csv` for any text) read and
/// checked: its rows, or every bad line; a file refused as a whole is the error.
pub fn bureau(name: &str, bytes: &[u8], kind: &str) -> Result<String, String> {
    let read = if kind == "xlsx" {
        budget_xlsx::catalog_rows(bytes, budget_xlsx::SheetKind::Xlsx)
            .map_err(|e| BureauError::Text(ImportError::NotASubmission(e.to_string())))
            .and_then(|rows| Bureau::from_rows(name, rows))
    } else {
        Bureau::from_csv(name, bytes)
    };
    let answer = match read {
        Ok(b) => BureauAnswer::Read {
            name: b.name().to_string(),
            rows: [b.function(), b.economic()]
                .into_iter()
                .flatten()
                .flat_map(|c| c.entries())
                .map(|e| (e.code.to_string(), e.name.to_string()))
                .collect(),
        },
        Err(BureauError::Lines(errors)) => BureauAnswer::Refused {
            lines: errors.iter().map(|e| e.to_string()).collect(),
        },
        Err(e) => return Err(e.to_string()),
    };
    serde_json::to_string(&answer).map_err(|e| format!("科目表无法传回页面：{e}"))
}

#[cfg(test)]
#[path = "tools_tests.rs"]
mod tests;
