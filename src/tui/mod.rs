//! The interactive view.
//!
//! The loop: read an event → [`keys::map`] turns it into a [`Msg`] → [`update`] changes the
//! [`State`] and returns [`Effect`]s → [`effects::Runner`] performs each against the store (one
//! transaction) and feeds back the result as another `Msg` → [`view::view`] draws. Drawing
//! happens only after something changed: idle, nothing is written to the terminal. A slow
//! tick notices other people's edits (`PRAGMA data_version`) and a new day.

pub mod backend;
pub mod effects;
pub mod keys;
mod late;
pub mod layout;
pub mod matching;
pub mod message;
pub mod since;
pub mod state;
mod terminal;
pub mod update;
pub mod view;
mod watchdog;

use std::collections::VecDeque;
use std::io::IsTerminal;
use std::rc::Rc;
use std::time::{Duration, Instant};

use ratatui::crossterm::event;

use crate::cli::Global;
use crate::commands::{self, Failure, exit};
use crate::i18n::{Localized, S};
use crate::plan::Status;
pub use message::{Change, Effect, Msg, Undo};
pub use state::State;
pub use update::update;

/// How often the loop looks for signals.
const POLL: Duration = Duration::from_millis(250);
/// How often it checks the database for others' changes and the date.
const TICK: Duration = Duration::from_secs(1);

pub fn run(g: &Global) -> Result<(), Failure> {
    let lang = g.lang;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Failure::new(exit::BAD_INPUT, S::TuiNoTerminal.get(lang)));
    }
    if std::env::var("TERM").is_ok_and(|t| t == "dumb") {
        return Err(Failure::new(exit::BAD_INPUT, S::TuiDumbTerminal.get(lang)));
    }
    let fixed_today = commands::fixed_today(g)?;
    let user = commands::user_name(g);
    let store = commands::open_store(g)?;
    let plan = Rc::new(
        store
            .load_plan(g.plan.as_deref())
            .map_err(|e| Failure::store(e, lang))?,
    );
    let items = store
        .item_states(&plan)
        .map_err(|e| Failure::store(e, lang))?;
    let today = fixed_today.unwrap_or_else(|| commands::today_in(&plan));
    let mut state = State::new(plan.clone(), Status::new(&plan, items), lang, today, &user);
    state.read_only = store.is_read_only();
    // Unique per process and start: drafts of two sessions of one account never collide.
    state.session = format!(
        "{}@{}",
        std::process::id(),
        chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%.3f")
    );
    state.color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    state.ascii = std::env::var("TERM").is_ok_and(|t| view::ascii::needed(&t));
    let mut runner = effects::Runner::new(store, plan, &user, lang);
    runner.prepare(&mut state);

    let signals = terminal::Signals::register();
    let watchdog = watchdog::Watchdog::spawn(commands::db_path(g), user.clone());
    let mut term = terminal::Guard::enter()
        .map_err(|e| Failure::new(exit::FAILED, S::TuiTerminalFailed.fill(lang, &[&e])))?;
    if let Ok(size) = term.size() {
        state.size = (size.width, size.height);
    }
    state.keep_visible();
    dispatch(&mut state, &mut runner, Msg::Started);

    let mut needs_draw = true;
    let mut last_tick = Instant::now();
    let opened = Instant::now();
    loop {
        if signals.caught() {
            runner.keep_draft(&state);
            break;
        }
        if needs_draw {
            if term.draw(|f| view::view(f, &state)).is_err() {
                // The terminal is gone (dropped SSH link): keep what was being typed.
                runner.keep_draft(&state);
                break;
            }
            needs_draw = false;
        }
        if state.quit {
            break;
        }
        match event::poll(POLL) {
            Ok(true) => {
                dispatch(&mut state, &mut runner, Msg::Clock(opened.elapsed()));
                // Take every event already waiting before drawing again: an input method's
                // burst (backspace + composed letter) or a paste lands as one frame.
                let mut first = true;
                // A burst's plain text in a note, inserted at once (see keys::burst_char).
                let mut typed = String::new();
                // Keys of a burst read ahead to see whether it is a paste, not yet run.
                let mut ahead: VecDeque<event::Event> = VecDeque::new();
                loop {
                    match ahead.pop_front().map_or_else(event::read, Ok) {
                        Ok(mut ev) => {
                            // A burst of text where keys are commands (the tree, a list) is
                            // a paste the terminal did not bracket: ignored as a bracketed
                            // one is there, never run key by key (its spaces marking the
                            // selected task done, its letters opening lists).
                            if first && !state.mode.takes_text() && keys::starts_text(&ev) {
                                ahead.extend(read_burst());
                                // A key alone is never a paste: no copy of the state for it.
                                if !ahead.is_empty()
                                    && burst_is_paste(&state, std::iter::once(&ev).chain(&ahead))
                                {
                                    let text: String = std::iter::once(&ev)
                                        .chain(&ahead)
                                        .filter_map(keys::pasted_text)
                                        .collect();
                                    for resize in ahead
                                        .drain(..)
                                        .filter(|e| matches!(e, event::Event::Resize(..)))
                                    {
                                        if let Some(msg) = keys::map(&state, &resize) {
                                            dispatch(&mut state, &mut runner, msg);
                                        }
                                    }
                                    dispatch(&mut state, &mut runner, Msg::Paste(text));
                                    needs_draw = true;
                                    break;
                                }
                            }
                            if let Some(plain) = keys::split_escape(&ev) {
                                insert_typed(&mut state, &mut runner, &mut typed);
                                dispatch(&mut state, &mut runner, Msg::Back);
                                ev = plain;
                                needs_draw = true;
                            }
                            // Keys read together with others — some already read in this
                            // wake-up, or more arriving within BURST_GAP — are a burst: a
                            // person's Enter comes alone, a paste's line breaks do not.
                            let more = !ahead.is_empty() || pending();
                            let burst = !first || more;
                            first = false;
                            let accepted = state.accepted.count;
                            if let Some(msg) = keys::map_burst(&state, &ev, burst) {
                                match keys::burst_char(&state, &msg) {
                                    Some(c) if burst => typed.push(c),
                                    _ => {
                                        insert_typed(&mut state, &mut runner, &mut typed);
                                        dispatch(&mut state, &mut runner, msg);
                                    }
                                }
                                needs_draw = true;
                            }
                            if state.accepted.count != accepted && more {
                                let rest = paste_rest(&mut state, &mut runner, &mut ahead);
                                dispatch(&mut state, &mut runner, Msg::PasteRest(rest));
                                // paste_rest took every key that was waiting.
                                break;
                            }
                            if !more || state.quit {
                                break;
                            }
                        }
                        Err(_) => {
                            insert_typed(&mut state, &mut runner, &mut typed);
                            runner.keep_draft(&state);
                            state.quit = true;
                            break;
                        }
                    }
                }
                insert_typed(&mut state, &mut runner, &mut typed);
                watchdog.mirror(&state);
            }
            Ok(false) => {}
            Err(_) => {
                runner.keep_draft(&state);
                break;
            }
        }
        if last_tick.elapsed() >= TICK {
            last_tick = Instant::now();
            let today = fixed_today.unwrap_or_else(|| commands::today_in(&state.plan));
            if today != state.today {
                needs_draw = true;
            }
            dispatch(&mut state, &mut runner, Msg::Tick(today));
            // The user's own result has been on the footer long enough: news that waited shows.
            let shown = state.flash.clone();
            dispatch(&mut state, &mut runner, Msg::Clock(opened.elapsed()));
            if state.flash != shown {
                needs_draw = true;
            }
            if let Some(msg) = runner.poll_external(&plan_id(&state)) {
                dispatch(&mut state, &mut runner, msg);
                needs_draw = true;
            }
        }
    }
    drop(term);
    if let Some(e) = runner.error.take() {
        return Err(Failure::new(exit::FAILED, e.say(lang)));
    }
    Ok(())
}

/// How long after a key the loop waits for the next one of the same burst. A paste's keys
/// follow each other within microseconds (over SSH, within a packet or two); a person's come
/// tens of milliseconds apart. Waiting this long once per key costs no visible latency.
const BURST_GAP: Duration = Duration::from_millis(3);

/// Whether another event is waiting or arrives within [`BURST_GAP`]. Not `poll(ZERO)`: with
/// the terminal read by poll(2) (crossterm's `use-dev-tty`), a zero timeout never looks at
/// keys crossterm has read but not yet handed out, so the rest of a 1 kB read would look like
/// nothing waiting. That reading is what lets a paste of any size arrive whole: mio's
/// edge-triggered epoll left everything after the first 1 kB in the terminal until another
/// key came.
fn pending() -> bool {
    matches!(event::poll(BURST_GAP), Ok(true))
}

/// Whether a burst is text (see [`keys::looks_pasted`]) rather than keys: run on a copy of
/// `state`, the keys before any of them opens an input (search, a note) are text, or more
/// than one key ran as a command before one did. `/giai ngan` or `n` and a note typed
/// quickly open the input and type into it; `Đã ban hành` on the tree is a paste, and so is
/// `sent the plan` (s opens a list, n an editor there, the rest would be its text).
fn burst_is_paste<'a>(state: &State, events: impl Iterator<Item = &'a event::Event>) -> bool {
    let mut copy = state.clone();
    let mut commands = String::new();
    let mut all = String::new();
    for ev in events {
        let text: String = keys::pasted_text(ev).unwrap_or_default();
        all.push_str(&text);
        if copy.mode.takes_text() {
            continue;
        }
        commands.push_str(&text);
        if let Some(msg) = keys::map(&copy, ev) {
            // Only the mode matters here: the effects (writes) are never run.
            let _ = update(&mut copy, msg);
        }
    }
    keys::looks_pasted(&commands) || (commands.chars().count() > 1 && keys::looks_pasted(&all))
}

/// Every event waiting now or arriving within [`BURST_GAP`] of the last.
fn read_burst() -> Vec<event::Event> {
    let mut burst = Vec::new();
    while pending() {
        match event::read() {
            Ok(ev) => burst.push(ev),
            Err(_) => break,
        }
    }
    burst
}

/// Insert the text of a burst's keys held back so far, as one piece (a [`Msg::Paste`]).
fn insert_typed(state: &mut State, runner: &mut effects::Runner, typed: &mut String) {
    if !typed.is_empty() {
        dispatch(state, runner, Msg::Paste(std::mem::take(typed)));
    }
}

/// Enter just saved an editor and more keys were already waiting: a person reads the screen
/// before typing on, so these came in the same burst as the Enter — the rest of a paste that
/// arrived as keys. Take every event already waiting as text (a resize still resizes).
fn paste_rest(
    state: &mut State,
    runner: &mut effects::Runner,
    ahead: &mut VecDeque<event::Event>,
) -> String {
    let mut rest = String::new();
    while !ahead.is_empty() || pending() {
        match ahead.pop_front().map_or_else(event::read, Ok) {
            Ok(ev @ event::Event::Resize(..)) => {
                if let Some(msg) = keys::map(state, &ev) {
                    dispatch(state, runner, msg);
                }
            }
            Ok(ev) => rest.extend(keys::pasted_text(&ev)),
            Err(_) => break,
        }
    }
    rest
}

fn plan_id(state: &State) -> String {
    state.plan.id().to_string()
}

/// Run `msg` through `update`, then every effect it asks for, feeding results back in.
pub fn dispatch(state: &mut State, runner: &mut effects::Runner, msg: Msg) {
    let mut queue = VecDeque::from([msg]);
    while let Some(m) = queue.pop_front() {
        for e in update(state, m) {
            if let Some(reply) = runner.run(e) {
                queue.push_back(reply);
            }
        }
    }
}
