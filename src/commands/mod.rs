//! One-shot subcommands. Each `run` writes to `out` and returns a [`Failure`] with an exit
//! code when it cannot do what was asked.

mod accountability;
mod agencies;
mod changes;
mod doctor;
mod export;
mod history;
mod maintenance;
mod matrix;
mod office;
mod overdue;
mod report;
mod search;
mod show;
mod status;
mod table;
pub mod transcribe;
mod user;
mod write;

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;

use crate::cli::{
    AgenciesArgs, AgencyDoneArgs, BackupArgs, ChangesArgs, ChecklistArgs, Command, DeadlineArgs,
    ExportArgs, ExportFormat, Global, HistoryArgs, ImportArgs, Lazy, MatrixArgs, MatrixFormat,
    NoteArgs, OverdueArgs, ReportArgs, ReportFormat, RestoreArgs, SearchArgs, SheetFormat,
    ShowArgs, TaskIds,
};
use crate::i18n::{Lang, Localized, S};
use crate::plan::{self, NodeIx, Plan, Status};
use crate::store::{Actor, Store, StoreError};
use crate::text::parse_date;

use user::user_name_of;
pub use user::{UserFrom, user_name, user_name_from};

/// Exit codes (see README "Exit codes").
pub mod exit {
    pub const OK: u8 = 0;
    pub const FAILED: u8 = 1;
    pub const BAD_INPUT: u8 = 2;
    pub const NOT_FOUND: u8 = 3;
    pub const DATABASE: u8 = 4;
    /// `transcribe`: lines that found no place or names not in the registry need a person.
    pub const REVIEW: u8 = 5;
}

/// A command that could not do what was asked: one clear sentence, maybe hints, an exit code.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
    pub hints: Vec<String>,
}

impl Failure {
    pub fn new(code: u8, message: impl Into<String>) -> Failure {
        Failure {
            code,
            message: message.into(),
            hints: Vec::new(),
        }
    }

    pub fn hint(mut self, h: impl Into<String>) -> Failure {
        self.hints.push(h.into());
        self
    }

    pub fn store(e: StoreError, lang: Lang) -> Failure {
        let code = match e {
            StoreError::UnknownPlan { .. } | StoreError::UnknownNote(_) => exit::NOT_FOUND,
            StoreError::NotYourNote { .. } => exit::BAD_INPUT,
            // The imported file is what to fix, not the database.
            StoreError::WouldDropItem { .. } => exit::BAD_INPUT,
            StoreError::Sqlite(_) => exit::FAILED,
            _ => exit::DATABASE,
        };
        Failure::new(code, e.say(lang))
    }

    /// Print to stderr as "lỗi: …" / "error: …" with hints below. Messages quote plan text,
    /// so a terminal sees it sanitised.
    pub fn print(&self, lang: Lang) {
        let mut err = crate::text::TerminalSafe::new(std::io::stderr().lock());
        let _ = writeln!(
            err,
            "kehoach: {}: {}",
            S::ErrorPrefix.get(lang),
            self.message
        );
        for h in &self.hints {
            let _ = writeln!(err, "  {}: {h}", S::HintPrefix.get(lang));
        }
    }
}

/// Everything a command needs: the open database, the chosen plan and its status.
pub struct Ctx {
    pub lang: Lang,
    pub today: NaiveDate,
    /// Who writes: looked up (`$USER`, or the system's user database) only when a command
    /// writes, not on every read.
    user: std::cell::OnceCell<String>,
    user_flag: Option<String>,
    pub store: Store,
    pub plan: Plan,
    pub status: Status,
}

/// The database path: --db, else $KEHOACH_DB (clap reads it), else the platform data folder.
pub fn db_path(g: &Global) -> PathBuf {
    if let Some(p) = &g.db {
        return p.clone();
    }
    directories::ProjectDirs::from("", "", "kehoach")
        .map(|d| d.data_dir().join("kehoach.db"))
        .unwrap_or_else(|| PathBuf::from("kehoach.db"))
}

/// The day --today names, if given (checked before anything is opened).
pub fn fixed_today(g: &Global) -> Result<Option<NaiveDate>, Failure> {
    g.today
        .as_ref()
        .map(|s| {
            parse_date(s).ok_or_else(|| {
                Failure::new(exit::BAD_INPUT, S::BadDate.fill(g.lang, &[&s]))
                    .hint("--today 2023-11-30")
            })
        })
        .transpose()
}

/// Today where the plan is, not where the server is: a server on UTC at 18:00 on 30/06 is
/// already at 01/07 in Lạng Sơn (+07:00).
pub fn today_in(plan: &Plan) -> NaiveDate {
    chrono::Utc::now()
        .with_timezone(&plan.utc_offset)
        .date_naive()
}

/// Open the database (creating it from the embedded plan on first use) and load the plan.
pub fn open_store(g: &Global) -> Result<Store, Failure> {
    let path = db_path(g);
    let open = || -> Result<Store, StoreError> {
        let mut store = Store::open(&path)?;
        store.ensure_seeded(plan::EMBEDDED_PLAN, || Actor::new(crate::store::BUILT_IN))?;
        Ok(store)
    };
    // Opening, upgrading and seeding change nothing twice, so they may be tried again. SQLite
    // answers "busy" at once, without waiting, in a few moments of several processes
    // creating one database together (a lock it cannot wait for without a deadlock); a
    // refusal that came after the full busy timeout is not tried again.
    let mut tries = 0;
    loop {
        let start = std::time::Instant::now();
        match open() {
            Err(StoreError::Locked) if tries < 3 && start.elapsed() < Duration::from_secs(1) => {
                tries += 1;
                std::thread::sleep(Duration::from_millis(50 * tries));
            }
            other => return other.map_err(|e| Failure::store(e.at(&path), g.lang)),
        }
    }
}

impl Ctx {
    pub fn open(g: &Global) -> Result<Ctx, Failure> {
        let fixed = fixed_today(g)?;
        let store = open_store(g)?;
        let plan = store
            .load_plan(g.plan.as_deref())
            .map_err(|e| Failure::store(e, g.lang))?;
        let today = fixed.unwrap_or_else(|| today_in(&plan));
        // No command prints how many notes an item has (`show` lists them).
        let items = store
            .item_states_uncounted(&plan)
            .map_err(|e| Failure::store(e, g.lang))?;
        let status = Status::new(&plan, items);
        Ok(Ctx {
            lang: g.lang,
            today,
            user: std::cell::OnceCell::new(),
            user_flag: g.user.clone(),
            store,
            plan,
            status,
        })
    }

    /// Reload item states after a write.
    pub fn refresh(&mut self) -> Result<(), Failure> {
        let items = self
            .store
            .item_states_uncounted(&self.plan)
            .map_err(|e| Failure::store(e, self.lang))?;
        self.status = Status::new(&self.plan, items);
        Ok(())
    }

    /// The node a user means by `id`, or an error naming the closest ids.
    pub fn item(&self, id: &str) -> Result<NodeIx, Failure> {
        let id = crate::text::clean_input(id);
        self.plan.find(&id).ok_or_else(|| {
            let near = self.plan.suggest(&id);
            let f = Failure::new(exit::NOT_FOUND, S::UnknownItem.fill(self.lang, &[&id]));
            if near.is_empty() {
                f.hint("kehoach search …")
            } else {
                f.hint(S::DidYouMean.fill(self.lang, &[&near.join(", ")]))
            }
        })
    }

    pub fn actor(&self) -> Actor {
        Actor::new(
            self.user
                .get_or_init(|| user_name_of(self.user_flag.as_deref()).0),
        )
    }

    pub fn fail(&self, e: StoreError) -> Failure {
        Failure::store(e.at(self.store.path()), self.lang)
    }
}

/// The furthest `overdue --within` looks ahead: a hundred years.
pub const MAX_WITHIN_DAYS: u32 = 36_500;

/// Run one subcommand.
pub fn run(g: &Global, cmd: &Command, out: &mut dyn Write) -> Result<(), Failure> {
    match cmd {
        Command::Backup(Lazy(BackupArgs { file, force })) => {
            return maintenance::backup(g, file, *force, out);
        }
        Command::Restore(Lazy(RestoreArgs { file })) => return maintenance::restore(g, file, out),
        Command::Import(Lazy(ImportArgs { file, accept })) if transcribe::is_plan_text(file) => {
            return transcribe::import(g, file, *accept, out);
        }
        Command::Import(Lazy(ImportArgs { file, .. })) => return maintenance::import(g, file, out),
        Command::Plans => return maintenance::plans(g, out),
        Command::Doctor => return doctor::run(g, out),
        Command::Transcribe(Lazy(args)) => return transcribe::run(g, args, out),
        _ => {}
    }
    if let Command::Overdue(Lazy(OverdueArgs {
        within: Some(days), ..
    })) = cmd
        && *days > MAX_WITHIN_DAYS
    {
        return Err(Failure::new(
            exit::BAD_INPUT,
            S::WithinTooFar.fill(g.lang, &[days, &MAX_WITHIN_DAYS]),
        ));
    }
    office::check(cmd, g.lang)?;
    let mut ctx = Ctx::open(g)?;
    let r = match cmd {
        Command::Status => status::run(&ctx, out),
        Command::Overdue(Lazy(OverdueArgs {
            agency,
            within,
            by_agency,
            format: SheetFormat::Xlsx,
            out: Some(file),
        })) => office::overdue(&ctx, agency.as_deref(), *within, *by_agency, file, out),
        Command::Checklist(Lazy(ChecklistArgs {
            format: SheetFormat::Xlsx,
            out: Some(file),
        })) => office::checklist(&ctx, file, out),
        Command::Matrix(Lazy(MatrixArgs {
            format: MatrixFormat::Xlsx,
            out: Some(file),
            ..
        })) => office::matrix(&ctx, file, out),
        Command::Matrix(Lazy(MatrixArgs { by, format, .. })) => {
            matrix::run(&ctx, *by, *format, out)
        }
        Command::Export(Lazy(ExportArgs {
            format: ExportFormat::Xlsx,
            out: Some(file),
            ..
        })) => office::export_xlsx(&ctx, file, out),
        Command::Export(Lazy(ExportArgs {
            format: ExportFormat::Docx,
            out: Some(file),
            letter,
        })) => office::export_docx(&ctx, file, letter, out),
        Command::Report(Lazy(ReportArgs {
            agency,
            missing,
            format: ReportFormat::Docx,
            out: file,
            per_agency,
            letter,
        })) => office::report_docx(
            &ctx,
            agency.as_deref(),
            *missing,
            file.as_deref(),
            per_agency.as_deref(),
            letter,
            out,
        ),
        Command::Overdue(Lazy(OverdueArgs {
            agency,
            within,
            by_agency: true,
            format,
            ..
        })) => {
            accountability::overdue_by_agency(&ctx, agency.as_deref(), *within, format.text(), out)
        }
        Command::Overdue(Lazy(OverdueArgs {
            agency,
            within,
            by_agency: false,
            format,
            ..
        })) => overdue::run(&ctx, agency.as_deref(), *within, format.text(), out),
        Command::Show(Lazy(ShowArgs { id })) => show::run(&ctx, id, out),
        Command::Done(Lazy(TaskIds { ids })) => write::done(&mut ctx, ids, true, out),
        Command::Reopen(Lazy(TaskIds { ids })) => write::done(&mut ctx, ids, false, out),
        Command::Note(Lazy(NoteArgs {
            id,
            text,
            doc,
            doc_date,
        })) => write::note(&mut ctx, id, text, doc.as_deref(), doc_date.as_deref(), out),
        Command::Deadline(Lazy(DeadlineArgs { id, date })) => {
            write::deadline(&mut ctx, id, date, out)
        }
        Command::Agencies(Lazy(AgenciesArgs {
            action: None,
            format,
        })) => agencies::run(&ctx, *format, out),
        Command::Agencies(Lazy(AgenciesArgs {
            action: Some(action),
            ..
        })) => agencies::membership(&mut ctx, action, out),
        Command::AgencyDone(Lazy(AgencyDoneArgs {
            id,
            agency,
            state,
            doc,
            doc_date,
            note,
        })) => accountability::agency_done(
            &mut ctx,
            id,
            agency,
            *state,
            (doc.as_deref(), doc_date.as_deref(), note.as_deref()),
            out,
        ),
        Command::Checklist(Lazy(ChecklistArgs { format, .. })) => {
            accountability::checklist(&ctx, format.text(), out)
        }
        Command::Report(Lazy(ReportArgs {
            agency,
            missing,
            format,
            ..
        })) => report::run(&ctx, agency.as_deref(), *missing, *format, out),
        Command::Search(Lazy(SearchArgs {
            query,
            format,
            limit,
        })) => search::run(&ctx, &query.join(" "), *format, *limit, out),
        Command::Export(Lazy(ExportArgs {
            format, out: file, ..
        })) => export::run(&ctx, *format, file.as_deref(), out),
        Command::History(Lazy(HistoryArgs { limit, item })) => {
            history::run(&ctx, *limit, item.as_deref(), out)
        }
        Command::Changes(Lazy(ChangesArgs { since, format })) => {
            changes::run(&ctx, since, *format, out)
        }
        Command::Backup(Lazy(BackupArgs { .. }))
        | Command::Restore(Lazy(RestoreArgs { .. }))
        | Command::Import(Lazy(ImportArgs { .. }))
        | Command::Plans
        | Command::Doctor
        | Command::Transcribe(_) => {
            unreachable!()
        }
    };
    let r = r.and_then(|()| out.flush().map_err(|e| io_failure(&e)));
    // Only `main` calls this, and the process ends next: the database is closed (the last
    // connection checkpoints and removes the -wal), while the plan's thousands of small
    // strings are left to the system rather than freed one by one (3 % of a read command).
    let Ctx {
        store,
        plan,
        status,
        ..
    } = ctx;
    drop(store);
    std::mem::forget((plan, status));
    r
}

/// After an import: what was carried over from the plan that was current before.
pub(crate) fn carried(
    lang: Lang,
    r: &crate::store::Import,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    match &r.carried_from {
        Some(from) if r.carried > 0 => {
            writeln!(out, "{}", S::ImportCarried.fill(lang, &[&r.carried, from])).or_fail()
        }
        _ => Ok(()),
    }
}

/// Writing to stdout failed (a closed pipe is not an error worth a message).
pub fn io_failure(e: &std::io::Error) -> Failure {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Failure::new(exit::OK, String::new())
    } else {
        Failure::new(exit::FAILED, e.to_string())
    }
}

/// `?` on writes to the output.
pub(crate) trait OrFail<T> {
    fn or_fail(self) -> Result<T, Failure>;
}

impl<T> OrFail<T> for std::io::Result<T> {
    fn or_fail(self) -> Result<T, Failure> {
        self.map_err(|e| io_failure(&e))
    }
}
