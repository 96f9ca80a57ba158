//! A command line clap refuses, said as kehoach says every other error: one sentence in the
//! user's language, hints, exit code 2. Clap's own words (English) are kept only for what it
//! prints on request (help, version) and for refusals this does not know.

use clap::error::{ContextKind, ErrorKind};

use crate::commands::{Failure, exit};
use crate::i18n::{L, Lang};

/// The refusal in kehoach's words, or `None` to let clap say it.
pub fn failure(e: &clap::Error, args: &[String], lang: Lang) -> Option<Failure> {
    let get = |k| e.get(k).map(|v| v.to_string());
    // "kehoach overdue" from clap's "Usage: kehoach overdue [OPTIONS]" (the program's name as
    // the user typed it).
    let usage = get(ContextKind::Usage).unwrap_or_default();
    let command: Vec<&str> = usage
        .split_whitespace()
        .skip(1)
        .take_while(|w| !w.starts_with(['[', '<', '-']))
        .collect();
    let command = match command.as_slice() {
        [_, rest @ ..] if !rest.is_empty() => std::iter::once("kehoach")
            .chain(rest.iter().copied())
            .collect::<Vec<_>>()
            .join(" "),
        // Clap gives no usage with a bad value: the subcommands named on the line.
        _ => subcommand_named(args),
    };
    let arg = get(ContextKind::InvalidArg).unwrap_or_default();
    let value = get(ContextKind::InvalidValue).unwrap_or_default();
    let mut hints = Vec::new();
    let message = match e.kind() {
        ErrorKind::InvalidSubcommand => {
            L::UnknownCommand.fill(lang, &[&get(ContextKind::InvalidSubcommand)?])
        }
        ErrorKind::UnknownArgument if arg.starts_with('-') => {
            L::UnknownOption.fill(lang, &[&arg, &command])
        }
        ErrorKind::UnknownArgument => L::ExtraValue.fill(lang, &[&command, &arg]),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation if value.is_empty() => {
            L::NeedsValue.fill(lang, &[&arg])
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            if let Some(valid) = get(ContextKind::ValidValue).filter(|v| !v.is_empty()) {
                hints.push(L::ValidValues.fill(lang, &[&valid]));
            }
            L::BadValue.fill(lang, &[&value, &arg])
        }
        ErrorKind::MissingRequiredArgument => L::Missing.fill(lang, &[&command, &arg]),
        ErrorKind::ArgumentConflict => {
            L::Conflict.fill(lang, &[&arg, &get(ContextKind::PriorArg)?])
        }
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            L::ValueCount.fill(lang, &[&arg])
        }
        ErrorKind::NoEquals => L::NoEquals.fill(lang, &[&arg]),
        _ => return None,
    };
    for k in [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ] {
        if let Some(s) = get(k) {
            hints.insert(0, L::DidYouMean.fill(lang, &[&s]));
        }
    }
    hints.push(L::SeeHelp.fill(lang, &[&command]));
    Some(
        hints
            .into_iter()
            .fold(Failure::new(exit::BAD_INPUT, message), Failure::hint),
    )
}

/// "kehoach overdue" (or "kehoach agencies add-member"): the subcommands named on the line.
fn subcommand_named(args: &[String]) -> String {
    use clap::CommandFactory;
    let mut cmd = super::Cli::command();
    let mut names = vec!["kehoach".to_string()];
    for a in args.iter().skip(1) {
        let Some(sub) = cmd.find_subcommand(a).cloned() else {
            continue;
        };
        names.push(sub.get_name().to_string());
        cmd = sub;
    }
    names.join(" ")
}

/// The language asked for on a command line clap could not read: `--lang X` or `--lang=X`,
/// else `$KEHOACH_LANG`, else Vietnamese.
pub fn language(args: &[String]) -> Lang {
    let named = args
        .windows(2)
        .find_map(|w| (w[0] == "--lang").then(|| w[1].clone()))
        .or_else(|| {
            args.iter()
                .find_map(|a| a.strip_prefix("--lang=").map(str::to_string))
        })
        .or_else(|| std::env::var("KEHOACH_LANG").ok());
    // The names clap itself accepts for `--lang`.
    named
        .and_then(|n| <Lang as clap::ValueEnum>::from_str(&n, false).ok())
        .unwrap_or_default()
}
