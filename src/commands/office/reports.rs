//! The reports (báo cáo): one agency's duties, and the whole plan's progress with evidence.

use super::letter::{Letter, headers, name, numbered};
use crate::commands::accountability::ledger;
use crate::commands::overdue::names;
use crate::commands::report::part_text;
use crate::commands::{Ctx, Failure};
use crate::i18n::{self, Lang, O, S};
use crate::output::document::{Block, Document, Table};
use crate::plan::accountability::{self as acc, AgencyState, Ledger};
use crate::plan::{AgencyIx, Countdown, NodeIx, Role, query};
use crate::store::Note;

/// What the report says about an agency's part, in two table cells: its state (with the day
/// it was recorded, and under it how late when it is), and its evidence, the remark on a line
/// of its own; a duty it only coordinates has no part of its own ("—").
fn part_words(ctx: &Ctx, ledger: &Ledger, t: NodeIx, a: AgencyIx, role: Role) -> [String; 2] {
    let Some(p) = part_text(ctx, ledger, t, a, role) else {
        return ["—".into(), String::new()];
    };
    let mut words = p.words;
    let due = ctx.status.deadlines[t];
    if due < ctx.today && !matches!(p.state, AgencyState::Done | AgencyState::NotApplicable) {
        words.push('\n');
        words.push_str(&i18n::countdown(ctx.lang, Countdown::new(due, ctx.today)));
    }
    let evidence = match p.remark {
        Some(r) => format!("{}\n{r}", p.document),
        None => p.document,
    };
    [words, evidence.trim().to_string()]
}

/// One agency's duties, section by section, as `report --agency` prints them.
pub fn agency_report(ctx: &Ctx, letter: &Letter, a: AgencyIx) -> Result<Document, Failure> {
    let (plan, st, lang) = (&ctx.plan, &ctx.status, ctx.lang);
    let ledger = ledger(ctx)?;
    let tasks: Vec<(NodeIx, Role)> = plan
        .tasks()
        .filter_map(|t| {
            plan.roles_of(t, a)
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
    let mut counts = [0usize; 4];
    let (mut answerable, mut overdue) = (0, 0);
    for &(t, _) in tasks.iter().filter(|(_, r)| *r != Role::Coordinating) {
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
    let who = name(ctx, a);
    let mut body = vec![
        Block::Para(S::StatusAsOf.fill(lang, &[&i18n::date(ctx.today)])),
        Block::Para(S::ReportAgencySummary.fill(
            lang,
            &[&answerable, &counts[2], &counts[1], &counts[0], &overdue],
        )),
    ];
    let section_of = |ix: NodeIx| {
        let mut path = plan.ancestors(ix);
        path.push(ix);
        path.get(1).or(path.first()).copied().unwrap_or(ix)
    };
    let mut k = 0;
    while k < tasks.len() {
        let sec = section_of(tasks[k].0);
        let end = tasks[k..]
            .iter()
            .position(|&(t, _)| section_of(t) != sec)
            .map_or(tasks.len(), |p| k + p);
        let s = plan.node(sec);
        body.push(Block::Heading(format!("{} {}", s.id, s.title)));
        let rows: Vec<Vec<String>> = tasks[k..end]
            .iter()
            .map(|&(t, r)| {
                let [state, evidence] = part_words(ctx, &ledger, t, a, r);
                vec![
                    plan.node(t).id.clone(),
                    plan.node(t).title.clone(),
                    i18n::role(lang, r).to_string(),
                    i18n::date(st.deadlines[t]),
                    state,
                    evidence,
                ]
            })
            .collect();
        // No "STT" here: the ids number the rows, and the dates need the width.
        body.push(Block::Table(Table {
            headers: [
                S::Id,
                S::KindTask,
                S::ReportRole,
                S::Deadline,
                S::ReportState,
                S::ReportEvidence,
            ]
            .iter()
            .map(|h| h.get(lang).to_string())
            .collect(),
            widths: vec![18, 28, 11, 15, 14, 14],
            rows,
            centred: vec![3],
        }));
        k = end;
    }
    let mut doc = letter.document(lang, letter.head.clone(), body, Vec::new());
    doc.title = Some((
        O::ReportKind.get(lang).into(),
        O::ReportAgencySubject.fill(lang, &[&plan.title(), &who]),
    ));
    doc.recipients = letter.recipients(lang, vec![format!("{who};")]);
    Ok(doc)
}

fn pct(t: crate::plan::Tally) -> String {
    format!("{:.0}%", t.ratio() * 100.0)
}

/// The whole plan: progress per index, per part and per agency, the tasks done with their
/// evidence documents, and the overdue tasks.
pub fn plan_report(
    ctx: &Ctx,
    ledger: &Ledger,
    letter: &Letter,
    notes: &std::collections::HashMap<String, Vec<Note>>,
) -> Document {
    let (plan, st, lang) = (&ctx.plan, &ctx.status, ctx.lang);
    let en = lang == Lang::En;
    let tally_headers = |first: &str| {
        vec![
            first.to_string(),
            S::Done.get(lang).into(),
            S::Total.get(lang).into(),
            S::Ratio.get(lang).into(),
        ]
    };
    let tally_row = |label: &str, t: crate::plan::Tally| {
        vec![
            label.to_string(),
            t.done.to_string(),
            t.total.to_string(),
            pct(t),
        ]
    };
    let total = st.total(plan);
    let mut by_index: Vec<Vec<String>> = plan
        .indexes
        .iter()
        .zip(query::index_tallies(plan, st))
        .map(|(i, t)| tally_row(&i.name, t))
        .collect();
    by_index.push(tally_row(S::Total.get(lang), total));
    let mut by_part: Vec<Vec<String>> = plan
        .roots
        .iter()
        .filter(|&&r| st.tallies[r].total > 0)
        .map(|&r| {
            let n = plan.node(r);
            tally_row(&format!("{} {}", n.label, n.title), st.tallies[r])
        })
        .collect();
    by_part.push(tally_row(S::Total.get(lang), total));
    let agencies = query::agency_rows(plan, st, ledger, ctx.today)
        .into_iter()
        .map(|r| {
            vec![
                plan.agencies.get(r.agency).display_name(en).to_string(),
                r.lead.to_string(),
                r.implementing.to_string(),
                format!("{}/{}", r.tally.done, r.tally.total),
                r.overdue.to_string(),
            ]
        });
    let done = plan.tasks().filter(|&i| st.items[i].done).map(|ix| {
        let n = plan.node(ix);
        let evidence = match notes.get(&n.id) {
            Some(v) if !v.is_empty() => v
                .iter()
                .map(|x| {
                    let mut line = String::new();
                    if let Some(d) = &x.doc_ref {
                        line.push_str(d);
                        if let Some(dd) = x.doc_date {
                            line.push_str(&format!(" ({})", i18n::date(dd)));
                        }
                        line.push_str(" — ");
                    }
                    line.push_str(&x.text);
                    line
                })
                .collect::<Vec<_>>()
                .join("\n"),
            _ => S::ReportNoEvidence.get(lang).to_string(),
        };
        let on = st.items[ix]
            .done_at
            .as_deref()
            .map(i18n::timestamp)
            .unwrap_or_default();
        vec![
            n.id.clone(),
            n.title.clone(),
            on.split(' ').next().unwrap_or("").to_string(),
            evidence,
        ]
    });
    let late = query::overdue(plan, st, ledger, ctx.today, None, None)
        .into_iter()
        .map(|ix| {
            let n = plan.node(ix);
            vec![
                n.id.clone(),
                n.title.clone(),
                names(plan, n.responsible(), lang).join("; "),
                format!(
                    "{}\n{}",
                    i18n::date(st.deadlines[ix]),
                    i18n::countdown(lang, st.countdown(ix, ctx.today))
                ),
            ]
        })
        .collect::<Vec<_>>();
    let mut body = vec![
        Block::Para(S::StatusAsOf.fill(lang, &[&i18n::date(ctx.today)])),
        Block::Heading(format!("I. {}", S::ReportByIndex.get(lang))),
        Block::Table(Table {
            headers: tally_headers(S::Index.get(lang)),
            widths: vec![40, 20, 20, 20],
            rows: by_index,
            centred: vec![1, 2, 3],
        }),
        Block::Heading(format!("II. {}", O::ReportByPart.get(lang))),
        Block::Table(Table {
            headers: tally_headers(O::ColIndexOrPart.get(lang)),
            widths: vec![55, 15, 15, 15],
            rows: by_part,
            centred: vec![1, 2, 3],
        }),
        Block::Heading(format!("III. {}", S::ReportByAgency.get(lang))),
        Block::Table(Table {
            headers: headers(
                lang,
                &[
                    S::Agency.get(lang),
                    S::RoleLead.get(lang),
                    S::RoleImplementing.get(lang),
                    S::Done.get(lang),
                    S::Overdue.get(lang),
                ],
            ),
            widths: vec![8, 44, 12, 12, 12, 12],
            rows: numbered(agencies),
            centred: vec![0, 2, 3, 4, 5],
        }),
        Block::Heading(format!("IV. {}", S::ReportDone.get(lang))),
        Block::Table(Table {
            headers: headers(
                lang,
                &[
                    S::Id.get(lang),
                    S::KindTask.get(lang),
                    S::ReportCompleted.get(lang),
                    O::Evidence.get(lang),
                ],
            ),
            widths: vec![8, 18, 30, 15, 29],
            rows: numbered(done),
            centred: vec![0, 3],
        }),
        Block::Heading(format!("V. {}", S::ReportOverdue.get(lang))),
    ];
    if late.is_empty() {
        body.push(Block::Para(S::NothingOverdue.get(lang).into()));
    } else {
        body.push(Block::Table(Table {
            headers: headers(
                lang,
                &[
                    S::Id.get(lang),
                    S::KindTask.get(lang),
                    S::RoleLead.get(lang),
                    S::Deadline.get(lang),
                ],
            ),
            widths: vec![8, 17, 34, 24, 17],
            rows: numbered(late),
            centred: vec![0, 4],
        }));
    }
    let mut doc = letter.document(lang, letter.head.clone(), body, Vec::new());
    doc.title = Some((
        O::ReportKind.get(lang).into(),
        O::ExportSubject.fill(lang, &[&plan.title()]),
    ));
    doc.recipients = letter.recipients(lang, vec![O::ForReport.fill(lang, &[&letter.superior])]);
    doc
}
