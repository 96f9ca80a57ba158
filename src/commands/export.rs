//! `kehoach export --format json|csv|md`: the plan with its status and evidence.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::overdue::names;
use super::table::{csv_row, md_cell};
use super::{Ctx, Failure, OrFail, exit};
use crate::cli::ExportFormat;
use crate::i18n::{self, Lang, S};
use crate::plan::{NodeIx, Role, query};
use crate::store::Note;

#[derive(Serialize)]
struct JsonPlan<'a> {
    id: &'a str,
    title: &'a str,
    full_title: &'a str,
    issuer: &'a str,
    year: i32,
    today: String,
    default_deadline: String,
    milestones: Vec<JsonMilestone<'a>>,
    nodes: Vec<JsonNode<'a>>,
}

#[derive(Serialize)]
struct JsonMilestone<'a> {
    id: &'a str,
    date: String,
    title: &'a str,
    item: &'a str,
}

#[derive(Serialize)]
struct JsonNode<'a> {
    id: &'a str,
    label: &'a str,
    kind: crate::plan::NodeKind,
    title: &'a str,
    text: &'a str,
    lead: Vec<&'a str>,
    implementers: Vec<&'a str>,
    coordinators: Vec<&'a str>,
    deadline: String,
    done: bool,
    done_at: Option<&'a str>,
    done_by: Option<&'a str>,
    notes: Vec<JsonNote<'a>>,
    children: Vec<JsonNode<'a>>,
}

#[derive(Serialize)]
struct JsonNote<'a> {
    at: &'a str,
    author: &'a str,
    text: &'a str,
    doc: Option<&'a str>,
    doc_date: Option<String>,
}

pub fn run(
    ctx: &Ctx,
    format: ExportFormat,
    file: Option<&Path>,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let notes = ctx
        .store
        .all_notes(ctx.plan.id())
        .map_err(|e| ctx.fail(e))?;
    let mut buf = Vec::new();
    match format {
        ExportFormat::Json => json(ctx, &notes, &mut buf)?,
        ExportFormat::Csv => csv(ctx, &notes, &mut buf).or_fail()?,
        ExportFormat::Md => {
            let ledger = super::accountability::ledger(ctx)?;
            md(ctx, &notes, &ledger, &mut buf).or_fail()?
        }
        ExportFormat::Xlsx | ExportFormat::Docx => unreachable!("written by commands::office"),
    }
    match file {
        None => out.write_all(&buf).or_fail(),
        Some(path) => {
            save_file(ctx.lang, path, &buf)?;
            writeln!(
                out,
                "{}",
                S::ExportWritten.fill(ctx.lang, &[&path.display()])
            )
            .or_fail()
        }
    }
}

/// [`write_atomically`], a failure said with the file's name in the user's language.
pub fn save_file(lang: crate::i18n::Lang, path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    write_atomically(path, bytes).map_err(|e| {
        Failure::new(
            exit::FAILED,
            format!("{}: {}", path.display(), crate::i18n::io_error(lang, &e)),
        )
    })
}

/// Write to a temporary file beside `path`, flush it to disk, then rename over `path`: readers
/// see the old file or the new one, never half of one.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn agency_names(ctx: &Ctx, ix: NodeIx, role: Role) -> Vec<&str> {
    ctx.plan
        .node(ix)
        .roles
        .get(role)
        .iter()
        .map(|e| ctx.plan.agencies.get(e.agency).name.as_str())
        .collect()
}

fn json(ctx: &Ctx, notes: &HashMap<String, Vec<Note>>, out: &mut Vec<u8>) -> Result<(), Failure> {
    fn node<'a>(ctx: &'a Ctx, notes: &'a HashMap<String, Vec<Note>>, ix: NodeIx) -> JsonNode<'a> {
        let n = ctx.plan.node(ix);
        let s = &ctx.status.items[ix];
        JsonNode {
            id: &n.id,
            label: &n.label,
            kind: n.kind,
            title: &n.title,
            text: &n.text,
            lead: agency_names(ctx, ix, Role::Lead),
            implementers: agency_names(ctx, ix, Role::Implementing),
            coordinators: agency_names(ctx, ix, Role::Coordinating),
            deadline: ctx.status.deadlines[ix].to_string(),
            done: s.done,
            done_at: s.done_at.as_deref(),
            done_by: s.done_by.as_deref(),
            notes: notes
                .get(&n.id)
                .map(|v| {
                    v.iter()
                        .map(|x| JsonNote {
                            at: &x.created_at,
                            author: &x.author,
                            text: &x.text,
                            doc: x.doc_ref.as_deref(),
                            doc_date: x.doc_date.map(|d| d.format("%Y-%m-%d").to_string()),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            children: n.children.iter().map(|&c| node(ctx, notes, c)).collect(),
        }
    }
    let p = &ctx.plan;
    let doc = JsonPlan {
        id: p.id(),
        title: p.title(),
        full_title: &p.file.full_title,
        issuer: &p.file.issuer,
        year: p.file.year,
        today: ctx.today.format("%Y-%m-%d").to_string(),
        default_deadline: p.default_deadline.format("%Y-%m-%d").to_string(),
        milestones: p
            .milestones
            .iter()
            .map(|m| JsonMilestone {
                id: &m.id,
                date: m.date.format("%Y-%m-%d").to_string(),
                title: &m.title,
                item: &p.node(m.item).id,
            })
            .collect(),
        nodes: p.roots.iter().map(|&r| node(ctx, notes, r)).collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)
        .map_err(|e| Failure::new(exit::FAILED, e.to_string()))?;
    out.push(b'\n');
    Ok(())
}

fn csv(ctx: &Ctx, notes: &HashMap<String, Vec<Note>>, out: &mut Vec<u8>) -> std::io::Result<()> {
    out.write_all("\u{FEFF}".as_bytes())?;
    out.write_all(
        csv_row(&[
            "id",
            "label",
            "kind",
            "title",
            "text",
            "lead",
            "implementers",
            "coordinators",
            "deadline",
            "is_task",
            "done",
            "done_at",
            "done_by",
            "notes",
        ])
        .as_bytes(),
    )?;
    for ix in 0..ctx.plan.len() {
        let n = ctx.plan.node(ix);
        let s = &ctx.status.items[ix];
        let kind = serde_json::to_value(n.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let note_text = notes
            .get(&n.id)
            .map(|v| {
                v.iter()
                    .map(|x| match &x.doc_ref {
                        Some(d) => format!("[{}] {} ({d})", x.author, x.text),
                        None => format!("[{}] {}", x.author, x.text),
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default();
        out.write_all(
            csv_row(&[
                &n.id,
                &n.label,
                &kind,
                &n.title,
                &n.text,
                &agency_names(ctx, ix, Role::Lead).join("; "),
                &agency_names(ctx, ix, Role::Implementing).join("; "),
                &agency_names(ctx, ix, Role::Coordinating).join("; "),
                &ctx.status.deadlines[ix].format("%Y-%m-%d").to_string(),
                if n.is_task() { "1" } else { "0" },
                if s.done { "1" } else { "0" },
                s.done_at.as_deref().unwrap_or(""),
                s.done_by.as_deref().unwrap_or(""),
                &note_text,
            ])
            .as_bytes(),
        )?;
    }
    Ok(())
}

fn md(
    ctx: &Ctx,
    notes: &HashMap<String, Vec<Note>>,
    ledger: &crate::plan::accountability::Ledger,
    out: &mut Vec<u8>,
) -> std::io::Result<()> {
    let (plan, st, lang) = (&ctx.plan, &ctx.status, ctx.lang);
    let pct = |t: crate::plan::Tally| format!("{:.0}%", t.ratio() * 100.0);
    writeln!(out, "# {} — {}", S::ReportTitle.get(lang), plan.title())?;
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        S::StatusAsOf.fill(lang, &[&i18n::date(ctx.today)])
    )?;
    writeln!(out)?;
    writeln!(out, "## {}", S::ReportByIndex.get(lang))?;
    writeln!(out)?;
    writeln!(
        out,
        "| {} | {} | {} | {} |",
        S::Index.get(lang),
        S::Done.get(lang),
        S::Total.get(lang),
        S::Ratio.get(lang)
    )?;
    writeln!(out, "|---|---:|---:|---:|")?;
    for (info, t) in plan.indexes.iter().zip(query::index_tallies(plan, st)) {
        writeln!(
            out,
            "| {} | {} | {} | {} |",
            info.name,
            t.done,
            t.total,
            pct(t)
        )?;
    }
    let total = st.total(plan);
    writeln!(
        out,
        "| **{}** | {} | {} | {} |",
        S::Total.get(lang),
        total.done,
        total.total,
        pct(total)
    )?;
    writeln!(out)?;
    writeln!(out, "## {}", S::ReportByAgency.get(lang))?;
    writeln!(out)?;
    writeln!(
        out,
        "| {} | {} | {} | {} | {} |",
        S::Agency.get(lang),
        S::RoleLead.get(lang),
        S::RoleImplementing.get(lang),
        S::Done.get(lang),
        S::Overdue.get(lang)
    )?;
    writeln!(out, "|---|---:|---:|---:|---:|")?;
    for r in query::agency_rows(plan, st, ledger, ctx.today) {
        let a = plan.agencies.get(r.agency);
        writeln!(
            out,
            "| {} | {} | {} | {}/{} | {} |",
            md_cell(a.display_name(lang == Lang::En)),
            r.lead,
            r.implementing,
            r.tally.done,
            r.tally.total,
            r.overdue
        )?;
    }
    writeln!(out)?;
    writeln!(out, "## {}", S::ReportDone.get(lang))?;
    writeln!(out)?;
    for ix in plan.tasks().filter(|&i| st.items[i].done) {
        let n = plan.node(ix);
        writeln!(out, "### {} — {}", n.id, md_cell(&n.title))?;
        writeln!(out)?;
        let s = &st.items[ix];
        writeln!(
            out,
            "- {}: {} ({})",
            S::ReportCompleted.get(lang),
            s.done_at
                .as_deref()
                .map(crate::i18n::timestamp)
                .unwrap_or_default(),
            s.done_by.as_deref().unwrap_or("")
        )?;
        match notes.get(&n.id) {
            Some(v) if !v.is_empty() => {
                for x in v {
                    let mut doc = String::new();
                    if let Some(d) = &x.doc_ref {
                        doc = format!(" — {}: {}", S::Document.get(lang), md_cell(d));
                        if let Some(dd) = x.doc_date {
                            doc.push_str(&format!(" ({})", i18n::date(dd)));
                        }
                    }
                    writeln!(out, "- {}{doc}", md_cell(&x.text))?;
                }
            }
            _ => writeln!(out, "- _{}_", S::ReportNoEvidence.get(lang))?,
        }
        writeln!(out)?;
    }
    writeln!(out, "## {}", S::ReportOverdue.get(lang))?;
    writeln!(out)?;
    let overdue = query::overdue(plan, st, ledger, ctx.today, None, None);
    if overdue.is_empty() {
        writeln!(out, "{}", S::NothingOverdue.get(lang))?;
    } else {
        writeln!(
            out,
            "| {} | {} | {} | {} |",
            S::Id.get(lang),
            S::Title.get(lang),
            S::RoleLead.get(lang),
            S::Deadline.get(lang)
        )?;
        writeln!(out, "|---|---|---|---|")?;
        for ix in overdue {
            let n = plan.node(ix);
            writeln!(
                out,
                "| {} | {} | {} | {} ({}) |",
                n.id,
                md_cell(&n.title),
                md_cell(&names(plan, n.responsible(), lang).join("; ")),
                i18n::date(st.deadlines[ix]),
                i18n::countdown(lang, st.countdown(ix, ctx.today))
            )?;
        }
    }
    Ok(())
}
