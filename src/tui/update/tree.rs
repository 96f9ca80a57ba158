//! Keys in the tree: moving, opening, marking done, undo.

use super::common::{go_to, move_rows, selected_changed, writable};
use super::lists::{show_agencies, show_overdue};
use crate::i18n::S;
use crate::plan::NodeIx;
use crate::store::NewNote;
use crate::tui::message::{Change, Effect, Msg};
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
                .map(|d| d.format("%d/%m/%Y").to_string())
                .unwrap_or_default();
            state.mode = Mode::Deadline(DeadlineInput {
                item: sel,
                input,
                error: None,
            });
            vec![]
        }
        Msg::Undo => super::undo(state),
        Msg::Redo => super::redo(state),
        Msg::ShowOverdue => show_overdue(state),
        Msg::ShowAgencies => show_agencies(state),
        Msg::ShowParts => super::accountability::show_parts(state),
        Msg::ShowChecklist => super::accountability::show_checklist(state),
        Msg::ShowMatrix => super::accountability::show_matrix(state),
        Msg::ShowSince => super::since::show_since(state),
        Msg::ShowPlans => super::since::show_plans(),
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

/// Start on the first overdue task, else the task due next, rather than on part I's
/// purposes. A draft offered at start (an editor open) keeps its item.
pub(super) fn start(state: &mut State) -> Vec<Effect> {
    if !matches!(state.mode, Mode::Tree) {
        return vec![];
    }
    let first = crate::plan::query::overdue(
        &state.plan,
        &state.status,
        &state.ledger,
        state.today,
        Some(36_500),
        None,
    )
    .first()
    .copied();
    match first {
        Some(ix) => go_to(state, ix),
        None => vec![],
    }
}

/// Mark task `ix` done, or reopen it.
pub(super) fn toggle_done(state: &mut State, ix: NodeIx) -> Vec<Effect> {
    if !writable(state) {
        return vec![];
    }
    let node = state.plan.node(ix);
    if !node.is_task() {
        state.flash = Some(Flash {
            text: S::NotATask.fill(state.lang, &[&node.id, &state.status.tallies[ix].total]),
            error: true,
        });
        return vec![];
    }
    vec![Effect::Write {
        change: Change::SetDone {
            item: ix,
            done: !state.status.items[ix].done,
        },
        undo: None,
    }]
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

pub(super) fn open_editor(
    state: &mut State,
    item: NodeIx,
    note_id: Option<i64>,
    note: NewNote,
) -> Vec<Effect> {
    if !writable(state) {
        return vec![];
    }
    // What was typed here and closed with Esc comes back, whichever key opens the editor.
    if let Some(d) = state.kept.get(&item) {
        let mut editor = State::editor(item, d.note_id, &d.note);
        editor.kept_as = Some(d.key());
        state.flash = Some(Flash {
            text: S::TuiDraftReopened.get(state.lang).to_string(),
            error: false,
        });
        state.mode = Mode::Editor(Box::new(editor));
        return vec![];
    }
    state.mode = Mode::Editor(Box::new(State::editor(item, note_id, &note)));
    vec![]
}
