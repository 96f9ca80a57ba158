//! The note editor (also an agency's document): typing, pasting, composing tone marks,
//! saving, Esc keeping a draft, and the rest of a paste that arrived after Enter saved.

use ratatui_textarea::{CursorMove, Input};
use unicode_normalization::char::is_combining_mark;

use super::actions::offer_draft;
use super::common::{forget_draft, keep_draft, now, pasted};
use crate::i18n::S;
use crate::store::NewNote;
use crate::text::{clean_input, nfc, parse_date};
use crate::tui::message::{Change, Effect, Msg};
use crate::tui::state::{Editor, Field, Flash, Mode, State};

pub(super) fn editor(state: &mut State, msg: Msg) -> Vec<Effect> {
    let lang = state.lang;
    let Mode::Editor(e) = &mut state.mode else {
        return vec![];
    };
    if e.saving {
        return vec![];
    }
    e.error = None;
    match msg {
        Msg::EditorKey(k) if e.text.input(Input::from(k)) => {
            e.dirty = true;
            compose_line(e);
        }
        Msg::Paste(p) => {
            match e.field {
                Field::Text => {
                    e.text.insert_str(pasted(&p, true));
                }
                Field::DocRef => e.doc_ref.push_str(&pasted(&p, false)),
                Field::DocDate => e.doc_date.push_str(pasted(&p, false).trim()),
            }
            e.dirty = true;
        }
        Msg::InputChar(c) => {
            match e.field {
                Field::DocRef => e.doc_ref.push(c),
                Field::DocDate => e.doc_date.push(c),
                Field::Text => {
                    e.text.insert_char(c);
                }
            }
            e.dirty = true;
        }
        Msg::InputBackspace => {
            match e.field {
                Field::DocRef => {
                    e.doc_ref.pop();
                }
                Field::DocDate => {
                    e.doc_date.pop();
                }
                Field::Text => {
                    e.text.delete_char();
                }
            }
            e.dirty = true;
        }
        Msg::NextField | Msg::PrevField => {
            let order = [Field::Text, Field::DocRef, Field::DocDate];
            let at = order.iter().position(|f| *f == e.field).unwrap_or(0);
            let step = if matches!(msg, Msg::NextField) { 1 } else { 2 };
            e.field = order[(at + step) % 3];
        }
        Msg::Submit => return submit_note(state),
        Msg::Back => {
            let touched = e.touched;
            let mut fx: Vec<Effect> = match state.draft(&now()) {
                Some(d) => {
                    state.flash = Some(Flash {
                        text: S::TuiDraftKept.get(lang).to_string(),
                        error: false,
                    });
                    vec![keep_draft(state, d)]
                }
                // Emptied by hand: the draft goes. Never typed in: any draft stays.
                None if touched => forget_draft(state).into_iter().collect(),
                None => vec![],
            };
            let Mode::Editor(e) = &mut state.mode else {
                return fx;
            };
            state.mode = e.back.take().map_or(Mode::Tree, |b| *b);
            if matches!(state.mode, Mode::Tree) {
                fx.extend(offer_draft(state));
            }
            return fx;
        }
        _ => {}
    }
    if let Mode::Editor(e) = &mut state.mode
        && e.dirty
    {
        e.touched = true;
    }
    vec![]
}

/// The rest of a paste that arrived as keys after Enter saved an editor (see
/// [`Msg::PasteRest`]). After a note it becomes a new note on the same item, kept as a draft
/// at once; after anything else it is dropped and the footer says so.
pub(super) fn paste_rest(state: &mut State, rest: &str) -> Vec<Effect> {
    let text = pasted(rest, true);
    let text = text.trim_start_matches('\n');
    if text.trim().is_empty() {
        return vec![];
    }
    let lang = state.lang;
    let Some(item) = state.accepted.note_on.filter(|_| !state.read_only) else {
        state.flash = Some(Flash {
            text: S::TuiPasteRestDropped.fill(lang, &[&text.chars().count()]),
            error: true,
        });
        return vec![];
    };
    // A draft offered as the editor closed waits for the next turn.
    if let Mode::Editor(e) = &state.mode
        && e.kept_as.is_some()
        && let Some(d) = state.draft(&now())
    {
        state.offered.insert(0, d);
    }
    let note = NewNote {
        text: text.to_string(),
        ..NewNote::default()
    };
    let mut editor = State::editor(item, None, &note);
    editor.touched = true;
    state.mode = Mode::Editor(Box::new(editor));
    state.flash = Some(Flash {
        text: S::TuiPasteRestNote.get(lang).to_string(),
        error: false,
    });
    match state.draft(&now()) {
        Some(d) => vec![keep_draft(state, d)],
        None => vec![],
    }
}

/// Input methods (Telex, VNI) and some terminals send a letter and its tone mark as separate
/// characters; recompose the current line so the cursor counts letters, not marks.
pub(super) fn compose_line(e: &mut Editor) {
    let (row, col) = (e.text.cursor().0, e.text.cursor().1);
    let line = &e.text.lines()[row];
    if !line.chars().any(is_combining_mark) {
        return;
    }
    let before: String = line.chars().take(col).collect();
    let composed_before = nfc(&before).chars().count();
    let composed = nfc(line).into_owned();
    let mut lines = e.text.lines().to_vec();
    lines[row] = composed;
    e.text = text_area(lines, row, composed_before);
}

/// After a resize the text area would keep the scroll it needed at the old size (a taller
/// editor then hid its first lines): start it afresh at the top, cursor where it was.
pub(super) fn resized(e: &mut Editor) {
    let (row, col) = (e.text.cursor().0, e.text.cursor().1);
    e.text = text_area(e.text.lines().to_vec(), row, col);
}

fn text_area(lines: Vec<String>, row: usize, col: usize) -> ratatui_textarea::TextArea<'static> {
    let mut fresh = ratatui_textarea::TextArea::new(lines);
    fresh.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    fresh.set_cursor_line_style(ratatui::style::Style::default());
    fresh.move_cursor(CursorMove::Jump(row as u16, col as u16));
    fresh
}

pub(super) fn submit_note(state: &mut State) -> Vec<Effect> {
    let lang = state.lang;
    let Mode::Editor(e) = &mut state.mode else {
        return vec![];
    };
    // A line ending in "\" continues on the next line instead of saving.
    if e.field == Field::Text {
        let (row, col) = (e.text.cursor().0, e.text.cursor().1);
        let line = &e.text.lines()[row];
        if col == line.chars().count() && line.ends_with('\\') {
            e.text.delete_char();
            e.text.insert_newline();
            e.dirty = true;
            return vec![];
        }
    }
    let text = clean_input(&e.text.lines().join("\n"));
    // An agency's part needs its document or a remark; a note needs text.
    let empty = if e.agency.is_some() {
        text.trim().is_empty() && e.doc_ref.trim().is_empty()
    } else {
        text.trim().is_empty()
    };
    if empty {
        let (msg, field) = if e.agency.is_some() {
            (S::TuiEvidenceNeeded, Field::DocRef)
        } else {
            (S::TuiEmptyNote, Field::Text)
        };
        e.error = Some(msg.get(lang).to_string());
        e.field = field;
        return vec![];
    }
    let doc_date = match e.doc_date.trim() {
        "" => None,
        d => match parse_date(d) {
            Some(x) => Some(x),
            None => {
                e.error = Some(S::BadDate.fill(lang, &[&super::common::as_typed(d)]));
                e.field = Field::DocDate;
                return vec![];
            }
        },
    };
    let note = NewNote {
        text,
        doc_ref: Some(e.doc_ref.trim().to_string()).filter(|s| !s.is_empty()),
        doc_date,
    };
    e.saving = true;
    let change = match (e.agency, e.note_id) {
        (Some(agency), _) => Change::SetAgency {
            item: e.item,
            agency,
            mark: crate::store::NewMark {
                state: crate::plan::accountability::AgencyState::Done,
                doc_ref: note.doc_ref,
                doc_date: note.doc_date,
                note: Some(note.text).filter(|t| !t.trim().is_empty()),
            },
        },
        (None, Some(id)) => Change::EditNote {
            item: e.item,
            id,
            note,
        },
        (None, None) => Change::AddNote { item: e.item, note },
    };
    vec![Effect::Write { change, undo: None }]
}
