//! Terminals that cannot draw the symbols (the Linux console, old VTs): after a frame is
//! drawn, each symbol the view uses is replaced by an ASCII one of the same width. Letters
//! (Vietnamese included) and Latin-1 signs (· ×) are left as they are; the marks, bars, arrows
//! and lines change.

use ratatui::buffer::Buffer;

/// Whether a terminal of this `$TERM` lacks the symbols.
pub fn needed(term: &str) -> bool {
    ["linux", "vt1", "vt2", "ansi", "cons"]
        .iter()
        .any(|p| term.starts_with(p))
}

/// The ASCII stand-in for a symbol the view draws; None for anything else.
pub fn fallback(symbol: &str) -> Option<&'static str> {
    Some(match symbol {
        "▾" => "v",
        "▸" => ">",
        "◂" => "<",
        "✓" => "x",
        "○" => "o",
        "◐" => "r",
        "–" | "—" => "-",
        "␣" => "_",
        "█" => "#",
        "▏" | "▎" | "▍" | "▌" | "▋" | "▊" | "▉" => "+",
        "░" => ".",
        "…" => "~",
        "─" => "-",
        "│" => "|",
        "┌" | "┐" | "└" | "┘" | "├" | "┤" | "┬" | "┴" | "┼" => "+",
        "↑" => "^",
        "↓" => "v",
        "←" => "<",
        "→" => ">",
        "↳" => ">",
        "⍰" => "?",
        "✎" => "n",
        "␛" => "^",
        _ => return None,
    })
}

/// Replace every symbol of a drawn frame by its stand-in.
pub fn apply(buf: &mut Buffer) {
    for cell in buf.content.iter_mut() {
        if let Some(a) = fallback(cell.symbol()) {
            cell.set_symbol(a);
        }
    }
}
