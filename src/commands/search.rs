//! `kehoach search QUERY`: diacritic-insensitive search over ids, titles, text, agencies, notes.

use std::io::Write;

use serde::Serialize;

use super::table::{Table, csv_row, terminal_width, write_json};
use super::{Ctx, Failure, OrFail};
use crate::cli::TableFormat;
use crate::i18n::S;
use crate::plan::query;

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    title: &'a str,
    score: u32,
}

pub fn run(
    ctx: &Ctx,
    q: &str,
    format: TableFormat,
    limit: usize,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let q = crate::text::clean_input(q);
    let notes = ctx
        .store
        .folded_notes(ctx.plan.id())
        .map_err(|e| ctx.fail(e))?;
    let plan = &ctx.plan;
    let hits = query::search(plan, &q, &|ix| {
        notes.get(&plan.node(ix).id).map(String::as_str)
    });
    let rows: Vec<Row<'_>> = hits
        .iter()
        .take(limit)
        .map(|h| Row {
            id: &plan.node(h.node).id,
            title: &plan.node(h.node).title,
            score: h.score,
        })
        .collect();
    match format {
        TableFormat::Json => write_json(out, &rows),
        TableFormat::Csv => {
            out.write_all(csv_row(&["id", "title", "score"]).as_bytes())
                .or_fail()?;
            for r in &rows {
                out.write_all(csv_row(&[r.id, r.title, &r.score.to_string()]).as_bytes())
                    .or_fail()?;
            }
            Ok(())
        }
        TableFormat::Table => {
            if rows.is_empty() {
                return writeln!(out, "{}", S::NoMatches.get(ctx.lang)).or_fail();
            }
            let mut t = Table::new(&[S::Id.get(ctx.lang), S::Title.get(ctx.lang)], 1);
            for r in &rows {
                t.row(vec![r.id.to_string(), r.title.to_string()]);
            }
            t.render(terminal_width(), out).or_fail()?;
            if hits.len() > rows.len() {
                writeln!(out, "… {}/{}", rows.len(), hits.len()).or_fail()?;
            }
            Ok(())
        }
    }
}
