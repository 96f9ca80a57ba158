//! Crashes: `kill -9` in the middle of a burst of command-line writes, again and again. After
//! each kill the database passes `PRAGMA integrity_check`, every write that kehoach
//! acknowledged ("Đã …") is there in the order it was made, and the item states agree with the
//! audit log. Also: a terminal that vanishes (the SSH link drops) ends kehoach and keeps the
//! note being typed.
//!
//! KEHOACH_SLOW_TESTS=1 (as `.ci/run` sets) kills 20 times instead of 5.

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::tmux::{Tmux, kehoach_command};
use kehoach::plan::Plan;
use kehoach::store::Store;

const PLAN: &str = "lang-son-2023";

fn slow() -> bool {
    std::env::var_os("KEHOACH_SLOW_TESTS").is_some_and(|v| !v.is_empty() && v != "0")
}

fn tasks() -> Vec<String> {
    Plan::embedded()
        .nodes
        .iter()
        .filter(|n| n.is_task())
        .map(|n| n.id.clone())
        .collect()
}

/// A coordinator's script: marks 40 tasks done, adds a note, reopens them, adds a note, … for
/// ever, appending what kehoach prints to `acks`. Run in its own process group so one signal
/// reaches the shell and the kehoach it is running.
fn burst(db: &Path, acks: &Path, round: usize) -> std::process::Child {
    use std::os::unix::process::CommandExt;
    let ids = tasks()[..40].join(" ");
    let script = format!(
        r#"i=0
while :; do
  "$K" --db "$DB" done {ids} >> "$ACKS" || exit 1
  "$K" --db "$DB" note IV.2.a "vòng {round}, ghi chú $i: biên bản kiểm tra" >> "$ACKS" || exit 1
  "$K" --db "$DB" reopen {ids} >> "$ACKS" || exit 1
  "$K" --db "$DB" note IV.5.c "vòng {round}, ghi chú $i: báo cáo tiến độ" >> "$ACKS" || exit 1
  i=$((i+1))
done"#
    );
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .env("K", env!("CARGO_BIN_EXE_kehoach"))
        .env("DB", db)
        .env("ACKS", acks)
        .env("USER", "lan")
        .env_remove("KEHOACH_LANG")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .unwrap()
}

/// Deterministic spread of kill times (no clock or seed file involved).
fn delay(round: usize) -> Duration {
    let mut x = 0x9E37_79B9_7F4A_7C15u64 ^ (round as u64 + 1);
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    Duration::from_millis(300 + x % 1200)
}

/// An acknowledged write as the audit log records it.
fn expected(line: &str) -> Option<(String, String)> {
    if let Some(id) = line.strip_prefix("Đã đánh dấu xong ") {
        return Some(("done".into(), id.into()));
    }
    if let Some(id) = line.strip_prefix("Đã mở lại ") {
        return Some(("reopen".into(), id.into()));
    }
    let rest = line.strip_prefix("Đã lưu ghi chú #")?;
    let (n, item) = rest.split_once(" cho ")?;
    Some((format!("note #{n} add"), item.into()))
}

#[test]
fn kill_9_during_bursts_of_writes_loses_no_acknowledged_write() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    drop(common::seeded_file(&db));
    let rounds = if slow() { 20 } else { 5 };
    let mut acknowledged = 0;
    let mut in_flight = 0;
    for round in 0..rounds {
        let acks = dir.path().join(format!("acks-{round}.txt"));
        let before = Store::open(&db).unwrap().last_audit_id().unwrap();
        let child = burst(&db, &acks, round);
        std::thread::sleep(delay(round));
        let killed = Command::new("kill")
            .args(["-9", "--", &format!("-{}", child.id())])
            .status()
            .unwrap();
        assert!(killed.success());
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.code().is_none(),
            "the burst stopped on its own before the kill: {}",
            String::from_utf8_lossy(&out.stderr)
        );

        // Restart: the file is sound before kehoach touches it again…
        let raw = rusqlite::Connection::open(&db).unwrap();
        let check: String = raw
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "round {round}");
        drop(raw);
        let store = Store::open(&db).unwrap();

        // …every acknowledged write is in the log, in order; at most the one being made at
        // the kill is there without having been acknowledged.
        let said: Vec<(String, String)> = std::fs::read_to_string(&acks)
            .unwrap_or_default()
            .lines()
            .filter_map(expected)
            .collect();
        let log: Vec<(String, String)> = store
            .audit_after(PLAN, before, usize::MAX >> 1)
            .unwrap()
            .into_iter()
            .map(|r| (r.action, r.item_id.unwrap_or_default()))
            .collect();
        assert!(
            log.len() >= said.len() && log[..said.len()] == said[..],
            "round {round}: acknowledged {} writes, the log has {}",
            said.len(),
            log.len()
        );
        assert!(log.len() <= said.len() + 1, "round {round}: {log:?}");
        acknowledged += said.len();
        in_flight += log.len() - said.len();

        // Notes are whole; item states agree with the last done/reopen in the log.
        for (action, item) in &said {
            if let Some(n) = action.strip_prefix("note #") {
                let id: i64 = n.trim_end_matches(" add").parse().unwrap();
                let note = store.note(id).unwrap();
                assert_eq!(&note.item_id, item);
                assert!(note.text.starts_with(&format!("vòng {round}, ghi chú")));
            }
        }
        let plan = store.load_plan(None).unwrap();
        let states = store.item_states(&plan).unwrap();
        let mut last: HashMap<String, bool> = HashMap::new();
        for r in store
            .history(Some(PLAN), usize::MAX >> 1)
            .unwrap()
            .iter()
            .rev()
        {
            match (r.action.as_str(), &r.item_id) {
                ("done", Some(i)) => last.insert(i.clone(), true),
                ("reopen", Some(i)) => last.insert(i.clone(), false),
                _ => None,
            };
        }
        for (item, done) in last {
            assert_eq!(states[plan.find(&item).unwrap()].done, done, "{item}");
        }
    }
    println!(
        "crash: {rounds} kill -9 during write bursts survived; {acknowledged} acknowledged writes all present, \
         {in_flight} more committed as the kill landed; integrity_check ok every time"
    );
}

#[test]
fn a_vanished_terminal_ends_kehoach_and_keeps_the_note_being_typed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let t = Tmux::start("vanish", 80, 24, &kehoach_command(&db, ""));
    t.wait_for("PAR INDEX", 20);
    t.keys(&["G", "n"]);
    t.wait_for("Ghi chú minh chứng cho", 5);
    t.type_text("Đường truyền bị ngắt giữa chừng");
    t.wait_for("Đường truyền bị ngắt giữa chừng", 5);
    let pid = t.pid();
    // The whole terminal goes away, as when sshd closes the session: SIGHUP, then every read
    // of the terminal fails.
    drop(t);
    let start = std::time::Instant::now();
    while Path::new(&format!("/proc/{pid}")).exists() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "kehoach {pid} is still running without a terminal"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let draft = Store::open(&db).unwrap().draft("lan").unwrap();
    let draft = draft.expect("the note being typed was kept");
    assert_eq!(draft.note.text, "Đường truyền bị ngắt giữa chừng");
}
