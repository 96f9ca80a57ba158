//! Item ids as users type them.
//!
//! Ids follow the document's numbering: parts `I`…`IV`, numbered headings `III.1.2.3`,
//! criteria `.c1` (`.c` when unnumbered), lettered items `.a` … `.dd` (đ typed as in Telex),
//! fields `.f1`, tasks `.t1`. Matching ignores case, accepts `đ` for `dd` and a trailing dot.

/// The lookup key of an id: lower case, `đ` → `dd`, surrounding spaces and a final dot removed.
pub fn key(id: &str) -> String {
    let t = id.trim().trim_end_matches('.');
    if t.is_ascii() {
        return t.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            'đ' | 'Đ' => out.push_str("dd"),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Whether an id is well-formed: ASCII letters, digits and dots, no empty segment.
pub fn is_valid(id: &str) -> bool {
    !id.is_empty()
        && id
            .split('.')
            .all(|seg| !seg.is_empty() && seg.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Up to five known ids closest to `wanted`, best first.
pub fn suggest<'a>(wanted: &str, known: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let w = key(wanted);
    let mut scored: Vec<(usize, &str)> = known
        .map(|id| {
            let k = key(id);
            let mut d = strsim::levenshtein(&k, &w);
            // What was typed may be the start of a real id ("iii.1.2.3" for its criteria).
            if w.len() >= 3 && k.starts_with(&w) {
                d = d.min(1 + k.len().abs_diff(w.len()) / 4);
            }
            (d, id)
        })
        .filter(|(d, _)| *d <= 3.max(w.len() / 3))
        .collect();
    scored.sort_by_key(|(d, id)| (*d, id.len()));
    scored.into_iter().take(5).map(|(_, id)| id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_and_dd() {
        assert_eq!(key("IV.4.đ"), "iv.4.dd");
        assert_eq!(key(" iii.1.2.3.C1.t2. "), "iii.1.2.3.c1.t2");
        assert!(is_valid("III.1.2.3.c1.t2"));
        assert!(!is_valid("III..1"));
        assert!(!is_valid("IV.4.đ"));
    }

    #[test]
    fn suggestions_are_close() {
        let known = [
            "III.1.2.3.c1.t1",
            "III.1.2.3.c1.t2",
            "III.1.2.3.c2",
            "IV.4.dd",
        ];
        let s = suggest("III.1.2.3.c1.t3", known.iter().copied());
        assert_eq!(s[..2], ["III.1.2.3.c1.t1", "III.1.2.3.c1.t2"]);
        assert!(suggest("zzzzzzzzzzzz", known.iter().copied()).is_empty());
        // A short id that is the start of the wanted one is not a good guess.
        let s = suggest("III.9.9", ["I", "III.1.9", "III.9"].into_iter());
        assert!(s.contains(&"III.9") && s.contains(&"III.1.9"), "{s:?}");
        assert!(!s.contains(&"I"), "{s:?}");
    }
}
