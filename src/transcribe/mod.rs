//! Plan text → a plan file (`data/plan.json`'s format) and a review of what was read.
//!
//! Pure stages over lines, each testable on its own: [`clean`] (line breaks, odd spaces, NFC,
//! page numbers, running headers) → [`lines`] (what a line starts with) → [`blocks`] (PDF lines
//! joined into headings, bullets, role lines, paragraphs) → [`tree`] (the nodes, role lines on
//! their criterion, the document around them) → [`agencies`] (names against the registry, over
//! the words of [`tokens`]) →
//! [`roles`] (roles read from sentences), with [`titles`] (where a title stops) → [`targets`]
//! (numbers to reach) → [`dates`] (deadlines) → [`milestones`] (named for what happens on
//! them) → [`review`]. [`docx`] turns a Word file's bytes into such text. Reading files is the
//! command's job.

pub mod agencies;
pub mod blocks;
pub mod clean;
pub mod dates;
pub mod docx;
pub mod lines;
pub mod meta;
pub mod milestones;
pub mod review;
pub mod roles;
pub mod targets;
pub mod titles;
pub mod tokens;
pub mod tree;

use crate::plan::NodeKind;
use crate::plan::file::{AgencyFile, FORMAT, NodeFile, PlanFile};

pub use review::Review;

/// What the caller chooses.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The plan's id; by default the province and year (`lang-son-2024`).
    pub id: Option<String>,
}

/// The plan file and the review of how it was read.
#[derive(Debug)]
pub struct Transcript {
    pub plan: PlanFile,
    pub review: Review,
}

fn walk_mut(nodes: &mut [NodeFile], f: &mut impl FnMut(&mut NodeFile)) {
    for n in nodes {
        f(n);
        walk_mut(&mut n.children, f);
    }
}

/// Transcribe a plan's text with the agencies of `registry`.
pub fn transcribe(text: &str, registry: Vec<AgencyFile>, opts: &Options) -> Transcript {
    let cleaned = clean::clean(text);
    let mut reg = agencies::Registry::new(registry);
    let names_at_start = |t: &str| reg.starts_with_name(t);
    let blocks = blocks::blocks(&cleaned.lines, &names_at_start);
    let mut built = tree::build(&blocks, &mut reg);
    let all_text: String = cleaned
        .lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let year = meta::year(&built.full_title, &all_text);

    // Targets; a goal's title is its words before the target (`Chỉ số … năm 2023`).
    walk_mut(&mut built.nodes, &mut |n| {
        n.targets = targets::targets(&mut reg, &n.text);
        if n.kind == NodeKind::Goal
            && let Some(k) = n.targets.first().and_then(|t| n.text.find(&t.text))
            && k > 0
        {
            n.title = n.text[..k].trim().to_string();
        }
    });

    // Deadlines: a task's or item's own; one stated by a heading is the plan's default.
    let mut found = Vec::new();
    let mut default_deadline = None;
    let mut stated = Vec::new();
    walk_mut(&mut built.nodes, &mut |n| {
        let ds = dates::deadlines(&n.text, year);
        let Some(first) = ds.first() else { return };
        let heading = matches!(
            n.kind,
            NodeKind::Part
                | NodeKind::Section
                | NodeKind::Group
                | NodeKind::Purpose
                | NodeKind::Goal
        );
        // A second heading's deadline is not the plan's: the review lists it, no milestone.
        let milestone = !(heading && default_deadline.is_some());
        if heading {
            default_deadline.get_or_insert(first.date);
        } else {
            n.deadline = Some(first.date.format("%Y-%m-%d").to_string());
        }
        if milestone {
            stated.push(milestones::Found {
                date: first.date,
                item: n.id.clone(),
                item_title: n.title.clone(),
                sentence: n.text.clone(),
                plan_wide: heading,
            });
        }
        for d in ds {
            found.push(review::FoundDeadline {
                item: n.id.clone(),
                date: d.date.format("%Y-%m-%d").to_string(),
                words: d.words,
                default: heading,
            });
        }
    });
    let milestones = milestones::milestones(stated, &built.nodes);
    let default_deadline = default_deadline
        .or_else(|| chrono::NaiveDate::from_ymd_opt(year, 12, 31))
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();

    let indexes = meta::indexes(&built.full_title, &built.preamble, &mut built.nodes, year);
    let province = meta::province(&built.full_title);
    let id = opts.id.clone().unwrap_or_else(|| match &province {
        Some(p) => format!("{}-{year}", meta::slug(p)),
        None => format!("ke-hoach-{year}"),
    });
    let issuer = province
        .as_ref()
        .map(|p| format!("UBND tỉnh {p}"))
        .unwrap_or_default();
    let title = short_title(&built, &indexes, province.as_deref(), year);
    let review = review::Review::new(&cleaned, &built, &reg, found, blocks.len());
    let plan = PlanFile {
        format: FORMAT,
        id,
        title,
        full_title: built.full_title,
        issuer,
        number: built.number,
        issued: built.issued.map(|d| d.format("%Y-%m-%d").to_string()),
        signer_title: built.signer_title,
        signer: built.signer,
        year,
        preamble: built.preamble,
        closing: built.closing,
        recipients: built.recipients,
        default_deadline,
        utc_offset: crate::plan::file::VIETNAM.to_string(),
        milestones,
        indexes,
        agencies: reg.agencies,
        nodes: built.nodes,
    };
    Transcript { plan, review }
}

fn short_title(
    built: &tree::Built,
    indexes: &[crate::plan::file::IndexFile],
    province: Option<&str>,
    year: i32,
) -> String {
    let kind = {
        let mut cs = built.doc_type.chars();
        match cs.next() {
            Some(c) => c
                .to_uppercase()
                .chain(cs.as_str().to_lowercase().chars())
                .collect(),
            None => "Kế hoạch".to_string(),
        }
    };
    if indexes.is_empty() || province.is_none() {
        return format!("{kind} {}", built.full_title).trim().to_string();
    }
    let names: Vec<&str> = indexes.iter().map(|i| i.name.as_str()).collect();
    let verb = built
        .full_title
        .split(' ')
        .take(2)
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    format!(
        "{kind} {verb} {} tỉnh {} năm {year}",
        names.join(", "),
        province.unwrap_or_default()
    )
}
