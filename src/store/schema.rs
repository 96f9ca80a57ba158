//! Versioned schema. Each entry of [`MIGRATIONS`] upgrades by one version together with the
//! new `PRAGMA user_version`; every missing step runs in one transaction that holds the write
//! lock throughout, so nobody sees a half-upgraded file. A database from a newer kehoach is
//! refused rather than guessed at.

use rusqlite::{Connection, TransactionBehavior};

use super::StoreError;
use crate::plan::stored;

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
    // 6: each note's text and document number folded for search (lower case, no diacritics,
    // đ→d), so a search over every plan's notes reads them instead of folding 200,000 notes
    // (0.5–1.5 s). Existing notes are filled, and stored plan files put in NFC so loading one
    // need not normalise it again, by `fill` below in the same transaction.
    r#"
    ALTER TABLE note ADD COLUMN folded TEXT NOT NULL DEFAULT '';
    "#,
    // 7: the folded text of each item's notes together, one row per item, kept by triggers
    // whatever writes a note. Search matches an item when its notes hold every word, so this
    // is what it reads: a plan's 154 rows on start instead of its 2,000 notes, and a search
    // across every plan scans 15,000 rows (Rust's substring search) instead of 200,000.
    r#"
    CREATE TABLE note_search (
        id      INTEGER PRIMARY KEY,
        plan_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        folded  TEXT NOT NULL,          -- each note's `folded`, one after another
        UNIQUE (plan_id, item_id)
    );
    INSERT INTO note_search (plan_id, item_id, folded)
        SELECT plan_id, item_id, group_concat(folded, char(10)) FROM note GROUP BY plan_id, item_id;
    CREATE TRIGGER note_search_insert AFTER INSERT ON note BEGIN
        DELETE FROM note_search WHERE plan_id = new.plan_id AND item_id = new.item_id;
        INSERT INTO note_search (plan_id, item_id, folded)
            SELECT plan_id, item_id, group_concat(folded, char(10)) FROM note
            WHERE plan_id = new.plan_id AND item_id = new.item_id GROUP BY plan_id, item_id;
    END;
    CREATE TRIGGER note_search_delete AFTER DELETE ON note BEGIN
        DELETE FROM note_search WHERE plan_id = old.plan_id AND item_id = old.item_id;
        INSERT INTO note_search (plan_id, item_id, folded)
            SELECT plan_id, item_id, group_concat(folded, char(10)) FROM note
            WHERE plan_id = old.plan_id AND item_id = old.item_id GROUP BY plan_id, item_id;
    END;
    CREATE TRIGGER note_search_update AFTER UPDATE ON note BEGIN
        DELETE FROM note_search WHERE plan_id = old.plan_id AND item_id = old.item_id;
        INSERT INTO note_search (plan_id, item_id, folded)
            SELECT plan_id, item_id, group_concat(folded, char(10)) FROM note
            WHERE plan_id = old.plan_id AND item_id = old.item_id GROUP BY plan_id, item_id;
        DELETE FROM note_search WHERE plan_id = new.plan_id AND item_id = new.item_id;
        INSERT INTO note_search (plan_id, item_id, folded)
            SELECT plan_id, item_id, group_concat(folded, char(10)) FROM note
            WHERE plan_id = new.plan_id AND item_id = new.item_id GROUP BY plan_id, item_id;
    END;
    "#,
    // 8: the interactive view asks for the newest restore when it starts and whenever the
    // database changes (`Store::last_restore`); without an index that walks the whole audit
    // log back to front (1,000,000 rows on the stress database: 80 ms of a 100 ms start).
    r#"
    CREATE INDEX audit_by_action ON audit(action, id);
    "#,
    // 9: every command asked whether the stored built-in plan is the one in this binary by
    // comparing the whole 146 KB file, then read it again to parse it. Each plan now keeps a
    // digest of its file to compare, and the file without the whitespace between JSON tokens
    // (a third of it, read and skipped on every start); `fill` below does both for the plans
    // already there.
    r#"
    ALTER TABLE plan ADD COLUMN digest TEXT NOT NULL DEFAULT '';
    "#,
];

/// The part of a step SQL cannot do (folding Vietnamese is Rust's `text::fold`), run inside
/// the step's transaction right after its SQL.
fn fill(tx: &Connection, step: usize) -> rusqlite::Result<()> {
    if step == 6 {
        let notes: Vec<(i64, String, Option<String>)> = tx
            .prepare("SELECT id, text, doc_ref FROM note")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut set = tx.prepare("UPDATE note SET folded = ?2 WHERE id = ?1")?;
        for (id, text, doc) in notes {
            set.execute(rusqlite::params![
                id,
                super::notes::folded(&text, doc.as_deref())
            ])?;
        }
        let plans: Vec<(String, String)> = tx
            .prepare("SELECT id, source FROM plan")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (id, source) in plans {
            if let std::borrow::Cow::Owned(nfc) = crate::text::nfc(&source) {
                tx.execute(
                    "UPDATE plan SET source = ?2 WHERE id = ?1",
                    rusqlite::params![id, nfc],
                )?;
            }
        }
    }
    if step == 9 {
        let plans: Vec<(String, String)> = tx
            .prepare("SELECT id, source FROM plan")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (id, source) in plans {
            // The digest of the file as it was stored (in NFC; the space between tokens does
            // not count): what the built-in plan's digest is compared with.
            tx.execute(
                "UPDATE plan SET digest = ?2, source = ?3 WHERE id = ?1",
                rusqlite::params![id, stored::digest(&source), stored::compact(&source)],
            )?;
        }
    }
    Ok(())
}

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
        fill(tx, i + 1)?;
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
    fn step_6_folds_existing_notes_and_puts_stored_plans_in_nfc() {
        let mut c = Connection::open_in_memory().unwrap();
        for sql in &MIGRATIONS[..5] {
            c.execute_batch(sql).unwrap();
        }
        c.pragma_update(None, "user_version", 5).unwrap();
        c.pragma_update(None, "foreign_keys", false).unwrap();
        // "Sở Nội vụ" with its marks decomposed, as some editors save it.
        let decomposed = "{\"title\": \"So\u{031B}\u{0309} No\u{0302}\u{0323}i vu\u{0323}\"}";
        c.execute(
            "INSERT INTO plan VALUES ('p', 't', ?1, 'now', 'lan', 1)",
            [decomposed],
        )
        .unwrap();
        c.execute(
            "INSERT INTO note (plan_id, item_id, author, created_at, text, doc_ref) \
             VALUES ('p', 'I.1', 'lan', 'now', 'Đã ban hành Kế hoạch', '45/KH-SNV')",
            [],
        )
        .unwrap();
        migrate(&mut c).unwrap();
        let folded: String = c
            .query_row("SELECT folded FROM note", [], |r| r.get(0))
            .unwrap();
        assert_eq!(folded, "da ban hanh ke hoach\n45/kh-snv");
        let per_item: String = c
            .query_row(
                "SELECT folded FROM note_search WHERE item_id = 'I.1'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(per_item, folded);
        let source: String = c
            .query_row("SELECT source FROM plan", [], |r| r.get(0))
            .unwrap();
        // In NFC, and (step 9) without the space between tokens.
        assert_eq!(source, "{\"title\":\"Sở Nội vụ\"}");
    }

    #[test]
    fn step_9_gives_stored_plans_a_digest_and_drops_the_space_between_tokens() {
        let mut c = Connection::open_in_memory().unwrap();
        for sql in &MIGRATIONS[..8] {
            c.execute_batch(sql).unwrap();
        }
        c.pragma_update(None, "user_version", 8).unwrap();
        let json = crate::plan::EMBEDDED_PLAN;
        c.execute(
            "INSERT INTO plan VALUES ('lang-son-2023', 't', ?1, 'now', 'kehoach', 1)",
            [json],
        )
        .unwrap();
        migrate(&mut c).unwrap();
        let (source, digest): (String, String) = c
            .query_row("SELECT source, digest FROM plan", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!(digest, stored::digest(json), "what ensure_seeded compares");
        assert_eq!(source, stored::compact(json));
        assert!(source.len() < json.len() * 3 / 4);
        let plan = crate::plan::Plan::parse_stored(&source).unwrap();
        assert_eq!(plan.len(), crate::plan::Plan::embedded().len());
    }

    #[test]
    fn newer_database_is_refused() {
        let mut c = Connection::open_in_memory().unwrap();
        c.pragma_update(None, "user_version", latest() + 1).unwrap();
        let e = migrate(&mut c).unwrap_err();
        assert!(matches!(e, StoreError::TooNew { .. }), "{e}");
    }
}
