//! Queries. Nothing here writes.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::{Result, Store, StoreError};
use crate::plan::{ItemState, Plan};
use crate::text::fold;

/// A plan stored in the database.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanRow {
    pub id: String,
    pub title: String,
    pub imported_at: String,
    pub imported_by: String,
    pub seq: i64,
}

/// An evidence note.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub id: i64,
    pub plan_id: String,
    pub item_id: String,
    pub author: String,
    pub created_at: String,
    pub updated_at: Option<String>,
    pub text: String,
    /// The document that proves it: number/symbol ("45/KH-SNV") and date.
    pub doc_ref: Option<String>,
    pub doc_date: Option<NaiveDate>,
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRow {
    pub id: i64,
    pub at: String,
    pub who: String,
    pub plan_id: Option<String>,
    pub item_id: Option<String>,
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

pub(super) fn note_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Note> {
    let doc_date: Option<String> = r.get(8)?;
    Ok(Note {
        id: r.get(0)?,
        plan_id: r.get(1)?,
        item_id: r.get(2)?,
        author: r.get(3)?,
        created_at: r.get(4)?,
        updated_at: r.get(5)?,
        text: r.get(6)?,
        doc_ref: r.get(7)?,
        doc_date: doc_date.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
    })
}

pub(super) const NOTE_COLUMNS: &str =
    "id, plan_id, item_id, author, created_at, updated_at, text, doc_ref, doc_date";

/// A long text column (a plan file, a plan's folded notes: a hundred kB of mostly
/// multi-byte Vietnamese) where SQLite holds it, checked as UTF-8 with SIMD: the standard
/// check was a tenth of a read command's own work.
fn long_text<'r>(r: &'r rusqlite::Row<'_>, column: usize) -> rusqlite::Result<&'r str> {
    let bytes = r.get_ref(column)?.as_bytes()?;
    simdutf8::basic::from_utf8(bytes).map_err(|_| {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Text,
            "stored text is not UTF-8".into(),
        )
    })
}

impl Store {
    /// Every plan, newest import first.
    pub fn plans(&self) -> Result<Vec<PlanRow>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, title, imported_at, imported_by, seq FROM plan ORDER BY seq DESC",
        )?;
        let rows = st.query_map([], |r| {
            Ok(PlanRow {
                id: r.get(0)?,
                title: r.get(1)?,
                imported_at: r.get(2)?,
                imported_by: r.get(3)?,
                seq: r.get(4)?,
            })
        })?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(StoreError::from)
    }

    /// Load a plan by id (any case), or the newest when `wanted` is None.
    pub fn load_plan(&self, wanted: Option<&str>) -> Result<Plan> {
        // Parsed where SQLite holds the text, without a copy of the file first.
        let parse = |r: &rusqlite::Row<'_>| Ok(Plan::parse_stored(long_text(r, 0)?));
        let row = match wanted {
            Some(id) => self
                .conn
                .query_row(
                    "SELECT source FROM plan WHERE id = ?1 COLLATE NOCASE",
                    [id],
                    parse,
                )
                .optional(),
            None => self
                .conn
                .query_row(
                    "SELECT source FROM plan ORDER BY seq DESC LIMIT 1",
                    [],
                    parse,
                )
                .optional(),
        }?;
        let Some(parsed) = row else {
            let known: Vec<String> = self.plans()?.into_iter().map(|p| p.id).collect();
            return Err(StoreError::UnknownPlan {
                wanted: wanted.unwrap_or("").to_string(),
                known: if known.is_empty() {
                    "none".into()
                } else {
                    known.join(", ")
                },
            });
        };
        let mut plan = parsed.map_err(StoreError::StoredPlan)?;
        let edits = self.registry_edits(plan.id())?;
        plan.apply_registry(&edits)
            .map_err(StoreError::StoredPlan)?;
        Ok(plan)
    }

    /// One state per node of `plan`, in node order, with how many notes each has.
    pub fn item_states(&self, plan: &Plan) -> Result<Vec<ItemState>> {
        let mut out = self.item_states_uncounted(plan)?;
        let mut st = self.conn.prepare_cached(
            "SELECT item_id, count(*) FROM note WHERE plan_id = ?1 GROUP BY item_id",
        )?;
        let mut rows = st.query([plan.id()])?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            if let Some(ix) = plan.find(&id) {
                out[ix].notes = r.get(1)?;
            }
        }
        Ok(out)
    }

    /// [`Store::item_states`] without the notes' counts (left at 0), for what shows none:
    /// counting a plan's notes is the larger part of reading its states once it has a few
    /// thousand (benches/BENCHMARKS.md, fifth round).
    pub fn item_states_uncounted(&self, plan: &Plan) -> Result<Vec<ItemState>> {
        let mut out = vec![ItemState::default(); plan.len()];
        let mut st = self.conn.prepare_cached(
            "SELECT item_id, done, done_at, done_by, deadline FROM item_state WHERE plan_id = ?1",
        )?;
        let mut rows = st.query([plan.id()])?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let Some(ix) = plan.find(&id) else { continue };
            let deadline: Option<String> = r.get(4)?;
            out[ix] = ItemState {
                done: r.get(1)?,
                done_at: r.get(2)?,
                done_by: r.get(3)?,
                deadline: deadline.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                notes: 0,
            };
        }
        Ok(out)
    }

    /// An item's notes, newest first.
    pub fn notes(&self, plan_id: &str, item_id: &str) -> Result<Vec<Note>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {NOTE_COLUMNS} FROM note WHERE plan_id = ?1 AND item_id = ?2 \
                 ORDER BY created_at DESC, id DESC"
        ))?;
        let rows = st.query_map(params![plan_id, item_id], note_from_row)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(StoreError::from)
    }

    /// Every note of a plan, grouped by item id, each group newest first.
    pub fn all_notes(&self, plan_id: &str) -> Result<HashMap<String, Vec<Note>>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {NOTE_COLUMNS} FROM note WHERE plan_id = ?1 ORDER BY created_at DESC, id DESC"
        ))?;
        let rows = st.query_map([plan_id], note_from_row)?;
        let mut out: HashMap<String, Vec<Note>> = HashMap::new();
        for n in rows {
            let n = n?;
            out.entry(n.item_id.clone()).or_default().push(n);
        }
        Ok(out)
    }

    /// Folded note text per item, for diacritic-insensitive search: read as stored for each
    /// item (schema 7), not folded again on every start.
    pub fn folded_notes(&self, plan_id: &str) -> Result<HashMap<String, String>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT item_id, folded FROM note_search WHERE plan_id = ?1")?;
        let rows = st.query_map([plan_id], |r| Ok((r.get(0)?, long_text(r, 1)?.to_owned())))?;
        rows.collect::<rusqlite::Result<HashMap<_, _>>>()
            .map_err(StoreError::from)
    }

    /// Items of every plan, as (plan id, item id), whose notes hold all words of `query`,
    /// ignoring case and diacritics: the notes part of search, across the whole database. No
    /// command asks it yet; the benchmarks time it.
    pub fn items_by_notes(&self, query: &str) -> Result<Vec<(String, String)>> {
        let q = fold(query);
        let words: Vec<&str> = q.split_whitespace().collect();
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let mut st = self
            .conn
            .prepare_cached("SELECT plan_id, item_id, folded FROM note_search")?;
        let mut rows = st.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            // Compared where SQLite keeps it: no copy of 15,000 texts.
            let folded = r.get_ref(2)?.as_str().unwrap_or_default();
            if words.iter().all(|w| folded.contains(w)) {
                out.push((r.get(0)?, r.get(1)?));
            }
        }
        Ok(out)
    }

    pub fn note(&self, id: i64) -> Result<Note> {
        self.conn
            .query_row(
                &format!("SELECT {NOTE_COLUMNS} FROM note WHERE id = ?1"),
                [id],
                note_from_row,
            )
            .optional()?
            .ok_or(StoreError::UnknownNote(id))
    }

    /// The id of the newest audit row (0 when there is none).
    pub fn last_audit_id(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT coalesce(max(id), 0) FROM audit", [], |r| r.get(0))?)
    }

    /// Audit rows of `plan_id` newer than `after`, oldest first, at most `limit`.
    pub fn audit_after(&self, plan_id: &str, after: i64, limit: usize) -> Result<Vec<AuditRow>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, at, who, plan_id, item_id, action, before, after FROM audit \
                 WHERE id > ?1 AND plan_id = ?2 ORDER BY id LIMIT ?3",
        )?;
        let rows = st.query_map(params![after, plan_id, limit as i64], audit_from_row)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(StoreError::from)
    }

    /// The audit log, newest first; only one plan's when `plan_id` is given.
    pub fn history(&self, plan_id: Option<&str>, limit: usize) -> Result<Vec<AuditRow>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, at, who, plan_id, item_id, action, before, after FROM audit \
                 WHERE ?1 IS NULL OR plan_id = ?1 OR plan_id IS NULL ORDER BY id DESC LIMIT ?2",
        )?;
        let rows = st.query_map(params![plan_id, limit as i64], audit_from_row)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(StoreError::from)
    }
}

impl Store {
    /// The audit rows of `plan_id` (and those of no plan) whose time is at or after `from`
    /// as text ("2023-11-19" takes everything from that day on, whatever the time zone of
    /// the rows; the caller narrows it exactly), oldest first.
    pub fn changes_since(&self, plan_id: &str, from: &str) -> Result<Vec<AuditRow>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, at, who, plan_id, item_id, action, before, after FROM audit \
                 WHERE (plan_id = ?1 OR plan_id IS NULL) AND at >= ?2 ORDER BY id",
        )?;
        let rows = st.query_map(params![plan_id, from], audit_from_row)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(StoreError::from)
    }

    /// What changed in `plan` (and in no plan) on `day` or after, counted in the plan's time
    /// zone, oldest first: `kehoach changes --since` and the interactive view's "since the
    /// last meeting" both read this.
    pub fn changes_since_day(&self, plan: &Plan, day: NaiveDate) -> Result<Vec<AuditRow>> {
        // Rows carry their own offset; a day earlier as text catches every zone, then each
        // row's local day decides.
        let from = day.pred_opt().unwrap_or(day).format("%Y-%m-%d").to_string();
        let zone = plan.utc_offset;
        Ok(self
            .changes_since(plan.id(), &from)?
            .into_iter()
            .filter(|r| {
                chrono::DateTime::parse_from_rfc3339(&r.at)
                    .ok()
                    .is_none_or(|t| t.with_timezone(&zone).date_naive() >= day)
            })
            .collect())
    }
}

fn audit_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditRow> {
    Ok(AuditRow {
        id: r.get(0)?,
        at: r.get(1)?,
        who: r.get(2)?,
        plan_id: r.get(3)?,
        item_id: r.get(4)?,
        action: r.get(5)?,
        before: r.get(6)?,
        after: r.get(7)?,
    })
}
