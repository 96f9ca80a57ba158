//! Opening the database file: what counts as a kehoach database, read-write or read-only,
//! and the schema upgrade. Nothing here changes a file it has not recognised as kehoach's.

use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use super::files::{may_write, share_siblings};
use super::{Result, Store, StoreError, file_name, open_error, schema};

/// How much of the database file [`Store::map_file`] maps; past it, SQLite reads as usual.
/// The stress database (290 MB) fits.
const MMAP_SIZE: i64 = 512 * 1024 * 1024;

/// `PRAGMA application_id` of every kehoach database: "KEHO" in ASCII (1262831695). Set when
/// a database is created, and on the first writable open of one made before it was set.
pub const APPLICATION_ID: i32 = 0x4B45_484F;

/// Tables every kehoach database has had since schema version 1: how a database made before
/// `application_id` was set is recognised.
const KEHOACH_TABLES: &[&str] = &["plan", "plan_item", "item_state", "note", "audit"];

pub(super) const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What the first 100 bytes of the file say, read before SQLite touches it (an empty file,
/// which becomes a new database, says nothing).
pub(super) struct Header {
    /// Bytes 18–19 are 2: the file is in WAL mode.
    pub(super) wal: bool,
    application_id: u32,
    /// The file had no bytes: a database about to be made, here or by another kehoach.
    empty: bool,
}

impl Store {
    /// Open (creating if needed) the database at `path`, upgrading an older schema after
    /// writing a backup copy next to it. A file that is not a kehoach database is never
    /// modified. Opens read-only when the file, its folder or its `-wal`/`-shm` cannot be
    /// written; a read-only open creates no file.
    pub fn open(path: &Path) -> Result<Store> {
        super::library::configure();
        // A pipe, a device or a folder: opening it could block forever, or mean nothing.
        if let Ok(meta) = std::fs::metadata(path)
            && !meta.is_file()
        {
            return Err(StoreError::NotAFile {
                path: path.to_path_buf(),
            });
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.exists()
        {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let exists = path.exists();
        if !exists {
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
        let foreign =
            |h: &Header| h.application_id != 0 && h.application_id != APPLICATION_ID as u32;
        let mut head = read_header(path)?;
        if foreign(&head) {
            // The header is read as raw bytes, while another kehoach may be writing page 1 (a
            // checkpoint right after creating the database): look again before calling it
            // another program's.
            std::thread::sleep(std::time::Duration::from_millis(50));
            head = read_header(path)?;
            if foreign(&head) {
                return Err(StoreError::Foreign {
                    path: path.to_path_buf(),
                });
            }
        }
        let writable = !exists || may_write(path);
        let conn = if writable {
            Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_WRITE
                    | OpenFlags::SQLITE_OPEN_CREATE
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .map_err(|e| open_error(e, path))?
        } else {
            super::read_only::open_read_only(path, super::read_only::READ_PATIENCE)?
        };
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            read_only: !writable,
            seen: (!writable).then(|| super::read_only::Stamp::of(path)),
        };
        store.configure()?;
        if writable && !head.empty {
            store.map_file()?;
        }
        if writable {
            // configure's first read made the -wal and -shm.
            share_siblings(path);
        }
        store.upgrade()?;
        Ok(store)
    }

    /// A private in-memory database (tests, benchmarks).
    pub fn open_in_memory() -> Result<Store> {
        super::library::configure();
        let conn = Connection::open_in_memory()?;
        let mut s = Store {
            conn,
            path: PathBuf::from(":memory:"),
            read_only: false,
            seen: None,
        };
        s.configure()?;
        s.upgrade()?;
        Ok(s)
    }

    fn configure(&mut self) -> Result<()> {
        let path = self.path.clone();
        let map = |e: rusqlite::Error| open_error(e, &path);
        self.conn.busy_timeout(super::BUSY_TIMEOUT).map_err(map)?;
        self.conn
            .pragma_update(None, "foreign_keys", true)
            .map_err(map)?;
        // Before anything is changed (switching to WAL rewrites the header). Reading the
        // schema touches page 1: a damaged header fails here, cleanly.
        if !is_kehoach(&self.conn).map_err(map)? {
            return Err(StoreError::Foreign { path });
        }
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
        Ok(())
    }

    /// Let SQLite read pages where the kernel keeps them (`PRAGMA mmap_size`) instead of
    /// copying them into its own cache: a read command touches about 30 fewer fresh pages of
    /// memory (benches/BENCHMARKS.md, fourth round).
    ///
    /// Only for a read-write connection to a file that already holds a database. A read-only
    /// one may open the file `immutable`, and a mapped page past the end of a file another
    /// process shortened would be SIGBUS, not an error. And with a map SQLite first extends
    /// the file (with zeros) before it writes the pages: on an empty file, being created by
    /// this kehoach, another one starting at that moment would read a header of zeros and
    /// call the file not a database.
    fn map_file(&mut self) -> Result<()> {
        let path = self.path.clone();
        self.conn
            .pragma_update(None, "mmap_size", MMAP_SIZE)
            .map_err(|e| open_error(e, &path))
    }

    fn upgrade(&mut self) -> Result<()> {
        let path = self.path.clone();
        let v = schema::version(&self.conn)?;
        if v > schema::latest() {
            return Err(StoreError::TooNew {
                found: v,
                supported: schema::latest(),
            });
        }
        if v == schema::latest() && application_id(&self.conn)? == APPLICATION_ID {
            return Ok(());
        }
        if self.read_only {
            // A kehoach database from before application_id is read as it is.
            return if v == schema::latest() {
                Ok(())
            } else {
                Err(StoreError::ReadOnly { path })
            };
        }
        // One transaction holds the write lock from the copy to the last step: a second
        // coordinator starting kehoach at the same moment waits, then finds the upgrade done.
        // No process ever sees, or copies, a half-upgraded file.
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)
            .map_err(|e| open_error(e, &path))?;
        let now = schema::version(&tx)?;
        if now > 0 && now < schema::latest() && path.as_os_str() != ":memory:" {
            let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
            let copy = path.with_file_name(format!("{}.v{now}-{stamp}.bak", file_name(&path)));
            // The online backup will not read through a connection that is in a write
            // transaction; a second connection reads the last commit, which nobody can change
            // while this one holds the write lock.
            let reader = Connection::open_with_flags(
                &path,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .map_err(|e| open_error(e, &path))?;
            reader
                .busy_timeout(super::BUSY_TIMEOUT)
                .map_err(|e| open_error(e, &path))?;
            let reader = Store {
                conn: reader,
                path: path.clone(),
                read_only: true,
                seen: None,
            };
            reader.backup_to(&copy)?;
        }
        schema::apply(&tx).map_err(|e| e.at(&path))?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.commit().map_err(|e| open_error(e, &path))
    }
}

fn application_id(conn: &Connection) -> rusqlite::Result<i32> {
    conn.query_row("PRAGMA application_id", [], |r| r.get(0))
}

/// kehoach's own `application_id`; or none, and either no tables at all (a new or empty
/// database) or kehoach's tables (made before the id was set).
pub(super) fn is_kehoach(conn: &Connection) -> rusqlite::Result<bool> {
    // One read transaction: the id, the tables and the version from the same moment, though
    // another kehoach may be creating the database right now.
    // A read-only connection is already inside its snapshot.
    let own = conn.is_autocommit();
    if own {
        conn.execute_batch("BEGIN")?;
    }
    let answer = recognise(conn);
    if own {
        conn.execute_batch("COMMIT")?;
    }
    answer
}

fn recognise(conn: &Connection) -> rusqlite::Result<bool> {
    match application_id(conn)? {
        APPLICATION_ID => return Ok(true),
        0 => {}
        _ => return Ok(false),
    }
    let mut st = conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")?;
    let tables: Vec<String> = st
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if tables.is_empty() {
        return Ok(schema::version(conn)? == 0);
    }
    Ok(KEHOACH_TABLES.iter().all(|t| tables.iter().any(|n| n == t)))
}

/// Refuse files that are not SQLite databases before SQLite can touch them.
pub(super) fn read_header(path: &Path) -> Result<Header> {
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut f = std::fs::File::open(path).map_err(io)?;
    let mut head = [0u8; 100];
    let mut n = 0;
    while n < head.len() {
        match f.read(&mut head[n..]).map_err(io)? {
            0 => break,
            k => n += k,
        }
    }
    if n == 0 {
        return Ok(Header {
            wal: false,
            application_id: 0,
            empty: true,
        });
    }
    // After the magic string: a page size that is a power of two from 512 to 65536 (1 means
    // 65536) and the payload fractions every SQLite file has (64, 32, 32). Noise after the
    // magic string is damage, not another program's database.
    let page = u16::from_be_bytes([head[16], head[17]]);
    let plausible =
        (page == 1 || (page >= 512 && page.is_power_of_two())) && head[21..24] == [64, 32, 32];
    if n < head.len() || &head[..16] != SQLITE_MAGIC || !plausible {
        return Err(StoreError::NotADatabase {
            path: path.to_path_buf(),
        });
    }
    Ok(Header {
        wal: head[18] == 2 && head[19] == 2,
        application_id: u32::from_be_bytes([head[68], head[69], head[70], head[71]]),
        empty: false,
    })
}
