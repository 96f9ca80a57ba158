//! Words and marks of a sentence, as the agency reader compares them: lower case, the old
//! tone placement (*Uỷ*, *hoà*) read as the new, quotes and brackets off, and *Ủy ban nhân
//! dân* as the one word `ubnd`, each with its place in the text.

/// A word or a punctuation mark, normalised, with its place in the text.
#[derive(Debug, Clone)]
pub struct Tok {
    pub norm: String,
    pub start: usize,
    pub end: usize,
}

fn norm_word(w: &str) -> String {
    let mut s = w.to_lowercase();
    for (old, new) in [
        ("uỷ", "ủy"),
        ("uý", "úy"),
        ("uỳ", "ùy"),
        ("uỹ", "ũy"),
        ("uỵ", "ụy"),
        ("oà", "òa"),
        ("oá", "óa"),
        ("oả", "ỏa"),
        ("oã", "õa"),
        ("oạ", "ọa"),
    ] {
        if s.contains(old) {
            s = s.replace(old, new);
        }
    }
    s
}

const LEADING: &[char] = &['(', '“', '"', '‘', '\''];
const TRAILING: &[char] = &[',', ';', ':', '.', ')', '”', '"', '’', '\'', '!', '?'];

/// Words and marks; `Ủy ban nhân dân` becomes the one word `ubnd`.
pub fn tokens(text: &str) -> Vec<Tok> {
    let mut raw = Vec::new();
    let mut pos = 0;
    for w in text.split(' ') {
        let start = pos;
        pos += w.len() + 1;
        if w.is_empty() {
            continue;
        }
        let mut s = start;
        let mut e = start + w.len();
        let mut lead = Vec::new();
        while let Some(c) = text[s..e].chars().next().filter(|c| LEADING.contains(c)) {
            lead.push(Tok {
                norm: c.to_string(),
                start: s,
                end: s + c.len_utf8(),
            });
            s += c.len_utf8();
        }
        let mut trail = Vec::new();
        while let Some(c) = text[s..e].chars().last().filter(|c| TRAILING.contains(c)) {
            trail.push(Tok {
                norm: c.to_string(),
                start: e - c.len_utf8(),
                end: e,
            });
            e -= c.len_utf8();
        }
        raw.extend(lead);
        if s < e {
            raw.push(Tok {
                norm: norm_word(&text[s..e]),
                start: s,
                end: e,
            });
        }
        raw.extend(trail.into_iter().rev());
    }
    let mut out: Vec<Tok> = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let is = |k: usize, w: &str| raw.get(i + k).is_some_and(|t| t.norm == w);
        if is(0, "ủy") && is(1, "ban") && is(2, "nhân") && is(3, "dân") {
            out.push(Tok {
                norm: "ubnd".into(),
                start: raw[i].start,
                end: raw[i + 3].end,
            });
            i += 4;
        } else {
            out.push(raw[i].clone());
            i += 1;
        }
    }
    out
}

pub(super) fn words(text: &str) -> Vec<String> {
    tokens(text).into_iter().map(|t| t.norm).collect()
}
