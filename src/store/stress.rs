//! A large database for benchmarks: many plans the size of the real one, with notes, done
//! items and audit history, so figures show how kehoach behaves after years of use.
//!
//! Compiled only with the `stress` feature, which the benches turn on (Cargo.toml): the shipped
//! binary has no generator. It stays here rather than in benches/ because it writes SQL, and
//! SQL lives in the store. Going through the public write API instead would keep benches/ free
//! of SQL but cost one fsync'd transaction and audit row per write: 200,000 notes at ~1 ms
//! each is minutes, against ~20 s for these few bulk transactions. The generated rows must
//! match what the write API stores (the folded search text of each note included).

use rusqlite::params;

use super::{Actor, Result, Store, StoreError};
use crate::plan::Plan;

/// How big the stress database is.
#[derive(Debug, Clone, Copy)]
pub struct StressSize {
    pub plans: usize,
    pub notes: usize,
    pub audit: usize,
}

impl StressSize {
    /// 100 plans (≈ 15,000 items), 200,000 notes, 1,000,000 audit rows.
    pub const FULL: StressSize = StressSize {
        plans: 100,
        notes: 200_000,
        audit: 1_000_000,
    };
}

/// A small deterministic generator (xorshift64*), so every run builds the same database.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const NOTE_WORDS: &[&str] = &[
    "Đã",
    "ban hành",
    "kế hoạch",
    "số",
    "báo cáo",
    "kết quả",
    "thực hiện",
    "giải ngân",
    "hồ sơ",
    "thủ tục",
    "hành chính",
    "một cửa",
    "liên thông",
    "đất đai",
    "tuyên truyền",
    "UBND",
    "huyện",
    "xã",
    "Sở",
    "kiểm tra",
    "đôn đốc",
    "hoàn thành",
    "quý III",
    "năm 2023",
    "văn bản",
    "trực tuyến",
    "số hóa",
    "100%",
    "chỉ tiêu",
    "khảo sát",
];

impl Store {
    /// Fill an empty database with `size`: copies of `template` under new ids (the last one
    /// keeps the template's id, so it is the newest plan), then notes, done items and audit
    /// rows spread over all of them. Bulk writes go in a few large transactions.
    pub fn generate_stress(&mut self, template: &str, size: StressSize) -> Result<()> {
        let base: serde_json::Value = serde_json::from_str(template)
            .map_err(|e| StoreError::Sqlite(rusqlite::Error::ToSqlConversionFailure(e.into())))?;
        let actor = Actor::new("bench");
        let mut plans: Vec<(String, Vec<String>, Vec<String>)> = Vec::new();
        // Per plan: each task with the agencies whose part can be recorded on it.
        let mut parts: Vec<Vec<(String, Vec<String>)>> = Vec::new();
        for p in 0..size.plans {
            let mut v = base.clone();
            let last = p + 1 == size.plans;
            if !last {
                v["id"] = format!("stress-{p:03}").into();
                v["title"] = format!("{} (bản {p})", v["title"].as_str().unwrap_or("")).into();
            }
            let json = v.to_string();
            self.import_plan(&json, &actor).map_err(|e| match e {
                super::ImportError::Store(s) => s,
                super::ImportError::Plan(p) => StoreError::StoredPlan(p),
            })?;
            let plan = Plan::parse(&json).map_err(StoreError::StoredPlan)?;
            let items = plan.nodes.iter().map(|n| n.id.clone()).collect();
            let tasks = plan.tasks().map(|t| plan.node(t).id.clone()).collect();
            parts.push(
                plan.tasks()
                    .map(|t| {
                        let agencies = crate::plan::accountability::recordable(&plan, t)
                            .into_iter()
                            .map(|a| plan.agencies.get(a).id.clone())
                            .collect();
                        (plan.node(t).id.clone(), agencies)
                    })
                    .collect(),
            );
            plans.push((plan.id().to_string(), items, tasks));
        }
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let tx = self.conn.transaction()?;
        {
            let mut state = tx.prepare(
                "INSERT OR REPLACE INTO item_state (plan_id, item_id, done, done_at, done_by, updated_at, updated_by) \
                 VALUES (?1, ?2, 1, ?3, ?4, ?3, ?4)",
            )?;
            for (plan, _, tasks) in &plans {
                for t in tasks {
                    if rng.below(10) < 4 {
                        state.execute(params![plan, t, actor.now, "bench"])?;
                    }
                }
            }
            // Each agency's part: about a third done with a document, some reported.
            let mut part = tx.prepare(
                "INSERT INTO agency_status (plan_id, item_id, agency_id, state, at, by, doc_ref, doc_date) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for ((plan, _, _), tasks) in plans.iter().zip(&parts) {
                for (task, agencies) in tasks {
                    for agency in agencies {
                        let (state, doc) = match rng.below(20) {
                            0..=6 => ("done", Some(format!("{}/KH-UBND", rng.below(500)))),
                            7..=8 => ("reported", None),
                            _ => continue,
                        };
                        part.execute(params![
                            plan,
                            task,
                            agency,
                            state,
                            actor.now,
                            "bench",
                            doc,
                            doc.as_ref().map(|_| "2023-06-20")
                        ])?;
                    }
                }
            }
            let mut note = tx.prepare(
                "INSERT INTO note (plan_id, item_id, author, created_at, text, doc_ref, doc_date, folded) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for i in 0..size.notes {
                let (plan, items, _) = &plans[i % plans.len()];
                let item = &items[rng.below(items.len())];
                let words = 8 + rng.below(20);
                let text: Vec<&str> = (0..words)
                    .map(|_| NOTE_WORDS[rng.below(NOTE_WORDS.len())])
                    .collect();
                let doc = (rng.below(3) == 0).then(|| format!("{}/KH-UBND", rng.below(400)));
                let text = text.join(" ");
                let folded = super::notes::folded(&text, doc.as_deref());
                note.execute(params![
                    plan,
                    item,
                    format!("user{}", rng.below(40)),
                    actor.now,
                    text,
                    doc,
                    None::<String>,
                    folded
                ])?;
            }
            let mut audit = tx.prepare(
                "INSERT INTO audit (at, who, plan_id, item_id, action, before, after) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for i in 0..size.audit {
                let (plan, items, _) = &plans[i % plans.len()];
                let item = &items[rng.below(items.len())];
                let (action, before, after) = match rng.below(3) {
                    0 => ("done", "open", "done"),
                    1 => ("reopen", "done", "open"),
                    _ => ("deadline", "2023-11-30", "2023-12-15"),
                };
                audit.execute(params![
                    actor.now,
                    format!("user{}", rng.below(40)),
                    plan,
                    item,
                    action,
                    before,
                    after
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}
