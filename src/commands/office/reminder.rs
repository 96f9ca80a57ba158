//! The reminder letter (công văn đôn đốc): every late agency with its overdue parts in one
//! letter, or one letter per agency.

use super::letter::{Letter, headers, name, numbered};
use crate::commands::accountability::ledger;
use crate::commands::{Ctx, Failure};
use crate::i18n::{self, O, S};
use crate::output::document::{Block, Document, Table};
use crate::plan::accountability::{self as acc, Missing};
use crate::plan::{AgencyIx, Countdown};

/// Every agency's unfinished parts whose deadline has passed, agency by agency.
pub fn late_parts(ctx: &Ctx) -> Result<Vec<(AgencyIx, Vec<Missing>)>, Failure> {
    let ledger = ledger(ctx)?;
    let order = ctx.plan.agencies.sorted();
    let mut all = acc::missing(&ctx.plan, &ctx.status, &ledger, ctx.today);
    all.sort_by_key(|m| {
        (
            order.iter().position(|&x| x == m.agency),
            ctx.status.deadlines[m.item],
            m.item,
        )
    });
    let mut out: Vec<(AgencyIx, Vec<Missing>)> = Vec::new();
    for m in all {
        match out.last_mut() {
            Some((a, parts)) if *a == m.agency => parts.push(m),
            _ => out.push((m.agency, vec![m])),
        }
    }
    Ok(out)
}

/// The reminder letter to every late agency, or (with `one`) to that agency alone.
pub fn reminder(
    ctx: &Ctx,
    letter: &Letter,
    late: &[(AgencyIx, Vec<Missing>)],
    one: Option<AgencyIx>,
) -> Document {
    let (plan, st, lang) = (&ctx.plan, &ctx.status, ctx.lang);
    let today = i18n::date(ctx.today);
    let mut head = letter.head.clone();
    head.about = Some(O::ReminderAbout.fill(lang, &[&plan.title()]));
    let part_line = |m: &Missing| {
        let due = st.deadlines[m.item];
        O::PartLine.fill(
            lang,
            &[
                &plan.node(m.item).id,
                &plan.node(m.item).title,
                &i18n::date(due),
                &i18n::countdown(lang, Countdown::new(due, ctx.today)),
            ],
        )
    };
    let (to, body, first) = match one {
        Some(a) => {
            let parts = late
                .iter()
                .find(|(x, _)| *x == a)
                .map_or(&[][..], |(_, p)| p.as_slice());
            let rows = parts.iter().map(|m| {
                let due = st.deadlines[m.item];
                vec![
                    plan.node(m.item).id.clone(),
                    plan.node(m.item).title.clone(),
                    i18n::date(due),
                    format!(
                        "{}\n{}",
                        i18n::agency_state(lang, m.state),
                        i18n::countdown(lang, Countdown::new(due, ctx.today))
                    ),
                ]
            });
            let who = name(ctx, a);
            let body = vec![
                Block::Para(
                    O::ReminderIntroOne
                        .fill(lang, &[&plan.title(), &plan.file.issuer, &today, &who]),
                ),
                Block::Table(Table {
                    headers: headers(
                        lang,
                        &[
                            S::Id.get(lang),
                            S::KindTask.get(lang),
                            S::Deadline.get(lang),
                            S::ReportState.get(lang),
                        ],
                    ),
                    widths: vec![8, 18, 43, 15, 16],
                    rows: numbered(rows),
                    centred: vec![0, 3],
                }),
                Block::Para(O::ReminderAskOne.fill(
                    lang,
                    &[
                        &letter.issuer,
                        &who,
                        &letter.issuer,
                        &letter.reply_by,
                        &letter.superior,
                    ],
                )),
            ];
            (vec![who.clone()], body, vec![format!("{who};")])
        }
        None => {
            let rows = late.iter().map(|(a, parts)| {
                vec![
                    name(ctx, *a),
                    parts.iter().map(part_line).collect::<Vec<_>>().join("\n"),
                    parts.len().to_string(),
                ]
            });
            let body = vec![
                Block::Para(
                    O::ReminderIntro.fill(lang, &[&plan.title(), &plan.file.issuer, &today]),
                ),
                Block::Table(Table {
                    headers: headers(
                        lang,
                        &[
                            O::ColAgencyUnit.get(lang),
                            O::ColLateParts.get(lang),
                            O::ColCount.get(lang),
                        ],
                    ),
                    widths: vec![8, 28, 54, 10],
                    rows: numbered(rows),
                    centred: vec![0, 3],
                }),
                Block::Para(O::ReminderAsk.fill(
                    lang,
                    &[
                        &letter.issuer,
                        &letter.issuer,
                        &letter.reply_by,
                        &letter.superior,
                    ],
                )),
            ];
            (
                vec![O::ToListed.get(lang).to_string()],
                body,
                vec![O::AsAbove.get(lang).to_string()],
            )
        }
    };
    let mut first = first;
    first.push(O::ForReport.fill(lang, &[&letter.superior]));
    let mut doc = letter.document(lang, head, body, to);
    doc.recipients = letter.recipients(lang, first);
    doc
}
