//! The only place SQL lives. One SQLite file holds the imported plans, per-item status,
//! evidence notes, the audit log and unsent note drafts. Every write is one transaction that
//! also appends to the audit log.

mod agency;
mod backup;
pub mod doctor;
mod error;
mod import;
mod notes;
mod read;
mod restore;
pub mod schema;
#[cfg(feature = "stress")]
mod stress;
mod write;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub use agency::NewMark;
pub use backup::{BackupError, NotKehoach};
pub use error::StoreError;
pub use import::{BUILT_IN, Import, ImportError};
pub use notes::{Draft, DraftKey, MAX_NOTE_BYTES, NewNote, NoteError, NoteWriteError};
pub use read::{AuditRow, Note, PlanRow};
pub use restore::{RESTORE_ACTION, RestoreMark, Restored, restore_unusable};
#[cfg(feature = "stress")]
pub use stress::StressSize;
pub use write::Actor;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// How long a writer waits for another process's lock before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

pub struct Store {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("read_only", &self.read_only)
            .finish()
    }
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

impl Store {
    /// Open (creating if needed) the database at `path`, migrating an older schema after
    /// writing a backup copy next to it. A file that is not a database is never modified.
    /// Falls back to read-only when the file or its folder cannot be written.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.exists()
        {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let exists = path.exists();
        if exists {
            check_header(path)?;
        } else {
            // Say why a new database cannot be made here (a folder we may not write, a file
            // where a folder should be) instead of SQLite's "unable to open database file".
            // Never truncates: another kehoach may have created it a moment ago.
            std::fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(false)
                .open(path)
                .map_err(|source| StoreError::Io {
                    path: path.to_path_buf(),
                    source,
                })?;
        }
        let writable = !exists || probe_writable(path);
        let mut store = if writable {
            let conn = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_WRITE
                    | OpenFlags::SQLITE_OPEN_CREATE
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .map_err(|e| open_error(e, path))?;
            Store {
                conn,
                path: path.to_path_buf(),
                read_only: false,
            }
        } else {
            let conn = open_read_only(path)?;
            Store {
                conn,
                path: path.to_path_buf(),
                read_only: true,
            }
        };
        store.configure()?;
        store.upgrade()?;
        Ok(store)
    }

    /// A private in-memory database (tests, benchmarks).
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut s = Store {
            conn,
            path: PathBuf::from(":memory:"),
            read_only: false,
        };
        s.configure()?;
        s.upgrade()?;
        Ok(s)
    }

    fn configure(&mut self) -> Result<()> {
        let path = self.path.clone();
        let map = |e: rusqlite::Error| open_error(e, &path);
        self.conn.busy_timeout(BUSY_TIMEOUT).map_err(map)?;
        self.conn
            .pragma_update(None, "foreign_keys", true)
            .map_err(map)?;
        if !self.read_only {
            // WAL lets readers (other TUIs, `kehoach overdue` over SSH) run beside a writer.
            // FULL makes every commit durable before we say "saved": a power cut loses nothing
            // that was acknowledged.
            // Some filesystems (network mounts) refuse WAL; SQLite then keeps its rollback
            // journal and still works, with readers waiting for writers.
            let _mode: String = self
                .conn
                .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
                .map_err(map)?;
            self.conn
                .pragma_update(None, "synchronous", "FULL")
                .map_err(map)?;
        }
        // Reading the schema version touches page 1: a damaged header fails here, cleanly.
        schema::version(&self.conn).map_err(map)?;
        Ok(())
    }

    fn upgrade(&mut self) -> Result<()> {
        let v = schema::version(&self.conn)?;
        if v > schema::latest() {
            return Err(StoreError::TooNew {
                found: v,
                supported: schema::latest(),
            });
        }
        if v == schema::latest() {
            return Ok(());
        }
        if self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
            });
        }
        if v > 0 && self.path.as_os_str() != ":memory:" {
            // Check the version and copy in one read transaction: when two coordinators start
            // a new kehoach at once, the one that comes second must not copy the database the
            // first has just upgraded under the old version's name.
            self.conn.execute_batch("BEGIN")?;
            let copied = match schema::version(&self.conn) {
                Ok(now) if now < schema::latest() => {
                    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
                    let copy = self
                        .path
                        .with_file_name(format!("{}.v{now}-{stamp}.bak", file_name(&self.path)));
                    self.backup_to(&copy).map(|_| ())
                }
                Ok(_) => Ok(()),
                Err(e) => Err(e.into()),
            };
            self.conn.execute_batch("COMMIT")?;
            copied?;
        }
        schema::migrate(&mut self.conn).map_err(|e| e.at(&self.path))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(schema::version(&self.conn)?)
    }

    /// Changes whenever another connection commits: the cheap "did anything change?" poll.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| "kehoach.db".into())
}

/// Refuse files that are not SQLite databases before SQLite can touch them.
fn check_header(path: &Path) -> Result<()> {
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut f = std::fs::File::open(path).map_err(io)?;
    let mut head = [0u8; 16];
    let n = f.read(&mut head).map_err(io)?;
    if n == 0 {
        return Ok(()); // an empty file becomes a new database
    }
    if n < 16 || &head != SQLITE_MAGIC {
        return Err(StoreError::NotADatabase {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// A WAL database in a folder we cannot write has no -shm file to share, and SQLite refuses
/// to read it ("unable to open database file"). When there is no -wal file either, every
/// committed change is in the main file: it is read as immutable (no locks, no -shm).
fn open_read_only(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(e, path))?;
    let cannot = conn
        .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
        .err()
        .and_then(|e| e.sqlite_error_code())
        == Some(rusqlite::ErrorCode::CannotOpen);
    let wal = path.with_file_name(format!("{}-wal", file_name(path)));
    if !cannot || wal.exists() {
        return Ok(conn);
    }
    let uri = format!("file:{}?immutable=1", uri_path(path));
    Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)
        .map_err(|e| open_error(e, path))
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

/// Whether we can write the file and create the journal files beside it.
fn probe_writable(path: &Path) -> bool {
    let file_ok = std::fs::OpenOptions::new().write(true).open(path).is_ok();
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let probe = dir.join(format!(".kehoach-probe-{}", std::process::id()));
    let dir_ok = std::fs::File::create(&probe).is_ok();
    let _ = std::fs::remove_file(&probe);
    file_ok && dir_ok
}

fn open_error(e: rusqlite::Error, path: &Path) -> StoreError {
    StoreError::from(e).at(path)
}
