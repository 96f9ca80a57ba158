//! `kehoach status`: where the plan stands, at a glance.

use std::io::Write;

use super::{Ctx, Failure, OrFail};
use crate::i18n::{self, Lang, S};
use crate::plan::query;
use crate::text::{fit, one_line, sanitize};

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
    if let Some(m) = crate::plan::pace::next_milestone(plan, st, ctx.today) {
        pace(ctx, m, out)?;
        writeln!(out).or_fail()?;
    }
    let overdue = query::overdue(plan, st, &Default::default(), ctx.today, None, None).len();
    writeln!(out, "{}", S::StatusOverdueCount.fill(lang, &[&overdue])).or_fail()?;
    let mut db = ctx.store.path().display().to_string();
    if ctx.store.is_read_only() {
        db.push_str(&format!(" ({})", S::ReadOnly.get(lang)));
    }
    writeln!(out, "{}", S::StatusDbPath.fill(lang, &[&db])).or_fail()?;
    Ok(())
}

/// How much is left before the next milestone, per index and in all, and the pace it needs.
fn pace(ctx: &Ctx, m: &crate::plan::Milestone, out: &mut dyn Write) -> Result<(), Failure> {
    use crate::plan::pace::pace;
    let (plan, st, lang) = (&ctx.plan, &ctx.status, ctx.lang);
    let short = if lang == Lang::En {
        &m.short_en
    } else {
        &m.short
    };
    let countdown = i18n::countdown(lang, crate::plan::Countdown::new(m.date, ctx.today));
    writeln!(
        out,
        "{}",
        S::PaceHeading.fill(
            lang,
            &[&sanitize(short, false), &i18n::date(m.date), &countdown]
        )
    )
    .or_fail()?;
    let mut rows: Vec<(String, crate::plan::pace::Pace)> = plan
        .indexes
        .iter()
        .map(|i| (i.name.clone(), pace(plan, st, &[i.section], m, ctx.today)))
        .collect();
    rows.push((
        S::Total.get(lang).to_string(),
        pace(plan, st, &plan.roots, m, ctx.today),
    ));
    for (name, p) in rows.iter().filter(|(_, p)| p.tally.total > 0) {
        let left = S::PaceLeft.fill(lang, &[&p.left(), &p.tally.total]);
        let need = match p.per_week() {
            None => S::PaceDone.get(lang).to_string(),
            Some(n) if p.days < 7 => S::PaceFinal.fill(lang, &[&n]),
            Some(n) => S::PacePerWeek.fill(lang, &[&n]),
        };
        writeln!(out, "  {name:<10} {left:<22} {need}").or_fail()?;
    }
    Ok(())
}

/// 43.85 → "43,85" as Vietnamese documents write it.
fn num(v: f64) -> String {
    let s = format!("{v}");
    s.replace('.', ",")
}
