//! The full-screen lists (overdue, agencies), the agency filter and the help screen.

use super::actions::{open_editor, set_filter, toggle_done};
use super::common::{leave, list_delta, list_height, load_notes, selected_changed};
use super::rows::selected_key;
use crate::tui::message::{Effect, Msg};
use crate::tui::state::{ListKind, Mode, State};

/// The overdue list and the agency list. Letters never open another view from here: `so noi`
/// typed by mistake without `/` must not open the overdue list.
pub(super) fn list(state: &mut State, msg: Msg) -> Vec<Effect> {
    let len = state.mode.row_keys().len();
    let height = list_height(state);
    if let Some(delta) = list_delta(&msg, height.saturating_sub(1).max(1) as isize) {
        if let Some(list) = state.mode.list_mut() {
            list.step(len, delta, height);
        }
        return vec![];
    }
    let overdue = matches!(state.mode, Mode::Overdue { .. });
    match msg {
        Msg::Activate => activate_list(state),
        // The overdue list is worked through: act on the selected task where it is.
        Msg::ToggleDone if overdue => match selected_key(&state.mode) {
            Some(ix) => toggle_done(state, ix),
            None => vec![],
        },
        Msg::NewNote if overdue => {
            let Some(ix) = selected_key(&state.mode) else {
                return vec![];
            };
            let back = state.mode.clone();
            let fx = open_editor(state, ix, None, crate::store::NewNote::default());
            if let Mode::Editor(e) = &mut state.mode {
                e.back = Some(Box::new(back));
            }
            fx
        }
        Msg::Undo if overdue => super::history::undo(state),
        Msg::Redo if overdue => super::history::redo(state),
        msg => leave(state, &msg),
    }
}

pub(super) fn activate_list(state: &mut State) -> Vec<Effect> {
    state.flash = None;
    match std::mem::replace(&mut state.mode, Mode::Tree) {
        Mode::Overdue { rows, list } => {
            let Some(&ix) = rows.get(list.sel) else {
                state.mode = Mode::Overdue { rows, list };
                return vec![];
            };
            if !state.is_shown(ix) {
                state.filter = None;
            }
            state.return_to = Some(ListKind::Overdue);
            state.reveal(ix);
            selected_changed(state)
        }
        Mode::Agencies { rows, list } => {
            let Some(row) = rows.get(list.sel) else {
                state.mode = Mode::Agencies { rows, list };
                return vec![];
            };
            state.return_to = Some(ListKind::Agencies);
            set_filter(state, row.agency);
            load_notes(state)
        }
        other => {
            state.mode = other;
            vec![]
        }
    }
}

pub(super) fn help(state: &mut State, msg: Msg) -> Vec<Effect> {
    let max = crate::tui::view::help_max_scroll(state);
    let Mode::Help { scroll } = &mut state.mode else {
        return vec![];
    };
    match msg {
        Msg::Up => *scroll = scroll.saturating_sub(1),
        Msg::Down => *scroll = scroll.saturating_add(1),
        Msg::PageUp => *scroll = scroll.saturating_sub(10),
        Msg::PageDown => *scroll = scroll.saturating_add(10),
        Msg::Back => state.mode = Mode::Tree,
        _ => {}
    }
    if let Mode::Help { scroll } = &mut state.mode {
        *scroll = (*scroll).min(max);
    }
    vec![]
}
