//! Shared set-up for the interactive-view tests: a seeded database, a state and a runner,
//! with a fixed "today" and user so screens are reproducible.
#![allow(dead_code)]

pub mod cli;
pub mod plan_file;
pub mod tmux;

use std::path::Path;
use std::rc::Rc;

use chrono::NaiveDate;
use kehoach::i18n::Lang;
use kehoach::plan::{EMBEDDED_PLAN, NodeIx, Status};
use kehoach::store::{Actor, Store};
use kehoach::tui::effects::Runner;
use kehoach::tui::{Msg, State, dispatch};

pub const USER: &str = "lan";

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// An actor with a fixed clock, so stored times are the same on every run.
pub fn actor(user: &str) -> Actor {
    Actor {
        user: user.to_string(),
        now: "2023-06-12T09:30:00+07:00".into(),
        undo: false,
    }
}

pub fn seeded_memory() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store.ensure_seeded(EMBEDDED_PLAN, || actor(USER)).unwrap();
    store
}

pub fn seeded_file(path: &Path) -> Store {
    let mut store = Store::open(path).unwrap();
    store.ensure_seeded(EMBEDDED_PLAN, || actor(USER)).unwrap();
    store
}

/// State and runner over `store`, as the program starts them, at 80×24.
pub fn start(store: Store, lang: Lang, today: NaiveDate) -> (State, Runner) {
    let plan = Rc::new(store.load_plan(None).unwrap());
    let items = store.item_states(&plan).unwrap();
    let mut state = State::new(plan.clone(), Status::new(&plan, items), lang, today, USER);
    state.read_only = store.is_read_only();
    state.size = (80, 24);
    let mut runner = Runner::new(store, plan, USER, lang);
    runner.prepare(&mut state);
    state.keep_visible();
    (state, runner)
}

pub fn send(state: &mut State, runner: &mut Runner, msgs: impl IntoIterator<Item = Msg>) {
    for m in msgs {
        dispatch(state, runner, m);
    }
}

pub fn ix(state: &State, id: &str) -> NodeIx {
    state
        .plan
        .find(id)
        .unwrap_or_else(|| panic!("no item {id}"))
}

/// Typed text as the editor receives it, one key at a time.
pub fn keys(text: &str) -> Vec<Msg> {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    text.chars()
        .map(|c| Msg::EditorKey(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))
        .collect()
}

/// Characters typed into a one-line input (search, deadline).
pub fn chars(text: &str) -> Vec<Msg> {
    text.chars().map(Msg::InputChar).collect()
}

/// Turn a database of the current schema into the version 1 layout (as an old kehoach left
/// it): drop every table and index that step 1 does not create, and set `user_version` to 1.
pub fn downgrade_to_v1(path: &Path) {
    let objects = |c: &rusqlite::Connection, kind: &str| -> Vec<String> {
        let mut st = c
            .prepare("SELECT name FROM sqlite_master WHERE type = ?1 AND name NOT LIKE 'sqlite_%'")
            .unwrap();
        st.query_map([kind], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let v1 = rusqlite::Connection::open_in_memory().unwrap();
    v1.execute_batch(kehoach::store::schema::MIGRATIONS[0])
        .unwrap();
    let c = rusqlite::Connection::open(path).unwrap();
    for kind in ["trigger", "table", "index"] {
        let keep = objects(&v1, kind);
        for name in objects(&c, kind).iter().filter(|n| !keep.contains(n)) {
            c.execute_batch(&format!("DROP {} {name}", kind.to_uppercase()))
                .unwrap();
        }
    }
    // Columns added to version 1's tables since (schema 6: the notes' folded search text;
    // schema 9: each plan file's digest).
    c.execute_batch("ALTER TABLE note DROP COLUMN folded; ALTER TABLE plan DROP COLUMN digest")
        .unwrap();
    c.pragma_update(None, "user_version", 1).unwrap();
}

/// The kehoach binary where every account may run it: tests that act as other Unix accounts
/// (`setpriv`, `runuser`) cannot reach the build folder when the checkout sits in a private
/// home folder. The binary is linked (or, across file systems, copied) into a 0755 folder in
/// /tmp named after its size and time, so each build is placed there once and reused.
pub fn shared_binary() -> &'static str {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    static BIN: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    BIN.get_or_init(|| {
        let built = env!("CARGO_BIN_EXE_kehoach");
        let meta = std::fs::metadata(built).unwrap();
        let dir =
            std::env::temp_dir().join(format!("kehoach-bin-{}-{}", meta.size(), meta.mtime()));
        let bin = dir.join("kehoach");
        if !bin.exists() {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
            // Another test process may be placing it at the same moment: place a private
            // copy, then rename it into place.
            let tmp = dir.join(format!(".kehoach-{}", std::process::id()));
            let _ = std::fs::remove_file(&tmp);
            if std::fs::hard_link(built, &tmp).is_err() {
                std::fs::copy(built, &tmp).unwrap();
            }
            std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o755)).unwrap();
            std::fs::rename(&tmp, &bin).unwrap();
        }
        bin.display().to_string()
    })
}

/// Whether the tests may act as other Unix accounts: root (which file modes do not stop, so
/// the tests switch to another uid) with `setpriv` from util-linux. Says why not when not.
pub fn can_switch_accounts() -> bool {
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    let setpriv = std::process::Command::new("setpriv")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !root || !setpriv {
        eprintln!("skipped: needs root and setpriv (util-linux) to act as other accounts");
    }
    root && setpriv
}
