//! The real `kehoach` binary on a database in a temporary folder, for command-line tests.

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

pub struct Db {
    pub dir: TempDir,
    pub path: PathBuf,
}

impl Db {
    pub fn new() -> Db {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kehoach.db");
        Db { dir, path }
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `kehoach` with a clean environment: user `lan`, Vietnamese, wide output.
    pub fn bare(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_kehoach"));
        c.env_remove("KEHOACH_DB")
            .env_remove("KEHOACH_TODAY")
            .env_remove("KEHOACH_LANG")
            .env("USER", "lan")
            .env("HOME", self.dir.path())
            .env("COLUMNS", "200");
        c
    }

    /// `kehoach --db <temp> …`.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = self.bare();
        c.arg("--db").arg(&self.path).args(args);
        c
    }

    /// Run, expect success, return stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().unwrap();
        assert!(
            out.status.success(),
            "kehoach {args:?} failed ({:?}): {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// The audit log, newest first, as one text.
    pub fn history(&self) -> String {
        self.ok(&["history", "--limit", "200"])
    }

    /// Run, expect exit `code`, return stderr.
    pub fn fails(&self, args: &[&str], code: u8) -> String {
        let out = self.cmd(args).output().unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(
            out.status.code(),
            Some(i32::from(code)),
            "kehoach {args:?}: stdout {} stderr {err}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(!err.trim().is_empty(), "kehoach {args:?} failed silently");
        err
    }
}

pub fn json(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

/// RFC 4180 records (quoted fields may hold commas, quotes and line breaks).
pub fn csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// Run `kehoach --db DB ARGS` in a pseudo-terminal (util-linux `script`), so standard output
/// and standard error are both a terminal; returns every byte the terminal received.
pub fn on_a_terminal(db: &std::path::Path, args: &[&str]) -> Vec<u8> {
    let quote = |s: &str| format!("'{}'", s.replace('\'', "'\\''"));
    let line = [env!("CARGO_BIN_EXE_kehoach"), "--db", db.to_str().unwrap()]
        .iter()
        .chain(args)
        .map(|a| quote(a))
        .collect::<Vec<_>>()
        .join(" ");
    let out = std::process::Command::new("script")
        .args(["-q", "-e", "-c", &line, "/dev/null"])
        .env("USER", "lan")
        .env("COLUMNS", "200")
        .env_remove("KEHOACH_LANG")
        .env_remove("KEHOACH_DB")
        .env_remove("KEHOACH_TODAY")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("script (util-linux) runs");
    out.stdout
}
