//! The words of the interactive view's meeting screens (issue 10 and 11): "since the last
//! meeting" (`w`), the plans in the database (`P`), and the header's pace and short forms.

use super::Lang;

strings! {
    enum M;
    // Since the last meeting (w).
    SinceTitle = "Thay đổi từ {} — {} thay đổi ở {} mục", "Changes since {} — {} change(s) in {} item(s)";
    SinceTitleShort = "Từ {}: {} thay đổi ở {} mục", "Since {}: {} changes, {} items";
    SincePrompt = "Thay đổi từ ngày (dd/mm/yyyy): ", "Changes since (dd/mm/yyyy): ";
    SinceEmpty = "Hãy ghi một ngày dd/mm/yyyy, ví dụ {}", "Type a day as dd/mm/yyyy, e.g. {}";
    SinceFuture = "{} chưa tới (hôm nay là {}): hãy chọn một ngày đã qua", "{} is still ahead (today is {}): choose a day that has passed";
    SinceNoMonth = "\"{}\": không có tháng {}; hãy ghi dd/mm/yyyy", "\"{}\": there is no month {}; write dd/mm/yyyy";
    SinceNoDay = "\"{}\": tháng {}/{} chỉ có {} ngày", "\"{}\": {}/{} has only {} days";
    SinceNotInPlan = "{} không có trong kế hoạch đang xem", "{} is not in the plan on screen";
    SinceNoItem = "Thay đổi này không thuộc mục nào", "This change is to no item";
    KeysSince = "↑↓ chọn · Enter mở mục · d đổi ngày · / lọc · Esc quay lại · q thoát", "↑↓ select · Enter open the item · d change the day · / filter · Esc back · q quit";
    KeysSinceNarrow = "Enter mở · d ngày · / lọc · Esc · q thoát", "Enter open · d day · / filter · Esc · q quit";
    KeysSincePrompt = "Enter xem · Esc hủy", "Enter show · Esc cancel";
    KeysMeeting = "w thay đổi  P kế hoạch", "w changes  P plans";
    // The plans (P).
    PlansTitle = "Kế hoạch trong cơ sở dữ liệu: {} (* là kế hoạch mặc định)", "Plans in the database: {} (* is the default)";
    PlanShown = "đang xem", "on screen";
    OnlyOnePlan = "Chỉ có kế hoạch {}; thêm bằng `kehoach import`", "Only plan {}; add another with `kehoach import`";
    PlanNowShown = "Đang xem kế hoạch {} (năm {})", "Now showing plan {} ({})";
    PlanAlreadyShown = "Kế hoạch {} đang được xem", "Plan {} is already on screen";
    KeysPlans = "↑↓ chọn · Enter xem kế hoạch này · / lọc · Esc quay lại · q thoát", "↑↓ select · Enter show this plan · / filter · Esc back · q quit";
    KeysPlansNarrow = "Enter xem · / lọc · Esc · q thoát", "Enter show · / filter · Esc · q quit";
    // The header's short forms.
    PaceWeekShort = "cần {}/tuần", "{}/week";
    PaceFinalShort = "cần xong {}", "{} to go";
    LateShort = "quá {} ngày", "{}d late";
    LeftShort = "còn {} ngày", "{}d left";
    TodayShort = "hôm nay", "today";
    MetShort = "xong {}", "met {}";
}
