//! What can happen to the interactive view ([`Msg`]) and what it asks the outside world to do
//! ([`Effect`]). `keys` turns key presses into messages; the loop turns effects into store
//! calls and feeds their results back as messages.

use std::time::Duration;

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyEvent;

use crate::plan::accountability::Ledger;
use crate::plan::{AgencyIx, ItemState, NodeIx};
use crate::store::{NewMark, NewNote, Note};

// `Saved` is larger than the key messages; a message is moved once per event, so boxing
// would buy nothing measurable.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Msg {
    /// Move the selection one row up / down.
    Up,
    Down,
    /// Move by one screen of rows.
    PageUp,
    PageDown,
    /// First / last row.
    Top,
    Bottom,
    /// Collapse the selected branch, or go to its parent when already collapsed.
    Collapse,
    /// Expand the selected branch, or step into its first child when already open.
    Expand,
    /// Select the parent.
    Parent,
    /// Enter: expand/collapse a branch, open a task's full detail on narrow screens, pick the
    /// row in lists.
    Activate,
    /// Space/x: mark the selected task done, or reopen it.
    ToggleDone,
    /// n: write an evidence note on the selected item.
    NewNote,
    /// d: set the selected item's own deadline.
    EditDeadline,
    /// u: undo the newest change of this session not yet undone (again and again, back
    /// through the session).
    Undo,
    /// U or Ctrl-R: redo the change the last `u` undid.
    Redo,
    /// o: the overdue list.
    ShowOverdue,
    /// a: the agency list.
    ShowAgencies,
    /// /: incremental search.
    StartSearch,
    /// ?: every key of every mode.
    ShowHelp,
    /// Tab: move into the notes of the selected item (to edit or delete one).
    FocusNotes,
    /// s: the responsible agencies' parts of the selected item.
    ShowParts,
    /// c: the 30/06 checklist (has each agency issued its own plan?).
    ShowChecklist,
    /// m: the agency × section matrix.
    ShowMatrix,
    /// w: what changed since the last meeting (a day; by item, newest first).
    ShowSince,
    /// d in the "since" view: type another first day.
    SinceDate,
    /// P: the plans in the database, to switch to another.
    ShowPlans,
    /// Record the selected agency's part (parts and checklist lists).
    MarkAgency(crate::plan::accountability::AgencyState),
    /// Left / right: the matrix column.
    Left,
    Right,
    /// J/K: scroll the detail pane.
    ScrollDetail(i16),
    /// e: edit the focused note (notes mode).
    EditNote,
    /// D: delete the focused note (asks first).
    DeleteNote,
    /// y / n to a question.
    Confirm(bool),
    /// Esc: leave the current mode, clear the filter.
    Back,
    /// q (or Ctrl-C anywhere): leave the program.
    Quit,
    /// A key typed into the note editor.
    EditorKey(KeyEvent),
    /// A character typed into a one-line input (search, deadline).
    InputChar(char),
    /// Backspace in a one-line input.
    InputBackspace,
    /// Next / previous field or match (Tab / Shift-Tab, ↓ / ↑ in search).
    NextField,
    PrevField,
    /// Enter in an input: accept.
    Submit,
    /// Text pasted (bracketed paste, or an input method's burst).
    Paste(String),
    /// Keys that were already waiting when Enter saved the note editor: the rest of a paste
    /// the terminal did not bracket (many SSH clients, tmux without `-p`), as text. After a
    /// note it opens a new note on the same item; after an agency's document it is dropped,
    /// with a message. Never commands.
    PasteRest(String),
    /// The terminal changed size.
    Resize(u16, u16),
    /// The view is on screen for the first time: start on what needs attention first.
    Started,
    /// The slow tick: the date may have changed.
    Tick(NaiveDate),
    /// How long the view has been open, told by the loop before each batch of keys and at
    /// each tick (the state never reads the clock): the user's own result stays on the
    /// footer a few seconds before others' news takes its place.
    Clock(Duration),

    // Results of effects.
    /// A change was committed; item states and the item's notes as they are now.
    Saved {
        change: Change,
        /// A new change, an undo or a redo.
        step: Step,
        inverse: Option<Change>,
        items: Vec<ItemState>,
        notes: Vec<Note>,
        ledger: Ledger,
    },
    /// A change could not be saved; nothing was changed.
    Failed {
        change: Change,
        error: String,
    },
    /// Notes of an item, loaded on demand.
    NotesLoaded {
        item: NodeIx,
        notes: Vec<Note>,
    },
    /// Drafts kept by earlier sessions of this user (a dropped connection, Esc while typing):
    /// offered one after another, each as soon as the previous editor closes.
    DraftsFound(Vec<crate::store::Draft>),
    /// The changes since `day` (oldest first, as the store gives them).
    ChangesLoaded {
        day: NaiveDate,
        rows: Vec<crate::store::AuditRow>,
    },
    /// The plans in the database, newest import first.
    PlansLoaded(Vec<crate::store::PlanRow>),
    /// Another plan was loaded: the view now shows it.
    PlanSwitched {
        plan: std::rc::Rc<crate::plan::Plan>,
        items: Vec<ItemState>,
        ledger: Ledger,
        /// Folded note text per item, for search.
        notes: std::collections::HashMap<NodeIx, String>,
        /// This user's drafts on the plan, offered as at a start with it.
        drafts: Vec<crate::store::Draft>,
    },
    /// Another plan could not be loaded (or the plans listed), and why.
    PlanFailed(String),
    /// Someone else changed the database.
    External {
        items: Vec<ItemState>,
        ledger: Ledger,
        /// Who changed which item since the last look, and what they did in words ("đánh dấu
        /// xong"), oldest first (other people's changes only; empty when not known).
        changes: Vec<(String, String, String)>,
        /// Someone restored the database from a backup (their name): everything may have
        /// changed, and what this view could undo is gone.
        restored_by: Option<String>,
    },
}

/// A change to the data, as the store performs it.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    SetDone {
        item: NodeIx,
        done: bool,
    },
    SetDeadline {
        item: NodeIx,
        date: Option<NaiveDate>,
    },
    AddNote {
        item: NodeIx,
        note: NewNote,
    },
    EditNote {
        item: NodeIx,
        id: i64,
        note: NewNote,
    },
    DeleteNote {
        item: NodeIx,
        id: i64,
    },
    RestoreNote {
        item: NodeIx,
        note: Note,
    },
    /// An agency's part of an item (NotStarted forgets it).
    SetAgency {
        item: NodeIx,
        agency: AgencyIx,
        mark: NewMark,
    },
}

impl Change {
    pub fn item(&self) -> NodeIx {
        match self {
            Change::SetDone { item, .. }
            | Change::SetDeadline { item, .. }
            | Change::AddNote { item, .. }
            | Change::EditNote { item, .. }
            | Change::DeleteNote { item, .. }
            | Change::RestoreNote { item, .. }
            | Change::SetAgency { item, .. } => *item,
        }
    }
}

/// One entry of the undo (or redo) stack: `revert` takes back `made`, a change this session
/// saved (for a redo, `made` is the undo and `revert` the change undone).
#[derive(Debug, Clone, PartialEq)]
pub struct Undo {
    pub revert: Change,
    pub made: Change,
}

/// Why a change is written: the user's own new change, the undo of one, or the redo of an
/// undone one. A new change forgets what could be redone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    New,
    Undo,
    Redo,
}

/// Work for the loop to do outside `update`.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Save a change in one transaction; answer with `Saved` or `Failed`. `undo` is the
    /// change being undone: the store refuses (`Failed`, naming who) when the item is no
    /// longer as that change left it, so an undo never wipes someone's later change.
    Write {
        change: Change,
        undo: Option<Box<Change>>,
    },
    /// Write again `change`, which `u` undid this session; `undone` is that undo. The store
    /// refuses (`Failed`, naming who) when the item is no longer as the undo left it.
    Redo { change: Change, undone: Box<Change> },
    /// Load an item's notes; answer with `NotesLoaded`.
    LoadNotes(NodeIx),
    /// Keep the note being typed (a dropped connection must not lose it).
    SaveDraft(crate::store::Draft),
    /// The note was saved or emptied: forget its draft (and no other).
    ClearDraft(crate::store::DraftKey),
    /// Read what changed since a day; answer with `ChangesLoaded`.
    LoadChanges(NaiveDate),
    /// List the plans in the database; answer with `PlansLoaded`.
    LoadPlans,
    /// Load the plan with this id and its states; answer with `PlanSwitched`, or
    /// `PlanFailed` (the view stays on the plan it shows).
    SwitchPlan(String),
}
