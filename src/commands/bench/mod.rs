//! `kehoach bench` (hidden): figures, not assertions. Times the interactive view and the
//! commands on the real plan and on a stress database, compares `overdue` with the bare
//! `sqlite3` shell, and counts the bytes the interface writes to a terminal (through tmux).
//! See BENCHMARKS.md for results and the command that reproduces them.

mod terminal;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::rc::Rc;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{Failure, OrFail, exit};
use crate::cli::Global;
use crate::i18n::Lang;
use crate::plan::{EMBEDDED_PLAN, Status, query};
use crate::store::{Actor, Store, StressSize};
use crate::tui::effects::Runner;
use crate::tui::{Msg, State, dispatch, view::view};

#[derive(Debug, Clone, clap::Args)]
pub struct BenchArgs {
    /// Stress database to use (generated there first if the file does not exist)
    #[arg(long, value_name = "PATH")]
    pub stress: Option<PathBuf>,
    /// Seconds to watch the idle interface (bytes written and CPU used)
    #[arg(long, default_value_t = 30)]
    pub idle: u64,
    /// Repetitions of each timed step
    #[arg(long, default_value_t = 30)]
    pub rounds: usize,
    /// Internal: open --db, draw, move and search, then print peak RSS in kB
    #[arg(long, hide = true)]
    pub rss_probe: bool,
}

/// The date the figures are taken "as of": late in the plan, so most tasks are near or past due.
const AS_OF: &str = "2023-12-01";

pub fn run(g: &Global, args: &BenchArgs, out: &mut dyn Write) -> Result<(), Failure> {
    if args.rss_probe {
        let db = super::db_path(g);
        probe(&db);
        return writeln!(out, "{}", peak_rss_kb()).or_fail();
    }
    let fail = |e: String| Failure::new(exit::FAILED, e);
    let dir = std::env::temp_dir().join(format!("kehoach-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| fail(e.to_string()))?;
    let real = dir.join("real.db");
    {
        let mut s = Store::open(&real).map_err(|e| fail(e.to_string()))?;
        s.ensure_seeded(EMBEDDED_PLAN, &Actor::new("bench"))
            .map_err(|e| fail(e.to_string()))?;
    }
    let stress = match &args.stress {
        None => None,
        Some(p) if p.exists() => Some(p.clone()),
        Some(p) => {
            writeln!(out, "Generating the stress database at {} …", p.display()).or_fail()?;
            let t = Instant::now();
            let mut s = Store::open(p).map_err(|e| fail(e.to_string()))?;
            s.generate_stress(EMBEDDED_PLAN, StressSize::FULL)
                .map_err(|e| fail(e.to_string()))?;
            writeln!(out, "  done in {:.1} s", t.elapsed().as_secs_f64()).or_fail()?;
            Some(p.clone())
        }
    };
    let mut dbs = vec![("real plan", real.clone())];
    if let Some(s) = &stress {
        dbs.push(("stress", s.clone()));
    }
    writeln!(out, "\n{}", machine()).or_fail()?;
    let mut rows: Vec<(String, Vec<String>, &str)> = Vec::new();
    let mut cols = Vec::new();
    for (name, db) in &dbs {
        cols.push(measure(db, args.rounds).map_err(fail)?);
        let _ = name;
    }
    let cell = |f: &dyn Fn(&Figures) -> String| cols.iter().map(f).collect::<Vec<_>>();
    rows.push((
        "open + first frame (80×24)".into(),
        cell(&|f| ms(f.first_frame)),
        "≤ 30 ms / ≤ 200 ms",
    ));
    rows.push((
        "key → frame, median / p95".into(),
        cell(&|f| format!("{} / {}", ms(f.key_median), ms(f.key_p95))),
        "≤ 2 ms / ≤ 5 ms",
    ));
    rows.push((
        "open the matrix / the checklist (m, c)".into(),
        cell(&|f| format!("{} / {}", ms(f.matrix), ms(f.checklist))),
        "≤ 5 ms",
    ));
    rows.push((
        "agency parts recorded in the plan".into(),
        cell(&|f| f.parts.to_string()),
        "",
    ));
    rows.push((
        "search, diacritic-free (plan + notes)".into(),
        cell(&|f| ms(f.search)),
        "≤ 50 ms",
    ));
    rows.push((
        "scan every plan's notes (no command does; for scale)".into(),
        cell(&|f| ms(f.search_all)),
        "",
    ));
    rows.push((
        "`done` commit incl. fsync".into(),
        cell(&|f| ms(f.commit)),
        "≤ 10 ms",
    ));
    rows.push((
        "`overdue --format csv` (process)".into(),
        cell(&|f| ms(f.overdue_cmd)),
        "",
    ));
    rows.push((
        "`sqlite3` same question (process)".into(),
        cell(&|f| f.sqlite.map_or("sqlite3 not found".into(), ms)),
        "",
    ));
    rows.push((
        "ratio overdue / sqlite3".into(),
        cell(&|f| {
            f.sqlite.map_or("—".into(), |s| {
                format!("{:.2}×", f.overdue_cmd.as_secs_f64() / s.as_secs_f64())
            })
        }),
        "≤ 2×",
    ));
    rows.push((
        "peak RSS (open, 300 moves, search)".into(),
        cell(&|f| format!("{:.1} MB", f.rss_kb as f64 / 1024.0)),
        "≤ 30 MB / ≤ 150 MB",
    ));
    write!(out, "\n| measure (median of {}) |", args.rounds).or_fail()?;
    for (name, _) in &dbs {
        write!(out, " {name} |").or_fail()?;
    }
    writeln!(out, " target |").or_fail()?;
    writeln!(out, "|---|{}---|", "---:|".repeat(dbs.len())).or_fail()?;
    for (label, values, target) in rows {
        writeln!(out, "| {label} | {} | {target} |", values.join(" | ")).or_fail()?;
    }
    writeln!(out).or_fail()?;
    match terminal::bytes(&real, args.idle) {
        Ok(t) => {
            writeln!(out, "Bytes written to an 80×24 terminal (tmux pipe-pane):").or_fail()?;
            writeln!(out, "| action | bytes | target |").or_fail()?;
            writeln!(out, "|---|---:|---|").or_fail()?;
            writeln!(out, "| first frame (full screen) | {} | |", t.first_frame).or_fail()?;
            writeln!(
                out,
                "| cursor move down, median of {} | {} | ≤ 1000 |",
                t.moves.len(),
                median_u(&t.moves)
            )
            .or_fail()?;
            writeln!(out, "| expand a branch | {} | |", t.expand).or_fail()?;
            writeln!(out, "| mark done (toggle) | {} | |", t.done).or_fail()?;
            writeln!(out, "| idle {} s | {} | 0 |", args.idle, t.idle_bytes).or_fail()?;
            writeln!(
                out,
                "| CPU while idle {} s | {:.2} s | ~0 |",
                args.idle, t.idle_cpu
            )
            .or_fail()?;
        }
        Err(e) => writeln!(out, "Terminal bytes not measured: {e}").or_fail()?,
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

struct Figures {
    matrix: Duration,
    checklist: Duration,
    /// Agency parts recorded in the plan measured.
    parts: usize,
    first_frame: Duration,
    key_median: Duration,
    key_p95: Duration,
    search: Duration,
    search_all: Duration,
    commit: Duration,
    overdue_cmd: Duration,
    sqlite: Option<Duration>,
    rss_kb: u64,
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn median_u(v: &[usize]) -> usize {
    let mut v = v.to_vec();
    v.sort_unstable();
    v.get(v.len() / 2).copied().unwrap_or(0)
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(AS_OF, "%Y-%m-%d").expect("a date")
}

/// What the program does from launch to its first frame.
fn session(db: &Path) -> (State, Runner, Terminal<TestBackend>) {
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

fn measure(db: &Path, rounds: usize) -> Result<Figures, String> {
    let rounds = rounds.max(3);
    let mut first = Vec::new();
    for _ in 0..rounds {
        let t = Instant::now();
        let s = session(db);
        first.push(t.elapsed());
        drop(s);
    }
    let (mut state, mut runner, mut term) = session(db);
    // Open every branch so moves walk the whole plan.
    state.expanded.iter_mut().for_each(|e| *e = true);
    state.rebuild_rows();
    let n = state.rows.len().saturating_sub(1).min(400);
    let mut keys = Vec::new();
    for msg in std::iter::repeat_n(Msg::Down, n).chain(std::iter::repeat_n(Msg::Up, n)) {
        let t = Instant::now();
        dispatch(&mut state, &mut runner, msg);
        term.draw(|f| view(f, &state)).map_err(|e| e.to_string())?;
        keys.push(t.elapsed());
    }
    // The accountability views: open the matrix and the checklist and draw them.
    let (mut matrices, mut checklists) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        for (msg, into) in [
            (Msg::ShowMatrix, &mut matrices),
            (Msg::ShowChecklist, &mut checklists),
        ] {
            let t = Instant::now();
            dispatch(&mut state, &mut runner, msg);
            term.draw(|f| view(f, &state)).map_err(|e| e.to_string())?;
            into.push(t.elapsed());
            dispatch(&mut state, &mut runner, Msg::Back);
        }
    }
    let matrix = median(&mut matrices);
    let checklist = median(&mut checklists);
    let parts = runner
        .store()
        .ledger(&state.plan)
        .map(|l| l.len())
        .unwrap_or(0);
    let mut sorted = keys.clone();
    sorted.sort();
    let key_p95 = sorted[(sorted.len() * 95 / 100).min(sorted.len() - 1)];
    let queries = [
        "giai ngan",
        "so noi vu",
        "dat dai",
        "bao cao quy III",
        "ubnd cap xa",
    ];
    let plan = state.plan.clone();
    let mut searches = Vec::new();
    for i in 0..rounds {
        let q = queries[i % queries.len()];
        let t = Instant::now();
        let hits = query::search(&plan, q, &|ix| state.search_notes.get(&ix).cloned());
        std::hint::black_box(hits);
        searches.push(t.elapsed());
    }
    let mut all = Vec::new();
    for i in 0..rounds.min(3) {
        let t = Instant::now();
        let n = runner
            .store()
            .search_all_notes(queries[i % queries.len()])
            .map_err(|e| e.to_string())?;
        std::hint::black_box(n);
        all.push(t.elapsed());
    }
    drop((state, runner, term));
    let mut store = Store::open(db).map_err(|e| e.to_string())?;
    let plan = store.load_plan(None).map_err(|e| e.to_string())?;
    let task = plan
        .tasks()
        .next()
        .map(|t| plan.node(t).id.clone())
        .ok_or("no task")?;
    let mut commits = Vec::new();
    for i in 0..rounds {
        let a = Actor::new("bench");
        let t = Instant::now();
        store
            .set_done(plan.id(), &task, i % 2 == 0, &a)
            .map_err(|e| e.to_string())?;
        commits.push(t.elapsed());
    }
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut overdue = Vec::new();
    let mut sqlite = Vec::new();
    let have_sqlite = Command::new("sqlite3").arg("-version").output().is_ok();
    let sql = overdue_sql(
        plan.id(),
        &plan.default_deadline.format("%Y-%m-%d").to_string(),
    );
    for _ in 0..rounds {
        let t = Instant::now();
        let o = Command::new(&exe)
            .args(["--db", &db.display().to_string(), "--today", AS_OF])
            .args(["overdue", "--format", "csv"])
            .output()
            .map_err(|e| e.to_string())?;
        overdue.push(t.elapsed());
        if !o.status.success() {
            return Err(String::from_utf8_lossy(&o.stderr).into_owned());
        }
        if have_sqlite {
            let t = Instant::now();
            let s = Command::new("sqlite3")
                .args(["-csv", &db.display().to_string(), &sql])
                .output()
                .map_err(|e| e.to_string())?;
            sqlite.push(t.elapsed());
            if !s.status.success() {
                return Err(String::from_utf8_lossy(&s.stderr).into_owned());
            }
        }
    }
    let rss = Command::new(&exe)
        .args(["--db", &db.display().to_string(), "bench", "--rss-probe"])
        .output()
        .map_err(|e| e.to_string())?;
    let rss_kb = String::from_utf8_lossy(&rss.stdout)
        .trim()
        .parse()
        .unwrap_or(0);
    Ok(Figures {
        matrix,
        checklist,
        parts,
        first_frame: median(&mut first),
        key_median: median(&mut keys),
        key_p95,
        search: median(&mut searches),
        search_all: median(&mut all),
        commit: median(&mut commits),
        overdue_cmd: median(&mut overdue),
        sqlite: have_sqlite.then(|| median(&mut sqlite)),
        rss_kb,
    })
}

/// The same question `kehoach overdue` answers, in SQL: unfinished tasks whose deadline in
/// force (own override, else the plan's, else inherited down the tree) is before the day.
fn overdue_sql(plan: &str, default_deadline: &str) -> String {
    format!(
        "WITH RECURSIVE eff(item_id, deadline) AS ( \
           SELECT p.item_id, coalesce(s.deadline, p.deadline, '{default_deadline}') FROM plan_item p \
             LEFT JOIN item_state s ON s.plan_id = p.plan_id AND s.item_id = p.item_id \
             WHERE p.plan_id = '{plan}' AND p.parent IS NULL \
           UNION ALL \
           SELECT c.item_id, coalesce(s.deadline, c.deadline, e.deadline) FROM eff e \
             JOIN plan_item c ON c.plan_id = '{plan}' AND c.parent = e.item_id \
             LEFT JOIN item_state s ON s.plan_id = c.plan_id AND s.item_id = c.item_id) \
         SELECT p.item_id, p.title, e.deadline FROM eff e \
           JOIN plan_item p ON p.plan_id = '{plan}' AND p.item_id = e.item_id \
           LEFT JOIN item_state s ON s.plan_id = p.plan_id AND s.item_id = p.item_id \
         WHERE p.is_task AND coalesce(s.done, 0) = 0 AND e.deadline < '{AS_OF}' \
         ORDER BY e.deadline, p.pos;"
    )
}

/// The work an interactive session does, for a clean peak-memory reading in a child process.
fn probe(db: &Path) {
    let (mut state, mut runner, mut term) = session(db);
    for i in 0..300 {
        let msg = if i % 40 < 20 { Msg::Down } else { Msg::Up };
        dispatch(&mut state, &mut runner, msg);
        let _ = term.draw(|f| view(f, &state));
    }
    let hits = query::search(&state.plan, "giai ngan", &|ix| {
        state.search_notes.get(&ix).cloned()
    });
    std::hint::black_box(hits);
}

/// Peak resident memory of this process (VmHWM), in kB.
fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).map(str::to_string))
        })
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1).map(|m| m.trim().to_string()))
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    format!("Machine: {cpu}, {cores} cores; as of {AS_OF}")
}
