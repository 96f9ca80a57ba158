//! What the screen is doing: the tree, a full-screen list (its rows, selection and filter),
//! the search line, the note editor or a prompt. Part of the state: no I/O.

use ratatui_textarea::TextArea;

use super::{DateInput, SinceRow, State};
use crate::i18n::Lang;
use crate::plan::accountability::{Cell, ChecklistRow, Column};
use crate::plan::query::AgencyRow;
use crate::plan::{AgencyIx, NodeIx};
use crate::store::DraftKey;

/// A scrollable list with a selected row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListState {
    pub sel: usize,
    pub offset: usize,
    /// Only rows with every word of this, without diacritics (typed after `/`).
    pub query: String,
    /// Typing goes to the filter rather than to the list's keys.
    pub typing: bool,
}

/// How far ahead the overdue view also lists tasks coming due.
pub const NEAR_DAYS: i64 = 14;

/// The full-screen lists, each remembered where it was left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListKind {
    Overdue,
    Agencies,
    Parts,
    Checklist,
    Matrix,
    /// What changed since a date (`w`).
    Since,
    /// The plans in the database (`P`).
    Plans,
}

/// Where a list was left: its position and filter, and the row selected (an item or agency
/// index, so the selection survives rows coming and going).
#[derive(Debug, Clone, PartialEq)]
pub struct Remembered {
    pub list: ListState,
    pub key: Option<usize>,
}

impl ListState {
    /// Move the selection by `delta` rows among `len`, scrolling a window of `height` rows.
    pub fn step(&mut self, len: usize, delta: isize, height: usize) {
        if len == 0 {
            return;
        }
        self.sel = (self.sel as isize + delta).clamp(0, len as isize - 1) as usize;
        if self.sel < self.offset {
            self.offset = self.sel;
        } else if self.sel >= self.offset + height {
            self.offset = self.sel + 1 - height;
        }
    }
}

#[derive(Debug, Clone)]
pub struct Search {
    pub query: String,
    /// Matches, best first: the words together as whole words, then each a whole word, then
    /// the rest (a word that only starts another: "ngan" in "ngành").
    pub hits: Vec<NodeIx>,
    /// How many hits match every word as a whole word.
    pub whole: usize,
    /// Which match is selected.
    pub at: usize,
    /// Where we were, to go back on Esc.
    pub origin: NodeIx,
    pub origin_expanded: Vec<bool>,
}

/// Which part of the note editor has the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Text,
    DocRef,
    DocDate,
}

#[derive(Debug, Clone)]
pub struct Editor {
    pub item: NodeIx,
    /// Recording this agency's part (its document) rather than writing a note.
    pub agency: Option<AgencyIx>,
    /// Editing this existing note, or writing a new one.
    pub note_id: Option<i64>,
    pub text: TextArea<'static>,
    pub doc_ref: String,
    pub doc_date: String,
    pub field: Field,
    /// Waiting for the store to confirm.
    pub saving: bool,
    pub error: Option<String>,
    /// Changed since the draft was last kept.
    pub dirty: bool,
    /// Changed since it opened: Esc on an editor emptied by hand forgets its draft, while Esc
    /// on one never typed in leaves any draft alone.
    pub touched: bool,
    /// Where to go back to when the editor closes (a list it was opened from).
    pub back: Option<Box<Mode>>,
    /// The draft this editor continues, when it was offered from an earlier session; None
    /// for this session's draft of `item`.
    pub kept_as: Option<DraftKey>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DeadlineInput {
    pub item: NodeIx,
    pub input: String,
    pub error: Option<String>,
    /// `input` is still the deadline the prompt opened with: the first character typed
    /// replaces it (a Backspace edits it instead).
    pub fresh: bool,
}

#[derive(Debug, Clone)]
pub enum Mode {
    /// Browsing the tree.
    Tree,
    /// Moving through the selected item's notes.
    Notes {
        sel: usize,
    },
    /// "Delete note #id?" waiting for y/n.
    ConfirmDelete {
        id: i64,
        sel: usize,
    },
    Overdue {
        rows: Vec<NodeIx>,
        list: ListState,
    },
    Agencies {
        rows: Vec<AgencyRow>,
        list: ListState,
    },
    Search(Search),
    Editor(Box<Editor>),
    Deadline(DeadlineInput),
    Help {
        scroll: u16,
    },
    /// The selected item's answerable agencies and their parts.
    Parts {
        agencies: Vec<AgencyIx>,
        list: ListState,
    },
    /// The 30/06 checklist.
    Checklist {
        item: NodeIx,
        rows: Vec<ChecklistRow>,
        list: ListState,
    },
    /// Agencies × parts of the plan.
    Matrix(Box<Matrix>),
    /// What changed since a date, by item; `prompt` is the date being typed.
    Since {
        rows: Vec<SinceRow>,
        list: ListState,
        prompt: Option<DateInput>,
    },
    /// The plans stored in the database (rows of `State::plans`), newest import first.
    Plans {
        rows: Vec<usize>,
        list: ListState,
    },
}

impl Mode {
    /// A mode where typed (and pasted) characters are text, not commands.
    pub fn takes_text(&self) -> bool {
        matches!(self, Mode::Editor(_) | Mode::Search(_) | Mode::Deadline(_))
            || matches!(
                self,
                Mode::Since {
                    prompt: Some(_),
                    ..
                }
            )
            || self.list().is_some_and(|l| l.typing)
    }

    pub fn list_kind(&self) -> Option<ListKind> {
        Some(match self {
            Mode::Overdue { .. } => ListKind::Overdue,
            Mode::Agencies { .. } => ListKind::Agencies,
            Mode::Parts { .. } => ListKind::Parts,
            Mode::Checklist { .. } => ListKind::Checklist,
            Mode::Matrix(_) => ListKind::Matrix,
            Mode::Since { .. } => ListKind::Since,
            Mode::Plans { .. } => ListKind::Plans,
            _ => return None,
        })
    }

    pub fn list(&self) -> Option<&ListState> {
        match self {
            Mode::Overdue { list, .. }
            | Mode::Agencies { list, .. }
            | Mode::Parts { list, .. }
            | Mode::Checklist { list, .. }
            | Mode::Since { list, .. }
            | Mode::Plans { list, .. } => Some(list),
            Mode::Matrix(m) => Some(&m.list),
            _ => None,
        }
    }

    pub fn list_mut(&mut self) -> Option<&mut ListState> {
        match self {
            Mode::Overdue { list, .. }
            | Mode::Agencies { list, .. }
            | Mode::Parts { list, .. }
            | Mode::Checklist { list, .. }
            | Mode::Since { list, .. }
            | Mode::Plans { list, .. } => Some(list),
            Mode::Matrix(m) => Some(&mut m.list),
            _ => None,
        }
    }

    /// The key of each row of a list: the item (overdue) or the agency (the others).
    pub fn row_keys(&self) -> Vec<usize> {
        match self {
            Mode::Overdue { rows, .. } => rows.clone(),
            Mode::Agencies { rows, .. } => rows.iter().map(|r| r.agency).collect(),
            Mode::Parts { agencies, .. } => agencies.clone(),
            Mode::Checklist { rows, .. } => rows.iter().map(|r| r.agency).collect(),
            Mode::Matrix(m) => m.rows.iter().map(|r| r.0).collect(),
            Mode::Since { rows, .. } => rows.iter().map(|r| r.key).collect(),
            Mode::Plans { rows, .. } => rows.clone(),
            _ => Vec::new(),
        }
    }
}

/// The accountability matrix: one row per agency, one column per part of the plan.
#[derive(Debug, Clone)]
pub struct Matrix {
    pub by_section: bool,
    pub columns: Vec<Column>,
    pub rows: Vec<(AgencyIx, Vec<Cell>)>,
    pub list: ListState,
    /// The highlighted column and the first one on screen.
    pub col: usize,
    pub col_offset: usize,
}

impl Matrix {
    /// The longest agency name of the rows, as the matrix prints them.
    pub fn longest_name(&self, s: &State) -> usize {
        self.rows
            .iter()
            .map(|(a, _)| {
                crate::text::width(s.plan.agencies.get(*a).short_name(s.lang == Lang::En))
            })
            .max()
            .unwrap_or(0)
    }

    /// The matrix's columns on the current screen.
    pub fn cols(&self, s: &State) -> crate::tui::layout::MatrixCols {
        crate::tui::layout::matrix_cols(
            usize::from(s.size.0),
            self.columns.len(),
            self.longest_name(s),
        )
    }
}
