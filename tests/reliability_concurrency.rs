//! Several coordinators on one database file at once: every write that was acknowledged is
//! there afterwards, nobody is shown "database is locked", the last write to a field wins with
//! both changes audited, and the interactive view that was overtaken says so.
//!
//! Set KEHOACH_SLOW_TESTS=1 (as `.ci/run` does) for the full 200 notes per process through the
//! real binary; without it that test sends 20 per process.

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Barrier};

use common::{USER, actor, day, ix, keys, seeded_file, send, start};
use kehoach::i18n::Lang;
use kehoach::plan::{self, Plan};
use kehoach::store::{NewNote, Store};
use kehoach::tui::Msg;
use kehoach::tui::state::Mode;

const PLAN: &str = "lang-son-2023";
/// Per writer: this many done/reopen and this many notes.
const WRITES: usize = 200;

fn slow() -> bool {
    std::env::var_os("KEHOACH_SLOW_TESTS").is_some_and(|v| !v.is_empty() && v != "0")
}

fn tasks() -> Vec<String> {
    let plan = Plan::embedded();
    plan.nodes
        .iter()
        .filter(|n| n.is_task())
        .map(|n| n.id.clone())
        .collect()
}

/// Writer `k` of `n` owns every n-th task, so its final states are its own to predict.
fn share(k: usize, n: usize) -> Vec<String> {
    tasks().into_iter().skip(k).step_by(n).collect()
}

/// Done on the first pass over the writer's tasks, reopened on the second, and so on.
fn target(i: usize, len: usize) -> bool {
    (i / len).is_multiple_of(2)
}

fn note_text(user: &str, i: usize) -> String {
    format!("{user}: biên bản số {i}/BB-SNV, đã gửi Sở Nội vụ")
}

fn audit_count(store: &Store, user: &str, action: impl Fn(&str) -> bool) -> usize {
    store
        .history(None, usize::MAX >> 1)
        .unwrap()
        .iter()
        .filter(|r| r.who == user && action(&r.action))
        .count()
}

#[test]
fn two_connections_interleaving_800_writes_lose_none() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    drop(seeded_file(&db));
    let users = ["lan", "minh"];
    let barrier = Arc::new(Barrier::new(users.len()));
    let handles: Vec<_> = users
        .iter()
        .enumerate()
        .map(|(k, user)| {
            let (db, barrier, user) = (db.clone(), Arc::clone(&barrier), user.to_string());
            std::thread::spawn(move || {
                let mut s = Store::open(&db).unwrap();
                let mine = share(k, 2);
                let (mut done, mut notes, mut failures) = (Vec::new(), Vec::new(), Vec::new());
                barrier.wait();
                for i in 0..WRITES {
                    let item = &mine[i % mine.len()];
                    let want = target(i, mine.len());
                    match s.set_done(PLAN, item, want, &actor(&user)) {
                        Ok(before) => {
                            assert_ne!(before.done, want, "{item} was already {want}");
                            done.push((item.clone(), want));
                        }
                        Err(e) => failures.push(e.to_string()),
                    }
                    let note = NewNote {
                        text: note_text(&user, i),
                        ..NewNote::default()
                    };
                    match s.add_note(PLAN, item, &note, &actor(&user)) {
                        Ok(id) => notes.push((id, item.clone(), note.text)),
                        Err(e) => failures.push(e.to_string()),
                    }
                }
                (user, done, notes, failures)
            })
        })
        .collect();
    let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();

    let store = Store::open(&db).unwrap();
    let plan = store.load_plan(None).unwrap();
    let states = store.item_states(&plan).unwrap();
    let mut writes = 0;
    for (user, done, notes, failures) in &results {
        assert!(failures.is_empty(), "{user} was refused: {failures:?}");
        assert_eq!(done.len() + notes.len(), 2 * WRITES);
        writes += done.len() + notes.len();
        let mut last: HashMap<&str, bool> = HashMap::new();
        for (item, want) in done {
            last.insert(item, *want);
        }
        for (item, want) in last {
            let st = &states[plan.find(item).unwrap()];
            assert_eq!(
                st.done, want,
                "{item}: {user}'s last acknowledged write is lost"
            );
        }
        for (id, item, text) in notes {
            let n = store.note(*id).unwrap();
            assert_eq!((&n.item_id, &n.text, &n.author), (item, text, user));
        }
        assert_eq!(
            audit_count(&store, user, |a| a == "done" || a == "reopen"),
            done.len()
        );
        assert_eq!(
            audit_count(&store, user, |a| a.ends_with(" add")),
            notes.len()
        );
    }
    println!("concurrency: {writes} writes by 2 connections at once, 0 lost, 0 refused");
}

fn kehoach(db: &Path, user: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kehoach"));
    c.env_remove("KEHOACH_LANG")
        .env_remove("KEHOACH_TODAY")
        .env("USER", user)
        .arg("--db")
        .arg(db);
    c
}

/// What one coordinator's shell loop saw: every "Đã …" line, and anything on stderr.
struct Session {
    user: String,
    acknowledged: Vec<String>,
    stderr: Vec<String>,
    failed_runs: usize,
}

fn run_session(db: &Path, user: &str, k: usize, notes: usize) -> Session {
    let mine = share(k, 2);
    let mut s = Session {
        user: user.to_string(),
        acknowledged: Vec::new(),
        stderr: Vec::new(),
        failed_runs: 0,
    };
    let mut record = |out: std::process::Output| {
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        s.acknowledged.extend(
            text.lines()
                .filter(|l| l.starts_with("Đã "))
                .map(String::from),
        );
        let err = String::from_utf8_lossy(&out.stderr).trim().to_string();
        if !err.is_empty() {
            s.stderr.push(err);
        }
        if !out.status.success() {
            s.failed_runs += 1;
        }
    };
    // 200 done/reopen: ten ids per command, each its own transaction and its own "Đã" line;
    // a note after every batch and between them, so both processes write all the time.
    let per_batch = 10;
    let mut note_i = 0;
    for b in 0..WRITES / per_batch {
        let (to_done, to_reopen): (Vec<usize>, Vec<usize>) =
            (b * per_batch..(b + 1) * per_batch).partition(|&i| target(i, mine.len()));
        for (verb, batch) in [("done", to_done), ("reopen", to_reopen)] {
            if !batch.is_empty() {
                let ids = batch.iter().map(|&i| &mine[i % mine.len()]);
                record(kehoach(db, user).arg(verb).args(ids).output().unwrap());
            }
        }
        let until = notes * (b + 1) / (WRITES / per_batch);
        while note_i < until {
            let item = &mine[note_i % mine.len()];
            record(
                kehoach(db, user)
                    .args(["note", item, &note_text(user, note_i)])
                    .output()
                    .unwrap(),
            );
            note_i += 1;
        }
    }
    s
}

#[test]
fn two_processes_marking_200_items_and_adding_notes_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    drop(seeded_file(&db));
    let notes = if slow() { WRITES } else { 20 };
    let sessions: Vec<Session> = std::thread::scope(|scope| {
        let hs: Vec<_> = ["lan", "minh"]
            .iter()
            .enumerate()
            .map(|(k, u)| {
                let db = &db;
                scope.spawn(move || run_session(db, u, k, notes))
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });

    let store = Store::open(&db).unwrap();
    let plan = store.load_plan(None).unwrap();
    let states = store.item_states(&plan).unwrap();
    let mut total = 0;
    for s in &sessions {
        assert!(
            s.stderr.is_empty() && s.failed_runs == 0,
            "{} was shown: {:?}",
            s.user,
            s.stderr
        );
        assert_eq!(s.acknowledged.len(), WRITES + notes, "{}", s.user);
        total += s.acknowledged.len();
        // Every acknowledged note is stored under its number, as the user was told.
        for line in s
            .acknowledged
            .iter()
            .filter(|l| l.starts_with("Đã lưu ghi chú #"))
        {
            let id: i64 = line["Đã lưu ghi chú #".len()..]
                .split_whitespace()
                .next()
                .unwrap()
                .parse()
                .unwrap();
            let n = store.note(id).unwrap();
            assert_eq!(n.author, s.user);
            assert!(line.ends_with(&n.item_id), "{line} vs {}", n.item_id);
            assert!(n.text.starts_with(&format!("{}: biên bản", s.user)));
        }
        // The last done/reopen line per item is the item's state now.
        let mut last: HashMap<String, bool> = HashMap::new();
        for line in &s.acknowledged {
            if let Some(id) = line.strip_prefix("Đã đánh dấu xong ") {
                last.insert(id.to_string(), true);
            } else if let Some(id) = line.strip_prefix("Đã mở lại ") {
                last.insert(id.to_string(), false);
            }
        }
        assert!(!last.is_empty());
        for (id, done) in last {
            assert_eq!(
                states[plan.find(&id).unwrap()].done,
                done,
                "{id} ({})",
                s.user
            );
        }
    }
    println!("concurrency: {total} acknowledged writes by 2 kehoach processes at once, 0 lost");
}

#[test]
fn a_new_database_opened_by_four_coordinators_at_once_is_created_and_seeded_once() {
    for round in 0..3 {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("moi").join("k.db");
        let children: Vec<_> = ["lan", "minh", "hoa", "binh"]
            .iter()
            .map(|u| {
                kehoach(&db, u)
                    .args(["--today", "2023-06-20", "status"])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for c in children {
            let out = c.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(String::from_utf8_lossy(&out.stdout).contains("Tính đến ngày 20/06/2023"));
        }
        let store = Store::open(&db).unwrap();
        assert_eq!(store.plans().unwrap().len(), 1);
        let imports = store
            .history(None, 100)
            .unwrap()
            .into_iter()
            .filter(|r| r.action == "import")
            .count();
        assert_eq!(
            imports, 1,
            "round {round}: the plan was imported {imports} times"
        );
    }
}

#[test]
fn an_older_database_opened_by_four_coordinators_at_once_is_upgraded_once_from_true_copies() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    {
        let mut s = seeded_file(&db);
        s.set_done(PLAN, "IV.2.a", true, &actor("lan")).unwrap();
    }
    // The version 1 layout: every later step only adds tables.
    common::downgrade_to_v1(&db);
    let children: Vec<_> = ["lan", "minh", "hoa", "binh"]
        .iter()
        .map(|u| {
            kehoach(&db, u)
                .args(["show", "IV.2.a"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("Đã xong"));
    }
    let mut copies = 0;
    for e in std::fs::read_dir(dir.path()).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(!name.ends_with(".tmp"), "a temporary copy was left: {name}");
        if name.ends_with(".bak") {
            assert!(name.starts_with("k.db.v1-"), "{name}");
            let c = rusqlite::Connection::open(dir.path().join(&name)).unwrap();
            let v: i64 = c
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .unwrap();
            assert_eq!(v, 1, "{name} is named version 1 but holds version {v}");
            copies += 1;
        }
    }
    assert!(copies >= 1);
    let s = Store::open(&db).unwrap();
    assert_eq!(
        s.schema_version().unwrap(),
        kehoach::store::schema::latest()
    );
}

#[test]
fn the_same_item_edited_by_two_people_keeps_the_last_write_and_both_in_the_audit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let mut lan = seeded_file(&db);
    let mut minh = Store::open(&db).unwrap();
    let item = "IV.2.a";
    lan.set_deadline(PLAN, item, Some(day(2023, 12, 1)), &actor("lan"))
        .unwrap();
    minh.set_deadline(PLAN, item, Some(day(2023, 12, 15)), &actor("minh"))
        .unwrap();
    lan.set_done(PLAN, item, true, &actor("lan")).unwrap();
    minh.set_done(PLAN, item, false, &actor("minh")).unwrap();

    let plan = lan.load_plan(None).unwrap();
    let st = &lan.item_states(&plan).unwrap()[plan.find(item).unwrap()];
    assert_eq!(
        st.deadline,
        Some(day(2023, 12, 15)),
        "the last deadline wins"
    );
    assert!(!st.done, "the last done/reopen wins");
    let mut log: Vec<_> = lan
        .history(Some(PLAN), 100)
        .unwrap()
        .into_iter()
        .filter(|r| r.item_id.as_deref() == Some(item))
        .map(|r| (r.who, r.action, r.before, r.after))
        .collect();
    log.reverse();
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        log,
        [
            ("lan".into(), "deadline".into(), None, s("2023-12-01")),
            (
                "minh".into(),
                "deadline".into(),
                s("2023-12-01"),
                s("2023-12-15")
            ),
            ("lan".into(), "done".into(), s("open"), s("done")),
            ("minh".into(), "reopen".into(), s("done"), s("open")),
        ]
    );
}

#[test]
fn the_overtaken_view_names_who_changed_the_item_it_is_on_and_keeps_the_note_being_typed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let (mut s, mut r) = start(seeded_file(&db), Lang::Vi, day(2023, 11, 20));
    let mut minh = Store::open(&db).unwrap();
    let mut hoa = Store::open(&db).unwrap();
    let here = ix(&s, "IV.2.a");
    s.reveal(here);
    send(&mut s, &mut r, [Msg::ToggleDone]);
    assert!(s.status.items[here].done);

    // minh reopens the task lan is on, then hoa changes something else: lan is told about
    // her own item, not merely about the newest change.
    minh.set_done(PLAN, "IV.2.a", false, &actor("minh"))
        .unwrap();
    hoa.set_done(PLAN, "IV.5.c", true, &actor("hoa")).unwrap();
    let msg = r.poll_external(PLAN).expect("the change is noticed");
    send(&mut s, &mut r, [msg]);
    assert!(!s.status.items[here].done, "the screen shows minh's write");
    let flash = s.flash.clone().unwrap().text;
    assert_eq!(flash, "IV.2.a (mục đang xem): minh mở lại");

    // Away from it, the newest change is named.
    minh.set_deadline(PLAN, "IV.6", Some(day(2023, 12, 20)), &actor("minh"))
        .unwrap();
    let msg = r.poll_external(PLAN).unwrap();
    send(&mut s, &mut r, [msg]);
    assert_eq!(
        s.flash.clone().unwrap().text,
        "IV.6: minh đặt hạn riêng 20/12/2023"
    );

    // While lan types a note on the item, minh adds one: the draft stays on screen, and
    // saving it keeps both.
    send(&mut s, &mut r, [Msg::NewNote]);
    send(&mut s, &mut r, keys("Đã họp với UBND cấp xã"));
    minh.add_note(
        PLAN,
        "IV.2.a",
        &NewNote {
            text: "Báo cáo của minh".into(),
            ..NewNote::default()
        },
        &actor("minh"),
    )
    .unwrap();
    let msg = r.poll_external(PLAN).unwrap();
    send(&mut s, &mut r, [msg]);
    assert!(
        s.flash
            .clone()
            .unwrap()
            .text
            .contains("(mục đang xem): minh thêm ghi chú")
    );
    let Mode::Editor(e) = &s.mode else {
        panic!("the editor was closed by someone else's change")
    };
    assert_eq!(e.text.lines().join("\n"), "Đã họp với UBND cấp xã");
    send(&mut s, &mut r, [Msg::Submit]);
    let notes = r.store().notes(PLAN, "IV.2.a").unwrap();
    let texts: Vec<&str> = notes.iter().map(|n| n.text.as_str()).collect();
    assert!(texts.contains(&"Báo cáo của minh") && texts.contains(&"Đã họp với UBND cấp xã"));

    // Own changes made elsewhere (the same user in another terminal) are not "someone else".
    let mut lan_cli = Store::open(&db).unwrap();
    lan_cli
        .set_done(PLAN, "IV.2.b", true, &actor(USER))
        .unwrap();
    let msg = r.poll_external(PLAN).unwrap();
    send(&mut s, &mut r, [msg]);
    assert!(!s.flash.clone().unwrap().text.contains(USER));
}

#[test]
fn a_lock_held_past_the_busy_timeout_is_a_clear_refusal_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let (mut s, mut r) = start(seeded_file(&db), Lang::Vi, day(2023, 11, 20));
    let target = ix(&s, "IV.2.a");
    s.reveal(target);

    // A writer that waits less than the timeout just waits: the user sees nothing unusual.
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(500));
        holder.execute_batch("COMMIT").unwrap();
    });
    let out = kehoach(&db, "minh")
        .args(["done", "IV.2.b"])
        .output()
        .unwrap();
    release.join().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // A lock held for longer than kehoach waits (someone's stuck process): the command and
    // the interactive view both refuse in one sentence, and the note typed is still there.
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let cli = std::thread::spawn({
        let db = db.clone();
        move || {
            kehoach(&db, "minh")
                .args(["note", "IV.2.c", "x"])
                .output()
                .unwrap()
        }
    });
    send(&mut s, &mut r, [Msg::NewNote]);
    send(&mut s, &mut r, keys("Biên bản kiểm tra"));
    send(&mut s, &mut r, [Msg::Submit]);
    let out = cli.join().unwrap();
    let Mode::Editor(e) = &s.mode else {
        panic!("the editor closed although nothing was saved")
    };
    assert_eq!(e.text.lines().join("\n"), "Biên bản kiểm tra");
    let flash = s.flash.clone().unwrap();
    assert!(
        flash.error && flash.text.starts_with("CHƯA LƯU: cơ sở dữ liệu đang bận"),
        "{}",
        flash.text
    );
    assert_eq!(out.status.code(), Some(4));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("đang bận") && err.contains("chưa có gì thay đổi"),
        "{err}"
    );
    assert!(!err.contains("locked"), "{err}");
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);

    // Once it is released, Enter saves what was typed.
    send(&mut s, &mut r, [Msg::Submit]);
    assert!(matches!(s.mode, Mode::Tree));
    let notes = r.store().notes(PLAN, "IV.2.a").unwrap();
    assert_eq!(notes[0].text, "Biên bản kiểm tra");
    assert!(r.store().notes(PLAN, "IV.2.c").unwrap().is_empty());
    let _ = plan::EMBEDDED_PLAN;
}
