//! The interface's own terminal backend (`src/tui/backend.rs`) cuts the bytes it sends; this
//! replays real sessions through it into a terminal emulator (vt100) and checks, after every
//! frame, that each cell the emulator shows has the frame's text, colours and attributes. So
//! cutting bytes can never leave a wrong screen. It also prints what the first moves cost.

mod common;

use common::*;
use kehoach::i18n::Lang;
use kehoach::tui::backend::LeanBackend;
use kehoach::tui::state::State;
use kehoach::tui::view::view;
use kehoach::tui::{Msg, effects::Runner};
use ratatui::Terminal;
use ratatui::buffer::Buffer;
use ratatui::layout::Size;
use ratatui::style::{Color, Modifier};

struct Emulated {
    term: Terminal<LeanBackend<Vec<u8>>>,
    vt: vt100::Parser,
}

impl Emulated {
    fn new(w: u16, h: u16) -> Emulated {
        Emulated {
            term: Terminal::new(LeanBackend::detached(Vec::new(), Size::new(w, h))).unwrap(),
            vt: vt100::Parser::new(h, w, 0),
        }
    }

    /// Draw the state as the program does, feed the bytes to the emulator, compare; the
    /// bytes sent.
    fn draw(&mut self, state: &State, what: &str) -> Vec<u8> {
        let frame = self.term.draw(|f| view(f, state)).unwrap().buffer.clone();
        let bytes = std::mem::take(self.term.backend_mut().writer_mut());
        self.vt.process(&bytes);
        if let Some(diff) = first_difference(&frame, self.vt.screen()) {
            panic!("after {what}: {diff}");
        }
        bytes
    }
}

fn vt_colour(c: Color) -> vt100::Color {
    match c {
        Color::Reset => vt100::Color::Default,
        Color::Black => vt100::Color::Idx(0),
        Color::Red => vt100::Color::Idx(1),
        Color::Green => vt100::Color::Idx(2),
        Color::Yellow => vt100::Color::Idx(3),
        Color::Blue => vt100::Color::Idx(4),
        Color::Magenta => vt100::Color::Idx(5),
        Color::Cyan => vt100::Color::Idx(6),
        Color::Gray => vt100::Color::Idx(7),
        Color::DarkGray => vt100::Color::Idx(8),
        Color::LightRed => vt100::Color::Idx(9),
        Color::LightGreen => vt100::Color::Idx(10),
        Color::LightYellow => vt100::Color::Idx(11),
        Color::LightBlue => vt100::Color::Idx(12),
        Color::LightMagenta => vt100::Color::Idx(13),
        Color::LightCyan => vt100::Color::Idx(14),
        Color::White => vt100::Color::Idx(15),
        Color::Indexed(i) => vt100::Color::Idx(i),
        Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
    }
}

/// Where the emulated screen and the frame first differ, in words.
fn first_difference(frame: &Buffer, screen: &vt100::Screen) -> Option<String> {
    let area = frame.area;
    for y in 0..area.height {
        for x in 0..area.width {
            let want = &frame[(x, y)];
            let got = screen.cell(y, x).expect("cell on screen");
            if got.is_wide_continuation() {
                continue;
            }
            let text = if want.symbol() == " " {
                ""
            } else {
                want.symbol()
            };
            let got_text = got.contents();
            let got_text = if got_text == " " { "" } else { &got_text };
            let m = want.modifier;
            let same = text == got_text
                && vt_colour(want.fg) == got.fgcolor()
                && vt_colour(want.bg) == got.bgcolor()
                && m.contains(Modifier::BOLD) == got.bold()
                && m.contains(Modifier::ITALIC) == got.italic()
                && m.contains(Modifier::UNDERLINED) == got.underline()
                && m.contains(Modifier::REVERSED) == got.inverse();
            if !same {
                return Some(format!(
                    "cell ({x},{y}): frame {:?} {:?}/{:?} {:?}, screen {:?} {:?}/{:?} bold {} \
                     underline {} inverse {}",
                    want.symbol(),
                    want.fg,
                    want.bg,
                    want.modifier,
                    got.contents(),
                    got.fgcolor(),
                    got.bgcolor(),
                    got.bold(),
                    got.underline(),
                    got.inverse()
                ));
            }
        }
    }
    None
}

/// The database of the README's screens: a task done, one with a note, late tasks.
fn session(lang: Lang) -> (State, Runner) {
    let mut store = seeded_memory();
    let a = actor(USER);
    store
        .set_done("lang-son-2023", "III.1.2.3.c1.t1", true, &a)
        .unwrap();
    start(store, lang, day(2023, 12, 1))
}

fn step(state: &mut State, runner: &mut Runner, msg: Msg) {
    send(state, runner, [msg]);
    state.keep_visible();
}

#[test]
fn every_frame_of_a_session_reaches_the_screen_exactly() {
    for (w, h) in [(80, 24), (120, 40), (41, 10)] {
        let (mut s, mut r) = session(Lang::Vi);
        s.size = (w, h);
        s.keep_visible();
        let mut t = Emulated::new(w, h);
        t.draw(&s, "the first frame");
        let moves = [
            Msg::Down,
            Msg::Down,
            Msg::Down,
            Msg::Up,
            Msg::PageDown,
            Msg::Down,
            Msg::Collapse,
            Msg::Expand,
            Msg::PageUp,
            Msg::Top,
            Msg::Down,
            Msg::ToggleDone,
            Msg::Down,
            Msg::Bottom,
            Msg::Up,
            Msg::Parent,
            Msg::ShowOverdue,
            Msg::Down,
            Msg::Back,
            Msg::ShowMatrix,
            Msg::Down,
            Msg::Back,
            Msg::ShowHelp,
            Msg::Back,
            Msg::StartSearch,
            Msg::InputChar('g'),
            Msg::InputChar('i'),
            Msg::InputChar('a'),
            Msg::InputChar('i'),
            Msg::Down,
            Msg::Back,
        ];
        for (i, m) in moves.into_iter().enumerate() {
            let what = format!("{m:?} (step {}) at {w}×{h}", i + 1);
            step(&mut s, &mut r, m);
            t.draw(&s, &what);
        }
    }
}

#[test]
fn a_move_down_sends_at_most_three_quarters_more_than_the_text_that_changes() {
    // As `cargo bench` measures it in tmux: a fresh database, as of 20/11/2023.
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, day(2023, 11, 20));
    let mut t = Emulated::new(80, 24);
    let mut before = t.draw(&s, "the first frame");
    println!("first frame: {} bytes", before.len());
    let mut screen = t.vt.screen().clone();
    for n in 1..=2 {
        step(&mut s, &mut r, Msg::Down);
        before = t.draw(&s, "a move down");
        let after = t.vt.screen().clone();
        let (mut cells, mut floor) = (0, 0);
        for y in 0..24 {
            for x in 0..80 {
                // A blank cell is one space, written or cleared.
                let text = |s: &vt100::Screen| match s.cell(y, x).unwrap().contents() {
                    t if t.is_empty() => " ".to_string(),
                    t => t,
                };
                let (a, b) = (text(&screen), text(&after));
                if a != b {
                    cells += 1;
                    floor += b.len();
                }
            }
        }
        println!(
            "move down #{n}: {} bytes, {cells} cells changed ({floor} bytes): {:.2}×\n{}",
            before.len(),
            before.len() as f64 / floor as f64,
            String::from_utf8_lossy(&before).replace('\x1b', "␛")
        );
        // What a user on a slow link notices: a move costing twice what changes, or the
        // 1,900 bytes a move cost before this backend.
        assert!(
            before.len() * 100 <= floor * 175,
            "move down #{n}: {} bytes for {floor} bytes of text that changes",
            before.len()
        );
        screen = after;
    }
}
