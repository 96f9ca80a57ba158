//! Putting the terminal into raw mode and always getting it back: on return, on a panic (a
//! chained hook) and on SIGHUP/SIGTERM/SIGINT (flags the loop checks, then the guard drops).

use std::io::{BufWriter, Stdout, stdout};

use super::backend::LeanBackend;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::Terminal;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// A frame is built in memory and leaves in one write.
type Backend = LeanBackend<BufWriter<Stdout>>;

pub struct Guard {
    terminal: Terminal<Backend>,
}

pub(super) fn restore() {
    let _ = disable_raw_mode();
    // The interface leaves its last colours set (each frame starts from them): reset them
    // before the shell gets the terminal back.
    let _ = execute!(
        stdout(),
        ratatui::crossterm::style::SetAttribute(ratatui::crossterm::style::Attribute::Reset),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
}

impl Guard {
    pub fn enter() -> std::io::Result<Guard> {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
        enable_raw_mode()?;
        if let Err(e) = execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste) {
            restore();
            return Err(e);
        }
        let size = ratatui::crossterm::terminal::size()
            .map(|(w, h)| ratatui::layout::Size::new(w, h))
            .unwrap_or_default();
        let out = BufWriter::with_capacity(64 * 1024, stdout());
        match Terminal::new(LeanBackend::new(out, size)) {
            Ok(terminal) => Ok(Guard { terminal }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }
}

impl std::ops::Deref for Guard {
    type Target = Terminal<Backend>;
    fn deref(&self) -> &Self::Target {
        &self.terminal
    }
}

impl std::ops::DerefMut for Guard {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.terminal
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// The signals that end the program: a dropped connection, kill, Ctrl-C outside raw mode, quit.
pub const TERMINATING: [i32; 4] = [
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
];

/// Termination requests seen since start.
pub struct Signals {
    flag: Arc<AtomicBool>,
}

impl Signals {
    pub fn register() -> Signals {
        let flag = Arc::new(AtomicBool::new(false));
        for sig in TERMINATING {
            let _ = signal_hook::flag::register(sig, Arc::clone(&flag));
        }
        Signals { flag }
    }

    pub fn caught(&self) -> bool {
        self.flag.load(Ordering::Relaxed)
    }
}
