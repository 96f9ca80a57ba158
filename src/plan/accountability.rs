//! Who has done their part. A duty given to a group is a duty of each member, so every task has
//! a list of responsible agencies (lead and implementing, groups expanded), each with its own
//! state. The item's own done flag stays the coordinator's decision: marking it done counts
//! every agency's part as done.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{AgencyIx, Countdown, NodeIx, Plan, Role, Status, Tally};

/// Where one agency stands on one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyState {
    #[default]
    NotStarted,
    /// It reported progress (a report sent, the work under way).
    Reported,
    Done,
    /// The duty does not apply to it (a department with no public service unit, say).
    NotApplicable,
}

impl AgencyState {
    pub const ALL: [AgencyState; 4] = [
        AgencyState::NotStarted,
        AgencyState::Reported,
        AgencyState::Done,
        AgencyState::NotApplicable,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AgencyState::NotStarted => "not_started",
            AgencyState::Reported => "reported",
            AgencyState::Done => "done",
            AgencyState::NotApplicable => "not_applicable",
        }
    }

    pub fn from_code(s: &str) -> Option<AgencyState> {
        AgencyState::ALL.into_iter().find(|a| a.code() == s)
    }
}

/// An agency's recorded state on an item, with its evidence.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AgencyMark {
    pub state: AgencyState,
    /// When and by whom it was recorded (RFC 3339).
    pub at: String,
    pub by: String,
    /// The document that proves it ("45/KH-UBND") and its date.
    pub doc_ref: Option<String>,
    pub doc_date: Option<NaiveDate>,
    pub note: Option<String>,
}

/// Every recorded agency state of one plan.
#[derive(Clone, Default)]
pub struct Ledger {
    marks: HashMap<(NodeIx, AgencyIx), AgencyMark>,
    /// Which ledger this is (0: the empty default); see [`Status::generation`].
    generation: u64,
}

/// The marks only: two ledgers read from the same rows print the same, whatever their
/// generation.
impl std::fmt::Debug for Ledger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ledger")
            .field("marks", &self.marks)
            .finish()
    }
}

impl Ledger {
    pub fn new(marks: HashMap<(NodeIx, AgencyIx), AgencyMark>) -> Ledger {
        Ledger {
            marks,
            generation: super::status::next_generation(),
        }
    }

    /// Equal generations, equal contents: a ledger never changes once built.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn mark(&self, item: NodeIx, agency: AgencyIx) -> Option<&AgencyMark> {
        self.marks.get(&(item, agency))
    }

    pub fn len(&self) -> usize {
        self.marks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.marks.is_empty()
    }

    /// The agency's state on the item, counting the coordinator's done flag.
    pub fn state(&self, status: &Status, item: NodeIx, agency: AgencyIx) -> AgencyState {
        let own = self
            .mark(item, agency)
            .map_or(AgencyState::NotStarted, |m| m.state);
        if status.items[item].done && own != AgencyState::NotApplicable {
            AgencyState::Done
        } else {
            own
        }
    }
}

/// The agencies answerable for an item: its lead and implementing agencies, each group replaced
/// by its members (a group with no members yet, such as the communes, stands for itself), in
/// Vietnamese order.
pub fn responsible(plan: &Plan, ix: NodeIx) -> Vec<AgencyIx> {
    answerable(plan, ix, &[])
}

/// The agencies whose part of `item` can be recorded: its responsible agencies, and for the
/// checklist item also those of `also` (see [`checklist`]).
pub fn answerable(plan: &Plan, item: NodeIx, also: &[NodeIx]) -> Vec<AgencyIx> {
    // Marked, then read out in Vietnamese order: the checklist's item names most of the
    // registry through its groups, and sorting each list was most of a first "who is late".
    let mut named = vec![false; plan.agencies.len()];
    let mut count = 0;
    for &ix in std::iter::once(&item).chain(also) {
        let roles = &plan.node(ix).roles;
        for e in roles.lead.iter().chain(&roles.implementing) {
            for &a in plan.agencies.expanded(e.agency) {
                count += usize::from(!named[a]);
                named[a] = true;
            }
        }
    }
    let mut out = Vec::with_capacity(count);
    out.extend(plan.agencies.sorted().iter().filter(|&&a| named[a]));
    out
}

/// How many of an item's agencies (see [`recordable`]) have done their part (not-applicable ones are
/// left out of both numbers).
pub fn item_tally(plan: &Plan, status: &Status, ledger: &Ledger, ix: NodeIx) -> Tally {
    let mut t = Tally::default();
    for a in recordable(plan, ix) {
        match ledger.state(status, ix, a) {
            AgencyState::NotApplicable => {}
            AgencyState::Done => {
                t.done += 1;
                t.total += 1;
            }
            _ => t.total += 1,
        }
    }
    t
}

/// The milestone the agencies' own plans answer to: `agency-plans`, else the earliest one.
pub fn checklist_milestone(plan: &Plan) -> Option<&super::Milestone> {
    let m = &plan.milestones;
    m.iter()
        .find(|m| m.id == "agency-plans")
        .or_else(|| m.iter().min_by_key(|m| m.date))
}

/// The agencies whose part of `item` can be recorded: its responsible agencies, and for a
/// milestone's item also those of the milestone's other items.
pub fn recordable(plan: &Plan, item: NodeIx) -> Vec<AgencyIx> {
    let also: &[NodeIx] = plan
        .milestones
        .iter()
        .find(|m| m.item == item)
        .map_or(&[], |m| &m.also);
    answerable(plan, item, also)
}

/// One line of the 30/06 checklist: whether an agency has issued its own plan.
#[derive(Debug, Clone, PartialEq)]
pub struct ChecklistRow {
    pub agency: AgencyIx,
    pub state: AgencyState,
    pub doc_ref: Option<String>,
    pub doc_date: Option<NaiveDate>,
    /// Issued: days after the deadline it was issued (0 or less is on time). Not issued: the
    /// countdown from today.
    pub timing: Timing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timing {
    OnTime,
    Late(i64),
    /// Done, but no document date was recorded.
    Undated,
    Pending(Countdown),
    /// The duty does not apply to it: neither issued nor missing.
    NotApplicable,
}

/// The checklist for the agencies' own plans: every department, district and central agency
/// answerable for `item` (IV.1.a.t1) or for `also` (IV.4.a, the central agencies' duty to act on
/// the plan), in Vietnamese order.
pub fn checklist(
    plan: &Plan,
    status: &Status,
    ledger: &Ledger,
    item: NodeIx,
    also: &[NodeIx],
    today: NaiveDate,
) -> Vec<ChecklistRow> {
    let deadline = status.deadlines[item];
    answerable(plan, item, also)
        .into_iter()
        .map(|a| {
            let state = ledger.state(status, item, a);
            let mark = ledger.mark(item, a);
            let doc_date = mark.and_then(|m| m.doc_date);
            let timing = match (state, doc_date) {
                (AgencyState::NotApplicable, _) => Timing::NotApplicable,
                (AgencyState::Done, Some(d)) if d <= deadline => Timing::OnTime,
                (AgencyState::Done, Some(d)) => Timing::Late((d - deadline).num_days()),
                (AgencyState::Done, None) => Timing::Undated,
                _ => Timing::Pending(Countdown::new(deadline, today)),
            };
            ChecklistRow {
                agency: a,
                state,
                doc_ref: mark.and_then(|m| m.doc_ref.clone()),
                doc_date,
                timing,
            }
        })
        .collect()
}

/// A column of the accountability matrix: a part of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Short heading ("PAR INDEX", "1.2.3").
    pub label: String,
    /// The subtrees it covers.
    pub roots: Vec<NodeIx>,
}

/// One cell: an agency's tasks in a column.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Cell {
    pub tally: Tally,
    pub overdue: u32,
}

/// The matrix's columns by index: PAR INDEX, SIPAS, PAPI, then everything else (III.4, IV).
pub fn index_columns(plan: &Plan, rest_label: &str) -> Vec<Column> {
    let mut cols: Vec<Column> = plan
        .indexes
        .iter()
        .map(|i| Column {
            label: i.name.clone(),
            roots: vec![i.section],
        })
        .collect();
    let covered: Vec<NodeIx> = plan.indexes.iter().map(|i| i.section).collect();
    let mut rest = Vec::new();
    for &r in &plan.roots {
        if plan.node(r).children.iter().any(|c| covered.contains(c)) {
            rest.extend(
                plan.node(r)
                    .children
                    .iter()
                    .copied()
                    .filter(|c| !covered.contains(c)),
            );
        } else if (r..plan.node(r).end).any(|i| plan.node(i).is_task()) {
            rest.push(r);
        }
    }
    cols.push(Column {
        label: rest_label.to_string(),
        roots: rest,
    });
    cols
}

/// The matrix's columns by section: the numbered groups under each index (a group made only
/// of groups, like 1.2, gives way to them), then the other sections with tasks (III.4, IV.1 …).
pub fn section_columns(plan: &Plan) -> Vec<Column> {
    let has_tasks = |i: NodeIx| (i..plan.node(i).end).any(|t| plan.node(t).is_task());
    fn flatten(plan: &Plan, g: NodeIx, out: &mut Vec<NodeIx>) {
        let n = plan.node(g);
        if !n.children.is_empty()
            && n.children
                .iter()
                .all(|&c| plan.node(c).kind == super::NodeKind::Group)
        {
            for &c in &n.children {
                flatten(plan, c, out);
            }
        } else {
            out.push(g);
        }
    }
    let mut picked = Vec::new();
    for &part in &plan.roots {
        for &sec in plan.node(part).children.iter().filter(|&&c| has_tasks(c)) {
            if plan.indexes.iter().any(|i| i.section == sec) {
                for &g in plan.node(sec).children.iter().filter(|&&c| has_tasks(c)) {
                    flatten(plan, g, &mut picked);
                }
            } else {
                picked.push(sec);
            }
        }
    }
    picked
        .into_iter()
        .map(|i| {
            let n = plan.node(i);
            Column {
                label: if n.index.is_some() {
                    n.label.trim_end_matches('.').to_string()
                } else {
                    n.id.clone()
                },
                roots: vec![i],
            }
        })
        .collect()
}

/// The accountability matrix: for every agency that answers for some task, its done/total and
/// overdue parts under each column. An agency counts on a task when its part of it can be
/// recorded (see [`recordable`]); not-applicable parts are left out.
pub fn matrix(
    plan: &Plan,
    status: &Status,
    ledger: &Ledger,
    columns: &[Column],
    today: NaiveDate,
) -> Vec<(AgencyIx, Vec<Cell>)> {
    let mut cells: HashMap<AgencyIx, Vec<Cell>> = HashMap::new();
    for (c, col) in columns.iter().enumerate() {
        for &root in &col.roots {
            for t in (root..plan.node(root).end).filter(|&t| plan.node(t).is_task()) {
                for a in recordable(plan, t) {
                    let state = ledger.state(status, t, a);
                    if state == AgencyState::NotApplicable {
                        continue;
                    }
                    let row = cells
                        .entry(a)
                        .or_insert_with(|| vec![Cell::default(); columns.len()]);
                    row[c].tally.total += 1;
                    if state == AgencyState::Done {
                        row[c].tally.done += 1;
                    } else if super::due::part_late(plan, status, ledger, t, a, today) {
                        row[c].overdue += 1;
                    }
                }
            }
        }
    }
    plan.agencies
        .sorted()
        .iter()
        .filter_map(|a| cells.remove(a).map(|row| (*a, row)))
        .collect()
}

/// Agencies that are answerable for something: not groups, unless a group has no members.
pub fn accountable_agencies(plan: &Plan) -> Vec<AgencyIx> {
    let mut seen = vec![false; plan.agencies.len()];
    for t in plan.tasks() {
        for a in responsible(plan, t) {
            seen[a] = true;
        }
    }
    plan.agencies
        .sorted()
        .iter()
        .copied()
        .filter(|&a| seen[a])
        .collect()
}

/// An agency's unfinished part of a task whose deadline has passed (or falls within `within`
/// days), for `overdue --by-agency` and the reminder letters.
#[derive(Debug, Clone, PartialEq)]
pub struct Missing {
    pub agency: AgencyIx,
    pub item: NodeIx,
    pub role: Role,
    pub state: AgencyState,
}

/// For every agency: the tasks where its part is not done (not started or only reported) and
/// the deadline is before `until`, counting the parts the checklist adds (see [`recordable`]).
/// Sorted by deadline, then agency order, then document order.
pub fn missing(plan: &Plan, status: &Status, ledger: &Ledger, until: NaiveDate) -> Vec<Missing> {
    let mut out = Vec::new();
    for t in plan.tasks() {
        if status.items[t].done || status.deadlines[t] >= until {
            continue;
        }
        let node = plan.node(t);
        for a in recordable(plan, t) {
            if !super::due::part_open_before(plan, status, ledger, t, a, until) {
                continue;
            }
            let state = ledger.state(status, t, a);
            let within = plan.agencies.within(a);
            let leads = node.roles.lead.iter().any(|e| within.contains(&e.agency));
            out.push(Missing {
                agency: a,
                item: t,
                role: if leads {
                    Role::Lead
                } else {
                    Role::Implementing
                },
                state,
            });
        }
    }
    out.sort_by_key(|m| {
        (
            status.deadlines[m.item],
            plan.agencies.rank(m.agency),
            m.item,
        )
    });
    out
}
