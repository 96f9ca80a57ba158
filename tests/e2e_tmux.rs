//! The real binary in tmux at 80×24: navigate, mark a task done, write a Vietnamese note,
//! search without diacritics, quit; then a second process confirms what was saved.

mod common;

use std::process::Command;

use common::tmux::{Tmux, child_of, kehoach_command, kehoach_ok, kill};

#[test]
fn a_coordinator_session_at_80x24_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let t = Tmux::start("session", 80, 24, &kehoach_command(&db, ""));
    let first = t.wait_for("PAR INDEX", 20);
    assert!(first.contains("Hôm nay 20/11/2023"));
    assert!(first.contains("Hoàn thành 30/11: còn 10 ngày"), "{first}");

    // Navigate: from the top (it starts on the first overdue task) down into part III, open it.
    t.keys(&["g", "j", "j", "j", "j", "j", "j", "j", "j", "j", "j", "l"]);
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

    let shown = kehoach_ok(&db, &["show", "III.1.2.6.c1"]);
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
    // The last row, then its parent: part IV and its branches on screen, whatever was open
    // at the start (it starts on the first overdue task, inside part IV).
    t.keys(&["G", "p"]);
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

/// Wait for the shell around kehoach to record the terminal's modes after kehoach is gone.
fn modes_after_exit(stty: &std::path::Path, why: &str) -> String {
    let start = std::time::Instant::now();
    while !stty.exists() || std::fs::read_to_string(stty).unwrap().is_empty() {
        assert!(
            start.elapsed().as_secs() < 10,
            "kehoach did not exit on {why}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    std::fs::read_to_string(stty).unwrap()
}

#[test]
fn a_dropped_connection_keeps_the_note_being_typed_and_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let stty = dir.path().join("stty.txt");
    // A shell runs kehoach, then records the terminal's mode once kehoach is gone.
    let cmd = format!(
        "sh -c \"{}; stty -a > '{}'; sleep 30\"",
        kehoach_command(&db, ""),
        stty.display()
    );
    let t = Tmux::start("hup", 80, 24, &cmd);
    t.wait_for("PAR INDEX", 20);
    t.keys(&["G", "n"]);
    t.wait_for("Ghi chú minh chứng cho", 5);
    t.type_text("Đang soạn báo cáo quý III");
    t.wait_for("Đang soạn báo cáo quý III", 5);
    let kehoach = child_of(t.pid());
    kill("-HUP", kehoach);
    let modes = modes_after_exit(&stty, "SIGHUP");
    assert!(
        modes.contains(" icanon") && modes.contains(" echo"),
        "terminal left in raw mode: {modes}"
    );
    drop(t);
    // Next start offers the draft again.
    let t = Tmux::start("hup2", 80, 24, &kehoach_command(&db, ""));
    let s = t.wait_for("Bản nháp chưa lưu", 20);
    assert!(s.contains("Đang soạn báo cáo quý III"), "{s}");
    t.keys(&["Enter"]);
    t.wait_for("Đã lưu ghi chú", 5);
    t.keys(&["q"]);
    t.wait_exit(5);
}

#[test]
fn sigterm_and_ctrl_c_leave_everything_saved_and_the_terminal_usable() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let stty = dir.path().join("stty.txt");
    let cmd = format!(
        "sh -c \"{}; stty -a > '{}'; sleep 30\"",
        kehoach_command(&db, ""),
        stty.display()
    );
    let t = Tmux::start("term", 80, 24, &cmd);
    t.wait_for("PAR INDEX", 20);
    t.keys(&["/"]);
    t.type_text("ubnd cap xa");
    t.keys(&["Enter", "Space"]);
    t.wait_for("Đã lưu", 5);
    kill("-TERM", child_of(t.pid()));
    assert!(modes_after_exit(&stty, "SIGTERM").contains(" icanon"));
    drop(t);
    let out = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(["--db", db.to_str().unwrap(), "history", "--limit", "1"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("done"));

    // Ctrl-C is a key in the interface: it quits cleanly.
    let t = Tmux::start("ctrlc", 80, 24, &kehoach_command(&db, ""));
    t.wait_for("PAR INDEX", 20);
    t.keys(&["C-c"]);
    t.wait_exit(5);
}

#[test]
fn two_coordinators_see_each_others_changes_within_two_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let a = Tmux::start("twoa", 80, 24, &kehoach_command(&db, ""));
    a.wait_for("PAR INDEX", 20);
    let b = Tmux::start("twob", 80, 24, &kehoach_command(&db, "--user minh"));
    b.wait_for("PAR INDEX", 20);
    // A command over SSH, as a third coordinator would.
    let out = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args([
            "--db",
            db.to_str().unwrap(),
            "--user",
            "hoa",
            "done",
            "IV.2.a",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    // Both screens update on their own: the footer names who changed what.
    a.wait_for("IV.2.a: hoa đánh dấu xong", 3);
    b.wait_for("IV.2.a: hoa đánh dấu xong", 3);
    // Part IV's row (its count) is on screen once it is selected: the last row, its parent.
    b.keys(&["G", "p"]);
    b.wait_for("1/18", 2);
    a.keys(&["q"]);
    b.keys(&["q"]);
    a.wait_exit(5);
    b.wait_exit(5);
}

#[test]
fn no_color_means_no_colour_codes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let cmd = format!("env NO_COLOR=1 {}", kehoach_command(&db, ""));
    let t = Tmux::start("nocolor", 80, 24, &cmd);
    t.wait_for("PAR INDEX", 20);
    let out = Command::new("tmux")
        .args([
            "-L",
            &format!("kehoach-test-nocolor-{}", std::process::id()),
        ])
        .args(["capture-pane", "-e", "-p", "-t", "main"])
        .output()
        .unwrap();
    let styled = String::from_utf8_lossy(&out.stdout);
    let sgr: Vec<Vec<u32>> = styled
        .split('\u{1b}')
        .filter_map(|seq| seq.strip_prefix('['))
        .filter_map(|seq| seq.split_once('m').map(|(params, _)| params))
        .map(|params| params.split(';').filter_map(|p| p.parse().ok()).collect())
        .collect();
    assert!(
        sgr.iter().any(|p| p.contains(&7)),
        "the selection is still shown, in reverse video"
    );
    let colour = |p: &u32| matches!(p, 30..=38 | 40..=48 | 90..=97 | 100..=107);
    assert!(
        !sgr.iter().any(|p| p.iter().any(colour)),
        "colour codes present: {styled:?}"
    );
    t.keys(&["q"]);
    t.wait_exit(5);
}
