//! Reports as neutral shapes, and one writer per office format.
//!
//! Commands build a shape once from the plan ([`sheet::Workbook`] for a spreadsheet,
//! [`document::Document`] for an administrative document); [`xlsx`] and [`docx`] turn it into
//! the bytes of a file. Nothing here reads the database or knows a command.

pub mod document;
pub mod docx;
pub mod sheet;
pub mod xlsx;

/// Text that is safe in a file's XML: NFC, and control characters (which XML 1.0 cannot
/// carry) replaced by a space. Line breaks are kept; the writers split on them.
pub fn clean(s: &str) -> String {
    crate::text::nfc(s)
        .chars()
        .map(|c| match c {
            '\n' => '\n',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}
