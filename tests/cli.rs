//! The real `kehoach` binary with a database in a temporary folder: every subcommand, the
//! output a coordinator reads, the formats other programs read, and the exit codes.

use std::path::Path;

use assert_cmd::Command;

mod common;

use common::cli::{Db, csv, json};
use kehoach::commands::exit;
use kehoach::plan::Plan;
use serde_json::Value;

fn find<'a>(nodes: &'a Value, id: &str) -> Option<&'a Value> {
    nodes.as_array()?.iter().find_map(|n| {
        if n["id"] == id {
            Some(n)
        } else {
            find(&n["children"], id)
        }
    })
}

/// The subcommands `kehoach --help` lists.
fn listed_subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|c| c != "help")
        .collect()
}

#[test]
fn each_subcommand_describes_itself_as_the_list_does() {
    // `kehoach --help` lists each subcommand with the start of its description; its own
    // `--help` must open with that description (its arguments are described to clap only when
    // it runs, after the description, and a shared group of arguments once replaced it).
    let db = Db::new();
    let help = db.ok(&["--help"]);
    let listed = listed_subcommands(&help);
    assert!(listed.len() > 20, "{help}");
    for name in &listed {
        let line = help
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap();
        let start = line.trim_start()[name.len()..].trim();
        let own = db.ok(&[name, "--help"]);
        assert!(
            own.starts_with(start),
            "`kehoach {name} --help` opens with\n{own}\nnot with {start:?}"
        );
        assert!(own.contains(&format!("kehoach {name}")), "{own}");
    }
}

#[test]
fn every_subcommand_in_help_works_on_a_realistic_example() {
    let db = Db::new();
    let copy = db.file("sao-luu.db");
    let copy = copy.to_str().unwrap();
    let transcribed = db.file("ke-hoach.json");
    let transcribed = transcribed.to_str().unwrap();
    let mini = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mini_plan.json");
    // (subcommand, arguments, something the output must say). In this order: import last,
    // since it makes the imported plan the default.
    let examples: &[(&str, &[&str], &str)] = &[
        (
            "status",
            &["--today", "2023-06-20", "status"],
            "còn 10 ngày",
        ),
        (
            "overdue",
            &["--today", "2023-12-01", "overdue", "--agency", "so noi vu"],
            "IV.2.a",
        ),
        (
            "show",
            &["show", "III.1.2.4.c1.t1"],
            "giảm 09 đơn vị sự nghiệp công lập",
        ),
        (
            "done",
            &["done", "III.1.2.9.t1"],
            "Đã đánh dấu xong III.1.2.9.t1",
        ),
        (
            "reopen",
            &["reopen", "III.1.2.9.t1"],
            "Đã mở lại III.1.2.9.t1",
        ),
        (
            "note",
            &[
                "note",
                "III.1.2.9.t1",
                "Đã ban hành Kế hoạch 45/KH-SNV",
                "--doc",
                "45/KH-SNV",
                "--doc-date",
                "12/06/2023",
            ],
            "Đã lưu ghi chú #1 cho III.1.2.9.t1",
        ),
        (
            "deadline",
            &["deadline", "IV.1.a.t1", "15/07/2023"],
            "15/07/2023",
        ),
        ("agencies", &["agencies"], "Sở Nội vụ"),
        (
            "agency-done",
            &[
                "agency-done",
                "IV.1.a.t1",
                "ubnd cao loc",
                "--doc",
                "45/KH-UBND",
                "--doc-date",
                "20/06/2023",
            ],
            "IV.1.a.t1: UBND huyện Cao Lộc — Đã xong",
        ),
        (
            "checklist",
            &["--today", "2023-07-01", "checklist"],
            "45/KH-UBND",
        ),
        (
            "matrix",
            &["--today", "2023-07-01", "matrix"],
            "Cơ quan × chỉ số",
        ),
        (
            "report",
            &["--today", "2023-07-01", "report", "--agency", "cao loc"],
            "**Cơ quan:** Ủy ban nhân dân huyện Cao Lộc",
        ),
        ("search", &["search", "giai", "ngan"], "III.1.2.6.c1"),
        (
            "export",
            &["export", "--format", "md"],
            "## Tiến độ theo chỉ số",
        ),
        ("history", &["history", "--limit", "5"], "note #1 add"),
        (
            "changes",
            &["changes", "--since", "2000-01-01"],
            "đánh dấu xong",
        ),
        (
            "transcribe",
            &[
                "transcribe",
                concat!(env!("CARGO_MANIFEST_DIR"), "/data/source.txt"),
                "--out",
                transcribed,
            ],
            "Dòng vai trò in sẵn (Cơ quan chủ trì / thực hiện / phối hợp): 46",
        ),
        ("backup", &["backup", copy], "Đã sao lưu vào"),
        ("restore", &["restore", copy], "Đã khôi phục"),
        ("plans", &["plans"], "lang-son-2023"),
        ("doctor", &["doctor"], "Cơ sở dữ liệu: "),
        ("import", &["import", mini], "Đã nhập kế hoạch mini"),
    ];
    let help = db.ok(&["--help"]);
    let listed = listed_subcommands(&help);
    for name in &listed {
        assert!(
            examples.iter().any(|e| e.0 == name),
            "`kehoach {name}` is in --help but has no example here (nor, probably, in README.md)"
        );
    }
    // `doctor` is optional here: it is being added beside this test.
    for (name, ..) in examples.iter().filter(|e| e.0 != "doctor") {
        assert!(
            listed.iter().any(|l| l == name),
            "`kehoach {name}` is missing from --help"
        );
    }
    for (name, args, says) in examples.iter().filter(|e| listed.iter().any(|l| l == e.0)) {
        let out = db.ok(args);
        assert!(
            out.contains(says),
            "kehoach {name}: expected {says:?} in\n{out}"
        );
    }
    assert!(Path::new(copy).exists());
    let plans = db.ok(&["plans"]);
    assert!(
        plans.starts_with("* mini"),
        "the newest plan is the default:\n{plans}"
    );
    assert!(plans.contains("  lang-son-2023"));
}

#[test]
fn status_shows_countdowns_progress_overdue_and_the_database() {
    let db = Db::new();
    let early = db.ok(&["--today", "2023-06-20", "status"]);
    assert!(early.starts_with("Kế hoạch nâng cao PAR INDEX, SIPAS, PAPI tỉnh Lạng Sơn năm 2023\n"));
    assert!(early.contains("Tính đến ngày 20/06/2023"));
    assert!(
        early.contains("30/06/2023") && early.contains("còn 10 ngày"),
        "{early}"
    );
    assert!(
        early.contains("30/11/2023") && early.contains("còn 163 ngày"),
        "{early}"
    );
    assert!(early.contains("Nhiệm vụ quá hạn: 0"));
    assert!(early.contains(&format!("Cơ sở dữ liệu: {}", db.path.display())));
    let line = |out: &str, start: &str| -> String {
        out.lines()
            .find(|l| l.trim_start().starts_with(start))
            .unwrap_or_else(|| panic!("no line {start:?} in\n{out}"))
            .to_string()
    };
    assert!(line(&early, "PAR INDEX").contains("0/50"));
    assert!(line(&early, "PAR INDEX").contains("81,45%, 54/63"));
    assert!(line(&early, "SIPAS").contains("0/7"));
    assert!(line(&early, "PAPI").contains("0/22"));
    assert!(line(&early, "PAPI").contains("43,85 điểm, 13/61"));
    assert!(line(&early, "PAPI").contains("nhóm 15 tỉnh"));
    assert!(line(&early, "III.").contains("0/80"));
    assert!(line(&early, "IV.").contains("0/18"));
    assert!(line(&early, "Tổng").contains("0/98"));

    let on_the_day = db.ok(&["--today", "30/06/2023", "status"]);
    assert!(
        line(&on_the_day, "30/06/2023").contains("hôm nay"),
        "{on_the_day}"
    );

    db.ok(&["done", "III.1.2.9.t1", "III.3.8.b", "IV.1.a.t1"]);
    let late = db.ok(&["--today", "2023-12-01", "status"]);
    assert!(
        line(&late, "30/06/2023").contains("xong "),
        "a met milestone says so, not a countdown: {late}"
    );
    assert!(
        line(&late, "30/11/2023").contains("quá hạn 1 ngày"),
        "{late}"
    );
    assert!(line(&late, "PAR INDEX").contains("1/50"));
    assert!(line(&late, "PAPI").contains("1/22"));
    assert!(line(&late, "III.").contains("2/80"));
    assert!(line(&late, "IV.").contains("1/18"));
    assert!(line(&late, "Tổng").contains("3/98"));
    assert!(late.contains("Nhiệm vụ quá hạn: 95"), "{late}");

    // The issue's own example, three years on.
    let years = db
        .cmd(&["status"])
        .env("KEHOACH_TODAY", "2026-11-28")
        .output()
        .unwrap();
    assert!(
        String::from_utf8(years.stdout)
            .unwrap()
            .contains("quá hạn 1094 ngày")
    );
}

#[test]
fn overdue_for_an_agency_includes_its_group_duties_and_not_what_it_only_supports() {
    let db = Db::new();
    let base = ["--today", "2023-12-01", "overdue", "--agency", "so noi vu"];
    let table = db.ok(&base);
    for id in ["IV.2.a", "III.1.2.4.c2.t1", "III.1.2.6.c2.t1", "IV.1.a.t1"] {
        assert!(
            table.lines().any(|l| l.starts_with(&format!("{id} "))),
            "{id} missing:\n{table}"
        );
    }
    // IV.4.b and IV.6 name Sở Nội vụ as coordinating (phối hợp): support, not its own part,
    // so never its delay (the same rule as the matrix and the reminder letters).
    for id in ["III.3.5.c", "III.3.1.a", "IV.5.a", "IV.4.b", "IV.6"] {
        assert!(
            !table.lines().any(|l| l.starts_with(&format!("{id} "))),
            "{id} listed:\n{table}"
        );
    }
    assert!(table.contains("quá hạn 154 ngày") && table.contains("quá hạn 1 ngày"));

    let rows = json(&db.ok(&[&base[..], &["--format", "json"]].concat()));
    let rows = rows.as_array().unwrap();
    let plan = Plan::embedded();
    let snv = plan.agencies.resolve("so noi vu").unwrap();
    let answers = plan
        .tasks()
        .filter(|&t| kehoach::plan::due::answers_for(&plan, t, snv))
        .count();
    assert_eq!(rows.len(), answers);
    assert!(table.contains(&format!("Tổng: {}", rows.len())));
    assert_eq!(rows[0]["id"], "IV.1.a.t1", "earliest deadline first");
    assert_eq!(rows[0]["deadline"], "2023-06-30");
    assert_eq!(rows[0]["days"], -154);
    assert_eq!(rows[0]["countdown"], "quá hạn 154 ngày");
    for r in rows {
        for k in ["id", "title", "lead", "deadline", "days", "countdown"] {
            assert!(r.get(k).is_some(), "{k} missing in {r}");
        }
    }
    let ix = rows
        .iter()
        .position(|r| r["id"] == "III.1.2.6.c2.t1")
        .unwrap();
    assert_eq!(rows[ix]["lead"], serde_json::json!(["Sở Tài chính"]));

    let c = csv(&db.ok(&[&base[..], &["--format", "csv"]].concat()));
    assert_eq!(c[0], ["Mã", "Nội dung", "Chủ trì", "Hạn", "Quá hạn"]);
    assert_eq!(c.len() - 1, rows.len());
    for (r, j) in c[1..].iter().zip(rows) {
        assert_eq!(r[0], j["id"].as_str().unwrap());
        assert_eq!(r[3], j["deadline"].as_str().unwrap());
    }

    // A district through "UBND các huyện, thành phố"; a short form; nothing due yet.
    let cao_loc = db.ok(&[
        "--today",
        "2023-12-01",
        "overdue",
        "--agency",
        "cao loc",
        "--format",
        "json",
    ]);
    assert!(
        json(&cao_loc)
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "III.3.7.c")
    );
    let early = db.ok(&[
        "--today",
        "2023-06-01",
        "overdue",
        "--agency",
        "Văn phòng UBND tỉnh",
    ]);
    assert_eq!(early.trim(), "Không có nhiệm vụ quá hạn.");
    let soon = db.ok(&["--today", "2023-06-20", "overdue", "--within", "10"]);
    assert!(
        soon.contains("IV.1.a.t1") && soon.contains("còn 10 ngày"),
        "{soon}"
    );
    let none = db.ok(&["--today", "2023-06-20", "overdue", "--within", "9"]);
    assert!(
        none.contains("Không có nhiệm vụ chưa xong đến hạn trong 9 ngày"),
        "{none}"
    );
}

#[test]
fn ambiguous_and_unknown_agencies_list_candidates() {
    let db = Db::new();
    let err = db.fails(&["overdue", "--agency", "cuc"], exit::NOT_FOUND);
    assert!(err.contains("khớp với nhiều cơ quan"), "{err}");
    assert!(err.contains("Cục Thuế tỉnh Lạng Sơn (cuc-thue)"), "{err}");
    assert!(
        err.contains("Cục Hải quan tỉnh Lạng Sơn (cuc-hai-quan)"),
        "{err}"
    );
    let err = db.fails(&["overdue", "--agency", "so noi vuu"], exit::NOT_FOUND);
    assert!(
        err.contains("không tìm thấy cơ quan \"so noi vuu\""),
        "{err}"
    );
    assert!(err.contains("Sở Nội vụ (snv)"), "{err}");
}

#[test]
fn table_output_fits_a_narrow_terminal() {
    let db = Db::new();
    for width in [60usize, 80] {
        let out = db
            .cmd(&["--today", "2023-12-01", "overdue"])
            .env("COLUMNS", width.to_string())
            .output()
            .unwrap();
        let out = String::from_utf8(out.stdout).expect("whole characters only");
        assert!(out.lines().count() > 90);
        for l in out.lines() {
            let w = kehoach::text::width(l);
            assert!(w <= width, "{w} > {width}: {l:?}");
        }
        assert!(out.contains('…'), "long titles are cut with an ellipsis");
        // What says how late a task is, and which task, is never cut: at 60 columns the
        // lead agencies are left out instead.
        assert!(out.contains("III.1.2.3.c1.t1"), "{out}");
        assert!(out.contains("quá hạn 154 ngày"), "{out}");
        assert_eq!(out.lines().next().unwrap().contains("Chủ trì"), width >= 80);
        let checklist = db
            .cmd(&["--today", "2023-12-01", "checklist"])
            .env("COLUMNS", width.to_string())
            .output()
            .unwrap();
        let checklist = String::from_utf8(checklist.stdout).unwrap();
        assert!(checklist.contains("Chưa thực hiện"), "{checklist}");
        assert!(checklist.contains("quá hạn 154 ngày"), "{checklist}");
        // The table's lines (the summary under it is a sentence the terminal may wrap).
        assert!(
            checklist
                .lines()
                .filter(|l| l.contains('─') || l.contains("Chưa thực hiện"))
                .all(|l| kehoach::text::width(l) <= width),
            "{checklist}"
        );
    }
}

#[test]
fn done_reopen_note_and_deadline_show_up_in_show() {
    let db = Db::new();
    let t = "III.1.2.4.c1.t1";
    let before = db.ok(&["show", t]);
    assert!(before.contains("Chưa xong"));
    assert!(
        before.contains("Chủ trì: Sở Nội vụ ↑"),
        "inherited lead marked:\n{before}"
    );
    assert!(before.contains("Hạn: 30/11/2023"));
    assert!(before.contains("Ghi chú minh chứng (0):"));

    assert_eq!(db.ok(&["done", t]).trim(), format!("Đã đánh dấu xong {t}"));
    let again = db.ok(&["done", t]);
    assert!(
        again.contains("đã xong từ trước") && again.contains("lan"),
        "{again}"
    );
    let shown = db.ok(&["show", t]);
    assert!(
        shown
            .lines()
            .any(|l| l.starts_with("Đã xong: xong ngày") && l.ends_with("(lan)")),
        "{shown}"
    );

    // A note from standard input, with the document that proves it.
    db.cmd(&[
        "note",
        t,
        "-",
        "--doc",
        "45/KH-SNV",
        "--doc-date",
        "12/06/2023",
    ])
    .write_stdin("Đã ban hành Kế hoạch sắp xếp đơn vị sự nghiệp\nGửi kèm danh sách\n")
    .assert()
    .success()
    .stdout("Đã lưu ghi chú #1 cho III.1.2.4.c1.t1\n");
    db.ok(&["--user", "Trần Bình", "note", t, "Đã rà soát lần hai"]);
    let shown = db.ok(&["show", t]);
    assert!(shown.contains("Ghi chú minh chứng (2):"), "{shown}");
    assert!(
        shown.contains("lan — Văn bản: 45/KH-SNV (12/06/2023)"),
        "{shown}"
    );
    assert!(
        shown
            .contains("     Đã ban hành Kế hoạch sắp xếp đơn vị sự nghiệp\n     Gửi kèm danh sách")
    );
    assert!(shown.contains("Trần Bình"));
    let newest = shown.find("Đã rà soát lần hai").unwrap();
    assert!(
        newest < shown.find("Gửi kèm danh sách").unwrap(),
        "newest note first"
    );

    assert_eq!(db.ok(&["reopen", t]).trim(), format!("Đã mở lại {t}"));
    assert!(
        db.ok(&["reopen", t])
            .contains("chưa xong, không cần mở lại")
    );
    assert!(db.ok(&["show", t]).contains("Chưa xong"));

    // Deadlines: dd/mm/yyyy or ISO; `clear` goes back to the plan's.
    let out = db.ok(&["deadline", "IV.1.a.t1", "15/07/2023"]);
    assert_eq!(
        out.trim(),
        "Hạn của IV.1.a.t1: 15/07/2023 (trước đó 30/06/2023)"
    );
    let shown = db.ok(&["--today", "2023-07-01", "show", "IV.1.a.t1"]);
    assert!(
        shown.contains("Hạn: 15/07/2023 (còn 14 ngày) [hạn riêng]"),
        "{shown}"
    );
    db.ok(&["deadline", "IV.1.a", "2023-12-15"]);
    assert!(
        db.ok(&["show", "IV.1.a.t2"]).contains("Hạn: 15/12/2023"),
        "children follow their parent"
    );
    let out = db.ok(&["deadline", "IV.1.a.t1", "clear"]);
    assert_eq!(
        out.trim(),
        "Đã bỏ hạn riêng của IV.1.a.t1; hạn hiện tại 30/06/2023"
    );
    assert!(!db.ok(&["show", "IV.1.a.t1"]).contains("[hạn riêng]"));

    // Ids are typed any case, with đ for dd.
    assert!(
        db.ok(&["show", "iv.4.đ"])
            .starts_with("IV.4.dd  đ) Bưu điện tỉnh")
    );
    // A group is not done by hand; nothing is written.
    let err = db.fails(&["done", "III.1.2.9"], exit::BAD_INPUT);
    assert!(
        err.contains("III.1.2.9 là một nhóm gồm 3 nhiệm vụ"),
        "{err}"
    );
    // One bad id in a list writes none of them.
    db.fails(&["done", "IV.2.a", "IV.2.zz"], exit::NOT_FOUND);
    assert!(db.ok(&["show", "IV.2.a"]).contains("Chưa xong"));
}

fn export(db: &Db, format: &str) -> String {
    db.ok(&["--today", "2023-07-01", "export", "--format", format])
}

#[test]
fn export_json_has_the_documented_shape() {
    let db = Db::new();
    db.ok(&["done", "III.1.2.8.c1.t1"]);
    db.cmd(&[
        "note",
        "III.1.2.8.c1.t1",
        "-",
        "--doc",
        "88/BC-SKHĐT",
        "--doc-date",
        "2023-06-12",
    ])
    .write_stdin("Tổ chức hội nghị xúc tiến đầu tư\n")
    .assert()
    .success();
    let doc = json(&export(&db, "json"));
    let plan = Plan::embedded();
    for k in [
        "id",
        "title",
        "full_title",
        "issuer",
        "year",
        "today",
        "default_deadline",
        "milestones",
        "nodes",
    ] {
        assert!(doc.get(k).is_some(), "top-level {k} missing");
    }
    assert_eq!(doc["id"], "lang-son-2023");
    assert_eq!(doc["year"], 2023);
    assert_eq!(doc["today"], "2023-07-01");
    assert_eq!(doc["default_deadline"], "2023-11-30");
    assert_eq!(doc["milestones"][0]["item"], "IV.1.a.t1");
    let roots: Vec<&str> = doc["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(roots, ["I", "II", "III", "IV"]);

    let keys = [
        "id",
        "label",
        "kind",
        "title",
        "text",
        "lead",
        "implementers",
        "coordinators",
        "deadline",
        "done",
        "done_at",
        "done_by",
        "notes",
        "children",
    ];
    fn walk(n: &Value, keys: &[&str], count: &mut usize) {
        *count += 1;
        let mut have: Vec<&str> = n.as_object().unwrap().keys().map(String::as_str).collect();
        let mut want = keys.to_vec();
        have.sort();
        want.sort();
        assert_eq!(have, want, "node {}", n["id"]);
        for c in n["children"].as_array().unwrap() {
            walk(c, keys, count);
        }
    }
    let mut count = 0;
    for n in doc["nodes"].as_array().unwrap() {
        walk(n, &keys, &mut count);
    }
    assert_eq!(count, plan.len(), "every item once");

    let t = find(&doc["nodes"], "III.1.2.8.c1.t1").unwrap();
    assert_eq!(t["kind"], "task");
    assert_eq!(t["label"], "+");
    assert_eq!(t["done"], true);
    assert_eq!(t["done_by"], "lan");
    assert!(t["done_at"].as_str().unwrap().len() >= 19);
    // Roles are agency names, inherited where the task names none.
    assert_eq!(t["lead"], serde_json::json!(["Sở Kế hoạch và Đầu tư"]));
    assert!(
        t["coordinators"]
            .as_array()
            .unwrap()
            .contains(&Value::from("Các Sở, ban, ngành"))
    );
    assert_eq!(t["deadline"], "2023-11-30");
    let n = &t["notes"][0];
    assert_eq!(n["author"], "lan");
    assert_eq!(n["text"], "Tổ chức hội nghị xúc tiến đầu tư");
    assert_eq!(n["doc"], "88/BC-SKHĐT");
    assert!(n["at"].as_str().is_some());
    let open = find(&doc["nodes"], "IV.1.a.t1").unwrap();
    assert_eq!(open["deadline"], "2023-06-30");
    assert_eq!(
        (open["done"].clone(), open["done_at"].clone()),
        (Value::Bool(false), Value::Null)
    );
    assert_eq!(find(&doc["nodes"], "IV.4.dd").unwrap()["label"], "đ)");
}

#[test]
fn export_csv_opens_in_excel_with_one_row_per_item() {
    let db = Db::new();
    db.ok(&["done", "IV.2.a"]);
    db.ok(&[
        "note",
        "IV.2.a",
        "Đã đôn đốc, nhắc nhở \"các đơn vị\", lần 1",
    ]);
    let out = db.cmd(&["export", "--format", "csv"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(&out.stdout[..3], b"\xEF\xBB\xBF", "UTF-8 byte order mark");
    let text = String::from_utf8(out.stdout[3..].to_vec()).unwrap();
    assert!(text.contains("\r\n"), "CRLF rows for Excel");
    let rows = csv(&text);
    let plan = Plan::embedded();
    assert_eq!(rows.len(), 1 + plan.len());
    let head = &rows[0];
    for col in ["id", "title", "lead", "deadline", "done", "notes"] {
        assert!(head.contains(&col.to_string()), "{col}");
    }
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    for (r, n) in rows[1..].iter().zip(&plan.nodes) {
        assert_eq!(r.len(), head.len());
        assert_eq!(r[col("id")], n.id);
    }
    let r = rows.iter().find(|r| r[0] == "IV.2.a").unwrap();
    assert_eq!(r[col("done")], "1");
    assert_eq!(r[col("done_by")], "lan");
    assert_eq!(r[col("lead")], "");
    assert_eq!(r[col("implementers")], "Sở Nội vụ");
    assert!(
        r[col("notes")].contains("\"các đơn vị\", lần 1"),
        "{:?}",
        r[col("notes")]
    );
    assert_eq!(r[col("deadline")], "2023-11-30");
}

#[test]
fn export_md_is_the_quarterly_report() {
    let db = Db::new();
    db.ok(&["done", "IV.2.c"]);
    db.ok(&[
        "note",
        "IV.2.c",
        "Báo cáo quý II",
        "--doc",
        "120/BC-SNV",
        "--doc-date",
        "2023-06-28",
    ]);
    db.ok(&["done", "IV.2.b"]);
    let md = export(&db, "md");
    assert!(md.starts_with("# Báo cáo kết quả thực hiện — Kế hoạch nâng cao PAR INDEX"));
    let sections: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        sections,
        [
            "## Tiến độ theo chỉ số",
            "## Tiến độ theo cơ quan",
            "## Nhiệm vụ đã hoàn thành và minh chứng",
            "## Nhiệm vụ quá hạn",
        ]
    );
    assert!(md.contains("| **Tổng** | 2 | 98 | 2% |"), "{md}");
    assert!(md.contains("| Sở Nội vụ |"));
    assert!(md.contains("### IV.2.c — Tổng hợp kết quả"));
    assert!(md.contains("- Báo cáo quý II — Văn bản: 120/BC-SNV (28/06/2023)"));
    assert!(md.contains("### IV.2.b"));
    assert!(
        md.contains("_chưa có minh chứng_"),
        "a done task without evidence says so"
    );
    let overdue = &md[md.find("## Nhiệm vụ quá hạn").unwrap()..];
    assert!(
        overdue.contains("| IV.1.a.t1 |") && overdue.contains("quá hạn 1 ngày"),
        "{overdue}"
    );
    assert_eq!(
        overdue.matches("\n| ").count(),
        2,
        "header and one row:\n{overdue}"
    );
}

#[test]
fn export_out_writes_the_file_atomically() {
    let db = Db::new();
    let path = db.file("bao-cao.json");
    let out = db.ok(&[
        "--today",
        "2023-07-01",
        "export",
        "--format",
        "json",
        "--out",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.trim(), format!("Đã ghi {}", path.display()));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), export(&db, "json"));
    let names: Vec<String> = std::fs::read_dir(db.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(names.is_empty(), "temporary files left: {names:?}");
    // A folder that does not exist: a clear failure, no file.
    let bad = db.file("khong-co/bao-cao.csv");
    let err = db.fails(
        &["export", "--format", "csv", "--out", bad.to_str().unwrap()],
        exit::FAILED,
    );
    assert!(err.contains("khong-co"), "{err}");
    assert!(!bad.exists());
}

#[test]
fn history_lists_changes_newest_first() {
    let db = Db::new();
    assert!(
        db.ok(&["history"]).contains("import: 154 items"),
        "seeding is the first entry"
    );
    db.ok(&["done", "IV.2.a"]);
    db.ok(&["deadline", "IV.2.b", "2023-10-01"]);
    db.ok(&["--user", "binh", "note", "IV.2.a", "Đã gửi công văn"]);
    let out = db.ok(&["history"]);
    let body: Vec<&str> = out.lines().skip(2).collect();
    assert!(
        body[0].contains("binh")
            && body[0].contains("IV.2.a")
            && body[0].contains("note #1 add: Đã gửi công văn"),
        "{out}"
    );
    assert!(
        body[1].contains("IV.2.b") && body[1].contains("deadline: 2023-10-01"),
        "{out}"
    );
    assert!(
        body[2].contains("lan") && body[2].contains("done: open → done"),
        "{out}"
    );
    assert!(
        body[3].contains("lang-son-2023") && body[3].contains("import"),
        "{out}"
    );
    assert_eq!(body.len(), 4);
    let limited = db.ok(&["history", "--limit", "1"]);
    assert_eq!(limited.lines().count(), 3, "{limited}");
    let item = db.ok(&["history", "--item", "iv.2.a"]);
    assert_eq!(item.lines().skip(2).count(), 2, "{item}");
}

#[test]
fn backup_makes_a_copy_that_opens_with_the_same_data() {
    let db = Db::new();
    db.ok(&["done", "IV.2.a"]);
    db.ok(&["note", "IV.2.a", "Đã gửi công văn 12/SNV"]);
    let copy = db.file("sao-luu/kehoach-2023-07-01.db");
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    let out = db.ok(&["backup", copy.to_str().unwrap()]);
    assert!(
        out.starts_with(&format!("Đã sao lưu vào {}", copy.display())),
        "{out}"
    );
    let size = std::fs::metadata(&copy).unwrap().len();
    assert!(out.contains(&format!("({size} byte)")), "{out}");
    db.ok(&["done", "IV.2.b"]);

    let shown = db
        .bare()
        .args(["--db", copy.to_str().unwrap(), "show", "IV.2.a"])
        .output()
        .unwrap();
    let shown = String::from_utf8(shown.stdout).unwrap();
    assert!(
        shown.contains("Đã xong") && shown.contains("Đã gửi công văn 12/SNV"),
        "{shown}"
    );
    let later = db
        .bare()
        .args(["--db", copy.to_str().unwrap(), "show", "IV.2.b"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(later.stdout)
            .unwrap()
            .contains("Chưa xong"),
        "the copy is a snapshot"
    );
}

#[test]
fn bad_plan_files_are_refused_whole_and_say_where() {
    let db = Db::new();
    db.ok(&["note", "IV.5.c", "Giám sát quý II"]);
    let before = (db.ok(&["plans"]), export(&db, "json"), db.ok(&["history"]));
    let plan: Value = serde_json::from_str(kehoach::plan::EMBEDDED_PLAN).unwrap();
    let write = |name: &str, text: String| {
        let p = db.file(name);
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    let edit = |f: &dyn Fn(&mut Value)| {
        let mut v = plan.clone();
        f(&mut v);
        serde_json::to_string_pretty(&v).unwrap()
    };

    let cases: Vec<(String, &str)> = vec![
        (
            write(
                "hong.json",
                "{\n  \"format\": 1,\n  \"id\": lang-son\n}\n".into(),
            ),
            "dòng 3, cột 9",
        ),
        (write("trong.json", String::new()), "dòng 1, cột 0"),
        (
            // nodes[3] is part IV: IV.2 names an agency that is not registered.
            write(
                "co-quan.json",
                edit(&|v| {
                    v["nodes"][3]["children"][1]["implementing"] =
                        serde_json::json!(["so-khong-co"])
                }),
            ),
            "\"so-khong-co\"",
        ),
        (
            write(
                "trung-ma.json",
                edit(&|v| v["nodes"][3]["children"][2]["id"] = "IV.2".into()),
            ),
            "mã mục \"IV.2\" xuất hiện hai lần",
        ),
        (
            write(
                "ngay.json",
                edit(&|v| v["default_deadline"] = "2023-11-31".into()),
            ),
            "\"2023-11-31\" không phải ngày hợp lệ",
        ),
        (
            // Drops IV.5.c, which has a note.
            write(
                "bo-muc.json",
                edit(&|v| {
                    v["nodes"][3]["children"][4]["children"]
                        .as_array_mut()
                        .unwrap()
                        .pop();
                }),
            ),
            "mục IV.5.c",
        ),
        (write("nhi-phan.json", "\u{FFFD}".repeat(3)), "dòng 1"),
    ];
    for (path, says) in &cases {
        let out = db.cmd(&["import", path]).output().unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(
            out.status.code(),
            Some(i32::from(exit::BAD_INPUT)),
            "{path}: {err}"
        );
        assert!(err.contains(says), "{path}: expected {says:?} in {err}");
        assert!(out.stdout.is_empty());
    }
    // Bytes that are not UTF-8 at all.
    let raw = db.file("latin1.json");
    std::fs::write(&raw, b"{\"title\": \"K\xe9 ho\xe1ch\"}").unwrap();
    let err = db.fails(&["import", raw.to_str().unwrap()], exit::BAD_INPUT);
    assert!(err.contains("UTF-8"), "{err}");
    let err = db.fails(
        &["import", db.file("khong-co.json").to_str().unwrap()],
        exit::BAD_INPUT,
    );
    assert!(err.contains("khong-co.json"), "{err}");

    assert_eq!(
        (db.ok(&["plans"]), export(&db, "json"), db.ok(&["history"])),
        before,
        "nothing imported"
    );
    let err = db.fails(&["--lang", "en", "import", &cases[0].0], exit::BAD_INPUT);
    assert!(err.contains("line 3, column 9"), "{err}");
}

#[test]
fn unknown_ids_suggest_the_closest() {
    let db = Db::new();
    let err = db.fails(&["show", "III.1.2.9.t4"], exit::NOT_FOUND);
    assert!(
        err.contains("không có mục III.1.2.9.t4 trong kế hoạch"),
        "{err}"
    );
    assert!(
        err.contains("có phải bạn muốn:") && err.contains("III.1.2.9.t1"),
        "{err}"
    );
    for cmd in [
        &["done", "IV.9.a"][..],
        &["note", "IV.9.a", "x"],
        &["deadline", "IV.9.a", "2023-12-01"],
        &["history", "--item", "IV.9.a"],
    ] {
        db.fails(cmd, exit::NOT_FOUND);
    }
    let err = db.fails(&["--plan", "lang-son-2024", "status"], exit::NOT_FOUND);
    assert!(
        err.contains("lang-son-2023"),
        "names the plans there are: {err}"
    );
}

#[test]
fn impossible_dates_are_bad_input() {
    let db = Db::new();
    for d in ["31/02/2023", "2023-13-01", "hôm qua"] {
        let err = db.fails(&["deadline", "IV.2.a", d], exit::BAD_INPUT);
        assert!(
            err.contains(&format!("\"{d}\" không phải ngày hợp lệ")),
            "{err}"
        );
        db.fails(&["--today", d, "status"], exit::BAD_INPUT);
        db.fails(&["note", "IV.2.a", "x", "--doc-date", d], exit::BAD_INPUT);
    }
    let err = db
        .cmd(&["status"])
        .env("KEHOACH_TODAY", "2023-02-29")
        .output()
        .unwrap();
    assert_eq!(err.status.code(), Some(i32::from(exit::BAD_INPUT)));
    assert!(
        !db.ok(&["show", "IV.2.a"])
            .contains("Ghi chú minh chứng (1)"),
        "nothing was written"
    );
    // Empty notes are refused too.
    db.fails(&["note", "IV.2.a", "   "], exit::BAD_INPUT);
    db.cmd(&["note", "IV.2.a", "-"])
        .write_stdin("\n\n")
        .assert()
        .code(i32::from(exit::BAD_INPUT));
}

#[test]
fn english_output_with_lang_en() {
    let db = Db::new();
    let out = db.ok(&["--lang", "en", "--today", "2023-06-20", "status"]);
    assert!(out.contains("As of 20/06/2023"), "{out}");
    assert!(
        out.contains("10 days left") && out.contains("163 days left"),
        "{out}"
    );
    assert!(out.contains("Overdue tasks: 0") && out.contains("By index:"));
    assert!(
        db.ok(&["--lang", "en", "done", "IV.2.a"])
            .contains("Marked IV.2.a done")
    );
    let err = db.fails(&["--lang", "en", "show", "IV.9"], exit::NOT_FOUND);
    assert!(
        err.starts_with("kehoach: error: there is no item IV.9 in the plan"),
        "{err}"
    );
    let out = db
        .cmd(&[
            "--today",
            "2023-12-01",
            "overdue",
            "--agency",
            "so noi vu",
            "--format",
            "csv",
        ])
        .env("KEHOACH_LANG", "en")
        .output()
        .unwrap();
    let rows = csv(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(rows[0], ["Id", "Title", "Lead", "Deadline", "Overdue"]);
    assert!(rows.iter().any(|r| r[4] == "154 days overdue"));
}

#[test]
fn files_that_are_not_databases_are_refused_untouched() {
    let db = Db::new();
    let text = db.file("ghi-chu.txt");
    std::fs::write(&text, "Danh sách việc cần làm\n").unwrap();
    let out = db
        .bare()
        .args(["--db", text.to_str().unwrap(), "status"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(i32::from(exit::DATABASE)));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("không phải cơ sở dữ liệu kehoach") && err.contains("ghi-chu.txt"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&text).unwrap(),
        "Danh sách việc cần làm\n"
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_database_can_be_read_but_not_changed() {
    use std::os::unix::fs::PermissionsExt;
    let db = Db::new();
    db.ok(&["done", "IV.2.a"]);
    std::fs::set_permissions(&db.path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let bytes = std::fs::read(&db.path).unwrap();
    let writable = std::fs::OpenOptions::new()
        .write(true)
        .open(&db.path)
        .is_ok();
    // As root, permission bits stop nothing: run the binary as `nobody` instead.
    let as_nobody = writable && Path::new("/usr/bin/setpriv").exists();
    if writable && !as_nobody {
        eprintln!(
            "skipped: running as root without setpriv, so a read-only file cannot be observed"
        );
        return;
    }
    if as_nobody {
        // nobody may create SQLite's shared-memory file beside the database, not change it.
        std::fs::set_permissions(db.dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    }
    let run = |args: &[&str]| {
        let mut c = if as_nobody {
            let mut c = Command::new("/usr/bin/setpriv");
            c.args([
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                common::shared_binary(),
            ]);
            c
        } else {
            Command::new(env!("CARGO_BIN_EXE_kehoach"))
        };
        c.env("USER", "khach")
            .env_remove("KEHOACH_DB")
            .env_remove("KEHOACH_TODAY");
        c.arg("--db").arg(&db.path).args(args).output().unwrap()
    };
    let status = run(&["status"]);
    let out = String::from_utf8(status.stdout).unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    assert!(out.contains("(chỉ đọc)"), "{out}");
    assert!(
        String::from_utf8(run(&["show", "IV.2.a"]).stdout)
            .unwrap()
            .contains("Đã xong")
    );
    for args in [
        &["done", "IV.2.b"][..],
        &["note", "IV.2.b", "x"],
        &["deadline", "IV.2.b", "clear"],
    ] {
        let out = run(args);
        assert_eq!(
            out.status.code(),
            Some(i32::from(exit::DATABASE)),
            "{args:?}"
        );
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains("chỉ đọc") && err.contains("chưa có gì thay đổi"),
            "{err}"
        );
    }
    assert_eq!(
        std::fs::read(&db.path).unwrap(),
        bytes,
        "the database was changed"
    );
}

#[test]
fn usage_errors_exit_2_and_user_defaults_to_login() {
    let db = Db::new();
    db.fails(&["export"], 2);
    db.fails(&["overdue", "--format", "xml"], 2);
    db.fails(&["--lang", "fr", "status"], 2);
    db.fails(&["frobnicate"], 2);
    // $USER is the author unless --user says otherwise.
    let out = db
        .cmd(&["done", "IV.2.a"])
        .env("USER", "hoa")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(db.ok(&["show", "IV.2.a"]).contains("(hoa)"));
}

#[test]
fn kehoach_db_and_the_default_location() {
    let db = Db::new();
    let other = db.file("env.db");
    let out = db
        .bare()
        .env("KEHOACH_DB", &other)
        .env_remove("XDG_DATA_HOME")
        .args(["--today", "2023-06-20", "status"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains(&format!("Cơ sở dữ liệu: {}", other.display()))
    );
    assert!(other.exists());
    // No --db, no $KEHOACH_DB: the platform data folder under $HOME.
    let out = db
        .bare()
        .env_remove("XDG_DATA_HOME")
        .args(["--today", "2023-06-20", "status"])
        .output()
        .unwrap();
    let expected = db.dir.path().join(".local/share/kehoach/kehoach.db");
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains(&format!("Cơ sở dữ liệu: {}", expected.display())),
        "default database outside {}",
        expected.display()
    );
    assert!(expected.exists());
}

#[test]
fn a_command_line_clap_refuses_is_said_in_the_users_language() {
    let db = Db::new();
    // (arguments, the sentence, a hint) in Vietnamese, as every other refusal.
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &["ovrdue"],
            "không có lệnh \"ovrdue\"",
            "có phải ý bạn là overdue?",
        ),
        (
            &["overdue", "--by-agncy"],
            "không có tùy chọn --by-agncy cho `kehoach overdue`",
            "có phải ý bạn là --by-agency?",
        ),
        (
            &["overdue", "--format", "pdf"],
            "\"pdf\" không phải giá trị hợp lệ của --format <FORMAT>",
            "các giá trị hợp lệ: table, csv, json, xlsx",
        ),
        (
            &["overdue", "--within", "x"],
            "\"x\" không phải giá trị hợp lệ của --within <DAYS>",
            "`kehoach overdue --help`",
        ),
        (
            &["done"],
            "`kehoach done` cần <ID>...",
            "`kehoach done --help`",
        ),
        (
            &["report", "--agency", "snv", "--missing"],
            "--agency <NAME> không dùng cùng --missing",
            "`kehoach report --help`",
        ),
        (
            &["show", "IV.1", "IV.2"],
            "`kehoach show` không nhận thêm \"IV.2\"",
            "--help",
        ),
    ];
    for (args, says, hint) in cases {
        let err = db.fails(args, exit::BAD_INPUT);
        let mut lines = err.lines();
        assert_eq!(
            lines.next(),
            Some(format!("kehoach: lỗi: {says}").as_str()),
            "{err}"
        );
        assert!(lines.all(|l| l.starts_with("  gợi ý: ")), "{err}");
        assert!(err.contains(hint), "{args:?}: {err}");
        assert!(!err.contains("Usage") && !err.contains("error:"), "{err}");
    }
    // English when asked, on the line or in the environment.
    let err = db.fails(&["--lang", "en", "ovrdue"], exit::BAD_INPUT);
    assert!(
        err.starts_with("kehoach: error: there is no command \"ovrdue\""),
        "{err}"
    );
    assert!(err.contains("  hint: did you mean overdue?"), "{err}");
    let out = db
        .cmd(&["overdue", "--format", "pdf"])
        .env("KEHOACH_LANG", "en")
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("kehoach: error: \"pdf\" is not a valid value"),
        "{err}"
    );
    // Help and version are still clap's, on standard output, exit 0.
    assert!(db.ok(&["--help"]).contains("Usage: kehoach"));
    assert!(db.ok(&["--version"]).starts_with("kehoach "));
}
