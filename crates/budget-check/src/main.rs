//! `budget-check`: the command-line validator of budget-form submission files.
//!
//! Thin: parse the arguments, run one command, exit with its code. The work is
//! in the modules; the domain is all in `budget-core`.

mod check;
mod cli;
mod consolidate;
mod csv;
mod load;
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
            summary,
            csv,
            html,
        } => {
            let summary = summary::Format::of(summary, csv, html);
            check::run(&files, json, strict, summary, &mut out)
        }
        cli::Command::Tables {
            file,
            table,
            csv,
            unit,
        } => text::tables(&file, table.as_deref(), csv, unit == "万元", &mut out),
        cli::Command::Narrative { file } => text::narrative(&file, &mut out),
        cli::Command::Export { file, xlsx } => xlsx::export(&file, &xlsx, &mut out),
        cli::Command::ImportSheet {
            sheet,
            sheet_name,
            json,
        } => xlsx::import_sheet(&sheet, sheet_name.as_deref(), json, &mut out),
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
