//! What can go wrong with the database, each told in one sentence that says what to do.

use std::path::PathBuf;

use thiserror::Error;

use crate::plan::PlanError;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error(
        "{path} is not a kehoach database (it is not an SQLite file); it was left untouched: pass another --db, or put a backup in its place with `kehoach restore FILE`"
    )]
    NotADatabase { path: PathBuf },
    #[error(
        "{path} is an SQLite database of another program, not kehoach's; it was left untouched: pass --db the path of a kehoach database or of a new file"
    )]
    Foreign { path: PathBuf },
    #[error(
        "{path} is not a regular file (it is a folder, a pipe or a device); nothing was opened: pass --db the path of a database file"
    )]
    NotAFile { path: PathBuf },
    #[error(
        "the database {path} has changes in its -wal file that only someone who may write it can read (its -shm file is missing); nothing was changed: ask its owner to run `kehoach status` once"
    )]
    WalWithoutShm { path: PathBuf },
    #[error(
        "the database {path} is damaged ({detail}); it was left untouched: put a backup in its place with `kehoach restore FILE`, or run `kehoach doctor`"
    )]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "this database has schema version {found} but this kehoach understands up to {supported}: use a newer kehoach"
    )]
    TooNew { found: i64, supported: i64 },
    #[error(
        "the database is busy: another kehoach kept it locked for more than 5 seconds; nothing was changed, try again"
    )]
    Locked,
    #[error(
        "the database {path} was being written by another kehoach the whole time this one tried to read it (2 seconds); nothing was changed, try again"
    )]
    Unsettled { path: PathBuf },
    #[error(
        "the database {path} is read-only (no write permission on the file, its folder or its -wal/-shm files); nothing was changed: ask its owner, or copy it with `kehoach backup`"
    )]
    ReadOnly { path: PathBuf },
    #[error("cannot use {path}: {source}; pass another --db or fix the permissions")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the plan stored in the database is invalid: {0}")]
    StoredPlan(PlanError),
    #[error("there is no plan {wanted:?} in the database; plans: {known}")]
    UnknownPlan { wanted: String, known: String },
    #[error("item {item} of plan {plan} has notes or status, and the new file drops it: {hint}")]
    WouldDropItem {
        plan: String,
        item: String,
        hint: &'static str,
    },
    #[error("note #{0} does not exist (it may have been deleted)")]
    UnknownNote(i64),
    #[error("note #{id} was written by {author}; only its author can change it")]
    NotYourNote { id: i64, author: String },
    #[error("not undone: {who} changed {item} at {at}, after this session's change")]
    ChangedSince {
        item: String,
        who: String,
        at: String,
    },
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        match e.sqlite_error_code() {
            Some(C::DatabaseBusy | C::DatabaseLocked) => StoreError::Locked,
            Some(C::ReadOnly) => StoreError::ReadOnly {
                path: PathBuf::new(),
            },
            Some(C::NotADatabase) => StoreError::NotADatabase {
                path: PathBuf::new(),
            },
            Some(C::DatabaseCorrupt) => StoreError::Corrupt {
                path: PathBuf::new(),
                detail: e.to_string(),
            },
            _ => StoreError::Sqlite(e),
        }
    }
}

impl StoreError {
    /// Fill in the database path for errors raised where it was not known.
    pub fn at(self, p: &std::path::Path) -> Self {
        match self {
            StoreError::ReadOnly { path } if path.as_os_str().is_empty() => StoreError::ReadOnly {
                path: p.to_path_buf(),
            },
            StoreError::NotADatabase { path } if path.as_os_str().is_empty() => {
                StoreError::NotADatabase {
                    path: p.to_path_buf(),
                }
            }
            StoreError::Corrupt { path, detail } if path.as_os_str().is_empty() => {
                StoreError::Corrupt {
                    path: p.to_path_buf(),
                    detail,
                }
            }
            e => e,
        }
    }
}
