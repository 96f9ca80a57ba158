//! `backup` and `restore` while other processes have the databases open: a copy never replaces
//! a file unless asked, a replaced database stays consistent for whoever has it open, a restore
//! keeps what it replaced and open views notice it, and no temporary file is left behind.

mod common;

use std::path::{Path, PathBuf};

use common::cli::Db;
use rusqlite::{Connection, OpenFlags};

const PLAN_ID: &str = "lang-son-2023";

/// A connection held open by the test, as another coordinator's kehoach would hold it.
fn holder(path: &Path) -> Connection {
    let c = Connection::open(path).unwrap();
    c.busy_timeout(std::time::Duration::from_secs(5)).unwrap();
    let _: String = c
        .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
        .unwrap();
    // Keep this connection's commits in the -wal file, as a busy database has them.
    c.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
    c
}

fn data_version(c: &Connection) -> i64 {
    c.query_row("PRAGMA data_version", [], |r| r.get(0))
        .unwrap()
}

fn done(c: &Connection, item: &str) -> bool {
    c.query_row(
        "SELECT coalesce(max(done), 0) FROM item_state WHERE plan_id = ?1 AND item_id = ?2",
        [PLAN_ID, item],
        |r| r.get(0),
    )
    .unwrap()
}

fn notes(c: &Connection) -> Vec<String> {
    let mut st = c.prepare("SELECT text FROM note ORDER BY id").unwrap();
    st.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn integrity(path: &Path) -> String {
    let c = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    c.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// Names in `dir` starting with a dot (temporary files).
fn hidden(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    v.sort();
    v
}

/// A process id that no longer exists.
fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

/// The path a successful `restore` says it kept the replaced content in.
fn kept_path(stdout: &str) -> PathBuf {
    let at = stdout
        .find(" được giữ ở ")
        .unwrap_or_else(|| panic!("{stdout}"));
    PathBuf::from(stdout[at + " được giữ ở ".len()..].trim())
}

#[test]
fn backup_does_not_replace_an_existing_file_unless_forced() {
    let db = Db::new();
    db.ok(&["done", "IV.2.a"]);
    let other = db.file("b.db");
    db.bare()
        .args(["--db", other.to_str().unwrap(), "done", "IV.2.b"])
        .assert()
        .success();
    let before = std::fs::read(&other).unwrap();

    let err = db.fails(&["backup", other.to_str().unwrap()], 2);
    assert!(
        err.contains(&format!("{} đã có", other.display())) && err.contains("--force"),
        "{err}"
    );
    // Someone who meant to restore is told how.
    assert!(err.contains("kehoach restore"), "{err}");
    assert_eq!(
        std::fs::read(&other).unwrap(),
        before,
        "the file was changed"
    );
    assert!(
        hidden(db.dir.path()).is_empty(),
        "{:?}",
        hidden(db.dir.path())
    );

    // Onto the database itself, even with --force: refused.
    let err = db.fails(&["backup", "--force", db.path.to_str().unwrap()], 2);
    assert!(err.contains("chính là cơ sở dữ liệu đang dùng"), "{err}");
}

#[test]
fn a_forced_backup_onto_a_database_someone_has_open_stays_consistent_for_them() {
    let db = Db::new();
    db.ok(&["done", "IV.2.a"]);
    db.ok(&["note", "IV.2.a", "Đã gửi công văn 12/SNV"]);
    let b = db.file("b.db");
    db.bare()
        .args(["--db", b.to_str().unwrap(), "done", "IV.2.b"])
        .assert()
        .success();

    // b.db is open elsewhere, with a change of its own still in its -wal.
    let other = holder(&b);
    other
        .execute(
            "INSERT INTO note (plan_id, item_id, author, created_at, text) \
             VALUES (?1, 'IV.2.b', 'minh', '2023-07-01T08:00:00+07:00', 'chỉ có ở b')",
            [PLAN_ID],
        )
        .unwrap();
    assert!(
        std::fs::metadata(PathBuf::from(format!("{}-wal", b.display())))
            .unwrap()
            .len()
            > 0
    );
    let seen = data_version(&other);

    let out = db.ok(&["backup", "--force", b.to_str().unwrap()]);
    assert!(
        out.starts_with(&format!("Đã sao lưu vào {}", b.display())),
        "{out}"
    );

    // The other side sees the copy, whole, and knows it changed.
    assert_ne!(data_version(&other), seen);
    assert!(done(&other, "IV.2.a"));
    assert!(!done(&other, "IV.2.b"));
    assert_eq!(notes(&other), ["Đã gửi công văn 12/SNV"]);
    assert_eq!(integrity(&b), "ok");
    drop(other);

    // Reopened from scratch (no old -wal replayed on top): the same copy.
    assert_eq!(integrity(&b), "ok");
    let shown = db
        .bare()
        .args(["--db", b.to_str().unwrap(), "show", "IV.2.a"])
        .output()
        .unwrap();
    let shown = String::from_utf8(shown.stdout).unwrap();
    assert!(shown.contains("Đã gửi công văn 12/SNV"), "{shown}");
    let c = Connection::open(&b).unwrap();
    assert_eq!(notes(&c), ["Đã gửi công văn 12/SNV"]);
    assert!(!done(&c, "IV.2.b"));
    drop(c);
    assert!(
        hidden(db.dir.path()).is_empty(),
        "{:?}",
        hidden(db.dir.path())
    );
}

#[test]
fn a_forced_backup_over_a_file_that_is_not_a_database_replaces_it() {
    let db = Db::new();
    db.ok(&["done", "IV.2.a"]);
    let b = db.file("b.db");
    std::fs::write(&b, "ghi chú cũ").unwrap();
    // A journal left by some earlier database of that name must not be applied to the copy.
    std::fs::write(db.file("b.db-wal"), vec![7u8; 4096]).unwrap();
    db.ok(&["backup", "--force", b.to_str().unwrap()]);
    assert!(!db.file("b.db-wal").exists());
    assert_eq!(integrity(&b), "ok");
    assert!(done(&Connection::open(&b).unwrap(), "IV.2.a"));
}

#[test]
fn a_backup_into_a_missing_folder_names_the_folder() {
    let db = Db::new();
    db.ok(&["status"]);
    let folder = db.file("sao-luu");
    let dest = folder.join("k.db");
    let err = db.fails(&["backup", dest.to_str().unwrap()], 1);
    assert!(
        err.contains(&format!("thư mục {} không tồn tại", folder.display())),
        "{err}"
    );
    assert!(!err.contains("unable to open"), "{err}");
    let err = db.fails(&["--lang", "en", "backup", dest.to_str().unwrap()], 1);
    assert!(
        err.contains(&format!("the folder {} does not exist", folder.display())),
        "{err}"
    );
    assert!(!folder.exists());
}

#[test]
fn a_failed_backup_leaves_no_temporary_file_and_a_killed_ones_are_swept_up() {
    let db = Db::new();
    db.ok(&["done", "IV.2.a"]);
    let size = std::fs::metadata(&db.path).unwrap().len();
    let copies = db.file("copies");
    std::fs::create_dir(&copies).unwrap();
    let dest = copies.join("k.db");

    // Files may grow to 64 KiB only (the database is bigger): the copy fails half-written.
    assert!(size > 64 * 1024);
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f 64; exec '{}' --db '{}' backup '{}'",
            env!("CARGO_BIN_EXE_kehoach"),
            db.path.display(),
            dest.display()
        ))
        .env("USER", "lan")
        .output()
        .unwrap();
    assert!(!out.status.success(), "the limited copy succeeded");
    assert!(!dest.exists());
    assert!(
        hidden(&copies).is_empty(),
        "left behind: {:?}",
        hidden(&copies)
    );

    // What a copy killed mid-way leaves, from this version and an older one; and a copy in
    // progress in another (living) process, which must be left alone.
    let dead = dead_pid();
    let alive = std::process::id();
    let stale = [
        format!(".k.db.kehoach-backup-{dead}.tmp"),
        format!(".k.db.kehoach-backup-{dead}.tmp-journal"),
        format!(".other.db.kehoach-backup-{dead}.tmp"),
        format!(".k.db.{dead}.tmp"),
        format!(".k.db.{dead}.tmp-journal"),
    ];
    let living = format!(".k.db.kehoach-backup-{alive}.tmp");
    for name in stale.iter().chain([&living]) {
        std::fs::write(copies.join(name), b"half a copy").unwrap();
    }
    db.ok(&["backup", dest.to_str().unwrap()]);
    assert_eq!(hidden(&copies), [living]);
    assert_eq!(integrity(&dest), "ok");
}

#[test]
fn restore_while_another_process_has_the_database_open() {
    let db = Db::new();
    db.ok(&["done", "IV.2.a"]);
    let snap = db.file("snap.db");
    db.ok(&["backup", snap.to_str().unwrap()]);
    // Changes after the backup: they are what the restore replaces.
    db.ok(&["reopen", "IV.2.a"]);
    db.ok(&["note", "IV.2.b", "Ghi sau bản sao lưu"]);

    let other = holder(&db.path);
    assert!(!done(&other, "IV.2.a"));
    let seen = data_version(&other);

    let out = db
        .cmd(&["--user", "hoa", "restore", snap.to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.starts_with(&format!(
            "Đã khôi phục {} từ {}",
            db.path.display(),
            snap.display()
        )),
        "{stdout}"
    );

    // The other connection sees the restored data and knows it changed.
    assert_ne!(data_version(&other), seen);
    assert!(done(&other, "IV.2.a"));
    assert!(notes(&other).is_empty());
    assert_eq!(integrity(&db.path), "ok");

    // Nothing is lost: the replaced content is kept beside the database and opens.
    let kept = kept_path(&stdout);
    assert_eq!(kept.parent(), db.path.parent());
    let name = kept.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("kehoach.db.before-restore-") && name.ends_with(".bak"),
        "{name}"
    );
    let old = db
        .bare()
        .args(["--db", kept.to_str().unwrap(), "show", "IV.2.b"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(old.stdout)
            .unwrap()
            .contains("Ghi sau bản sao lưu")
    );

    // The audit log says who restored from which file.
    let history = db.history();
    let first = history.lines().nth(2).unwrap();
    assert!(
        first.contains("hoa") && first.contains("restore"),
        "{history}"
    );
    let from = other
        .query_row(
            "SELECT who, after FROM audit ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )
        .unwrap();
    assert_eq!(from.0, "hoa");
    assert!(from.1.ends_with("snap.db"), "{from:?}");
    drop(other);
    assert!(
        hidden(db.dir.path()).is_empty(),
        "{:?}",
        hidden(db.dir.path())
    );
}

#[test]
fn restore_refuses_what_is_not_a_sound_kehoach_backup_and_changes_nothing() {
    let db = Db::new();
    db.ok(&["done", "IV.2.a"]);
    let good = db.file("good.db");
    db.ok(&["backup", good.to_str().unwrap()]);
    db.ok(&["status"]);

    let text = db.file("notes.txt");
    std::fs::write(&text, "không phải cơ sở dữ liệu").unwrap();
    let foreign = db.file("foreign.db");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let newer = db.file("newer.db");
    std::fs::copy(&good, &newer).unwrap();
    Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let damaged = db.file("damaged.db");
    let mut bytes = std::fs::read(&good).unwrap();
    for b in &mut bytes[8192..20000] {
        *b = 0x5a;
    }
    std::fs::write(&damaged, bytes).unwrap();

    let before = std::fs::read(&db.path).unwrap();
    let cases: [(&Path, &str); 6] = [
        (&db.file("missing.db"), "không đọc được"),
        (&text, "không phải tệp SQLite"),
        (&foreign, "không có các bảng của kehoach"),
        (&newer, "phiên bản lược đồ 99"),
        (&damaged, "bị hỏng"),
        (&db.path, "chính là cơ sở dữ liệu đang dùng"),
    ];
    for (file, says) in cases {
        let err = db.fails(&["restore", file.to_str().unwrap()], 2);
        assert!(err.contains(says), "{}: {err}", file.display());
        assert!(err.contains("chưa có gì thay đổi"), "{err}");
        assert_eq!(
            std::fs::read(&db.path).unwrap(),
            before,
            "{} changed the database",
            file.display()
        );
    }
    let names: Vec<String> = std::fs::read_dir(db.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("restore") || n.starts_with('.'))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn an_older_backup_is_restored_at_the_current_schema() {
    let db = Db::new();
    db.ok(&["done", "IV.2.a"]);
    let old = db.file("old.db");
    db.ok(&["backup", old.to_str().unwrap()]);
    common::downgrade_to_v1(&old);
    db.ok(&["restore", old.to_str().unwrap()]);
    let c = Connection::open(&db.path).unwrap();
    let v: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, kehoach::store::schema::latest());
    assert!(done(&c, "IV.2.a"));
    // The backup itself is left as it was.
    let v1: i64 = Connection::open(&old)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v1, 1);
    drop(c);
    db.ok(&["checklist"]);
}

#[test]
fn a_database_that_cannot_be_opened_is_kept_aside_and_replaced() {
    let db = Db::new();
    db.ok(&["done", "IV.2.a"]);
    let snap = db.file("snap.db");
    db.ok(&["backup", snap.to_str().unwrap()]);
    // The database's first page is overwritten: every command refuses it and says to restore.
    let mut bytes = std::fs::read(&db.path).unwrap();
    bytes[..100].fill(0x41);
    std::fs::write(&db.path, &bytes).unwrap();
    let err = db.fails(&["status"], 4);
    assert!(err.contains("kehoach restore"), "{err}");

    let out = db.ok(&["restore", snap.to_str().unwrap()]);
    let kept = kept_path(&out);
    assert_eq!(
        std::fs::read(&kept).unwrap(),
        bytes,
        "the damaged file is kept as it was"
    );
    assert!(db.ok(&["show", "IV.2.a"]).contains("Đã xong"));
    assert_eq!(integrity(&db.path), "ok");
}

#[test]
fn an_open_view_shows_the_restored_data_and_says_who_restored_it() {
    use kehoach::i18n::Lang;
    use kehoach::tui::{Msg, dispatch};

    let db = Db::new();
    let snap = db.file("snap.db");
    db.ok(&["status"]);
    db.ok(&["backup", snap.to_str().unwrap()]);
    db.ok(&["note", "IV.2.b", "x"]);
    db.ok(&["note", "IV.2.b", "y"]);

    // A view open on the database, with a change of its own it could undo.
    let store = kehoach::store::Store::open(&db.path).unwrap();
    let (mut state, mut runner) = common::start(store, Lang::Vi, common::day(2023, 11, 20));
    let task = common::ix(&state, "III.1.2.4.c1.t1");
    state.reveal(task);
    dispatch(&mut state, &mut runner, Msg::ToggleDone);
    assert!(state.status.items[task].done);
    assert_eq!(state.undo.len(), 1);

    db.cmd(&["--user", "hoa", "restore", snap.to_str().unwrap()])
        .assert()
        .success();
    let msg = runner.poll_external(PLAN_ID).expect("the view notices");
    dispatch(&mut state, &mut runner, msg);
    let flash = state.flash.as_ref().unwrap().text.clone();
    assert_eq!(flash, "Cơ sở dữ liệu vừa được hoa khôi phục từ bản sao lưu");
    assert!(
        !state.status.items[task].done,
        "the view shows the restored data"
    );
    // Undo must not write this view's old change over the restored data.
    dispatch(&mut state, &mut runner, Msg::Undo);
    assert!(!state.status.items[task].done);
    assert!(
        !runner.store().history(None, 5).unwrap()[0]
            .action
            .starts_with("undo"),
        "undo wrote after the restore"
    );
    // An ordinary change afterwards is reported as before.
    db.cmd(&["--user", "minh", "done", "IV.2.a"])
        .assert()
        .success();
    let msg = runner.poll_external(PLAN_ID).expect("the view notices");
    dispatch(&mut state, &mut runner, msg);
    assert_eq!(
        state.flash.as_ref().unwrap().text,
        "IV.2.a: minh đánh dấu xong"
    );
}

#[test]
fn a_view_open_in_a_terminal_shows_the_restore() {
    use common::tmux::{Tmux, kehoach_command};

    let db = Db::new();
    db.ok(&["status"]);
    let snap = db.file("snap.db");
    db.ok(&["backup", snap.to_str().unwrap()]);
    db.ok(&["done", "III.1.2.4.c1.t1"]);
    let view = Tmux::start("restore", 80, 24, &kehoach_command(&db.path, ""));
    view.wait_for("PAR INDEX 1/50", 20);

    db.cmd(&["--user", "hoa", "restore", snap.to_str().unwrap()])
        .assert()
        .success();
    let screen = view.wait_for("Cơ sở dữ liệu vừa được hoa khôi phục từ bản sao lưu", 5);
    assert!(screen.contains("PAR INDEX 0/50"), "{screen}");
    view.keys(&["q"]);
    view.wait_exit(5);
}

#[test]
fn a_restore_that_cannot_get_the_write_lock_changes_and_leaves_nothing() {
    let db = Db::new();
    db.ok(&["done", "IV.2.a"]);
    let snap = db.file("snap.db");
    db.ok(&["backup", snap.to_str().unwrap()]);
    db.ok(&["reopen", "IV.2.a"]);

    // Another process is in the middle of a write and does not let go.
    let writer = holder(&db.path);
    writer.execute_batch("BEGIN IMMEDIATE").unwrap();
    let err = db.fails(&["restore", snap.to_str().unwrap()], 4);
    assert!(err.contains("đang bận"), "{err}");
    writer.execute_batch("ROLLBACK").unwrap();

    assert!(!done(&writer, "IV.2.a"), "the restore happened anyway");
    drop(writer);
    let left: Vec<String> = std::fs::read_dir(db.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("before-restore") || n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
