//! Each agency's part: the selected item's agencies (in the detail pane), the 30/06
//! checklist and the agency × section matrix (full screen, first column frozen).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use crate::commands::{state_word, timing_words};
use crate::i18n::{self, Lang, S};
use crate::plan::AgencyIx;
use crate::plan::accountability::{self as acc, AgencyState, ChecklistRow, Timing};
use crate::text::{fit, sanitize};
use crate::tui::state::{ListState, Matrix, State};
use crate::tui::update::{MATRIX_CELL_WIDTH, MATRIX_NAME_WIDTH};

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
    let title = format!(
        "{} · {}",
        S::TuiPartsTitle.fill(lang, &[&s.plan.node(ix).id]),
        S::AgenciesDone.fill(lang, &[&tally.done, &tally.total])
    );
    f.render_widget(
        Paragraph::new(Line::from(Span::styled(title, t.bold()))),
        row_rect(area, 0),
    );
    let h = usize::from(area.height).saturating_sub(1);
    let offset = list.offset;
    let w = usize::from(area.width);
    for (i, &a) in agencies.iter().enumerate().skip(offset).take(h) {
        let state = s.ledger.state(&s.status, ix, a);
        let mark = s.ledger.mark(ix, a);
        let (g, gs) = glyph(t, state);
        let selected = i == list.sel;
        let base = if selected { t.selected() } else { t.plain() };
        let name = s.plan.agencies.get(a).short_name(lang == Lang::En);
        let mut doc = mark.and_then(|m| m.doc_ref.clone()).unwrap_or_default();
        if let Some(d) = mark.and_then(|m| m.doc_date) {
            doc.push_str(&format!(" {}", i18n::date(d)));
        }
        let (state_w, doc_w) = (16, 24.min(w / 4));
        let name_w = w.saturating_sub(2 + state_w + 1 + doc_w);
        f.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(g, if selected { base } else { gs }),
                Span::styled(" ", base),
                Span::styled(fit(&sanitize(name, false), name_w), base),
                Span::styled(format!(" {}", fit(state_word(lang, state), state_w)), base),
                Span::styled(
                    fit(
                        &sanitize(&doc, false),
                        w.saturating_sub(name_w + state_w + 3),
                    ),
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
    let title = S::ChecklistHead.fill(
        lang,
        &[
            &i18n::date(s.status.deadlines[item]),
            &issued,
            &(issued + missing),
            &late,
        ],
    );
    f.render_widget(
        Paragraph::new(Line::from(Span::styled(title, t.bold()))),
        row_rect(area, 0),
    );
    let w = usize::from(area.width);
    let (state_w, doc_w, date_w, timing_w) = (15, 14, 11, 17);
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
            Span::styled(fit(state_word(lang, r.state), state_w), base),
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
            fit(&timing_words(lang, r.timing), timing_w),
            timing_style,
        ));
        f.render_widget(
            Paragraph::new(Line::from(spans)),
            row_rect(area, 1 + i - list.offset),
        );
    }
}

pub fn matrix(f: &mut Frame<'_>, s: &State, t: Theme, area: Rect, m: &Matrix) {
    let lang = s.lang;
    let w = usize::from(area.width);
    let visible = (w.saturating_sub(MATRIX_NAME_WIDTH) / MATRIX_CELL_WIDTH).max(1);
    let cols = m.col_offset..(m.col_offset + visible).min(m.columns.len());
    let by = if m.by_section {
        S::MatrixBySection
    } else {
        S::MatrixByIndex
    };
    let mut head = vec![Span::styled(
        fit(
            &S::MatrixTitle.fill(lang, &[&by.get(lang)]),
            MATRIX_NAME_WIDTH,
        ),
        t.bold(),
    )];
    for c in cols.clone() {
        let style = if c == m.col { t.accent() } else { t.bold() };
        head.push(Span::styled(
            format!(
                "{:>w$}",
                fit(&m.columns[c].label, MATRIX_CELL_WIDTH - 1),
                w = MATRIX_CELL_WIDTH
            ),
            style,
        ));
    }
    if m.col_offset + visible < m.columns.len() {
        head.push(Span::styled(" →", t.dim()));
    }
    f.render_widget(Paragraph::new(Line::from(head)), row_rect(area, 0));
    let h = usize::from(area.height).saturating_sub(1);
    for (i, (a, cells)) in m.rows.iter().enumerate().skip(m.list.offset).take(h) {
        let selected = i == m.list.sel;
        let base = if selected { t.selected() } else { t.plain() };
        let name = s.plan.agencies.get(*a).short_name(lang == Lang::En);
        let mut spans = vec![Span::styled(
            fit(&sanitize(name, false), MATRIX_NAME_WIDTH),
            base,
        )];
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
            spans.push(Span::styled(format!("{text:>MATRIX_CELL_WIDTH$}"), style));
        }
        f.render_widget(
            Paragraph::new(Line::from(spans)),
            row_rect(area, 1 + i - m.list.offset),
        );
    }
}
