//! A [`Workbook`] as an `.xlsx` file (rust_xlsxwriter): a bold header row that stays in view
//! and carries the filter buttons, dates as real dates shown dd/mm/yyyy, columns as wide as
//! their Vietnamese text (long text wraps), and marked cells filled the way Excel's own
//! "Bad" / "Neutral" / "Good" styles are.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, XlsxError};

use super::clean;
use super::sheet::{Mark, Sheet, Value, Workbook};

/// The widest a text column gets, in characters; longer text wraps.
const MAX_WIDTH: f64 = 50.0;
/// What fits across a landscape A4 page at a readable size, in characters.
const PRINT_WIDTH: f64 = 200.0;
const DATE_WIDTH: f64 = 12.0;
/// A header up to this long stays on one line.
const HEADER_WIDTH: f64 = 24.0;

/// The bytes of the `.xlsx` file.
pub fn write(book: &Workbook) -> Result<Vec<u8>, XlsxError> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for sheet in &book.sheets {
        let ws = wb.add_worksheet();
        fill(ws, sheet)?;
    }
    wb.save_to_buffer()
}

fn fill(ws: &mut rust_xlsxwriter::Worksheet, sheet: &Sheet) -> Result<(), XlsxError> {
    ws.set_name(sheet_name(&sheet.name))?;
    let widths = widths(sheet);
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0xD9E1F2))
        .set_border(FormatBorder::Thin);
    let mut header_lines = 1.0_f64;
    for (c, h) in sheet.headers.iter().enumerate() {
        let w = widths[c];
        header_lines = header_lines.max((h.chars().count() as f64 / (w - 1.0)).ceil());
        let c = col(c);
        ws.write_string_with_format(0, c, clean(h), &header)?;
        ws.set_column_width(c, w)?;
    }
    // Spreadsheets do not grow a row for wrapped text they did not wrap themselves.
    ws.set_row_height(0, 15.0 * header_lines)?;
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        let lines = row
            .iter()
            .zip(&widths)
            .map(|(cell, &w)| match &cell.value {
                Value::Text(s) => s
                    .lines()
                    .map(|l| (l.chars().count() as f64 / (w - 1.0)).ceil().max(1.0))
                    .sum(),
                _ => 1.0,
            })
            .fold(1.0_f64, f64::max);
        if lines > 1.0 {
            ws.set_row_height(r, 15.0 * lines)?;
        }
        for (c, cell) in row.iter().enumerate() {
            let wrap = widths[c] >= MAX_WIDTH;
            let f = format(cell.mark, wrap);
            let c = col(c);
            match &cell.value {
                Value::Empty => ws.write_blank(r, c, &f)?,
                Value::Text(s) => ws.write_string_with_format(r, c, clean(s), &f)?,
                Value::Number(n) => ws.write_number_with_format(r, c, *n, &f)?,
                Value::Date(d) => {
                    ws.write_datetime_with_format(r, c, d, &f.set_num_format("dd/mm/yyyy"))?
                }
            };
        }
    }
    let last_col = col(sheet.headers.len().saturating_sub(1));
    let last_row = u32::try_from(sheet.rows.len()).unwrap_or(u32::MAX);
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, last_row, last_col)?;
    // Printed: A4 landscape, the header row on every page, one page wide unless that would
    // make the text too small to read.
    ws.set_paper_size(9);
    ws.set_landscape();
    if widths.iter().sum::<f64>() <= PRINT_WIDTH {
        ws.set_print_fit_to_pages(1, 0);
    }
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

fn format(mark: Mark, wrap: bool) -> Format {
    let mut f = Format::new()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0xBFBFBF));
    if wrap {
        f = f.set_text_wrap();
    }
    let colours = match mark {
        Mark::None => None,
        Mark::Overdue => Some((0xFFC7CE, 0x9C0006)),
        Mark::Due => Some((0xFFEB9C, 0x9C5700)),
        Mark::Done => Some((0xC6EFCE, 0x006100)),
    };
    if let Some((fill, font)) = colours {
        f = f
            .set_background_color(Color::RGB(fill))
            .set_font_color(Color::RGB(font));
    }
    f
}

/// Column widths in characters: the longest line in the column (header included), a little
/// more for capitals and diacritics, at most [`MAX_WIDTH`].
fn widths(sheet: &Sheet) -> Vec<f64> {
    let chars = |s: &str| {
        s.lines()
            .map(|l| {
                l.chars()
                    .map(|c| if c.is_uppercase() { 1.25 } else { 1.0 })
                    .sum::<f64>()
            })
            .fold(0.0, f64::max)
    };
    (0..sheet.headers.len())
        .map(|c| {
            let body = sheet
                .rows
                .iter()
                .map(|r| match &r[c].value {
                    Value::Empty => 0.0,
                    Value::Text(s) => chars(s),
                    Value::Number(n) => n.to_string().len() as f64,
                    Value::Date(_) => DATE_WIDTH,
                })
                .fold(0.0, f64::max);
            // A short header fits on one line; a long one wraps, but not inside a word.
            let head = match chars(&sheet.headers[c]) {
                w if w <= HEADER_WIDTH => w,
                _ => sheet.headers[c]
                    .split_whitespace()
                    .map(chars)
                    .fold(0.0, f64::max),
            };
            (body.max(head) + 2.0).min(MAX_WIDTH)
        })
        .collect()
}

/// A name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str) -> String {
    name.chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .take(31)
        .collect()
}
