//! The real binary in tmux at 80×24: navigate, mark a task done, write a Vietnamese note,
//! search without diacritics, quit; then a second process confirms what was saved.

mod common;

use std::process::Command;

use common::tmux::{Tmux, kehoach_command};

fn show(db: &std::path::Path, id: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args([
            "--db",
            db.to_str().unwrap(),
            "--today",
            "2023-11-20",
            "show",
            id,
        ])
        .env("USER", "lan")
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_coordinator_session_at_80x24_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let t = Tmux::start("session", 80, 24, &kehoach_command(&db, ""));
    let first = t.wait_for("PAR INDEX", 20);
    assert!(first.contains("Hôm nay 20/11/2023"));
    assert!(
        first.contains("Hoàn thành 30/11/2023: còn 10 ngày"),
        "{first}"
    );

    // Navigate: down into part III, open it.
    t.keys(&["j", "j", "j", "j", "j", "j", "j", "j", "j", "j", "l"]);
    t.wait_for("1. Chỉ số cải cách hành chính (PAR INDEX)", 5);

    // Find the disbursement criterion without diacritics and mark it done.
    t.keys(&["/"]);
    t.type_text("giai ngan");
    t.wait_for("Tìm: giai ngan", 5);
    t.keys(&["Enter"]);
    t.wait_for("III.1.2.6.c1", 5);
    t.keys(&["Space"]);
    t.wait_for("Đã lưu: III.1.2.6.c1 đã xong", 5);

    // A note typed in Vietnamese, saved with Enter.
    t.keys(&["n"]);
    t.wait_for("Ghi chú minh chứng cho III.1.2.6.c1", 5);
    t.type_text("Đã giải ngân 100% kế hoạch vốn năm 2023");
    t.keys(&["Tab"]);
    t.type_text("45/KH-SKHĐT");
    t.keys(&["Enter"]);
    t.wait_for("Đã lưu ghi chú cho III.1.2.6.c1", 5);

    // Search "dat dai" finds "đất đai".
    t.keys(&["/"]);
    t.type_text("dat dai");
    let s = t.wait_for("III.3.5.c", 5);
    assert!(s.contains("Văn phòng đăng ký đất đai"), "{s}");
    t.keys(&["Enter", "q"]);
    t.wait_exit(5);

    let shown = show(&db, "III.1.2.6.c1");
    assert!(shown.contains("Đã xong"), "{shown}");
    assert!(
        shown.contains("Đã giải ngân 100% kế hoạch vốn năm 2023"),
        "{shown}"
    );
    assert!(shown.contains("45/KH-SKHĐT"), "{shown}");
}

#[test]
fn every_row_fits_the_width_and_counts_stay_aligned_with_vietnamese_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let t = Tmux::start("align", 80, 24, &kehoach_command(&db, ""));
    t.wait_for("PAR INDEX", 20);
    t.keys(&["G"]);
    let s = t.wait_for("TỔ CHỨC THỰC HIỆN", 5);
    // Branch rows end with their done/total count in the last column.
    let counted: Vec<&str> = s
        .lines()
        .filter(|l| l.contains('▸') || l.contains('▾'))
        .filter(|l| l.trim_end().ends_with(|c: char| c.is_ascii_digit()))
        .collect();
    assert!(counted.len() >= 5, "{s}");
    for l in counted {
        assert_eq!(
            unicode_width::UnicodeWidthStr::width(l.trim_end()),
            80,
            "count not in the last column: {l:?}"
        );
    }
    t.keys(&["q"]);
    t.wait_exit(5);
}

#[test]
fn resizing_in_every_mode_redraws_and_a_tiny_window_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let t = Tmux::start("resize", 80, 24, &kehoach_command(&db, ""));
    t.wait_for("PAR INDEX", 20);
    for mode_key in ["o", "a", "/", "?", "n"] {
        t.keys(&[mode_key]);
        std::thread::sleep(std::time::Duration::from_millis(150));
        t.resize(30, 8);
        t.wait_for("quá nhỏ", 5);
        t.resize(100, 30);
        t.wait_for("PAR INDEX", 5);
        t.keys(&["Escape"]);
    }
    t.resize(80, 24);
    t.wait_for("PAR INDEX", 5);
    assert!(!t.exited());
    t.keys(&["q"]);
    t.wait_exit(5);
}

#[test]
fn without_a_terminal_the_interactive_view_explains_itself() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(["--db", dir.path().join("k.db").to_str().unwrap()])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("terminal"), "{err}");
}
