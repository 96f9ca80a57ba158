//! Stage 1: clean the extracted text into numbered lines.
//!
//! Line breaks (LF, CRLF, CR, form feed) split lines; non-breaking and other odd spaces become
//! spaces; text is NFC; runs of spaces become one. Blank lines, page numbers, web addresses
//! (page footers of a web copy) and running headers are dropped, each with the reason, so the
//! review can account for every line.

use serde::Serialize;

/// One printed line, trimmed, with its 1-based line number in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub no: usize,
    pub text: String,
}

/// Why a non-blank line was left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dropped {
    PageNumber,
    WebAddress,
    RunningHeader,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DroppedLine {
    pub line: usize,
    pub text: String,
    pub why: Dropped,
}

#[derive(Debug, Default)]
pub struct Cleaned {
    pub lines: Vec<Line>,
    pub dropped: Vec<DroppedLine>,
}

/// Normalise one line: odd spaces to spaces, NFC, trimmed, single spaces.
pub fn normalise(s: &str) -> String {
    let spaced: String =
        s.chars()
            .map(|c| match c {
                '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2009}' | '\u{200A}' | '\t'
                | '\u{3000}' => ' ',
                c => c,
            })
            .filter(|c| !matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{00AD}'))
            .collect();
    let nfc = crate::text::nfc(&spaced);
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_page_number(t: &str) -> bool {
    let core = t
        .trim_start_matches("Trang ")
        .trim_start_matches("trang ")
        .trim_matches(|c: char| c == '-' || c == '–' || c == ' ');
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    match core.split_once('/') {
        Some((a, b)) => digits(a) && digits(b),
        None => digits(core),
    }
}

fn is_web_address(t: &str) -> bool {
    (t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www."))
        && !t.contains(' ')
}

/// A line that starts a bullet, a heading or a role is never a running header, however often
/// it repeats ("- Nhiệm vụ, giải pháp:").
fn may_be_header(t: &str) -> bool {
    let first = t.chars().next().unwrap_or(' ');
    !(first == '-' || first == '+' || first == '(' || first.is_ascii_digit())
        && crate::text::width(t) <= 100
}

pub fn clean(input: &str) -> Cleaned {
    let input = input.strip_prefix('\u{FEFF}').unwrap_or(input);
    // (line number, text, starts a page: the first text after a form feed)
    let mut raw: Vec<(usize, String, bool)> = Vec::new();
    let mut no = 0;
    // Lines are numbered as an editor numbers them: LF, CRLF or a lone CR ends a line; a form
    // feed splits the line without counting one.
    let unified = input.replace("\r\n", "\n").replace('\r', "\n");
    let mut page_start = false;
    for physical in unified.split('\n') {
        no += 1;
        for (k, piece) in physical.split('\u{000C}').enumerate() {
            if k > 0 {
                page_start = true;
            }
            let t = normalise(piece);
            if !t.is_empty() {
                raw.push((no, t, page_start));
                page_start = false;
            }
        }
    }
    // A running header repeats at page edges: next to a page number or after a form feed,
    // every time. A short line that merely repeats (`thành phố.`) is text.
    let at_edge = |i: usize| {
        raw[i].2
            || (i > 0 && is_page_number(&raw[i - 1].1))
            || raw.get(i + 1).is_some_and(|n| is_page_number(&n.1) || n.2)
    };
    let mut seen = std::collections::HashMap::<&str, (usize, bool)>::new();
    for (i, (_, t, _)) in raw.iter().enumerate() {
        let e = seen.entry(t.as_str()).or_insert((0, true));
        e.0 += 1;
        e.1 &= at_edge(i);
    }
    let headers: std::collections::HashSet<String> = seen
        .iter()
        .filter(|(t, (n, edge))| *n >= 3 && *edge && may_be_header(t))
        .map(|(t, _)| t.to_string())
        .collect();
    let mut out = Cleaned::default();
    for (no, text, _) in raw {
        let why = if is_page_number(&text) {
            Some(Dropped::PageNumber)
        } else if is_web_address(&text) {
            Some(Dropped::WebAddress)
        } else if headers.contains(&text) {
            Some(Dropped::RunningHeader)
        } else {
            None
        };
        match why {
            Some(why) => out.dropped.push(DroppedLine {
                line: no,
                text,
                why,
            }),
            None => out.lines.push(Line { no, text }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_breaks_and_noise() {
        let c = clean("a\u{00A0} b\r\n\r\n12\n\u{000C}- 3 -\nhttps://x.vn/a\nc\rd");
        let t: Vec<_> = c.lines.iter().map(|l| (l.no, l.text.as_str())).collect();
        assert_eq!(t, [(1, "a b"), (6, "c"), (7, "d")]);
        assert_eq!(c.dropped.len(), 3);
        assert_eq!(clean("168/KH-UBND ngày 14/10/2020").lines.len(), 1);
        assert_eq!(clean("Trang 3/12").lines.len(), 0);
    }

    #[test]
    fn nfd_becomes_nfc() {
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd("Sở Nội vụ").collect();
        assert_eq!(clean(&nfd).lines[0].text, "Sở Nội vụ");
    }

    #[test]
    fn repeated_plain_lines_are_headers_but_bullets_are_not() {
        let c = clean(
            "x\n1\n\u{000C}UBND TỈNH\n- N:\n2\n\u{000C}UBND TỈNH\n- N:\n3\n\u{000C}UBND TỈNH\n- N:",
        );
        assert_eq!(c.lines.iter().filter(|l| l.text == "- N:").count(), 3);
        assert_eq!(c.dropped.len(), 6);
        // Repeated, but in the text: kept.
        assert_eq!(
            clean("a\nthành phố.\nb\nthành phố.\nc\nthành phố.")
                .lines
                .len(),
            6
        );
    }
}
