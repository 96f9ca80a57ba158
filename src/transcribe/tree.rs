//! Stage 6: build the plan tree from the blocks, put the printed role lines on the criterion or
//! heading they are printed under, and infer the roles of every sentence that names who acts.

use super::agencies::{Found, Mode, Registry};
use super::blocks::{Block, Kind, numbered_kind};
use super::lines::{self, LETTERS};
use super::roles::{Inferred, infer};
use super::titles::{duty_title, heading_title};
use super::tokens::tokens;
use crate::plan::file::{NodeFile, RoleRef};
use crate::plan::{NodeKind, Role};
use crate::text::fold;

/// The parts of the document around the tree.
#[derive(Debug, Default)]
pub struct Built {
    pub doc_type: String,
    /// From the letterhead: `45/KH-UBND`, and the date of issue.
    pub number: Option<String>,
    pub issued: Option<chrono::NaiveDate>,
    pub full_title: String,
    pub preamble: Vec<String>,
    pub closing: String,
    pub recipients: Vec<String>,
    pub signer_title: String,
    pub signer: String,
    pub nodes: Vec<NodeFile>,
    /// Source lines of blocks that found no place.
    pub unplaced: Vec<(usize, String)>,
    /// Node id, role, agencies and the sentence they were read from.
    pub inferred: Vec<(String, Role, Vec<usize>, String)>,
    /// How many role lines were printed.
    pub role_lines: usize,
    /// Node id and role of every role taken from a printed line.
    pub printed: Vec<(String, Role)>,
    /// Node id and first source line of every node, in order.
    pub node_lines: Vec<(String, usize)>,
}

struct N {
    file: NodeFile,
    kids: Vec<usize>,
    parent: Option<usize>,
    printed: [Vec<Found>; 3],
    inferred: [Vec<Found>; 3],
    sentence: String,
    tasks: u32,
    fields: u32,
}

fn role_ix(r: Role) -> usize {
    match r {
        Role::Lead => 0,
        Role::Implementing => 1,
        Role::Coordinating => 2,
    }
}

const ROLES: [Role; 3] = [Role::Lead, Role::Implementing, Role::Coordinating];

fn node(id: String, label: &str, kind: NodeKind, title: String, text: String) -> NodeFile {
    NodeFile {
        id,
        label: label.to_string(),
        kind,
        title,
        text,
        index: None,
        lead: Vec::new(),
        implementing: Vec::new(),
        coordinating: Vec::new(),
        deadline: None,
        targets: Vec::new(),
        remark: None,
        children: Vec::new(),
    }
}

struct Builder<'r> {
    reg: &'r mut Registry,
    arena: Vec<N>,
    roots: Vec<usize>,
    part: Option<usize>,
    part_title: String,
    headings: Vec<(Vec<u32>, usize)>,
    crit: Option<usize>,
    item: Option<usize>,
    out: Built,
}

impl Builder<'_> {
    fn add(&mut self, parent: Option<usize>, f: NodeFile, line: usize) -> usize {
        let ix = self.arena.len();
        self.out.node_lines.push((f.id.clone(), line));
        self.arena.push(N {
            file: f,
            kids: Vec::new(),
            parent,
            printed: Default::default(),
            inferred: Default::default(),
            sentence: String::new(),
            tasks: 0,
            fields: 0,
        });
        match parent {
            Some(p) => self.arena[p].kids.push(ix),
            None => self.roots.push(ix),
        }
        ix
    }

    fn heading(&self) -> Option<usize> {
        self.headings.last().map(|h| h.1).or(self.part)
    }

    /// Where role lines and `+` bullets go: the lettered item, else the criterion, else the
    /// heading.
    fn container(&self) -> Option<usize> {
        self.item.or(self.crit).or(self.heading())
    }

    /// The scopes printed on the role lines of a node and its ancestors.
    fn scopes(&self, mut at: Option<usize>) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        while let Some(i) = at {
            for r in &self.arena[i].printed {
                for f in r {
                    if let Some(s) = &f.scope {
                        out.push((f.agency, s.clone()));
                    }
                }
            }
            at = self.arena[i].parent;
        }
        out
    }

    fn infer_into(&mut self, ix: usize, sentence: &str) {
        let scopes = self.scopes(Some(ix));
        let got: Inferred = infer(self.reg, sentence, &scopes);
        let n = &mut self.arena[ix];
        for (k, v) in [got.lead, got.implementing, got.coordinating]
            .into_iter()
            .enumerate()
        {
            for f in v {
                if !n.inferred[k].iter().any(|x| x.agency == f.agency) {
                    n.inferred[k].push(f);
                }
            }
        }
        if !n.sentence.is_empty() {
            n.sentence.push(' ');
        }
        n.sentence.push_str(sentence);
    }

    fn task(&mut self, parent: usize, label: &str, body: &str, line: usize) -> usize {
        self.arena[parent].tasks += 1;
        let id = format!(
            "{}.t{}",
            self.arena[parent].file.id, self.arena[parent].tasks
        );
        let title = duty_title(self.reg, body);
        let f = node(id, label, NodeKind::Task, title, body.to_string());
        let ix = self.add(Some(parent), f, line);
        self.infer_into(ix, body);
        ix
    }

    fn unplaced(&mut self, b: &Block) {
        let text = if b.label.is_empty() {
            b.body.clone()
        } else {
            format!("{} {}", b.label, b.body)
        };
        self.out.unplaced.push((b.lines[0], text));
    }

    fn block(&mut self, b: &Block, next: Option<&Block>) {
        let line = b.lines[0];
        match &b.kind {
            Kind::DocType => self.out.doc_type = b.body.clone(),
            Kind::Letterhead => {
                if let Some(n) = lines::document_number(&b.body) {
                    self.out.number = Some(n.to_string());
                }
                if let Some(d) = super::dates::issued(&b.body) {
                    self.out.issued = Some(d);
                }
            }
            Kind::Title => self.out.full_title = b.body.clone(),
            Kind::Part(n) => {
                let id = b.label.trim_end_matches('.').to_string();
                let _ = n;
                let f = node(id, &b.label, NodeKind::Part, b.body.clone(), String::new());
                let ix = self.add(None, f, line);
                self.part = Some(ix);
                self.part_title = b.body.clone();
                self.headings.clear();
                self.crit = None;
                self.item = None;
            }
            Kind::Numbered(path) => {
                let Some(part) = self.part else {
                    return self.unplaced(b);
                };
                let kind = numbered_kind(&self.part_title, path.len());
                self.headings.retain(|(p, _)| p.len() < path.len());
                let parent = self
                    .headings
                    .iter()
                    .rev()
                    .find(|(p, _)| path.starts_with(p))
                    .map_or(part, |h| h.1);
                let id = format!(
                    "{}.{}",
                    self.arena[part].file.id,
                    path.iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join(".")
                );
                let (title, text) = match kind {
                    NodeKind::Purpose | NodeKind::Goal => {
                        (duty_title(self.reg, &b.body), b.body.clone())
                    }
                    _ => heading_title(&b.body),
                };
                let f = node(id, &b.label, kind, title.clone(), text.clone());
                let ix = self.add(Some(parent), f, line);
                self.headings.push((path.clone(), ix));
                self.crit = None;
                self.item = None;
                match kind {
                    NodeKind::Purpose => self.infer_into(ix, &b.body),
                    NodeKind::Goal => {}
                    _ if !text.is_empty() => {
                        let after = text.split_once(": ").map_or(text.as_str(), |x| x.1);
                        let after = after.to_string();
                        self.infer_into(ix, &after);
                    }
                    _ => self.heading_subject(ix, &title),
                }
            }
            Kind::Criterion(n) => {
                let Some(h) = self.heading() else {
                    return self.unplaced(b);
                };
                let id = format!("{}.c{n}", self.arena[h].file.id);
                let title = b.body.trim_end_matches([':', '.']).trim().to_string();
                let f = node(id, &b.label, NodeKind::Criterion, title, b.body.clone());
                let ix = self.add(Some(h), f, line);
                self.crit = Some(ix);
                self.item = None;
            }
            Kind::Letter(i) => {
                let Some(h) = self.crit.or(self.heading()) else {
                    return self.unplaced(b);
                };
                let letter = LETTERS[i - 1];
                let key = if letter == 'đ' {
                    "dd".to_string()
                } else {
                    letter.to_string()
                };
                let id = format!("{}.{key}", self.arena[h].file.id);
                let title = duty_title(self.reg, &b.body);
                let f = node(id, &b.label, NodeKind::Item, title, b.body.clone());
                let ix = self.add(Some(h), f, line);
                self.item = Some(ix);
                self.infer_into(ix, &b.body);
            }
            Kind::Plus => {
                let Some(c) = self.container() else {
                    return self.unplaced(b);
                };
                self.task(c, "+", &b.body, line);
            }
            Kind::Dash => self.dash(b, line),
            Kind::Paragraph => self.paragraph(b, next),
            Kind::Recipients => {}
            Kind::Recipient => self.out.recipients.push(b.body.clone()),
            Kind::SignerTitle => {
                let mut cs = b.body.chars();
                self.out.signer_title = match cs.next() {
                    Some(c) => c
                        .to_uppercase()
                        .chain(cs.as_str().to_lowercase().chars())
                        .collect(),
                    None => String::new(),
                };
            }
            Kind::Signer => self.out.signer = b.body.clone(),
        }
    }

    /// A heading that names agencies (`2. Sở Nội vụ`, `5. Đề nghị Ủy ban Mặt trận …`): they
    /// implement what is under it.
    fn heading_subject(&mut self, ix: usize, title: &str) {
        let toks = tokens(title);
        let l = self.reg.list(title, &toks, 0, Mode::Subject);
        let whole = l.end >= toks.len() || toks[l.end..].iter().all(|t| t.norm == ".");
        if !l.found.is_empty() && whole {
            let n = &mut self.arena[ix];
            n.inferred[1] = l.found;
            n.sentence = title.to_string();
        }
    }

    fn dash(&mut self, b: &Block, line: usize) {
        if let Some((role, names)) = lines::role_line(&b.body) {
            let Some(c) = self.item.or(self.crit).or(self.heading()) else {
                return self.unplaced(b);
            };
            let toks = tokens(names);
            let l = self.reg.list(names, &toks, 0, Mode::RoleLine);
            self.arena[c].printed[role_ix(role)].extend(l.found);
            self.out.role_lines += 1;
            return;
        }
        if let Some(sentence) = lines::tasks_intro(&b.body) {
            let Some(c) = self.item.or(self.crit).or(self.heading()) else {
                return self.unplaced(b);
            };
            if !sentence.is_empty() {
                let t = &mut self.arena[c].file.text;
                if !t.is_empty() {
                    t.push(' ');
                }
                t.push_str(&b.body);
                let s = sentence.to_string();
                self.infer_into(c, &s);
            }
            return;
        }
        if let Some(item) = self.item {
            self.task(item, "-", &b.body, line);
            return;
        }
        let Some(h) = self.heading().filter(|_| self.crit.is_none()) else {
            return self.unplaced(b);
        };
        self.arena[h].fields += 1;
        let id = format!("{}.f{}", self.arena[h].file.id, self.arena[h].fields);
        let (title, after) = match b.body.split_once(": ") {
            Some((t, a)) => (t.to_string(), a.to_string()),
            None => (duty_title(self.reg, &b.body), b.body.clone()),
        };
        let f = node(id, "-", NodeKind::Field, title, b.body.clone());
        let ix = self.add(Some(h), f, line);
        self.infer_into(ix, &after);
    }

    fn paragraph(&mut self, b: &Block, next: Option<&Block>) {
        let line = b.lines[0];
        let Some(part) = self.part else {
            if self.out.full_title.is_empty() && self.out.doc_type.is_empty() {
                return self.unplaced(b);
            }
            self.out.preamble.push(b.body.clone());
            return;
        };
        let _ = part;
        let body = b.body.as_str();
        // `(Chi tiết … kèm theo)`: a remark on the section it closes.
        if body.starts_with('(')
            && body.trim_end_matches('.').ends_with(')')
            && let Some(s) = self.headings.first().map(|h| h.1)
            && self.arena[s].file.remark.is_none()
        {
            self.arena[s].file.remark = Some(body.to_string());
            return;
        }
        let Some(h) = self.heading() else {
            return self.unplaced(b);
        };
        let at_end = next
            .is_none_or(|n| matches!(n.kind, Kind::Recipients | Kind::SignerTitle | Kind::Signer));
        let fresh = self.crit.is_none()
            && self.item.is_none()
            && self.arena[h].kids.is_empty()
            && self.arena[h].file.text.is_empty();
        if fresh {
            if fold(body).starts_with("tieu chi") {
                let id = format!("{}.c", self.arena[h].file.id);
                let title = body.trim_end_matches([':', '.']).trim().to_string();
                let f = node(id, "", NodeKind::Criterion, title, body.to_string());
                let ix = self.add(Some(h), f, line);
                self.crit = Some(ix);
                return;
            }
            self.arena[h].file.text = body.to_string();
            self.infer_into(h, body);
            return;
        }
        if at_end {
            self.out.closing = body.to_string();
            return;
        }
        // An unmarked duty after the `+` bullets of a criterion or heading.
        let c = self.container().unwrap_or(h);
        if self.arena[c].tasks > 0 {
            self.task(c, "", body, line);
            return;
        }
        self.unplaced(b);
    }

    fn finish(mut self) -> Built {
        // Roles: printed where printed, else inferred.
        let mut inferred_log = Vec::new();
        for ix in 0..self.arena.len() {
            for r in ROLES {
                let k = role_ix(r);
                let n = &self.arena[ix];
                let chosen = if !n.printed[k].is_empty() {
                    self.out.printed.push((n.file.id.clone(), r));
                    n.printed[k].clone()
                } else {
                    if !n.inferred[k].is_empty() {
                        inferred_log.push((
                            n.file.id.clone(),
                            r,
                            n.inferred[k].iter().map(|f| f.agency).collect(),
                            n.sentence.clone(),
                        ));
                    }
                    n.inferred[k].clone()
                };
                let refs: Vec<RoleRef> = chosen
                    .into_iter()
                    .map(|f| {
                        let id = self.reg.agencies[f.agency].id.clone();
                        match f.scope {
                            Some(scope) => RoleRef::Qualified { agency: id, scope },
                            None => RoleRef::Id(id),
                        }
                    })
                    .collect();
                let n = &mut self.arena[ix].file;
                match r {
                    Role::Lead => n.lead = refs,
                    Role::Implementing => n.implementing = refs,
                    Role::Coordinating => n.coordinating = refs,
                }
            }
        }
        self.out.inferred = inferred_log;
        fn assemble(arena: &mut [N], ix: usize) -> NodeFile {
            let kids = std::mem::take(&mut arena[ix].kids);
            let children = kids.into_iter().map(|k| assemble(arena, k)).collect();
            let mut f = std::mem::replace(
                &mut arena[ix].file,
                node(
                    String::new(),
                    "",
                    NodeKind::Task,
                    String::new(),
                    String::new(),
                ),
            );
            f.children = children;
            f
        }
        let roots = std::mem::take(&mut self.roots);
        self.out.nodes = roots
            .into_iter()
            .map(|r| assemble(&mut self.arena, r))
            .collect();
        self.out
    }
}

pub fn build(blocks: &[Block], reg: &mut Registry) -> Built {
    let mut b = Builder {
        reg,
        arena: Vec::new(),
        roots: Vec::new(),
        part: None,
        part_title: String::new(),
        headings: Vec::new(),
        crit: None,
        item: None,
        out: Built::default(),
    };
    for (i, block) in blocks.iter().enumerate() {
        b.block(block, blocks.get(i + 1));
    }
    b.finish()
}
