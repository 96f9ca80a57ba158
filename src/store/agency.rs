//! Each agency's part of an item, and the changes to the agency registry made after import.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::write::{audit, changed_since};
use super::{Actor, Result, Store};
use crate::plan::accountability::{AgencyMark, AgencyState, Ledger};
use crate::plan::{AgencyKind, Plan, RegistryEdit};

/// What to record for an agency's part.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewMark {
    pub state: AgencyState,
    pub doc_ref: Option<String>,
    pub doc_date: Option<NaiveDate>,
    pub note: Option<String>,
}

fn date(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
}

fn describe(state: AgencyState, doc: Option<&str>) -> String {
    match doc {
        Some(d) => format!("{} ({d})", state.code()),
        None => state.code().to_string(),
    }
}

impl Store {
    /// Every recorded agency state of `plan`.
    pub fn ledger(&self, plan: &Plan) -> Result<Ledger> {
        let mut st = self.conn.prepare_cached(
            "SELECT item_id, agency_id, state, at, by, doc_ref, doc_date, note \
             FROM agency_status WHERE plan_id = ?1",
        )?;
        let mut rows = st.query([plan.id()])?;
        let mut marks = HashMap::new();
        while let Some(r) = rows.next()? {
            let item: String = r.get(0)?;
            let agency: String = r.get(1)?;
            let (Some(i), Some(a)) = (plan.find(&item), plan.agencies.by_id(&agency)) else {
                continue;
            };
            let state: String = r.get(2)?;
            marks.insert(
                (i, a),
                AgencyMark {
                    state: AgencyState::from_code(&state).unwrap_or_default(),
                    at: r.get(3)?,
                    by: r.get(4)?,
                    doc_ref: r.get(5)?,
                    doc_date: date(r.get(6)?),
                    note: r.get(7)?,
                },
            );
        }
        Ok(Ledger::new(marks))
    }

    /// Record an agency's part of an item (NotStarted forgets it). One transaction with its
    /// audit row; returns the previous mark.
    pub fn set_agency_state(
        &mut self,
        plan_id: &str,
        item_id: &str,
        agency_id: &str,
        mark: &NewMark,
        actor: &Actor,
    ) -> Result<Option<AgencyMark>> {
        self.set_agency_state_if(plan_id, item_id, agency_id, mark, None, actor)
    }

    /// [`Store::set_agency_state`], only if the agency's part is still recorded as `expect`
    /// (an undo must not wipe a change someone made since).
    pub fn set_agency_state_if(
        &mut self,
        plan_id: &str,
        item_id: &str,
        agency_id: &str,
        mark: &NewMark,
        expect: Option<&NewMark>,
        actor: &Actor,
    ) -> Result<Option<AgencyMark>> {
        let tx = self.begin()?;
        let before = tx
            .query_row(
                "SELECT state, at, by, doc_ref, doc_date, note FROM agency_status \
                 WHERE plan_id = ?1 AND item_id = ?2 AND agency_id = ?3",
                params![plan_id, item_id, agency_id],
                |r| {
                    let s: String = r.get(0)?;
                    Ok(AgencyMark {
                        state: AgencyState::from_code(&s).unwrap_or_default(),
                        at: r.get(1)?,
                        by: r.get(2)?,
                        doc_ref: r.get(3)?,
                        doc_date: date(r.get(4)?),
                        note: r.get(5)?,
                    })
                },
            )
            .optional()?;
        let clean = |s: &Option<String>| {
            s.as_deref()
                .map(crate::text::clean_input)
                .filter(|s| !s.trim().is_empty())
        };
        if let Some(e) = expect {
            let now = before.as_ref().map_or_else(NewMark::default, |b| NewMark {
                state: b.state,
                doc_ref: b.doc_ref.clone(),
                doc_date: b.doc_date,
                note: b.note.clone(),
            });
            let e = match e.state {
                AgencyState::NotStarted => NewMark::default(),
                state => NewMark {
                    state,
                    doc_ref: clean(&e.doc_ref),
                    doc_date: e.doc_date,
                    note: clean(&e.note),
                },
            };
            if now != e {
                let action = format!("agency {agency_id}");
                return Err(changed_since(&tx, plan_id, item_id, |a| a == action)?);
            }
        }
        let (doc_ref, note) = (clean(&mark.doc_ref), clean(&mark.note));
        if mark.state == AgencyState::NotStarted {
            tx.execute(
                "DELETE FROM agency_status WHERE plan_id = ?1 AND item_id = ?2 AND agency_id = ?3",
                params![plan_id, item_id, agency_id],
            )?;
        } else {
            tx.execute(
                "INSERT INTO agency_status (plan_id, item_id, agency_id, state, at, by, doc_ref, doc_date, note) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) \
                 ON CONFLICT(plan_id, item_id, agency_id) DO UPDATE SET state=excluded.state, \
                 at=excluded.at, by=excluded.by, doc_ref=excluded.doc_ref, \
                 doc_date=excluded.doc_date, note=excluded.note",
                params![
                    plan_id,
                    item_id,
                    agency_id,
                    mark.state.code(),
                    actor.now,
                    actor.user,
                    doc_ref,
                    mark.doc_date.map(|d| d.format("%Y-%m-%d").to_string()),
                    note
                ],
            )?;
        }
        let was = before.as_ref().map_or(AgencyState::NotStarted, |m| m.state);
        audit(
            &tx,
            actor,
            Some(plan_id),
            Some(item_id),
            &format!("agency {agency_id}"),
            Some(&describe(
                was,
                before.as_ref().and_then(|m| m.doc_ref.as_deref()),
            )),
            Some(&describe(mark.state, doc_ref.as_deref())),
        )?;
        tx.commit()?;
        Ok(before)
    }

    /// The registry edits of a plan, oldest first.
    pub fn registry_edits(&self, plan_id: &str) -> Result<Vec<RegistryEdit>> {
        let mut st = self.conn.prepare_cached(
            "SELECT op, a, b, kind FROM registry_edit WHERE plan_id = ?1 ORDER BY id",
        )?;
        let rows = st.query_map([plan_id], |r| {
            let op: String = r.get(0)?;
            let a: String = r.get(1)?;
            let b: String = r.get(2)?;
            let kind: Option<String> = r.get(3)?;
            Ok(match op.as_str() {
                "agency" => RegistryEdit::Agency {
                    id: a,
                    name: b,
                    kind: kind
                        .and_then(|k| serde_json::from_value(k.into()).ok())
                        .unwrap_or(AgencyKind::Commune),
                },
                op => RegistryEdit::Member {
                    group: a,
                    member: b,
                    add: op == "add_member",
                },
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Record a registry edit (already checked against the plan by the caller).
    pub fn add_registry_edit(
        &mut self,
        plan_id: &str,
        edit: &RegistryEdit,
        actor: &Actor,
    ) -> Result<()> {
        let tx = self.begin()?;
        let (op, a, b, kind) = edit_row(edit);
        tx.execute(
            "INSERT INTO registry_edit (plan_id, op, a, b, kind, at, by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![plan_id, op, a, b, kind, actor.now, actor.user],
        )?;
        audit(
            &tx,
            actor,
            Some(plan_id),
            None,
            &format!("registry {op}"),
            None,
            Some(&format!("{a} {b}")),
        )?;
        tx.commit()?;
        Ok(())
    }
}

/// A registry edit as a row of `registry_edit`: (op, a, b, kind).
pub(super) fn edit_row(edit: &RegistryEdit) -> (&'static str, &str, &str, Option<String>) {
    match edit {
        RegistryEdit::Agency { id, name, kind } => (
            "agency",
            id.as_str(),
            name.as_str(),
            serde_json::to_value(kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string)),
        ),
        RegistryEdit::Member { group, member, add } => (
            if *add { "add_member" } else { "remove_member" },
            group.as_str(),
            member.as_str(),
            None,
        ),
    }
}
