//! `budget-check`: the command-line validator of budget-form submission files.
//!
//! Thin: parse the arguments, run one command, exit with its code. The work is
//! in the modules; the domain is all in `budget-core`.

mod audit;
mod catalog_file;
mod check;
mod cli;
mod consolidate;
mod csv;
mod load;
mod next_year;
mod summary;
mod text;
mod xlsx;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = match args.command {
        cli::Command::Check {
            files,
            json,
            strict,
            catalog,
            summary,
            csv,
            html,
        } => match catalog_file::choice(catalog.as_deref()) {
            Ok(choice) => {
                let summary = summary::Format::of(summary, csv, html);
                check::run(&files, json, strict, choice, summary, &mut out)
            }
            Err(code) => Ok(code),
        },
        cli::Command::Tables {
            file,
            table,
            csv,
            unit,
            catalog,
        } => match catalog_file::choice(catalog.as_deref()) {
            Ok(c) => text::tables(&file, table.as_deref(), csv, unit == "万元", c, &mut out),
            Err(code) => Ok(code),
        },
        cli::Command::Narrative { file, catalog } => match catalog_file::choice(catalog.as_deref())
        {
            Ok(choice) => text::narrative(&file, choice, &mut out),
            Err(code) => Ok(code),
        },
        cli::Command::Export { file, xlsx, unit } => {
            xlsx::export(&file, &xlsx, unit == "万元", &mut out)
        }
        cli::Command::ImportSheet {
            sheet,
            sheet_name,
            json,
        } => xlsx::import_sheet(&sheet, sheet_name.as_deref(), json, &mut out),
        cli::Command::NextYear {
            file,
            year,
            output,
            catalog,
        } => match catalog_file::choice(catalog.as_deref()) {
            Ok(c) => next_year::run(&file, year, output.as_deref(), c, &mut out),
            Err(code) => Ok(code),
        },
        cli::Command::Audit { files, json } => audit::run(&files, json, &mut out),
        cli::Command::Consolidate {
            units,
            code,
            name,
            texts,
            output,
        } => consolidate::run(
            &consolidate::Args {
                units: &units,
                code: &code,
                name: &name,
                texts: texts.as_deref(),
                output: &output,
            },
            &mut out,
        ),
        cli::Command::Templates { json } => templates(json, &mut out),
        cli::Command::Schema => out
            .write_all(budget_core::file::json_schema_text().as_bytes())
            .map(|()| cli::EXIT_OK),
    };
    match result.and_then(|code| out.flush().map(|()| code)) {
        Ok(code) => ExitCode::from(code),
        // A closed pipe (`| head`) is not a failure of the check.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(cli::EXIT_OK),
        Err(e) => {
            eprintln!("budget-check: 输出失败：{e}");
            ExitCode::from(cli::EXIT_UNREADABLE)
        }
    }
}

/// `templates`: each known template, its tables and where its layout is from.
fn templates(json: bool, out: &mut impl Write) -> io::Result<u8> {
    use budget_core::template;
    if json {
        let all = serde_json::to_string_pretty(template::all()).map_err(io::Error::other)?;
        writeln!(out, "{all}")?;
        return Ok(cli::EXIT_OK);
    }
    for t in template::all() {
        let default = if t.id == template::DEFAULT_ID {
            "（没有 template 字段的文件按此模板读取）"
        } else {
            ""
        };
        writeln!(out, "{}  {}{default}", t.id, t.name)?;
        writeln!(
            out,
            "  地区：{}  预算年度：{}  科目：{}年",
            t.region, t.fiscal_year, t.catalog_year
        )?;
        writeln!(out, "  版式来源：{}", t.source)?;
        for (n, spec) in t.tables.iter().enumerate() {
            let unit = match spec.unit {
                template::TableUnit::Yuan => "元",
                template::TableUnit::Wan => "万元",
            };
            let title = spec
                .title
                .replace("{name}", "〔单位名称〕")
                .replace("{year}", "〔年度〕")
                .replace("{org}", "〔部门/单位〕");
            writeln!(out, "  表{}  {title}（{unit}）", n + 1)?;
        }
        writeln!(out)?;
    }
    Ok(cli::EXIT_OK)
}
