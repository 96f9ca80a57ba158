//! Everything the interactive view shows, and nothing that does I/O. The selection is an item,
//! never a row number: rows come and go as branches open, filters change and others edit.

use std::collections::HashMap;
use std::rc::Rc;

use chrono::NaiveDate;
use ratatui_textarea::TextArea;

use super::message::Undo;
use crate::i18n::Lang;
use crate::plan::accountability::Ledger;
use crate::plan::{AgencyIx, NodeIx, Plan, Status};
use crate::store::{Draft, DraftKey, NewNote, Note, PlanRow};

pub use super::since::{DateInput, SinceData, SinceRow};
pub use mode::{
    DeadlineInput, Editor, Field, ListKind, ListState, Matrix, Mode, NEAR_DAYS, Remembered, Search,
};

mod mode;

/// A line of feedback in the footer.
#[derive(Debug, Clone, PartialEq)]
pub struct Flash {
    pub text: String,
    pub error: bool,
}

/// The user's own result (saved, undone, refused) stays on the footer until `until` on the
/// view's clock, or the next key; others' news that came meanwhile waits in `news`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hold {
    /// How long the view has been open, as the loop last said ([`super::Msg::Clock`]).
    pub clock: std::time::Duration,
    pub until: Option<std::time::Duration>,
    pub news: Option<Flash>,
    /// The message on the footer and since when (on the view's clock): a message that is not
    /// an error gives the line back to where the selection is after a while.
    pub seen: Option<(Flash, std::time::Duration)>,
}

/// The tree limited to one agency's duties.
#[derive(Debug, Clone)]
pub struct Filter {
    pub agency: AgencyIx,
    /// The agency holds a role on this node (directly or through a group).
    pub duty: Vec<bool>,
    /// Shown: a duty, or an ancestor of one.
    pub shown: Vec<bool>,
}

#[derive(Debug, Clone)]
pub struct State {
    pub plan: Rc<Plan>,
    pub status: Status,
    /// Each agency's recorded part of each item.
    pub ledger: Ledger,
    pub lang: Lang,
    pub today: NaiveDate,
    pub user: String,
    pub read_only: bool,
    pub color: bool,
    /// The terminal cannot draw the symbols (▾ ✓ ░ ─): ASCII stand-ins are drawn instead.
    pub ascii: bool,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    pub expanded: Vec<bool>,
    pub filter: Option<Filter>,
    /// The visible rows of the tree, derived from `expanded` and `filter`.
    pub rows: Vec<NodeIx>,
    pub selected: NodeIx,
    /// First tree row on screen.
    pub offset: usize,
    pub detail_scroll: u16,
    /// Narrow screens: the detail fills the body.
    pub zoom: bool,
    /// Notes of one item (the selected one), loaded on demand.
    pub notes: Option<(NodeIx, Vec<Note>)>,
    /// Folded note text per node, for search.
    pub search_notes: HashMap<NodeIx, String>,
    pub mode: Mode,
    pub flash: Option<Flash>,
    /// Which interactive view this is (process and start time): drafts are kept per session,
    /// so two sessions of one account never overwrite each other's.
    pub session: String,
    /// Drafts kept by earlier sessions, still to be offered (next first).
    pub offered: Vec<Draft>,
    /// The drafts this view has kept (Esc, a tick while typing), by the item whose editor
    /// holds them: `n` or `e` there reopens the draft instead of an empty editor.
    pub kept: HashMap<NodeIx, Draft>,
    /// This session's changes and their inverses, newest last.
    pub undo: Vec<Undo>,
    /// Changes `u` took back, to make again with `U`, newest last; a new change empties it.
    pub redo: Vec<Undo>,
    /// The footer keeps the user's own result a few seconds before others' news.
    pub hold: Hold,
    /// Each list as it was left, to come back to the same row and filter.
    pub lists: HashMap<ListKind, Remembered>,
    /// Enter on a list's row led to the tree: Esc there goes back to that list.
    pub return_to: Option<ListKind>,
    /// What the "since" view (`w`) last loaded, and from which day.
    pub since: SinceData,
    /// The plans in the database, as last listed (`P`).
    pub plans: Vec<PlanRow>,
    /// Notes and agency documents saved with Enter so far: the loop reads keys already waiting
    /// after such an Enter as the rest of a paste the terminal did not bracket, never as
    /// commands.
    pub accepted: Accepted,
    pub quit: bool,
    /// Late glyphs and the overdue count, kept until what they depend on changes.
    pub(super) late: super::late::LateCache,
}

/// How many editors (a note, an agency's document) Enter has closed by saving, and the item of
/// the last one when it was a note. Only the editors count: text with line breaks is pasted
/// there, while an Enter in the search line followed at once by a key is a fast typist.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Accepted {
    pub count: u64,
    pub note_on: Option<NodeIx>,
}

impl Accepted {
    pub fn record(&mut self, note_on: Option<NodeIx>) {
        self.count += 1;
        self.note_on = note_on;
    }
}

/// Rows above and below the selection kept visible when scrolling.
const SCROLL_MARGIN: usize = 2;

impl State {
    pub fn new(plan: Rc<Plan>, status: Status, lang: Lang, today: NaiveDate, user: &str) -> State {
        let n = plan.len();
        // Open the parts and their sections: the plan's outline is visible at once.
        let expanded = (0..n).map(|i| plan.node(i).depth < 1).collect();
        let selected = plan.roots.first().copied().unwrap_or(0);
        let mut s = State {
            plan,
            status,
            ledger: Ledger::default(),
            lang,
            today,
            user: user.to_string(),
            read_only: false,
            color: true,
            ascii: false,
            size: (80, 24),
            expanded,
            filter: None,
            rows: Vec::new(),
            selected,
            offset: 0,
            detail_scroll: 0,
            zoom: false,
            notes: None,
            search_notes: HashMap::new(),
            mode: Mode::Tree,
            flash: None,
            session: String::new(),
            offered: Vec::new(),
            kept: HashMap::new(),
            undo: Vec::new(),
            redo: Vec::new(),
            hold: Hold::default(),
            lists: HashMap::new(),
            return_to: None,
            since: SinceData::default(),
            plans: Vec::new(),
            accepted: Accepted::default(),
            quit: false,
            late: Default::default(),
        };
        s.rebuild_rows();
        s
    }

    pub fn is_shown(&self, ix: NodeIx) -> bool {
        self.filter.as_ref().is_none_or(|f| f.shown[ix])
    }

    /// Recompute the visible rows; keep the selection on a visible item.
    pub fn rebuild_rows(&mut self) {
        let plan = &self.plan;
        let mut rows = Vec::with_capacity(plan.len());
        let mut i = 0;
        while i < plan.len() {
            if !self.is_shown(i) {
                i = plan.node(i).end;
                continue;
            }
            rows.push(i);
            i = if self.expanded[i] {
                i + 1
            } else {
                plan.node(i).end
            };
        }
        self.rows = rows;
        if !self.rows.contains(&self.selected) {
            // The nearest visible ancestor, else the first row.
            let fallback = self
                .plan
                .ancestors(self.selected)
                .into_iter()
                .rev()
                .find(|a| self.rows.contains(a))
                .or_else(|| self.rows.first().copied());
            if let Some(f) = fallback {
                self.selected = f;
            }
        }
        self.keep_visible();
    }

    /// The row of the selection in `rows`.
    pub fn selected_row(&self) -> usize {
        self.rows
            .iter()
            .position(|&r| r == self.selected)
            .unwrap_or(0)
    }

    /// Open every ancestor of `ix` so it is a row, and select it.
    pub fn reveal(&mut self, ix: NodeIx) {
        for a in self.plan.ancestors(ix) {
            self.expanded[a] = true;
        }
        self.selected = ix;
        self.rebuild_rows();
    }

    /// Height of the tree pane in rows, from the current layout.
    pub fn tree_height(&self) -> usize {
        usize::from(super::layout::areas(self.size).tree.height).max(1)
    }

    /// Rows available to full-screen lists.
    pub fn body_height(&self) -> usize {
        usize::from(super::layout::areas(self.size).body.height)
    }

    /// What lateness depends on, for the cache that works it out once per change.
    fn late_inputs(&self) -> super::late::Inputs<'_> {
        super::late::Inputs {
            plan: &self.plan,
            status: &self.status,
            ledger: &self.ledger,
            agency: self.filter.as_ref().map(|f| f.agency),
            today: self.today,
        }
    }

    /// Task `ix` shows as late (with an agency filter, that agency's own part: one definition
    /// for every view, [`crate::plan::due`]); a branch, when a task below it does.
    pub fn shows_late(&self, ix: NodeIx) -> bool {
        self.late.shows_late(self.late_inputs(), ix)
    }

    /// Unfinished tasks past their deadline, for the footer.
    pub fn overdue_count(&self) -> usize {
        self.late.overdue_count(self.late_inputs())
    }

    /// Scroll so the selection stays on screen with a small margin. When it has to scroll it
    /// jumps by a third of the pane rather than one row: every scrolled row is redrawn, and
    /// over a slow SSH link a jump every few moves costs far fewer bytes than a shift on
    /// every move.
    pub fn keep_visible(&mut self) {
        let h = self.tree_height();
        let row = self.selected_row();
        let margin = SCROLL_MARGIN.min(h.saturating_sub(1) / 2);
        if row < self.offset + margin {
            self.offset = row.saturating_sub((h * 2 / 3).max(margin));
        } else if row + margin >= self.offset + h {
            self.offset = row.saturating_sub((h / 3).max(margin));
        }
        let max_offset = self.rows.len().saturating_sub(h);
        self.offset = self.offset.min(max_offset);
    }

    /// The notes of `ix` if they are loaded.
    pub fn notes_of(&self, ix: NodeIx) -> Option<&[Note]> {
        match &self.notes {
            Some((i, n)) if *i == ix => Some(n),
            _ => None,
        }
    }

    /// Which draft the note being typed is kept as (none outside a note editor).
    pub fn draft_key(&self) -> Option<DraftKey> {
        let Mode::Editor(e) = &self.mode else {
            return None;
        };
        // An agency's document is a few words: only notes are kept as drafts.
        if e.agency.is_some() {
            return None;
        }
        Some(e.kept_as.clone().unwrap_or_else(|| DraftKey {
            session: self.session.clone(),
            plan_id: self.plan.id().to_string(),
            item_id: self.plan.node(e.item).id.clone(),
        }))
    }

    /// The note being typed, as a draft to keep.
    pub fn draft(&self, now: &str) -> Option<Draft> {
        let key = self.draft_key()?;
        let Mode::Editor(e) = &self.mode else {
            return None;
        };
        let text = e.text.lines().join("\n");
        if text.trim().is_empty() && e.doc_ref.trim().is_empty() {
            return None;
        }
        Some(Draft {
            session: key.session,
            plan_id: key.plan_id,
            item_id: key.item_id,
            note_id: e.note_id,
            note: NewNote {
                text,
                doc_ref: Some(e.doc_ref.clone()).filter(|s| !s.is_empty()),
                doc_date: crate::text::parse_date(&e.doc_date),
            },
            saved_at: now.to_string(),
        })
    }

    /// A fresh editor for `item`, optionally prefilled.
    pub fn editor(item: NodeIx, note_id: Option<i64>, note: &NewNote) -> Editor {
        State::editor_for(item, None, note_id, note)
    }

    /// An editor for `item`, recording `agency`'s part when given.
    pub fn editor_for(
        item: NodeIx,
        agency: Option<AgencyIx>,
        note_id: Option<i64>,
        note: &NewNote,
    ) -> Editor {
        let lines: Vec<String> = if note.text.is_empty() {
            vec![String::new()]
        } else {
            note.text.lines().map(str::to_string).collect()
        };
        let mut text = TextArea::new(lines);
        text.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        text.set_cursor_line_style(ratatui::style::Style::default());
        text.move_cursor(ratatui_textarea::CursorMove::Bottom);
        text.move_cursor(ratatui_textarea::CursorMove::End);
        Editor {
            item,
            agency,
            note_id,
            text,
            doc_ref: note.doc_ref.clone().unwrap_or_default(),
            doc_date: note.doc_date.map(crate::i18n::date).unwrap_or_default(),
            field: Field::Text,
            saving: false,
            error: None,
            dirty: false,
            touched: false,
            back: None,
            kept_as: None,
        }
    }
}
