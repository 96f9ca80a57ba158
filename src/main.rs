use std::process::ExitCode;

use kehoach::cli::Cli;
use kehoach::commands;

fn main() -> ExitCode {
    let cli = Cli::from_env();
    let lang = cli.global.lang;
    let result = match &cli.command {
        // The one place output meets the terminal: see `TerminalSafe`.
        Some(cmd) => commands::run(
            &cli.global,
            cmd,
            &mut kehoach::text::TerminalSafe::new(std::io::stdout().lock()),
        ),
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
