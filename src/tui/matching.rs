//! Where typed words meet text, without diacritics: whole-word matches for ranking search
//! results, and which letters of a shown title to highlight. Pure functions over strings.

use crate::text::fold;

/// Whether `phrase` (folded: a word, or words with one space) occurs in `hay` (folded) with
/// no letter or digit touching either end.
pub fn whole(hay: &str, phrase: &str) -> bool {
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    hay.match_indices(phrase).any(|(i, m)| {
        boundary(hay[..i].chars().next_back()) && boundary(hay[i + m.len()..].chars().next())
    })
}

/// How well a text matches the folded `words`: 2 when they stand together as whole words
/// (the phrase), 1 when each is a whole word somewhere, 0 otherwise.
pub fn tier(hay: &str, words: &[String]) -> u8 {
    if words.is_empty() {
        return 0;
    }
    if whole(hay, &words.join(" ")) {
        2
    } else if words.iter().all(|w| whole(hay, w)) {
        1
    } else {
        0
    }
}

/// For each character of `shown`, whether it belongs to a match of one of `words` (folded)
/// that starts a word: what the eye should find in a result row.
pub fn marks(shown: &str, words: &[String]) -> Vec<bool> {
    let chars: Vec<char> = shown.chars().collect();
    // Fold character by character, remembering which character each folded byte came from.
    let mut folded = String::new();
    let mut from = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        let f = fold(&c.to_string());
        for _ in 0..f.len() {
            from.push(i);
        }
        folded.push_str(&f);
    }
    let mut out = vec![false; chars.len()];
    for w in words.iter().filter(|w| !w.is_empty()) {
        for (i, m) in folded.match_indices(w.as_str()) {
            if folded[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            for b in i..i + m.len() {
                out[from[b]] = true;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn whole_words_and_phrases() {
        assert!(whole("giai ngan von", "giai ngan"));
        assert!(!whole("giai quyet nganh", "ngan"));
        assert_eq!(tier("day nhanh giai ngan von", &w("giai ngan")), 2);
        assert_eq!(tier("ngan sach giai quyet", &w("giai ngan")), 1);
        assert_eq!(tier("giai quyet cac nganh", &w("giai ngan")), 0);
    }

    #[test]
    fn marks_follow_letters_with_marks() {
        let m = marks("Giải ngân, ngành", &w("giai ngan"));
        let shown: String = "Giải ngân, ngành"
            .chars()
            .zip(&m)
            .map(|(c, &on)| if on { c.to_ascii_uppercase() } else { '.' })
            .collect();
        // "ngan" also starts "ngành": a prefix is highlighted as far as it matches.
        assert_eq!(shown, "GIảI.NGâN..NGàN.");
    }
}
