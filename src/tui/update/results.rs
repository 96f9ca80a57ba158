//! What the loop reports back, as opposed to keys: a write saved or refused, notes loaded,
//! other people's changes, a new day. Called only from `mod.rs`; calls down into `history`,
//! `hold`, `actions`, `rows` and `common`.

use super::actions::offer_draft;
use super::common::{forget_draft, keep_draft, load_notes, now};
use super::rows::refresh_lists;
use super::{history, hold};
use crate::i18n::{self, Lang, S};
use crate::plan::accountability::Ledger;
use crate::plan::{ItemState, NodeIx, Status};
use crate::store::Note;
use crate::text::fold;
use crate::tui::message::{Change, Effect, Step};
use crate::tui::state::{Flash, Mode, State};

pub(super) fn tick(state: &mut State, today: chrono::NaiveDate) -> Vec<Effect> {
    state.today = today;
    let mut fx = Vec::new();
    if let Mode::Editor(e) = &mut state.mode
        && e.dirty
    {
        e.dirty = false;
        if let Some(d) = state.draft(&now()) {
            fx.push(keep_draft(state, d));
        }
    }
    fx
}

pub(super) fn saved(
    state: &mut State,
    change: Change,
    step: Step,
    inverse: Option<Change>,
    items: Vec<crate::plan::ItemState>,
    notes: Vec<crate::store::Note>,
) -> Vec<Effect> {
    let item = change.item();
    state.status = Status::new(&state.plan, items);
    let folded: String = notes
        .iter()
        .map(|n| {
            format!(
                "{}\n{}\n",
                fold(&n.text),
                fold(n.doc_ref.as_deref().unwrap_or(""))
            )
        })
        .collect();
    if folded.is_empty() {
        state.search_notes.remove(&item);
    } else {
        state.search_notes.insert(item, folded);
    }
    let count = notes.len();
    state.notes = Some((item, notes));
    // A note brought back under a new id (its own was taken since) is that note from now on.
    let change = match (change, &inverse) {
        (Change::RestoreNote { item, mut note }, Some(Change::DeleteNote { id, .. })) => {
            note.id = *id;
            Change::RestoreNote { item, note }
        }
        (change, _) => change,
    };
    // The note just written (or brought back) is what the user wants to see in the detail.
    let note = match (&change, &inverse) {
        (Change::AddNote { .. }, Some(Change::DeleteNote { id, .. })) => Some(*id),
        (Change::EditNote { id, .. }, _) => Some(*id),
        (Change::RestoreNote { note, .. }, _) => Some(note.id),
        _ => None,
    };
    history::record(state, &change, step, inverse);
    let mut fx = Vec::new();
    let closes = matches!(
        change,
        Change::AddNote { .. } | Change::EditNote { .. } | Change::SetAgency { .. }
    );
    if closes {
        fx.extend(forget_draft(state));
    }
    match &mut state.mode {
        Mode::Editor(e) if closes => {
            let note_on = e.agency.is_none().then_some(e.item);
            state.accepted.record(note_on);
            state.mode = e.back.take().map_or(Mode::Tree, |b| *b);
        }
        Mode::Deadline(_) if matches!(change, Change::SetDeadline { .. }) => {
            state.mode = Mode::Tree;
        }
        Mode::Notes { sel } => *sel = (*sel).min(count.saturating_sub(1)),
        _ => {}
    }
    if matches!(state.mode, Mode::Notes { .. }) && count == 0 {
        state.mode = Mode::Tree;
    }
    refresh_lists(state);
    if let Some(id) = note
        && item == state.selected
    {
        state.detail_scroll =
            crate::tui::view::detail::scroll_to_note(state, id, state.detail_scroll);
    }
    let text = match step {
        Step::New => describe(state, &change),
        Step::Undo | Step::Redo => history::said(state, &change, step),
    };
    state.flash = Some(Flash { text, error: false });
    hold::own(state);
    if matches!(state.mode, Mode::Tree) {
        fx.extend(offer_draft(state));
    }
    fx
}

pub(super) fn failed(state: &mut State, change: Change, error: String) -> Vec<Effect> {
    let text = S::TuiNotSaved.fill(state.lang, &[&error]);
    if let Mode::Editor(e) = &mut state.mode
        && matches!(
            change,
            Change::AddNote { .. } | Change::EditNote { .. } | Change::SetAgency { .. }
        )
    {
        e.saving = false;
        e.error = Some(text.clone());
    }
    if let Mode::Deadline(d) = &mut state.mode
        && matches!(change, Change::SetDeadline { .. })
    {
        d.error = Some(text.clone());
    }
    state.flash = Some(Flash { text, error: true });
    hold::own(state);
    vec![]
}

pub(super) fn notes_loaded(state: &mut State, item: NodeIx, notes: Vec<Note>) -> Vec<Effect> {
    if item == state.selected {
        state.notes = Some((item, notes));
    }
    vec![]
}

/// Others changed the database (another view, a command, a restore).
pub(super) fn external(
    state: &mut State,
    items: Vec<ItemState>,
    ledger: Ledger,
    changes: Vec<(String, String, String)>,
    restored_by: Option<String>,
) -> Vec<Effect> {
    state.status = Status::new(&state.plan, items);
    state.ledger = ledger;
    refresh_lists(state);
    // The item on screen (or being written about) matters most: say who overtook it.
    let mine = match &state.mode {
        Mode::Editor(e) => e.item,
        Mode::Deadline(d) => d.item,
        _ => state.selected,
    };
    let mine = &state.plan.node(mine).id;
    let overtaken = changes.iter().rev().find(|(_, item, _)| item == mine);
    let text = match overtaken {
        Some((who, item, what)) => S::TuiOvertaken.fill(state.lang, &[item, who, what]),
        None => match changes.last() {
            Some((who, item, what)) => S::TuiExternal.fill(state.lang, &[item, who, what]),
            None => S::TuiExternalAnon.get(state.lang).to_string(),
        },
    };
    // After a restore nothing here is the view's own: undoing would write the old
    // values over the restored ones. That, and a change to the item on screen (which
    // the user's own "saved" would now contradict), is said at once; other news waits
    // while the footer holds the user's own result.
    match restored_by {
        Some(who) => {
            state.undo.clear();
            state.redo.clear();
            let text = S::TuiRestored.fill(state.lang, &[&who]);
            hold::urgent(state, Flash { text, error: false });
        }
        None if overtaken.is_some() => hold::urgent(state, Flash { text, error: false }),
        None => hold::news(state, Flash { text, error: false }),
    }
    state.notes = None;
    let mut fx = load_notes(state);
    fx.extend(reload(state));
    fx
}

/// Someone else changed the database: the "since" list on screen reads its rows again.
fn reload(state: &State) -> Option<Effect> {
    match (&state.mode, state.since.day) {
        (Mode::Since { .. }, Some(day)) => Some(Effect::LoadChanges(day)),
        _ => None,
    }
}

/// One line saying what a change did.
pub fn describe(state: &State, change: &Change) -> String {
    let lang: Lang = state.lang;
    let id = &state.plan.node(change.item()).id;
    match change {
        Change::SetDone { done: true, .. } => S::TuiSavedDone.fill(lang, &[id]),
        Change::SetDone { done: false, .. } => S::TuiSavedReopen.fill(lang, &[id]),
        Change::SetDeadline { item, date } => {
            let now = i18n::date(state.status.deadlines[*item]);
            match date {
                Some(_) => S::TuiSavedDeadline.fill(lang, &[id, &now]),
                None => S::TuiSavedDeadlineCleared.fill(lang, &[id, &now]),
            }
        }
        Change::AddNote { .. } => S::TuiSavedNote.fill(lang, &[id]),
        Change::EditNote { id: n, .. } => S::TuiSavedNoteEdit.fill(lang, &[n]),
        Change::DeleteNote { id: n, .. } => S::TuiDeletedNote.fill(lang, &[n]),
        Change::RestoreNote { note, .. } => S::TuiRestoredNote.fill(lang, &[&note.id]),
        Change::SetAgency { agency, mark, .. } => S::TuiSavedAgency.fill(
            lang,
            &[
                &state
                    .plan
                    .agencies
                    .get(*agency)
                    .short_name(lang == Lang::En),
                &crate::i18n::agency_state(lang, mark.state),
                id,
            ],
        ),
    }
}
