//! `status` says how fast the rest must go to meet the next milestone, per index and in all.

mod common;

use common::cli::Db;

fn section(status: &str) -> Vec<String> {
    let start = status
        .lines()
        .position(|l| l.starts_with("Nhịp độ cần"))
        .unwrap_or_else(|| panic!("no pace in:\n{status}"));
    status
        .lines()
        .skip(start)
        .take_while(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn status_gives_the_pace_to_the_next_milestone_that_is_not_met() {
    let db = Db::new();
    // Before 30/06 the next milestone is the agencies' own plans: one task.
    let june = section(&db.ok(&["--today", "2023-06-20", "status"]));
    assert!(
        june[0].contains("Ban hành KH (30/06/2023, còn 10 ngày)"),
        "{june:?}"
    );
    assert!(
        june.iter()
            .any(|l| l.contains("Tổng") && l.contains("còn 1/1 nhiệm vụ")),
        "{june:?}"
    );

    // Once it is met, the pace is towards 30/11, and moves as tasks are done.
    db.ok(&["done", "IV.1.a.t1", "III.1.2.9.t1", "III.1.2.9.t2"]);
    let oct = section(&db.ok(&["--today", "2023-10-01", "status"]));
    assert!(oct[0].contains("(30/11/2023, còn 60 ngày)"), "{oct:?}");
    let line = |name: &str| {
        oct.iter()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap()
            .clone()
    };
    assert!(line("PAR INDEX").contains("còn 48/50 nhiệm vụ"), "{oct:?}");
    assert!(line("PAR INDEX").contains("cần 6 nhiệm vụ/tuần"), "{oct:?}");
    assert!(line("Tổng").contains("còn 95/98 nhiệm vụ"), "{oct:?}");
    assert!(line("Tổng").contains("cần 12 nhiệm vụ/tuần"), "{oct:?}");

    // In the last week: what is left, not a weekly rate.
    let last = section(&db.ok(&["--today", "2023-11-27", "status"]));
    assert!(
        last.iter().any(|l| l.contains("cần xong 95 nhiệm vụ")),
        "{last:?}"
    );

    // After the last milestone there is no pace to give.
    let after = db.ok(&["--today", "2023-12-01", "status"]);
    assert!(!after.contains("Nhịp độ"), "{after}");
}
