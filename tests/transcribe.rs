//! `kehoach transcribe` against the oracle: transcribing `data/source.txt` must give
//! `data/plan.json` (the hand transcription). Each check prints a precise diff (the first
//! differing node and field) and the measured agreement, so progress is measurable:
//! `cargo test --test transcribe -- --nocapture`.

use std::collections::{BTreeMap, BTreeSet};

use kehoach::plan::file::{NodeFile, PlanFile, RoleRef};
use kehoach::transcribe::{self, Options, Transcript};

const SOURCE: &str = include_str!("../data/source.txt");
const PLAN: &str = include_str!("../data/plan.json");

fn oracle() -> PlanFile {
    serde_json::from_str(PLAN).unwrap()
}

fn run(text: &str) -> Transcript {
    transcribe::transcribe(text, oracle().agencies, &Options::default())
}

fn flat<'a>(nodes: &'a [NodeFile], parent: &'a str, out: &mut Vec<(&'a str, &'a NodeFile)>) {
    for n in nodes {
        out.push((parent, n));
        flat(&n.children, &n.id, out);
    }
}

/// Every node of the tree in document order, with its parent's id.
fn flattened(nodes: &[NodeFile]) -> Vec<(&str, &NodeFile)> {
    let mut out = Vec::new();
    flat(nodes, "", &mut out);
    out
}

fn refs(v: &[RoleRef]) -> Vec<String> {
    v.iter()
        .map(|r| match r.scope() {
            Some(s) => format!("{}|{s}", r.agency()),
            None => r.agency().to_string(),
        })
        .collect()
}

fn role<'a>(n: &'a NodeFile, r: &str) -> &'a [RoleRef] {
    match r {
        "lead" => &n.lead,
        "implementing" => &n.implementing,
        _ => &n.coordinating,
    }
}

/// The first field in which two nodes differ.
fn node_diff(want: (&str, &NodeFile), got: (&str, &NodeFile)) -> Option<String> {
    let (wp, w) = want;
    let (gp, g) = got;
    let fields: [(&str, String, String); 6] = [
        ("id", w.id.clone(), g.id.clone()),
        ("parent", wp.to_string(), gp.to_string()),
        ("kind", format!("{:?}", w.kind), format!("{:?}", g.kind)),
        ("label", w.label.clone(), g.label.clone()),
        ("text", w.text.clone(), g.text.clone()),
        (
            "remark",
            format!("{:?}", w.remark),
            format!("{:?}", g.remark),
        ),
    ];
    fields
        .into_iter()
        .find(|(_, a, b)| a != b)
        .map(|(f, a, b)| format!("{} field {f}:\n    want {a:?}\n    got  {b:?}", w.id))
}

/// Roles the hand transcription reads differently from a sentence than the program, with
/// why. Each is (node, role).
const KNOWN_ROLE_CASES: &[(&str, &str, &str)] = &[
    (
        "III.1.2.4.c1.t2",
        "coordinating",
        "'các Sở, ban, ngành, địa phương': the hand transcription reads 'địa phương' (localities) as \
         the district committees; the registry has no such spelling, and the word could as well \
         mean the communes",
    ),
    (
        "III.1.2.6.c3.t1",
        "coordinating",
        "'các Sở, ban, ngành, địa phương': as III.1.2.4.c1.t2",
    ),
    (
        "III.1.2.4.c2.t2",
        "implementing",
        "'Các cơ quan, đơn vị thực hiện …': data/README treats a sentence opening with the generic \
         'Các cơ quan, đơn vị' as having no subject (it inherits), while III.3.8.b counts the same \
         words as a subject beside Văn phòng UBND tỉnh; the program reads both as a subject",
    ),
    (
        "III.1.2.6.c4.t1",
        "implementing",
        "'Các cơ quan, đơn vị tiếp tục …': as III.1.2.4.c2.t2",
    ),
    (
        "III.2.1.t2",
        "coordinating",
        "'Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội cùng cấp tăng cường …': the \
         hand transcription scopes both to 'cùng cấp'; in a sentence the program cannot tell where \
         the qualifier ends and the verb begins, so it reads no scope",
    ),
];

#[test]
fn source_reproduces_the_nodes_of_plan_json() {
    let (want, got) = (oracle(), run(SOURCE).plan);
    let (w, g) = (flattened(&want.nodes), flattened(&got.nodes));
    let mut identical = 0;
    let mut first = None;
    for (k, wn) in w.iter().enumerate() {
        match g.get(k) {
            Some(gn) => match node_diff(*wn, *gn) {
                None => identical += 1,
                Some(d) => {
                    first.get_or_insert(format!("node {k}: {d}"));
                }
            },
            None => {
                first.get_or_insert(format!("node {k}: {} missing", wn.1.id));
            }
        }
    }
    println!(
        "nodes identical (id, parent, kind, label, text, remark, in order): {identical} of {} (got {} nodes)",
        w.len(),
        g.len()
    );
    if let Some(f) = &first {
        println!("first difference: {f}");
    }
    assert_eq!(first, None);
    assert_eq!(w.len(), g.len());
}

/// Why the hand transcription's title is not the rule's (`kehoach::transcribe::titles`: the
/// subject whole, then up to the end of the names the duty is done with, or the first comma or
/// complement word from the 16th word on).
const SHORTER: &str = "the hand file stops at a break before the 16th word, where in other titles it \
     runs on past such breaks (III.1.2.8.c1.t1 passes 'về' at its 8th word and 'trên' at its 12th; \
     III.1.2.5.c1.t2 a comma at its 6th and 'về' at its 9th): no one length serves both";
const NO_BREAK: &str = "the hand file stops where nothing is printed, before a second verb or the \
     verb's object: telling those apart needs a parser of Vietnamese, not a rule over words";
const PAST_NAMES: &str = "the hand file goes on after the names the duty is done with, where it \
     stops right after them elsewhere (III.1.2.1.c.t2 after 'các cơ quan, đơn vị', III.2.2.t4 \
     after 'các cơ quan liên quan')";
const LOCALITIES: &str = "'các Sở, ban, ngành, địa phương': the registry has no 'địa phương' \
     (see the roles' known cases), so the names end before it";
const FIRST_NAME: &str = "the hand file stops after the first of names joined by 'và', where it \
     keeps the whole list elsewhere (IV.4.b)";
const NOUN_NAMES: &str = "'các nhiệm vụ Chính phủ, Thủ tướng Chính phủ giao': the names belong to \
     the noun before them (tasks the Government gives), which words alone do not tell from names \
     a duty is done with";
const UNREGISTERED: &str = "'các cơ quan truyền thông' is not in the registry, so the program does \
     not see the names the hand file stops after";
const PAIR: &str = "the hand file keeps the pair 'khó khăn, vướng mắc' whole past the 16th word";
const LONGER: &str = "the hand file passes 'về', 'và', 'của' and a comma to stop at 'theo', its \
     24th word";

/// Titles the hand transcription cuts where the rule does not, with why. Each is (node, reason).
const KNOWN_TITLE_CASES: &[(&str, &str)] = &[
    ("I.3", SHORTER),
    ("III.1.2.1.c.t1", NOUN_NAMES),
    ("III.1.2.3.c1.t2", NO_BREAK),
    ("III.1.2.4.c1.t2", LOCALITIES),
    ("III.1.2.4.c2.t1", NO_BREAK),
    ("III.1.2.4.c2.t2", SHORTER),
    ("III.1.2.5.c2.t1", SHORTER),
    ("III.1.2.5.c2.t2", SHORTER),
    ("III.1.2.5.c2.t3", SHORTER),
    ("III.1.2.5.c3.t1", NO_BREAK),
    ("III.1.2.5.c3.t2", SHORTER),
    ("III.1.2.6.c2.t1", NO_BREAK),
    ("III.1.2.6.c2.t2", PAST_NAMES),
    ("III.1.2.6.c3.t1", LOCALITIES),
    ("III.1.2.6.c3.t2", NO_BREAK),
    ("III.1.2.7.c2.t1", FIRST_NAME),
    ("III.1.2.7.c2.t2", SHORTER),
    ("III.1.2.7.c2.t3", PAST_NAMES),
    ("III.1.2.7.c3.t1", PAST_NAMES),
    ("III.1.2.7.c4.t2", UNREGISTERED),
    ("III.1.2.7.c4.t4", SHORTER),
    ("III.1.2.8.c1.t2", PAIR),
    ("III.1.2.9.t1", SHORTER),
    ("III.1.2.9.t3", NO_BREAK),
    ("III.2.1.t2", FIRST_NAME),
    ("III.2.2.t2", SHORTER),
    ("III.3.2.a", SHORTER),
    ("III.3.3.a", LONGER),
    ("III.3.3.b", SHORTER),
    ("III.3.4.c", PAST_NAMES),
    ("III.3.5.b", NO_BREAK),
    ("III.3.6.b", PAST_NAMES),
    ("III.3.7.c", SHORTER),
    ("III.3.8.b", SHORTER),
    ("IV.4.dd", SHORTER),
    ("IV.5.a", SHORTER),
    ("IV.5.b", SHORTER),
];

#[test]
fn source_reproduces_the_titles() {
    let (want, got) = (oracle(), run(SOURCE).plan);
    let (w, g) = (flattened(&want.nodes), flattened(&got.nodes));
    let mut same = 0;
    let mut unknown = Vec::new();
    for ((_, wn), (_, gn)) in w.iter().zip(g.iter()) {
        if wn.title == gn.title {
            same += 1;
            continue;
        }
        let known = KNOWN_TITLE_CASES.iter().any(|(k, _)| *k == wn.id);
        println!(
            "  title differs{}: {} {:?}\n    want {:?}\n    got  {:?}",
            if known { " (known)" } else { "" },
            wn.id,
            wn.kind,
            wn.title,
            gn.title
        );
        if !known {
            unknown.push(wn.id.clone());
        }
    }
    println!("titles identical: {same} of {}", w.len());
    assert!(
        unknown.is_empty(),
        "titles differ beyond the known cases: {unknown:?}"
    );
    // A known case the program now gets right leaves the list, so the list stays the truth.
    let title = |v: &[(&str, &NodeFile)], id: &str| {
        v.iter()
            .find(|(_, n)| n.id == id)
            .map(|(_, n)| n.title.clone())
    };
    let fixed: Vec<&str> = KNOWN_TITLE_CASES
        .iter()
        .map(|(id, _)| *id)
        .filter(|id| title(&w, id) == title(&g, id))
        .collect();
    assert!(fixed.is_empty(), "known cases that now agree: {fixed:?}");
    // 117 of 154 (76%): the hand file's cuts follow no one rule (see the reasons above).
    assert!(same >= 117, "titles agree {same} of {}", w.len());
}

/// Targets whose words the hand transcription chose differently from the program, with why.
/// Each is (node, target's place in the node, field, reason).
const KNOWN_TARGET_CASES: &[(&str, usize, &str, &str)] = &[
    (
        "III.1.2.3.c1.t2",
        0,
        "text",
        "the hand file ends the words before 'trên Hệ thống thông tin …', a place complement; the \
         program keeps the clause to its end, as it does for every other share",
    ),
    (
        "III.1.2.3.c1.t2",
        0,
        "metric",
        "the hand file rewords the clause ('hồ sơ … được cập nhật …'), a paraphrase no rule \
         reads from the text",
    ),
    (
        "III.1.2.7.c3.t1",
        3,
        "metric",
        "the hand file adds '(mức tăng mỗi năm, tối thiểu)' to the shared metric of the list for \
         the yearly increase; the program gives the list's metric to all four",
    ),
];

#[test]
fn source_reproduces_the_targets() {
    let (want, got) = (oracle(), run(SOURCE).plan);
    let (w, g) = (flattened(&want.nodes), flattened(&got.nodes));
    let (mut same, mut all) = (0, 0);
    let mut unknown = Vec::new();
    for ((_, wn), (_, gn)) in w.iter().zip(g.iter()) {
        // The number, what it counts in and where it applies: exactly the hand file's.
        let numbers = |n: &NodeFile| -> Vec<(f64, String, Option<String>)> {
            n.targets
                .iter()
                .map(|t| (t.value, t.unit.clone(), t.scope.clone()))
                .collect()
        };
        assert_eq!(numbers(gn), numbers(wn), "targets of {}", wn.id);
        for (k, (a, b)) in wn.targets.iter().zip(&gn.targets).enumerate() {
            for (field, x, y) in [("text", &a.text, &b.text), ("metric", &a.metric, &b.metric)] {
                all += 1;
                if x == y {
                    same += 1;
                    continue;
                }
                let known = KNOWN_TARGET_CASES
                    .iter()
                    .any(|(id, i, f, _)| *id == wn.id && *i == k && *f == field);
                println!(
                    "  target {field} differs{}: {} #{k}\n    want {x:?}\n    got  {y:?}",
                    if known { " (known)" } else { "" },
                    wn.id
                );
                if !known {
                    unknown.push(format!("{} #{k} {field}", wn.id));
                }
            }
        }
    }
    println!("target words identical (text, metric): {same} of {all}");
    // A known case the program now gets right leaves the list.
    for (id, k, field, _) in KNOWN_TARGET_CASES {
        let words = |v: &[(&str, &NodeFile)]| {
            v.iter()
                .find(|(_, n)| n.id == *id)
                .and_then(|(_, n)| n.targets.get(*k))
                .map(|t| {
                    if *field == "text" {
                        t.text.clone()
                    } else {
                        t.metric.clone()
                    }
                })
        };
        assert_ne!(
            words(&w),
            words(&g),
            "known case {id} #{k} {field} now agrees"
        );
    }
    assert!(
        unknown.is_empty(),
        "targets differ beyond the known cases: {unknown:?}"
    );
}

#[test]
fn source_reproduces_the_document_around_the_tree() {
    let want = oracle();
    let got = run(SOURCE).plan;
    assert_eq!(got.id, want.id);
    assert_eq!(got.year, want.year);
    assert_eq!(got.full_title, want.full_title);
    assert_eq!(got.preamble, want.preamble);
    assert_eq!(got.closing, want.closing);
    assert_eq!(got.recipients, want.recipients);
    assert_eq!(got.signer_title, want.signer_title);
    assert_eq!(got.signer, want.signer);
    assert_eq!(got.indexes, want.indexes);
    assert_eq!(got.title, want.title);
    assert_eq!(got.issuer, want.issuer);
}

#[test]
fn source_reproduces_the_roles() {
    let want = oracle();
    let t = run(SOURCE);
    let mut w = BTreeMap::new();
    let all = flattened(&want.nodes);
    for (_, n) in &all {
        w.insert(n.id.clone(), *n);
    }
    let gl = flattened(&t.plan.nodes);
    let g: BTreeMap<_, _> = gl.iter().map(|(_, n)| (n.id.clone(), *n)).collect();
    let printed: BTreeSet<(String, String)> = t
        .review
        .printed_roles
        .iter()
        .map(|p| (p.item.clone(), p.role.to_string()))
        .collect();
    // Every printed role line was attributed.
    let role_lines = SOURCE
        .lines()
        .map(|l| kehoach::text::fold(l.trim()))
        .filter(|l| {
            [
                "- co quan chu tri",
                "- co quan thuc hien",
                "- co quan phoi hop",
            ]
            .iter()
            .any(|p| l.starts_with(p))
        })
        .count();
    assert_eq!(t.review.role_lines, role_lines, "role lines read");
    let (mut printed_same, mut printed_all) = (0, 0);
    let (mut inferred_same, mut inferred_all) = (0, 0);
    let mut printed_diffs = Vec::new();
    let mut inferred_diffs = Vec::new();
    for (id, wn) in &w {
        let Some(gn) = g.get(id) else { continue };
        for r in ["lead", "implementing", "coordinating"] {
            let (a, b) = (refs(role(wn, r)), refs(role(gn, r)));
            if printed.contains(&(id.clone(), r.to_string())) {
                printed_all += 1;
                if a == b {
                    printed_same += 1;
                } else {
                    printed_diffs.push(format!("{id} {r}: want {a:?} got {b:?}"));
                }
            } else if !(a.is_empty() && b.is_empty()) {
                inferred_all += 1;
                if a == b {
                    inferred_same += 1;
                } else {
                    inferred_diffs.push((id.clone(), r, format!("{id} {r}: want {a:?} got {b:?}")));
                }
            }
        }
    }
    println!("printed roles identical: {printed_same} of {printed_all}");
    for d in &printed_diffs {
        println!("  printed differs: {d}");
    }
    println!("inferred roles identical: {inferred_same} of {inferred_all}");
    let mut unknown = Vec::new();
    for (id, r, d) in &inferred_diffs {
        let known = KNOWN_ROLE_CASES.iter().any(|(k, kr, _)| k == id && kr == r);
        println!(
            "  inferred differs{}: {d}",
            if known { " (known)" } else { "" }
        );
        if !known {
            unknown.push(d.clone());
        }
    }
    assert!(printed_diffs.is_empty(), "printed roles differ");
    assert!(
        unknown.is_empty(),
        "inferred roles differ beyond the known cases"
    );
    assert!(
        inferred_same * 100 >= inferred_all * 95,
        "inferred roles agree {inferred_same} of {inferred_all}"
    );
}

#[test]
fn source_reproduces_deadlines_milestones_and_agencies() {
    let want = oracle();
    let t = run(SOURCE);
    let got = &t.plan;
    assert_eq!(got.default_deadline, want.default_deadline);
    // Milestones whole: ids, both languages' titles and short titles, item and `also`.
    assert_eq!(got.milestones, want.milestones, "milestones");
    let dl = |p: &PlanFile| -> BTreeMap<String, String> {
        let all = flattened(&p.nodes);
        all.iter()
            .filter_map(|(_, n)| n.deadline.clone().map(|d| (n.id.clone(), d)))
            .collect()
    };
    assert_eq!(dl(got), dl(&want), "node deadlines");
    // No name went unrecognised, so the agencies are the registry's, unchanged.
    let proposed: Vec<_> = t.review.proposed_agencies.iter().map(|a| &a.name).collect();
    assert!(proposed.is_empty(), "unrecognised agencies: {proposed:?}");
    assert_eq!(got.agencies, want.agencies);
    assert!(
        t.review.unplaced.is_empty(),
        "unplaced: {:?}",
        t.review.unplaced
    );
}

#[test]
fn the_transcript_is_a_valid_plan() {
    let got = run(SOURCE).plan;
    let json = serde_json::to_string_pretty(&got).unwrap();
    kehoach::plan::Plan::parse(&json).unwrap();
}

// ---------------------------------------------------------------------------------------------
// The same plan from the same document printed differently.

/// The plan's strings that a printed paragraph starts with (node texts, the preamble, the
/// closing, the title, remarks): where the rewrapping helpers may break paragraphs.
fn paragraph_starts() -> Vec<String> {
    let p = oracle();
    let mut all = Vec::new();
    flat(&p.nodes, "", &mut all);
    let mut out: Vec<String> = all.iter().map(|(_, n)| n.text.clone()).collect();
    out.extend(all.iter().filter_map(|(_, n)| n.remark.clone()));
    out.extend(p.preamble.iter().cloned());
    out.push(p.closing.clone());
    out.push(p.full_title.clone());
    out.push(p.signer.clone());
    out.push("KẾ HOẠCH".into());
    out.push("Nơi nhận:".into());
    out.push(p.signer_title.to_uppercase());
    out.retain(|s| !s.is_empty());
    out
}

/// The source's paragraphs: a line starts one when it starts with a bullet or a number, or
/// the plan has a string that starts with the whole line.
fn paragraphs() -> Vec<String> {
    let starts = paragraph_starts();
    let marker = |t: &str| {
        let first = t.split(' ').next().unwrap_or("");
        t.starts_with('+')
            || first == "-"
            || (first.ends_with(')') && first.chars().count() <= 4)
            || (first.ends_with('.')
                && first
                    .trim_end_matches('.')
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || "IVX".contains(c)))
    };
    let mut out: Vec<String> = Vec::new();
    for l in SOURCE.lines() {
        let t = kehoach::text::nfc(l.trim())
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if t.is_empty() || t.starts_with("https://") {
            continue;
        }
        let new = out.is_empty() || marker(&t) || starts.iter().any(|s| s.starts_with(&t));
        if new {
            out.push(t);
        } else {
            let last = out.last_mut().unwrap();
            let glued = last.ends_with('-')
                && !last.ends_with(" -")
                && t.chars().next().is_some_and(char::is_uppercase);
            if !glued {
                last.push(' ');
            }
            last.push_str(&t);
        }
    }
    out
}

/// Every paragraph wrapped greedily at `width` columns, without blank lines between them.
fn rewrap(width: usize) -> String {
    let mut out = String::new();
    for p in paragraphs() {
        let mut line = String::new();
        for w in p.split(' ') {
            if !line.is_empty() && line.chars().count() + 1 + w.chars().count() > width {
                out.push_str(&line);
                out.push('\n');
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(w);
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// A page number and a form feed after every 45 lines.
fn paginate(text: &str) -> String {
    paginate_with(text, None)
}

/// The same, with a running header at the top of every page.
fn paginate_with(text: &str, header: Option<&str>) -> String {
    let mut out = String::new();
    for (i, l) in text.lines().enumerate() {
        out.push_str(l);
        out.push('\n');
        if (i + 1) % 45 == 0 {
            out.push_str(&format!("{}\n\u{000C}", (i + 1) / 45 + 1));
            if let Some(h) = header {
                out.push_str(h);
                out.push('\n');
            }
        }
    }
    out
}

fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

fn nfd(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfd().collect()
}

/// Every third space, and the end of every line, a non-breaking space.
fn nbsp(text: &str) -> String {
    let mut k = 0;
    let spaced: String = text
        .chars()
        .map(|c| {
            if c == ' ' {
                k += 1;
                if k % 3 == 0 {
                    return '\u{00A0}';
                }
            }
            c
        })
        .collect();
    spaced.replace('\n', "\u{00A0}\n")
}

fn same_plan(name: &str, text: &str) {
    let base = run(SOURCE);
    let t = run(text);
    let a = serde_json::to_value(&base.plan).unwrap();
    let b = serde_json::to_value(&t.plan).unwrap();
    let proposed: Vec<_> = t.review.proposed_agencies.iter().map(|a| &a.name).collect();
    assert!(
        proposed.is_empty(),
        "{name}: names not recognised: {proposed:?}"
    );
    if a != b {
        let mut w = Vec::new();
        flat(&base.plan.nodes, "", &mut w);
        let mut g = Vec::new();
        flat(&t.plan.nodes, "", &mut g);
        let first = w
            .iter()
            .zip(g.iter())
            .find_map(|(x, y)| node_diff(*x, *y))
            .unwrap_or_else(|| {
                let (a, b) = (a.as_object().unwrap(), b.as_object().unwrap());
                let key = a.keys().find(|k| a[*k] != b[*k]).unwrap();
                format!("{key}:\n    want {}\n    got  {}", a[key], b[key])
            });
        panic!("{name}: the plan differs; first difference: {first}");
    }
    assert!(
        t.review.unplaced.is_empty(),
        "{name}: unplaced {:?}",
        t.review.unplaced
    );
}

#[test]
fn rewrapped_at_60_columns_without_blank_lines() {
    same_plan("60 columns", &rewrap(60));
}

#[test]
fn rewrapped_at_100_columns_without_blank_lines() {
    same_plan("100 columns", &rewrap(100));
}

#[test]
fn page_numbers_and_form_feeds_every_45_lines() {
    same_plan("pages", &paginate(SOURCE));
    same_plan("pages, 60 columns", &paginate(&rewrap(60)));
    same_plan(
        "pages with a running header",
        &paginate_with(
            &rewrap(100),
            Some("UBND TỈNH LẠNG SƠN - KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH"),
        ),
    );
}

#[test]
fn crlf_nfd_and_non_breaking_spaces() {
    same_plan("CRLF", &crlf(SOURCE));
    same_plan("NFD", &nfd(SOURCE));
    same_plan("non-breaking spaces", &nbsp(SOURCE));
    same_plan("all at once", &nbsp(&nfd(&crlf(&paginate(&rewrap(100))))));
}

// ---------------------------------------------------------------------------------------------
// The command.

fn kehoach() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("kehoach").unwrap();
    c.env_remove("KEHOACH_DB").env("KEHOACH_LANG", "en");
    c
}

#[test]
fn command_writes_the_plan_and_exits_0_when_everything_is_placed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan.json");
    let a = kehoach()
        .args(["transcribe", "data/source.txt", "--out"])
        .arg(&out)
        .assert()
        .code(0);
    let stdout = String::from_utf8_lossy(&a.get_output().stdout).to_string();
    assert!(
        stdout.contains("Every line was placed in the plan."),
        "{stdout}"
    );
    assert!(stdout.contains("IV.1.a.t1"), "{stdout}");
    let written: PlanFile = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(written, run(SOURCE).plan);
}

#[test]
fn command_exits_5_and_lists_what_needs_review() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("plan.txt");
    std::fs::write(
        &src,
        "KẾ HOẠCH\nNâng cao chất lượng tỉnh Bắc Giang năm 2024\nMở đầu.\n\
         I. NHIỆM VỤ\n1. Cải cách\n(1) Tiêu chí một\n- Cơ quan chủ trì: Sở Nội vụ.\n\
         - Cơ quan thực hiện: Sở Du lịch, Sở Xây dựng và Quy hoạch, Sở Tư pháp.\n\
         + Sở Nội vụ chủ trì, báo cáo trước ngày 15/12.\n",
    )
    .unwrap();
    let a = kehoach()
        .args(["transcribe", "--format", "json"])
        .arg(&src)
        .assert()
        .code(5);
    let review: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    assert_eq!(review["proposed_agencies"][0]["name"], "Sở Du lịch");
    assert_eq!(
        review["proposed_agencies"][1]["name"],
        "Sở Xây dựng và Quy hoạch"
    );
    assert_eq!(review["deadlines"][0]["date"], "2024-12-15");
    assert_eq!(review["deadlines"][0]["item"], "I.1.c1.t1");
    assert!(review["unplaced"].as_array().unwrap().is_empty());
    let stderr = String::from_utf8_lossy(&a.get_output().stderr).to_string();
    assert!(stderr.contains("review them before importing"), "{stderr}");
}

#[test]
fn command_refuses_a_docx_that_is_not_one() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("plan.docx");
    std::fs::write(&src, b"PK").unwrap();
    kehoach().arg("transcribe").arg(&src).assert().code(2);
}

// ---------------------------------------------------------------------------------------------
// Changes to the document show up as that change, and nothing else.

/// Paragraphs, changed by `f`, wrapped at 100 columns (so that a change is not undone by the
/// PDF's own line breaks).
fn rewrap_changed(f: impl Fn(Vec<String>) -> Vec<String>) -> String {
    let mut out = String::new();
    for p in f(paragraphs()) {
        let mut line = String::new();
        for w in p.split(' ') {
            if !line.is_empty() && line.chars().count() + 1 + w.chars().count() > 100 {
                out.push_str(&line);
                out.push('\n');
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(w);
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Every year from 1990 to 2100 written as four digits (not inside a longer number) moved by
/// `by`: `30/6/2023` → `30/6/2024`, `2023-11-30` → `2024-11-30`.
fn shift_years(s: &str, by: i32) -> String {
    let cs: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < cs.len() {
        if cs[i].is_ascii_digit() && (i == 0 || !cs[i - 1].is_ascii_digit()) {
            let mut j = i;
            while j < cs.len() && cs[j].is_ascii_digit() {
                j += 1;
            }
            let run: String = cs[i..j].iter().collect();
            match run.parse::<i32>() {
                Ok(y) if j - i == 4 && (1990..=2100).contains(&y) => {
                    out.push_str(&(y + by).to_string())
                }
                _ => out.push_str(&run),
            }
            i = j;
        } else {
            out.push(cs[i]);
            i += 1;
        }
    }
    out
}

fn map_json(v: &mut serde_json::Value, key: &str, f: &dyn Fn(&str, &mut serde_json::Value)) {
    match v {
        serde_json::Value::Object(o) => {
            for (k, x) in o.iter_mut() {
                map_json(x, k, f);
            }
        }
        serde_json::Value::Array(a) => {
            for x in a {
                map_json(x, key, f);
            }
        }
        x => f(key, x),
    }
}

fn assert_same_json(name: &str, want: &serde_json::Value, got: &serde_json::Value) {
    if want == got {
        return;
    }
    let (a, b) = (want.as_object().unwrap(), got.as_object().unwrap());
    let key = a.keys().find(|k| a[*k] != b[*k]).unwrap();
    let (wa, ga) = (a[key].to_string(), b[key].to_string());
    let at = wa
        .chars()
        .zip(ga.chars())
        .position(|(x, y)| x != y)
        .unwrap_or(0);
    let from = at.saturating_sub(80);
    let cut = |s: &str| s.chars().skip(from).take(200).collect::<String>();
    panic!(
        "{name}: {key} differs at character {at}:\n    want …{}\n    got  …{}",
        cut(&wa),
        cut(&ga)
    );
}

#[test]
fn a_year_later_moves_every_date_and_deadline() {
    let base = serde_json::to_value(run(SOURCE).plan).unwrap();
    let got = run(&shift_years(SOURCE, 1));
    let mut want = base.clone();
    map_json(&mut want, "", &|k, x| match x {
        serde_json::Value::String(s) => *s = shift_years(s, 1),
        serde_json::Value::Number(n) if k == "year" => {
            *x = serde_json::json!(n.as_i64().unwrap() + 1)
        }
        _ => {}
    });
    assert_eq!(got.plan.id, "lang-son-2024");
    assert_eq!(got.plan.default_deadline, "2024-11-30");
    assert_same_json(
        "a year later",
        &want,
        &serde_json::to_value(&got.plan).unwrap(),
    );
}

#[test]
fn an_agency_renamed_throughout() {
    let (old, new) = ("Thông tin và Truyền thông", "Chuyển đổi số");
    let text = rewrap_changed(|ps| ps.into_iter().map(|p| p.replace(old, new)).collect());
    // With the registry as it was, the new name is proposed, never dropped.
    let t = run(&text);
    let proposed: Vec<_> = t
        .review
        .proposed_agencies
        .iter()
        .map(|a| a.name.clone())
        .collect();
    assert_eq!(proposed, ["Sở Chuyển đổi số"]);
    assert!(t.review.needs_review());
    // With the registry renamed too, the plan is the old one with the new name.
    let mut registry = oracle().agencies;
    for a in &mut registry {
        a.name = a.name.replace(old, new);
        for s in &mut a.aliases {
            *s = s.replace(old, new);
        }
    }
    let got = transcribe::transcribe(&text, registry, &Options::default());
    assert!(!got.review.needs_review());
    let mut want = serde_json::to_value(run(SOURCE).plan).unwrap();
    map_json(&mut want, "", &|k, x| {
        if let serde_json::Value::String(s) = x
            && k != "name_en"
        {
            *s = s.replace(old, new);
        }
    });
    let got = serde_json::to_value(&got.plan).unwrap();
    assert_same_json("renamed", &want, &got);
}

#[test]
fn a_lettered_item_removed_moves_its_later_siblings_up() {
    let text = rewrap_changed(|ps| {
        let start = ps.iter().position(|p| p.starts_with("3.4. ")).unwrap();
        let end = ps.iter().position(|p| p.starts_with("3.5. ")).unwrap();
        let mut out = Vec::new();
        for (k, p) in ps.into_iter().enumerate() {
            if k > start && k < end {
                if p.starts_with("b) ") {
                    continue;
                }
                if let Some(r) = p.strip_prefix("c) ") {
                    out.push(format!("b) {r}"));
                    continue;
                }
                if let Some(r) = p.strip_prefix("d) ") {
                    out.push(format!("c) {r}"));
                    continue;
                }
            }
            out.push(p);
        }
        out
    });
    let mut want = run(SOURCE).plan;
    fn edit(nodes: &mut Vec<NodeFile>) {
        if let Some(k) = nodes.iter().position(|n| n.id == "III.3.4.b") {
            nodes.remove(k);
            for (n, (id, label)) in nodes[k..]
                .iter_mut()
                .zip([("III.3.4.b", "b)"), ("III.3.4.c", "c)")])
            {
                n.id = id.into();
                n.label = label.into();
            }
            return;
        }
        for n in nodes {
            edit(&mut n.children);
        }
    }
    edit(&mut want.nodes);
    let got = run(&text);
    assert!(!got.review.needs_review());
    assert_same_json(
        "item removed",
        &serde_json::to_value(&want).unwrap(),
        &serde_json::to_value(&got.plan).unwrap(),
    );
}

// ---------------------------------------------------------------------------------------------
// A Word file.

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn w_p(text: &str) -> String {
    // Two runs per paragraph, as Word splits them where formatting changes.
    let cut = text
        .char_indices()
        .nth(text.chars().count() / 2)
        .map_or(text.len(), |(k, _)| k);
    let (a, b) = text.split_at(cut);
    format!(
        "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        xml_escape(a),
        xml_escape(b)
    )
}

/// The source as a Word file: one paragraph per printed paragraph, the title with a line
/// break, the recipients and the signature side by side in a table.
fn docx() -> Vec<u8> {
    use std::io::Write as _;
    let ps = paragraphs();
    let split = ps.iter().position(|p| p == "Nơi nhận:").unwrap();
    let signer = ps.iter().position(|p| p == "CHỦ TỊCH").unwrap();
    let mut body = String::new();
    for p in &ps[..split] {
        if let Some((a, b)) = p
            .split_once("(PAPI); ")
            .filter(|_| p.starts_with("Nâng cao"))
        {
            body.push_str(&format!(
                "<w:p><w:r><w:t xml:space=\"preserve\">{}(PAPI);</w:t></w:r><w:r><w:br/><w:t>{}</w:t></w:r></w:p>",
                xml_escape(a),
                xml_escape(b)
            ));
        } else {
            body.push_str(&w_p(p));
        }
    }
    let cell = |ps: &[String]| {
        format!(
            "<w:tc>{}</w:tc>",
            ps.iter().map(|p| w_p(p)).collect::<String>()
        )
    };
    body.push_str(&format!(
        "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
        cell(&ps[split..signer]),
        cell(&ps[signer..])
    ));
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
         <w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    let files = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>".to_string(),
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>".to_string(),
        ),
        (
            "word/_rels/document.xml.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"></Relationships>".to_string(),
        ),
        ("word/document.xml", document),
    ];
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in files {
        z.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(data.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

#[test]
fn a_word_file_gives_the_same_plan() {
    let text = transcribe::docx::text(&docx()).unwrap();
    same_plan("docx", &text);
}

#[test]
fn command_reads_a_word_file() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("ke-hoach.docx");
    std::fs::write(&src, docx()).unwrap();
    let out = dir.path().join("plan.json");
    kehoach()
        .arg("transcribe")
        .arg(&src)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(0);
    let written: PlanFile = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(written, run(SOURCE).plan);
}

#[test]
fn a_letterhead_gives_the_number_and_the_date_of_issue() {
    let letterhead = "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
                      Độc lập - Tự do - Hạnh phúc\n\nSố: 45/KH-UBND\nLạng Sơn, ngày 15 tháng 3 năm 2023\n\n";
    let got = run(&format!("{letterhead}{SOURCE}"));
    assert_eq!(got.plan.number.as_deref(), Some("45/KH-UBND"));
    assert_eq!(got.plan.issued.as_deref(), Some("2023-03-15"));
    assert!(got.review.unplaced.is_empty(), "{:?}", got.review.unplaced);
    let mut want = run(SOURCE).plan;
    want.number = got.plan.number.clone();
    want.issued = got.plan.issued.clone();
    assert_eq!(got.plan, want);
}

#[test]
fn import_transcribes_a_text_and_refuses_one_that_needs_review() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    // Next year's plan, as text: transcribed, reviewed, imported, and now the current plan.
    let next = dir.path().join("ke-hoach-2024.txt");
    std::fs::write(&next, shift_years(SOURCE, 1)).unwrap();
    let a = kehoach()
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(&next)
        .assert()
        .code(0);
    let stdout = String::from_utf8_lossy(&a.get_output().stdout).to_string();
    assert!(
        stdout.contains("Every line was placed in the plan."),
        "{stdout}"
    );
    assert!(stdout.contains("Imported plan lang-son-2024"), "{stdout}");
    let a = kehoach().arg("--db").arg(&db).arg("plans").assert().code(0);
    let plans = String::from_utf8_lossy(&a.get_output().stdout).to_string();
    assert!(plans.contains("lang-son-2024"), "{plans}");
    // A text with a name the registry does not know: shown, not imported, unless --accept.
    let odd = dir.path().join("odd.txt");
    std::fs::write(
        &odd,
        "KẾ HOẠCH\nCải cách tỉnh Bắc Giang năm 2025\nI. NHIỆM VỤ\n1. Cải cách\n\
         - Cơ quan thực hiện: Sở Du lịch.\n+ Sở Du lịch báo cáo.\n",
    )
    .unwrap();
    let a = kehoach()
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(&odd)
        .assert()
        .code(5);
    let stderr = String::from_utf8_lossy(&a.get_output().stderr).to_string();
    assert!(stderr.contains("nothing imported"), "{stderr}");
    let a = kehoach().arg("--db").arg(&db).arg("plans").assert().code(0);
    assert!(!String::from_utf8_lossy(&a.get_output().stdout).contains("bac-giang-2025"));
    let a = kehoach()
        .arg("--db")
        .arg(&db)
        .args(["import", "--accept"])
        .arg(&odd)
        .assert()
        .code(0);
    assert!(
        String::from_utf8_lossy(&a.get_output().stdout).contains("Imported plan bac-giang-2025")
    );
}
