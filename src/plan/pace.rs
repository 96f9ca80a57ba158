//! Pace: what is left before the next milestone and how fast it must now go ("cần 9 nhiệm
//! vụ/tuần"), per index and for the whole plan. Pure: `today` is passed in.

use chrono::NaiveDate;

use super::{Milestone, NodeIx, Plan, Status, Tally, due};

/// The work left under one part of the plan before a milestone's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pace {
    /// Tasks due by the milestone (their deadline in force on or before it): done/total.
    pub tally: Tally,
    /// Days from today to the milestone (0 on the day).
    pub days: i64,
}

impl Pace {
    pub fn left(&self) -> u32 {
        self.tally.total - self.tally.done
    }

    /// Tasks a week needed to finish in time, rounded up; `None` when nothing is left. On the
    /// day itself (or with less than a week to go) it is what is left.
    pub fn per_week(&self) -> Option<u32> {
        let left = self.left();
        if left == 0 {
            return None;
        }
        if self.days < 7 {
            return Some(left);
        }
        let weeks = self.days as f64 / 7.0;
        Some((f64::from(left) / weeks).ceil() as u32)
    }
}

/// The first milestone on or after `today` that is not yet met.
pub fn next_milestone<'a>(
    plan: &'a Plan,
    status: &Status,
    today: NaiveDate,
) -> Option<&'a Milestone> {
    plan.milestones
        .iter()
        .filter(|m| m.date >= today && !due::milestone_met(plan, status, m))
        .min_by_key(|m| m.date)
}

/// The pace under `roots` (the whole plan: `plan.roots`) towards `milestone`.
pub fn pace(
    plan: &Plan,
    status: &Status,
    roots: &[NodeIx],
    milestone: &Milestone,
    today: NaiveDate,
) -> Pace {
    let mut tally = Tally::default();
    for &r in roots {
        for t in (r..plan.node(r).end).filter(|&t| plan.node(t).is_task()) {
            if status.deadlines[t] <= milestone.date {
                tally.total += 1;
                tally.done += u32::from(status.items[t].done);
            }
        }
    }
    Pace {
        tally,
        days: (milestone.date - today).num_days().max(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pace(done: u32, total: u32, days: i64) -> Pace {
        Pace {
            tally: Tally { done, total },
            days,
        }
    }

    #[test]
    fn the_rate_needed_rounds_up_and_a_last_week_needs_everything_left() {
        assert_eq!(pace(0, 98, 60).per_week(), Some(12)); // 98 / (60/7) = 11.4
        assert_eq!(pace(10, 17, 14).per_week(), Some(4)); // 7 in two weeks
        assert_eq!(pace(0, 5, 3).per_week(), Some(5));
        assert_eq!(pace(0, 5, 0).per_week(), Some(5));
        assert_eq!(pace(5, 5, 30).per_week(), None);
        assert_eq!(pace(2, 5, 30).left(), 3);
    }
}
