//! Full-screen lists: the overdue view (by deadline, with countdown and lead agency) and the
//! agency view (roles, done/total, overdue).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use crate::i18n::{self, Lang, S};
use crate::plan::query::AgencyRow;
use crate::plan::{Countdown, NodeIx};
use crate::text::{fit, sanitize, width};
use crate::tui::state::NEAR_DAYS;
use crate::tui::state::{ListState, State};

fn row_rect(area: Rect, i: usize) -> Rect {
    Rect::new(area.x, area.y + i as u16, area.width, 1)
}

pub fn overdue(
    f: &mut Frame<'_>,
    s: &State,
    t: Theme,
    area: Rect,
    rows: &[NodeIx],
    list: &ListState,
) {
    let lang = s.lang;
    let w = usize::from(area.width);
    // Narrow, the title gives up its window of days rather than have the count cut.
    let title = format!(
        "{} — {}",
        S::TuiOverdueTitle.fill(lang, &[&NEAR_DAYS]),
        rows.len()
    );
    let title = if width(&title) <= w {
        title
    } else {
        format!("{} — {}", S::TuiOverdueTitleShort.get(lang), rows.len())
    };
    f.render_widget(
        Paragraph::new(Line::from(Span::styled(title, t.bold()))),
        row_rect(area, 0),
    );
    let show_date = w >= 100;
    let countdowns: Vec<String> = rows
        .iter()
        .map(|&ix| i18n::countdown(lang, s.status.countdown(ix, s.today)))
        .collect();
    let cw = countdowns
        .iter()
        .map(|c| crate::text::width(c))
        .max()
        .unwrap_or(0)
        + 1;
    let idw = rows
        .iter()
        .map(|&ix| s.plan.node(ix).id.len())
        .max()
        .unwrap_or(0);
    let leads: Vec<String> = rows
        .iter()
        .map(|&ix| {
            let lead: Vec<&str> = s
                .plan
                .node(ix)
                .responsible()
                .iter()
                .map(|e| s.plan.agencies.get(e.agency).short_name(lang == Lang::En))
                .collect();
            sanitize(&lead.join("; "), false).into_owned()
        })
        .collect();
    // The lead agencies get a fifth of the width (12 to 30), and on wide screens (120–200
    // columns) as much as their longest needs, up to a quarter, rather than being cut at 30.
    let longest = leads.iter().map(|l| width(l)).max().unwrap_or(0);
    let leadw = if w >= 120 {
        longest.clamp((w / 5).min(30), w / 4)
    } else {
        (w / 5).clamp(12, 30)
    };
    let datew = if show_date { 12 } else { 0 };
    let titlew = w.saturating_sub(cw + idw + leadw + datew + 3);
    let h = usize::from(area.height).saturating_sub(1);
    for (i, &ix) in rows.iter().enumerate().skip(list.offset).take(h) {
        let n = s.plan.node(ix);
        let c = s.status.countdown(ix, s.today);
        let countdown = &countdowns[i];
        let selected = i == list.sel;
        let base = if selected { t.selected() } else { t.plain() };
        let cstyle = match c {
            _ if selected => base,
            Countdown::Late(_) => t.overdue(),
            _ => t.soon(),
        };
        let mut spans = Vec::new();
        if show_date {
            spans.push(Span::styled(
                fit(&i18n::date(s.status.deadlines[ix]), datew),
                base,
            ));
        }
        spans.extend([
            Span::styled(fit(countdown, cw), cstyle),
            Span::styled(format!(" {}", fit(&n.id, idw)), base),
            Span::styled(
                format!(" {}", fit(&sanitize(&n.title, false), titlew)),
                base,
            ),
            Span::styled(
                format!(" {}", fit(&leads[i], leadw)),
                if selected { base } else { t.dim() },
            ),
        ]);
        f.render_widget(
            Paragraph::new(Line::from(spans)),
            row_rect(area, 1 + i - list.offset),
        );
    }
    if rows.is_empty() {
        f.render_widget(
            Paragraph::new(S::NothingOverdue.get(lang)),
            row_rect(area, 1),
        );
    }
}

pub fn agencies(
    f: &mut Frame<'_>,
    s: &State,
    t: Theme,
    area: Rect,
    rows: &[AgencyRow],
    list: &ListState,
) {
    let lang = s.lang;
    let w = usize::from(area.width);
    // (column, label, width): at 80 columns and more as wide as always; narrower, each only
    // as wide as its label; under 60, only done and overdue, so the names keep some room.
    let nums: Vec<(usize, &str, usize)> = [
        (0, S::RoleLead.get(lang), 10),
        (1, S::RoleImplementing.get(lang), 13),
        (2, S::Done.get(lang), 10),
        (3, S::Overdue.get(lang), 9),
    ]
    .into_iter()
    .filter(|&(k, _, _)| w >= 60 || k >= 2)
    .map(|(k, label, cw)| (k, label, if w >= 80 { cw } else { width(label) + 1 }))
    .collect();
    let numw: usize = nums.iter().map(|n| n.2).sum();
    let namew = w.saturating_sub(numw);
    let mut head = fit(S::TuiAgenciesTitle.get(lang), namew);
    for &(_, label, cw) in &nums {
        head.push_str(&format!("{:>width$}", fit(label, cw - 1), width = cw));
    }
    f.render_widget(
        Paragraph::new(Line::from(Span::styled(head, t.bold()))),
        row_rect(area, 0),
    );
    let h = usize::from(area.height).saturating_sub(1);
    for (i, r) in rows.iter().enumerate().skip(list.offset).take(h) {
        let a = s.plan.agencies.get(r.agency);
        let selected = i == list.sel;
        let base = if selected { t.selected() } else { t.plain() };
        let cells = [
            r.lead.to_string(),
            r.implementing.to_string(),
            format!("{}/{}", r.tally.done, r.tally.total),
            r.overdue.to_string(),
        ];
        let mut spans = vec![Span::styled(
            fit(&sanitize(a.display_name(lang == Lang::En), false), namew),
            if a.is_group() && !selected {
                base.patch(t.accent())
            } else {
                base
            },
        )];
        for &(k, _, cw) in &nums {
            let cell = &cells[k];
            let style = if k == 3 && r.overdue > 0 && !selected {
                t.overdue()
            } else {
                base
            };
            spans.push(Span::styled(format!("{cell:>cw$}"), style));
        }
        f.render_widget(
            Paragraph::new(Line::from(spans)),
            row_rect(area, 1 + i - list.offset),
        );
    }
}
