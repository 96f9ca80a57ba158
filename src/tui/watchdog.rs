//! A dropped SSH link must not leave kehoach running. The kernel sends SIGHUP and from then on
//! every read of the terminal fails; crossterm 0.29's event reader retries failed reads
//! forever (`event/source/unix/mio.rs` only stops on `WouldBlock`), so the main loop never
//! comes back to see the signal flag, and the process spins at full CPU holding the database
//! open. This thread sees the signal too: if the program has not ended after a grace period,
//! it saves the note being typed (mirrored here after every key) and exits.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::state::State;
use crate::store::{Draft, Store};

/// Long enough for a write waiting on another coordinator's lock to finish normally.
const GRACE: Duration = Duration::from_secs(crate::store::BUSY_TIMEOUT.as_secs() + 2);

/// Exit status when the watchdog ends the program (128 + SIGHUP, as a shell reports it).
const EXIT_HANGUP: i32 = 129;

pub struct Watchdog {
    draft: Arc<Mutex<Option<Draft>>>,
}

impl Watchdog {
    pub fn spawn(db: PathBuf, user: String) -> Watchdog {
        // This thread sleeps until a termination signal arrives (no polling while idle).
        let signals = signal_hook::iterator::Signals::new(super::terminal::TERMINATING).ok();
        let draft: Arc<Mutex<Option<Draft>>> = Arc::default();
        let kept = Arc::clone(&draft);
        let _ = std::thread::Builder::new()
            .name("kehoach-watchdog".into())
            .spawn(move || {
                let Some(mut signals) = signals else { return };
                if signals.forever().next().is_none() {
                    return;
                }
                std::thread::sleep(GRACE);
                // Still here: the main loop is stuck on a terminal that is gone.
                let d = kept.lock().ok().and_then(|mut d| d.take());
                if let Some(d) = d
                    && let Ok(mut store) = Store::open(&db)
                {
                    let _ = store.save_draft(&user, &d);
                }
                super::terminal::restore();
                std::process::exit(EXIT_HANGUP);
            });
        Watchdog { draft }
    }

    /// Keep a copy of the note being typed (none outside the editor).
    pub fn mirror(&self, state: &State) {
        let now = chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
        if let Ok(mut d) = self.draft.lock() {
            *d = state.draft(&now);
        }
    }
}
