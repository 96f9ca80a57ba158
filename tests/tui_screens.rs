//! Every screen drawn into ratatui's TestBackend and compared with a reviewed snapshot
//! (tests/snapshots/). With CI=true a mismatch fails and writes nothing.

mod common;

use common::*;
use insta::assert_snapshot;
use kehoach::i18n::Lang;
use kehoach::store::NewNote;
use kehoach::tui::state::State;
use kehoach::tui::view::view;
use kehoach::tui::{Msg, effects::Runner};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A database where some work is done: two tasks done, a note with its document, one own
/// deadline, all stamped at a fixed time.
fn worked_store() -> kehoach::store::Store {
    let mut store = seeded_memory();
    let plan = "lang-son-2023";
    let a = actor(USER);
    store.set_done(plan, "III.1.2.3.c1.t1", true, &a).unwrap();
    store.set_done(plan, "IV.1.a.t1", true, &a).unwrap();
    store
        .add_note(
            plan,
            "III.1.2.3.c1.t1",
            &NewNote {
                text: "Trung tâm Phục vụ hành chính công tỉnh đã vận hành một cửa liên thông; \
                       đã ban hành quy chế phối hợp."
                    .into(),
                doc_ref: Some("45/KH-VP".into()),
                doc_date: Some(day(2023, 6, 12)),
            },
            &a,
        )
        .unwrap();
    store
        .set_deadline(plan, "III.1.2.3.c1.t2", Some(day(2023, 12, 15)), &a)
        .unwrap();
    store
}

fn screen(state: &mut State, w: u16, h: u16) -> String {
    state.size = (w, h);
    state.keep_visible();
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| view(f, state)).unwrap();
    term.backend().to_string()
}

fn at_task(lang: Lang) -> (State, Runner) {
    let (mut s, mut r) = start(worked_store(), lang, day(2023, 11, 20));
    let t = ix(&s, "III.1.2.3.c1.t1");
    s.reveal(t);
    // Move off and back so its notes are loaded as they would be by a user.
    send(&mut s, &mut r, [Msg::Down, Msg::Up]);
    (s, r)
}

#[test]
fn main_view_80x24() {
    let (mut s, _r) = at_task(Lang::Vi);
    assert_snapshot!(screen(&mut s, 80, 24));
}

#[test]
fn main_view_wide_120x40() {
    let (mut s, _r) = at_task(Lang::Vi);
    assert_snapshot!(screen(&mut s, 120, 40));
}

#[test]
fn main_view_english_80x24() {
    let (mut s, _r) = at_task(Lang::En);
    assert_snapshot!(screen(&mut s, 80, 24));
}

#[test]
fn main_view_english_wide_120x40() {
    let (mut s, _r) = at_task(Lang::En);
    assert_snapshot!(screen(&mut s, 120, 40));
}

#[test]
fn start_screen_80x24() {
    let (mut s, mut r) = start(worked_store(), Lang::Vi, day(2023, 6, 20));
    // As the program starts: on the item that needs attention first.
    send(&mut s, &mut r, [Msg::Started]);
    assert_snapshot!(screen(&mut s, 80, 24));
}

#[test]
fn zoomed_detail_on_a_narrow_screen() {
    let (mut s, mut r) = at_task(Lang::Vi);
    send(&mut s, &mut r, [Msg::Activate]);
    assert_snapshot!(screen(&mut s, 80, 24));
}

#[test]
fn overdue_view() {
    let (mut s, mut r) = at_task(Lang::Vi);
    send(&mut s, &mut r, [Msg::ShowOverdue]);
    assert_snapshot!("overdue_80x24", screen(&mut s, 80, 24));
    assert_snapshot!("overdue_120x40", screen(&mut s, 120, 40));
}

#[test]
fn agency_view() {
    let (mut s, mut r) = at_task(Lang::Vi);
    send(&mut s, &mut r, [Msg::ShowAgencies]);
    assert_snapshot!("agencies_80x24", screen(&mut s, 80, 24));
    assert_snapshot!("agencies_120x40", screen(&mut s, 120, 40));
}

#[test]
fn tree_filtered_by_an_agency() {
    let (mut s, _r) = at_task(Lang::Vi);
    let agency = s.plan.agencies.by_id("ubnd-cao-loc").unwrap();
    kehoach::tui::update::set_filter(&mut s, agency);
    assert_snapshot!(screen(&mut s, 80, 24));
}

#[test]
fn search_in_progress() {
    let (mut s, mut r) = at_task(Lang::Vi);
    send(&mut s, &mut r, [Msg::StartSearch]);
    send(&mut s, &mut r, chars("dat dai"));
    assert_snapshot!("search_80x24", screen(&mut s, 80, 24));
    assert_snapshot!("search_120x40", screen(&mut s, 120, 40));
}

#[test]
fn note_editor() {
    let (mut s, mut r) = at_task(Lang::Vi);
    send(&mut s, &mut r, [Msg::NewNote]);
    send(
        &mut s,
        &mut r,
        keys("Đã niêm yết công khai 100% thủ tục tại Bộ phận Một cửa"),
    );
    send(&mut s, &mut r, [Msg::NextField]);
    send(&mut s, &mut r, chars("12/KH-UBND"));
    assert_snapshot!("editor_80x24", screen(&mut s, 80, 24));
    assert_snapshot!("editor_120x40", screen(&mut s, 120, 40));
}

#[test]
fn notes_focus_and_delete_question() {
    let (mut s, mut r) = at_task(Lang::Vi);
    send(&mut s, &mut r, [Msg::FocusNotes, Msg::DeleteNote]);
    assert_snapshot!(screen(&mut s, 80, 24));
}

#[test]
fn help_screen() {
    let (mut s, mut r) = at_task(Lang::Vi);
    send(&mut s, &mut r, [Msg::ShowHelp]);
    assert_snapshot!("help_80x24", screen(&mut s, 80, 24));
    assert_snapshot!("help_120x40", screen(&mut s, 120, 40));
}

#[test]
fn deadline_prompt_with_an_error() {
    let (mut s, mut r) = at_task(Lang::Vi);
    send(&mut s, &mut r, [Msg::EditDeadline]);
    send(&mut s, &mut r, chars("2023-13-01"));
    send(&mut s, &mut r, [Msg::Submit]);
    assert_snapshot!(screen(&mut s, 80, 24));
}

#[test]
fn too_small() {
    let (mut s, _r) = at_task(Lang::Vi);
    assert_snapshot!("too_small_39x9", screen(&mut s, 39, 9));
    // And every mode survives 1×1.
    let (mut s, mut r) = at_task(Lang::Vi);
    for m in [
        Msg::ShowOverdue,
        Msg::Back,
        Msg::ShowAgencies,
        Msg::Back,
        Msg::StartSearch,
        Msg::Back,
        Msg::NewNote,
    ] {
        send(&mut s, &mut r, [m]);
        screen(&mut s, 1, 1);
        screen(&mut s, 40, 10);
    }
}

#[test]
fn control_characters_in_notes_are_shown_not_executed() {
    let mut store = worked_store();
    store
        .add_note(
            "lang-son-2023",
            "IV.2.a",
            &NewNote {
                text: "xóa màn hình \u{1b}[2J và \u{202e}đảo chiều".into(),
                ..Default::default()
            },
            &actor(USER),
        )
        .unwrap();
    let (mut s, mut r) = start(store, Lang::Vi, day(2023, 11, 20));
    let t = ix(&s, "IV.2.a");
    s.reveal(t);
    send(&mut s, &mut r, [Msg::Down, Msg::Up, Msg::Activate]);
    let out = screen(&mut s, 80, 24);
    assert!(out.contains("␛[2J"), "{out}");
    assert!(!out.contains('\u{1b}'));
    assert!(!out.contains('\u{202e}'));
}
