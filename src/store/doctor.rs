//! `kehoach doctor`'s look at a database file: everything read, nothing changed. It does not
//! go through [`Store::open`](super::Store::open), which would create, migrate or seed; a
//! damaged file is examined as far as it can be and left byte for byte as it was.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use super::files::{can_write, may_write, sibling};
use super::open::SQLITE_MAGIC;
use super::read_only::{READ_PATIENCE, open_read_only};
use super::{StoreError, schema};

/// What `integrity_check` said.
#[derive(Debug, Clone, PartialEq)]
pub enum Integrity {
    Ok,
    /// The problems SQLite listed (at most [`MAX_PROBLEMS`]).
    Problems(Vec<String>),
    /// The file could not be read as a database at all.
    Unreadable(String),
    /// The check could not run (no permission, a `-wal` this account cannot read): says
    /// nothing about the file's health.
    NotChecked(String),
}

/// At most this many problems are listed; the first few say enough to decide.
pub const MAX_PROBLEMS: usize = 10;

/// Who else is using the database right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    Nobody,
    /// Another process has it open (a TUI left running, a command in progress); its pid.
    Open(u32),
    /// Another process is in the middle of a write and holds the write lock.
    Writing,
}

/// A `-wal` or `-shm` file beside the database that not everyone who may write the database
/// may write: while it is there, they cannot save anything.
#[derive(Debug, Clone, PartialEq)]
pub struct Lockout {
    pub path: PathBuf,
    pub uid: u32,
    pub gid: u32,
    pub mode: u32,
    /// What it should have to be shared like the database.
    pub want_gid: u32,
    pub want_mode: u32,
}

/// A copy made by `kehoach backup`, as recorded in the database.
#[derive(Debug, Clone, PartialEq)]
pub struct BackupRecord {
    pub at: String,
    pub who: String,
    pub path: PathBuf,
    pub bytes: i64,
    /// The copy is still where it was written.
    pub present: bool,
}

/// A `*.bak` copy next to the database (written before each schema upgrade).
#[derive(Debug, Clone, PartialEq)]
pub struct BakFile {
    pub path: PathBuf,
    pub bytes: u64,
    pub modified: Option<SystemTime>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Checkup {
    pub path: PathBuf,
    pub exists: bool,
    /// A regular file (not a folder, a pipe or a device).
    pub is_file: bool,
    /// Starts with SQLite's header (an empty file counts as not a database here).
    pub is_sqlite: bool,
    pub bytes: u64,
    /// Size of the `-wal` file: committed changes not yet copied into the main file.
    pub wal_bytes: Option<u64>,
    /// Unix permission bits of the file and of its folder.
    pub file_mode: Option<u32>,
    pub dir_mode: Option<u32>,
    pub file_writable: bool,
    pub dir_writable: bool,
    pub integrity: Integrity,
    pub schema_version: Option<i64>,
    /// As recorded in the file: "wal", or "delete" for a rollback journal.
    pub journal_mode: Option<String>,
    pub last_backup: Option<BackupRecord>,
    /// Newest first.
    pub bak_files: Vec<BakFile>,
    pub holder: Holder,
    /// Carries kehoach's `application_id`, or kehoach's tables (made before it was set).
    pub is_kehoach: Option<bool>,
    pub lockouts: Vec<Lockout>,
}

impl Checkup {
    /// The database can be trusted: it is an SQLite file and `integrity_check` found nothing.
    pub fn healthy(&self) -> bool {
        self.exists && self.is_sqlite && self.integrity == Integrity::Ok
    }

    /// Everyone who may write the database may also write its `-wal` and `-shm`.
    pub fn shared_well(&self) -> bool {
        self.lockouts.is_empty()
    }
}

/// Examine the database at `path` without changing it.
pub fn checkup(path: &Path) -> Checkup {
    let meta = std::fs::metadata(path).ok();
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let mut c = Checkup {
        path: path.to_path_buf(),
        exists: meta.is_some(),
        is_file: meta.as_ref().is_some_and(|m| m.is_file()),
        is_sqlite: false,
        bytes: meta.as_ref().map_or(0, |m| m.len()),
        wal_bytes: std::fs::metadata(sibling(path, "-wal"))
            .ok()
            .map(|m| m.len()),
        file_mode: meta.as_ref().and_then(mode),
        dir_mode: std::fs::metadata(&dir).ok().as_ref().and_then(mode),
        file_writable: meta.as_ref().is_some_and(|m| m.is_file()) && can_write(path),
        dir_writable: can_write(&dir),
        integrity: Integrity::Unreadable(String::new()),
        schema_version: None,
        journal_mode: None,
        last_backup: None,
        bak_files: bak_files(path, &dir),
        holder: Holder::Nobody,
        is_kehoach: None,
        lockouts: Vec::new(),
    };
    if !c.exists {
        return c;
    }
    if !c.is_file {
        // Reading a pipe would wait forever.
        c.integrity = Integrity::Unreadable("not a regular file".into());
        return c;
    }
    if let Some(m) = &meta {
        c.lockouts = lockouts(path, m);
    }
    c.is_sqlite = has_sqlite_header(path);
    if !c.is_sqlite {
        c.integrity = Integrity::Unreadable("not an SQLite file".into());
        return c;
    }
    // Before any connection of ours exists: closing a descriptor of the -shm file would drop
    // the locks our own connection holds on it (POSIX locks are per process).
    c.holder = shm_holder(&sibling(path, "-shm")).map_or(Holder::Nobody, Holder::Open);
    let writable = c.file_writable && c.dir_writable && may_write(path);
    if writable && writer_active(path) {
        c.holder = Holder::Writing;
    }
    let conn = if writable {
        // Read-write (never create) so that closing cleans up the -wal/-shm it opened;
        // query_only below keeps it from changing anything.
        Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(StoreError::from)
    } else {
        open_read_only(path, READ_PATIENCE)
    };
    let conn = match conn {
        Ok(conn) => conn,
        Err(e @ (StoreError::Corrupt { .. } | StoreError::NotADatabase { .. })) => {
            c.integrity = Integrity::Unreadable(e.to_string());
            return c;
        }
        Err(StoreError::Sqlite(e)) => {
            c.integrity = Integrity::Unreadable(e.to_string());
            return c;
        }
        Err(e) => {
            c.integrity = Integrity::NotChecked(e.to_string());
            return c;
        }
    };
    let _ = conn.busy_timeout(super::BUSY_TIMEOUT);
    let _ = conn.pragma_update(None, "query_only", true);
    c.integrity = integrity(&conn);
    c.schema_version = schema::version(&conn).ok();
    // A read-only look at a WAL file may be an immutable one, which calls itself "delete":
    // the header says what the file is.
    c.journal_mode = if header_says_wal(path) {
        Some("wal".into())
    } else {
        conn.query_row("PRAGMA journal_mode", [], |r| r.get::<_, String>(0))
            .ok()
            .map(|m| m.to_lowercase())
    };
    c.last_backup = last_backup(&conn);
    c.is_kehoach = super::open::is_kehoach(&conn).ok();
    c
}

fn integrity(conn: &Connection) -> Integrity {
    let run = || -> rusqlite::Result<Vec<String>> {
        let mut st = conn.prepare(&format!("PRAGMA integrity_check({MAX_PROBLEMS})"))?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect()
    };
    match run() {
        Ok(rows) if rows == ["ok"] => Integrity::Ok,
        Ok(rows) => Integrity::Problems(rows),
        // Permissions and locks say nothing about the file's health.
        Err(e) => match e.sqlite_error_code() {
            Some(
                rusqlite::ErrorCode::ReadOnly
                | rusqlite::ErrorCode::CannotOpen
                | rusqlite::ErrorCode::PermissionDenied
                | rusqlite::ErrorCode::DatabaseBusy
                | rusqlite::ErrorCode::DatabaseLocked,
            ) => Integrity::NotChecked(e.to_string()),
            _ => Integrity::Unreadable(e.to_string()),
        },
    }
}

/// The `-wal`/`-shm` files that someone who may write the database may not write.
#[cfg(unix)]
fn lockouts(path: &Path, db: &std::fs::Metadata) -> Vec<Lockout> {
    use std::os::unix::fs::MetadataExt;
    let dbm = db.mode() & 0o777;
    ["-wal", "-shm"]
        .iter()
        .filter_map(|suffix| {
            let p = sibling(path, suffix);
            let m = std::fs::symlink_metadata(&p).ok()?;
            let mode = m.mode() & 0o777;
            let group_can = mode & 0o020 != 0 && m.gid() == db.gid();
            let others_can = mode & 0o002 != 0;
            let owner_can = m.uid() == db.uid() && mode & 0o200 != 0;
            let bad = (dbm & 0o200 != 0 && !owner_can && !group_can && !others_can)
                || (dbm & 0o020 != 0 && !group_can && !others_can)
                || (dbm & 0o002 != 0 && !others_can);
            bad.then(|| Lockout {
                path: p,
                uid: m.uid(),
                gid: m.gid(),
                mode,
                want_gid: db.gid(),
                want_mode: dbm & 0o666,
            })
        })
        .collect()
}

#[cfg(not(unix))]
fn lockouts(_path: &Path, _db: &std::fs::Metadata) -> Vec<Lockout> {
    Vec::new()
}

fn last_backup(conn: &Connection) -> Option<BackupRecord> {
    conn.query_row(
        "SELECT at, who, path, bytes FROM backup ORDER BY id DESC LIMIT 1",
        [],
        |r| {
            let path = PathBuf::from(r.get::<_, String>(2)?);
            Ok(BackupRecord {
                at: r.get(0)?,
                who: r.get(1)?,
                present: path.exists(),
                path,
                bytes: r.get(3)?,
            })
        },
    )
    .optional()
    .ok()
    .flatten()
}

/// Someone holds the write lock: `BEGIN IMMEDIATE` without waiting fails as busy.
fn writer_active(path: &Path) -> bool {
    let Ok(conn) = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ) else {
        return false;
    };
    let _ = conn.busy_timeout(std::time::Duration::ZERO);
    match conn.execute_batch("BEGIN IMMEDIATE; ROLLBACK;") {
        Ok(()) => false,
        Err(e) => matches!(
            e.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        ),
    }
}

/// In WAL mode every open connection holds a shared lock on byte 128 of the -shm file (the
/// "DMS" slot of SQLite's unix VFS) for as long as it is open. Asking the kernel whether an
/// exclusive lock there would conflict names one holder, without taking any lock.
#[cfg(unix)]
fn shm_holder(shm: &Path) -> Option<u32> {
    use std::os::fd::AsRawFd;
    const DMS_BYTE: libc::off_t = 128;
    let f = std::fs::File::open(shm).ok()?;
    // SAFETY: a zeroed flock is a valid value; fcntl(F_GETLK) only writes into it.
    let mut fl: libc::flock = unsafe { std::mem::zeroed() };
    fl.l_type = libc::F_WRLCK as _;
    fl.l_whence = libc::SEEK_SET as _;
    fl.l_start = DMS_BYTE;
    fl.l_len = 1;
    // SAFETY: `f` is open for the duration of the call and `fl` is a valid flock.
    let r = unsafe { libc::fcntl(f.as_raw_fd(), libc::F_GETLK, &mut fl) };
    (r == 0 && i32::from(fl.l_type) != libc::F_UNLCK).then_some(fl.l_pid as u32)
}

#[cfg(not(unix))]
fn shm_holder(_shm: &Path) -> Option<u32> {
    None
}

/// Bytes 18 and 19 of the header are 2 in WAL mode.
fn header_says_wal(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 20];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && head[18] == 2
        && head[19] == 2
}

fn has_sqlite_header(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && &head == SQLITE_MAGIC
}

#[cfg(unix)]
fn mode(m: &std::fs::Metadata) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    Some(m.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
fn mode(_m: &std::fs::Metadata) -> Option<u32> {
    None
}

/// `<name>.*.bak` beside the database: the copies made before schema upgrades.
fn bak_files(path: &Path, dir: &Path) -> Vec<BakFile> {
    let prefix = format!("{}.", super::file_name(path));
    let mut found: Vec<BakFile> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.starts_with(&prefix) && n.ends_with(".bak")
        })
        .filter_map(|e| {
            let m = e.metadata().ok()?;
            Some(BakFile {
                path: e.path(),
                bytes: m.len(),
                modified: m.modified().ok(),
            })
        })
        .collect();
    found.sort_by(|a, b| b.modified.cmp(&a.modified).then(b.path.cmp(&a.path)));
    found
}
