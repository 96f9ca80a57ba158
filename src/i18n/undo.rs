//! What `u` and `U` did and will do, for the footer after each step: "Đã hoàn tác: xóa ghi
//! chú #1 · u: mở lại IV.1.a.t1 · U: làm lại" / "Undone: note #1 removed. Next u: reopen
//! IV.1.a.t1; U: redo". Each change has a form for what the next key will do (`…Do`: an
//! order in English) and one for what was done (`…Did`); Vietnamese reads the same in both.

use super::Lang;

strings! {
    enum U;
    DoneDo = "đánh dấu xong {}", "mark {} done";
    DoneDid = "đánh dấu xong {}", "{} marked done";
    ReopenDo = "mở lại {}", "reopen {}";
    ReopenDid = "mở lại {}", "{} reopened";
    DeadlineDo = "đặt hạn {} là {}", "set {} due {}";
    DeadlineDid = "đặt hạn {} là {}", "{} due {}";
    DeadlineClearDo = "bỏ hạn riêng của {}", "clear {}'s own deadline";
    DeadlineClearDid = "bỏ hạn riêng của {}", "{}'s own deadline cleared";
    NoteAddDo = "thêm ghi chú cho {}", "add the note on {}";
    NoteAddDid = "thêm ghi chú cho {}", "note on {} added";
    NoteEditDo = "đưa ghi chú #{} về “{}”", "set note #{} back to “{}”";
    NoteEditDid = "đưa ghi chú #{} về “{}”", "note #{} back to “{}”";
    NoteDeleteDo = "xóa ghi chú #{}", "remove note #{}";
    NoteDeleteDid = "xóa ghi chú #{}", "note #{} removed";
    NoteRestoreDo = "khôi phục ghi chú #{}", "bring back note #{}";
    NoteRestoreDid = "khôi phục ghi chú #{}", "note #{} back";
    AgencyDo = "ghi phần của {} ở {}: {}", "set {}'s part of {} to {}";
    AgencyDid = "ghi phần của {} ở {}: {}", "{}'s part of {}: {}";
    Undone = "Đã hoàn tác: {}", "Undone: {}";
    Redone = "Đã làm lại: {}", "Redone: {}";
    NextUndo = "u: {}", "Next u: {}";
    NoMoreUndo = "hết việc để hoàn tác", "Nothing more to undo";
    RedoThat = "U: làm lại", "U: redo";
    NextRedo = "U: {}", "U: {}";
    NothingToRedo = "Không có gì để làm lại", "Nothing to redo";
    HeadSep = " · ", ". ";
    TailSep = " · ", "; ";
}
