//! Milestones: the dates a plan counts down to, named for what happens on them. A deadline
//! whose sentence says agencies issue their plans (*Kế hoạch … ban hành chậm nhất ngày …*) is
//! `agency-plans`; the plan's own deadline (*Thời gian hoàn thành: Trước ngày …*) is
//! `completion`; a report due on a day is `report`. Any other deadline keeps the item's title.
//! The words come from [`KINDS`], never from the year or the province.

use crate::plan::file::{MilestoneFile, NodeFile};
use crate::text::fold;

/// What a milestone is, the folded words that tell it, and its names in both languages.
pub struct Kind {
    pub id: &'static str,
    /// Every one of these (folded) is in the sentence that sets the deadline.
    pub words: &'static [&'static str],
    pub title: &'static str,
    pub title_en: &'static str,
    pub short: &'static str,
    pub short_en: &'static str,
    /// Other items given the same duty carry these words (folded) too: they answer to the
    /// milestone as well (`also`).
    pub also_words: &'static [&'static str],
}

pub const KINDS: &[Kind] = &[
    Kind {
        id: "agency-plans",
        words: &["ke hoach", "ban hanh"],
        title: "Các cơ quan, đơn vị ban hành kế hoạch thực hiện",
        title_en: "Agencies issue their implementation plans",
        short: "Ban hành KH",
        short_en: "Agency plans",
        // `Căn cứ … Kế hoạch này, triển khai …`: acting on this plan is making one's own.
        also_words: &["can cu", "ke hoach nay"],
    },
    Kind {
        id: "completion",
        words: &["hoan thanh"],
        title: "Hoàn thành nhiệm vụ, báo cáo kết quả",
        title_en: "All tasks finished and reported",
        short: "Hoàn thành",
        short_en: "Finish and report",
        also_words: &[],
    },
    Kind {
        id: "report",
        words: &["bao cao"],
        title: "Báo cáo kết quả thực hiện",
        title_en: "Results reported",
        short: "Báo cáo",
        short_en: "Report",
        also_words: &[],
    },
];

/// A deadline that makes a milestone: its date, the item that states it, and whether it is
/// the plan's own (stated by a heading).
pub struct Found {
    pub date: chrono::NaiveDate,
    pub item: String,
    pub item_title: String,
    pub sentence: String,
    pub plan_wide: bool,
}

fn has_words(folded: &str, words: &[&str]) -> bool {
    !words.is_empty() && words.iter().all(|w| folded.contains(w))
}

/// The plan's own deadline is its completion, whatever else its sentence says.
fn kind_of(f: &Found) -> Option<&'static Kind> {
    if f.plan_wide {
        return KINDS.iter().find(|k| k.id == "completion");
    }
    let folded = fold(&f.sentence);
    KINDS.iter().find(|k| has_words(&folded, k.words))
}

/// Every node id with the ids of its ancestors.
fn paths<'a>(
    nodes: &'a [NodeFile],
    up: &mut Vec<&'a str>,
    out: &mut Vec<(&'a NodeFile, Vec<&'a str>)>,
) {
    for n in nodes {
        out.push((n, up.clone()));
        up.push(&n.id);
        paths(&n.children, up, out);
        up.pop();
    }
}

/// The milestones of `found`, by date, with `also` read from `nodes`.
pub fn milestones(found: Vec<Found>, nodes: &[NodeFile]) -> Vec<MilestoneFile> {
    let mut all = Vec::new();
    paths(nodes, &mut Vec::new(), &mut all);
    let mut out: Vec<MilestoneFile> = Vec::new();
    for f in found {
        let date = f.date.format("%Y-%m-%d").to_string();
        let kind = kind_of(&f);
        let mut id = kind.map_or_else(|| format!("deadline-{date}"), |k| k.id.to_string());
        if out.iter().any(|m| m.id == id) {
            id = format!("{id}-{date}");
        }
        let also = match kind {
            Some(k) if !k.also_words.is_empty() => {
                let related: Vec<&str> = all
                    .iter()
                    .find(|(n, _)| n.id == f.item)
                    .map(|(_, up)| up.clone())
                    .unwrap_or_default();
                all.iter()
                    .filter(|(n, up)| {
                        n.id != f.item
                            && !related.contains(&n.id.as_str())
                            && !up.contains(&f.item.as_str())
                            && has_words(&fold(&n.text), k.also_words)
                    })
                    .map(|(n, _)| n.id.clone())
                    .collect()
            }
            _ => Vec::new(),
        };
        out.push(match kind {
            Some(k) => MilestoneFile {
                id,
                date,
                title: k.title.into(),
                title_en: k.title_en.into(),
                short: k.short.into(),
                short_en: k.short_en.into(),
                item: f.item,
                also,
            },
            None => MilestoneFile {
                id,
                date,
                title: f.item_title.clone(),
                title_en: format!("Deadline of {}", f.item),
                short: String::new(),
                short_en: String::new(),
                item: f.item,
                also,
            },
        });
    }
    out.sort_by(|a, b| a.date.cmp(&b.date));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(sentence: &str, plan_wide: bool) -> Found {
        Found {
            date: chrono::NaiveDate::from_ymd_opt(2031, 6, 30).unwrap(),
            item: "I.1.t1".into(),
            item_title: "Nộp hồ sơ".into(),
            sentence: sentence.into(),
            plan_wide,
        }
    }

    #[test]
    fn named_for_what_happens() {
        let m = milestones(
            vec![
                found(
                    "Kế hoạch của các cơ quan ban hành chậm nhất ngày 30/6/2031.",
                    false,
                ),
                found("Trước ngày 30/6/2031, các cơ quan ban hành kế hoạch.", true),
                found("Nộp hồ sơ trước ngày 30/6/2031.", false),
            ],
            &[],
        );
        let ids: Vec<&str> = m.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["agency-plans", "completion", "deadline-2031-06-30"]);
        assert_eq!(m[0].short_en, "Agency plans");
        assert_eq!(m[2].title, "Nộp hồ sơ");
    }

    #[test]
    fn also_the_items_told_to_act_on_the_plan() {
        let node = |id: &str, text: &str, children: Vec<NodeFile>| NodeFile {
            id: id.into(),
            label: String::new(),
            kind: crate::plan::NodeKind::Item,
            title: String::new(),
            text: text.into(),
            index: None,
            lead: vec![],
            implementing: vec![],
            coordinating: vec![],
            deadline: None,
            targets: vec![],
            remark: None,
            children,
        };
        let nodes = vec![
            node(
                "I.1",
                "Căn cứ Kế hoạch này ban hành kế hoạch thực hiện.",
                vec![node(
                    "I.1.t1",
                    "Kế hoạch ban hành chậm nhất ngày 30/6/2031.",
                    vec![],
                )],
            ),
            node(
                "I.2",
                "Các cơ quan Trung ương căn cứ Kế hoạch này, triển khai.",
                vec![],
            ),
            node("I.3", "Giám sát việc thực hiện Kế hoạch này.", vec![]),
        ];
        let mut f = found("Kế hoạch ban hành chậm nhất ngày 30/6/2031.", false);
        f.item = "I.1.t1".into();
        let m = milestones(vec![f], &nodes);
        assert_eq!(m[0].also, ["I.2"]);
    }
}
