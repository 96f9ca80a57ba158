//! The note editor, drawn over the body: the note's text, then the proving document's number
//! and date, then any error. An agency's document puts its number and date first, then the
//! remark, the order Tab moves in.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
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
    // The whole band of rows under the pop-up is cleared, not only the box: no piece of the
    // tree, the divider or the detail shows beside it.
    f.render_widget(Clear, Rect::new(body.x, area.y, body.width, area.height));
    f.render_widget(block, area);
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
    // Fields are drawn in the order Tab moves through them: a note's text, then its document;
    // an agency's document (number, date), then the remark.
    let rows = |y: u16, n: u16| Rect::new(inner.x, y, inner.width, n.min(inner.bottom() - y));
    let (text_area, doc_at, status_at) = if e.agency.is_some() {
        let label = Line::from(Span::styled(
            format!("{}:", S::TuiRemark.get(lang)),
            if e.field == Field::Text {
                t.accent()
            } else {
                t.dim()
            },
        ));
        let fields = rows(inner.y, 3);
        f.render_widget(Paragraph::new(vec![doc, date, label]), fields);
        let text_h = inner.height.saturating_sub(4).max(1);
        let text_area = rows(inner.y + fields.height, text_h);
        (text_area, fields, rows(text_area.bottom(), 1))
    } else {
        // Text takes what the three lines below leave.
        let text_h = inner.height.saturating_sub(3).max(1);
        let text_area = rows(inner.y, text_h);
        let below = rows(text_area.bottom(), 3);
        f.render_widget(Paragraph::new(vec![doc, date]), below);
        (text_area, below, rows(below.y + 2, 1))
    };
    f.render_widget(Paragraph::new(status), status_at);
    // Only the field being typed in shows a cursor: the text area's own (reverse video) is
    // hidden while the number or the date has the focus.
    if e.field == Field::Text {
        f.render_widget(&e.text, text_area);
    } else {
        let mut quiet = e.text.clone();
        quiet.set_cursor_style(Style::default());
        f.render_widget(&quiet, text_area);
    }
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
                text_area.y + row.min(text_area.height.saturating_sub(1)),
            )
        }
        Field::DocRef => Position::new(doc_at.x + doc_x as u16, doc_at.y),
        Field::DocDate => Position::new(doc_at.x + date_x as u16, doc_at.y + 1),
    };
    if cursor.x < inner.x + inner.width && cursor.y < inner.bottom() {
        f.set_cursor_position(cursor);
    }
}
