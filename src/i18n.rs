//! Every user-facing string, in Vietnamese (the default) and English.
//!
//! Strings are declared once with both translations; leaving one out does not compile.
//! Placeholders are `{}`, filled in order by [`fill`].

mod errors;

pub use errors::Localized;

use chrono::NaiveDate;

use crate::plan::{Countdown, NodeKind, Role};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

macro_rules! strings {
    ($($key:ident = $vi:literal, $en:literal;)*) => {
        /// A user-facing string; [`S::get`] gives it in a language.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum S { $($key),* }

        impl S {
            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((S::$key, Lang::Vi) => $vi, (S::$key, Lang::En) => $en,)*
                }
            }
        }
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
    Database = "Cơ sở dữ liệu", "Database";
    ReadOnly = "chỉ đọc", "read-only";
    Part = "Phần", "Part";
    Total = "Tổng", "Total";
    Id = "Mã", "Id";
    When = "Thời gian", "When";
    Who = "Người", "Who";
    Change = "Thay đổi", "Change";
    Document = "Văn bản", "Document";
    Inherited = "kế thừa từ {}", "inherited from {}";
    OwnDeadline = "hạn riêng", "own deadline";
    DoneBy = "xong ngày {} ({})", "done {} by {}";
    Baseline = "Năm {}: {}", "{}: {}";
    GoalTop = "Mục tiêu {}: nhóm {} tỉnh cao nhất", "{} goal: top {} provinces";
    NothingOverdue = "Không có nhiệm vụ quá hạn.", "Nothing is overdue.";
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
    // Errors.
    UnknownItem = "không có mục {} trong kế hoạch", "there is no item {} in the plan";
    DidYouMean = "có phải bạn muốn: {}?", "did you mean: {}?";
    UnknownAgency = "không tìm thấy cơ quan \"{}\"", "no agency matches \"{}\"";
    AmbiguousAgency = "\"{}\" khớp với nhiều cơ quan; hãy ghi rõ hơn", "\"{}\" matches several agencies; be more specific";
    Candidates = "Các cơ quan khớp:", "Matching agencies:";
    BadDate = "\"{}\" không phải ngày hợp lệ; hãy ghi YYYY-MM-DD hoặc dd/mm/yyyy", "\"{}\" is not a valid date; write YYYY-MM-DD or dd/mm/yyyy";
    EmptyNote = "ghi chú trống; hãy nhập nội dung", "the note is empty; write something";
    NoteTooLong = "ghi chú dài {} byte, quá giới hạn {} byte", "the note is {} bytes, over the {} byte limit";
    ErrorPrefix = "lỗi", "error";
    HintPrefix = "gợi ý", "hint";
    TuiNotReady = "Giao diện tương tác chưa có trong bản này; hãy dùng các lệnh (kehoach --help)", "The interactive interface is not in this build yet; use the commands (kehoach --help)";
}

impl S {
    /// The string with its `{}` placeholders filled in order.
    pub fn fill(self, lang: Lang, args: &[&dyn std::fmt::Display]) -> String {
        fill(self.get(lang), args)
    }
}

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
        Countdown::Left(d) => S::DaysLeft.fill(lang, &[&d]),
        Countdown::Today => S::DueToday.get(lang).to_string(),
        Countdown::Late(d) => S::DaysLate.fill(lang, &[&d]),
    }
}

/// Dates are shown as dd/mm/yyyy in both languages, as in Vietnamese documents.
pub fn date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
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
    }

    #[test]
    fn fill_in_order() {
        assert_eq!(fill("{} / {}", &[&1, &"b"]), "1 / b");
        assert_eq!(fill("no args", &[]), "no args");
    }
}
