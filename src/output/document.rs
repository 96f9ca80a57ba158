//! An administrative document as data, in the parts Nghị định 30/2020/NĐ-CP names: the header
//! (issuing body, number, national motto, place and date), a title or the "V/v" line, the
//! addressees, the body, and the closing (recipients and signature).

/// The two-column header.
#[derive(Debug, Clone, PartialEq)]
pub struct Letterhead {
    /// The superior body ("UBND tỉnh Lạng Sơn"); written in capitals.
    pub superior: String,
    /// The issuing body ("Sở Nội vụ"); written in capitals, bold.
    pub issuer: String,
    /// "Số: …/…".
    pub number: String,
    /// A letter's summary line ("V/v đôn đốc …"); a report has a title instead.
    pub about: Option<String>,
    /// "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".
    pub nation: String,
    /// "Độc lập - Tự do - Hạnh phúc".
    pub motto: String,
    /// "Lạng Sơn, ngày 05 tháng 7 năm 2023".
    pub place_date: String,
}

/// A table with a header row; a cell's lines are separate paragraphs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub headers: Vec<String>,
    /// Relative column widths.
    pub widths: Vec<u32>,
    pub rows: Vec<Vec<String>>,
    /// Columns whose cells are centred (numbers, dates).
    pub centred: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A bold heading ("I. Tiến độ theo chỉ số").
    Heading(String),
    /// A body paragraph, justified, first line indented.
    Para(String),
    Table(Table),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Signature {
    /// "KT. GIÁM ĐỐC" when signed on behalf of the head.
    pub authority: Option<String>,
    /// "PHÓ GIÁM ĐỐC".
    pub title: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub head: Letterhead,
    /// A report's kind and subject ("BÁO CÁO", "Tình hình thực hiện …").
    pub title: Option<(String, String)>,
    /// "Kính gửi:" and the addressees; empty for a report.
    pub to_label: String,
    pub to: Vec<String>,
    pub body: Vec<Block>,
    /// "Nơi nhận:" and its lines (without the leading "- ").
    pub recipients_label: String,
    pub recipients: Vec<String>,
    pub signature: Signature,
}
