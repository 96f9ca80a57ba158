//! The files of a database: the `-wal` and `-shm` beside it, whether this process may write
//! them, how they are shared with the group, and the file's `file:` URI for SQLite.

use std::path::{Path, PathBuf};

use super::file_name;

pub(super) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    path.with_file_name(format!("{}{suffix}", file_name(path)))
}

/// We may change the database: the file, its folder (for the `-wal` and `-shm` files), and
/// any `-wal`/`-shm` already beside it can be written. Asks the kernel; creates nothing.
pub(super) fn may_write(path: &Path) -> bool {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    can_write(path)
        && can_write(dir)
        && ["-wal", "-shm"]
            .iter()
            .all(|s| can_write_or_absent(&sibling(path, s)))
}

/// A `-wal` or `-shm` beside the database may be written, or is not there: the last
/// connection to close deletes the `-wal`, maybe between a look and a check, and in a
/// folder we may write it is made again. (Asking "is it there?" first and then "may I write
/// it?" told a coordinator whose colleague had just finished that the database was
/// read-only.)
fn can_write_or_absent(path: &Path) -> bool {
    match access_write(path) {
        Ok(()) => true,
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    }
}

/// Whether this process may write `path` (permissions, ACLs, read-only mounts, immutable
/// files).
pub(super) fn can_write(path: &Path) -> bool {
    access_write(path).is_ok()
}

/// access(2) for writing, with the reason when it says no.
#[cfg(unix)]
fn access_write(path: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes())
        .map_err(|_| std::io::Error::from(std::io::ErrorKind::InvalidInput))?;
    // SAFETY: `c` is a valid NUL-terminated string for the duration of the call.
    if unsafe { libc::access(c.as_ptr(), libc::W_OK) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Elsewhere: the file's read-only flag, and the reason it cannot be read.
#[cfg(not(unix))]
fn access_write(path: &Path) -> std::io::Result<()> {
    if std::fs::metadata(path)?.permissions().readonly() {
        Err(std::io::Error::from(std::io::ErrorKind::PermissionDenied))
    } else {
        Ok(())
    }
}

/// Percent-encode a path for an SQLite `file:` URI.
pub(super) fn uri_path(path: &Path) -> String {
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

/// SQLite gives a new `-wal`/`-shm` the database's mode, but the owner and group of whoever
/// created it: in a folder without the setgid bit, the creator's own group, which the other
/// coordinators cannot write. Ours are given the database's group and mode.
#[cfg(unix)]
pub(super) fn share_siblings(path: &Path) {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let Ok(db) = std::fs::metadata(path) else {
        return;
    };
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    for suffix in ["-wal", "-shm"] {
        let p = sibling(path, suffix);
        let Ok(m) = std::fs::metadata(&p) else {
            continue;
        };
        if m.uid() != me {
            continue;
        }
        if m.gid() != db.gid() {
            let _ = std::os::unix::fs::chown(&p, None, Some(db.gid()));
        }
        let want = db.mode() & 0o666;
        if m.mode() & 0o777 != want {
            let _ = std::fs::set_permissions(&p, std::fs::Permissions::from_mode(want));
        }
    }
}

#[cfg(not(unix))]
pub(super) fn share_siblings(_path: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wal_that_comes_and_goes_never_makes_the_database_read_only() {
        // Another coordinator's kehoach makes the -wal when it starts and deletes it when it
        // ends, any number of times while this one decides how to open the file.
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("k.db");
        std::fs::write(&db, b"").unwrap();
        let wal = sibling(&db, "-wal");
        let stop = std::sync::atomic::AtomicBool::new(false);
        std::thread::scope(|scope| {
            scope.spawn(|| {
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let _ = std::fs::write(&wal, b"");
                    let _ = std::fs::remove_file(&wal);
                }
            });
            let refused = (0..20_000).filter(|_| !may_write(&db)).count();
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
            assert_eq!(refused, 0, "read-only {refused} times in 20,000");
        });
    }
}
