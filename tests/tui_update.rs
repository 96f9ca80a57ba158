//! The interactive view driven by messages, with a real (in-memory or temporary) database
//! behind it and no terminal: what a coordinator's keys do, and what ends up saved.

mod common;

use common::*;
use kehoach::i18n::Lang;
use kehoach::tui::effects::Runner;
use kehoach::tui::state::{Field, Mode};
use kehoach::tui::{Msg, State, update};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn today() -> chrono::NaiveDate {
    day(2023, 11, 20)
}

#[test]
fn moving_down_and_up_follows_rows_and_keeps_selection_by_item() {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, today());
    assert_eq!(s.plan.node(s.selected).id, "I");
    send(&mut s, &mut r, [Msg::Down]);
    assert_eq!(s.plan.node(s.selected).id, "I.1");
    // Collapsing part I from inside it moves the selection to I, the visible ancestor.
    send(&mut s, &mut r, [Msg::Parent, Msg::Collapse]);
    assert_eq!(s.plan.node(s.selected).id, "I");
    assert!(!s.rows.contains(&ix(&s, "I.1")));
    // Select a task deep in III, then collapse a different branch: it stays selected.
    let target = ix(&s, "III.1.2.3.c1.t2");
    s.reveal(target);
    let before = s.selected;
    let two = ix(&s, "II");
    s.expanded[two] = false;
    s.rebuild_rows();
    assert_eq!(s.selected, before);
    send(&mut s, &mut r, [Msg::Top]);
    assert_eq!(s.plan.node(s.selected).id, "I");
    send(&mut s, &mut r, [Msg::Bottom]);
    assert_eq!(s.selected, *s.rows.last().unwrap());
}

#[test]
fn expand_opens_then_steps_in_and_collapse_goes_to_parent() {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, today());
    let target = ix(&s, "III.1");
    s.reveal(target);
    assert!(!s.expanded[ix(&s, "III.1")]);
    send(&mut s, &mut r, [Msg::Expand]);
    assert!(s.expanded[ix(&s, "III.1")]);
    send(&mut s, &mut r, [Msg::Expand]);
    assert_eq!(s.plan.node(s.selected).id, "III.1.1");
    send(&mut s, &mut r, [Msg::Collapse]);
    assert_eq!(s.plan.node(s.selected).id, "III.1");
    send(&mut s, &mut r, [Msg::Activate]);
    assert!(!s.expanded[ix(&s, "III.1")], "Enter toggles a branch");
}

#[test]
fn space_marks_done_in_the_database_before_the_screen_says_saved() {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, today());
    let t = ix(&s, "III.1.2.3.c1.t1");
    s.reveal(t);
    send(&mut s, &mut r, [Msg::ToggleDone]);
    assert!(s.status.items[t].done);
    let flash = s.flash.clone().unwrap();
    assert!(!flash.error);
    assert!(flash.text.starts_with("Đã lưu"), "{}", flash.text);
    assert_eq!(s.selected, t, "the selection stays on the item");
    let stored = r.store().item_states(&s.plan).unwrap();
    assert!(stored[t].done);
    assert_eq!(stored[t].done_by.as_deref(), Some(USER));
    // The branch above counts it.
    assert_eq!(s.status.tallies[ix(&s, "III.1.2.3.c1")].done, 1);
    // Space again reopens.
    send(&mut s, &mut r, [Msg::ToggleDone]);
    assert!(!r.store().item_states(&s.plan).unwrap()[t].done);
}

#[test]
fn a_branch_cannot_be_ticked_and_says_why() {
    let (mut s, _r) = start(seeded_memory(), Lang::Vi, today());
    let target = ix(&s, "III.1.2.3");
    s.reveal(target);
    let fx = update(&mut s, Msg::ToggleDone);
    assert!(fx.is_empty(), "nothing is written");
    assert!(s.flash.as_ref().unwrap().error);
    assert!(s.flash.as_ref().unwrap().text.contains("III.1.2.3"));
}

#[test]
fn undo_reverts_the_last_change_and_is_audited() {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, today());
    let t = ix(&s, "III.1.2.5.c2.t1");
    s.reveal(t);
    send(&mut s, &mut r, [Msg::ToggleDone, Msg::Undo]);
    assert!(!s.status.items[t].done);
    assert!(s.flash.as_ref().unwrap().text.starts_with("Đã hoàn tác"));
    let log = r.store().history(None, 5).unwrap();
    assert_eq!(log[0].action, "undo reopen");
    assert_eq!(log[1].action, "done");
    send(&mut s, &mut r, [Msg::Undo]);
    assert_eq!(s.flash.as_ref().unwrap().text, "Không có gì để hoàn tác");
}

#[test]
fn a_one_line_note_is_typed_and_saved_with_enter() {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, today());
    let t = ix(&s, "III.1.2.4.c1.t2");
    s.reveal(t);
    send(&mut s, &mut r, [Msg::NewNote]);
    assert!(matches!(s.mode, Mode::Editor(_)));
    send(&mut s, &mut r, keys("Đã trình UBND tỉnh phương án sắp xếp"));
    send(&mut s, &mut r, [Msg::NextField]);
    send(&mut s, &mut r, chars("45/KH-SNV"));
    send(&mut s, &mut r, [Msg::NextField]);
    send(&mut s, &mut r, chars("12/06/2023"));
    send(&mut s, &mut r, [Msg::Submit]);
    assert!(matches!(s.mode, Mode::Tree), "the editor closes once saved");
    let notes = r.store().notes(s.plan.id(), "III.1.2.4.c1.t2").unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "Đã trình UBND tỉnh phương án sắp xếp");
    assert_eq!(notes[0].doc_ref.as_deref(), Some("45/KH-SNV"));
    assert_eq!(notes[0].doc_date, Some(day(2023, 6, 12)));
    assert_eq!(s.notes_of(t).unwrap().len(), 1, "the detail shows it");
    assert_eq!(s.status.items[t].notes, 1);
}

#[test]
fn backslash_then_enter_breaks_the_line_instead_of_saving() {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, today());
    let target = ix(&s, "III.1.2.4.c1.t2");
    s.reveal(target);
    send(&mut s, &mut r, [Msg::NewNote]);
    send(&mut s, &mut r, keys("dòng một\\"));
    send(&mut s, &mut r, [Msg::Submit]);
    send(&mut s, &mut r, keys("dòng hai"));
    let Mode::Editor(e) = &s.mode else {
        panic!("still editing")
    };
    assert_eq!(e.text.lines(), ["dòng một", "dòng hai"]);
    send(&mut s, &mut r, [Msg::Submit]);
    let notes = r.store().notes(s.plan.id(), "III.1.2.4.c1.t2").unwrap();
    assert_eq!(notes[0].text, "dòng một\ndòng hai");
}

#[test]
fn input_method_bursts_and_decomposed_marks_arrive_as_composed_letters() {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, today());
    let target = ix(&s, "III.1.2.4.c1.t2");
    s.reveal(target);
    send(&mut s, &mut r, [Msg::NewNote]);
    // Telex: "a", "s" arrives as a, then backspace + á.
    let bs = Msg::EditorKey(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
    send(&mut s, &mut r, keys("Ða"));
    send(&mut s, &mut r, [bs]);
    send(&mut s, &mut r, keys("ã xong"));
    // Some terminals send a letter and its tone mark separately.
    send(&mut s, &mut r, keys(" vie\u{0302}\u{0323}c"));
    let Mode::Editor(e) = &s.mode else { panic!() };
    assert_eq!(e.text.lines()[0], "Ðã xong việc");
    assert_eq!(
        e.text.cursor().1,
        "Ðã xong việc".chars().count(),
        "the cursor counts letters, not marks"
    );
}

#[test]
fn an_empty_note_or_a_bad_document_date_keeps_the_editor_open_with_the_reason() {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, today());
    let target = ix(&s, "III.1.2.4.c1.t2");
    s.reveal(target);
    send(&mut s, &mut r, [Msg::NewNote, Msg::Submit]);
    let Mode::Editor(e) = &s.mode else { panic!() };
    assert!(e.error.as_deref().unwrap().contains("trống"));
    send(&mut s, &mut r, keys("Có kết quả"));
    send(&mut s, &mut r, [Msg::PrevField]);
    send(&mut s, &mut r, chars("31/02/2023"));
    send(&mut s, &mut r, [Msg::Submit]);
    let Mode::Editor(e) = &s.mode else { panic!() };
    assert_eq!(e.field, Field::DocDate);
    assert!(e.error.as_deref().unwrap().contains("31/02/2023"));
    assert!(
        r.store()
            .notes(s.plan.id(), "III.1.2.4.c1.t2")
            .unwrap()
            .is_empty()
    );
}

#[test]
fn esc_in_the_editor_keeps_a_draft_that_is_offered_next_time() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let (mut s, mut r) = start(seeded_file(&db), Lang::Vi, today());
    let target = ix(&s, "IV.2.a");
    s.reveal(target);
    send(&mut s, &mut r, [Msg::NewNote]);
    send(&mut s, &mut r, keys("Đang tổng hợp báo cáo"));
    send(&mut s, &mut r, [Msg::Back]);
    assert!(matches!(s.mode, Mode::Tree));
    drop((s, r));
    let store = kehoach::store::Store::open(&db).unwrap();
    let (s, _r) = start(store, Lang::Vi, today());
    let Mode::Editor(e) = &s.mode else {
        panic!("the draft is offered again")
    };
    assert_eq!(s.plan.node(e.item).id, "IV.2.a");
    assert_eq!(e.text.lines()[0], "Đang tổng hợp báo cáo");
    assert!(s.flash.as_ref().unwrap().text.contains("IV.2.a"));
}

#[test]
fn search_ignores_diacritics_selects_the_best_match_and_esc_goes_back() {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, today());
    let origin = s.selected;
    send(&mut s, &mut r, [Msg::StartSearch]);
    send(&mut s, &mut r, chars("dat dai"));
    assert_eq!(s.plan.node(s.selected).id, "III.3.5.c");
    assert!(s.rows.contains(&s.selected), "its ancestors were opened");
    send(&mut s, &mut r, [Msg::Back]);
    assert_eq!(s.selected, origin);
    assert!(
        !s.rows.contains(&ix(&s, "III.3.5.c")),
        "the tree is as it was"
    );
    // Enter keeps the match.
    send(&mut s, &mut r, [Msg::StartSearch]);
    send(&mut s, &mut r, chars("giai ngan"));
    let first = s.selected;
    send(&mut s, &mut r, [Msg::NextField]);
    assert_ne!(s.selected, first, "↓ steps to the next match");
    send(&mut s, &mut r, [Msg::PrevField, Msg::Submit]);
    assert_eq!(s.selected, first);
    assert_eq!(s.plan.node(first).id, "III.1.2.6.c1");
    assert!(matches!(s.mode, Mode::Tree));
}

#[test]
fn search_finds_agencies_and_notes() {
    let mut store = seeded_memory();
    store
        .add_note(
            "lang-son-2023",
            "IV.4.dd",
            &kehoach::store::NewNote {
                text: "Bưu điện đã phát phiếu khảo sát".into(),
                ..Default::default()
            },
            &actor(USER),
        )
        .unwrap();
    let (mut s, mut r) = start(store, Lang::Vi, today());
    send(&mut s, &mut r, [Msg::StartSearch]);
    send(&mut s, &mut r, chars("phieu khao sat"));
    assert_eq!(s.plan.node(s.selected).id, "IV.4.dd");
    send(&mut s, &mut r, [Msg::Back, Msg::StartSearch]);
    send(&mut s, &mut r, chars("so noi vu"));
    let Mode::Search(q) = &s.mode else { panic!() };
    assert!(q.hits.len() > 5);
    // The best match names Sở Nội vụ itself.
    let snv = s.plan.agencies.by_id("snv").unwrap();
    let best = s.plan.node(q.hits[0]);
    assert!(
        kehoach::plan::Role::ALL.iter().any(|&role| best
            .own_roles
            .get(role)
            .iter()
            .any(|e| e.agency == snv)),
        "{}",
        best.id
    );
}

#[test]
fn the_agency_view_filters_the_tree_to_group_duties_and_esc_clears_it() {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, today());
    send(&mut s, &mut r, [Msg::ShowAgencies]);
    let Mode::Agencies { rows, .. } = &s.mode else {
        panic!()
    };
    let snv = s.plan.agencies.by_id("snv").unwrap();
    let at = rows.iter().position(|r| r.agency == snv).unwrap();
    for _ in 0..at {
        send(&mut s, &mut r, [Msg::Down]);
    }
    send(&mut s, &mut r, [Msg::Activate]);
    assert!(matches!(s.mode, Mode::Tree));
    let f = s.filter.as_ref().unwrap();
    assert_eq!(f.agency, snv);
    // Led by Sở Nội vụ, and implemented by "các Sở, ban, ngành" (so also its duty).
    assert!(s.rows.contains(&ix(&s, "III.1.2.4.c1.t2")));
    assert!(s.rows.contains(&ix(&s, "III.1.2.1.c.t1")));
    // Not its duty: Bưu điện tỉnh's item.
    assert!(!s.rows.contains(&ix(&s, "IV.4.dd")));
    assert!(f.duty[s.selected], "the selection starts on a duty");
    send(&mut s, &mut r, [Msg::Back]);
    assert!(s.filter.is_none());
    assert!(s.rows.contains(&ix(&s, "IV")));
}

#[test]
fn the_overdue_view_lists_by_deadline_and_enter_jumps_to_the_item() {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, day(2023, 7, 1));
    send(&mut s, &mut r, [Msg::ShowOverdue]);
    let Mode::Overdue { rows, .. } = &s.mode else {
        panic!()
    };
    // On 1 July 2023 only the agency plans (due 30/06) are late; nothing else is due in 14 days.
    assert_eq!(
        rows.iter()
            .map(|&i| s.plan.node(i).id.as_str())
            .collect::<Vec<_>>(),
        ["IV.1.a.t1"]
    );
    send(&mut s, &mut r, [Msg::Activate]);
    assert_eq!(s.plan.node(s.selected).id, "IV.1.a.t1");
    assert!(s.rows.contains(&s.selected));
    // Late November: everything unfinished is listed, the oldest deadline first.
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, day(2023, 11, 25));
    send(&mut s, &mut r, [Msg::ShowOverdue]);
    let Mode::Overdue { rows, .. } = &s.mode else {
        panic!()
    };
    assert_eq!(s.plan.node(rows[0]).id, "IV.1.a.t1");
    assert_eq!(rows.len(), s.plan.tasks().count());
}

#[test]
fn deadlines_accept_dd_mm_yyyy_refuse_impossible_dates_and_clear() {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, today());
    let t = ix(&s, "III.3.7.b");
    s.reveal(t);
    send(&mut s, &mut r, [Msg::EditDeadline]);
    send(&mut s, &mut r, chars("31/02/2024"));
    send(&mut s, &mut r, [Msg::Submit]);
    let Mode::Deadline(d) = &s.mode else {
        panic!("stays open on a bad date")
    };
    assert!(d.error.is_some());
    for _ in 0..10 {
        send(&mut s, &mut r, [Msg::InputBackspace]);
    }
    send(&mut s, &mut r, chars("15/12/2023"));
    send(&mut s, &mut r, [Msg::Submit]);
    assert_eq!(s.status.deadlines[t], day(2023, 12, 15));
    send(&mut s, &mut r, [Msg::EditDeadline]);
    for _ in 0..10 {
        send(&mut s, &mut r, [Msg::InputBackspace]);
    }
    send(&mut s, &mut r, [Msg::Submit]);
    assert_eq!(
        s.status.deadlines[t],
        day(2023, 11, 30),
        "back to the plan's"
    );
}

#[test]
fn notes_of_others_cannot_be_changed_and_own_notes_are_deleted_after_asking() {
    let mut store = seeded_memory();
    let theirs = kehoach::store::NewNote {
        text: "ghi chú của người khác".into(),
        ..Default::default()
    };
    store
        .add_note("lang-son-2023", "IV.2.b", &theirs, &actor("minh"))
        .unwrap();
    let mine = kehoach::store::NewNote {
        text: "ghi chú của tôi".into(),
        ..Default::default()
    };
    store
        .add_note("lang-son-2023", "IV.2.b", &mine, &actor(USER))
        .unwrap();
    let (mut s, mut r) = start(store, Lang::Vi, today());
    let target = ix(&s, "IV.2.b");
    s.reveal(target);
    send(&mut s, &mut r, [Msg::Down, Msg::Up]);
    send(&mut s, &mut r, [Msg::FocusNotes]);
    assert!(matches!(s.mode, Mode::Notes { sel: 0 }));
    // Newest first: both have the same time, the later id is first (mine).
    send(&mut s, &mut r, [Msg::Down, Msg::DeleteNote]);
    assert!(s.flash.as_ref().unwrap().error, "minh's note is not mine");
    send(&mut s, &mut r, [Msg::Up, Msg::DeleteNote]);
    assert!(matches!(s.mode, Mode::ConfirmDelete { .. }));
    send(&mut s, &mut r, [Msg::Confirm(true)]);
    let left = r.store().notes("lang-son-2023", "IV.2.b").unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].author, "minh");
    send(&mut s, &mut r, [Msg::Undo]);
    assert_eq!(r.store().notes("lang-son-2023", "IV.2.b").unwrap().len(), 2);
}

#[test]
fn a_read_only_database_refuses_edits_with_a_message() {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, today());
    s.read_only = true;
    let target = ix(&s, "IV.2.a");
    s.reveal(target);
    assert!(update(&mut s, Msg::ToggleDone).is_empty());
    assert!(s.flash.as_ref().unwrap().error);
    send(&mut s, &mut r, [Msg::NewNote]);
    assert!(matches!(s.mode, Mode::Tree));
}

#[test]
fn another_coordinators_change_appears_without_a_key_press() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let (mut s, mut r) = start(seeded_file(&db), Lang::Vi, today());
    assert!(
        r.poll_external(s.plan.id()).is_none(),
        "nothing changed yet"
    );
    let mut other = kehoach::store::Store::open(&db).unwrap();
    other
        .set_done("lang-son-2023", "IV.2.c", true, &actor("minh"))
        .unwrap();
    let msg = r.poll_external(s.plan.id()).expect("a change is noticed");
    send(&mut s, &mut r, [msg]);
    assert!(s.status.items[ix(&s, "IV.2.c")].done);
    let flash = s.flash.as_ref().unwrap();
    assert!(
        flash.text.contains("minh") && flash.text.contains("IV.2.c"),
        "{}",
        flash.text
    );
}

#[test]
fn quitting_while_typing_keeps_the_draft() {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, today());
    let target = ix(&s, "IV.2.a");
    s.reveal(target);
    send(&mut s, &mut r, [Msg::NewNote]);
    send(&mut s, &mut r, keys("chưa xong"));
    send(&mut s, &mut r, [Msg::Quit]);
    assert!(s.quit);
    let d = r.store().draft(USER).unwrap().unwrap();
    assert_eq!(d.item_id, "IV.2.a");
    assert_eq!(d.note.text, "chưa xong");
}

#[test]
fn resizing_to_tiny_and_back_keeps_the_selection_visible() {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, today());
    let target = ix(&s, "IV.5.c");
    s.reveal(target);
    for (w, h) in [(1, 1), (39, 9), (80, 24), (200, 60), (40, 10)] {
        send(&mut s, &mut r, [Msg::Resize(w, h)]);
        let row = s.selected_row();
        let height = s.tree_height();
        assert!(row >= s.offset && row < s.offset + height, "{w}x{h}");
    }
}

/// Two coordinators on one database file: Lan in the interactive view, Hùng by command.
fn lan_and_hung() -> (tempfile::TempDir, kehoach::store::Store, State, Runner) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let (s, r) = start(seeded_file(&db), Lang::Vi, today());
    let hung = kehoach::store::Store::open(&db).unwrap();
    (dir, hung, s, r)
}

#[test]
fn undo_leaves_a_deadline_someone_set_since_and_says_who() {
    let (_dir, mut hung, mut s, mut r) = lan_and_hung();
    let t = ix(&s, "IV.2.a");
    s.reveal(t);
    send(&mut s, &mut r, [Msg::EditDeadline]);
    send(&mut s, &mut r, chars("15/10/2023"));
    send(&mut s, &mut r, [Msg::Submit]);
    assert_eq!(s.status.deadlines[t], day(2023, 10, 15));
    hung.set_deadline(
        s.plan.id(),
        "IV.2.a",
        Some(day(2023, 10, 20)),
        &actor("hung"),
    )
    .unwrap();
    send(&mut s, &mut r, [Msg::Undo]);
    let flash = s.flash.clone().unwrap();
    assert!(flash.error, "{}", flash.text);
    assert!(flash.text.contains("hung"), "{}", flash.text);
    assert!(flash.text.contains("IV.2.a"), "{}", flash.text);
    let stored = r.store().item_states(&s.plan).unwrap();
    assert_eq!(stored[t].deadline, Some(day(2023, 10, 20)), "Hùng's stays");
    let log = r.store().history(None, 1).unwrap();
    assert_eq!(
        (log[0].who.as_str(), log[0].action.as_str()),
        ("hung", "deadline")
    );
}

#[test]
fn undo_leaves_done_and_notes_changed_since() {
    let (_dir, mut hung, mut s, mut r) = lan_and_hung();
    let plan = s.plan.id().to_string();
    let t = ix(&s, "III.1.2.5.c2.t1");
    s.reveal(t);
    // Done; Hùng reopens it, marks it done again and moves its deadline. The item is done as
    // Lan left it, so her undo goes through.
    send(&mut s, &mut r, [Msg::ToggleDone]);
    hung.set_done(&plan, "III.1.2.5.c2.t1", false, &actor("hung"))
        .unwrap();
    hung.set_done(&plan, "III.1.2.5.c2.t1", true, &actor("hung"))
        .unwrap();
    hung.set_deadline(
        &plan,
        "III.1.2.5.c2.t1",
        Some(day(2023, 9, 1)),
        &actor("hung"),
    )
    .unwrap();
    send(&mut s, &mut r, [Msg::Undo]);
    assert!(!r.store().item_states(&s.plan).unwrap()[t].done);

    // Done again; Hùng reopens it: undo would mark it open over his change, so it stops.
    send(&mut s, &mut r, [Msg::ToggleDone]);
    hung.set_done(&plan, "III.1.2.5.c2.t1", false, &actor("hung"))
        .unwrap();
    send(&mut s, &mut r, [Msg::Undo]);
    assert!(s.flash.as_ref().unwrap().text.contains("hung"));
    assert!(!r.store().item_states(&s.plan).unwrap()[t].done);
    assert_eq!(r.store().history(None, 1).unwrap()[0].who, "hung");

    // A note Lan wrote, edited since from her other session: undoing the add keeps it.
    send(&mut s, &mut r, [Msg::NewNote]);
    send(&mut s, &mut r, keys("Bản một"));
    send(&mut s, &mut r, [Msg::Submit]);
    let id = r.store().notes(&plan, "III.1.2.5.c2.t1").unwrap()[0].id;
    let lan_elsewhere = actor(USER);
    hung.edit_note(
        id,
        &kehoach::store::NewNote {
            text: "Bản hai".into(),
            ..Default::default()
        },
        &lan_elsewhere,
    )
    .unwrap();
    send(&mut s, &mut r, [Msg::Undo]);
    assert!(s.flash.as_ref().unwrap().error);
    assert_eq!(r.store().note(id).unwrap().text, "Bản hai");
}

/// The note a session is typing on `id`, then the connection drops (the draft is kept).
fn type_and_drop(s: &mut State, r: &mut Runner, id: &str, text: &str) {
    let t = ix(s, id);
    s.reveal(t);
    send(s, r, [Msg::NewNote]);
    send(s, r, keys(text));
    send(s, r, [Msg::Quit]);
}

#[test]
fn two_sessions_of_one_account_each_keep_their_draft_and_both_are_offered() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let (mut one, mut r1) = start(seeded_file(&db), Lang::Vi, today());
    let (mut two, mut r2) = start(kehoach::store::Store::open(&db).unwrap(), Lang::Vi, today());
    one.session = "101@sang".into();
    two.session = "202@chieu".into();
    type_and_drop(&mut one, &mut r1, "IV.2.a", "Phiên một đang soạn");
    type_and_drop(&mut two, &mut r2, "IV.2.a", "Phiên hai đang soạn");
    drop((one, r1, two, r2));

    let (mut s, mut r) = start(kehoach::store::Store::open(&db).unwrap(), Lang::Vi, today());
    s.session = "303@toi".into();
    let Mode::Editor(e) = &s.mode else {
        panic!("the first draft is offered")
    };
    assert_eq!(s.plan.node(e.item).id, "IV.2.a");
    assert_eq!(e.text.lines()[0], "Phiên một đang soạn");
    let flash = s.flash.clone().unwrap().text;
    assert!(flash.contains("còn 1 bản nháp"), "{flash}");
    // Saved: the second is offered at once.
    send(&mut s, &mut r, [Msg::Submit]);
    let Mode::Editor(e) = &s.mode else {
        panic!("the second draft follows")
    };
    assert_eq!(e.text.lines()[0], "Phiên hai đang soạn");
    // Esc keeps it for another time; the saved one is gone from the drafts.
    send(&mut s, &mut r, [Msg::Back]);
    assert!(matches!(s.mode, Mode::Tree));
    let left = r.store().drafts(USER).unwrap();
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(left[0].note.text, "Phiên hai đang soạn");
    let notes = r.store().notes(s.plan.id(), "IV.2.a").unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "Phiên một đang soạn");
}

#[test]
fn a_draft_for_an_item_no_longer_in_the_plan_is_still_offered_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let mut store = seeded_file(&db);
    store
        .save_draft(
            USER,
            &kehoach::store::Draft {
                session: "99@cu".into(),
                plan_id: "lang-son-2023".into(),
                item_id: "IV.9.z".into(),
                note_id: None,
                note: kehoach::store::NewNote {
                    text: "Nội dung cho mục đã bỏ".into(),
                    ..Default::default()
                },
                saved_at: "2023-06-12T09:31:00+07:00".into(),
            },
        )
        .unwrap();
    let (s, r) = start(store, Lang::Vi, today());
    let Mode::Editor(e) = &s.mode else {
        panic!("offered")
    };
    assert_eq!(e.text.lines()[0], "Nội dung cho mục đã bỏ");
    assert_eq!(
        s.plan.node(e.item).id,
        "IV",
        "on the nearest item that exists"
    );
    let flash = s.flash.clone().unwrap().text;
    assert!(flash.contains("IV.9.z"), "{flash}");
    assert_eq!(
        r.store().drafts(USER).unwrap().len(),
        1,
        "kept until dealt with"
    );
}
