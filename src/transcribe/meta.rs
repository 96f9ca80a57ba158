//! The plan around the tree: year, province, id, short title, and the indexes the title names
//! in parentheses (`(PAR INDEX)`), with the preamble's results as baselines and part II's goals.

use crate::plan::NodeKind;
use crate::plan::file::{BaselineFile, GoalFile, IndexFile, NodeFile};
use crate::text::fold;

/// The year the title ends with, else the most frequent year in the text.
pub fn year(full_title: &str, all: &str) -> i32 {
    let last: String = full_title
        .trim_end_matches(['.', ' '])
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if let Ok(y) = last.parse::<i32>()
        && (1990..2200).contains(&y)
    {
        return y;
    }
    let mut counts = std::collections::HashMap::<i32, usize>::new();
    for w in all.split(|c: char| !c.is_ascii_digit()) {
        if w.len() == 4
            && let Ok(y) = w.parse::<i32>()
            && (1990..2200).contains(&y)
        {
            *counts.entry(y).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|(y, n)| (*n, *y))
        .map_or(2000, |(y, _)| y)
}

/// `tỉnh Lạng Sơn` in the title: the province's name.
pub fn province(full_title: &str) -> Option<String> {
    let words: Vec<&str> = full_title.split(' ').collect();
    let at = words.iter().rposition(|w| *w == "tỉnh" || *w == "thành")?;
    let skip = if words[at] == "thành" { 2 } else { 1 };
    let name: Vec<&str> = words[at + skip..]
        .iter()
        .take_while(|w| *w != &"năm" && w.chars().next().is_some_and(char::is_uppercase))
        .copied()
        .collect();
    (!name.is_empty()).then(|| name.join(" "))
}

pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// `(PAPI)`, `(SIPAS)`, `(PAR INDEX)` in the title: acronyms in capitals, with the words
/// before them back to `Chỉ số`.
fn acronyms(full_title: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = full_title;
    let mut consumed = 0;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')') else {
            break;
        };
        let inner = &rest[open + 1..open + close];
        let before = &full_title[..consumed + open];
        if inner.len() >= 3 && inner.chars().all(|c| c.is_ascii_uppercase() || c == ' ') {
            let full = before
                .rfind("Chỉ số")
                .map(|k| before[k..].trim().to_string())
                .unwrap_or_default();
            out.push((inner.to_string(), full));
        }
        consumed += open + close + 1;
        rest = &full_title[consumed..];
    }
    out
}

fn number_after<'a>(words: &[&'a str], key: &str) -> Option<&'a str> {
    let k = words.iter().position(|w| fold(w) == key)?;
    words.get(k + 1).copied()
}

fn baseline(preamble: &[String], acr: &str, year: i32) -> Option<BaselineFile> {
    let tag = format!("({acr})");
    for p in preamble {
        for clause in p.split(';') {
            let Some(at) = clause.find(&tag) else {
                continue;
            };
            if !fold(&clause[at..]).contains(" dat ") {
                continue;
            }
            let start = clause[..at].rfind("Chỉ số").unwrap_or(0);
            let text = clause[start..].trim().trim_end_matches('.').to_string();
            let words: Vec<&str> = text.split(' ').collect();
            let raw = number_after(&words, "dat")?.trim_end_matches(',');
            let (num, unit) = match raw.strip_suffix('%') {
                Some(n) => (n.trim_end_matches(','), "%".to_string()),
                None => {
                    let k = words.iter().position(|w| w.trim_end_matches(',') == raw)?;
                    (
                        raw,
                        words
                            .get(k + 1)
                            .map(|u| u.trim_end_matches(',').to_string())
                            .unwrap_or_default(),
                    )
                }
            };
            let value: f64 = num.trim_end_matches(',').replace(',', ".").parse().ok()?;
            let (rank, of) = number_after(&words, "hang")
                .and_then(|r| {
                    let (a, b) = r.split_once('/')?;
                    Some((a.parse().ok()?, b.trim_end_matches(',').parse().ok()?))
                })
                .map_or((None, None), |(a, b)| (Some(a), Some(b)));
            let change = |key: &str, sign: i32| {
                let k = words.iter().position(|w| fold(w) == key)?;
                let n: i32 = words.get(k + 1)?.parse().ok()?;
                (words.get(k + 2).map(|w| fold(w)) == Some("bac".into())).then_some(sign * n)
            };
            let rank_change = change("giam", -1).or_else(|| change("tang", 1));
            let by = fold(p)
                .split(',')
                .next()
                .and_then(|h| h.strip_prefix("nam "))
                .and_then(|y| y.trim().parse().ok())
                .unwrap_or(year - 1);
            return Some(BaselineFile {
                year: by,
                value,
                unit,
                rank,
                of,
                rank_change,
                text,
            });
        }
    }
    None
}

fn walk<'a>(nodes: &'a [NodeFile], out: &mut Vec<&'a NodeFile>) {
    for n in nodes {
        out.push(n);
        walk(&n.children, out);
    }
}

/// The indexes the title names, each with the section of the plan about it, its baseline and
/// its goal. Sections get `index` set.
pub fn indexes(
    full_title: &str,
    preamble: &[String],
    nodes: &mut [NodeFile],
    year: i32,
) -> Vec<IndexFile> {
    let mut out = Vec::new();
    for (acr, full) in acronyms(full_title) {
        let id = acr.split(' ').next().unwrap_or(&acr).to_string();
        let tag = format!("({acr})");
        let mut all = Vec::new();
        walk(nodes, &mut all);
        let section = all
            .iter()
            .find(|n| n.kind == NodeKind::Section && n.title.contains(&tag))
            .map(|n| n.id.clone());
        let goal = all
            .iter()
            .find(|n| n.kind == NodeKind::Goal && n.text.contains(&tag))
            .and_then(|n| {
                // `nhóm 35 tỉnh`, `nhóm cao nhất (nhóm 15 tỉnh …)`: the first group with a number.
                let f = fold(&n.text);
                let top: u32 = f.split("nhom ").skip(1).find_map(|after| {
                    after
                        .split(|c: char| !c.is_ascii_digit())
                        .next()
                        .and_then(|d| d.parse().ok())
                })?;
                Some(GoalFile {
                    year,
                    top,
                    item: n.id.clone(),
                })
            });
        let (Some(section), Some(goal), Some(baseline)) =
            (section, goal, baseline(preamble, &acr, year))
        else {
            continue;
        };
        set_index(nodes, &section, &id);
        out.push(IndexFile {
            id,
            name: acr.clone(),
            full_name: full,
            section,
            baseline,
            goal,
        });
    }
    out.sort_by(|a, b| a.section.cmp(&b.section));
    out
}

fn set_index(nodes: &mut [NodeFile], id: &str, index: &str) {
    for n in nodes {
        if n.id == id {
            n.index = Some(index.to_string());
        }
        set_index(&mut n.children, id, index);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_province_acronyms() {
        let t = "Nâng cao Chỉ số hiệu quả (PAPI); Chỉ số cải cách hành chính (PAR INDEX) tỉnh Lạng Sơn năm 2023";
        assert_eq!(year(t, ""), 2023);
        assert_eq!(province(t).as_deref(), Some("Lạng Sơn"));
        assert_eq!(
            acronyms(t),
            [
                ("PAPI".to_string(), "Chỉ số hiệu quả".to_string()),
                (
                    "PAR INDEX".to_string(),
                    "Chỉ số cải cách hành chính".to_string()
                )
            ]
        );
        assert_eq!(slug("Lạng Sơn"), "lang-son");
    }
}
