//! Two interactive views on one database, in tmux, as two coordinators (or one coordinator in
//! two SSH windows) would use them: undo never wipes the other's later change, and drafts of
//! two sessions dropped at once both come back.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::tmux::{Tmux, child_of, kehoach_command, kehoach_ok};

/// Select `id` in the view through search.
fn go_to(t: &Tmux, id: &str) {
    t.keys(&["/"]);
    t.type_text(id);
    t.wait_for(&format!("Tìm: {id}"), 5);
    t.keys(&["Enter"]);
    t.wait_for(&format!("{id} ·"), 5);
}

fn set_deadline(t: &Tmux, date: &str) {
    t.keys(&["d"]);
    for _ in 0..12 {
        t.keys(&["BSpace"]);
    }
    t.type_text(date);
    t.keys(&["Enter"]);
}

#[test]
fn undo_in_one_view_leaves_the_other_coordinators_later_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let lan = Tmux::start("undo-lan", 80, 24, &kehoach_command(&db, ""));
    lan.wait_for("PAR INDEX", 20);
    let hung = Tmux::start("undo-hung", 80, 24, &kehoach_command(&db, "--user hung"));
    hung.wait_for("PAR INDEX", 20);

    go_to(&lan, "IV.2.a");
    set_deadline(&lan, "15/10/2023");
    lan.wait_for("Đã lưu: hạn của IV.2.a là 15/10/2023", 5);
    go_to(&hung, "IV.2.a");
    hung.wait_for("IV.2.a (mục đang xem): lan đặt hạn riêng 15/10/2023", 5);
    set_deadline(&hung, "20/10/2023");
    hung.wait_for("Đã lưu: hạn của IV.2.a là 20/10/2023", 5);
    // The footer told Lan: Hùng's change is acknowledged on her screen.
    lan.wait_for("IV.2.a (mục đang xem): hung đặt hạn riêng 20/10/2023", 5);
    lan.wait_for("Hạn 20/10/2023", 5);

    lan.keys(&["u"]);
    let screen = lan.wait_for("không hoàn tác: hung", 5);
    assert!(screen.contains("20/10/2023"), "{screen}");
    let shown = kehoach_ok(&db, &["show", "IV.2.a"]);
    assert!(
        shown.contains("20/10/2023"),
        "Hùng's deadline is kept:\n{shown}"
    );
    let history = kehoach_ok(&db, &["history", "--limit", "1"]);
    assert!(
        history.contains("hung"),
        "nothing after Hùng's change:\n{history}"
    );

    lan.keys(&["q"]);
    hung.keys(&["q"]);
    lan.wait_exit(5);
    hung.wait_exit(5);
}

fn hang_up_and_wait(pid: u32) {
    let alive = |sig: &str| {
        Command::new("kill")
            .args([sig, &pid.to_string()])
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap()
            .success()
    };
    assert!(alive("-HUP"));
    let start = Instant::now();
    while alive("-0") {
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "kehoach did not end on SIGHUP"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn two_sessions_of_one_account_hung_up_while_typing_both_get_their_draft_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kehoach_ok(&db, &["status"]); // create the database before two views race to
    let mut views = Vec::new();
    for (name, text) in [
        ("draft-a", "Phiên sáng: đang soạn báo cáo"),
        ("draft-b", "Phiên chiều: đã gửi công văn"),
    ] {
        let cmd = format!("sh -c \"{}; sleep 30\"", kehoach_command(&db, ""));
        let t = Tmux::start(name, 80, 24, &cmd);
        t.wait_for("PAR INDEX", 20);
        go_to(&t, "IV.2.a");
        t.keys(&["n"]);
        t.wait_for("Ghi chú minh chứng cho IV.2.a", 5);
        t.type_text(text);
        t.wait_for(text, 5);
        views.push(t);
    }
    // Both connections drop.
    for t in &views {
        hang_up_and_wait(child_of(t.pid()));
    }
    drop(views);

    let t = Tmux::start("draft-c", 80, 24, &kehoach_command(&db, ""));
    let first = t.wait_for("Bản nháp chưa lưu", 20);
    assert!(first.contains("còn 1 bản nháp"), "{first}");
    let one = first.contains("Phiên sáng");
    let (now, next) = if one {
        ("Phiên sáng", "Phiên chiều")
    } else {
        ("Phiên chiều", "Phiên sáng")
    };
    assert!(first.contains(now), "{first}");
    t.keys(&["Enter"]);
    t.wait_for(next, 5);
    t.keys(&["Enter"]);
    t.wait_for("Đã lưu ghi chú", 5);
    t.keys(&["q"]);
    t.wait_exit(5);
    let shown = kehoach_ok(&db, &["show", "IV.2.a"]);
    assert!(shown.contains("Phiên sáng: đang soạn báo cáo"), "{shown}");
    assert!(shown.contains("Phiên chiều: đã gửi công văn"), "{shown}");
}
