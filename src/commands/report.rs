//! `kehoach report`: one agency's duties for the letter the coordinators send it, or every
//! agency's unfinished parts grouped by deadline for the reminder letters.

use std::io::Write;

use super::accountability::ledger;
use super::overdue::resolve_agency;
use super::table::{csv_row, md_cell};
use super::{Ctx, Failure, OrFail};
use crate::cli::ReportFormat;
use crate::i18n::{self, Lang, S};
use crate::plan::accountability::{self as acc, AgencyState, Ledger};
use crate::plan::{AgencyIx, Countdown, NodeIx, Role};

pub fn run(
    ctx: &Ctx,
    agency: Option<&str>,
    missing: bool,
    format: ReportFormat,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let ledger = ledger(ctx)?;
    if missing {
        return missing_report(ctx, &ledger, format, out).or_fail();
    }
    let a = resolve_agency(ctx, agency.unwrap_or_default())?;
    agency_report(ctx, &ledger, a, format, out).or_fail()
}

/// The section an item is reported under: its ancestor one level below the part (III.1, IV.2),
/// or the part itself.
fn section_of(ctx: &Ctx, ix: NodeIx) -> NodeIx {
    let mut path = ctx.plan.ancestors(ix);
    path.push(ix);
    path.get(1).or(path.first()).copied().unwrap_or(ix)
}

/// What any report says about an agency's part, before layout: its state in words (with the
/// day it was recorded), the document that proves it (with its date) and the remark. `None`
/// for a duty it only coordinates: it has no part of its own to record.
pub(crate) struct PartText {
    pub state: AgencyState,
    pub words: String,
    pub document: String,
    pub remark: Option<String>,
}

pub(crate) fn part_text(
    ctx: &Ctx,
    ledger: &Ledger,
    ix: NodeIx,
    a: AgencyIx,
    role: Role,
) -> Option<PartText> {
    let lang = ctx.lang;
    if role == Role::Coordinating {
        return None;
    }
    let state = ledger.state(&ctx.status, ix, a);
    let mark = ledger.mark(ix, a);
    let mut words = i18n::agency_state(lang, state).to_string();
    if state == AgencyState::Done && mark.is_none_or(|m| m.state != AgencyState::Done) {
        words = S::StateDoneByCoordinator.get(lang).to_string();
    }
    if let Some(m) = mark.filter(|m| m.state != AgencyState::NotStarted) {
        words.push_str(&format!(
            " {}",
            i18n::timestamp(&m.at).split(' ').next().unwrap_or("")
        ));
    }
    let mut document = mark.and_then(|m| m.doc_ref.clone()).unwrap_or_default();
    if let Some(d) = mark.and_then(|m| m.doc_date) {
        document.push_str(&format!(" ({})", i18n::date(d)));
    }
    Some(PartText {
        state,
        words,
        document: document.trim().to_string(),
        remark: mark.and_then(|m| m.note.clone()),
    })
}

/// The part on one line of a Markdown or CSV report: "—" for a duty it only coordinates.
fn part(
    ctx: &Ctx,
    ledger: &Ledger,
    ix: NodeIx,
    a: AgencyIx,
    role: Role,
) -> (AgencyState, String, String) {
    let Some(p) = part_text(ctx, ledger, ix, a, role) else {
        return (AgencyState::NotApplicable, "—".into(), String::new());
    };
    let evidence = match p.remark {
        Some(r) if p.document.is_empty() => r,
        Some(r) => format!("{} — {r}", p.document),
        None => p.document,
    };
    (p.state, p.words, evidence.trim().to_string())
}

fn agency_report(
    ctx: &Ctx,
    ledger: &Ledger,
    a: AgencyIx,
    format: ReportFormat,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let (plan, st, lang) = (&ctx.plan, &ctx.status, ctx.lang);
    let en = lang == Lang::En;
    let agency = plan.agencies.get(a);
    // Its roles, and the parts the checklist adds (a central agency's own plan, IV.1.a.t1).
    let tasks: Vec<(NodeIx, Role)> = plan
        .tasks()
        .filter_map(|t| {
            let roles = plan.roles_of(t, a);
            roles
                .first()
                .copied()
                .or_else(|| {
                    acc::recordable(plan, t)
                        .contains(&a)
                        .then_some(Role::Implementing)
                })
                .map(|r| (t, r))
        })
        .collect();
    let role_word = |r: Role| i18n::role(lang, r);
    if format == ReportFormat::Csv {
        out.write_all("\u{FEFF}".as_bytes())?;
        out.write_all(
            csv_row(&[
                S::Id.get(lang),
                S::Title.get(lang),
                S::ReportRole.get(lang),
                S::Deadline.get(lang),
                S::ReportState.get(lang),
                S::ReportEvidence.get(lang),
                S::Overdue.get(lang),
            ])
            .as_bytes(),
        )?;
        for &(t, r) in &tasks {
            let (state, words, evidence) = part(ctx, ledger, t, a, r);
            let late = overdue_words(ctx, t, state);
            out.write_all(
                csv_row(&[
                    &plan.node(t).id,
                    &plan.node(t).title,
                    role_word(r),
                    &st.deadlines[t].format("%Y-%m-%d").to_string(),
                    &words,
                    &evidence,
                    &late,
                ])
                .as_bytes(),
            )?;
        }
        return Ok(());
    }
    let name = agency.display_name(en);
    writeln!(
        out,
        "# {}",
        S::ReportAgencyTitle.fill(lang, &[&plan.title()])
    )?;
    writeln!(out)?;
    writeln!(out, "**{}:** {name}  ", S::ReportAgencyLine.get(lang))?;
    writeln!(
        out,
        "{}",
        S::StatusAsOf.fill(lang, &[&i18n::date(ctx.today)])
    )?;
    writeln!(out)?;
    // Counted: the duties it leads or implements; coordination is listed, not counted.
    let mut counts = [0usize; 4];
    let mut overdue = 0;
    let mut answerable = 0;
    for &(t, r) in &tasks {
        if r == Role::Coordinating {
            continue;
        }
        answerable += 1;
        let state = ledger.state(st, t, a);
        counts[AgencyState::ALL
            .iter()
            .position(|&s| s == state)
            .unwrap_or(0)] += 1;
        if !matches!(state, AgencyState::Done | AgencyState::NotApplicable)
            && st.deadlines[t] < ctx.today
        {
            overdue += 1;
        }
    }
    writeln!(
        out,
        "{}",
        S::ReportAgencySummary.fill(
            lang,
            &[&answerable, &counts[2], &counts[1], &counts[0], &overdue]
        )
    )?;
    let mut k = 0;
    while k < tasks.len() {
        let sec = section_of(ctx, tasks[k].0);
        let end = tasks[k..]
            .iter()
            .position(|&(t, _)| section_of(ctx, t) != sec)
            .map_or(tasks.len(), |p| k + p);
        let s = plan.node(sec);
        writeln!(out)?;
        writeln!(out, "## {} {}", s.id, md_cell(&s.title))?;
        writeln!(out)?;
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            S::Id.get(lang),
            S::KindTask.get(lang),
            S::ReportRole.get(lang),
            S::Deadline.get(lang),
            S::ReportState.get(lang),
            S::ReportEvidence.get(lang)
        )?;
        writeln!(out, "|---|---|---|---|---|---|")?;
        for &(t, r) in &tasks[k..end] {
            let (state, words, evidence) = part(ctx, ledger, t, a, r);
            let mut due = i18n::date(st.deadlines[t]);
            let late = overdue_words(ctx, t, state);
            if !late.is_empty() {
                due.push_str(&format!(" ({late})"));
            }
            writeln!(
                out,
                "| {} | {} | {} | {due} | {} | {} |",
                plan.node(t).id,
                md_cell(&plan.node(t).title),
                role_word(r),
                md_cell(&words),
                md_cell(&evidence)
            )?;
        }
        k = end;
    }
    Ok(())
}

/// "quá hạn N ngày" for an unfinished part past its deadline, else nothing.
fn overdue_words(ctx: &Ctx, t: NodeIx, state: AgencyState) -> String {
    let c = Countdown::new(ctx.status.deadlines[t], ctx.today);
    match c {
        Countdown::Late(_) if !matches!(state, AgencyState::Done | AgencyState::NotApplicable) => {
            i18n::countdown(ctx.lang, c)
        }
        _ => String::new(),
    }
}

fn missing_report(
    ctx: &Ctx,
    ledger: &Ledger,
    format: ReportFormat,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let (plan, st, lang) = (&ctx.plan, &ctx.status, ctx.lang);
    let en = lang == Lang::En;
    let all = acc::missing(plan, st, ledger, chrono::NaiveDate::MAX);
    if format == ReportFormat::Csv {
        out.write_all("\u{FEFF}".as_bytes())?;
        out.write_all(
            csv_row(&[
                S::Deadline.get(lang),
                S::Agency.get(lang),
                S::Id.get(lang),
                S::Title.get(lang),
                S::ReportRole.get(lang),
                S::ReportState.get(lang),
            ])
            .as_bytes(),
        )?;
        for m in &all {
            out.write_all(
                csv_row(&[
                    &st.deadlines[m.item].format("%Y-%m-%d").to_string(),
                    plan.agencies.get(m.agency).display_name(en),
                    &plan.node(m.item).id,
                    &plan.node(m.item).title,
                    i18n::role(lang, m.role),
                    i18n::agency_state(lang, m.state),
                ])
                .as_bytes(),
            )?;
        }
        return Ok(());
    }
    writeln!(
        out,
        "# {}",
        S::ReportMissingTitle.fill(lang, &[&plan.title()])
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        S::StatusAsOf.fill(lang, &[&i18n::date(ctx.today)])
    )?;
    if all.is_empty() {
        writeln!(out)?;
        return writeln!(out, "{}", S::ReportNothingMissing.get(lang));
    }
    let mut k = 0;
    while k < all.len() {
        let due = st.deadlines[all[k].item];
        let end = all[k..]
            .iter()
            .position(|m| st.deadlines[m.item] != due)
            .map_or(all.len(), |p| k + p);
        writeln!(out)?;
        writeln!(
            out,
            "## {}",
            S::ReportDeadlineGroup.fill(
                lang,
                &[
                    &i18n::date(due),
                    &i18n::countdown(lang, Countdown::new(due, ctx.today))
                ]
            )
        )?;
        writeln!(out)?;
        let mut j = k;
        while j < end {
            let a = all[j].agency;
            let stop = all[j..end]
                .iter()
                .position(|m| m.agency != a)
                .map_or(end, |p| j + p);
            let ids: Vec<&str> = all[j..stop]
                .iter()
                .map(|m| plan.node(m.item).id.as_str())
                .collect();
            writeln!(
                out,
                "- **{}** — {}: {}",
                plan.agencies.get(a).display_name(en),
                S::ReportTasksCount.fill(lang, &[&ids.len()]),
                ids.join(", ")
            )?;
            j = stop;
        }
        k = end;
    }
    Ok(())
}
