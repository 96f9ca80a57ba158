//! `kehoach show ID`: everything about one item.

use std::io::Write;

use super::overdue::names;
use super::{Ctx, Failure, OrFail};
use crate::i18n::{self, Lang, S};
use crate::plan::{NodeIx, Role};
use crate::text::one_line;

pub fn run(ctx: &Ctx, id: &str, out: &mut dyn Write) -> Result<(), Failure> {
    let ix = ctx.item(id)?;
    let notes = ctx
        .store
        .notes(ctx.plan.id(), &ctx.plan.node(ix).id)
        .map_err(|e| ctx.fail(e))?;
    write_item(ctx, ix, &notes, out).or_fail()
}

fn write_item(
    ctx: &Ctx,
    ix: NodeIx,
    notes: &[crate::store::Note],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let (plan, st, lang) = (&ctx.plan, &ctx.status, ctx.lang);
    let n = plan.node(ix);
    let safe = |s: &str| one_line(s).into_owned();
    writeln!(out, "{}  {} {}", n.id, n.label, safe(&n.title))?;
    let mut kind = i18n::kind(lang, n.kind).to_string();
    if let Some(i) = n.index {
        kind.push_str(&format!(" · {}", plan.indexes[i].name));
    }
    writeln!(out, "{kind}")?;
    let path: Vec<String> = plan
        .ancestors(ix)
        .into_iter()
        .map(|a| plan.node(a).id.clone())
        .collect();
    if !path.is_empty() {
        writeln!(out, "↳ {}", path.join(" › "))?;
    }
    if !n.text.is_empty() && n.text != n.title {
        writeln!(out)?;
        writeln!(out, "{}", n.text)?;
    }
    writeln!(out)?;
    for role in Role::ALL {
        let entries = n.roles.get(role);
        if entries.is_empty() {
            continue;
        }
        let list: Vec<String> = entries
            .iter()
            .zip(names(plan, entries, lang))
            .map(|(e, name)| match &e.scope {
                Some(s) => format!("{name} ({})", safe(s)),
                None => name,
            })
            .collect();
        let inherited = n.own_roles.get(role).is_empty();
        writeln!(
            out,
            "{}: {}{}",
            i18n::role(lang, role),
            list.join("; "),
            if inherited { " ↑" } else { "" }
        )?;
    }
    let c = st.countdown(ix, ctx.today);
    let own = if st.items[ix].deadline.is_some() {
        format!(" [{}]", S::OwnDeadline.get(lang))
    } else {
        String::new()
    };
    writeln!(
        out,
        "{}: {} ({}){own}",
        S::Deadline.get(lang),
        i18n::date(st.deadlines[ix]),
        i18n::countdown(lang, c)
    )?;
    if n.is_task() {
        let s = &st.items[ix];
        if s.done {
            let when = s
                .done_at
                .as_deref()
                .map(i18n::timestamp)
                .unwrap_or_default();
            let who = s.done_by.clone().unwrap_or_default();
            writeln!(
                out,
                "{}: {}",
                S::Done.get(lang),
                S::DoneBy.fill(lang, &[&when, &safe(&who)])
            )?;
        } else {
            writeln!(out, "{}", S::NotDone.get(lang))?;
        }
    } else {
        let t = st.tallies[ix];
        writeln!(out, "{}: {}/{}", S::Progress.get(lang), t.done, t.total)?;
    }
    if !n.targets.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}:", S::Targets.get(lang))?;
        for t in &n.targets {
            writeln!(out, "  • {}: {}", safe(&t.metric), safe(&t.text))?;
        }
    }
    if !n.children.is_empty() {
        writeln!(out)?;
        for &c in &n.children {
            let cn = plan.node(c);
            let mark = if cn.is_task() {
                if st.items[c].done { "[x]" } else { "[ ]" }
            } else {
                "   "
            };
            writeln!(out, "  {mark} {:<18} {}", cn.id, safe(&cn.title))?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{} ({}):", S::Notes.get(lang), notes.len())?;
    for note in notes {
        write_note(note, lang, out)?;
    }
    Ok(())
}

pub fn write_note(
    note: &crate::store::Note,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut doc = String::new();
    if let Some(r) = &note.doc_ref {
        doc = format!(" — {}: {}", S::Document.get(lang), one_line(r));
        if let Some(d) = note.doc_date {
            doc.push_str(&format!(" ({})", i18n::date(d)));
        }
    }
    writeln!(
        out,
        "  #{} {} {}{doc}",
        note.id,
        i18n::timestamp(&note.created_at),
        one_line(&note.author)
    )?;
    for line in note.text.lines() {
        writeln!(out, "     {line}")?;
    }
    Ok(())
}
