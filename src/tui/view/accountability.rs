//! Each agency's part: the selected item's agencies (in the detail pane), the 30/06
//! checklist and the agency × section matrix (full screen, first column frozen).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use crate::i18n::{self, Lang, S};
use crate::plan::AgencyIx;
use crate::plan::accountability::{self as acc, AgencyState, ChecklistRow, Timing};
use crate::text::{fit, sanitize, truncate, width};
use crate::tui::layout::{MATRIX_CELL, MATRIX_MARK, MatrixCols};
use crate::tui::state::{ListState, Matrix, State};

fn row_rect(area: Rect, i: usize) -> Rect {
    Rect::new(area.x, area.y + i as u16, area.width, 1)
}

/// ✓ done, ◐ reported, – not applicable, ○ not started.
fn glyph(t: Theme, state: AgencyState) -> (&'static str, Style) {
    match state {
        AgencyState::Done => ("✓", t.done()),
        AgencyState::Reported => ("◐", t.soon()),
        AgencyState::NotApplicable => ("–", t.dim()),
        AgencyState::NotStarted => ("○", t.plain()),
    }
}

/// The selected item's agencies and their parts, in the detail pane.
pub fn parts(
    f: &mut Frame<'_>,
    s: &State,
    t: Theme,
    area: Rect,
    agencies: &[AgencyIx],
    list: &ListState,
) {
    if area.height == 0 {
        return;
    }
    let lang = s.lang;
    let ix = s.selected;
    let tally = acc::item_tally(&s.plan, &s.status, &s.ledger, ix);
    let w = usize::from(area.width);
    let id = &s.plan.node(ix).id;
    let done = S::AgenciesDone.fill(lang, &[&tally.done, &tally.total]);
    // Narrow: the id and the count, without the words before them.
    let mut title = format!("{} · {done}", S::TuiPartsTitle.fill(lang, &[id]));
    if width(&title) > w {
        title = format!("{id} · {done}");
    }
    f.render_widget(
        Paragraph::new(Line::from(Span::styled(title, t.bold()))),
        row_rect(area, 0),
    );
    let h = usize::from(area.height).saturating_sub(1);
    let offset = list.offset;
    // The state in words from 60 columns (narrower, the glyph says it); the document column
    // as wide as the longest document, up to 24.
    let docs: Vec<String> = agencies
        .iter()
        .map(|&a| {
            let mark = s.ledger.mark(ix, a);
            let mut doc = mark.and_then(|m| m.doc_ref.clone()).unwrap_or_default();
            if let Some(d) = mark.and_then(|m| m.doc_date) {
                doc.push_str(&format!(" {}", i18n::date(d)));
            }
            sanitize(&doc, false).into_owned()
        })
        .collect();
    let state_w = if w >= 60 { 16 } else { 0 };
    let doc_w = docs
        .iter()
        .map(|d| width(d))
        .max()
        .unwrap_or(0)
        .min(24.min(w / 4));
    let name_w = w.saturating_sub(2 + state_w + 1 + doc_w);
    for (i, &a) in agencies.iter().enumerate().skip(offset).take(h) {
        let state = s.ledger.state(&s.status, ix, a);
        let (g, gs) = glyph(t, state);
        let selected = i == list.sel;
        let base = if selected { t.selected() } else { t.plain() };
        let name = s.plan.agencies.get(a).short_name(lang == Lang::En);
        f.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(g, if selected { base } else { gs }),
                Span::styled(" ", base),
                Span::styled(fit(&sanitize(name, false), name_w), base),
                Span::styled(
                    format!(" {}", fit(i18n::agency_state(lang, state), state_w)),
                    base,
                ),
                Span::styled(
                    fit(&docs[i], w.saturating_sub(name_w + state_w + 3)),
                    if selected { base } else { t.dim() },
                ),
            ])),
            row_rect(area, 1 + i - offset),
        );
    }
}

pub fn checklist(
    f: &mut Frame<'_>,
    s: &State,
    t: Theme,
    area: Rect,
    item: crate::plan::NodeIx,
    rows: &[ChecklistRow],
    list: &ListState,
) {
    let lang = s.lang;
    let (mut issued, mut late, mut missing) = (0, 0, 0);
    for r in rows {
        match r.timing {
            Timing::OnTime | Timing::Undated => issued += 1,
            Timing::Late(_) => {
                issued += 1;
                late += 1;
            }
            Timing::Pending(_) => missing += 1,
            Timing::NotApplicable => {}
        }
    }
    let w = usize::from(area.width);
    let mut title = S::ChecklistHead.fill(
        lang,
        &[
            &i18n::date(s.status.deadlines[item]),
            &issued,
            &(issued + missing),
            &late,
        ],
    );
    if width(&title) > w {
        title = S::ChecklistHeadShort.fill(lang, &[&issued, &(issued + missing), &late]);
    }
    f.render_widget(
        Paragraph::new(Line::from(Span::styled(title, t.bold()))),
        row_rect(area, 0),
    );
    // The state in words from 60 columns (narrower, the glyph says it).
    let (state_w, doc_w, date_w, timing_w) = (if w >= 60 { 15 } else { 0 }, 14, 11, 17);
    let wide = w >= 100;
    let name_w = w.saturating_sub(3 + state_w + timing_w + if wide { doc_w + date_w } else { 0 });
    let h = usize::from(area.height).saturating_sub(1);
    for (i, r) in rows.iter().enumerate().skip(list.offset).take(h) {
        let selected = i == list.sel;
        let base = if selected { t.selected() } else { t.plain() };
        let (g, gs) = match r.timing {
            Timing::Pending(crate::plan::Countdown::Late(_)) => ("!", t.overdue()),
            _ => glyph(t, r.state),
        };
        let timing_style = match r.timing {
            _ if selected => base,
            Timing::Late(_) | Timing::Pending(crate::plan::Countdown::Late(_)) => t.overdue(),
            Timing::OnTime => t.done(),
            _ => t.plain(),
        };
        let agency = s.plan.agencies.get(r.agency);
        let name = if wide {
            agency.display_name(lang == Lang::En)
        } else {
            agency.short_name(lang == Lang::En)
        };
        let mut spans = vec![
            Span::styled(g, if selected { base } else { gs }),
            Span::styled(" ", base),
            Span::styled(fit(&sanitize(name, false), name_w), base),
            Span::styled(" ", base),
            Span::styled(fit(i18n::agency_state(lang, r.state), state_w), base),
        ];
        if wide {
            spans.push(Span::styled(
                fit(&sanitize(r.doc_ref.as_deref().unwrap_or(""), false), doc_w),
                base,
            ));
            spans.push(Span::styled(
                fit(&r.doc_date.map(i18n::date).unwrap_or_default(), date_w),
                base,
            ));
        }
        spans.push(Span::styled(
            fit(&i18n::timing(lang, r.timing), timing_w),
            timing_style,
        ));
        f.render_widget(
            Paragraph::new(Line::from(spans)),
            row_rect(area, 1 + i - list.offset),
        );
    }
}

/// The matrix: a frozen column of agencies, then as many cells as fit. Cells hidden to the
/// left or right are counted in the title row (`◂ 3`, `4 ▸`); ← → (h l) scroll to them.
pub fn matrix(f: &mut Frame<'_>, s: &State, t: Theme, area: Rect, m: &Matrix) {
    let lang = s.lang;
    let MatrixCols { name, visible } = m.cols(s);
    let n = m.columns.len();
    // As scrolled, but never past the last full screen (after a resize) nor off the column.
    let mut first = m.col_offset.min(n.saturating_sub(visible));
    if m.col >= first + visible {
        first = m.col + 1 - visible;
    }
    let cols = first..(first + visible).min(n);
    let by = if m.by_section {
        S::MatrixBySection
    } else {
        S::MatrixByIndex
    };
    let left = if first > 0 {
        format!(" ◂ {first}")
    } else {
        String::new()
    };
    let title = S::MatrixTitle.fill(lang, &[&by.get(lang)]);
    let mut head = vec![
        Span::styled(fit(&title, name.saturating_sub(width(&left) + 1)), t.bold()),
        Span::styled(format!("{left} "), t.accent()),
    ];
    for c in cols.clone() {
        let style = if c == m.col { t.accent() } else { t.bold() };
        // Right-aligned over the cells' numbers.
        let label = truncate(&m.columns[c].label, MATRIX_CELL - 1);
        let pad = MATRIX_CELL.saturating_sub(width(&label));
        head.push(Span::styled(format!("{}{label}", " ".repeat(pad)), style));
    }
    if cols.end < n {
        head.push(Span::styled(
            format!("{:>w$}", format!("{} ▸", n - cols.end), w = MATRIX_MARK),
            t.accent(),
        ));
    }
    f.render_widget(Paragraph::new(Line::from(head)), row_rect(area, 0));
    let h = usize::from(area.height).saturating_sub(1);
    for (i, (a, cells)) in m.rows.iter().enumerate().skip(m.list.offset).take(h) {
        let selected = i == m.list.sel;
        let base = if selected { t.selected() } else { t.plain() };
        let agency = s.plan.agencies.get(*a).short_name(lang == Lang::En);
        let mut spans = vec![Span::styled(fit(&sanitize(agency, false), name), base)];
        for c in cols.clone() {
            let cell = cells[c];
            let text = if cell.tally.total == 0 {
                "·".to_string()
            } else if cell.overdue > 0 {
                format!("!{}/{}", cell.tally.done, cell.tally.total)
            } else {
                format!("{}/{}", cell.tally.done, cell.tally.total)
            };
            let style = match () {
                _ if selected && c == m.col => t.selected().patch(t.bold()),
                _ if selected => base,
                _ if cell.tally.total == 0 => t.dim(),
                _ if cell.overdue > 0 => t.overdue(),
                _ if cell.tally.complete() => t.done(),
                _ => t.plain(),
            };
            spans.push(Span::styled(format!("{text:>MATRIX_CELL$}"), style));
        }
        f.render_widget(
            Paragraph::new(Line::from(spans)),
            row_rect(area, 1 + i - m.list.offset),
        );
    }
}
