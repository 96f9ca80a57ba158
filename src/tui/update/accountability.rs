//! Each agency's part: the selected item's agencies, the 30/06 checklist and the matrix.

use super::actions::set_filter;
use super::common::{leave, list_delta, list_height, load_notes, selected_changed, writable};
use super::rows::{columns, refresh_rows, selected_key};
use crate::plan::accountability::AgencyState;
use crate::plan::{AgencyIx, NodeIx};
use crate::store::{NewMark, NewNote};
use crate::tui::message::{Change, Effect, Msg};
use crate::tui::state::{ListKind, Mode, State};

/// The part to record when `want` is asked: asking again for the state it is in clears it.
fn next_mark(state: &State, item: NodeIx, agency: AgencyIx, want: AgencyState) -> NewMark {
    let mark = state.ledger.mark(item, agency);
    let now = mark.map_or(AgencyState::NotStarted, |m| m.state);
    NewMark {
        state: if now == want {
            AgencyState::NotStarted
        } else {
            want
        },
        doc_ref: mark.and_then(|m| m.doc_ref.clone()),
        doc_date: mark.and_then(|m| m.doc_date),
        note: mark.and_then(|m| m.note.clone()),
    }
}

/// Open the editor to record an agency's document, coming back to `back` afterwards.
fn evidence(state: &mut State, item: NodeIx, agency: AgencyIx) -> Vec<Effect> {
    if !writable(state) {
        return vec![];
    }
    let mark = state.ledger.mark(item, agency);
    let prefill = NewNote {
        text: mark.and_then(|m| m.note.clone()).unwrap_or_default(),
        doc_ref: mark.and_then(|m| m.doc_ref.clone()),
        doc_date: mark.and_then(|m| m.doc_date),
    };
    let mut editor = State::editor_for(item, Some(agency), None, &prefill);
    if mark.and_then(|m| m.doc_ref.as_ref()).is_none() {
        editor.field = crate::tui::state::Field::DocRef;
    }
    let back = std::mem::replace(&mut state.mode, Mode::Tree);
    editor.back = Some(Box::new(back));
    state.mode = Mode::Editor(Box::new(editor));
    vec![]
}

fn mark(state: &mut State, item: NodeIx, agency: AgencyIx, want: AgencyState) -> Vec<Effect> {
    if !writable(state) {
        return vec![];
    }
    vec![Effect::Write {
        change: Change::SetAgency {
            item,
            agency,
            mark: next_mark(state, item, agency, want),
        },
        undo: None,
    }]
}

/// Keys in the parts list and the checklist: both are lists of agencies on one item.
pub(in crate::tui::update) fn parts(state: &mut State, msg: Msg) -> Vec<Effect> {
    let page = list_height(state) as isize;
    let height = list_height(state);
    let (item, agencies): (NodeIx, Vec<AgencyIx>) = match &state.mode {
        Mode::Parts { agencies, .. } => (state.selected, agencies.clone()),
        Mode::Checklist { item, rows, .. } => (*item, rows.iter().map(|r| r.agency).collect()),
        _ => return vec![],
    };
    let sel = match &state.mode {
        Mode::Parts { list, .. } | Mode::Checklist { list, .. } => list.sel,
        _ => 0,
    };
    if let Some(d) = list_delta(&msg, page) {
        if let Mode::Parts { list, .. } | Mode::Checklist { list, .. } = &mut state.mode {
            list.step(agencies.len(), d, height);
        }
        return vec![];
    }
    let Some(&agency) = agencies.get(sel) else {
        if matches!(msg, Msg::Back) {
            state.mode = Mode::Tree;
        }
        return vec![];
    };
    match msg {
        Msg::MarkAgency(want) => mark(state, item, agency, want),
        Msg::NewNote | Msg::Activate => evidence(state, item, agency),
        Msg::Undo => super::history::undo(state),
        Msg::Redo => super::history::redo(state),
        msg => leave(state, &msg),
    }
}

pub(in crate::tui::update) fn matrix(state: &mut State, msg: Msg) -> Vec<Effect> {
    let page = list_height(state) as isize;
    let height = list_height(state);
    let visible = match &state.mode {
        Mode::Matrix(m) => m.cols(state).visible,
        _ => 1,
    };
    if matches!(msg, Msg::NextField) {
        let by_section = matches!(&state.mode, Mode::Matrix(m) if !m.by_section);
        let cols = columns(state, by_section);
        let key = selected_key(&state.mode);
        if let Mode::Matrix(m) = &mut state.mode {
            m.by_section = by_section;
            m.columns = cols;
            m.col = 0;
            m.col_offset = 0;
        }
        refresh_rows(state, key);
        return vec![];
    }
    let Mode::Matrix(m) = &mut state.mode else {
        return vec![];
    };
    if let Some(d) = list_delta(&msg, page) {
        m.list.step(m.rows.len(), d, height);
        return vec![];
    }
    match msg {
        Msg::Left | Msg::Right => {
            let last = m.columns.len().saturating_sub(1);
            m.col = if matches!(msg, Msg::Left) {
                m.col.saturating_sub(1)
            } else {
                (m.col + 1).min(last)
            };
            if m.col < m.col_offset {
                m.col_offset = m.col;
            } else if m.col >= m.col_offset + visible {
                m.col_offset = m.col + 1 - visible;
            }
            vec![]
        }
        Msg::Activate => {
            let Some(&(agency, _)) = m.rows.get(m.list.sel) else {
                return vec![];
            };
            let roots = m
                .columns
                .get(m.col)
                .map(|c| c.roots.clone())
                .unwrap_or_default();
            state.mode = Mode::Tree;
            state.return_to = Some(ListKind::Matrix);
            set_filter(state, agency);
            // Start on the agency's first duty in the chosen column.
            let first = roots.iter().find_map(|&r| {
                let f = state.filter.as_ref()?;
                (r..state.plan.node(r).end).find(|&i| f.duty[i] && state.plan.node(i).is_task())
            });
            match first {
                Some(ix) => {
                    state.reveal(ix);
                    selected_changed(state)
                }
                None => load_notes(state),
            }
        }
        msg => leave(state, &msg),
    }
}
