//! The review: what was read, what was inferred, and what a person must look at.

use std::collections::BTreeMap;

use serde::Serialize;

use super::agencies::Registry;
use super::clean::{Cleaned, DroppedLine};
use super::tree::Built;
use crate::plan::Role;
use crate::plan::file::{AgencyKind, NodeFile};

#[derive(Debug, Clone, Serialize)]
pub struct Unplaced {
    pub line: usize,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProposedAgency {
    pub id: String,
    pub name: String,
    pub kind: AgencyKind,
}

#[derive(Debug, Clone, Serialize)]
pub struct InferredRole {
    pub item: String,
    pub role: &'static str,
    pub agencies: Vec<String>,
    /// The sentence the role was read from.
    pub words: String,
}

/// A role read from a printed *Cơ quan chủ trì / thực hiện / phối hợp* line.
#[derive(Debug, Clone, Serialize)]
pub struct PrintedRole {
    pub item: String,
    pub role: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct FoundDeadline {
    pub item: String,
    pub date: String,
    pub words: String,
    /// Stated by a heading: the plan's default deadline.
    pub default: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Review {
    /// Nodes by kind (snake_case names as in the plan file).
    pub counts: BTreeMap<String, usize>,
    /// Non-blank source lines, and how many of them are in the plan.
    pub lines: usize,
    pub placed: usize,
    pub role_lines: usize,
    pub dropped: Vec<DroppedLine>,
    pub unplaced: Vec<Unplaced>,
    pub proposed_agencies: Vec<ProposedAgency>,
    pub inferred_roles: Vec<InferredRole>,
    pub printed_roles: Vec<PrintedRole>,
    pub deadlines: Vec<FoundDeadline>,
}

fn count(nodes: &[NodeFile], out: &mut BTreeMap<String, usize>) {
    for n in nodes {
        let k = serde_json::to_value(n.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        *out.entry(k).or_default() += 1;
        count(&n.children, out);
    }
}

pub fn role_name(r: Role) -> &'static str {
    match r {
        Role::Lead => "lead",
        Role::Implementing => "implementing",
        Role::Coordinating => "coordinating",
    }
}

impl Review {
    pub fn new(
        cleaned: &Cleaned,
        built: &Built,
        reg: &Registry,
        deadlines: Vec<FoundDeadline>,
        _blocks: usize,
    ) -> Review {
        let mut counts = BTreeMap::new();
        count(&built.nodes, &mut counts);
        let unplaced_lines: usize = built.unplaced.len();
        Review {
            counts,
            lines: cleaned.lines.len() + cleaned.dropped.len(),
            placed: cleaned.lines.len().saturating_sub(unplaced_lines),
            role_lines: built.role_lines,
            dropped: cleaned.dropped.clone(),
            unplaced: built
                .unplaced
                .iter()
                .map(|(line, text)| Unplaced {
                    line: *line,
                    text: text.clone(),
                })
                .collect(),
            proposed_agencies: reg
                .proposed()
                .iter()
                .map(|a| ProposedAgency {
                    id: a.id.clone(),
                    name: a.name.clone(),
                    kind: a.kind,
                })
                .collect(),
            inferred_roles: built
                .inferred
                .iter()
                .map(|(item, role, ags, words)| InferredRole {
                    item: item.clone(),
                    role: role_name(*role),
                    agencies: ags.iter().map(|&a| reg.agencies[a].id.clone()).collect(),
                    words: words.clone(),
                })
                .collect(),
            printed_roles: built
                .printed
                .iter()
                .map(|(item, role)| PrintedRole {
                    item: item.clone(),
                    role: role_name(*role),
                })
                .collect(),
            deadlines,
        }
    }

    /// Lines need a person: some found no place, or some names are not in the registry.
    pub fn needs_review(&self) -> bool {
        !self.unplaced.is_empty() || !self.proposed_agencies.is_empty()
    }
}
