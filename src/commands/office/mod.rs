//! The Word and Excel files: each command builds its shape once (see [`crate::output`]) and
//! writes the file atomically beside its destination; nothing binary goes to a terminal.

mod letter;
mod reminder;
mod reports;
mod sheets;

use std::io::Write;
use std::path::Path;

use super::accountability::ledger;
use super::export::save_file;
use super::{Ctx, Failure, OrFail, exit};
use crate::cli::{
    ChecklistArgs, Command, ExportArgs, ExportFormat, Lazy, LetterArgs, MatrixArgs, MatrixFormat,
    OverdueArgs, ReportArgs, ReportFormat, SheetFormat,
};
use crate::i18n::{Lang, O, S};
use crate::output::{document::Document, docx, sheet::Workbook, xlsx};

/// Refuse a binary format without somewhere to write it (a terminal cannot show it), and
/// `--out` with a list's text format, before anything is opened.
pub fn check(cmd: &Command, lang: Lang) -> Result<(), Failure> {
    // (the binary format asked for, if any; where it goes; --out is fine with text)
    let (binary, out, text_out_ok) = match cmd {
        Command::Overdue(Lazy(OverdueArgs { format, out, .. }))
        | Command::Checklist(Lazy(ChecklistArgs { format, out })) => {
            ((*format == SheetFormat::Xlsx).then_some("xlsx"), out, false)
        }
        Command::Matrix(Lazy(MatrixArgs { format, out, .. })) => (
            (*format == MatrixFormat::Xlsx).then_some("xlsx"),
            out,
            false,
        ),
        Command::Export(Lazy(ExportArgs { format, out, .. })) => (
            match format {
                ExportFormat::Xlsx => Some("xlsx"),
                ExportFormat::Docx => Some("docx"),
                _ => None,
            },
            out,
            true,
        ),
        Command::Report(Lazy(ReportArgs {
            format,
            out,
            per_agency,
            missing,
            ..
        })) => {
            let docx = *format == ReportFormat::Docx;
            if per_agency.is_some() && !(docx && *missing) {
                return Err(Failure::new(
                    exit::BAD_INPUT,
                    O::PerAgencyOnlyDocx.get(lang),
                ));
            }
            if per_agency.is_some() {
                return Ok(());
            }
            (docx.then_some("docx"), out, false)
        }
        _ => return Ok(()),
    };
    match binary {
        Some(ext) if out.is_none() => Err(Failure::new(
            exit::BAD_INPUT,
            O::NeedOut.fill(lang, &[&ext]),
        )
        .hint(format!("--format {ext} --out bao-cao.{ext}"))),
        None if !text_out_ok && out.is_some() => {
            let ext = if matches!(cmd, Command::Report(Lazy(ReportArgs { .. }))) {
                "docx"
            } else {
                "xlsx"
            };
            Err(
                Failure::new(exit::BAD_INPUT, O::OutNeedsBinary.fill(lang, &[&ext, &ext]))
                    .hint(format!("--format {ext}")),
            )
        }
        _ => Ok(()),
    }
}

/// Write the bytes atomically and say so.
fn save(ctx: &Ctx, path: &Path, bytes: &[u8], out: &mut dyn Write) -> Result<(), Failure> {
    save_file(ctx.lang, path, bytes)?;
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
        sheets: vec![sheets::items(ctx)?, sheets::agencies(ctx, &ledger(ctx)?)],
    };
    book.sheets.extend(sheets::checklist(ctx)?);
    save_book(ctx, &book, path, out)
}

fn save_doc(ctx: &Ctx, doc: &Document, path: &Path, out: &mut dyn Write) -> Result<(), Failure> {
    let bytes = docx::write(doc).map_err(|e| Failure::new(exit::FAILED, e.to_string()))?;
    save(ctx, path, &bytes, out)
}

/// `report --agency NAME --format docx`, `report --missing --format docx` (one letter, or
/// with `--per-agency DIR` one per late agency).
pub fn report_docx(
    ctx: &Ctx,
    agency: Option<&str>,
    missing: bool,
    file: Option<&Path>,
    per_agency: Option<&Path>,
    args: &LetterArgs,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let letter = letter::Letter::new(ctx, args)?;
    let lang = ctx.lang;
    // `check` made sure there is somewhere to write.
    let need_out = || Failure::new(exit::BAD_INPUT, O::NeedOut.fill(lang, &[&"docx"]));
    if !missing {
        let a = super::overdue::resolve_agency(ctx, agency.unwrap_or_default())?;
        let doc = reports::agency_report(ctx, &letter, a)?;
        return save_doc(ctx, &doc, file.ok_or_else(need_out)?, out);
    }
    let late = reminder::late_parts(ctx)?;
    if late.is_empty() {
        let today = crate::i18n::date(ctx.today);
        return writeln!(out, "{}", O::NoneLate.fill(lang, &[&today])).or_fail();
    }
    let Some(dir) = per_agency else {
        let doc = reminder::reminder(ctx, &letter, &late, None);
        return save_doc(ctx, &doc, file.ok_or_else(need_out)?, out);
    };
    std::fs::create_dir_all(dir).map_err(|e| {
        Failure::new(
            exit::FAILED,
            format!("{}: {}", dir.display(), crate::i18n::io_error(ctx.lang, &e)),
        )
    })?;
    for (a, _) in &late {
        let doc = reminder::reminder(ctx, &letter, &late, Some(*a));
        let path = dir.join(format!("{}.docx", ctx.plan.agencies.get(*a).id));
        let bytes = docx::write(&doc).map_err(|e| Failure::new(exit::FAILED, e.to_string()))?;
        save_file(ctx.lang, &path, &bytes)?;
    }
    writeln!(
        out,
        "{}",
        O::LettersWritten.fill(lang, &[&late.len(), &dir.display()])
    )
    .or_fail()
}

/// `export --format docx`: the whole plan's report.
pub fn export_docx(
    ctx: &Ctx,
    path: &Path,
    args: &LetterArgs,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let letter = letter::Letter::new(ctx, args)?;
    let notes = ctx
        .store
        .all_notes(ctx.plan.id())
        .map_err(|e| ctx.fail(e))?;
    let ledger = ledger(ctx)?;
    save_doc(
        ctx,
        &reports::plan_report(ctx, &ledger, &letter, &notes),
        path,
        out,
    )
}
