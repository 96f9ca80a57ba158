//! `backup`, `restore`, `import`, `plans`: commands about the database rather than one plan.

use std::io::Write;
use std::path::Path;

use super::{Failure, OrFail, db_path, exit, open_store, user_name};
use crate::cli::Global;
use crate::i18n::{Lang, Localized, S};
use crate::store::{Actor, BackupError, ImportError, Store, StoreError, restore_unusable};

pub fn backup(g: &Global, file: &Path, force: bool, out: &mut dyn Write) -> Result<(), Failure> {
    let mut store = open_store(g)?;
    let bytes = store
        .backup_file(file, force)
        .map_err(|e| backup_failure(e, g.lang))?;
    // For `kehoach doctor`; a read-only database still gets its copy, just not the record.
    if !store.is_read_only() {
        let _ = store.record_backup(file, bytes, &Actor::new(&user_name(g)));
    }
    writeln!(
        out,
        "{}",
        S::BackupWritten.fill(g.lang, &[&file.display(), &bytes])
    )
    .or_fail()
}

/// Bring a backup back into the database in use (`--db`), while others may have it open.
pub fn restore(g: &Global, file: &Path, out: &mut dyn Write) -> Result<(), Failure> {
    let path = db_path(g);
    let actor = Actor::new(&user_name(g));
    let done = match Store::open(&path) {
        Ok(mut store) => store.restore_from(file, &actor),
        // What a restore is for: a database that cannot be opened is moved aside, whole.
        Err(StoreError::NotADatabase { .. } | StoreError::Corrupt { .. }) => {
            restore_unusable(&path, file, &actor)
        }
        Err(e) => return Err(Failure::store(e, g.lang)),
    }
    .map_err(|e| backup_failure(e, g.lang))?;
    let line = match &done.kept {
        Some(kept) => {
            S::Restored.fill(g.lang, &[&path.display(), &file.display(), &kept.display()])
        }
        None => S::RestoredFresh.fill(g.lang, &[&path.display(), &file.display()]),
    };
    writeln!(out, "{line}").or_fail()
}

fn backup_failure(e: BackupError, lang: Lang) -> Failure {
    let code = match e {
        BackupError::Store(s) => return Failure::store(s, lang),
        // Like `--out` into a missing folder.
        BackupError::NoFolder { .. } => exit::FAILED,
        // The file named on the command line is what to change.
        _ => exit::BAD_INPUT,
    };
    let f = Failure::new(code, e.say(lang));
    if matches!(e, BackupError::Exists { .. }) {
        f.hint(S::BackupUseRestore.get(lang))
    } else {
        f
    }
}

pub fn import(g: &Global, file: &Path, out: &mut dyn Write) -> Result<(), Failure> {
    let json = std::fs::read(file).map_err(|e| {
        Failure::new(
            exit::BAD_INPUT,
            format!("{}: {}", file.display(), crate::i18n::io_error(g.lang, &e)),
        )
    })?;
    let json = String::from_utf8(json).map_err(|e| {
        Failure::new(
            exit::BAD_INPUT,
            crate::i18n::transcribe::S::TrNotText
                .fill(g.lang, &[&file.display(), &e.utf8_error().valid_up_to()]),
        )
    })?;
    // Windows editors often start a UTF-8 file with a byte-order mark; it is not part of
    // the JSON.
    let json = json.strip_prefix('\u{feff}').unwrap_or(&json);
    let mut store = open_store(g)?;
    let r = store
        .import_plan(json, &Actor::new(&user_name(g)))
        .map_err(|e| match e {
            ImportError::Plan(p) => Failure::new(
                exit::BAD_INPUT,
                format!("{}: {}", file.display(), p.say(g.lang)),
            )
            .hint("data/README.md"),
            ImportError::Store(s) => Failure::store(s, g.lang),
        })?;
    writeln!(
        out,
        "{}",
        S::Imported.fill(g.lang, &[&r.plan_id, &r.items, &r.agencies])
    )
    .or_fail()?;
    super::carried(g.lang, &r, out)
}

pub fn plans(g: &Global, out: &mut dyn Write) -> Result<(), Failure> {
    let store = open_store(g)?;
    let plans = store.plans().map_err(|e| Failure::store(e, g.lang))?;
    for (i, p) in plans.iter().enumerate() {
        let mark = if i == 0 { "*" } else { " " };
        writeln!(
            out,
            "{mark} {:<20} {}  ({})",
            p.id,
            crate::text::one_line(&p.title),
            crate::i18n::timestamp(&p.imported_at)
        )
        .or_fail()?;
    }
    Ok(())
}
