//! The plan file as it is written on disk (`data/plan.json`): plain serde types, no logic.
//!
//! The file is meant to be read and edited by hand, so it keeps the document's shape: a tree of
//! nodes in the order they are printed, each with the label as printed. `validate` turns it into
//! the indexed [`crate::plan::Plan`].

use serde::{Deserialize, Serialize};

/// The version of the file format this build reads.
pub const FORMAT: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PlanFile {
    /// Format version; must equal [`FORMAT`].
    pub format: u32,
    /// Stable key of the plan in the database (ASCII, e.g. `lang-son-2023`).
    pub id: String,
    /// Short title shown in headers.
    pub title: String,
    /// The full title as printed.
    #[serde(default)]
    pub full_title: String,
    /// Who issued it, e.g. "UBND tỉnh Lạng Sơn".
    #[serde(default)]
    pub issuer: String,
    /// Document number/symbol if known, e.g. "45/KH-UBND".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Date of issue (YYYY-MM-DD) if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<String>,
    /// Signer's title and name as printed at the end.
    #[serde(default)]
    pub signer_title: String,
    #[serde(default)]
    pub signer: String,
    /// The year the plan is for.
    pub year: i32,
    /// Paragraphs before part I, joined from the PDF lines.
    #[serde(default)]
    pub preamble: Vec<String>,
    /// The closing paragraph after the last part.
    #[serde(default)]
    pub closing: String,
    /// "Nơi nhận" lines as printed.
    #[serde(default)]
    pub recipients: Vec<String>,
    /// Deadline of every task that sets none and inherits none (YYYY-MM-DD).
    pub default_deadline: String,
    /// The plan's time zone as a UTC offset: "today" and every countdown are counted there,
    /// not in the server's zone. Vietnamese plans: `+07:00` (the default).
    #[serde(default = "vietnam", skip_serializing_if = "is_vietnam")]
    pub utc_offset: String,
    /// The key deadlines shown with countdowns.
    pub milestones: Vec<MilestoneFile>,
    /// The indexes the plan is about, with baseline and goal.
    pub indexes: Vec<IndexFile>,
    /// Every agency and group the plan names.
    pub agencies: Vec<AgencyFile>,
    /// Parts I–IV.
    pub nodes: Vec<NodeFile>,
}

/// Vietnam's UTC offset, the default for a plan that names none.
pub const VIETNAM: &str = "+07:00";

fn vietnam() -> String {
    VIETNAM.to_string()
}

fn is_vietnam(s: &String) -> bool {
    s == VIETNAM
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MilestoneFile {
    /// ASCII key, e.g. `agency-plans`.
    pub id: String,
    /// YYYY-MM-DD.
    pub date: String,
    /// Vietnamese label.
    pub title: String,
    /// English label.
    #[serde(default)]
    pub title_en: String,
    /// A few words for narrow headers ("Ban hành kế hoạch"); defaults to the title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub short: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub short_en: String,
    /// The item that states it.
    pub item: String,
    /// Other items whose answerable agencies are checked against this milestone too (the
    /// central agencies of IV.4.a act on the plan and issue their own plans as well).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct IndexFile {
    /// `PAR`, `SIPAS` or `PAPI`.
    pub id: String,
    /// Display name, e.g. "PAR INDEX".
    pub name: String,
    /// Vietnamese full name as printed.
    pub full_name: String,
    /// The section of part III that holds its tasks, e.g. `III.1`.
    pub section: String,
    pub baseline: BaselineFile,
    pub goal: GoalFile,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BaselineFile {
    pub year: i32,
    /// The score as a number (43.85, 75.44, 81.45).
    pub value: f64,
    /// "điểm" or "%".
    pub unit: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<u32>,
    /// Number of provinces ranked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<u32>,
    /// Change in rank since the year before (negative = fell).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank_change: Option<i32>,
    /// The sentence as printed.
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GoalFile {
    pub year: i32,
    /// Be among the top N provinces.
    pub top: u32,
    /// The item of part II that states it.
    pub item: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    /// Sở … and provincial bodies of the same rank (Văn phòng UBND tỉnh, Thanh tra tỉnh).
    Department,
    /// The provincial People's Committee and its chair.
    Province,
    /// A district-level People's Committee (10 districts and Lạng Sơn city).
    District,
    /// Commune level (xã, phường, thị trấn).
    Commune,
    /// A central agency organised vertically in the province (Cục Thuế, Công an tỉnh …).
    Central,
    /// An enterprise (electricity, telecoms, water, post).
    Enterprise,
    /// Fatherland Front and socio-political organisations.
    MassOrganisation,
    /// Elected bodies and their offices (HĐND, Đoàn ĐBQH).
    Council,
    /// Public service units, centres, press.
    Unit,
    /// Associations (Hiệp hội doanh nghiệp).
    Association,
    /// National bodies named for context (Chính phủ, Bộ Nội vụ); they hold no duty here.
    National,
    /// A named set of agencies; see `members`.
    Group,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AgencyFile {
    /// ASCII key, e.g. `snv`, `ubnd-huyen`.
    pub id: String,
    /// Full name in Vietnamese.
    pub name: String,
    /// English name.
    #[serde(default)]
    pub name_en: String,
    /// Short forms and other spellings exactly as they appear in the text.
    #[serde(default)]
    pub aliases: Vec<String>,
    pub kind: AgencyKind,
    /// For groups: member agency ids. A duty of a group is a duty of each member.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    /// False for agencies the document does not name but that belong to a group it names
    /// (the remaining provincial departments); they make group duties visible per agency.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub in_text: bool,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

/// An agency named in a role: either its id, or its id with the qualifier printed beside it
/// ("có đơn vị sự nghiệp công lập trực thuộc").
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum RoleRef {
    Id(String),
    Qualified {
        agency: String,
        /// The words that narrow the group, as printed.
        scope: String,
    },
}

impl RoleRef {
    pub fn agency(&self) -> &str {
        match self {
            RoleRef::Id(id) => id,
            RoleRef::Qualified { agency, .. } => agency,
        }
    }

    pub fn scope(&self) -> Option<&str> {
        match self {
            RoleRef::Id(_) => None,
            RoleRef::Qualified { scope, .. } => Some(scope),
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// I, II, III, IV.
    Part,
    /// A numbered heading with one number under a part (III.1, IV.2).
    Section,
    /// A numbered heading with two or more numbers (1.1, 1.2.3, 3.4).
    Group,
    /// One of the six fields under III.1.1, each with its lead agency.
    Field,
    /// A criterion `(1)`, `(2)` …, or an unnumbered "Tiêu chí …".
    Criterion,
    /// A lettered item `a)` … `đ)`.
    Item,
    /// A `+` bullet, or another single duty (a `-` bullet, an unmarked duty paragraph).
    Task,
    /// A purpose under part I.
    Purpose,
    /// A target under part II.
    Goal,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TargetFile {
    /// What is measured, in the document's words.
    pub metric: String,
    /// The number as a number (70 for "70%", 9 for "09 đơn vị").
    pub value: f64,
    /// "%", "đơn vị" …
    pub unit: String,
    /// Which level or scope it applies to ("cấp tỉnh"), if the text says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// The words as printed ("cấp tỉnh 70%").
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct NodeFile {
    /// Stable id, see README "Item ids".
    pub id: String,
    /// The label as printed: "III.", "1.2.3.", "(1)", "a)", "+", "-", or "".
    pub label: String,
    pub kind: NodeKind,
    /// Short title (headings as printed; for items and tasks the opening words).
    pub title: String,
    /// The full text, PDF lines joined.
    #[serde(default)]
    pub text: String,
    /// `PAR`, `SIPAS` or `PAPI` for the subtree that serves one index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<String>,
    /// Cơ quan chủ trì (tham mưu). Empty = inherited from the parent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lead: Vec<RoleRef>,
    /// Cơ quan thực hiện. Empty = inherited from the parent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub implementing: Vec<RoleRef>,
    /// Cơ quan phối hợp. Empty = inherited from the parent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coordinating: Vec<RoleRef>,
    /// Own deadline (YYYY-MM-DD); otherwise inherited, finally the plan's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    /// Numeric targets stated in the text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<TargetFile>,
    /// A remark printed after the node, e.g. "(Chi tiết mục tiêu phấn đấu theo Phụ lục I kèm theo)".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<NodeFile>,
}
