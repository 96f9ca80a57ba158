//! `view(state)`: draws the state, reads it only. One file per region.

mod accountability;
pub mod ascii;
pub mod detail;
pub mod editor;
mod footer;
mod header;
// Its home is `tui::layout` (the state uses it too); still reachable as `view::layout`.
pub use super::layout;
mod lists;
mod plans;
mod since;
pub mod theme;
mod tree;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::state::{Mode, State};
use crate::i18n::S;
use theme::Theme;

pub fn view(f: &mut Frame<'_>, s: &State) {
    let size = f.area();
    let a = layout::areas((size.width, size.height));
    let t = Theme { color: s.color };
    if a.too_small {
        let msg = S::TuiTooSmall.fill(s.lang, &[&size.width, &size.height]);
        f.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), size);
        if s.ascii {
            ascii::apply(f.buffer_mut());
        }
        return;
    }
    header::draw(f, s, t, a.header);
    match &s.mode {
        Mode::Overdue { rows, list } => lists::overdue(f, s, t, a.body, rows, list),
        Mode::Agencies { rows, list } => lists::agencies(f, s, t, a.body, rows, list),
        Mode::Help { scroll } => help(f, s, t, a.body, *scroll),
        Mode::Checklist { item, rows, list } => {
            accountability::checklist(f, s, t, a.body, *item, rows, list)
        }
        Mode::Matrix(m) => accountability::matrix(f, s, t, a.body, m),
        Mode::Since { rows, list, .. } => since::draw(f, s, t, a.body, rows, list),
        Mode::Plans { rows, list } => plans::draw(f, s, t, a.body, rows, list),
        Mode::Parts { agencies, list } => {
            if a.wide {
                tree::draw(f, s, t, a.tree);
                divider(f, t, a.divider, a.wide);
                accountability::parts(f, s, t, a.detail, agencies, list);
            } else {
                accountability::parts(f, s, t, a.body, agencies, list);
            }
        }
        _ => {
            if s.zoom && !a.wide {
                detail::draw(f, s, t, a.body);
            } else {
                tree::draw(f, s, t, a.tree);
                divider(f, t, a.divider, a.wide);
                detail::draw(f, s, t, a.detail);
            }
        }
    }
    if let Mode::Editor(e) = &s.mode {
        editor::draw(f, s, t, a.body, e);
    }
    footer::draw(f, s, t, a.footer);
    if s.ascii {
        ascii::apply(f.buffer_mut());
    }
}

fn divider(f: &mut Frame<'_>, t: Theme, area: Rect, wide: bool) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    if wide {
        let lines: Vec<Line<'_>> = (0..area.height)
            .map(|_| Line::from(Span::styled("│", t.dim())))
            .collect();
        f.render_widget(Paragraph::new(lines), area);
    } else {
        // A plain rule: the selected item's id is on the detail's first line just below it
        // and in the footer, and a rule that never changes costs nothing to redraw on a move.
        f.render_widget(
            Paragraph::new(Line::from(Span::styled(
                "─".repeat(usize::from(area.width)),
                t.dim(),
            ))),
            area,
        );
    }
}

/// How far the help scrolls: its last line at the bottom of the body, no further.
pub fn help_max_scroll(s: &State) -> u16 {
    let rows = 1 + S::HelpBody.get(s.lang).lines().count();
    let body = layout::areas(s.size).body.height;
    u16::try_from(rows.saturating_sub(usize::from(body))).unwrap_or(u16::MAX)
}

fn help(f: &mut Frame<'_>, s: &State, t: Theme, area: Rect, scroll: u16) {
    // Never past the last line, even when the terminal grew since the scroll was set.
    let scroll = scroll.min(help_max_scroll(s));
    let mut lines = vec![Line::from(Span::styled(
        S::TuiHelpTitle.get(s.lang),
        t.bold(),
    ))];
    lines.extend(
        S::HelpBody
            .get(s.lang)
            .lines()
            .map(|l| Line::from(l.to_string())),
    );
    f.render_widget(Paragraph::new(lines).scroll((scroll, 0)), area);
}
