//! What both bench targets share: the databases measured and a session as the program starts
//! one. Figures, not assertions (BENCHMARKS.md).
#![allow(dead_code)] // each bench target uses part of it

use std::path::PathBuf;
use std::rc::Rc;
use std::sync::OnceLock;

use kehoach::i18n::Lang;
use kehoach::plan::{EMBEDDED_PLAN, Status};
use kehoach::store::{Actor, Store, StressSize};
use kehoach::tui::effects::Runner;
use kehoach::tui::{State, view::view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The day the figures are taken "as of": late in the plan, so most tasks are near or past due.
pub const AS_OF: &str = "2023-12-01";

pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(AS_OF, "%Y-%m-%d").expect("a date")
}

/// A fresh database seeded with the built-in plan, as a coordinator has it on day one. It is
/// made again by each bench process, in cargo's scratch folder for benches (divan may end the
/// process itself, so nothing is left in /tmp to clean).
pub fn real_db() -> PathBuf {
    static DB: OnceLock<PathBuf> = OnceLock::new();
    DB.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("real");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        let path = dir.join("real.db");
        if let Some(bin) = std::env::var_os("KEHOACH_BIN") {
            // Another build is measured: it makes the database itself, at its own schema.
            let ok = std::process::Command::new(bin)
                .arg("--db")
                .arg(&path)
                .arg("status")
                .output()
                .expect("KEHOACH_BIN runs")
                .status
                .success();
            assert!(ok, "KEHOACH_BIN could not make {}", path.display());
            return path;
        }
        let mut s = Store::open(&path).expect("real database opens");
        s.ensure_seeded(EMBEDDED_PLAN, || Actor::new("bench"))
            .expect("seeded");
        path
    })
    .clone()
}

/// The stress database: `$KEHOACH_STRESS_DB`, else `stress.db` in cargo's scratch folder for
/// benches; generated there on first use (about 20 s), reused after.
pub fn stress_db() -> PathBuf {
    static DB: OnceLock<PathBuf> = OnceLock::new();
    DB.get_or_init(|| {
        let path = std::env::var_os("KEHOACH_STRESS_DB")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("stress.db"));
        if !path.exists() {
            eprintln!("Generating the stress database at {} …", path.display());
            let t = std::time::Instant::now();
            let mut s = Store::open(&path).expect("stress database opens");
            s.generate_stress(EMBEDDED_PLAN, StressSize::FULL)
                .expect("stress database generated");
            eprintln!("  done in {:.1} s", t.elapsed().as_secs_f64());
        }
        // An existing one is not opened here: an older kehoach (`KEHOACH_BIN`) must be able to
        // read it. The first open by this build migrates it, before anything is timed.
        path
    })
    .clone()
}

/// What the program does from launch to its first frame, drawn into an 80×24 test backend.
pub fn session(db: &std::path::Path) -> (State, Runner, Terminal<TestBackend>) {
    let store = Store::open(db).expect("bench database opens");
    let plan = Rc::new(store.load_plan(None).expect("plan loads"));
    let items = store.item_states(&plan).expect("states load");
    let mut state = State::new(
        plan.clone(),
        Status::new(&plan, items),
        Lang::Vi,
        today(),
        "bench",
    );
    state.size = (80, 24);
    let mut runner = Runner::new(store, plan, "bench", Lang::Vi);
    runner.prepare(&mut state);
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
    term.draw(|f| view(f, &state)).expect("draws");
    (state, runner, term)
}

/// The diacritic-free searches measured.
pub const QUERIES: [&str; 5] = [
    "giai ngan",
    "so noi vu",
    "dat dai",
    "bao cao quy III",
    "ubnd cap xa",
];
