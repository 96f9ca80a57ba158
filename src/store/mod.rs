//! The only place SQL lives. One SQLite file holds the imported plans, per-item status,
//! evidence notes, the audit log and unsent note drafts. Every write is one transaction that
//! also appends to the audit log.

mod agency;
mod backup;
pub mod doctor;
mod error;
mod files;
mod import;
mod library;
mod notes;
mod open;
mod read;
mod read_only;
mod restore;
pub mod schema;
#[cfg(feature = "stress")]
mod stress;
mod write;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;

pub use agency::NewMark;
pub use backup::{BackupError, NotKehoach};
pub use error::StoreError;
pub use import::{BUILT_IN, Import, ImportError};
pub use notes::{Draft, DraftKey, MAX_NOTE_BYTES, NewNote, NoteError, NoteWriteError};
pub use open::APPLICATION_ID;
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
    /// A read-only store: how the files looked when it was opened (see
    /// [`Store::reopen_if_changed`]).
    seen: Option<read_only::Stamp>,
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
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| "kehoach.db".into())
}

fn open_error(e: rusqlite::Error, path: &Path) -> StoreError {
    StoreError::from(e).at(path)
}
