//! Copies out of and into the live database, all through SQLite's online backup API.
//!
//! - A copy into a new file is written beside it under a temporary name and then linked into
//!   place: it is never half there, and it never replaces a file that appeared meanwhile.
//! - Replacing an existing SQLite file (`backup --force`) writes through SQLite into it,
//!   under its locks: a view that has it open sees the new content, and its `-wal`/`-shm` stay
//!   consistent with it. Renaming a new file over it would leave the old `-wal` beside the new
//!   file, to be replayed on top of it.
//! - `restore` copies a checked backup into the live database the same way, in one write
//!   transaction: the replaced content is copied aside under that lock first, the restore and
//!   its audit row arrive together, and every open connection sees `PRAGMA data_version` move.
//!
//! Temporary files are named `.NAME.kehoach-WHAT-PID.tmp`; ours are removed when we fail, and
//! those of processes that no longer exist (killed mid-copy) at the next copy into the folder.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use thiserror::Error;

use super::{BUSY_TIMEOUT, Store, StoreError, schema, write::Actor};

/// Why a copy or a restore did not happen. Nothing was changed in every case.
#[derive(Debug, Error)]
pub enum BackupError {
    #[error(
        "{path} already exists; nothing was written: choose a new file name, or add --force to replace it"
    )]
    Exists { path: PathBuf },
    #[error(
        "the folder {folder} does not exist; nothing was written: create it first (mkdir -p {folder}) or choose another place"
    )]
    NoFolder { folder: PathBuf },
    #[error("{path} is a folder; nothing was written: give a file name inside it")]
    IsFolder { path: PathBuf },
    #[error("{path} is the database in use itself; nothing was changed: choose another file")]
    SameFile { path: PathBuf },
    #[error(
        "cannot read {path}: {source}; nothing was changed: check the file name and its permissions"
    )]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path} is not a kehoach database ({why}); nothing was changed: choose a copy made by `kehoach backup`"
    )]
    NotKehoach { path: PathBuf, why: NotKehoach },
    #[error(
        "{path} is damaged ({detail}); nothing was changed: choose another copy made by `kehoach backup`"
    )]
    Damaged { path: PathBuf, detail: String },
    #[error(
        "{path} was written by a newer kehoach (schema version {found}; this one reads up to {supported}); nothing was changed: use a newer kehoach"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What a file offered to `restore` lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotKehoach {
    /// Not an SQLite file at all.
    NotSqlite,
    /// An SQLite file without kehoach's tables.
    NoTables,
}

impl std::fmt::Display for NotKehoach {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NotKehoach::NotSqlite => "not an SQLite file",
            NotKehoach::NoTables => "an SQLite file without kehoach's tables",
        })
    }
}

impl From<rusqlite::Error> for BackupError {
    fn from(e: rusqlite::Error) -> Self {
        BackupError::Store(e.into())
    }
}

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
    /// A consistent copy into `dest`, replacing whatever is there (the copy made before a
    /// schema upgrade). The `backup` command uses [`Store::backup_file`].
    pub fn backup_to(&self, dest: &Path) -> super::Result<u64> {
        self.backup_file(dest, true).map_err(|e| match e {
            BackupError::Store(s) => s,
            other => StoreError::Io {
                path: dest.to_path_buf(),
                source: std::io::Error::other(other.to_string()),
            },
        })
    }

    /// A consistent copy into `dest`, safe while others use the database. An existing file is
    /// refused unless `replace`; an existing SQLite file is then written through SQLite, so
    /// whoever has it open keeps a consistent view and no stale `-wal` is left beside it.
    pub fn backup_file(&self, dest: &Path, replace: bool) -> Result<u64, BackupError> {
        let folder = folder_of(dest);
        if !folder.is_dir() {
            return Err(BackupError::NoFolder {
                folder: folder.to_path_buf(),
            });
        }
        sweep_stale(folder, dest);
        if std::fs::symlink_metadata(dest).is_err() {
            match write_new(&self.conn, dest) {
                // Someone else wrote it a moment ago (four coordinators upgrading at once).
                Err(BackupError::Exists { .. }) if replace => {}
                r => return r,
            }
        }
        self.replace(dest, replace)
    }

    /// A copy over the existing file `dest`, if `replace`.
    fn replace(&self, dest: &Path, replace: bool) -> Result<u64, BackupError> {
        match std::fs::metadata(dest) {
            Ok(m) if m.is_dir() => Err(BackupError::IsFolder {
                path: dest.to_path_buf(),
            }),
            _ if !replace => Err(BackupError::Exists {
                path: dest.to_path_buf(),
            }),
            _ if same_file(dest, &self.path) => Err(BackupError::SameFile {
                path: dest.to_path_buf(),
            }),
            Ok(m) if m.len() == 0 || has_sqlite_header(dest) => write_into(&self.conn, dest),
            _ => {
                // Not a database: nothing can have it open as one, so journal files named
                // after it are leftovers that SQLite would otherwise apply to the new copy.
                for suffix in ["-wal", "-shm", "-journal"] {
                    let _ = std::fs::remove_file(with_suffix(dest, suffix));
                }
                write_new_replacing(&self.conn, dest)
            }
        }
    }

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

/// One step of a backup; a busy destination is waited for (its busy timeout first) up to
/// [`BUSY_TIMEOUT`] more, then refused.
fn step(b: &Backup<'_, '_>, pages: i32) -> Result<StepResult, StoreError> {
    let deadline = Instant::now() + BUSY_TIMEOUT;
    loop {
        match b.step(pages)? {
            StepResult::Busy | StepResult::Locked => {
                if Instant::now() > deadline {
                    return Err(StoreError::Locked);
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            r => return Ok(r),
        }
    }
}

fn copy_pages(from: &Connection, to: &mut Connection) -> Result<(), StoreError> {
    let b = Backup::new(from, to)?;
    while step(&b, 256)? != StepResult::Done {}
    Ok(())
}

/// A copy into a new file: written under a temporary name, then linked into place so that a
/// file that appeared meanwhile is not replaced.
fn write_new(from: &Connection, dest: &Path) -> Result<u64, BackupError> {
    let tmp = fill_temp(from, dest)?;
    match std::fs::hard_link(&tmp.path, dest) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(BackupError::Exists {
                path: dest.to_path_buf(),
            });
        }
        // A filesystem without hard links (a FAT USB stick): check, then rename.
        Err(_) if dest.exists() => {
            return Err(BackupError::Exists {
                path: dest.to_path_buf(),
            });
        }
        Err(_) => std::fs::rename(&tmp.path, dest).map_err(|source| io(dest, source))?,
    }
    drop(tmp);
    Ok(size(dest))
}

/// A copy replacing a file that is not a database.
fn write_new_replacing(from: &Connection, dest: &Path) -> Result<u64, BackupError> {
    let tmp = fill_temp(from, dest)?;
    std::fs::rename(&tmp.path, dest).map_err(|source| io(dest, source))?;
    drop(tmp);
    Ok(size(dest))
}

/// The temporary file beside `dest`, holding a complete copy in rollback-journal mode (one
/// self-contained file: bytes 18–19 of its header say so).
fn fill_temp(from: &Connection, dest: &Path) -> Result<TempDb, BackupError> {
    let tmp = TempDb::new(dest, "backup");
    {
        let mut out = Connection::open(&tmp.path).map_err(|e| at(e, &tmp.path))?;
        copy_pages(from, &mut out).map_err(|e| e.at(dest))?;
        out.pragma_update(None, "journal_mode", "DELETE")?;
    }
    Ok(tmp)
}

/// Write through SQLite into an existing database, under its locks.
fn write_into(from: &Connection, dest: &Path) -> Result<u64, BackupError> {
    let mut out = Connection::open_with_flags(
        dest,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| at(e, dest))?;
    out.busy_timeout(BUSY_TIMEOUT)?;
    let mode: String = out
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .map_err(|e| at(e, dest))?;
    copy_pages(from, &mut out).map_err(|e| e.at(dest))?;
    if !mode.eq_ignore_ascii_case("wal") {
        // It was a self-contained copy; keep it one. Someone who opened it meanwhile keeps it
        // in WAL mode, which is consistent too.
        let _ = out.busy_timeout(Duration::ZERO);
        let _ = out.query_row("PRAGMA journal_mode=DELETE", [], |r| r.get::<_, String>(0));
    }
    drop(out);
    Ok(size(dest))
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

/// A temporary database file of this process, removed with its journals when dropped.
struct TempDb {
    path: PathBuf,
}

impl TempDb {
    fn new(beside: &Path, what: &str) -> TempDb {
        let path = beside.with_file_name(format!(
            ".{}.kehoach-{what}-{}.tmp",
            file_name(beside),
            std::process::id()
        ));
        let t = TempDb { path };
        t.remove();
        t
    }

    fn remove(&self) {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            let _ = std::fs::remove_file(with_suffix(&self.path, suffix));
        }
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        self.remove();
    }
}

/// Remove temporary files left in `folder` by copies whose process no longer exists: ours
/// (`.NAME.kehoach-WHAT-PID.tmp…`), and those older versions left for `dest`
/// (`.NAME.PID.tmp…`).
fn sweep_stale(folder: &Path, dest: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let legacy = format!(".{}.", file_name(dest));
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let pid = stale_pid(name).or_else(|| name.strip_prefix(&legacy).and_then(temp_pid));
        if let Some(pid) = pid
            && pid != std::process::id()
            && process_gone(pid)
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The pid in a name of ours: `.NAME.kehoach-WHAT-PID.tmp` with an optional journal suffix.
pub(crate) fn stale_pid(name: &str) -> Option<u32> {
    if !name.starts_with('.') {
        return None;
    }
    let at = name.rfind(".kehoach-")?;
    let rest = &name[at + ".kehoach-".len()..];
    let (what, rest) = rest.split_once('-')?;
    if !what.chars().all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    temp_pid(rest)
}

/// `PID.tmp`, `PID.tmp-journal`, `PID.tmp-wal` or `PID.tmp-shm` → PID.
fn temp_pid(rest: &str) -> Option<u32> {
    let (pid, tail) = rest.split_once(".tmp")?;
    if !["", "-journal", "-wal", "-shm"].contains(&tail) {
        return None;
    }
    if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok().filter(|&p| p > 0)
}

/// Whether no process has this id (a process of another account still counts as alive).
#[cfg(unix)]
fn process_gone(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 only asks whether the process exists; nothing is sent.
    let r = unsafe { libc::kill(pid, 0) };
    r == -1 && std::io::Error::last_os_error().raw_os_error() == Some(libc::ESRCH)
}

#[cfg(not(unix))]
fn process_gone(_pid: u32) -> bool {
    false
}

fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        }
    }
}

fn has_sqlite_header(path: &Path) -> bool {
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok()
        && &head == b"SQLite format 3\0"
}

fn folder_of(p: &Path) -> &Path {
    p.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| "kehoach.db".into())
}

fn with_suffix(p: &Path, suffix: &str) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn size(p: &Path) -> u64 {
    std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)
}

fn io(path: &Path, source: std::io::Error) -> BackupError {
    BackupError::Store(StoreError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn at(e: rusqlite::Error, path: &Path) -> BackupError {
    BackupError::Store(StoreError::from(e).at(path))
}

/// Percent-encode a path for an SQLite `file:` URI.
fn uri_path(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    abs.to_string_lossy()
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'.' | b'-' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_are_recognised_with_their_journals() {
        assert_eq!(stale_pid(".k.db.kehoach-backup-4172.tmp"), Some(4172));
        assert_eq!(stale_pid(".k.db.kehoach-restore-9.tmp-journal"), Some(9));
        assert_eq!(stale_pid(".a.b.kehoach-backup-12.tmp-wal"), Some(12));
        assert_eq!(stale_pid("k.db.kehoach-backup-12.tmp"), None);
        assert_eq!(stale_pid(".k.db.kehoach-backup-12.tmpx"), None);
        assert_eq!(stale_pid(".k.db.kehoach-backup-.tmp"), None);
        assert_eq!(stale_pid(".k.db.kehoach-backup-0.tmp"), None);
        assert_eq!(temp_pid("77.tmp-journal"), Some(77));
        assert_eq!(temp_pid("77.db"), None);
    }

    #[test]
    fn this_process_is_alive() {
        assert!(!process_gone(std::process::id()));
    }
}
