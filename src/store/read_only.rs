//! Reading a database one may not write: opened without creating anything beside it, read
//! from one snapshot, with patience for the moments a writer passes through.

use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags};

use super::files::{sibling, uri_path};
use super::open::read_header;
use super::{Result, Store, StoreError, open_error, schema};

/// What a reader can see of the database's files without opening them: the main file's size
/// and time, and whether a `-wal` and a `-shm` are there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    main: Option<(u64, std::time::SystemTime)>,
    wal: bool,
    shm: bool,
}

impl Stamp {
    pub fn of(path: &Path) -> Stamp {
        Stamp {
            main: std::fs::metadata(path)
                .ok()
                .and_then(|m| Some((m.len(), m.modified().ok()?))),
            wal: sibling(path, "-wal").exists(),
            shm: sibling(path, "-shm").exists(),
        }
    }
}

/// Read without creating anything beside the database: a reader that leaves a `-wal` or
/// `-shm` of its own (its owner, its mode) would lock out the people who may write.
/// - a rollback-journal database, or a WAL one whose `-wal` and `-shm` are both there (someone
///   has it open, or left them): an ordinary read-only connection, which opens them as they are;
/// - a WAL database with no `-wal` (or an empty one) and no `-shm`: every committed change is
///   in the main file, read as immutable (no locks, no files);
/// - a `-wal` with changes but no `-shm`: refused, only a writer can bring those changes in.
///
/// The connection comes back inside a read transaction: everything read through it is one
/// snapshot (see [`begin_snapshot`]), taken with patience for the moments a writer passes through.
pub(super) fn open_read_only(path: &Path, patience: Duration) -> Result<Connection> {
    patiently(patience, || {
        let conn = connect_read_only(path)?;
        begin_snapshot(&conn).map_err(|e| Failed::sqlite(e, path))?;
        Ok(conn)
    })
}

fn connect_read_only(path: &Path) -> Result<Connection, Failed> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let head = read_header(path).map_err(Failed::now)?;
    let wal = std::fs::metadata(sibling(path, "-wal")).ok();
    let shm = sibling(path, "-shm").exists();
    let uri = if !head.wal || (wal.is_some() && shm) {
        format!("file:{}?mode=ro", uri_path(path))
    } else if wal.is_some_and(|m| m.len() > 0) {
        // Passing while a writer closes (its -shm is removed a moment before its -wal).
        return Err(Failed {
            error: StoreError::WalWithoutShm {
                path: path.to_path_buf(),
            },
            passing: true,
        });
    } else {
        format!("file:{}?immutable=1", uri_path(path))
    };
    let sqlite = |e| Failed::sqlite(e, path);
    let conn = Connection::open_with_flags(uri, flags).map_err(sqlite)?;
    conn.busy_timeout(super::BUSY_TIMEOUT).map_err(sqlite)?;
    Ok(conn)
}

/// How long a one-shot command waits for a writer to pass before it says why it cannot read.
pub(super) const READ_PATIENCE: Duration = Duration::from_secs(2);

/// How long an open view waits: it polls every second, and the next poll tries again.
const VIEW_PATIENCE: Duration = Duration::from_millis(50);

/// A read-only connection cannot rebuild the WAL index (the `-shm`) as a writer does, so for
/// a few milliseconds it may find the index half-written by a commit, or a writer closing:
/// its `-shm` removed and its `-wal` not yet, or both removed after this reader chose to open
/// them. Those pass; try again until `patience` is spent, then say what was found.
fn patiently<T>(patience: Duration, mut attempt: impl FnMut() -> Result<T, Failed>) -> Result<T> {
    let until = Instant::now() + patience;
    let mut pause = Duration::from_millis(2);
    loop {
        match attempt() {
            Ok(v) => return Ok(v),
            Err(f) if f.passing && Instant::now() + pause < until => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(100));
            }
            Err(f) => return Err(f.error),
        }
    }
}

/// One try at reading: what went wrong, and whether it passes by itself.
struct Failed {
    error: StoreError,
    passing: bool,
}

impl Failed {
    fn now(error: StoreError) -> Failed {
        Failed {
            error,
            passing: false,
        }
    }

    /// SQLite's extended result codes for a WAL index caught mid-change by a reader that may
    /// not write it, and for a `-wal` that vanished after it was chosen.
    fn sqlite(e: rusqlite::Error, path: &Path) -> Failed {
        use rusqlite::ffi;
        let passing = e.sqlite_error().is_some_and(|f| {
            matches!(
                f.extended_code,
                ffi::SQLITE_BUSY_RECOVERY
                    | ffi::SQLITE_READONLY_RECOVERY
                    | ffi::SQLITE_READONLY_CANTINIT
                    | ffi::SQLITE_READONLY_DIRECTORY
                    | ffi::SQLITE_PROTOCOL
            )
        });
        let error = if passing {
            StoreError::Unsettled {
                path: path.to_path_buf(),
            }
        } else {
            open_error(e, path)
        };
        Failed { error, passing }
    }
}

/// The read transaction a read-only store holds from opening to closing, renewed by
/// [`Store::reopen_if_changed`]: one command's reads all come from one moment, and only the
/// first read of each snapshot meets a writer's half-written WAL index.
fn begin_snapshot(conn: &Connection) -> rusqlite::Result<()> {
    if !conn.is_autocommit() {
        conn.execute_batch("COMMIT")?;
    }
    conn.execute_batch("BEGIN")?;
    // The first read starts the snapshot.
    match schema::version(conn) {
        Ok(_) => Ok(()),
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

impl Store {
    /// A read-only store reads from one snapshot, and may have been opened as immutable (no
    /// `-wal` then, and it may create none), which never sees later commits. Take a newer
    /// snapshot; when the files beside it have changed since (a writer came and went, or is
    /// there now), open it again; true when it did, so that a view reloads. Writable stores
    /// never need it.
    pub fn reopen_if_changed(&mut self) -> Result<bool> {
        let Some(seen) = self.seen else {
            return Ok(false);
        };
        let now = Stamp::of(&self.path);
        if now == seen {
            let (conn, path) = (&self.conn, &self.path);
            patiently(VIEW_PATIENCE, || {
                begin_snapshot(conn).map_err(|e| Failed::sqlite(e, path))
            })?;
            return Ok(false);
        }
        self.conn = open_read_only(&self.path, VIEW_PATIENCE)?;
        self.seen = Some(now);
        Ok(true)
    }
}
