//! One database, several Unix accounts (issue 9, defects 1 and 2): a reader who may not write
//! the database reads it with every command and leaves nothing behind; files a writer creates
//! beside it can be written by everyone who may write the database; `doctor` tells a lock-out
//! from damage. The accounts are real: the tests run kehoach through `setpriv` as other uids,
//! so they need root (as `.ci/run` has) and skip, saying why, without it.

mod common;

use std::io::Write;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

/// Runnable by every account (see [`common::shared_binary`]).
fn bin() -> &'static str {
    common::shared_binary()
}
/// Accounts with no entry in /etc/passwd, and a group for the coordinators.
const LAN: u32 = 52001;
const MINH: u32 = 52002;
const VIEWER: u32 = 52003;
const CCHC: u32 = 53000;

/// A folder everyone may enter, with `mode`, owned by root and `group`.
fn folder(parent: &Path, name: &str, mode: u32, group: u32) -> PathBuf {
    let d = parent.join(name);
    std::fs::create_dir(&d).unwrap();
    std::os::unix::fs::chown(&d, Some(0), Some(group)).unwrap();
    std::fs::set_permissions(&d, std::fs::Permissions::from_mode(mode)).unwrap();
    d
}

fn scratch() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    std::fs::set_permissions(t.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    t
}

/// kehoach as account `uid`, with `groups` as its supplementary groups.
fn as_user(uid: u32, groups: &[u32], db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new("setpriv");
    c.arg(format!("--reuid={uid}"))
        .arg(format!("--regid={uid}"));
    if groups.is_empty() {
        c.arg("--clear-groups");
    } else {
        let g: Vec<String> = groups.iter().map(u32::to_string).collect();
        c.arg(format!("--groups={}", g.join(",")));
    }
    c.args([
        "env",
        "HOME=/",
        &format!("USER=u{uid}"),
        "KEHOACH_TODAY=2023-12-01",
    ])
    .arg(bin())
    .arg("--db")
    .arg(db)
    .args(args)
    .env_remove("KEHOACH_DB")
    .env_remove("KEHOACH_LANG");
    c
}

fn run(uid: u32, groups: &[u32], db: &Path, args: &[&str]) -> Output {
    as_user(uid, groups, db, args).output().unwrap()
}

fn ok(uid: u32, groups: &[u32], db: &Path, args: &[&str]) -> String {
    let out = run(uid, groups, db, args);
    assert!(
        out.status.success(),
        "u{uid} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A `note ID -` waiting for its text keeps the database open, like a TUI left running.
fn hold_open(uid: u32, groups: &[u32], db: &Path) -> Child {
    let mut child = as_user(uid, groups, db, &["note", "IV.2.a", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Its -shm appears once it has opened the database.
    let shm = sibling(db, "-shm");
    for _ in 0..600 {
        if shm.exists() {
            return child;
        }
        if let Ok(Some(s)) = child.try_wait() {
            panic!("the holder ended early: {s}");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = child.kill();
    panic!("the holder never opened {}", db.display());
}

fn finish(mut child: Child, text: &str) -> Output {
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn sibling(db: &Path, suffix: &str) -> PathBuf {
    db.with_file_name(format!(
        "{}{suffix}",
        db.file_name().unwrap().to_string_lossy()
    ))
}

fn listing(dir: &Path) -> Vec<(String, u32, u32, u32)> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let m = e.metadata().unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                m.uid(),
                m.gid(),
                m.mode() & 0o7777,
            )
        })
        .collect();
    v.sort();
    v
}

const READS: &[&[&str]] = &[
    &["status"],
    &["overdue"],
    &["show", "IV.2.a"],
    &["history"],
    &["search", "noi vu"],
    &["export", "--format", "json"],
    &["agencies"],
    &["checklist"],
];

#[test]
fn a_database_you_may_only_read_is_read_by_every_command_and_doctor_calls_it_sound() {
    if !common::can_switch_accounts() {
        return;
    }
    let t = scratch();
    let dir = folder(t.path(), "chi-doc", 0o755, 0);
    let db = dir.join("k.db");
    ok(0, &[], &db, &["done", "IV.2.a"]);
    ok(0, &[], &db, &["note", "IV.2.a", "Đã ban hành 45/KH-SNV"]);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();

    // No -wal beside it (nobody has it open), then with one: its owner keeps it open and
    // has committed a change that is still only in the -wal.
    for with_wal in [false, true] {
        let holder = with_wal.then(|| {
            let h = hold_open(0, &[], &db);
            ok(0, &[], &db, &["done", "IV.2.b"]);
            h
        });
        let before = listing(&dir);
        for args in READS {
            let out = ok(VIEWER, &[], &db, args);
            assert!(!out.is_empty(), "{args:?} printed nothing");
        }
        assert!(ok(VIEWER, &[], &db, &["status"]).contains("chỉ đọc"));
        assert!(ok(VIEWER, &[], &db, &["show", "IV.2.a"]).contains("45/KH-SNV"));
        if with_wal {
            assert!(
                ok(VIEWER, &[], &db, &["show", "IV.2.b"]).contains("Đã xong"),
                "the reader sees the change that is only in the -wal"
            );
        }
        let doctor = run(VIEWER, &[], &db, &["doctor"]);
        let report = String::from_utf8_lossy(&doctor.stdout);
        assert_eq!(
            doctor.status.code(),
            Some(0),
            "with -wal {with_wal}: {report}"
        );
        assert!(!report.contains("HỎNG"), "{report}");
        assert!(
            report.contains("Toàn vẹn (integrity_check): ổn"),
            "{report}"
        );
        let refused = run(VIEWER, &[], &db, &["done", "IV.2.c"]);
        assert_eq!(refused.status.code(), Some(4));
        assert!(String::from_utf8_lossy(&refused.stderr).contains("chỉ đọc"));
        assert_eq!(listing(&dir), before, "the reader changed the folder");
        if let Some(h) = holder {
            let out = finish(h, "Đã gửi báo cáo");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

#[test]
fn a_reader_in_a_shared_folder_leaves_nothing_that_locks_the_owner_out() {
    if !common::can_switch_accounts() {
        return;
    }
    let t = scratch();
    // Like /tmp: everyone may create files, nobody may remove another's.
    let dir = folder(t.path(), "chung", 0o1777, 0);
    let db = dir.join("k.db");
    ok(LAN, &[], &db, &["status"]);
    assert_eq!(std::fs::metadata(&db).unwrap().mode() & 0o777, 0o644);

    for args in READS {
        ok(MINH, &[], &db, args);
    }
    assert!(ok(MINH, &[], &db, &["status"]).contains("chỉ đọc"));
    assert_eq!(run(MINH, &[], &db, &["doctor"]).status.code(), Some(0));
    let minhs: Vec<_> = listing(&dir)
        .into_iter()
        .filter(|(_, uid, _, _)| *uid == MINH)
        .collect();
    assert!(minhs.is_empty(), "the reader left {minhs:?}");
    // The owner still works, also while the reader has it open.
    ok(LAN, &[], &db, &["done", "IV.2.a"]);
    let holder = hold_open(LAN, &[], &db);
    assert!(ok(MINH, &[], &db, &["show", "IV.2.a"]).contains("Đã xong"));
    ok(LAN, &[], &db, &["done", "IV.2.b"]);
    assert!(finish(holder, "ghi chú").status.success());
    assert!(ok(MINH, &[], &db, &["show", "IV.2.b"]).contains("Đã xong"));
}

#[test]
fn files_a_writer_makes_beside_the_database_take_its_group_and_mode() {
    if !common::can_switch_accounts() {
        return;
    }
    let t = scratch();
    // A group folder without the setgid bit: new files get their creator's own group.
    let dir = folder(t.path(), "nhom", 0o775, CCHC);
    let db = dir.join("k.db");
    ok(LAN, &[CCHC], &db, &["status"]);
    std::os::unix::fs::chown(&db, None, Some(CCHC)).unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o664)).unwrap();

    let holder = hold_open(LAN, &[CCHC], &db);
    for suffix in ["-wal", "-shm"] {
        let m = std::fs::metadata(sibling(&db, suffix)).unwrap();
        assert_eq!(m.gid(), CCHC, "{suffix} has the database's group");
        assert_eq!(m.mode() & 0o777, 0o664, "{suffix} has the database's mode");
    }
    let out = ok(MINH, &[CCHC], &db, &["done", "IV.2.b"]);
    assert!(out.contains("IV.2.b"), "{out}");
    assert!(finish(holder, "Đã gửi").status.success());
    assert!(ok(LAN, &[CCHC], &db, &["show", "IV.2.b"]).contains("Đã xong"));
    // Doctor is content: nothing is left that anyone is locked out by.
    assert_eq!(run(MINH, &[CCHC], &db, &["doctor"]).status.code(), Some(0));
}

#[test]
fn doctor_names_a_wal_or_shm_that_the_others_cannot_write_and_status_says_read_only() {
    if !common::can_switch_accounts() {
        return;
    }
    let t = scratch();
    let dir = folder(t.path(), "srv", 0o2775, CCHC);
    let db = dir.join("k.db");
    ok(LAN, &[CCHC], &db, &["status"]);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o664)).unwrap();
    // Left by an older kehoach run by someone outside the group (or by the sqlite3 shell).
    for suffix in ["-wal", "-shm"] {
        let p = sibling(&db, suffix);
        std::fs::write(&p, b"").unwrap();
        std::os::unix::fs::chown(&p, Some(VIEWER), Some(VIEWER)).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let before = listing(&dir);
    assert!(ok(LAN, &[CCHC], &db, &["status"]).contains("chỉ đọc"));
    let refused = run(LAN, &[CCHC], &db, &["done", "IV.2.a"]);
    assert_eq!(refused.status.code(), Some(4));
    let doctor = run(LAN, &[CCHC], &db, &["doctor"]);
    assert_eq!(doctor.status.code(), Some(4));
    let report = String::from_utf8_lossy(&doctor.stdout);
    let err = String::from_utf8_lossy(&doctor.stderr);
    assert!(
        report.contains("k.db-wal") && report.contains("không lưu được"),
        "{report}"
    );
    assert!(!report.contains("HỎNG"), "{report}");
    assert!(
        err.contains(&format!("chgrp {CCHC}")) && err.contains("chmod 664"),
        "{err}"
    );
    assert_eq!(
        listing(&dir),
        before,
        "status, done and doctor changed the folder"
    );
}

/// A director opens the view while nobody is writing (the file is read as it stands, frozen);
/// a coordinator then marks a task done: the open view shows it without a restart.
#[test]
fn a_read_only_view_opened_while_nobody_writes_sees_later_changes() {
    if !common::can_switch_accounts() {
        return;
    }
    let t = scratch();
    let db = t.path().join("k.db");
    ok(0, &[], &db, &["status"]);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert!(!sibling(&db, "-wal").exists(), "nobody has it open");
    let line = format!(
        "env TERM=xterm-256color LANG=C.UTF-8 setpriv --reuid={VIEWER} --regid={VIEWER} \
         --clear-groups env HOME=/ USER=xem {} --db '{}' --today 2023-11-20",
        bin(),
        db.display()
    );
    let view = common::tmux::Tmux::start("ro-later", 80, 24, &line);
    let first = view.wait_for("PAR INDEX", 20);
    assert!(first.contains("[CHỈ ĐỌC]"), "{first}");
    assert!(first.contains("PAR INDEX 0/50"), "{first}");

    ok(0, &[], &db, &["--user", "lan", "done", "III.1.2.9.t1"]);
    view.wait_for("PAR INDEX 1/50", 10);
    view.keys(&["q"]);
    view.wait_exit(5);
}

/// While coordinators keep writing (each command opening and closing the database, or one of
/// them holding it open as a view does), every read by someone who may not write succeeds:
/// such a reader cannot repair SQLite's WAL index and, without patience, met a half-written
/// index or a writer's closing files in about 2 reads in 100 ("the database is read-only").
#[test]
fn reads_by_someone_who_may_not_write_never_fail_while_others_write() {
    if !common::can_switch_accounts() {
        return;
    }
    let t = scratch();
    let db = t.path().join("k.db");
    ok(0, &[], &db, &["status"]);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    for hold in [false, true] {
        let holder = hold.then(|| hold_open(0, &[], &db));
        let writes = 40;
        let failures = std::thread::scope(|s| {
            let w = s.spawn(|| {
                for _ in 0..writes {
                    for verb in ["done", "reopen"] {
                        ok(0, &[], &db, &[verb, "IV.1.a.t1"]);
                    }
                }
            });
            let mut failures = Vec::new();
            let mut reads = 0;
            while !w.is_finished() || reads < 10 {
                let args = READS[reads % READS.len()];
                let out = run(VIEWER, &[], &db, args);
                if !out.status.success() {
                    failures.push(format!(
                        "{args:?}: {}",
                        String::from_utf8_lossy(&out.stderr)
                    ));
                }
                reads += 1;
            }
            w.join().unwrap();
            failures
        });
        if let Some(h) = holder {
            assert!(finish(h, "").status.code().is_some());
        }
        assert!(failures.is_empty(), "held open: {hold}: {failures:#?}");
    }
}
