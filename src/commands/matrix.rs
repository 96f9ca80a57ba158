//! `kehoach matrix`: each agency's done/total parts per index or per section, the view the
//! interactive `m` key shows, as a table or CSV (the workbook is in [`super::office`]).

use std::io::Write;

use super::accountability::ledger;
use super::table::{Table, csv_row, terminal_width};
use super::{Ctx, Failure, OrFail};
use crate::cli::{MatrixBy, MatrixFormat};
use crate::i18n::{Lang, O, S};
use crate::plan::AgencyIx;
use crate::plan::accountability::{self as acc, Cell, Column};

/// The columns of one view.
pub(super) fn columns(ctx: &Ctx, by: MatrixBy) -> Vec<Column> {
    match by {
        MatrixBy::Index => acc::index_columns(&ctx.plan, S::MatrixRest.get(ctx.lang)),
        MatrixBy::Section => acc::section_columns(&ctx.plan),
    }
}

/// Every answerable agency with its cells under `cols`.
pub(super) fn rows(ctx: &Ctx, cols: &[Column]) -> Result<Vec<(AgencyIx, Vec<Cell>)>, Failure> {
    let ledger = ledger(ctx)?;
    Ok(acc::matrix(
        &ctx.plan,
        &ctx.status,
        &ledger,
        cols,
        ctx.today,
    ))
}

/// "2/5", "!2/5" with overdue parts, "·" where the agency has nothing.
pub(super) fn cell_words(c: Cell) -> String {
    if c.tally.total == 0 {
        "·".into()
    } else if c.overdue > 0 {
        format!("!{}/{}", c.tally.done, c.tally.total)
    } else {
        format!("{}/{}", c.tally.done, c.tally.total)
    }
}

pub fn run(
    ctx: &Ctx,
    by: MatrixBy,
    format: MatrixFormat,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let lang = ctx.lang;
    let en = lang == Lang::En;
    let cols = columns(ctx, by);
    let rows = rows(ctx, &cols)?;
    if format == MatrixFormat::Csv {
        // One record per agency and column, numbers apart: "2/5" would become a date in Excel.
        out.write_all(
            csv_row(&[
                S::Agency.get(lang),
                O::ColColumn.get(lang),
                S::Done.get(lang),
                S::Total.get(lang),
                S::Overdue.get(lang),
            ])
            .as_bytes(),
        )
        .or_fail()?;
        for (a, cells) in &rows {
            let name = ctx.plan.agencies.get(*a).display_name(en);
            for (col, c) in cols.iter().zip(cells).filter(|(_, c)| c.tally.total > 0) {
                out.write_all(
                    csv_row(&[
                        name,
                        &col.label,
                        &c.tally.done.to_string(),
                        &c.tally.total.to_string(),
                        &c.overdue.to_string(),
                    ])
                    .as_bytes(),
                )
                .or_fail()?;
            }
        }
        return Ok(());
    }
    let by_words = match by {
        MatrixBy::Index => S::MatrixByIndex,
        MatrixBy::Section => S::MatrixBySection,
    };
    writeln!(out, "{}", S::MatrixTitle.fill(lang, &[&by_words.get(lang)])).or_fail()?;
    let mut headers = vec![S::Agency.get(lang)];
    headers.extend(cols.iter().map(|c| c.label.as_str()));
    let mut t = Table::new(&headers, 0);
    for (a, cells) in &rows {
        let mut r = vec![ctx.plan.agencies.get(*a).short_name(en).to_string()];
        r.extend(cells.iter().map(|&c| cell_words(c)));
        t.row(r);
    }
    // By section there are more columns than a terminal is wide: cut nothing, let it wrap.
    let width = match by {
        MatrixBy::Index => terminal_width(),
        MatrixBy::Section => usize::MAX / 4,
    };
    t.render(width, out).or_fail()
}
