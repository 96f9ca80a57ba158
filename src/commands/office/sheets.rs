//! The workbooks' sheets, built from the same data and in the same order as the CSV of each
//! command, with dates as dates and overdue cells marked.

use chrono::NaiveDate;

use crate::cli::MatrixBy;
use crate::commands::accountability::ledger;
use crate::commands::matrix;
use crate::commands::overdue::{names, resolve_agency};
use crate::commands::{Ctx, Failure};
use crate::i18n::{self, Lang, O, S};
use crate::output::sheet::{Cell, Mark, Sheet};
use crate::plan::accountability::{self as acc, Timing};
use crate::plan::{Countdown, NodeIx, Role, query};

fn countdown_cell(lang: Lang, c: Countdown) -> Cell {
    let mark = if c.days() < 0 {
        Mark::Overdue
    } else {
        Mark::Due
    };
    Cell::text(i18n::countdown(lang, c)).marked(mark)
}

/// The 30/06 checklist (as `checklist --format csv`), if the plan has such a milestone.
pub fn checklist(ctx: &Ctx) -> Result<Option<Sheet>, Failure> {
    let Some(m) = acc::checklist_milestone(&ctx.plan) else {
        return Ok(None);
    };
    let lang = ctx.lang;
    let ledger = ledger(ctx)?;
    let rows = acc::checklist(&ctx.plan, &ctx.status, &ledger, m.item, &m.also, ctx.today);
    let mut sheet = Sheet::new(
        O::SheetChecklist.get(lang),
        &[
            S::Agency.get(lang),
            S::ReportState.get(lang),
            S::Document.get(lang),
            S::TuiDocDate.get(lang),
            S::Deadline.get(lang),
        ],
    );
    for r in rows {
        let mark = match r.timing {
            Timing::OnTime => Mark::Done,
            Timing::Late(_) | Timing::Undated => Mark::Due,
            Timing::Pending(c) if c.days() < 0 => Mark::Overdue,
            Timing::Pending(_) => Mark::Due,
            Timing::NotApplicable => Mark::None,
        };
        sheet.row(vec![
            Cell::text(
                ctx.plan
                    .agencies
                    .get(r.agency)
                    .display_name(lang == Lang::En),
            ),
            Cell::text(i18n::agency_state(lang, r.state)).marked(mark),
            Cell::text(r.doc_ref.clone().unwrap_or_default()),
            Cell::date(r.doc_date),
            Cell::text(i18n::timing(lang, r.timing)).marked(mark),
        ]);
    }
    Ok(Some(sheet))
}

/// Unfinished tasks past (or near) their deadline, as `overdue --format csv`.
pub fn overdue(ctx: &Ctx, agency: Option<&str>, within: Option<u32>) -> Result<Sheet, Failure> {
    let agency = agency.map(|a| resolve_agency(ctx, a)).transpose()?;
    let (plan, st, lang) = (&ctx.plan, &ctx.status, ctx.lang);
    let mut sheet = Sheet::new(
        O::SheetOverdue.get(lang),
        &[
            S::Id.get(lang),
            S::Title.get(lang),
            S::RoleLead.get(lang),
            S::Deadline.get(lang),
            S::Overdue.get(lang),
        ],
    );
    for i in crate::commands::accountability::overdue_items(ctx, within, agency)? {
        let n = plan.node(i);
        let c = st.countdown(i, ctx.today);
        let cd = countdown_cell(lang, c);
        sheet.row(vec![
            Cell::text(&n.id),
            Cell::text(&n.title),
            Cell::text(names(plan, n.responsible(), lang).join("; ")),
            Cell::date(Some(st.deadlines[i])).marked(cd.mark),
            cd,
        ]);
    }
    Ok(sheet)
}

/// Each agency's unfinished parts past (or near) their deadline, as
/// `overdue --by-agency --format csv`.
pub fn overdue_by_agency(
    ctx: &Ctx,
    only: Option<&str>,
    within: Option<u32>,
) -> Result<Sheet, Failure> {
    let only = only.map(|a| resolve_agency(ctx, a)).transpose()?;
    let (plan, st, lang) = (&ctx.plan, &ctx.status, ctx.lang);
    let ledger = ledger(ctx)?;
    let until = match within {
        None => ctx.today,
        Some(d) => ctx.today + chrono::Duration::days(i64::from(d) + 1),
    };
    let order = plan.agencies.sorted();
    let mut rows: Vec<acc::Missing> = acc::missing(plan, st, &ledger, until)
        .into_iter()
        .filter(|m| only.is_none_or(|o| plan.agencies.within(m.agency).contains(&o)))
        .collect();
    rows.sort_by_key(|m| {
        (
            order.iter().position(|&x| x == m.agency),
            st.deadlines[m.item],
            m.item,
        )
    });
    let mut sheet = Sheet::new(
        O::SheetOverdueByAgency.get(lang),
        &[
            S::Agency.get(lang),
            S::Id.get(lang),
            S::Title.get(lang),
            S::ReportState.get(lang),
            S::Deadline.get(lang),
            S::Overdue.get(lang),
        ],
    );
    for m in rows {
        let n = plan.node(m.item);
        let cd = countdown_cell(lang, Countdown::new(st.deadlines[m.item], ctx.today));
        sheet.row(vec![
            Cell::text(plan.agencies.get(m.agency).display_name(lang == Lang::En)),
            Cell::text(&n.id),
            Cell::text(&n.title),
            Cell::text(i18n::agency_state(lang, m.state)),
            Cell::date(Some(st.deadlines[m.item])).marked(cd.mark),
            cd,
        ]);
    }
    Ok(sheet)
}

/// The agency matrix, one sheet by index and one by section; a cell is "done/total".
pub fn matrix(ctx: &Ctx) -> Result<Vec<Sheet>, Failure> {
    let lang = ctx.lang;
    let mut out = Vec::new();
    for (by, name) in [
        (MatrixBy::Index, O::SheetMatrixByIndex),
        (MatrixBy::Section, O::SheetMatrixBySection),
    ] {
        let cols = matrix::columns(ctx, by);
        let mut headers = vec![S::Agency.get(lang)];
        headers.extend(cols.iter().map(|c| c.label.as_str()));
        let mut sheet = Sheet::new(name.get(lang), &headers);
        for (a, cells) in matrix::rows(ctx, &cols)? {
            let mut row = vec![Cell::text(
                ctx.plan.agencies.get(a).display_name(lang == Lang::En),
            )];
            row.extend(cells.iter().map(|c| {
                if c.tally.total == 0 {
                    return Cell::text("");
                }
                let mark = if c.overdue > 0 {
                    Mark::Overdue
                } else if c.tally.complete() {
                    Mark::Done
                } else {
                    Mark::None
                };
                Cell::text(format!("{}/{}", c.tally.done, c.tally.total)).marked(mark)
            }));
            sheet.row(row);
        }
        out.push(sheet);
    }
    Ok(out)
}

fn role_names(ctx: &Ctx, ix: NodeIx, role: Role) -> String {
    ctx.plan
        .node(ix)
        .roles
        .get(role)
        .iter()
        .map(|e| ctx.plan.agencies.get(e.agency).name.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

fn rfc3339_date(s: &str) -> Option<NaiveDate> {
    chrono::DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.date_naive())
}

/// Every item of the plan, in document order, as `export --format csv`: its agencies by
/// role, deadline, status and evidence notes.
pub fn items(ctx: &Ctx) -> Result<Sheet, Failure> {
    let (plan, st, lang) = (&ctx.plan, &ctx.status, ctx.lang);
    let notes = ctx.store.all_notes(plan.id()).map_err(|e| ctx.fail(e))?;
    let mut sheet = Sheet::new(
        O::SheetItems.get(lang),
        &[
            S::Id.get(lang),
            O::ColKind.get(lang),
            S::Title.get(lang),
            S::RoleLead.get(lang),
            S::RoleImplementing.get(lang),
            S::RoleCoordinating.get(lang),
            S::Deadline.get(lang),
            S::ReportState.get(lang),
            O::ColDoneOn.get(lang),
            O::ColDoneBy.get(lang),
            S::Notes.get(lang),
        ],
    );
    for ix in 0..plan.len() {
        let n = plan.node(ix);
        let s = &st.items[ix];
        let deadline = st.deadlines[ix];
        let status = if n.is_task() {
            if s.done {
                Cell::text(S::Done.get(lang)).marked(Mark::Done)
            } else if deadline < ctx.today {
                countdown_cell(lang, Countdown::new(deadline, ctx.today))
            } else {
                Cell::text(S::NotDone.get(lang))
            }
        } else {
            let t = st.tallies[ix];
            let mark = if t.complete() { Mark::Done } else { Mark::None };
            Cell::text(if t.total > 0 {
                format!("{}/{}", t.done, t.total)
            } else {
                String::new()
            })
            .marked(mark)
        };
        let note_text = notes
            .get(&n.id)
            .map(|v| {
                v.iter()
                    .map(|x| {
                        let mut line = format!("[{}] {}", x.author, x.text);
                        if let Some(d) = &x.doc_ref {
                            line.push_str(&format!(" ({d}"));
                            if let Some(dd) = x.doc_date {
                                line.push_str(&format!(", {}", i18n::date(dd)));
                            }
                            line.push(')');
                        }
                        line
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default();
        let late = n.is_task() && !s.done && deadline < ctx.today;
        sheet.row(vec![
            Cell::text(&n.id),
            Cell::text(i18n::kind(lang, n.kind)),
            Cell::text(&n.title),
            Cell::text(role_names(ctx, ix, Role::Lead)),
            Cell::text(role_names(ctx, ix, Role::Implementing)),
            Cell::text(role_names(ctx, ix, Role::Coordinating)),
            Cell::date(Some(deadline)).marked(if late { Mark::Overdue } else { Mark::None }),
            status,
            Cell::date(s.done_at.as_deref().and_then(rfc3339_date)),
            Cell::text(s.done_by.clone().unwrap_or_default()),
            Cell::text(note_text),
        ]);
    }
    Ok(sheet)
}

/// Every agency with a duty: tasks it leads, implements, coordinates; done of total; overdue.
pub fn agencies(ctx: &Ctx, ledger: &acc::Ledger) -> Sheet {
    let lang = ctx.lang;
    let mut sheet = Sheet::new(
        O::SheetAgencies.get(lang),
        &[
            S::Agency.get(lang),
            S::RoleLead.get(lang),
            S::RoleImplementing.get(lang),
            S::RoleCoordinating.get(lang),
            S::Done.get(lang),
            S::Total.get(lang),
            S::Overdue.get(lang),
        ],
    );
    for r in query::agency_rows(&ctx.plan, &ctx.status, ledger, ctx.today) {
        let overdue = Cell::number(r.overdue);
        sheet.row(vec![
            Cell::text(
                ctx.plan
                    .agencies
                    .get(r.agency)
                    .display_name(lang == Lang::En),
            ),
            Cell::number(r.lead),
            Cell::number(r.implementing),
            Cell::number(r.coordinating),
            Cell::number(r.tally.done),
            Cell::number(r.tally.total),
            if r.overdue > 0 {
                overdue.marked(Mark::Overdue)
            } else {
                overdue
            },
        ]);
    }
    sheet
}
