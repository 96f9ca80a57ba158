//! Writes. Each public function is one IMMEDIATE transaction that changes the data and appends
//! the matching audit row; it returns only after COMMIT, so a caller may then say "saved".
//! Here: who writes, the audit row, status and deadlines, backups; imports and notes have
//! their own files.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

use super::{Result, Store, StoreError};
use crate::plan::ItemState;

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

/// The refusal of an undo: the item is no longer as this session left it. Names who made the
/// newest change whose audit action `matches` (an undo counts as the change it undoes).
pub(super) fn changed_since(
    tx: &Transaction<'_>,
    plan_id: &str,
    item_id: &str,
    matches: impl Fn(&str) -> bool,
) -> rusqlite::Result<StoreError> {
    let mut st = tx.prepare(
        "SELECT who, at, action FROM audit WHERE plan_id = ?1 AND item_id = ?2 ORDER BY id DESC",
    )?;
    let mut rows = st.query(params![plan_id, item_id])?;
    while let Some(r) = rows.next()? {
        let action: String = r.get(2)?;
        if matches(action.trim_start_matches("undo ")) {
            let at: String = r.get(1)?;
            let at = chrono::DateTime::parse_from_rfc3339(&at)
                .map(|t| t.format("%d/%m/%Y %H:%M").to_string())
                .unwrap_or(at);
            return Ok(StoreError::ChangedSince {
                item: item_id.to_string(),
                who: r.get(0)?,
                at,
            });
        }
    }
    Ok(StoreError::ChangedSince {
        item: item_id.to_string(),
        who: "?".into(),
        at: "?".into(),
    })
}

pub(super) fn date_text(d: Option<NaiveDate>) -> Option<String> {
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

    /// Mark an item done or not done. Returns the state before; nothing is written (and
    /// nothing logged) when it was already as asked.
    pub fn set_done(
        &mut self,
        plan_id: &str,
        item_id: &str,
        done: bool,
        actor: &Actor,
    ) -> Result<ItemState> {
        self.set_done_if(plan_id, item_id, done, None, actor)
    }

    /// [`Store::set_done`], only if the item is still done (or not) as `expect` says: an undo
    /// must not wipe a change someone made since ([`StoreError::ChangedSince`] names them).
    pub fn set_done_if(
        &mut self,
        plan_id: &str,
        item_id: &str,
        done: bool,
        expect: Option<bool>,
        actor: &Actor,
    ) -> Result<ItemState> {
        let tx = self.begin()?;
        let before = state(&tx, plan_id, item_id)?;
        if expect.is_some_and(|e| e != before.done) {
            return Err(changed_since(&tx, plan_id, item_id, |a| {
                a == "done" || a == "reopen"
            })?);
        }
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
        self.set_deadline_if(plan_id, item_id, deadline, None, actor)
    }

    /// [`Store::set_deadline`], only if the item's own deadline is still `expect` (see
    /// [`Store::set_done_if`]).
    pub fn set_deadline_if(
        &mut self,
        plan_id: &str,
        item_id: &str,
        deadline: Option<NaiveDate>,
        expect: Option<Option<NaiveDate>>,
        actor: &Actor,
    ) -> Result<Option<NaiveDate>> {
        let tx = self.begin()?;
        let before = state(&tx, plan_id, item_id)?.deadline;
        if expect.is_some_and(|e| e != before) {
            return Err(changed_since(&tx, plan_id, item_id, |a| a == "deadline")?);
        }
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
}
