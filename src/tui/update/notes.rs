//! Moving through an item's notes; editing or deleting one's own.

use super::actions::open_editor;
use super::common::writable;
use super::history::{redo, undo};
use crate::i18n::S;
use crate::store::NewNote;
use crate::tui::message::{Change, Effect, Msg};
use crate::tui::state::{Flash, Mode, State};

pub(super) fn notes(state: &mut State, msg: Msg) -> Vec<Effect> {
    let count = state.notes_of(state.selected).map_or(0, <[_]>::len);
    match (&state.mode, msg) {
        (Mode::ConfirmDelete { id, sel }, Msg::Confirm(yes)) => {
            let (id, sel) = (*id, *sel);
            state.mode = Mode::Notes { sel };
            if yes {
                return vec![Effect::Write {
                    change: Change::DeleteNote {
                        item: state.selected,
                        id,
                    },
                    undo: None,
                }];
            }
            vec![]
        }
        (Mode::ConfirmDelete { .. }, Msg::Quit) => vec![],
        (Mode::Notes { sel }, m) => {
            let sel = *sel;
            match m {
                Msg::Up => {
                    state.mode = Mode::Notes {
                        sel: sel.saturating_sub(1),
                    }
                }
                Msg::Down => {
                    state.mode = Mode::Notes {
                        sel: (sel + 1).min(count.saturating_sub(1)),
                    }
                }
                Msg::Back => state.mode = Mode::Tree,
                Msg::ShowHelp => state.mode = Mode::Help { scroll: 0 },
                Msg::NewNote => {
                    return open_editor(state, state.selected, None, NewNote::default());
                }
                Msg::Undo => return undo(state),
                Msg::Redo => return redo(state),
                Msg::EditNote | Msg::DeleteNote => {
                    let Some(note) = state
                        .notes_of(state.selected)
                        .and_then(|n| n.get(sel))
                        .cloned()
                    else {
                        return vec![];
                    };
                    if note.author != state.user {
                        state.flash = Some(Flash {
                            text: S::TuiNotYours.fill(state.lang, &[&note.id, &note.author]),
                            error: true,
                        });
                        return vec![];
                    }
                    if !writable(state) {
                        return vec![];
                    }
                    if matches!(m, Msg::EditNote) {
                        let content = NewNote {
                            text: note.text.clone(),
                            doc_ref: note.doc_ref.clone(),
                            doc_date: note.doc_date,
                        };
                        return open_editor(state, state.selected, Some(note.id), content);
                    }
                    state.mode = Mode::ConfirmDelete { id: note.id, sel };
                }
                _ => {}
            }
            vec![]
        }
        _ => vec![],
    }
}
