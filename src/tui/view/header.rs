//! The header: which plan (title and year) and today; the key deadlines with their countdowns
//! and the pace the next one needs; the share done and the pace per index.
//!
//! ```text
//! Kế hoạch nâng cao PAR INDEX, SIPAS, PAPI tỉnh Lạng Sơn… năm 2023  Hôm nay 20/11/2023
//! Ban hành KH 30/06: quá hạn 143 ngày │ Hoàn thành 30/11: còn 10 ngày, cần 67/tuần
//! PAR INDEX 2% cần 35/tuần  SIPAS 0% cần 5/tuần  PAPI 0% cần 16/tuần
//! ```
//! Each line is drawn in the richest form that fits the width, from long forms with dates,
//! bars and "cần 35 nhiệm vụ/tuần" at 120–200 columns down to "30/06 quá 143 ngày │ 30/11
//! còn 10 ngày" at 40: both countdowns always show. The pace is `plan::pace`'s, the numbers
//! `kehoach status` prints.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use crate::i18n::{self, Lang, M, S};
use crate::plan::pace::{self, Pace};
use crate::plan::{Countdown, Milestone, Tally, due, query};
use crate::text::{sanitize, truncate, width};
use crate::tui::state::State;

pub fn draw(f: &mut Frame<'_>, s: &State, t: Theme, area: Rect) {
    let w = usize::from(area.width);
    let next = pace::next_milestone(&s.plan, &s.status, s.today);
    let line2 = fitting(
        w,
        MILESTONE_FORMS
            .iter()
            .map(|&form| milestones(s, t, next, form)),
    );
    let line3 = fitting(
        w,
        PROGRESS_FORMS
            .iter()
            .map(|&form| progress(s, t, next, form)),
    );
    f.render_widget(
        Paragraph::new(vec![title_line(s, t, w), line2, line3]),
        area,
    );
}

/// The first of `forms` that fits in `w` columns, else the last one.
fn fitting(w: usize, forms: impl Iterator<Item = Line<'static>>) -> Line<'static> {
    let mut last = Line::default();
    for l in forms {
        if l.width() <= w {
            return l;
        }
        last = l;
    }
    last
}

/// The plan's title with its year always in sight, and today.
fn title_line(s: &State, t: Theme, w: usize) -> Line<'static> {
    let lang = s.lang;
    let day = i18n::date(s.today);
    let mut right = if w >= 60 {
        format!("{} {day}", S::Today.get(lang))
    } else {
        day
    };
    if s.read_only {
        right = format!("[{}] {right}", S::ReadOnly.get(lang).to_uppercase());
    }
    let year = s.plan.file.year.to_string();
    let title = sanitize(s.plan.title(), false);
    let title = if title.contains(&year) {
        title.into_owned()
    } else {
        format!("{title} ({year})")
    };
    let title = keep_tail(&title, w.saturating_sub(width(&right) + 1));
    let gap = w.saturating_sub(width(&title) + width(&right));
    Line::from(vec![
        Span::styled(title, t.bold()),
        Span::raw(" ".repeat(gap)),
        Span::styled(right, if s.read_only { t.error() } else { t.dim() }),
    ])
}

/// `title` in `max` columns, cut in the middle so its last two words (" năm 2023") stay.
pub fn keep_tail(title: &str, max: usize) -> String {
    if width(title) <= max {
        return title.to_string();
    }
    let words: Vec<&str> = title.split_whitespace().collect();
    if words.len() < 3 {
        return truncate(title, max).into_owned();
    }
    let tail = format!(" {}", words[words.len() - 2..].join(" "));
    let head = words[..words.len() - 2].join(" ");
    if width(&tail) + 4 > max {
        return truncate(title, max).into_owned();
    }
    let head = truncate(&head, max - width(&tail)).replace(" …", "…");
    format!("{head}{tail}")
}

/// How a deadline is written: with its label, its date (none, dd/mm, dd/mm/yyyy), the
/// countdown in short words, and the pace after the next one (none, short, long).
#[derive(Clone, Copy)]
struct MilestoneForm {
    label: bool,
    date: u8,
    short: bool,
    pace: u8,
}

const fn mf(label: bool, date: u8, short: bool, pace: u8) -> MilestoneForm {
    MilestoneForm {
        label,
        date,
        short,
        pace,
    }
}

/// Richest first. The pace and both dates matter more than the labels: at 60 columns
/// "30/06 quá 143 ngày │ 30/11 còn 10 ngày, cần 67/tuần" wins over the labels alone.
const MILESTONE_FORMS: [MilestoneForm; 9] = [
    mf(true, 2, false, 2),
    mf(true, 1, false, 2),
    mf(true, 1, false, 1),
    mf(true, 0, false, 1),
    mf(false, 1, true, 1),
    mf(true, 1, false, 0),
    mf(true, 0, false, 0),
    mf(false, 1, true, 0),
    mf(false, 0, true, 0),
];

fn milestones(s: &State, t: Theme, next: Option<&Milestone>, form: MilestoneForm) -> Line<'static> {
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
        let date = match form.date {
            0 => String::new(),
            1 => m.date.format("%d/%m").to_string(),
            _ => i18n::date(m.date),
        };
        let head = match (form.label, date.is_empty()) {
            (true, true) => format!("{}: ", sanitize(label, false)),
            (true, false) => format!("{} {date}: ", sanitize(label, false)),
            (false, _) => format!("{date} "),
        };
        spans.push(Span::raw(head));
        let state = if form.short {
            short_state(lang, met, c)
        } else {
            i18n::milestone(lang, met, c)
        };
        spans.push(Span::styled(state, style));
        if form.pace > 0
            && next.is_some_and(|n| n.id == m.id)
            && let Some(rate) = rate(
                lang,
                &pace::pace(&s.plan, &s.status, &s.plan.roots, m, s.today),
                form.pace,
            )
        {
            spans.push(Span::raw(format!(", {rate}")));
        }
    }
    Line::from(spans)
}

/// A countdown in few words: "quá 143 ngày", "còn 10 ngày", "xong 28/06".
fn short_state(lang: Lang, met: Option<Option<chrono::NaiveDate>>, c: Countdown) -> String {
    match (met, c) {
        (Some(Some(day)), _) => M::MetShort.fill(lang, &[&day.format("%d/%m")]),
        (Some(None), _) => S::MilestoneMetUndated.get(lang).to_string(),
        (None, Countdown::Late(d)) => M::LateShort.fill(lang, &[&d]),
        (None, Countdown::Left(d)) => M::LeftShort.fill(lang, &[&d]),
        (None, Countdown::Today) => M::TodayShort.get(lang).to_string(),
    }
}

/// The rate a pace needs ("cần 9 nhiệm vụ/tuần"; 1: "cần 9/tuần"), None when nothing is left.
fn rate(lang: Lang, p: &Pace, form: u8) -> Option<String> {
    let n = p.per_week()?;
    Some(match (p.days < 7, form) {
        (true, 1) => M::PaceFinalShort.fill(lang, &[&n]),
        (true, _) => S::PaceFinal.fill(lang, &[&n]),
        (false, 1) => M::PaceWeekShort.fill(lang, &[&n]),
        (false, _) => S::PacePerWeek.fill(lang, &[&n]),
    })
}

/// What each index shows: the whole plan's share first, done/total, the bar, the share in
/// per cent, and the pace towards the next deadline (none, short, long).
#[derive(Clone, Copy)]
struct ProgressForm {
    total: bool,
    count: bool,
    bar: bool,
    pct: bool,
    pace: u8,
}

const fn pf(total: bool, count: bool, bar: bool, pct: bool, pace: u8) -> ProgressForm {
    ProgressForm {
        total,
        count,
        bar,
        pct,
        pace,
    }
}

const PROGRESS_FORMS: [ProgressForm; 11] = [
    pf(true, true, true, true, 2),
    pf(true, true, true, true, 1),
    pf(false, true, true, true, 2),
    pf(false, true, true, true, 1),
    pf(false, true, false, true, 1),
    pf(false, false, false, true, 1),
    pf(false, true, true, true, 0),
    pf(false, true, false, true, 0),
    pf(false, true, true, false, 0),
    pf(false, false, false, true, 0),
    pf(false, false, false, false, 0),
];

fn progress(s: &State, t: Theme, next: Option<&Milestone>, form: ProgressForm) -> Line<'static> {
    let lang = s.lang;
    let mut spans = Vec::new();
    let mut entry = |name: String, tally: Tally, pace: Option<Pace>| {
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(name, t.accent()));
        if form.count {
            spans.push(Span::raw(format!(" {}/{}", tally.done, tally.total)));
        }
        if form.bar || form.pct {
            spans.push(Span::raw(" "));
            spans.push(gauge(tally, t, form.bar, form.pct));
        }
        if let Some(rate) = pace.and_then(|p| rate(lang, &p, form.pace))
            && form.pace > 0
        {
            spans.push(Span::raw(format!(" {rate}")));
        }
    };
    if form.total {
        entry(
            S::Total.get(lang).to_string(),
            s.status.total(&s.plan),
            None,
        );
    }
    for (info, tally) in s
        .plan
        .indexes
        .iter()
        .zip(query::index_tallies(&s.plan, &s.status))
    {
        let pace = next.map(|m| pace::pace(&s.plan, &s.status, &[info.section], m, s.today));
        entry(info.name.clone(), tally, pace);
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

/// A five-cell bar in eighths of a cell (█ done, ▏…▉ part of a cell, ░ to do: readable without
/// colour), then the share done: one task of 50 already moves it.
fn gauge(t: Tally, theme: Theme, bar_shown: bool, pct: bool) -> Span<'static> {
    let share = format!("{}%", (t.ratio() * 100.0).round());
    let text = match (bar_shown, pct) {
        (true, true) => format!("{} {share}", bar(t)),
        (true, false) => bar(t),
        _ => share,
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
