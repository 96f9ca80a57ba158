//! Text rules shared by every layer: NFC at the boundary, diacritic folding for search,
//! Vietnamese alphabetical order, display-width truncation and safe display of untrusted text.

mod cells;
mod collate;
mod fold;
mod fold_table;

pub use cells::{fit, fit_into, truncate, width, width_over};
pub use collate::{vi_cmp, vi_key};
pub use fold::{fold, fold_with_title};

use std::borrow::Cow;

use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

/// Normalise to NFC. Decomposed Vietnamese looks the same on screen but is different text, so
/// every string from outside (typing, pasting, files, arguments) goes through here.
pub fn nfc(s: &str) -> Cow<'_, str> {
    if is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfc().collect())
    }
}

/// True for characters that must never reach a terminal raw: C0/C1 controls, DEL and the
/// bidirectional overrides that can reorder what a reader sees.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Replace control characters and bidi overrides with visible placeholders (␛ for ESC, ␀ for
/// NUL, ⍰ for the rest) so text from notes or imported plans is shown, never executed.
/// Newlines are kept only when `keep_newlines` (multi-line panes).
pub fn sanitize(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\n' if keep_newlines => '\n',
                '\n' | '\t' | '\r' => ' ',
                c => placeholder(c).unwrap_or(c),
            })
            .collect(),
    )
}

/// One line of a table or a list: newlines, tabs and carriage returns become spaces. Nothing
/// else changes: what reaches a terminal is made safe by [`TerminalSafe`], in one place.
pub fn one_line(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| matches!(b, b'\n' | b'\r' | b'\t')) {
        Cow::Owned(s.replace(['\n', '\r', '\t'], " "))
    } else {
        Cow::Borrowed(s)
    }
}

/// What a terminal is shown instead of an unsafe character (␛ for ESC, ␇ for BEL, ␡ for DEL,
/// ⍰ for C1 controls and bidi overrides); None when the character is safe as it is.
fn placeholder(c: char) -> Option<char> {
    if !is_unsafe(c) {
        return None;
    }
    Some(match c {
        c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('⍰'),
        '\u{7F}' => '␡',
        _ => '⍰',
    })
}

/// Output of the one-shot commands, sanitised when it goes to a terminal.
///
/// The rule (README "Text from notes and plan files"): text that came from a note, a document
/// number or a plan file never reaches a terminal raw; a file written with `--out`, or output
/// to a pipe, keeps the text as stored. `main` wraps stdout and stderr once, so no command has
/// to remember it. On a terminal every control character except newline and tab, and every
/// bidi override, is written as its placeholder (see [`sanitize`]); elsewhere bytes pass
/// through untouched.
pub struct TerminalSafe<W: std::io::Write> {
    inner: W,
    active: bool,
    /// The start of a UTF-8 sequence split across two writes.
    pending: Vec<u8>,
}

impl<W: std::io::Write + std::io::IsTerminal> TerminalSafe<W> {
    /// Sanitise only if `inner` is a terminal.
    pub fn new(inner: W) -> TerminalSafe<W> {
        let active = inner.is_terminal();
        TerminalSafe::with(inner, active)
    }
}

impl<W: std::io::Write> TerminalSafe<W> {
    /// Sanitise when `active`, whatever `inner` is (for tests).
    pub fn with(inner: W, active: bool) -> TerminalSafe<W> {
        TerminalSafe {
            inner,
            active,
            pending: Vec::new(),
        }
    }

    fn put(&mut self, s: &str) -> std::io::Result<()> {
        if !s.chars().any(is_unsafe) {
            return self.inner.write_all(s.as_bytes());
        }
        let shown: String = s
            .chars()
            .map(|c| match c {
                '\n' | '\t' => c,
                c => placeholder(c).unwrap_or(c),
            })
            .collect();
        self.inner.write_all(shown.as_bytes())
    }
}

impl<W: std::io::Write> std::io::Write for TerminalSafe<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if !self.active {
            return self.inner.write(buf);
        }
        self.pending.extend_from_slice(buf);
        let mut bytes = std::mem::take(&mut self.pending);
        let mut start = 0;
        let result = loop {
            match std::str::from_utf8(&bytes[start..]) {
                Ok(s) => {
                    start = bytes.len();
                    break self.put(s);
                }
                Err(e) => {
                    let good = start + e.valid_up_to();
                    // Valid up to `good` by the check above.
                    let s = std::str::from_utf8(&bytes[start..good]).unwrap_or_default();
                    if let Err(err) = self.put(s) {
                        break Err(err);
                    }
                    start = good;
                    match e.error_len() {
                        // An unfinished sequence: wait for the rest.
                        None => break Ok(()),
                        Some(n) => {
                            start += n;
                            if let Err(err) = self.put("\u{FFFD}") {
                                break Err(err);
                            }
                        }
                    }
                }
            }
        };
        bytes.drain(..start);
        self.pending = bytes;
        result.map(|()| buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Clean text arriving from outside before it is stored: NFC, no NUL, CRLF → LF, and no
/// trailing whitespace. Other control characters are kept (they are shown escaped).
pub fn clean_input(s: &str) -> String {
    let s = nfc(s);
    let s = s
        .replace("\r\n", "\n")
        .replace(['\r'], "\n")
        .replace('\0', "");
    s.trim_end().to_string()
}

/// A date as people write it: `2023-06-30`, `30/06/2023` or `30/6/2023` (also with `-` or `.`
/// between day, month and year). None for anything else, including impossible days.
pub fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    let s = s.trim();
    if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    if parts.len() != 3 || parts[2].len() != 4 {
        return None;
    }
    let n = |p: &str| p.parse::<u32>().ok();
    chrono::NaiveDate::from_ymd_opt(n(parts[2])? as i32, n(parts[1])?, n(parts[0])?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_shows_controls() {
        assert_eq!(sanitize("a\u{1b}[2Jb", false), "a␛[2Jb");
        assert_eq!(sanitize("x\u{202E}y", false), "x⍰y");
        assert_eq!(sanitize("l1\nl2", true), "l1\nl2");
        assert_eq!(sanitize("l1\nl2", false), "l1 l2");
        assert!(matches!(sanitize("Sở Nội vụ", false), Cow::Borrowed(_)));
    }

    #[test]
    fn terminal_output_shows_controls_and_pipes_keep_them() {
        use std::io::Write;
        let text = "Kế hoạch \u{1b}]0;owned\u{7}\u{1b}[2J\tx\r\u{202E}\u{85}\n";
        let mut shown = TerminalSafe::with(Vec::new(), true);
        // Split inside "ế" and inside the ESC sequence: nothing is lost or doubled.
        let bytes = text.as_bytes();
        shown.write_all(&bytes[..10]).unwrap();
        shown.write_all(&bytes[10..]).unwrap();
        let shown = String::from_utf8(shown.inner).unwrap();
        assert_eq!(shown, "Kế hoạch ␛]0;owned␇␛[2J\tx␍⍰⍰\n");
        assert!(!shown.bytes().any(|b| b == 0x1b || b == 0x07));

        let mut piped = TerminalSafe::with(Vec::new(), false);
        piped.write_all(bytes).unwrap();
        assert_eq!(piped.inner, bytes);
    }

    #[test]
    fn dates_in_both_notations() {
        let d = chrono::NaiveDate::from_ymd_opt(2023, 6, 30).unwrap();
        assert_eq!(parse_date("2023-06-30"), Some(d));
        assert_eq!(parse_date("30/06/2023"), Some(d));
        assert_eq!(parse_date("30/6/2023"), Some(d));
        assert_eq!(parse_date("31/02/2023"), None);
        assert_eq!(parse_date("2023-13-01"), None);
        assert_eq!(parse_date("hôm qua"), None);
    }

    #[test]
    fn clean_input_is_nfc() {
        let nfd: String = "Đã lưu".nfd().collect();
        assert_eq!(clean_input(&nfd), "Đã lưu");
        assert_eq!(clean_input("a\0b\r\n"), "ab");
    }
}
