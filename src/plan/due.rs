//! The one definition of "settled" and "late": for an item, for an agency's part of an item,
//! and for a milestone. Every view and command asks these functions, so a list, a filtered
//! tree, the matrix and a reminder letter never disagree about who is late.
//!
//! - An item is late when it is a task, not done, and its deadline in force is before today.
//! - An agency answers for a task when its part can be recorded (lead or implementing, groups
//!   expanded, plus a milestone's extra items: [`super::accountability::recordable`]); a group answers through its
//!   members. Coordinating agencies support; they are never late.
//! - An agency's part is settled when the item is done or its own part is recorded done or not
//!   applicable (a group's, when every member that answers is settled).
//! - An agency is late on a task it answers for whose part is unsettled past the deadline.
//! - A milestone is met when its item is done (every task under it, for a branch).

use chrono::NaiveDate;

use super::accountability::{AgencyState, Ledger};
use super::{AgencyIx, Milestone, NodeIx, Plan, Status};

/// The members of `agency` that answer for `item` (the agency itself when it is not a group).
fn answering(plan: &Plan, item: NodeIx, agency: AgencyIx) -> Vec<AgencyIx> {
    let parts = plan.parts(item);
    plan.agencies
        .expanded(agency)
        .iter()
        .copied()
        .filter(|a| parts.contains(a))
        .collect()
}

/// Whether `agency` (or, for a group, one of its members) answers for task `item`.
pub fn answers_for(plan: &Plan, item: NodeIx, agency: AgencyIx) -> bool {
    plan.node(item).is_task() && !answering(plan, item, agency).is_empty()
}

/// Whether the agency's part of `item` needs nothing more: the item is done, or its own part
/// (every answering member's, for a group) is recorded done or not applicable.
pub fn part_settled(
    plan: &Plan,
    status: &Status,
    ledger: &Ledger,
    item: NodeIx,
    agency: AgencyIx,
) -> bool {
    settled(status, ledger, item, &answering(plan, item, agency))
}

fn settled(status: &Status, ledger: &Ledger, item: NodeIx, members: &[AgencyIx]) -> bool {
    status.items[item].done
        || members.iter().all(|&a| {
            matches!(
                ledger.state(status, item, a),
                AgencyState::Done | AgencyState::NotApplicable
            )
        })
}

/// An unsettled part of a task the agency answers for, due before `until` (today for "late").
pub fn part_open_before(
    plan: &Plan,
    status: &Status,
    ledger: &Ledger,
    item: NodeIx,
    agency: AgencyIx,
    until: NaiveDate,
) -> bool {
    if status.deadlines[item] >= until || !plan.node(item).is_task() {
        return false;
    }
    let members = answering(plan, item, agency);
    !members.is_empty() && !settled(status, ledger, item, &members)
}

/// The agency's part of `item` is late on `today`.
pub fn part_late(
    plan: &Plan,
    status: &Status,
    ledger: &Ledger,
    item: NodeIx,
    agency: AgencyIx,
    today: NaiveDate,
) -> bool {
    part_open_before(plan, status, ledger, item, agency, today)
}

/// Every task on which `agency` is late, in document order.
pub fn late_parts(
    plan: &Plan,
    status: &Status,
    ledger: &Ledger,
    agency: AgencyIx,
    today: NaiveDate,
) -> Vec<NodeIx> {
    plan.tasks()
        .filter(|&t| part_late(plan, status, ledger, t, agency, today))
        .collect()
}

/// An item is late: a task, not done, its deadline before `today`.
pub fn item_late(plan: &Plan, status: &Status, item: NodeIx, today: NaiveDate) -> bool {
    status.is_overdue(plan, item, today)
}

/// A milestone is met when its item is done (every task under it, for a branch).
pub fn milestone_met(plan: &Plan, status: &Status, m: &Milestone) -> bool {
    if plan.node(m.item).is_task() {
        status.items[m.item].done
    } else {
        status.tallies[m.item].complete()
    }
}

/// `None` while the milestone is not met; once met, the day its last task was marked done
/// (when the store knows it).
pub fn milestone_met_on(plan: &Plan, status: &Status, m: &Milestone) -> Option<Option<NaiveDate>> {
    if !milestone_met(plan, status, m) {
        return None;
    }
    Some(
        (m.item..plan.node(m.item).end)
            .filter(|&i| plan.node(i).is_task())
            .filter_map(|i| status.items[i].done_at.as_deref())
            .filter_map(|at| NaiveDate::parse_from_str(at.get(..10)?, "%Y-%m-%d").ok())
            .max(),
    )
}
