//! Versioned schema. Each entry of [`MIGRATIONS`] upgrades by one version together with the
//! new `PRAGMA user_version`; every missing step runs in one transaction that holds the write
//! lock throughout, so nobody sees a half-upgraded file. A database from a newer kehoach is
//! refused rather than guessed at.

use rusqlite::{Connection, TransactionBehavior};

use super::StoreError;

/// Upgrade steps; the database's `user_version` is how many have run.
pub const MIGRATIONS: &[&str] = &[
    // 1: plans, their items, per-item state, evidence notes, audit log, note drafts.
    r#"
    CREATE TABLE plan (
        id          TEXT PRIMARY KEY,
        title       TEXT NOT NULL,
        source      TEXT NOT NULL,          -- the plan file (JSON) as imported
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        seq         INTEGER NOT NULL UNIQUE -- import order; the newest plan is the default
    );
    CREATE TABLE plan_item (
        plan_id  TEXT NOT NULL REFERENCES plan(id),
        item_id  TEXT NOT NULL,
        pos      INTEGER NOT NULL,          -- document order
        parent   TEXT,
        kind     TEXT NOT NULL,
        label    TEXT NOT NULL,
        title    TEXT NOT NULL,
        is_task  INTEGER NOT NULL,
        deadline TEXT,                      -- the plan's own deadline for this item
        PRIMARY KEY (plan_id, item_id)
    ) WITHOUT ROWID;
    CREATE TABLE item_state (
        plan_id    TEXT NOT NULL,
        item_id    TEXT NOT NULL,
        done       INTEGER NOT NULL DEFAULT 0,
        done_at    TEXT,
        done_by    TEXT,
        deadline   TEXT,                    -- a coordinator's override
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        PRIMARY KEY (plan_id, item_id),
        FOREIGN KEY (plan_id, item_id) REFERENCES plan_item(plan_id, item_id)
    ) WITHOUT ROWID;
    CREATE TABLE note (
        id         INTEGER PRIMARY KEY,
        plan_id    TEXT NOT NULL,
        item_id    TEXT NOT NULL,
        author     TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT,
        text       TEXT NOT NULL,
        doc_ref    TEXT,
        doc_date   TEXT,
        FOREIGN KEY (plan_id, item_id) REFERENCES plan_item(plan_id, item_id)
    );
    CREATE INDEX note_by_item ON note(plan_id, item_id);
    CREATE TABLE audit (
        id      INTEGER PRIMARY KEY,
        at      TEXT NOT NULL,
        who     TEXT NOT NULL,
        plan_id TEXT,
        item_id TEXT,
        action  TEXT NOT NULL,
        before  TEXT,
        after   TEXT
    );
    CREATE INDEX audit_by_item ON audit(plan_id, item_id);
    CREATE TABLE draft (
        who      TEXT PRIMARY KEY,
        plan_id  TEXT NOT NULL,
        item_id  TEXT NOT NULL,
        note_id  INTEGER,
        text     TEXT NOT NULL,
        doc_ref  TEXT,
        doc_date TEXT,
        saved_at TEXT NOT NULL
    );
    "#,
    // 2: where `kehoach backup` put its copies, so `kehoach doctor` can say when the last one
    // was made and whether it is still there (a copy can go anywhere: a USB stick, a share).
    r#"
    CREATE TABLE backup (
        id    INTEGER PRIMARY KEY,
        at    TEXT NOT NULL,
        who   TEXT NOT NULL,
        path  TEXT NOT NULL,            -- absolute, as written
        bytes INTEGER NOT NULL
    );
    "#,
    // 3: each responsible agency's own part of an item (issue 6), and changes to the agency
    // registry made after import (new communes, merged departments).
    r#"
    CREATE TABLE agency_status (
        plan_id   TEXT NOT NULL,
        item_id   TEXT NOT NULL,
        agency_id TEXT NOT NULL,
        state     TEXT NOT NULL CHECK (state IN ('reported', 'done', 'not_applicable')),
        at        TEXT NOT NULL,
        by        TEXT NOT NULL,
        doc_ref   TEXT,
        doc_date  TEXT,
        note      TEXT,
        PRIMARY KEY (plan_id, item_id, agency_id),
        FOREIGN KEY (plan_id, item_id) REFERENCES plan_item(plan_id, item_id)
    ) WITHOUT ROWID;
    CREATE TABLE registry_edit (
        id      INTEGER PRIMARY KEY,
        plan_id TEXT NOT NULL REFERENCES plan(id),
        op      TEXT NOT NULL CHECK (op IN ('agency', 'add_member', 'remove_member')),
        a       TEXT NOT NULL,          -- agency id, or group id
        b       TEXT NOT NULL,          -- agency name, or member id
        kind    TEXT,                   -- for a new agency
        at      TEXT NOT NULL,
        by      TEXT NOT NULL
    );
    CREATE INDEX registry_edit_by_plan ON registry_edit(plan_id, id);
    "#,
    // 4: every command asks which plans kehoach imported itself (to refresh the built-in one);
    // without an index that walks past every stored plan file (100 plans: 2,500 page reads).
    r#"
    CREATE INDEX plan_by_importer ON plan(imported_by);
    "#,
    // 5: drafts per session and item, not per user: two sessions of one account dropped at
    // once each keep theirs (the draft that arrived second replaced the first). Drafts kept
    // before have no session ('').
    r#"
    CREATE TABLE draft_v5 (
        id       INTEGER PRIMARY KEY,
        who      TEXT NOT NULL,
        session  TEXT NOT NULL,         -- the interactive view that kept it (pid, start time)
        plan_id  TEXT NOT NULL,
        item_id  TEXT NOT NULL,
        note_id  INTEGER,
        text     TEXT NOT NULL,
        doc_ref  TEXT,
        doc_date TEXT,
        saved_at TEXT NOT NULL,
        UNIQUE (who, session, plan_id, item_id)
    );
    INSERT INTO draft_v5 (who, session, plan_id, item_id, note_id, text, doc_ref, doc_date, saved_at)
        SELECT who, '', plan_id, item_id, note_id, text, doc_ref, doc_date, saved_at FROM draft;
    DROP TABLE draft;
    ALTER TABLE draft_v5 RENAME TO draft;
    "#,
];

/// The schema version this build writes.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

pub fn version(conn: &Connection) -> Result<i64, rusqlite::Error> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Run every missing step inside the caller's transaction (which should hold the write lock).
pub fn apply(tx: &Connection) -> Result<(), StoreError> {
    let current = version(tx)?;
    if current > latest() {
        return Err(StoreError::TooNew {
            found: current,
            supported: latest(),
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
    }
    Ok(())
}

/// Run every missing step in one IMMEDIATE transaction. Two coordinators starting at once
/// both saw the old version before either took the write lock: the one that waited finds
/// the steps already done.
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    apply(&tx)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_runs_in_memory_and_is_idempotent() {
        let mut c = Connection::open_in_memory().unwrap();
        migrate(&mut c).unwrap();
        assert_eq!(version(&c).unwrap(), latest());
        migrate(&mut c).unwrap();
        assert_eq!(version(&c).unwrap(), latest());
    }

    #[test]
    fn newer_database_is_refused() {
        let mut c = Connection::open_in_memory().unwrap();
        c.pragma_update(None, "user_version", latest() + 1).unwrap();
        let e = migrate(&mut c).unwrap_err();
        assert!(matches!(e, StoreError::TooNew { .. }), "{e}");
    }
}
