//! Evidence notes: add, edit and delete one's own, restore (undo); and the draft of a note
//! being typed, kept across a dropped connection.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};

use super::read::{NOTE_COLUMNS, Note, note_from_row};
use super::write::{audit, changed_since, date_text};
use super::{Actor, Result, Store, StoreError};
use crate::text::clean_input;

/// Notes longer than this are refused: a note is evidence, not the document itself.
pub const MAX_NOTE_BYTES: usize = 64 * 1024;

/// The content of a note being written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewNote {
    pub text: String,
    pub doc_ref: Option<String>,
    pub doc_date: Option<NaiveDate>,
}

/// A note being typed, kept across a dropped connection. One per user, session and item, so
/// two sessions of one account never overwrite each other's.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The interactive view that kept it ("" for drafts kept before schema 5).
    pub session: String,
    pub plan_id: String,
    pub item_id: String,
    /// Set when the draft edits an existing note.
    pub note_id: Option<i64>,
    pub note: NewNote,
    pub saved_at: String,
}

/// Which draft to forget: the one a session keeps for an item.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftKey {
    pub session: String,
    pub plan_id: String,
    pub item_id: String,
}

impl Draft {
    pub fn key(&self) -> DraftKey {
        DraftKey {
            session: self.session.clone(),
            plan_id: self.plan_id.clone(),
            item_id: self.item_id.clone(),
        }
    }
}

impl NewNote {
    /// NFC, trimmed, and within limits; errors say what to fix.
    fn cleaned(&self) -> std::result::Result<NewNote, NoteError> {
        let text = clean_input(&self.text);
        let text = text.trim_start().to_string();
        if text.is_empty() {
            return Err(NoteError::Empty);
        }
        if text.len() > MAX_NOTE_BYTES {
            return Err(NoteError::TooLong(text.len()));
        }
        let doc_ref = self
            .doc_ref
            .as_deref()
            .map(clean_input)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        Ok(NewNote {
            text,
            doc_ref,
            doc_date: self.doc_date,
        })
    }
}

/// Why a note cannot be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NoteError {
    #[error("the note is empty; write what was done")]
    Empty,
    #[error(
        "the note is {0} bytes, over the limit of 65536; attach the document's number instead of its text"
    )]
    TooLong(usize),
}

impl Store {
    /// Add an evidence note; returns its id.
    pub fn add_note(
        &mut self,
        plan_id: &str,
        item_id: &str,
        note: &NewNote,
        actor: &Actor,
    ) -> Result<i64, NoteWriteError> {
        let note = note.cleaned()?;
        let tx = self.begin()?;
        tx.execute(
            "INSERT INTO note (plan_id, item_id, author, created_at, text, doc_ref, doc_date, folded) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                plan_id,
                item_id,
                actor.user,
                actor.now,
                note.text,
                note.doc_ref,
                date_text(note.doc_date),
                folded(&note.text, note.doc_ref.as_deref())
            ],
        )
        .map_err(StoreError::from)?;
        let id = tx.last_insert_rowid();
        audit(
            &tx,
            actor,
            Some(plan_id),
            Some(item_id),
            &format!("note #{id} add"),
            None,
            Some(&note.text),
        )
        .map_err(StoreError::from)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(id)
    }

    /// Change a note's content; only its author may. Returns the note as it was.
    pub fn edit_note(
        &mut self,
        id: i64,
        note: &NewNote,
        actor: &Actor,
    ) -> Result<Note, NoteWriteError> {
        self.edit_note_if(id, note, None, actor)
    }

    /// [`Store::edit_note`], only if the note still reads `expect` (an undo must not wipe an
    /// edit made since, by the same account in another session).
    pub fn edit_note_if(
        &mut self,
        id: i64,
        note: &NewNote,
        expect: Option<&NewNote>,
        actor: &Actor,
    ) -> Result<Note, NoteWriteError> {
        let note = note.cleaned()?;
        let tx = self.begin()?;
        let before = own_note(&tx, id, actor)?;
        still_reads(&tx, &before, expect)?;
        tx.execute(
            "UPDATE note SET text=?2, doc_ref=?3, doc_date=?4, updated_at=?5, folded=?6 WHERE id=?1",
            params![
                id,
                note.text,
                note.doc_ref,
                date_text(note.doc_date),
                actor.now,
                folded(&note.text, note.doc_ref.as_deref())
            ],
        )
        .map_err(StoreError::from)?;
        audit(
            &tx,
            actor,
            Some(&before.plan_id),
            Some(&before.item_id),
            &format!("note #{id} edit"),
            Some(&before.text),
            Some(&note.text),
        )
        .map_err(StoreError::from)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(before)
    }

    /// Delete a note; only its author may. Returns it (so it can be restored).
    pub fn delete_note(&mut self, id: i64, actor: &Actor) -> Result<Note> {
        self.delete_note_if(id, None, actor)
    }

    /// [`Store::delete_note`], only if the note still reads `expect` (undo of an add).
    pub fn delete_note_if(
        &mut self,
        id: i64,
        expect: Option<&NewNote>,
        actor: &Actor,
    ) -> Result<Note> {
        let tx = self.begin()?;
        let before = own_note(&tx, id, actor)?;
        still_reads(&tx, &before, expect)?;
        tx.execute("DELETE FROM note WHERE id=?1", [id])?;
        audit(
            &tx,
            actor,
            Some(&before.plan_id),
            Some(&before.item_id),
            &format!("note #{id} delete"),
            Some(&before.text),
            None,
        )?;
        tx.commit()?;
        Ok(before)
    }

    /// Put back a deleted note with its id, author and times (undo of a delete, redo of an
    /// add). Returns its id: a new one when its own was taken since (SQLite gives the highest
    /// id again once that note is gone, so someone's next note may have it).
    pub fn restore_note(&mut self, note: &Note, actor: &Actor) -> Result<i64> {
        let tx = self.begin()?;
        let taken = tx
            .query_row("SELECT 1 FROM note WHERE id=?1", [note.id], |_| Ok(()))
            .optional()?
            .is_some();
        tx.execute(
            "INSERT INTO note (id, plan_id, item_id, author, created_at, updated_at, text, doc_ref, doc_date, folded) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                (!taken).then_some(note.id),
                note.plan_id,
                note.item_id,
                note.author,
                note.created_at,
                note.updated_at,
                note.text,
                note.doc_ref,
                date_text(note.doc_date),
                folded(&note.text, note.doc_ref.as_deref())
            ],
        )?;
        let id = tx.last_insert_rowid();
        audit(
            &tx,
            actor,
            Some(&note.plan_id),
            Some(&note.item_id),
            &format!("note #{id} restore"),
            None,
            Some(&note.text),
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Keep what a user is typing so a dropped connection loses nothing (one per user,
    /// session and item).
    pub fn save_draft(&mut self, user: &str, draft: &Draft) -> Result<()> {
        let tx = self.begin()?;
        tx.execute(
            "INSERT INTO draft (who, session, plan_id, item_id, note_id, text, doc_ref, doc_date, saved_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) \
             ON CONFLICT(who, session, plan_id, item_id) DO UPDATE SET note_id=excluded.note_id, \
             text=excluded.text, doc_ref=excluded.doc_ref, doc_date=excluded.doc_date, \
             saved_at=excluded.saved_at",
            params![
                user,
                draft.session,
                draft.plan_id,
                draft.item_id,
                draft.note_id,
                draft.note.text,
                draft.note.doc_ref,
                date_text(draft.note.doc_date),
                draft.saved_at
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Every draft the user has kept, oldest first.
    pub fn drafts(&self, user: &str) -> Result<Vec<Draft>> {
        let mut st = self.conn.prepare(
            "SELECT session, plan_id, item_id, note_id, text, doc_ref, doc_date, saved_at \
             FROM draft WHERE who = ?1 ORDER BY saved_at, id",
        )?;
        let rows = st.query_map([user], |r| {
            let d: Option<String> = r.get(6)?;
            Ok(Draft {
                session: r.get(0)?,
                plan_id: r.get(1)?,
                item_id: r.get(2)?,
                note_id: r.get(3)?,
                note: NewNote {
                    text: r.get(4)?,
                    doc_ref: r.get(5)?,
                    doc_date: d.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                },
                saved_at: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The user's newest draft, if any.
    pub fn draft(&self, user: &str) -> Result<Option<Draft>> {
        Ok(self.drafts(user)?.pop())
    }

    /// Forget one draft (its note was saved, or emptied).
    pub fn clear_draft(&mut self, user: &str, key: &DraftKey) -> Result<()> {
        let tx = self.begin()?;
        tx.execute(
            "DELETE FROM draft WHERE who = ?1 AND session = ?2 AND plan_id = ?3 AND item_id = ?4",
            params![user, key.session, key.plan_id, key.item_id],
        )?;
        tx.commit()?;
        Ok(())
    }
}

/// Refuse (naming who changed it) when `note` no longer reads as `expect`.
fn still_reads(tx: &Transaction<'_>, note: &Note, expect: Option<&NewNote>) -> Result<()> {
    let Some(expect) = expect else { return Ok(()) };
    // What was typed is stored cleaned; an empty expectation cannot match a stored note.
    let same = expect.cleaned().is_ok_and(|e| {
        e.text == note.text && e.doc_ref == note.doc_ref && e.doc_date == note.doc_date
    });
    if same {
        return Ok(());
    }
    let prefix = format!("note #{} ", note.id);
    Err(changed_since(tx, &note.plan_id, &note.item_id, |a| {
        a.starts_with(&prefix)
    })?)
}

fn own_note(tx: &Transaction<'_>, id: i64, actor: &Actor) -> Result<Note> {
    let note = tx
        .query_row(
            &format!("SELECT {NOTE_COLUMNS} FROM note WHERE id = ?1"),
            [id],
            note_from_row,
        )
        .optional()?
        .ok_or(StoreError::UnknownNote(id))?;
    if note.author != actor.user {
        return Err(StoreError::NotYourNote {
            id,
            author: note.author,
        });
    }
    Ok(note)
}

/// Why a note was not saved.
#[derive(Debug, thiserror::Error)]
pub enum NoteWriteError {
    #[error(transparent)]
    Note(#[from] NoteError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What a note is searched by, stored with it (schema 6): its text and document number, lower
/// case and without diacritics, one per line. Searching 200,000 notes then folds nothing.
pub(super) fn folded(text: &str, doc_ref: Option<&str>) -> String {
    let mut f = crate::text::fold(text);
    f.push('\n');
    f.push_str(&crate::text::fold(doc_ref.unwrap_or("")));
    f
}
