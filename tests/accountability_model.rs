//! Each agency's part of the plan, as the pure model computes it on the real plan: who answers
//! for a task (groups expanded), the agencies the 30/06 checklist adds, the count of agencies
//! done, the checklist's timing, the matrix, who is missing what, and registry edits. Ledgers
//! and statuses are built by hand; `today` is always injected.

use std::collections::HashMap;

use chrono::NaiveDate;
use kehoach::plan::accountability::{
    self as acc, AgencyMark, AgencyState, Cell, ChecklistRow, Ledger, Timing,
};
use kehoach::plan::{
    AgencyIx, AgencyKind, Countdown, EMBEDDED_PLAN, ItemState, NodeIx, Plan, PlanError,
    RegistryEdit, Role, Status, Tally,
};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn ix(plan: &Plan, id: &str) -> NodeIx {
    plan.find(id)
        .unwrap_or_else(|| panic!("{id} is not in the plan"))
}

fn ag(plan: &Plan, id: &str) -> AgencyIx {
    plan.agencies
        .by_id(id)
        .unwrap_or_else(|| panic!("no agency {id}"))
}

fn ids(plan: &Plan, agencies: &[AgencyIx]) -> Vec<String> {
    agencies
        .iter()
        .map(|&a| plan.agencies.get(a).id.clone())
        .collect()
}

/// A status with these tasks done by the coordinator.
fn with_done(plan: &Plan, done: &[&str]) -> Status {
    let mut items = vec![ItemState::default(); plan.len()];
    for id in done {
        items[ix(plan, id)].done = true;
    }
    Status::new(plan, items)
}

/// One recorded part: (item, agency, state, document, document date).
type Part<'a> = (
    &'a str,
    &'a str,
    AgencyState,
    Option<&'a str>,
    Option<NaiveDate>,
);

fn ledger(plan: &Plan, parts: &[Part<'_>]) -> Ledger {
    let mut marks = HashMap::new();
    for &(item, agency, state, doc, doc_date) in parts {
        marks.insert(
            (ix(plan, item), ag(plan, agency)),
            AgencyMark {
                state,
                at: "2023-07-01T09:00:00+07:00".into(),
                by: "lan".into(),
                doc_ref: doc.map(str::to_string),
                doc_date,
                note: None,
            },
        );
    }
    Ledger::new(marks)
}

/// The parts most tests use: Cao Lộc issued its plan on 20/06 (on time), Sở Nội vụ on 05/07
/// (late), Sở Tư pháp on the deadline day, Văn phòng UBND tỉnh without a date, Cục Thuế only
/// reported, and the duty does not apply to Kho bạc.
fn recorded(plan: &Plan) -> Ledger {
    use AgencyState::*;
    let t = "IV.1.a.t1";
    ledger(
        plan,
        &[
            (
                t,
                "ubnd-cao-loc",
                Done,
                Some("45/KH-UBND"),
                Some(date(2023, 6, 20)),
            ),
            (t, "snv", Done, Some("12/KH-SNV"), Some(date(2023, 7, 5))),
            (t, "stp", Done, Some("30/KH-STP"), Some(date(2023, 6, 30))),
            (t, "vp-ubnd", Done, None, None),
            (t, "cuc-thue", Reported, None, None),
            (t, "kho-bac", NotApplicable, None, None),
        ],
    )
}

/// Vietnamese order of the registry, as every list of agencies is sorted.
fn in_vi_order(plan: &Plan, list: &[AgencyIx]) -> bool {
    let pos = |a: &AgencyIx| plan.agencies.sorted().iter().position(|x| x == a);
    list.windows(2).all(|w| pos(&w[0]) < pos(&w[1]))
}

#[test]
fn a_groups_duty_is_a_part_for_each_member() {
    let plan = Plan::embedded();
    // "Các sở, ban, ngành, UBND cấp huyện, cấp xã cập nhật tiến độ …": 20 departments, 11
    // districts, and the communes, which the plan does not list (a group standing for itself).
    let t = ix(&plan, "III.1.2.3.c1.t2");
    let who = acc::responsible(&plan, t);
    assert_eq!(who.len(), 32, "{:?}", ids(&plan, &who));
    let departments = plan.agencies.expanded(ag(&plan, "so-ban-nganh"));
    let districts = plan.agencies.expanded(ag(&plan, "ubnd-huyen"));
    assert_eq!((departments.len(), districts.len()), (20, 11));
    for a in departments.iter().chain(districts) {
        assert!(who.contains(a), "{} missing", plan.agencies.get(*a).id);
    }
    assert!(who.contains(&ag(&plan, "ubnd-xa")));
    // The groups themselves are not agencies with a part of their own.
    for g in ["so-ban-nganh", "ubnd-huyen", "co-quan-dia-phuong"] {
        assert!(!who.contains(&ag(&plan, g)), "{g} is a group");
    }
    assert!(in_vi_order(&plan, &who), "{:?}", ids(&plan, &who));

    // Coordinating is not answering: "Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Hiệp hội
    // doanh nghiệp, các Sở, ban, ngành, UBND các huyện …" is Sở KH&ĐT's part alone.
    let t = ix(&plan, "III.1.2.8.c1.t1");
    assert_eq!(ids(&plan, &acc::responsible(&plan, t)), ["skhdt"]);
    assert_eq!(
        plan.roles_of(t, ag(&plan, "hiep-hoi-dn")),
        [Role::Coordinating]
    );
    assert_eq!(ids(&plan, &acc::recordable(&plan, t)), ["skhdt"]);

    // Lead and implementing both answer: IV.2.a is Sở Nội vụ's, IV.4.a every central agency's.
    assert_eq!(
        ids(&plan, &acc::responsible(&plan, ix(&plan, "IV.2.a"))),
        ["snv"]
    );
    let central = acc::responsible(&plan, ix(&plan, "IV.4.a"));
    assert_eq!(
        central,
        acc::answerable(&plan, ix(&plan, "IV.4.a"), &[]),
        "no `also` on IV.4.a"
    );
    assert_eq!(central.len(), 9);
    assert!(central.contains(&ag(&plan, "cuc-thue")));

    // Nobody is answerable through a group with members; coordinating-only bodies never are.
    let accountable = acc::accountable_agencies(&plan);
    assert!(accountable.contains(&ag(&plan, "ubnd-xa")));
    assert!(accountable.contains(&ag(&plan, "ubnd-cao-loc")));
    for not in ["so-ban-nganh", "ubnd-huyen", "co-quan-tw", "hiep-hoi-dn"] {
        assert!(!accountable.contains(&ag(&plan, not)), "{not}");
    }

    // Every item: each agency its lead and implementing roles name (groups expanded) once,
    // in Vietnamese order.
    for i in 0..plan.len() {
        let roles = &plan.node(i).roles;
        let mut named: Vec<AgencyIx> = roles
            .lead
            .iter()
            .chain(&roles.implementing)
            .flat_map(|e| plan.agencies.expanded(e.agency).iter().copied())
            .collect();
        named.sort_by_key(|&a| plan.agencies.rank(a));
        named.dedup();
        assert_eq!(acc::responsible(&plan, i), named, "{}", plan.node(i).id);
    }
}

#[test]
fn the_agency_plans_item_also_answers_for_the_central_agencies() {
    let plan = Plan::embedded();
    let m = acc::checklist_milestone(&plan).expect("the plan has a 30/06 milestone");
    assert_eq!(m.id, "agency-plans");
    assert_eq!(m.date, date(2023, 6, 30));
    assert_eq!(plan.node(m.item).id, "IV.1.a.t1");
    assert_eq!(ids_of_nodes(&plan, &m.also), ["IV.4.a"]);

    let t = ix(&plan, "IV.1.a.t1");
    // By its own roles: the departments, the districts and the communes.
    let own = acc::responsible(&plan, t);
    assert_eq!(own.len(), 32);
    // Recordable: those and the 9 central agencies of IV.4.a (Cục Thuế, Công an tỉnh, …).
    let all = acc::recordable(&plan, t);
    assert_eq!(all.len(), 41, "{:?}", ids(&plan, &all));
    assert_eq!(all, acc::answerable(&plan, t, &m.also));
    for a in plan.agencies.expanded(ag(&plan, "co-quan-tw")) {
        assert!(all.contains(a) && !own.contains(a));
    }
    assert!(own.iter().all(|a| all.contains(a)));
    assert!(in_vi_order(&plan, &all));
    // Other items get no extra agencies.
    for other in ["IV.1.a.t2", "IV.4.a", "III.1.2.3.c1.t2"] {
        let o = ix(&plan, other);
        assert_eq!(
            acc::recordable(&plan, o),
            acc::responsible(&plan, o),
            "{other}"
        );
    }
}

fn ids_of_nodes(plan: &Plan, nodes: &[NodeIx]) -> Vec<String> {
    nodes.iter().map(|&n| plan.node(n).id.clone()).collect()
}

#[test]
fn agencies_done_counts_done_parts_and_leaves_not_applicable_out() {
    let plan = Plan::embedded();
    let t = ix(&plan, "IV.1.a.t1");
    let l = recorded(&plan);
    let st = Status::empty(&plan);
    // 4 done (Cao Lộc, Sở Nội vụ, Sở Tư pháp, VP UBND); Cục Thuế only reported; Kho bạc out.
    assert_eq!(
        acc::item_tally(&plan, &st, &l, t),
        Tally { done: 4, total: 40 }
    );
    assert_eq!(
        l.state(&st, t, ag(&plan, "cuc-thue")),
        AgencyState::Reported
    );
    assert_eq!(
        l.state(&st, t, ag(&plan, "ubnd-loc-binh")),
        AgencyState::NotStarted
    );
    // Nothing recorded: nobody done, everyone counted.
    let empty = Ledger::default();
    assert_eq!(
        acc::item_tally(&plan, &st, &empty, t),
        Tally { done: 0, total: 41 }
    );
    // A part recorded on another item does not count here.
    let elsewhere = ledger(
        &plan,
        &[("IV.1.a.t2", "snv", AgencyState::Done, None, None)],
    );
    assert_eq!(acc::item_tally(&plan, &st, &elsewhere, t).done, 0);

    // The coordinator marks the item done: every part counts as done, except where the duty
    // does not apply, and what the agencies recorded is kept.
    let done = with_done(&plan, &["IV.1.a.t1"]);
    let tally = acc::item_tally(&plan, &done, &l, t);
    assert_eq!(
        tally,
        Tally {
            done: 40,
            total: 40
        }
    );
    assert!(tally.complete());
    assert_eq!(l.state(&done, t, ag(&plan, "cuc-thue")), AgencyState::Done);
    assert_eq!(
        l.state(&done, t, ag(&plan, "kho-bac")),
        AgencyState::NotApplicable
    );
    assert_eq!(
        l.mark(t, ag(&plan, "cuc-thue")).unwrap().state,
        AgencyState::Reported
    );
    // A single-agency task.
    let iv2a = ix(&plan, "IV.2.a");
    assert_eq!(
        acc::item_tally(&plan, &st, &l, iv2a),
        Tally { done: 0, total: 1 }
    );
}

fn row<'a>(plan: &Plan, rows: &'a [ChecklistRow], agency: &str) -> &'a ChecklistRow {
    let a = ag(plan, agency);
    rows.iter()
        .find(|r| r.agency == a)
        .unwrap_or_else(|| panic!("{agency} is not on the checklist"))
}

#[test]
fn the_checklist_says_on_time_late_undated_or_how_long_is_left() {
    let plan = Plan::embedded();
    let m = acc::checklist_milestone(&plan).unwrap();
    let l = recorded(&plan);
    let st = Status::empty(&plan);
    let list = |today| acc::checklist(&plan, &st, &l, m.item, &m.also, today);

    let before = list(date(2023, 6, 20));
    let agencies: Vec<AgencyIx> = before.iter().map(|r| r.agency).collect();
    assert_eq!(
        agencies,
        acc::recordable(&plan, m.item),
        "41 agencies, in order"
    );

    let cao_loc = row(&plan, &before, "ubnd-cao-loc");
    assert_eq!(cao_loc.state, AgencyState::Done);
    assert_eq!(cao_loc.timing, Timing::OnTime);
    assert_eq!(cao_loc.doc_ref.as_deref(), Some("45/KH-UBND"));
    assert_eq!(cao_loc.doc_date, Some(date(2023, 6, 20)));
    // Issued on 05/07: five days late, whatever today is.
    assert_eq!(row(&plan, &before, "snv").timing, Timing::Late(5));
    // Issued on the deadline day is on time.
    assert_eq!(row(&plan, &before, "stp").timing, Timing::OnTime);
    assert_eq!(row(&plan, &before, "vp-ubnd").timing, Timing::Undated);
    // Not issued: the countdown, before the deadline …
    let thue = row(&plan, &before, "cuc-thue");
    assert_eq!(thue.state, AgencyState::Reported);
    assert_eq!(thue.timing, Timing::Pending(Countdown::Left(10)));
    assert_eq!(
        row(&plan, &before, "ubnd-loc-binh").timing,
        Timing::Pending(Countdown::Left(10))
    );
    // … on the day, and after it.
    assert_eq!(
        row(&plan, &list(date(2023, 6, 30)), "ubnd-loc-binh").timing,
        Timing::Pending(Countdown::Today)
    );
    let after = list(date(2023, 7, 10));
    assert_eq!(
        row(&plan, &after, "ubnd-loc-binh").timing,
        Timing::Pending(Countdown::Late(10))
    );
    assert_eq!(row(&plan, &after, "snv").timing, Timing::Late(5));
    // Where the duty does not apply there is nothing to issue: neither late nor pending.
    let kho_bac = row(&plan, &after, "kho-bac");
    assert_eq!(kho_bac.state, AgencyState::NotApplicable);
    assert_eq!(kho_bac.timing, Timing::NotApplicable);
    let pending = after
        .iter()
        .filter(|r| matches!(r.timing, Timing::Pending(_)))
        .count();
    assert_eq!(pending, 41 - 4 - 1);

    // The coordinator marks IV.1.a.t1 done: everyone is done; without a document date the
    // checklist cannot say on time or late.
    let done = with_done(&plan, &["IV.1.a.t1"]);
    let rows = acc::checklist(&plan, &done, &l, m.item, &m.also, date(2023, 7, 10));
    assert_eq!(row(&plan, &rows, "ubnd-loc-binh").timing, Timing::Undated);
    assert_eq!(row(&plan, &rows, "ubnd-loc-binh").state, AgencyState::Done);
    assert_eq!(row(&plan, &rows, "snv").timing, Timing::Late(5));
    assert!(!rows.iter().any(|r| matches!(r.timing, Timing::Pending(_))));

    // A coordinator moves the deadline to 15/07: Sở Nội vụ's 05/07 plan is on time.
    let mut items = vec![ItemState::default(); plan.len()];
    items[m.item].deadline = Some(date(2023, 7, 15));
    let moved = Status::new(&plan, items);
    let rows = acc::checklist(&plan, &moved, &l, m.item, &m.also, date(2023, 7, 10));
    assert_eq!(row(&plan, &rows, "snv").timing, Timing::OnTime);
    assert_eq!(
        row(&plan, &rows, "ubnd-loc-binh").timing,
        Timing::Pending(Countdown::Left(5))
    );
}

fn labels(cols: &[acc::Column]) -> Vec<&str> {
    cols.iter().map(|c| c.label.as_str()).collect()
}

/// Every task under the column's roots.
fn tasks_of(plan: &Plan, col: &acc::Column) -> Vec<NodeIx> {
    col.roots
        .iter()
        .flat_map(|&r| (r..plan.node(r).end).filter(|&t| plan.node(t).is_task()))
        .collect()
}

#[test]
fn the_matrix_columns_cover_every_task_once() {
    let plan = Plan::embedded();
    let by_index = acc::index_columns(&plan, "Khác");
    assert_eq!(labels(&by_index), ["PAR INDEX", "SIPAS", "PAPI", "Khác"]);
    assert_eq!(
        ids_of_nodes(&plan, &by_index[0].roots),
        ["III.1"],
        "PAR INDEX is section III.1"
    );
    assert_eq!(ids_of_nodes(&plan, &by_index[3].roots), ["III.4", "IV"]);

    let by_section = acc::section_columns(&plan);
    assert_eq!(
        labels(&by_section),
        [
            "1.1", "1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.2.5", "1.2.6", "1.2.7", "1.2.8", "1.2.9",
            "2.1", "2.2", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8", "III.4", "IV.1",
            "IV.2", "IV.3", "IV.4", "IV.5", "IV.6",
        ]
    );
    // 1.2 is only groups, so its groups are columns; 1.2.3 is the heading "1.2.3.".
    assert_eq!(ids_of_nodes(&plan, &by_section[3].roots), ["III.1.2.3"]);

    // In both layouts each of the 98 tasks is in exactly one column.
    for cols in [&by_index, &by_section] {
        let mut seen = vec![0; plan.len()];
        for c in cols.iter() {
            for t in tasks_of(&plan, c) {
                seen[t] += 1;
            }
        }
        for t in plan.tasks() {
            assert_eq!(seen[t], 1, "{} in {} columns", plan.node(t).id, seen[t]);
        }
        assert_eq!(plan.tasks().count(), 98);
    }
}

/// Add a row's cells up.
fn sum(cells: &[Cell]) -> (u32, u32, u32) {
    cells.iter().fold((0, 0, 0), |(d, t, o), c| {
        (d + c.tally.done, t + c.tally.total, o + c.overdue)
    })
}

#[test]
fn matrix_cells_add_up_to_each_agencys_parts() {
    let plan = Plan::embedded();
    let l = recorded(&plan);
    let st = with_done(&plan, &["III.1.2.3.c1.t2", "IV.2.a"]);
    let today = date(2023, 7, 10);
    let by_index = acc::matrix(&plan, &st, &l, &acc::index_columns(&plan, "Khác"), today);
    let by_section = acc::matrix(&plan, &st, &l, &acc::section_columns(&plan), today);

    // The same agencies in both layouts: those answerable for something, in Vietnamese order.
    let rows: Vec<AgencyIx> = by_index.iter().map(|r| r.0).collect();
    assert_eq!(rows, acc::accountable_agencies(&plan));
    assert_eq!(rows, by_section.iter().map(|r| r.0).collect::<Vec<_>>());

    for ((a, cells), (_, sec_cells)) in by_index.iter().zip(&by_section) {
        // Counted independently: each task the agency answers for, by its state.
        let (mut done, mut total, mut overdue) = (0, 0, 0);
        for t in plan.tasks() {
            if !acc::recordable(&plan, t).contains(a) {
                continue;
            }
            match l.state(&st, t, *a) {
                AgencyState::NotApplicable => continue,
                AgencyState::Done => done += 1,
                _ if st.deadlines[t] < today => overdue += 1,
                _ => {}
            }
            total += 1;
        }
        let name = &plan.agencies.get(*a).id;
        assert_eq!(sum(cells), (done, total, overdue), "{name} by index");
        assert_eq!(sum(sec_cells), (done, total, overdue), "{name} by section");
        for c in cells.iter().chain(sec_cells) {
            assert!(c.tally.done + c.overdue <= c.tally.total, "{name}: {c:?}");
        }
    }

    // Cao Lộc: 39 parts (the same number its report counts); 2 done, its plan (IV.1.a.t1,
    // under "Khác") and III.1.2.3.c1.t2 (the coordinator's); nothing overdue on 10/07.
    let cao_loc = &by_index[rows
        .iter()
        .position(|&r| r == ag(&plan, "ubnd-cao-loc"))
        .unwrap()]
    .1;
    assert_eq!(sum(cao_loc), (2, 39, 0));
    assert_eq!(cao_loc[0].tally, Tally { done: 1, total: 22 });
    assert_eq!(cao_loc[3].tally, Tally { done: 1, total: 4 });
    // Lộc Bình has not issued its plan: one overdue part, under "Khác".
    let loc_binh = &by_index[rows
        .iter()
        .position(|&r| r == ag(&plan, "ubnd-loc-binh"))
        .unwrap()]
    .1;
    assert_eq!(
        loc_binh.iter().map(|c| c.overdue).collect::<Vec<_>>(),
        [0, 0, 0, 1]
    );
    // Cục Thuế answers for its plan too (the checklist's `also`): overdue there; Kho bạc's
    // does not apply, so it is not counted at all.
    let central = |id: &str| by_index[rows.iter().position(|&r| r == ag(&plan, id)).unwrap()].1[3];
    assert_eq!(
        (central("cuc-thue").tally.total, central("cuc-thue").overdue),
        (3, 1)
    );
    assert_eq!(
        (central("kho-bac").tally.total, central("kho-bac").overdue),
        (1, 0)
    );
    assert_eq!(
        (
            central("cuc-hai-quan").tally.total,
            central("cuc-hai-quan").overdue
        ),
        (3, 1)
    );
}

#[test]
fn missing_parts_are_sorted_by_deadline_then_agency() {
    let plan = Plan::embedded();
    let l = recorded(&plan);
    let st = with_done(&plan, &["III.1.2.3.c1.t2"]);
    let all = acc::missing(&plan, &st, &l, date(2023, 12, 1));

    let order = |a: AgencyIx| plan.agencies.sorted().iter().position(|&x| x == a);
    for w in all.windows(2) {
        let key = |m: &acc::Missing| (st.deadlines[m.item], order(m.agency), m.item);
        assert!(key(&w[0]) < key(&w[1]), "{:?} before {:?}", w[0], w[1]);
    }
    assert_eq!(st.deadlines[all[0].item], date(2023, 6, 30));
    assert_eq!(st.deadlines[all.last().unwrap().item], date(2023, 11, 30));

    let t = ix(&plan, "IV.1.a.t1");
    let on_plan: Vec<&acc::Missing> = all.iter().filter(|m| m.item == t).collect();
    // 41 answerable, 4 done, Kho bạc not applicable: 36 missing, the central agencies
    // included, Cục Thuế's "reported" still among them.
    assert_eq!(on_plan.len(), 36);
    let has = |id: &str| on_plan.iter().any(|m| m.agency == ag(&plan, id));
    for id in ["ubnd-loc-binh", "cuc-thue", "cong-an-tinh", "ubnd-xa"] {
        assert!(has(id), "{id} has not issued its plan");
    }
    for id in ["ubnd-cao-loc", "snv", "stp", "vp-ubnd", "kho-bac"] {
        assert!(!has(id), "{id} is not missing");
    }
    let thue = on_plan
        .iter()
        .find(|m| m.agency == ag(&plan, "cuc-thue"))
        .unwrap();
    assert_eq!(thue.state, AgencyState::Reported);
    assert_eq!(thue.role, Role::Implementing);
    // An item the coordinator marked done is nobody's missing part.
    let done = ix(&plan, "III.1.2.3.c1.t2");
    assert!(!all.iter().any(|m| m.item == done));
    // The lead is named as lead.
    let skhdt = all
        .iter()
        .find(|m| m.item == ix(&plan, "III.1.2.8.c1.t1"))
        .unwrap();
    assert_eq!(
        (plan.agencies.get(skhdt.agency).id.as_str(), skhdt.role),
        ("skhdt", Role::Lead)
    );
    // Nobody coordinating is listed.
    assert!(!all.iter().any(|m| m.agency == ag(&plan, "hiep-hoi-dn")));

    // `until` is exclusive: due on 30/06 is missing only from 01/07.
    assert!(acc::missing(&plan, &st, &l, date(2023, 6, 30)).is_empty());
    let first = acc::missing(&plan, &st, &l, date(2023, 7, 1));
    assert_eq!(first.len(), 36);
    assert!(first.iter().all(|m| m.item == t));
}

fn commune(id: &str, name: &str) -> RegistryEdit {
    RegistryEdit::Agency {
        id: id.into(),
        name: name.into(),
        kind: AgencyKind::Commune,
    }
}

fn member(group: &str, member: &str, add: bool) -> RegistryEdit {
    RegistryEdit::Member {
        group: group.into(),
        member: member.into(),
        add,
    }
}

#[test]
fn a_commune_added_to_the_communes_answers_for_every_commune_duty() {
    let before = Plan::embedded();
    let xa = ag(&before, "ubnd-xa");
    let commune_duties: Vec<NodeIx> = before
        .tasks()
        .filter(|&t| acc::recordable(&before, t).contains(&xa))
        .collect();
    assert!(commune_duties.len() > 30, "{}", commune_duties.len());

    let mut plan = before.clone();
    plan.apply_registry(&[
        commune("ubnd-xa-hoang-dong", "UBND xã Hoàng Đồng"),
        member("ubnd-xa", "ubnd-xa-hoang-dong", true),
        commune("ubnd-phuong-chi-lang", "UBND phường Chi Lăng"),
        member("ubnd-xa", "ubnd-phuong-chi-lang", true),
    ])
    .unwrap();
    // Existing agencies keep their positions: recorded parts still point at the right one.
    assert_eq!(ag(&plan, "snv"), ag(&before, "snv"));
    assert_eq!(ag(&plan, "ubnd-xa"), xa);
    let hd = ag(&plan, "ubnd-xa-hoang-dong");
    assert_eq!(plan.agencies.resolve("hoang dong"), Ok(hd));
    assert!(plan.agencies.within(hd).contains(&xa));
    assert!(
        plan.agencies
            .within(hd)
            .contains(&ag(&plan, "co-quan-dia-phuong"))
    );

    // Each commune answers for exactly the duties of "UBND cấp xã"; the group no longer
    // stands for itself.
    for t in plan.tasks() {
        let who = acc::recordable(&plan, t);
        let duty = commune_duties.contains(&t);
        assert_eq!(who.contains(&hd), duty, "{}", plan.node(t).id);
        assert_eq!(
            who.contains(&ag(&plan, "ubnd-phuong-chi-lang")),
            duty,
            "{}",
            plan.node(t).id
        );
        assert!(!who.contains(&xa));
    }
    // III.1.2.3.c1.t2: 20 + 11 + 2 communes; the checklist: 32 + 9 central agencies.
    assert_eq!(
        acc::responsible(&plan, ix(&plan, "III.1.2.3.c1.t2")).len(),
        33
    );
    let m = acc::checklist_milestone(&plan).unwrap();
    let st = Status::empty(&plan);
    let rows = acc::checklist(
        &plan,
        &st,
        &Ledger::default(),
        m.item,
        &m.also,
        date(2023, 7, 1),
    );
    assert_eq!(rows.len(), 42);
    assert!(rows.iter().any(|r| r.agency == hd));
    let missing = acc::missing(&plan, &st, &Ledger::default(), date(2023, 12, 1));
    assert_eq!(
        missing.iter().filter(|m| m.agency == hd).count(),
        commune_duties.len()
    );

    // Taking both out again: the group stands for itself once more, the communes answer for
    // nothing.
    plan.apply_registry(&[
        member("ubnd-xa", "ubnd-xa-hoang-dong", false),
        member("ubnd-xa", "ubnd-phuong-chi-lang", false),
    ])
    .unwrap();
    assert!(plan.agencies.get(xa).members.is_empty());
    for t in plan.tasks() {
        let who = acc::recordable(&plan, t);
        assert!(!who.contains(&hd));
        assert_eq!(who, acc::recordable(&before, t), "{}", plan.node(t).id);
    }
    assert!(!acc::accountable_agencies(&plan).contains(&hd));
}

#[test]
fn registry_edits_that_make_no_sense_are_refused_and_change_nothing() {
    let plan = Plan::embedded();
    // The communes are in "các cơ quan, đơn vị, địa phương"; putting that group in the communes
    // would make a loop.
    let mut p = plan.clone();
    let err = p
        .apply_registry(&[member("ubnd-xa", "co-quan-dia-phuong", true)])
        .unwrap_err();
    let PlanError::GroupCycle(cycle) = &err else {
        panic!("{err:?}")
    };
    assert!(cycle.contains(&"ubnd-xa".to_string()));
    assert!(cycle.contains(&"co-quan-dia-phuong".to_string()));
    assert!(err.to_string().contains("cycle"), "{err}");
    let t = ix(&p, "III.1.2.3.c1.t2");
    assert_eq!(acc::responsible(&p, t), acc::responsible(&plan, t));
    assert!(p.agencies.get(ag(&p, "ubnd-xa")).members.is_empty());

    // A member nobody created.
    let err = p
        .apply_registry(&[member("ubnd-xa", "ubnd-xa-khong-co", true)])
        .unwrap_err();
    assert!(
        matches!(&err, PlanError::UnknownAgency { agency, .. } if agency == "ubnd-xa-khong-co"),
        "{err:?}"
    );
    assert_eq!(p.agencies.len(), plan.agencies.len());
}

#[test]
fn a_created_commune_that_a_later_plan_file_names_itself_is_not_created_twice() {
    // A coordinator created the commune; a corrected plan file later lists it with the same
    // id. The file's entry is used and the commune stays in the group: the stored plan loads.
    let mut file: serde_json::Value = serde_json::from_str(EMBEDDED_PLAN).unwrap();
    file["agencies"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "id": "ubnd-xa-hoang-dong",
            "name": "Ủy ban nhân dân xã Hoàng Đồng",
            "name_en": "Hoang Dong Commune People's Committee",
            "kind": "commune",
            "in_text": false
        }));
    let mut plan = Plan::parse(&file.to_string()).unwrap();
    let before = plan.agencies.len();
    plan.apply_registry(&[
        commune("ubnd-xa-hoang-dong", "UBND xã Hoàng Đồng"),
        member("ubnd-xa", "ubnd-xa-hoang-dong", true),
    ])
    .unwrap();
    assert_eq!(plan.agencies.len(), before);
    let hd = ag(&plan, "ubnd-xa-hoang-dong");
    assert_eq!(plan.agencies.get(hd).name, "Ủy ban nhân dân xã Hoàng Đồng");
    assert_eq!(plan.agencies.get(ag(&plan, "ubnd-xa")).members, [hd]);
    assert!(acc::recordable(&plan, ix(&plan, "IV.1.a.t1")).contains(&hd));
}
