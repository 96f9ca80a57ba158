//! The real binary in tmux: text pasted where keys are commands (the tree, a list) by a
//! terminal that does not bracket pastes (`tmux paste-buffer` without `-p`, many SSH
//! clients) is ignored as a bracketed paste is there, never run key by key.

mod common;

use common::tmux::{Tmux, kehoach_command, kehoach_ok};

#[test]
fn an_unbracketed_paste_on_the_tree_marks_nothing_done_and_opens_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let t = Tmux::start("paste-tree", 80, 24, &kehoach_command(&db, ""));
    // The view opens on IV.1.a.t1, a task: Space there would mark it done.
    t.wait_for("IV.1.a.t1 · ", 20);
    // Its space would mark the task done, its "a" open the agencies, its "/" a filter.
    t.paste("Đã ban hành 45/KH-SNV\nxong", false);
    let s = t.wait_for("Đã bỏ qua đoạn dán", 5);
    assert!(
        s.contains("IV.1.a.t1 · "),
        "still the tree on the same item:\n{s}"
    );
    assert!(s.contains("? giúp"), "the tree's keys:\n{s}");
    // An English paste of words is a paste too.
    t.paste("sent the plan to all agencies", false);
    std::thread::sleep(std::time::Duration::from_millis(500));
    let s = t.screen();
    assert!(
        s.contains("Đã bỏ qua đoạn dán") && s.contains("IV.1.a.t1 · "),
        "{s}"
    );
    // Keys typed quickly still run: two moves in one write.
    t.keys(&["j", "j"]);
    t.wait_for("IV.1.b · ", 5);
    // In the overdue list Space and x mark the selected task done: a paste there neither.
    t.keys(&["o"]);
    t.wait_for("Quá hạn và sắp đến hạn", 5);
    t.paste("xử lý xong 45/KH-SNV", false);
    let s = t.wait_for("Đã bỏ qua đoạn dán", 5);
    assert!(s.contains("Quá hạn và sắp đến hạn"), "still the list:\n{s}");
    t.keys(&["q"]);
    t.wait_exit(5);
    let history = kehoach_ok(&db, &["history"]);
    assert!(
        !history.contains("done"),
        "a paste marked a task done:\n{history}"
    );
}
