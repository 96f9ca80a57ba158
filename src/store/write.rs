//! Writes. Each public function is one IMMEDIATE transaction that changes the data and appends
//! the matching audit row; it returns only after COMMIT, so a caller may then say "saved".

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

use super::read::{NOTE_COLUMNS, Note, note_from_row};
use super::{Result, Store, StoreError};
use crate::plan::{ItemState, Plan};
use crate::text::clean_input;

/// Who imported a plan kehoach put in the database itself, from the copy built into it.
pub const BUILT_IN: &str = "kehoach";

/// Notes longer than this are refused: a note is evidence, not the document itself.
pub const MAX_NOTE_BYTES: usize = 64 * 1024;

/// Who is writing, and when.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user: String,
    /// RFC 3339 timestamp stored with the change.
    pub now: String,
    /// The change undoes an earlier one (recorded as such in the audit log).
    pub undo: bool,
}

impl Actor {
    pub fn new(user: &str) -> Actor {
        Actor {
            user: user.to_string(),
            now: chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
            undo: false,
        }
    }

    /// The same person, now, undoing something.
    pub fn undoing(&self) -> Actor {
        Actor {
            undo: true,
            ..Actor::new(&self.user)
        }
    }
}

/// The content of a note being written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewNote {
    pub text: String,
    pub doc_ref: Option<String>,
    pub doc_date: Option<NaiveDate>,
}

/// A note being typed, kept across a dropped connection.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub plan_id: String,
    pub item_id: String,
    /// Set when the draft edits an existing note.
    pub note_id: Option<i64>,
    pub note: NewNote,
    pub saved_at: String,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    pub plan_id: String,
    pub items: usize,
    pub agencies: usize,
    /// True when a plan with this id was already there and has been replaced.
    pub replaced: bool,
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

pub(super) fn audit(
    tx: &Transaction<'_>,
    a: &Actor,
    plan_id: Option<&str>,
    item_id: Option<&str>,
    action: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> rusqlite::Result<()> {
    let action = if a.undo {
        format!("undo {action}")
    } else {
        action.to_string()
    };
    tx.execute(
        "INSERT INTO audit (at, who, plan_id, item_id, action, before, after) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![a.now, a.user, plan_id, item_id, action, before, after],
    )?;
    Ok(())
}

fn state(tx: &Transaction<'_>, plan_id: &str, item_id: &str) -> rusqlite::Result<ItemState> {
    Ok(tx
        .query_row(
            "SELECT done, done_at, done_by, deadline FROM item_state WHERE plan_id=?1 AND item_id=?2",
            params![plan_id, item_id],
            |r| {
                let d: Option<String> = r.get(3)?;
                Ok(ItemState {
                    done: r.get(0)?,
                    done_at: r.get(1)?,
                    done_by: r.get(2)?,
                    deadline: d.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                    notes: 0,
                })
            },
        )
        .optional()?
        .unwrap_or_default())
}

fn date_text(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

impl Store {
    pub(super) fn begin(&mut self) -> Result<Transaction<'_>> {
        if self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
            });
        }
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    /// Import the embedded plan when the database holds none. Returns whether it did.
    pub fn ensure_seeded(&mut self, json: &str, actor: &Actor) -> Result<bool> {
        if self.read_only {
            return Ok(false);
        }
        // Plans kehoach imported itself, and whether each is the one built in now.
        let builtin: Vec<bool> = {
            let mut st = self
                .conn
                .prepare_cached("SELECT source = ?1 FROM plan WHERE imported_by = ?2")?;
            let rows = st.query_map(params![json, BUILT_IN], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let count: i64 = self
            .conn
            .query_row("SELECT count(*) FROM plan", [], |r| r.get(0))?;
        if count > 0 && builtin.iter().all(|&same| same) {
            return Ok(false);
        }
        let plan = Plan::parse(json).map_err(StoreError::StoredPlan)?;
        let seeder = Actor {
            user: BUILT_IN.into(),
            ..actor.clone()
        };
        let tx = self.begin()?;
        // Two coordinators opening a new database at once: only the first seeds it.
        let count: i64 = tx.query_row("SELECT count(*) FROM plan", [], |r| r.get(0))?;
        if count == 0 {
            import_in(&tx, &plan, json, &seeder).map_err(|e| match e {
                ImportError::Store(s) => s,
                ImportError::Plan(p) => StoreError::StoredPlan(p),
            })?;
            tx.commit()?;
            return Ok(true);
        }
        // A newer kehoach carries a corrected transcription of the same plan: bring the
        // built-in copy up to date. Status and notes stay (they follow item ids); if the new
        // text would drop an item that has them, the old copy is kept.
        // It keeps its place in the import order, so the default plan does not change.
        let stale: Option<i64> = tx
            .query_row(
                "SELECT seq FROM plan WHERE id = ?1 AND imported_by = ?2 AND source <> ?3",
                params![plan.id(), BUILT_IN, json],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(seq) = stale
            && import_in(&tx, &plan, json, &seeder).is_ok()
        {
            tx.execute(
                "UPDATE plan SET seq = ?2 WHERE id = ?1",
                params![plan.id(), seq],
            )?;
            tx.commit()?;
        }
        Ok(false)
    }

    /// Validate and store a plan file, all or nothing. A plan with the same id is replaced;
    /// item state and notes carry over by item id, and the import is refused if it would drop
    /// an item that has either.
    pub fn import_plan(&mut self, json: &str, actor: &Actor) -> Result<Import, ImportError> {
        let plan = Plan::parse(json).map_err(ImportError::Plan)?;
        let tx = self.begin()?;
        let import = import_in(&tx, &plan, json, actor)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(import)
    }
}

/// The body of an import, inside the caller's transaction.
fn import_in(
    tx: &Transaction<'_>,
    plan: &Plan,
    json: &str,
    actor: &Actor,
) -> Result<Import, ImportError> {
    let existed: bool = tx
        .query_row("SELECT 1 FROM plan WHERE id = ?1", [plan.id()], |_| Ok(()))
        .optional()
        .map_err(StoreError::from)?
        .is_some();
    if existed {
        let mut st = tx
            .prepare(
                "SELECT item_id FROM item_state WHERE plan_id = ?1 \
                 UNION SELECT item_id FROM note WHERE plan_id = ?1 \
                 UNION SELECT item_id FROM agency_status WHERE plan_id = ?1",
            )
            .map_err(StoreError::from)?;
        let used: Vec<String> = st
            .query_map([plan.id()], |r| r.get(0))
            .map_err(StoreError::from)?
            .collect::<rusqlite::Result<_>>()
            .map_err(StoreError::from)?;
        if let Some(missing) = used.iter().find(|id| plan.find(id).is_none()) {
            return Err(StoreError::WouldDropItem {
                plan: plan.id().to_string(),
                item: missing.clone(),
                hint: "keep the item in the file, or import it under a new plan id",
            }
            .into());
        }
    }
    let seq: i64 = tx
        .query_row("SELECT coalesce(max(seq), 0) + 1 FROM plan", [], |r| {
            r.get(0)
        })
        .map_err(StoreError::from)?;
    tx.execute(
        "INSERT INTO plan (id, title, source, imported_at, imported_by, seq) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
         ON CONFLICT(id) DO UPDATE SET title=excluded.title, source=excluded.source, \
         imported_at=excluded.imported_at, imported_by=excluded.imported_by, seq=excluded.seq",
        params![plan.id(), plan.title(), json, actor.now, actor.user, seq],
    )
    .map_err(StoreError::from)?;
    {
        let mut up = tx
            .prepare(
                "INSERT INTO plan_item (plan_id, item_id, pos, parent, kind, label, title, is_task, deadline) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) \
                 ON CONFLICT(plan_id, item_id) DO UPDATE SET pos=excluded.pos, parent=excluded.parent, \
                 kind=excluded.kind, label=excluded.label, title=excluded.title, \
                 is_task=excluded.is_task, deadline=excluded.deadline",
            )
            .map_err(StoreError::from)?;
        for (i, n) in plan.nodes.iter().enumerate() {
            let kind = serde_json::to_value(n.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            up.execute(params![
                plan.id(),
                n.id,
                i as i64,
                n.parent.map(|p| plan.nodes[p].id.as_str()),
                kind,
                n.label,
                n.title,
                n.is_task(),
                date_text(n.deadline),
            ])
            .map_err(StoreError::from)?;
        }
        // Rows for items the new file no longer has (none of them has state or notes).
        let keep: std::collections::HashSet<&str> =
            plan.nodes.iter().map(|n| n.id.as_str()).collect();
        let mut st = tx
            .prepare("SELECT item_id FROM plan_item WHERE plan_id = ?1")
            .map_err(StoreError::from)?;
        let stale: Vec<String> = st
            .query_map([plan.id()], |r| r.get::<_, String>(0))
            .map_err(StoreError::from)?
            .filter_map(|r| r.ok())
            .filter(|id| !keep.contains(id.as_str()))
            .collect();
        for id in stale {
            tx.execute(
                "DELETE FROM plan_item WHERE plan_id = ?1 AND item_id = ?2",
                params![plan.id(), id],
            )
            .map_err(StoreError::from)?;
        }
    }
    let summary = format!("{} items, {} agencies", plan.len(), plan.agencies.len());
    audit(
        tx,
        actor,
        Some(plan.id()),
        None,
        "import",
        None,
        Some(&summary),
    )
    .map_err(StoreError::from)?;
    Ok(Import {
        plan_id: plan.id().to_string(),
        items: plan.len(),
        agencies: plan.agencies.len(),
        replaced: existed,
    })
}

impl Store {
    /// Mark an item done or not done. Returns the state before; nothing is written (and
    /// nothing logged) when it was already as asked.
    pub fn set_done(
        &mut self,
        plan_id: &str,
        item_id: &str,
        done: bool,
        actor: &Actor,
    ) -> Result<ItemState> {
        let tx = self.begin()?;
        let before = state(&tx, plan_id, item_id)?;
        if before.done == done {
            return Ok(before);
        }
        let (at, by) = if done {
            (Some(actor.now.as_str()), Some(actor.user.as_str()))
        } else {
            (None, None)
        };
        tx.execute(
            "INSERT INTO item_state (plan_id, item_id, done, done_at, done_by, updated_at, updated_by) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) \
             ON CONFLICT(plan_id, item_id) DO UPDATE SET done=excluded.done, done_at=excluded.done_at, \
             done_by=excluded.done_by, updated_at=excluded.updated_at, updated_by=excluded.updated_by",
            params![plan_id, item_id, done, at, by, actor.now, actor.user],
        )?;
        let word = |d: bool| if d { "done" } else { "open" };
        audit(
            &tx,
            actor,
            Some(plan_id),
            Some(item_id),
            if done { "done" } else { "reopen" },
            Some(word(before.done)),
            Some(word(done)),
        )?;
        tx.commit()?;
        Ok(before)
    }

    /// Set or clear (None) an item's own deadline. Returns the previous override.
    pub fn set_deadline(
        &mut self,
        plan_id: &str,
        item_id: &str,
        deadline: Option<NaiveDate>,
        actor: &Actor,
    ) -> Result<Option<NaiveDate>> {
        let tx = self.begin()?;
        let before = state(&tx, plan_id, item_id)?.deadline;
        if before == deadline {
            return Ok(before);
        }
        tx.execute(
            "INSERT INTO item_state (plan_id, item_id, deadline, updated_at, updated_by) \
             VALUES (?1, ?2, ?3, ?4, ?5) \
             ON CONFLICT(plan_id, item_id) DO UPDATE SET deadline=excluded.deadline, \
             updated_at=excluded.updated_at, updated_by=excluded.updated_by",
            params![plan_id, item_id, date_text(deadline), actor.now, actor.user],
        )?;
        audit(
            &tx,
            actor,
            Some(plan_id),
            Some(item_id),
            "deadline",
            date_text(before).as_deref(),
            date_text(deadline).as_deref(),
        )?;
        tx.commit()?;
        Ok(before)
    }

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
            "INSERT INTO note (plan_id, item_id, author, created_at, text, doc_ref, doc_date) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                plan_id,
                item_id,
                actor.user,
                actor.now,
                note.text,
                note.doc_ref,
                date_text(note.doc_date)
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
        let note = note.cleaned()?;
        let tx = self.begin()?;
        let before = own_note(&tx, id, actor)?;
        tx.execute(
            "UPDATE note SET text=?2, doc_ref=?3, doc_date=?4, updated_at=?5 WHERE id=?1",
            params![
                id,
                note.text,
                note.doc_ref,
                date_text(note.doc_date),
                actor.now
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
        let tx = self.begin()?;
        let before = own_note(&tx, id, actor)?;
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

    /// Put back a deleted note with its id, author and times (undo of a delete).
    pub fn restore_note(&mut self, note: &Note, actor: &Actor) -> Result<()> {
        let tx = self.begin()?;
        tx.execute(
            "INSERT INTO note (id, plan_id, item_id, author, created_at, updated_at, text, doc_ref, doc_date) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                note.id,
                note.plan_id,
                note.item_id,
                note.author,
                note.created_at,
                note.updated_at,
                note.text,
                note.doc_ref,
                date_text(note.doc_date)
            ],
        )?;
        audit(
            &tx,
            actor,
            Some(&note.plan_id),
            Some(&note.item_id),
            &format!("note #{} restore", note.id),
            None,
            Some(&note.text),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Keep what a user is typing so a dropped connection loses nothing (one per user).
    pub fn save_draft(&mut self, user: &str, draft: &Draft) -> Result<()> {
        let tx = self.begin()?;
        tx.execute(
            "INSERT INTO draft (who, plan_id, item_id, note_id, text, doc_ref, doc_date, saved_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
             ON CONFLICT(who) DO UPDATE SET plan_id=excluded.plan_id, item_id=excluded.item_id, \
             note_id=excluded.note_id, text=excluded.text, doc_ref=excluded.doc_ref, \
             doc_date=excluded.doc_date, saved_at=excluded.saved_at",
            params![
                user,
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

    /// The user's kept draft, if any.
    pub fn draft(&self, user: &str) -> Result<Option<Draft>> {
        Ok(self
            .conn
            .query_row(
                "SELECT plan_id, item_id, note_id, text, doc_ref, doc_date, saved_at FROM draft WHERE who=?1",
                [user],
                |r| {
                    let d: Option<String> = r.get(5)?;
                    Ok(Draft {
                        plan_id: r.get(0)?,
                        item_id: r.get(1)?,
                        note_id: r.get(2)?,
                        note: NewNote {
                            text: r.get(3)?,
                            doc_ref: r.get(4)?,
                            doc_date: d.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                        },
                        saved_at: r.get(6)?,
                    })
                },
            )
            .optional()?)
    }

    /// Remember where `kehoach backup` wrote a copy, for `kehoach doctor`. Not audited: it
    /// changes no plan data.
    pub fn record_backup(
        &mut self,
        dest: &std::path::Path,
        bytes: u64,
        actor: &Actor,
    ) -> Result<()> {
        let path = std::path::absolute(dest).unwrap_or_else(|_| dest.to_path_buf());
        let tx = self.begin()?;
        tx.execute(
            "INSERT INTO backup (at, who, path, bytes) VALUES (?1, ?2, ?3, ?4)",
            params![actor.now, actor.user, path.to_string_lossy(), bytes as i64],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn clear_draft(&mut self, user: &str) -> Result<()> {
        let tx = self.begin()?;
        tx.execute("DELETE FROM draft WHERE who=?1", [user])?;
        tx.commit()?;
        Ok(())
    }
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

/// Why an import failed: the file, or the database.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Plan(crate::plan::PlanError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why a note was not saved.
#[derive(Debug, thiserror::Error)]
pub enum NoteWriteError {
    #[error(transparent)]
    Note(#[from] NoteError),
    #[error(transparent)]
    Store(#[from] StoreError),
}
