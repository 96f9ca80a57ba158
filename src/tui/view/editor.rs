//! The note editor, drawn over the body: the note's text, then the proving document's number
//! and date, then any error.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::theme::Theme;
use crate::i18n::S;
use crate::text::{sanitize, truncate, width};
use crate::tui::state::{Editor, Field, State};

pub fn draw(f: &mut Frame<'_>, s: &State, t: Theme, body: Rect, e: &Editor) {
    let lang = s.lang;
    // As large as the body allows, up to 76×12; on a small screen the whole body.
    let w = body.width.saturating_sub(2).min(76).max(body.width.min(20));
    let h = body.height.min(12);
    let area = Rect::new(
        body.x + body.width.saturating_sub(w) / 2,
        body.y + body.height.saturating_sub(h) / 2,
        w,
        h,
    );
    let id = &s.plan.node(e.item).id;
    let title = match (e.agency, e.note_id) {
        (Some(a), _) => S::TuiAgencyEvidence.fill(
            lang,
            &[
                &s.plan
                    .agencies
                    .get(a)
                    .short_name(lang == crate::i18n::Lang::En),
                id,
            ],
        ),
        (None, Some(n)) => S::TuiNoteEditTitle.fill(lang, &[&n, id]),
        (None, None) => S::TuiNoteTitle.fill(lang, &[id]),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), t.bold()));
    let inner = block.inner(area);
    f.render_widget(Clear, area);
    f.render_widget(block, area);
    // Text takes what the three lines below leave.
    let text_h = inner.height.saturating_sub(3).max(1);
    let text_area = Rect::new(inner.x, inner.y, inner.width, text_h);
    f.render_widget(&e.text, text_area);
    let field_line = |label: &str, value: &str, active: bool| {
        let label = format!("{label}: ");
        let style = if active { t.accent() } else { t.dim() };
        let shown = sanitize(value, false).into_owned();
        (
            Line::from(vec![
                Span::styled(label.clone(), style),
                Span::raw(shown.clone()),
            ]),
            width(&label) + width(&shown),
        )
    };
    let (doc, doc_x) = field_line(S::TuiDocRef.get(lang), &e.doc_ref, e.field == Field::DocRef);
    let (date, date_x) = field_line(
        S::TuiDocDate.get(lang),
        &e.doc_date,
        e.field == Field::DocDate,
    );
    let status = if e.saving {
        Line::from(Span::styled(S::TuiSaving.get(lang), t.dim()))
    } else if let Some(err) = &e.error {
        Line::from(Span::styled(
            truncate(err, usize::from(inner.width)).into_owned(),
            t.error(),
        ))
    } else {
        Line::default()
    };
    let below = Rect::new(
        inner.x,
        inner.y + text_h,
        inner.width,
        3.min(inner.height - text_h),
    );
    f.render_widget(Paragraph::new(vec![doc, date, status]), below);
    // Put the terminal's own cursor where typing goes, so input methods draw their
    // composition in the right place.
    let cursor = match e.field {
        Field::Text => {
            let c = e.text.screen_cursor();
            let (top, left) = e.text.scroll_offset();
            let row = (c.row as u16).saturating_sub(top);
            let col = (c.col as u16).saturating_sub(left);
            Position::new(
                text_area.x + col,
                text_area.y + row.min(text_h.saturating_sub(1)),
            )
        }
        Field::DocRef => Position::new(below.x + doc_x as u16, below.y),
        Field::DocDate => Position::new(below.x + date_x as u16, below.y + 1),
    };
    if cursor.x < inner.x + inner.width {
        f.set_cursor_position(cursor);
    }
}
