//! A paste of several kilobytes, without bracketed paste (many SSH clients, `tmux
//! paste-buffer` without `-p`), into the note editor of the real binary in tmux: it arrives
//! whole, as text, and none of it runs as a command (issue 10). crossterm reads a terminal
//! 1 kB at a time; this is the paste that used to stop after the first kilobyte.

mod common;

use common::tmux::{Tmux, kehoach_command, kehoach_ok};

#[test]
fn an_unbracketed_paste_of_three_kilobytes_lands_whole_in_the_note() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let t = Tmux::start("paste-3k", 80, 24, &kehoach_command(&db, ""));
    t.open_disbursement();
    t.keys(&["n"]);
    t.wait_for("Ghi chú minh chứng cho III.1.2.6.c1", 5);

    // Every line holds keys that would be commands if they ran: x (done), q (quit), s, a, o,
    // m (views), u (undo), d (deadline).
    let lines: Vec<String> = (0..48)
        .map(|i| format!("dòng {i:02}: x q s a o m u d giải ngân vốn đầu tư công năm 2023"))
        .collect();
    let text = lines.join("\n") + "\n";
    assert!(text.len() > 3000, "{} bytes", text.len());
    t.paste(&text, false);
    // The editor follows its cursor: the last line shows once everything has arrived, with
    // no key pressed after the paste.
    let s = t.wait_for("dòng 47: x q", 10);
    assert!(
        s.contains("Ghi chú minh chứng cho III.1.2.6.c1"),
        "still editing: {s}"
    );
    assert!(!t.exited(), "a pasted q does not quit");
    // A person's Enter, alone, saves the whole paste as one note.
    t.keys(&["Enter"]);
    t.wait_for("Đã lưu ghi chú cho III.1.2.6.c1", 5);
    t.keys(&["q"]);
    t.wait_exit(5);

    let shown = kehoach_ok(&db, &["show", "III.1.2.6.c1"]);
    for line in &lines {
        assert!(
            shown.contains(line.as_str()),
            "{line:?} missing from:\n{shown}"
        );
    }
    assert!(!shown.contains("Đã xong"), "nothing marked done: {shown}");
    let log = kehoach_ok(&db, &["history", "--limit", "20"]);
    assert_eq!(log.matches("note").count(), 1, "one note saved: {log}");
    assert!(
        !log.contains(" done") && !log.contains("agency") && !log.contains("deadline"),
        "{log}"
    );
}
