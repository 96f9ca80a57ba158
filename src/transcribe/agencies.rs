//! Stage 4: resolve agency names against the registry.
//!
//! Names are compared word by word, ignoring case, with *Ủy ban nhân dân* read as *UBND* and
//! the old tone placement (*Uỷ*, *hoà*) read as the new. Lists are read as printed: `các Sở: Tư
//! pháp, Tài chính` is two departments, `UBND cấp huyện, cấp xã` two levels, and the words
//! after a group that narrow it (`có đơn vị sự nghiệp công lập trực thuộc`) are its scope. A
//! name in a role line that is not in the registry becomes a proposed entry, never dropped.

use std::collections::HashMap;

use super::tokens::{Tok, tokens, words};
use crate::plan::AgencyKind;
use crate::plan::file::AgencyFile;
use crate::text::fold;

/// A resolved agency in a list, with the words that narrow it.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub agency: usize,
    pub scope: Option<String>,
}

/// What a list of names gave.
#[derive(Debug, Default)]
pub struct List {
    pub found: Vec<Found>,
    /// The token after the list.
    pub end: usize,
    /// Names not in the registry (added to it as proposals).
    pub proposed: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A printed role line: every name, scopes, and unknown names proposed.
    RoleLine,
    /// The subject of a sentence or the object of `phối hợp với`: stops at the first word
    /// that is not a name.
    Subject,
}

/// The agencies known so far: the registry file, then the names proposed from this text.
#[derive(Debug, Clone)]
pub struct Registry {
    pub agencies: Vec<AgencyFile>,
    /// How many came from the registry file; the rest were proposed.
    pub known: usize,
    /// Spellings as words, longest first.
    spellings: Vec<(Vec<String>, usize)>,
    /// The spellings (their places in `spellings`, longest first) by their first word, so a
    /// word that starts no name costs one lookup.
    by_first: HashMap<String, Vec<usize>>,
    exact: HashMap<Vec<String>, usize>,
}

#[cfg(test)]
impl Registry {
    /// A registry of departments by (id, name), for the transcriber's unit tests.
    pub(crate) fn departments(list: &[(&str, &str)]) -> Registry {
        let department = |&(id, name): &(&str, &str)| AgencyFile {
            id: id.into(),
            name: name.into(),
            name_en: String::new(),
            aliases: vec![],
            kind: crate::plan::AgencyKind::Department,
            members: vec![],
            in_text: true,
        };
        Registry::new(list.iter().map(department).collect())
    }
}

/// Words for the head of an agency, which mean a title and not an agency in a list.
const PERSON: &[&[&str]] = &[
    &["thủ", "trưởng"],
    &["chủ", "tịch"],
    &["giám", "đốc"],
    &["đề", "nghị"],
];

/// First words of agency names (folded), to tell an unknown name from a qualifier.
const HEADS: &[&str] = &[
    "so ",
    "ubnd ",
    "uy ban ",
    "ban ",
    "cuc ",
    "chi cuc ",
    "trung tam ",
    "van phong ",
    "cong an ",
    "hoi ",
    "thanh tra ",
    "kho bac ",
    "buu dien ",
    "cong ty ",
    "dai ",
    "bao ",
    "vien ",
    "benh vien ",
    "truong ",
    "lien doan ",
    "tinh doan",
    "doan ",
    "hiep hoi ",
    "ngan hang ",
    "bao hiem ",
    "phong ",
    "bo ",
    "toa an ",
    "vien kiem sat ",
];

impl Registry {
    pub fn new(agencies: Vec<AgencyFile>) -> Registry {
        let known = agencies.len();
        let mut r = Registry {
            agencies,
            known,
            spellings: Vec::new(),
            by_first: HashMap::new(),
            exact: HashMap::new(),
        };
        r.reindex();
        r
    }

    fn reindex(&mut self) {
        self.spellings.clear();
        self.exact.clear();
        for (i, a) in self.agencies.iter().enumerate() {
            for s in std::iter::once(&a.name).chain(a.aliases.iter()) {
                let w = words(s);
                if w.is_empty() {
                    continue;
                }
                self.exact.entry(w.clone()).or_insert(i);
                self.spellings.push((w, i));
            }
        }
        self.spellings.sort_by_key(|s| std::cmp::Reverse(s.0.len()));
        self.by_first.clear();
        for (k, (w, _)) in self.spellings.iter().enumerate() {
            self.by_first.entry(w[0].clone()).or_default().push(k);
        }
    }

    pub fn is_group_with_members(&self, i: usize) -> bool {
        let a = &self.agencies[i];
        a.kind == AgencyKind::Group && !a.members.is_empty()
    }

    /// The longest spelling at `i`: (agency, tokens used, the spelling's words).
    fn spelled_at(&self, toks: &[Tok], i: usize) -> Option<(usize, usize, Vec<String>)> {
        let first = self.by_first.get(&toks.get(i)?.norm)?;
        'next: for (w, a) in first.iter().map(|&k| &self.spellings[k]) {
            if i + w.len() > toks.len() {
                continue;
            }
            for (k, word) in w.iter().enumerate() {
                if toks[i + k].norm != *word {
                    continue 'next;
                }
            }
            return Some((*a, w.len(), w.clone()));
        }
        None
    }

    /// A name at `i`, reading `Tư pháp` after `các Sở:` as `Sở Tư pháp`, `cấp xã` after
    /// `UBND cấp huyện,` as `UBND cấp xã`, and skipping a head's title (`Chủ tịch UBND …`).
    fn name_at(
        &self,
        toks: &[Tok],
        i: usize,
        prefix: Option<&str>,
        prev: Option<&[String]>,
    ) -> Option<(usize, usize, Vec<String>)> {
        if let Some(hit) = self.spelled_at(toks, i) {
            return Some(hit);
        }
        if let Some(p) = prefix {
            let mut best: Option<(usize, usize, Vec<String>)> = None;
            let with_prefix = self.by_first.get(p).map_or(&[][..], Vec::as_slice);
            for (w, a) in with_prefix.iter().map(|&k| &self.spellings[k]) {
                if w.len() < 2 {
                    continue;
                }
                let rest = &w[1..];
                if i + rest.len() <= toks.len()
                    && rest.iter().enumerate().all(|(k, x)| toks[i + k].norm == *x)
                    && best.as_ref().is_none_or(|b| b.1 < rest.len())
                {
                    best = Some((*a, rest.len(), w.clone()));
                }
            }
            if best.is_some() {
                return best;
            }
        }
        if let (Some(prev), Some(t)) = (prev, toks.get(i))
            && t.norm == "cấp"
            && let (Some(at), Some(level)) = (prev.iter().position(|w| w == "cấp"), toks.get(i + 1))
        {
            let mut w = prev[..at].to_vec();
            w.push("cấp".into());
            w.push(level.norm.clone());
            if let Some(&a) = self.exact.get(&w) {
                return Some((a, 2, w));
            }
        }
        for title in PERSON {
            if i + title.len() < toks.len()
                && title
                    .iter()
                    .enumerate()
                    .all(|(k, x)| toks[i + k].norm == *x)
                && let Some((a, n, w)) = self.spelled_at(toks, i + title.len())
            {
                return Some((a, n + title.len(), w));
            }
        }
        None
    }

    /// A name, or `các Sở:` opening a list of them, at `i`.
    fn name_or_list_at(
        &self,
        toks: &[Tok],
        i: usize,
        prefix: Option<&str>,
        prev: Option<&[String]>,
    ) -> bool {
        let w = |k: usize| toks.get(i + k).map(|t| t.norm.as_str());
        (w(0) == Some("các") && w(1) == Some("sở") && w(2) == Some(":"))
            || (w(0) == Some("sở") && w(1) == Some(":"))
            || self.name_at(toks, i, prefix, prev).is_some()
    }

    /// The text starts with a name in the registry (as spelled, without a head's title).
    pub fn starts_with_name(&self, text: &str) -> bool {
        self.spelled_at(&tokens(text), 0).is_some()
    }

    /// Read a list of names starting at token `i` of `text`.
    pub fn list(&mut self, text: &str, toks: &[Tok], mut i: usize, mode: Mode) -> List {
        let mut out = List::default();
        let mut prefix: Option<&str> = None;
        let mut prev: Option<Vec<String>> = None;
        let mut run_start = 0;
        let n = toks.len();
        let is_sep = |t: &Tok| matches!(t.norm.as_str(), "," | ";" | "và");
        while i < n {
            // `các Sở:` opens a list of departments named without `Sở`.
            let w = |k: usize| toks.get(i + k).map(|t| t.norm.as_str());
            if w(0) == Some("các") && w(1) == Some("sở") && w(2) == Some(":") {
                prefix = Some("sở");
                i += 3;
                continue;
            }
            if w(0) == Some("sở") && w(1) == Some(":") {
                prefix = Some("sở");
                i += 2;
                continue;
            }
            match self.name_at(toks, i, prefix, prev.as_deref()) {
                Some((a, len, spelled)) => {
                    let from = i;
                    i += len;
                    // `Sở Xây dựng và Quy hoạch` beside a registered `Sở Xây dựng`: a longer
                    // name that starts with a known one is a new name, not the known one.
                    if mode == Mode::RoleLine && self.longer_name(text, toks, i, prefix) {
                        while i < n && !matches!(toks[i].norm.as_str(), "," | ";") {
                            i += 1;
                        }
                        let words = text[toks[from].start..toks[i - 1].end]
                            .trim_end_matches(['.', ' '])
                            .to_string();
                        let a = self.propose(&words);
                        out.proposed.push(a);
                        out.found.push(Found {
                            agency: a,
                            scope: None,
                        });
                        run_start = out.found.len();
                        prev = None;
                        continue;
                    }
                    out.found.push(Found {
                        agency: a,
                        scope: None,
                    });
                    prev = Some(spelled);
                    if i < n
                        && is_sep(&toks[i])
                        && self.name_or_list_at(toks, i + 1, prefix, prev.as_deref())
                    {
                        if toks[i].norm == ";" {
                            prefix = None;
                        }
                        i += 1;
                        continue;
                    }
                    // `, và` between names.
                    if i + 1 < n
                        && toks[i].norm == ","
                        && toks[i + 1].norm == "và"
                        && self.name_at(toks, i + 2, prefix, prev.as_deref()).is_some()
                    {
                        i += 2;
                        continue;
                    }
                    if mode == Mode::Subject {
                        break;
                    }
                    if i >= n || (toks[i].norm == "." && i + 1 == n) {
                        break;
                    }
                    if is_sep(&toks[i]) && toks[i].norm != "và" {
                        // A separator before words that are not a known name.
                        continue;
                    }
                    // Words that narrow the names before them, up to the next name or `;`.
                    let from = i;
                    while i < n {
                        if toks[i].norm == ";" {
                            break;
                        }
                        if matches!(toks[i].norm.as_str(), "," | "và")
                            && self.name_at(toks, i + 1, prefix, prev.as_deref()).is_some()
                        {
                            break;
                        }
                        i += 1;
                    }
                    let scope = text[toks[from].start..toks[i - 1].end]
                        .trim_end_matches(['.', ',', ' '])
                        .trim()
                        .to_string();
                    if !scope.is_empty() {
                        self.attach_scope(&mut out.found[run_start..], &scope);
                    }
                    run_start = out.found.len();
                    if i < n {
                        if toks[i].norm == ";" {
                            prefix = None;
                        }
                        i += 1;
                    }
                }
                None => {
                    if mode == Mode::Subject {
                        break;
                    }
                    if matches!(toks[i].norm.as_str(), "," | ";" | "." | "và") {
                        if toks[i].norm == ";" {
                            prefix = None;
                            run_start = out.found.len();
                        }
                        i += 1;
                        continue;
                    }
                    // Words up to the next separator: an unknown name, or loose words.
                    let from = i;
                    while i < n && !matches!(toks[i].norm.as_str(), "," | ";") {
                        i += 1;
                    }
                    let words = text[toks[from].start..toks[i - 1].end]
                        .trim_end_matches(['.', ' '])
                        .to_string();
                    if looks_like_agency(&words) {
                        let a = self.propose(&words);
                        out.proposed.push(a);
                        out.found.push(Found {
                            agency: a,
                            scope: None,
                        });
                        run_start = out.found.len();
                    }
                }
            }
        }
        out.end = i.min(n);
        out
    }

    /// After a name, a capitalised word (maybe after `và`) that starts no known name: the name
    /// goes on.
    fn longer_name(&self, text: &str, toks: &[Tok], i: usize, prefix: Option<&str>) -> bool {
        let capital = |k: usize| {
            toks.get(k).is_some_and(|t| {
                text[t.start..]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            })
        };
        let at = if toks.get(i).is_some_and(|t| t.norm == "và") {
            i + 1
        } else {
            i
        };
        capital(at) && !self.name_or_list_at(toks, at, prefix, None)
    }

    /// A scope narrows the groups just before it (`các Sở, ban, ngành; UBND các huyện, thành
    /// phố được thanh tra`), else the last name if it is a group.
    fn attach_scope(&self, run: &mut [Found], scope: &str) {
        let mut k = run.len();
        while k > 0 && self.is_group_with_members(run[k - 1].agency) {
            k -= 1;
        }
        if k == run.len() {
            if let Some(last) = run.last_mut()
                && self.agencies[last.agency].kind == AgencyKind::Group
            {
                last.scope = Some(scope.to_string());
            }
            return;
        }
        for f in &mut run[k..] {
            f.scope = Some(scope.to_string());
        }
    }

    /// Add a name the registry does not know, as printed, and return its index.
    pub fn propose(&mut self, printed: &str) -> usize {
        let w = words(printed);
        if let Some(&a) = self.exact.get(&w) {
            return a;
        }
        let mut slug: String = fold(printed)
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        while slug.contains("--") {
            slug = slug.replace("--", "-");
        }
        let slug = slug.trim_matches('-').to_string();
        let mut id = slug.clone();
        let mut k = 2;
        while self.agencies.iter().any(|a| a.id.eq_ignore_ascii_case(&id)) {
            id = format!("{slug}-{k}");
            k += 1;
        }
        let name = expand_ubnd(printed);
        self.agencies.push(AgencyFile {
            id,
            name,
            name_en: String::new(),
            aliases: vec![printed.to_string()],
            kind: guess_kind(printed),
            members: Vec::new(),
            in_text: true,
        });
        self.reindex();
        self.agencies.len() - 1
    }

    /// The proposed entries (not in the registry file).
    pub fn proposed(&self) -> &[AgencyFile] {
        &self.agencies[self.known..]
    }
}

fn expand_ubnd(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            if w == "UBND" {
                "Ủy ban nhân dân"
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Capitalised and starting with a word that heads agency names.
pub fn looks_like_agency(words: &str) -> bool {
    let f = format!("{} ", fold(words));
    crate::transcribe::lines::starts_upper(words)
        && words.split(' ').count() <= 12
        && HEADS.iter().any(|h| f.starts_with(h))
}

fn guess_kind(name: &str) -> AgencyKind {
    let f = fold(name);
    let has = |p: &str| f.starts_with(p);
    if has("cac ") || f.contains(" cac ") {
        AgencyKind::Group
    } else if has("so ") || has("thanh tra") || has("ban ") || has("van phong") {
        AgencyKind::Department
    } else if has("ubnd huyen") || has("ubnd thanh pho") || has("uy ban nhan dan huyen") {
        AgencyKind::District
    } else if has("ubnd xa") || has("ubnd phuong") || has("uy ban nhan dan xa") {
        AgencyKind::Commune
    } else if has("ubnd") || has("uy ban nhan dan") {
        AgencyKind::Province
    } else if has("cuc ") || has("cong an") || has("kho bac") || has("chi cuc") {
        AgencyKind::Central
    } else if has("cong ty") || has("ngan hang") || has("buu dien") {
        AgencyKind::Enterprise
    } else if has("hiep hoi") {
        AgencyKind::Association
    } else if has("hoi ") || has("lien doan") || has("doan ") || has("tinh doan") {
        AgencyKind::MassOrganisation
    } else if has("bo ") {
        AgencyKind::National
    } else {
        AgencyKind::Unit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(id: &str, kind: AgencyKind, aliases: &[&str], members: &[&str]) -> AgencyFile {
        AgencyFile {
            id: id.into(),
            name: aliases[0].into(),
            name_en: String::new(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            kind,
            members: members.iter().map(|s| s.to_string()).collect(),
            in_text: true,
        }
    }

    fn reg() -> Registry {
        Registry::new(vec![
            a("stp", AgencyKind::Department, &["Sở Tư pháp"], &[]),
            a("stc", AgencyKind::Department, &["Sở Tài chính"], &[]),
            a("syt", AgencyKind::Department, &["Sở Y tế"], &[]),
            a("ubnd-tinh", AgencyKind::Province, &["UBND tỉnh"], &[]),
            a(
                "sbn",
                AgencyKind::Group,
                &["Các Sở, ban, ngành", "các Sở, ban, ngành"],
                &["stp"],
            ),
            a(
                "huyen",
                AgencyKind::Group,
                &["UBND các huyện, thành phố", "UBND cấp huyện"],
                &["x"],
            ),
            a("xa", AgencyKind::Group, &["UBND cấp xã"], &[]),
        ])
    }

    fn ids(r: &Registry, l: &List) -> Vec<String> {
        l.found
            .iter()
            .map(|f| match &f.scope {
                Some(s) => format!("{}|{s}", r.agencies[f.agency].id),
                None => r.agencies[f.agency].id.clone(),
            })
            .collect()
    }

    fn read(r: &mut Registry, t: &str, mode: Mode) -> Vec<String> {
        let toks = tokens(t);
        let l = r.list(t, &toks, 0, mode);
        ids(r, &l)
    }

    #[test]
    fn lists_scopes_and_distributive_forms() {
        let mut r = reg();
        assert_eq!(
            read(
                &mut r,
                "Sở Y tế, các Sở, ban, ngành có đơn vị trực thuộc; UBND cấp huyện, cấp xã.",
                Mode::RoleLine
            ),
            ["syt", "sbn|có đơn vị trực thuộc", "huyen", "xa"]
        );
        assert_eq!(
            read(
                &mut r,
                "các Sở, ban, ngành; UBND các huyện, thành phố được thanh tra, kiểm toán.",
                Mode::RoleLine
            ),
            [
                "sbn|được thanh tra, kiểm toán",
                "huyen|được thanh tra, kiểm toán"
            ]
        );
        assert_eq!(
            read(
                &mut r,
                "Các Sở: Tư pháp, Tài chính và Ủy ban nhân dân tỉnh",
                Mode::Subject
            ),
            ["stp", "stc", "ubnd-tinh"]
        );
        assert_eq!(
            read(&mut r, "Sở Tư pháp chủ trì, Sở Y tế", Mode::Subject),
            ["stp"]
        );
    }

    #[test]
    fn unknown_names_are_proposed() {
        let mut r = reg();
        assert_eq!(
            read(
                &mut r,
                "Sở Tư pháp, Sở Xây dựng và Quy hoạch.",
                Mode::RoleLine
            ),
            ["stp", "so-xay-dung-va-quy-hoach"]
        );
        assert_eq!(r.proposed().len(), 1);
        assert_eq!(r.proposed()[0].kind, AgencyKind::Department);
    }
}
