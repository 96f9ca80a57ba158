//! Stage 5: infer roles from a sentence. Its subject (the names it starts with) implements; a
//! subject that *chủ trì* in the first clause also leads; the names after *phối hợp với*
//! coordinate, and so does a registered unit the subject *chỉ đạo* (directs). A sentence that
//! only names who leads (*Sở Tư pháp chủ trì tham mưu.*) gives the lead alone.

use super::agencies::{Found, Mode, Registry};
use super::tokens::{Tok, tokens};

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Inferred {
    pub lead: Vec<Found>,
    pub implementing: Vec<Found>,
    pub coordinating: Vec<Found>,
}

impl Inferred {
    pub fn is_empty(&self) -> bool {
        self.lead.is_empty() && self.implementing.is_empty() && self.coordinating.is_empty()
    }
}

fn push_unique(v: &mut Vec<Found>, f: Found) {
    if !v.iter().any(|x| x.agency == f.agency) {
        v.push(f);
    }
}

fn at(toks: &[Tok], i: usize, words: &[&str]) -> bool {
    words
        .iter()
        .enumerate()
        .all(|(k, w)| toks.get(i + k).is_some_and(|t| t.norm == *w))
}

/// `scopes`: the scopes printed on the role lines above, which a sentence repeats after its
/// subject (`Các Sở, ban, ngành … được thanh tra, kiểm toán tập trung …`).
pub fn infer(reg: &mut Registry, text: &str, scopes: &[(usize, String)]) -> Inferred {
    let toks = tokens(text);
    let mut out = Inferred::default();
    // Skip a leading deadline (`Trước ngày 30 tháng 11 năm 2023, …`).
    let mut start = 0;
    if (at(&toks, 0, &["trước", "ngày"]) || at(&toks, 0, &["chậm", "nhất"]))
        && let Some(k) = toks.iter().take(12).position(|t| t.norm == ",")
    {
        start = k + 1;
    }
    let subject = reg.list(text, &toks, start, Mode::Subject);
    if !subject.found.is_empty() {
        let after = subject.end;
        let rest: Vec<&str> = toks[after..].iter().map(|t| t.norm.as_str()).collect();
        let names_lead = matches!(
            rest.as_slice(),
            ["chủ", "trì", "tham", "mưu"] | ["chủ", "trì", "tham", "mưu", "."]
        );
        let clause_end = toks[after..]
            .iter()
            .position(|t| t.norm == ";" || t.norm == ".")
            .map_or(toks.len(), |k| after + k);
        let leads = (after..clause_end).any(|k| at(&toks, k, &["chủ", "trì"]));
        for f in subject.found {
            let mut f = f;
            if let Some(t) = toks.get(after)
                && let Some((_, s)) = scopes
                    .iter()
                    .find(|(a, s)| *a == f.agency && text[t.start..].starts_with(s.as_str()))
            {
                f.scope = Some(s.clone());
            }
            if leads || names_lead {
                push_unique(&mut out.lead, f.clone());
            }
            if !names_lead {
                push_unique(&mut out.implementing, f);
            }
        }
    }
    // Only a sentence with a subject directs anyone.
    let has_subject = !(out.lead.is_empty() && out.implementing.is_empty());
    let mut k = start;
    while k < toks.len() {
        if at(&toks, k, &["phối", "hợp", "với"]) {
            let l = reg.list(text, &toks, k + 3, Mode::Subject);
            k = l.end.max(k + 3);
            for f in l.found {
                push_unique(&mut out.coordinating, f);
            }
            continue;
        }
        if has_subject && at(&toks, k, &["chỉ", "đạo"]) {
            let l = reg.list(text, &toks, k + 2, Mode::Subject);
            k = l.end.max(k + 2);
            for f in l.found {
                push_unique(&mut out.coordinating, f);
            }
            continue;
        }
        k += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reg() -> Registry {
        Registry::departments(&[
            ("stp", "Sở Tư pháp"),
            ("stc", "Sở Tài chính"),
            ("tt", "Trung tâm Trợ giúp pháp lý nhà nước"),
        ])
    }

    fn ids(r: &Registry, v: &[Found]) -> Vec<String> {
        v.iter().map(|f| r.agencies[f.agency].id.clone()).collect()
    }

    #[test]
    fn subject_lead_and_coordinators() {
        let mut r = reg();
        let i = infer(
            &mut r,
            "Sở Tư pháp chủ trì, phối hợp với Sở Tài chính rà soát; chỉ đạo Trung tâm Trợ giúp pháp lý nhà nước thực hiện.",
            &[],
        );
        assert_eq!(ids(&r, &i.lead), ["stp"]);
        assert_eq!(ids(&r, &i.implementing), ["stp"]);
        assert_eq!(ids(&r, &i.coordinating), ["stc", "tt"]);
        let i = infer(&mut r, "Sở Tư pháp chủ trì tham mưu.", &[]);
        assert_eq!(
            (ids(&r, &i.lead), i.implementing.len()),
            (vec!["stp".to_string()], 0)
        );
        assert!(infer(&mut r, "Quán triệt đội ngũ cán bộ.", &[]).is_empty());
    }
}
