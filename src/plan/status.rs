//! Where the plan stands: which tasks are done, the deadline in force on every node, progress
//! rolled up the tree and countdowns from an injected `today`.

use chrono::NaiveDate;

use super::{NodeIx, Plan};

/// What the store knows about one item.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemState {
    pub done: bool,
    /// When it was marked done (RFC 3339) and by whom.
    pub done_at: Option<String>,
    pub done_by: Option<String>,
    /// A deadline set by a coordinator, overriding the plan's.
    pub deadline: Option<NaiveDate>,
    /// How many evidence notes it has.
    pub notes: u32,
}

/// Done and total tasks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub done: u32,
    pub total: u32,
}

impl Tally {
    pub fn add(&mut self, other: Tally) {
        self.done += other.done;
        self.total += other.total;
    }

    pub fn ratio(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            f64::from(self.done) / f64::from(self.total)
        }
    }

    pub fn complete(&self) -> bool {
        self.total > 0 && self.done == self.total
    }
}

/// Days left to a deadline, as of a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Countdown {
    Left(i64),
    Today,
    Late(i64),
}

impl Countdown {
    pub fn new(deadline: NaiveDate, today: NaiveDate) -> Countdown {
        let d = (deadline - today).num_days();
        match d {
            0 => Countdown::Today,
            d if d > 0 => Countdown::Left(d),
            d => Countdown::Late(-d),
        }
    }

    /// Signed days: positive left, negative late.
    pub fn days(self) -> i64 {
        match self {
            Countdown::Left(d) => d,
            Countdown::Today => 0,
            Countdown::Late(d) => -d,
        }
    }
}

/// The state of every node of one plan: item states plus what follows from them.
#[derive(Debug, Clone)]
pub struct Status {
    pub items: Vec<ItemState>,
    /// The deadline in force on each node: its own override, the plan's own, the parent's,
    /// finally the plan's default.
    pub deadlines: Vec<NaiveDate>,
    /// Done/total tasks in each node's subtree.
    pub tallies: Vec<Tally>,
    /// Changes whenever the status is built or recomputed: views that derive something from
    /// it (the interface's late glyphs and overdue count) keep the result until it changes.
    generation: u64,
}

/// A number no status or ledger built before has: see [`Status::generation`].
pub(crate) fn next_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Status {
    /// Derive deadlines and tallies from the item states (`items[ix]` for node `ix`).
    pub fn new(plan: &Plan, items: Vec<ItemState>) -> Status {
        assert_eq!(items.len(), plan.nodes.len(), "one state per node");
        let mut s = Status {
            items,
            deadlines: Vec::new(),
            tallies: Vec::new(),
            generation: 0,
        };
        s.recompute(plan);
        s
    }

    /// Which build of the status this is: equal generations, equal contents.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// A status with nothing done and no overrides.
    pub fn empty(plan: &Plan) -> Status {
        Status::new(plan, vec![ItemState::default(); plan.nodes.len()])
    }

    /// Recompute deadlines and tallies after `items` changed. Linear in the plan's size.
    pub fn recompute(&mut self, plan: &Plan) {
        self.generation = next_generation();
        let n = plan.nodes.len();
        self.deadlines.clear();
        self.deadlines.reserve(n);
        for (i, node) in plan.nodes.iter().enumerate() {
            let inherited = node
                .parent
                .map(|p| self.deadlines[p])
                .unwrap_or(plan.default_deadline);
            self.deadlines.push(
                self.items[i]
                    .deadline
                    .or(node.deadline)
                    .unwrap_or(inherited),
            );
        }
        self.tallies = vec![Tally::default(); n];
        for i in (0..n).rev() {
            let node = &plan.nodes[i];
            if node.is_task() {
                self.tallies[i] = Tally {
                    done: u32::from(self.items[i].done),
                    total: 1,
                };
            }
            if let Some(p) = node.parent {
                let t = self.tallies[i];
                self.tallies[p].add(t);
            }
        }
    }

    pub fn is_done(&self, ix: NodeIx) -> bool {
        self.items[ix].done
    }

    /// An unfinished task whose deadline is before `today`.
    pub fn is_overdue(&self, plan: &Plan, ix: NodeIx, today: NaiveDate) -> bool {
        plan.nodes[ix].is_task() && !self.items[ix].done && self.deadlines[ix] < today
    }

    /// Unfinished overdue tasks in a subtree (for marking branches).
    pub fn overdue_in(&self, plan: &Plan, ix: NodeIx, today: NaiveDate) -> usize {
        (ix..plan.nodes[ix].end)
            .filter(|&i| self.is_overdue(plan, i, today))
            .count()
    }

    pub fn countdown(&self, ix: NodeIx, today: NaiveDate) -> Countdown {
        Countdown::new(self.deadlines[ix], today)
    }

    /// Done/total of the tasks whose deadline in force is `day` (a milestone's tasks).
    pub fn due_on(&self, plan: &Plan, day: NaiveDate) -> Tally {
        let mut t = Tally::default();
        for i in plan.tasks().filter(|&i| self.deadlines[i] == day) {
            t.total += 1;
            t.done += u32::from(self.items[i].done);
        }
        t
    }

    /// Done/total of all tasks.
    pub fn total(&self, plan: &Plan) -> Tally {
        let mut t = Tally::default();
        for &r in &plan.roots {
            t.add(self.tallies[r]);
        }
        t
    }
}
