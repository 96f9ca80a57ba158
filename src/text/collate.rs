//! Vietnamese dictionary order: letters first (Đ after D, Ư after U), then tones, then case.

use std::cmp::Ordering;

use unicode_normalization::char::is_combining_mark;

/// Vietnamese letters in alphabetical order (lower case, without tone marks).
const ALPHABET: [char; 33] = [
    'a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    'ô', 'ơ', 'p', 'q', 'r', 's', 't', 'u', 'ư', 'v', 'w', 'x', 'y', 'z',
];

/// Tone marks in dictionary order: none, huyền, hỏi, ngã, sắc, nặng.
fn tone_rank(mark: char) -> Option<u8> {
    match mark {
        '\u{0300}' => Some(1),
        '\u{0309}' => Some(2),
        '\u{0303}' => Some(3),
        '\u{0301}' => Some(4),
        '\u{0323}' => Some(5),
        _ => None,
    }
}

/// (letter rank, tone rank, is upper) for each letter; other characters sort by code point
/// after the letters' ranks. A letter is a character and the combining marks after it (a
/// grapheme, for any text kehoach holds), read decomposed: ASCII needs no decomposition.
fn collation_key(s: &str) -> Vec<(u32, u8, bool)> {
    let mut key = Vec::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let mut letter = Letter::default();
        if c.is_ascii() {
            letter.take(c);
        } else {
            unicode_normalization::char::decompose_canonical(c, |d| letter.take(d));
        }
        while let Some(&m) = chars.peek()
            && is_combining_mark(m)
        {
            chars.next();
            unicode_normalization::char::decompose_canonical(m, |d| letter.take(d));
        }
        if let Some(k) = letter.key() {
            key.push(k);
        }
    }
    key
}

/// One letter, decomposed: its base character, tone mark and vowel-changing mark.
#[derive(Default)]
struct Letter {
    base: Option<char>,
    tone: u8,
    /// Breve, circumflex or horn.
    hat: Option<char>,
}

impl Letter {
    fn take(&mut self, c: char) {
        if let Some(t) = tone_rank(c) {
            self.tone = t;
        } else if matches!(c, '\u{0306}' | '\u{0302}' | '\u{031B}') {
            self.hat = Some(c);
        } else if self.base.is_none() {
            self.base = Some(c);
        }
    }

    fn key(&self) -> Option<(u32, u8, bool)> {
        let b = self.base?;
        let upper = b.is_uppercase();
        let lower = if b.is_ascii() {
            b.to_ascii_lowercase()
        } else {
            b.to_lowercase().next().unwrap_or(b)
        };
        let letter = match (lower, self.hat) {
            ('a', Some('\u{0306}')) => 'ă',
            ('a', Some('\u{0302}')) => 'â',
            ('e', Some('\u{0302}')) => 'ê',
            ('o', Some('\u{0302}')) => 'ô',
            ('o', Some('\u{031B}')) => 'ơ',
            ('u', Some('\u{031B}')) => 'ư',
            (l, _) => l,
        };
        let rank = match ALPHABET.iter().position(|&a| a == letter) {
            Some(p) => 0x10_0000 + p as u32,
            None if letter.is_ascii_digit() => letter as u32,
            None if letter.is_whitespace() => 0,
            None => 0x20_0000 + letter as u32,
        };
        Some((rank, self.tone, upper))
    }
}

/// A sort key for Vietnamese dictionary order: letters first (Đ after D, Ư after U), then
/// tones, then case. Compute it once per string when sorting many (`sort_by_cached_key`).
pub fn vi_key(s: &str) -> (Vec<u32>, Vec<u8>, Vec<bool>) {
    let k = collation_key(s);
    (
        k.iter().map(|x| x.0).collect(),
        k.iter().map(|x| x.1).collect(),
        k.iter().map(|x| !x.2).collect(),
    )
}

/// Compare in Vietnamese dictionary order (see [`vi_key`]).
pub fn vi_cmp(a: &str, b: &str) -> Ordering {
    vi_key(a).cmp(&vi_key(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_order() {
        let mut v = vec!["Đình Lập", "Dung", "Ân", "An", "Ư", "Uy", "Bắc Sơn", "Ă"];
        v.sort_by(|a, b| vi_cmp(a, b));
        assert_eq!(
            v,
            vec!["An", "Ă", "Ân", "Bắc Sơn", "Dung", "Đình Lập", "Uy", "Ư"]
        );
        assert_eq!(vi_cmp("ma", "mà"), Ordering::Less);
        assert_eq!(vi_cmp("mả", "má"), Ordering::Less);
    }
}
