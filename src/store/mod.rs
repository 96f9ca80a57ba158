//! The only place SQL lives. One SQLite file holds the imported plans, per-item status,
//! evidence notes, the audit log and unsent note drafts. Every write is one transaction that
//! also appends to the audit log.

mod agency;
pub mod doctor;
mod error;
mod import;
mod notes;
mod open;
mod read;
pub mod schema;
mod stress;
mod write;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;

pub use agency::NewMark;
pub use error::StoreError;
pub use import::{BUILT_IN, Import, ImportError};
pub use notes::{Draft, MAX_NOTE_BYTES, NewNote, NoteError, NoteWriteError};
pub use open::APPLICATION_ID;
pub use read::{AuditRow, Note, PlanRow};
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

impl Store {
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

    /// A consistent copy through SQLite's online backup, safe while others write.
    pub fn backup_to(&self, dest: &Path) -> Result<u64> {
        // Per process: two copies to the same place at once must not write one temporary file.
        let tmp = dest.with_file_name(format!(".{}.{}.tmp", file_name(dest), std::process::id()));
        let _ = std::fs::remove_file(&tmp);
        {
            let mut out = Connection::open(&tmp).map_err(|e| open_error(e, &tmp))?;
            {
                let b = rusqlite::backup::Backup::new(&self.conn, &mut out)?;
                b.run_to_completion(256, Duration::from_millis(5), None)?;
            }
            out.pragma_update(None, "journal_mode", "DELETE")?;
        }
        std::fs::rename(&tmp, dest).map_err(|source| StoreError::Io {
            path: dest.to_path_buf(),
            source,
        })?;
        Ok(std::fs::metadata(dest).map(|m| m.len()).unwrap_or(0))
    }
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| "kehoach.db".into())
}

fn open_error(e: rusqlite::Error, path: &Path) -> StoreError {
    StoreError::from(e).at(path)
}
