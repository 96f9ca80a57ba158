use std::process::ExitCode;

use kehoach::cli::Cli;
use kehoach::commands;

fn main() -> ExitCode {
    let cli = Cli::from_env();
    let lang = cli.global.lang;
    let result = match &cli.command {
        // The one place output meets the terminal: see `TerminalSafe`. Buffered, so a screen
        // of output is one write, not one per line (stdout alone flushes at every newline);
        // `commands::run` flushes at the end, and the buffer is dropped (flushed) before an
        // error is printed below. A command that saves several changes flushes after each
        // one's acknowledgement (`commands::write::done`).
        Some(cmd) => {
            let stdout = std::io::stdout();
            let tty = std::io::IsTerminal::is_terminal(&stdout);
            commands::run(
                &cli.global,
                cmd,
                &mut kehoach::text::TerminalSafe::with(
                    std::io::BufWriter::with_capacity(64 * 1024, stdout.lock()),
                    tty,
                ),
            )
        }
        None => kehoach::tui::run(&cli.global),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            if !f.message.is_empty() {
                f.print(lang);
            }
            ExitCode::from(f.code)
        }
    }
}
