//! The adversarial matrix of shared use (issue 9), one row per case: what was done, the exit
//! code kehoach must give, words its message must contain, and whether the database file must
//! be byte for byte as it was. Cases that need another Unix account run the binary as
//! `nobody` through `setpriv` (root ignores file modes); without root or setpriv those rows
//! say why and are skipped.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use kehoach::plan::EMBEDDED_PLAN;

/// Runnable by every account (see [`common::shared_binary`]).
fn bin() -> &'static str {
    common::shared_binary()
}
const NOBODY: &str = "65534";

/// Who runs the command.
#[derive(Clone, Copy, PartialEq)]
enum As {
    Me,
    /// Another account, in no group of the files' owner.
    Nobody,
}

struct Run {
    args: Vec<String>,
    env: Vec<(String, String)>,
    unset: Vec<String>,
    who: As,
}

impl Run {
    fn new(db: &Path, args: &[&str]) -> Run {
        let mut all = vec!["--db".to_string(), db.display().to_string()];
        all.extend(args.iter().map(|a| a.to_string()));
        Run {
            args: all,
            env: vec![],
            unset: vec![],
            who: As::Me,
        }
    }

    fn bare(args: &[&str]) -> Run {
        Run {
            args: args.iter().map(|a| a.to_string()).collect(),
            env: vec![],
            unset: vec![],
            who: As::Me,
        }
    }

    fn env(mut self, k: &str, v: &str) -> Run {
        self.env.push((k.into(), v.into()));
        self
    }

    fn unset(mut self, k: &str) -> Run {
        self.unset.push(k.into());
        self
    }

    fn by_nobody(mut self) -> Run {
        self.who = As::Nobody;
        self
    }

    /// Run with a time limit: a hang is a failure, not a stuck test.
    fn output(&self, home: &Path) -> Output {
        self.within(home)
            .unwrap_or_else(|hung| panic!("kehoach {:?} {hung}", self.args))
    }

    fn within(&self, home: &Path) -> Result<Output, String> {
        let mut c = if self.who == As::Nobody {
            let mut c = Command::new("setpriv");
            c.args([
                &format!("--reuid={NOBODY}"),
                &format!("--regid={NOBODY}"),
                "--clear-groups",
                bin(),
            ]);
            c
        } else {
            Command::new(bin())
        };
        c.args(&self.args)
            .env_remove("KEHOACH_DB")
            .env_remove("KEHOACH_TODAY")
            .env_remove("KEHOACH_LANG")
            .env("USER", "lan")
            .env("HOME", home)
            .env("COLUMNS", "200")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for k in &self.unset {
            c.env_remove(k);
        }
        for (k, v) in &self.env {
            c.env(k, v);
        }
        let child = c.spawn().expect("kehoach starts");
        let pid = child.id();
        // The output is read while the command runs (a big export fills a pipe); a command
        // still running after 20 s is killed and reported as hung.
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(child.wait_with_output());
        });
        match rx.recv_timeout(Duration::from_secs(20)) {
            Ok(out) => Ok(out.unwrap()),
            Err(_) => {
                let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
                let out = rx.recv().unwrap().unwrap();
                Err(format!(
                    "hung for 20 s; stderr so far: {}",
                    String::from_utf8_lossy(&out.stderr)
                ))
            }
        }
    }
}

/// A folder the test owns, readable by everyone (so `nobody` can reach what is inside).
fn place() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::set_permissions(d.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    d
}

fn seeded(path: &Path) {
    let out = Command::new(bin())
        .args([
            "--db",
            path.to_str().unwrap(),
            "--user",
            "lan",
            "done",
            "IV.2.a",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn chmod(p: &Path, mode: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn side(db: &Path, suffix: &str) -> PathBuf {
    db.with_file_name(format!(
        "{}{suffix}",
        db.file_name().unwrap().to_string_lossy()
    ))
}

/// Builds the situation in a folder; returns the database to watch and what to run.
type Setup = Box<dyn Fn(&Path) -> (PathBuf, Run)>;

struct Case {
    name: &'static str,
    /// Needs another account (root + setpriv).
    other_account: bool,
    /// Build the situation in `dir`; return the database path and what to run.
    setup: Setup,
    code: i32,
    /// Each must appear (case-insensitive) in stdout + stderr.
    says: &'static [&'static str],
    /// Must not appear (a healthy file called damaged, a panic).
    never: &'static [&'static str],
    /// The database file must be byte for byte as before, with no -wal/-shm left beside it
    /// that was not there before.
    untouched: bool,
}

/// A healthy database owned by root, mode 0644, in a 0755 folder: others may only read.
fn read_only_for_others(dir: &Path) -> PathBuf {
    let db = dir.join("k.db");
    seeded(&db);
    chmod(&db, 0o644);
    chmod(dir, 0o755);
    db
}

fn foreign_sqlite(dir: &Path, user_version: i64) -> PathBuf {
    let db = dir.join("other.db");
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute_batch(
        "CREATE TABLE invoice (id INTEGER PRIMARY KEY, amount REAL);
         INSERT INTO invoice (amount) VALUES (12.5);",
    )
    .unwrap();
    c.pragma_update(None, "user_version", user_version).unwrap();
    drop(c);
    db
}

fn cases() -> Vec<Case> {
    let mut cases: Vec<Case> = [
        &["show", "IV.2.a"][..],
        &["search", "so noi vu"],
        &["history"],
        &["export", "--format", "json"],
        &["export", "--format", "md"],
        &["agencies"],
        &["checklist"],
        &["plans"],
    ]
    .into_iter()
    .map(|args| Case {
        name: "a read command on a database others may only read",
        other_account: true,
        setup: Box::new(move |d| {
            let db = read_only_for_others(d);
            (db.clone(), Run::new(&db, args).by_nobody())
        }),
        code: 0,
        says: &[],
        never: &["chỉ đọc", "panicked"],
        untouched: true,
    })
    .collect();
    cases.extend(vec![
        Case {
            name: "status on a database others may only read",
            other_account: true,
            setup: Box::new(|d| {
                let db = read_only_for_others(d);
                (db.clone(), Run::new(&db, &["status"]).by_nobody())
            }),
            code: 0,
            says: &["chỉ đọc", "IV"],
            never: &["panicked"],
            untouched: true,
        },
        Case {
            name: "overdue on a database others may only read",
            other_account: true,
            setup: Box::new(|d| {
                let db = read_only_for_others(d);
                let run = Run::new(&db, &["--today", "2023-12-01", "overdue"]).by_nobody();
                (db, run)
            }),
            code: 0,
            says: &["III.1"],
            never: &["panicked"],
            untouched: true,
        },
        Case {
            name: "doctor on a healthy database others may only read",
            other_account: true,
            setup: Box::new(|d| {
                let db = read_only_for_others(d);
                (db.clone(), Run::new(&db, &["doctor"]).by_nobody())
            }),
            code: 0,
            says: &["ổn"],
            never: &["HỎNG", "readonly database"],
            untouched: true,
        },
        Case {
            name: "another program's SQLite file is refused, untouched",
            other_account: false,
            setup: Box::new(|d| {
                let db = foreign_sqlite(d, 0);
                (db.clone(), Run::new(&db, &["status"]))
            }),
            code: 4,
            says: &["kehoach"],
            never: &["panicked"],
            untouched: true,
        },
        Case {
            name: "another program's SQLite file with user_version 2 is refused, untouched",
            other_account: false,
            setup: Box::new(|d| {
                let db = foreign_sqlite(d, 2);
                (db.clone(), Run::new(&db, &["done", "IV.2.a"]))
            }),
            code: 4,
            says: &["kehoach"],
            never: &["panicked"],
            untouched: true,
        },
        Case {
            name: "overdue --within far beyond any plan",
            other_account: false,
            setup: Box::new(|d| {
                let db = d.join("k.db");
                seeded(&db);
                (
                    db.clone(),
                    Run::new(&db, &["overdue", "--within", "100000000"]),
                )
            }),
            code: 2,
            says: &["36500"],
            never: &["panicked", "overflow"],
            untouched: true,
        },
        Case {
            name: "overdue --by-agency --within far beyond any plan",
            other_account: false,
            setup: Box::new(|d| {
                let db = d.join("k.db");
                seeded(&db);
                let run = Run::new(&db, &["overdue", "--by-agency", "--within", "100000000"]);
                (db, run)
            }),
            code: 2,
            says: &["36500"],
            never: &["panicked", "overflow"],
            untouched: true,
        },
        Case {
            name: "backup over an existing database without --force",
            other_account: false,
            setup: Box::new(|d| {
                let a = d.join("a.db");
                let b = d.join("b.db");
                seeded(&a);
                seeded(&b);
                (b.clone(), Run::new(&a, &["backup", b.to_str().unwrap()]))
            }),
            code: 2,
            says: &["--force"],
            never: &["panicked"],
            untouched: true,
        },
        Case {
            name: "backup into a folder that does not exist names the folder",
            other_account: false,
            setup: Box::new(|d| {
                let a = d.join("a.db");
                seeded(&a);
                let dest = d.join("khong-co").join("k.db");
                (a.clone(), Run::new(&a, &["backup", dest.to_str().unwrap()]))
            }),
            code: 1,
            says: &["khong-co"],
            never: &[".k.db.", "unable to open database file"],
            untouched: true,
        },
        Case {
            name: "a FIFO as the database fails at once",
            other_account: false,
            setup: Box::new(|d| {
                let fifo = d.join("k.db");
                let ok = Command::new("mkfifo")
                    .arg(&fifo)
                    .status()
                    .unwrap()
                    .success();
                assert!(ok, "mkfifo");
                (d.join("nothing-here"), Run::new(&fifo, &["status"]))
            }),
            code: 4,
            says: &["k.db"],
            never: &["panicked"],
            untouched: false,
        },
        Case {
            name: "KEHOACH_DB set but empty means the default database",
            other_account: false,
            setup: Box::new(|d| {
                let run = Run::bare(&["status"])
                    .env("KEHOACH_DB", "")
                    .env("XDG_DATA_HOME", d.join("data").to_str().unwrap());
                (d.join("nothing-here"), run)
            }),
            code: 0,
            says: &["kehoach.db"],
            never: &[],
            untouched: false,
        },
        Case {
            name: "a plan file with a UTF-8 BOM is imported",
            other_account: false,
            setup: Box::new(|d| {
                let db = d.join("k.db");
                seeded(&db);
                let plan = d.join("plan.json");
                let mut bytes = b"\xEF\xBB\xBF".to_vec();
                bytes.extend(
                    EMBEDDED_PLAN
                        .replace("lang-son-2023", "lang-son-bom")
                        .as_bytes(),
                );
                std::fs::write(&plan, bytes).unwrap();
                (
                    d.join("nothing-here"),
                    Run::new(&db, &["import", plan.to_str().unwrap()]),
                )
            }),
            code: 0,
            says: &["lang-son-bom"],
            never: &["expected value"],
            untouched: false,
        },
        Case {
            name: "with no $USER a change is recorded under the account's name",
            other_account: false,
            setup: Box::new(|d| {
                let db = d.join("k.db");
                seeded(&db);
                let run = Run::new(&db, &["done", "III.1.1.f1"]).unset("USER");
                let _ = run.output(d);
                (
                    d.join("nothing-here"),
                    Run::new(&db, &["history", "--limit", "1"]),
                )
            }),
            code: 0,
            says: &["root"],
            never: &["unknown"],
            untouched: false,
        },
    ]);
    cases
}

fn snapshot(db: &Path) -> Option<(Vec<u8>, bool, bool)> {
    let bytes = std::fs::read(db).ok()?;
    Some((bytes, side(db, "-wal").exists(), side(db, "-shm").exists()))
}

#[test]
fn every_adversarial_case_gets_its_exit_code_and_a_message_that_names_the_problem() {
    let switch = common::can_switch_accounts();
    let mut failures = Vec::new();
    let mut ran = 0;
    for case in cases() {
        if case.other_account && !switch {
            eprintln!("skipped {:?}: needs root and setpriv", case.name);
            continue;
        }
        let dir = place();
        let home = dir.path().join("home");
        std::fs::create_dir(&home).unwrap();
        chmod(&home, 0o777);
        let (db, run) = (case.setup)(dir.path());
        let before = if case.untouched { snapshot(&db) } else { None };
        ran += 1;
        let out = match run.within(&home) {
            Ok(out) => out,
            Err(hung) => {
                failures.push(format!("{} ({:?}): {hung}", case.name, run.args));
                continue;
            }
        };
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let lower = all.to_lowercase();
        let mut wrong = Vec::new();
        if out.status.code() != Some(case.code) {
            wrong.push(format!("exit {:?}, want {}", out.status.code(), case.code));
        }
        for s in case.says {
            if !lower.contains(&s.to_lowercase()) {
                wrong.push(format!("does not say {s:?}"));
            }
        }
        for s in case.never {
            if lower.contains(&s.to_lowercase()) {
                wrong.push(format!("says {s:?}"));
            }
        }
        if case.untouched && before != snapshot(&db) {
            wrong.push(format!("{} changed", db.display()));
        }
        if !wrong.is_empty() {
            failures.push(format!(
                "{} ({:?}): {}\n{all}",
                case.name,
                run.args,
                wrong.join("; ")
            ));
        }
    }
    println!("adversarial cases: {ran} run");
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}
