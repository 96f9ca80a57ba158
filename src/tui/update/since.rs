//! "Since the last meeting" (`w`): opening it, its rows and the day prompt.

use chrono::{Datelike, Duration, NaiveDate};

use super::common::{as_typed, leave, move_in_list, pasted, selected_changed};
use super::rows::{refresh_rows, selected_key};
use crate::i18n::{self, M};
use crate::store::AuditRow;
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
