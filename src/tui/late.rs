//! Which tasks show as late, which branches have one below, and the footer's overdue count:
//! worked out once per change of what they depend on (the plan, item states, agency parts, the
//! agency filter, the day), not again on every redraw. Views ask [`State::shows_late`] and
//! [`State::overdue_count`]; nothing has to remember to invalidate it, because a status or
//! ledger gets a new generation whenever it is built or recomputed.

use std::cell::RefCell;

use chrono::NaiveDate;

use super::state::State;
use crate::plan::{AgencyIx, NodeIx, due, query};

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

fn key(s: &State) -> Key {
    (
        std::rc::Rc::as_ptr(&s.plan) as usize,
        s.status.generation(),
        s.ledger.generation(),
        s.filter.as_ref().map(|f| f.agency),
        s.today,
    )
}

fn compute(s: &State) -> Late {
    let plan = &s.plan;
    let n = plan.len();
    let mut shown: Vec<bool> = (0..n)
        .map(|ix| {
            plan.node(ix).is_task()
                && match &s.filter {
                    Some(f) => due::part_late(plan, &s.status, &s.ledger, ix, f.agency, s.today),
                    None => due::item_late(plan, &s.status, ix, s.today),
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
        overdue: query::overdue(plan, &s.status, &s.ledger, s.today, None, None).len(),
    }
}

impl LateCache {
    fn with<T>(&self, s: &State, f: impl FnOnce(&Late) -> T) -> T {
        let mut cache = self.0.borrow_mut();
        let late = match cache.take() {
            Some(l) if l.key == key(s) => l,
            _ => compute(s),
        };
        f(cache.insert(late))
    }
}

impl State {
    /// Task `ix` shows as late (with an agency filter, that agency's own part: one definition
    /// for every view, [`crate::plan::due`]); a branch, when a task below it does.
    pub fn shows_late(&self, ix: NodeIx) -> bool {
        self.late.with(self, |l| l.shown[ix])
    }

    /// Unfinished tasks past their deadline, for the footer.
    pub fn overdue_count(&self) -> usize {
        self.late.with(self, |l| l.overdue)
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::i18n::Lang;
    use crate::plan::{ItemState, Plan, Status};

    #[test]
    fn follows_every_change_of_status_and_day_without_being_told() {
        let plan = Rc::new(Plan::embedded());
        let late_day = NaiveDate::from_ymd_opt(2023, 12, 1).unwrap();
        let mut s = State::new(
            plan.clone(),
            Status::empty(&plan),
            Lang::Vi,
            late_day,
            "lan",
        );
        let task = plan.tasks().next().unwrap();
        let root = plan.ancestors(task)[0];
        let all = plan.tasks().count();
        assert_eq!(s.overdue_count(), all);
        assert!(s.shows_late(task) && s.shows_late(root));

        let mut items = vec![ItemState::default(); plan.len()];
        items[task].done = true;
        s.status = Status::new(&plan, items);
        assert_eq!(s.overdue_count(), all - 1);
        assert!(!s.shows_late(task));

        s.today = NaiveDate::from_ymd_opt(2023, 1, 2).unwrap();
        assert_eq!(s.overdue_count(), 0);
        assert!(!s.shows_late(root));
    }
}
