//! "Today" is counted in the plan's time zone (+07:00 for a Vietnamese plan), not in the
//! server's: two servers at the two ends of the world's zones agree on the day, and it is
//! the day in Lạng Sơn. A plan file with a malformed offset is refused.

mod common;

use common::cli::Db;
use common::plan_file::edited_plan;

fn as_of(db: &Db, tz: &str) -> String {
    let out = db.cmd(&["status"]).env("TZ", tz).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines()
        .find(|l| l.starts_with("Tính đến ngày"))
        .unwrap_or_else(|| panic!("{text}"))
        .to_string()
}

#[test]
fn servers_in_any_zone_count_the_plans_day() {
    let db = Db::new();
    db.ok(&["status"]);
    let vietnam = chrono::FixedOffset::east_opt(7 * 3600).unwrap();
    let want = chrono::Utc::now().with_timezone(&vietnam).date_naive();
    // UTC−12 and UTC+14 (POSIX zone strings: no tzdata needed) are 26 hours apart: their own
    // dates always differ.
    let west = as_of(&db, "WST+12");
    let east = as_of(&db, "EST-14");
    assert_eq!(west, east);
    assert!(
        west.ends_with(&want.format("%d/%m/%Y").to_string()),
        "{west}"
    );
    // --today still decides when given.
    let fixed = db.ok(&["--today", "2023-06-30", "status"]);
    assert!(fixed.contains("Tính đến ngày 30/06/2023"), "{fixed}");
}

#[test]
fn a_plan_names_its_zone_and_a_malformed_one_is_refused() {
    let db = Db::new();
    let plan = edited_plan(|v| {
        v["id"] = "mui-gio".into();
        v["utc_offset"] = "bảy giờ".into();
    });
    let file = db.file("plan.json");
    std::fs::write(&file, plan).unwrap();
    let err = db.fails(&["import", file.to_str().unwrap()], 2);
    assert!(err.contains("bảy giờ") && err.contains("+07:00"), "{err}");

    // A plan far to the west (UTC−10) is still on yesterday when Vietnam is on today, at
    // any hour: 17 hours apart.
    let plan = edited_plan(|v| {
        v["id"] = "hawaii".into();
        v["utc_offset"] = "-10:00".into();
    });
    std::fs::write(&file, plan).unwrap();
    db.ok(&["import", file.to_str().unwrap()]);
    let hawaii = chrono::FixedOffset::west_opt(10 * 3600).unwrap();
    let there = chrono::Utc::now().with_timezone(&hawaii).date_naive();
    let out = db.ok(&["--plan", "hawaii", "status"]);
    assert!(
        out.contains(&format!("Tính đến ngày {}", there.format("%d/%m/%Y"))),
        "{out}"
    );
}
