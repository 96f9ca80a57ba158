//! The command line: global options and subcommands (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

mod args;
mod lazy;
mod refusal;

pub use args::*;
pub use lazy::Lazy;

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
        match Cli::try_parse() {
            Ok(cli) => cli,
            Err(e) => {
                let args: Vec<String> = std::env::args().collect();
                let lang = refusal::language(&args);
                match refusal::failure(&e, &args, lang) {
                    Some(f) => {
                        f.print(lang);
                        std::process::exit(i32::from(f.code));
                    }
                    // Help and version on request, and what is not translated.
                    None => e.exit(),
                }
            }
        }
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
