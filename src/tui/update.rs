//! `update(state, msg) -> effects`: the one place the interactive state changes. No I/O here;
//! saving, loading and quitting are returned as [`Effect`]s for the loop to run.

use ratatui_textarea::{CursorMove, Input};
use unicode_normalization::char::is_combining_mark;

use super::message::{Change, Effect, Msg};
use super::state::{DeadlineInput, Editor, Field, Flash, ListState, Mode, Search, State};
use crate::i18n::{self, Lang, S};
use crate::plan::{NodeIx, Status, query};
use crate::store::NewNote;
use crate::text::{clean_input, fold, nfc, parse_date};

/// How far ahead the overdue view also lists tasks coming due.
pub const NEAR_DAYS: i64 = 14;

pub fn update(state: &mut State, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Resize(w, h) => {
            state.size = (w, h);
            state.keep_visible();
            vec![]
        }
        Msg::Tick(today) => tick(state, today),
        Msg::Quit => {
            state.quit = true;
            let mut fx = Vec::new();
            if let Some(d) = state.draft(&now()) {
                fx.push(Effect::SaveDraft(d));
            }
            fx.push(Effect::Quit);
            fx
        }
        Msg::Saved {
            change,
            undo,
            inverse,
            items,
            notes,
        } => saved(state, change, undo, inverse, items, notes),
        Msg::Failed { change, error } => {
            let text = S::TuiNotSaved.fill(state.lang, &[&error]);
            if let Mode::Editor(e) = &mut state.mode
                && matches!(change, Change::AddNote { .. } | Change::EditNote { .. })
            {
                e.saving = false;
                e.error = Some(text.clone());
            }
            state.flash = Some(Flash { text, error: true });
            vec![]
        }
        Msg::NotesLoaded { item, notes } => {
            if item == state.selected {
                state.notes = Some((item, notes));
            }
            vec![]
        }
        Msg::External { items, changes } => {
            state.status = Status::new(&state.plan, items);
            refresh_lists(state);
            // The item on screen (or being written about) matters most: say who overtook it.
            let mine = match &state.mode {
                Mode::Editor(e) => e.item,
                Mode::Deadline(d) => d.item,
                _ => state.selected,
            };
            let mine = &state.plan.node(mine).id;
            let text = match changes.iter().rev().find(|(_, item)| item == mine) {
                Some((who, item)) => S::TuiOvertaken.fill(state.lang, &[item, who]),
                None => match changes.last() {
                    Some((who, item)) => S::TuiExternal.fill(state.lang, &[who, item]),
                    None => S::TuiExternalAnon.get(state.lang).to_string(),
                },
            };
            state.flash = Some(Flash { text, error: false });
            state.notes = None;
            load_notes(state)
        }
        Msg::SearchNotes(v) => {
            state.search_notes = v.into_iter().collect();
            vec![]
        }
        msg => match &state.mode {
            Mode::Tree => tree(state, msg),
            Mode::Notes { .. } | Mode::ConfirmDelete { .. } => notes(state, msg),
            Mode::Overdue { .. } | Mode::Agencies { .. } => list(state, msg),
            Mode::Help { .. } => help(state, msg),
            Mode::Search(_) => search(state, msg),
            Mode::Editor(_) => editor(state, msg),
            Mode::Deadline(_) => deadline(state, msg),
        },
    }
}

fn now() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

fn tick(state: &mut State, today: chrono::NaiveDate) -> Vec<Effect> {
    state.today = today;
    let mut fx = Vec::new();
    if let Mode::Editor(e) = &mut state.mode
        && e.dirty
    {
        e.dirty = false;
        if let Some(d) = state.draft(&now()) {
            fx.push(Effect::SaveDraft(d));
        }
    }
    fx
}

/// After the selection moved: reset the detail, fetch notes if the item has any.
fn selected_changed(state: &mut State) -> Vec<Effect> {
    state.detail_scroll = 0;
    state.keep_visible();
    load_notes(state)
}

fn load_notes(state: &mut State) -> Vec<Effect> {
    let ix = state.selected;
    if state.notes_of(ix).is_some() {
        return vec![];
    }
    if state.status.items[ix].notes == 0 {
        state.notes = Some((ix, Vec::new()));
        vec![]
    } else {
        vec![Effect::LoadNotes(ix)]
    }
}

fn move_rows(state: &mut State, delta: isize) -> Vec<Effect> {
    if state.rows.is_empty() {
        return vec![];
    }
    let row = state.selected_row() as isize;
    let last = state.rows.len() as isize - 1;
    let to = (row + delta).clamp(0, last) as usize;
    if state.rows[to] == state.selected {
        return vec![];
    }
    state.selected = state.rows[to];
    selected_changed(state)
}

fn writable(state: &mut State) -> bool {
    if state.read_only {
        state.flash = Some(Flash {
            text: S::TuiReadOnly.get(state.lang).to_string(),
            error: true,
        });
    }
    !state.read_only
}

fn tree(state: &mut State, msg: Msg) -> Vec<Effect> {
    let page = state.tree_height().saturating_sub(1).max(1) as isize;
    let sel = state.selected;
    let plan = state.plan.clone();
    let node = plan.node(sel);
    let has_children = !node.children.is_empty();
    match msg {
        Msg::Up => move_rows(state, -1),
        Msg::Down => move_rows(state, 1),
        Msg::PageUp => move_rows(state, -page),
        Msg::PageDown => move_rows(state, page),
        Msg::Top => move_rows(state, isize::MIN / 2),
        Msg::Bottom => move_rows(state, isize::MAX / 2),
        Msg::Collapse => {
            if has_children && state.expanded[sel] {
                state.expanded[sel] = false;
                state.rebuild_rows();
                vec![]
            } else {
                parent(state)
            }
        }
        Msg::Expand => {
            if has_children && !state.expanded[sel] {
                state.expanded[sel] = true;
                state.rebuild_rows();
                vec![]
            } else if has_children {
                move_rows(state, 1)
            } else {
                vec![]
            }
        }
        Msg::Parent => parent(state),
        Msg::Activate => {
            if has_children {
                state.expanded[sel] = !state.expanded[sel];
                state.rebuild_rows();
            } else {
                state.zoom = !state.zoom;
                state.detail_scroll = 0;
                state.keep_visible();
            }
            vec![]
        }
        Msg::ToggleDone => {
            if !writable(state) {
                return vec![];
            }
            if !node.is_task() {
                state.flash = Some(Flash {
                    text: S::NotATask
                        .fill(state.lang, &[&node.id, &state.status.tallies[sel].total]),
                    error: true,
                });
                return vec![];
            }
            vec![Effect::Write {
                change: Change::SetDone {
                    item: sel,
                    done: !state.status.items[sel].done,
                },
                undo: false,
            }]
        }
        Msg::NewNote => open_editor(state, sel, None, NewNote::default()),
        Msg::EditDeadline => {
            if !writable(state) {
                return vec![];
            }
            let input = state.status.items[sel]
                .deadline
                .map(|d| d.format("%d/%m/%Y").to_string())
                .unwrap_or_default();
            state.mode = Mode::Deadline(DeadlineInput {
                item: sel,
                input,
                error: None,
            });
            vec![]
        }
        Msg::Undo => undo(state),
        Msg::ShowOverdue => show_overdue(state),
        Msg::ShowAgencies => show_agencies(state),
        Msg::StartSearch => {
            state.mode = Mode::Search(Search {
                query: String::new(),
                hits: Vec::new(),
                at: 0,
                origin: sel,
                origin_expanded: state.expanded.clone(),
            });
            vec![]
        }
        Msg::ShowHelp => {
            state.mode = Mode::Help { scroll: 0 };
            vec![]
        }
        Msg::FocusNotes => {
            match state.notes_of(sel) {
                Some(n) if !n.is_empty() => state.mode = Mode::Notes { sel: 0 },
                _ => {
                    state.flash = Some(Flash {
                        text: S::TuiNoNotes.get(state.lang).to_string(),
                        error: false,
                    })
                }
            }
            vec![]
        }
        Msg::ScrollDetail(d) => {
            state.detail_scroll = state.detail_scroll.saturating_add_signed(d);
            vec![]
        }
        Msg::Back => {
            if state.zoom {
                state.zoom = false;
                state.keep_visible();
            } else if state.filter.take().is_some() {
                state.rebuild_rows();
            } else {
                state.flash = None;
            }
            vec![]
        }
        _ => vec![],
    }
}

fn parent(state: &mut State) -> Vec<Effect> {
    match state.plan.node(state.selected).parent {
        Some(p) if state.rows.contains(&p) => {
            state.selected = p;
            selected_changed(state)
        }
        _ => vec![],
    }
}

fn open_editor(
    state: &mut State,
    item: NodeIx,
    note_id: Option<i64>,
    note: NewNote,
) -> Vec<Effect> {
    if !writable(state) {
        return vec![];
    }
    state.mode = Mode::Editor(Box::new(State::editor(item, note_id, &note)));
    vec![]
}

fn undo(state: &mut State) -> Vec<Effect> {
    if !writable(state) {
        return vec![];
    }
    match state.undo.pop() {
        Some(change) => vec![Effect::Write { change, undo: true }],
        None => {
            state.flash = Some(Flash {
                text: S::TuiNothingToUndo.get(state.lang).to_string(),
                error: false,
            });
            vec![]
        }
    }
}

/// Unfinished tasks overdue or due within [`NEAR_DAYS`], by deadline.
fn overdue_rows(state: &State) -> Vec<NodeIx> {
    let agency = state.filter.as_ref().map(|f| f.agency);
    query::overdue(
        &state.plan,
        &state.status,
        state.today,
        Some(NEAR_DAYS),
        agency,
    )
}

fn show_overdue(state: &mut State) -> Vec<Effect> {
    state.mode = Mode::Overdue {
        rows: overdue_rows(state),
        list: ListState::default(),
    };
    vec![]
}

fn show_agencies(state: &mut State) -> Vec<Effect> {
    let rows = query::agency_rows(&state.plan, &state.status, state.today);
    let sel = state
        .filter
        .as_ref()
        .and_then(|f| rows.iter().position(|r| r.agency == f.agency))
        .unwrap_or(0);
    state.mode = Mode::Agencies {
        rows,
        list: ListState { sel, offset: 0 },
    };
    vec![]
}

/// Lists computed from the status are recomputed when it changes.
fn refresh_lists(state: &mut State) {
    match &state.mode {
        Mode::Overdue { list, .. } => {
            let list = list.clone();
            let rows = overdue_rows(state);
            let sel = list.sel.min(rows.len().saturating_sub(1));
            state.mode = Mode::Overdue {
                rows,
                list: ListState { sel, ..list },
            };
        }
        Mode::Agencies { list, .. } => {
            let list = list.clone();
            let rows = query::agency_rows(&state.plan, &state.status, state.today);
            state.mode = Mode::Agencies { rows, list };
        }
        _ => {}
    }
}

fn list_len(mode: &Mode) -> usize {
    match mode {
        Mode::Overdue { rows, .. } => rows.len(),
        Mode::Agencies { rows, .. } => rows.len(),
        _ => 0,
    }
}

fn list(state: &mut State, msg: Msg) -> Vec<Effect> {
    let len = list_len(&state.mode);
    let page = state.body_height().saturating_sub(2).max(1) as isize;
    let delta = match msg {
        Msg::Up => -1,
        Msg::Down => 1,
        Msg::PageUp => -page,
        Msg::PageDown => page,
        Msg::Top => isize::MIN / 2,
        Msg::Bottom => isize::MAX / 2,
        Msg::Activate => return activate_list(state),
        Msg::ShowOverdue => return show_overdue(state),
        Msg::ShowAgencies => return show_agencies(state),
        Msg::ShowHelp => {
            state.mode = Mode::Help { scroll: 0 };
            return vec![];
        }
        Msg::Back => {
            state.mode = Mode::Tree;
            return vec![];
        }
        _ => return vec![],
    };
    let height = state.body_height().saturating_sub(1).max(1);
    if let Mode::Overdue { list, .. } | Mode::Agencies { list, .. } = &mut state.mode {
        if len == 0 {
            return vec![];
        }
        list.sel = (list.sel as isize + delta).clamp(0, len as isize - 1) as usize;
        if list.sel < list.offset {
            list.offset = list.sel;
        } else if list.sel >= list.offset + height {
            list.offset = list.sel + 1 - height;
        }
    }
    vec![]
}

fn activate_list(state: &mut State) -> Vec<Effect> {
    match std::mem::replace(&mut state.mode, Mode::Tree) {
        Mode::Overdue { rows, list } => {
            let Some(&ix) = rows.get(list.sel) else {
                return vec![];
            };
            if !state.is_shown(ix) {
                state.filter = None;
            }
            state.reveal(ix);
            selected_changed(state)
        }
        Mode::Agencies { rows, list } => {
            let Some(row) = rows.get(list.sel) else {
                return vec![];
            };
            set_filter(state, row.agency);
            load_notes(state)
        }
        other => {
            state.mode = other;
            vec![]
        }
    }
}

/// Limit the tree to one agency's duties, opening every branch that holds one.
pub fn set_filter(state: &mut State, agency: crate::plan::AgencyIx) {
    let plan = &state.plan;
    let duty = query::duties(plan, agency);
    let mut shown = duty.clone();
    for i in (0..plan.len()).rev() {
        if shown[i]
            && let Some(p) = plan.node(i).parent
        {
            shown[p] = true;
        }
    }
    for (i, open) in state.expanded.iter_mut().enumerate() {
        if shown[i] && !plan.node(i).children.is_empty() {
            *open = true;
        }
    }
    state.filter = Some(super::state::Filter {
        agency,
        duty,
        shown,
    });
    state.rebuild_rows();
    // Start on the first duty rather than on a heading kept for context.
    if let Some(f) = &state.filter
        && !f.duty[state.selected]
        && let Some(&first) = state.rows.iter().find(|&&r| f.duty[r])
    {
        state.selected = first;
        state.keep_visible();
    }
}

fn help(state: &mut State, msg: Msg) -> Vec<Effect> {
    let Mode::Help { scroll } = &mut state.mode else {
        return vec![];
    };
    match msg {
        Msg::Up => *scroll = scroll.saturating_sub(1),
        Msg::Down => *scroll = scroll.saturating_add(1),
        Msg::PageUp => *scroll = scroll.saturating_sub(10),
        Msg::PageDown => *scroll = scroll.saturating_add(10),
        Msg::Back => state.mode = Mode::Tree,
        _ => {}
    }
    vec![]
}

fn notes(state: &mut State, msg: Msg) -> Vec<Effect> {
    let count = state.notes_of(state.selected).map_or(0, <[_]>::len);
    match (&state.mode, msg) {
        (Mode::ConfirmDelete { id, sel }, Msg::Confirm(yes)) => {
            let (id, sel) = (*id, *sel);
            state.mode = Mode::Notes { sel };
            if yes {
                return vec![Effect::Write {
                    change: Change::DeleteNote {
                        item: state.selected,
                        id,
                    },
                    undo: false,
                }];
            }
            vec![]
        }
        (Mode::ConfirmDelete { .. }, Msg::Quit) => vec![],
        (Mode::Notes { sel }, m) => {
            let sel = *sel;
            match m {
                Msg::Up => {
                    state.mode = Mode::Notes {
                        sel: sel.saturating_sub(1),
                    }
                }
                Msg::Down => {
                    state.mode = Mode::Notes {
                        sel: (sel + 1).min(count.saturating_sub(1)),
                    }
                }
                Msg::Back => state.mode = Mode::Tree,
                Msg::ShowHelp => state.mode = Mode::Help { scroll: 0 },
                Msg::NewNote => {
                    return open_editor(state, state.selected, None, NewNote::default());
                }
                Msg::Undo => return undo(state),
                Msg::EditNote | Msg::DeleteNote => {
                    let Some(note) = state
                        .notes_of(state.selected)
                        .and_then(|n| n.get(sel))
                        .cloned()
                    else {
                        return vec![];
                    };
                    if note.author != state.user {
                        state.flash = Some(Flash {
                            text: S::TuiNotYours.fill(state.lang, &[&note.id, &note.author]),
                            error: true,
                        });
                        return vec![];
                    }
                    if !writable(state) {
                        return vec![];
                    }
                    if matches!(m, Msg::EditNote) {
                        let content = NewNote {
                            text: note.text.clone(),
                            doc_ref: note.doc_ref.clone(),
                            doc_date: note.doc_date,
                        };
                        return open_editor(state, state.selected, Some(note.id), content);
                    }
                    state.mode = Mode::ConfirmDelete { id: note.id, sel };
                }
                _ => {}
            }
            vec![]
        }
        _ => vec![],
    }
}

fn search(state: &mut State, msg: Msg) -> Vec<Effect> {
    let Mode::Search(s) = &mut state.mode else {
        return vec![];
    };
    let mut requery = false;
    match msg {
        Msg::InputChar(c) => {
            s.query.push(c);
            requery = true;
        }
        Msg::Paste(p) => {
            s.query.push_str(&clean_input(&p).replace('\n', " "));
            requery = true;
        }
        Msg::InputBackspace => {
            s.query.pop();
            requery = true;
        }
        Msg::NextField | Msg::PrevField if !s.hits.is_empty() => {
            let n = s.hits.len();
            s.at = if matches!(msg, Msg::NextField) {
                (s.at + 1) % n
            } else {
                (s.at + n - 1) % n
            };
            let target = s.hits[s.at];
            return go_to(state, target);
        }
        Msg::Submit => {
            state.mode = Mode::Tree;
            return vec![];
        }
        Msg::Back => {
            let (origin, expanded) = (s.origin, s.origin_expanded.clone());
            state.mode = Mode::Tree;
            state.expanded = expanded;
            state.selected = origin;
            state.rebuild_rows();
            return selected_changed(state);
        }
        _ => {}
    }
    if !requery {
        return vec![];
    }
    let query = nfc(&s.query).into_owned();
    let plan = state.plan.clone();
    let notes = &state.search_notes;
    let hits: Vec<NodeIx> = query::search(&plan, &query, &|ix| notes.get(&ix).cloned())
        .into_iter()
        .map(|h| h.node)
        .filter(|&ix| state.filter.as_ref().is_none_or(|f| f.shown[ix]))
        .collect();
    let Mode::Search(s) = &mut state.mode else {
        return vec![];
    };
    s.hits = hits;
    s.at = 0;
    match s.hits.first().copied() {
        Some(best) => go_to(state, best),
        None => vec![],
    }
}

/// Select `ix`, opening its ancestors.
fn go_to(state: &mut State, ix: NodeIx) -> Vec<Effect> {
    state.reveal(ix);
    selected_changed(state)
}

fn deadline(state: &mut State, msg: Msg) -> Vec<Effect> {
    let Mode::Deadline(d) = &mut state.mode else {
        return vec![];
    };
    match msg {
        Msg::InputChar(c) => {
            d.input.push(c);
            d.error = None;
        }
        Msg::Paste(p) => d.input.push_str(p.trim()),
        Msg::InputBackspace => {
            d.input.pop();
            d.error = None;
        }
        Msg::Back => state.mode = Mode::Tree,
        Msg::Submit => {
            let text = d.input.trim().to_string();
            let date = if text.is_empty() {
                None
            } else {
                match parse_date(&text) {
                    Some(date) => Some(date),
                    None => {
                        d.error = Some(S::BadDate.fill(state.lang, &[&text]));
                        return vec![];
                    }
                }
            };
            let item = d.item;
            state.mode = Mode::Tree;
            return vec![Effect::Write {
                change: Change::SetDeadline { item, date },
                undo: false,
            }];
        }
        _ => {}
    }
    vec![]
}

fn editor(state: &mut State, msg: Msg) -> Vec<Effect> {
    let lang = state.lang;
    let Mode::Editor(e) = &mut state.mode else {
        return vec![];
    };
    if e.saving {
        return vec![];
    }
    e.error = None;
    match msg {
        Msg::EditorKey(k) if e.text.input(Input::from(k)) => {
            e.dirty = true;
            compose_line(e);
        }
        Msg::Paste(p) => {
            let p = clean_input(&p);
            match e.field {
                Field::Text => {
                    e.text.insert_str(&p);
                }
                Field::DocRef => e.doc_ref.push_str(&p.replace('\n', " ")),
                Field::DocDate => e.doc_date.push_str(p.trim()),
            }
            e.dirty = true;
        }
        Msg::InputChar(c) => {
            match e.field {
                Field::DocRef => e.doc_ref.push(c),
                Field::DocDate => e.doc_date.push(c),
                Field::Text => {
                    e.text.insert_char(c);
                }
            }
            e.dirty = true;
        }
        Msg::InputBackspace => {
            match e.field {
                Field::DocRef => {
                    e.doc_ref.pop();
                }
                Field::DocDate => {
                    e.doc_date.pop();
                }
                Field::Text => {
                    e.text.delete_char();
                }
            }
            e.dirty = true;
        }
        Msg::NextField | Msg::PrevField => {
            let order = [Field::Text, Field::DocRef, Field::DocDate];
            let at = order.iter().position(|f| *f == e.field).unwrap_or(0);
            let step = if matches!(msg, Msg::NextField) { 1 } else { 2 };
            e.field = order[(at + step) % 3];
        }
        Msg::Submit => return submit_note(state),
        Msg::Back => {
            let kept = state.draft(&now());
            state.mode = Mode::Tree;
            return match kept {
                Some(d) => {
                    state.flash = Some(Flash {
                        text: S::TuiDraftKept.get(lang).to_string(),
                        error: false,
                    });
                    vec![Effect::SaveDraft(d)]
                }
                None => vec![Effect::ClearDraft],
            };
        }
        _ => {}
    }
    vec![]
}

/// Input methods (Telex, VNI) and some terminals send a letter and its tone mark as separate
/// characters; recompose the current line so the cursor counts letters, not marks.
fn compose_line(e: &mut Editor) {
    let (row, col) = (e.text.cursor().0, e.text.cursor().1);
    let line = &e.text.lines()[row];
    if !line.chars().any(is_combining_mark) {
        return;
    }
    let before: String = line.chars().take(col).collect();
    let composed_before = nfc(&before).chars().count();
    let composed = nfc(line).into_owned();
    let mut lines = e.text.lines().to_vec();
    lines[row] = composed;
    let mut fresh = ratatui_textarea::TextArea::new(lines);
    fresh.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    fresh.set_cursor_line_style(ratatui::style::Style::default());
    fresh.move_cursor(CursorMove::Jump(row as u16, composed_before as u16));
    e.text = fresh;
}

fn submit_note(state: &mut State) -> Vec<Effect> {
    let lang = state.lang;
    let Mode::Editor(e) = &mut state.mode else {
        return vec![];
    };
    // A line ending in "\" continues on the next line instead of saving.
    if e.field == Field::Text {
        let (row, col) = (e.text.cursor().0, e.text.cursor().1);
        let line = &e.text.lines()[row];
        if col == line.chars().count() && line.ends_with('\\') {
            e.text.delete_char();
            e.text.insert_newline();
            e.dirty = true;
            return vec![];
        }
    }
    let text = clean_input(&e.text.lines().join("\n"));
    if text.trim().is_empty() {
        e.error = Some(S::TuiEmptyNote.get(lang).to_string());
        e.field = Field::Text;
        return vec![];
    }
    let doc_date = match e.doc_date.trim() {
        "" => None,
        d => match parse_date(d) {
            Some(x) => Some(x),
            None => {
                e.error = Some(S::BadDate.fill(lang, &[&d]));
                e.field = Field::DocDate;
                return vec![];
            }
        },
    };
    let note = NewNote {
        text,
        doc_ref: Some(e.doc_ref.trim().to_string()).filter(|s| !s.is_empty()),
        doc_date,
    };
    e.saving = true;
    let change = match e.note_id {
        Some(id) => Change::EditNote {
            item: e.item,
            id,
            note,
        },
        None => Change::AddNote { item: e.item, note },
    };
    vec![Effect::Write {
        change,
        undo: false,
    }]
}

fn saved(
    state: &mut State,
    change: Change,
    undo: bool,
    inverse: Option<Change>,
    items: Vec<crate::plan::ItemState>,
    notes: Vec<crate::store::Note>,
) -> Vec<Effect> {
    let item = change.item();
    state.status = Status::new(&state.plan, items);
    let folded: String = notes
        .iter()
        .map(|n| {
            format!(
                "{}\n{}\n",
                fold(&n.text),
                fold(n.doc_ref.as_deref().unwrap_or(""))
            )
        })
        .collect();
    if folded.is_empty() {
        state.search_notes.remove(&item);
    } else {
        state.search_notes.insert(item, folded);
    }
    let count = notes.len();
    state.notes = Some((item, notes));
    if !undo && let Some(inv) = inverse {
        state.undo.push(inv);
    }
    let mut fx = Vec::new();
    match &mut state.mode {
        Mode::Editor(_) if matches!(change, Change::AddNote { .. } | Change::EditNote { .. }) => {
            state.mode = Mode::Tree;
            fx.push(Effect::ClearDraft);
        }
        Mode::Notes { sel } => *sel = (*sel).min(count.saturating_sub(1)),
        _ => {}
    }
    if matches!(state.mode, Mode::Notes { .. }) && count == 0 {
        state.mode = Mode::Tree;
    }
    refresh_lists(state);
    let what = describe(state, &change);
    state.flash = Some(Flash {
        text: if undo {
            S::TuiUndone.fill(state.lang, &[&what])
        } else {
            what
        },
        error: false,
    });
    fx
}

/// One line saying what a change did.
pub fn describe(state: &State, change: &Change) -> String {
    let lang: Lang = state.lang;
    let id = &state.plan.node(change.item()).id;
    match change {
        Change::SetDone { done: true, .. } => S::TuiSavedDone.fill(lang, &[id]),
        Change::SetDone { done: false, .. } => S::TuiSavedReopen.fill(lang, &[id]),
        Change::SetDeadline { item, date } => {
            let now = i18n::date(state.status.deadlines[*item]);
            match date {
                Some(_) => S::TuiSavedDeadline.fill(lang, &[id, &now]),
                None => S::TuiSavedDeadlineCleared.fill(lang, &[id, &now]),
            }
        }
        Change::AddNote { .. } => S::TuiSavedNote.fill(lang, &[id]),
        Change::EditNote { id: n, .. } => S::TuiSavedNoteEdit.fill(lang, &[n]),
        Change::DeleteNote { id: n, .. } => S::TuiDeletedNote.fill(lang, &[n]),
        Change::RestoreNote { note, .. } => S::TuiRestoredNote.fill(lang, &[&note.id]),
    }
}
