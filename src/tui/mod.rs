//! The interactive view.

use crate::cli::Global;
use crate::commands::{Failure, exit};
use crate::i18n::S;

pub fn run(g: &Global) -> Result<(), Failure> {
    Err(Failure::new(exit::FAILED, S::TuiNotReady.get(g.lang)))
}
