//! Numeric targets in a node's text: a share (*giải ngân 100% theo Kế hoạch*), a count
//! (*giảm 09 đơn vị sự nghiệp*), a share per level (*cấp tỉnh 70%; cấp huyện 60%*) and a
//! ranking (*nằm trong nhóm 35 tỉnh, thành phố có chỉ số cao nhất*).
//!
//! `text` is the clause that carries the number: from the clause's start (after `;`, `:`, `(`,
//! the names that act, or a `, đảm bảo`; past a light verb such as *thực hiện*) to its end. `metric` is that clause without the
//! number and without the words that only urge (*đảm bảo*, *phấn đấu năm …,*, *tiếp tục*).

use super::agencies::{Mode, Registry};
use super::tokens::{Tok, tokens};
use crate::plan::file::TargetFile;

/// Verbs that open the clause of a target after a comma.
const OPENERS: &[&[&str]] = &[&["đảm", "bảo"], &["phấn", "đấu"]];
/// Words at the start of a target's clause that say how hard to try, not what is measured.
const URGING: &[&str] = &["đảm bảo ", "tiếp tục "];
/// Verbs that only say a thing is done (*thực hiện giải ngân*): the target is the verb after.
const LIGHT_VERBS: &[&[&str]] = &[&["thực", "hiện"], &["triển", "khai"]];
/// Verbs before a count that make it a target.
const COUNT_VERBS: &[&str] = &["giảm", "tăng", "đạt", "thêm"];
/// What a count counts.
const COUNT_UNITS: &[&[&str]] = &[
    &["đơn", "vị"],
    &["thủ", "tục"],
    &["hồ", "sơ"],
    &["cơ", "quan"],
];
/// Words that open a share per level or per period (*cấp tỉnh 70%*, *mỗi năm … 20%*).
const SCOPES: &[&str] = &["cấp", "mỗi"];
/// A ranking: the words, the metric and the unit.
const RANKING: (&[&str], &str, &str) =
    (&["nằm", "trong", "nhóm"], "Xếp hạng", "nhóm tỉnh cao nhất");

fn at(toks: &[Tok], i: usize, words: &[&str]) -> bool {
    words
        .iter()
        .enumerate()
        .all(|(k, w)| toks.get(i + k).is_some_and(|t| t.norm == *w))
}

fn number(s: &str) -> Option<f64> {
    let s = s.replace(',', ".");
    (!s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '.'))
        .then(|| s.parse().ok())
        .flatten()
}

/// The end of the clause that goes on at `i`: the next `;`, `.` or unopened `)`.
fn clause_end(toks: &[Tok], i: usize) -> usize {
    let mut depth = 0usize;
    for (k, t) in toks.iter().enumerate().skip(i) {
        match t.norm.as_str() {
            "(" => depth += 1,
            ")" if depth == 0 => return k,
            ")" => depth -= 1,
            ";" | "." if depth == 0 => return k,
            _ => {}
        }
    }
    toks.len()
}

/// Where the clause that holds token `i` starts: after `;`, `:`, `(` or `.`, then after the
/// names that act; and the `, đảm bảo` that opens the target's own words, if one follows them.
fn clause_start(reg: &mut Registry, text: &str, toks: &[Tok], i: usize) -> (usize, Option<usize>) {
    let mut start = 0;
    let mut depth = 0usize;
    for k in (0..i).rev() {
        match toks[k].norm.as_str() {
            ")" => depth += 1,
            "(" if depth > 0 => depth -= 1,
            "(" | ";" | ":" | "." if depth == 0 => {
                start = k + 1;
                break;
            }
            _ => {}
        }
    }
    let mut k = start;
    let mut after_names = start;
    let mut opener = None;
    while k < i {
        if k > after_names && toks[k - 1].norm == "," && OPENERS.iter().any(|o| at(toks, k, o)) {
            opener = Some(k);
        }
        let names = reg.list(text, toks, k, Mode::Subject);
        if !names.found.is_empty() && names.end <= i {
            k = names.end;
            after_names = k;
            opener = None;
            continue;
        }
        k += 1;
    }
    (after_names, opener)
}

/// Past the light verbs at `a` that another word follows before `b`.
fn skip_light(toks: &[Tok], mut a: usize, b: usize) -> usize {
    while let Some(v) = LIGHT_VERBS.iter().find(|v| at(toks, a, v)) {
        if a + v.len() >= b {
            break;
        }
        a += v.len();
    }
    a
}

fn span(text: &str, toks: &[Tok], a: usize, b: usize) -> String {
    if a >= b {
        return String::new();
    }
    text[toks[a].start..toks[b - 1].end].to_string()
}

/// The clause without the number and the urging words.
fn metric(clause: &str, number: &str) -> String {
    let mut m = clause.replacen(&format!("{number} "), "", 1);
    if m.starts_with("phấn đấu")
        && let Some((_, rest)) = m.split_once(", ")
    {
        m = rest.to_string();
    }
    for u in URGING {
        if let Some(rest) = m.strip_prefix(u) {
            m = rest.to_string();
        }
    }
    m
}

/// Every target in `text`, in the order printed.
pub fn targets(reg: &mut Registry, text: &str) -> Vec<TargetFile> {
    let toks = tokens(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let (words, metric_word, unit) = RANKING;
        if at(&toks, i, words) {
            let end = clause_end(&toks, i + words.len());
            if let Some(v) = toks[i..end].iter().find_map(|t| number(&t.norm)) {
                out.push(TargetFile {
                    metric: metric_word.into(),
                    value: v,
                    unit: unit.into(),
                    scope: None,
                    text: span(text, &toks, i, end),
                });
            }
            i = end;
            continue;
        }
        let t = toks[i].norm.as_str();
        let (value, unit, used) = if let Some(v) = t.strip_suffix('%').and_then(number) {
            (v, "%".to_string(), 1)
        } else if let Some(v) = number(t)
            && i > 0
            && COUNT_VERBS.contains(&toks[i - 1].norm.as_str())
            && let Some(u) = COUNT_UNITS.iter().find(|u| at(&toks, i + 1, u))
        {
            (v, u.join(" "), 1)
        } else {
            i += 1;
            continue;
        };
        let (after_names, opener) = clause_start(reg, text, &toks, i);
        let start = opener.unwrap_or(after_names);
        let number_text = &text[toks[i].start..toks[i + used - 1].end];
        let level = toks
            .get(start)
            .is_some_and(|t| SCOPES.contains(&t.norm.as_str()));
        if level && i - start <= 5 {
            // `cấp tỉnh 70%`: the level is the scope; the metric is what the sentence before
            // the list counts, shared by the whole list.
            let what = match out.last() {
                Some(TargetFile {
                    scope: Some(_),
                    metric,
                    ..
                }) => metric.clone(),
                _ => {
                    let (names, opener) = clause_start(reg, text, &toks, start.saturating_sub(1));
                    let end = opener.map_or(start.saturating_sub(1), |o| o - 1);
                    span(text, &toks, skip_light(&toks, names, end), end)
                }
            };
            out.push(TargetFile {
                metric: what,
                value,
                unit,
                scope: Some(span(text, &toks, start, start + 2)),
                text: span(text, &toks, start, i + used),
            });
        } else {
            let end = clause_end(&toks, i + used);
            let clause = span(text, &toks, skip_light(&toks, start, i), end);
            out.push(TargetFile {
                metric: metric(&clause, number_text),
                value,
                unit,
                scope: None,
                text: clause,
            });
        }
        i += used;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(f64, String, Option<String>, String)> {
        targets(&mut Registry::new(Vec::new()), text)
            .into_iter()
            .map(|t| (t.value, t.unit, t.scope, t.text))
            .collect()
    }

    #[test]
    fn forms() {
        assert_eq!(
            read("Chỉ số năm 2031 nằm trong nhóm 20 tỉnh có chỉ số cao nhất."),
            [(
                20.0,
                "nhóm tỉnh cao nhất".into(),
                None,
                "nằm trong nhóm 20 tỉnh có chỉ số cao nhất".into()
            )]
        );
        assert_eq!(
            read("rà soát; phấn đấu năm 2031, tiếp tục sắp xếp giảm 05 đơn vị sự nghiệp."),
            [(
                5.0,
                "đơn vị".into(),
                None,
                "phấn đấu năm 2031, tiếp tục sắp xếp giảm 05 đơn vị sự nghiệp".into()
            )]
        );
        let t = read("hoàn thành chỉ tiêu: cấp tỉnh 80%; cấp xã 50% (mỗi năm tăng 10%).");
        assert_eq!(t.len(), 3);
        assert_eq!(t[1].2.as_deref(), Some("cấp xã"));
        assert_eq!(t[2].3, "mỗi năm tăng 10%");
        // A number that is not a target.
        assert!(read("tuyên truyền về 08 nội dung của chỉ số").is_empty());
    }

    #[test]
    fn metric_drops_the_number_and_the_urging() {
        let t = targets(
            &mut Registry::new(Vec::new()),
            "đôn đốc; đảm bảo 100% các ứng dụng được kết nối.",
        );
        assert_eq!(t[0].metric, "các ứng dụng được kết nối");
    }
}
