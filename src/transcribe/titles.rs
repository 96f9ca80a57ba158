//! Titles: the opening words of a node's text, cut where a reader would stop.
//!
//! A duty's title (`item`, `task`, `purpose`) is who acts and what they do: the subject (the
//! names the sentence starts with, whole, even with commas in them), the verb and its object,
//! and it stops at the first of
//! - the end of the first clause (`.`, `;`, or a `:` that does not follow the subject);
//! - the end of the names the duty is done with or to (`phối hợp với Sở Tài chính`, `đôn đốc
//!   các cơ quan, đơn vị`), but not the names it advises (`tham mưu UBND tỉnh chỉ đạo …`);
//! - once [`MIN_WORDS`] words are in: a comma, or a word that opens a complement
//!   ([`COMPLEMENT`]: `theo`, `về`, `của` …).
//!
//! Headings keep their whole line; a sentence heading drops its `, trong đó:` tail.

use super::agencies::{Mode, Registry};
use super::tokens::tokens;

/// How many words a title has before a comma or a complement may end it.
pub const MIN_WORDS: usize = 16;

/// How many words a title has before names in a complement end it.
const COMPLEMENT_NAMES_WORDS: usize = 8;

/// Words (lowercase) that open a complement of the verb: where, how, about what, for whom.
pub const COMPLEMENT: &[&str] = &[
    "theo", "về", "của", "trong", "trên", "cho", "do", "thuộc", "ở", "gắn", "nhằm", "để", "và",
    "việc", "đã",
];

/// Words after which names are the ones advised or reported to, not the end of the duty.
const ADVISED: &[&str] = &["mưu", "cho", "của"];

fn is_word(norm: &str) -> bool {
    norm.chars().any(char::is_alphanumeric)
}

fn capitals(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() > 1
        && word.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
}

/// The title of a duty's sentence.
pub fn duty_title(reg: &mut Registry, text: &str) -> String {
    let toks = tokens(text);
    let n = toks.len();
    let subject = reg.list(text, &toks, 0, Mode::Subject);
    let mut k = if subject.found.is_empty() {
        0
    } else {
        subject.end
    };
    if toks.get(k).is_some_and(|t| t.norm == ":") && k > 0 {
        k += 1;
    }
    let mut words = toks[..k].iter().filter(|t| is_word(&t.norm)).count();
    let mut end = n;
    while k < n {
        let t = toks[k].norm.as_str();
        if matches!(t, "." | ";" | ":") {
            end = k;
            break;
        }
        if k > 0 && is_word(t) {
            let names = reg.list(text, &toks, k, Mode::Subject);
            if !names.found.is_empty() {
                let before = toks[k - 1].norm.as_str();
                // `theo Kế hoạch này do các Sở …`: names in a complement end the title before
                // it, once the duty has its verb and object.
                if COMPLEMENT.contains(&before) && words > COMPLEMENT_NAMES_WORDS {
                    end = k - 1;
                    break;
                }
                if ADVISED.contains(&before) || COMPLEMENT.contains(&before) {
                    words += toks[k..names.end]
                        .iter()
                        .filter(|t| is_word(&t.norm))
                        .count();
                    k = names.end;
                    continue;
                }
                end = names.end;
                break;
            }
        }
        // `PAR INDEX, SIPAS`: a comma between names in capitals lists them.
        let listed = t == ","
            && [k.wrapping_sub(1), k + 1]
                .iter()
                .all(|&j| toks.get(j).is_some_and(|w| capitals(&text[w.start..w.end])));
        if words >= MIN_WORDS && ((t == "," && !listed) || COMPLEMENT.contains(&t)) {
            end = k;
            break;
        }
        if is_word(t) {
            words += 1;
        }
        k += 1;
    }
    let cut = match end {
        0 => text.len(),
        e => toks[e - 1].end,
    };
    text[..cut].trim_end_matches([',', ' ']).to_string()
}

/// A short title where no names are known: the text up to its first clause end, cut at a
/// comma or after a dozen words.
pub fn short_title(text: &str) -> String {
    duty_title(&mut Registry::new(Vec::new()), text)
}

/// A heading's title and text: a sentence heading (`…, trong đó:`, `Thời gian hoàn thành:
/// Trước ngày …`) keeps the whole sentence as its text.
pub fn heading_title(body: &str) -> (String, String) {
    if body.ends_with(':') {
        let mut t = body;
        for tail in [
            ", trong đó:",
            ", cụ thể như sau:",
            ", như sau:",
            " như sau:",
            ":",
        ] {
            if let Some(s) = body.strip_suffix(tail) {
                t = s;
                break;
            }
        }
        return (t.trim().to_string(), body.to_string());
    }
    if body.ends_with('.')
        && let Some((head, _)) = body.split_once(": ")
    {
        return (head.trim().to_string(), body.to_string());
    }
    (body.to_string(), String::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reg() -> Registry {
        Registry::departments(&[
            ("stp", "Sở Tư pháp"),
            ("stc", "Sở Tài chính"),
            ("ubnd", "UBND tỉnh"),
        ])
    }

    #[test]
    fn headings() {
        assert_eq!(
            heading_title("Tập trung khắc phục, cụ thể như sau:").0,
            "Tập trung khắc phục"
        );
        assert_eq!(
            heading_title("Thời gian hoàn thành: Trước ngày 30/11/2023, xong.").0,
            "Thời gian hoàn thành"
        );
        assert_eq!(heading_title("Các Sở: Tư pháp, Tài chính").1, "");
    }

    #[test]
    fn duties() {
        let r = &mut reg();
        assert_eq!(short_title("Sở Nội vụ chủ trì; rồi"), "Sở Nội vụ chủ trì");
        // The names worked with end the title; the ones advised do not.
        assert_eq!(
            duty_title(
                r,
                "Sở Tư pháp chủ trì, phối hợp với Sở Tài chính rà soát văn bản."
            ),
            "Sở Tư pháp chủ trì, phối hợp với Sở Tài chính"
        );
        assert_eq!(
            duty_title(r, "Sở Tư pháp tham mưu UBND tỉnh chỉ đạo việc rà soát."),
            "Sở Tư pháp tham mưu UBND tỉnh chỉ đạo việc rà soát"
        );
        // A complement ends it once a dozen words are in.
        assert_eq!(
            duty_title(
                r,
                "Sở Tài chính thường xuyên rà soát, kiểm tra, đánh giá các khoản chi thường xuyên theo quy định."
            ),
            "Sở Tài chính thường xuyên rà soát, kiểm tra, đánh giá các khoản chi thường xuyên"
        );
    }
}
