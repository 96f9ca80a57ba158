//! The transcription (`data/plan.json`, embedded in the binary) checked against the printed
//! document (`data/source.txt`): nothing left out, nothing invented, numbering and ids as
//! documented in `data/README.md`.
//!
//! The source is read the way the plan joins it: lines trimmed, blank lines and the web
//! footer dropped, PDF-wrapped lines joined with one space ("2007/QĐ-" + "UBND" without one).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use kehoach::plan::{self, AgencyKind, NodeKind, Plan, Role, Status, ids};
use kehoach::text::{fold, nfc};
use serde_json::Value;

const SOURCE: &str = include_str!("../data/source.txt");

/// The printed lines, trimmed, without blank lines and the web page footer.
fn source_lines() -> Vec<String> {
    SOURCE
        .lines()
        .map(str::trim)
        .filter(|t| !t.is_empty() && !t.starts_with("https://thuvienphapluat.vn"))
        .map(|t| nfc(t).into_owned())
        .collect()
}

/// Whitespace runs become one space.
fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lines joined as the plan joins them.
fn join(lines: &[String]) -> String {
    let mut out = String::new();
    for t in lines {
        let hyphen_break = {
            let mut rev = out.chars().rev();
            rev.next() == Some('-') && rev.next().is_some_and(|c| !c.is_whitespace())
        };
        let capital_next = t
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_uppercase() || c == 'Đ');
        let glued = hyphen_break && capital_next;
        if !(out.is_empty() || glued) {
            out.push(' ');
        }
        out.push_str(t);
    }
    norm(&out)
}

fn joined_source() -> String {
    join(&source_lines())
}

fn first_token(t: &str) -> &str {
    t.split(' ').next().unwrap_or("")
}

/// `^(I|II|III|IV)\. ` → the label.
fn roman_label(t: &str) -> Option<&str> {
    let tok = first_token(t);
    (["I.", "II.", "III.", "IV."].contains(&tok) && t.len() > tok.len()).then_some(tok)
}

/// `^\d+(\.\d+)*\. ` → the label ("1.2.3.").
fn numbered_label(t: &str) -> Option<&str> {
    let tok = first_token(t);
    let inner = tok.strip_suffix('.')?;
    let ok = t.len() > tok.len()
        && inner
            .split('.')
            .all(|seg| !seg.is_empty() && seg.chars().all(|c| c.is_ascii_digit()));
    ok.then_some(tok)
}

/// `^\(\d+\) ` → the label ("(3)").
fn criterion_label(t: &str) -> Option<&str> {
    let tok = first_token(t);
    let inner = tok.strip_prefix('(')?.strip_suffix(')')?;
    (t.len() > tok.len() && !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit()))
        .then_some(tok)
}

/// `^[a-dđ]\) ` → the label ("đ)").
fn letter_label(t: &str) -> Option<&str> {
    let tok = first_token(t);
    (["a)", "b)", "c)", "d)", "đ)"].contains(&tok) && t.len() > tok.len()).then_some(tok)
}

/// Any printed marker at the start of a line (heading number, `(n)`, `a)`, `+`, `-`), as the
/// transcriber's checker defined it; returns the rest of the line.
fn strip_marker(t: &str) -> Option<&str> {
    let rest = (|| {
        for r in ["IV.", "III.", "II.", "I."] {
            if let Some(x) = t.strip_prefix(r) {
                return Some(x);
            }
        }
        if t.starts_with(|c: char| c.is_ascii_digit()) {
            // \d+(\.\d+)*\. — the longest prefix of that shape.
            let b = t.as_bytes();
            let (mut i, mut end) = (0, None);
            loop {
                let start = i;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                if i == start || i >= b.len() || b[i] != b'.' {
                    break;
                }
                i += 1;
                end = Some(i);
            }
            return end.map(|e| &t[e..]);
        }
        if let Some(x) = t.strip_prefix('(') {
            let digits = x.chars().take_while(char::is_ascii_digit).count();
            if digits > 0 && x[digits..].starts_with(')') {
                return Some(&x[digits + 1..]);
            }
        }
        for l in ["a)", "b)", "c)", "d)", "đ)", "+", "-"] {
            if let Some(x) = t.strip_prefix(l) {
                return Some(x);
            }
        }
        None
    })()?;
    Some(rest.trim_start())
}

fn all_strings<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::String(s) => out.push(s),
        Value::Array(a) => a.iter().for_each(|x| all_strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| all_strings(x, out)),
        _ => {}
    }
}

fn raw_plan() -> Value {
    serde_json::from_str(plan::EMBEDDED_PLAN).expect("data/plan.json is JSON")
}

fn ix(plan: &Plan, id: &str) -> usize {
    plan.find(id)
        .unwrap_or_else(|| panic!("{id} is not in the plan"))
}

fn count_kind(plan: &Plan, kind: NodeKind) -> usize {
    plan.nodes.iter().filter(|n| n.kind == kind).count()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn counts_match_the_printed_document() {
    let plan = Plan::embedded();
    let lines = source_lines();
    let src = |f: &dyn Fn(&str) -> bool| lines.iter().filter(|t| f(t)).count();

    let plus = src(&|t| t.starts_with('+'));
    let letters = src(&|t| letter_label(t).is_some());
    let criteria = src(&|t| criterion_label(t).is_some());
    let numbered = src(&|t| numbered_label(t).is_some());
    let roman = src(&|t| roman_label(t).is_some());
    let fields = src(&|t| t.starts_with("- Lĩnh vực") || t.starts_with("- Tác động"));

    // The source reader itself is checked against the document as read by eye, so a broken
    // reader cannot make both sides zero.
    assert_eq!(
        (plus, letters, criteria, numbered, roman, fields),
        (46, 38, 18, 37, 4, 6),
        "source counts (+, a)..đ), (n), numbered headings, parts, fields)"
    );

    let plus_tasks = plan
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Task && n.label == "+")
        .count();
    assert_eq!(plus_tasks, plus, "every `+` bullet is its own task");
    assert_eq!(count_kind(&plan, NodeKind::Item), letters, "lettered items");
    let numbered_criteria = plan
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Criterion && !n.label.is_empty())
        .count();
    assert_eq!(numbered_criteria, criteria, "criteria (n)");
    let headings = count_kind(&plan, NodeKind::Section)
        + count_kind(&plan, NodeKind::Group)
        + count_kind(&plan, NodeKind::Purpose)
        + count_kind(&plan, NodeKind::Goal);
    assert_eq!(headings, numbered, "numbered headings");
    assert_eq!(count_kind(&plan, NodeKind::Part), roman, "parts I–IV");
    assert_eq!(
        count_kind(&plan, NodeKind::Field),
        fields,
        "fields under 1.1"
    );

    // The finer split, by kind, as data/README.md describes it.
    assert_eq!(count_kind(&plan, NodeKind::Purpose), 3, "purposes under I");
    assert_eq!(count_kind(&plan, NodeKind::Goal), 3, "targets under II");
    assert_eq!(
        count_kind(&plan, NodeKind::Section),
        10,
        "III.1–4 and IV.1–6"
    );
    assert_eq!(
        count_kind(&plan, NodeKind::Group),
        21,
        "1.1, 1.2, 1.2.1–9, 2.1–2, 3.1–8"
    );
    assert_eq!(
        count_kind(&plan, NodeKind::Criterion),
        20,
        "18 numbered + the unnumbered criteria of 1.2.1 and 1.2.2"
    );

    // "- " lines that are not role lines, "Nhiệm vụ, giải pháp" or fields: the two dashed
    // tasks of IV.1.a and the recipients under "Nơi nhận".
    let other_dashes = src(&|t| {
        t.starts_with("- ")
            && ![
                "- Cơ quan chủ trì tham mưu",
                "- Cơ quan thực hiện",
                "- Cơ quan phối hợp",
                "- Nhiệm vụ, giải pháp",
                "- Lĩnh vực",
                "- Tác động",
            ]
            .iter()
            .any(|p| t.starts_with(p))
    });
    let dash_tasks = plan
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Task && n.label == "-")
        .count();
    assert_eq!(dash_tasks, 2);
    assert_eq!(other_dashes, dash_tasks + plan.file.recipients.len());
}

#[test]
fn every_numbered_heading_of_the_issue_exists() {
    let plan = Plan::embedded();
    let mut want: Vec<(String, NodeKind)> = vec![
        ("III.1".into(), NodeKind::Section),
        ("III.2".into(), NodeKind::Section),
        ("III.3".into(), NodeKind::Section),
        ("III.4".into(), NodeKind::Section),
        ("III.1.1".into(), NodeKind::Group),
        ("III.1.2".into(), NodeKind::Group),
        ("III.2.1".into(), NodeKind::Group),
        ("III.2.2".into(), NodeKind::Group),
    ];
    for p in ["I", "II", "III", "IV"] {
        want.push((p.into(), NodeKind::Part));
    }
    for i in 1..=3 {
        want.push((format!("I.{i}"), NodeKind::Purpose));
        want.push((format!("II.{i}"), NodeKind::Goal));
    }
    for i in 1..=9 {
        want.push((format!("III.1.2.{i}"), NodeKind::Group));
    }
    for i in 1..=8 {
        want.push((format!("III.3.{i}"), NodeKind::Group));
    }
    for i in 1..=6 {
        want.push((format!("IV.{i}"), NodeKind::Section));
        want.push((format!("III.1.1.f{i}"), NodeKind::Field));
    }
    for (id, kind) in want {
        let n = plan.node(ix(&plan, &id));
        assert_eq!(n.kind, kind, "{id}");
        assert_eq!(n.id, id, "ids are stored as documented");
    }
}

/// The labelled lines of the document, in order, are the labelled nodes of the plan, in
/// order; and each node's title or text starts with the words printed after the label.
#[test]
fn printed_order_and_opening_words_match() {
    let plan = Plan::embedded();
    let lines = source_lines();

    let printed: Vec<(&str, &str)> = lines
        .iter()
        .filter_map(|t| {
            let label = roman_label(t)
                .or_else(|| numbered_label(t))
                .or_else(|| criterion_label(t))
                .or_else(|| letter_label(t))?;
            Some((label, t[label.len()..].trim()))
        })
        .collect();
    let nodes: Vec<&plan::Node> = plan
        .nodes
        .iter()
        .filter(|n| match n.kind {
            NodeKind::Part
            | NodeKind::Section
            | NodeKind::Group
            | NodeKind::Purpose
            | NodeKind::Goal
            | NodeKind::Item => true,
            NodeKind::Criterion => !n.label.is_empty(),
            NodeKind::Field | NodeKind::Task => false,
        })
        .collect();
    let printed_labels: Vec<&str> = printed.iter().map(|p| p.0).collect();
    let node_labels: Vec<&str> = nodes.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(node_labels, printed_labels, "labels in document order");
    for ((_, words), n) in printed.iter().zip(&nodes) {
        let words = norm(words);
        let words = words.trim_end_matches([':', '.', ',', ';']).trim_end();
        let (title, text) = (norm(&n.title), norm(&n.text));
        // The first printed line may end inside a word the plan joined across the break.
        let words = words.trim_end_matches('-');
        assert!(
            title.starts_with(words) || text.starts_with(words) || words.starts_with(&title),
            "{}: printed {words:?}, plan has title {title:?}",
            n.id
        );
    }

    let bullets: Vec<String> = lines
        .iter()
        .filter_map(|t| t.strip_prefix('+'))
        .map(|b| norm(b).trim_end_matches('-').to_string())
        .collect();
    let tasks: Vec<&plan::Node> = plan
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Task && n.label == "+")
        .collect();
    assert_eq!(tasks.len(), bullets.len());
    for (b, n) in bullets.iter().zip(tasks) {
        assert!(
            norm(&n.text).starts_with(b.as_str()),
            "{}: the bullet printed as {b:?} is not where the plan has {:?}",
            n.id,
            n.text
        );
    }
}

#[test]
fn every_text_is_the_documents_own_words() {
    let plan = Plan::embedded();
    let joined = joined_source();
    for n in &plan.nodes {
        // A criterion's text is its name plus its "Nhiệm vụ, giải pháp" sentence, which the
        // document prints after the role lines.
        for (k, piece) in n.text.split(" Nhiệm vụ, giải pháp: ").enumerate() {
            let piece = if k == 0 {
                piece.to_string()
            } else {
                format!("Nhiệm vụ, giải pháp: {piece}")
            };
            assert!(
                piece.is_empty() || joined.contains(&norm(&piece)),
                "{}: text not in the source: {piece:?}",
                n.id
            );
        }
        assert!(!n.title.trim().is_empty(), "{}: empty title", n.id);
        if matches!(
            n.kind,
            NodeKind::Part | NodeKind::Section | NodeKind::Group | NodeKind::Criterion
        ) {
            assert!(
                joined.contains(&norm(&n.title)),
                "{}: heading not in the source: {:?}",
                n.id,
                n.title
            );
        }
        if matches!(
            n.kind,
            NodeKind::Task | NodeKind::Item | NodeKind::Field | NodeKind::Purpose | NodeKind::Goal
        ) {
            assert!(
                n.text.starts_with(&n.title),
                "{}: the title {:?} is not the opening words of the text",
                n.id,
                n.title
            );
        }
        if let Some(r) = &n.remark {
            assert!(joined.contains(r.as_str()), "{}: remark {r:?}", n.id);
        }
        for t in &n.targets {
            assert!(
                n.text.contains(&t.text),
                "{}: target text {:?} not in the node's text",
                n.id,
                t.text
            );
        }
    }
    let f = &plan.file;
    assert!(joined.contains(&f.full_title), "full title");
    assert!(joined.contains(&f.closing), "closing paragraph");
    for p in &f.preamble {
        assert!(joined.contains(p.as_str()), "preamble {p:?}");
    }
    for r in &f.recipients {
        assert!(joined.contains(r.as_str()), "recipient {r:?}");
    }
    assert!(!f.recipients.is_empty() && !f.preamble.is_empty());
}

/// Every printed line (its label removed) is somewhere in the plan file: nothing skipped.
/// The "- Cơ quan …" lines are the exception: they are the role arrays, checked below.
#[test]
fn no_printed_line_is_left_out() {
    let raw = raw_plan();
    let mut strings = Vec::new();
    all_strings(&raw, &mut strings);
    let corpus = strings.join("\n");
    let skip = ["KẾ HOẠCH", "Nơi nhận:", "CHỦ TỊCH", "Nhiệm vụ, giải pháp:"];
    let mut in_roles = false;
    let mut missing = Vec::new();
    let lines = source_lines();
    for t in &lines {
        let marked = strip_marker(t);
        if marked.is_some() {
            in_roles = t.starts_with("- Cơ quan chủ trì")
                || t.starts_with("- Cơ quan thực hiện")
                || t.starts_with("- Cơ quan phối hợp");
        }
        if in_roles {
            continue;
        }
        let body = marked.unwrap_or(t);
        if body.is_empty() || skip.contains(&body) {
            continue;
        }
        if !corpus.contains(body) {
            missing.push(t.clone());
        }
    }
    assert!(lines.len() > 600, "the source has {} lines", lines.len());
    assert!(
        missing.is_empty(),
        "printed lines not in the plan: {missing:#?}"
    );
}

#[test]
fn every_string_is_clean_nfc() {
    let raw = raw_plan();
    let mut strings = Vec::new();
    all_strings(&raw, &mut strings);
    assert!(strings.len() > 500);
    for s in strings {
        assert_eq!(nfc(s), s, "not NFC: {s:?}");
        assert!(!s.contains("  "), "double space: {s:?}");
        assert!(!s.contains(['\n', '\r', '\t']), "line break or tab: {s:?}");
        assert_eq!(s.trim(), s, "surrounding whitespace: {s:?}");
    }
}

/// What data/README.md says an id is, computed from the parent and the printed label.
fn expected_id(parent: Option<&plan::Node>, n: &plan::Node) -> Option<String> {
    let lab = n.label.trim_end_matches('.');
    match n.kind {
        NodeKind::Part => Some(lab.to_string()),
        NodeKind::Section | NodeKind::Group | NodeKind::Purpose | NodeKind::Goal => {
            let part = parent?.id.split('.').next()?.to_string();
            Some(format!("{part}.{lab}"))
        }
        NodeKind::Criterion => {
            let num = lab.trim_start_matches('(').trim_end_matches(')');
            Some(format!("{}.c{num}", parent?.id))
        }
        NodeKind::Item => {
            let letter = lab.trim_end_matches(')');
            let letter = if letter == "đ" { "dd" } else { letter };
            Some(format!("{}.{letter}", parent?.id))
        }
        NodeKind::Field | NodeKind::Task => None,
    }
}

#[test]
fn ids_are_unique_valid_and_follow_the_scheme() {
    let plan = Plan::embedded();
    let mut seen = HashSet::new();
    for (i, n) in plan.nodes.iter().enumerate() {
        assert!(ids::is_valid(&n.id), "{} is not a valid id", n.id);
        assert!(n.id.is_ascii(), "{} is not ASCII", n.id);
        assert!(seen.insert(ids::key(&n.id)), "{} appears twice", n.id);
        assert_eq!(plan.find(&n.id), Some(i));
        assert_eq!(plan.find(&n.id.to_lowercase()), Some(i), "ids ignore case");
        let parent = n.parent.map(|p| plan.node(p));
        if let Some(want) = expected_id(parent, n) {
            assert_eq!(n.id, want, "label {:?}", n.label);
        }
        if n.kind == NodeKind::Part {
            assert!(parent.is_none());
        }
        // Tasks and fields are numbered by position among their parent's tasks / fields.
        let (mut t, mut f) = (0, 0);
        for &c in &n.children {
            let child = plan.node(c);
            match child.kind {
                NodeKind::Task => {
                    t += 1;
                    assert_eq!(child.id, format!("{}.t{t}", n.id));
                }
                NodeKind::Field => {
                    f += 1;
                    assert_eq!(child.id, format!("{}.f{f}", n.id));
                }
                _ => {}
            }
        }
    }
    assert_eq!(seen.len(), plan.len());
    // "đ" is typed as "dd" or as itself.
    assert_eq!(plan.find("iv.4.đ"), plan.find("IV.4.dd"));
    assert!(plan.find("IV.4.dd").is_some());
}

#[test]
fn every_criterion_has_a_lead_agency() {
    let plan = Plan::embedded();
    for n in plan.nodes.iter().filter(|n| n.kind == NodeKind::Criterion) {
        assert!(
            !n.own_roles.lead.is_empty(),
            "criterion {} has no lead",
            n.id
        );
    }
    // So does every field of 1.1, and every task inherits one or names its own subject.
    for n in plan.nodes.iter().filter(|n| n.kind == NodeKind::Field) {
        assert!(!n.own_roles.lead.is_empty(), "field {}", n.id);
    }
    for t in plan.tasks() {
        let n = plan.node(t);
        if n.id.starts_with("III.1") {
            assert!(!n.roles.lead.is_empty(), "PAR task {} has no lead", n.id);
        }
        assert!(
            !n.responsible().is_empty(),
            "task {} has nobody responsible",
            n.id
        );
    }
}

/// Agencies named in `text`: the registry's names and aliases, longest first, each occurrence
/// counted once. "UBND cấp huyện, cấp xã" is the document's shorthand for both levels.
fn agencies_named_in(plan: &Plan, text: &str) -> HashSet<String> {
    let mut spellings: Vec<(String, Vec<&str>)> = Vec::new();
    for (_, a) in plan.agencies.iter() {
        for s in std::iter::once(&a.name).chain(&a.aliases) {
            spellings.push((fold(s), vec![a.id.as_str()]));
        }
    }
    spellings.push((
        fold("UBND cấp huyện, cấp xã"),
        vec!["ubnd-huyen", "ubnd-xa"],
    ));
    spellings.sort_by_key(|s| std::cmp::Reverse(s.0.len()));
    let mut t = fold(text);
    let mut found = HashSet::new();
    for (s, ids) in spellings {
        if t.contains(&s) {
            t = t.replace(&s, "#");
            found.extend(ids.into_iter().map(str::to_string));
        }
    }
    found
}

/// Where the document prints "- Cơ quan chủ trì tham mưu / thực hiện / phối hợp: …", the
/// criterion or group it is printed under carries exactly the agencies the line names.
#[test]
fn printed_role_lines_are_the_role_arrays() {
    let plan = Plan::embedded();
    let lines = source_lines();
    fn role_of(t: &str) -> Option<(Role, &str)> {
        [
            ("- Cơ quan chủ trì tham mưu:", Role::Lead),
            ("- Cơ quan thực hiện:", Role::Implementing),
            ("- Cơ quan phối hợp:", Role::Coordinating),
        ]
        .into_iter()
        .find_map(|(p, r)| t.strip_prefix(p).map(|rest| (r, rest)))
    }
    let (mut part, mut heading, mut criterion) = (String::new(), String::new(), None::<String>);
    let mut checked = BTreeMap::<&str, usize>::new();
    for (i, t) in lines.iter().enumerate() {
        if let Some(r) = roman_label(t) {
            part = r.trim_end_matches('.').into();
            criterion = None;
        } else if let Some(h) = numbered_label(t) {
            heading = h.trim_end_matches('.').into();
            criterion = None;
        } else if let Some(c) = criterion_label(t) {
            criterion = Some(format!("c{}", c.trim_matches(['(', ')'])));
        } else if t.starts_with("Tiêu chí") && criterion.is_none() {
            criterion = Some("c".into());
        }
        let Some((role, first)) = role_of(t) else {
            continue;
        };
        let mut body = first.to_string();
        for next in &lines[i + 1..] {
            if strip_marker(next).is_some() {
                break;
            }
            body.push(' ');
            body.push_str(next);
        }
        let mut id = format!("{part}.{heading}");
        if let Some(c) = &criterion {
            id = format!("{id}.{c}");
        }
        let node = plan.node(ix(&plan, &id));
        let own = node.own_roles.get(role);
        assert!(
            !own.is_empty(),
            "{id}: the printed {role:?} line is not recorded"
        );
        // Words that narrow a group ("có đơn vị … của UBND tỉnh") are not agencies.
        for e in own {
            if let Some(s) = &e.scope {
                body = body.replace(s.as_str(), "");
            }
        }
        let named = agencies_named_in(&plan, &body);
        let recorded: HashSet<String> = own
            .iter()
            .map(|e| plan.agencies.get(e.agency).id.clone())
            .collect();
        assert_eq!(recorded, named, "{id} {role:?}: printed {body:?}");
        *checked
            .entry(match role {
                Role::Lead => "lead",
                Role::Implementing => "implementing",
                Role::Coordinating => "coordinating",
            })
            .or_default() += 1;
    }
    let printed = |p: &str| lines.iter().filter(|t| t.starts_with(p)).count();
    assert_eq!(checked["lead"], printed("- Cơ quan chủ trì tham mưu"));
    assert_eq!(checked["implementing"], printed("- Cơ quan thực hiện"));
    assert_eq!(checked["coordinating"], printed("- Cơ quan phối hợp"));
    assert_eq!(
        (
            checked["lead"],
            checked["implementing"],
            checked["coordinating"]
        ),
        (23, 18, 5)
    );

    // The six fields of 1.1 name their lead after the colon: "…: Sở Nội vụ chủ trì tham mưu."
    for f in plan.nodes.iter().filter(|n| n.kind == NodeKind::Field) {
        let tail = f.text.rsplit(':').next().unwrap();
        let recorded: HashSet<String> = f
            .own_roles
            .lead
            .iter()
            .map(|e| plan.agencies.get(e.agency).id.clone())
            .collect();
        assert_eq!(recorded, agencies_named_in(&plan, tail), "{}", f.id);
    }
}

#[test]
fn every_agency_exists_and_is_spelled_as_printed() {
    let plan = Plan::embedded();
    let joined = joined_source();
    let raw = raw_plan();
    let registry: HashSet<&str> = plan.file.agencies.iter().map(|a| a.id.as_str()).collect();

    // Every role reference in the file names a registered agency.
    fn refs<'a>(n: &'a Value, out: &mut Vec<(&'a str, &'a str)>) {
        let id = n["id"].as_str().unwrap_or("?");
        for role in ["lead", "implementing", "coordinating"] {
            for r in n[role].as_array().into_iter().flatten() {
                let a = r.as_str().or_else(|| r["agency"].as_str()).unwrap_or("");
                out.push((id, a));
            }
        }
        for c in n["children"].as_array().into_iter().flatten() {
            refs(c, out);
        }
    }
    let mut all = Vec::new();
    for n in raw["nodes"].as_array().unwrap() {
        refs(n, &mut all);
    }
    assert!(all.len() > 150, "{} role references", all.len());
    for (node, a) in &all {
        assert!(registry.contains(a), "{node} names unknown agency {a:?}");
    }

    let mut owner: HashMap<String, &str> = HashMap::new();
    for a in &plan.file.agencies {
        let slug = a.id.split('-').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        });
        assert!(slug, "agency id {:?} is not an ASCII slug", a.id);
        if a.in_text {
            for alias in &a.aliases {
                assert!(
                    joined.contains(alias.as_str()),
                    "agency {}: alias {alias:?} is not printed in the document",
                    a.id
                );
            }
            assert!(
                joined.contains(&a.name) || a.aliases.iter().any(|x| joined.contains(x.as_str())),
                "agency {} is marked in_text but the document never names it",
                a.id
            );
        }
        if !a.members.is_empty() {
            assert_eq!(a.kind, AgencyKind::Group, "{} has members", a.id);
        }
        // Users find agencies by folded spelling, so no two agencies may share one.
        let spellings: HashSet<String> = std::iter::once(&a.id)
            .chain([&a.name, &a.name_en])
            .chain(&a.aliases)
            .filter(|s| !s.is_empty())
            .map(|s| fold(s))
            .collect();
        for s in spellings {
            if let Some(other) = owner.insert(s.clone(), &a.id) {
                panic!("agencies {other} and {} are both spelled {s:?}", a.id);
            }
        }
    }
}

#[test]
fn groups_have_the_documented_members() {
    let plan = Plan::embedded();
    let ag = &plan.agencies;
    let by = |id: &str| ag.by_id(id).unwrap_or_else(|| panic!("agency {id}"));
    let names = |ixs: &[usize]| -> HashSet<String> {
        ixs.iter().map(|&i| ag.get(i).name.clone()).collect()
    };

    let districts = [
        "Ủy ban nhân dân thành phố Lạng Sơn",
        "Ủy ban nhân dân huyện Tràng Định",
        "Ủy ban nhân dân huyện Văn Lãng",
        "Ủy ban nhân dân huyện Văn Quan",
        "Ủy ban nhân dân huyện Bình Gia",
        "Ủy ban nhân dân huyện Bắc Sơn",
        "Ủy ban nhân dân huyện Hữu Lũng",
        "Ủy ban nhân dân huyện Chi Lăng",
        "Ủy ban nhân dân huyện Cao Lộc",
        "Ủy ban nhân dân huyện Lộc Bình",
        "Ủy ban nhân dân huyện Đình Lập",
    ];
    let huyen = by("ubnd-huyen");
    assert_eq!(
        names(ag.expanded(huyen)),
        districts.iter().map(|s| s.to_string()).collect()
    );
    assert!(
        ag.get(huyen)
            .aliases
            .contains(&"UBND các huyện, thành phố".to_string())
    );
    assert!(
        ag.get(huyen)
            .aliases
            .contains(&"UBND cấp huyện".to_string())
    );

    let departments: Vec<usize> = ag
        .iter()
        .filter(|(_, a)| a.kind == AgencyKind::Department)
        .map(|(i, _)| i)
        .collect();
    let sbn = by("so-ban-nganh");
    assert_eq!(ag.expanded(sbn), departments.as_slice());
    assert_eq!(departments.len(), 20);
    for d in ["snv", "vp-ubnd", "thanh-tra", "stttt"] {
        assert!(
            ag.expanded(sbn).contains(&by(d)),
            "{d} is one of các Sở, ban, ngành"
        );
    }
    for (i, a) in ag.iter().filter(|(_, a)| a.kind == AgencyKind::District) {
        assert!(ag.within(i).contains(&huyen), "{} is a district", a.name);
    }

    // The communes are a group whose members are not in the plan (they can be added later);
    // until then it stands for itself.
    let xa = by("ubnd-xa");
    assert_eq!(ag.get(xa).kind, AgencyKind::Group);
    assert_eq!(ag.expanded(xa), [xa]);
    let local = ag.expanded(by("co-quan-dia-phuong"));
    assert!(
        local.contains(&xa) && local.contains(&by("ubnd-cao-loc")) && local.contains(&by("snv"))
    );

    // The central agencies and enterprises that IV.4 names belong to its group.
    let tw = by("co-quan-tw");
    for id in ["IV.4.b", "IV.4.c", "IV.4.d", "IV.4.dd"] {
        let n = plan.node(ix(&plan, id));
        for e in &n.own_roles.implementing {
            assert!(
                ag.within(e.agency).contains(&tw),
                "{id}: {} is not in {}",
                ag.get(e.agency).name,
                ag.get(tw).name
            );
        }
    }
    assert_eq!(ag.expanded(by("to-chuc-ctxh")).len(), 5);
    for &m in ag.expanded(by("to-chuc-ctxh")) {
        assert_eq!(ag.get(m).kind, AgencyKind::MassOrganisation);
    }
}

#[test]
fn baseline_2022_and_goals_2023() {
    let plan = Plan::embedded();
    let joined = joined_source();
    let get = |id: &str| {
        plan.indexes
            .iter()
            .find(|i| i.id == id)
            .unwrap_or_else(|| panic!("index {id}"))
    };
    let cases = [
        // id, section, value, unit, rank, of, change, printed, goal top, goal item
        (
            "PAR",
            "III.1",
            81.45,
            "%",
            Some(54),
            Some(63),
            -31,
            "81,45%",
            35,
            "II.1",
        ),
        (
            "SIPAS", "III.2", 75.44, "%", None, None, -28, "75,44%", 30, "II.2",
        ),
        (
            "PAPI",
            "III.3",
            43.85,
            "điểm",
            Some(13),
            Some(61),
            -9,
            "43,85 điểm",
            15,
            "II.3",
        ),
    ];
    assert_eq!(plan.indexes.len(), 3);
    for (id, section, value, unit, rank, of, change, printed, top, goal_item) in cases {
        let i = get(id);
        let b = &i.baseline;
        assert_eq!(plan.node(i.section).id, section, "{id}");
        assert_eq!(
            (b.year, b.value, b.unit.as_str()),
            (2022, value, unit),
            "{id}"
        );
        assert_eq!(
            (b.rank, b.of, b.rank_change),
            (rank, of, Some(change)),
            "{id}"
        );
        assert!(b.text.contains(printed), "{id}: {:?}", b.text);
        assert!(
            joined.contains(&b.text),
            "{id}: baseline clause not in the source"
        );
        if let (Some(r), Some(o)) = (rank, of) {
            assert!(b.text.contains(&format!("{r}/{o}")));
        }
        assert!(b.text.contains(&format!("giảm {} bậc", -change)));
        assert_eq!((i.goal_year, i.goal_top), (2023, top), "{id}");
        let goal = plan.node(ix(&plan, goal_item));
        assert_eq!(goal.kind, NodeKind::Goal);
        assert!(
            goal.text.contains(&format!("nhóm {top} tỉnh")),
            "{goal_item}"
        );
        assert!(goal.targets.iter().any(|t| t.value == f64::from(top)));
        // The index's tasks are the ones under its section.
        let n = plan.node(i.section);
        assert!(n.text.is_empty() || joined.contains(&n.text));
        for t in i.section..n.end {
            assert_eq!(
                plan.node(t).index.map(|x| plan.indexes[x].id.as_str()),
                Some(id)
            );
        }
    }
}

#[test]
fn numeric_targets_are_structured() {
    let plan = Plan::embedded();
    let target = |id: &str, value: f64, unit: &str, scope: Option<&str>, words: &str| {
        let n = plan.node(ix(&plan, id));
        let t = n
            .targets
            .iter()
            .find(|t| t.value == value && t.unit == unit && t.scope.as_deref() == scope)
            .unwrap_or_else(|| {
                panic!(
                    "{id}: no target {value} {unit} {scope:?} in {:?}",
                    n.targets
                )
            });
        assert!(
            t.text.contains(words),
            "{id}: {:?} does not say {words:?}",
            t.text
        );
    };
    target(
        "III.1.2.4.c1.t1",
        9.0,
        "đơn vị",
        None,
        "giảm 09 đơn vị sự nghiệp công lập",
    );
    target("III.1.2.7.c3.t1", 70.0, "%", Some("cấp tỉnh"), "70%");
    target("III.1.2.7.c3.t1", 60.0, "%", Some("cấp huyện"), "60%");
    target("III.1.2.7.c3.t1", 55.0, "%", Some("cấp xã"), "55%");
    target("III.1.2.6.c1", 100.0, "%", None, "giải ngân 100%");
    target(
        "III.3.8.b",
        100.0,
        "%",
        None,
        "100% các phản ánh, kiến nghị trực tuyến",
    );
    target("III.1.2.3.c1.t2", 100.0, "%", None, "100% hồ sơ");

    // Every percentage printed in a node's text is one of its targets.
    for n in &plan.nodes {
        let printed = n
            .text
            .split_whitespace()
            .filter(|w| {
                let w = w.trim_end_matches([',', '.', ';', ')']);
                w.ends_with('%')
                    && w[..w.len() - 1]
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == ',')
            })
            .count();
        let structured = n.targets.iter().filter(|t| t.unit == "%").count();
        assert_eq!(printed, structured, "{}: {:?}", n.id, n.text);
    }
}

#[test]
fn deadlines_are_30_11_except_the_agency_plans() {
    let plan = Plan::embedded();
    let status = Status::empty(&plan);
    assert_eq!(plan.default_deadline, date(2023, 11, 30));
    assert!(
        plan.node(ix(&plan, "III.4"))
            .text
            .contains("30 tháng 11 năm 2023")
    );
    let t1 = ix(&plan, "IV.1.a.t1");
    assert!(plan.node(t1).text.contains("chậm nhất ngày 30/6/2023"));
    assert_eq!(plan.node(t1).deadline, Some(date(2023, 6, 30)));
    for (i, n) in plan.nodes.iter().enumerate() {
        let want = if i == t1 {
            date(2023, 6, 30)
        } else {
            date(2023, 11, 30)
        };
        assert_eq!(status.deadlines[i], want, "{}", n.id);
        if i != t1 {
            assert_eq!(n.deadline, None, "{} sets its own deadline", n.id);
        }
    }
    let ms: Vec<(&str, NaiveDate, &str)> = plan
        .milestones
        .iter()
        .map(|m| (m.id.as_str(), m.date, plan.node(m.item).id.as_str()))
        .collect();
    assert_eq!(
        ms,
        [
            ("agency-plans", date(2023, 6, 30), "IV.1.a.t1"),
            ("completion", date(2023, 11, 30), "III.4"),
        ]
    );
}

#[test]
fn every_task_belongs_somewhere_sensible() {
    let plan = Plan::embedded();
    // Tasks are leaves outside parts I and II; purposes and goals are never tasks.
    let tasks: Vec<usize> = plan.tasks().collect();
    assert_eq!(tasks.len(), 98);
    for &t in &tasks {
        let root = plan.ancestors(t)[0];
        assert!(
            ["III", "IV"].contains(&plan.node(root).id.as_str()),
            "{}",
            plan.node(t).id
        );
    }
    // The unmarked duty paragraph at the end of 1.2.7 (4) is a task of its own.
    let p = plan.node(ix(&plan, "III.1.2.7.c4.t4"));
    assert_eq!((p.kind, p.label.as_str()), (NodeKind::Task, ""));
    assert!(p.text.starts_with("UBND cấp huyện, cấp xã có trách nhiệm"));
}
