//! The pen a terminal writes with: a cell's colours and attributes, which of them show on a
//! blank cell, and the shortest SGR sequence from one pen to another.

use ratatui::buffer::Cell;
use ratatui::style::{Color, Modifier};

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct Style {
    pub(super) fg: Color,
    pub(super) bg: Color,
    pub(super) modifier: Modifier,
}

pub(super) const PLAIN: Style = Style {
    fg: Color::Reset,
    bg: Color::Reset,
    modifier: Modifier::empty(),
};

pub(super) fn style_of(c: &Cell) -> Style {
    Style {
        fg: c.fg,
        bg: c.bg,
        modifier: c.modifier,
    }
}

/// What shows on a blank cell besides its background: a swapped colour, or a line drawn
/// through it. A space's colour, boldness or slant show nothing.
const SHOWS_ON_BLANK: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::CROSSED_OUT);

/// Whether a space looks the same written in either style: then the pen need not change for
/// it (the gap between a bold red `!` and a grey word is written in either colour).
pub(super) fn same_blank(a: Style, b: Style) -> bool {
    a.bg == b.bg && !a.modifier.intersects(SHOWS_ON_BLANK) && !b.modifier.intersects(SHOWS_ON_BLANK)
}

/// A cell that looks like an erased one: a space on the default background.
pub(super) fn is_blank(c: &Cell) -> bool {
    c.symbol() == " " && same_blank(style_of(c), PLAIN)
}

/// The SGR sequence that takes the terminal from pen `from` to pen `to`: only the attributes
/// and colours that differ (a reset first when an attribute must go), none when nothing does.
pub(super) fn change(from: Style, to: Style) -> Option<String> {
    if to == from {
        return None;
    }
    let mut codes: Vec<String> = Vec::new();
    let from = if from.modifier.difference(to.modifier).is_empty() {
        from
    } else {
        codes.push("0".into());
        PLAIN
    };
    for (m, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::SLOW_BLINK, "5"),
        (Modifier::RAPID_BLINK, "6"),
        (Modifier::REVERSED, "7"),
        (Modifier::HIDDEN, "8"),
        (Modifier::CROSSED_OUT, "9"),
    ] {
        if to.modifier.contains(m) && !from.modifier.contains(m) {
            codes.push(code.into());
        }
    }
    if to.fg != from.fg {
        codes.push(colour(to.fg, false));
    }
    if to.bg != from.bg {
        codes.push(colour(to.bg, true));
    }
    (!codes.is_empty()).then(|| format!("\x1b[{}m", codes.join(";")))
}

/// SGR parameters for a colour; the 16 named colours use their short classic codes.
fn colour(c: Color, bg: bool) -> String {
    let base = if bg { 40 } else { 30 };
    let bright = if bg { 100 } else { 90 };
    let n = match c {
        Color::Reset => return (if bg { "49" } else { "39" }).into(),
        Color::Black => base,
        Color::Red => base + 1,
        Color::Green => base + 2,
        Color::Yellow => base + 3,
        Color::Blue => base + 4,
        Color::Magenta => base + 5,
        Color::Cyan => base + 6,
        Color::Gray => base + 7,
        Color::DarkGray => bright,
        Color::LightRed => bright + 1,
        Color::LightGreen => bright + 2,
        Color::LightYellow => bright + 3,
        Color::LightBlue => bright + 4,
        Color::LightMagenta => bright + 5,
        Color::LightCyan => bright + 6,
        Color::White => bright + 7,
        Color::Indexed(i) => return format!("{};5;{i}", if bg { 48 } else { 38 }),
        Color::Rgb(r, g, b) => return format!("{};2;{r};{g};{b}", if bg { 48 } else { 38 }),
    };
    n.to_string()
}
