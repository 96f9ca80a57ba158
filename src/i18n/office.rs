//! The words of the Word and Excel files: sheet names, column headers and the phrases of an
//! administrative document (Nghị định 30/2020/NĐ-CP), in Vietnamese and English.

use super::Lang;

strings! {
    enum O;
    // Sheet names (at most 31 characters, none of []:*?/\).
    SheetChecklist = "Kế hoạch của cơ quan", "Agency plans";
    SheetOverdue = "Quá hạn", "Overdue";
    SheetOverdueByAgency = "Quá hạn theo cơ quan", "Overdue by agency";
    SheetMatrixByIndex = "Theo chỉ số", "By index";
    SheetMatrixBySection = "Theo mục", "By section";
    SheetItems = "Nhiệm vụ", "Items";
    SheetAgencies = "Cơ quan", "Agencies";
    // Column headers not already in the main table.
    ColKind = "Loại", "Kind";
    ColDoneOn = "Ngày xong", "Done on";
    ColDoneBy = "Người xác nhận", "Marked by";
    ColColumn = "Cột", "Column";
    ColNo = "STT", "No.";
    ColAgencyUnit = "Cơ quan, đơn vị", "Agency";
    ColLateParts = "Phần việc chưa hoàn thành", "Unfinished parts";
    ColCount = "Số việc", "Parts";
    ColIndexOrPart = "Chỉ số, phần", "Index, part";
    ColDoneShort = "Xong", "Done";
    // The header of an administrative document.
    Nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM";
    Motto = "Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness";
    Number = "Số: {}", "No.: {}";
    NumberPlaceholder = "…/…", "…/…";
    PlaceDate = "{}, ngày {} tháng {} năm {}", "{}, {}/{}/{}";
    Dots = "……", "……";
    DefaultIssuer = "Sở Nội vụ", "Department of Home Affairs";
    // A reminder letter (công văn đôn đốc).
    ReminderAbout = "V/v đôn đốc thực hiện {}", "Re: reminder to carry out the {}";
    To = "Kính gửi:", "To:";
    ToListed = "Các cơ quan, đơn vị có tên trong danh sách dưới đây.", "The agencies listed below.";
    ReminderIntro = "Thực hiện {} của {}, tính đến ngày {}, các cơ quan, đơn vị sau chưa hoàn thành phần việc được giao đã quá hạn:", "Under the {} issued by {}, as of {} the following agencies have not done their overdue parts:";
    ReminderIntroOne = "Thực hiện {} của {}, tính đến ngày {}, {} chưa hoàn thành các phần việc được giao sau đây đã quá hạn:", "Under the {} issued by {}, as of {} {} has not done the following overdue parts:";
    ReminderAsk = "Để bảo đảm tiến độ chung, {} đề nghị các cơ quan, đơn vị khẩn trương thực hiện và gửi báo cáo kết quả (kèm văn bản minh chứng) về {} trước ngày {} để tổng hợp, báo cáo {}.", "To keep the plan on schedule, the {} asks these agencies to complete their parts and send a report with the supporting documents to the {} by {}, for the report to the {}.";
    ReminderAskOne = "Để bảo đảm tiến độ chung, {} đề nghị {} khẩn trương thực hiện và gửi báo cáo kết quả (kèm văn bản minh chứng) về {} trước ngày {} để tổng hợp, báo cáo {}.", "To keep the plan on schedule, the {} asks the {} to complete these parts and send a report with the supporting documents to the {} by {}, for the report to the {}.";
    DatePlaceholder = "…/…/……", "…/…/……";
    PartLine = "{} — {} (hạn {}, {})", "{} — {} (due {}, {})";
    NoneLate = "Không có cơ quan nào có phần việc quá hạn tính đến ngày {}; không tạo văn bản.", "No agency has an overdue part as of {}; no letter written.";
    NoneLateOne = "{} không có phần việc quá hạn tính đến ngày {}; không tạo văn bản.", "{} has no overdue part as of {}; no letter written.";
    // A report (báo cáo).
    ReportKind = "BÁO CÁO", "REPORT";
    ReportAgencySubject = "Tình hình thực hiện {} của {}", "Progress on the {} by {}";
    ExportSubject = "Kết quả thực hiện {}", "Results of the {}";
    ReportByPart = "Tiến độ theo phần", "Progress by part";
    Evidence = "Văn bản minh chứng", "Supporting documents";
    // The closing.
    Recipients = "Nơi nhận:", "Recipients:";
    AsAbove = "Như trên;", "As above;";
    ForReport = "{} (b/c);", "{} (for information);";
    Archive = "Lưu: VT, ….", "Filed: archive, ….";
    DefaultSignerTitle = "GIÁM ĐỐC", "DIRECTOR";
    SignerPlaceholder = "[Họ và tên người ký]", "[Signer's name]";
    // Messages.
    NeedOut = "--format {} ghi một tệp nhị phân, không in ra màn hình: hãy ghi --out TỆP", "--format {} writes a binary file, not text for the terminal: give --out FILE";
    OutNeedsBinary = "--out ghi tệp {}, hãy dùng kèm --format {}; bảng, CSV và Markdown in ra màn hình (chuyển vào tệp bằng >)", "--out writes a .{} file: use it with --format {}; tables, CSV and Markdown go to standard output (redirect with >)";
    PerAgencyOnlyDocx = "--per-agency chỉ dùng với report --missing --format docx", "--per-agency only goes with report --missing --format docx";
    LettersWritten = "Đã ghi {} công văn vào {}", "Wrote {} letters to {}";
}

/// "ngày 05 tháng 7 năm 2023": a day below 10 and the months 1 and 2 take a leading zero
/// (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục I.4), so that nothing can be written in front.
pub fn place_date(lang: Lang, place: &str, date: Option<chrono::NaiveDate>) -> String {
    use chrono::Datelike;
    let dots = O::Dots.get(lang);
    match date {
        None if lang == Lang::Vi => O::PlaceDate.fill(lang, &[&place, &"…", &"…", &"…"]),
        None => O::PlaceDate.fill(lang, &[&place, &"…", &"…", &dots]),
        Some(d) => {
            let day = format!("{:02}", d.day());
            let month = if lang == Lang::En || d.month() <= 2 {
                format!("{:02}", d.month())
            } else {
                d.month().to_string()
            };
            O::PlaceDate.fill(lang, &[&place, &day, &month, &d.year()])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_the_decree_says() {
        let d = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(
            place_date(Lang::Vi, "Lạng Sơn", d(2023, 7, 5)),
            "Lạng Sơn, ngày 05 tháng 7 năm 2023"
        );
        assert_eq!(
            place_date(Lang::Vi, "Lạng Sơn", d(2023, 2, 15)),
            "Lạng Sơn, ngày 15 tháng 02 năm 2023"
        );
        assert_eq!(place_date(Lang::Vi, "……", None), "……, ngày … tháng … năm …");
    }
}
