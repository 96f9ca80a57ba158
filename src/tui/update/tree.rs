//! Keys in the tree: moving, opening, marking done, undo.

use super::actions::{
    open_editor, show_agencies, show_checklist, show_matrix, show_overdue, show_parts, show_plans,
    show_since, toggle_done,
};
use super::common::{move_rows, selected_changed, writable};
use crate::i18n::S;
use crate::store::NewNote;
use crate::tui::message::{Effect, Msg};
use crate::tui::state::{DeadlineInput, Flash, ListKind, Mode, Search, State};

pub(super) fn tree(state: &mut State, msg: Msg) -> Vec<Effect> {
    let page = state.tree_height().saturating_sub(1).max(1) as isize;
    let sel = state.selected;
    let plan = state.plan.clone();
    let node = plan.node(sel);
    let has_children = !node.children.is_empty();
    match msg {
        Msg::Up => move_rows(state, -1),
        Msg::Down => move_rows(state, 1),
        Msg::PageUp => move_rows(state, -page),
        Msg::PageDown => move_rows(state, page),
        Msg::Top => move_rows(state, isize::MIN / 2),
        Msg::Bottom => move_rows(state, isize::MAX / 2),
        Msg::Collapse => {
            if has_children && state.expanded[sel] {
                state.expanded[sel] = false;
                state.rebuild_rows();
                vec![]
            } else {
                parent(state)
            }
        }
        Msg::Expand => {
            if has_children && !state.expanded[sel] {
                state.expanded[sel] = true;
                state.rebuild_rows();
                vec![]
            } else if has_children {
                move_rows(state, 1)
            } else {
                vec![]
            }
        }
        Msg::Parent => parent(state),
        Msg::Activate => {
            if has_children {
                state.expanded[sel] = !state.expanded[sel];
                state.rebuild_rows();
            } else {
                state.zoom = !state.zoom;
                state.detail_scroll = 0;
                state.keep_visible();
            }
            vec![]
        }
        Msg::ToggleDone => toggle_done(state, sel),
        Msg::NewNote => open_editor(state, sel, None, NewNote::default()),
        Msg::EditDeadline => {
            if !writable(state) {
                return vec![];
            }
            let input = state.status.items[sel]
                .deadline
                .map(crate::i18n::date)
                .unwrap_or_default();
            state.mode = Mode::Deadline(DeadlineInput {
                item: sel,
                fresh: !input.is_empty(),
                input,
                error: None,
            });
            vec![]
        }
        Msg::Undo => super::history::undo(state),
        Msg::Redo => super::history::redo(state),
        Msg::ShowOverdue => show_overdue(state),
        Msg::ShowAgencies => show_agencies(state),
        Msg::ShowParts => show_parts(state),
        Msg::ShowChecklist => show_checklist(state),
        Msg::ShowMatrix => show_matrix(state),
        Msg::ShowSince => show_since(state),
        Msg::ShowPlans => show_plans(),
        Msg::StartSearch => {
            state.mode = Mode::Search(Search {
                query: String::new(),
                hits: Vec::new(),
                whole: 0,
                at: 0,
                origin: sel,
                origin_expanded: state.expanded.clone(),
            });
            vec![]
        }
        Msg::ShowHelp => {
            state.mode = Mode::Help { scroll: 0 };
            vec![]
        }
        Msg::FocusNotes => {
            match state.notes_of(sel) {
                Some(n) if !n.is_empty() => state.mode = Mode::Notes { sel: 0 },
                _ => {
                    state.flash = Some(Flash {
                        text: S::TuiNoNotes.get(state.lang).to_string(),
                        error: false,
                    })
                }
            }
            vec![]
        }
        Msg::ScrollDetail(d) => {
            state.detail_scroll = state
                .detail_scroll
                .saturating_add_signed(d)
                .min(crate::tui::view::detail::max_scroll(state));
            vec![]
        }
        Msg::Back => {
            if state.zoom {
                state.zoom = false;
                state.keep_visible();
            } else if let Some(kind) = state.return_to.take() {
                // Back to the list this item was opened from; the agency filter it set goes.
                let item_list = matches!(kind, ListKind::Overdue | ListKind::Since);
                if !item_list && state.filter.take().is_some() {
                    state.rebuild_rows();
                }
                super::rows::open_list(state, kind, None);
            } else if state.filter.take().is_some() {
                state.rebuild_rows();
            } else {
                state.flash = None;
            }
            vec![]
        }
        _ => vec![],
    }
}

pub(super) fn parent(state: &mut State) -> Vec<Effect> {
    match state.plan.node(state.selected).parent {
        Some(p) if state.rows.contains(&p) => {
            state.selected = p;
            selected_changed(state)
        }
        _ => vec![],
    }
}
