//! One change from the audit log in words: "đánh dấu xong", "thêm ghi chú #3: …", "UBND huyện
//! Chi Lăng: Đã xong (12/KH-UBND)". Used by `kehoach changes` and wherever a screen says what
//! someone else changed.

use super::{Lang, date};
use crate::plan::Plan;
use crate::plan::accountability::AgencyState;
use crate::store::AuditRow;

strings! {
    Done = "đánh dấu xong", "marked done";
    Reopen = "mở lại", "reopened";
    NoteAdd = "thêm ghi chú #{}: {}", "added note #{}: {}";
    NoteEdit = "sửa ghi chú #{}: {}", "edited note #{}: {}";
    NoteDelete = "xóa ghi chú #{}", "deleted note #{}";
    NoteRestore = "khôi phục ghi chú #{}", "restored note #{}";
    Deadline = "đặt hạn riêng {}", "set its own deadline to {}";
    DeadlineCleared = "bỏ hạn riêng (trước là {})", "cleared its own deadline (was {})";
    Agency = "phần của {}: {}", "{}'s part: {}";
    Undo = "hoàn tác ({})", "undid ({})";
    Import = "nhập kế hoạch ({})", "imported the plan ({})";
    ImportCounts = "{} mục, {} cơ quan", "{} items, {} agencies";
    RegistryCarried = "{} thay đổi mang sang", "{} edits carried over";
    Registry = "sửa danh sách cơ quan: {}", "edited the agency list: {}";
}

/// Longest note text quoted in a change line.
const QUOTE: usize = 60;

/// What `row` changed, in `lang`.
pub fn describe(lang: Lang, plan: &Plan, row: &AuditRow) -> String {
    let (undo, action) = match row.action.strip_prefix("undo ") {
        Some(rest) => (true, rest),
        None => (false, row.action.as_str()),
    };
    let what = plain(lang, plan, action, row);
    if undo {
        S::Undo.get(lang).replacen("{}", &what, 1)
    } else {
        what
    }
}

fn plain(lang: Lang, plan: &Plan, action: &str, row: &AuditRow) -> String {
    let after = row.after.as_deref().unwrap_or("");
    let before = row.before.as_deref().unwrap_or("");
    let day = |s: &str| crate::text::parse_date(s).map_or_else(|| s.to_string(), date);
    let mut words = action.split_whitespace();
    match (words.next(), words.next(), words.next()) {
        (Some("done"), None, _) => S::Done.get(lang).into(),
        (Some("reopen"), None, _) => S::Reopen.get(lang).into(),
        (Some("deadline"), None, _) if after.is_empty() => {
            S::DeadlineCleared.fill(lang, &[&day(before)])
        }
        (Some("deadline"), None, _) => S::Deadline.fill(lang, &[&day(after)]),
        (Some("note"), Some(n), Some(op)) => {
            let n = n.trim_start_matches('#');
            let quoted = quote(after);
            match op {
                "add" => S::NoteAdd.fill(lang, &[&n, &quoted]),
                "edit" => S::NoteEdit.fill(lang, &[&n, &quoted]),
                "delete" => S::NoteDelete.fill(lang, &[&n]),
                _ => S::NoteRestore.fill(lang, &[&n]),
            }
        }
        (Some("agency"), Some(id), None) => {
            let name = plan
                .agencies
                .by_id(id)
                .map_or(id, |a| plan.agencies.get(a).short_name(lang == Lang::En));
            // Stored as "done (45/KH-UBND)": the state's code, then the document if any.
            let (code, doc) = after.split_once(' ').unwrap_or((after, ""));
            let state = AgencyState::from_code(code).map_or(code.to_string(), |s| {
                super::agency_state(lang, s).to_string()
            });
            let state = if doc.is_empty() {
                state
            } else {
                format!("{state} {doc}")
            };
            S::Agency.fill(lang, &[&name, &state])
        }
        (Some("import"), None, _) => S::Import.fill(lang, &[&import_counts(lang, after)]),
        (Some("registry"), Some("carried"), None) => {
            // Stored as "4 edits" (store/import.rs).
            let what = match after.strip_suffix(" edits") {
                Some(n) if n.parse::<usize>().is_ok() => S::RegistryCarried.fill(lang, &[&n]),
                _ => after.to_string(),
            };
            S::Registry.fill(lang, &[&what])
        }
        (Some("registry"), Some(_), None) => S::Registry.fill(lang, &[&after]),
        _ => {
            // An action this build does not know (a newer kehoach wrote it): as stored.
            match (before, after) {
                ("", "") => action.to_string(),
                ("", a) => format!("{action}: {a}"),
                (b, a) => format!("{action}: {b} → {a}"),
            }
        }
    }
}

/// An import's summary, stored in English as "154 items, 72 agencies" (store/import.rs), in
/// `lang`; anything else as stored.
fn import_counts(lang: Lang, stored: &str) -> String {
    let counts = stored.split_once(", ").and_then(|(items, agencies)| {
        let items = items.strip_suffix(" items")?.parse::<usize>().ok()?;
        let agencies = agencies.strip_suffix(" agencies")?.parse::<usize>().ok()?;
        Some((items, agencies))
    });
    match counts {
        Some((items, agencies)) => S::ImportCounts.fill(lang, &[&items, &agencies]),
        None => stored.to_string(),
    }
}

fn quote(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    crate::text::truncate(&one_line, QUOTE).into_owned()
}
