//! `done`, `reopen`, `note`, `deadline`: each change one transaction, confirmed after commit.

use std::io::{Read, Write};

use super::{Ctx, Failure, OrFail, exit};
use crate::i18n::{self, Localized, S};
use crate::store::{NewNote, NoteWriteError};
use crate::text::parse_date;

pub fn done(ctx: &mut Ctx, ids: &[String], done: bool, out: &mut dyn Write) -> Result<(), Failure> {
    // Check every id before writing any, so a typo writes nothing.
    let mut items = Vec::with_capacity(ids.len());
    for id in ids {
        let ix = ctx.item(id)?;
        let n = ctx.plan.node(ix);
        if !n.is_task() {
            let total = ctx.status.tallies[ix].total;
            return Err(Failure::new(
                exit::BAD_INPUT,
                S::NotATask.fill(ctx.lang, &[&n.id, &total]),
            ));
        }
        items.push(ix);
    }
    let actor = ctx.actor();
    for ix in items {
        let id = ctx.plan.node(ix).id.clone();
        let before = ctx
            .store
            .set_done(ctx.plan.id(), &id, done, &actor)
            .map_err(|e| ctx.fail(e))?;
        let msg = match (before.done, done) {
            (true, true) => S::AlreadyDone.fill(
                ctx.lang,
                &[
                    &id,
                    &before
                        .done_at
                        .as_deref()
                        .map(crate::i18n::timestamp)
                        .unwrap_or_default(),
                    &before.done_by.unwrap_or_default(),
                ],
            ),
            (false, false) => S::AlreadyOpen.fill(ctx.lang, &[&id]),
            (_, true) => S::MarkedDone.fill(ctx.lang, &[&id]),
            (_, false) => S::Reopened.fill(ctx.lang, &[&id]),
        };
        writeln!(out, "{msg}").or_fail()?;
        // Output is buffered (main.rs); each saved change is said as soon as it is committed,
        // so a run killed halfway through a list has acknowledged exactly what it saved.
        out.flush().or_fail()?;
    }
    Ok(())
}

pub fn note(
    ctx: &mut Ctx,
    id: &str,
    text: &str,
    doc: Option<&str>,
    doc_date: Option<&str>,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let ix = ctx.item(id)?;
    let doc_date = match doc_date {
        None => None,
        Some(d) => Some(parse_date(d).ok_or_else(|| {
            Failure::new(exit::BAD_INPUT, S::BadDate.fill(ctx.lang, &[&d]))
                .hint("--doc-date 2023-06-12")
        })?),
    };
    let text = if text == "-" {
        let cap = crate::store::MAX_NOTE_BYTES as u64 * 4 + 1;
        let mut buf = Vec::new();
        let mut stdin = std::io::stdin().lock();
        let read =
            |r: std::io::Result<u64>| r.map_err(|e| Failure::new(exit::FAILED, e.to_string()));
        read(
            (&mut stdin)
                .take(cap)
                .read_to_end(&mut buf)
                .map(|n| n as u64),
        )?;
        if buf.len() as u64 == cap {
            // Far too long: say how long it really is, without keeping it all in memory.
            let rest = read(std::io::copy(&mut stdin, &mut std::io::sink()))?;
            let size = (cap + rest) as usize;
            return Err(Failure::new(
                exit::BAD_INPUT,
                crate::store::NoteError::TooLong(size).say(ctx.lang),
            ));
        }
        String::from_utf8_lossy(&buf).into_owned()
    } else {
        text.to_string()
    };
    let note = NewNote {
        text,
        doc_ref: doc.map(str::to_string),
        doc_date,
    };
    let item = ctx.plan.node(ix).id.clone();
    let actor = ctx.actor();
    let id = ctx
        .store
        .add_note(ctx.plan.id(), &item, &note, &actor)
        .map_err(|e| match e {
            NoteWriteError::Note(n) => Failure::new(exit::BAD_INPUT, n.say(ctx.lang)),
            NoteWriteError::Store(s) => ctx.fail(s),
        })?;
    writeln!(out, "{}", S::NoteAdded.fill(ctx.lang, &[&id, &item])).or_fail()
}

pub fn deadline(ctx: &mut Ctx, id: &str, date: &str, out: &mut dyn Write) -> Result<(), Failure> {
    let ix = ctx.item(id)?;
    let clear = matches!(
        date.trim().to_lowercase().as_str(),
        "clear" | "none" | "-" | "xoa" | "xóa"
    );
    let new = if clear {
        None
    } else {
        Some(parse_date(date).ok_or_else(|| {
            Failure::new(exit::BAD_INPUT, S::BadDate.fill(ctx.lang, &[&date]))
                .hint("kehoach deadline ID 2023-12-15   |   kehoach deadline ID clear")
        })?)
    };
    let item = ctx.plan.node(ix).id.clone();
    let was = ctx.status.deadlines[ix];
    let actor = ctx.actor();
    ctx.store
        .set_deadline(ctx.plan.id(), &item, new, &actor)
        .map_err(|e| ctx.fail(e))?;
    ctx.refresh()?;
    let now = ctx.status.deadlines[ix];
    let msg = match new {
        Some(_) => S::DeadlineSet.fill(ctx.lang, &[&item, &i18n::date(now), &i18n::date(was)]),
        None => S::DeadlineCleared.fill(ctx.lang, &[&item, &i18n::date(now)]),
    };
    writeln!(out, "{msg}").or_fail()
}
