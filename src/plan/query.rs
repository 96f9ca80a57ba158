//! The questions coordinators ask: what is overdue, what does an agency owe, where is a word.

use chrono::NaiveDate;

use super::accountability::Ledger;
use super::{AgencyIx, NodeIx, Plan, Role, Status, Tally, due};
use crate::text::fold;

/// Unfinished tasks due before `today` (or, with `within`, due up to that many days from
/// today), sorted by deadline then document order. With `agency`, only the tasks where that
/// agency's own part is open (see [`due`]): a part it has recorded done is not its delay.
pub fn overdue(
    plan: &Plan,
    status: &Status,
    ledger: &Ledger,
    today: NaiveDate,
    within: Option<i64>,
    agency: Option<AgencyIx>,
) -> Vec<NodeIx> {
    // Checked: a far `--today` or `--within` means "everything", never an overflow.
    let ahead = u64::try_from(within.unwrap_or(0)).unwrap_or(0);
    let limit = today
        .checked_add_days(chrono::Days::new(ahead))
        .unwrap_or(NaiveDate::MAX);
    let mut out: Vec<NodeIx> = plan
        .tasks()
        .filter(|&i| !status.items[i].done)
        .filter(|&i| {
            let d = status.deadlines[i];
            if within.is_some() {
                d <= limit
            } else {
                d < today
            }
        })
        .filter(|&i| {
            agency.is_none_or(|a| due::part_open_before(plan, status, ledger, i, a, NaiveDate::MAX))
        })
        .collect();
    out.sort_by_key(|&i| (status.deadlines[i], i));
    out
}

/// For each node: whether `agency` (directly or through a group) holds any role on it, or
/// answers for it (a milestone's extra agencies, see [`due`]).
pub fn duties(plan: &Plan, agency: AgencyIx) -> Vec<bool> {
    (0..plan.nodes.len())
        .map(|i| !plan.roles_of(i, agency).is_empty() || due::answers_for(plan, i, agency))
        .collect()
}

/// One agency's share of the plan, counted in tasks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AgencyRow {
    pub agency: AgencyIx,
    /// Tasks it leads.
    pub lead: u32,
    /// Tasks it implements.
    pub implementing: u32,
    /// Tasks it coordinates on.
    pub coordinating: u32,
    /// Done/total of the tasks it holds any role on.
    pub tally: Tally,
    /// Tasks it answers for whose part is late (see [`due`]).
    pub overdue: u32,
}

/// Every agency with at least one duty, in Vietnamese alphabetical order.
pub fn agency_rows(
    plan: &Plan,
    status: &Status,
    ledger: &Ledger,
    today: NaiveDate,
) -> Vec<AgencyRow> {
    let agencies = &plan.agencies;
    let n = agencies.len();
    // Who a named agency stands for: `a` holds a role through entry `e` when `e` is `a` or a
    // group `a` belongs to (`within`); `a` can answer for a part recorded by `p` when `p` is
    // `a` or one of its members (`expanded`). Inverted once, so each task visits only the
    // agencies it names instead of every agency.
    let mut holders: Vec<Vec<AgencyIx>> = vec![Vec::new(); n];
    let mut answerers: Vec<Vec<AgencyIx>> = vec![Vec::new(); n];
    for a in 0..n {
        for &e in agencies.within(a) {
            holders[e].push(a);
        }
        for &p in agencies.expanded(a) {
            answerers[p].push(a);
        }
    }
    let mut rows: Vec<AgencyRow> = (0..n)
        .map(|agency| AgencyRow {
            agency,
            ..Default::default()
        })
        .collect();
    // Per agency: the task it was last counted on and the roles counted there (one bit
    // each), so that two entries reaching one agency count it once.
    let mut seen: Vec<(Option<NodeIx>, u8)> = vec![(None, 0); n];
    let mut asked: Vec<Option<NodeIx>> = vec![None; n];
    for t in plan.tasks() {
        let done = status.items[t].done;
        for (k, role) in Role::ALL.into_iter().enumerate() {
            for e in plan.node(t).roles.get(role) {
                for &a in &holders[e.agency] {
                    let (row, seen) = (&mut rows[a], &mut seen[a]);
                    if seen.0 != Some(t) {
                        *seen = (Some(t), 0);
                        row.tally.total += 1;
                        row.tally.done += u32::from(done);
                    }
                    if seen.1 & (1 << k) != 0 {
                        continue;
                    }
                    seen.1 |= 1 << k;
                    match role {
                        Role::Lead => row.lead += 1,
                        Role::Implementing => row.implementing += 1,
                        Role::Coordinating => row.coordinating += 1,
                    }
                }
            }
        }
        // Counted apart from the roles: a milestone can make an agency answer for a task it
        // holds no role on (the central agencies' own plans). Only agencies that answer for
        // the task can be late on it; `due` decides whether they are.
        for &p in plan.parts(t) {
            for &a in &answerers[p] {
                if asked[a] != Some(t) {
                    asked[a] = Some(t);
                    rows[a].overdue += u32::from(due::part_late(plan, status, ledger, t, a, today));
                }
            }
        }
    }
    agencies
        .sorted()
        .iter()
        .map(|&a| std::mem::take(&mut rows[a]))
        .filter(|r| r.tally.total > 0 || r.overdue > 0)
        .collect()
}

/// Done/total per index (PAR INDEX, SIPAS, PAPI), in the plan's order.
pub fn index_tallies(plan: &Plan, status: &Status) -> Vec<Tally> {
    plan.indexes
        .iter()
        .map(|i| status.tallies[i.section])
        .collect()
}

/// A search hit.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub node: NodeIx,
    pub score: u32,
}

/// Items matching every word of `query`, ignoring case and diacritics, best first. `notes`
/// gives each node's evidence notes, already folded (may be empty).
pub fn search<'n>(plan: &Plan, query: &str, notes: &dyn Fn(NodeIx) -> Option<&'n str>) -> Vec<Hit> {
    let q = fold(query.trim());
    let words: Vec<&str> = q.split_whitespace().collect();
    // Ids compare by their lookup key, where `đ` stands for `dd` (folding makes it `d`, which
    // ranked IV.4.d above IV.4.dd for "IV.4.đ").
    let mut keys: Vec<String> = query.split_whitespace().map(super::ids::key).collect();
    if keys.len() != words.len() {
        keys = words.iter().map(|w| w.to_string()).collect();
    }
    if words.is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for ix in 0..plan.nodes.len() {
        let f = plan.folded(ix);
        let note = notes(ix);
        let mut score = 0u32;
        let mut all = true;
        for (w, k) in words.iter().zip(&keys) {
            let s = if f.id == *k {
                1000
            } else if f.id.starts_with(k.as_str()) {
                200
            } else if f.title.contains(w) {
                30
            } else if f.text.contains(w) {
                10
            } else if f.agencies.contains(w) {
                8
            } else if note.is_some_and(|n| n.contains(w)) {
                5
            } else {
                all = false;
                break;
            };
            score += s;
        }
        if !all {
            continue;
        }
        // The words together, as typed, count far more than the same words scattered.
        if words.len() > 1 {
            let phrase = words.join(" ");
            if f.title.contains(&phrase) {
                score += 300;
            } else if f.text.contains(&phrase) {
                score += 150;
            } else if f.agencies.contains(&phrase) {
                score += 100;
            } else if note.is_some_and(|n| n.contains(&phrase)) {
                score += 80;
            }
        }
        hits.push(Hit { node: ix, score });
    }
    hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.node.cmp(&b.node)));
    hits
}
