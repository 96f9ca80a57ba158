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
            // On a blank cell only the background shows, unless the cell is reversed or
            // underlined: its colour, boldness or slant are not there to see.
            let shows_all = !text.is_empty()
                || m.intersects(Modifier::UNDERLINED | Modifier::REVERSED)
                || got.underline()
                || got.inverse();
            let same = text == got_text
                && vt_colour(want.bg) == got.bgcolor()
                && m.contains(Modifier::UNDERLINED) == got.underline()
                && m.contains(Modifier::REVERSED) == got.inverse()
                && (!shows_all
                    || (vt_colour(want.fg) == got.fgcolor()
                        && m.contains(Modifier::BOLD) == got.bold()
                        && m.contains(Modifier::ITALIC) == got.italic()));
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
    // From the top of the tree, and from where the program opens (the first overdue task,
    // deep in part IV).
    for (w, h, opened) in [
        (80, 24, false),
        (80, 24, true),
        (120, 40, true),
        (41, 10, false),
    ] {
        let (mut s, mut r) = session(Lang::Vi);
        s.size = (w, h);
        s.keep_visible();
        if opened {
            step(&mut s, &mut r, Msg::Started);
        }
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
fn a_move_down_sends_little_more_than_the_cells_that_change() {
    // As `cargo bench` measures it in tmux: a fresh database, as of 20/11/2023, opened where
    // the program opens.
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, day(2023, 11, 20));
    step(&mut s, &mut r, Msg::Started);
    let mut t = Emulated::new(80, 24);
    let first = t.draw(&s, "the first frame");
    println!("first frame: {} bytes", first.len());
    let mut screen = t.vt.screen().clone();
    for n in 1..=4 {
        step(&mut s, &mut r, Msg::Down);
        let sent = t.draw(&s, "a move down");
        let after = t.vt.screen().clone();
        // The UTF-8 bytes of the cells whose text changed (the floor), and of those
        // whose text or look changed (a highlight that moves must be written again: a
        // terminal cannot restyle a cell without its text).
        let (mut cells, mut text_floor, mut restyled, mut floor) = (0, 0, 0, 0);
        for y in 0..24 {
            for x in 0..80 {
                let (a, b) = (screen.cell(y, x).unwrap(), after.cell(y, x).unwrap());
                // A blank cell is one space, written or cleared.
                let text = |c: &vt100::Cell| match c.contents() {
                    t if t.is_empty() => " ".to_string(),
                    t => t,
                };
                // What shows of a cell's look: on a plain blank, only its background.
                let look = |c: &vt100::Cell| {
                    if text(c) == " " && !c.underline() && !c.inverse() {
                        return (vt100::Color::Default, c.bgcolor(), false, false, false);
                    }
                    (
                        c.fgcolor(),
                        c.bgcolor(),
                        c.bold(),
                        c.underline(),
                        c.inverse(),
                    )
                };
                if text(a) != text(b) {
                    cells += 1;
                    text_floor += text(b).len();
                }
                if text(a) != text(b) || look(a) != look(b) {
                    restyled += 1;
                    floor += text(b).len();
                }
            }
        }
        println!(
            "move down #{n}: {} bytes; {cells} cells' text changed ({text_floor} bytes): \
             {:.2}×; {restyled} cells' text or look ({floor} bytes): {:.2}×\n{}",
            sent.len(),
            sent.len() as f64 / text_floor.max(1) as f64,
            sent.len() as f64 / floor.max(1) as f64,
            String::from_utf8_lossy(&sent).replace('\x1b', "␛")
        );
        // What a user on a slow link notices: a move costing more than a quarter again as
        // much as what it changes (before this backend a move cost 1,900 bytes).
        assert!(
            sent.len() * 100 <= floor * 125,
            "move down #{n}: {} bytes for {floor} bytes of cells that change",
            sent.len()
        );
        screen = after;
    }
}
