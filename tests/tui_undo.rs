//! Undo and redo as a coordinator uses them: `u` back through the session, `U` forward again,
//! with the footer saying what happened and what the next key would do; and the footer
//! keeping the user's own result while others' news waits (a fake clock, in messages).

mod common;

use std::time::Duration;

use common::*;
use kehoach::i18n::Lang;
use kehoach::tui::effects::Runner;
use kehoach::tui::state::{Flash, Mode};
use kehoach::tui::{Msg, State};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn today() -> chrono::NaiveDate {
    day(2023, 11, 20)
}

fn footer(s: &State) -> String {
    s.flash.as_ref().map(|f| f.text.clone()).unwrap_or_default()
}

/// Space on IV.1.a.t1, then a note with its document number and date, as in the report.
fn done_then_note(lang: Lang) -> (State, Runner, usize) {
    let (mut s, mut r) = start(seeded_memory(), lang, today());
    let t = ix(&s, "IV.1.a.t1");
    s.reveal(t);
    send(&mut s, &mut r, [Msg::ToggleDone, Msg::NewNote]);
    send(&mut s, &mut r, keys("Đã ban hành kế hoạch"));
    send(&mut s, &mut r, [Msg::NextField]);
    send(&mut s, &mut r, chars("45/KH-SNV"));
    send(&mut s, &mut r, [Msg::NextField]);
    send(&mut s, &mut r, chars("12/06/2023"));
    send(&mut s, &mut r, [Msg::Submit]);
    assert!(matches!(s.mode, Mode::Tree));
    (s, r, t)
}

fn stored_notes(s: &State, r: &Runner) -> Vec<kehoach::store::Note> {
    r.store().notes(s.plan.id(), "IV.1.a.t1").unwrap()
}

#[test]
fn u_goes_back_through_the_session_and_capital_u_brings_it_all_back() {
    let (mut s, mut r, t) = done_then_note(Lang::Vi);

    send(&mut s, &mut r, [Msg::Undo]);
    assert_eq!(
        footer(&s),
        "Đã hoàn tác: xóa ghi chú #1 · u: mở lại IV.1.a.t1 · U: làm lại"
    );
    assert!(stored_notes(&s, &r).is_empty());
    assert!(
        s.status.items[t].done,
        "the first u takes back the note only"
    );

    send(&mut s, &mut r, [Msg::Undo]);
    assert_eq!(
        footer(&s),
        "Đã hoàn tác: mở lại IV.1.a.t1 · hết việc để hoàn tác · U: làm lại"
    );
    assert!(!r.store().item_states(&s.plan).unwrap()[t].done);

    send(&mut s, &mut r, [Msg::Undo]);
    assert_eq!(footer(&s), "Không có gì để hoàn tác");

    send(&mut s, &mut r, [Msg::Redo]);
    assert_eq!(
        footer(&s),
        "Đã làm lại: đánh dấu xong IV.1.a.t1 · u: mở lại IV.1.a.t1 · U: khôi phục ghi chú #1"
    );
    assert!(r.store().item_states(&s.plan).unwrap()[t].done);

    send(&mut s, &mut r, [Msg::Redo]);
    assert_eq!(
        footer(&s),
        "Đã làm lại: khôi phục ghi chú #1 · u: xóa ghi chú #1"
    );
    // The note is back as typed: its text, document number and date, without retyping.
    let notes = stored_notes(&s, &r);
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].id, 1);
    assert_eq!(notes[0].text, "Đã ban hành kế hoạch");
    assert_eq!(notes[0].doc_ref.as_deref(), Some("45/KH-SNV"));
    assert_eq!(notes[0].doc_date, Some(day(2023, 6, 12)));
    assert_eq!(s.notes_of(t).unwrap().len(), 1, "the detail shows it");

    send(&mut s, &mut r, [Msg::Redo]);
    assert_eq!(footer(&s), "Không có gì để làm lại");

    // The audit log tells the story: two undos, then the changes made again.
    let log: Vec<String> = r
        .store()
        .history(None, 6)
        .unwrap()
        .into_iter()
        .map(|h| h.action)
        .collect();
    assert_eq!(
        log,
        [
            "note #1 restore",
            "done",
            "undo reopen",
            "undo note #1 delete",
            "note #1 add",
            "done"
        ]
    );
}

#[test]
fn in_english_the_steps_read_naturally() {
    let (mut s, mut r, _) = done_then_note(Lang::En);
    send(&mut s, &mut r, [Msg::Undo]);
    assert_eq!(
        footer(&s),
        "Undone: note #1 removed. Next u: reopen IV.1.a.t1; U: redo"
    );
    send(&mut s, &mut r, [Msg::Undo]);
    assert_eq!(
        footer(&s),
        "Undone: IV.1.a.t1 reopened. Nothing more to undo; U: redo"
    );
    send(&mut s, &mut r, [Msg::Redo]);
    assert_eq!(
        footer(&s),
        "Redone: IV.1.a.t1 marked done. Next u: reopen IV.1.a.t1; U: bring back note #1"
    );
    send(&mut s, &mut r, [Msg::Redo]);
    assert_eq!(footer(&s), "Redone: note #1 back. Next u: remove note #1");
    send(&mut s, &mut r, [Msg::Redo]);
    assert_eq!(footer(&s), "Nothing to redo");
}

#[test]
fn a_new_change_forgets_what_could_be_redone() {
    let (mut s, mut r, _) = done_then_note(Lang::Vi);
    send(&mut s, &mut r, [Msg::Undo, Msg::Undo]);
    let other = ix(&s, "IV.1.b");
    s.reveal(other);
    send(&mut s, &mut r, [Msg::ToggleDone]);
    send(&mut s, &mut r, [Msg::Redo]);
    assert_eq!(footer(&s), "Không có gì để làm lại");
    assert!(stored_notes(&s, &r).is_empty(), "nothing came back");
    // And u takes back the new change.
    send(&mut s, &mut r, [Msg::Undo]);
    assert!(
        footer(&s).starts_with("Đã hoàn tác: mở lại IV.1.b"),
        "{}",
        footer(&s)
    );
}

#[test]
fn a_deadline_and_an_edited_note_go_back_and_forth() {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, today());
    let t = ix(&s, "IV.2.a");
    s.reveal(t);
    let plan_due = s.status.deadlines[t];
    send(&mut s, &mut r, [Msg::EditDeadline]);
    send(&mut s, &mut r, chars("15/10/2023"));
    send(&mut s, &mut r, [Msg::Submit, Msg::Undo]);
    assert_eq!(s.status.deadlines[t], plan_due);
    assert_eq!(
        footer(&s),
        "Đã hoàn tác: bỏ hạn riêng của IV.2.a · hết việc để hoàn tác · U: làm lại"
    );
    send(&mut s, &mut r, [Msg::Redo]);
    assert_eq!(s.status.deadlines[t], day(2023, 10, 15));
    assert_eq!(
        footer(&s),
        "Đã làm lại: đặt hạn IV.2.a là 15/10/2023 · u: bỏ hạn riêng của IV.2.a"
    );

    // A note, edited: u puts the first text back, U the second.
    send(&mut s, &mut r, [Msg::NewNote]);
    send(&mut s, &mut r, keys("Bản một"));
    send(
        &mut s,
        &mut r,
        [Msg::Submit, Msg::FocusNotes, Msg::EditNote],
    );
    send(&mut s, &mut r, keys(", sửa"));
    send(&mut s, &mut r, [Msg::Submit]);
    let id = stored_notes_of(&s, &r, "IV.2.a")[0].id;
    send(&mut s, &mut r, [Msg::Undo]);
    assert_eq!(r.store().note(id).unwrap().text, "Bản một");
    assert_eq!(
        footer(&s),
        format!("Đã hoàn tác: đưa ghi chú #{id} về “Bản một” · u: xóa ghi chú #{id} · U: làm lại")
    );
    send(&mut s, &mut r, [Msg::Redo]);
    assert_eq!(r.store().note(id).unwrap().text, "Bản một, sửa");
}

fn stored_notes_of(s: &State, r: &Runner, id: &str) -> Vec<kehoach::store::Note> {
    r.store().notes(s.plan.id(), id).unwrap()
}

#[test]
fn redo_leaves_an_item_someone_changed_after_the_undo_and_says_who() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let (mut s, mut r) = start(seeded_file(&db), Lang::Vi, today());
    let mut hung = kehoach::store::Store::open(&db).unwrap();
    let plan = s.plan.id().to_string();
    let t = ix(&s, "IV.2.a");
    s.reveal(t);
    send(&mut s, &mut r, [Msg::EditDeadline]);
    send(&mut s, &mut r, chars("15/10/2023"));
    send(&mut s, &mut r, [Msg::Submit, Msg::Undo]);
    hung.set_deadline(&plan, "IV.2.a", Some(day(2023, 10, 20)), &actor("hung"))
        .unwrap();
    send(&mut s, &mut r, [Msg::Redo]);
    let flash = s.flash.clone().unwrap();
    assert!(flash.error, "{}", flash.text);
    assert!(flash.text.contains("hung"), "{}", flash.text);
    let stored = r.store().item_states(&s.plan).unwrap();
    assert_eq!(stored[t].deadline, Some(day(2023, 10, 20)), "Hùng's stays");
}

#[test]
fn capital_u_and_ctrl_r_redo_wherever_u_undoes() {
    let (mut s, _r) = start(seeded_memory(), Lang::Vi, today());
    let t = ix(&s, "IV.2.a");
    s.reveal(t);
    let press =
        |s: &State, code, mods| kehoach::tui::keys::map(s, &Event::Key(KeyEvent::new(code, mods)));
    let modes = [
        Msg::Back,
        Msg::ShowOverdue,
        Msg::ShowParts,
        Msg::ShowChecklist,
    ];
    for open in modes {
        s.mode = Mode::Tree;
        kehoach::tui::update(&mut s, open.clone());
        let at = format!("{open:?} → {:?}", std::mem::discriminant(&s.mode));
        assert!(
            matches!(
                press(&s, KeyCode::Char('U'), KeyModifiers::SHIFT),
                Some(Msg::Redo)
            ),
            "{at}"
        );
        assert!(
            matches!(
                press(&s, KeyCode::Char('r'), KeyModifiers::CONTROL),
                Some(Msg::Redo)
            ),
            "{at}"
        );
        assert!(
            matches!(
                press(&s, KeyCode::Char('u'), KeyModifiers::NONE),
                Some(Msg::Undo)
            ),
            "{at}"
        );
    }
    // Typing a list's filter, U is a letter.
    s.mode = Mode::Tree;
    kehoach::tui::update(&mut s, Msg::ShowAgencies);
    kehoach::tui::update(&mut s, Msg::StartSearch);
    assert!(matches!(
        press(&s, KeyCode::Char('U'), KeyModifiers::SHIFT),
        Some(Msg::InputChar('U'))
    ));
}

/// Someone else's change, as the loop hands it over.
fn news(who: &str, item: &str) -> Msg {
    Msg::External {
        items: Vec::new(),
        ledger: Default::default(),
        changes: vec![(who.into(), item.into(), "đánh dấu xong".into())],
        restored_by: None,
    }
}

fn flash_now(s: &State) -> Flash {
    s.flash.clone().unwrap()
}

#[test]
fn saved_stays_on_the_footer_while_others_news_waits() {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, today());
    let items = r.store().item_states(&s.plan).unwrap();
    let with_items = |m: Msg| match m {
        Msg::External {
            changes,
            restored_by,
            ledger,
            ..
        } => Msg::External {
            items: items.clone(),
            ledger,
            changes,
            restored_by,
        },
        m => m,
    };
    let t = ix(&s, "IV.2.a");
    s.reveal(t);
    send(&mut s, &mut r, [Msg::Clock(Duration::from_secs(10))]);
    send(&mut s, &mut r, [Msg::ToggleDone]);
    assert_eq!(footer(&s), "Đã lưu: IV.2.a đã xong");
    // Within a second, minh's change arrives: "Đã lưu" stays.
    send(&mut s, &mut r, [Msg::Clock(Duration::from_millis(10_800))]);
    send(&mut s, &mut r, [with_items(news("minh", "III.1.2.6.c1"))]);
    assert_eq!(footer(&s), "Đã lưu: IV.2.a đã xong");
    send(&mut s, &mut r, [Msg::Clock(Duration::from_secs(12))]);
    send(&mut s, &mut r, [with_items(news("hung", "III.1.2.6.c2"))]);
    assert_eq!(footer(&s), "Đã lưu: IV.2.a đã xong");
    // A few seconds on, the newest news takes its place.
    send(&mut s, &mut r, [Msg::Clock(Duration::from_secs(14))]);
    assert_eq!(flash_now(&s).text, "III.1.2.6.c2: hung đánh dấu xong");
    // Nothing held now: news shows at once.
    send(&mut s, &mut r, [with_items(news("minh", "III.1.2.6.c3"))]);
    assert_eq!(footer(&s), "III.1.2.6.c3: minh đánh dấu xong");
    // A change to the very item the user just saved is said at once: "Đã lưu" would now
    // contradict the screen.
    send(&mut s, &mut r, [Msg::ToggleDone]);
    assert!(footer(&s).starts_with("Đã lưu: IV.2.a"), "{}", footer(&s));
    send(&mut s, &mut r, [with_items(news("hung", "IV.2.a"))]);
    assert_eq!(footer(&s), "IV.2.a (mục đang xem): hung đánh dấu xong");
}

#[test]
fn the_next_key_ends_the_wait_and_a_refusal_is_held_too() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let (mut s, mut r) = start(seeded_file(&db), Lang::Vi, today());
    let items = r.store().item_states(&s.plan).unwrap();
    let t = ix(&s, "IV.2.a");
    s.reveal(t);
    send(&mut s, &mut r, [Msg::ToggleDone]);
    let mut hung = kehoach::store::Store::open(&db).unwrap();
    hung.set_done(s.plan.id(), "IV.2.a", false, &actor("hung"))
        .unwrap();
    send(&mut s, &mut r, [Msg::Clock(Duration::from_secs(1))]);
    send(&mut s, &mut r, [Msg::Undo]);
    let refused = flash_now(&s);
    assert!(
        refused.error && refused.text.contains("hung"),
        "{refused:?}"
    );
    send(
        &mut s,
        &mut r,
        [Msg::External {
            items,
            ledger: Default::default(),
            changes: vec![("minh".into(), "IV.3".into(), "đánh dấu xong".into())],
            restored_by: None,
        }],
    );
    assert_eq!(flash_now(&s), refused, "the refusal is not overwritten");
    // The user moves on: they have read it, the news shows.
    send(&mut s, &mut r, [Msg::Down]);
    assert_eq!(footer(&s), "IV.3: minh đánh dấu xong");
}

#[test]
fn a_note_whose_number_was_taken_meanwhile_comes_back_under_a_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let (mut s, mut r) = start(seeded_file(&db), Lang::Vi, today());
    let t = ix(&s, "IV.2.a");
    s.reveal(t);
    send(&mut s, &mut r, [Msg::NewNote]);
    send(&mut s, &mut r, keys("Của Lan"));
    send(&mut s, &mut r, [Msg::Submit, Msg::Undo]);
    // SQLite hands out the highest number again: Hùng's note is #1 now.
    let mut hung = kehoach::store::Store::open(&db).unwrap();
    let his = kehoach::store::NewNote {
        text: "Của Hùng".into(),
        ..Default::default()
    };
    let his_id = hung
        .add_note(s.plan.id(), "IV.2.a", &his, &actor("hung"))
        .unwrap();
    assert_eq!(his_id, 1);
    send(&mut s, &mut r, [Msg::Redo]);
    assert_eq!(
        footer(&s),
        "Đã làm lại: khôi phục ghi chú #2 · u: xóa ghi chú #2"
    );
    let plan = s.plan.id().to_string();
    let texts = |r: &Runner| -> Vec<(i64, String)> {
        let mut v: Vec<_> = r
            .store()
            .notes(&plan, "IV.2.a")
            .unwrap()
            .into_iter()
            .map(|n| (n.id, n.text))
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        texts(&r),
        [(1, "Của Hùng".to_string()), (2, "Của Lan".to_string())]
    );
    // u takes back Lan's note, not Hùng's.
    send(&mut s, &mut r, [Msg::Undo]);
    assert_eq!(texts(&r), [(1, "Của Hùng".to_string())]);
}

#[test]
fn a_message_gives_the_footer_back_after_a_while_but_an_error_stays() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let (mut s, mut r) = start(seeded_file(&db), Lang::Vi, today());
    let t = ix(&s, "IV.2.a");
    s.reveal(t);
    send(&mut s, &mut r, [Msg::Clock(Duration::from_secs(1))]);
    send(&mut s, &mut r, [Msg::ToggleDone]);
    assert_eq!(footer(&s), "Đã lưu: IV.2.a đã xong");
    send(&mut s, &mut r, [Msg::Clock(Duration::from_secs(2))]);
    send(&mut s, &mut r, [Msg::Clock(Duration::from_secs(11))]);
    assert_eq!(
        footer(&s),
        "Đã lưu: IV.2.a đã xong",
        "still within its time"
    );
    // Ten seconds after it showed, the footer says again where the selection is.
    send(&mut s, &mut r, [Msg::Clock(Duration::from_secs(12))]);
    assert!(s.flash.is_none(), "{:?}", s.flash);
    // A refusal is an error: it stays until something replaces it.
    let mut hung = kehoach::store::Store::open(&db).unwrap();
    hung.set_done(s.plan.id(), "IV.2.a", false, &actor("hung"))
        .unwrap();
    send(&mut s, &mut r, [Msg::Undo]);
    let refused = flash_now(&s);
    assert!(refused.error, "{refused:?}");
    send(&mut s, &mut r, [Msg::Clock(Duration::from_secs(13))]);
    send(&mut s, &mut r, [Msg::Clock(Duration::from_secs(90))]);
    assert_eq!(flash_now(&s), refused);
}
