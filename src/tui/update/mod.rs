//! `update(state, msg) -> effects`: the one place the interactive state changes. No I/O here;
//! saving, loading and quitting are returned as [`Effect`]s for the loop to run.
//!
//! The modules call one way, down this stack, never up and never sideways within a layer:
//!
//! ```text
//! mod.rs        update(): which handler a message goes to (nothing calls up into it)
//! handlers      tree · lists (o, a, help) · accountability (s, c, m) · since (w) · plans (P) · notes
//!               input (search, deadline) · editor · filter (a list's `/`) · results (what
//!               the loop reports back: saved, refused, others' changes, the day)
//! shared        actions (what several modes do: mark done, open the editor, open a list,
//!               filter to an agency, offer a draft) · history (undo, redo) · hold (the
//!               footer's hold)
//! rows          the rows of every list, opening and remembering a list
//! common        small steps: paging, moving and going to a row, loading notes, the
//!               read-only check, keeping drafts, cleaning a paste
//! ```
//!
//! A handler that needs what another handler does moves that piece down into `actions`,
//! `rows` or `common` instead of calling across; `actions` uses only `rows` and `common`.
//! `tests/module_layers.rs` reads these files and fails, naming the cycle, if an arrow turns
//! back. Beside `state`, `update` may use `layout` (sizes) and `view`'s measures (how far the
//! detail and help scroll); `view` never uses `update`.

mod accountability;
mod actions;
mod common;
mod editor;
mod filter;
mod history;
mod hold;
mod input;
mod lists;
mod notes;
mod plans;
mod results;
mod rows;
mod since;
mod tree;

pub use actions::set_filter;
pub use results::describe;
pub use since::read_day;

use common::now;
use editor::editor;
use input::{deadline, search};
use lists::{help, list};
use notes::notes;
use tree::tree;

use super::message::{Effect, Msg};
use super::state::{Flash, Mode, State};
use crate::i18n::S;

pub fn update(state: &mut State, msg: Msg) -> Vec<Effect> {
    let list = rows::snapshot(state);
    let fx = handle(state, msg);
    rows::remember(state, list);
    fx
}

fn handle(state: &mut State, msg: Msg) -> Vec<Effect> {
    hold::before(state, &msg);
    match msg {
        Msg::Resize(w, h) => {
            state.size = (w, h);
            state.keep_visible();
            // Scrolls stop at the last line at the new size too.
            state.detail_scroll = state
                .detail_scroll
                .min(crate::tui::view::detail::max_scroll(state));
            let help_max = crate::tui::view::help_max_scroll(state);
            if let Mode::Help { scroll } = &mut state.mode {
                *scroll = (*scroll).min(help_max);
            }
            if let Mode::Editor(e) = &mut state.mode {
                editor::resized(e);
            }
            vec![]
        }
        Msg::Tick(today) => results::tick(state, today),
        Msg::Clock(now) => {
            hold::clock(state, now);
            vec![]
        }
        Msg::Started => actions::start(state),
        Msg::Quit => {
            state.quit = true;
            // The loop stops on `state.quit`; only the draft needs keeping.
            state
                .draft(&now())
                .map(Effect::SaveDraft)
                .into_iter()
                .collect()
        }
        Msg::Saved {
            change,
            step,
            inverse,
            items,
            notes,
            ledger,
        } => {
            state.ledger = ledger;
            results::saved(state, change, step, inverse, items, notes)
        }
        Msg::DraftsFound(drafts) => {
            state.offered = drafts;
            actions::offer_draft(state)
        }
        Msg::Failed { change, error } => results::failed(state, change, error),
        Msg::NotesLoaded { item, notes } => results::notes_loaded(state, item, notes),
        Msg::External {
            items,
            ledger,
            changes,
            restored_by,
        } => results::external(state, items, ledger, changes, restored_by),
        Msg::ChangesLoaded { day, rows } => {
            since::changes_loaded(state, day, &rows);
            vec![]
        }
        Msg::PlansLoaded(rows) => {
            plans::plans_loaded(state, rows);
            vec![]
        }
        Msg::PlanSwitched {
            plan,
            items,
            ledger,
            notes,
            drafts,
        } => plans::plan_switched(state, plan, items, ledger, notes, drafts),
        Msg::PlanFailed(error) => {
            state.flash = Some(Flash {
                text: error,
                error: true,
            });
            vec![]
        }
        Msg::PasteRest(text) => editor::paste_rest(state, &text),
        Msg::Paste(_) if !state.mode.takes_text() => {
            state.flash = Some(Flash {
                text: S::TuiPasteNowhere.get(state.lang).to_string(),
                error: true,
            });
            vec![]
        }
        msg if matches!(
            state.mode,
            Mode::Since {
                prompt: Some(_),
                ..
            }
        ) =>
        {
            since::since_prompt(state, msg)
        }
        msg => match filter::keys(state, &msg) {
            Some(fx) => fx,
            None => by_mode(state, msg),
        },
    }
}

fn by_mode(state: &mut State, msg: Msg) -> Vec<Effect> {
    match &state.mode {
        Mode::Tree => tree(state, msg),
        Mode::Notes { .. } | Mode::ConfirmDelete { .. } => notes(state, msg),
        Mode::Overdue { .. } | Mode::Agencies { .. } => list(state, msg),
        Mode::Help { .. } => help(state, msg),
        Mode::Search(_) => search(state, msg),
        Mode::Editor(_) => editor(state, msg),
        Mode::Deadline(_) => deadline(state, msg),
        Mode::Parts { .. } | Mode::Checklist { .. } => accountability::parts(state, msg),
        Mode::Matrix(_) => accountability::matrix(state, msg),
        Mode::Since { .. } => since::since_list(state, msg),
        Mode::Plans { .. } => plans::plans_list(state, msg),
    }
}
