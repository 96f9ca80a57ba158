//! Every user-facing string, in Vietnamese (the default) and English.
//!
//! Strings are declared once with both translations; leaving one out does not compile.
//! Placeholders are `{}`, filled in order by [`fill`].

mod errors;

pub use errors::{Localized, io_error};
pub use office::{O, place_date};

use chrono::NaiveDate;

use crate::plan::accountability::{AgencyState, Timing};
use crate::plan::{Countdown, NodeKind, Role};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

/// A table of strings as an enum (`S` unless named with `enum NAME;` first), with `get` and
/// `fill`. Every table of words uses it (the main one, the office documents', the review's,
/// the audit log's), so a translation left out is a compile error everywhere alike.
macro_rules! strings {
    (enum $name:ident; $($key:ident = $vi:literal, $en:literal;)*) => {
        /// A user-facing string; `get` gives it in a language.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($key),* }

        impl $name {
            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$key, Lang::Vi) => $vi, ($name::$key, Lang::En) => $en,)*
                }
            }

            /// The string with its `{}` placeholders filled in order.
            pub fn fill(self, lang: Lang, args: &[&dyn std::fmt::Display]) -> String {
                $crate::i18n::fill(self.get(lang), args)
            }
        }
    };
    ($($key:ident = $vi:literal, $en:literal;)*) => {
        strings! { enum S; $($key = $vi, $en;)* }
    };
}

strings! {
    // Roles and kinds.
    RoleLead = "Chủ trì", "Lead";
    RoleImplementing = "Thực hiện", "Implementing";
    RoleCoordinating = "Phối hợp", "Coordinating";
    KindPart = "Phần", "Part";
    KindSection = "Mục", "Section";
    KindGroup = "Nhóm", "Group";
    KindField = "Lĩnh vực", "Field";
    KindCriterion = "Tiêu chí", "Criterion";
    KindItem = "Điểm", "Item";
    KindTask = "Nhiệm vụ", "Task";
    KindPurpose = "Mục đích", "Purpose";
    KindGoal = "Mục tiêu", "Goal";
    // Countdowns.
    DaysLeft = "còn {} ngày", "{} days left";
    DueToday = "hôm nay", "due today";
    DaysLate = "quá hạn {} ngày", "{} days overdue";
    DayLeft = "còn 1 ngày", "1 day left";
    DayLate = "quá hạn 1 ngày", "1 day overdue";
    // A milestone whose item is done, with the day it was done.
    MilestoneMet = "xong {}", "met {}";
    MilestoneMetUndated = "xong", "met";
    // kehoach changes
    ChangesSince = "Thay đổi từ {}: {} thay đổi ở {} mục", "Changes since {}: {} change(s) in {} item(s)";
    NoChangesSince = "Không có thay đổi nào từ {}", "Nothing changed since {}";
    ChangesPlanWide = "Toàn kế hoạch", "The whole plan";
    ImportCarried = "Đã mang sang {} thay đổi danh sách cơ quan (cơ quan tự thêm, thành viên nhóm) từ kế hoạch {}", "Carried {} agency-list change(s) (agencies added, group members) over from plan {}";
    // Pace in `status`.
    PaceHeading = "Nhịp độ cần để kịp hạn {} ({}, {}):", "Pace needed to meet {} ({}, {}):";
    PaceLeft = "còn {}/{} nhiệm vụ", "{}/{} task(s) left";
    PacePerWeek = "cần {} nhiệm vụ/tuần", "needs {} task(s) a week";
    PaceFinal = "cần xong {} nhiệm vụ", "{} task(s) to finish";
    PaceDone = "đã xong", "all done";
    // Common words.
    Done = "Đã xong", "Done";
    NotDone = "Chưa xong", "Not done";
    Deadline = "Hạn", "Deadline";
    Today = "Hôm nay", "Today";
    Progress = "Tiến độ", "Progress";
    Overdue = "Quá hạn", "Overdue";
    Agency = "Cơ quan", "Agency";
    Title = "Nội dung", "Title";
    Notes = "Ghi chú minh chứng", "Evidence notes";
    Targets = "Chỉ tiêu", "Targets";
    ReadOnly = "chỉ đọc", "read-only";
    Total = "Tổng", "Total";
    Id = "Mã", "Id";
    When = "Thời gian", "When";
    Who = "Người", "Who";
    Change = "Thay đổi", "Change";
    Document = "Văn bản", "Document";
    OwnDeadline = "hạn riêng", "own deadline";
    DoneBy = "xong ngày {} ({})", "done {} by {}";
    Baseline = "Năm {}: {}", "{}: {}";
    GoalTop = "Mục tiêu {}: nhóm {} tỉnh cao nhất", "{} goal: top {} provinces";
    NothingOverdue = "Không có nhiệm vụ quá hạn.", "Nothing is overdue.";
    WithinTooFar = "--within {}: quá xa; hãy ghi số ngày từ 0 đến {} (100 năm)", "--within {}: too far ahead; give a number of days from 0 to {} (100 years)";
    NothingDueWithin = "Không có nhiệm vụ chưa xong đến hạn trong {} ngày.", "No unfinished task is due within {} days.";
    NoMatches = "Không tìm thấy mục nào.", "No item matches.";
    NoHistory = "Chưa có thay đổi nào.", "No changes yet.";
    // Status command.
    StatusAsOf = "Tính đến ngày {}", "As of {}";
    StatusOverdueCount = "Nhiệm vụ quá hạn: {}", "Overdue tasks: {}";
    StatusByIndex = "Theo chỉ số", "By index";
    StatusByPart = "Theo phần", "By part";
    StatusDbPath = "Cơ sở dữ liệu: {}", "Database: {}";
    // Writes.
    MarkedDone = "Đã đánh dấu xong {}", "Marked {} done";
    Reopened = "Đã mở lại {}", "Reopened {}";
    AlreadyDone = "{} đã xong từ trước ({}, {})", "{} was already done ({}, {})";
    AlreadyOpen = "{} chưa xong, không cần mở lại", "{} is not done; nothing to reopen";
    NoteAdded = "Đã lưu ghi chú #{} cho {}", "Saved note #{} on {}";
    DeadlineSet = "Hạn của {}: {} (trước đó {})", "Deadline of {}: {} (was {})";
    DeadlineCleared = "Đã bỏ hạn riêng của {}; hạn hiện tại {}", "Cleared the own deadline of {}; now {}";
    Imported = "Đã nhập kế hoạch {} ({} mục, {} cơ quan)", "Imported plan {} ({} items, {} agencies)";
    BackupWritten = "Đã sao lưu vào {} ({} byte)", "Backed up to {} ({} bytes)";
    BackupUseRestore = "muốn đưa một bản sao lưu trở lại cơ sở dữ liệu thì dùng `kehoach restore TỆP`", "to bring a backup back into the database, use `kehoach restore FILE`";
    Restored = "Đã khôi phục {} từ {}; dữ liệu trước đó được giữ ở {}", "Restored {} from {}; the data it replaced is kept in {}";
    RestoredFresh = "Đã khôi phục {} từ {}", "Restored {} from {}";
    ExportWritten = "Đã ghi {}", "Wrote {}";
    NotATask = "{} là một nhóm gồm {} nhiệm vụ; chỉ đánh dấu xong từng nhiệm vụ", "{} is a group of {} tasks; mark its tasks done one by one";
    // Export report.
    ReportTitle = "Báo cáo kết quả thực hiện", "Progress report";
    ReportByIndex = "Tiến độ theo chỉ số", "Progress by index";
    ReportByAgency = "Tiến độ theo cơ quan", "Progress by agency";
    ReportDone = "Nhiệm vụ đã hoàn thành và minh chứng", "Completed tasks and evidence";
    ReportOverdue = "Nhiệm vụ quá hạn", "Overdue tasks";
    ReportNoEvidence = "chưa có minh chứng", "no evidence recorded";
    ReportCompleted = "Hoàn thành", "Completed";
    Index = "Chỉ số", "Index";
    Ratio = "Tỷ lệ", "Share";
    // Interactive view.
    TuiSavedDone = "Đã lưu: {} đã xong", "Saved: {} done";
    TuiSavedReopen = "Đã lưu: {} mở lại", "Saved: {} reopened";
    TuiSavedDeadline = "Đã lưu: hạn của {} là {}", "Saved: {} is due {}";
    TuiSavedDeadlineCleared = "Đã lưu: {} theo hạn của kế hoạch ({})", "Saved: {} follows the plan's deadline ({})";
    TuiSavedNote = "Đã lưu ghi chú cho {}", "Saved a note on {}";
    TuiSavedNoteEdit = "Đã lưu ghi chú #{}", "Saved note #{}";
    TuiDeletedNote = "Đã xóa ghi chú #{} (u để hoàn tác)", "Deleted note #{} (u to undo)";
    TuiRestoredNote = "Đã khôi phục ghi chú #{}", "Restored note #{}";
    TuiNothingToUndo = "Không có gì để hoàn tác", "Nothing to undo";
    TuiNotSaved = "CHƯA LƯU: {}", "NOT SAVED: {}";
    TuiReadOnly = "Cơ sở dữ liệu chỉ đọc: không sửa được", "The database is read-only: changes are off";
    TuiNoNotes = "Mục này chưa có ghi chú; nhấn n để viết", "No notes here yet; press n to write one";
    TuiNotYours = "Ghi chú #{} của {}; chỉ người viết mới sửa được", "Note #{} is {}'s; only its author can change it";
    TuiConfirmDelete = "Xóa ghi chú #{}? (c/k)", "Delete note #{}? (y/n)";
    TuiDraftKept = "Đã đóng; bản nháp được giữ (n để viết tiếp)", "Closed; the draft is kept (n to continue)";
    TuiDraftOffered = "Bản nháp chưa lưu ({}) cho {} đã được mở lại", "Your unsaved draft ({}) on {} is back";
    TuiDraftOrphan = "Bản nháp ({}) cho {}, mục không còn trong kế hoạch: mở tại {}; Esc giữ lại", "Your draft ({}) on {}, no longer in the plan: opened on {}; Esc keeps it";
    TuiDraftsMore = "(còn {} bản nháp)", "({} more drafts)";
    TuiExternal = "{}: {} {}", "{}: {} {}";
    TuiOvertaken = "{} (mục đang xem): {} {}", "{} (the item you are on): {} {}";
    TuiExternalAnon = "Dữ liệu vừa được cập nhật từ nơi khác", "Someone else just updated the data";
    TuiRestored = "Cơ sở dữ liệu vừa được {} khôi phục từ bản sao lưu", "The database was just restored from a backup by {}";
    TuiTooSmall = "Cửa sổ quá nhỏ ({}×{}); cần ít nhất 40×10. Phím không có tác dụng; q để thoát", "Window too small ({}×{}); needs at least 40×10. Keys do nothing here; q quits";
    TuiFilter = "Lọc", "Filter";
    TuiSearch = "Tìm", "Search";
    TuiMatches = "{}/{} kết quả", "{}/{} matches";
    TuiNoMatch = "không thấy", "no match";
    TuiDeadlinePrompt = "Hạn mới (dd/mm/yyyy; để trống = theo kế hoạch): ", "New deadline (dd/mm/yyyy; empty = the plan's): ";
    TuiNoteTitle = "Ghi chú minh chứng cho {}", "Evidence note on {}";
    TuiNoteEditTitle = "Sửa ghi chú #{} ({})", "Edit note #{} ({})";
    TuiDocRef = "Số văn bản", "Document no.";
    TuiDocDate = "Ngày văn bản", "Document date";
    TuiEmptyNote = "Ghi chú trống: hãy ghi việc đã làm", "The note is empty: write what was done";
    TuiSaving = "Đang lưu…", "Saving…";
    TuiOverdueTitle = "Quá hạn và sắp đến hạn ({} ngày tới)", "Overdue and due within {} days";
    TuiOverdueTitleShort = "Quá hạn và sắp đến hạn", "Overdue and due soon";
    TuiAgenciesTitle = "Cơ quan", "Agencies";
    TuiHelpTitle = "Phím tắt", "Keys";
    TuiGroupOf = "nhóm {} cơ quan", "group of {}";
    TuiNotesCount = "Ghi chú minh chứng ({})", "Evidence notes ({})";
    TuiNoNotesYet = "chưa có — nhấn n để ghi", "none yet — press n";
    TuiLoading = "đang tải…", "loading…";
    TuiStatusLine = "{} nhiệm vụ xong · {} quá hạn", "{} tasks done · {} overdue";
    KeysTree = "␣ xong  n ghi chú  u hoàn tác  / tìm  o quá hạn  a s c m cơ quan  ? giúp  q thoát", "␣ done  n note  u undo  / search  o overdue  a s c m agencies  ? help  q quit";
    KeysTreeWide = "␣ xong  n ghi chú  d hạn  u hoàn tác  / tìm  o quá hạn  a cơ quan  s phần việc  c kế hoạch 30/6  m bảng  ? giúp  q thoát", "␣ done  n note  d deadline  u undo  / search  o overdue  a agencies  s parts  c 30/6 plans  m matrix  ? help  q quit";
    KeysNotes = "↑↓ chọn · e sửa · D xóa · n ghi chú mới · Esc quay lại", "↑↓ select · e edit · D delete · n new note · Esc back";
    KeysAgencies = "↑↓ chọn · Enter lọc cây theo cơ quan · / lọc · Esc quay lại", "↑↓ select · Enter filter the tree · / filter · Esc back";
    KeysSearch = "gõ để tìm (không cần dấu) · ↓↑ kết quả · Enter chọn · Esc quay lại", "type to search (no diacritics needed) · ↓↑ matches · Enter keep · Esc back";
    KeysEditor = "Enter lưu · \\ rồi Enter: xuống dòng · Tab số/ngày văn bản · Esc đóng (giữ nháp)", "Enter save · \\ then Enter: new line · Tab document no./date · Esc close (keeps draft)";
    KeysDeadline = "Enter lưu · Esc hủy", "Enter save · Esc cancel";
    KeysHelp = "↑↓ cuộn · Esc đóng", "↑↓ scroll · Esc close";
    KeysConfirm = "c = có, xóa · k = không", "y = yes, delete · n = no";
    HelpBody = "CÂY KẾ HOẠCH
  ↑ ↓  j k        di chuyển
  PgUp PgDn       lên/xuống một trang
  g G  Home End   đầu / cuối
  ← →  h l        thu gọn / mở rộng
  p               lên mục cha
  Enter           mở/đóng nhánh; xem chi tiết (màn hình hẹp)
  Space  x        đánh dấu xong / mở lại nhiệm vụ
  n               viết ghi chú minh chứng
  d               đặt hạn riêng (dd/mm/yyyy; trống = theo kế hoạch)
  u               hoàn tác, lùi dần từng thay đổi của phiên
  U  Ctrl-R       làm lại điều u vừa hoàn tác
  J K             cuộn phần chi tiết
  Tab             vào danh sách ghi chú (sửa, xóa)
  /               tìm kiếm (không cần dấu)
  o               nhiệm vụ quá hạn và sắp đến hạn
  a               danh sách cơ quan; Enter để lọc cây
  s               phần việc của từng cơ quan trong mục đang chọn
  c               danh sách kế hoạch của các cơ quan (hạn 30/06)
  m               bảng cơ quan × chỉ số / mục
  w               thay đổi từ cuộc họp trước (mặc định 7 ngày qua)
  P               các kế hoạch trong cơ sở dữ liệu; Enter để chuyển
  Esc             bỏ lọc / đóng chế độ
  ?               trợ giúp này
  q  Ctrl-C       thoát

GHI CHÚ (Tab)
  ↑ ↓             chọn ghi chú
  e  Enter        sửa ghi chú của mình
  D  Delete       xóa ghi chú của mình (hỏi lại c/k)
  Esc             quay lại cây

SOẠN GHI CHÚ (n)
  Enter           lưu
  \\ rồi Enter     xuống dòng (cũng: Alt-Enter, Ctrl-J)
  Tab             chuyển ô: nội dung → số văn bản → ngày văn bản
  Esc             đóng, giữ bản nháp

TÌM KIẾM (/)
  gõ chữ          tìm theo mã, nội dung, cơ quan, ghi chú
  ↓ ↑  Tab        kết quả kế tiếp / trước
  Enter           giữ lựa chọn
  Esc             trở lại chỗ cũ

DANH SÁCH (o, a, s, c, m)
  ↑ ↓  Enter      chọn; mở mục / lọc theo cơ quan
  /               lọc khi gõ (không cần dấu); Enter xong, Esc bỏ lọc
  Space x  n  u   (o) xong / ghi chú / hoàn tác cho nhiệm vụ đang chọn
  U  Ctrl-R       (o) làm lại
  Esc             quay lại; Esc ở mục mở từ danh sách thì về danh sách

PHẦN VIỆC CỦA CƠ QUAN (s, c)
  Space  x        cơ quan đã xong / bỏ
  r               cơ quan đã báo cáo
  -               không áp dụng cho cơ quan này
  n  Enter        ghi văn bản của cơ quan (số, ngày) — ghi là đã xong
  u  U            hoàn tác / làm lại

BẢNG CƠ QUAN (m)
  ↑ ↓  ← →        cơ quan; cột (h l cũng được)
                  ◂ 3 / 4 ▸: số cột bị ẩn bên trái / phải
  Tab             theo chỉ số / theo mục
  Enter           lọc cây theo cơ quan, tới việc đầu tiên trong cột

THAY ĐỔI TỪ CUỘC HỌP TRƯỚC (w)
  ↑ ↓  Enter      chọn; mở mục trong cây (Esc quay lại danh sách)
  d               đổi ngày bắt đầu (dd/mm/yyyy)
  /               lọc khi gõ (mã, nội dung, người, việc)", "TREE
  ↑ ↓  j k        move
  PgUp PgDn       one page up/down
  g G  Home End   top / bottom
  ← →  h l        collapse / expand
  p               go to parent
  Enter           open/close a branch; full detail (narrow screens)
  Space  x        mark a task done / reopen it
  n               write an evidence note
  d               set an own deadline (dd/mm/yyyy; empty = the plan's)
  u               undo, one change at a time back
  U  Ctrl-R       redo what u undid
  J K             scroll the detail
  Tab             go into the notes (edit, delete)
  /               search (diacritics optional)
  o               overdue and soon-due tasks
  a               agencies; Enter filters the tree
  s               each agency's part of the selected item
  c               the agencies' own plans checklist (due 30/06)
  m               the agency × index / section matrix
  w               what changed since the last meeting (the last 7 days)
  P               the plans in the database; Enter switches
  Esc             clear the filter / close a mode
  ?               this help
  q  Ctrl-C       quit

NOTES (Tab)
  ↑ ↓             select a note
  e  Enter        edit your note
  D  Delete       delete your note (asks y/n)
  Esc             back to the tree

NOTE EDITOR (n)
  Enter           save
  \\ then Enter    new line (also Alt-Enter, Ctrl-J)
  Tab             next field: text → document no. → document date
  Esc             close, keeping a draft

SEARCH (/)
  type            match ids, text, agencies, notes
  ↓ ↑  Tab        next / previous match
  Enter           keep the selection
  Esc             go back where you were

LISTS (o, a, s, c, m)
  ↑ ↓  Enter      select; open the item / filter by agency
  /               filter as you type (diacritics optional); Enter done, Esc clear
  Space x  n  u   (o) done / note / undo on the selected task
  U  Ctrl-R       (o) redo
  Esc             back; Esc on an item opened from a list goes back to it

AGENCY PARTS (s, c)
  Space  x        the agency is done / undo
  r               the agency reported
  -               does not apply to this agency
  n  Enter        record the agency's document (number, date) — marks it done
  u  U            undo / redo

AGENCY MATRIX (m)
  ↑ ↓  ← →        agency; column (h l too)
                  ◂ 3 / 4 ▸: columns hidden to the left / right
  Tab             by index / by section
  Enter           filter the tree to the agency, at its first task in the column

SINCE THE LAST MEETING (w)
  ↑ ↓  Enter      select; open the item in the tree (Esc comes back)
  d               change the first day (dd/mm/yyyy)
  /               filter as you type (id, title, who, what)";
    TuiNoTerminal = "Giao diện tương tác cần một terminal; khi chạy qua đường ống hay tập lệnh, hãy dùng các lệnh như `kehoach status`, `kehoach overdue`", "The interactive view needs a terminal; from pipes and scripts use commands such as `kehoach status`, `kehoach overdue`";
    TuiDumbTerminal = "Terminal TERM=dumb không vẽ được giao diện; hãy đặt TERM=xterm-256color hoặc dùng các lệnh như `kehoach overdue`", "TERM=dumb cannot draw the interface; set TERM=xterm-256color or use commands such as `kehoach overdue`";
    TuiTerminalFailed = "không khởi tạo được terminal: {}", "could not set up the terminal: {}";
    // Doctor.
    DoctorMissing = "Chưa có cơ sở dữ liệu ở {}; lần chạy đầu tiên sẽ tạo nó", "There is no database at {} yet; the first run creates it";
    DoctorIntegrityOk = "Toàn vẹn (integrity_check): ổn", "Integrity (integrity_check): ok";
    DoctorIntegrityBad = "Toàn vẹn (integrity_check): HỎNG: {}", "Integrity (integrity_check): DAMAGED: {}";
    DoctorSchema = "Phiên bản lược đồ: {} (bản kehoach này ghi phiên bản {})", "Schema version: {} (this kehoach writes version {})";
    DoctorSchemaOld = "; lần mở tới sẽ nâng cấp, sau khi ghi bản sao .bak bên cạnh", "; the next open upgrades it, after writing a .bak copy beside it";
    DoctorSchemaNew = "; cần kehoach mới hơn", "; needs a newer kehoach";
    DoctorJournal = "Nhật ký: {}; synchronous=FULL (kehoach đặt cho mỗi kết nối)", "Journal: {}; synchronous=FULL (kehoach sets it on every connection)";
    DoctorNotWal = "{} (không phải WAL; lần mở để ghi tới sẽ chuyển sang WAL)", "{} (not WAL; the next writable open switches to WAL)";
    DoctorSize = "Kích thước: {} byte; tệp -wal: {} byte", "Size: {} bytes; -wal file: {} bytes";
    DoctorPerms = "Quyền: tệp {} ({}); thư mục {} ({})", "Permissions: file {} ({}); folder {} ({})";
    Writable = "ghi được", "writable";
    NotWritable = "không ghi được", "not writable";
    DoctorBackup = "Bản sao lưu gần nhất: {}, {} bởi {} ({} byte)", "Last backup: {}, {} by {} ({} bytes)";
    DoctorBackupGone = "; tệp không còn ở đó", "; the file is no longer there";
    DoctorNoBackup = "Bản sao lưu gần nhất: chưa có; hãy chạy `kehoach backup TỆP`", "Last backup: none recorded; run `kehoach backup FILE`";
    DoctorBak = "Bản sao trước nâng cấp: {} ({}, {} byte)", "Copy made before an upgrade: {} ({}, {} bytes)";
    DoctorNobody = "Tiến trình khác: không có tiến trình nào đang mở cơ sở dữ liệu", "Other processes: none has the database open";
    DoctorOpenBy = "Tiến trình khác: tiến trình {} đang mở cơ sở dữ liệu", "Other processes: process {} has the database open";
    DoctorWriting = "Tiến trình khác: một tiến trình đang ghi (giữ khóa ghi)", "Other processes: one is writing right now (it holds the write lock)";
    DoctorUnhealthy = "cơ sở dữ liệu {} không dùng được ({}); tệp được giữ nguyên: hãy khôi phục một bản sao lưu vào chỗ của nó bằng `kehoach restore TỆP`", "the database {} cannot be used ({}); it was left untouched: put a backup in its place with `kehoach restore FILE`";
    DoctorIntegrityUnknown = "Toàn vẹn (integrity_check): chưa kiểm tra được: {}", "Integrity (integrity_check): not checked: {}";
    DoctorNotChecked = "chưa kiểm tra được cơ sở dữ liệu {} ({}); điều đó không có nghĩa là tệp hỏng: hãy chạy lại `kehoach doctor` bằng tài khoản có quyền ghi tệp", "could not check the database {} ({}); that does not mean it is damaged: run `kehoach doctor` again as an account that may write it";
    DoctorLockout = "Tệp {}: chủ {}, nhóm {}, {}: có người được ghi cơ sở dữ liệu mà không được ghi tệp này, nên khi nó còn đó họ không lưu được gì", "File {}: owner {}, group {}, {}: someone who may write the database may not write it, so while it is there they cannot save anything";
    DoctorLockoutFix = "{} chặn những người dùng chung ghi cơ sở dữ liệu; hãy để chủ tệp hoặc root chạy: chgrp {} {} && chmod {} {}", "{} keeps the people who share the database from writing to it; have its owner or root run: chgrp {} {} && chmod {} {}";
    DoctorForeign = "Đây không phải cơ sở dữ liệu kehoach (không có application_id của kehoach, cũng không có các bảng của kehoach)", "This is not a kehoach database (neither kehoach's application_id nor kehoach's tables)";
    DoctorUser = "Tên ghi cùng các thay đổi của bạn: {} ({})", "Your changes are recorded as: {} ({})";
    UserFromFlag = "theo --user", "from --user";
    UserFromUser = "theo $USER", "from $USER";
    UserFromLogname = "theo $LOGNAME, vì không có $USER", "from $LOGNAME, as $USER is not set";
    UserFromAccount = "tên tài khoản trên hệ thống, vì không có $USER", "the system's name for your account, as $USER is not set";
    UserFromUid = "số tài khoản, vì không có $USER và hệ thống không có tên cho tài khoản này", "your account number, as $USER is not set and the system has no name for the account";
    DoctorNotSqlite = "không phải tệp SQLite", "not an SQLite file";
    // Agency accountability.
    StateNotStarted = "Chưa thực hiện", "Not started";
    StateReported = "Đã báo cáo", "Reported";
    StateDone = "Đã xong", "Done";
    StateNotApplicable = "Không áp dụng", "Not applicable";
    StateDoneByCoordinator = "Đã xong (điều phối xác nhận)", "Done (coordinator)";
    AgencyMarked = "{}: {} — {}", "{}: {} — {}";
    AgencyNotResponsible = "{} không có trách nhiệm chủ trì hay thực hiện {}; các cơ quan chịu trách nhiệm: {}", "{} neither leads nor implements {}; the agencies answerable are: {}";
    AgenciesDone = "{}/{} cơ quan đã xong", "{}/{} agencies done";
    AllAgenciesDone = "Tất cả cơ quan đã xong — nhấn Space để đánh dấu cả mục", "Every agency is done — press Space to mark the item";
    ChecklistTitle = "Kế hoạch thực hiện của các cơ quan (hạn {})", "Agencies' own implementation plans (due {})";
    ChecklistHead = "KH của các cơ quan, hạn {}: {}/{} đã ban hành · {} muộn", "Agencies' plans, due {}: {}/{} issued · {} late";
    ChecklistOnTime = "đúng hạn", "on time";
    ChecklistLate = "muộn {} ngày", "{} days late";
    ChecklistUndated = "chưa ghi ngày", "no date recorded";
    ChecklistSummary = "{} đã ban hành ({} đúng hạn, {} muộn, {} chưa ghi ngày) · {} chưa ban hành", "{} issued ({} on time, {} late, {} undated) · {} not issued";
    ReportAgencyTitle = "Báo cáo tình hình thực hiện {}", "Progress report on {}";
    ReportAgencyLine = "Cơ quan", "Agency";
    ReportAgencySummary = "Tổng số nhiệm vụ: {} · Đã xong: {} · Đã báo cáo: {} · Chưa thực hiện: {} · Quá hạn: {}", "Tasks: {} · Done: {} · Reported: {} · Not started: {} · Overdue: {}";
    ReportRole = "Vai trò", "Role";
    ReportState = "Tình trạng", "Status";
    ReportEvidence = "Minh chứng", "Evidence";
    ReportMissingTitle = "Cơ quan chưa hoàn thành phần việc — {}", "Agencies that have not done their part — {}";
    ReportDeadlineGroup = "Hạn {} ({})", "Due {} ({})";
    ReportTasksCount = "{} nhiệm vụ", "{} task(s)";
    ReportNothingMissing = "Mọi cơ quan đã hoàn thành phần việc của mình.", "Every agency has done its part.";
    MatrixTitle = "Cơ quan × {}", "Agencies × {}";
    MatrixByIndex = "chỉ số", "index";
    MatrixBySection = "mục", "section";
    MatrixRest = "Chung", "Other";
    MemberAdded = "Đã thêm {} vào {}", "Added {} to {}";
    MemberRemoved = "Đã bỏ {} khỏi {}", "Removed {} from {}";
    NotAMember = "{} không phải thành viên của {}; các thành viên: {}", "{} is not a member of {}; its members: {}";
    AgencyCreated = "Đã tạo cơ quan {} ({})", "Created agency {} ({})";
    NotAGroup = "{} không phải một nhóm cơ quan; các nhóm: {}", "{} is not a group of agencies; groups: {}";
    UseNew = "để tạo cơ quan mới, thêm --new", "to create a new agency, add --new";
    ByAgencyHeader = "{} — {} phần việc quá hạn", "{} — {} overdue parts";
    ByAgencyHeaderWithin = "{} — {} phần việc quá hạn hoặc đến hạn trong {} ngày", "{} — {} parts overdue or due within {} days";
    TuiSavedAgency = "Đã lưu: {} — {} ({})", "Saved: {} — {} ({})";
    TuiNoParts = "Mục này không giao việc cho cơ quan nào", "No agency is answerable for this item";
    TuiPartsTitle = "Phần việc của từng cơ quan — {}", "Each agency's part — {}";
    TuiAgencyEvidence = "Văn bản của {} cho {}", "{}'s document for {}";
    TuiRemark = "Ghi chú", "Remark";
    TuiEvidenceNeeded = "Ghi số văn bản hoặc nội dung", "Write the document number or a note";
    KeysParts = "␣ xong/chưa  r đã báo cáo  - không áp dụng  n văn bản  / lọc  Esc quay lại", "␣ done/undo  r reported  - not applicable  n document  / filter  Esc back";
    KeysMatrix = "↑↓ cơ quan  ←→ cột  Tab chỉ số/mục  Enter xem việc  / lọc  Esc quay lại", "↑↓ agency  ←→ column  Tab index/section  Enter open  / filter  Esc back";
    // Errors.
    UnknownItem = "không có mục {} trong kế hoạch", "there is no item {} in the plan";
    DidYouMean = "có phải bạn muốn: {}?", "did you mean: {}?";
    UnknownAgency = "không tìm thấy cơ quan \"{}\"", "no agency matches \"{}\"";
    AmbiguousAgency = "\"{}\" khớp với nhiều cơ quan; hãy ghi rõ hơn", "\"{}\" matches several agencies; be more specific";
    Candidates = "Các cơ quan khớp:", "Matching agencies:";
    BadDate = "\"{}\" không phải ngày hợp lệ; hãy ghi YYYY-MM-DD hoặc dd/mm/yyyy", "\"{}\" is not a valid date; write YYYY-MM-DD or dd/mm/yyyy";
    ErrorPrefix = "lỗi", "error";
    HintPrefix = "gợi ý", "hint";
    // Interactive view in a meeting (issue 10): pastes, drafts, small terminals, lists.
    TuiPasteNowhere = "Đã bỏ qua đoạn dán: chỉ dán vào ô đang gõ (n ghi chú, / tìm)", "Paste ignored: paste into something you are typing (n note, / search)";
    TuiPasteRestNote = "Phần còn lại của đoạn dán thành ghi chú mới: Enter lưu, Esc giữ nháp", "The rest of the paste is a new note: Enter saves, Esc keeps it as a draft";
    TuiDraftReopened = "Bản nháp đã được mở lại: Enter lưu, Esc giữ nháp", "Your draft is back: Enter saves, Esc keeps it";
    TuiMatchesWhole = "{} khớp trọn từ", "{} whole-word";
    TuiListHint = "Gõ / để lọc danh sách (không cần dấu)", "Type / to filter the list (diacritics optional)";
    TuiListRows = "{} dòng", "{} rows";
    KeysListFilter = "gõ để lọc (không cần dấu) · ↑↓ chọn · Enter xong · Esc bỏ lọc", "type to filter (diacritics optional) · ↑↓ select · Enter done · Esc clear";
    KeysOverdue = "␣ xong · n ghi chú · ↑↓ chọn · Enter mở · / lọc · Esc quay lại · q thoát", "␣ done · n note · ↑↓ select · Enter open · / filter · Esc back · q quit";
    TuiPasteRestDropped = "Đã bỏ qua {} ký tự dán sau Enter (không chạy như phím lệnh)", "Ignored {} pasted characters after Enter (not run as commands)";
    // Narrow terminals (60×20, 40×10): the short forms, so counts and names are not cut.
    TuiStatusLineShort = "{} xong · {} quá hạn", "{} done · {} overdue";
    ChecklistHeadShort = "{}/{} đã ban hành · {} muộn", "{}/{} issued · {} late";
}

// Declared after the `strings!` macro, which they use for their own words.
mod change;
mod meeting;
mod office;
mod undo;
mod usage;
pub use change::describe as describe_change;
pub use meeting::M;
pub use undo::U;
pub use usage::L;

/// The review printed by `kehoach transcribe`.
pub mod transcribe;

/// Replace each `{}` in `template` with the next argument.
pub fn fill(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut args = args.iter();
    let mut rest = template;
    while let Some(p) = rest.find("{}") {
        out.push_str(&rest[..p]);
        if let Some(a) = args.next() {
            out.push_str(&a.to_string());
        }
        rest = &rest[p + 2..];
    }
    out.push_str(rest);
    out
}

pub fn countdown(lang: Lang, c: Countdown) -> String {
    match c {
        Countdown::Left(1) => S::DayLeft.get(lang).to_string(),
        Countdown::Left(d) => S::DaysLeft.fill(lang, &[&d]),
        Countdown::Today => S::DueToday.get(lang).to_string(),
        Countdown::Late(1) => S::DayLate.get(lang).to_string(),
        Countdown::Late(d) => S::DaysLate.fill(lang, &[&d]),
    }
}

/// A milestone's state: "xong 28/06/2023" once met, else its countdown.
pub fn milestone(lang: Lang, met: Option<Option<NaiveDate>>, c: Countdown) -> String {
    match met {
        Some(Some(day)) => S::MilestoneMet.fill(lang, &[&date(day)]),
        Some(None) => S::MilestoneMetUndated.get(lang).to_string(),
        None => countdown(lang, c),
    }
}

/// "2023-06-12T09:30:00+07:00" → "12/06/2023 09:30"; anything unparsable as it is.
pub fn timestamp(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| t.format("%d/%m/%Y %H:%M").to_string())
        .unwrap_or_else(|_| rfc3339.to_string())
}

/// Dates are shown as dd/mm/yyyy in both languages, as in Vietnamese documents.
pub fn date(d: NaiveDate) -> String {
    use chrono::Datelike;
    // Written out: chrono's `format` parses its pattern again for every date, and a list
    // shows one or two per row.
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

/// An agency's part in words ("Đã xong", "Không áp dụng").
pub fn agency_state(lang: Lang, state: AgencyState) -> &'static str {
    match state {
        AgencyState::NotStarted => S::StateNotStarted,
        AgencyState::Reported => S::StateReported,
        AgencyState::Done => S::StateDone,
        AgencyState::NotApplicable => S::StateNotApplicable,
    }
    .get(lang)
}

/// When an agency's part came, in the checklist's words (empty for "not applicable": the
/// state column already says so).
pub fn timing(lang: Lang, t: Timing) -> String {
    match t {
        Timing::OnTime => S::ChecklistOnTime.get(lang).to_string(),
        Timing::Late(d) => S::ChecklistLate.fill(lang, &[&d]),
        Timing::Undated => S::ChecklistUndated.get(lang).to_string(),
        Timing::Pending(c) => countdown(lang, c),
        Timing::NotApplicable => String::new(),
    }
}

pub fn role(lang: Lang, r: Role) -> &'static str {
    match r {
        Role::Lead => S::RoleLead,
        Role::Implementing => S::RoleImplementing,
        Role::Coordinating => S::RoleCoordinating,
    }
    .get(lang)
}

pub fn kind(lang: Lang, k: NodeKind) -> &'static str {
    match k {
        NodeKind::Part => S::KindPart,
        NodeKind::Section => S::KindSection,
        NodeKind::Group => S::KindGroup,
        NodeKind::Field => S::KindField,
        NodeKind::Criterion => S::KindCriterion,
        NodeKind::Item => S::KindItem,
        NodeKind::Task => S::KindTask,
        NodeKind::Purpose => S::KindPurpose,
        NodeKind::Goal => S::KindGoal,
    }
    .get(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countdowns_read_naturally() {
        assert_eq!(countdown(Lang::Vi, Countdown::Left(12)), "còn 12 ngày");
        assert_eq!(
            countdown(Lang::Vi, Countdown::Late(1094)),
            "quá hạn 1094 ngày"
        );
        assert_eq!(countdown(Lang::Vi, Countdown::Today), "hôm nay");
        assert_eq!(countdown(Lang::En, Countdown::Left(3)), "3 days left");
        assert_eq!(countdown(Lang::En, Countdown::Left(1)), "1 day left");
        assert_eq!(countdown(Lang::En, Countdown::Late(1)), "1 day overdue");
        assert_eq!(countdown(Lang::Vi, Countdown::Late(1)), "quá hạn 1 ngày");
    }

    #[test]
    fn fill_in_order() {
        assert_eq!(fill("{} / {}", &[&1, &"b"]), "1 / b");
        assert_eq!(fill("no args", &[]), "no args");
    }
}
