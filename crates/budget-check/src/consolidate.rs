//! `budget-check consolidate`: the units' files summed into the department's
//! file (部门汇总), which keeps its units. The sum and every refusal are the
//! core's (`budget_core::consolidate`).

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use budget_core::Inputs;
use budget_core::amount::format_yuan;
use budget_core::consolidate::{Department, consolidate};
use budget_core::file::{Opened, export_department};
use rayon::prelude::*;

use crate::cli::{EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE};
use crate::load::load;
use crate::text::escape;

/// The command's help after its options.
pub const HELP: &str = "\
预算行按 功能科目·收入来源·支出类型 相加，经济分类按科目相加，三公经费、政府采购（按类别与资金来源）、\n\
机关运行经费与车辆数相加；项目绩效目标表按单位顺序保留。机构设置中按单位类型的单位数由各单位计算。\n\
部门自己的文字在部门一级填写一次：用 --texts 取自已有的部门文件，否则留空。\n\
各单位的预算年度须相同，同一单位（编码或名称相同）不能出现两次，有错误的单位须先改正。\n\n\
退出码：0 = 已写入；1 = 不能汇总（原因列出）；2 = 文件无法读取或写入。";

/// What `consolidate` is asked to do.
pub struct Args<'a> {
    /// The units' files, in the order they are summed.
    pub units: &'a [PathBuf],
    /// 部门编码
    pub code: &'a str,
    /// 部门名称
    pub name: &'a str,
    /// A department form whose own texts (duties, reasons, contact, …) are kept.
    pub texts: Option<&'a Path>,
    /// The department file to write.
    pub output: &'a Path,
}

fn shown(p: &Path) -> String {
    escape(&p.display().to_string()).into_owned()
}

/// Read the units, sum them, write the department file. Exit 0 written,
/// 1 refused (the units cannot be summed, or the sum has errors), 2 a file
/// cannot be read or written.
pub fn run(args: &Args, out: &mut dyn Write) -> io::Result<u8> {
    let loaded: Vec<_> = args.units.par_iter().map(|p| (p, load(p))).collect();
    let mut units: Vec<Inputs> = Vec::with_capacity(loaded.len());
    let mut unreadable = false;
    for (path, result) in loaded {
        match result {
            Ok(opened) => units.push(opened.inputs().clone()),
            Err(e) => {
                eprintln!("{}: {}", shown(path), escape(&e.message()));
                unreadable = true;
            }
        }
    }
    if unreadable {
        eprintln!("有单位文件无法读取，未汇总");
        return Ok(EXIT_UNREADABLE);
    }
    let mut department = match args.texts {
        None => Department::default(),
        Some(path) => match load(path) {
            Ok(Opened::Submission(i)) => Department::of(&i.inputs, &i.units),
            Ok(opened) => Department::of(opened.inputs(), &[]),
            Err(e) => {
                eprintln!("{}: {}", shown(path), escape(&e.message()));
                return Ok(EXIT_UNREADABLE);
            }
        },
    };
    department.code = args.code.trim().to_string();
    department.name = args.name.trim().to_string();
    let form = match consolidate(&department, &units) {
        Ok(form) => form,
        Err(e) => {
            eprintln!("不能汇总：{}", escape(&e.to_string()));
            return Ok(EXIT_FINDINGS);
        }
    };
    let text = match export_department(&form, &units, &now_rfc3339()) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("部门汇总的报表有错误，未写入：{}", escape(&e.to_string()));
            return Ok(EXIT_FINDINGS);
        }
    };
    if let Err(e) = std::fs::write(args.output, text) {
        eprintln!("{}: 无法写入：{e}", shown(args.output));
        return Ok(EXIT_UNREADABLE);
    }
    let totals = budget_core::Totals::compute(&form);
    writeln!(
        out,
        "已写入 {}：{}（{}）{} 年，{} 个单位，支出合计 {} 元，三公经费合计 {} 元",
        shown(args.output),
        escape(&form.unit.name),
        escape(&form.unit.code),
        form.unit.fiscal_year,
        units.len(),
        format_yuan(totals.total),
        format_yuan(totals.sangong)
    )?;
    Ok(EXIT_OK)
}

/// Now, as RFC 3339 UTC (`2026-12-07T08:00:00Z`): the file's `exported_at`.
fn now_rfc3339() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard
/// Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::civil_from_days;

    #[test]
    fn days_since_the_epoch_are_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(20_794), (2026, 12, 7));
    }
}
