//! The rows of every full-screen list (overdue, agencies, parts, checklist, matrix, since,
//! plans): built from the state, kept to those the list's filter lets through, recomputed
//! when the data changes, and each list opened and remembered where it was left (Enter on a
//! row and coming back finds the same row and filter). Below every handler; uses only `common`.

use super::common::list_height;
use crate::i18n::S;
use crate::plan::accountability as acc;
use crate::plan::{AgencyIx, NodeIx, query};
use crate::text::fold;
use crate::tui::state::{ListKind, ListState, Matrix, Mode, NEAR_DAYS, Remembered, State};

/// The text a row is matched against, folded: an item's id, title and answering agencies;
/// an agency's id, names and aliases.
fn label(state: &State, kind: ListKind, key: usize) -> String {
    let agency = |a: usize| {
        let a = state.plan.agencies.get(a);
        format!("{}\n{}", a.folded().join("\n"), fold(&a.name_en))
    };
    match kind {
        ListKind::Overdue => {
            let n = state.plan.node(key);
            let mut l = format!("{}\n{}", fold(&n.id), fold(&n.title));
            for e in n.responsible() {
                l.push('\n');
                l.push_str(&agency(e.agency));
            }
            l
        }
        _ => agency(key),
    }
}

/// Whether a row has every word of the filter, each at the start of one of its words ("so n"
/// is Sở Nội vụ, not every name with "so" and an "n" somewhere).
fn matches(state: &State, kind: ListKind, key: usize, words: &[String]) -> bool {
    words.is_empty() || crate::tui::since::has_words(&label(state, kind, key), words)
}

/// Recompute the rows of the list on screen from the data, keep those its filter lets
/// through, and put the selection back on `key` (else on the same position).
pub(super) fn refresh_rows(state: &mut State, key: Option<usize>) {
    let Some(kind) = state.mode.list_kind() else {
        return;
    };
    let query = state
        .mode
        .list()
        .map(|l| l.query.clone())
        .unwrap_or_default();
    let words: Vec<String> = fold(&query)
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let keep = |state: &State, k: usize| matches(state, kind, k, &words);
    match &state.mode {
        Mode::Overdue { .. } => {
            let mut rows = overdue_rows(state);
            rows.retain(|&k| keep(state, k));
            if let Mode::Overdue { rows: r, .. } = &mut state.mode {
                *r = rows;
            }
        }
        Mode::Agencies { .. } => {
            let mut rows =
                query::agency_rows(&state.plan, &state.status, &state.ledger, state.today);
            rows.retain(|r| keep(state, r.agency));
            if let Mode::Agencies { rows: r, .. } = &mut state.mode {
                *r = rows;
            }
        }
        Mode::Parts { .. } => {
            let mut rows = acc::recordable(&state.plan, state.selected);
            rows.retain(|&k| keep(state, k));
            if let Mode::Parts { agencies, .. } = &mut state.mode {
                *agencies = rows;
            }
        }
        Mode::Checklist { item, .. } => {
            let mut rows = checklist_rows(state, *item);
            rows.retain(|r| keep(state, r.agency));
            if let Mode::Checklist { rows: r, .. } = &mut state.mode {
                *r = rows;
            }
        }
        Mode::Matrix(m) => {
            let mut rows = matrix_rows(state, &m.columns);
            rows.retain(|r| keep(state, r.0));
            if let Mode::Matrix(m) = &mut state.mode {
                m.rows = rows;
            }
        }
        Mode::Since { .. } => {
            let rows = crate::tui::since::rows(&state.plan, &state.since.groups, &words);
            if let Mode::Since { rows: r, .. } = &mut state.mode {
                *r = rows;
            }
        }
        Mode::Plans { .. } => {
            let has = |p: &crate::store::PlanRow| {
                crate::tui::since::has_words(&format!("{}\n{}", p.id, p.title), &words)
            };
            let rows = (0..state.plans.len())
                .filter(|&i| has(&state.plans[i]))
                .collect();
            if let Mode::Plans { rows: r, .. } = &mut state.mode {
                *r = rows;
            }
        }
        _ => {}
    }
    let keys = state.mode.row_keys();
    let height = list_height(state);
    if let Some(list) = state.mode.list_mut() {
        let len = keys.len();
        list.sel = key
            .and_then(|k| keys.iter().position(|&x| x == k))
            .unwrap_or(list.sel)
            .min(len.saturating_sub(1));
        list.offset = list.offset.min(len.saturating_sub(height));
        list.step(len, 0, height);
    }
}

/// The key of the selected row of the list on screen.
pub(super) fn selected_key(mode: &Mode) -> Option<usize> {
    let sel = mode.list()?.sel;
    mode.row_keys().get(sel).copied()
}

/// Open a list, where it was left (row and filter); `key` overrides the remembered row.
pub(super) fn open_list(state: &mut State, kind: ListKind, key: Option<usize>) {
    let remembered = state.lists.get(&kind).cloned();
    let list = remembered
        .as_ref()
        .map(|r| ListState {
            typing: false,
            ..r.list.clone()
        })
        .unwrap_or_default();
    let key = key.or(remembered.and_then(|r| r.key));
    state.mode = match kind {
        ListKind::Overdue => Mode::Overdue {
            rows: Vec::new(),
            list,
        },
        ListKind::Agencies => Mode::Agencies {
            rows: Vec::new(),
            list,
        },
        ListKind::Parts => Mode::Parts {
            agencies: Vec::new(),
            list,
        },
        ListKind::Checklist => {
            let Some(item) = acc::checklist_milestone(&state.plan).map(|m| m.item) else {
                return;
            };
            Mode::Checklist {
                item,
                rows: Vec::new(),
                list,
            }
        }
        ListKind::Since => Mode::Since {
            rows: Vec::new(),
            list,
            prompt: None,
        },
        ListKind::Plans => Mode::Plans {
            rows: Vec::new(),
            list,
        },
        ListKind::Matrix => {
            let by_section = matches!(
                state.mode,
                Mode::Matrix(ref m) if m.by_section
            );
            Mode::Matrix(Box::new(Matrix {
                by_section,
                columns: columns(state, by_section),
                rows: Vec::new(),
                list,
                col: 0,
                col_offset: 0,
            }))
        }
    };
    refresh_rows(state, key);
}

/// Where the list on screen is, to remember it when it closes.
pub(super) fn snapshot(state: &State) -> Option<(ListKind, Remembered)> {
    let kind = state.mode.list_kind()?;
    Some((
        kind,
        Remembered {
            list: state.mode.list()?.clone(),
            key: selected_key(&state.mode),
        },
    ))
}

/// After a message: a list that closed is remembered as it was.
pub(super) fn remember(state: &mut State, before: Option<(ListKind, Remembered)>) {
    if let Some((kind, mut r)) = before
        && state.mode.list_kind() != Some(kind)
    {
        r.list.typing = false;
        state.lists.insert(kind, r);
    }
}

/// Unfinished tasks overdue or due within [`NEAR_DAYS`], by deadline.
fn overdue_rows(state: &State) -> Vec<NodeIx> {
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

/// The checklist of the milestone whose item is `item`.
fn checklist_rows(state: &State, item: NodeIx) -> Vec<acc::ChecklistRow> {
    let also: &[NodeIx] = state
        .plan
        .milestones
        .iter()
        .find(|m| m.item == item)
        .map_or(&[], |m| &m.also);
    acc::checklist(
        &state.plan,
        &state.status,
        &state.ledger,
        item,
        also,
        state.today,
    )
}

/// Rows of the matrix: every answerable agency with its cells.
fn matrix_rows(state: &State, columns: &[acc::Column]) -> Vec<(AgencyIx, Vec<acc::Cell>)> {
    acc::matrix(
        &state.plan,
        &state.status,
        &state.ledger,
        columns,
        state.today,
    )
}

pub(super) fn columns(state: &State, by_section: bool) -> Vec<acc::Column> {
    if by_section {
        acc::section_columns(&state.plan)
    } else {
        acc::index_columns(&state.plan, S::MatrixRest.get(state.lang))
    }
}

/// Lists computed from the status are recomputed when it changes, staying on their row.
pub(super) fn refresh_lists(state: &mut State) {
    let key = selected_key(&state.mode);
    refresh_rows(state, key);
}
