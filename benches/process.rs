//! Whole-process figures: each read command against the bare SQLite floor, paired run by run
//! on the same file; peak memory; and the bytes the interface writes to a real terminal.
//! `cargo bench --bench process`; BENCHMARKS.md has the results and the method.
//!
//! Environment: `KEHOACH_BENCH_ROUNDS` (pairs per command, default 40), `KEHOACH_BENCH_IDLE`
//! (seconds of idle watched, default 30), `KEHOACH_BIN` (another kehoach build to measure, for
//! before/after), `KEHOACH_STRESS_DB` (see common/mod.rs).

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{AS_OF, real_db, session, stress_db};
use kehoach::plan::query;
use kehoach::tui::{Msg, dispatch, view::view};

#[path = "common/terminal.rs"]
mod terminal;

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn exe() -> String {
    std::env::var("KEHOACH_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_kehoach").to_string())
}

fn main() {
    if let Some(db) = std::env::var_os("KEHOACH_RSS_PROBE") {
        probe(Path::new(&db));
        println!("{}", peak_rss_kb());
        return;
    }
    // `cargo bench` passes `--bench`; a filter naming another target's benchmarks skips this.
    let rounds = env_or("KEHOACH_BENCH_ROUNDS", 40) as usize;
    let idle = env_or("KEHOACH_BENCH_IDLE", 30);
    let dbs = [("real plan", real_db()), ("stress", stress_db())];
    println!("\n{} · kehoach: {}", machine(), exe());
    let have_sqlite = Command::new("sqlite3").arg("-version").output().is_ok();
    if !have_sqlite {
        println!("sqlite3 (the command-line shell) not found: no floor to compare with");
    }
    println!(
        "\n| command (median of {rounds} paired runs) | real plan | × floor | × floor, CPU | stress | × floor | × floor, CPU |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let commands: [&[&str]; 7] = [
        &["status"],
        &["overdue"],
        &["overdue", "--format", "csv"],
        &["show", "III.1.2.3.c1.t1"],
        &["search", "so", "noi", "vu"],
        &["agencies"],
        &["checklist"],
    ];
    for (_, db) in &dbs {
        time(kehoach(db, &["status"]));
    }
    if have_sqlite {
        let mut cells = Vec::new();
        for (_, db) in &dbs {
            let floor = (0..rounds)
                .map(|_| time(floor_cmd(db)).wall)
                .collect::<Vec<_>>();
            cells.push(ms(median(floor)));
        }
        println!(
            "| `sqlite3 FILE 'select count(*) from sqlite_master'` (floor) | {} | 1.00× | 1.00× | {} | 1.00× | 1.00× |",
            cells[0], cells[1]
        );
    }
    for args in commands {
        // One untimed run each: the page cache, and the migration of an older database.
        for (_, db) in &dbs {
            time(kehoach(db, args));
        }
        let mut cells = Vec::new();
        for (_, db) in &dbs {
            let (mut own, mut wall, mut cpu) = (Vec::new(), Vec::new(), Vec::new());
            for _ in 0..rounds {
                let k = time(kehoach(db, args));
                own.push(k.wall);
                if have_sqlite {
                    let f = time(floor_cmd(db));
                    wall.push(k.wall.as_secs_f64() / f.wall.as_secs_f64());
                    cpu.push(k.cpu.as_secs_f64() / f.cpu.as_secs_f64().max(1e-6));
                }
            }
            cells.push(ms(median(own)));
            for ratios in [wall, cpu] {
                cells.push(match median_f64(ratios) {
                    Some(r) => format!("{r:.2}×"),
                    None => "—".into(),
                });
            }
        }
        println!("| `kehoach {}` | {} |", args.join(" "), cells.join(" | "));
    }
    // In process: this build's library, so not when another build is measured.
    let other = std::env::var_os("KEHOACH_BIN").is_some();
    let rss: Vec<String> = dbs
        .iter()
        .filter(|_| !other)
        .map(|(_, db)| {
            let out = Command::new(std::env::current_exe().expect("own path"))
                .env("KEHOACH_RSS_PROBE", db)
                .output()
                .expect("probe runs");
            let kb: f64 = String::from_utf8_lossy(&out.stdout)
                .trim()
                .parse()
                .unwrap_or(0.0);
            format!("{:.1} MB", kb / 1024.0)
        })
        .collect();
    if let [real, stress] = rss.as_slice() {
        println!("| peak RSS (open, 300 moves, search; in process) | {real} | | {stress} | |");
    }
    println!();
    match terminal::bytes(&exe(), &dbs[0].1, idle) {
        Ok(t) => t.print(idle),
        Err(e) => println!("Terminal bytes not measured: {e}"),
    }
}

fn floor_cmd(db: &Path) -> Command {
    let mut c = Command::new("sqlite3");
    c.arg(db).arg("select count(*) from sqlite_master");
    c
}

fn kehoach(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(exe());
    c.arg("--db").arg(db).args(["--today", AS_OF]).args(args);
    c
}

/// One run's wall time (output read to the end, as a pipe reader would) and the CPU time
/// (user + system) the process used, which other processes on a shared machine disturb far
/// less than wall time.
struct Run {
    wall: Duration,
    cpu: Duration,
}

fn time(mut c: Command) -> Run {
    let before = children_cpu();
    let t = Instant::now();
    let out = c.output().expect("runs");
    let wall = t.elapsed();
    let cpu = children_cpu().saturating_sub(before);
    assert!(
        out.status.success(),
        "{c:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Run { wall, cpu }
}

/// User + system time of every child this process has waited for.
fn children_cpu() -> Duration {
    // SAFETY: an all-zero rusage is a valid value; getrusage writes only into `usage`,
    // which outlives the call.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

fn median_f64(mut v: Vec<f64>) -> Option<f64> {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
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
        state.search_notes.get(&ix).map(String::as_str)
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
