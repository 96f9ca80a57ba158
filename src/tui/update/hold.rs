//! The footer in a busy meeting: others' changes arrive every second, and each used to
//! replace "Đã lưu" before anyone could read it. The user's own result (saved, undone,
//! refused) now stays a few seconds, or until their next key; others' news that came meanwhile
//! waits and is shown after it. Time comes in [`Msg::Clock`]: the state never reads the clock.
//!
//! [`Msg::Clock`]: crate::tui::Msg::Clock

use std::time::Duration;

use crate::tui::message::Msg;
use crate::tui::state::{Flash, State};

/// How long the user's own result stays before waiting news replaces it.
pub const HOLD: Duration = Duration::from_secs(4);

/// The footer now says the user's own result: keep it.
pub(super) fn own(state: &mut State) {
    state.hold.until = Some(state.hold.clock + HOLD);
}

/// Others' news: on the footer now, or once the user's own result has been seen.
pub(super) fn news(state: &mut State, flash: Flash) {
    if holding(state) {
        state.hold.news = Some(flash);
    } else {
        state.flash = Some(flash);
    }
}

/// News that must not wait (the database was restored under the view, or the item on screen
/// changed): shown now; older news that waited is dropped, as this one supersedes it.
pub(super) fn urgent(state: &mut State, flash: Flash) {
    state.hold = crate::tui::state::Hold {
        clock: state.hold.clock,
        ..Default::default()
    };
    state.flash = Some(flash);
}

/// How long a message that is not an error stays before the footer shows again where the
/// selection is and how the plan stands. Errors stay until something replaces them.
pub const SHOWN: Duration = Duration::from_secs(10);

/// Time passed: once the hold is over, the news that waited shows; a message that has said
/// its piece for [`SHOWN`] goes.
pub(super) fn clock(state: &mut State, now: Duration) {
    state.hold.clock = now;
    if !holding(state) {
        release(state);
    }
    match (&state.flash, &state.hold.seen) {
        (None, _) => state.hold.seen = None,
        (Some(f), Some((seen, since))) if f == seen => {
            if !f.error && !holding(state) && now.saturating_sub(*since) >= SHOWN {
                state.flash = None;
                state.hold.seen = None;
            }
        }
        (Some(f), _) => state.hold.seen = Some((f.clone(), now)),
    }
}

/// Before a message: a key means the user has seen their result, so the news that waited
/// takes its place (the key may then say something of its own).
pub(super) fn before(state: &mut State, msg: &Msg) {
    let key = !matches!(
        msg,
        Msg::Resize(..)
            | Msg::Tick(_)
            | Msg::Clock(_)
            | Msg::Started
            | Msg::Saved { .. }
            | Msg::Failed { .. }
            | Msg::NotesLoaded { .. }
            | Msg::DraftsFound(_)
            | Msg::External { .. }
            | Msg::ChangesLoaded { .. }
            | Msg::PlansLoaded(_)
            | Msg::PlanSwitched { .. }
            | Msg::PlanFailed(_)
            | Msg::PasteRest(_)
    );
    if key && state.hold.until.is_some() {
        release(state);
    }
}

fn holding(state: &State) -> bool {
    state.hold.until.is_some_and(|u| state.hold.clock < u)
}

fn release(state: &mut State) {
    state.hold.until = None;
    if let Some(n) = state.hold.news.take() {
        state.flash = Some(n);
    }
}
