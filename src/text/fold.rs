//! Folding for search: lower case, diacritics removed, đ→d.

use unicode_normalization::char::is_combining_mark;

/// Lower case, diacritics removed, đ→d: the key every search and filter compares.
/// "Sở Nội vụ; Đất đai" → "so noi vu; dat dai".
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Char by char: the marks a decomposition yields are dropped, so their canonical order
    // (what the `nfd()` iterator buffers and sorts for) does not matter. Most of a
    // Vietnamese text is ASCII, which needs no decomposition at all, and nearly all the rest
    // are Latin letters with marks, looked up in a table.
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(b) = FoldTable::get().ascii(c) {
            out.push(b);
        } else {
            fold_char(c, &mut out);
        }
    }
    out
}

/// [`fold`] of one character, the long way.
fn fold_char(c: char, out: &mut String) {
    unicode_normalization::char::decompose_canonical(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        match d {
            'đ' | 'Đ' => out.push('d'),
            d if d.is_ascii() => out.push(d.to_ascii_lowercase()),
            d => out.extend(d.to_lowercase()),
        }
    });
}

/// For the Latin letters with marks (Latin-1 Supplement to Latin Extended-B, and Latin
/// Extended Additional, where Vietnamese has its letters with two marks): the one ASCII letter
/// [`fold_char`] makes of each, or 0 where it makes something else. Worked out once, from
/// `fold_char` itself, the first time a text is folded.
struct FoldTable {
    latin: [u8; 0x250 - 0xC0],
    additional: [u8; 0x100],
}

impl FoldTable {
    fn get() -> &'static FoldTable {
        static TABLE: std::sync::OnceLock<FoldTable> = std::sync::OnceLock::new();
        TABLE.get_or_init(|| {
            let one = |c: u32| {
                let mut s = String::new();
                if let Some(c) = char::from_u32(c) {
                    fold_char(c, &mut s);
                }
                match s.as_bytes() {
                    [b] if b.is_ascii() => *b,
                    _ => 0,
                }
            };
            FoldTable {
                latin: std::array::from_fn(|i| one(0xC0 + i as u32)),
                additional: std::array::from_fn(|i| one(0x1E00 + i as u32)),
            }
        })
    }

    fn ascii(&self, c: char) -> Option<char> {
        let c = c as u32;
        let b = match c {
            0xC0..0x250 => self.latin[(c - 0xC0) as usize],
            0x1E00..0x1F00 => self.additional[(c - 0x1E00) as usize],
            _ => 0,
        };
        (b != 0).then_some(b as char)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn fold_char_by_char_equals_folding_the_nfd_of_the_whole() {
        let reference = |s: &str| -> String {
            let mut out = String::new();
            for c in s.nfd() {
                if is_combining_mark(c) {
                    continue;
                }
                match c {
                    'đ' | 'Đ' => out.push('d'),
                    c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
                    c => out.extend(c.to_lowercase()),
                }
            }
            out
        };
        // Every character of the Latin blocks, Greek, Cyrillic and combining marks, alone
        // and after a letter.
        for c in (0..0x0530u32)
            .chain(0x1E00..0x1F00)
            .filter_map(char::from_u32)
        {
            for s in [c.to_string(), format!("a{c}"), format!("{c}\u{0301}")] {
                assert_eq!(fold(&s), reference(&s), "{s:?}");
            }
        }
        let text = "Ủy ban nhân dân tỉnh Lạng Sơn; ĐẤT ĐAI, Sở Nội vụ — Ưu tiên ỨNG DỤNG";
        assert_eq!(fold(text), reference(text));
        let nfd: String = text.nfd().collect();
        assert_eq!(fold(&nfd), reference(text));
    }

    #[test]
    fn fold_removes_marks_and_dd() {
        assert_eq!(fold("Sở Nội vụ"), "so noi vu");
        assert_eq!(fold("ĐẤT ĐAI"), "dat dai");
        assert_eq!(fold("Giải ngân 100%"), "giai ngan 100%");
        // Decomposed input folds the same as composed.
        let nfd: String = "Tiếng Việt".nfd().collect();
        assert_eq!(fold(&nfd), "tieng viet");
    }
}
