//! The agency registry: who the plan names, how groups expand, and finding an agency from
//! what a user types ("so noi vu", "SNV", "cao loc").

use rustc_hash::FxHashMap;

use crate::plan::file::AgencyKind;
use crate::text::{fold, vi_key};

pub type AgencyIx = usize;

#[derive(Debug, Clone)]
pub struct Agency {
    pub id: String,
    pub name: String,
    pub name_en: String,
    pub aliases: Vec<String>,
    pub kind: AgencyKind,
    /// Direct members (groups only).
    pub members: Vec<AgencyIx>,
    pub in_text: bool,
    /// Folded id, name, aliases and English name: what search and resolve compare. Worked
    /// out on first use (most commands resolve no agency); see [`Agency::folded`].
    pub(crate) folded: std::sync::OnceLock<Vec<String>>,
}

impl Agency {
    /// Id, name, aliases and English name, lower case and without diacritics.
    pub(crate) fn folded(&self) -> &[String] {
        self.folded.get_or_init(|| {
            let mut f = vec![fold(&self.id), fold(&self.name)];
            f.extend(self.aliases.iter().map(|s| fold(s)));
            if !self.name_en.is_empty() {
                f.push(fold(&self.name_en));
            }
            f
        })
    }

    pub fn is_group(&self) -> bool {
        self.kind == AgencyKind::Group
    }

    /// The name in the UI language.
    pub fn display_name(&self, english: bool) -> &str {
        if english && !self.name_en.is_empty() {
            &self.name_en
        } else {
            &self.name
        }
    }

    /// The shortest form the document uses ("Văn phòng UBND tỉnh"), for narrow columns. Forms
    /// that are only the end of the name ("Công Thương", from "Các Sở: … Công Thương") are
    /// not names on their own and are skipped.
    pub fn short_name(&self, english: bool) -> &str {
        if english && !self.name_en.is_empty() {
            return &self.name_en;
        }
        // Folded once per agency: [id, name, aliases…, English name].
        let folded = self.folded();
        let name = &folded[1];
        // Also skipped: forms that start in lower case ("các cơ quan, đơn vị"), as printed
        // mid-sentence.
        std::iter::once(&self.name)
            .chain(self.aliases.iter().zip(&folded[2..]).filter_map(|(a, f)| {
                (a.chars().count() > 3
                    && a.chars().next().is_some_and(char::is_uppercase)
                    && !(name.ends_with(f.as_str()) && name != f))
                    .then_some(a)
            }))
            .min_by_key(|a| a.chars().count())
            .map(String::as_str)
            .unwrap_or(&self.name)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Agencies {
    list: Vec<Agency>,
    by_id: FxHashMap<String, AgencyIx>,
    /// For each agency: itself and every group that contains it, directly or through groups.
    within: Vec<Vec<AgencyIx>>,
    /// For each group: every agency under it that is not itself a group with members; for an
    /// agency (or an empty group): itself.
    expanded: Vec<Vec<AgencyIx>>,
    /// All agencies in Vietnamese order of their names: sorted on first use, since most
    /// commands list no agencies and the collation keys were a tenth of a start.
    sorted: std::sync::OnceLock<Sorted>,
}

/// The Vietnamese order, and each agency's place in it.
#[derive(Debug, Clone, Default)]
struct Sorted {
    order: Vec<AgencyIx>,
    rank: Vec<usize>,
}

/// Why an agency query did not name exactly one agency.
#[derive(Debug, Clone, PartialEq)]
pub enum ResolveError {
    /// Nothing matched; the closest names, best first.
    Unknown(Vec<AgencyIx>),
    /// Several matched equally well.
    Ambiguous(Vec<AgencyIx>),
}

impl Agencies {
    /// Build from agencies whose `members` are already indexes. Fails with the cycle's ids if
    /// a group contains itself.
    pub(crate) fn new(list: Vec<Agency>) -> Result<Self, Vec<String>> {
        let by_id = list
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.to_ascii_lowercase(), i))
            .collect();
        let n = list.len();
        let mut expanded = vec![Vec::new(); n];
        for (i, slot) in expanded.iter_mut().enumerate() {
            let mut path = vec![i];
            let mut out = Vec::new();
            expand(&list, i, &mut path, &mut out).map_err(|cycle| {
                cycle
                    .iter()
                    .map(|&c| list[c].id.clone())
                    .collect::<Vec<_>>()
            })?;
            out.sort_unstable();
            out.dedup();
            *slot = out;
        }
        let mut within: Vec<Vec<AgencyIx>> = (0..n).map(|i| vec![i]).collect();
        for g in 0..n {
            if list[g].kind != AgencyKind::Group {
                continue;
            }
            let mut stack = list[g].members.clone();
            let mut seen = vec![false; n];
            while let Some(m) = stack.pop() {
                if std::mem::replace(&mut seen[m], true) {
                    continue;
                }
                within[m].push(g);
                stack.extend(list[m].members.iter().copied());
            }
        }
        Ok(Agencies {
            list,
            by_id,
            within,
            expanded,
            sorted: Default::default(),
        })
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn get(&self, ix: AgencyIx) -> &Agency {
        &self.list[ix]
    }

    pub fn iter(&self) -> impl Iterator<Item = (AgencyIx, &Agency)> {
        self.list.iter().enumerate()
    }

    /// Agencies in Vietnamese alphabetical order of their names.
    pub fn sorted(&self) -> &[AgencyIx] {
        &self.order().order
    }

    /// Where `a` comes in [`Agencies::sorted`]: sort agencies by it.
    pub fn rank(&self, a: AgencyIx) -> usize {
        self.order().rank[a]
    }

    fn order(&self) -> &Sorted {
        self.sorted.get_or_init(|| {
            let mut order: Vec<AgencyIx> = (0..self.list.len()).collect();
            order.sort_by_cached_key(|&a| vi_key(&self.list[a].name));
            let mut rank = vec![0; order.len()];
            for (place, &a) in order.iter().enumerate() {
                rank[a] = place;
            }
            Sorted { order, rank }
        })
    }

    pub fn by_id(&self, id: &str) -> Option<AgencyIx> {
        if id.bytes().any(|b| b.is_ascii_uppercase()) {
            self.by_id.get(&id.to_ascii_lowercase()).copied()
        } else {
            self.by_id.get(id).copied()
        }
    }

    /// The agency itself and every group it belongs to: a duty given to any of these is its duty.
    pub fn within(&self, ix: AgencyIx) -> &[AgencyIx] {
        &self.within[ix]
    }

    /// The agencies a group stands for (itself for an agency or a group with no members).
    pub fn expanded(&self, ix: AgencyIx) -> &[AgencyIx] {
        &self.expanded[ix]
    }

    /// Find one agency from an id, a name, a short form or a diacritic-free fragment.
    pub fn resolve(&self, query: &str) -> Result<AgencyIx, ResolveError> {
        let q = fold(query.trim());
        if q.is_empty() {
            return Err(ResolveError::Unknown(Vec::new()));
        }
        if let Some(ix) = self.by_id(&q) {
            return Ok(ix);
        }
        let exact: Vec<AgencyIx> = self
            .sorted()
            .iter()
            .copied()
            .filter(|&i| self.list[i].folded().contains(&q))
            .collect();
        if exact.len() == 1 {
            return Ok(exact[0]);
        }
        if exact.len() > 1 {
            return Err(ResolveError::Ambiguous(exact));
        }
        let words: Vec<&str> = q.split_whitespace().collect();
        // Whole words first: "chi lang" is Chi Lăng, not the veterans' association ("cựu
        // chiến binh tỉnh Lạng Sơn"), whose words only begin with them.
        let whole: Vec<AgencyIx> = self
            .sorted()
            .iter()
            .copied()
            .filter(|&i| {
                self.list[i].folded().iter().any(|f| {
                    let names: Vec<&str> = f.split(|c: char| !c.is_alphanumeric()).collect();
                    words.iter().all(|w| {
                        let w: Vec<&str> = w.split(|c: char| !c.is_alphanumeric()).collect();
                        names.windows(w.len().max(1)).any(|win| win == w.as_slice())
                    })
                })
            })
            .collect();
        if whole.len() == 1 {
            return Ok(whole[0]);
        }
        let partial: Vec<AgencyIx> = self
            .sorted()
            .iter()
            .copied()
            .filter(|&i| {
                self.list[i]
                    .folded()
                    .iter()
                    .any(|f| words.iter().all(|w| f.contains(w)))
            })
            .collect();
        match partial.len() {
            1 => Ok(partial[0]),
            0 => {
                let mut scored: Vec<(f64, AgencyIx)> = self
                    .sorted()
                    .iter()
                    .map(|&i| {
                        let best = self.list[i]
                            .folded()
                            .iter()
                            .map(|f| strsim::normalized_levenshtein(f, &q))
                            .fold(0.0, f64::max);
                        (best, i)
                    })
                    .filter(|(s, _)| *s > 0.4)
                    .collect();
                scored.sort_by(|a, b| b.0.total_cmp(&a.0));
                Err(ResolveError::Unknown(
                    scored.into_iter().take(5).map(|x| x.1).collect(),
                ))
            }
            _ => Err(ResolveError::Ambiguous(partial)),
        }
    }
}

fn expand(
    list: &[Agency],
    ix: AgencyIx,
    path: &mut Vec<AgencyIx>,
    out: &mut Vec<AgencyIx>,
) -> Result<(), Vec<AgencyIx>> {
    // A group with no members yet (the communes, until they are added) stands for itself.
    if list[ix].kind != AgencyKind::Group || list[ix].members.is_empty() {
        out.push(ix);
        return Ok(());
    }
    for &m in &list[ix].members {
        if let Some(pos) = path.iter().position(|&p| p == m) {
            let mut cycle = path[pos..].to_vec();
            cycle.push(m);
            return Err(cycle);
        }
        path.push(m);
        expand(list, m, path, out)?;
        path.pop();
    }
    Ok(())
}
