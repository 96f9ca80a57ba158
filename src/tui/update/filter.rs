//! What every full-screen list (o, a, s, c, m, w, P) shares: `/` filters its rows as you
//! type, without diacritics (as the tree's search does); which rows pass is `rows`' work.

use super::common::pasted;
use super::rows::{refresh_rows, selected_key};
use crate::i18n::S;
use crate::tui::message::{Effect, Msg};
use crate::tui::state::{Flash, State};

/// `/`, typing into the filter, and Esc clearing it. None when the message is the list's own
/// (moving, acting on the row).
pub(super) fn keys(state: &mut State, msg: &Msg) -> Option<Vec<Effect>> {
    let key = selected_key(&state.mode);
    let list = state.mode.list_mut()?;
    let changed = if list.typing {
        match msg {
            Msg::InputChar(c) => {
                list.query.push(*c);
                true
            }
            Msg::Paste(p) => {
                list.query.push_str(&pasted(p, false));
                true
            }
            Msg::InputBackspace => {
                list.query.pop();
                true
            }
            // Enter keeps the filter and gives the keys back to the list.
            Msg::Submit => {
                list.typing = false;
                false
            }
            // Esc clears the filter and stays on the row that was selected.
            Msg::Back => {
                list.typing = false;
                list.query.clear();
                refresh_rows(state, key);
                return Some(vec![]);
            }
            Msg::Up | Msg::Down | Msg::PageUp | Msg::PageDown | Msg::Top | Msg::Bottom => {
                return None;
            }
            Msg::Quit | Msg::Resize(..) | Msg::Tick(_) => return None,
            _ => false,
        }
    } else {
        match msg {
            Msg::StartSearch => {
                list.typing = true;
                state.flash = None;
                return Some(vec![]);
            }
            Msg::Back if !list.query.is_empty() => {
                list.query.clear();
                refresh_rows(state, key);
                return Some(vec![]);
            }
            // A letter with no meaning here: the list stays, and says how to filter.
            Msg::InputChar(_) => {
                state.flash = Some(Flash {
                    text: S::TuiListHint.get(state.lang).to_string(),
                    error: false,
                });
                return Some(vec![]);
            }
            _ => return None,
        }
    };
    // A new filter starts on its first row, as the tree's search does.
    if changed {
        list.sel = 0;
        list.offset = 0;
        refresh_rows(state, None);
    }
    Some(vec![])
}
