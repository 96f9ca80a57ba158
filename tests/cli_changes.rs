//! `kehoach changes --since DATE`: what changed since the last meeting, by item in the plan's
//! order, each change in words with who made it.

mod common;

use common::cli::{Db, json};

/// Today where the plan is (+07:00), as kehoach counts it.
fn today() -> chrono::NaiveDate {
    let vietnam = chrono::FixedOffset::east_opt(7 * 3600).unwrap();
    chrono::Utc::now().with_timezone(&vietnam).date_naive()
}

#[test]
fn changes_since_a_day_are_grouped_by_item_in_document_order() {
    let db = Db::new();
    db.ok(&["--user", "lan", "done", "IV.2.a"]);
    db.ok(&[
        "--user",
        "lan",
        "note",
        "IV.2.a",
        "Đã họp giao ban",
        "--doc",
        "12/BC-SNV",
    ]);
    db.ok(&["--user", "lan", "deadline", "IV.2.a", "15/12/2023"]);
    db.ok(&[
        "--user",
        "minh",
        "agency-done",
        "IV.1.a.t1",
        "ubnd-chi-lang",
        "--doc",
        "3/KH-UBND",
    ]);
    db.ok(&["--user", "minh", "reopen", "IV.2.a"]);

    let since = today().format("%d/%m/%Y").to_string();
    let out = db.ok(&["changes", "--since", &since]);
    let first = out.lines().next().unwrap();
    assert!(first.starts_with(&format!("Thay đổi từ {since}")), "{out}");
    // IV.1.a.t1 comes before IV.2.a in the plan, though it changed later.
    let a = out.find("\nIV.1.a.t1  ").expect("IV.1.a.t1 heading");
    let b = out.find("\nIV.2.a  ").expect("IV.2.a heading");
    assert!(a < b, "{out}");
    for line in [
        "minh  phần của UBND huyện Chi Lăng: Đã xong (3/KH-UBND)",
        "lan  đánh dấu xong",
        "lan  thêm ghi chú #1: Đã họp giao ban",
        "lan  đặt hạn riêng 15/12/2023",
        "minh  mở lại",
    ] {
        assert!(out.contains(line), "{line:?} missing:\n{out}");
    }
    // Within an item, oldest first.
    assert!(out.find("đánh dấu xong").unwrap() < out.find("mở lại").unwrap());

    let en = db.ok(&["--lang", "en", "changes", "--since", &since]);
    assert!(en.contains("lan  marked done"), "{en}");
    assert!(en.contains("minh  reopened"), "{en}");

    let rows = json(&db.ok(&["changes", "--since", &since, "--format", "json"]));
    let iv2a = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "IV.2.a")
        .unwrap();
    let actions: Vec<&str> = iv2a["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["done", "note #1 add", "deadline", "reopen"]);

    let tomorrow = today().succ_opt().unwrap().format("%Y-%m-%d").to_string();
    let none = db.ok(&["changes", "--since", &tomorrow]);
    assert!(none.starts_with("Không có thay đổi nào từ"), "{none}");

    let err = db.fails(&["changes", "--since", "31/02/2023"], 2);
    assert!(err.contains("31/02/2023"), "{err}");
}

#[test]
fn the_first_import_is_said_in_the_language_of_the_output() {
    let db = Db::new();
    db.ok(&["status"]);
    let since = today().format("%d/%m/%Y").to_string();
    let vi = db.ok(&["changes", "--since", &since]);
    assert!(vi.contains("nhập kế hoạch (154 mục, 72 cơ quan)"), "{vi}");
    assert!(
        !vi.contains("items"),
        "an English word on a Vietnamese page:\n{vi}"
    );
    let en = db.ok(&["--lang", "en", "changes", "--since", &since]);
    assert!(
        en.contains("imported the plan (154 items, 72 agencies)"),
        "{en}"
    );
}
