//! The plans in the database (`P`): the list, and switching the view to another plan.

use super::common::{leave, load_notes, move_in_list};
use super::rows::open_list;
use crate::i18n::M;
use crate::plan::Status;
use crate::store::PlanRow;
use crate::tui::message::{Effect, Msg};
use crate::tui::state::{Flash, ListKind, Mode, State};

fn say(state: &mut State, text: String, error: bool) {
    state.flash = Some(Flash { text, error });
}

pub(super) fn plans_loaded(state: &mut State, rows: Vec<PlanRow>) {
    if rows.len() < 2 {
        let id = rows.first().map_or(state.plan.id(), |r| r.id.as_str());
        say(state, M::OnlyOnePlan.fill(state.lang, &[&id]), false);
        return;
    }
    let here = rows.iter().position(|r| r.id == state.plan.id());
    state.plans = rows;
    // Plans are listed afresh each time: the row of the plan on screen is selected.
    state.lists.remove(&ListKind::Plans);
    state.flash = None;
    open_list(state, ListKind::Plans, here);
}

/// Keys of the plans list.
pub(super) fn plans_list(state: &mut State, msg: Msg) -> Vec<Effect> {
    if let Some(fx) = move_in_list(state, &msg) {
        return fx;
    }
    match msg {
        Msg::Activate => {
            let Mode::Plans { rows, list } = &state.mode else {
                return vec![];
            };
            let Some(&row) = rows.get(list.sel) else {
                return vec![];
            };
            let id = state.plans[row].id.clone();
            if id == state.plan.id() {
                state.mode = Mode::Tree;
                say(state, M::PlanAlreadyShown.fill(state.lang, &[&id]), false);
                return vec![];
            }
            vec![Effect::SwitchPlan(id)]
        }
        msg => leave(state, &msg),
    }
}

/// Another plan is loaded: the view starts on it afresh (on what needs attention first), as
/// it would with `--plan`; this session's undo, lists and "since" rows were about the other
/// plan and go.
pub(super) fn plan_switched(
    state: &mut State,
    plan: std::rc::Rc<crate::plan::Plan>,
    items: Vec<crate::plan::ItemState>,
    ledger: crate::plan::accountability::Ledger,
    notes: std::collections::HashMap<crate::plan::NodeIx, String>,
    drafts: Vec<crate::store::Draft>,
) -> Vec<Effect> {
    let status = Status::new(&plan, items);
    let mut fresh = State::new(plan, status, state.lang, state.today, &state.user);
    fresh.ledger = ledger;
    fresh.search_notes = notes;
    fresh.read_only = state.read_only;
    fresh.color = state.color;
    fresh.ascii = state.ascii;
    fresh.size = state.size;
    fresh.session = std::mem::take(&mut state.session);
    fresh.accepted = state.accepted;
    fresh.since.day = state.since.day;
    *state = fresh;
    state.keep_visible();
    let mut fx = super::actions::start(state);
    fx.extend(load_notes(state));
    let text = M::PlanNowShown.fill(state.lang, &[&state.plan.id(), &state.plan.file.year]);
    say(state, text.clone(), false);
    // Drafts left on this plan come back as they would at a start with it; the footer says
    // both.
    if !drafts.is_empty() {
        state.offered = drafts;
        fx.extend(super::actions::offer_draft(state));
        if let Some(f) = &mut state.flash
            && f.text != text
        {
            f.text = format!("{text} · {}", f.text);
        }
    }
    fx
}
