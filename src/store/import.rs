//! Importing a plan file: validated, all or nothing, keeping status and notes by item id; and
//! the plan built into kehoach, seeded on first use and refreshed when a newer build corrects it.

use rusqlite::{OptionalExtension, Transaction, params};

use super::write::{audit, date_text};
use super::{Actor, Result, Store, StoreError};
use crate::plan::{Plan, RegistryEdit, stored};

/// Who imported a plan kehoach put in the database itself, from the copy built into it.
pub const BUILT_IN: &str = "kehoach";

/// What an import did.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    pub plan_id: String,
    pub items: usize,
    pub agencies: usize,
    /// True when a plan with this id was already there and has been replaced.
    pub replaced: bool,
    /// A new plan: the registry edits carried over from the plan that was current before
    /// (agencies coordinators created, group members they added), and that plan's id.
    pub carried: usize,
    pub carried_from: Option<String>,
}

impl Store {
    /// Import the embedded plan when the database holds none. Returns whether it did. The
    /// audit log records kehoach itself as the importer, at the time `when` gives (its user is
    /// not used); it is asked only when something is imported, since working out the local
    /// time reads the time zone files.
    pub fn ensure_seeded(&mut self, json: &str, when: impl FnOnce() -> Actor) -> Result<bool> {
        if self.read_only {
            return Ok(false);
        }
        // Plans kehoach imported itself, and whether each is the one built in now: their
        // digests compared (schema 9), not the whole files.
        let digest = stored::digest(json);
        let builtin: Vec<bool> = {
            let mut st = self
                .conn
                .prepare_cached("SELECT digest = ?1 FROM plan WHERE imported_by = ?2")?;
            let rows = st.query_map(params![digest, BUILT_IN], |r| r.get(0))?;
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
            ..when()
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
                "SELECT seq FROM plan WHERE id = ?1 AND imported_by = ?2 AND digest <> ?3",
                params![plan.id(), BUILT_IN, digest],
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
        // The plan that is current now (the newest imported), to carry its registry edits.
        let before: Option<String> = self
            .conn
            .query_row(
                "SELECT id FROM plan WHERE id <> ?1 ORDER BY seq DESC LIMIT 1",
                [plan.id()],
                |r| r.get(0),
            )
            .optional()
            .map_err(StoreError::from)?;
        let edits = match &before {
            Some(id) => self.registry_edits(id)?,
            None => Vec::new(),
        };
        let tx = self.begin()?;
        let mut import = import_in(&tx, &plan, json, actor)?;
        if !import.replaced
            && let Some(from) = before
        {
            import.carried = carry_registry(&tx, &plan, &edits, &from, actor)?;
            import.carried_from = Some(from);
        }
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
    // Stored in NFC (as the plan was built from it), so loading need not normalise again,
    // and compact; the digest is of the NFC text (schema 9).
    let nfc = crate::text::nfc(json);
    tx.execute(
        "INSERT INTO plan (id, title, source, imported_at, imported_by, seq, digest) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) \
         ON CONFLICT(id) DO UPDATE SET title=excluded.title, source=excluded.source, \
         imported_at=excluded.imported_at, imported_by=excluded.imported_by, seq=excluded.seq, \
         digest=excluded.digest",
        params![
            plan.id(),
            plan.title(),
            stored::compact(&nfc),
            actor.now,
            actor.user,
            seq,
            stored::digest(&nfc),
        ],
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
        carried: 0,
        carried_from: None,
    })
}

/// What coordinators added by hand to the registry of the plan `from` (the communes they
/// added to a group, agencies they created), carried to the new `plan` where it still makes
/// sense: an agency it does not name itself, a membership whose group and member it has. An
/// edit that would make the new registry invalid (a cycle) is left behind.
fn carry_registry(
    tx: &Transaction<'_>,
    plan: &Plan,
    edits: &[RegistryEdit],
    from: &str,
    actor: &Actor,
) -> Result<usize, StoreError> {
    let mut kept: Vec<RegistryEdit> = Vec::new();
    for e in edits {
        let useful = match e {
            RegistryEdit::Agency { id, .. } => plan.agencies.by_id(id).is_none(),
            RegistryEdit::Member { group, member, .. } => {
                let known = |id: &str| {
                    plan.agencies.by_id(id).is_some()
                        || kept.iter().any(
                            |k| matches!(k, RegistryEdit::Agency { id: new, .. } if new.eq_ignore_ascii_case(id)),
                        )
                };
                plan.agencies
                    .by_id(group)
                    .is_some_and(|g| plan.agencies.get(g).is_group())
                    && known(member)
            }
        };
        if !useful {
            continue;
        }
        let mut trial = plan.clone();
        let mut with = kept.clone();
        with.push(e.clone());
        if trial.apply_registry(&with).is_ok() {
            kept = with;
        }
    }
    for e in &kept {
        let (op, a, b, kind) = super::agency::edit_row(e);
        tx.execute(
            "INSERT INTO registry_edit (plan_id, op, a, b, kind, at, by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![plan.id(), op, a, b, kind, actor.now, actor.user],
        )?;
    }
    if !kept.is_empty() {
        audit(
            tx,
            actor,
            Some(plan.id()),
            None,
            "registry carried",
            Some(from),
            Some(&format!("{} edits", kept.len())),
        )?;
    }
    Ok(kept.len())
}

/// Why an import failed: the file, or the database.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Plan(crate::plan::PlanError),
    #[error(transparent)]
    Store(#[from] StoreError),
}
