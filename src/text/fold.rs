//! Folding for search: lower case, diacritics removed, đ→d.

use unicode_normalization::char::is_combining_mark;

/// Lower case, diacritics removed, đ→d: the key every search and filter compares.
/// "Sở Nội vụ; Đất đai" → "so noi vu; dat dai".
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`] of a text that opens with a title, and the fold of that title (`title_len`
/// bytes, a character boundary of `text`), folding it once: folding goes character by
/// character, so the title's fold is where the text's fold starts.
pub fn fold_with_title(text: &str, title_len: usize) -> (String, String) {
    let (title, rest) = text.split_at(title_len);
    let mut out = String::with_capacity(text.len());
    fold_into(title, &mut out);
    let folded_title = out.clone();
    fold_into(rest, &mut out);
    (out, folded_title)
}

fn fold_into(s: &str, out: &mut String) {
    // Char by char: the marks a decomposition yields are dropped, so their canonical order
    // (what the `nfd()` iterator buffers and sorts for) does not matter. Most of a
    // Vietnamese text is ASCII, which needs no decomposition at all, and nearly all the rest
    // are Latin letters with marks, looked up in a table.
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(b) = ascii_of(c) {
            out.push(char::from(b));
        } else {
            fold_char(c, out);
        }
    }
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

/// The one ASCII letter [`fold_char`] makes of a Latin letter with marks, if it makes one
/// (`fold_table`, checked against `fold_char` by the tests).
fn ascii_of(c: char) -> Option<u8> {
    let c = c as u32;
    let b = match c {
        0xC0..0x250 => super::fold_table::LATIN[(c - 0xC0) as usize],
        0x1E00..0x1F00 => super::fold_table::ADDITIONAL[(c - 0x1E00) as usize],
        _ => 0,
    };
    (b != 0).then_some(b)
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
    fn the_written_out_table_is_what_fold_char_makes() {
        for (block, table) in [
            (0xC0u32, &crate::text::fold_table::LATIN[..]),
            (0x1E00, &crate::text::fold_table::ADDITIONAL[..]),
        ] {
            for (i, &b) in table.iter().enumerate() {
                let c = char::from_u32(block + i as u32).unwrap();
                let mut s = String::new();
                fold_char(c, &mut s);
                let want = match s.as_bytes() {
                    [a] if a.is_ascii() => *a,
                    _ => 0,
                };
                assert_eq!(b, want, "{c:?} (U+{:04X}) folds to {s:?}", c as u32);
            }
        }
    }

    #[test]
    fn a_title_folded_with_its_text_is_folded_as_alone() {
        let text = "Ủy ban nhân dân tỉnh Lạng Sơn chỉ đạo; “Đất đai” — ưu tiên";
        for (at, _) in text.char_indices() {
            let (t, title) = fold_with_title(text, at);
            assert_eq!(t, fold(text));
            assert_eq!(title, fold(&text[..at]), "title of {at} bytes");
        }
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
