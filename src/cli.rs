//! The command line: global options and subcommands (clap derive).

use std::path::PathBuf;

use clap::{ArgMatches, Args, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::i18n::Lang;

/// Track Lạng Sơn's 2023 plan to raise PAR INDEX, SIPAS and PAPI: mark tasks done, keep
/// evidence, see what is overdue. With no command, opens the interactive view.
#[derive(Debug, Parser)]
#[command(name = "kehoach", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// Parse the command line. An environment variable set but empty (`KEHOACH_DB=` in a
    /// script or a cron line) counts as unset rather than as a missing value.
    pub fn from_env() -> Cli {
        for var in ["KEHOACH_DB", "KEHOACH_TODAY", "KEHOACH_LANG"] {
            if std::env::var_os(var).is_some_and(|v| v.is_empty()) {
                // SAFETY: called first thing in main, before any other thread exists.
                unsafe { std::env::remove_var(var) };
            }
        }
        // Clap's description of the command line is taken apart before the command runs:
        // left to the end of the process instead (140,000 fewer instructions), its 120 kB
        // could not be reused by the plan, which then touched 36 more fresh pages, a net
        // loss (benches/BENCHMARKS.md, fourth round).
        Cli::parse()
    }
}

#[derive(Debug, Args, Clone)]
pub struct Global {
    /// Database file [default: $KEHOACH_DB, else ~/.local/share/kehoach/kehoach.db]
    #[arg(long, global = true, env = "KEHOACH_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Review "as of" this date (YYYY-MM-DD) instead of today
    #[arg(long, global = true, env = "KEHOACH_TODAY", value_name = "DATE")]
    pub today: Option<String>,
    /// Name recorded with your changes [default: $USER]
    #[arg(long, global = true, value_name = "NAME")]
    pub user: Option<String>,
    /// Language of the output
    #[arg(
        long,
        global = true,
        value_enum,
        env = "KEHOACH_LANG",
        default_value = "vi"
    )]
    pub lang: Lang,
    /// Which stored plan to use [default: the newest imported]
    #[arg(long, global = true, value_name = "ID")]
    pub plan: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum TableFormat {
    #[default]
    Table,
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Md,
    Csv,
    /// A Word document (needs --out): the report, or with --missing the reminder letter
    Docx,
}

/// A list as a terminal table, CSV, JSON, or an Excel workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum SheetFormat {
    #[default]
    Table,
    Csv,
    Json,
    /// An Excel workbook (needs --out)
    Xlsx,
}

impl SheetFormat {
    /// The text format; an `xlsx` request never reaches the text writers.
    pub fn text(self) -> TableFormat {
        match self {
            SheetFormat::Table | SheetFormat::Xlsx => TableFormat::Table,
            SheetFormat::Csv => TableFormat::Csv,
            SheetFormat::Json => TableFormat::Json,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum MatrixFormat {
    #[default]
    Table,
    /// One row per agency and column: done, total, overdue
    Csv,
    /// An Excel workbook with both views, by index and by section (needs --out)
    Xlsx,
}

/// The matrix's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum MatrixBy {
    /// PAR INDEX, SIPAS, PAPI and the rest (theo chỉ số)
    #[default]
    Index,
    /// Each numbered section (theo mục)
    Section,
}

// What a Word document says about itself. Anything not given is left as a visible
// placeholder (Số: …/…, ngày … tháng … năm …) to fill in by hand. (Not a doc comment: clap
// would take it for the description of `report` and `export`, whose arguments it is added to
// after their own description, see `Lazy`.)
#[derive(Debug, Args, Clone, Default)]
pub struct LetterArgs {
    /// Document number and symbol, e.g. 215/SNV-CCHC (số, ký hiệu văn bản)
    #[arg(long, value_name = "REF")]
    pub number: Option<String>,
    /// The issuing body (cơ quan ban hành) [default: Sở Nội vụ]
    #[arg(long, value_name = "NAME")]
    pub issuer: Option<String>,
    /// The body above it (cơ quan chủ quản) [default: the plan's issuer, UBND tỉnh Lạng Sơn]
    #[arg(long, value_name = "NAME")]
    pub superior: Option<String>,
    /// Place written before the date (địa danh), e.g. "Lạng Sơn"
    #[arg(long, value_name = "PLACE")]
    pub place: Option<String>,
    /// Date of the document (ngày ban hành), YYYY-MM-DD or dd/mm/yyyy
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Name of the person who signs (người ký)
    #[arg(long, value_name = "NAME")]
    pub signer: Option<String>,
    /// The signer's title (chức vụ người ký) [default: GIÁM ĐỐC]
    #[arg(long, value_name = "TITLE")]
    pub signer_title: Option<String>,
    /// Signing on behalf of the head (thẩm quyền ký), e.g. "KT. GIÁM ĐỐC"
    #[arg(long, value_name = "TEXT")]
    pub on_behalf: Option<String>,
    /// Reply by this date, in a reminder letter (hạn báo cáo)
    #[arg(long, value_name = "DATE")]
    pub reply_by: Option<String>,
    /// Another line under "Nơi nhận" (repeatable), e.g. "Thanh tra tỉnh"
    #[arg(long = "cc", value_name = "NAME")]
    pub cc: Vec<String>,
}

/// An agency's part of an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AgencyStateArg {
    Done,
    Reported,
    NotApplicable,
    /// Forget what was recorded.
    NotStarted,
}

#[derive(Debug, Subcommand)]
pub enum AgenciesAction {
    /// Add an agency to a group (a new commune, a merged department)
    AddMember {
        /// The group, e.g. ubnd-xa or "UBND cấp xã"
        group: String,
        /// An agency in the registry, or with --new the name of a new one
        agency: String,
        /// Create the agency first (it is not in the plan)
        #[arg(long)]
        new: bool,
    },
    /// Take an agency out of a group
    RemoveMember { group: String, agency: String },
    /// List a group's members
    Members { group: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
    Md,
    /// An Excel workbook: items, agencies, checklist (needs --out)
    Xlsx,
    /// A Word report: progress per index, part and agency, with evidence (needs --out)
    Docx,
}

/// A subcommand's arguments, described to clap only when that subcommand is the one run
/// (`Command::defer`). A command line names one subcommand; describing the other 21 cost a
/// tenth of a start (about 30 fresh pages and 0.3 M instructions, `benches/BENCHMARKS.md`).
/// Only the subcommands' names and one-line descriptions are built for every start, which is
/// all `kehoach --help` lists.
#[derive(Debug)]
pub struct Lazy<T>(pub T);

impl<T> std::ops::Deref for Lazy<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Args> Args for Lazy<T> {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        cmd.defer(T::augment_args)
    }
    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        cmd.defer(T::augment_args_for_update)
    }
    fn group_id() -> Option<clap::Id> {
        T::group_id()
    }
}

impl<T: FromArgMatches> FromArgMatches for Lazy<T> {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches(m).map(Lazy)
    }
    fn from_arg_matches_mut(m: &mut ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches_mut(m).map(Lazy)
    }
    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(m)
    }
    fn update_from_arg_matches_mut(&mut self, m: &mut ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches_mut(m)
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Deadlines with countdowns, progress per part and index, overdue count, database path
    Status,
    /// Unfinished tasks past their deadline (or due within DAYS)
    Overdue(Lazy<OverdueArgs>),
    /// One item: text, agencies by role, deadline, status, targets, notes
    Show(Lazy<ShowArgs>),
    /// Mark tasks done
    Done(Lazy<TaskIds>),
    /// Mark tasks not done again
    Reopen(Lazy<TaskIds>),
    /// Add an evidence note to an item
    Note(Lazy<NoteArgs>),
    /// Set an item's own deadline (YYYY-MM-DD or dd/mm/yyyy); `clear` reverts to the plan's
    Deadline(Lazy<DeadlineArgs>),
    /// Every agency with lead / implementing counts, done / total and overdue
    Agencies(Lazy<AgenciesArgs>),
    /// Record an agency's own part of an item (its plan issued, its report sent)
    AgencyDone(Lazy<AgencyDoneArgs>),
    /// The 30/06 checklist: has each agency issued its own plan, on time?
    Checklist(Lazy<ChecklistArgs>),
    /// Each agency's done/total parts per index or section (the view of `m`)
    Matrix(Lazy<MatrixArgs>),
    /// One agency's duties, status and evidence, or (--missing) who has not done their part
    Report(Lazy<ReportArgs>),
    /// Items whose id, title, text, agencies or notes match, ignoring case and diacritics
    Search(Lazy<SearchArgs>),
    /// Write the plan with its status and notes as JSON, CSV, a Markdown report, an Excel
    /// workbook or a Word report
    Export(Lazy<ExportArgs>),
    /// The audit log, newest first
    History(Lazy<HistoryArgs>),
    /// What changed since a day (the last meeting): done, reopened, notes, deadlines, agency
    /// parts, by whom, grouped by item in the plan's order
    Changes(Lazy<ChangesArgs>),
    /// Copy the database consistently (safe while others use it)
    Backup(Lazy<BackupArgs>),
    /// Replace the database's content with a backup FILE (safe while others have it open;
    /// the replaced content is kept beside the database)
    Restore(Lazy<RestoreArgs>),
    /// Load a plan file (validated, all or nothing) into the database; a plan's text (.txt,
    /// .docx) is transcribed first and its review shown
    Import(Lazy<ImportArgs>),
    /// List the plans stored in the database
    Plans,
    /// Read a plan's text (as extracted from the PDF) into a plan file, with a review
    Transcribe(Lazy<crate::commands::transcribe::TranscribeArgs>),
    /// Check the database: integrity, schema version, journal, size, permissions, last
    /// backup, and whether another process is using it (changes nothing)
    Doctor,
}

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
