//! The SQLite store on real files in a temporary folder: first run, audited writes in one
//! transaction, two connections, imports, and the files it must refuse without touching.

mod common;

use common::plan_file::{edited_plan, node_mut};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use kehoach::i18n::{Lang, Localized};
use kehoach::plan::{self, ItemState, Plan};
use kehoach::store::{
    Actor, Draft, ImportError, MAX_NOTE_BYTES, NewNote, NoteError, NoteWriteError, Store,
    StoreError, schema,
};
use serde_json::Value;
use tempfile::TempDir;

const PLAN_ID: &str = "lang-son-2023";

fn actor(user: &str) -> Actor {
    Actor {
        user: user.to_string(),
        now: "2023-06-12T09:30:00+07:00".to_string(),
        undo: false,
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A database with the embedded plan, in its own temporary folder.
fn seeded() -> (TempDir, PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kehoach.db");
    let mut store = Store::open(&path).unwrap();
    assert!(
        store
            .ensure_seeded(plan::EMBEDDED_PLAN, || actor("lan"))
            .unwrap()
    );
    (dir, path, store)
}

fn state(store: &Store, id: &str) -> ItemState {
    let plan = store.load_plan(None).unwrap();
    let ix = plan.find(id).unwrap();
    store.item_states(&plan).unwrap().swap_remove(ix)
}

fn note(text: &str) -> NewNote {
    NewNote {
        text: text.to_string(),
        ..NewNote::default()
    }
}

/// Files beside `path` that SQLite would leave: journals, WAL, shared memory.
fn siblings(path: &Path) -> Vec<String> {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let mut v: Vec<String> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| f.starts_with(&name) && *f != name)
        .collect();
    v.sort();
    v
}

#[test]
fn first_open_creates_the_schema_and_seeds_the_embedded_plan() {
    let dir = tempfile::tempdir().unwrap();
    // The data folder does not exist yet on a first run.
    let path = dir.path().join("share/kehoach/kehoach.db");
    let mut store = Store::open(&path).unwrap();
    assert!(path.exists());
    assert_eq!(store.schema_version().unwrap(), schema::latest());
    assert!(store.plans().unwrap().is_empty());
    assert!(!store.is_read_only());

    assert!(
        store
            .ensure_seeded(plan::EMBEDDED_PLAN, || actor("lan"))
            .unwrap()
    );
    assert!(
        !store
            .ensure_seeded(plan::EMBEDDED_PLAN, || actor("lan"))
            .unwrap()
    );
    let plans = store.plans().unwrap();
    assert_eq!(plans.len(), 1);
    // The plan built into kehoach is recorded as imported by kehoach itself, so a newer
    // build can bring it up to date.
    assert_eq!(
        (plans[0].id.as_str(), plans[0].imported_by.as_str()),
        (PLAN_ID, kehoach::store::BUILT_IN)
    );
    let plan = store.load_plan(None).unwrap();
    assert_eq!(plan.len(), Plan::embedded().len());
    assert!(
        store
            .item_states(&plan)
            .unwrap()
            .iter()
            .all(|s| *s == ItemState::default())
    );
    let h = store.history(None, 10).unwrap();
    assert_eq!(h.len(), 1, "seeding is logged once");
    assert_eq!(h[0].action, "import");
    drop(store);

    // Everything is on disk: a new connection finds the plan and seeds nothing.
    let mut again = Store::open(&path).unwrap();
    assert!(
        !again
            .ensure_seeded(plan::EMBEDDED_PLAN, || actor("binh"))
            .unwrap()
    );
    assert_eq!(again.plans().unwrap().len(), 1);

    // An empty file (touched by hand) is a new database, not an error.
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let mut s = Store::open(&empty).unwrap();
    assert!(
        s.ensure_seeded(plan::EMBEDDED_PLAN, || actor("lan"))
            .unwrap()
    );
}

#[test]
fn the_command_line_opens_and_seeds_through_the_same_path() {
    let dir = tempfile::tempdir().unwrap();
    let g = kehoach::cli::Global {
        db: Some(dir.path().join("k.db")),
        today: None,
        user: Some("Nguyễn Thị Lan".into()),
        lang: Lang::Vi,
        plan: None,
    };
    let store = kehoach::commands::open_store(&g).unwrap();
    assert_eq!(store.path(), dir.path().join("k.db"));
    assert_eq!(
        store.plans().unwrap()[0].imported_by,
        kehoach::store::BUILT_IN
    );
}

#[test]
fn every_write_is_audited_with_before_and_after() {
    let (_dir, _path, mut s) = seeded();
    let a = actor("lan");
    let t = "III.1.2.9.t1";

    let before = s.set_done(PLAN_ID, t, true, &a).unwrap();
    assert!(!before.done);
    let st = state(&s, t);
    assert!(st.done);
    assert_eq!(st.done_at.as_deref(), Some("2023-06-12T09:30:00+07:00"));
    assert_eq!(st.done_by.as_deref(), Some("lan"));
    // Asking again changes nothing and logs nothing.
    assert!(s.set_done(PLAN_ID, t, true, &a).unwrap().done);
    s.set_done(PLAN_ID, t, false, &actor("binh")).unwrap();
    assert_eq!(state(&s, t), ItemState::default());

    assert_eq!(
        s.set_deadline(PLAN_ID, "IV.1.a.t1", Some(date(2023, 7, 15)), &a)
            .unwrap(),
        None
    );
    assert_eq!(
        s.set_deadline(PLAN_ID, "IV.1.a.t1", Some(date(2023, 7, 20)), &a)
            .unwrap(),
        Some(date(2023, 7, 15))
    );
    s.set_deadline(PLAN_ID, "IV.1.a.t1", None, &a).unwrap();
    assert_eq!(state(&s, "IV.1.a.t1").deadline, None);

    let id = s.add_note(PLAN_ID, t, &note("Đã tham mưu"), &a).unwrap();
    s.edit_note(id, &note("Đã tham mưu Kế hoạch 45/KH-SNV"), &a)
        .unwrap();
    s.delete_note(id, &a).unwrap();

    let h = s.history(Some(PLAN_ID), 100).unwrap();
    /// at, who, item, action, before, after.
    type Row<'a> = (
        &'a str,
        &'a str,
        Option<&'a str>,
        &'a str,
        Option<&'a str>,
        Option<&'a str>,
    );
    let rows: Vec<Row<'_>> = h
        .iter()
        .map(|r| {
            (
                r.at.as_str(),
                r.who.as_str(),
                r.item_id.as_deref(),
                r.action.as_str(),
                r.before.as_deref(),
                r.after.as_deref(),
            )
        })
        .collect();
    let at = "2023-06-12T09:30:00+07:00";
    let n = format!("note #{id}");
    assert_eq!(
        rows,
        [
            (
                at,
                "lan",
                Some(t),
                &*format!("{n} delete"),
                Some("Đã tham mưu Kế hoạch 45/KH-SNV"),
                None
            ),
            (
                at,
                "lan",
                Some(t),
                &*format!("{n} edit"),
                Some("Đã tham mưu"),
                Some("Đã tham mưu Kế hoạch 45/KH-SNV")
            ),
            (
                at,
                "lan",
                Some(t),
                &*format!("{n} add"),
                None,
                Some("Đã tham mưu")
            ),
            (
                at,
                "lan",
                Some("IV.1.a.t1"),
                "deadline",
                Some("2023-07-20"),
                None
            ),
            (
                at,
                "lan",
                Some("IV.1.a.t1"),
                "deadline",
                Some("2023-07-15"),
                Some("2023-07-20")
            ),
            (
                at,
                "lan",
                Some("IV.1.a.t1"),
                "deadline",
                None,
                Some("2023-07-15")
            ),
            (at, "binh", Some(t), "reopen", Some("done"), Some("open")),
            (at, "lan", Some(t), "done", Some("open"), Some("done")),
            (
                at,
                kehoach::store::BUILT_IN,
                None,
                "import",
                None,
                Some(&*format!(
                    "{} items, {} agencies",
                    Plan::embedded().len(),
                    Plan::embedded().agencies.len()
                ))
            ),
        ]
    );
}

/// The change and its audit row are one transaction: if the audit row cannot be written,
/// the change is not there either.
#[test]
fn a_write_whose_audit_fails_leaves_nothing_behind() {
    let (_dir, path, mut s) = seeded();
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch(
        "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit \
         BEGIN SELECT RAISE(ABORT, 'audit refused'); END;",
    )
    .unwrap();
    let a = actor("lan");
    assert!(s.set_done(PLAN_ID, "IV.2.a", true, &a).is_err());
    assert!(
        s.set_deadline(PLAN_ID, "IV.2.a", Some(date(2023, 9, 1)), &a)
            .is_err()
    );
    assert!(s.add_note(PLAN_ID, "IV.2.a", &note("x"), &a).is_err());
    assert_eq!(state(&s, "IV.2.a"), ItemState::default());
    assert!(s.notes(PLAN_ID, "IV.2.a").unwrap().is_empty());

    raw.execute_batch("DROP TRIGGER refuse_audit").unwrap();
    s.set_done(PLAN_ID, "IV.2.a", true, &a).unwrap();
    assert!(state(&s, "IV.2.a").done);
}

#[test]
fn two_connections_see_each_others_writes() {
    let (_dir, path, mut a) = seeded();
    let mut b = Store::open(&path).unwrap();
    let seen_by_b = b.data_version().unwrap();
    let seen_by_a = a.data_version().unwrap();

    a.set_done(PLAN_ID, "IV.2.b", true, &actor("lan")).unwrap();
    assert_ne!(b.data_version().unwrap(), seen_by_b, "B notices A's commit");
    assert!(state(&b, "IV.2.b").done);

    let id = b
        .add_note(PLAN_ID, "IV.2.b", &note("Báo cáo quý II"), &actor("binh"))
        .unwrap();
    assert_ne!(a.data_version().unwrap(), seen_by_a, "A notices B's commit");
    let notes = a.notes(PLAN_ID, "IV.2.b").unwrap();
    assert_eq!((notes[0].id, notes[0].author.as_str()), (id, "binh"));
    assert_eq!(state(&a, "IV.2.b").notes, 1);

    // Polling without changes: the number stays put.
    let v = b.data_version().unwrap();
    assert_eq!(b.data_version().unwrap(), v);
}

#[test]
fn a_deleted_note_is_restored_as_it_was() {
    let (_dir, _path, mut s) = seeded();
    let lan = actor("lan");
    let id = s
        .add_note(
            PLAN_ID,
            "IV.2.c",
            &NewNote {
                text: "Tổng hợp kết quả quý II".into(),
                doc_ref: Some("45/BC-SNV".into()),
                doc_date: Some(date(2023, 6, 12)),
            },
            &lan,
        )
        .unwrap();
    let original = s.note(id).unwrap();

    // Only the author may change or delete a note.
    let binh = actor("binh");
    assert!(matches!(
        s.edit_note(id, &note("sửa"), &binh),
        Err(NoteWriteError::Store(StoreError::NotYourNote { .. }))
    ));
    assert!(matches!(
        s.delete_note(id, &binh),
        Err(StoreError::NotYourNote { .. })
    ));

    let deleted = s.delete_note(id, &lan).unwrap();
    assert_eq!(deleted, original);
    assert!(s.notes(PLAN_ID, "IV.2.c").unwrap().is_empty());
    assert!(matches!(s.note(id), Err(StoreError::UnknownNote(_))));

    s.restore_note(&deleted, &lan.undoing()).unwrap();
    assert_eq!(
        s.notes(PLAN_ID, "IV.2.c").unwrap(),
        std::slice::from_ref(&original)
    );
    let last = &s.history(Some(PLAN_ID), 1).unwrap()[0];
    assert_eq!(last.action, format!("undo note #{id} restore"));
    assert_eq!(last.after.as_deref(), Some("Tổng hợp kết quả quý II"));
    assert!(matches!(
        s.delete_note(id + 100, &lan),
        Err(StoreError::UnknownNote(_))
    ));
}

#[test]
fn importing_a_new_version_replaces_by_id_and_keeps_progress() {
    let (_dir, _path, mut s) = seeded();
    let a = actor("lan");
    s.set_done(PLAN_ID, "III.1.2.9.t1", true, &a).unwrap();
    s.add_note(PLAN_ID, "III.1.2.9.t1", &note("Văn bản 12/SNV"), &a)
        .unwrap();
    s.set_deadline(PLAN_ID, "IV.2.a", Some(date(2023, 12, 15)), &a)
        .unwrap();

    let next_version = |v: &mut Value| {
        node_mut(v, "III.1.2.9.t1")["title"] = "Sở Nội vụ tham mưu (đã sửa)".into();
        let parent = node_mut(v, "III.1.2.9");
        let mut extra = parent["children"][2].clone();
        extra["id"] = "III.1.2.9.t4".into();
        extra["title"] = "Nhiệm vụ bổ sung".into();
        extra["text"] = "Nhiệm vụ bổ sung theo chỉ đạo.".into();
        parent["children"].as_array_mut().unwrap().push(extra);
    };
    let json = edited_plan(next_version);
    let r = s.import_plan(&json, &a).unwrap();
    assert!(r.replaced);
    assert_eq!(r.items, Plan::embedded().len() + 1);
    assert_eq!(s.plans().unwrap().len(), 1);

    let plan = s.load_plan(None).unwrap();
    let t1 = plan.find("III.1.2.9.t1").unwrap();
    assert_eq!(plan.node(t1).title, "Sở Nội vụ tham mưu (đã sửa)");
    assert!(plan.find("III.1.2.9.t4").is_some());
    let states = s.item_states(&plan).unwrap();
    assert!(states[t1].done, "done survives the import");
    assert_eq!(states[t1].notes, 1, "notes survive the import");
    assert_eq!(
        states[plan.find("IV.2.a").unwrap()].deadline,
        Some(date(2023, 12, 15))
    );
    // The new item can be worked on at once.
    s.set_done(PLAN_ID, "III.1.2.9.t4", true, &a).unwrap();

    // An item without notes or state may disappear.
    let json = edited_plan(|v| {
        next_version(v);
        node_mut(v, "IV.5")["children"]
            .as_array_mut()
            .unwrap()
            .pop();
    });
    s.import_plan(&json, &a).unwrap();
    assert!(s.load_plan(None).unwrap().find("IV.5.c").is_none());

    // Another plan (next year's) sits beside it and becomes the default.
    let mini = include_str!("fixtures/mini_plan.json");
    let r = s.import_plan(mini, &a).unwrap();
    assert!(!r.replaced);
    assert_eq!(s.load_plan(None).unwrap().id(), "mini");
    let old = s.load_plan(Some("LANG-SON-2023")).unwrap();
    assert!(s.item_states(&old).unwrap()[old.find("III.1.2.9.t1").unwrap()].done);
    assert!(matches!(
        s.load_plan(Some("lang-son-2024")),
        Err(StoreError::UnknownPlan { .. })
    ));
}

#[test]
fn an_import_that_would_lose_evidence_is_refused_and_changes_nothing() {
    let (_dir, _path, mut s) = seeded();
    let a = actor("lan");
    s.add_note(PLAN_ID, "IV.5.c", &note("Giám sát quý II"), &a)
        .unwrap();
    let snapshot = |s: &Store| {
        let plan = s.load_plan(None).unwrap();
        (
            plan.len(),
            s.plans().unwrap(),
            s.history(None, 1000).unwrap(),
            s.item_states(&plan).unwrap(),
        )
    };
    let before = snapshot(&s);

    let dropped = edited_plan(|v| {
        node_mut(v, "IV.5")["children"]
            .as_array_mut()
            .unwrap()
            .pop();
        node_mut(v, "IV.2.a")["title"] = "changed".into();
    });
    match s.import_plan(&dropped, &a) {
        Err(ImportError::Store(e @ StoreError::WouldDropItem { .. })) => {
            assert!(e.to_string().contains("IV.5.c"), "{e}");
            assert!(e.vi().contains("IV.5.c"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(snapshot(&s), before);
    assert_eq!(
        s.load_plan(None)
            .unwrap()
            .node(s.load_plan(None).unwrap().find("IV.2.a").unwrap())
            .title,
        Plan::embedded()
            .node(Plan::embedded().find("IV.2.a").unwrap())
            .title
    );

    // A file that is not a valid plan is refused before anything is written.
    for bad in [
        "{",
        "[]",
        &edited_plan(|v| node_mut(v, "IV.2.a")["lead"] = serde_json::json!(["nobody"])),
    ] {
        assert!(matches!(s.import_plan(bad, &a), Err(ImportError::Plan(_))));
    }
    assert_eq!(snapshot(&s), before);
}

#[test]
fn a_database_from_a_newer_kehoach_is_refused_untouched() {
    let (_dir, path, s) = seeded();
    drop(s);
    let newer = schema::latest() + 1;
    {
        let raw = rusqlite::Connection::open(&path).unwrap();
        raw.pragma_update(None, "user_version", newer).unwrap();
    }
    let bytes = std::fs::read(&path).unwrap();
    let e = Store::open(&path).unwrap_err();
    assert!(
        matches!(e, StoreError::TooNew { found, supported } if found == newer && supported == schema::latest()),
        "{e}"
    );
    let (en, vi) = (e.to_string(), e.say(Lang::Vi));
    for msg in [&en, &vi] {
        assert!(
            msg.contains(&newer.to_string()) && msg.contains(&schema::latest().to_string()),
            "{msg}"
        );
    }
    assert!(en.contains("newer kehoach"), "{en}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    assert!(siblings(&path).is_empty(), "{:?}", siblings(&path));
}

#[test]
fn upgrading_an_existing_database_first_copies_it() {
    let latest = schema::latest();
    if latest < 2 {
        eprintln!("skipped: this build has one schema version, so there is nothing to upgrade");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kehoach.db");
    let old = latest - 1;
    {
        let raw = rusqlite::Connection::open(&path).unwrap();
        for (i, sql) in schema::MIGRATIONS[..old as usize].iter().enumerate() {
            raw.execute_batch(sql).unwrap();
            raw.pragma_update(None, "user_version", i as i64 + 1)
                .unwrap();
        }
        raw.execute(
            "INSERT INTO plan (id, title, source, imported_at, imported_by, seq) \
             VALUES (?1, 'old', ?2, '2023-01-02T08:00:00+07:00', 'lan', 1)",
            [PLAN_ID, plan::EMBEDDED_PLAN],
        )
        .unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), latest);
    assert_eq!(s.plans().unwrap()[0].title, "old", "the data is kept");
    let copies: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with(&format!("kehoach.db.v{old}-")) && n.ends_with(".bak")
        })
        .collect();
    assert_eq!(copies.len(), 1, "one copy before migrating: {copies:?}");
    let raw = rusqlite::Connection::open(&copies[0]).unwrap();
    let v: i64 = raw
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, old, "the copy is the database as it was");
    let title: String = raw
        .query_row("SELECT title FROM plan", [], |r| r.get(0))
        .unwrap();
    assert_eq!(title, "old");
}

/// Deterministic noise (no seed file, no clock).
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
fn files_that_are_not_kehoach_databases_are_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    // A real database, closed cleanly, to cut short.
    let (_d, real, s) = seeded();
    drop(s);
    let db = std::fs::read(&real).unwrap();
    assert!(db.len() > 8192);
    let mut magic_then_noise = b"SQLite format 3\0".to_vec();
    magic_then_noise.extend(noise(8192, 7));

    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "notes.txt",
            "Ghi chú họp giao ban ngày 12/6\n".as_bytes().to_vec(),
        ),
        ("noise.db", noise(5000, 42)),
        ("short.db", b"SQLite".to_vec()),
        ("truncated-header.db", db[..3000].to_vec()),
        ("truncated-half.db", db[..db.len() / 2].to_vec()),
        ("magic-then-noise.db", magic_then_noise),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let e = match Store::open(&path) {
            Ok(mut s) => {
                // Opening may be lazy; the first real use must then fail, still harmlessly.
                let r = s.ensure_seeded(plan::EMBEDDED_PLAN, || actor("lan"));
                assert!(r.is_err(), "{name} was accepted as a database");
                r.unwrap_err()
            }
            Err(e) => e,
        };
        assert!(
            matches!(
                e,
                StoreError::NotADatabase { .. } | StoreError::Corrupt { .. }
            ),
            "{name}: {e}"
        );
        let msg = e.to_string();
        assert!(
            msg.contains(name) && msg.contains("left untouched"),
            "{name}: {msg}"
        );
        assert!(!e.say(Lang::Vi).is_empty());
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name} was modified");
        assert!(siblings(&path).is_empty(), "{name}: {:?}", siblings(&path));
    }
}

/// Running as root, permission bits do not stop writes, so a chmod-444 file proves nothing:
/// the test says so and stops. (tests/cli.rs covers the same case by dropping to `nobody`.)
fn permissions_are_enforced(path: &Path) -> bool {
    std::fs::OpenOptions::new().write(true).open(path).is_err()
}

#[cfg(unix)]
#[test]
fn a_read_only_file_opens_read_only_and_refuses_writes() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, path, mut s) = seeded();
    s.set_done(PLAN_ID, "IV.2.a", true, &actor("lan")).unwrap();
    drop(s);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    if !permissions_are_enforced(&path) {
        eprintln!(
            "skipped: this process can write a mode-444 file (running as root?), so read-only \
             cannot be observed here; tests/cli.rs checks it as user nobody"
        );
        return;
    }
    let bytes = std::fs::read(&path).unwrap();
    let mut s = Store::open(&path).unwrap();
    assert!(s.is_read_only());
    assert!(state(&s, "IV.2.a").done, "reading works");
    let a = actor("lan");
    assert!(matches!(
        s.set_done(PLAN_ID, "IV.2.b", true, &a),
        Err(StoreError::ReadOnly { .. })
    ));
    assert!(matches!(
        s.add_note(PLAN_ID, "IV.2.b", &note("x"), &a),
        Err(NoteWriteError::Store(StoreError::ReadOnly { .. }))
    ));
    assert!(matches!(
        s.import_plan(plan::EMBEDDED_PLAN, &a),
        Err(ImportError::Store(StoreError::ReadOnly { .. }))
    ));
    let e = s.set_deadline(PLAN_ID, "IV.2.b", None, &a).unwrap_err();
    assert!(e.to_string().contains(&path.display().to_string()), "{e}");
    drop(s);
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn a_backup_is_a_complete_self_contained_copy() {
    let (dir, path, mut s) = seeded();
    let a = actor("lan");
    s.set_done(PLAN_ID, "IV.2.a", true, &a).unwrap();
    s.add_note(PLAN_ID, "IV.2.a", &note("Công văn 101/SNV-CCHC"), &a)
        .unwrap();

    let dest = dir.path().join("copies/../backup.db");
    std::fs::create_dir_all(dir.path().join("copies")).unwrap();
    std::fs::write(&dest, b"an older file in the way").unwrap();
    let bytes = s.backup_to(&dest).unwrap();
    assert_eq!(bytes, std::fs::metadata(&dest).unwrap().len());
    // Bytes 18–19 of an SQLite header are 1 for a rollback journal, 2 for WAL: the copy
    // must not need a -wal/-shm file beside it to be read.
    let head = std::fs::read(&dest).unwrap();
    assert_eq!(&head[..16], b"SQLite format 3\0");
    assert_eq!((head[18], head[19]), (1, 1), "the copy is in WAL mode");
    assert!(siblings(&dest).is_empty(), "{:?}", siblings(&dest));

    // Later writes to the original do not reach the copy.
    s.set_done(PLAN_ID, "IV.2.b", true, &a).unwrap();
    let copy = Store::open(&dest).unwrap();
    assert!(state(&copy, "IV.2.a").done);
    assert!(!state(&copy, "IV.2.b").done);
    assert_eq!(
        copy.notes(PLAN_ID, "IV.2.a").unwrap(),
        s.notes(PLAN_ID, "IV.2.a").unwrap()
    );
    assert_eq!(
        copy.history(None, 100).unwrap().len() + 1,
        s.history(None, 100).unwrap().len()
    );
    assert_eq!(copy.plans().unwrap(), s.plans().unwrap());
    assert_ne!(path, dest);
}

#[test]
fn notes_are_composed_and_bounded() {
    use unicode_normalization::UnicodeNormalization;
    let (_dir, _path, mut s) = seeded();
    let a = actor("lan");
    let nfd: String = "Đã ban hành Kế hoạch số 45/KH-SNV\r\nngày 12/6"
        .nfd()
        .collect();
    let doc: String = "45/KH-SNV Lạng Sơn".nfd().collect();
    assert_ne!(nfd, nfd.nfc().collect::<String>());
    let id = s
        .add_note(
            PLAN_ID,
            "IV.2.a",
            &NewNote {
                text: format!("  {nfd}  \n"),
                doc_ref: Some(doc),
                doc_date: None,
            },
            &a,
        )
        .unwrap();
    let n = s.note(id).unwrap();
    assert_eq!(n.text, "Đã ban hành Kế hoạch số 45/KH-SNV\nngày 12/6");
    assert_eq!(n.doc_ref.as_deref(), Some("45/KH-SNV Lạng Sơn"));
    // A blank document number is no document number.
    let id2 = s
        .add_note(
            PLAN_ID,
            "IV.2.a",
            &NewNote {
                text: "x".into(),
                doc_ref: Some("  ".into()),
                doc_date: None,
            },
            &a,
        )
        .unwrap();
    assert_eq!(s.note(id2).unwrap().doc_ref, None);

    let history = s.history(None, 1000).unwrap().len();
    for blank in ["", "   ", "\n\r\n\t", "\0"] {
        assert!(
            matches!(
                s.add_note(PLAN_ID, "IV.2.a", &note(blank), &a),
                Err(NoteWriteError::Note(NoteError::Empty))
            ),
            "{blank:?}"
        );
    }
    let big = "ă".repeat(MAX_NOTE_BYTES / 2 + 1);
    match s.add_note(PLAN_ID, "IV.2.a", &note(&big), &a) {
        Err(NoteWriteError::Note(e @ NoteError::TooLong(n))) => {
            assert_eq!(n, big.len());
            assert!(e.to_string().contains(&big.len().to_string()));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        s.edit_note(id, &note(""), &a),
        Err(NoteWriteError::Note(NoteError::Empty))
    ));
    assert_eq!(
        s.history(None, 1000).unwrap().len(),
        history,
        "refusals write nothing"
    );
    assert_eq!(s.notes(PLAN_ID, "IV.2.a").unwrap().len(), 2);
    // Exactly at the limit is fine.
    s.add_note(PLAN_ID, "IV.2.a", &note(&"a".repeat(MAX_NOTE_BYTES)), &a)
        .unwrap();
}

#[test]
fn a_draft_survives_a_dropped_connection() {
    let (_dir, path, mut s) = seeded();
    let d = Draft {
        session: "4242@2023-06-12T09:00:00".into(),
        plan_id: PLAN_ID.into(),
        item_id: "IV.2.a".into(),
        note_id: None,
        note: note("Đang soạn báo cáo"),
        saved_at: "2023-06-12T09:31:00+07:00".into(),
    };
    s.save_draft("lan", &d).unwrap();
    drop(s);
    let mut s = Store::open(&path).unwrap();
    assert_eq!(s.draft("lan").unwrap(), Some(d.clone()));
    assert_eq!(s.draft("binh").unwrap(), None);
    s.clear_draft("lan", &d.key()).unwrap();
    assert_eq!(s.draft("lan").unwrap(), None);
}

#[test]
fn two_sessions_of_one_account_keep_a_draft_each() {
    let (_dir, _path, mut s) = seeded();
    let draft = |session: &str, item: &str, text: &str| Draft {
        session: session.into(),
        plan_id: PLAN_ID.into(),
        item_id: item.into(),
        note_id: None,
        note: note(text),
        saved_at: "2023-06-12T09:31:00+07:00".into(),
    };
    let a = draft("100@a", "IV.2.a", "Phiên một");
    let b = draft("200@b", "IV.2.a", "Phiên hai");
    let c = draft("200@b", "IV.2.b", "Phiên hai, mục khác");
    for d in [&a, &b, &c] {
        s.save_draft("lan", d).unwrap();
    }
    // The same session and item again: updated in place.
    let b2 = Draft {
        note: note("Phiên hai, sửa"),
        ..b.clone()
    };
    s.save_draft("lan", &b2).unwrap();
    assert_eq!(s.drafts("lan").unwrap(), vec![a.clone(), b2, c.clone()]);
    s.clear_draft("lan", &b.key()).unwrap();
    assert_eq!(s.drafts("lan").unwrap(), vec![a, c]);
}

#[test]
fn the_upgrade_to_schema_5_keeps_drafts_kept_before() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        for sql in &schema::MIGRATIONS[..4] {
            c.execute_batch(sql).unwrap();
        }
        c.pragma_update(None, "user_version", 4).unwrap();
        c.execute(
            "INSERT INTO draft (who, plan_id, item_id, note_id, text, doc_ref, doc_date, saved_at) \
             VALUES ('lan', ?1, 'IV.2.a', NULL, 'Đang soạn', '45/KH', '2023-06-12', '2023-06-12T09:31:00+07:00')",
            [PLAN_ID],
        )
        .unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), schema::latest());
    let kept = s.drafts("lan").unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].session, "");
    assert_eq!(kept[0].note.text, "Đang soạn");
    assert_eq!(kept[0].note.doc_ref.as_deref(), Some("45/KH"));
    assert_eq!(kept[0].note.doc_date, Some(date(2023, 6, 12)));
}

#[test]
fn a_guarded_write_refuses_when_someone_changed_the_item_since_and_names_them() {
    let (_dir, path, mut lan) = seeded();
    let mut hung = Store::open(&path).unwrap();
    lan.set_deadline(PLAN_ID, "IV.2.a", Some(date(2023, 10, 15)), &actor("lan"))
        .unwrap();
    hung.set_deadline(PLAN_ID, "IV.2.a", Some(date(2023, 10, 20)), &actor("hung"))
        .unwrap();
    // Lan's undo expects her 15/10; the item now says Hùng's 20/10.
    let e = lan
        .set_deadline_if(
            PLAN_ID,
            "IV.2.a",
            None,
            Some(Some(date(2023, 10, 15))),
            &actor("lan").undoing(),
        )
        .unwrap_err();
    let StoreError::ChangedSince { item, who, .. } = &e else {
        panic!("{e}")
    };
    assert_eq!((item.as_str(), who.as_str()), ("IV.2.a", "hung"));
    assert!(e.say(Lang::Vi).contains("hung"), "{}", e.say(Lang::Vi));
    assert_eq!(state(&lan, "IV.2.a").deadline, Some(date(2023, 10, 20)));
    assert!(
        !lan.history(None, 1).unwrap()[0].action.starts_with("undo"),
        "nothing was written"
    );
    // As expected, it goes through.
    lan.set_deadline_if(
        PLAN_ID,
        "IV.2.a",
        None,
        Some(Some(date(2023, 10, 20))),
        &actor("lan"),
    )
    .unwrap();
    assert_eq!(state(&lan, "IV.2.a").deadline, None);

    // Done, a note and an agency's part follow the same rule.
    lan.set_done(PLAN_ID, "IV.2.a", true, &actor("lan"))
        .unwrap();
    hung.set_done(PLAN_ID, "IV.2.a", false, &actor("hung"))
        .unwrap();
    let e = lan
        .set_done_if(PLAN_ID, "IV.2.a", false, Some(true), &actor("lan"))
        .unwrap_err();
    assert!(matches!(e, StoreError::ChangedSince { ref who, .. } if who == "hung"));
    let id = lan
        .add_note(PLAN_ID, "IV.2.a", &note("Bản một"), &actor("lan"))
        .unwrap();
    // The same account in another session edits it.
    hung.edit_note(id, &note("Bản hai"), &actor("lan")).unwrap();
    let e = lan
        .delete_note_if(id, Some(&note("Bản một")), &actor("lan"))
        .unwrap_err();
    assert!(matches!(e, StoreError::ChangedSince { .. }), "{e}");
    assert_eq!(lan.note(id).unwrap().text, "Bản hai");
    // Undoing an edit: the note must still read as this session edited it.
    lan.edit_note(id, &note("Bản ba"), &actor("lan")).unwrap();
    hung.edit_note(id, &note("Bản bốn"), &actor("lan")).unwrap();
    let e = lan
        .edit_note_if(id, &note("Bản hai"), Some(&note("Bản ba")), &actor("lan"))
        .unwrap_err();
    assert!(
        matches!(e, NoteWriteError::Store(StoreError::ChangedSince { .. })),
        "{e}"
    );
    assert_eq!(lan.note(id).unwrap().text, "Bản bốn");
    let done = kehoach::store::NewMark {
        state: kehoach::plan::accountability::AgencyState::Done,
        ..Default::default()
    };
    lan.set_agency_state(PLAN_ID, "IV.2.a", "snv", &done, &actor("lan"))
        .unwrap();
    hung.set_agency_state(
        PLAN_ID,
        "IV.2.a",
        "snv",
        &Default::default(),
        &actor("hung"),
    )
    .unwrap();
    let e = lan
        .set_agency_state_if(
            PLAN_ID,
            "IV.2.a",
            "snv",
            &Default::default(),
            Some(&done),
            &actor("lan"),
        )
        .unwrap_err();
    assert!(matches!(e, StoreError::ChangedSince { ref who, .. } if who == "hung"));
}

#[test]
fn new_and_older_databases_carry_kehoachs_application_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    let read_id = |p: &Path| -> i32 {
        rusqlite::Connection::open(p)
            .unwrap()
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .unwrap()
    };
    drop(Store::open(&path).unwrap());
    assert_eq!(
        read_id(&path),
        kehoach::store::APPLICATION_ID,
        "a new database"
    );
    // A database made before the id was set: recognised by its tables, then given the id.
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "application_id", 0).unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), schema::latest());
    drop(s);
    assert_eq!(
        read_id(&path),
        kehoach::store::APPLICATION_ID,
        "an older one"
    );
    // And one from schema version 1, upgraded in the same transaction that sets the id.
    common::downgrade_to_v1(&path);
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "application_id", 0).unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), schema::latest());
    drop(s);
    assert_eq!(
        read_id(&path),
        kehoach::store::APPLICATION_ID,
        "a version 1 one"
    );
}

#[test]
fn opening_a_database_creates_no_probe_file_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    // One coordinator has it open, so its -wal and -shm stay; a second one opens and closes.
    let first = Store::open(&path).unwrap();
    let listing = || {
        let mut v: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let before = (
        listing(),
        std::fs::metadata(dir.path()).unwrap().modified().unwrap(),
    );
    // Coarse file-system clocks: let a tick pass so that a file made and removed shows.
    std::thread::sleep(std::time::Duration::from_millis(50));
    drop(Store::open(&path).unwrap());
    let after = (
        listing(),
        std::fs::metadata(dir.path()).unwrap().modified().unwrap(),
    );
    assert_eq!(after, before, "the folder was written to");
    drop(first);
}

#[test]
fn a_note_is_found_without_diacritics_after_add_edit_and_restore() {
    let (_dir, _path, mut s) = seeded();
    let lan = actor("lan");
    let found = |s: &Store, q: &str| {
        let per_plan = s.folded_notes(PLAN_ID).unwrap();
        let in_plan = per_plan
            .get("IV.2.c")
            .is_some_and(|f| q.split(' ').all(|w| f.contains(w)));
        (in_plan, s.items_by_notes(q).unwrap().len())
    };
    let id = s
        .add_note(
            PLAN_ID,
            "IV.2.c",
            &NewNote {
                text: "Đã giải ngân vốn đất đai".into(),
                doc_ref: Some("45/BC-SNV".into()),
                doc_date: None,
            },
            &lan,
        )
        .unwrap();
    assert_eq!(found(&s, "giai ngan"), (true, 1));
    assert_eq!(
        s.items_by_notes("dat dai 45/bc").unwrap(),
        vec![(PLAN_ID.to_string(), "IV.2.c".to_string())]
    );
    // A second note on the item: both are searched, and deleting one keeps the other's text.
    let other = s
        .add_note(PLAN_ID, "IV.2.c", &note("Kiểm tra"), &lan)
        .unwrap();
    assert_eq!(found(&s, "kiem tra giai ngan"), (true, 1));
    s.delete_note(other, &lan).unwrap();
    assert_eq!(found(&s, "kiem tra"), (false, 0));
    assert_eq!(found(&s, "giai ngan"), (true, 1));
    s.edit_note(id, &note("Tuyên truyền"), &lan).unwrap();
    assert_eq!(found(&s, "giai ngan"), (false, 0));
    assert_eq!(found(&s, "tuyen truyen"), (true, 1));
    let deleted = s.delete_note(id, &lan).unwrap();
    assert_eq!(found(&s, "tuyen truyen"), (false, 0));
    s.restore_note(&deleted, &lan).unwrap();
    assert_eq!(found(&s, "tuyen truyen"), (true, 1));
}
