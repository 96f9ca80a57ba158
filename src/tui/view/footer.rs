//! The footer: the last message (or the input line of search and deadline), then the keys
//! that work in the current mode.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use crate::i18n::S;
use crate::text::{sanitize, truncate, width};
use crate::tui::state::{Mode, State};

pub fn draw(f: &mut Frame<'_>, s: &State, t: Theme, area: Rect) {
    let lang = s.lang;
    let w = usize::from(area.width);
    let (first, cursor) = match &s.mode {
        Mode::Search(search) => {
            let prompt = format!("{}: ", S::TuiSearch.get(lang));
            let count = if search.query.is_empty() {
                String::new()
            } else if search.hits.is_empty() {
                format!("  {}", S::TuiNoMatch.get(lang))
            } else {
                format!(
                    "  {} · {}",
                    S::TuiMatches.fill(lang, &[&(search.at + 1), &search.hits.len()]),
                    S::TuiMatchesWhole.fill(lang, &[&search.whole])
                )
            };
            let query = sanitize(&search.query, false).into_owned();
            let x = width(&prompt) + width(&query);
            (
                Line::from(vec![
                    Span::styled(prompt, t.accent()),
                    Span::raw(query),
                    Span::styled(
                        count,
                        if search.hits.is_empty() {
                            t.overdue()
                        } else {
                            t.dim()
                        },
                    ),
                ]),
                Some(x),
            )
        }
        Mode::Deadline(d) => {
            let prompt = S::TuiDeadlinePrompt.get(lang).to_string();
            let input = sanitize(&d.input, false).into_owned();
            let x = width(&prompt) + width(&input);
            (
                Line::from(vec![Span::styled(prompt, t.accent()), Span::raw(input)]),
                Some(x),
            )
        }
        Mode::Since {
            prompt: Some(p), ..
        } => super::since::prompt_line(t, lang, p),
        // A list's filter, while typed or kept, with how many rows it lets through.
        m if m.list().is_some_and(|l| l.typing || !l.query.is_empty()) => {
            let l = m.list().expect("a list");
            let prompt = format!("{}: ", S::TuiFilter.get(lang));
            let query = sanitize(&l.query, false).into_owned();
            let x = width(&prompt) + width(&query);
            let count = S::TuiListRows.fill(lang, &[&m.row_keys().len()]);
            (
                Line::from(vec![
                    Span::styled(prompt, t.accent()),
                    Span::raw(query),
                    Span::styled(format!("  · {count}"), t.dim()),
                ]),
                l.typing.then_some(x),
            )
        }
        Mode::ConfirmDelete { id, .. } => (
            Line::from(Span::styled(
                S::TuiConfirmDelete.fill(lang, &[id]),
                t.error(),
            )),
            None,
        ),
        _ => (status_line(s, t), None),
    };
    let keys = match &s.mode {
        m if m.list().is_some_and(|l| l.typing) => S::KeysListFilter,
        Mode::Tree if w >= 100 => S::KeysTreeWide,
        Mode::Tree => S::KeysTree,
        Mode::Notes { .. } => S::KeysNotes,
        Mode::ConfirmDelete { .. } => S::KeysConfirm,
        Mode::Overdue { .. } => S::KeysOverdue,
        Mode::Agencies { .. } => S::KeysAgencies,
        Mode::Search(_) => S::KeysSearch,
        Mode::Editor(_) => S::KeysEditor,
        Mode::Deadline(_) => S::KeysDeadline,
        Mode::Help { .. } => S::KeysHelp,
        Mode::Parts { .. } | Mode::Checklist { .. } => S::KeysParts,
        Mode::Matrix(_) => S::KeysMatrix,
        Mode::Since { .. } | Mode::Plans { .. } => S::KeysAgencies,
    }
    .get(lang);
    let meeting = super::since::keys(s, keys, w);
    let keys = meeting.as_deref().unwrap_or(keys);
    // An input's error takes the place of the key list until the input changes.
    let second = match &s.mode {
        Mode::Deadline(d) if d.error.is_some() => Line::from(Span::styled(
            truncate(d.error.as_deref().unwrap_or(""), w).into_owned(),
            t.error(),
        )),
        Mode::Since {
            prompt: Some(p), ..
        } if p.error.is_some() => Line::from(Span::styled(
            truncate(p.error.as_deref().unwrap_or(""), w).into_owned(),
            t.error(),
        )),
        _ => Line::from(Span::styled(
            truncate(&squeeze(keys, w), w).into_owned(),
            t.dim(),
        )),
    };
    f.render_widget(Paragraph::new(vec![first, second]), area);
    if let Some(x) = cursor
        && x < w
    {
        f.set_cursor_position(Position::new(area.x + x as u16, area.y));
    }
}

/// The keys with narrower gaps when the width is short of them: the last keys (? help,
/// q quit) stay on screen rather than being cut.
fn squeeze(keys: &str, w: usize) -> std::borrow::Cow<'_, str> {
    if width(keys) <= w {
        return keys.into();
    }
    // As few as needed, from the left: " · " becomes two spaces, then two spaces one.
    let mut out = keys.to_string();
    for (wide, narrow) in [(" · ", "  "), ("  ", " ")] {
        while width(&out) > w && out.contains(wide) {
            out = out.replacen(wide, narrow, 1);
        }
    }
    out.into()
}

/// The message of the last action, or where the selection is and how the plan stands.
fn status_line(s: &State, t: Theme) -> Line<'static> {
    if let Some(flash) = &s.flash {
        let style = if flash.error { t.error() } else { t.ok() };
        return Line::from(Span::styled(
            sanitize(&flash.text, false).into_owned(),
            style,
        ));
    }
    let total = s.status.total(&s.plan);
    let overdue = s.overdue_count();
    Line::from(vec![
        Span::styled(s.plan.node(s.selected).id.clone(), t.accent()),
        Span::styled(
            format!(
                " · {}",
                S::TuiStatusLine.fill(
                    s.lang,
                    &[&format!("{}/{}", total.done, total.total), &overdue]
                )
            ),
            t.dim(),
        ),
    ])
}
