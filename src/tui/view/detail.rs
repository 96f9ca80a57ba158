//! The detail of the selected item: id and kind, full text, agencies by role (groups with
//! their size), deadline with countdown, status, targets, notes newest first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::theme::Theme;
use crate::i18n::{self, Lang, S};
use crate::plan::{Countdown, NodeIx, Role};
use crate::store::Note;
use crate::text::{sanitize, width};
use crate::tui::state::{Mode, State};

pub fn draw(f: &mut Frame<'_>, s: &State, t: Theme, area: Rect) {
    if area.height == 0 {
        return;
    }
    let (lines, scroll) = match s.mode {
        Mode::Notes { sel } | Mode::ConfirmDelete { sel, .. } => {
            notes_only(s, t, s.selected, sel, usize::from(area.width), area.height)
        }
        _ => (lines(s, t, s.selected), scroll(s)),
    };
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}

/// Whether the detail's first line, the selected item's id and kind, is on screen: the
/// footer then leaves the id out rather than repeat it (on a move, the id changes in one
/// place instead of two).
pub fn shows_id(s: &State) -> bool {
    matches!(s.mode, Mode::Tree) && area(s).height > 0 && scroll(s) == 0
}

/// How far the detail is scrolled: `J`'s scroll, never past the last line, even when the pane
/// grew since it was set (worked out only when scrolled: most frames are not).
fn scroll(s: &State) -> u16 {
    match s.detail_scroll {
        0 => 0,
        n => n.min(max_scroll(s)),
    }
}

/// Where the detail of the selected item is drawn.
fn area(s: &State) -> Rect {
    let a = crate::tui::layout::areas(s.size);
    if s.zoom && !a.wide { a.body } else { a.detail }
}

fn wrapped(lines: Vec<Line<'static>>, width: u16) -> usize {
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .line_count(width)
}

/// How far `J` scrolls the detail: its last line at the bottom of the pane, no further.
pub fn max_scroll(s: &State) -> u16 {
    let area = area(s);
    let rows = wrapped(lines(s, Theme { color: false }, s.selected), area.width);
    let max = rows.saturating_sub(usize::from(area.height));
    u16::try_from(max).unwrap_or(u16::MAX)
}

/// The scroll that shows note `id` of the selected item (with the notes' title above it when
/// there is room), starting from `scroll`: unchanged when it is on screen already.
pub fn scroll_to_note(s: &State, id: i64, scroll: u16) -> u16 {
    let area = area(s);
    let all = lines(s, Theme { color: false }, s.selected);
    let head = format!("#{id} ");
    // Notes come last; find the newest line that opens note `id`.
    let Some(at) = all.iter().rposition(|l| {
        l.spans
            .first()
            .is_some_and(|sp| sp.content.starts_with(&head))
    }) else {
        return scroll;
    };
    let text_rows = s
        .notes_of(s.selected)
        .and_then(|n| n.iter().find(|n| n.id == id))
        .map_or(0, |n| sanitize(&n.text, true).lines().count());
    let start = wrapped(all[..at].to_vec(), area.width);
    let end = wrapped(
        all[..(at + 1 + text_rows).min(all.len())].to_vec(),
        area.width,
    );
    let (top, h) = (usize::from(scroll), usize::from(area.height));
    if start >= top && end <= top + h {
        return scroll;
    }
    let want = u16::try_from(start.saturating_sub(1)).unwrap_or(u16::MAX);
    want.min(max_scroll(s))
}

/// Facts first (status, deadline, who), then the text, targets and notes: on a short pane
/// the top lines answer "where does this stand?".
fn lines(s: &State, t: Theme, ix: NodeIx) -> Vec<Line<'static>> {
    let (plan, lang) = (&s.plan, s.lang);
    let n = plan.node(ix);
    let safe = |x: &str| sanitize(x, false).into_owned();
    let mut out = Vec::new();
    let mut head = vec![
        Span::styled(n.id.clone(), t.accent()),
        Span::styled(format!(" · {}", i18n::kind(lang, n.kind)), t.dim()),
    ];
    if let Some(i) = n.index {
        head.push(Span::styled(
            format!(" · {}", plan.indexes[i].name),
            t.dim(),
        ));
    }
    out.push(Line::from(head));
    if let Some(line) = status_line(s, t, ix) {
        out.push(line);
    }
    // Each answerable agency's part: "12/25 cơ quan đã xong", and a nudge when all are.
    if n.is_task() {
        let parts = crate::plan::accountability::item_tally(plan, &s.status, &s.ledger, ix);
        if parts.total > 1 {
            out.push(Line::from(vec![
                Span::styled(
                    S::AgenciesDone.fill(lang, &[&parts.done, &parts.total]),
                    if parts.complete() {
                        t.done()
                    } else {
                        t.plain()
                    },
                ),
                Span::styled(" (s)", t.dim()),
            ]));
            if parts.complete() && !s.status.items[ix].done {
                out.push(Line::from(Span::styled(
                    S::AllAgenciesDone.get(lang),
                    t.ok(),
                )));
            }
        }
    }
    for role in Role::ALL {
        let entries = n.roles.get(role);
        if entries.is_empty() {
            continue;
        }
        let names: Vec<String> = entries
            .iter()
            .map(|e| {
                let a = plan.agencies.get(e.agency);
                let mut name = safe(a.short_name(lang == Lang::En));
                if a.is_group() && !a.members.is_empty() {
                    let members = plan.agencies.expanded(e.agency).len();
                    name.push_str(&format!(" ({})", S::TuiGroupOf.fill(lang, &[&members])));
                }
                if let Some(scope) = &e.scope {
                    name.push_str(&format!(" — {}", safe(scope)));
                }
                name
            })
            .collect();
        out.push(Line::from(vec![
            Span::styled(format!("{}: ", i18n::role(lang, role)), t.bold()),
            Span::raw(names.join("; ")),
        ]));
    }
    out.push(Line::default());
    // The title is the text's opening words for items and tasks: print it once.
    let label = safe(&n.label);
    if n.text.is_empty() || !n.text.starts_with(&n.title) {
        out.push(Line::from(Span::styled(
            format!("{label} {}", safe(&n.title)).trim().to_string(),
            t.bold(),
        )));
    }
    if !n.text.is_empty() && n.text != n.title {
        for (i, para) in sanitize(&n.text, true).lines().enumerate() {
            let prefix = if i == 0 && n.text.starts_with(&n.title) && !label.is_empty() {
                format!("{label} ")
            } else {
                String::new()
            };
            out.push(Line::from(format!("{prefix}{para}")));
        }
    }
    if let Some(r) = &n.remark {
        out.push(Line::from(Span::styled(safe(r), t.dim())));
    }
    if !n.targets.is_empty() {
        out.push(Line::from(Span::styled(
            format!("{}:", S::Targets.get(lang)),
            t.bold(),
        )));
        for target in &n.targets {
            out.push(Line::from(format!(
                "  • {}: {}",
                safe(&target.metric),
                safe(&target.text)
            )));
        }
    }
    out.push(Line::default());
    out.extend(note_lines(s, t, ix, None));
    out
}

/// "✓ Đã xong … · Hạn … · còn N ngày" for tasks, "Tiến độ d/t · Hạn …" for branches; none for
/// purposes and goals, which carry no task.
fn status_line(s: &State, t: Theme, ix: NodeIx) -> Option<Line<'static>> {
    let (st, lang) = (&s.status, s.lang);
    let n = s.plan.node(ix);
    let tally = st.tallies[ix];
    if !n.is_task() && tally.total == 0 {
        return None;
    }
    let c = st.countdown(ix, s.today);
    let item = &st.items[ix];
    let late = n.is_task() && !item.done && matches!(c, Countdown::Late(_));
    let mut spans = if n.is_task() && item.done {
        let when = item
            .done_at
            .as_deref()
            .map(i18n::timestamp)
            .unwrap_or_default();
        let who = sanitize(item.done_by.as_deref().unwrap_or(""), false).into_owned();
        vec![Span::styled(
            format!("✓ {} {when} · {who}", S::Done.get(lang)),
            t.done(),
        )]
    } else if n.is_task() {
        vec![Span::styled(
            format!("{} {}", if late { "!" } else { "○" }, S::NotDone.get(lang)),
            if late { t.overdue() } else { t.plain() },
        )]
    } else {
        vec![Span::raw(format!(
            "{} {}/{}",
            S::Progress.get(lang),
            tally.done,
            tally.total
        ))]
    };
    spans.push(Span::raw(format!(
        " · {} {} · ",
        S::Deadline.get(lang),
        i18n::date(st.deadlines[ix])
    )));
    spans.push(Span::styled(
        i18n::countdown(lang, c),
        if late { t.overdue() } else { t.plain() },
    ));
    if item.deadline.is_some() {
        spans.push(Span::styled(
            format!(" ({})", S::OwnDeadline.get(lang)),
            t.dim(),
        ));
    }
    Some(Line::from(spans))
}

/// The notes section; `sel` highlights one note (notes mode).
fn note_lines(s: &State, t: Theme, ix: NodeIx, sel: Option<usize>) -> Vec<Line<'static>> {
    let lang = s.lang;
    let count = s.status.items[ix].notes;
    let mut out = vec![Line::from(Span::styled(
        S::TuiNotesCount.fill(lang, &[&count]),
        t.bold(),
    ))];
    match s.notes_of(ix) {
        None if count > 0 => out.push(Line::from(Span::styled(
            S::TuiLoading.get(lang).to_string(),
            t.dim(),
        ))),
        None | Some([]) => out.push(Line::from(Span::styled(
            S::TuiNoNotesYet.get(lang).to_string(),
            t.dim(),
        ))),
        Some(notes) => {
            for (i, note) in notes.iter().enumerate() {
                let style = if sel == Some(i) {
                    t.selected()
                } else {
                    t.plain()
                };
                out.push(Line::from(Span::styled(
                    note_header(note, lang),
                    style.patch(t.dim()),
                )));
                for l in sanitize(&note.text, true).lines() {
                    out.push(Line::from(Span::styled(format!("  {l}"), style)));
                }
            }
        }
    }
    out
}

fn note_header(note: &Note, lang: Lang) -> String {
    let mut h = format!(
        "#{} {} · {}",
        note.id,
        i18n::timestamp(&note.created_at),
        sanitize(&note.author, false)
    );
    if let Some(r) = &note.doc_ref {
        h.push_str(&format!(
            " · {}: {}",
            S::Document.get(lang),
            sanitize(r, false)
        ));
        if let Some(d) = note.doc_date {
            h.push_str(&format!(" ({})", i18n::date(d)));
        }
    }
    h
}

/// Notes mode: only the notes, scrolled so the selected one is on screen.
fn notes_only(
    s: &State,
    t: Theme,
    ix: NodeIx,
    sel: usize,
    w: usize,
    h: u16,
) -> (Vec<Line<'static>>, u16) {
    let lines = note_lines(s, t, ix, Some(sel));
    // Rows each note takes once wrapped, to find where the selected one starts.
    let rows = |l: &Line<'_>| {
        let lw: usize = l.spans.iter().map(|sp| width(&sp.content)).sum();
        lw.div_ceil(w.max(1)).max(1)
    };
    let mut start = rows(&lines[0]);
    let mut note = 0;
    let mut i = 1;
    let notes = s.notes_of(ix).unwrap_or(&[]);
    while note < sel && note < notes.len() {
        let n_lines = 1 + sanitize(&notes[note].text, true).lines().count();
        for l in &lines[i..(i + n_lines).min(lines.len())] {
            start += rows(l);
        }
        i += n_lines;
        note += 1;
    }
    let scroll = start.saturating_sub(usize::from(h) / 3);
    (lines, scroll.min(u16::MAX as usize) as u16)
}
