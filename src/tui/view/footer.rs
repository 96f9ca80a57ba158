//! The footer: the last message (or the input line of search and deadline), then the keys
//! that work in the current mode.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use crate::i18n::{Lang, S};
use crate::text::{sanitize, truncate, width};
use crate::tui::state::{Mode, State};

pub fn draw(f: &mut Frame<'_>, s: &State, t: Theme, area: Rect) {
    let lang = s.lang;
    let w = usize::from(area.width);
    let (first, cursor) = match &s.mode {
        Mode::Search(search) => {
            let prompt = format!("{}: ", S::TuiSearch.get(lang));
            let query = sanitize(&search.query, false).into_owned();
            let x = width(&prompt) + width(&query);
            let count = if search.query.is_empty() {
                String::new()
            } else if search.hits.is_empty() {
                format!("  {}", S::TuiNoMatch.get(lang))
            } else {
                let matches = S::TuiMatches.fill(lang, &[&(search.at + 1), &search.hits.len()]);
                let whole = S::TuiMatchesWhole.fill(lang, &[&search.whole]);
                // Narrow: the whole-word count goes before the match count is cut.
                let full = format!("  {matches} · {whole}");
                if x + width(&full) <= w {
                    full
                } else {
                    format!("  {matches}")
                }
            };
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
        _ => (status_line(s, t, w), None),
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
        _ => Line::from(Span::styled(fit_keys(keys, w), t.dim())),
    };
    f.render_widget(Paragraph::new(vec![first, second]), area);
    if let Some(x) = cursor
        && x < w
    {
        f.set_cursor_position(Position::new(area.x + x as u16, area.y));
    }
}

/// The keys fitted to `w` columns. First the gaps narrow, as few as needed from the left
/// (" · " to two spaces, then two spaces to one); when that is not enough, the hints nearest
/// the end go, except ? (help), q (quit) and Esc: on a 60-column terminal the way to help and
/// out stays on screen.
fn fit_keys(keys: &str, w: usize) -> String {
    let sep = if keys.contains(" · ") { " · " } else { "  " };
    let mut hints: Vec<&str> = keys.split(sep).collect();
    loop {
        let line = squeeze(&hints.join(sep), w).into_owned();
        if width(&line) <= w {
            return line;
        }
        match hints.iter().rposition(|h| !kept(h)) {
            Some(i) => {
                hints.remove(i);
            }
            None => return truncate(&line, w).into_owned(),
        }
    }
}

/// The keys with narrower gaps when the width is short of them, as few as needed, from the
/// left: " · " becomes two spaces, then two spaces one.
fn squeeze(keys: &str, w: usize) -> std::borrow::Cow<'_, str> {
    if width(keys) <= w {
        return keys.into();
    }
    let mut out = keys.to_string();
    for (wide, narrow) in [(" · ", "  "), ("  ", " ")] {
        while width(&out) > w && out.contains(wide) {
            out = out.replacen(wide, narrow, 1);
        }
    }
    out.into()
}

/// A hint that stays however narrow the footer: help, quit, going back.
fn kept(hint: &str) -> bool {
    matches!(hint.split(' ').next(), Some("?" | "q" | "Esc"))
}

/// The message of the last action, or where the selection is (unless the detail shows it) and
/// how the plan stands. With the tree limited to an agency, its name comes right after the
/// id: the header has no room for it on narrow screens. The counts take a shorter form, then
/// go, before the name is cut.
fn status_line(s: &State, t: Theme, w: usize) -> Line<'static> {
    if let Some(flash) = &s.flash {
        let style = if flash.error { t.error() } else { t.ok() };
        return Line::from(Span::styled(
            sanitize(&flash.text, false).into_owned(),
            style,
        ));
    }
    let id = if super::detail::shows_id(s) {
        String::new()
    } else {
        s.plan.node(s.selected).id.clone()
    };
    // Each part after the first opens with " · ".
    let sep = |before: bool| if before { " · " } else { "" };
    let agency = s.filter.as_ref().map(|f| {
        let a = s.plan.agencies.get(f.agency);
        format!(
            "{}{}: {}",
            sep(!id.is_empty()),
            S::TuiFilter.get(s.lang),
            sanitize(a.short_name(s.lang == Lang::En), false)
        )
    });
    let total = s.status.total(&s.plan);
    let args: [&dyn std::fmt::Display; 2] = [
        &format!("{}/{}", total.done, total.total),
        &s.overdue_count(),
    ];
    let room = w.saturating_sub(width(&id) + agency.as_deref().map_or(0, width));
    let after = !id.is_empty() || agency.is_some();
    let counts = [S::TuiStatusLine, S::TuiStatusLineShort]
        .into_iter()
        .map(|k| format!("{}{}", sep(after), k.fill(s.lang, &args)))
        .find(|c| width(c) <= room)
        .unwrap_or_default();
    let mut spans = vec![Span::styled(id, t.accent())];
    if let Some(a) = agency {
        spans.push(Span::styled(a, t.soon()));
    }
    spans.push(Span::styled(counts, t.dim()));
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_and_quit_stay_when_hints_must_go() {
        for lang in [Lang::Vi, Lang::En] {
            let keys = S::KeysTree.get(lang);
            assert_eq!(fit_keys(keys, 200), keys, "room for all: unchanged");
            for w in [40, 60, 79] {
                let line = fit_keys(keys, w);
                assert!(width(&line) <= w, "{line:?} at {w}");
                let (help, quit) = if lang == Lang::Vi {
                    ("? giúp", "q thoát")
                } else {
                    ("? help", "q quit")
                };
                assert!(
                    line.ends_with(&format!("{help} {quit}"))
                        || line.ends_with(&format!("{help}  {quit}")),
                    "{line:?}"
                );
                assert!(line.starts_with("␣ "), "the first hint stays: {line:?}");
            }
        }
        // A list's hints joined by " · ": Esc stays, the middle goes.
        let line = fit_keys(S::KeysMatrix.get(Lang::Vi), 40);
        assert!(line.ends_with("Esc quay lại"), "{line:?}");
    }
}
