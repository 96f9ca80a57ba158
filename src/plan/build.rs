//! From the file's text to a validated [`Plan`]: every reference checked, every date parsed,
//! ids unique, groups without cycles. Errors say what is wrong and where.

use rustc_hash::FxHashMap;

use chrono::NaiveDate;
use thiserror::Error;

use super::agency::{Agencies, Agency};
use super::file::{self, NodeFile, PlanFile, RoleRef};
use super::{Folded, IndexInfo, Milestone, Node, NodeIx, Plan, RoleEntry, Roles, Target, ids};
use crate::text::{fold, fold_with_title, nfc};

#[derive(Debug, Error, PartialEq)]
pub enum PlanError {
    #[error("the plan file is not valid JSON at line {line}, column {column}: {message}")]
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("the plan file has format {found}; this kehoach reads format {expected}")]
    Format { found: u32, expected: u32 },
    #[error("item id {id:?} appears twice in the plan; every id must be unique")]
    DuplicateId { id: String },
    #[error(
        "item id {id:?} is not usable: use ASCII letters and digits separated by dots, like III.1.2.3.c1"
    )]
    BadId { id: String },
    #[error("agency id {id:?} appears twice in the registry")]
    DuplicateAgency { id: String },
    #[error("{at} names agency {agency:?}, which is not in the agency registry")]
    UnknownAgency { agency: String, at: String },
    #[error("agency groups form a cycle: {}", .0.join(" → "))]
    GroupCycle(Vec<String>),
    #[error("{at}: {value:?} is not a date; write YYYY-MM-DD, like 2023-11-30")]
    BadDate { value: String, at: String },
    #[error("utc_offset {value:?} is not a UTC offset; write it like +07:00")]
    BadOffset { value: String },
    #[error("{at} refers to item {item:?}, which is not in the plan")]
    UnknownItem { item: String, at: String },
    #[error("item {at} names index {index:?}; the plan's indexes are {known}")]
    UnknownIndex {
        index: String,
        at: String,
        known: String,
    },
    #[error("the plan has no items")]
    Empty,
}

pub(super) fn parse(json: &str, normalise_text: bool) -> Result<Plan, PlanError> {
    let file: PlanFile = serde_json::from_str(json).map_err(|e| PlanError::Json {
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    })?;
    build(file, normalise_text)
}

/// serde_json appends " at line L column C"; the error already says where.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(p) => msg[..p].to_string(),
        None => msg.to_string(),
    }
}

fn date(value: &str, at: impl Fn() -> String) -> Result<NaiveDate, PlanError> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| PlanError::BadDate {
        value: value.to_string(),
        at: at(),
    })
}

fn build(mut file: PlanFile, normalise_text: bool) -> Result<Plan, PlanError> {
    if file.format != file::FORMAT {
        return Err(PlanError::Format {
            found: file.format,
            expected: file::FORMAT,
        });
    }
    if file.nodes.is_empty() {
        return Err(PlanError::Empty);
    }
    if normalise_text {
        normalise(&mut file);
    }
    let agencies = build_agencies(&file)?;
    let default_deadline = date(&file.default_deadline, || "default_deadline".into())?;
    let utc_offset: chrono::FixedOffset =
        file.utc_offset.parse().map_err(|_| PlanError::BadOffset {
            value: file.utc_offset.clone(),
        })?;

    let mut nodes = Vec::new();
    let mut roots = Vec::new();
    let mut by_key = FxHashMap::default();
    let index_ids: Vec<&str> = file.indexes.iter().map(|i| i.id.as_str()).collect();
    // The nodes' text moves from the file into the model (the file keeps the plan's own
    // fields and registry; its tree lives on only as `nodes`).
    let file_nodes = std::mem::take(&mut file.nodes);
    nodes.reserve(count_nodes(&file_nodes));
    for n in file_nodes {
        let ix = add_node(n, None, 0, &agencies, &index_ids, &mut nodes, &mut by_key)?;
        roots.push(ix);
    }
    inherit(&mut nodes);

    let find = |item: &str, at: String| {
        by_key
            .get(&ids::key(item))
            .copied()
            .ok_or(PlanError::UnknownItem {
                item: item.to_string(),
                at,
            })
    };
    let milestones = file
        .milestones
        .iter()
        .map(|m| {
            Ok(Milestone {
                id: m.id.clone(),
                date: date(&m.date, || format!("milestone {}", m.id))?,
                title: m.title.clone(),
                title_en: m.title_en.clone(),
                short: if m.short.is_empty() {
                    m.title.clone()
                } else {
                    m.short.clone()
                },
                short_en: if m.short_en.is_empty() {
                    m.title_en.clone()
                } else {
                    m.short_en.clone()
                },
                item: find(&m.item, format!("milestone {}", m.id))?,
                also: m
                    .also
                    .iter()
                    .map(|a| find(a, format!("milestone {}", m.id)))
                    .collect::<Result<_, _>>()?,
            })
        })
        .collect::<Result<Vec<_>, PlanError>>()?;
    let indexes = file
        .indexes
        .iter()
        .map(|i| {
            find(&i.goal.item, format!("index {}", i.id))?;
            Ok(IndexInfo {
                id: i.id.clone(),
                name: i.name.clone(),
                full_name: i.full_name.clone(),
                section: find(&i.section, format!("index {}", i.id))?,
                baseline: i.baseline.clone(),
                goal_top: i.goal.top,
                goal_year: i.goal.year,
            })
        })
        .collect::<Result<Vec<_>, PlanError>>()?;

    Ok(Plan {
        file,
        default_deadline,
        utc_offset,
        milestones,
        indexes,
        agencies,
        nodes,
        roots,
        by_key,
        folded: Default::default(),
        parts: Default::default(),
    })
}

/// Each node's searchable text, folded: its id key, title, text and the names of the agencies
/// it names itself (registry edits included, as the plan is when first searched).
pub(super) fn fold_nodes(plan: &Plan) -> Vec<Folded> {
    plan.nodes
        .iter()
        .map(|n| {
            let mut agency_text = String::new();
            for r in super::Role::ALL {
                for e in n.own_roles.get(r) {
                    agency_text.push_str(&plan.agencies.get(e.agency).folded().join("\n"));
                    agency_text.push('\n');
                }
            }
            // Most titles open their text: folded in the same pass.
            let (text, title) = if n.text.starts_with(&n.title) {
                fold_with_title(&n.text, n.title.len())
            } else {
                (fold(&n.text), fold(&n.title))
            };
            Folded {
                id: ids::key(&n.id),
                title,
                text,
                agencies: agency_text,
            }
        })
        .collect()
}

/// NFC every string of the file, so what is compared and stored is what is shown.
fn normalise(file: &mut PlanFile) {
    fn n(s: &mut String) {
        if let std::borrow::Cow::Owned(o) = nfc(s) {
            *s = o;
        }
    }
    n(&mut file.title);
    n(&mut file.full_title);
    n(&mut file.issuer);
    n(&mut file.closing);
    file.preamble.iter_mut().for_each(n);
    file.recipients.iter_mut().for_each(n);
    for a in &mut file.agencies {
        n(&mut a.name);
        a.aliases.iter_mut().for_each(n);
    }
    fn node(x: &mut NodeFile) {
        n(&mut x.title);
        n(&mut x.text);
        n(&mut x.label);
        x.children.iter_mut().for_each(node);
    }
    file.nodes.iter_mut().for_each(node);
}

fn build_agencies(file: &PlanFile) -> Result<Agencies, PlanError> {
    let mut index = FxHashMap::default();
    for (i, a) in file.agencies.iter().enumerate() {
        if index.insert(a.id.to_ascii_lowercase(), i).is_some() {
            return Err(PlanError::DuplicateAgency { id: a.id.clone() });
        }
    }
    let mut list = Vec::with_capacity(file.agencies.len());
    for a in &file.agencies {
        let members = a
            .members
            .iter()
            .map(|m| {
                index.get(&m.to_ascii_lowercase()).copied().ok_or_else(|| {
                    PlanError::UnknownAgency {
                        agency: m.clone(),
                        at: format!("group {}", a.id),
                    }
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        list.push(Agency {
            id: a.id.clone(),
            name: a.name.clone(),
            name_en: a.name_en.clone(),
            aliases: a.aliases.clone(),
            kind: a.kind,
            members,
            in_text: a.in_text,
            folded: Default::default(),
        });
    }
    Agencies::new(list).map_err(PlanError::GroupCycle)
}

fn count_nodes(nodes: &[NodeFile]) -> usize {
    nodes.iter().map(|n| 1 + count_nodes(&n.children)).sum()
}

fn add_node(
    f: NodeFile,
    parent: Option<NodeIx>,
    depth: usize,
    agencies: &Agencies,
    index_ids: &[&str],
    nodes: &mut Vec<Node>,
    by_key: &mut FxHashMap<String, NodeIx>,
) -> Result<NodeIx, PlanError> {
    if !ids::is_valid(&f.id) {
        return Err(PlanError::BadId { id: f.id.clone() });
    }
    let ix = nodes.len();
    if by_key.insert(ids::key(&f.id), ix).is_some() {
        return Err(PlanError::DuplicateId { id: f.id.clone() });
    }
    let entries = |refs: &[RoleRef]| {
        refs.iter()
            .map(|r| {
                agencies
                    .by_id(r.agency())
                    .map(|agency| RoleEntry {
                        agency,
                        scope: r.scope().map(|s| nfc(s).into_owned()),
                    })
                    .ok_or_else(|| PlanError::UnknownAgency {
                        agency: r.agency().to_string(),
                        at: format!("item {}", f.id),
                    })
            })
            .collect::<Result<Vec<_>, _>>()
    };
    let own_roles = Roles {
        lead: entries(&f.lead)?,
        implementing: entries(&f.implementing)?,
        coordinating: entries(&f.coordinating)?,
    };
    let index =
        match &f.index {
            None => None,
            Some(i) => Some(index_ids.iter().position(|k| k == i).ok_or_else(|| {
                PlanError::UnknownIndex {
                    index: i.clone(),
                    at: f.id.clone(),
                    known: index_ids.join(", "),
                }
            })?),
        };
    let deadline = match &f.deadline {
        Some(d) => Some(date(d, || format!("item {}", f.id))?),
        None => None,
    };
    let mut children = Vec::with_capacity(f.children.len());
    nodes.push(Node {
        id: f.id,
        label: f.label,
        kind: f.kind,
        title: f.title,
        text: f.text,
        parent,
        children: Vec::new(),
        end: ix + 1,
        depth,
        index,
        roles: own_roles.clone(),
        own_roles,
        deadline,
        targets: f
            .targets
            .into_iter()
            .map(|t| Target {
                metric: t.metric,
                value: t.value,
                unit: t.unit,
                scope: t.scope,
                text: t.text,
            })
            .collect(),
        remark: f.remark,
    });
    for c in f.children {
        children.push(add_node(
            c,
            Some(ix),
            depth + 1,
            agencies,
            index_ids,
            nodes,
            by_key,
        )?);
    }
    nodes[ix].children = children;
    nodes[ix].end = nodes.len();
    Ok(ix)
}

/// Fill each node's roles and index from its ancestors where it names none. Nodes are in
/// pre-order, so every parent is final before its children.
fn inherit(nodes: &mut [Node]) {
    for i in 0..nodes.len() {
        let Some(p) = nodes[i].parent else { continue };
        let (before, after) = nodes.split_at_mut(i);
        let (parent, node) = (&before[p], &mut after[0]);
        if node.roles.lead.is_empty() {
            node.roles.lead = parent.roles.lead.clone();
        }
        if node.roles.implementing.is_empty() {
            node.roles.implementing = parent.roles.implementing.clone();
        }
        if node.roles.coordinating.is_empty() {
            node.roles.coordinating = parent.roles.coordinating.clone();
        }
        if node.index.is_none() {
            node.index = parent.index;
        }
    }
}

/// A change to the agency registry made after import (the province reorganises; the communes
/// are not in the plan). Applied on top of the plan file every time the plan is loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum RegistryEdit {
    /// A new agency.
    Agency {
        id: String,
        name: String,
        kind: file::AgencyKind,
    },
    /// `member` joins (or, with `add: false`, leaves) `group`.
    Member {
        group: String,
        member: String,
        add: bool,
    },
}

impl Plan {
    /// Apply registry edits in order. Agencies keep their positions (new ones are appended),
    /// so everything that refers to an agency stays valid.
    pub fn apply_registry(&mut self, edits: &[RegistryEdit]) -> Result<(), PlanError> {
        if edits.is_empty() {
            return Ok(());
        }
        let mut agencies = self.file.agencies.clone();
        for e in edits {
            match e {
                RegistryEdit::Agency { id, name, kind } => {
                    // A plan imported later names it itself: that entry is used, and the
                    // membership edits still apply (failing here would make the stored plan
                    // unloadable).
                    if agencies.iter().any(|a| a.id.eq_ignore_ascii_case(id)) {
                        continue;
                    }
                    agencies.push(file::AgencyFile {
                        id: id.clone(),
                        name: nfc(name).into_owned(),
                        name_en: String::new(),
                        aliases: Vec::new(),
                        kind: *kind,
                        members: Vec::new(),
                        in_text: false,
                    });
                }
                RegistryEdit::Member { group, member, add } => {
                    if !agencies.iter().any(|a| a.id.eq_ignore_ascii_case(member)) {
                        return Err(PlanError::UnknownAgency {
                            agency: member.clone(),
                            at: format!("group {group}"),
                        });
                    }
                    let g = agencies
                        .iter_mut()
                        .find(|a| a.id.eq_ignore_ascii_case(group))
                        .ok_or_else(|| PlanError::UnknownAgency {
                            agency: group.clone(),
                            at: "registry".into(),
                        })?;
                    g.members.retain(|m| !m.eq_ignore_ascii_case(member));
                    if *add {
                        g.members.push(member.clone());
                    }
                }
            }
        }
        let mut file = self.file.clone();
        file.agencies = agencies;
        self.agencies = build_agencies(&file)?;
        self.file = file;
        // Both are worked out from the registry on first use.
        self.folded = Default::default();
        self.parts = Default::default();
        Ok(())
    }
}
