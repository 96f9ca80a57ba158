//! In-process figures (divan): open to first frame, a key to its frame, the accountability
//! views, search and a durable commit, on the real plan and on the stress database.
//! `cargo bench --bench interface`; BENCHMARKS.md has the results.

mod common;

use std::path::PathBuf;

use common::{QUERIES, real_db, session, stress_db};
use divan::Bencher;
use kehoach::plan::query;
use kehoach::store::{Actor, Store};
use kehoach::tui::{Msg, dispatch, view::view};

const DBS: [&str; 2] = ["real", "stress"];

fn db(name: &str) -> PathBuf {
    if name == "stress" {
        stress_db()
    } else {
        real_db()
    }
}

fn main() {
    // Make (or migrate) the databases before anything is timed.
    real_db();
    drop(session(&stress_db()));
    divan::main();
}

/// Open the database, load the plan, states, agency parts and notes' search text, build the
/// interface state and draw the first 80×24 frame: everything before the terminal.
#[divan::bench(args = DBS, sample_count = 30)]
fn open_first_frame(bencher: Bencher, name: &str) {
    let path = db(name);
    bencher.bench_local(|| session(&path));
}

/// One ↓ or ↑ (alternating runs through the whole tree, every branch open) and its redraw.
#[divan::bench(args = DBS, sample_count = 200)]
fn key_to_frame(bencher: Bencher, name: &str) {
    let (mut state, mut runner, mut term) = session(&db(name));
    state.expanded.iter_mut().for_each(|e| *e = true);
    state.rebuild_rows();
    let span = state.rows.len().saturating_sub(1).max(1);
    let mut i = 0usize;
    bencher.bench_local(|| {
        let msg = if (i / span).is_multiple_of(2) {
            Msg::Down
        } else {
            Msg::Up
        };
        i += 1;
        dispatch(&mut state, &mut runner, msg);
        term.draw(|f| view(f, &state)).expect("draws");
    });
}

/// `m` and `c`: open the agency × index matrix or the 30/06 checklist and draw it.
#[divan::bench(args = DBS, consts = [0, 1], sample_count = 30)]
fn matrix_checklist<const WHICH: usize>(bencher: Bencher, name: &str) {
    let (mut state, mut runner, mut term) = session(&db(name));
    let open = if WHICH == 0 {
        Msg::ShowMatrix
    } else {
        Msg::ShowChecklist
    };
    bencher.bench_local(|| {
        dispatch(&mut state, &mut runner, open.clone());
        term.draw(|f| view(f, &state)).expect("draws");
        dispatch(&mut state, &mut runner, Msg::Back);
    });
}

/// The search the interface and `kehoach search` run: ids, titles, text, agencies and the
/// plan's notes, without diacritics.
#[divan::bench(args = DBS, sample_count = 100)]
fn search_plan(bencher: Bencher, name: &str) {
    let (state, _runner, _term) = session(&db(name));
    let mut i = 0;
    bencher.bench_local(|| {
        i += 1;
        query::search(&state.plan, QUERIES[i % QUERIES.len()], &|ix| {
            state.search_notes.get(&ix).map(String::as_str)
        })
    });
}

/// The items of every plan whose notes hold all words of a diacritic-free query.
#[divan::bench(args = DBS, sample_count = 10)]
fn search_all_plans_notes(bencher: Bencher, name: &str) {
    let store = Store::open(&db(name)).expect("opens");
    let mut i = 0;
    bencher.bench_local(|| {
        i += 1;
        store
            .items_by_notes(QUERIES[i % QUERIES.len()])
            .expect("searches")
    });
}

/// `set_done` on one task, alternating done and open: one `BEGIN IMMEDIATE` transaction with
/// its audit row, committed with `synchronous=FULL` (fsync) in WAL mode.
#[divan::bench(args = DBS, sample_count = 30)]
fn done_commit(bencher: Bencher, name: &str) {
    let mut store = Store::open(&db(name)).expect("opens");
    let plan = store.load_plan(None).expect("loads");
    let task = plan.node(plan.tasks().next().expect("a task")).id.clone();
    let mut done = false;
    bencher.bench_local(|| {
        done = !done;
        store
            .set_done(plan.id(), &task, done, &Actor::new("bench"))
            .expect("commits")
    });
    if done {
        let _ = store.set_done(plan.id(), &task, false, &Actor::new("bench"));
    }
}
