//! A terminal backend that writes as few bytes as it can, for coordinators on slow provincial
//! SSH links. ratatui hands it the cells that changed; it keeps a copy of what the terminal
//! shows and, per row:
//! - moves the cursor the shortest way from where it is: relative moves (`CR`, `LF`,
//!   `ESC[nA`…`ESC[nD`, rewriting unchanged cells when that is shorter) or `ESC[row;colH`;
//! - clears a row's blank tail with one `ESC[K` instead of spaces;
//! - writes colours as the short classic codes and only the attributes that changed;
//! - hides or shows the cursor only when that changes.
//!
//! The result is checked against a terminal emulator in the tests: the screen it produces is
//! exactly the frame ratatui drew.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use unicode_width::UnicodeWidthStr;

mod pen;

use pen::{PLAIN, Style, is_blank, same_blank, style_of};

pub struct LeanBackend<W: Write> {
    out: W,
    size: Size,
    /// What the terminal shows, row-major.
    screen: Vec<Cell>,
    /// Where the terminal's cursor is, if known.
    cursor: Option<Position>,
    /// The style the terminal is in.
    style: Style,
    cursor_visible: Option<bool>,
    /// Use the real terminal for size queries (false in tests).
    query_terminal: bool,
    /// The terminal erases characters in place (`ESC[nX`, ECH): every terminal kehoach
    /// knows does, but not a real VT100.
    erase_chars: bool,
}

impl<W: Write> LeanBackend<W> {
    pub fn new(out: W, size: Size) -> Self {
        LeanBackend {
            out,
            size,
            screen: vec![Cell::EMPTY; usize::from(size.width) * usize::from(size.height)],
            cursor: None,
            style: PLAIN,
            cursor_visible: None,
            query_terminal: true,
            erase_chars: erases_chars(std::env::var("TERM").ok().as_deref()),
        }
    }

    /// A backend of a fixed size that never asks a real terminal anything (tests, benches),
    /// writing for an xterm-like terminal.
    pub fn detached(out: W, size: Size) -> Self {
        LeanBackend {
            query_terminal: false,
            erase_chars: true,
            ..Self::new(out, size)
        }
    }

    pub fn writer(&self) -> &W {
        &self.out
    }

    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.out
    }

    fn idx(&self, x: u16, y: u16) -> usize {
        usize::from(y) * usize::from(self.size.width) + usize::from(x)
    }

    fn reset_screen(&mut self) {
        self.screen =
            vec![Cell::EMPTY; usize::from(self.size.width) * usize::from(self.size.height)];
    }

    /// Move the cursor to (x, y) the cheapest way: relative moves from where it is (`CR`,
    /// `LF`, `ESC[nA/B/C/D`, possibly rewriting unchanged cells) or an absolute `ESC[r;cH`,
    /// whichever is shortest.
    fn move_to(&mut self, x: u16, y: u16) -> io::Result<()> {
        let seq = self.cheapest_move(x, y);
        self.out.write_all(&seq)?;
        self.cursor = Some(Position::new(x, y));
        Ok(())
    }

    fn cheapest_move(&self, x: u16, y: u16) -> Vec<u8> {
        let mut best = if x == 0 {
            format!("\x1b[{}H", y + 1).into_bytes()
        } else {
            format!("\x1b[{};{}H", y + 1, x + 1).into_bytes()
        };
        let Some(c) = self.cursor else {
            return best;
        };
        let mut consider = |mut seq: Vec<u8>, from_x: u16| {
            if seq.len() < best.len() {
                seq.extend(self.forward(from_x, x, y));
                if seq.len() < best.len() {
                    best = seq;
                }
            }
        };
        match c.y.cmp(&y) {
            std::cmp::Ordering::Equal if x >= c.x => consider(Vec::new(), c.x),
            std::cmp::Ordering::Equal => {
                consider(b"\r".to_vec(), 0);
                consider(format!("\x1b[{}D", c.x - x).into_bytes(), x);
            }
            std::cmp::Ordering::Less => {
                // Down: LF keeps the column in raw mode; after CR it is column 0 either way.
                let rows = y - c.y;
                let mut down = b"\r".to_vec();
                if rows <= 3 {
                    down.extend(std::iter::repeat_n(b'\n', usize::from(rows)));
                } else {
                    down.extend(csi(rows, b'B'));
                }
                consider(down, 0);
                if x >= c.x {
                    consider(csi(rows, b'B'), c.x);
                }
            }
            std::cmp::Ordering::Greater => {
                let up = csi(c.y - y, b'A');
                if x >= c.x {
                    consider(up.clone(), c.x);
                }
                let mut up_cr = up;
                up_cr.push(b'\r');
                consider(up_cr, 0);
            }
        }
        best
    }

    /// From column `from` to `to` on row `y` (not backwards): nothing, `ESC[nC`, or the
    /// cells in between written again when they are plain, narrow and in the current style
    /// and that is shorter.
    fn forward(&self, from: u16, to: u16, y: u16) -> Vec<u8> {
        if to <= from {
            return Vec::new();
        }
        let gap = to - from;
        let jump = csi(gap, b'C');
        let start = self.idx(from, y);
        let cells = &self.screen[start..start + usize::from(gap)];
        if usize::from(gap) <= jump.len()
            && cells.iter().all(|cell| {
                cell.symbol().len() == 1 && cell.symbol().is_ascii() && self.writes_as_is(cell)
            })
        {
            return cells.iter().flat_map(|c| c.symbol().bytes()).collect();
        }
        jump
    }

    /// Whether `cell` can be written in the current pen as it is.
    fn writes_as_is(&self, cell: &Cell) -> bool {
        let style = style_of(cell);
        style == self.style || (cell.symbol() == " " && same_blank(style, self.style))
    }

    /// A pen that erases to blank cells (`ESC[K`, `ESC[nX` fill with the pen's background).
    fn pen_for_erasing(&mut self) -> io::Result<()> {
        if same_blank(self.style, PLAIN) {
            return Ok(());
        }
        self.set_style(PLAIN)
    }

    fn set_style(&mut self, to: Style) -> io::Result<()> {
        if let Some(seq) = pen::change(self.style, to) {
            self.out.write_all(seq.as_bytes())?;
        }
        self.style = to;
        Ok(())
    }
}

/// Whether a terminal of this `TERM` has ECH (`ESC[nX`): those whose terminfo entry has
/// `ech`. An unknown one is not trusted with it.
fn erases_chars(term: Option<&str>) -> bool {
    const KNOWN: [&str; 14] = [
        "xterm",
        "screen",
        "tmux",
        "linux",
        "rxvt",
        "putty",
        "alacritty",
        "foot",
        "kitty",
        "wezterm",
        "vt220",
        "gnome",
        "konsole",
        "ansi",
    ];
    term.is_some_and(|t| KNOWN.iter().any(|k| t.starts_with(k)))
}

/// `ESC[nX`, with `n` left out when it is 1.
fn csi(n: u16, op: u8) -> Vec<u8> {
    let mut seq = if n == 1 {
        b"\x1b[".to_vec()
    } else {
        format!("\x1b[{n}").into_bytes()
    };
    seq.push(op);
    seq
}

impl<W: Write> Backend for LeanBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        // Apply the changes to our copy first: deciding how to reach a cell needs the new
        // screen, and a row's tail is cleared only if it is blank in the new frame.
        let mut changed: Vec<(u16, u16)> = Vec::new();
        for (x, y, cell) in content {
            if x >= self.size.width || y >= self.size.height {
                continue;
            }
            let i = self.idx(x, y);
            self.screen[i] = cell.clone();
            changed.push((x, y));
        }
        let mut k = 0;
        while k < changed.len() {
            let y = changed[k].1;
            let row_end = changed[k..]
                .iter()
                .position(|&(_, cy)| cy != y)
                .map_or(changed.len(), |p| k + p);
            // From `tail` to the end of the row, the new frame is blank.
            let w = self.size.width;
            let mut tail = w;
            while tail > 0 && is_blank(&self.screen[self.idx(tail - 1, y)]) {
                tail -= 1;
            }
            // Cells up to here are already blank on the terminal (erased by ESC[nX).
            let mut erased_to = 0;
            for &(x, _) in &changed[k..row_end] {
                if x >= tail {
                    self.move_to(x, y)?;
                    self.pen_for_erasing()?;
                    self.out.write_all(b"\x1b[K")?;
                    break;
                }
                if x < erased_to {
                    continue;
                }
                // A run of blanks inside the row (a highlight that moved away): erased in
                // place when that is shorter than writing the spaces.
                let run = (x..tail)
                    .take_while(|&cx| is_blank(&self.screen[self.idx(cx, y)]))
                    .count() as u16;
                let erase = csi(run, b'X');
                if self.erase_chars
                    && run > 1
                    && erase.len() + csi(run, b'C').len() < usize::from(run)
                {
                    self.move_to(x, y)?;
                    self.pen_for_erasing()?;
                    self.out.write_all(&erase)?;
                    erased_to = x + run;
                    continue;
                }
                let cell = self.screen[self.idx(x, y)].clone();
                self.move_to(x, y)?;
                if !self.writes_as_is(&cell) {
                    self.set_style(style_of(&cell))?;
                }
                let symbol = cell.symbol();
                self.out.write_all(symbol.as_bytes())?;
                let advance = UnicodeWidthStr::width(symbol).max(1) as u16;
                // A terminal at the last column keeps the cursor there: position unknown.
                self.cursor = (x + advance < w).then(|| Position::new(x + advance, y));
            }
            k = row_end;
        }
        // The pen stays as the frame left it: the next frame starts from it, and leaving the
        // interface resets it (`terminal::restore`).
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_visible != Some(false) {
            self.out.write_all(b"\x1b[?25l")?;
            self.cursor_visible = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_visible != Some(true) {
            self.out.write_all(b"\x1b[?25h")?;
            self.cursor_visible = Some(true);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        // Answer from what we know: asking the terminal costs a round trip over SSH.
        Ok(self.cursor.unwrap_or_default())
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let p = position.into();
        self.cursor = None;
        self.move_to(p.x, p.y)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.set_style(PLAIN)?;
        match clear_type {
            ClearType::All => {
                if self.query_terminal
                    && let Ok((w, h)) = ratatui::crossterm::terminal::size()
                {
                    self.size = Size::new(w, h);
                }
                self.out.write_all(b"\x1b[2J")?;
                self.reset_screen();
            }
            // A full-screen interface never clears part of the screen; clearing all of it
            // keeps our copy true if it ever does.
            _ => {
                self.out.write_all(b"\x1b[2J")?;
                self.reset_screen();
            }
        }
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        if self.query_terminal {
            let (w, h) = ratatui::crossterm::terminal::size()?;
            return Ok(Size::new(w, h));
        }
        Ok(self.size)
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let size = self.size()?;
        Ok(WindowSize {
            columns_rows: size,
            pixels: Size::default(),
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::widgets::Paragraph;

    fn screen_after(frames: &[&str], w: u16, h: u16) -> (String, usize) {
        let mut term = Terminal::new(LeanBackend::detached(Vec::new(), Size::new(w, h))).unwrap();
        let mut parser = vt100::Parser::new(h, w, 0);
        let mut last_bytes = 0;
        for f in frames {
            term.draw(|fr| fr.render_widget(Paragraph::new(*f), fr.area()))
                .unwrap();
            let bytes = std::mem::take(term.backend_mut().writer_mut());
            last_bytes = bytes.len();
            parser.process(&bytes);
        }
        (parser.screen().contents(), last_bytes)
    }

    #[test]
    fn the_emulated_screen_equals_the_last_frame() {
        let frames = [
            "Sở Nội vụ chủ trì\nThanh tra tỉnh\nhàng ba dài dài dài",
            "Sở Nội vụ phối hợp\nThanh tra\n",
            "Văn phòng UBND tỉnh\n\nhàng ba",
        ];
        let (screen, _) = screen_after(&frames, 30, 4);
        assert_eq!(screen.trim_end(), "Văn phòng UBND tỉnh\n\nhàng ba");
    }

    #[test]
    fn a_cleared_tail_costs_a_few_bytes() {
        let long = "x".repeat(70);
        let (_, bytes) = screen_after(&[&long, "x"], 80, 2);
        assert!(bytes < 20, "{bytes} bytes to clear 69 cells");
    }
}
