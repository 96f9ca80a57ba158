//! kehoach: work Lạng Sơn's 2023 PAR INDEX / SIPAS / PAPI plan from a keyboard.
//!
//! - [`plan`]: the pure model (tree, agencies, roles, deadlines, progress, queries); no I/O.
//! - [`store`]: the only place SQL lives (open, migrations, one transaction per write).
//! - [`text`]: NFC, diacritic folding, Vietnamese order, display width, safe display.
//! - [`i18n`]: every user-facing string in Vietnamese and English.
//! - [`output`]: reports as neutral shapes, and the Word and Excel writers.
//! - [`cli`] and [`commands`]: the one-shot commands.
//! - [`tui`]: the interactive view.
//! - [`transcribe`]: a plan's text → a plan file and a review of how it was read.

pub mod cli;
pub mod commands;
pub mod i18n;
pub mod output;
pub mod plan;
pub mod store;
pub mod text;
pub mod transcribe;
pub mod tui;
