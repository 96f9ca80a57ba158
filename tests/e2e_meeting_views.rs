//! The real binary in tmux: "since the last meeting" shows what another coordinator did with
//! the CLI, and `P` switches the view to another plan imported with the CLI.

mod common;

use std::path::Path;
use std::process::Command;

use common::tmux::{Tmux, kehoach_command, kehoach_ok};

/// kehoach as another coordinator (`--user`), as over SSH.
fn kehoach_as(db: &Path, user: &str, args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(["--db", db.to_str().unwrap(), "--user", user])
        .args(args)
        .env("KEHOACH_LANG", "vi")
        .output()
        .unwrap();
    assert!(out.status.success(), "kehoach {args:?}: {out:?}");
}

#[test]
fn w_shows_what_another_coordinator_changed_with_the_cli_and_enter_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kehoach_ok(&db, &["status"]);
    kehoach_as(&db, "minh", &["done", "III.1.2.6.c1"]);
    kehoach_as(
        &db,
        "hung",
        &[
            "note",
            "IV.2.a",
            "Đã gửi báo cáo quý III",
            "--doc",
            "88/BC-SNV",
        ],
    );
    let t = Tmux::start("since", 80, 24, &kehoach_command(&db, ""));
    t.wait_for("PAR INDEX", 20);
    t.keys(&["w"]);
    let s = t.wait_for("Thay đổi từ 13/11/2023", 5);
    // Newest first: hung's note, then minh's done, each with who did it.
    let line = |who: &str, what: &str| {
        s.lines()
            .position(|l| l.contains(who) && l.contains(what))
            .unwrap_or_else(|| panic!("no line of {who}: {what}\n{s}"))
    };
    assert!(
        line("hung", "thêm ghi chú #1") < line("minh", "đánh dấu xong"),
        "{s}"
    );
    assert!(s.contains("IV.2.a") && s.contains("III.1.2.6.c1"), "{s}");
    // Filter to minh's change, then open its item.
    t.keys(&["/"]);
    t.type_text("minh");
    t.wait_for("Lọc: minh", 5);
    t.keys(&["Enter", "j", "Enter"]);
    t.wait_for("III.1.2.6.c1 · ", 5);
    // Esc comes back to the list as it was left.
    t.keys(&["Escape"]);
    let s = t.wait_for("Thay đổi từ 13/11/2023", 5);
    assert!(s.contains("Lọc: minh"), "{s}");
    assert!(!s.contains("thêm ghi chú"), "{s}");
    // A day that does not exist keeps the prompt and says why.
    t.keys(&["d"]);
    t.wait_for("Thay đổi từ ngày (dd/mm/yyyy): 13/11/2023", 5);
    t.keys(&["BSpace"; 10]);
    t.type_text("30/02/2023");
    t.keys(&["Enter"]);
    let s = t.wait_for("chỉ có 28 ngày", 5);
    assert!(s.contains("(dd/mm/yyyy): 30/02/2023"), "{s}");
    t.keys(&["Escape", "Escape", "q"]);
    t.wait_exit(5);
}

#[test]
fn p_switches_the_view_to_another_plan_imported_with_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kehoach_ok(&db, &["status"]);
    let mini = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mini_plan.json");
    assert!(kehoach_ok(&db, &["import", mini]).contains("mini"));
    let t = Tmux::start("plans", 80, 24, &kehoach_command(&db, ""));
    // The newest import is shown first, with its year.
    t.wait_for("Kế hoạch thử (2023)", 20);
    t.keys(&["P"]);
    let s = t.wait_for("Kế hoạch trong cơ sở dữ liệu: 2", 5);
    assert!(s.contains("lang-son-2023"), "{s}");
    t.keys(&["j", "Enter"]);
    let s = t.wait_for("Đang xem kế hoạch lang-son-2023", 5);
    assert!(s.lines().next().unwrap().contains("năm 2023"), "{s}");
    assert!(s.contains("PAR INDEX"), "{s}");
    t.keys(&["q"]);
    t.wait_exit(5);
}
