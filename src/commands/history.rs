//! `kehoach history`: the audit log, newest first.

use std::io::Write;

use super::table::{Table, terminal_width};
use super::{Ctx, Failure, OrFail};
use crate::i18n::S;

pub fn run(
    ctx: &Ctx,
    limit: usize,
    item: Option<&str>,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let item = item.map(|i| ctx.item(i)).transpose()?;
    let want = item.map(|i| ctx.plan.node(i).id.as_str());
    // Filtering by item happens here; fetch more so the limit counts matching rows.
    let fetch = if want.is_some() {
        usize::MAX >> 1
    } else {
        limit
    };
    let rows = ctx
        .store
        .history(Some(ctx.plan.id()), fetch)
        .map_err(|e| ctx.fail(e))?;
    let rows: Vec<_> = rows
        .into_iter()
        .filter(|r| want.is_none_or(|w| r.item_id.as_deref() == Some(w)))
        .take(limit)
        .collect();
    let lang = ctx.lang;
    if rows.is_empty() {
        return writeln!(out, "{}", S::NoHistory.get(lang)).or_fail();
    }
    let mut t = Table::new(
        &[
            S::When.get(lang),
            S::Who.get(lang),
            S::Id.get(lang),
            S::Change.get(lang),
        ],
        3,
    );
    for r in rows {
        let change = match (&r.before, &r.after) {
            (Some(b), Some(a)) => format!("{}: {b} → {a}", r.action),
            (None, Some(a)) => format!("{}: {a}", r.action),
            (Some(b), None) => format!("{}: {b} → ∅", r.action),
            (None, None) => r.action.clone(),
        };
        t.row(vec![
            crate::i18n::timestamp(&r.at),
            r.who,
            r.item_id.unwrap_or_else(|| r.plan_id.unwrap_or_default()),
            change,
        ]);
    }
    t.render(terminal_width(), out).or_fail()
}
