//! Random message sequences fed to `kehoach::tui::update` with a real in-memory store and the
//! real effect runner. After every message: nothing panicked, the selection is an existing,
//! visible row, every branch's done/total is the sum over its tasks, and the screen's item
//! states are the database's. And undo right after a toggle restores the previous state.
//!
//! 64 cases per property (512 with KEHOACH_SLOW_TESTS=1); PROPTEST_CASES overrides both.

mod common;

use common::{day, seeded_memory, send, start};
use kehoach::i18n::Lang;
use kehoach::plan::accountability::AgencyState;
use kehoach::plan::{Plan, Status};
use kehoach::tui::state::Mode;
use kehoach::tui::{Msg, State};
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn cases() -> u32 {
    if let Some(n) = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        return n;
    }
    let slow = std::env::var_os("KEHOACH_SLOW_TESTS").is_some_and(|v| !v.is_empty() && v != "0");
    if slow { 512 } else { 64 }
}

/// Text a person might type or paste: Vietnamese, digits, control characters, combining
/// marks, right-to-left marks, newlines.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just('a'),
            Just('đ'),
            Just('ệ'),
            Just('\u{0301}'),
            Just('\u{202E}'),
            Just('\u{1b}'),
            Just('\n'),
            Just('\\'),
            Just('/'),
            Just(' '),
            Just('3'),
            any::<char>(),
        ],
        0..12,
    )
    .prop_map(|v| v.into_iter().collect())
}

fn key() -> impl Strategy<Value = KeyEvent> {
    prop_oneof![
        any::<char>().prop_map(KeyCode::Char),
        Just(KeyCode::Enter),
        Just(KeyCode::Backspace),
        Just(KeyCode::Delete),
        Just(KeyCode::Left),
        Just(KeyCode::Right),
        Just(KeyCode::Up),
        Just(KeyCode::Down),
        Just(KeyCode::Home),
        Just(KeyCode::End),
    ]
    .prop_map(|c| KeyEvent::new(c, KeyModifiers::NONE))
}

/// Every message a person can cause (results of effects come from the runner itself).
fn msg() -> impl Strategy<Value = Msg> {
    prop_oneof![
        4 => prop_oneof![Just(Msg::Up), Just(Msg::Down)],
        1 => prop_oneof![
            Just(Msg::PageUp),
            Just(Msg::PageDown),
            Just(Msg::Top),
            Just(Msg::Bottom),
        ],
        3 => prop_oneof![
            Just(Msg::Collapse),
            Just(Msg::Expand),
            Just(Msg::Parent),
            Just(Msg::Activate),
        ],
        6 => Just(Msg::ToggleDone),
        2 => Just(Msg::Undo),
        1 => prop_oneof![
            Just(Msg::NewNote),
            Just(Msg::EditDeadline),
            Just(Msg::ShowOverdue),
            Just(Msg::ShowAgencies),
            Just(Msg::StartSearch),
            Just(Msg::ShowHelp),
            Just(Msg::FocusNotes),
            Just(Msg::EditNote),
            Just(Msg::DeleteNote),
            Just(Msg::ShowParts),
            Just(Msg::ShowChecklist),
            Just(Msg::ShowMatrix),
            Just(Msg::Left),
            Just(Msg::Right),
        ],
        1 => any::<i16>().prop_map(Msg::ScrollDetail),
        1 => any::<bool>().prop_map(Msg::Confirm),
        2 => prop_oneof![
            Just(AgencyState::Done),
            Just(AgencyState::Reported),
            Just(AgencyState::NotApplicable),
        ]
        .prop_map(Msg::MarkAgency),
        5 => Just(Msg::Back),
        2 => key().prop_map(Msg::EditorKey),
        2 => any::<char>().prop_map(Msg::InputChar),
        1 => prop_oneof![
            Just(Msg::InputBackspace),
            Just(Msg::NextField),
            Just(Msg::PrevField),
        ],
        2 => Just(Msg::Submit),
        1 => text().prop_map(Msg::Paste),
        1 => (0u16..300, 0u16..100).prop_map(|(w, h)| Msg::Resize(w, h)),
        1 => (0u32..400).prop_map(|d| Msg::Tick(day(2023, 1, 1) + chrono::Days::new(d.into()))),
    ]
}

fn check(s: &State, store_items: &[bool], step: usize, m: &Msg) {
    let plan: &Plan = &s.plan;
    assert!(s.selected < plan.len(), "step {step} ({m:?})");
    assert!(
        s.rows.contains(&s.selected),
        "step {step} ({m:?}): the selection {} is not a visible row",
        plan.node(s.selected).id
    );
    assert!(
        s.is_shown(s.selected),
        "step {step}: selection filtered out"
    );
    assert!(
        s.offset <= s.rows.len(),
        "step {step}: scrolled past the end"
    );
    // Counts add up: every node's tally is the sum over the tasks under it.
    let fresh = Status::new(plan, s.status.items.clone());
    for (i, n) in plan.nodes.iter().enumerate() {
        let (mut done, mut total) = (0, 0);
        for t in i..n.end {
            if plan.node(t).is_task() {
                total += 1;
                done += u32::from(s.status.items[t].done);
            }
        }
        let tally = s.status.tallies[i];
        assert_eq!(
            (tally.done, tally.total),
            (done, total),
            "step {step}: {} counts {}/{} but its tasks are {done}/{total}",
            n.id,
            tally.done,
            tally.total
        );
        assert_eq!(tally.done, fresh.tallies[i].done);
    }
    // The screen shows what is stored.
    let shown: Vec<bool> = s.status.items.iter().map(|i| i.done).collect();
    assert_eq!(
        shown, store_items,
        "step {step} ({m:?}): screen and database differ"
    );
}

#[test]
fn random_messages_keep_the_view_consistent_with_the_database() {
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
    let (sent, saved) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let config = ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    let mut runner = proptest::test_runner::TestRunner::new(config);
    let result = runner.run(&prop::collection::vec(msg(), 1..150), |msgs| {
        let (mut s, mut r) = start(seeded_memory(), Lang::Vi, day(2023, 11, 20));
        for (step, m) in msgs.into_iter().enumerate() {
            send(&mut s, &mut r, [m.clone()]);
            let stored = r.store().item_states(&s.plan).unwrap();
            let stored: Vec<bool> = stored.iter().map(|i| i.done).collect();
            check(&s, &stored, step, &m);
            sent.fetch_add(1, Relaxed);
        }
        // Every audit row after the seeding import is a change this session saved.
        saved.fetch_add(
            r.store().history(None, usize::MAX >> 1).unwrap().len() - 1,
            Relaxed,
        );
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    println!(
        "proptest: {} random messages in {} sequences through update and a real store, {} changes saved, every invariant held after each",
        sent.load(Relaxed),
        cases(),
        saved.load(Relaxed)
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn undo_right_after_a_toggle_restores_the_previous_state(
        msgs in prop::collection::vec(msg(), 0..60),
        pick in any::<prop::sample::Index>(),
    ) {
        let (mut s, mut r) = start(seeded_memory(), Lang::Vi, day(2023, 11, 20));
        send(&mut s, &mut r, msgs);
        // Wherever the random keys left it, go back to the tree on some task.
        s.mode = Mode::Tree;
        s.filter = None;
        let tasks: Vec<usize> = (0..s.plan.len()).filter(|&i| s.plan.node(i).is_task()).collect();
        let task = tasks[pick.index(tasks.len())];
        s.reveal(task);
        let before = s.status.items[task].done;
        send(&mut s, &mut r, [Msg::ToggleDone]);
        prop_assert_eq!(s.status.items[task].done, !before, "the toggle was saved");
        send(&mut s, &mut r, [Msg::Undo]);
        prop_assert_eq!(s.status.items[task].done, before, "undo on screen");
        let stored = r.store().item_states(&s.plan).unwrap();
        prop_assert_eq!(stored[task].done, before, "undo in the database");
        let last = r.store().history(None, 1).unwrap().remove(0);
        prop_assert!(last.action.starts_with("undo "), "{}", last.action);
    }
}
