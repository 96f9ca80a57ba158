//! Each subcommand's arguments (see [`super::Lazy`]: clap is told of them only when that
//! subcommand runs).

use std::path::PathBuf;

use clap::Args;

use super::{
    AgenciesAction, AgencyStateArg, ExportFormat, LetterArgs, MatrixBy, MatrixFormat, ReportFormat,
    SheetFormat, TableFormat,
};

#[derive(Debug, Args)]
pub struct OverdueArgs {
    /// Only this agency's duties (name, short form or fragment; group duties included)
    #[arg(long, value_name = "NAME")]
    pub agency: Option<String>,
    /// Also list tasks due within this many days
    #[arg(long, value_name = "DAYS")]
    pub within: Option<u32>,
    /// Group by agency: each agency's unfinished parts (groups expanded)
    #[arg(long)]
    pub by_agency: bool,
    #[arg(long, value_enum, default_value = "table")]
    pub format: SheetFormat,
    /// Write the workbook to this file (with --format xlsx)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Item id, e.g. III.1.2.3.c1.t2 (any case)
    pub id: String,
}

#[derive(Debug, Args)]
pub struct TaskIds {
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
}

#[derive(Debug, Args)]
pub struct NoteArgs {
    pub id: String,
    /// The note; `-` reads it from standard input
    pub text: String,
    /// Number/symbol of the document that proves it, e.g. 45/KH-SNV
    #[arg(long, value_name = "REF")]
    pub doc: Option<String>,
    /// Date of that document (YYYY-MM-DD or dd/mm/yyyy)
    #[arg(long, value_name = "DATE")]
    pub doc_date: Option<String>,
}

#[derive(Debug, Args)]
pub struct DeadlineArgs {
    pub id: String,
    pub date: String,
}

#[derive(Debug, Args)]
pub struct AgenciesArgs {
    #[command(subcommand)]
    pub action: Option<AgenciesAction>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableFormat,
}

#[derive(Debug, Args)]
pub struct AgencyDoneArgs {
    /// Item id, e.g. IV.1.a.t1
    pub id: String,
    /// The agency (name, short form or fragment)
    pub agency: String,
    #[arg(long, value_enum, default_value = "done")]
    pub state: AgencyStateArg,
    /// Number/symbol of the document that proves it, e.g. 45/KH-UBND
    #[arg(long, value_name = "REF")]
    pub doc: Option<String>,
    /// Date of that document (YYYY-MM-DD or dd/mm/yyyy)
    #[arg(long, value_name = "DATE")]
    pub doc_date: Option<String>,
    /// A remark kept with it
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct ChecklistArgs {
    #[arg(long, value_enum, default_value = "table")]
    pub format: SheetFormat,
    /// Write the workbook to this file (with --format xlsx)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct MatrixArgs {
    #[arg(long, value_enum, default_value = "index")]
    pub by: MatrixBy,
    #[arg(long, value_enum, default_value = "table")]
    pub format: MatrixFormat,
    /// Write the workbook to this file (with --format xlsx)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The agency the report is for
    #[arg(long, value_name = "NAME", required_unless_present = "missing")]
    pub agency: Option<String>,
    /// Every agency's unfinished parts, grouped by deadline, for reminder letters
    #[arg(long, conflicts_with = "agency")]
    pub missing: bool,
    #[arg(long, value_enum, default_value = "md")]
    pub format: ReportFormat,
    /// Write the document to this file (with --format docx)
    #[arg(long, value_name = "FILE", conflicts_with = "per_agency")]
    pub out: Option<PathBuf>,
    /// With --missing --format docx: one letter per late agency, into this folder
    #[arg(long, value_name = "DIR")]
    pub per_agency: Option<PathBuf>,
    #[command(flatten)]
    pub letter: LetterArgs,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    #[arg(required = true)]
    pub query: Vec<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableFormat,
    /// At most this many results
    #[arg(long, default_value_t = 30)]
    pub limit: usize,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Write to this file (atomically) instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub letter: LetterArgs,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// Only changes to this item
    #[arg(long, value_name = "ID")]
    pub item: Option<String>,
}

#[derive(Debug, Args)]
pub struct ChangesArgs {
    /// The first day to include (YYYY-MM-DD or dd/mm/yyyy), in the plan's time zone
    #[arg(long, value_name = "DATE")]
    pub since: String,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableFormat,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    pub file: PathBuf,
    /// Replace FILE if it exists (a database there is written through SQLite, safely
    /// even while someone has it open)
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    pub file: PathBuf,
    /// Import a transcribed text even when its review lists lines or names to look at
    #[arg(long)]
    pub accept: bool,
}
