//! `kehoach doctor` through the real binary: what it reports on a sound database, the last
//! backup, who else has the database open or is writing, and that it changes nothing.
//! (Damaged files and read-only places: tests/reliability_bad_input.rs.)

mod common;

use std::path::Path;
use std::process::Command;

use common::tmux::{Tmux, kehoach_command};
use kehoach::store::schema;

fn kehoach(db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .env_remove("KEHOACH_LANG")
        .env("USER", "lan")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn doctor(db: &Path, args: &[&str]) -> String {
    let out = kehoach(db, &[args, &["doctor"]].concat());
    assert!(
        out.status.success(),
        "doctor failed ({:?}): {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn siblings(db: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(db.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_sound_database_is_described_line_by_line_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehoach.db");
    assert!(kehoach(&db, &["done", "IV.2.a"]).status.success());
    let (bytes, files) = (std::fs::read(&db).unwrap(), siblings(&db));
    let r = doctor(&db, &[]);
    let latest = schema::latest();
    for line in [
        format!("Cơ sở dữ liệu: {}", db.display()),
        "Toàn vẹn (integrity_check): ổn".into(),
        format!("Phiên bản lược đồ: {latest} (bản kehoach này ghi phiên bản {latest})"),
        "Nhật ký: WAL; synchronous=FULL".into(),
        format!("Kích thước: {} byte", bytes.len()),
        "Quyền: tệp rw".into(),
        " (ghi được); thư mục rwx".into(),
        "Bản sao lưu gần nhất: chưa có; hãy chạy `kehoach backup TỆP`".into(),
        "Tiến trình khác: không có tiến trình nào đang mở cơ sở dữ liệu".into(),
    ] {
        assert!(r.contains(&line), "missing {line:?} in:\n{r}");
    }
    assert_eq!(
        std::fs::read(&db).unwrap(),
        bytes,
        "doctor changed the file"
    );
    assert_eq!(siblings(&db), files, "doctor left files behind");

    let en = doctor(&db, &["--lang", "en"]);
    assert!(en.contains("Integrity (integrity_check): ok"), "{en}");
    assert!(en.contains("Journal: WAL; synchronous=FULL"), "{en}");
    println!("doctor: {} lines on a sound database", r.lines().count());
}

#[test]
fn the_last_backup_is_named_and_a_moved_one_is_noticed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehoach.db");
    let copy = dir.path().join("sao-luu").join("thang-6.db");
    std::fs::create_dir(copy.parent().unwrap()).unwrap();
    assert!(kehoach(&db, &["done", "IV.2.a"]).status.success());
    let out = kehoach(&db, &["backup", copy.to_str().unwrap()]);
    assert!(out.status.success());
    let r = doctor(&db, &[]);
    let line = r
        .lines()
        .find(|l| l.starts_with("Bản sao lưu gần nhất:"))
        .unwrap();
    assert!(line.contains(&copy.display().to_string()), "{line}");
    assert!(line.contains("bởi lan"), "{line}");
    let size = std::fs::metadata(&copy).unwrap().len();
    assert!(line.contains(&format!("({size} byte)")), "{line}");
    assert!(!line.contains("không còn"), "{line}");
    std::fs::remove_file(&copy).unwrap();
    let r = doctor(&db, &[]);
    assert!(r.contains("tệp không còn ở đó"), "{r}");
}

#[test]
fn another_process_using_the_database_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehoach.db");
    assert!(kehoach(&db, &["status"]).status.success());

    // A coordinator's interactive view left open.
    let t = Tmux::start("doctor", 80, 24, &kehoach_command(&db, ""));
    t.wait_for("PAR INDEX", 20);
    let r = doctor(&db, &[]);
    assert!(
        r.contains(&format!("Tiến trình khác: tiến trình {} đang mở", t.pid())),
        "{r}"
    );
    t.keys(&["q"]);
    t.wait_exit(5);
    drop(t);
    assert!(doctor(&db, &[]).contains("không có tiến trình nào"));

    // A write in progress in another process.
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let r = doctor(&db, &[]);
    assert!(r.contains("một tiến trình đang ghi"), "{r}");
    holder.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn no_database_yet_is_said_and_nothing_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("chua-co/kehoach.db");
    let out = kehoach(&db, &["doctor"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(out.stdout.is_empty(), "said twice");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Chưa có cơ sở dữ liệu ở"), "{err}");
    assert!(!db.parent().unwrap().exists(), "doctor created the folder");
}
