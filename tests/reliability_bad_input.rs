//! Bad input through the real binary: damaged and foreign database files, schema versions from
//! other kehoach builds, read-only files and folders, missing and impossible --db paths,
//! malformed plan files, impossible dates, unknown ids, and note text that is empty, huge or
//! full of control characters. Each refusal is one clear sentence (exit code ≠ 0), and
//! nothing stored is lost or changed. Prints how many bad inputs were tried.

mod common;

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use common::tmux::{Tmux, kehoach_command};
use kehoach::store::{Store, schema};

thread_local! {
    /// Bad inputs tried by the test running on this thread (each test has its own thread).
    static TRIED: Cell<usize> = const { Cell::new(0) };
}

fn tried() {
    TRIED.with(|t| t.set(t.get() + 1));
}

/// The figure the README quotes: one line per test, summed there.
fn report(area: &str) {
    println!("bad input: {} tried ({area})", TRIED.with(Cell::get));
}

fn kehoach(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kehoach"));
    c.env_remove("KEHOACH_LANG")
        .env_remove("KEHOACH_TODAY")
        .env_remove("KEHOACH_DB")
        .env("USER", "lan")
        .env("COLUMNS", "200")
        .arg("--db")
        .arg(db);
    c
}

fn run(db: &Path, args: &[&str]) -> Output {
    kehoach(db).args(args).output().unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(
        out.status.success(),
        "kehoach {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A refusal: exit `code`, one sentence on stderr (plus "gợi ý" hint lines), nothing on
/// stdout. Counts as one bad input tried. Returns the sentence.
fn refused(out: Output, code: i32, what: &str) -> String {
    tried();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(code), "{what}: {err}");
    assert!(out.stdout.is_empty(), "{what}: printed {:?}", out.stdout);
    let mut lines = err.lines();
    let first = lines.next().unwrap_or_default();
    assert!(
        first.starts_with("kehoach: lỗi: ") || first.starts_with("kehoach: error: "),
        "{what}: {err}"
    );
    assert!(
        lines.all(|l| l.starts_with("  gợi ý: ") || l.starts_with("  hint: ")),
        "{what}: more than one sentence: {err}"
    );
    first.to_string()
}

/// What a coordinator can see of the data: every item's state and notes, and the audit log.
fn snapshot(db: &Path) -> (String, String) {
    (
        ok(db, &["export", "--format", "json"]),
        ok(db, &["history", "--limit", "100000"]),
    )
}

fn worked_db(dir: &Path) -> PathBuf {
    let db = dir.join("kehoach.db");
    ok(&db, &["done", "IV.2.a", "IV.5.c"]);
    ok(&db, &["note", "IV.2.a", "Kế hoạch 45/KH-SNV ngày 12/6"]);
    ok(&db, &["deadline", "IV.6", "15/12/2023"]);
    db
}

/// Files other than `name` in its folder.
fn siblings(path: &Path) -> Vec<String> {
    let name = path.file_name().unwrap();
    let mut v: Vec<String> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n != name)
        .map(|n| n.to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn noise(n: usize, mut x: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

#[test]
fn damaged_or_foreign_database_files_are_refused_byte_for_byte_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let good = worked_db(dir.path());
    let bytes = std::fs::read(&good).unwrap();
    let mut zeroed_middle = bytes.clone();
    let mid = bytes.len() / 2;
    zeroed_middle[4096..mid].fill(0);
    let mut magic = b"SQLite format 3\0".to_vec();
    magic.extend(noise(20_000, 3));
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("ngau-nhien.db", noise(65_536, 42)),
        ("cat-ngan.db", bytes[..bytes.len() / 3].to_vec()),
        ("cat-dau.db", bytes[..100].to_vec()),
        (
            "van-ban.db",
            "Biên bản họp giao ban\nngày 12/6/2023\n"
                .as_bytes()
                .to_vec(),
        ),
        ("dau-dung-than-hong.db", magic),
        ("giua-bi-xoa.db", zeroed_middle),
    ];
    for (name, content) in cases {
        let sub = dir.path().join(name.trim_end_matches(".db"));
        std::fs::create_dir(&sub).unwrap();
        let db = sub.join(name);
        std::fs::write(&db, &content).unwrap();
        for args in [
            &["status"][..],
            &["done", "IV.2.b"],
            &["note", "IV.2.b", "x"],
            &["show", "IV.2.a"],
        ] {
            let what = format!("{name} {args:?}");
            let msg = refused(run(&db, args), 4, &what);
            assert!(msg.contains(name), "{what}: {msg}");
            assert!(msg.contains("được giữ nguyên"), "{what}: {msg}");
            assert!(msg.contains("kehoach restore"), "{what}: {msg}");
            assert_eq!(
                std::fs::read(&db).unwrap(),
                content,
                "{what} changed the file"
            );
            assert!(siblings(&db).is_empty(), "{what}: {:?}", siblings(&db));
        }
        // The doctor examines it, says so, exits 4 and leaves it as it was.
        let out = run(&db, &["doctor"]);
        assert_eq!(out.status.code(), Some(4), "doctor on {name}");
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(report.contains("HỎNG"), "doctor on {name}: {report}");
        assert_eq!(
            std::fs::read(&db).unwrap(),
            content,
            "doctor changed {name}"
        );
        assert!(siblings(&db).is_empty(), "doctor left {:?}", siblings(&db));
        tried();
    }
    // The good database is still fine after all that.
    assert!(ok(&good, &["show", "IV.2.a"]).contains("Kế hoạch 45/KH-SNV"));
    report("damaged or foreign database files");
}

#[test]
fn a_newer_schema_is_refused_naming_both_versions() {
    let dir = tempfile::tempdir().unwrap();
    let db = worked_db(dir.path());
    let newer = schema::latest() + 1;
    rusqlite::Connection::open(&db)
        .unwrap()
        .pragma_update(None, "user_version", newer)
        .unwrap();
    let bytes = std::fs::read(&db).unwrap();
    for args in [&["status"][..], &["done", "IV.2.b"]] {
        let msg = refused(run(&db, args), 4, "newer schema");
        assert!(
            msg.contains(&format!("phiên bản lược đồ {newer}"))
                && msg.contains(&format!("đến phiên bản {}", schema::latest()))
                && msg.contains("kehoach mới hơn"),
            "{msg}"
        );
    }
    let en = refused(
        kehoach(&db)
            .args(["--lang", "en", "status"])
            .output()
            .unwrap(),
        4,
        "newer schema, English",
    );
    assert!(en.contains(&format!("schema version {newer}")), "{en}");
    assert_eq!(std::fs::read(&db).unwrap(), bytes);
    assert!(siblings(&db).is_empty(), "{:?}", siblings(&db));
    report("newer schema");
}

#[test]
fn an_older_schema_is_upgraded_after_a_backup_copy_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = worked_db(dir.path());
    let before = snapshot(&db);
    // Back to version 1 as an older kehoach left it: the later steps only add tables, so
    // dropping every table that step 1 does not create gives the version 1 layout.
    common::downgrade_to_v1(&db);
    let out = ok(&db, &["show", "IV.2.a"]);
    assert!(out.contains("Kế hoạch 45/KH-SNV"), "{out}");
    let baks: Vec<String> = siblings(&db)
        .into_iter()
        .filter(|n| n.ends_with(".bak"))
        .collect();
    assert_eq!(baks.len(), 1, "{:?}", siblings(&db));
    assert!(baks[0].starts_with("kehoach.db.v1-"), "{baks:?}");
    let bak = dir.path().join(&baks[0]);
    // The copy is the old database, whole: version 1, same data, no -wal needed.
    let old = rusqlite::Connection::open(&bak).unwrap();
    let v: i64 = old
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 1);
    let notes: i64 = old
        .query_row("SELECT count(*) FROM note", [], |r| r.get(0))
        .unwrap();
    assert_eq!(notes, 1);
    drop(old);
    assert_eq!(
        Store::open(&db).unwrap().schema_version().unwrap(),
        schema::latest()
    );
    assert_eq!(snapshot(&db), before, "the upgrade changed the data");
    // And the doctor points at the copy.
    let report = ok(&db, &["doctor"]);
    assert!(report.contains(&baks[0]), "{report}");
    assert!(
        report.contains(&format!("Phiên bản lược đồ: {}", schema::latest())),
        "{report}"
    );
}

/// Makes a file or folder immutable (`chattr +i`) for the life of the guard: the one way to
/// make a path read-only for root, which these tests often run as.
struct Immutable(PathBuf);

impl Immutable {
    fn set(path: &Path) -> Option<Immutable> {
        let ok = std::process::Command::new("chattr")
            .arg("+i")
            .arg(path)
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then(|| Immutable(path.to_path_buf()))
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = std::process::Command::new("chattr")
            .arg("-i")
            .arg(&self.0)
            .status();
    }
}

/// Read-only as the current user can observe it: chmod for ordinary users, `chattr +i` for
/// root. None when neither works here (say, root on a filesystem without attributes).
fn make_read_only(path: &Path) -> Option<Immutable> {
    use std::os::unix::fs::PermissionsExt;
    let mode = if path.is_dir() { 0o555 } else { 0o444 };
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    let probe = if path.is_dir() {
        std::fs::File::create(path.join(".probe")).is_err()
    } else {
        std::fs::OpenOptions::new().write(true).open(path).is_err()
    };
    let _ = std::fs::remove_file(path.join(".probe"));
    if probe {
        // chmod is enough; the guard restores nothing that matters.
        return Some(Immutable(PathBuf::new()));
    }
    Immutable::set(path)
}

#[cfg(unix)]
#[test]
fn read_only_files_and_folders_open_read_only_and_refuse_edits() {
    for what in ["file", "folder"] {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("chung");
        std::fs::create_dir(&sub).unwrap();
        let db = worked_db(&sub);
        let before = snapshot(&db);
        let bytes = std::fs::read(&db).unwrap();
        let target = if what == "file" {
            db.clone()
        } else {
            sub.clone()
        };
        let Some(guard) = make_read_only(&target) else {
            eprintln!(
                "skipped {what}: neither chmod nor chattr +i makes it read-only for this user"
            );
            continue;
        };
        let status = ok(&db, &["status"]);
        assert!(status.contains("(chỉ đọc)"), "{what}: {status}");
        assert!(ok(&db, &["show", "IV.2.a"]).contains("Kế hoạch 45/KH-SNV"));
        for args in [
            &["done", "IV.2.b"][..],
            &["reopen", "IV.2.a"],
            &["note", "IV.2.b", "x"],
            &["deadline", "IV.2.b", "clear"],
            &["import", "data/plan.json"],
        ] {
            let msg = refused(run(&db, args), 4, &format!("{what} {args:?}"));
            assert!(
                msg.contains("chỉ đọc") && msg.contains("chưa có gì thay đổi"),
                "{msg}"
            );
        }
        let report = ok(&db, &["doctor"]);
        assert!(report.contains("không ghi được"), "{what}: {report}");
        assert_eq!(
            std::fs::read(&db).unwrap(),
            bytes,
            "{what}: the file changed"
        );
        drop(guard);
        assert_eq!(snapshot(&db), before);
    }
    report("read-only file and folder");
}

#[test]
fn a_missing_db_folder_is_created_and_an_impossible_one_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("so-noi-vu/2023/kehoach.db");
    assert!(ok(&deep, &["status"]).contains(&deep.display().to_string()));
    assert!(deep.exists());

    // A --db whose folder would have to be inside a file.
    let file = dir.path().join("ghi-chu.txt");
    std::fs::write(&file, "x").unwrap();
    let db = file.join("kehoach.db");
    let msg = refused(run(&db, &["status"]), 4, "--db inside a file");
    assert!(
        msg.contains("không dùng được") && msg.contains("ghi-chu.txt"),
        "{msg}"
    );
    assert!(msg.contains("--db"), "says what to do: {msg}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");

    // A folder nobody may write into.
    let locked = dir.path().join("khoa");
    std::fs::create_dir(&locked).unwrap();
    if let Some(_g) = make_read_only(&locked) {
        let db = locked.join("moi/kehoach.db");
        let msg = refused(run(&db, &["status"]), 4, "--db in an unwritable folder");
        assert!(
            msg.contains("không dùng được") && msg.contains("khoa"),
            "{msg}"
        );
        let db = locked.join("kehoach.db");
        let msg = refused(run(&db, &["status"]), 4, "new --db in an unwritable folder");
        assert!(msg.contains("khoa"), "{msg}");
    }
    report("--db paths");
}

#[test]
fn malformed_plan_files_name_the_problem_and_import_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = worked_db(dir.path());
    let before = snapshot(&db);
    let plan: serde_json::Value = serde_json::from_str(kehoach::plan::EMBEDDED_PLAN).unwrap();
    let edit = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut v = plan.clone();
        f(&mut v);
        serde_json::to_string_pretty(&v).unwrap()
    };
    let agency = |v: &mut serde_json::Value, id: &str| -> usize {
        v["agencies"]
            .as_array()
            .unwrap()
            .iter()
            .position(|a| a["id"] == id)
            .unwrap()
    };
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "dau-phay.json",
            "{\n  \"format\": 1,\n  \"id\": \"x\",\n}\n".into(),
            "dòng 4, cột 1",
        ),
        (
            "vong-lap.json",
            edit(&|v| {
                let g = agency(v, "so-ban-nganh");
                v["agencies"][g]["members"]
                    .as_array_mut()
                    .unwrap()
                    .push("co-quan-dia-phuong".into());
            }),
            "so-ban-nganh",
        ),
        (
            "thieu-truong.json",
            edit(&|v| {
                v["nodes"][3].as_object_mut().unwrap().remove("kind");
            }),
            "kind",
        ),
        (
            "co-quan-la.json",
            edit(&|v| v["nodes"][3]["children"][1]["lead"] = serde_json::json!(["so-khong-co"])),
            "so-khong-co",
        ),
        (
            "trung-ma.json",
            edit(&|v| v["nodes"][3]["children"][2]["id"] = "IV.2".into()),
            "\"IV.2\"",
        ),
    ];
    for (name, text, says) in &cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let msg = refused(run(&db, &["import", path.to_str().unwrap()]), 2, name);
        assert!(msg.contains(name) && msg.contains(says), "{name}: {msg}");
    }
    assert_eq!(snapshot(&db), before, "a refused import changed something");
    report("plan files");
}

#[test]
fn impossible_dates_unknown_ids_and_unusable_notes_are_refused_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = worked_db(dir.path());
    let before = snapshot(&db);
    for d in [
        "31/02/2023",
        "2023-13-01",
        "29/02/2023",
        "2023-11-31",
        "hôm nay",
        "",
    ] {
        let msg = refused(run(&db, &["deadline", "IV.2.b", d]), 2, d);
        assert!(msg.contains("không phải ngày hợp lệ"), "{msg}");
        refused(run(&db, &["--today", d, "status"]), 2, d);
    }
    for (id, near) in [("IV.2.z", "IV.2"), ("iii.1.2.9.t9", "III.1.2.9"), ("V", "")] {
        let out = run(&db, &["done", id]);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        let msg = refused(out, 3, id);
        assert!(msg.contains("không có mục"), "{msg}");
        assert!(
            err.contains(near),
            "suggests something close to {id}: {err}"
        );
    }
    for blank in ["", "   ", "\n\t\n"] {
        let msg = refused(run(&db, &["note", "IV.2.b", blank]), 2, "empty note");
        assert!(msg.contains("ghi chú trống"), "{msg}");
    }
    // NUL cannot travel in an argument; from standard input it is dropped, leaving nothing.
    let out = kehoach(&db)
        .args(["note", "IV.2.b", "-"])
        .write_stdin("\0\0\n")
        .output()
        .unwrap();
    assert!(refused(out, 2, "NUL note").contains("ghi chú trống"));
    // A megabyte arrives through standard input (a single argument cannot hold it).
    let huge = "Biên bản ".repeat(1024 * 1024 / 10);
    let out = kehoach(&db)
        .args(["note", "IV.2.b", "-"])
        .write_stdin(huge.clone())
        .output()
        .unwrap();
    let msg = refused(out, 2, "1 MB note");
    assert!(msg.contains("65536"), "{msg}");
    assert!(
        msg.contains(&format!("dài {} byte", huge.len())),
        "the real size: {msg}"
    );
    assert_eq!(snapshot(&db), before, "a refusal wrote something");
    report("dates, ids, notes");
}

#[test]
fn control_characters_and_decomposed_vietnamese_in_notes_are_stored_safely() {
    use unicode_normalization::UnicodeNormalization;
    let dir = tempfile::tempdir().unwrap();
    let db = worked_db(dir.path());
    let nfd: String = "Đã tổ chức hội nghị đối thoại".nfd().collect();
    assert_ne!(nfd, "Đã tổ chức hội nghị đối thoại");
    let out = kehoach(&db)
        .args(["note", "IV.2.b", "-"])
        .write_stdin("trước\0sau")
        .output()
        .unwrap();
    assert!(out.status.success());
    tried();
    let cases = [
        (
            "esc",
            "\u{1b}[2J\u{1b}[31mđỏ\u{1b}]0;tiêu đề\u{7}".to_string(),
        ),
        ("rtl", "abc\u{202E}fed\u{200F}".to_string()),
        ("nfd", nfd.clone()),
    ];
    for (what, text) in &cases {
        tried();
        let said = ok(&db, &["note", "IV.2.b", text]);
        assert!(said.starts_with("Đã lưu ghi chú #"), "{what}: {said}");
    }
    let store = Store::open(&db).unwrap();
    let texts: Vec<String> = store
        .notes("lang-son-2023", "IV.2.b")
        .unwrap()
        .into_iter()
        .map(|n| n.text)
        .collect();
    assert!(
        texts.contains(&"trướcsau".to_string()),
        "NUL dropped: {texts:?}"
    );
    assert!(
        texts.contains(&"Đã tổ chức hội nghị đối thoại".to_string()),
        "stored composed (NFC): {texts:?}"
    );
    // What a terminal receives from `show` and `export --format md` has no raw controls; a
    // pipe gets the notes as stored (README "Text from notes and plan files").
    for args in [&["show", "IV.2.b"][..], &["export", "--format", "md"]] {
        let out = common::cli::on_a_terminal(&db, args);
        let out = String::from_utf8_lossy(&out);
        for bad in ['\u{1b}', '\0', '\u{7}', '\u{202E}', '\u{200F}'] {
            assert!(!out.contains(bad), "{args:?} printed {bad:?}");
        }
        if args[0] == "show" {
            assert!(out.contains("␛[31mđỏ"), "{out}");
            assert!(ok(&db, args).contains("\u{1b}[31mđỏ"), "a pipe keeps it");
        }
    }
    // The same text searched without diacritics finds the decomposed note.
    assert!(ok(&db, &["search", "hoi nghi doi thoai"]).contains("IV.2.b"));
    report("note text");
}

#[test]
fn lang_c_and_term_dumb_are_handled() {
    let dir = tempfile::tempdir().unwrap();
    let db = worked_db(dir.path());
    let out = kehoach(&db)
        .env("LANG", "C")
        .env("LC_ALL", "C")
        .args(["--today", "2023-06-20", "status"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("Tính đến ngày 20/06/2023")
    );
    tried();

    // TERM=dumb on a real terminal: one sentence saying what to set, then back to the shell.
    let cmd = format!(
        "sh -c \"{}; echo exit=\\$?; sleep 30\"",
        kehoach_command(&db, "").replace("TERM=xterm-256color", "TERM=dumb")
    );
    let t = Tmux::start("dumb", 80, 24, &cmd);
    let s = t.wait_for("exit=", 20);
    assert!(s.contains("exit=2"), "{s}");
    assert!(
        s.contains("TERM=dumb") && s.contains("kehoach overdue"),
        "{s}"
    );
    tried();
    drop(t);

    // LANG=C on a UTF-8 terminal: the interface draws and works as usual.
    let cmd = kehoach_command(&db, "").replace("LANG=C.UTF-8", "LANG=C LC_ALL=C");
    let t = Tmux::start("langc", 80, 24, &cmd);
    t.wait_for("PAR INDEX", 20);
    t.keys(&["o"]);
    t.wait_for("Quá hạn", 5);
    t.keys(&["Escape", "q"]);
    t.wait_exit(5);
    tried();
    report("LANG=C, TERM=dumb");
}

#[test]
fn far_away_dates_and_windows_are_refused_or_answered_never_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    ok(&db, &["deadline", "IV.2.b", "9999-12-31"]);

    for by_agency in [false, true] {
        let mut args = vec!["overdue", "--within", "100000000"];
        if by_agency {
            args.push("--by-agency");
        }
        let what = format!("{args:?}");
        let msg = refused(run(&db, &args), 2, &what);
        assert!(
            msg.contains("100000000") && msg.contains("36500"),
            "{what}: {msg}"
        );
    }
    let out = ok(
        &db,
        &["--today", "9999-12-01", "overdue", "--within", "36500"],
    );
    assert!(out.contains("IV.2.b"), "{out}");
    ok(
        &db,
        &[
            "--today",
            "9999-12-01",
            "overdue",
            "--by-agency",
            "--within",
            "36500",
        ],
    );

    // The last day chrono can count to: every date-driven command answers.
    let last = "+262142-12-31";
    for args in [
        &["status"][..],
        &["overdue"],
        &["overdue", "--within", "1"],
        &["overdue", "--within", "36500", "--format", "json"],
        &["overdue", "--by-agency", "--within", "36500"],
        &["checklist"],
        &["report", "--missing"],
        &["agencies"],
        &["export", "--format", "md"],
    ] {
        let mut all = vec!["--today", last];
        all.extend_from_slice(args);
        let out = run(&db, &all);
        tried();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{all:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    report("far dates");
}

#[test]
fn a_plan_file_saved_with_a_byte_order_mark_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let fixture = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/mini_plan.json"
    ))
    .unwrap();
    let path = dir.path().join("ke-hoach-bom.json");
    std::fs::write(&path, [&b"\xef\xbb\xbf"[..], &fixture].concat()).unwrap();
    let out = ok(&db, &["import", path.to_str().unwrap()]);
    assert!(out.starts_with("Đã nhập kế hoạch mini"), "{out}");
    assert!(ok(&db, &["plans"]).starts_with("* mini"));
    tried();
    report("plan file with a BOM");
}

#[test]
fn another_programs_sqlite_files_are_refused_byte_for_byte_untouched() {
    let dir = tempfile::tempdir().unwrap();
    // (name, WAL, user_version, application_id): an address book, one in WAL mode that says
    // version 2 (kehoach used to add its tables to it and stop half-way), and a file that
    // carries another program's application_id.
    let cases = [
        ("danh-ba.db", false, 0, 0),
        ("danh-ba-wal.db", true, 2, 0),
        ("ung-dung-khac.db", false, 0, 0x1234_5678),
    ];
    for (name, wal, version, app) in cases {
        let sub = dir.path().join(name.trim_end_matches(".db"));
        std::fs::create_dir(&sub).unwrap();
        let db = sub.join(name);
        {
            let c = rusqlite::Connection::open(&db).unwrap();
            if wal {
                c.query_row("PRAGMA journal_mode=WAL", [], |_| Ok(()))
                    .unwrap();
            }
            c.execute_batch(
                "CREATE TABLE contact (id INTEGER PRIMARY KEY, name TEXT);
                 INSERT INTO contact (name) VALUES ('Nguyễn Văn Lan');",
            )
            .unwrap();
            c.pragma_update(None, "user_version", version).unwrap();
            c.pragma_update(None, "application_id", app).unwrap();
        }
        let content = std::fs::read(&db).unwrap();
        for args in [
            &["status"][..],
            &["done", "IV.2.b"],
            &["show", "IV.2.a"],
            &["deadline", "IV.6", "15/12/2023"],
        ] {
            let what = format!("{name} {args:?}");
            let msg = refused(run(&db, args), 4, &what);
            assert!(msg.contains(name), "{what}: {msg}");
            assert!(msg.contains("chương trình khác"), "{what}: {msg}");
            assert!(msg.contains("được giữ nguyên"), "{what}: {msg}");
            assert_eq!(std::fs::read(&db).unwrap(), content, "{what} changed it");
            assert!(siblings(&db).is_empty(), "{what}: {:?}", siblings(&db));
        }
        // The doctor does not call it damaged, but says it is not kehoach's.
        let out = run(&db, &["doctor"]);
        assert_eq!(out.status.code(), Some(4), "doctor on {name}");
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(
            report.contains("không phải cơ sở dữ liệu kehoach"),
            "{report}"
        );
        assert!(!report.contains("HỎNG"), "{report}");
        assert_eq!(
            std::fs::read(&db).unwrap(),
            content,
            "doctor changed {name}"
        );
        tried();
    }
    report("another program's SQLite files");
}

#[test]
fn a_pipe_a_folder_or_a_device_as_the_database_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("ong.db");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    let mut cases = vec![dir.path().to_path_buf(), PathBuf::from("/dev/null")];
    if made {
        cases.push(fifo);
    } else {
        eprintln!("no mkfifo here: the pipe case is skipped");
    }
    for db in cases {
        for args in [&["status"][..], &["doctor"]] {
            let what = format!("{} {args:?}", db.display());
            // Before, a pipe made kehoach wait forever: give up on it after a minute.
            let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kehoach"))
                .env_remove("KEHOACH_LANG")
                .arg("--db")
                .arg(&db)
                .args(args)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            let mut waited = 0;
            while child.try_wait().unwrap().is_none() {
                if waited > 600 {
                    let _ = child.kill();
                    let _ = child.wait();
                    panic!("{what}: still waiting after a minute");
                }
                std::thread::sleep(std::time::Duration::from_millis(100));
                waited += 1;
            }
            let msg = refused(child.wait_with_output().unwrap(), 4, &what);
            assert!(msg.contains("không phải tệp thông thường"), "{what}: {msg}");
        }
    }
    report("a pipe, a folder or a device as the database");
}

#[test]
fn an_empty_kehoach_db_counts_as_unset_and_no_user_falls_back_to_the_account_name() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let out = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .env_remove("KEHOACH_LANG")
        .env("KEHOACH_DB", "")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", &data)
        .args(["done", "IV.2.a"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "KEHOACH_DB= : {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let db = data.join("kehoach").join("kehoach.db");
    assert!(db.exists(), "the default database is used");

    let account = std::process::Command::new("id").arg("-un").output();
    let Some(account) = account
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    else {
        eprintln!("skipped the account-name part: `id -un` did not answer");
        return;
    };
    let nameless = |args: &[&str]| {
        let out = kehoach(&db)
            .env_remove("USER")
            .env_remove("LOGNAME")
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    nameless(&["done", "IV.2.b"]);
    let history = ok(&db, &["history", "--item", "IV.2.b"]);
    assert!(history.contains(&account), "{history}");
    assert!(!history.contains("unknown"), "{history}");
    let doctor = nameless(&["doctor"]);
    assert!(
        doctor.contains(&account) && doctor.contains("tên tài khoản trên hệ thống"),
        "{doctor}"
    );
    assert!(ok(&db, &["doctor"]).contains("lan (theo $USER)"));
}
