//! A monkey at the keyboard: thousands of random keys (and resizes) sent to the real binary
//! in tmux at 80×24. Whenever it quits (q, Ctrl-C) it must have exited cleanly, and it is
//! started again. Afterwards the database passes `integrity_check` and the audit log agrees
//! with the stored state: every item's done flag and own deadline are what its last audited
//! change left, and the notes are exactly those the log added and did not delete.
//!
//! 3000 keys by default, 10000 with KEHOACH_SLOW_TESTS=1.

mod common;

use std::collections::HashMap;
use std::process::Command;

use common::tmux::{Tmux, kehoach_command};
use kehoach::store::Store;

const PLAN: &str = "lang-son-2023";

fn slow() -> bool {
    std::env::var_os("KEHOACH_SLOW_TESTS").is_some_and(|v| !v.is_empty() && v != "0")
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// tmux key names, weighted by repetition: mostly moving and acting, sometimes typing,
/// rarely quitting.
const KEYS: &[&str] = &[
    "j", "j", "j", "k", "k", "h", "l", "l", "Down", "Up", "Left", "Right", "g", "G", "p",
    "PageDown", "PageUp", "Home", "End", "Enter", "Enter", "Space", "Space", "x", "n", "d", "u",
    "u", "o", "a", "/", "?", "Tab", "BTab", "J", "K", "e", "D", "y", "c", "k", "Escape", "Escape",
    "BSpace", "BSpace", "Delete", "1", "2", "0", "3", "/", "-", "\\", "a", "ă", "đ", "ệ", "Ư", "z",
    "M-x", "C-j", "F1",
];

fn tmux_raw(socket: &str, args: &[&str]) -> String {
    let out = Command::new("tmux")
        .arg("-L")
        .arg(socket)
        .args(args)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn thousands_of_random_keys_leave_a_sound_database_that_matches_its_audit_log() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    // The shell records how kehoach ended: tmux's own pane status is not reliable for the
    // first process of a session.
    let status_file = dir.path().join("exit-status");
    let cmd = format!(
        "{}; echo $? > '{}'",
        kehoach_command(&db, ""),
        status_file.display()
    );
    let exit_status = || -> String {
        for _ in 0..250 {
            if let Ok(s) = std::fs::read_to_string(&status_file)
                && s.ends_with('\n')
            {
                let _ = std::fs::remove_file(&status_file);
                return s.trim().to_string();
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        String::from("(no exit status recorded)")
    };
    let t = Tmux::start("monkey", 80, 24, &cmd);
    // The same socket name the helper uses, for what it does not wrap.
    let socket = format!("kehoach-test-monkey-{}", std::process::id());
    t.wait_for("PAR INDEX", 20);

    let total = if slow() { 10_000 } else { 3_000 };
    let mut rng = Rng(0x5eed_cafe_f00d_d00d);
    let (mut sent, mut resizes, mut restarts) = (0, 0, 0);
    while sent < total {
        if t.exited() {
            let status = exit_status();
            assert_eq!(
                status,
                "0",
                "kehoach did not exit cleanly; the screen was:\n{}",
                t.screen()
            );
            restarts += 1;
            t.resize(80, 24);
            tmux_raw(&socket, &["respawn-pane", "-k", "-t", "main", &cmd]);
            t.wait_for("PAR INDEX", 20);
        }
        let batch: Vec<&str> = (0..20)
            .map(|_| match rng.below(400) {
                0 => "q",
                1 => "C-c",
                _ => KEYS[rng.below(KEYS.len())],
            })
            .collect();
        t.keys(&batch);
        sent += batch.len();
        if rng.below(10) == 0 {
            let sizes = [(80, 24), (30, 8), (1, 1), (120, 40), (45, 12), (80, 24)];
            let (w, h) = sizes[rng.below(sizes.len())];
            t.resize(w, h);
            resizes += 1;
        }
        std::thread::sleep(std::time::Duration::from_millis(15));
    }
    t.resize(80, 24);
    // Still running, or quit cleanly just now.
    if !t.exited() {
        let s = t.screen();
        assert!(!s.contains("panicked"), "{s}");
        for _ in 0..4 {
            t.keys(&["Escape"]);
        }
        t.keys(&["Escape", "Escape", "q"]);
        // A delete question swallows q; answer it and try again.
        t.keys(&["k", "Escape", "q"]);
        t.wait_exit(10);
    }
    let status = exit_status();
    assert_eq!(status, "0", "the screen was:\n{}", t.screen());
    drop(t);

    let raw = rusqlite::Connection::open(&db).unwrap();
    let check: String = raw
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    drop(raw);

    let store = Store::open(&db).unwrap();
    let plan = store.load_plan(None).unwrap();
    let states = store.item_states(&plan).unwrap();
    let log = store.history(Some(PLAN), usize::MAX >> 1).unwrap();
    let (mut done, mut deadline): (HashMap<String, bool>, HashMap<String, Option<String>>) =
        Default::default();
    let mut notes: HashMap<i64, bool> = HashMap::new();
    for r in log.iter().rev() {
        let Some(item) = r.item_id.clone() else {
            continue;
        };
        let action = r.action.trim_start_matches("undo ");
        match action {
            "done" => drop(done.insert(item, true)),
            "reopen" => drop(done.insert(item, false)),
            "deadline" => drop(deadline.insert(item, r.after.clone())),
            a if a.starts_with("note #") => {
                let mut parts = a["note #".len()..].split(' ');
                let id: i64 = parts.next().unwrap().parse().unwrap();
                match parts.next() {
                    Some("add" | "restore") => drop(notes.insert(id, true)),
                    Some("delete") => drop(notes.insert(id, false)),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    for (i, node) in plan.nodes.iter().enumerate() {
        let st = &states[i];
        let want = done.get(&node.id).copied().unwrap_or(false);
        assert_eq!(st.done, want, "{}: done flag vs the audit log", node.id);
        let own = deadline.get(&node.id).cloned().flatten();
        assert_eq!(
            st.deadline.map(|d| d.format("%Y-%m-%d").to_string()),
            own,
            "{}: own deadline vs the audit log",
            node.id
        );
    }
    let stored: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT count(*) FROM note", [], |r| r.get(0))
        .unwrap();
    let alive = notes.values().filter(|&&v| v).count() as i64;
    assert_eq!(stored, alive, "notes in the database vs the audit log");
    for (id, &present) in &notes {
        assert_eq!(store.note(*id).is_ok(), present, "note #{id}");
    }
    let changes = log.iter().filter(|r| r.item_id.is_some()).count();
    println!(
        "monkey: {sent} random keys and {resizes} resizes sent to kehoach in tmux at 80x24, \
         {restarts} clean quits restarted, {changes} changes saved; integrity ok and the audit \
         log matches the database"
    );
}
