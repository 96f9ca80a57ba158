//! The small steps every handler shares, below all of them: a list's page and how far a key
//! moves it, moving and going to a row of the tree, loading the selected item's notes, the
//! read-only check, keeping or forgetting the open editor's draft, and cleaning pasted text.
//! It uses no other module of `update`.

use crate::i18n::S;
use crate::plan::NodeIx;
use crate::text::clean_input;
use crate::tui::message::{Effect, Msg};
use crate::tui::state::{Flash, Mode, State};

/// A navigation key in a full-screen list moves its selection; None for other keys.
pub(super) fn move_in_list(state: &mut State, msg: &Msg) -> Option<Vec<Effect>> {
    let len = state.mode.row_keys().len();
    let height = list_height(state);
    let delta = list_delta(msg, height.saturating_sub(1).max(1) as isize)?;
    if let Some(list) = state.mode.list_mut() {
        list.step(len, delta, height);
    }
    Some(vec![])
}

/// What a list does with a key it has no use of its own for: `?` opens help, Esc goes back
/// to the tree, anything else does nothing.
pub(super) fn leave(state: &mut State, msg: &Msg) -> Vec<Effect> {
    match msg {
        Msg::ShowHelp => state.mode = Mode::Help { scroll: 0 },
        Msg::Back => state.mode = Mode::Tree,
        _ => {}
    }
    vec![]
}

/// What the user typed, as an error quotes it: cut to 16 columns so the advice after it
/// ("hãy ghi … dd/mm/yyyy") still fits the footer at 80 columns.
pub(super) fn as_typed(text: &str) -> String {
    crate::text::truncate(text.trim(), 16).into_owned()
}

/// Rows a full-screen list shows (one header row).
pub(super) fn list_height(state: &State) -> usize {
    state.body_height().saturating_sub(1).max(1)
}

/// How far a navigation key moves a list (`page` rows for PgUp/PgDn); None for other keys.
pub(super) fn list_delta(msg: &Msg, page: isize) -> Option<isize> {
    Some(match msg {
        Msg::Up => -1,
        Msg::Down => 1,
        Msg::PageUp => -page,
        Msg::PageDown => page,
        Msg::Top => isize::MIN / 2,
        Msg::Bottom => isize::MAX / 2,
        _ => return None,
    })
}

pub(super) fn now() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// Keep the draft of the open editor: in the store, and here so `n` on its item reopens it.
pub(super) fn keep_draft(state: &mut State, d: crate::store::Draft) -> Effect {
    if let Mode::Editor(e) = &state.mode {
        state.kept.insert(e.item, d.clone());
    }
    Effect::SaveDraft(d)
}

/// Forget the draft of the open editor (its note was saved, or its text erased).
pub(super) fn forget_draft(state: &mut State) -> Option<Effect> {
    let key = state.draft_key()?;
    if let Mode::Editor(e) = &state.mode {
        state.kept.remove(&e.item);
    }
    Some(Effect::ClearDraft(key))
}

/// After the selection moved: reset the detail, fetch notes if the item has any.
pub(super) fn selected_changed(state: &mut State) -> Vec<Effect> {
    state.detail_scroll = 0;
    state.keep_visible();
    load_notes(state)
}

pub(super) fn load_notes(state: &mut State) -> Vec<Effect> {
    let ix = state.selected;
    if state.notes_of(ix).is_some() {
        return vec![];
    }
    if state.status.items[ix].notes == 0 {
        state.notes = Some((ix, Vec::new()));
        vec![]
    } else {
        vec![Effect::LoadNotes(ix)]
    }
}

pub(super) fn move_rows(state: &mut State, delta: isize) -> Vec<Effect> {
    if state.rows.is_empty() {
        return vec![];
    }
    let row = state.selected_row() as isize;
    let last = state.rows.len() as isize - 1;
    let to = (row + delta).clamp(0, last) as usize;
    if state.rows[to] == state.selected {
        return vec![];
    }
    state.selected = state.rows[to];
    selected_changed(state)
}

pub(super) fn writable(state: &mut State) -> bool {
    if state.read_only {
        state.flash = Some(Flash {
            text: S::TuiReadOnly.get(state.lang).to_string(),
            error: true,
        });
    }
    !state.read_only
}

/// Select `ix`, opening its ancestors.
pub(super) fn go_to(state: &mut State, ix: NodeIx) -> Vec<Effect> {
    state.reveal(ix);
    selected_changed(state)
}

/// Pasted text as typed text would be: NFC, line breaks kept only where the input has lines
/// (a space elsewhere), tabs as spaces, no other control characters (typed, they are keys,
/// never text).
pub(super) fn pasted(p: &str, lines: bool) -> String {
    clean_input(p)
        .chars()
        .filter_map(|c| match c {
            '\n' if lines => Some('\n'),
            '\n' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}
