//! The Word and Excel files: each command builds its shape once (see [`crate::output`]) and
//! writes the file atomically beside its destination; nothing binary goes to a terminal.

mod sheets;

use std::io::Write;
use std::path::Path;

use super::export::write_atomically;
use super::{Ctx, Failure, OrFail, exit};
use crate::cli::{Command, ExportFormat, MatrixFormat, SheetFormat};
use crate::i18n::{Lang, O, S};
use crate::output::{sheet::Workbook, xlsx};

/// Refuse a binary format without `--out` (a terminal cannot show it), and `--out` with a
/// list's text format, before anything is opened.
pub fn check(cmd: &Command, lang: Lang) -> Result<(), Failure> {
    let (binary, out, text_out_ok) = match cmd {
        Command::Overdue { format, out, .. } | Command::Checklist { format, out } => {
            (*format == SheetFormat::Xlsx, out, false)
        }
        Command::Matrix { format, out, .. } => (*format == MatrixFormat::Xlsx, out, false),
        Command::Export { format, out, .. } => (*format == ExportFormat::Xlsx, out, true),
        _ => return Ok(()),
    };
    if binary && out.is_none() {
        return Err(
            Failure::new(exit::BAD_INPUT, O::NeedOut.fill(lang, &[&"xlsx"]))
                .hint("--format xlsx --out bao-cao.xlsx"),
        );
    }
    if !binary && !text_out_ok && out.is_some() {
        return Err(Failure::new(exit::BAD_INPUT, O::OutNeedsXlsx.get(lang)).hint("--format xlsx"));
    }
    Ok(())
}

/// Write the bytes atomically and say so.
fn save(ctx: &Ctx, path: &Path, bytes: &[u8], out: &mut dyn Write) -> Result<(), Failure> {
    write_atomically(path, bytes)
        .map_err(|e| Failure::new(exit::FAILED, format!("{}: {e}", path.display())))?;
    writeln!(
        out,
        "{}",
        S::ExportWritten.fill(ctx.lang, &[&path.display()])
    )
    .or_fail()
}

fn save_book(ctx: &Ctx, book: &Workbook, path: &Path, out: &mut dyn Write) -> Result<(), Failure> {
    let bytes = xlsx::write(book).map_err(|e| Failure::new(exit::FAILED, e.to_string()))?;
    save(ctx, path, &bytes, out)
}

pub fn checklist(ctx: &Ctx, path: &Path, out: &mut dyn Write) -> Result<(), Failure> {
    let mut book = Workbook::default();
    book.sheets.extend(sheets::checklist(ctx)?);
    save_book(ctx, &book, path, out)
}

pub fn overdue(
    ctx: &Ctx,
    agency: Option<&str>,
    within: Option<u32>,
    by_agency: bool,
    path: &Path,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let sheet = if by_agency {
        sheets::overdue_by_agency(ctx, agency, within)?
    } else {
        sheets::overdue(ctx, agency, within)?
    };
    save_book(
        ctx,
        &Workbook {
            sheets: vec![sheet],
        },
        path,
        out,
    )
}

pub fn matrix(ctx: &Ctx, path: &Path, out: &mut dyn Write) -> Result<(), Failure> {
    let book = Workbook {
        sheets: sheets::matrix(ctx)?,
    };
    save_book(ctx, &book, path, out)
}

pub fn export_xlsx(ctx: &Ctx, path: &Path, out: &mut dyn Write) -> Result<(), Failure> {
    let mut book = Workbook {
        sheets: vec![sheets::items(ctx)?, sheets::agencies(ctx)],
    };
    book.sheets.extend(sheets::checklist(ctx)?);
    save_book(ctx, &book, path, out)
}
