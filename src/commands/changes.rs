//! `kehoach changes --since DATE`: what changed since the last meeting, grouped by item in the
//! plan's order (changes to no item, such as imports and registry edits, come last).

use std::io::Write;

use serde::Serialize;

use super::{Ctx, Failure, OrFail, exit};
use crate::cli::TableFormat;
use crate::i18n::{self, S};
use crate::store::AuditRow;
use crate::text::parse_date;

#[derive(Serialize)]
struct Item<'a> {
    /// `null` for changes to no item.
    id: Option<&'a str>,
    title: Option<&'a str>,
    changes: Vec<Change>,
}

#[derive(Serialize)]
struct Change {
    at: String,
    who: String,
    action: String,
    what: String,
}

pub fn run(
    ctx: &Ctx,
    since: &str,
    format: TableFormat,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let lang = ctx.lang;
    let day = parse_date(since).ok_or_else(|| {
        Failure::new(exit::BAD_INPUT, S::BadDate.fill(lang, &[&since])).hint("--since 2023-11-20")
    })?;
    let rows: Vec<AuditRow> = ctx
        .store
        .changes_since_day(&ctx.plan, day)
        .map_err(|e| ctx.fail(e))?;

    // Group by item, in document order; unknown ids and plan-wide changes last.
    let mut groups: Vec<(Option<usize>, Option<String>, Vec<&AuditRow>)> = Vec::new();
    for r in &rows {
        let ix = r.item_id.as_deref().and_then(|id| ctx.plan.find(id));
        match groups.iter_mut().find(|g| g.0 == ix && g.1 == r.item_id) {
            Some(g) => g.2.push(r),
            None => groups.push((ix, r.item_id.clone(), vec![r])),
        }
    }
    groups.sort_by_key(|g| (g.0.is_none(), g.0));

    let items: Vec<Item<'_>> = groups
        .iter()
        .map(|(ix, id, rows)| Item {
            id: ix.map(|i| ctx.plan.node(i).id.as_str()).or(id.as_deref()),
            title: ix.map(|i| ctx.plan.node(i).title.as_str()),
            changes: rows
                .iter()
                .map(|r| Change {
                    at: r.at.clone(),
                    who: r.who.clone(),
                    action: r.action.clone(),
                    what: i18n::describe_change(lang, &ctx.plan, r),
                })
                .collect(),
        })
        .collect();

    match format {
        TableFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &items)
                .map_err(|e| Failure::new(exit::FAILED, e.to_string()))?;
            writeln!(out).or_fail()
        }
        TableFormat::Csv => {
            let h = [
                S::Id.get(lang),
                S::When.get(lang),
                S::Who.get(lang),
                S::Change.get(lang),
            ];
            out.write_all(super::table::csv_row(&h).as_bytes())
                .or_fail()?;
            for it in &items {
                for c in &it.changes {
                    let when = i18n::timestamp(&c.at);
                    let row = [it.id.unwrap_or(""), &when, &c.who, &c.what];
                    out.write_all(super::table::csv_row(&row).as_bytes())
                        .or_fail()?;
                }
            }
            Ok(())
        }
        TableFormat::Table => {
            let day_text = i18n::date(day);
            if items.is_empty() {
                return writeln!(out, "{}", S::NoChangesSince.fill(lang, &[&day_text])).or_fail();
            }
            writeln!(
                out,
                "{}",
                S::ChangesSince.fill(lang, &[&day_text, &rows.len(), &items.len()])
            )
            .or_fail()?;
            let width = super::table::terminal_width();
            for it in &items {
                writeln!(out).or_fail()?;
                let head = match (it.id, it.title) {
                    (Some(id), Some(title)) => format!("{id}  {title}"),
                    (Some(id), None) => id.to_string(),
                    _ => S::ChangesPlanWide.get(lang).to_string(),
                };
                writeln!(out, "{}", crate::text::truncate(&head, width)).or_fail()?;
                for c in &it.changes {
                    let line = format!("  {}  {}  {}", i18n::timestamp(&c.at), c.who, c.what);
                    writeln!(out, "{}", crate::text::truncate(&line, width)).or_fail()?;
                }
            }
            Ok(())
        }
    }
}
