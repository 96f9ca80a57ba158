//! Typing a line: the search line and the deadline prompt (the note editor is `editor`).

use super::common::{go_to, pasted, selected_changed};
use crate::i18n::S;
use crate::plan::{NodeIx, query};
use crate::text::{nfc, parse_date};
use crate::tui::matching::tier;
use crate::tui::message::{Change, Effect, Msg};
use crate::tui::state::{Mode, State};

pub(super) fn search(state: &mut State, msg: Msg) -> Vec<Effect> {
    let Mode::Search(s) = &mut state.mode else {
        return vec![];
    };
    let mut requery = false;
    match msg {
        Msg::InputChar(c) => {
            s.query.push(c);
            requery = true;
        }
        Msg::Paste(p) => {
            s.query.push_str(&pasted(&p, false));
            requery = true;
        }
        Msg::InputBackspace => {
            s.query.pop();
            requery = true;
        }
        Msg::NextField | Msg::PrevField if !s.hits.is_empty() => {
            let n = s.hits.len();
            s.at = if matches!(msg, Msg::NextField) {
                (s.at + 1) % n
            } else {
                (s.at + n - 1) % n
            };
            let target = s.hits[s.at];
            return go_to(state, target);
        }
        Msg::Submit => {
            state.mode = Mode::Tree;
            return vec![];
        }
        Msg::Back => {
            let (origin, expanded) = (s.origin, s.origin_expanded.clone());
            state.mode = Mode::Tree;
            state.expanded = expanded;
            state.selected = origin;
            state.rebuild_rows();
            return selected_changed(state);
        }
        _ => {}
    }
    if !requery {
        return vec![];
    }
    let query = nfc(&s.query).into_owned();
    let plan = state.plan.clone();
    let notes = &state.search_notes;
    let hits: Vec<NodeIx> = query::search(&plan, &query, &|ix| notes.get(&ix).map(String::as_str))
        .into_iter()
        .map(|h| h.node)
        .filter(|&ix| state.filter.as_ref().is_none_or(|f| f.shown[ix]))
        .collect();
    // Whole words first ("giai ngan" is "giải ngân" before "giải quyết … ngành"), the
    // model's order kept within each tier.
    let words: Vec<String> = crate::text::fold(&query)
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let mut ranked: Vec<(u8, NodeIx)> = hits
        .into_iter()
        .map(|ix| {
            let f = plan.folded(ix);
            let note = notes.get(&ix).map_or("", String::as_str);
            let tier = [&f.title, &f.text, &f.agencies, note]
                .iter()
                .map(|h| tier(h, &words))
                .max()
                .unwrap_or(0);
            (tier, ix)
        })
        .collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.0));
    let whole = ranked.iter().filter(|(t, _)| *t > 0).count();
    let hits: Vec<NodeIx> = ranked.into_iter().map(|(_, ix)| ix).collect();
    let Mode::Search(s) = &mut state.mode else {
        return vec![];
    };
    s.hits = hits;
    s.whole = whole;
    s.at = 0;
    match s.hits.first().copied() {
        Some(best) => go_to(state, best),
        None => vec![],
    }
}

pub(super) fn deadline(state: &mut State, msg: Msg) -> Vec<Effect> {
    let Mode::Deadline(d) = &mut state.mode else {
        return vec![];
    };
    match msg {
        Msg::InputChar(c) => {
            if std::mem::take(&mut d.fresh) {
                d.input.clear();
            }
            d.input.push(c);
            d.error = None;
        }
        Msg::Paste(p) => {
            if std::mem::take(&mut d.fresh) {
                d.input.clear();
            }
            d.input.push_str(pasted(&p, false).trim());
            d.error = None;
        }
        Msg::InputBackspace => {
            d.fresh = false;
            d.input.pop();
            d.error = None;
        }
        Msg::Back => state.mode = Mode::Tree,
        Msg::Submit => {
            let text = d.input.trim().to_string();
            let date = if text.is_empty() {
                None
            } else {
                match parse_date(&text) {
                    Some(date) => Some(date),
                    None => {
                        d.error =
                            Some(S::BadDate.fill(state.lang, &[&super::common::as_typed(&text)]));
                        return vec![];
                    }
                }
            };
            // The prompt stays until the store says saved: refused (a locked database), it
            // keeps the text and shows why.
            let item = d.item;
            return vec![Effect::Write {
                change: Change::SetDeadline { item, date },
                undo: None,
            }];
        }
        _ => {}
    }
    vec![]
}
