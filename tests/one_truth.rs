//! One truth about "late": every view that counts an agency's late parts (the `a` list and
//! `kehoach agencies`, the `o` list and `overdue --agency`, the matrix `m` by index and by
//! section, `overdue --by-agency` and the reminder letters) agrees with the model's
//! definition in `plan::due`, for random done flags, recorded parts, deadlines and days. The
//! tree's `!` under an agency filter calls the same function. And the meeting of issue 10,
//! through the real binary: an agency that recorded its part is not called late anywhere.

mod common;

use std::collections::HashMap;

use chrono::NaiveDate;
use common::cli::{Db, csv};
use kehoach::plan::accountability::{self as acc, AgencyMark, AgencyState, Ledger};
use kehoach::plan::{ItemState, Plan, Role, Status, due, query};
use proptest::prelude::*;

fn slow() -> bool {
    std::env::var_os("KEHOACH_SLOW_TESTS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// A random state of the plan: (task, done) flags, (task, agency, state) parts, (task, days)
/// deadline overrides counted from 01/06/2023, and today as days from the same day.
type World = (Vec<bool>, Vec<(usize, usize, u8)>, Vec<(usize, i64)>, i64);

fn world(tasks: usize, agencies: usize) -> impl Strategy<Value = World> {
    (
        prop::collection::vec(prop::bool::weighted(0.3), tasks),
        prop::collection::vec((0..tasks, 0..agencies, 0u8..4), 0..60),
        prop::collection::vec((0..tasks, 0i64..240), 0..10),
        0i64..240,
    )
}

fn build(plan: &Plan, w: &World) -> (Status, Ledger, NaiveDate) {
    let base = NaiveDate::from_ymd_opt(2023, 6, 1).unwrap();
    let tasks: Vec<usize> = plan.tasks().collect();
    let mut items = vec![ItemState::default(); plan.len()];
    for (k, &done) in w.0.iter().enumerate() {
        items[tasks[k]].done = done;
    }
    for &(k, days) in &w.2 {
        items[tasks[k]].deadline = Some(base + chrono::Duration::days(days));
    }
    let mut marks = HashMap::new();
    for &(k, a, s) in &w.1 {
        let t = tasks[k];
        // Only agencies that answer for the task can have a part recorded (as the store
        // enforces); pick one of them.
        let parts = acc::recordable(plan, t);
        if parts.is_empty() {
            continue;
        }
        let state = AgencyState::ALL[usize::from(s)];
        marks.insert(
            (t, parts[a % parts.len()]),
            AgencyMark {
                state,
                ..AgencyMark::default()
            },
        );
    }
    (
        Status::new(plan, items),
        Ledger::new(marks),
        base + chrono::Duration::days(w.3),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(if slow() { 96 } else { 24 }))]

    #[test]
    fn every_view_counts_an_agencys_late_parts_as_the_model_does(
        w in world(98, 40)
    ) {
        let plan = Plan::embedded();
        let (status, ledger, today) = build(&plan, &w);
        let rows = query::agency_rows(&plan, &status, &ledger, today);
        let by_index = acc::matrix(&plan, &status, &ledger, &acc::index_columns(&plan, "khác"), today);
        let by_section = acc::matrix(&plan, &status, &ledger, &acc::section_columns(&plan), today);
        let missing = acc::missing(&plan, &status, &ledger, today);
        // The `a` list's role counts, counted the plain way: every agency against every task.
        for (a, agency) in plan.agencies.iter() {
            let (mut lead, mut implementing, mut coordinating, mut total, mut done) = (0, 0, 0, 0, 0);
            for t in plan.tasks() {
                let roles = plan.roles_of(t, a);
                lead += u32::from(roles.contains(&Role::Lead));
                implementing += u32::from(roles.contains(&Role::Implementing));
                coordinating += u32::from(roles.contains(&Role::Coordinating));
                total += u32::from(!roles.is_empty());
                done += u32::from(!roles.is_empty() && status.items[t].done);
            }
            let row = rows.iter().find(|r| r.agency == a);
            let got = row.map_or((0, 0, 0, 0, 0), |r| {
                (r.lead, r.implementing, r.coordinating, r.tally.total, r.tally.done)
            });
            prop_assert_eq!(got, (lead, implementing, coordinating, total, done), "roles of {}", &agency.name);
        }
        let order: Vec<_> = rows.iter().map(|r| plan.agencies.rank(r.agency)).collect();
        prop_assert!(order.is_sorted(), "the `a` list in Vietnamese order");
        for a in acc::accountable_agencies(&plan) {
            let name = &plan.agencies.get(a).name;
            let model = due::late_parts(&plan, &status, &ledger, a, today).len();
            let a_list = rows.iter().find(|r| r.agency == a).map_or(0, |r| r.overdue as usize);
            prop_assert_eq!(a_list, model, "`a` list, {}", name);
            let o_list = query::overdue(&plan, &status, &ledger, today, None, Some(a)).len();
            prop_assert_eq!(o_list, model, "`o` list and overdue --agency, {}", name);
            for (what, m) in [("by index", &by_index), ("by section", &by_section)] {
                let cells = m.iter().find(|(x, _)| *x == a).map_or(0, |(_, cells)| {
                    cells.iter().map(|c| c.overdue as usize).sum()
                });
                prop_assert_eq!(cells, model, "matrix {}, {}", what, name);
            }
            let letters = missing.iter().filter(|m| m.agency == a).count();
            prop_assert_eq!(letters, model, "overdue --by-agency, {}", name);
        }
    }
}

/// Issue 10's meeting: Chi Lăng recorded its own plan on 25/06; on 10/07 nobody calls it late.
#[test]
fn an_agency_that_recorded_its_part_is_late_nowhere() {
    let db = Db::new();
    db.ok(&[
        "agency-done",
        "IV.1.a.t1",
        "ubnd-chi-lang",
        "--doc-date",
        "25/06/2023",
        "--doc",
        "12/KH-UBND",
    ]);
    let on = |args: &[&str]| db.ok(&[&["--today", "10/07/2023"][..], args].concat());

    let agencies = csv(&on(&["agencies", "--format", "csv"]));
    let late_col = agencies[0].len() - 1;
    let row = |name: &str| {
        agencies
            .iter()
            .find(|r| r[1].contains(name))
            .unwrap_or_else(|| panic!("{name} in {agencies:?}"))
            .clone()
    };
    assert_eq!(row("Chi Lăng")[late_col], "0", "{:?}", row("Chi Lăng"));
    assert_eq!(
        row("Cao Lộc")[late_col],
        "1",
        "another district still owes it"
    );

    let mine = on(&["overdue", "--agency", "ubnd-chi-lang"]);
    assert!(!mine.contains("IV.1.a.t1"), "{mine}");
    let theirs = on(&["overdue", "--agency", "ubnd-cao-loc"]);
    assert!(theirs.contains("IV.1.a.t1"), "{theirs}");
    let by_agency = on(&["overdue", "--by-agency"]);
    assert!(!by_agency.contains("Chi Lăng"), "{by_agency}");
    assert!(by_agency.contains("Cao Lộc"), "{by_agency}");

    // Once the item is done, its milestone is met: "xong", not a red countdown.
    let before = on(&["status"]);
    assert!(before.contains("quá hạn 10 ngày"), "{before}");
    db.ok(&["done", "IV.1.a.t1"]);
    let after = on(&["status"]);
    let line = after
        .lines()
        .find(|l| l.contains("30/06/2023"))
        .expect("the 30/06 milestone");
    assert!(line.contains("xong ") && line.ends_with("1/1"), "{line}");
    assert!(!line.contains("quá hạn"), "{line}");
}
