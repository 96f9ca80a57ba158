//! The plan tree: one row per visible node. Each row: indent, ▸/▾, a status glyph
//! (✓ done, ! overdue, ○ to do), the label as printed, the title cut to fit, ✎ and the number
//! of evidence notes when there are any, and done/total for branches. Overdue shows by colour
//! and by glyph.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use ratatui::style::{Modifier, Style};

use crate::plan::{NodeIx, due};
use crate::text::{fold, sanitize, truncate, width};
use crate::tui::matching::marks;
use crate::tui::state::{Mode, State};

pub fn draw(f: &mut Frame<'_>, s: &State, t: Theme, area: Rect) {
    let h = usize::from(area.height);
    for (i, &ix) in s.rows.iter().skip(s.offset).take(h).enumerate() {
        let row = Rect::new(area.x, area.y + i as u16, area.width, 1);
        f.render_widget(Paragraph::new(line(s, t, ix, usize::from(area.width))), row);
    }
}

/// The glyph and its style for a node.
pub fn glyph(s: &State, t: Theme, ix: NodeIx) -> (&'static str, ratatui::style::Style) {
    let node = s.plan.node(ix);
    if node.is_task() {
        let settled = s.filter.as_ref().is_some_and(|f| {
            due::answers_for(&s.plan, ix, f.agency)
                && due::part_settled(&s.plan, &s.status, &s.ledger, ix, f.agency)
        });
        if s.status.items[ix].done || settled {
            ("✓", t.done())
        } else if s.shows_late(ix) {
            ("!", t.overdue())
        } else {
            ("○", t.plain())
        }
    } else {
        let tally = s.status.tallies[ix];
        if tally.complete() {
            ("✓", t.done())
        } else if tally.total > tally.done && s.shows_late(ix) {
            ("!", t.overdue())
        } else {
            (" ", t.plain())
        }
    }
}

fn line(s: &State, t: Theme, ix: NodeIx, w: usize) -> Line<'static> {
    let node = s.plan.node(ix);
    let selected = ix == s.selected;
    let context = s.filter.as_ref().is_some_and(|f| !f.duty[ix]);
    let indent = "  ".repeat(node.depth.min(8));
    let expander = if node.children.is_empty() {
        " "
    } else if s.expanded[ix] {
        "▾"
    } else {
        "▸"
    };
    let (g, gstyle) = glyph(s, t, ix);
    let tally = s.status.tallies[ix];
    let right = if node.children.is_empty() || tally.total == 0 {
        String::new()
    } else {
        format!(" {}/{}", tally.done, tally.total)
    };
    // How many evidence notes the item has: counted with the item states, once per change.
    let notes = match s.status.items[ix].notes {
        0 => String::new(),
        n => format!(" ✎{n}"),
    };
    let label = if node.label.is_empty() {
        String::new()
    } else {
        format!("{} ", sanitize(&node.label, false))
    };
    let head = format!("{indent}{expander}");
    let used = width(&head) + 2 + width(&label) + width(&notes) + width(&right);
    let title = truncate(&sanitize(&node.title, false), w.saturating_sub(used)).into_owned();
    let pad = w.saturating_sub(used + width(&title));
    let base = if selected {
        t.selected()
    } else if context {
        t.dim()
    } else {
        t.plain()
    };
    let strong = if node.children.is_empty() || context {
        base
    } else {
        base.patch(t.bold())
    };
    let mut spans = vec![
        Span::styled(head, base),
        Span::styled(g, if selected { base } else { gstyle }),
        Span::styled(" ", base),
        Span::styled(label, if selected { base } else { t.dim() }),
    ];
    spans.extend(highlighted(s, t, title, strong));
    spans.extend([
        Span::styled(" ".repeat(pad), base),
        Span::styled(notes, if selected { base } else { t.accent() }),
        Span::styled(right, if selected { base } else { t.dim() }),
    ]);
    Line::from(spans)
}

/// The title, with the words being searched for marked (underlined, and in the accent colour)
/// where they start a word.
fn highlighted(s: &State, t: Theme, title: String, style: Style) -> Vec<Span<'static>> {
    let Mode::Search(q) = &s.mode else {
        return vec![Span::styled(title, style)];
    };
    let words: Vec<String> = fold(&q.query)
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let marks = marks(&title, &words);
    if !marks.contains(&true) {
        return vec![Span::styled(title, style)];
    }
    let hit = style
        .patch(t.accent())
        .add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut on = marks[0];
    for (c, &m) in title.chars().zip(&marks) {
        if m != on {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if on { hit } else { style },
            ));
            on = m;
        }
        run.push(c);
    }
    spans.push(Span::styled(run, if on { hit } else { style }));
    spans
}
