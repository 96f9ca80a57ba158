//! The plan as a pure model: the tree, its agencies and roles, deadlines, progress and the
//! questions coordinators ask of it. Nothing here knows about terminals or SQL; the date
//! "today" is always passed in.

pub mod accountability;
pub mod agency;
mod build;
pub mod due;
pub mod file;
pub mod ids;
pub mod pace;
pub mod query;
pub mod status;
pub mod stored;

use rustc_hash::FxHashMap;

use chrono::NaiveDate;

pub use agency::{Agencies, Agency, AgencyIx, ResolveError};
pub use build::{PlanError, RegistryEdit};
pub use file::{AgencyKind, NodeKind, PlanFile};
pub use status::{Countdown, ItemState, Status, Tally};

/// Position of a node in [`Plan::nodes`], which is in document (pre-)order: a node's subtree
/// is the contiguous range `ix..node.end`.
pub type NodeIx = usize;

/// The plan embedded in the binary.
pub const EMBEDDED_PLAN: &str = include_str!("../../data/plan.json");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Cơ quan chủ trì (tham mưu).
    Lead,
    /// Cơ quan thực hiện.
    Implementing,
    /// Cơ quan phối hợp.
    Coordinating,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Lead, Role::Implementing, Role::Coordinating];
}

/// An agency in a role, with the words that narrow a group ("có đơn vị sự nghiệp …").
#[derive(Debug, Clone, PartialEq)]
pub struct RoleEntry {
    pub agency: AgencyIx,
    pub scope: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Roles {
    pub lead: Vec<RoleEntry>,
    pub implementing: Vec<RoleEntry>,
    pub coordinating: Vec<RoleEntry>,
}

impl Roles {
    pub fn get(&self, role: Role) -> &[RoleEntry] {
        match role {
            Role::Lead => &self.lead,
            Role::Implementing => &self.implementing,
            Role::Coordinating => &self.coordinating,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.lead.is_empty() && self.implementing.is_empty() && self.coordinating.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub metric: String,
    pub value: f64,
    pub unit: String,
    pub scope: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Node {
    pub id: String,
    pub label: String,
    pub kind: NodeKind,
    pub title: String,
    pub text: String,
    pub parent: Option<NodeIx>,
    pub children: Vec<NodeIx>,
    /// One past the last node of this subtree.
    pub end: NodeIx,
    pub depth: usize,
    /// Position in [`Plan::indexes`] of the index this subtree serves (inherited).
    pub index: Option<usize>,
    /// Roles as written on this node.
    pub own_roles: Roles,
    /// Roles in force: each role inherited from the nearest ancestor that names it.
    pub roles: Roles,
    /// The deadline the plan sets on this node itself.
    pub deadline: Option<NaiveDate>,
    pub targets: Vec<Target>,
    pub remark: Option<String>,
}

impl Node {
    /// Tasks are what gets marked done: leaves that are not purposes or goals.
    pub fn is_task(&self) -> bool {
        self.children.is_empty()
            && !matches!(
                self.kind,
                NodeKind::Part | NodeKind::Purpose | NodeKind::Goal
            )
    }

    /// The agencies answerable for it: the lead, or the implementers where no lead is named.
    pub fn responsible(&self) -> &[RoleEntry] {
        if self.roles.lead.is_empty() {
            &self.roles.implementing
        } else {
            &self.roles.lead
        }
    }
}

#[derive(Debug, Clone)]
pub struct Milestone {
    pub id: String,
    pub date: NaiveDate,
    pub title: String,
    pub title_en: String,
    pub short: String,
    pub short_en: String,
    pub item: NodeIx,
    /// Items whose agencies are checked against this milestone too.
    pub also: Vec<NodeIx>,
}

#[derive(Debug, Clone)]
pub struct IndexInfo {
    pub id: String,
    pub name: String,
    pub full_name: String,
    pub section: NodeIx,
    pub baseline: file::BaselineFile,
    pub goal_top: u32,
    pub goal_year: i32,
}

/// A validated plan, indexed for fast questions.
#[derive(Debug, Clone)]
pub struct Plan {
    pub file: PlanFile,
    pub default_deadline: NaiveDate,
    /// Where the plan's days are counted (see [`file::PlanFile::utc_offset`]).
    pub utc_offset: chrono::FixedOffset,
    pub milestones: Vec<Milestone>,
    pub indexes: Vec<IndexInfo>,
    pub agencies: Agencies,
    pub nodes: Vec<Node>,
    pub roots: Vec<NodeIx>,
    by_key: FxHashMap<String, NodeIx>,
    /// Folded searchable text per node: worked out on first search, since most commands
    /// (`status`, `overdue`, …) search nothing and folding every node is most of a start.
    folded: std::sync::OnceLock<Vec<Folded>>,
    /// Per node, the agencies whose part can be recorded: worked out on first use, since the
    /// "who is late" questions ask it for every agency and task (see [`due`]).
    parts: std::sync::OnceLock<Vec<Vec<AgencyIx>>>,
}

/// A node's searchable text, lower case and without diacritics.
#[derive(Debug, Clone)]
pub struct Folded {
    /// The id's lookup key (`iv.4.dd`).
    pub id: String,
    pub title: String,
    pub text: String,
    /// Names and aliases of the agencies the node itself names.
    pub agencies: String,
}

impl Plan {
    /// Parse and validate a plan file's text. Errors carry line and column or the bad id.
    pub fn parse(json: &str) -> Result<Plan, PlanError> {
        build::parse(json, true)
    }

    /// [`Plan::parse`] for a plan file the store keeps: it was put in NFC when imported
    /// (schema 6), so its strings are not normalised again on every start, unless it spells
    /// characters as `\u` escapes, which NFC of the text does not reach.
    pub fn parse_stored(json: &str) -> Result<Plan, PlanError> {
        build::parse(json, json.contains("\\u"))
    }

    /// The plan compiled into the binary.
    pub fn embedded() -> Plan {
        Plan::parse(EMBEDDED_PLAN).expect("the embedded plan is validated by the test suite")
    }

    pub fn id(&self) -> &str {
        &self.file.id
    }

    pub fn title(&self) -> &str {
        &self.file.title
    }

    pub fn node(&self, ix: NodeIx) -> &Node {
        &self.nodes[ix]
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Find a node by id as a user types it: any case, `đ` or `dd`, a trailing dot ignored.
    pub fn find(&self, id: &str) -> Option<NodeIx> {
        self.by_key.get(&ids::key(id)).copied()
    }

    /// The closest ids to a mistyped one, best first.
    pub fn suggest(&self, id: &str) -> Vec<&str> {
        ids::suggest(id, self.nodes.iter().map(|n| n.id.as_str()))
    }

    /// Ancestors from the root down to the parent.
    pub fn ancestors(&self, ix: NodeIx) -> Vec<NodeIx> {
        let mut out = Vec::new();
        let mut cur = self.nodes[ix].parent;
        while let Some(p) = cur {
            out.push(p);
            cur = self.nodes[p].parent;
        }
        out.reverse();
        out
    }

    /// Every task in document order.
    pub fn tasks(&self) -> impl Iterator<Item = NodeIx> + '_ {
        (0..self.nodes.len()).filter(|&i| self.nodes[i].is_task())
    }

    /// [`accountability::recordable`] for node `ix`, computed once per plan.
    pub fn parts(&self, ix: NodeIx) -> &[AgencyIx] {
        &self.parts.get_or_init(|| {
            (0..self.nodes.len())
                .map(|i| accountability::recordable(self, i))
                .collect()
        })[ix]
    }

    /// Which roles `agency` (or a group it belongs to) holds on node `ix`.
    pub fn roles_of(&self, ix: NodeIx, agency: AgencyIx) -> Vec<Role> {
        let within = self.agencies.within(agency);
        Role::ALL
            .into_iter()
            .filter(|&r| {
                self.nodes[ix]
                    .roles
                    .get(r)
                    .iter()
                    .any(|e| within.contains(&e.agency))
            })
            .collect()
    }

    /// The lowercase, diacritic-free text searched for this node.
    pub fn folded(&self, ix: NodeIx) -> &Folded {
        &self.folded.get_or_init(|| build::fold_nodes(self))[ix]
    }
}
