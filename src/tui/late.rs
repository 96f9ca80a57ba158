//! Which tasks show as late, which branches have one below, and the footer's overdue count:
//! worked out once per change of what they depend on (the plan, item states, agency parts, the
//! agency filter, the day), not again on every redraw. Views ask
//! [`State::shows_late`](crate::tui::State::shows_late) and
//! [`State::overdue_count`](crate::tui::State::overdue_count), which hand this cache what
//! lateness depends on ([`Inputs`]); nothing has to remember to invalidate it, because a
//! status or ledger gets a new generation whenever it is built or recomputed.

use std::cell::RefCell;

use chrono::NaiveDate;

use crate::plan::accountability::Ledger;
use crate::plan::{AgencyIx, NodeIx, Plan, Status, due, query};

/// What lateness depends on: the plan, item states, agency parts, the agency the tree is
/// filtered to, and the day.
#[derive(Clone, Copy)]
pub struct Inputs<'a> {
    pub plan: &'a std::rc::Rc<Plan>,
    pub status: &'a Status,
    pub ledger: &'a Ledger,
    pub agency: Option<AgencyIx>,
    pub today: NaiveDate,
}

#[derive(Debug, Clone, Default)]
pub struct LateCache(RefCell<Option<Late>>);

type Key = (usize, u64, u64, Option<AgencyIx>, NaiveDate);

#[derive(Debug, Clone)]
struct Late {
    key: Key,
    /// A task: late (with a filter, that agency's part). A branch: a task below it is.
    shown: Vec<bool>,
    overdue: usize,
}

fn key(s: Inputs<'_>) -> Key {
    (
        std::rc::Rc::as_ptr(s.plan) as usize,
        s.status.generation(),
        s.ledger.generation(),
        s.agency,
        s.today,
    )
}

fn compute(s: Inputs<'_>) -> Late {
    let plan = &s.plan;
    let n = plan.len();
    let mut shown: Vec<bool> = (0..n)
        .map(|ix| {
            plan.node(ix).is_task()
                && match s.agency {
                    Some(a) => due::part_late(plan, s.status, s.ledger, ix, a, s.today),
                    None => due::item_late(plan, s.status, ix, s.today),
                }
        })
        .collect();
    // Children come after their parent (pre-order): one backward pass marks every ancestor.
    for ix in (0..n).rev() {
        if shown[ix]
            && let Some(p) = plan.node(ix).parent
        {
            shown[p] = true;
        }
    }
    Late {
        key: key(s),
        shown,
        overdue: query::overdue(plan, s.status, s.ledger, s.today, None, None).len(),
    }
}

impl LateCache {
    fn with<T>(&self, s: Inputs<'_>, f: impl FnOnce(&Late) -> T) -> T {
        let mut cache = self.0.borrow_mut();
        let late = match cache.take() {
            Some(l) if l.key == key(s) => l,
            _ => compute(s),
        };
        f(cache.insert(late))
    }

    /// Task `ix` shows as late (with an agency, that agency's own part); a branch, when a
    /// task below it does.
    pub fn shows_late(&self, s: Inputs<'_>, ix: NodeIx) -> bool {
        self.with(s, |l| l.shown[ix])
    }

    /// Unfinished tasks past their deadline.
    pub fn overdue_count(&self, s: Inputs<'_>) -> usize {
        self.with(s, |l| l.overdue)
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::plan::ItemState;

    #[test]
    fn follows_every_change_of_status_and_day_without_being_told() {
        let plan = Rc::new(Plan::embedded());
        let ledger = Ledger::default();
        let late_day = NaiveDate::from_ymd_opt(2023, 12, 1).unwrap();
        let cache = LateCache::default();
        let on = |status, today| Inputs {
            plan: &plan,
            status,
            ledger: &ledger,
            agency: None,
            today,
        };
        let status = Status::empty(&plan);
        let task = plan.tasks().next().unwrap();
        let root = plan.ancestors(task)[0];
        let all = plan.tasks().count();
        assert_eq!(cache.overdue_count(on(&status, late_day)), all);
        assert!(cache.shows_late(on(&status, late_day), task));
        assert!(cache.shows_late(on(&status, late_day), root));

        let mut items = vec![ItemState::default(); plan.len()];
        items[task].done = true;
        let status = Status::new(&plan, items);
        assert_eq!(cache.overdue_count(on(&status, late_day)), all - 1);
        assert!(!cache.shows_late(on(&status, late_day), task));

        let early = NaiveDate::from_ymd_opt(2023, 1, 2).unwrap();
        assert_eq!(cache.overdue_count(on(&status, early)), 0);
        assert!(!cache.shows_late(on(&status, early), root));
    }
}
