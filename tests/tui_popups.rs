//! Pop-ups on a projector (issue 10): the editor covers the rows behind it (no piece of the
//! tree or the divider shows beside it), only the focused field shows a cursor, an agency's
//! document is drawn in the order Tab moves (number, date, remark); help and the detail stop
//! scrolling at their last line, at any size; a note just saved is on screen.

mod common;

use common::*;
use insta::assert_snapshot;
use kehoach::i18n::Lang;
use kehoach::tui::state::{Mode, State};
use kehoach::tui::view::view;
use kehoach::tui::{Msg, effects::Runner};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Position;
use ratatui::style::Modifier;

fn draw(state: &mut State, w: u16, h: u16) -> Terminal<TestBackend> {
    send_resize(state, w, h);
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| view(f, state)).unwrap();
    term
}

fn send_resize(state: &mut State, w: u16, h: u16) {
    kehoach::tui::update(state, Msg::Resize(w, h));
}

fn row(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width)
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect()
}

fn rows(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height).map(|y| row(buf, y)).collect()
}

/// The task with the long text, as a user reaches it.
fn at_task() -> (State, Runner) {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, day(2023, 11, 20));
    let t = ix(&s, "III.1.2.3.c1.t1");
    s.reveal(t);
    send(&mut s, &mut r, [Msg::Down, Msg::Up]);
    (s, r)
}

/// Rows of the pop-up: those its box borders are drawn on. Beside the box, only blanks.
fn assert_nothing_beside_the_box(buf: &Buffer) {
    let lines = rows(buf);
    let boxed: Vec<&String> = lines
        .iter()
        .filter(|l| l.trim().starts_with('│') || l.trim().starts_with('┌'))
        .collect();
    assert!(boxed.len() >= 5, "a pop-up is drawn: {lines:#?}");
    for l in boxed {
        let t = l.trim_end();
        let inside = t.trim_start();
        let left = &t[..t.len() - inside.len()];
        assert!(left.chars().all(|c| c == ' '), "left of the box: {l:?}");
        assert!(
            t.ends_with('│') || t.ends_with('┐') || t.ends_with('┘'),
            "right of the box: {l:?}"
        );
    }
}

#[test]
fn the_note_editor_with_the_number_field_focused_has_one_cursor() {
    for (w, h) in [(80, 24), (60, 20)] {
        let (mut s, mut r) = at_task();
        send(&mut s, &mut r, [Msg::NewNote]);
        send(&mut s, &mut r, keys("Đã niêm yết công khai 100% thủ tục"));
        send(&mut s, &mut r, [Msg::NextField]);
        send(&mut s, &mut r, chars("12/KH-UBND"));
        let mut term = draw(&mut s, w, h);
        let buf = term.backend().buffer().clone();
        assert_nothing_beside_the_box(&buf);
        // No reverse-video block after the note's text: the number field has the cursor.
        let text_y = (0..h)
            .find(|&y| row(&buf, y).contains("Đã niêm yết"))
            .unwrap();
        for x in 0..w {
            assert!(
                !buf[(x, text_y)].modifier.contains(Modifier::REVERSED),
                "a second cursor at {x},{text_y}"
            );
        }
        let field_y = (0..h)
            .find(|&y| row(&buf, y).contains("Số văn bản: 12/KH-UBND"))
            .unwrap();
        let cursor = term.get_cursor_position().unwrap();
        assert_eq!(
            cursor.y, field_y,
            "the terminal's cursor is in the number field"
        );
        let end = row(&buf, field_y).find("12/KH-UBND").unwrap();
        let end = row(&buf, field_y)[..end].chars().count() + "12/KH-UBND".len();
        assert_eq!(cursor, Position::new(end as u16, field_y));
        assert_snapshot!(
            format!("editor_number_field_{w}x{h}"),
            term.backend().to_string()
        );
        // Back in the text, its cursor shows again.
        send(&mut s, &mut r, [Msg::NextField, Msg::NextField]);
        let term = draw(&mut s, w, h);
        let buf = term.backend().buffer();
        assert!(
            (0..w).any(|x| buf[(x, text_y)].modifier.contains(Modifier::REVERSED)),
            "the text's cursor is back"
        );
    }
}

#[test]
fn an_agencys_document_is_drawn_number_date_remark_over_a_cleared_band() {
    for (w, h) in [(80, 24), (60, 20)] {
        let (mut s, mut r) = at_task();
        send(&mut s, &mut r, [Msg::ShowParts]);
        assert!(matches!(s.mode, Mode::Parts { .. }));
        send(&mut s, &mut r, [Msg::NewNote]);
        assert!(matches!(s.mode, Mode::Editor(_)));
        send(&mut s, &mut r, chars("12/KH-VP"));
        let term = draw(&mut s, w, h);
        let buf = term.backend().buffer().clone();
        assert_nothing_beside_the_box(&buf);
        let lines = rows(&buf);
        let at = |needle: &str| lines.iter().position(|l| l.contains(needle)).unwrap();
        assert!(at("Số văn bản: 12/KH-VP") < at("Ngày văn bản:"));
        assert!(at("Ngày văn bản:") < at("Ghi chú:"));
        assert_snapshot!(
            format!("agency_document_{w}x{h}"),
            term.backend().to_string()
        );
    }
}

#[test]
fn help_stops_at_its_last_line_and_after_a_resize() {
    let (mut s, mut r) = at_task();
    send(&mut s, &mut r, [Msg::ShowHelp]);
    send_resize(&mut s, 60, 20);
    for _ in 0..40 {
        send(&mut s, &mut r, [Msg::PageDown]);
    }
    let help = kehoach::i18n::S::HelpBody.get(Lang::Vi);
    let last = help.lines().last().unwrap().trim_end().to_string();
    // Scrolled to the end on a small window, then the window grows: the last line stays at
    // the bottom (or all of help fits, from its title), never above a blank stretch.
    for (w, h) in [(60, 20), (80, 24), (120, 40), (200, 60)] {
        let term = draw(&mut s, w, h);
        let lines = rows(term.backend().buffer());
        let fits = help.lines().count() < usize::from(h) - 5; // with the title
        if fits {
            assert!(lines[3].starts_with("Phím tắt"), "{w}x{h}: {lines:#?}");
        } else {
            let body_last = lines[usize::from(h) - 3].trim_end().to_string();
            // (cut at the window's width)
            assert!(
                body_last.len() > 20 && last.starts_with(&body_last),
                "{w}x{h}: {lines:#?}"
            );
        }
    }
    // Up moves at once: no presses are spent coming back from past the end.
    send_resize(&mut s, 80, 24);
    for _ in 0..40 {
        send(&mut s, &mut r, [Msg::PageDown]);
    }
    let max = kehoach::tui::view::help_max_scroll(&s);
    assert!(max > 0);
    assert!(matches!(s.mode, Mode::Help { scroll } if scroll == max));
    send(&mut s, &mut r, [Msg::Up]);
    assert!(matches!(s.mode, Mode::Help { scroll } if scroll == max - 1));
}

#[test]
fn the_detail_stops_at_its_last_line_and_after_a_resize() {
    let (mut s, mut r) = at_task();
    for (w, h) in [(80, 24), (60, 20), (120, 40)] {
        send_resize(&mut s, w, h);
        for _ in 0..60 {
            send(&mut s, &mut r, [Msg::ScrollDetail(3)]);
        }
        let term = draw(&mut s, w, h);
        let lines = rows(term.backend().buffer());
        // The detail's last line (the notes' "none yet") is on the pane's last row, or the
        // whole detail fits from its first line.
        let last_row = &lines[usize::from(h) - 3];
        assert!(
            last_row.contains("chưa có — nhấn n để ghi")
                || lines[3].contains("III.1.2.3.c1.t1 · Nhiệm vụ"),
            "{w}x{h}: {lines:#?}"
        );
        // One K scrolls back at once.
        let before = s.detail_scroll;
        send(&mut s, &mut r, [Msg::ScrollDetail(-3)]);
        assert!(before == 0 || s.detail_scroll < before);
        send(&mut s, &mut r, [Msg::ScrollDetail(3)]);
    }
    // From a small window scrolled to the end to a large one: nothing blank on top.
    send_resize(&mut s, 60, 20);
    for _ in 0..60 {
        send(&mut s, &mut r, [Msg::ScrollDetail(3)]);
    }
    let term = draw(&mut s, 200, 60);
    let lines = rows(term.backend().buffer());
    assert!(
        lines
            .iter()
            .any(|l| l.contains("III.1.2.3.c1.t1 · Nhiệm vụ")),
        "the whole detail fits, from its first line: {lines:#?}"
    );
}

#[test]
fn a_note_just_saved_is_on_screen_in_the_detail() {
    let (mut s, mut r) = at_task();
    send(&mut s, &mut r, [Msg::NewNote]);
    send(&mut s, &mut r, keys("Đã ban hành quy chế phối hợp"));
    send(&mut s, &mut r, [Msg::NextField]);
    send(&mut s, &mut r, chars("45/KH-VP"));
    send(&mut s, &mut r, [Msg::Submit]);
    assert!(matches!(s.mode, Mode::Tree));
    // The detail is scrolled down to the note, below the task's long text (the note's
    // time is the clock's, so this screen is not a snapshot).
    assert!(s.detail_scroll > 0);
    for (w, h) in [(80, 24), (60, 20)] {
        send_resize(&mut s, w, h);
        s.detail_scroll = 0;
        send(&mut s, &mut r, [Msg::NewNote]);
        send(&mut s, &mut r, keys(&format!("Ghi chú ở {w}×{h}")));
        send(&mut s, &mut r, [Msg::Submit]);
        let term = draw(&mut s, w, h);
        let lines = rows(term.backend().buffer());
        let head = lines
            .iter()
            .position(|l| l.starts_with("#") && l.contains("· lan"))
            .unwrap_or_else(|| panic!("{w}x{h}: {lines:#?}"));
        assert!(
            lines[head + 1].contains(&format!("Ghi chú ở {w}×{h}")),
            "{w}x{h}: {lines:#?}"
        );
        assert!(head + 1 < usize::from(h) - 2, "above the footer");
    }
}
