//! `kehoach agencies`: each agency's share of the plan.

use std::io::Write;

use serde::Serialize;

use super::table::{Table, csv_row, terminal_width};
use super::{Ctx, Failure, OrFail, exit};
use crate::cli::TableFormat;
use crate::i18n::{Lang, S};
use crate::plan::query;

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    name: &'a str,
    lead: u32,
    implementing: u32,
    coordinating: u32,
    done: u32,
    total: u32,
    overdue: u32,
}

pub fn run(ctx: &Ctx, format: TableFormat, out: &mut dyn Write) -> Result<(), Failure> {
    let (plan, lang) = (&ctx.plan, ctx.lang);
    let rows: Vec<Row<'_>> = query::agency_rows(plan, &ctx.status, ctx.today)
        .into_iter()
        .map(|r| {
            let a = plan.agencies.get(r.agency);
            Row {
                id: &a.id,
                name: a.display_name(lang == Lang::En),
                lead: r.lead,
                implementing: r.implementing,
                coordinating: r.coordinating,
                done: r.tally.done,
                total: r.tally.total,
                overdue: r.overdue,
            }
        })
        .collect();
    let headers = [
        S::Agency.get(lang),
        S::RoleLead.get(lang),
        S::RoleImplementing.get(lang),
        S::RoleCoordinating.get(lang),
        S::Done.get(lang),
        S::Overdue.get(lang),
    ];
    match format {
        TableFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &rows)
                .map_err(|e| Failure::new(exit::FAILED, e.to_string()))?;
            writeln!(out).or_fail()
        }
        TableFormat::Csv => {
            let mut h = vec![S::Id.get(lang)];
            h.extend(headers);
            h.insert(6, S::Total.get(lang));
            out.write_all(csv_row(&h).as_bytes()).or_fail()?;
            for r in &rows {
                let nums = [
                    r.lead,
                    r.implementing,
                    r.coordinating,
                    r.done,
                    r.total,
                    r.overdue,
                ]
                .map(|n| n.to_string());
                let mut f = vec![r.id, r.name];
                f.extend(nums.iter().map(String::as_str));
                out.write_all(csv_row(&f).as_bytes()).or_fail()?;
            }
            Ok(())
        }
        TableFormat::Table => {
            let mut t = Table::new(&headers, 0);
            for r in &rows {
                t.row(vec![
                    r.name.to_string(),
                    r.lead.to_string(),
                    r.implementing.to_string(),
                    r.coordinating.to_string(),
                    format!("{}/{}", r.done, r.total),
                    r.overdue.to_string(),
                ]);
            }
            t.render(terminal_width(), out).or_fail()
        }
    }
}
