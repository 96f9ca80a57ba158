//! `kehoach restore`: a checked backup written into the live database through SQLite's online
//! backup API, in one write transaction. Under that lock the replaced content is copied aside
//! first, and the restore's audit row arrives with the restored data, so every open connection
//! sees `PRAGMA data_version` move and an open view can tell a restore from an edit.

use std::path::{Path, PathBuf};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use super::backup::{
    BackupError, NotKehoach, TempDb, at, copy_pages, file_name, folder_of, io, same_file, step,
    sweep_stale, with_suffix, write_new,
};
use super::files::uri_path;
use super::{BUSY_TIMEOUT, Store, StoreError, schema, write::Actor};

/// A finished restore.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// Where the content that was replaced is kept; None when the database held nothing.
    pub kept: Option<PathBuf>,
}

/// The newest restore recorded in the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreMark {
    pub id: i64,
    pub at: String,
    pub who: String,
    /// The file restored from.
    pub from: Option<String>,
    /// The copy of the replaced content.
    pub kept: Option<String>,
}

/// The audit action of a restore.
pub const RESTORE_ACTION: &str = "restore";

/// Tables every kehoach database has had since schema version 1.
const KEHOACH_TABLES: [&str; 5] = ["plan", "plan_item", "item_state", "note", "audit"];

impl Store {
    /// Replace the content of this database with the backup `file`, while others may have it
    /// open. `file` is checked first (SQLite, kehoach's tables, integrity, not newer) and
    /// brought to this kehoach's schema in a private copy. Then, holding the write lock, the
    /// current content is copied beside the database, the restore is recorded in the audit
    /// log, and the backup is written in through SQLite in one transaction.
    pub fn restore_from(&mut self, file: &Path, actor: &Actor) -> Result<Restored, BackupError> {
        if self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
            }
            .into());
        }
        if same_file(file, &self.path) {
            return Err(BackupError::SameFile {
                path: file.to_path_buf(),
            });
        }
        let (tmp, copy) = prepare(file, &self.path)?;
        let backup = Backup::new(&copy, &mut self.conn)?;
        // Zero pages: take the write lock on the live database and copy nothing yet.
        step(&backup, 0)?;
        // Under that lock nobody else can commit: a second connection reads exactly the
        // content about to be replaced.
        let reader = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| at(e, &self.path))?;
        reader.busy_timeout(BUSY_TIMEOUT)?;
        let has_data: bool = reader
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM plan) OR EXISTS (SELECT 1 FROM audit)",
                [],
                |r| r.get(0),
            )
            .unwrap_or(true);
        let kept = if has_data {
            let p = kept_path(&self.path);
            write_new(&reader, &p)?;
            Some(p)
        } else {
            None
        };
        drop(reader);
        // Written into the copy, so the restored content and its audit row arrive together.
        record_restore(&copy, actor, file, kept.as_deref())?;
        while step(&backup, -1)? != StepResult::Done {}
        drop(backup);
        drop(copy);
        drop(tmp);
        Ok(Restored { kept })
    }

    /// The newest restore recorded in the audit log, so an open view can tell a restore from
    /// an ordinary change.
    pub fn last_restore(&self) -> super::Result<Option<RestoreMark>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, at, who, after, before FROM audit WHERE action = ?1 \
                 ORDER BY id DESC LIMIT 1",
                [RESTORE_ACTION],
                |r| {
                    Ok(RestoreMark {
                        id: r.get(0)?,
                        at: r.get(1)?,
                        who: r.get(2)?,
                        from: r.get(3)?,
                        kept: r.get(4)?,
                    })
                },
            )
            .optional()?)
    }
}

/// Put the backup `file` in place of a database kehoach cannot open (damaged, or not a
/// database at all), which nobody can be using: the file is moved aside, with its journal
/// files, to the name [`Store::restore_from`] keeps a replaced database under.
pub fn restore_unusable(db: &Path, file: &Path, actor: &Actor) -> Result<Restored, BackupError> {
    if same_file(file, db) {
        return Err(BackupError::SameFile {
            path: file.to_path_buf(),
        });
    }
    let (tmp, copy) = prepare(file, db)?;
    let kept = kept_path(db);
    // Leave the replaced file complete: its -wal may hold part of it.
    std::fs::rename(db, &kept).map_err(|source| io(db, source))?;
    for suffix in ["-wal", "-shm", "-journal"] {
        let from = with_suffix(db, suffix);
        if from.exists() {
            let _ = std::fs::rename(&from, with_suffix(&kept, suffix));
        }
    }
    record_restore(&copy, actor, file, Some(&kept))?;
    copy.pragma_update(None, "journal_mode", "DELETE")?;
    copy.close().map_err(|(_, e)| at(e, &tmp.path))?;
    match std::fs::hard_link(&tmp.path, db) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(BackupError::Exists {
                path: db.to_path_buf(),
            });
        }
        Err(_) => std::fs::rename(&tmp.path, db).map_err(|source| io(db, source))?,
    }
    drop(tmp);
    Ok(Restored { kept: Some(kept) })
}

/// A private copy of the backup `file` beside the database `db`, checked and brought to this
/// kehoach's schema.
fn prepare(file: &Path, db: &Path) -> Result<(TempDb, Connection), BackupError> {
    let source = open_source(file)?;
    sweep_stale(folder_of(db), db);
    let tmp = TempDb::new(db, "restore");
    let mut copy = Connection::open(&tmp.path).map_err(|e| at(e, &tmp.path))?;
    copy.busy_timeout(BUSY_TIMEOUT)?;
    copy_pages(&source, &mut copy).map_err(|e| unreadable_source(e, file))?;
    drop(source);
    check_restorable(&copy, file)?;
    schema::migrate(&mut copy).map_err(|e| e.at(&tmp.path))?;
    Ok((tmp, copy))
}

/// The audit row of a restore: who, from which file, and where the replaced data is kept.
fn record_restore(
    copy: &Connection,
    actor: &Actor,
    file: &Path,
    kept: Option<&Path>,
) -> Result<(), BackupError> {
    let abs = |p: &Path| {
        std::path::absolute(p)
            .unwrap_or_else(|_| p.to_path_buf())
            .to_string_lossy()
            .into_owned()
    };
    copy.execute(
        "INSERT INTO audit (at, who, plan_id, item_id, action, before, after) \
         VALUES (?1, ?2, NULL, NULL, ?3, ?4, ?5)",
        params![
            actor.now,
            actor.user,
            RESTORE_ACTION,
            kept.map(abs),
            abs(file)
        ],
    )?;
    Ok(())
}

/// Open a file offered to `restore`, read-only.
fn open_source(file: &Path) -> Result<Connection, BackupError> {
    let mut f = std::fs::File::open(file).map_err(|source| BackupError::Unreadable {
        path: file.to_path_buf(),
        source,
    })?;
    let mut head = [0u8; 16];
    let n = std::io::Read::read(&mut f, &mut head).unwrap_or(0);
    if n < 16 || &head != b"SQLite format 3\0" {
        return Err(BackupError::NotKehoach {
            path: file.to_path_buf(),
            why: NotKehoach::NotSqlite,
        });
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn =
        Connection::open_with_flags(file, flags).map_err(|e| unreadable_source(e.into(), file))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    if conn
        .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
        .is_ok()
        || with_suffix(file, "-wal").exists()
    {
        return Ok(conn);
    }
    // A WAL file on a read-only medium with no -wal beside it: every page is in the file.
    let uri = format!("file:{}?immutable=1", uri_path(file));
    Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)
        .map_err(|e| unreadable_source(e.into(), file))
}

/// Is the private copy of a file offered to `restore` a sound kehoach database this kehoach
/// can use?
fn check_restorable(c: &Connection, file: &Path) -> Result<(), BackupError> {
    let damaged = |detail: String| BackupError::Damaged {
        path: file.to_path_buf(),
        detail,
    };
    let check: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| damaged(e.to_string()))?;
    if check != "ok" {
        return Err(damaged(check));
    }
    let found: i64 = c
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN \
             ('plan', 'plan_item', 'item_state', 'note', 'audit')",
            [],
            |r| r.get(0),
        )
        .map_err(|e| damaged(e.to_string()))?;
    let version = schema::version(c).map_err(|e| damaged(e.to_string()))?;
    if found < KEHOACH_TABLES.len() as i64 || version < 1 {
        return Err(BackupError::NotKehoach {
            path: file.to_path_buf(),
            why: NotKehoach::NoTables,
        });
    }
    if version > schema::latest() {
        return Err(BackupError::TooNew {
            path: file.to_path_buf(),
            found: version,
            supported: schema::latest(),
        });
    }
    Ok(())
}

/// SQLite's complaints about a file offered to `restore`, said about that file.
fn unreadable_source(e: StoreError, file: &Path) -> BackupError {
    match e {
        StoreError::NotADatabase { .. } => BackupError::NotKehoach {
            path: file.to_path_buf(),
            why: NotKehoach::NotSqlite,
        },
        StoreError::Corrupt { detail, .. } => BackupError::Damaged {
            path: file.to_path_buf(),
            detail,
        },
        StoreError::Sqlite(s) => BackupError::Damaged {
            path: file.to_path_buf(),
            detail: s.to_string(),
        },
        e => BackupError::Store(e),
    }
}

/// `kehoach.db.before-restore-YYYYMMDD-HHMMSS.bak` beside the database, numbered if taken.
fn kept_path(db: &Path) -> PathBuf {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let name = file_name(db);
    let mut p = db.with_file_name(format!("{name}.before-restore-{stamp}.bak"));
    let mut n = 2;
    while p.exists() {
        p = db.with_file_name(format!("{name}.before-restore-{stamp}-{n}.bak"));
        n += 1;
    }
    p
}
