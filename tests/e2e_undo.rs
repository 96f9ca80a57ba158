//! Undo and redo in the real binary, in tmux, on a real database (issue 10): Space, a note,
//! then `u` `u` `U` `U`; the footer says each step, and the database has the note (its text
//! and document number) and the done mark back.

mod common;

use common::tmux::{Tmux, kehoach_command, kehoach_ok};

#[test]
fn space_note_u_u_capital_u_capital_u_brings_the_note_and_the_done_mark_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let t = Tmux::start("undo-redo", 80, 24, &kehoach_command(&db, ""));
    t.open_disbursement();

    t.keys(&["Space"]);
    t.wait_for("Đã lưu: III.1.2.6.c1 đã xong", 5);
    t.keys(&["n"]);
    t.wait_for("Ghi chú minh chứng cho III.1.2.6.c1", 5);
    t.type_text("Đã giải ngân 100% vốn");
    t.wait_for("Đã giải ngân 100% vốn", 5);
    t.keys(&["Tab"]);
    t.type_text("45/KH-SNV");
    t.wait_for("Số văn bản: 45/KH-SNV", 5);
    t.keys(&["Enter"]);
    t.wait_for("Đã lưu ghi chú cho III.1.2.6.c1", 5);

    t.keys(&["u"]);
    t.wait_for(
        "Đã hoàn tác: xóa ghi chú #1 · u: mở lại III.1.2.6.c1 · U: làm lại",
        5,
    );
    t.keys(&["u"]);
    t.wait_for(
        "Đã hoàn tác: mở lại III.1.2.6.c1 · hết việc để hoàn tác · U: làm lại",
        5,
    );
    let open = kehoach_ok(&db, &["show", "III.1.2.6.c1"]);
    assert!(!open.contains("45/KH-SNV"), "the note is gone: {open}");
    t.keys(&["U"]);
    t.wait_for("Đã làm lại: đánh dấu xong III.1.2.6.c1", 5);
    t.keys(&["U"]);
    let s = t.wait_for("Đã làm lại: khôi phục ghi chú #1 · u: xóa ghi chú #1", 5);
    // The detail shows the note again, with its document number.
    assert!(s.contains("45/KH-SNV"), "{s}");
    t.keys(&["q"]);
    t.wait_exit(5);

    let shown = kehoach_ok(&db, &["show", "III.1.2.6.c1"]);
    assert!(shown.contains("Đã giải ngân 100% vốn"), "{shown}");
    assert!(shown.contains("45/KH-SNV"), "{shown}");
    let log = kehoach_ok(&db, &["history", "--limit", "6"]);
    let first = log
        .lines()
        .find(|l| l.contains("III.1.2.6.c1"))
        .unwrap_or("");
    assert!(
        first.contains("note #1 restore") || first.contains("khôi phục"),
        "{log}"
    );
    let status = kehoach_ok(&db, &["status"]);
    assert!(status.contains("1/98"), "the task is done again: {status}");
}
