//! `kehoach status`: where the plan stands, at a glance.

use std::io::Write;

use super::{Ctx, Failure, OrFail};
use crate::i18n::{self, S};
use crate::plan::query;
use crate::text::{fit, one_line};

pub fn run(ctx: &Ctx, out: &mut dyn Write) -> Result<(), Failure> {
    let (plan, st, lang) = (&ctx.plan, &ctx.status, ctx.lang);
    let en = lang == i18n::Lang::En;
    writeln!(out, "{}", one_line(plan.title())).or_fail()?;
    writeln!(
        out,
        "{}",
        S::StatusAsOf.fill(lang, &[&i18n::date(ctx.today)])
    )
    .or_fail()?;
    writeln!(out).or_fail()?;
    writeln!(out, "{}:", S::Deadline.get(lang)).or_fail()?;
    for m in &plan.milestones {
        let title = if en && !m.title_en.is_empty() {
            &m.title_en
        } else {
            &m.title
        };
        let left = i18n::milestone(
            lang,
            crate::plan::due::milestone_met_on(plan, st, m),
            crate::plan::Countdown::new(m.date, ctx.today),
        );
        let t = st.due_on(plan, m.date);
        writeln!(
            out,
            "  {}  {}  {:<18} {}/{}",
            i18n::date(m.date),
            fit(&one_line(title), 44),
            left,
            t.done,
            t.total
        )
        .or_fail()?;
    }
    writeln!(out).or_fail()?;
    writeln!(out, "{}:", S::StatusByIndex.get(lang)).or_fail()?;
    for (info, t) in plan.indexes.iter().zip(query::index_tallies(plan, st)) {
        let base = &info.baseline;
        let value = if base.unit == "%" {
            format!("{}%", num(base.value))
        } else {
            format!("{} {}", num(base.value), base.unit)
        };
        let rank = match (base.rank, base.of) {
            (Some(r), Some(o)) => format!(", {r}/{o}"),
            _ => String::new(),
        };
        writeln!(
            out,
            "  {:<10} {:>3}/{:<3} {:>3}%  {}; {}",
            info.name,
            t.done,
            t.total,
            (t.ratio() * 100.0).round(),
            S::Baseline.fill(lang, &[&base.year, &format!("{value}{rank}")]),
            S::GoalTop.fill(lang, &[&info.goal_year, &info.goal_top]),
        )
        .or_fail()?;
    }
    writeln!(out).or_fail()?;
    writeln!(out, "{}:", S::StatusByPart.get(lang)).or_fail()?;
    for &r in &plan.roots {
        let n = plan.node(r);
        let t = st.tallies[r];
        let count = if t.total == 0 {
            "—".to_string()
        } else {
            format!("{}/{}", t.done, t.total)
        };
        writeln!(
            out,
            "  {:<5} {}  {count}",
            n.label,
            fit(&one_line(&n.title), 36)
        )
        .or_fail()?;
    }
    let total = st.total(plan);
    writeln!(
        out,
        "  {:<5} {}  {}/{}",
        "",
        fit(S::Total.get(lang), 36),
        total.done,
        total.total
    )
    .or_fail()?;
    writeln!(out).or_fail()?;
    let overdue = query::overdue(plan, st, &Default::default(), ctx.today, None, None).len();
    writeln!(out, "{}", S::StatusOverdueCount.fill(lang, &[&overdue])).or_fail()?;
    let mut db = ctx.store.path().display().to_string();
    if ctx.store.is_read_only() {
        db.push_str(&format!(" ({})", S::ReadOnly.get(lang)));
    }
    writeln!(out, "{}", S::StatusDbPath.fill(lang, &[&db])).or_fail()?;
    Ok(())
}

/// 43.85 → "43,85" as Vietnamese documents write it.
fn num(v: f64) -> String {
    let s = format!("{v}");
    s.replace('.', ",")
}
