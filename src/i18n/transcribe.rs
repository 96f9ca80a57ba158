//! The words of `kehoach transcribe`'s review, in Vietnamese and English.

use super::Lang;

strings! {
    TrRead = "Đã đọc {}: {} dòng có chữ, {} dòng đã đặt vào kế hoạch, {} dòng bỏ qua.", "Read {}: {} non-blank lines, {} placed in the plan, {} left out.";
    TrCounts = "Theo loại:", "By kind:";
    TrRoleLines = "Dòng vai trò in sẵn (Cơ quan chủ trì / thực hiện / phối hợp): {}", "Printed role lines (Cơ quan chủ trì / thực hiện / phối hợp): {}";
    TrDeadlines = "Hạn tìm thấy:", "Deadlines found:";
    TrDefault = "(hạn chung của kế hoạch)", "(the plan's default deadline)";
    TrNoDeadline = "Không thấy hạn chung; dùng {}: hãy kiểm tra default_deadline.", "No plan-wide deadline found; using {}: check default_deadline.";
    TrInferred = "Vai trò suy ra từ câu ({}), cần đọc lại:", "Roles inferred from sentences ({}), to read again:";
    TrProposed = "Cơ quan chưa có trong danh mục, đề xuất thêm ({}):", "Agencies not in the registry, proposed as new entries ({}):";
    TrUnplaced = "Dòng chưa đặt được vào kế hoạch ({}):", "Lines not placed in the plan ({}):";
    TrDropped = "Dòng bỏ qua:", "Lines left out:";
    TrLine = "dòng {}", "line {}";
    TrPageNumber = "số trang", "page number";
    TrWebAddress = "địa chỉ web", "web address";
    TrRunningHeader = "tiêu đề lặp lại ở mỗi trang", "running header";
    TrWrote = "Đã ghi kế hoạch {} vào {}.", "Wrote plan {} to {}.";
    TrNotWritten = "Chưa ghi tệp kế hoạch: thêm --out KE-HOACH.json để ghi.", "No plan file written: add --out PLAN.json to write one.";
    TrAllPlaced = "Mọi dòng đã được đặt vào kế hoạch.", "Every line was placed in the plan.";
    TrNeedsReview = "{} dòng chưa đặt được và {} cơ quan chưa có trong danh mục: hãy xem lại trước khi nhập", "{} lines not placed and {} agencies not in the registry: review them before importing";
    TrNotImported = "chưa nhập: {} dòng chưa đặt được và {} cơ quan chưa có trong danh mục", "nothing imported: {} lines not placed and {} agencies not in the registry";
    TrAcceptHint = "xem lại bản chép (kehoach transcribe FILE --out KE-HOACH.json), sửa rồi nhập tệp JSON; hoặc thêm --accept để nhập ngay", "review the transcript (kehoach transcribe FILE --out PLAN.json), fix it and import the JSON; or add --accept to import as it is";
    TrNotText = "{}: không phải văn bản UTF-8 (byte {})", "{}: not UTF-8 text (byte {})";
    TrDocx = "{}: không đọc được tệp Word ({}); hãy lưu thành văn bản (.txt) rồi chạy lại", "{}: not a readable Word file ({}); save it as plain text (.txt) and run again";
    TrNoPdftotext = "{}: cần pdftotext để đọc PDF (gói poppler-utils)", "{}: reading a PDF needs pdftotext (package poppler-utils)";
    TrBadRegistry = "{}: danh mục cơ quan không đọc được: {}", "{}: the agency registry could not be read: {}";
    TrInvalid = "kế hoạch chép ra không hợp lệ: {}", "the transcribed plan is not valid: {}";
}
