//! Error messages in the user's language. English is each error's `Display`; Vietnamese is
//! written here, variant by variant, so a new variant without a translation does not compile.

use super::Lang;
use crate::plan::PlanError;
use crate::store::{BackupError, NotKehoach, NoteError, StoreError};

/// Why a file could not be read or written, in `lang`: the usual reasons in words, any other
/// as the system says it.
pub fn io_error(lang: Lang, e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let vi = match e.kind() {
        K::NotFound => "không có tệp hay thư mục này",
        K::PermissionDenied => "không có quyền truy cập",
        K::IsADirectory => "là một thư mục, không phải tệp",
        K::NotADirectory => "một phần của đường dẫn không phải thư mục",
        _ => return e.to_string(),
    };
    match lang {
        Lang::Vi => vi.to_string(),
        Lang::En => e.to_string(),
    }
}

/// An error that can explain itself in Vietnamese or English.
pub trait Localized: std::fmt::Display {
    fn vi(&self) -> String;

    fn say(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => self.vi(),
            Lang::En => self.to_string(),
        }
    }
}

impl Localized for StoreError {
    fn vi(&self) -> String {
        match self {
            StoreError::NotADatabase { path } => format!(
                "{} không phải cơ sở dữ liệu kehoach (không phải tệp SQLite); tệp được giữ nguyên: hãy chọn --db khác, hoặc khôi phục một bản sao lưu vào chỗ của nó bằng `kehoach restore TỆP`",
                path.display()
            ),
            StoreError::Foreign { path } => format!(
                "{} là cơ sở dữ liệu SQLite của chương trình khác, không phải của kehoach; tệp được giữ nguyên: hãy chọn --db là cơ sở dữ liệu kehoach hoặc một tệp mới",
                path.display()
            ),
            StoreError::NotAFile { path } => format!(
                "{} không phải tệp thông thường (là thư mục, ống dẫn hoặc thiết bị); chưa mở gì: hãy chọn --db là một tệp cơ sở dữ liệu",
                path.display()
            ),
            StoreError::WalWithoutShm { path } => format!(
                "cơ sở dữ liệu {} có thay đổi trong tệp -wal mà chỉ người có quyền ghi mới đọc được (thiếu tệp -shm); chưa có gì thay đổi: hãy nhờ người quản lý tệp chạy `kehoach status` một lần",
                path.display()
            ),
            StoreError::Corrupt { path, detail } => format!(
                "cơ sở dữ liệu {} bị hỏng ({detail}); tệp được giữ nguyên: hãy khôi phục một bản sao lưu vào chỗ của nó bằng `kehoach restore TỆP`, hoặc chạy `kehoach doctor`",
                path.display()
            ),
            StoreError::TooNew { found, supported } => format!(
                "cơ sở dữ liệu có phiên bản lược đồ {found}, bản kehoach này chỉ hiểu đến phiên bản {supported}: hãy dùng kehoach mới hơn"
            ),
            StoreError::Locked => "cơ sở dữ liệu đang bận: một kehoach khác giữ khóa quá 5 giây; chưa có gì thay đổi, hãy thử lại".into(),
            StoreError::Unsettled { path } => format!(
                "cơ sở dữ liệu {} bị một kehoach khác ghi suốt 2 giây kehoach này thử đọc; chưa có gì thay đổi, hãy thử lại",
                path.display()
            ),
            StoreError::ReadOnly { path } => format!(
                "cơ sở dữ liệu {} chỉ đọc (không có quyền ghi tệp, thư mục hoặc tệp -wal/-shm của nó); chưa có gì thay đổi: hãy hỏi người quản lý tệp, hoặc sao chép bằng `kehoach backup`",
                path.display()
            ),
            StoreError::Io { path, source } => format!(
                "không dùng được {}: {source}; hãy chọn --db khác hoặc sửa quyền truy cập",
                path.display()
            ),
            StoreError::StoredPlan(e) => {
                format!("kế hoạch lưu trong cơ sở dữ liệu không hợp lệ: {}", e.vi())
            }
            StoreError::UnknownPlan { wanted, known } => format!(
                "không có kế hoạch \"{wanted}\" trong cơ sở dữ liệu; các kế hoạch hiện có: {known}"
            ),
            StoreError::WouldDropItem { plan, item, .. } => format!(
                "mục {item} của kế hoạch {plan} đã có ghi chú hoặc trạng thái nhưng tệp mới bỏ mục này: hãy giữ mục trong tệp, hoặc nhập với mã kế hoạch mới"
            ),
            StoreError::UnknownNote(id) => format!("không có ghi chú #{id} (có thể đã bị xóa)"),
            StoreError::NotYourNote { id, author } => {
                format!("ghi chú #{id} do {author} viết; chỉ người viết mới sửa hoặc xóa được")
            }
            StoreError::ChangedSince { item, who, at } => format!(
                "không hoàn tác: {who} đã thay đổi {item} lúc {at}, sau thay đổi của phiên này"
            ),
            StoreError::Sqlite(e) => format!("lỗi cơ sở dữ liệu: {e}"),
        }
    }
}

impl Localized for PlanError {
    fn vi(&self) -> String {
        match self {
            PlanError::Json {
                line,
                column,
                message,
            } => format!(
                "tệp kế hoạch không phải JSON hợp lệ ở dòng {line}, cột {column}: {message}"
            ),
            PlanError::Format { found, expected } => format!(
                "tệp kế hoạch có định dạng {found}; bản kehoach này đọc định dạng {expected}"
            ),
            PlanError::DuplicateId { id } => {
                format!("mã mục \"{id}\" xuất hiện hai lần; mỗi mã phải là duy nhất")
            }
            PlanError::BadId { id } => format!(
                "mã mục \"{id}\" không dùng được: chỉ dùng chữ cái ASCII và chữ số, cách nhau bằng dấu chấm, như III.1.2.3.c1"
            ),
            PlanError::DuplicateAgency { id } => {
                format!("mã cơ quan \"{id}\" xuất hiện hai lần trong danh mục cơ quan")
            }
            PlanError::UnknownAgency { agency, at } => {
                format!("{at} nêu cơ quan \"{agency}\", không có trong danh mục cơ quan")
            }
            PlanError::GroupCycle(ids) => {
                format!("các nhóm cơ quan tạo thành vòng lặp: {}", ids.join(" → "))
            }
            PlanError::BadDate { value, at } => format!(
                "{at}: \"{value}\" không phải ngày hợp lệ; hãy ghi YYYY-MM-DD, như 2023-11-30"
            ),
            PlanError::BadOffset { value } => {
                format!("utc_offset \"{value}\" không phải độ lệch giờ UTC; hãy ghi như +07:00")
            }
            PlanError::UnknownItem { item, at } => {
                format!("{at} tham chiếu mục \"{item}\", không có trong kế hoạch")
            }
            PlanError::UnknownIndex { index, at, known } => {
                format!("mục {at} nêu chỉ số \"{index}\"; các chỉ số của kế hoạch là {known}")
            }
            PlanError::Empty => "kế hoạch không có mục nào".into(),
        }
    }
}

impl Localized for NoteError {
    fn vi(&self) -> String {
        match self {
            NoteError::Empty => "ghi chú trống; hãy ghi việc đã làm".into(),
            NoteError::TooLong(n) => format!(
                "ghi chú dài {n} byte, quá giới hạn 65536 byte; hãy ghi số hiệu văn bản thay vì toàn văn"
            ),
        }
    }
}

impl Localized for BackupError {
    fn vi(&self) -> String {
        match self {
            BackupError::Exists { path } => format!(
                "{} đã có; chưa ghi gì: hãy chọn tên tệp mới, hoặc thêm --force để ghi đè",
                path.display()
            ),
            BackupError::NoFolder { folder } => format!(
                "thư mục {0} không tồn tại; chưa ghi gì: hãy tạo trước (mkdir -p {0}) hoặc chọn nơi khác",
                folder.display()
            ),
            BackupError::IsFolder { path } => format!(
                "{} là một thư mục; chưa ghi gì: hãy ghi tên một tệp trong thư mục đó",
                path.display()
            ),
            BackupError::SameFile { path } => format!(
                "{} chính là cơ sở dữ liệu đang dùng; chưa có gì thay đổi: hãy chọn tệp khác",
                path.display()
            ),
            BackupError::Unreadable { path, source } => format!(
                "không đọc được {}: {}; chưa có gì thay đổi: hãy kiểm tra tên tệp và quyền truy cập",
                path.display(),
                io_error(Lang::Vi, source)
            ),
            BackupError::NotKehoach { path, why } => format!(
                "{} không phải cơ sở dữ liệu kehoach ({}); chưa có gì thay đổi: hãy chọn bản sao tạo bằng `kehoach backup`",
                path.display(),
                match why {
                    NotKehoach::NotSqlite => "không phải tệp SQLite",
                    NotKehoach::NoTables => "tệp SQLite không có các bảng của kehoach",
                }
            ),
            BackupError::Damaged { path, detail } => format!(
                "{} bị hỏng ({detail}); chưa có gì thay đổi: hãy chọn bản sao khác tạo bằng `kehoach backup`",
                path.display()
            ),
            BackupError::TooNew {
                path,
                found,
                supported,
            } => format!(
                "{} do kehoach mới hơn ghi (phiên bản lược đồ {found}; bản này chỉ đọc đến {supported}); chưa có gì thay đổi: hãy dùng kehoach mới hơn",
                path.display()
            ),
            BackupError::Store(e) => e.vi(),
        }
    }
}
