//! The pure model on the real plan, with `today` injected: roles and their inheritance, group
//! membership, deadlines, roll-ups, overdue, countdowns, search, agency lookup, ordering and
//! the errors a broken plan file gets.

mod common;

use chrono::NaiveDate;
use common::plan_file::{edited_plan, node_mut};
use kehoach::plan::accountability::Ledger;
use kehoach::plan::{
    self, AgencyIx, Countdown, ItemState, NodeIx, Plan, PlanError, ResolveError, Role, Status,
    Tally, due, query,
};
use kehoach::text::{fold, vi_cmp};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn ix(plan: &Plan, id: &str) -> NodeIx {
    plan.find(id)
        .unwrap_or_else(|| panic!("{id} is not in the plan"))
}

fn agency(plan: &Plan, query: &str) -> AgencyIx {
    plan.agencies
        .resolve(query)
        .unwrap_or_else(|e| panic!("{query:?} does not name one agency: {e:?}"))
}

fn ids_of(plan: &Plan, role: &[plan::RoleEntry]) -> Vec<String> {
    role.iter()
        .map(|e| plan.agencies.get(e.agency).id.clone())
        .collect()
}

/// A status with these tasks done.
fn with_done(plan: &Plan, done: &[&str]) -> Status {
    let mut items = vec![ItemState::default(); plan.len()];
    for id in done {
        items[ix(plan, id)].done = true;
    }
    Status::new(plan, items)
}

#[test]
fn a_task_without_a_subject_inherits_the_criterions_roles() {
    let plan = Plan::embedded();
    // "+ Tổ chức triển khai hiệu quả các Nghị quyết …" names nobody: 1.2.8 (1) decides.
    let t = plan.node(ix(&plan, "III.1.2.8.c1.t1"));
    assert!(t.own_roles.is_empty());
    let c = plan.node(ix(&plan, "III.1.2.8.c1"));
    assert_eq!(t.roles, c.roles);
    assert_eq!(ids_of(&plan, &t.roles.lead), ["skhdt"]);
    assert_eq!(
        ids_of(&plan, &t.roles.coordinating),
        ["hiep-hoi-dn", "so-ban-nganh", "ubnd-huyen"]
    );

    // "+ Quán triệt đội ngũ …" under 1.2.5 (1): two leads, three implementing groups.
    let t = plan.node(ix(&plan, "III.1.2.5.c1.t1"));
    assert!(t.own_roles.is_empty());
    assert_eq!(ids_of(&plan, &t.roles.lead), ["snv", "thanh-tra"]);
    assert_eq!(
        ids_of(&plan, &t.roles.implementing),
        ["so-ban-nganh", "ubnd-huyen", "ubnd-xa"]
    );

    // A task that names its own subject keeps it and inherits only the roles it leaves out.
    let t = plan.node(ix(&plan, "III.1.2.1.c.t2"));
    assert_eq!(ids_of(&plan, &t.roles.implementing), ["vp-ubnd"]);
    assert!(t.own_roles.lead.is_empty());
    assert_eq!(ids_of(&plan, &t.roles.lead), ["vp-ubnd"]);

    // Each task's roles are its own where it has them, else its parent's.
    for i in 0..plan.len() {
        let n = plan.node(i);
        let Some(p) = n.parent else { continue };
        for r in Role::ALL {
            let want = if n.own_roles.get(r).is_empty() {
                plan.node(p).roles.get(r)
            } else {
                n.own_roles.get(r)
            };
            assert_eq!(n.roles.get(r), want, "{} {r:?}", n.id);
        }
    }

    // The index is inherited the same way; part IV serves no single index.
    let index = |id: &str| {
        plan.node(ix(&plan, id))
            .index
            .map(|i| plan.indexes[i].name.clone())
    };
    assert_eq!(index("III.1.2.8.c1.t1").as_deref(), Some("PAR INDEX"));
    assert_eq!(index("III.2.2.t5").as_deref(), Some("SIPAS"));
    assert_eq!(index("III.3.8.b").as_deref(), Some("PAPI"));
    assert_eq!(index("IV.2.a"), None);
}

#[test]
fn a_departments_duties_include_its_groups_duties() {
    let plan = Plan::embedded();
    let snv = agency(&plan, "so noi vu");
    assert_eq!(plan.agencies.get(snv).name, "Sở Nội vụ");
    let duties = query::duties(&plan, snv);
    let roles = |id: &str| plan.roles_of(ix(&plan, id), snv);

    // What it leads and does itself.
    assert_eq!(roles("III.1.2.4.c2.t1"), [Role::Lead, Role::Implementing]);
    assert_eq!(roles("IV.2.a"), [Role::Implementing]);
    // What it implements as one of "các Sở, ban, ngành" (Sở Tài chính leads).
    assert_eq!(roles("III.1.2.6.c2.t1"), [Role::Implementing]);
    // What it coordinates: by name (IV.6) and as one of the Sở (IV.4.b, III.1.2.6.c3.t1).
    assert_eq!(roles("IV.6"), [Role::Coordinating]);
    assert_eq!(roles("IV.4.b"), [Role::Coordinating]);
    assert_eq!(roles("III.1.2.6.c3.t1"), [Role::Coordinating]);
    // As one of "các cơ quan, đơn vị, địa phương" (III.4).
    assert_eq!(roles("III.4"), [Role::Implementing]);
    for id in [
        "III.1.2.4.c2.t1",
        "III.1.2.6.c2.t1",
        "IV.4.b",
        "IV.6",
        "III.4",
    ] {
        assert!(duties[ix(&plan, id)], "{id} is a duty of Sở Nội vụ");
    }
    // Not its business: communes, land registration, the listed departments of 3.6 a).
    for id in ["III.3.1.a", "III.3.5.c", "III.3.6.a", "IV.4.c", "IV.5.a"] {
        assert!(!duties[ix(&plan, id)], "{id} is not a duty of Sở Nội vụ");
        assert!(roles(id).is_empty());
    }
}

#[test]
fn a_district_gets_the_duties_of_ubnd_cac_huyen_thanh_pho() {
    let plan = Plan::embedded();
    let cao_loc = agency(&plan, "cao loc");
    assert_eq!(
        plan.agencies.get(cao_loc).name,
        "Ủy ban nhân dân huyện Cao Lộc"
    );
    let duties = query::duties(&plan, cao_loc);
    // "UBND các huyện, thành phố chỉ đạo thực hiện tốt công tác rà soát …"
    assert_eq!(
        plan.roles_of(ix(&plan, "III.3.7.c"), cao_loc),
        [Role::Implementing]
    );
    // "UBND cấp huyện, cấp xã tăng cường …"
    assert!(duties[ix(&plan, "III.3.1.b")]);
    // Chi Lăng is named beside the group; Cao Lộc is in through the group.
    assert!(duties[ix(&plan, "III.1.2.5.c2.t1")]);
    // Commune-only and department-only items are not.
    assert!(
        !duties[ix(&plan, "III.3.1.a")],
        "UBND các xã, phường, thị trấn only"
    );
    assert!(!duties[ix(&plan, "IV.2.a")], "Sở Nội vụ only");
    // A district has as many duties as its group, and every district the same.
    let huyen = agency(&plan, "UBND các huyện, thành phố");
    let group = query::duties(&plan, huyen);
    for &d in plan.agencies.expanded(huyen) {
        let mine = query::duties(&plan, d);
        for i in 0..plan.len() {
            if group[i] {
                assert!(
                    mine[i],
                    "{} misses {}",
                    plan.agencies.get(d).name,
                    plan.node(i).id
                );
            }
        }
    }
    assert_eq!(plan.agencies.expanded(huyen).len(), 11);
}

#[test]
fn effective_deadlines_and_overrides() {
    let plan = Plan::embedded();
    let (a, t1, t2) = (
        ix(&plan, "IV.1.a"),
        ix(&plan, "IV.1.a.t1"),
        ix(&plan, "IV.1.a.t2"),
    );
    let st = Status::empty(&plan);
    assert_eq!(st.deadlines[t1], date(2023, 6, 30));
    assert_eq!(st.deadlines[t2], date(2023, 11, 30));
    assert_eq!(st.deadlines[a], date(2023, 11, 30));

    // A coordinator moves IV.1.a: its tasks follow, except the one with its own date.
    let mut items = vec![ItemState::default(); plan.len()];
    items[a].deadline = Some(date(2023, 12, 15));
    let mut st = Status::new(&plan, items);
    assert_eq!(st.deadlines[a], date(2023, 12, 15));
    assert_eq!(st.deadlines[t2], date(2023, 12, 15));
    assert_eq!(st.deadlines[t1], date(2023, 6, 30));
    // Overriding the task itself wins over the plan's own date.
    st.items[t1].deadline = Some(date(2023, 7, 15));
    st.recompute(&plan);
    assert_eq!(st.deadlines[t1], date(2023, 7, 15));
    // Siblings elsewhere are untouched.
    assert_eq!(st.deadlines[ix(&plan, "IV.2.a")], date(2023, 11, 30));
}

#[test]
fn progress_rolls_up_per_node_index_and_part() {
    let plan = Plan::embedded();
    let st = Status::empty(&plan);
    let t = |st: &Status, id: &str| st.tallies[ix(&plan, id)];
    assert_eq!(st.total(&plan), Tally { done: 0, total: 98 });
    assert_eq!(
        query::index_tallies(&plan, &st),
        [
            Tally { done: 0, total: 50 },
            Tally { done: 0, total: 7 },
            Tally { done: 0, total: 22 }
        ]
    );
    assert_eq!(t(&st, "I"), Tally::default(), "purposes are not tasks");
    assert_eq!(t(&st, "II"), Tally::default(), "goals are not tasks");

    let st = with_done(
        &plan,
        &["III.1.2.9.t1", "III.1.2.9.t3", "III.3.8.b", "IV.2.a"],
    );
    assert_eq!(t(&st, "III.1.2.9"), Tally { done: 2, total: 3 });
    assert_eq!(t(&st, "III.1.2"), Tally { done: 2, total: 44 });
    assert_eq!(t(&st, "III.1"), Tally { done: 2, total: 50 });
    assert_eq!(t(&st, "III.3.8"), Tally { done: 1, total: 3 });
    assert_eq!(t(&st, "III"), Tally { done: 3, total: 80 });
    assert_eq!(t(&st, "IV"), Tally { done: 1, total: 18 });
    assert_eq!(st.total(&plan), Tally { done: 4, total: 98 });
    assert_eq!(
        query::index_tallies(&plan, &st),
        [
            Tally { done: 2, total: 50 },
            Tally { done: 0, total: 7 },
            Tally { done: 1, total: 22 }
        ]
    );
    // A branch is complete when all its tasks are.
    let st = with_done(&plan, &["III.1.2.9.t1", "III.1.2.9.t2", "III.1.2.9.t3"]);
    assert!(t(&st, "III.1.2.9").complete());
    assert!(!t(&st, "III.1.2").complete());
    assert!((t(&st, "III.1.2.9").ratio() - 1.0).abs() < f64::EPSILON);
}

#[test]
fn per_agency_rows_count_group_duties() {
    let plan = Plan::embedded();
    let today = date(2023, 7, 1);
    let row = |st: &Status, a: AgencyIx| {
        query::agency_rows(&plan, st, &Ledger::default(), today)
            .into_iter()
            .find(|r| r.agency == a)
            .expect("agency has duties")
    };
    let (snv, syt, xa, cao_loc) = (
        agency(&plan, "snv"),
        agency(&plan, "Sở Y tế"),
        agency(&plan, "UBND cấp xã"),
        agency(&plan, "cao loc"),
    );
    let st = Status::empty(&plan);
    let before = row(&st, snv);
    let duties = query::duties(&plan, snv);
    let owed = plan.tasks().filter(|&t| duties[t]).count() as u32;
    assert_eq!(
        before.tally,
        Tally {
            done: 0,
            total: owed
        }
    );
    assert!(before.lead > 0 && before.implementing > 0 && before.coordinating > 0);
    // On 1 July only the agencies' own plans (IV.1.a.t1, due 30/06) are late.
    assert_eq!(before.overdue, 1);

    // Done by "các Sở, ban, ngành, UBND các huyện, thành phố": every department and district
    // sees it, the communes do not.
    let st = with_done(&plan, &["III.1.2.6.c2.t1"]);
    assert_eq!(row(&st, snv).tally.done, 1);
    assert_eq!(row(&st, syt).tally.done, 1);
    assert_eq!(row(&st, cao_loc).tally.done, 1);
    assert_eq!(row(&st, xa).tally.done, 0);

    // Every listed agency has duties; the list is in Vietnamese order.
    let rows = query::agency_rows(&plan, &st, &Ledger::default(), today);
    assert!(rows.iter().all(|r| r.tally.total > 0));
    for w in rows.windows(2) {
        let (a, b) = (
            &plan.agencies.get(w[0].agency).name,
            &plan.agencies.get(w[1].agency).name,
        );
        assert_ne!(vi_cmp(a, b), std::cmp::Ordering::Greater, "{a} before {b}");
    }
    // National bodies named for context hold no duty and are left out.
    let chinh_phu = agency(&plan, "Chính phủ");
    assert!(rows.iter().all(|r| r.agency != chinh_phu));
}

#[test]
fn overdue_depends_on_today() {
    let plan = Plan::embedded();
    let st = Status::empty(&plan);
    let ids = |v: Vec<NodeIx>| -> Vec<String> {
        v.into_iter().map(|i| plan.node(i).id.clone()).collect()
    };
    let overdue = |st: &Status, y, m, d, within| {
        ids(query::overdue(
            &plan,
            st,
            &Ledger::default(),
            date(y, m, d),
            within,
            None,
        ))
    };

    assert!(overdue(&st, 2023, 3, 1, None).is_empty());
    assert!(
        overdue(&st, 2023, 6, 30, None).is_empty(),
        "due today is not late"
    );
    assert_eq!(overdue(&st, 2023, 7, 1, None), ["IV.1.a.t1"]);
    assert_eq!(overdue(&st, 2023, 11, 30, None), ["IV.1.a.t1"]);
    let all = overdue(&st, 2023, 12, 1, None);
    assert_eq!(all.len(), 98);
    // Sorted by deadline, then in document order.
    assert_eq!(all[0], "IV.1.a.t1");
    let rest: Vec<String> = plan
        .tasks()
        .map(|t| plan.node(t).id.clone())
        .filter(|id| id != "IV.1.a.t1")
        .collect();
    assert_eq!(all[1..], rest[..]);

    // Done tasks are never overdue.
    let st2 = with_done(&plan, &["IV.1.a.t1", "IV.2.a"]);
    let late = overdue(&st2, 2023, 12, 1, None);
    assert_eq!(late.len(), 96);
    assert!(!late.contains(&"IV.1.a.t1".to_string()));
    assert!(overdue(&st2, 2023, 7, 1, None).is_empty());

    // `within`: due within N days (and anything already late).
    assert_eq!(overdue(&st, 2023, 6, 20, Some(10)), ["IV.1.a.t1"]);
    assert!(overdue(&st, 2023, 6, 20, Some(9)).is_empty());
    assert_eq!(overdue(&st, 2023, 11, 25, Some(5)).len(), 98);
    assert_eq!(overdue(&st, 2023, 11, 25, Some(4)), ["IV.1.a.t1"]);

    // Per agency: the tasks it answers for (lead or implementing, group duties included);
    // coordinating is support, never late.
    let snv = agency(&plan, "so noi vu");
    let mine = ids(query::overdue(
        &plan,
        &st,
        &Ledger::default(),
        date(2023, 12, 1),
        None,
        Some(snv),
    ));
    let answers = plan
        .tasks()
        .filter(|&t| due::answers_for(&plan, t, snv))
        .count();
    assert_eq!(mine.len(), answers);
    let duties = query::duties(&plan, snv);
    assert!(answers < plan.tasks().filter(|&t| duties[t]).count());
    assert!(mine.contains(&"III.1.2.6.c2.t1".to_string()));
    assert!(
        !mine.contains(&"IV.4.b".to_string()),
        "Sở Nội vụ only coordinates IV.4.b"
    );
    assert!(!mine.contains(&"III.3.5.c".to_string()));
    assert!(st.is_overdue(&plan, ix(&plan, "IV.1.a.t1"), date(2023, 7, 1)));
    assert!(
        !st.is_overdue(&plan, ix(&plan, "IV.1"), date(2023, 12, 1)),
        "groups are not tasks"
    );
    assert_eq!(
        st.overdue_in(&plan, ix(&plan, "IV.1"), date(2023, 12, 1)),
        3
    );
}

#[test]
fn countdowns_from_an_injected_today() {
    let plan = Plan::embedded();
    let st = Status::empty(&plan);
    let (t1, t2) = (ix(&plan, "IV.1.a.t1"), ix(&plan, "IV.1.a.t2"));
    assert_eq!(st.countdown(t1, date(2023, 6, 18)), Countdown::Left(12));
    assert_eq!(st.countdown(t1, date(2023, 6, 30)), Countdown::Today);
    assert_eq!(st.countdown(t1, date(2023, 7, 1)), Countdown::Late(1));
    assert_eq!(st.countdown(t2, date(2026, 11, 28)), Countdown::Late(1094));
    assert_eq!(st.countdown(t2, date(2023, 1, 1)), Countdown::Left(333));
    assert_eq!(Countdown::Late(3).days(), -3);
    assert_eq!(Countdown::Today.days(), 0);
    assert_eq!(
        kehoach::i18n::countdown(kehoach::i18n::Lang::Vi, Countdown::Late(1094)),
        "quá hạn 1094 ngày"
    );
}

#[test]
fn search_ignores_case_and_diacritics() {
    let plan = Plan::embedded();
    let none = |_: NodeIx| None;
    let hits = |q: &str| -> Vec<String> {
        query::search(&plan, q, &none)
            .into_iter()
            .map(|h| plan.node(h.node).id.clone())
            .collect()
    };

    let giai = hits("giai ngan");
    assert_eq!(
        giai[0], "III.1.2.6.c1",
        "the criterion titled “… giải ngân …” first"
    );
    for id in &giai {
        let f = plan.folded(ix(&plan, id));
        let all = format!("{} {} {} {}", f.id, f.title, f.text, f.agencies);
        assert!(all.contains("giai") && all.contains("ngan"), "{id}");
    }
    assert_eq!(hits("GIẢI NGÂN"), giai, "case and marks do not matter");

    let dat = hits("dat dai");
    assert_eq!(dat[0], "III.3.5.c");
    assert!(plan.node(ix(&plan, "III.3.5.c")).text.contains("đất đai"));

    let snv = hits("so noi vu");
    for id in ["III.3.4.c", "IV.2", "III.1.2.9.t1"] {
        assert!(snv.contains(&id.to_string()), "{id}");
    }
    // An exact id ranks first, typed any way.
    assert_eq!(hits("iv.2.a")[0], "IV.2.a");
    assert_eq!(hits("III.1.2.9.t1")[0], "III.1.2.9.t1");
    assert_eq!(hits("IV.4.đ")[0], "IV.4.dd", "đ is typed for dd");
    assert_eq!(hits("IV.4.dd")[0], "IV.4.dd");
    assert!(hits("zzzz qqqq").is_empty());
    assert!(hits("   ").is_empty());

    // Notes are searched too.
    let t = ix(&plan, "IV.2.c");
    let folded = fold("Báo cáo số 45/BC-SNV gửi Bộ Nội vụ");
    let notes = |i: NodeIx| (i == t).then_some(folded.as_str());
    let found = query::search(&plan, "45/bc-snv", &notes);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].node, t);
}

#[test]
fn agencies_resolve_from_what_users_type() {
    let plan = Plan::embedded();
    let ag = &plan.agencies;
    let id = |q: &str| ag.get(agency(&plan, q)).id.clone();
    assert_eq!(id("so noi vu"), "snv");
    assert_eq!(id("Sở Nội vụ"), "snv");
    assert_eq!(id("SNV"), "snv");
    assert_eq!(id("Văn phòng UBND tỉnh"), "vp-ubnd");
    assert_eq!(id("UBND cấp huyện"), "ubnd-huyen");
    assert_eq!(id("Cục Hải Quan tỉnh"), "cuc-hai-quan");
    assert_eq!(id("cao loc"), "ubnd-cao-loc");
    assert_eq!(id("  dinh lap "), "ubnd-dinh-lap");
    assert_eq!(id("Department of Home Affairs"), "snv");
    // Whole words before fragments: "chi lang" is not the veterans' association ("Cựu chiến
    // binh tỉnh Lạng Sơn"), whose words only begin with "chi" and "lang".
    assert_eq!(id("chi lang"), "ubnd-chi-lang");
    assert_eq!(id("huyen chi lang"), "ubnd-chi-lang");

    match ag.resolve("so noi vuu") {
        Err(ResolveError::Unknown(s)) => assert_eq!(ag.get(s[0]).id, "snv", "closest first"),
        other => panic!("{other:?}"),
    }
    assert_eq!(ag.resolve("xyzzy"), Err(ResolveError::Unknown(vec![])));
    assert_eq!(ag.resolve(""), Err(ResolveError::Unknown(vec![])));
    match ag.resolve("cuc") {
        Err(ResolveError::Ambiguous(c)) => {
            let ids: Vec<&str> = c.iter().map(|&i| ag.get(i).id.as_str()).collect();
            assert_eq!(ids, ["cuc-hai-quan", "cuc-thue"]);
        }
        other => panic!("{other:?}"),
    }
    match ag.resolve("cong an") {
        Err(ResolveError::Ambiguous(c)) => assert!(c.len() >= 3),
        other => panic!("{other:?}"),
    }
}

#[test]
fn agencies_sort_in_vietnamese_order() {
    let plan = Plan::embedded();
    let names: Vec<&str> = plan
        .agencies
        .sorted()
        .iter()
        .map(|&i| plan.agencies.get(i).name.as_str())
        .collect();
    assert_eq!(names.len(), plan.agencies.len());
    for w in names.windows(2) {
        assert_ne!(
            vi_cmp(w[0], w[1]),
            std::cmp::Ordering::Greater,
            "{} / {}",
            w[0],
            w[1]
        );
    }
    let pos = |n: &str| {
        names
            .iter()
            .position(|x| *x == n)
            .unwrap_or_else(|| panic!("{n}"))
    };
    // Đ after D and before E…H; Ư/Ủ with U, before V.
    assert!(pos("Cục Thuế tỉnh Lạng Sơn") < pos("Đài Phát thanh và Truyền hình tỉnh Lạng Sơn"));
    assert!(
        pos("Đài Phát thanh và Truyền hình tỉnh Lạng Sơn")
            < pos("Hiệp hội Doanh nghiệp tỉnh Lạng Sơn")
    );
    assert!(pos("Ủy ban nhân dân huyện Chi Lăng") < pos("Ủy ban nhân dân huyện Đình Lập"));
    assert!(pos("Ủy ban nhân dân huyện Đình Lập") < pos("Ủy ban nhân dân huyện Hữu Lũng"));
    assert!(pos("Trung tâm Trợ giúp pháp lý nhà nước") < pos("Ủy ban nhân dân huyện Bắc Sơn"));
    assert!(pos("Ủy ban nhân dân huyện Văn Quan") < pos("Văn phòng đăng ký đất đai"));
    // Byte order would put every Đ and Ủ name last.
    let mut bytes = names.clone();
    bytes.sort();
    assert_ne!(bytes, names);
}

// ---------------------------------------------------------------- broken plan files

#[test]
fn bad_json_is_reported_with_line_and_column() {
    let text = plan::EMBEDDED_PLAN;
    let (line_no, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("\"default_deadline\""))
        .unwrap();
    let col = line.find(',').unwrap();
    let broken: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == line_no {
                format!("{},,{}", &l[..col], &l[col + 1..])
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    match Plan::parse(&broken) {
        Err(PlanError::Json { line, column, .. }) => {
            assert_eq!(line, line_no + 1);
            assert_eq!(column, col + 2, "the second comma");
        }
        other => panic!("{:?}", other.map(|p| p.len())),
    }
    let e = Plan::parse(&broken).unwrap_err().to_string();
    assert!(e.contains(&format!("line {}", line_no + 1)), "{e}");

    let e = Plan::parse("").unwrap_err();
    assert!(matches!(e, PlanError::Json { line: 1, .. }), "{e}");
    let e = Plan::parse("{\"format\": 1,").unwrap_err();
    assert!(matches!(e, PlanError::Json { .. }), "{e}");
}

#[test]
fn broken_plans_name_what_is_wrong() {
    let err = |json: String| Plan::parse(&json).map(|p| p.len()).unwrap_err();

    let e = err(edited_plan(|v| {
        node_mut(v, "III.1.2.4.c1")["lead"] = serde_json::json!(["khong-co"])
    }));
    assert_eq!(
        e,
        PlanError::UnknownAgency {
            agency: "khong-co".into(),
            at: "item III.1.2.4.c1".into()
        }
    );
    assert!(e.to_string().contains("khong-co") && e.to_string().contains("III.1.2.4.c1"));

    let e = err(edited_plan(|v| node_mut(v, "II.2")["id"] = "II.1".into()));
    assert_eq!(e, PlanError::DuplicateId { id: "II.1".into() });
    // Ids differing only in case are the same id to a user.
    let e = err(edited_plan(|v| {
        node_mut(v, "III.1.2.9.t2")["id"] = "iii.1.2.9.T1".into()
    }));
    assert!(matches!(e, PlanError::DuplicateId { .. }), "{e}");
    let e = err(edited_plan(|v| {
        node_mut(v, "IV.4.dd")["id"] = "IV.4.đ".into()
    }));
    assert!(matches!(e, PlanError::BadId { .. }), "{e}");

    let e = err(edited_plan(|v| {
        let cao_loc = v["agencies"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|a| a["id"] == "ubnd-cao-loc")
            .unwrap();
        cao_loc["kind"] = "group".into();
        cao_loc["members"] = serde_json::json!(["ubnd-huyen"]);
    }));
    match &e {
        PlanError::GroupCycle(c) => {
            assert!(
                c.contains(&"ubnd-cao-loc".to_string()) && c.contains(&"ubnd-huyen".to_string())
            )
        }
        other => panic!("{other}"),
    }
    assert!(e.to_string().contains("→"));

    let e = err(edited_plan(|v| {
        node_mut(v, "IV.1.a.t1")["deadline"] = "2023-06-31".into()
    }));
    assert_eq!(
        e,
        PlanError::BadDate {
            value: "2023-06-31".into(),
            at: "item IV.1.a.t1".into()
        }
    );
    let e = err(edited_plan(|v| v["default_deadline"] = "30/11/2023".into()));
    assert!(matches!(e, PlanError::BadDate { .. }), "{e}");

    let e = err(edited_plan(|v| {
        node_mut(v, "IV.2.a")
            .as_object_mut()
            .unwrap()
            .remove("title");
    }));
    match &e {
        PlanError::Json { line, message, .. } => {
            assert!(message.contains("missing field `title`"), "{message}");
            assert!(*line > 1);
        }
        other => panic!("{other}"),
    }
    let e = err(edited_plan(|v| {
        let n = node_mut(v, "IV.2.a").as_object_mut().unwrap();
        let t = n.remove("title").unwrap();
        n.insert("titel".into(), t);
    }));
    assert!(e.to_string().contains("unknown field `titel`"), "{e}");

    let e = err(edited_plan(|v| {
        v["milestones"][0]["item"] = "IV.1.a.t9".into()
    }));
    assert!(matches!(e, PlanError::UnknownItem { .. }), "{e}");
    assert!(e.to_string().contains("IV.1.a.t9"));
    let e = err(edited_plan(|v| v["format"] = 2.into()));
    assert_eq!(
        e,
        PlanError::Format {
            found: 2,
            expected: 1
        }
    );
    let e = err(edited_plan(|v| {
        node_mut(v, "III.1")["index"] = "PCI".into()
    }));
    assert!(matches!(e, PlanError::UnknownIndex { .. }), "{e}");

    // The untouched file is fine: the failures above are the edits, nothing else.
    assert!(Plan::parse(&edited_plan(|_| {})).is_ok());
}

#[test]
fn decomposed_text_in_a_plan_file_is_composed_on_load() {
    use unicode_normalization::UnicodeNormalization;
    let json = edited_plan(|v| {
        let n = node_mut(v, "IV.2.a");
        let t: String = n["title"].as_str().unwrap().nfd().collect();
        n["title"] = t.into();
    });
    let plan = Plan::parse(&json).unwrap();
    let n = plan.node(ix(&plan, "IV.2.a"));
    assert_eq!(n.title, Plan::embedded().node(ix(&plan, "IV.2.a")).title);
}
