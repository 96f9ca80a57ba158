//! Pop-ups on a projector (issue 10): the editor covers the rows behind it (no piece of the
//! tree or the divider shows beside it), only the focused field shows a cursor, an agency's
//! document is drawn in the order Tab moves (number, date, remark).

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
