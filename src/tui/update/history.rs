//! Undo and redo. `u` takes back the newest change of this session, again and again back
//! through the session; `U` (or Ctrl-R) makes again what `u` took back, a note with its text
//! and document number. A new change forgets what could be redone. Each write checks, inside
//! its transaction, that the item is still as this session left it (the store refuses and
//! names who changed it otherwise). After each step the footer says what happened and what the
//! next `u` and `U` would do.

use super::common::writable;
use crate::i18n::{self, Lang, U};
use crate::tui::message::{Change, Effect, Step, Undo};
use crate::tui::state::{Flash, State};

pub(in crate::tui::update) fn undo(state: &mut State) -> Vec<Effect> {
    if !writable(state) {
        return vec![];
    }
    match state.undo.pop() {
        Some(u) => vec![Effect::Write {
            change: u.revert,
            undo: Some(Box::new(u.made)),
        }],
        None => {
            state.flash = Some(Flash {
                text: i18n::S::TuiNothingToUndo.get(state.lang).to_string(),
                error: false,
            });
            vec![]
        }
    }
}

pub(in crate::tui::update) fn redo(state: &mut State) -> Vec<Effect> {
    if !writable(state) {
        return vec![];
    }
    match state.redo.pop() {
        Some(r) => vec![Effect::Redo {
            change: r.revert,
            undone: Box::new(r.made),
        }],
        None => {
            state.flash = Some(Flash {
                text: U::NothingToRedo.get(state.lang).to_string(),
                error: false,
            });
            vec![]
        }
    }
}

/// `change` was saved as `step`: keep what takes it back on the undo stack (a new change or a
/// redo) or on the redo stack (an undo). A new change forgets what could be redone.
pub(super) fn record(state: &mut State, change: &Change, step: Step, inverse: Option<Change>) {
    if step == Step::New {
        state.redo.clear();
    }
    let Some(revert) = inverse else { return };
    let entry = Undo {
        revert,
        made: change.clone(),
    };
    match step {
        Step::New | Step::Redo => state.undo.push(entry),
        Step::Undo => state.redo.push(entry),
    }
}

/// The footer after an undo or a redo of `change`: what was done, then what the next `u` and
/// `U` would do.
pub(super) fn said(state: &State, change: &Change, step: Step) -> String {
    let lang = state.lang;
    let did = phrase(state, change, true);
    let head = match step {
        Step::Redo => U::Redone.fill(lang, &[&did]),
        _ => U::Undone.fill(lang, &[&did]),
    };
    let mut tail = vec![match state.undo.last() {
        Some(u) => U::NextUndo.fill(lang, &[&phrase(state, &u.revert, false)]),
        None => U::NoMoreUndo.get(lang).to_string(),
    }];
    match state.redo.last() {
        // Redo of what was just undone: plain enough without naming it again.
        Some(r) if step == Step::Undo && r.made == *change => {
            tail.push(U::RedoThat.get(lang).to_string())
        }
        Some(r) => tail.push(U::NextRedo.fill(lang, &[&phrase(state, &r.revert, false)])),
        None => {}
    }
    format!(
        "{head}{}{}",
        U::HeadSep.get(lang),
        tail.join(U::TailSep.get(lang))
    )
}

/// Longest quote of a note's text in a step's words.
const QUOTE: usize = 24;

/// What `change` does (`did`: what it did), in a few words.
fn phrase(state: &State, change: &Change, did: bool) -> String {
    let lang: Lang = state.lang;
    let pick = |todo: U, done: U| if did { done } else { todo };
    let id = &state.plan.node(change.item()).id;
    match change {
        Change::SetDone { done: true, .. } => pick(U::DoneDo, U::DoneDid).fill(lang, &[id]),
        Change::SetDone { done: false, .. } => pick(U::ReopenDo, U::ReopenDid).fill(lang, &[id]),
        Change::SetDeadline { date: Some(d), .. } => {
            pick(U::DeadlineDo, U::DeadlineDid).fill(lang, &[id, &i18n::date(*d)])
        }
        Change::SetDeadline { date: None, .. } => {
            pick(U::DeadlineClearDo, U::DeadlineClearDid).fill(lang, &[id])
        }
        Change::AddNote { .. } => pick(U::NoteAddDo, U::NoteAddDid).fill(lang, &[id]),
        Change::EditNote { id: n, note, .. } => {
            let first = note.text.lines().next().unwrap_or("");
            let quote = crate::text::truncate(first, QUOTE);
            pick(U::NoteEditDo, U::NoteEditDid).fill(lang, &[n, &quote])
        }
        Change::DeleteNote { id: n, .. } => {
            pick(U::NoteDeleteDo, U::NoteDeleteDid).fill(lang, &[n])
        }
        Change::RestoreNote { note, .. } => {
            pick(U::NoteRestoreDo, U::NoteRestoreDid).fill(lang, &[&note.id])
        }
        Change::SetAgency { agency, mark, .. } => pick(U::AgencyDo, U::AgencyDid).fill(
            lang,
            &[
                &state
                    .plan
                    .agencies
                    .get(*agency)
                    .short_name(lang == Lang::En),
                id,
                &i18n::agency_state(lang, mark.state),
            ],
        ),
    }
}
