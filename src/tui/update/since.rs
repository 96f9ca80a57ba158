//! "Since the last meeting" (`w`) and the plans in the database (`P`): opening them, their
//! rows, the day prompt, and switching to another plan.

use chrono::{Datelike, Duration, NaiveDate};

use super::common::{
    as_typed, leave, list_delta, list_height, load_notes, pasted, selected_changed,
};
use super::rows::{open_list, refresh_rows, selected_key};
use crate::i18n::{self, M};
use crate::plan::Status;
use crate::store::{AuditRow, PlanRow};
use crate::tui::message::{Effect, Msg};
use crate::tui::since::{self, DEFAULT_DAYS, DateInput};
use crate::tui::state::{Flash, ListKind, Mode, State};

fn say(state: &mut State, text: String, error: bool) {
    state.flash = Some(Flash { text, error });
}

pub(super) fn changes_loaded(state: &mut State, day: NaiveDate, rows: &[AuditRow]) {
    if state.since.day != Some(day) {
        return;
    }
    state.since.groups = since::group(&state.plan, state.lang, rows);
    state.since.loaded = true;
    if matches!(state.mode, Mode::Since { .. }) {
        let key = selected_key(&state.mode);
        refresh_rows(state, key);
    }
}

/// Keys of the "since" list (the day prompt closed).
pub(super) fn since_list(state: &mut State, msg: Msg) -> Vec<Effect> {
    if let Some(fx) = move_in_list(state, &msg) {
        return fx;
    }
    match msg {
        Msg::Activate => open_item(state),
        Msg::SinceDate => {
            let input = state.since.day.map(i18n::date).unwrap_or_default();
            if let Mode::Since { prompt, .. } = &mut state.mode {
                *prompt = Some(DateInput {
                    fresh: !input.is_empty(),
                    input,
                    error: None,
                });
            }
            state.flash = None;
            vec![]
        }
        msg => leave(state, &msg),
    }
}

fn move_in_list(state: &mut State, msg: &Msg) -> Option<Vec<Effect>> {
    let len = state.mode.row_keys().len();
    let height = list_height(state);
    let delta = list_delta(msg, height.saturating_sub(1).max(1) as isize)?;
    if let Some(list) = state.mode.list_mut() {
        list.step(len, delta, height);
    }
    Some(vec![])
}

/// Enter on a row: the item in the tree; Esc there comes back to the list.
fn open_item(state: &mut State) -> Vec<Effect> {
    let Mode::Since { rows, list, .. } = &state.mode else {
        return vec![];
    };
    let Some(row) = rows.get(list.sel) else {
        return vec![];
    };
    let group = &state.since.groups[row.group];
    let Some(ix) = group.item else {
        let text = match &group.item_id {
            Some(id) => M::SinceNotInPlan.fill(state.lang, &[id]),
            None => M::SinceNoItem.get(state.lang).to_string(),
        };
        say(state, text, true);
        return vec![];
    };
    state.flash = None;
    state.mode = Mode::Tree;
    if !state.is_shown(ix) {
        state.filter = None;
    }
    state.return_to = Some(ListKind::Since);
    state.reveal(ix);
    selected_changed(state)
}

/// Typing the day: Enter reads it (a bad day keeps the prompt, its text and what is wrong),
/// Esc closes the prompt and keeps the day shown.
pub(super) fn since_prompt(state: &mut State, msg: Msg) -> Vec<Effect> {
    let (lang, today) = (state.lang, state.today);
    let Mode::Since {
        prompt: Some(p), ..
    } = &mut state.mode
    else {
        return vec![];
    };
    match msg {
        Msg::InputChar(c) => {
            if std::mem::take(&mut p.fresh) {
                p.input.clear();
            }
            p.input.push(c);
        }
        Msg::Paste(text) => {
            if std::mem::take(&mut p.fresh) {
                p.input.clear();
            }
            p.input.push_str(pasted(&text, false).trim());
        }
        Msg::InputBackspace => {
            p.fresh = false;
            p.input.pop();
        }
        Msg::Back => {
            if let Mode::Since { prompt, .. } = &mut state.mode {
                *prompt = None;
            }
            return vec![];
        }
        Msg::Submit => match read_day(lang, today, &p.input) {
            Ok(day) => {
                if let Mode::Since { prompt, list, .. } = &mut state.mode {
                    *prompt = None;
                    list.sel = 0;
                    list.offset = 0;
                }
                state.since = since::SinceData {
                    day: Some(day),
                    ..Default::default()
                };
                refresh_rows(state, None);
                return vec![Effect::LoadChanges(day)];
            }
            Err(e) => {
                p.error = Some(e);
                return vec![];
            }
        },
        _ => return vec![],
    }
    p.error = None;
    vec![]
}

/// The day typed, or what is wrong with it, in words.
pub fn read_day(lang: i18n::Lang, today: NaiveDate, text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    let example = i18n::date(today - Duration::days(DEFAULT_DAYS));
    if text.is_empty() {
        return Err(M::SinceEmpty.fill(lang, &[&example]));
    }
    if let Some(day) = crate::text::parse_date(text) {
        if day > today {
            return Err(M::SinceFuture.fill(lang, &[&i18n::date(day), &i18n::date(today)]));
        }
        return Ok(day);
    }
    // The shape of a date with a day or month that does not exist: say which.
    let parts: Vec<u32> = text
        .split(['/', '-', '.'])
        .map(|p| p.parse().unwrap_or(0))
        .collect();
    if let [d, m, y] = parts[..]
        && d > 0
        && y > 999
    {
        if !(1..=12).contains(&m) {
            return Err(M::SinceNoMonth.fill(lang, &[&as_typed(text), &m]));
        }
        let first = NaiveDate::from_ymd_opt(y as i32, m, 1);
        let next = NaiveDate::from_ymd_opt(y as i32 + i32::from(m == 12), m % 12 + 1, 1);
        if let (Some(first), Some(next)) = (first, next) {
            let days = (next - first).num_days();
            return Err(M::SinceNoDay.fill(lang, &[&as_typed(text), &m, &first.year(), &days]));
        }
    }
    Err(crate::i18n::S::BadDate.fill(lang, &[&as_typed(text)]))
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
