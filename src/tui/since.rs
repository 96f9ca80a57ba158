//! "Since the last meeting" (`w`): what changed since a day — done, reopened, notes, deadlines,
//! agencies' parts — by whom, grouped by item, the item changed last first. The rows come from
//! the same store query as `kehoach changes --since` ([`crate::store::Store::changes_since_day`]);
//! here they are only grouped, put in words and filtered. No I/O.

use chrono::NaiveDate;

use crate::i18n::Lang;
use crate::plan::{NodeIx, Plan};
use crate::store::AuditRow;
use crate::text::fold;

/// How far back the view looks when it first opens: a weekly meeting's week.
pub const DEFAULT_DAYS: i64 = 7;

/// One change, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct SinceChange {
    /// The audit row's id: newer changes have larger ids.
    pub id: i64,
    pub at: String,
    pub who: String,
    pub what: String,
}

/// The changes to one item, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct SinceGroup {
    /// The item in the plan on screen; None for changes to no item (an import) or to an item
    /// the plan no longer has.
    pub item: Option<NodeIx>,
    pub item_id: Option<String>,
    pub changes: Vec<SinceChange>,
}

/// What the view last loaded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SinceData {
    /// The first day counted; None until the view is first opened (then today − 7 days).
    pub day: Option<NaiveDate>,
    /// The groups, the item changed last first.
    pub groups: Vec<SinceGroup>,
    /// The store has answered for `day` (until then the list says it is loading).
    pub loaded: bool,
}

/// One row of the list: an item's heading (`change` None) or one of its changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SinceRow {
    /// Stable across reloads and filters, so the selection stays on its row: twice the audit
    /// id of the change (plus one), or of the group's newest change for a heading.
    pub key: usize,
    pub group: usize,
    pub change: Option<usize>,
}

/// The day typed at the "since" prompt.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DateInput {
    pub input: String,
    pub error: Option<String>,
    /// `input` is still the day the prompt opened with: the first character typed replaces
    /// it (a Backspace edits it instead).
    pub fresh: bool,
}

/// Group `rows` (oldest first, as the store gives them) by item, newest first.
pub fn group(plan: &Plan, lang: Lang, rows: &[AuditRow]) -> Vec<SinceGroup> {
    let mut groups: Vec<SinceGroup> = Vec::new();
    for r in rows.iter().rev() {
        let ix = r.item_id.as_deref().and_then(|id| plan.find(id));
        let change = SinceChange {
            id: r.id,
            at: r.at.clone(),
            who: r.who.clone(),
            what: crate::i18n::describe_change(lang, plan, r),
        };
        match groups
            .iter_mut()
            .find(|g| g.item == ix && g.item_id == r.item_id)
        {
            Some(g) => g.changes.push(change),
            None => groups.push(SinceGroup {
                item: ix,
                item_id: r.item_id.clone(),
                changes: vec![change],
            }),
        }
    }
    groups
}

/// The rows of the list: every change whose item (id, title), author or words have each of
/// `words` at the start of one of their words (folded, without diacritics), under its item's
/// heading.
pub fn rows(plan: &Plan, groups: &[SinceGroup], words: &[String]) -> Vec<SinceRow> {
    let mut out = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        let head = match group.item {
            Some(ix) => format!("{}\n{}", plan.node(ix).id, plan.node(ix).title),
            None => group.item_id.clone().unwrap_or_default(),
        };
        let kept: Vec<usize> = (0..group.changes.len())
            .filter(|&c| {
                let ch = &group.changes[c];
                has_words(&format!("{head}\n{}\n{}", ch.who, ch.what), words)
            })
            .collect();
        if kept.is_empty() {
            continue;
        }
        let newest = group.changes[0].id.max(0) as usize;
        out.push(SinceRow {
            key: newest * 2,
            group: g,
            change: None,
        });
        for c in kept {
            out.push(SinceRow {
                key: group.changes[c].id.max(0) as usize * 2 + 1,
                group: g,
                change: Some(c),
            });
        }
    }
    out
}

/// Whether `text` has each word of `words` (already folded) at the start of one of its words.
pub fn has_words(text: &str, words: &[String]) -> bool {
    if words.is_empty() {
        return true;
    }
    let folded = fold(text);
    let own: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().all(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        own.iter().any(|o| o.starts_with(w))
    })
}
