//! What several modes can do to the state: start on what needs attention, mark a task done,
//! open the note editor (or the draft kept for its item), open a list or a view, limit the
//! tree to an agency, offer a kept draft. Handlers call these; these call only `rows` and
//! `common`, never a handler.

use chrono::Duration;

use super::common::{go_to, writable};
use super::rows::open_list;
use crate::i18n::S;
use crate::plan::accountability as acc;
use crate::plan::{NodeIx, query};
use crate::store::NewNote;
use crate::tui::message::{Change, Effect};
use crate::tui::since::DEFAULT_DAYS;
use crate::tui::state::{Flash, ListKind, Mode, State};

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

pub(super) fn show_overdue(state: &mut State) -> Vec<Effect> {
    open_list(state, ListKind::Overdue, None);
    vec![]
}

pub(super) fn show_agencies(state: &mut State) -> Vec<Effect> {
    // With the tree filtered to an agency, the list opens on it.
    let key = state.filter.as_ref().map(|f| f.agency);
    open_list(state, ListKind::Agencies, key);
    vec![]
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

pub(super) fn show_parts(state: &mut State) -> Vec<Effect> {
    let agencies = acc::recordable(&state.plan, state.selected);
    if agencies.is_empty() || !state.plan.node(state.selected).is_task() {
        state.flash = Some(Flash {
            text: S::TuiNoParts.get(state.lang).to_string(),
            error: false,
        });
        return vec![];
    }
    open_list(state, ListKind::Parts, None);
    vec![]
}

pub(super) fn show_checklist(state: &mut State) -> Vec<Effect> {
    open_list(state, ListKind::Checklist, None);
    vec![]
}

pub(super) fn show_matrix(state: &mut State) -> Vec<Effect> {
    open_list(state, ListKind::Matrix, None);
    vec![]
}

/// `w`: open the list where it was left and read what changed since its day (a week before
/// today the first time).
pub(super) fn show_since(state: &mut State) -> Vec<Effect> {
    let day = *state
        .since
        .day
        .get_or_insert(state.today - Duration::days(DEFAULT_DAYS));
    state.flash = None;
    open_list(state, ListKind::Since, None);
    vec![Effect::LoadChanges(day)]
}

/// `P`: list the plans (answered by `plans_loaded`).
pub(super) fn show_plans() -> Vec<Effect> {
    vec![Effect::LoadPlans]
}

/// Open the next draft an earlier session kept, in the editor of its item. A draft whose item
/// is no longer in the plan is still offered, as text, on the nearest item that is (saving it
/// there is the user's choice; Esc keeps it as it was).
pub(super) fn offer_draft(state: &mut State) -> Vec<Effect> {
    if state.read_only || state.offered.is_empty() {
        return vec![];
    }
    let d = state.offered.remove(0);
    let lang = state.lang;
    let when = crate::i18n::timestamp(&d.saved_at);
    let found = state.plan.find(&d.item_id);
    let ix = found
        .or_else(|| {
            // IV.9.a → IV.9 → IV
            let mut id = d.item_id.as_str();
            while let Some((head, _)) = id.rsplit_once('.') {
                id = head;
                if let Some(ix) = state.plan.find(id) {
                    return Some(ix);
                }
            }
            None
        })
        .or_else(|| state.plan.roots.first().copied());
    let Some(ix) = ix else { return vec![] };
    state.reveal(ix);
    let mut text = match found {
        Some(_) => S::TuiDraftOffered.fill(lang, &[&when, &d.item_id]),
        None => S::TuiDraftOrphan.fill(lang, &[&when, &d.item_id, &state.plan.node(ix).id]),
    };
    if !state.offered.is_empty() {
        text.push(' ');
        text.push_str(&S::TuiDraftsMore.fill(lang, &[&state.offered.len()]));
    }
    let note_id = found.and(d.note_id);
    let mut editor = State::editor(ix, note_id, &d.note);
    editor.kept_as = Some(d.key());
    state.mode = Mode::Editor(Box::new(editor));
    state.flash = Some(Flash { text, error: false });
    vec![Effect::LoadNotes(ix)]
}
