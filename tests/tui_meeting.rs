//! The interactive view in a meeting (issue 10), driven by messages with a real database
//! behind it: a paste is text and never commands, nothing typed is lost, a tiny terminal
//! ignores keys, and the lists can be filtered and worked through.

mod common;

use common::*;
use kehoach::i18n::Lang;
use kehoach::tui::keys;
use kehoach::tui::state::Mode;
use kehoach::tui::{Msg, State, update};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn today() -> chrono::NaiveDate {
    day(2023, 11, 20)
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn editor_text(s: &State) -> String {
    match &s.mode {
        Mode::Editor(e) => e.text.lines().join("\n"),
        other => panic!("not in the editor: {other:?}"),
    }
}

// ── A paste is text ────────────────────────────────────────────────────────────────────

#[test]
fn a_bracketed_paste_is_text_in_every_input_composed_and_without_controls() {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, today());
    let t = ix(&s, "III.1.2.4.c1.t2");
    s.reveal(t);
    send(&mut s, &mut r, [Msg::NewNote]);
    // Decomposed marks, a carriage-return line end, an escape sequence and a tab.
    let nfd = "Ðã ho\u{0323}p\r\nx q\u{1b}[2J\tD";
    send(&mut s, &mut r, [Msg::Paste(nfd.into())]);
    assert_eq!(editor_text(&s), "Ðã họp\nx q[2J D");
    send(
        &mut s,
        &mut r,
        [Msg::NextField, Msg::Paste("45/KH\nUBND\u{7}".into())],
    );
    let Mode::Editor(e) = &s.mode else { panic!() };
    assert_eq!(e.doc_ref, "45/KH UBND");
    send(&mut s, &mut r, [Msg::Submit]);
    let notes = r.store().notes(s.plan.id(), "III.1.2.4.c1.t2").unwrap();
    assert_eq!(notes[0].text, "Ðã họp\nx q[2J D");
    assert!(!s.status.items[t].done, "the pasted x is text, not a key");

    // The deadline prompt and the search line take a paste on one line.
    send(
        &mut s,
        &mut r,
        [Msg::EditDeadline, Msg::Paste("\u{1b}15/12/2023\n".into())],
    );
    let Mode::Deadline(d) = &s.mode else { panic!() };
    assert!(d.input.ends_with("15/12/2023") && !d.input.contains('\u{1b}'));
    send(&mut s, &mut r, [Msg::Back, Msg::StartSearch]);
    send(&mut s, &mut r, [Msg::Paste("giai\nngan".into())]);
    let Mode::Search(q) = &s.mode else { panic!() };
    assert_eq!(q.query, "giai ngan");
}

#[test]
fn a_paste_outside_an_input_does_nothing_and_says_so() {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, today());
    let t = ix(&s, "III.1.2.4.c1.t2");
    s.reveal(t);
    send(&mut s, &mut r, [Msg::Paste("x\nq\n".into())]);
    assert!(matches!(s.mode, Mode::Tree));
    assert!(!s.quit && !s.status.items[t].done);
    assert!(s.flash.as_ref().unwrap().text.contains("bỏ qua đoạn dán"));
}

#[test]
fn keys_read_as_pasted_text_are_characters_and_line_breaks_only() {
    let text: String = [
        key(KeyCode::Char('x')),
        key(KeyCode::Enter),
        key(KeyCode::Char('q')),
        key(KeyCode::Esc),
        key(KeyCode::Up),
        Event::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL)),
        key(KeyCode::Char('ạ')),
        Event::Paste("tiếp".into()),
    ]
    .iter()
    .filter_map(keys::pasted_text)
    .collect();
    assert_eq!(text, "x\nq\nạtiếp");
}

#[test]
fn the_rest_of_a_paste_after_a_saved_note_becomes_a_new_note_kept_as_a_draft() {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, today());
    let t = ix(&s, "III.1.2.4.c1.t2");
    s.reveal(t);
    send(&mut s, &mut r, [Msg::NewNote]);
    send(&mut s, &mut r, keys("Dòng một"));
    let before = s.accepted.count;
    send(&mut s, &mut r, [Msg::Submit]);
    assert_eq!(s.accepted.count, before + 1, "Enter accepted the note");
    assert_eq!(s.accepted.note_on, Some(t));
    // What the loop found waiting right after that Enter.
    send(&mut s, &mut r, [Msg::PasteRest("x\na ubnd\nq\n".into())]);
    assert_eq!(editor_text(&s), "x\na ubnd\nq");
    assert!(!s.quit && !s.status.items[t].done);
    assert!(s.flash.as_ref().unwrap().text.contains("ghi chú mới"));
    let drafts = r.store().drafts(USER).unwrap();
    assert_eq!(drafts.len(), 1, "kept at once");
    assert_eq!(drafts[0].note.text, "x\na ubnd\nq");
    let notes = r.store().notes(s.plan.id(), "III.1.2.4.c1.t2").unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "Dòng một");
    // Enter saves the rest as the second note and forgets the draft.
    send(&mut s, &mut r, [Msg::Submit]);
    assert_eq!(
        r.store()
            .notes(s.plan.id(), "III.1.2.4.c1.t2")
            .unwrap()
            .len(),
        2
    );
    assert!(r.store().drafts(USER).unwrap().is_empty());
}

#[test]
fn the_rest_of_a_paste_after_an_agency_document_is_dropped_with_a_message() {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, today());
    let t = ix(&s, "III.1.2.3.c1.t2");
    s.reveal(t);
    send(&mut s, &mut r, [Msg::ShowParts, Msg::NewNote]);
    send(&mut s, &mut r, chars("45/KH-UBND"));
    let before = s.accepted.count;
    send(&mut s, &mut r, [Msg::Submit]);
    assert_eq!(s.accepted.count, before + 1);
    assert_eq!(s.accepted.note_on, None);
    let Mode::Parts { list, .. } = &s.mode else {
        panic!("back in the parts list")
    };
    let row = list.sel;
    let ledger = format!("{:?}", r.store().ledger(&s.plan).unwrap());
    send(&mut s, &mut r, [Msg::PasteRest("jjx\nq".into())]);
    let Mode::Parts { list, .. } = &s.mode else {
        panic!("still the parts list")
    };
    assert_eq!(list.sel, row, "j did not move");
    assert!(!s.quit);
    assert_eq!(
        format!("{:?}", r.store().ledger(&s.plan).unwrap()),
        ledger,
        "x recorded nothing"
    );
    let flash = s.flash.clone().unwrap();
    assert!(
        flash.error && flash.text.contains("5 ký tự"),
        "{}",
        flash.text
    );
    // A rest that is only line ends is nothing to keep.
    s.flash = None;
    send(&mut s, &mut r, [Msg::PasteRest("\n\n".into())]);
    assert!(s.flash.is_none());
}

#[test]
fn enter_in_the_search_line_counts_as_no_paste() {
    // A fast typist's `/giai ngan` Enter `n` is a search, then a note.
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, today());
    let before = s.accepted;
    send(&mut s, &mut r, [Msg::StartSearch]);
    send(&mut s, &mut r, chars("giai ngan"));
    send(&mut s, &mut r, [Msg::Submit]);
    assert_eq!(s.accepted, before);
}

// ── Nothing typed is lost ──────────────────────────────────────────────────────────────

fn screen(s: &mut State, w: u16, h: u16) -> String {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let _ = update(s, Msg::Resize(w, h));
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| kehoach::tui::view::view(f, s)).unwrap();
    term.backend().to_string()
}

#[test]
fn n_after_esc_reopens_the_draft_every_time_and_esc_never_deletes_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, mut r) = start(seeded_file(&dir.path().join("k.db")), Lang::Vi, today());
    let t = ix(&s, "IV.2.a");
    s.reveal(t);
    send(&mut s, &mut r, [Msg::NewNote]);
    send(&mut s, &mut r, keys("Đang tổng hợp"));
    send(&mut s, &mut r, [Msg::Back]);
    assert_eq!(
        s.flash.as_ref().unwrap().text,
        "Đã đóng; bản nháp được giữ (n để viết tiếp)"
    );
    for round in 0..3 {
        send(&mut s, &mut r, [Msg::NewNote]);
        assert_eq!(editor_text(&s), "Đang tổng hợp", "round {round}");
        assert!(s.flash.as_ref().unwrap().text.contains("mở lại"));
        // Esc without typing: the draft stays, in the store too.
        send(&mut s, &mut r, [Msg::Back]);
        let drafts = r.store().drafts(USER).unwrap();
        assert_eq!(drafts.len(), 1, "round {round}");
        assert_eq!(drafts[0].note.text, "Đang tổng hợp");
    }
    // Typing on, Esc, n: the longer text.
    send(&mut s, &mut r, [Msg::NewNote]);
    send(&mut s, &mut r, keys(" báo cáo"));
    send(&mut s, &mut r, [Msg::Back, Msg::NewNote]);
    assert_eq!(editor_text(&s), "Đang tổng hợp báo cáo");
    // Another item's editor is empty, and Esc there leaves this draft alone.
    send(&mut s, &mut r, [Msg::Back, Msg::Down, Msg::NewNote]);
    assert_eq!(editor_text(&s), "");
    send(&mut s, &mut r, [Msg::Back, Msg::Up]);
    assert_eq!(r.store().drafts(USER).unwrap().len(), 1);
    // Enter saves it and only then is it forgotten.
    send(&mut s, &mut r, [Msg::NewNote, Msg::Submit]);
    assert!(r.store().drafts(USER).unwrap().is_empty());
    send(&mut s, &mut r, [Msg::NewNote]);
    assert_eq!(editor_text(&s), "", "a saved draft does not come back");
}

#[test]
fn erasing_a_draft_by_hand_then_esc_forgets_it() {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, today());
    let t = ix(&s, "IV.2.a");
    s.reveal(t);
    send(&mut s, &mut r, [Msg::NewNote]);
    send(&mut s, &mut r, keys("ab"));
    send(&mut s, &mut r, [Msg::Back, Msg::NewNote]);
    let bs = Msg::EditorKey(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
    send(&mut s, &mut r, [bs.clone(), bs, Msg::Back]);
    assert!(r.store().drafts(USER).unwrap().is_empty());
    send(&mut s, &mut r, [Msg::NewNote]);
    assert_eq!(editor_text(&s), "");
}

#[test]
fn a_refused_deadline_keeps_the_prompt_its_text_and_the_reason() {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, today());
    let t = ix(&s, "IV.2.a");
    s.reveal(t);
    send(&mut s, &mut r, [Msg::EditDeadline]);
    let Mode::Deadline(d) = &mut s.mode else {
        panic!()
    };
    d.input.clear();
    // The write is asked for; the store refuses it (another process holds the lock).
    let fx = update(&mut s, Msg::InputChar('1'));
    assert!(fx.is_empty());
    send(&mut s, &mut r, chars("5/12/2023"));
    let fx = update(&mut s, Msg::Submit);
    let [kehoach::tui::Effect::Write { change, .. }] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert!(matches!(s.mode, Mode::Deadline(_)), "open while saving");
    let _ = update(
        &mut s,
        Msg::Failed {
            change: change.clone(),
            error: "cơ sở dữ liệu đang bị khóa".into(),
        },
    );
    let Mode::Deadline(d) = &s.mode else {
        panic!("the prompt stays open")
    };
    assert_eq!(d.input, "15/12/2023");
    assert!(d.error.as_deref().unwrap().contains("đang bị khóa"));
    let shown = screen(&mut s, 80, 24);
    assert!(shown.contains("15/12/2023"), "{shown}");
    assert!(
        shown.contains("CHƯA LƯU: cơ sở dữ liệu đang bị khóa"),
        "{shown}"
    );
    // Enter again, now that the store takes it: saved, and the prompt closes.
    send(&mut s, &mut r, [Msg::Submit]);
    assert!(matches!(s.mode, Mode::Tree));
    assert_eq!(s.status.items[t].deadline, Some(day(2023, 12, 15)));
}

#[test]
fn after_a_resize_the_note_editor_shows_its_first_line() {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, today());
    let t = ix(&s, "IV.2.a");
    s.reveal(t);
    send(&mut s, &mut r, [Msg::NewNote]);
    send(&mut s, &mut r, keys("dòng một\\"));
    send(&mut s, &mut r, [Msg::Submit]);
    send(&mut s, &mut r, keys("dòng hai\\"));
    send(&mut s, &mut r, [Msg::Submit]);
    send(&mut s, &mut r, keys("dòng ba"));
    // At 40×10 the editor has one line of text: it shows the cursor's.
    let small = screen(&mut s, 40, 10);
    assert!(small.contains("dòng ba"), "{small}");
    let big = screen(&mut s, 80, 24);
    for line in ["dòng một", "dòng hai", "dòng ba"] {
        assert!(big.contains(line), "{line} hidden after the resize:\n{big}");
    }
    let Mode::Editor(e) = &s.mode else { panic!() };
    assert_eq!(e.text.cursor(), (2, "dòng ba".chars().count()));
}

// ── A tiny terminal ────────────────────────────────────────────────────────────────────

#[test]
fn below_40x10_only_resize_q_and_ctrl_c_do_anything() {
    let (mut s, _r) = start(seeded_memory(), Lang::Vi, today());
    let _ = update(&mut s, Msg::Resize(39, 24));
    for ev in [
        key(KeyCode::Char('j')),
        key(KeyCode::Char('n')),
        key(KeyCode::Char(' ')),
        key(KeyCode::Enter),
        key(KeyCode::Esc),
        key(KeyCode::Char('/')),
        Event::Paste("x\nq".into()),
    ] {
        assert!(keys::map(&s, &ev).is_none(), "{ev:?} acted at 39×24");
    }
    assert!(matches!(
        keys::map(&s, &key(KeyCode::Char('q'))),
        Some(Msg::Quit)
    ));
    let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert!(matches!(keys::map(&s, &ctrl_c), Some(Msg::Quit)));
    assert!(matches!(
        keys::map(&s, &Event::Resize(80, 24)),
        Some(Msg::Resize(80, 24))
    ));
    // 40×9 is as small; 40×10 is enough.
    let _ = update(&mut s, Msg::Resize(40, 9));
    assert!(keys::map(&s, &key(KeyCode::Char('j'))).is_none());
    let _ = update(&mut s, Msg::Resize(40, 10));
    assert!(matches!(
        keys::map(&s, &key(KeyCode::Char('j'))),
        Some(Msg::Down)
    ));
}

// ── Lists you can work through ─────────────────────────────────────────────────────────

/// Keys as a person presses them: through the keymap, then `update`.
fn press(s: &mut State, r: &mut kehoach::tui::effects::Runner, typed: &str) {
    for c in typed.chars() {
        let ev = match c {
            '⏎' => key(KeyCode::Enter),
            '⎋' => key(KeyCode::Esc),
            '↓' => key(KeyCode::Down),
            c => key(KeyCode::Char(c)),
        };
        if let Some(m) = keys::map(s, &ev) {
            send(s, r, [m]);
        }
    }
}

fn agency_at_sel(s: &State) -> String {
    let keys = s.mode.row_keys();
    let sel = s.mode.list().unwrap().sel;
    s.plan.agencies.get(keys[sel]).id.clone()
}

#[test]
fn letters_in_a_list_never_open_another_view_and_slash_filters_without_diacritics() {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, day(2023, 12, 1));
    press(&mut s, &mut r, "a");
    let all = s.mode.row_keys().len();
    // Typed without `/`: o, a, c, m, s do nothing here; the list says how to filter.
    press(&mut s, &mut r, "so noi cam");
    assert!(matches!(s.mode, Mode::Agencies { .. }), "{:?}", s.mode);
    assert_eq!(s.mode.row_keys().len(), all);
    assert!(s.flash.as_ref().unwrap().text.contains("/ để lọc"));
    press(&mut s, &mut r, "/so noi vu");
    assert!(s.mode.list().unwrap().typing);
    assert_eq!(s.mode.row_keys().len(), 1);
    assert_eq!(agency_at_sel(&s), "snv");
    // Enter keeps the filter and gives the keys back; Enter again filters the tree.
    press(&mut s, &mut r, "⏎");
    assert!(!s.mode.list().unwrap().typing);
    assert_eq!(s.mode.list().unwrap().query, "so noi vu");
    press(&mut s, &mut r, "⏎");
    assert!(matches!(s.mode, Mode::Tree));
    let snv = s.plan.agencies.by_id("snv").unwrap();
    assert_eq!(s.filter.as_ref().unwrap().agency, snv);
    // Esc goes back to the list it came from, on the same row with the same filter.
    press(&mut s, &mut r, "⎋");
    assert!(matches!(s.mode, Mode::Agencies { .. }));
    assert!(s.filter.is_none(), "the filter Enter set is gone");
    assert_eq!(agency_at_sel(&s), "snv");
    assert_eq!(s.mode.list().unwrap().query, "so noi vu");
    // Esc clears the list's filter first, then leaves.
    press(&mut s, &mut r, "⎋");
    assert_eq!(s.mode.row_keys().len(), all);
    assert_eq!(agency_at_sel(&s), "snv", "still on the same agency");
    press(&mut s, &mut r, "⎋");
    assert!(matches!(s.mode, Mode::Tree));
    // And Esc in the tree now clears nothing more and opens nothing.
    press(&mut s, &mut r, "⎋");
    assert!(matches!(s.mode, Mode::Tree));
}

#[test]
fn the_parts_list_the_checklist_and_the_matrix_filter_too() {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, day(2023, 7, 10));
    let t = ix(&s, "III.1.2.3.c1.t2");
    s.reveal(t);
    for (open, expect) in [("s", 1), ("c", 1), ("m", 1)] {
        press(&mut s, &mut r, open);
        assert!(s.mode.list().is_some(), "{open}");
        press(&mut s, &mut r, "/cao loc");
        assert_eq!(s.mode.row_keys().len(), expect, "{open}");
        assert_eq!(agency_at_sel(&s), "ubnd-cao-loc", "{open}");
        // Letters typed into the filter are text: x marks nothing, m opens nothing.
        press(&mut s, &mut r, "xm");
        assert!(s.mode.list().unwrap().typing);
        assert_eq!(s.mode.row_keys().len(), 0, "{open}");
        press(&mut s, &mut r, "⎋⎋");
        assert!(matches!(s.mode, Mode::Tree), "{open}");
    }
    assert!(r.store().ledger(&s.plan).unwrap().mark(t, 0).is_none());
}

#[test]
fn the_overdue_list_is_worked_through_in_place_and_keeps_its_row() {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, day(2023, 12, 1));
    press(&mut s, &mut r, "o");
    let rows = s.mode.row_keys();
    assert!(rows.len() > 5);
    // Space marks the selected task done: it leaves the list and the next one is selected.
    press(&mut s, &mut r, "↓↓ ");
    assert!(s.status.items[rows[2]].done);
    assert_eq!(s.mode.list().unwrap().sel, 2);
    assert_eq!(s.mode.row_keys()[2], rows[3]);
    assert!(s.flash.as_ref().unwrap().text.contains("đã xong"));
    // n writes a note on the selected task and comes back to the list.
    press(&mut s, &mut r, "n");
    let Mode::Editor(e) = &s.mode else {
        panic!("{:?}", s.mode)
    };
    assert_eq!(e.item, rows[3]);
    send(&mut s, &mut r, keys("Đã đôn đốc"));
    send(&mut s, &mut r, [Msg::Submit]);
    assert!(matches!(s.mode, Mode::Overdue { .. }), "back to the list");
    assert_eq!(s.mode.list().unwrap().sel, 2);
    assert_eq!(
        r.store()
            .notes(s.plan.id(), &s.plan.node(rows[3]).id)
            .unwrap()
            .len(),
        1
    );
    // Enter opens the item; Esc comes back to the list, on the same row.
    press(&mut s, &mut r, "↓⏎");
    assert!(matches!(s.mode, Mode::Tree));
    assert_eq!(s.selected, rows[4]);
    press(&mut s, &mut r, "⎋");
    assert!(matches!(s.mode, Mode::Overdue { .. }));
    assert_eq!(s.mode.row_keys()[s.mode.list().unwrap().sel], rows[4]);
    // Leaving with Esc and coming back with o: the same row again.
    press(&mut s, &mut r, "⎋o");
    assert_eq!(s.mode.row_keys()[s.mode.list().unwrap().sel], rows[4]);
    // u takes back the last change from the list too.
    press(&mut s, &mut r, "uu");
    assert!(!s.status.items[rows[2]].done);
}

// ── Screens ────────────────────────────────────────────────────────────────────────────

#[test]
fn screen_agencies_filtered_as_typed_80x24() {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, day(2023, 12, 1));
    press(&mut s, &mut r, "a/so n");
    insta::assert_snapshot!(screen(&mut s, 80, 24));
}

#[test]
fn screen_deadline_refused_80x24() {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, today());
    let t = ix(&s, "IV.2.a");
    s.reveal(t);
    send(&mut s, &mut r, [Msg::Down, Msg::Up, Msg::EditDeadline]);
    send(&mut s, &mut r, chars("15/12/2023"));
    let fx = update(&mut s, Msg::Submit);
    let [kehoach::tui::Effect::Write { change, .. }] = &fx[..] else {
        panic!("{fx:?}")
    };
    let _ = update(
        &mut s,
        Msg::Failed {
            change: change.clone(),
            error: "cơ sở dữ liệu đang bận: một kehoach khác giữ khóa quá 5 giây".into(),
        },
    );
    insta::assert_snapshot!(screen(&mut s, 80, 24));
}

#[test]
fn screen_linux_console_ascii_80x24() {
    assert!(kehoach::tui::view::ascii::needed("linux"));
    assert!(!kehoach::tui::view::ascii::needed("xterm-256color"));
    assert!(!kehoach::tui::view::ascii::needed("screen"));
    let mut store = seeded_memory();
    store
        .set_done("lang-son-2023", "III.1.2.3.c1.t1", true, &actor(USER))
        .unwrap();
    let (mut s, mut r) = start(store, Lang::Vi, today());
    let t = ix(&s, "III.1.2.3.c1.t1");
    s.reveal(t);
    send(&mut s, &mut r, [Msg::Down, Msg::Up]);
    s.ascii = true;
    let shown = screen(&mut s, 80, 24);
    for glyph in ['▾', '▸', '✓', '␣', '░', '█', '▏', '─', '…', '○'] {
        assert!(
            !shown.contains(glyph),
            "{glyph} drawn on the console:\n{shown}"
        );
    }
    insta::assert_snapshot!(shown);
}

// ── Search ranks whole words first and marks them ──────────────────────────────────────

#[test]
fn search_ranks_whole_words_first_counts_them_and_underlines_them() {
    use ratatui::style::Modifier;
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, today());
    send(&mut s, &mut r, [Msg::StartSearch]);
    send(&mut s, &mut r, chars("giai ngan"));
    let Mode::Search(q) = &s.mode else { panic!() };
    assert!(q.hits.len() > 5, "{}", q.hits.len());
    assert!(q.whole >= 1 && q.whole < q.hits.len(), "{}", q.whole);
    // Every whole-word hit comes before every other one.
    let words = vec!["giai".to_string(), "ngan".to_string()];
    let tiers: Vec<u8> = q
        .hits
        .iter()
        .map(|&ix| {
            let f = s.plan.folded(ix);
            kehoach::tui::matching::tier(&f.title, &words)
                .max(kehoach::tui::matching::tier(&f.text, &words))
        })
        .collect();
    assert!(tiers[..q.whole].iter().all(|&t| t > 0), "{tiers:?}");
    assert!(tiers[q.whole..].iter().all(|&t| t == 0), "{tiers:?}");
    assert_eq!(s.plan.node(s.selected).id, "III.1.2.6.c1");
    // The selected row's "giải ngân" is underlined; the footer says how many are whole.
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    term.draw(|f| kehoach::tui::view::view(f, &s)).unwrap();
    let buf = term.backend().buffer().clone();
    let row = (0..24u16)
        .find(|&y| {
            (0..80u16)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                .contains("giải ngân")
        })
        .expect("a row with giải ngân");
    let line: Vec<(String, bool)> = (0..80u16)
        .map(|x| {
            let c = &buf[(x, row)];
            (
                c.symbol().to_string(),
                c.modifier.contains(Modifier::UNDERLINED),
            )
        })
        .collect();
    let marked: String = line
        .iter()
        .filter(|(_, u)| *u)
        .map(|(c, _)| c.as_str())
        .collect();
    assert!(marked.contains("giảingân"), "{marked:?}");
    let shown = screen(&mut s, 80, 24);
    assert!(shown.contains("khớp trọn từ"), "{shown}");
}

#[test]
fn it_starts_on_the_first_item_that_needs_attention() {
    // 20/11/2023: the 30/06 plans are overdue.
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, today());
    send(&mut s, &mut r, [Msg::Started]);
    assert_eq!(s.plan.node(s.selected).id, "IV.1.a.t1");
    assert!(s.rows.contains(&s.selected));
    // 01/06/2023: nothing is overdue; the task due next.
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, day(2023, 6, 1));
    send(&mut s, &mut r, [Msg::Started]);
    assert_eq!(s.plan.node(s.selected).id, "IV.1.a.t1");
    // Once it is done, the first task due 30/11.
    let mut store = seeded_memory();
    store
        .set_done("lang-son-2023", "IV.1.a.t1", true, &actor(USER))
        .unwrap();
    let (mut s, mut r) = start(store, Lang::Vi, day(2023, 7, 1));
    send(&mut s, &mut r, [Msg::Started]);
    let first = s.selected;
    assert!(s.plan.node(first).is_task());
    assert_eq!(s.status.deadlines[first], day(2023, 11, 30));
}

#[test]
fn an_enter_in_a_burst_is_a_new_line_in_the_note_and_a_lone_enter_saves() {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, today());
    let t = ix(&s, "IV.2.a");
    s.reveal(t);
    send(&mut s, &mut r, [Msg::NewNote]);
    send(&mut s, &mut r, keys("Dòng một"));
    let enter = key(KeyCode::Enter);
    // Read together with other keys (a paste without brackets): a line break.
    let m = keys::map_burst(&s, &enter, true).unwrap();
    assert!(matches!(m, Msg::EditorKey(_)), "{m:?}");
    send(&mut s, &mut r, [m]);
    send(&mut s, &mut r, keys("x"));
    assert_eq!(editor_text(&s), "Dòng một\nx");
    // Alone: it saves.
    let m = keys::map_burst(&s, &enter, false).unwrap();
    assert!(matches!(m, Msg::Submit), "{m:?}");
    // The number field has no lines: there Enter saves even in a burst.
    send(&mut s, &mut r, [Msg::NextField]);
    assert!(matches!(
        keys::map_burst(&s, &enter, true),
        Some(Msg::Submit)
    ));
    // Outside the editor a burst changes nothing.
    send(&mut s, &mut r, [Msg::Back, Msg::Back]);
    assert!(matches!(
        keys::map_burst(&s, &enter, true),
        Some(Msg::Activate)
    ));
}
