//! Moving to next year's plan keeps what coordinators added by hand: the communes they added
//! to a group and the agencies they created come along when the new plan has the group.

mod common;

use common::cli::Db;
use common::plan_file::edited_plan;

#[test]
fn a_new_plan_carries_the_communes_and_agencies_coordinators_added() {
    let db = Db::new();
    db.ok(&["agencies", "add-member", "ubnd-xa", "Xã Mai Pha", "--new"]);
    db.ok(&[
        "agencies",
        "add-member",
        "ubnd-xa",
        "Phường Chi Lăng",
        "--new",
    ]);
    let before = db.ok(&["agencies", "members", "ubnd-xa"]);
    assert!(
        before.contains("Xã Mai Pha") && before.contains("Phường Chi Lăng"),
        "{before}"
    );

    let next = db.file("2024.json");
    let plan = edited_plan(|v| {
        v["id"] = "lang-son-2024".into();
        v["year"] = 2024.into();
    });
    std::fs::write(&next, plan).unwrap();
    let out = db.ok(&["import", next.to_str().unwrap()]);
    assert!(
        out.contains("Đã mang sang 4 thay đổi danh sách cơ quan") && out.contains("lang-son-2023"),
        "{out}"
    );
    // The new plan is the current one, with the communes.
    let now = db.ok(&["agencies", "members", "ubnd-xa"]);
    assert!(
        now.contains("Xã Mai Pha") && now.contains("Phường Chi Lăng"),
        "{now}"
    );
    let plans = db.ok(&["plans"]);
    assert!(
        plans.lines().next().unwrap().contains("lang-son-2024"),
        "{plans}"
    );
    // The old plan keeps its own list.
    let old = db.ok(&["--plan", "lang-son-2023", "agencies", "members", "ubnd-xa"]);
    assert!(old.contains("Xã Mai Pha"), "{old}");

    // Importing the same plan again replaces it and carries nothing twice.
    let again = db.ok(&["import", next.to_str().unwrap()]);
    assert!(!again.contains("mang sang"), "{again}");
    let once = db.ok(&["agencies", "members", "ubnd-xa"]);
    assert_eq!(once.matches("Xã Mai Pha").count(), 1, "{once}");
}
