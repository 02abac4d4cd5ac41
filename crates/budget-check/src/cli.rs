//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Exit code: no error findings.
pub const EXIT_OK: u8 = 0;
/// Exit code: error findings (or, with `--strict`, unexplained warnings).
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: unreadable, or not a budget-form file.
pub const EXIT_UNREADABLE: u8 = 2;

const FILES_HELP: &str = "\
文件可以是预算填报文件（导出的 {\"format\": \"budget-form\", \"version\": 1, …}，
严格读取：任何格式问题都拒收，并重新计算报表与文件中的数字核对，不一致报 IMP-001），
也可以是单纯的输入数据 JSON（没有 format、有 unit 字段，如 fixtures/dadukou-2021.json）：
按草稿读取，没有可核对的报表，金额写法由审核规则判断。
草稿文件（填报程序“保存草稿文件”所存，带 \"draft\": true）按草稿读取并列出全部审核结果，
但总报 DRF-001 错误（退出码 1）：草稿不是提交文件。";

const CATALOG_HELP: &str = "财政局科目表（CSV 或 .xlsx，两列：科目编码、科目名称）：按它判断科目编码是否有效、取科目名称，代替内置目录中它所含的那一类（2 开头为功能分类，3 开头为经济分类）";

/// 部门预算填报文件的审核与打印工具。
#[derive(Debug, Parser)]
#[command(name = "budget-check", version)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// 审核一个或多个文件，列出错误与提示。
    #[command(after_help = format!("{FILES_HELP}\n\n\
退出码：0 = 没有错误；1 = 有错误（--strict 时，有未说明的提示也算；\n\
预算填报文件中有不符合格式的值时，逐项报 IMP-002 及其位置）；\n\
2 = 文件无法读取或不是预算填报文件。多个文件并行审核，最后每个文件一行小结\n\
（OK = 通过，FAIL = 有错误，BAD = 无法读取），总退出码取各文件的最大值。"))]
    Check {
        /// 要审核的文件。
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// 输出 JSON（供程序读取）而不是文字报告。
        #[arg(long)]
        json: bool,
        /// 有未说明的提示也视为不通过（退出码 1）。
        #[arg(long)]
        strict: bool,
        #[arg(long, value_name = "FILE", help = CATALOG_HELP)]
        catalog: Option<PathBuf>,
        /// 只输出汇总表：每个文件一行（单位、年度、模板、收入合计、支出合计、三公经费合计、错误、提示）及合计。
        #[arg(long, conflicts_with = "json")]
        summary: bool,
        /// 汇总表输出为 CSV（与 --summary 同用）。
        #[arg(long, requires = "summary")]
        csv: bool,
        /// 汇总表写成一个可直接打开、发送的 HTML 网页（可按列排序，含各文件的审核结果）。
        #[arg(long, value_name = "REPORT.html", conflicts_with_all = ["json", "csv"])]
        html: Option<PathBuf>,
    },
    /// 打印由输入计算出的报表（表1–表10 与项目绩效目标表）。
    #[command(after_help = format!("{FILES_HELP}\n\n\
终端输出按中文字宽对齐，金额右对齐并带千分位，零值留空（与公开报表一致）。\n\
--csv 输出 RFC 4180 CSV（CRLF 换行）：金额写成不带千分位的数字（如 11906397.06），\n\
零值留空；以 = + - @ 开头的文字前加单引号，防止电子表格把它当公式执行。"))]
    Tables {
        /// 预算填报文件或输入数据文件。
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// 只打印一张表：1–10，或项目表的编号如 project1。
        #[arg(long, value_name = "N")]
        table: Option<String>,
        /// 输出 CSV。
        #[arg(long)]
        csv: bool,
        /// 金额单位：元（默认）或 万元（四舍五入到 0.01 万元，并经舍位平衡：
        /// 每个合计等于其各组成部分之和，调整过的数字列在表下注中）。
        #[arg(long, value_name = "元|万元", default_value = "元", value_parser = ["元", "万元"])]
        unit: String,
        #[arg(long, value_name = "FILE", help = CATALOG_HELP)]
        catalog: Option<PathBuf>,
    },
    /// 打印由输入生成的部门预算情况说明。
    #[command(after_help = FILES_HELP)]
    Narrative {
        /// 预算填报文件或输入数据文件。
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[arg(long, value_name = "FILE", help = CATALOG_HELP)]
        catalog: Option<PathBuf>,
    },
    /// 把情况说明、表1–表10 与项目绩效目标表导出为一个 Excel 工作簿（每表一张工作表）。
    #[command(after_help = format!("{FILES_HELP}\n\n\
金额写成数字（格式 #,##0.00，零值留空，与公开报表一致；表10 为万元，格式 0.00），\n\
表头合并单元格与报表一致，冻结表头。所有文字都写成文本，不会被 Excel 当作公式执行。\n\
--unit 万元：各表以万元写出（四舍五入到 0.01 万元并经舍位平衡，格式 #,##0.00，\n\
单位行为“单位：万元”），调整过的数字带批注，表下注中列出。"))]
    Export {
        /// 预算填报文件或输入数据文件。
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// 输出的 .xlsx 文件。
        #[arg(long, value_name = "OUT", required = true)]
        xlsx: PathBuf,
        /// 金额单位：元（默认）或 万元（与 tables --unit 万元 相同的数字）。
        #[arg(long, value_name = "元|万元", default_value = "元", value_parser = ["元", "万元"])]
        unit: String,
    },
    /// 预览从其他系统导出的表2/表3/表7/表8 样式的 Excel 或 CSV 中可导入的明细行。
    #[command(after_help = "\
按表头文字识别列（科目编码、科目名称、合计/小计、基本支出、项目支出、上年预算数、\n\
一般公共预算拨款收入 等），表头可以有多行和合并单元格，前面可以有标题行和“单位：元”行。\n\
类、款与合计行不导入，但与其下明细核对，不一致列为问题。不修改任何文件。\n\
.xlsx 读第一张能识别表头的工作表；CSV 可为 UTF-8（可带 BOM）或 GBK，逗号或制表符分隔。\n\n\
退出码：0 = 全部读入；1 = 有问题（列出行号）；2 = 无法读取或缺少必需的列。")]
    ImportSheet {
        /// Excel（.xlsx）或 CSV 文件。
        #[arg(value_name = "SHEET")]
        sheet: PathBuf,
        /// 读取此名称的工作表（仅 .xlsx；默认为第一张能识别表头的工作表）。
        #[arg(long, value_name = "NAME")]
        sheet_name: Option<String>,
        /// 输出 JSON（供程序读取）。
        #[arg(long)]
        json: bool,
    },
    /// 由上年文件生成新年度的填报草稿：上年的本年数成为上年数，单位信息、绩效目标与项目表沿用，本年数留空。
    #[command(
        after_help = "科目按年度对照表（data/mapping/）转换；新年度目录中没有对应科目的，保留原编码并连同金额列出（退出码 1）。"
    )]
    NextYear {
        /// 上年的预算填报文件或输入数据文件。
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// 新的预算年度。
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(i32).range(0..=9999))]
        year: i32,
        /// 写出的文件（默认写到标准输出）。
        #[arg(short = 'o', long = "output", value_name = "OUT.json")]
        output: Option<PathBuf>,
        #[arg(long, value_name = "FILE", help = CATALOG_HELP)]
        catalog: Option<PathBuf>,
    },
    /// 核对已公开的部门预算文件（PDF 提取的文本、PDF 本身，或表格的 Excel 附件）：表内合计、表间关系、文字中的金额、空表说明。
    #[command(after_help = "\
按表名找到各表（重庆 表1–表10、上海 1–9 两种样式），读出带科目编码的行与金额，核对：\n\
合计/类/款与其组成部分之和、同行各列、表与表之间的关系、文字中的万元数与表中数字\n\
（写错、多一位数字、截尾而非四舍五入、由四舍五入后的数相减、只保留一位小数）、增减用词与百分比、比较年份、\n\
空表说明与占位文字。PDF 经 poppler 的 pdftotext -layout 读取（需要已安装）。\n\n\
退出码：0 = 没有错误；1 = 有错误；2 = 无法读取、PDF 无文字层或已加密、没有 pdftotext、或找不到任何表。\n\
多个文件并行核对，最后每个文件一行小结。")]
    Audit {
        /// 要核对的文件（.txt、.pdf 或 .xlsx）。
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// 输出 JSON（供程序读取）。
        #[arg(long)]
        json: bool,
    },
    /// 把各单位的填报文件汇总为部门的填报文件（部门汇总），部门文件保留各单位的数据。
    #[command(after_help = crate::consolidate::HELP)]
    Consolidate {
        /// 各单位的预算填报文件（或输入数据文件），按此顺序汇总。
        #[arg(required = true, value_name = "UNIT.json")]
        units: Vec<PathBuf>,
        /// 部门编码。
        #[arg(long, value_name = "CODE")]
        code: String,
        /// 部门名称。
        #[arg(long, value_name = "NAME")]
        name: String,
        /// 取此文件中部门自己填写的文字（职能职责、机构设置、变动原因、联系人、整体绩效目标、说明等）。
        #[arg(long, value_name = "DEPT.json")]
        texts: Option<PathBuf>,
        /// 写出的部门文件。
        #[arg(short = 'o', long = "output", value_name = "DEPT.json")]
        output: PathBuf,
    },
    /// 列出已知的填报模板（地区、年度、各表与情况说明的版式）。
    Templates {
        /// 输出 JSON（模板的全部数据）。
        #[arg(long)]
        json: bool,
    },
    /// 打印预算填报文件第 1 版的 JSON Schema。
    Schema,
}
