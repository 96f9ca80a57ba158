//! How many terminal cells text takes, and cutting it to a width.
//!
//! A table measures and cuts the title of every row: grapheme segmentation and
//! unicode-width's context rules were a third of `kehoach overdue`'s instructions. Text made
//! of [`plain`] characters alone, which is nearly all of a Vietnamese plan, is measured by
//! counting its characters; anything else takes the general way, with the same answer.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// One cell wide, and a grapheme of its own beside any other plain character: printable
/// ASCII, Latin-1 but the soft hyphen, Latin Extended-A and -B, IPA and the spacing modifier
/// letters, the precomposed Vietnamese letters (Latin Extended Additional), and General
/// Punctuation's dashes, quotes, bullets and ellipsis.
fn plain(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\u{A0}'..='\u{AC}'
        | '\u{AE}'..='\u{2FF}'
        | '\u{1E00}'..='\u{1EFF}'
        | '\u{2010}'..='\u{2027}')
}

/// Display width in terminal cells.
pub fn width(s: &str) -> usize {
    let mut n = 0;
    for c in s.chars() {
        if !plain(c) {
            return UnicodeWidthStr::width(s);
        }
        n += 1;
    }
    n
}

/// Cut `s` to at most `max` cells, on a grapheme boundary, ending with "…" when cut.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    // No character is wider than its UTF-8 bytes.
    if s.len() <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return if width(s) == 0 {
            Cow::Borrowed(s)
        } else {
            Cow::Borrowed("")
        };
    }
    // Plain text is cut before its max-th character if it has more than `max`: one cell
    // each, and no character joins the one before it.
    let mut chars = s.char_indices();
    let mut cut = 0;
    for n in 0..=max {
        match chars.next() {
            None => return Cow::Borrowed(s),
            Some((at, c)) if plain(c) => {
                if n == max - 1 {
                    cut = at;
                }
            }
            Some(_) => return truncate_graphemes(s, max),
        }
    }
    Cow::Owned(cut_at(s, cut))
}

/// [`truncate`] for any text: one pass over its graphemes that stops a cell past `max`, so
/// a long title is not measured to its end.
fn truncate_graphemes(s: &str, max: usize) -> Cow<'_, str> {
    let mut used = 0;
    let mut cut = None;
    for (at, g) in s.grapheme_indices(true) {
        used += UnicodeWidthStr::width(g);
        if cut.is_none() && used > max - 1 {
            cut = Some(at);
        }
        if used > max {
            break;
        }
    }
    match cut {
        Some(at) if used > max => Cow::Owned(cut_at(s, at)),
        _ => Cow::Borrowed(s),
    }
}

fn cut_at(s: &str, at: usize) -> String {
    let mut out = String::with_capacity(at + '…'.len_utf8());
    out.push_str(&s[..at]);
    out.push('…');
    out
}

/// [`width`], for a caller that only needs to know whether `s` is wider than `cap`: a
/// number over `cap` stands for any width over it, without measuring a long text to its
/// end (a printable ASCII character takes one cell).
pub fn width_over(s: &str, cap: usize) -> usize {
    if s.len() > cap && s.bytes().filter(|b| (0x20..0x7F).contains(b)).count() > cap {
        return cap + 1;
    }
    width(s)
}

/// Pad with spaces to exactly `w` cells (truncating first if needed).
pub fn fit(s: &str, w: usize) -> String {
    let mut out = String::with_capacity(s.len().min(4 * w) + w);
    fit_into(&mut out, s, w);
    out
}

/// [`fit`], appended to `out` (a line built cell by cell, without a String per cell).
pub fn fit_into(out: &mut String, s: &str, w: usize) {
    let t = truncate(s, w);
    out.push_str(&t);
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(width(&t))));
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;
    use unicode_width::UnicodeWidthChar;

    #[test]
    fn truncate_never_splits_a_character() {
        let s = "Sở Thông tin và Truyền thông";
        let t = truncate(s, 10);
        assert_eq!(width(&t), 10);
        assert_eq!(t, "Sở Thông …");
        let nfd: String = "Nội vụ".nfd().collect();
        let t = truncate(&nfd, 4);
        assert!(t.ends_with('…'));
        assert_eq!(width(&t), 4);
        assert_eq!(fit("ab", 4), "ab  ");
    }

    /// Every title of the plan, cut at every width, as a terminal table shows it: exactly
    /// `w` cells or the whole title, never more, and the cut version ends in "…".
    #[test]
    fn truncate_cuts_every_title_at_every_width() {
        let plan = crate::plan::Plan::embedded();
        let cjk = "表格 kehoạch 計畫 ẞ";
        for i in 0..plan.len() {
            for s in [plan.node(i).title.as_str(), cjk] {
                let full = width(s);
                for w in 0..70 {
                    let t = truncate(s, w);
                    if full <= w {
                        assert_eq!(t, s);
                        continue;
                    }
                    assert!(t.ends_with('…') || w == 0, "{s} at {w}: {t}");
                    assert!(width(&t) <= w, "{s} at {w}: {t}");
                    // Nothing is given up that would have fitted.
                    let kept = t.trim_end_matches('…');
                    let next = s[kept.len()..].graphemes(true).next().map_or(0, width);
                    assert!(w == 0 || width(kept) + next > w - 1, "{s} at {w}: {t}");
                }
                for cap in [0, 5, 40, 119] {
                    let got = width_over(s, cap);
                    assert!(
                        if full > cap { got > cap } else { got == full },
                        "{s} {cap}"
                    );
                }
            }
        }
    }

    /// What the shortcut rests on, for every plain character: one cell, and a grapheme of
    /// its own beside itself and beside a letter (a mark, a joiner or a prefix would join).
    #[test]
    fn every_plain_character_is_one_cell_and_its_own_grapheme() {
        let all = (0..=0x2FFF_u32)
            .filter_map(char::from_u32)
            .filter(|&c| plain(c));
        for c in all {
            assert_eq!(c.width(), Some(1), "{c:?}");
            for s in [format!("{c}{c}"), format!("x{c}"), format!("{c}x")] {
                assert_eq!(s.graphemes(true).count(), 2, "{s:?}");
                assert_eq!(UnicodeWidthStr::width(s.as_str()), 2, "{s:?}");
            }
        }
    }

    /// The general way, as it was before the shortcut.
    fn truncate_slow(s: &str, max: usize) -> Cow<'_, str> {
        if max == 0 {
            return truncate(s, 0);
        }
        truncate_graphemes(s, max)
    }

    proptest! {
        /// Text mixing plain characters with marks, wide letters, emoji and controls is
        /// measured and cut exactly as the general way does.
        #[test]
        fn the_shortcut_answers_as_the_general_way(
            pieces in prop::collection::vec(prop_oneof![
                8 => "[a-z A-Z0-9]",
                4 => "[ạ-ỹĐđƠơƯư]",
                1 => "[–…“”·«»]",
                1 => "[\u{0300}\u{0323}表🙂\u{200D}\u{FE0F}\t\u{AD}\u{0E33}]",
            ], 0..24),
            max in 0usize..30,
        ) {
            let s = pieces.concat();
            let nfc: String = s.nfc().collect();
            for s in [s.as_str(), nfc.as_str()] {
                prop_assert_eq!(width(s), UnicodeWidthStr::width(s));
                prop_assert_eq!(truncate(s, max), truncate_slow(s, max));
            }
        }
    }
}
