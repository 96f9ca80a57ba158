//! Copies out of and into the live database, all through SQLite's online backup API.
//!
//! - A copy into a new file is written beside it under a temporary name and then linked into
//!   place: it is never half there, and it never replaces a file that appeared meanwhile.
//! - Replacing an existing SQLite file (`backup --force`) writes through SQLite into it,
//!   under its locks: a view that has it open sees the new content, and its `-wal`/`-shm` stay
//!   consistent with it. Renaming a new file over it would leave the old `-wal` beside the new
//!   file, to be replayed on top of it.
//! - `restore` (restore.rs) copies a checked backup into the live database the same way.
//!
//! Temporary files are named `.NAME.kehoach-WHAT-PID.tmp`; ours are removed when we fail, and
//! those of processes that no longer exist (killed mid-copy) at the next copy into the folder.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use thiserror::Error;

use super::{BUSY_TIMEOUT, Store, StoreError};

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
}

/// One step of a backup; a busy destination is waited for (its busy timeout first) up to
/// [`BUSY_TIMEOUT`] more, then refused.
pub(super) fn step(b: &Backup<'_, '_>, pages: i32) -> Result<StepResult, StoreError> {
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

pub(super) fn copy_pages(from: &Connection, to: &mut Connection) -> Result<(), StoreError> {
    let b = Backup::new(from, to)?;
    while step(&b, 256)? != StepResult::Done {}
    Ok(())
}

/// A copy into a new file: written under a temporary name, then linked into place so that a
/// file that appeared meanwhile is not replaced.
pub(super) fn write_new(from: &Connection, dest: &Path) -> Result<u64, BackupError> {
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

/// A temporary database file of this process, removed with its journals when dropped.
pub(super) struct TempDb {
    pub(super) path: PathBuf,
}

impl TempDb {
    pub(super) fn new(beside: &Path, what: &str) -> TempDb {
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
pub(super) fn sweep_stale(folder: &Path, dest: &Path) {
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

pub(super) fn same_file(a: &Path, b: &Path) -> bool {
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

pub(super) fn folder_of(p: &Path) -> &Path {
    p.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

pub(super) fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| "kehoach.db".into())
}

pub(super) fn with_suffix(p: &Path, suffix: &str) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn size(p: &Path) -> u64 {
    std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)
}

pub(super) fn io(path: &Path, source: std::io::Error) -> BackupError {
    BackupError::Store(StoreError::Io {
        path: path.to_path_buf(),
        source,
    })
}

pub(super) fn at(e: rusqlite::Error, path: &Path) -> BackupError {
    BackupError::Store(StoreError::from(e).at(path))
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
