//! `kehoach agencies`: each agency's share of the plan.

use std::io::Write;

use serde::Serialize;

use super::table::{Table, csv_row, terminal_width, write_json};
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
    let rows: Vec<Row<'_>> = query::agency_rows(
        plan,
        &ctx.status,
        &super::accountability::ledger(ctx)?,
        ctx.today,
    )
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
        TableFormat::Json => write_json(out, &rows),
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

/// `agencies add-member / remove-member / members`: group membership, editable because the
/// province reorganises and the communes are not in the plan.
pub fn membership(
    ctx: &mut Ctx,
    action: &crate::cli::AgenciesAction,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    use crate::cli::AgenciesAction as A;
    use crate::plan::{AgencyKind, RegistryEdit};
    let lang = ctx.lang;
    let en = lang == Lang::En;
    let group_of = |ctx: &Ctx, name: &str| -> Result<usize, Failure> {
        let g = super::overdue::resolve_agency(ctx, name)?;
        if !ctx.plan.agencies.get(g).is_group() {
            let groups: Vec<&str> = ctx
                .plan
                .agencies
                .iter()
                .filter(|(_, a)| a.is_group())
                .map(|(_, a)| a.id.as_str())
                .collect();
            return Err(Failure::new(
                exit::BAD_INPUT,
                S::NotAGroup.fill(
                    lang,
                    &[
                        &ctx.plan.agencies.get(g).display_name(en),
                        &groups.join(", "),
                    ],
                ),
            ));
        }
        Ok(g)
    };
    match action {
        A::Members { group } => {
            let g = group_of(ctx, group)?;
            let members = &ctx.plan.agencies.get(g).members;
            for &m in members {
                let a = ctx.plan.agencies.get(m);
                writeln!(out, "{:<24} {}", a.id, a.display_name(en)).or_fail()?;
            }
            Ok(())
        }
        A::AddMember { group, agency, new } => {
            let g = group_of(ctx, group)?;
            let group_id = ctx.plan.agencies.get(g).id.clone();
            let mut edits = Vec::new();
            let member_id = if *new {
                let name = crate::text::clean_input(agency);
                let id = new_id(ctx, &name);
                let kind = ctx
                    .plan
                    .agencies
                    .get(g)
                    .members
                    .first()
                    .map_or(AgencyKind::Commune, |&m| ctx.plan.agencies.get(m).kind);
                edits.push(RegistryEdit::Agency {
                    id: id.clone(),
                    name,
                    kind,
                });
                id
            } else {
                let m = super::overdue::resolve_agency(ctx, agency)
                    .map_err(|f| f.hint(S::UseNew.get(lang)))?;
                ctx.plan.agencies.get(m).id.clone()
            };
            edits.push(RegistryEdit::Member {
                group: group_id.clone(),
                member: member_id.clone(),
                add: true,
            });
            apply(ctx, &edits)?;
            for e in &edits {
                if let RegistryEdit::Agency { id, name, .. } = e {
                    writeln!(out, "{}", S::AgencyCreated.fill(lang, &[name, id])).or_fail()?;
                }
            }
            writeln!(
                out,
                "{}",
                S::MemberAdded.fill(lang, &[&member_id, &group_id])
            )
            .or_fail()
        }
        A::RemoveMember { group, agency } => {
            let g = group_of(ctx, group)?;
            let m = super::overdue::resolve_agency(ctx, agency)?;
            let members = &ctx.plan.agencies.get(g).members;
            if !members.contains(&m) {
                let ids: Vec<&str> = members
                    .iter()
                    .map(|&x| ctx.plan.agencies.get(x).id.as_str())
                    .collect();
                return Err(Failure::new(
                    exit::BAD_INPUT,
                    S::NotAMember.fill(
                        lang,
                        &[
                            &ctx.plan.agencies.get(m).id,
                            &ctx.plan.agencies.get(g).id,
                            &ids.join(", "),
                        ],
                    ),
                ));
            }
            let (group_id, member_id) = (
                ctx.plan.agencies.get(g).id.clone(),
                ctx.plan.agencies.get(m).id.clone(),
            );
            apply(
                ctx,
                &[RegistryEdit::Member {
                    group: group_id.clone(),
                    member: member_id.clone(),
                    add: false,
                }],
            )?;
            writeln!(
                out,
                "{}",
                S::MemberRemoved.fill(lang, &[&member_id, &group_id])
            )
            .or_fail()
        }
    }
}

/// Check the edits against the plan (no cycles, known agencies), then store each.
fn apply(ctx: &mut Ctx, edits: &[crate::plan::RegistryEdit]) -> Result<(), Failure> {
    let mut trial = ctx.plan.clone();
    trial
        .apply_registry(edits)
        .map_err(|e| Failure::new(exit::BAD_INPUT, crate::i18n::Localized::say(&e, ctx.lang)))?;
    let actor = ctx.actor();
    for e in edits {
        ctx.store
            .add_registry_edit(ctx.plan.id(), e, &actor)
            .map_err(|e| ctx.fail(e))?;
    }
    ctx.plan = trial;
    Ok(())
}

/// An ASCII id from a name ("UBND xã Hoàng Đồng" → "ubnd-xa-hoang-dong"), unique in the registry.
fn new_id(ctx: &Ctx, name: &str) -> String {
    let folded = crate::text::fold(name);
    let mut base = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            base.push(c);
        } else if !base.ends_with('-') && !base.is_empty() {
            base.push('-');
        }
    }
    let base = base.trim_end_matches('-').to_string();
    let base = if base.is_empty() {
        "co-quan".to_string()
    } else {
        base
    };
    let mut id = base.clone();
    let mut n = 2;
    while ctx.plan.agencies.by_id(&id).is_some() {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}
