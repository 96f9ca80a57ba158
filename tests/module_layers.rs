//! The arrows between the interactive view's modules run one way: no module of `src/tui/`
//! uses one that uses it back, and inside `src/tui/update/` the per-mode handlers call down
//! into the shared modules, never into each other or up into `mod.rs`'s dispatch (the rule is
//! written in `src/tui/update/mod.rs`). Read from the source: a `super::x` or `crate::tui::x`
//! path (also inside `use super::{…}`) is an arrow to module `x`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

/// The first segment of every path that follows `prefix` in `src` (comments left out).
fn paths_after(src: &str, prefix: &str) -> BTreeSet<String> {
    let code: String = src
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .map(|l| format!("{l}\n"))
        .collect();
    let mut out = BTreeSet::new();
    let bytes = code.as_bytes();
    let mut from = 0;
    while let Some(at) = code[from..].find(prefix) {
        let start = from + at;
        from = start + prefix.len();
        // `super::super::x` is not `super::x`; `crate::tui::x` inside a longer path is.
        if start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_') {
            continue;
        }
        if prefix.starts_with("super::") && code[..start].ends_with("super::") {
            continue;
        }
        let rest = &code[from..];
        if let Some(group) = rest.strip_prefix('{') {
            // `use super::{a, b::c, d}`: the first segment of each path at the top level.
            let mut depth = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.extend(first_ident(&item));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
            out.extend(first_ident(&item));
        } else {
            out.extend(first_ident(rest));
        }
    }
    out.remove("super");
    out.remove("self");
    out
}

fn first_ident(s: &str) -> Option<String> {
    let id: String = s
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    (!id.is_empty()).then_some(id)
}

/// A cycle of `g`, named from its first module back to it, if there is one.
fn cycle(g: &Graph) -> Option<Vec<String>> {
    fn visit(
        g: &Graph,
        n: &str,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == n) {
            let mut c = path[at..].to_vec();
            c.push(n.to_string());
            return Some(c);
        }
        if done.contains(n) {
            return None;
        }
        path.push(n.to_string());
        for m in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(g, m, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    g.keys()
        .find_map(|n| visit(g, n, &mut Vec::new(), &mut done))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn rs_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files.sort();
    files
}

fn stem(p: &Path) -> String {
    p.file_stem().unwrap().to_string_lossy().into_owned()
}

/// The handlers of `src/tui/update/` and what each uses; `mod` stands for what `mod.rs` itself
/// defines (a submodule naming something of `super::` that is not a sibling module).
fn update_graph(root: &Path) -> Graph {
    let dir = root.join("src/tui/update");
    let files = rs_files(&dir);
    let modules: BTreeSet<String> = files.iter().map(|p| stem(p)).collect();
    let mut g = Graph::new();
    for f in &files {
        let me = stem(f);
        if me == "mod" {
            continue;
        }
        let src = read(f);
        let mut uses: BTreeSet<String> = BTreeSet::new();
        for name in paths_after(&src, "super::") {
            if modules.contains(&name) {
                uses.insert(name);
            } else if name != "super" && name != "self" {
                uses.insert("mod".to_string());
            }
        }
        for name in paths_after(&src, "crate::tui::update::") {
            uses.insert(if modules.contains(&name) {
                name
            } else {
                "mod".to_string()
            });
        }
        uses.remove(&me);
        g.insert(me, uses);
    }
    g
}

/// The modules of `src/tui/` (a directory counts as one) and which others each uses.
fn tui_graph(root: &Path) -> Graph {
    let dir = root.join("src/tui");
    let mut modules: BTreeMap<String, Vec<(std::path::PathBuf, bool)>> = BTreeMap::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            for f in rs_files(&p) {
                let inner = stem(&f) != "mod";
                modules.entry(stem(&p)).or_default().push((f, inner));
            }
        } else if p.extension().is_some_and(|x| x == "rs") && stem(&p) != "mod" {
            modules.entry(stem(&p)).or_default().push((p, false));
        }
    }
    let names: BTreeSet<String> = modules.keys().cloned().collect();
    let mut g = Graph::new();
    for (me, files) in &modules {
        let mut uses = BTreeSet::new();
        for (f, inner) in files {
            let src = read(f);
            let up = if *inner { "super::super::" } else { "super::" };
            uses.extend(paths_after(&src, up));
            uses.extend(paths_after(&src, "crate::tui::"));
        }
        uses.retain(|n| names.contains(n) && n != me);
        g.insert(me.clone(), uses);
    }
    g
}

fn show(g: &Graph) -> String {
    g.iter()
        .map(|(k, v)| {
            format!(
                "  {k} → {}",
                v.iter().cloned().collect::<Vec<_>>().join(", ")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn update_handlers_call_down_never_round() {
    let g = update_graph(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(g.len() > 5, "the handlers of src/tui/update were not found");
    let up: Vec<_> = g
        .iter()
        .filter(|(_, v)| v.contains("mod"))
        .map(|(k, _)| k.as_str())
        .collect();
    assert!(
        up.is_empty(),
        "src/tui/update/mod.rs is the dispatch on top; {up:?} call up into it (give the \
         helper a home below the handlers):\n{}",
        show(&g)
    );
    if let Some(c) = cycle(&g) {
        panic!(
            "src/tui/update has an import cycle: {}\n{}",
            c.join(" → "),
            show(&g)
        );
    }
    // Handlers (every module not listed here) call down into these, never into each other.
    let shared = ["actions", "history", "hold", "rows", "common"];
    for m in shared {
        assert!(
            g.contains_key(m),
            "src/tui/update/{m}.rs not found:\n{}",
            show(&g)
        );
    }
    for (handler, uses) in g.iter().filter(|(k, _)| !shared.contains(&k.as_str())) {
        let across: Vec<_> = uses
            .iter()
            .filter(|u| !shared.contains(&u.as_str()))
            .collect();
        assert!(
            across.is_empty(),
            "the handler src/tui/update/{handler}.rs calls the handler(s) {across:?}: move what \
             both need down into actions, rows or common\n{}",
            show(&g)
        );
    }
}

#[test]
fn tui_modules_use_each_other_one_way() {
    let g = tui_graph(Path::new(env!("CARGO_MANIFEST_DIR")));
    for m in ["state", "update", "view", "keys"] {
        assert!(g.contains_key(m), "src/tui/{m} not found:\n{}", show(&g));
    }
    if let Some(c) = cycle(&g) {
        panic!(
            "src/tui has an import cycle: {}\n{}",
            c.join(" → "),
            show(&g)
        );
    }
}

#[test]
fn the_reader_sees_grouped_imports_and_finds_a_cycle() {
    let uses = paths_after(
        "use super::{move_rows, rows::{open, shut}, actions};\n\
         // super::comment is not code\n\
         let x = super::super::message::Msg::Up; super::tree::start(s);",
        "super::",
    );
    let want: BTreeSet<String> = ["move_rows", "rows", "actions", "tree"]
        .map(String::from)
        .into();
    assert_eq!(uses, want);
    let g: Graph = [("a", "b"), ("b", "c"), ("c", "a"), ("d", "a")]
        .into_iter()
        .map(|(k, v)| (k.to_string(), [v.to_string()].into()))
        .collect();
    assert_eq!(cycle(&g).unwrap().join(" → "), "a → b → c → a");
    let g: Graph = [("a", "b"), ("b", "c"), ("d", "a")]
        .into_iter()
        .map(|(k, v)| (k.to_string(), [v.to_string()].into()))
        .collect();
    assert_eq!(cycle(&g), None);
}
