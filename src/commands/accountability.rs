//! `agency-done`, `checklist`, `overdue --by-agency`: each agency's own part of the plan.

use std::io::Write;

use serde::Serialize;

use super::overdue::resolve_agency;
use super::table::{Table, csv_row, terminal_width, write_json};
use super::{Ctx, Failure, OrFail, exit};
use crate::cli::{AgencyStateArg, TableFormat};
use crate::i18n::{self, Lang, S};
use crate::plan::Countdown;
use crate::plan::accountability::{self as acc, AgencyState, Ledger, Timing};
use crate::store::NewMark;
use crate::text::parse_date;

/// The words for an agency's state, in the user's language.
pub fn ledger(ctx: &Ctx) -> Result<Ledger, Failure> {
    ctx.store.ledger(&ctx.plan).map_err(|e| ctx.fail(e))
}

/// The overdue tasks as `overdue` lists them (see [`query::overdue`]). Only an agency's own
/// parts need the ledger: the plain list does not read it.
pub fn overdue_items(
    ctx: &Ctx,
    within: Option<u32>,
    agency: Option<crate::plan::AgencyIx>,
) -> Result<Vec<crate::plan::NodeIx>, Failure> {
    let ledger = match agency {
        Some(_) => ledger(ctx)?,
        None => Ledger::default(),
    };
    Ok(crate::plan::query::overdue(
        &ctx.plan,
        &ctx.status,
        &ledger,
        ctx.today,
        within.map(i64::from),
        agency,
    ))
}

pub fn agency_done(
    ctx: &mut Ctx,
    id: &str,
    agency: &str,
    state: AgencyStateArg,
    (doc, doc_date, note): (Option<&str>, Option<&str>, Option<&str>),
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let ix = ctx.item(id)?;
    let lang = ctx.lang;
    // A heading's parts are its tasks' parts: nothing would ever show a mark on it.
    if !ctx.plan.node(ix).is_task() {
        let total = ctx.status.tallies[ix].total;
        return Err(Failure::new(
            exit::BAD_INPUT,
            S::NotATask.fill(lang, &[&ctx.plan.node(ix).id, &total]),
        ));
    }
    let a = resolve_agency(ctx, agency)?;
    let answerable = acc::recordable(&ctx.plan, ix);
    if !answerable.contains(&a) {
        let names: Vec<&str> = answerable
            .iter()
            .map(|&x| ctx.plan.agencies.get(x).short_name(lang == Lang::En))
            .collect();
        let item = &ctx.plan.node(ix).id;
        let name = ctx.plan.agencies.get(a).display_name(lang == Lang::En);
        return Err(Failure::new(
            exit::BAD_INPUT,
            S::AgencyNotResponsible.fill(lang, &[&name, item, &names.join("; ")]),
        ));
    }
    let doc_date = match doc_date {
        None => None,
        Some(d) => Some(parse_date(d).ok_or_else(|| {
            Failure::new(exit::BAD_INPUT, S::BadDate.fill(lang, &[&d]))
                .hint("--doc-date 20/06/2023")
        })?),
    };
    let state = match state {
        AgencyStateArg::Done => AgencyState::Done,
        AgencyStateArg::Reported => AgencyState::Reported,
        AgencyStateArg::NotApplicable => AgencyState::NotApplicable,
        AgencyStateArg::NotStarted => AgencyState::NotStarted,
    };
    let mark = NewMark {
        state,
        doc_ref: doc.map(str::to_string),
        doc_date,
        note: note.map(str::to_string),
    };
    let item = ctx.plan.node(ix).id.clone();
    let agency_id = ctx.plan.agencies.get(a).id.clone();
    let actor = ctx.actor();
    ctx.store
        .set_agency_state(ctx.plan.id(), &item, &agency_id, &mark, &actor)
        .map_err(|e| ctx.fail(e))?;
    let ledger = ledger(ctx)?;
    let tally = acc::item_tally(&ctx.plan, &ctx.status, &ledger, ix);
    let name = ctx.plan.agencies.get(a).short_name(lang == Lang::En);
    writeln!(
        out,
        "{}",
        S::AgencyMarked.fill(lang, &[&item, &name, &i18n::agency_state(lang, state),])
    )
    .or_fail()?;
    writeln!(
        out,
        "{}",
        S::AgenciesDone.fill(lang, &[&tally.done, &tally.total])
    )
    .or_fail()?;
    if tally.complete() && !ctx.status.items[ix].done {
        writeln!(out, "{}: kehoach done {item}", S::HintPrefix.get(lang)).or_fail()?;
    }
    Ok(())
}

#[derive(Serialize)]
struct ChecklistJson<'a> {
    agency: &'a str,
    name: &'a str,
    state: AgencyState,
    doc: Option<&'a str>,
    doc_date: Option<String>,
    /// Days after the deadline it was issued (≤ 0 on time), when issued with a date.
    late_days: Option<i64>,
    /// Days left to the deadline (negative: late), when not issued.
    days_left: Option<i64>,
}

pub fn checklist(ctx: &Ctx, format: TableFormat, out: &mut dyn Write) -> Result<(), Failure> {
    let Some(m) = acc::checklist_milestone(&ctx.plan) else {
        return Ok(());
    };
    let item = m.item;
    let lang = ctx.lang;
    let ledger = ledger(ctx)?;
    let rows = acc::checklist(&ctx.plan, &ctx.status, &ledger, item, &m.also, ctx.today);
    let en = lang == Lang::En;
    match format {
        TableFormat::Json => {
            let v: Vec<ChecklistJson<'_>> = rows
                .iter()
                .map(|r| {
                    let a = ctx.plan.agencies.get(r.agency);
                    ChecklistJson {
                        agency: &a.id,
                        name: a.display_name(en),
                        state: r.state,
                        doc: r.doc_ref.as_deref(),
                        doc_date: r.doc_date.map(|d| d.format("%Y-%m-%d").to_string()),
                        late_days: match r.timing {
                            Timing::OnTime => r
                                .doc_date
                                .map(|d| (d - ctx.status.deadlines[item]).num_days()),
                            Timing::Late(d) => Some(d),
                            _ => None,
                        },
                        days_left: match r.timing {
                            Timing::Pending(c) => Some(c.days()),
                            _ => None,
                        },
                    }
                })
                .collect();
            write_json(out, &v)
        }
        TableFormat::Csv | TableFormat::Table => {
            let headers = [
                S::Agency.get(lang),
                S::ReportState.get(lang),
                S::Document.get(lang),
                S::TuiDocDate.get(lang),
                S::Deadline.get(lang),
            ];
            let cells: Vec<[String; 5]> = rows
                .iter()
                .map(|r| {
                    let a = ctx.plan.agencies.get(r.agency);
                    [
                        a.display_name(en).to_string(),
                        i18n::agency_state(lang, r.state).to_string(),
                        r.doc_ref.clone().unwrap_or_default(),
                        r.doc_date.map(i18n::date).unwrap_or_default(),
                        i18n::timing(lang, r.timing),
                    ]
                })
                .collect();
            if format == TableFormat::Csv {
                out.write_all(csv_row(&headers).as_bytes()).or_fail()?;
                for c in &cells {
                    let f: Vec<&str> = c.iter().map(String::as_str).collect();
                    out.write_all(csv_row(&f).as_bytes()).or_fail()?;
                }
                return Ok(());
            }
            writeln!(
                out,
                "{}",
                S::ChecklistTitle.fill(lang, &[&i18n::date(ctx.status.deadlines[item])])
            )
            .or_fail()?;
            // On a narrow terminal the document's date goes, then its number, before the
            // state or the timing is cut.
            let mut t = Table::new(&headers, 0).droppable(&[3, 2]);
            for c in cells {
                t.row(c.to_vec());
            }
            t.render(terminal_width(), out).or_fail()?;
            // An issued plan with no recorded date counts as issued, not as on time.
            let (mut on_time, mut late, mut undated, mut missing) = (0, 0, 0, 0);
            for r in &rows {
                match r.timing {
                    Timing::OnTime => on_time += 1,
                    Timing::Undated => undated += 1,
                    Timing::Late(_) => late += 1,
                    Timing::Pending(_) => missing += 1,
                    Timing::NotApplicable => {}
                }
            }
            writeln!(
                out,
                "{}",
                S::ChecklistSummary.fill(
                    lang,
                    &[
                        &(on_time + late + undated),
                        &on_time,
                        &late,
                        &undated,
                        &missing
                    ]
                )
            )
            .or_fail()
        }
    }
}

#[derive(Serialize)]
struct ByAgencyJson<'a> {
    agency: &'a str,
    name: &'a str,
    id: &'a str,
    title: &'a str,
    state: AgencyState,
    deadline: String,
    days: i64,
}

pub fn overdue_by_agency(
    ctx: &Ctx,
    only: Option<&str>,
    within: Option<u32>,
    format: TableFormat,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let only = only.map(|a| resolve_agency(ctx, a)).transpose()?;
    let lang = ctx.lang;
    let en = lang == Lang::En;
    let ledger = ledger(ctx)?;
    // Overdue: due before today. With --within D: due up to D days from today.
    let until = match within {
        None => ctx.today,
        Some(d) => ctx
            .today
            .checked_add_days(chrono::Days::new(u64::from(d) + 1))
            .unwrap_or(chrono::NaiveDate::MAX),
    };
    let rows: Vec<acc::Missing> = acc::missing(&ctx.plan, &ctx.status, &ledger, until)
        .into_iter()
        .filter(|m| only.is_none_or(|o| ctx.plan.agencies.within(m.agency).contains(&o)))
        .collect();
    // By agency (Vietnamese order), then deadline.
    let order = ctx.plan.agencies.sorted();
    let mut rows = rows;
    rows.sort_by_key(|m| {
        (
            order.iter().position(|&x| x == m.agency),
            ctx.status.deadlines[m.item],
            m.item,
        )
    });
    match format {
        TableFormat::Json => {
            let v: Vec<ByAgencyJson<'_>> = rows
                .iter()
                .map(|m| {
                    let a = ctx.plan.agencies.get(m.agency);
                    let n = ctx.plan.node(m.item);
                    ByAgencyJson {
                        agency: &a.id,
                        name: a.display_name(en),
                        id: &n.id,
                        title: &n.title,
                        state: m.state,
                        deadline: ctx.status.deadlines[m.item].format("%Y-%m-%d").to_string(),
                        days: Countdown::new(ctx.status.deadlines[m.item], ctx.today).days(),
                    }
                })
                .collect();
            write_json(out, &v)
        }
        TableFormat::Csv => {
            out.write_all(
                csv_row(&[
                    S::Agency.get(lang),
                    S::Id.get(lang),
                    S::Title.get(lang),
                    S::ReportState.get(lang),
                    S::Deadline.get(lang),
                    S::Overdue.get(lang),
                ])
                .as_bytes(),
            )
            .or_fail()?;
            for m in &rows {
                let n = ctx.plan.node(m.item);
                let c = Countdown::new(ctx.status.deadlines[m.item], ctx.today);
                out.write_all(
                    csv_row(&[
                        ctx.plan.agencies.get(m.agency).display_name(en),
                        &n.id,
                        &n.title,
                        i18n::agency_state(lang, m.state),
                        &ctx.status.deadlines[m.item].format("%Y-%m-%d").to_string(),
                        &i18n::countdown(lang, c),
                    ])
                    .as_bytes(),
                )
                .or_fail()?;
            }
            Ok(())
        }
        TableFormat::Table => {
            if rows.is_empty() {
                let none = match within {
                    Some(d) => S::NothingDueWithin.fill(lang, &[&d]),
                    None => S::NothingOverdue.get(lang).to_string(),
                };
                return writeln!(out, "{none}").or_fail();
            }
            let width = terminal_width();
            let mut k = 0;
            while k < rows.len() {
                let a = rows[k].agency;
                let end = rows[k..]
                    .iter()
                    .position(|m| m.agency != a)
                    .map_or(rows.len(), |p| k + p);
                let name = ctx.plan.agencies.get(a).display_name(en);
                // With --within, not every part listed is overdue yet.
                let header = match within {
                    Some(d) => S::ByAgencyHeaderWithin.fill(lang, &[&name, &(end - k), &d]),
                    None => S::ByAgencyHeader.fill(lang, &[&name, &(end - k)]),
                };
                writeln!(out, "{header}").or_fail()?;
                // On a narrow terminal the state goes before the days overdue are cut.
                let mut t = Table::new(
                    &[
                        S::Id.get(lang),
                        S::Title.get(lang),
                        S::ReportState.get(lang),
                        "",
                    ],
                    1,
                )
                .droppable(&[2]);
                for m in &rows[k..end] {
                    let n = ctx.plan.node(m.item);
                    let c = Countdown::new(ctx.status.deadlines[m.item], ctx.today);
                    t.row(vec![
                        n.id.clone(),
                        n.title.clone(),
                        i18n::agency_state(lang, m.state).to_string(),
                        i18n::countdown(lang, c),
                    ]);
                }
                t.render(width, out).or_fail()?;
                writeln!(out).or_fail()?;
                k = end;
            }
            Ok(())
        }
    }
}
