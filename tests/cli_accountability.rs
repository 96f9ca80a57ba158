//! Each agency's part through the real `kehoach` binary, with a database in a temporary
//! folder, user `lan` and a fixed `--today`: recording parts (`agency-done`), the 30/06
//! checklist, the per-agency and reminder reports, `overdue --by-agency`, editing group
//! membership, and the audit log of all of it.

mod common;

use common::cli::{Db, csv, json};
use kehoach::commands::exit;
use serde_json::Value;

/// The line of `text` that contains `needle`.
fn line<'a>(text: &'a str, needle: &str) -> &'a str {
    text.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?} in:\n{text}"))
}

/// The Markdown table row of item `id`.
fn md_row<'a>(report: &'a str, id: &str) -> &'a str {
    let start = format!("| {id} |");
    report
        .lines()
        .find(|l| l.starts_with(&start))
        .unwrap_or_else(|| panic!("no row for {id} in:\n{report}"))
}

/// The checklist entry (JSON) of an agency id.
fn entry<'a>(list: &'a Value, agency: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|e| e["agency"] == agency)
        .unwrap_or_else(|| panic!("{agency} is not on the checklist: {list}"))
}

/// The agencies' own plans as the tests record them: Cao Lộc on time (20/06), Sở Nội vụ five
/// days late (05/07), Văn phòng UBND tỉnh without a document date, Cục Thuế only reported, and
/// the duty does not apply to Kho bạc.
fn record_plans(db: &Db) {
    let t = "IV.1.a.t1";
    db.ok(&[
        "agency-done",
        t,
        "cao loc",
        "--doc",
        "45/KH-UBND",
        "--doc-date",
        "20/06/2023",
        "--note",
        "Kế hoạch số 45/KH-UBND ngày 20/6/2023 của UBND huyện Cao Lộc",
    ]);
    db.ok(&[
        "agency-done",
        t,
        "so noi vu",
        "--doc",
        "12/KH-SNV",
        "--doc-date",
        "2023-07-05",
    ]);
    db.ok(&["agency-done", t, "vp-ubnd"]);
    db.ok(&["agency-done", t, "cuc thue", "--state", "reported"]);
    db.ok(&["agency-done", t, "kho bac", "--state", "not-applicable"]);
}

#[test]
fn agency_done_records_each_state_with_its_evidence() {
    let db = Db::new();
    let t = "IV.1.a.t1";
    // IV.1.a.t1 is answered by 20 departments, 11 districts, the communes and, through the
    // checklist, the 9 central agencies: 41.
    let out = db.ok(&[
        "--today",
        "2023-06-21",
        "agency-done",
        t,
        "cao loc",
        "--doc",
        "45/KH-UBND",
        "--doc-date",
        "20/06/2023",
        "--note",
        "Kế hoạch số 45/KH-UBND ngày 20/6/2023",
    ]);
    assert_eq!(
        out,
        "IV.1.a.t1: UBND huyện Cao Lộc — Đã xong\n1/41 cơ quan đã xong\n"
    );
    let out = db.ok(&["agency-done", t, "cuc thue", "--state", "reported"]);
    assert_eq!(
        out,
        "IV.1.a.t1: Cục Thuế tỉnh — Đã báo cáo\n1/41 cơ quan đã xong\n"
    );
    // Not applicable: left out of the count.
    let out = db.ok(&["agency-done", t, "kho-bac", "--state", "not-applicable"]);
    assert!(out.contains("Không áp dụng"), "{out}");
    assert!(out.contains("1/40 cơ quan đã xong"), "{out}");

    let list = json(&db.ok(&["--today", "2023-06-21", "checklist", "--format", "json"]));
    let cao_loc = entry(&list, "ubnd-cao-loc");
    assert_eq!(cao_loc["state"], "done");
    assert_eq!(cao_loc["doc"], "45/KH-UBND");
    assert_eq!(cao_loc["doc_date"], "2023-06-20");
    assert_eq!(entry(&list, "cuc-thue")["state"], "reported");
    assert_eq!(entry(&list, "kho-bac")["state"], "not_applicable");
    // The note is kept as evidence for the letter.
    let report = db.ok(&["--today", "2023-06-21", "report", "--agency", "cao loc"]);
    assert!(
        md_row(&report, t)
            .contains("45/KH-UBND (20/06/2023) — Kế hoạch số 45/KH-UBND ngày 20/6/2023"),
        "{}",
        md_row(&report, t)
    );

    // not-started forgets what was recorded.
    let out = db.ok(&["agency-done", t, "cuc thue", "--state", "not-started"]);
    assert!(out.contains("Chưa thực hiện"), "{out}");
    let list = json(&db.ok(&["checklist", "--format", "json"]));
    assert_eq!(entry(&list, "cuc-thue")["state"], "not_started");

    // The last agency of an item: kehoach suggests marking the item itself done, which stays
    // the coordinator's decision.
    let out = db.ok(&["agency-done", "IV.2.a", "snv"]);
    assert!(out.contains("1/1 cơ quan đã xong"), "{out}");
    assert!(out.contains("gợi ý: kehoach done IV.2.a"), "{out}");
    let show = db.ok(&["show", "IV.2.a"]);
    assert!(show.contains("Chưa xong"), "{show}");

    // Every change is in the audit log, with who made it and the document.
    let log = db.ok(&["history", "--item", t]);
    for change in [
        "agency ubnd-cao-loc: not_started → done (45/KH-UBND)",
        "agency cuc-thue: not_started → reported",
        "agency kho-bac: not_started → not_applicable",
        "agency cuc-thue: reported → not_started",
    ] {
        assert!(line(&log, change).contains(" lan "), "{log}");
    }
}

#[test]
fn agency_done_refuses_what_it_cannot_record() {
    let db = Db::new();
    let t = "IV.1.a.t1";
    // Báo Lạng Sơn has no part in the agencies' plans: refused, naming who has.
    let err = db.fails(&["agency-done", t, "bao lang son"], exit::BAD_INPUT);
    assert!(
        err.contains("Báo Lạng Sơn không có trách nhiệm chủ trì hay thực hiện IV.1.a.t1"),
        "{err}"
    );
    for who in [
        "UBND huyện Cao Lộc",
        "Sở Nội vụ",
        "UBND cấp xã",
        "Cục Thuế tỉnh",
    ] {
        assert!(err.contains(who), "{who} missing from: {err}");
    }
    // Coordinating is not answering: only Sở KH&ĐT leads III.1.2.8.c1.t1.
    let err = db.fails(
        &["agency-done", "III.1.2.8.c1.t1", "hiep-hoi-dn"],
        exit::BAD_INPUT,
    );
    assert!(
        err.contains("các cơ quan chịu trách nhiệm: Sở Kế hoạch và Đầu tư\n"),
        "{err}"
    );
    // A heading is not a part: its tasks are.
    let err = db.fails(&["agency-done", "III.1.2.3.c1", "cao loc"], exit::BAD_INPUT);
    assert!(
        err.contains("III.1.2.3.c1 là một nhóm gồm 2 nhiệm vụ"),
        "{err}"
    );
    // Impossible and malformed document dates.
    for bad in ["31/02/2023", "2023-13-01", "hôm qua"] {
        let err = db.fails(
            &["agency-done", t, "cao loc", "--doc-date", bad],
            exit::BAD_INPUT,
        );
        assert!(err.contains("không phải ngày hợp lệ"), "{err}");
        assert!(err.contains("--doc-date 20/06/2023"), "{err}");
    }
    let err = db.fails(
        &["agency-done", t, "snv", "--state", "xong"],
        exit::BAD_INPUT,
    );
    assert!(err.contains("not-applicable"), "{err}");
    // Unknown agencies, with the closest names; ambiguous ones, with the candidates.
    let err = db.fails(&["agency-done", t, "cao lc"], exit::NOT_FOUND);
    assert!(err.contains("không tìm thấy cơ quan \"cao lc\""), "{err}");
    assert!(
        err.contains("Ủy ban nhân dân huyện Cao Lộc (ubnd-cao-loc)"),
        "{err}"
    );
    let err = db.fails(&["agency-done", t, "cuc"], exit::NOT_FOUND);
    assert!(
        err.contains("Cục Hải quan tỉnh Lạng Sơn (cuc-hai-quan)"),
        "{err}"
    );
    assert!(err.contains("Cục Thuế tỉnh Lạng Sơn (cuc-thue)"), "{err}");
    db.fails(&["agency-done", "IV.9", "cao loc"], exit::NOT_FOUND);

    // Nothing of it was written.
    let log = db.history();
    assert!(!log.contains("not_started →"), "{log}");
    let list = json(&db.ok(&["checklist", "--format", "json"]));
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .all(|e| e["state"] == "not_started")
    );
}

#[test]
fn the_checklist_says_who_issued_on_time_late_or_not_yet() {
    let db = Db::new();
    record_plans(&db);
    let after = ["--today", "2023-07-10", "checklist"];

    // JSON for other programs: 41 agencies in Vietnamese order.
    let list = json(&db.ok(&[&after[..], &["--format", "json"]].concat()));
    let list_a = list.as_array().unwrap();
    assert_eq!(list_a.len(), 41);
    assert_eq!(list_a[0]["name"], "Ban Dân tộc tỉnh");
    // Issued: days after the deadline (≤ 0 on time).
    assert_eq!(entry(&list, "ubnd-cao-loc")["late_days"], -10);
    assert_eq!(entry(&list, "ubnd-cao-loc")["days_left"], Value::Null);
    assert_eq!(entry(&list, "snv")["late_days"], 5);
    assert_eq!(entry(&list, "snv")["doc"], "12/KH-SNV");
    let vp = entry(&list, "vp-ubnd");
    assert_eq!(vp["state"], "done");
    assert_eq!(vp["late_days"], Value::Null);
    // Not issued: days left, negative when late; reported is not issued.
    assert_eq!(entry(&list, "ubnd-loc-binh")["days_left"], -10);
    assert_eq!(entry(&list, "cuc-thue")["days_left"], -10);
    assert_eq!(entry(&list, "cong-an-tinh")["days_left"], -10);
    // Not applicable: nothing to issue, so no countdown.
    let kb = entry(&list, "kho-bac");
    assert_eq!(
        (&kb["late_days"], &kb["days_left"]),
        (&Value::Null, &Value::Null)
    );
    // Before the deadline: the countdown.
    let before = json(&db.ok(&["--today", "2023-06-20", "checklist", "--format", "json"]));
    assert_eq!(entry(&before, "ubnd-loc-binh")["days_left"], 10);

    // The table a coordinator reads in a meeting.
    let table = db.ok(&after);
    assert!(
        table.starts_with("Kế hoạch thực hiện của các cơ quan (hạn 30/06/2023)\n"),
        "{table}"
    );
    let row = line(&table, "Ủy ban nhân dân huyện Cao Lộc");
    for cell in ["Đã xong", "45/KH-UBND", "20/06/2023", "đúng hạn"] {
        assert!(row.contains(cell), "{row}");
    }
    assert!(line(&table, "Sở Nội vụ").contains("muộn 5 ngày"), "{table}");
    assert!(
        line(&table, "Văn phòng Ủy ban nhân dân tỉnh").contains("chưa ghi ngày"),
        "{table}"
    );
    assert!(
        line(&table, "Ủy ban nhân dân huyện Lộc Bình").ends_with("quá hạn 10 ngày"),
        "{table}"
    );
    let thue = line(&table, "Cục Thuế tỉnh Lạng Sơn");
    assert!(thue.contains("Đã báo cáo") && thue.ends_with("quá hạn 10 ngày"));
    let kb = line(&table, "Kho bạc Nhà nước tỉnh Lạng Sơn");
    assert!(
        kb.contains("Không áp dụng") && !kb.contains("quá hạn"),
        "{kb}"
    );
    // 41 agencies: 3 issued (one without a recorded date), Kho bạc out, 37 not issued.
    assert!(
        table.ends_with("3 đã ban hành (1 đúng hạn, 1 muộn, 1 chưa ghi ngày) · 37 chưa ban hành\n"),
        "{table}"
    );

    // CSV: a header and one row per agency.
    let rows = csv(&db.ok(&[&after[..], &["--format", "csv"]].concat()));
    assert_eq!(
        rows[0],
        ["Cơ quan", "Tình trạng", "Văn bản", "Ngày văn bản", "Hạn"]
    );
    assert_eq!(rows.len(), 42);
    let cao_loc = rows
        .iter()
        .find(|r| r[0] == "Ủy ban nhân dân huyện Cao Lộc")
        .unwrap();
    assert_eq!(
        cao_loc[1..],
        ["Đã xong", "45/KH-UBND", "20/06/2023", "đúng hạn"]
    );

    // Marking the item done is the coordinator's word for everyone.
    db.ok(&["done", "IV.1.a.t1"]);
    let table = db.ok(&after);
    assert!(
        line(&table, "Ủy ban nhân dân huyện Lộc Bình").contains("Đã xong"),
        "{table}"
    );
    assert!(table.ends_with("· 0 chưa ban hành\n"), "{table}");
}

#[test]
fn an_agencys_report_lists_its_duties_by_section_with_evidence() {
    let db = Db::new();
    record_plans(&db);
    db.ok(&["done", "III.1.2.3.c1.t2"]);
    let report = db.ok(&["--today", "2023-12-05", "report", "--agency", "cao loc"]);
    assert!(
        report.starts_with(
            "# Báo cáo tình hình thực hiện Kế hoạch nâng cao PAR INDEX, SIPAS, PAPI tỉnh Lạng Sơn năm 2023\n"
        ),
        "{report}"
    );
    assert!(report.contains("**Cơ quan:** Ủy ban nhân dân huyện Cao Lộc"));
    assert!(report.contains("Tính đến ngày 05/12/2023"));
    // 39 duties it leads or implements (coordination is listed, not counted); 2 done; the
    // rest were due 30/11.
    assert!(
        report.contains(
            "Tổng số nhiệm vụ: 39 · Đã xong: 2 · Đã báo cáo: 0 · Chưa thực hiện: 37 · Quá hạn: 37"
        ),
        "{report}"
    );
    let sections: Vec<&str> = report
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    assert_eq!(
        sections,
        ["III.1", "III.2", "III.3", "III.4", "IV.1", "IV.4"]
    );

    // Its own plan: done, with the document, its date and the note; not overdue.
    let own = md_row(&report, "IV.1.a.t1");
    assert!(own.contains("| Thực hiện | 30/06/2023 | Đã xong "), "{own}");
    assert!(
        own.contains("45/KH-UBND (20/06/2023) — Kế hoạch số 45/KH-UBND ngày 20/6/2023"),
        "{own}"
    );
    // Marked done by the coordinator, not by the district.
    let coord = md_row(&report, "III.1.2.3.c1.t2");
    assert!(
        coord.contains("| 30/11/2023 | Đã xong (điều phối xác nhận) |"),
        "{coord}"
    );
    // Not done, past the deadline.
    let late = md_row(&report, "III.1.2.1.c.t1");
    assert!(
        late.contains("| Thực hiện | 30/11/2023 (quá hạn 5 ngày) | Chưa thực hiện |"),
        "{late}"
    );
    // It leads III.2.1.t1 as one of the districts; it only coordinates III.1.2.4.c1.t2, which
    // has no part of its own and is never overdue for it.
    assert!(md_row(&report, "III.2.1.t1").contains("| Chủ trì |"));
    let helps = md_row(&report, "III.1.2.4.c1.t2");
    assert!(helps.contains("| Phối hợp | 30/11/2023 | — |"), "{helps}");
    // Every row has the six columns of its header.
    for l in report.lines().filter(|l| l.starts_with("| ")) {
        assert_eq!(l.matches(" | ").count(), 5, "{l}");
    }

    // A central agency's report includes its own plan, which the checklist asks of it.
    let thue = db.ok(&["--today", "2023-07-10", "report", "--agency", "cuc thue"]);
    let own = md_row(&thue, "IV.1.a.t1");
    assert!(
        own.contains("| Thực hiện | 30/06/2023 (quá hạn 10 ngày) | Đã báo cáo "),
        "{own}"
    );
}

#[test]
fn an_agencys_report_as_csv_has_one_row_per_duty() {
    let db = Db::new();
    record_plans(&db);
    db.ok(&["done", "III.1.2.3.c1.t2"]);
    let args = ["--today", "2023-12-05", "report", "--agency", "cao loc"];
    let md = db.ok(&args);
    let text = db.ok(&[&args[..], &["--format", "csv"]].concat());
    // A byte-order mark so that Excel reads the Vietnamese.
    let body = text
        .strip_prefix('\u{FEFF}')
        .expect("CSV starts with a BOM");
    let rows = csv(body);
    assert_eq!(
        rows[0],
        [
            "Mã",
            "Nội dung",
            "Vai trò",
            "Hạn",
            "Tình trạng",
            "Minh chứng",
            "Quá hạn"
        ]
    );
    let md_rows = md
        .lines()
        .filter(|l| l.starts_with("| III") || l.starts_with("| IV"))
        .count();
    assert_eq!(rows.len() - 1, md_rows);
    assert_eq!(md_rows, 46, "39 answerable duties and 7 it coordinates");
    let row = |id: &str| rows.iter().find(|r| r[0] == id).unwrap().clone();
    let own = row("IV.1.a.t1");
    assert_eq!(own[2..4], ["Thực hiện", "2023-06-30"]);
    assert!(own[4].starts_with("Đã xong "), "{own:?}");
    assert_eq!(
        own[5],
        "45/KH-UBND (20/06/2023) — Kế hoạch số 45/KH-UBND ngày 20/6/2023 của UBND huyện Cao Lộc"
    );
    assert_eq!(own[6], "");
    assert_eq!(row("III.1.2.3.c1.t2")[4], "Đã xong (điều phối xác nhận)");
    let late = row("III.1.2.1.c.t1");
    assert_eq!(
        (late[4].as_str(), late[6].as_str()),
        ("Chưa thực hiện", "quá hạn 5 ngày")
    );
    assert_eq!(
        row("III.1.2.4.c1.t2")[2..5],
        ["Phối hợp", "2023-11-30", "—"]
    );
}

#[test]
fn a_report_in_english() {
    let db = Db::new();
    record_plans(&db);
    let report = db.ok(&[
        "--lang",
        "en",
        "--today",
        "2023-07-10",
        "report",
        "--agency",
        "cuc thue",
    ]);
    assert!(report.starts_with("# Progress report on "), "{report}");
    assert!(report.contains("**Agency:** Lang Son Provincial Tax Department"));
    assert!(report.contains("As of 10/07/2023"));
    assert!(
        report.contains("Tasks: 4 · Done: 0 · Reported: 1 · Not started: 3 · Overdue: 1"),
        "{report}"
    );
    assert!(report.contains("| Id | Task | Role | Deadline | Status | Evidence |"));
    let own = md_row(&report, "IV.1.a.t1");
    assert!(
        own.contains("| Implementing | 30/06/2023 (10 days overdue) | Reported "),
        "{own}"
    );
}

#[test]
fn the_reminder_report_groups_who_is_missing_what_by_deadline() {
    let db = Db::new();
    record_plans(&db);
    db.ok(&["done", "III.1.2.3.c1.t2"]);
    let md = db.ok(&["--today", "2023-07-10", "report", "--missing"]);
    assert!(
        md.starts_with("# Cơ quan chưa hoàn thành phần việc — Kế hoạch nâng cao"),
        "{md}"
    );
    assert!(md.contains("Tính đến ngày 10/07/2023"));
    let groups: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        groups,
        [
            "## Hạn 30/06/2023 (quá hạn 10 ngày)",
            "## Hạn 30/11/2023 (còn 143 ngày)"
        ]
    );
    let (june, november) = md.split_once(groups[1]).unwrap();
    let bullets: Vec<&str> = june.lines().filter(|l| l.starts_with("- ")).collect();
    // 41 agencies owe their plan: 3 issued it, Kho bạc need not; Cục Thuế only reported.
    assert_eq!(bullets.len(), 37, "{june}");
    assert_eq!(bullets[0], "- **Ban Dân tộc tỉnh** — 1 nhiệm vụ: IV.1.a.t1");
    assert!(june.contains("- **Ủy ban nhân dân huyện Lộc Bình** — 1 nhiệm vụ: IV.1.a.t1"));
    assert!(june.contains("- **Cục Thuế tỉnh Lạng Sơn** — 1 nhiệm vụ: IV.1.a.t1"));
    assert!(june.contains("- **Công an tỉnh Lạng Sơn**"));
    for issued in [
        "huyện Cao Lộc",
        "Sở Nội vụ**",
        "Văn phòng Ủy ban",
        "Kho bạc",
    ] {
        assert!(!june.contains(issued), "{issued} in:\n{june}");
    }
    // The task the coordinator marked done is nobody's missing part.
    assert!(!november.contains("III.1.2.3.c1.t2"), "{november}");
    assert!(line(november, "**Sở Nội vụ**").contains("III.1.2.4.c2.t1"));

    // CSV: one row per missing part, by deadline.
    let text = db.ok(&[
        "--today",
        "2023-07-10",
        "report",
        "--missing",
        "--format",
        "csv",
    ]);
    let rows = csv(text.strip_prefix('\u{FEFF}').expect("BOM"));
    assert_eq!(
        rows[0],
        ["Hạn", "Cơ quan", "Mã", "Nội dung", "Vai trò", "Tình trạng"]
    );
    let dates: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(dates.iter().filter(|d| **d == "2023-06-30").count(), 37);
    let thue = rows
        .iter()
        .find(|r| r[1] == "Cục Thuế tỉnh Lạng Sơn" && r[2] == "IV.1.a.t1")
        .unwrap();
    assert_eq!(thue[4..], ["Thực hiện", "Đã báo cáo"]);
    assert!(rows.iter().any(|r| r[1] == "Sở Kế hoạch và Đầu tư"
        && r[2] == "III.1.2.8.c1.t1"
        && r[4] == "Chủ trì"));
    // Every bullet of the Markdown is in the CSV and the other way round.
    let md_parts: usize = md
        .lines()
        .filter(|l| l.starts_with("- "))
        .map(|l| l.rsplit_once(": ").unwrap().1.split(", ").count())
        .sum();
    assert_eq!(md_parts, rows.len() - 1);
}

#[test]
fn overdue_by_agency_lists_each_agencys_late_parts() {
    let db = Db::new();
    record_plans(&db);
    let at = ["--today", "2023-07-10", "overdue", "--by-agency"];
    let table = db.ok(&at);
    let headers: Vec<&str> = table.lines().filter(|l| l.contains(" — ")).collect();
    assert_eq!(headers.len(), 37, "{table}");
    assert_eq!(headers[0], "Ban Dân tộc tỉnh — 1 phần việc quá hạn");
    assert!(headers.contains(&"Ủy ban nhân dân huyện Lộc Bình — 1 phần việc quá hạn"));
    assert!(
        !table.contains("Cao Lộc") && !table.contains("Kho bạc"),
        "{table}"
    );
    assert!(
        line(&table, "IV.1.a.t1").ends_with("Chưa thực hiện  quá hạn 10 ngày"),
        "{table}"
    );

    let rows = csv(&db.ok(&[&at[..], &["--format", "csv"]].concat()));
    assert_eq!(
        rows[0],
        ["Cơ quan", "Mã", "Nội dung", "Tình trạng", "Hạn", "Quá hạn"]
    );
    assert_eq!(rows.len(), 38);
    let thue = rows
        .iter()
        .find(|r| r[0] == "Cục Thuế tỉnh Lạng Sơn")
        .unwrap();
    assert_eq!(
        [&thue[1], &thue[3], &thue[4], &thue[5]].map(String::as_str),
        ["IV.1.a.t1", "Đã báo cáo", "2023-06-30", "quá hạn 10 ngày"]
    );

    let list = json(&db.ok(&[&at[..], &["--format", "json"]].concat()));
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 37);
    assert!(
        list.iter()
            .all(|e| e["id"] == "IV.1.a.t1" && e["deadline"] == "2023-06-30" && e["days"] == -10)
    );
    assert!(
        list.iter()
            .any(|e| e["agency"] == "cuc-thue" && e["state"] == "reported")
    );

    // A group shows its members: the districts that have not issued their plan.
    let districts = db.ok(&[&at[..], &["--agency", "UBND các huyện, thành phố"]].concat());
    let names: Vec<&str> = districts
        .lines()
        .filter_map(|l| l.split_once(" — ").map(|x| x.0))
        .collect();
    assert_eq!(names.len(), 10, "11 districts, Cao Lộc issued: {districts}");
    assert!(
        names.iter().all(|n| n.starts_with("Ủy ban nhân dân huyện")
            || *n == "Ủy ban nhân dân thành phố Lạng Sơn")
    );
    let one = json(&db.ok(&[&at[..], &["--agency", "cuc thue", "--format", "json"]].concat()));
    assert_eq!(one.as_array().unwrap().len(), 1);

    // --within: what is due soon too, and the header says so.
    let soon = db.ok(&[
        "--today",
        "2023-11-20",
        "overdue",
        "--by-agency",
        "--agency",
        "cao loc",
        "--within",
        "14",
    ]);
    assert!(
        soon.starts_with(
            "Ủy ban nhân dân huyện Cao Lộc — 38 phần việc quá hạn hoặc đến hạn trong 14 ngày\n"
        ),
        "{soon}"
    );
    assert!(line(&soon, "III.1.2.1.c.t1").ends_with("còn 10 ngày"));
    // Before the first deadline nothing is overdue.
    assert_eq!(
        db.ok(&["--today", "2023-06-01", "overdue", "--by-agency"]),
        "Không có nhiệm vụ quá hạn.\n"
    );
}

#[test]
fn group_membership_is_edited_and_the_new_commune_answers_for_its_duties() {
    let db = Db::new();
    // The plan does not list the communes: the group is empty.
    assert_eq!(db.ok(&["agencies", "members", "ubnd-xa"]), "");
    let out = db.ok(&[
        "agencies",
        "add-member",
        "ubnd-xa",
        "--new",
        "UBND xã Hoàng Đồng",
    ]);
    assert_eq!(
        out,
        "Đã tạo cơ quan UBND xã Hoàng Đồng (ubnd-xa-hoang-dong)\nĐã thêm ubnd-xa-hoang-dong vào ubnd-xa\n"
    );
    db.ok(&[
        "agencies",
        "add-member",
        "UBND cấp xã",
        "--new",
        "UBND phường Chi Lăng",
    ]);
    assert_eq!(
        db.ok(&["agencies", "members", "UBND cấp xã"]),
        "ubnd-xa-hoang-dong       UBND xã Hoàng Đồng\nubnd-phuong-chi-lang     UBND phường Chi Lăng\n"
    );

    // Remove one and add it back by name.
    let out = db.ok(&["agencies", "remove-member", "ubnd-xa", "chi lang phuong"]);
    assert_eq!(out, "Đã bỏ ubnd-phuong-chi-lang khỏi ubnd-xa\n");
    assert!(
        !db.ok(&["agencies", "members", "ubnd-xa"])
            .contains("Chi Lăng")
    );
    let out = db.ok(&["agencies", "add-member", "ubnd-xa", "UBND phường Chi Lăng"]);
    assert_eq!(out, "Đã thêm ubnd-phuong-chi-lang vào ubnd-xa\n");

    // Refused, each with what to do instead, and nothing recorded.
    let before = db.history();
    let err = db.fails(
        &["agencies", "add-member", "snv", "cao loc"],
        exit::BAD_INPUT,
    );
    assert!(
        err.contains("Sở Nội vụ không phải một nhóm cơ quan; các nhóm: ubnd-xa, so-ban-nganh, ubnd-huyen, co-quan-tw"),
        "{err}"
    );
    let err = db.fails(
        &["agencies", "remove-member", "ubnd-xa", "so noi vu"],
        exit::BAD_INPUT,
    );
    assert!(
        err.contains("snv không phải thành viên của ubnd-xa; các thành viên: ubnd-xa-hoang-dong, ubnd-phuong-chi-lang"),
        "{err}"
    );
    let err = db.fails(
        &["agencies", "add-member", "ubnd-xa", "co-quan-dia-phuong"],
        exit::BAD_INPUT,
    );
    assert!(err.contains("vòng lặp"), "{err}");
    let err = db.fails(
        &["agencies", "add-member", "ubnd-xa", "UBND xã Mai Pha"],
        exit::NOT_FOUND,
    );
    assert!(err.contains("--new"), "{err}");
    assert_eq!(db.history(), before);

    // The communes answer for the communes' duties, one by one: on the checklist, in the
    // reminder report and when recording parts. The group no longer stands for them.
    let list = json(&db.ok(&["--today", "2023-07-10", "checklist", "--format", "json"]));
    assert_eq!(list.as_array().unwrap().len(), 42);
    assert_eq!(entry(&list, "ubnd-xa-hoang-dong")["days_left"], -10);
    assert!(
        !list
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["agency"] == "ubnd-xa")
    );
    let missing = db.ok(&["--today", "2023-07-10", "report", "--missing"]);
    let (june, november) = missing.split_once("## Hạn 30/11/2023").unwrap();
    assert!(june.contains("- **UBND xã Hoàng Đồng** — 1 nhiệm vụ: IV.1.a.t1"));
    assert!(line(november, "**UBND phường Chi Lăng**").contains("III.3.1.a"));
    assert!(!missing.contains("Ủy ban nhân dân các xã, phường, thị trấn"));
    let out = db.ok(&[
        "agency-done",
        "IV.1.a.t1",
        "hoang dong",
        "--doc",
        "07/KH-UBND",
        "--doc-date",
        "28/06/2023",
    ]);
    assert!(out.ends_with("1/42 cơ quan đã xong\n"), "{out}");
    let list = json(&db.ok(&["--today", "2023-07-10", "checklist", "--format", "json"]));
    assert_eq!(entry(&list, "ubnd-xa-hoang-dong")["late_days"], -2);
    let err = db.fails(&["agency-done", "IV.1.a.t1", "ubnd-xa"], exit::BAD_INPUT);
    assert!(err.contains("UBND xã Hoàng Đồng"), "{err}");

    // Every change is in the audit log, oldest last.
    let log = db.history();
    let changes = [
        "agency ubnd-xa-hoang-dong: not_started → done (07/KH-UBND)",
        "registry add_member: ubnd-xa ubnd-phuong-chi-lang",
        "registry remove_member: ubnd-xa ubnd-phuong-chi-lang",
        "registry add_member: ubnd-xa ubnd-phuong-chi-lang",
        "registry agency: ubnd-phuong-chi-lang UBND phường Chi Lăng",
        "registry add_member: ubnd-xa ubnd-xa-hoang-dong",
        "registry agency: ubnd-xa-hoang-dong UBND xã Hoàng Đồng",
    ];
    let lines: Vec<&str> = log.lines().collect();
    let mut at = 0;
    for c in changes {
        let found = lines[at..]
            .iter()
            .position(|l| l.contains(c))
            .unwrap_or_else(|| panic!("{c:?} missing or out of order in:\n{log}"));
        assert!(lines[at + found].contains(" lan "), "{}", lines[at + found]);
        at += found + 1;
    }
}

#[test]
fn a_commune_created_here_and_later_named_by_an_imported_plan_keeps_working() {
    let db = Db::new();
    db.ok(&[
        "agencies",
        "add-member",
        "ubnd-xa",
        "--new",
        "UBND xã Hoàng Đồng",
    ]);
    db.ok(&["agency-done", "IV.1.a.t1", "hoang dong"]);
    // A corrected transcription lists the commune with the same id.
    let mut file: Value = serde_json::from_str(kehoach::plan::EMBEDDED_PLAN).unwrap();
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
    let path = db.dir.path().join("plan-sua.json");
    std::fs::write(&path, file.to_string()).unwrap();
    db.ok(&["import", path.to_str().unwrap()]);
    // Every command still loads the plan; the commune is still in the group, with its part.
    let members = db.ok(&["agencies", "members", "ubnd-xa"]);
    assert_eq!(
        members,
        "ubnd-xa-hoang-dong       Ủy ban nhân dân xã Hoàng Đồng\n"
    );
    let list = json(&db.ok(&["checklist", "--format", "json"]));
    assert_eq!(entry(&list, "ubnd-xa-hoang-dong")["state"], "done");
}
