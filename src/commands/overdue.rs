//! `kehoach overdue`: unfinished tasks past (or near) their deadline.

use std::io::Write;

use serde::Serialize;

use super::table::{Table, csv_row, terminal_width, write_json};
use super::{Ctx, Failure, OrFail, exit};
use crate::cli::TableFormat;
use crate::i18n::{self, Lang, S};
use crate::plan::{AgencyIx, Plan, ResolveError, RoleEntry};

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    title: &'a str,
    lead: Vec<&'a str>,
    deadline: String,
    #[serde(skip)]
    date: chrono::NaiveDate,
    /// Days left (negative: days late).
    days: i64,
    countdown: String,
}

/// Find the agency a user means, or fail listing the candidates.
pub fn resolve_agency(ctx: &Ctx, name: &str) -> Result<AgencyIx, Failure> {
    let name = crate::text::clean_input(name);
    let lang = ctx.lang;
    let list = |ixs: &[AgencyIx]| -> Vec<String> {
        ixs.iter()
            .map(|&i| {
                let a = ctx.plan.agencies.get(i);
                format!("{} ({})", a.display_name(lang == Lang::En), a.id)
            })
            .collect()
    };
    match ctx.plan.agencies.resolve(&name) {
        Ok(ix) => Ok(ix),
        Err(ResolveError::Ambiguous(c)) => {
            let mut f = Failure::new(exit::NOT_FOUND, S::AmbiguousAgency.fill(lang, &[&name]))
                .hint(S::Candidates.get(lang));
            const SHOWN: usize = 12;
            for c in list(&c[..c.len().min(SHOWN)]) {
                f = f.hint(c);
            }
            if c.len() > SHOWN {
                f = f.hint(format!("… (+{})", c.len() - SHOWN));
            }
            Err(f)
        }
        Err(ResolveError::Unknown(c)) => {
            let mut f = Failure::new(exit::NOT_FOUND, S::UnknownAgency.fill(lang, &[&name]));
            if c.is_empty() {
                f = f.hint("kehoach agencies");
            } else {
                f = f.hint(S::DidYouMean.fill(lang, &[&list(&c).join("; ")]));
            }
            Err(f)
        }
    }
}

/// Agency names for a role list, short forms, joined.
pub fn names(plan: &Plan, entries: &[RoleEntry], lang: Lang) -> Vec<String> {
    entries
        .iter()
        .map(|e| {
            plan.agencies
                .get(e.agency)
                .short_name(lang == Lang::En)
                .to_string()
        })
        .collect()
}

pub fn run(
    ctx: &Ctx,
    agency: Option<&str>,
    within: Option<u32>,
    format: TableFormat,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let agency = agency.map(|a| resolve_agency(ctx, a)).transpose()?;
    let (plan, st, lang) = (&ctx.plan, &ctx.status, ctx.lang);
    let items = super::accountability::overdue_items(ctx, within, agency)?;
    let leads: Vec<Vec<String>> = items
        .iter()
        .map(|&i| names(plan, plan.node(i).responsible(), lang))
        .collect();
    let rows: Vec<Row<'_>> = items
        .iter()
        .zip(&leads)
        .map(|(&i, lead)| {
            let n = plan.node(i);
            let c = st.countdown(i, ctx.today);
            Row {
                id: &n.id,
                title: &n.title,
                lead: lead.iter().map(String::as_str).collect(),
                deadline: st.deadlines[i].to_string(),
                date: st.deadlines[i],
                days: c.days(),
                countdown: i18n::countdown(lang, c),
            }
        })
        .collect();
    match format {
        TableFormat::Json => write_json(out, &rows),
        TableFormat::Csv => {
            let h = [
                S::Id.get(lang),
                S::Title.get(lang),
                S::RoleLead.get(lang),
                S::Deadline.get(lang),
                S::Overdue.get(lang),
            ];
            out.write_all(csv_row(&h).as_bytes()).or_fail()?;
            for r in &rows {
                let lead = r.lead.join("; ");
                out.write_all(
                    csv_row(&[r.id, r.title, &lead, &r.deadline, &r.countdown]).as_bytes(),
                )
                .or_fail()?;
            }
            Ok(())
        }
        TableFormat::Table => {
            if rows.is_empty() {
                let msg = match within {
                    Some(d) => S::NothingDueWithin.fill(lang, &[&d]),
                    None => S::NothingOverdue.get(lang).to_string(),
                };
                return writeln!(out, "{msg}").or_fail();
            }
            let mut t = Table::new(
                &[
                    S::Id.get(lang),
                    S::Title.get(lang),
                    S::RoleLead.get(lang),
                    S::Deadline.get(lang),
                    "",
                ],
                1,
            )
            // On a narrow terminal the lead agencies go before the days overdue are cut.
            .droppable(&[2]);
            for r in &rows {
                t.row(vec![
                    r.id.to_string(),
                    r.title.to_string(),
                    r.lead.join("; "),
                    i18n::date(r.date),
                    r.countdown.clone(),
                ]);
            }
            t.render(terminal_width(), out).or_fail()?;
            writeln!(out, "{}: {}", S::Total.get(lang), rows.len()).or_fail()
        }
    }
}
