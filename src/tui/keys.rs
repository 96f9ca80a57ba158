//! The only place keys are matched: a terminal event in a mode becomes a [`Msg`].
//! Every action has a plain key (no Ctrl-S/Q/B, Alt, Shift-arrows or mouse needed), and only
//! key presses count, so terminals that also report releases do not act twice.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::message::Msg;
use super::state::{Field, Mode, State};

/// Esc followed quickly by a key (a fast typist, a paste of keys, a slow SSH link) reaches us
/// as Alt+key. kehoach binds nothing to Alt, so it is read as what was typed: Esc, then the
/// key. Returns the key without Alt when `event` is such a pair.
pub fn split_escape(event: &Event) -> Option<Event> {
    match event {
        Event::Key(k)
            if k.kind == KeyEventKind::Press
                && k.modifiers.contains(KeyModifiers::ALT)
                && matches!(k.code, KeyCode::Char(_)) =>
        {
            let mut plain = *k;
            plain.modifiers.remove(KeyModifiers::ALT);
            Some(Event::Key(plain))
        }
        _ => None,
    }
}

/// What a key stands for as text, when it arrives as part of a paste the terminal did not
/// bracket: a character, Enter (or Ctrl-J) as a line break, Tab as a tab; nothing for other
/// keys (arrows, Esc, Ctrl-letters), which a paste does not contain as text.
pub fn pasted_text(event: &Event) -> Option<String> {
    match event {
        Event::Paste(s) => Some(s.clone()),
        Event::Key(k) if k.kind == KeyEventKind::Press => {
            let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
            match k.code {
                KeyCode::Char('j') if ctrl => Some("\n".into()),
                KeyCode::Char(c) if !ctrl => Some(c.to_string()),
                KeyCode::Enter => Some("\n".into()),
                KeyCode::Tab => Some("\t".into()),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Whether `event` is a key that would be a character of text (a letter, a digit, Space):
/// where keys are commands, the start of what may be a paste the terminal did not bracket.
pub fn starts_text(event: &Event) -> bool {
    matches!(event, Event::Key(k) if k.kind == KeyEventKind::Press
        && matches!(k.code, KeyCode::Char(_))
        && !k.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT))
}

/// Whether the text of keys read together is a paste rather than commands typed quickly:
/// Vietnamese letters (no key of the tree or a list is one), or words with spaces between
/// them. A fast typist's `jj` or `xj` over a slow link is neither and still runs.
pub fn looks_pasted(text: &str) -> bool {
    let n = text.chars().count();
    n >= 2 && (!text.is_ascii() || (n >= 4 && text.trim().chars().any(char::is_whitespace)))
}

/// [`map`] for a key that came in a burst with others (`burst`): a paste the terminal did not
/// bracket. Its line breaks in a note's text are new lines, never Enter saving the note
/// halfway through the paste (and the rest running as commands). Tab still moves to the
/// document number: a quick typist's Tab comes in a burst too.
pub fn map_burst(state: &State, event: &Event, burst: bool) -> Option<Msg> {
    if burst
        && let (Mode::Editor(e), Event::Key(k)) = (&state.mode, event)
        && e.field == Field::Text
        && k.kind == KeyEventKind::Press
        && k.modifiers.is_empty()
        && !super::layout::areas(state.size).too_small
        && k.code == KeyCode::Enter
    {
        return Some(Msg::EditorKey(*k));
    }
    map(state, event)
}

/// The character a key of a burst adds to a note's text, when that is all it does (a letter,
/// or Enter as a new line): the loop holds these back and inserts a burst's text at once, as
/// a bracketed paste is. A paste the terminal did not bracket arrives as thousands of keys,
/// and the text area lays out all its text again after each one (a 3 kB paste took seconds).
pub fn burst_char(state: &State, msg: &Msg) -> Option<char> {
    let (Mode::Editor(e), Msg::EditorKey(k)) = (&state.mode, msg) else {
        return None;
    };
    if e.field != Field::Text || e.saving || !(k.modifiers - KeyModifiers::SHIFT).is_empty() {
        return None;
    }
    match k.code {
        KeyCode::Char(c) => Some(c),
        KeyCode::Enter => Some('\n'),
        _ => None,
    }
}

pub fn map(state: &State, event: &Event) -> Option<Msg> {
    // Nothing can be seen below the minimum size: a key would act unseen (an editor no one
    // can read). Only a resize, q and Ctrl-C count there.
    if super::layout::areas(state.size).too_small {
        return match event {
            Event::Resize(w, h) => Some(Msg::Resize(*w, *h)),
            Event::Key(k) if k.kind == KeyEventKind::Press => match k.code {
                KeyCode::Char('q') => Some(Msg::Quit),
                KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    Some(Msg::Quit)
                }
                _ => None,
            },
            _ => None,
        };
    }
    match event {
        Event::Resize(w, h) => Some(Msg::Resize(*w, *h)),
        Event::Paste(s) => Some(Msg::Paste(s.clone())),
        Event::Key(k) if k.kind == KeyEventKind::Press => key(state, *k),
        _ => None,
    }
}

fn key(state: &State, k: KeyEvent) -> Option<Msg> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(k.code, KeyCode::Char('c')) {
        return Some(Msg::Quit);
    }
    if state.mode.list().is_some_and(|l| l.typing) {
        return filter(k);
    }
    match &state.mode {
        Mode::Tree => tree(k),
        Mode::Notes { .. } => notes(k),
        Mode::ConfirmDelete { .. } => match k.code {
            KeyCode::Char('y' | 'Y' | 'c' | 'C') => Some(Msg::Confirm(true)),
            KeyCode::Char('n' | 'N' | 'k' | 'K') | KeyCode::Esc => Some(Msg::Confirm(false)),
            _ => None,
        },
        Mode::Overdue { .. } => overdue(k),
        Mode::Agencies { .. } | Mode::Plans { .. } => list(k),
        // The day prompt of the "since" view is a one-line input, like the deadline's.
        Mode::Since {
            prompt: Some(_), ..
        } => match k.code {
            KeyCode::Esc => Some(Msg::Back),
            KeyCode::Enter => Some(Msg::Submit),
            KeyCode::Backspace => Some(Msg::InputBackspace),
            KeyCode::Char(c) if !ctrl => Some(Msg::InputChar(c)),
            _ => None,
        },
        Mode::Since { .. } => match k.code {
            KeyCode::Char('d') => Some(Msg::SinceDate),
            _ => list(k),
        },
        Mode::Parts { .. } | Mode::Checklist { .. } => parts(k),
        Mode::Matrix(_) => match k.code {
            KeyCode::Left | KeyCode::Char('h') => Some(Msg::Left),
            KeyCode::Right | KeyCode::Char('l') => Some(Msg::Right),
            KeyCode::Tab => Some(Msg::NextField),
            _ => list(k),
        },
        Mode::Help { .. } => match k.code {
            KeyCode::Up | KeyCode::Char('k') => Some(Msg::Up),
            KeyCode::Down | KeyCode::Char('j') => Some(Msg::Down),
            KeyCode::PageUp => Some(Msg::PageUp),
            KeyCode::PageDown | KeyCode::Char(' ') => Some(Msg::PageDown),
            KeyCode::Esc | KeyCode::Char('?') | KeyCode::Enter => Some(Msg::Back),
            KeyCode::Char('q') => Some(Msg::Quit),
            _ => None,
        },
        Mode::Search(_) => match k.code {
            KeyCode::Esc => Some(Msg::Back),
            KeyCode::Enter => Some(Msg::Submit),
            KeyCode::Down | KeyCode::Tab => Some(Msg::NextField),
            KeyCode::Up | KeyCode::BackTab => Some(Msg::PrevField),
            KeyCode::Backspace => Some(Msg::InputBackspace),
            KeyCode::Char(c) if !ctrl => Some(Msg::InputChar(c)),
            _ => None,
        },
        Mode::Deadline(_) => match k.code {
            KeyCode::Esc => Some(Msg::Back),
            KeyCode::Enter => Some(Msg::Submit),
            KeyCode::Backspace => Some(Msg::InputBackspace),
            KeyCode::Char(c) if !ctrl => Some(Msg::InputChar(c)),
            _ => None,
        },
        Mode::Editor(e) => match k.code {
            KeyCode::Esc => Some(Msg::Back),
            KeyCode::Tab => Some(Msg::NextField),
            KeyCode::BackTab => Some(Msg::PrevField),
            // Alt-Enter and Ctrl-J also break the line, for those who have them.
            KeyCode::Enter if k.modifiers.contains(KeyModifiers::ALT) => Some(Msg::EditorKey(
                KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
            )),
            KeyCode::Char('j') if ctrl && e.field == Field::Text => Some(Msg::EditorKey(
                KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
            )),
            KeyCode::Enter => Some(Msg::Submit),
            _ if e.field == Field::Text => Some(Msg::EditorKey(k)),
            KeyCode::Backspace => Some(Msg::InputBackspace),
            KeyCode::Char(c) if !ctrl => Some(Msg::InputChar(c)),
            _ => None,
        },
    }
}

fn tree(k: KeyEvent) -> Option<Msg> {
    if let Some(m) = navigation(k).or_else(|| redo(k)) {
        return Some(m);
    }
    Some(match k.code {
        KeyCode::Left | KeyCode::Char('h') => Msg::Collapse,
        KeyCode::Right | KeyCode::Char('l') => Msg::Expand,
        KeyCode::Char('p') => Msg::Parent,
        KeyCode::Enter => Msg::Activate,
        KeyCode::Char(' ' | 'x') => Msg::ToggleDone,
        KeyCode::Char('n') => Msg::NewNote,
        KeyCode::Char('d') => Msg::EditDeadline,
        KeyCode::Char('u') => Msg::Undo,
        KeyCode::Char('o') => Msg::ShowOverdue,
        KeyCode::Char('a') => Msg::ShowAgencies,
        KeyCode::Char('s') => Msg::ShowParts,
        KeyCode::Char('c') => Msg::ShowChecklist,
        KeyCode::Char('m') => Msg::ShowMatrix,
        KeyCode::Char('w') => Msg::ShowSince,
        KeyCode::Char('P') => Msg::ShowPlans,
        KeyCode::Char('/') => Msg::StartSearch,
        KeyCode::Char('?') => Msg::ShowHelp,
        KeyCode::Tab => Msg::FocusNotes,
        KeyCode::Char('J') => Msg::ScrollDetail(3),
        KeyCode::Char('K') => Msg::ScrollDetail(-3),
        KeyCode::Esc => Msg::Back,
        KeyCode::Char('q') => Msg::Quit,
        _ => return None,
    })
}

fn notes(k: KeyEvent) -> Option<Msg> {
    if let Some(m) = redo(k) {
        return Some(m);
    }
    Some(match k.code {
        KeyCode::Up | KeyCode::Char('k') => Msg::Up,
        KeyCode::Down | KeyCode::Char('j') => Msg::Down,
        KeyCode::Char('e') | KeyCode::Enter => Msg::EditNote,
        KeyCode::Char('D') | KeyCode::Delete => Msg::DeleteNote,
        KeyCode::Char('n') => Msg::NewNote,
        KeyCode::Char('u') => Msg::Undo,
        KeyCode::Esc | KeyCode::Tab => Msg::Back,
        KeyCode::Char('?') => Msg::ShowHelp,
        KeyCode::Char('q') => Msg::Quit,
        _ => return None,
    })
}

/// Keys of every full-screen list. No letter opens another view from a list (typed without
/// `/`, "so noi" would have opened the overdue list): a letter that means nothing here is
/// passed on as typed, and the list says how to filter.
fn list(k: KeyEvent) -> Option<Msg> {
    if let Some(m) = navigation(k) {
        return Some(m);
    }
    Some(match k.code {
        KeyCode::Enter => Msg::Activate,
        KeyCode::Char('/') => Msg::StartSearch,
        KeyCode::Char('?') => Msg::ShowHelp,
        KeyCode::Esc => Msg::Back,
        KeyCode::Char('q') => Msg::Quit,
        KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) => Msg::InputChar(c),
        _ => return None,
    })
}

/// The overdue list is worked through: the selected task is marked done or noted in place.
fn overdue(k: KeyEvent) -> Option<Msg> {
    if let Some(m) = redo(k) {
        return Some(m);
    }
    match k.code {
        KeyCode::Char(' ' | 'x') => Some(Msg::ToggleDone),
        KeyCode::Char('n') => Some(Msg::NewNote),
        KeyCode::Char('u') => Some(Msg::Undo),
        _ => list(k),
    }
}

/// Typing a list's filter: letters are text; ↑ ↓ still choose, Enter keeps the filter and
/// gives the keys back to the list, Esc clears it.
fn filter(k: KeyEvent) -> Option<Msg> {
    Some(match k.code {
        KeyCode::Up => Msg::Up,
        KeyCode::Down | KeyCode::Tab => Msg::Down,
        KeyCode::BackTab => Msg::Up,
        KeyCode::PageUp => Msg::PageUp,
        KeyCode::PageDown => Msg::PageDown,
        KeyCode::Enter => Msg::Submit,
        KeyCode::Esc => Msg::Back,
        KeyCode::Backspace => Msg::InputBackspace,
        KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) => Msg::InputChar(c),
        _ => return None,
    })
}

/// A list of agencies on one item: record each one's part.
fn parts(k: KeyEvent) -> Option<Msg> {
    use crate::plan::accountability::AgencyState;
    if let Some(m) = navigation(k).or_else(|| redo(k)) {
        return Some(m);
    }
    Some(match k.code {
        KeyCode::Char(' ' | 'x') => Msg::MarkAgency(AgencyState::Done),
        KeyCode::Char('r') => Msg::MarkAgency(AgencyState::Reported),
        KeyCode::Char('-') => Msg::MarkAgency(AgencyState::NotApplicable),
        KeyCode::Char('n') | KeyCode::Enter => Msg::NewNote,
        KeyCode::Char('u') => Msg::Undo,
        _ => return list(k),
    })
}

/// U, or Ctrl-R as in vi: redo, wherever `u` undoes.
fn redo(k: KeyEvent) -> Option<Msg> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    match k.code {
        KeyCode::Char('U') if !ctrl => Some(Msg::Redo),
        KeyCode::Char('r' | 'R') if ctrl => Some(Msg::Redo),
        _ => None,
    }
}

/// Moving through rows: the same keys in the tree and every list.
fn navigation(k: KeyEvent) -> Option<Msg> {
    Some(match k.code {
        KeyCode::Up | KeyCode::Char('k') => Msg::Up,
        KeyCode::Down | KeyCode::Char('j') => Msg::Down,
        KeyCode::PageUp => Msg::PageUp,
        KeyCode::PageDown => Msg::PageDown,
        KeyCode::Home | KeyCode::Char('g') => Msg::Top,
        KeyCode::End | KeyCode::Char('G') => Msg::Bottom,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::i18n::Lang;
    use crate::plan::{Plan, Status};
    use crate::store::NewNote;

    #[test]
    fn only_plain_text_of_a_notes_text_is_held_back() {
        let plan = Rc::new(Plan::embedded());
        let today = chrono::NaiveDate::from_ymd_opt(2023, 11, 20).unwrap();
        let mut s = State::new(plan.clone(), Status::empty(&plan), Lang::Vi, today, "lan");
        let key = |code, m| Msg::EditorKey(KeyEvent::new(code, m));
        let none = KeyModifiers::NONE;
        // Outside an editor nothing is text.
        assert_eq!(burst_char(&s, &key(KeyCode::Char('x'), none)), None);
        s.mode = Mode::Editor(Box::new(State::editor(0, None, &NewNote::default())));
        assert_eq!(burst_char(&s, &key(KeyCode::Char('ộ'), none)), Some('ộ'));
        let shift = KeyModifiers::SHIFT;
        assert_eq!(burst_char(&s, &key(KeyCode::Char('Đ'), shift)), Some('Đ'));
        assert_eq!(burst_char(&s, &key(KeyCode::Enter, none)), Some('\n'));
        // Keys that edit rather than add text act as keys.
        assert_eq!(burst_char(&s, &key(KeyCode::Backspace, none)), None);
        let ctrl = KeyModifiers::CONTROL;
        assert_eq!(burst_char(&s, &key(KeyCode::Char('w'), ctrl)), None);
        // The document number has its own keys (Enter saves there).
        if let Mode::Editor(e) = &mut s.mode {
            e.field = Field::DocRef;
        }
        assert_eq!(burst_char(&s, &key(KeyCode::Char('4'), none)), None);
    }
}
