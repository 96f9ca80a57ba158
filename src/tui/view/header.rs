//! The header: plan title and today; key deadlines with countdowns; progress per index and the
//! active filter.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use crate::i18n::{self, Lang, S};
use crate::plan::{Countdown, Tally, due, query};
use crate::text::{sanitize, truncate, width};
use crate::tui::state::State;

pub fn draw(f: &mut Frame<'_>, s: &State, t: Theme, area: Rect) {
    let lang = s.lang;
    let w = usize::from(area.width);

    // Title and date.
    let mut right = format!("{} {}", S::Today.get(lang), i18n::date(s.today));
    if s.read_only {
        right = format!("[{}] {right}", S::ReadOnly.get(lang).to_uppercase());
    }
    let title_w = w.saturating_sub(width(&right) + 1);
    let title = truncate(&sanitize(s.plan.title(), false), title_w).into_owned();
    let gap = w.saturating_sub(width(&title) + width(&right));
    let line1 = Line::from(vec![
        Span::styled(title, t.bold()),
        Span::raw(" ".repeat(gap)),
        Span::styled(right, if s.read_only { t.error() } else { t.dim() }),
    ]);

    // Deadlines: with their dates when they fit, else only the countdowns.
    let line2 = [true, false]
        .into_iter()
        .map(|dated| milestones(s, t, dated))
        .find(|l| l.width() <= w)
        .unwrap_or_else(|| milestones(s, t, false));

    // Progress per index with the share done, then the filter; without the shares when the
    // filter's agency would not fit.
    let line3 = [true, false]
        .into_iter()
        .map(|pct| progress(s, t, pct))
        .find(|l| l.width() <= w)
        .unwrap_or_else(|| progress(s, t, false));
    f.render_widget(Paragraph::new(vec![line1, line2, line3]), area);
}

fn progress(s: &State, t: Theme, pct: bool) -> Line<'static> {
    let lang = s.lang;
    let mut spans = Vec::new();
    for (i, (info, tally)) in s
        .plan
        .indexes
        .iter()
        .zip(query::index_tallies(&s.plan, &s.status))
        .enumerate()
    {
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(info.name.clone(), t.accent()));
        spans.push(Span::raw(format!(" {}/{} ", tally.done, tally.total)));
        spans.push(gauge(tally, t, pct));
    }
    if let Some(filter) = &s.filter {
        let a = s.plan.agencies.get(filter.agency);
        spans.push(Span::styled(" │ ", t.dim()));
        spans.push(Span::styled(
            format!(
                "{}: {}",
                S::TuiFilter.get(lang),
                sanitize(a.short_name(lang == Lang::En), false)
            ),
            t.soon(),
        ));
    }
    Line::from(spans)
}

fn milestones(s: &State, t: Theme, dated: bool) -> Line<'static> {
    let lang = s.lang;
    let mut spans = Vec::new();
    for (i, m) in s.plan.milestones.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" │ ", t.dim()));
        }
        let label = if lang == Lang::En {
            &m.short_en
        } else {
            &m.short
        };
        let c = Countdown::new(m.date, s.today);
        let met = due::milestone_met_on(&s.plan, &s.status, m);
        let style = match c {
            _ if met.is_some() => t.done(),
            Countdown::Late(_) => t.overdue(),
            Countdown::Today => t.soon(),
            Countdown::Left(d) if d <= 14 => t.soon(),
            Countdown::Left(_) => t.plain(),
        };
        let head = if dated {
            format!("{} {}: ", sanitize(label, false), i18n::date(m.date))
        } else {
            format!("{}: ", sanitize(label, false))
        };
        spans.push(Span::raw(head));
        spans.push(Span::styled(i18n::milestone(lang, met, c), style));
    }
    Line::from(spans)
}

/// A five-cell bar in eighths of a cell (█ done, ▏…▉ part of a cell, ░ to do: readable without
/// colour), then the share done: one task of 50 already moves it.
fn gauge(t: Tally, theme: Theme, pct: bool) -> Span<'static> {
    let text = if pct {
        format!("{} {}%", bar(t), (t.ratio() * 100.0).round())
    } else {
        bar(t)
    };
    Span::styled(
        text,
        if t.complete() {
            theme.done()
        } else {
            theme.dim()
        },
    )
}

/// The bar alone: `CELLS` cells, at least an eighth of one as soon as anything is done.
pub fn bar(t: Tally) -> String {
    const CELLS: usize = 5;
    const PARTS: [&str; 8] = ["░", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    let mut eighths = (t.ratio() * (CELLS * 8) as f64).round() as usize;
    if t.done > 0 && eighths == 0 {
        eighths = 1;
    }
    if !t.complete() && eighths == CELLS * 8 {
        eighths -= 1;
    }
    let (full, part) = (eighths / 8, eighths % 8);
    let mut s = "█".repeat(full);
    if full < CELLS {
        s.push_str(PARTS[part]);
        s.push_str(&"░".repeat(CELLS - full - 1));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(done: u32, total: u32) -> Tally {
        Tally { done, total }
    }

    #[test]
    fn the_bar_moves_with_the_first_task_and_fills_only_when_all_are_done() {
        assert_eq!(bar(t(0, 50)), "░░░░░");
        assert_eq!(bar(t(1, 50)), "▏░░░░");
        assert_eq!(bar(t(10, 50)), "█░░░░");
        assert_eq!(bar(t(11, 50)), "█▏░░░");
        assert_eq!(bar(t(25, 50)), "██▌░░");
        assert_eq!(bar(t(49, 50)), "████▉");
        assert_eq!(bar(t(50, 50)), "█████");
        assert_eq!(bar(t(0, 0)), "░░░░░");
    }
}
