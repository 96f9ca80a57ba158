//! The full-screen lists (overdue, agencies), the agency filter and the help screen.

use super::{NEAR_DAYS, list_delta, list_height, load_notes, selected_changed};
use crate::plan::{NodeIx, query};
use crate::tui::message::{Effect, Msg};
use crate::tui::state::{ListState, Mode, State};

/// Unfinished tasks overdue or due within [`NEAR_DAYS`], by deadline.
pub(super) fn overdue_rows(state: &State) -> Vec<NodeIx> {
    let agency = state.filter.as_ref().map(|f| f.agency);
    query::overdue(
        &state.plan,
        &state.status,
        &state.ledger,
        state.today,
        Some(NEAR_DAYS),
        agency,
    )
}

pub(super) fn show_overdue(state: &mut State) -> Vec<Effect> {
    state.mode = Mode::Overdue {
        rows: overdue_rows(state),
        list: ListState::default(),
    };
    vec![]
}

pub(super) fn show_agencies(state: &mut State) -> Vec<Effect> {
    let rows = query::agency_rows(&state.plan, &state.status, &state.ledger, state.today);
    let sel = state
        .filter
        .as_ref()
        .and_then(|f| rows.iter().position(|r| r.agency == f.agency))
        .unwrap_or(0);
    state.mode = Mode::Agencies {
        rows,
        list: ListState { sel, offset: 0 },
    };
    vec![]
}

pub(super) fn list_len(mode: &Mode) -> usize {
    match mode {
        Mode::Overdue { rows, .. } => rows.len(),
        Mode::Agencies { rows, .. } => rows.len(),
        _ => 0,
    }
}

pub(super) fn list(state: &mut State, msg: Msg) -> Vec<Effect> {
    let len = list_len(&state.mode);
    let height = list_height(state);
    if let Some(delta) = list_delta(&msg, height.saturating_sub(1).max(1) as isize) {
        if let Mode::Overdue { list, .. } | Mode::Agencies { list, .. } = &mut state.mode {
            list.step(len, delta, height);
        }
        return vec![];
    }
    match msg {
        Msg::Activate => activate_list(state),
        Msg::ShowOverdue => show_overdue(state),
        Msg::ShowAgencies => show_agencies(state),
        Msg::ShowChecklist => super::accountability::show_checklist(state),
        Msg::ShowMatrix => super::accountability::show_matrix(state),
        Msg::ShowHelp => {
            state.mode = Mode::Help { scroll: 0 };
            vec![]
        }
        Msg::Back => {
            state.mode = Mode::Tree;
            vec![]
        }
        _ => vec![],
    }
}

pub(super) fn activate_list(state: &mut State) -> Vec<Effect> {
    match std::mem::replace(&mut state.mode, Mode::Tree) {
        Mode::Overdue { rows, list } => {
            let Some(&ix) = rows.get(list.sel) else {
                return vec![];
            };
            if !state.is_shown(ix) {
                state.filter = None;
            }
            state.reveal(ix);
            selected_changed(state)
        }
        Mode::Agencies { rows, list } => {
            let Some(row) = rows.get(list.sel) else {
                return vec![];
            };
            set_filter(state, row.agency);
            load_notes(state)
        }
        other => {
            state.mode = other;
            vec![]
        }
    }
}

/// Limit the tree to one agency's duties, opening every branch that holds one.
pub fn set_filter(state: &mut State, agency: crate::plan::AgencyIx) {
    let plan = &state.plan;
    let duty = query::duties(plan, agency);
    let mut shown = duty.clone();
    for i in (0..plan.len()).rev() {
        if shown[i]
            && let Some(p) = plan.node(i).parent
        {
            shown[p] = true;
        }
    }
    for (i, open) in state.expanded.iter_mut().enumerate() {
        if shown[i] && !plan.node(i).children.is_empty() {
            *open = true;
        }
    }
    state.filter = Some(crate::tui::state::Filter {
        agency,
        duty,
        shown,
    });
    state.rebuild_rows();
    // Start on the first duty rather than on a heading kept for context.
    if let Some(f) = &state.filter
        && !f.duty[state.selected]
        && let Some(&first) = state.rows.iter().find(|&&r| f.duty[r])
    {
        state.selected = first;
        state.keep_visible();
    }
}

pub(super) fn help(state: &mut State, msg: Msg) -> Vec<Effect> {
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
    vec![]
}

/// Lists computed from the status are recomputed when it changes.
pub(super) fn refresh_lists(state: &mut State) {
    super::accountability::refresh(state);
    match &state.mode {
        Mode::Overdue { list, .. } => {
            let list = list.clone();
            let rows = overdue_rows(state);
            let sel = list.sel.min(rows.len().saturating_sub(1));
            state.mode = Mode::Overdue {
                rows,
                list: ListState { sel, ..list },
            };
        }
        Mode::Agencies { list, .. } => {
            let list = list.clone();
            let rows = query::agency_rows(&state.plan, &state.status, &state.ledger, state.today);
            state.mode = Mode::Agencies { rows, list };
        }
        _ => {}
    }
}
