//! Stage 3: join the printed lines into blocks: one heading, bullet, role line or paragraph
//! each, with the numbers of the lines it came from.
//!
//! A line continues the block above unless it starts with a marker that fits the numbering so
//! far (`2022. Nâng cao` in the middle of a sentence is not heading 2022), or it is a paragraph
//! of its own: it starts with a capital, and the line above ended a heading or a sentence and
//! was short enough that the capitalised word would have fitted on it (a wrapped line is full).

use super::clean::Line;
use super::lines::{self, Marker};
use crate::plan::NodeKind;

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// `KẾ HOẠCH` above the title (the last line in capitals before it).
    DocType,
    /// The letterhead above it: the issuer in capitals, the motto, `Số: …`, place and date.
    Letterhead,
    /// The title under it, up to the line ending in the year.
    Title,
    /// An unmarked paragraph.
    Paragraph,
    Part(u32),
    Numbered(Vec<u32>),
    Criterion(u32),
    Letter(usize),
    Plus,
    Dash,
    /// `Nơi nhận:`
    Recipients,
    /// One `- …` line of the recipients.
    Recipient,
    /// The signer's title in capitals, then the signer's name.
    SignerTitle,
    Signer,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: Kind,
    /// The label as printed (`1.2.`, `(3)`, `đ)`, `+`), empty for paragraphs.
    pub label: String,
    /// The text after the label, lines joined.
    pub body: String,
    /// Source line numbers.
    pub lines: Vec<usize>,
}

impl Block {
    fn new(kind: Kind, label: &str, body: &str, no: usize) -> Block {
        Block {
            kind,
            label: label.to_string(),
            body: body.to_string(),
            lines: vec![no],
        }
    }

    /// A heading whose continuation may start with a capital (a name) but whose end is
    /// followed by a paragraph starting with one.
    fn heading_like(&self, paragraph_part: bool) -> bool {
        match self.kind {
            Kind::Part(_) | Kind::Criterion(_) | Kind::Title => true,
            Kind::Numbered(_) => !paragraph_part,
            _ => false,
        }
    }
}

/// Join a line to text the way the plan file joins PDF lines: one space, or none after a word
/// broken at a hyphen (`2007/QĐ-` + `UBND`).
pub fn join_to(out: &mut String, t: &str) {
    let hyphen_break = {
        let mut rev = out.chars().rev();
        rev.next() == Some('-') && rev.next().is_some_and(|c| !c.is_whitespace())
    };
    let glued = hyphen_break && lines::starts_upper(t);
    if !(out.is_empty() || glued) {
        out.push(' ');
    }
    out.push_str(t);
}

/// Where the numbering stands, to accept only the markers that can come next.
#[derive(Default)]
struct Numbering {
    part: u32,
    path: Vec<u32>,
    criterion: u32,
    letter: usize,
    paragraph_part: bool,
}

impl Numbering {
    fn accepts(&self, m: &Marker) -> bool {
        match m {
            Marker::Part(n) => *n == self.part + 1,
            Marker::Numbered(p) => {
                if self.part == 0 {
                    return false;
                }
                if self.path.is_empty() {
                    return p.as_slice() == [1];
                }
                let mut child = self.path.clone();
                child.push(1);
                if *p == child {
                    return true;
                }
                (1..=self.path.len()).any(|k| {
                    let mut s = self.path[..k].to_vec();
                    s[k - 1] += 1;
                    *p == s
                })
            }
            Marker::Criterion(n) => self.part > 0 && *n == self.criterion + 1,
            Marker::Letter(i) => self.part > 0 && *i == self.letter + 1,
            Marker::Plus | Marker::Dash => true,
        }
    }

    fn take(&mut self, m: &Marker) {
        match m {
            Marker::Part(n) => {
                self.part = *n;
                self.path.clear();
                self.criterion = 0;
                self.letter = 0;
            }
            Marker::Numbered(p) => {
                self.path = p.clone();
                self.criterion = 0;
                self.letter = 0;
            }
            Marker::Criterion(n) => {
                self.criterion = *n;
                self.letter = 0;
            }
            Marker::Letter(i) => self.letter = *i,
            Marker::Plus | Marker::Dash => {}
        }
    }
}

fn first_word(t: &str) -> &str {
    t.split(' ').next().unwrap_or(t)
}

/// `names_at_start`: whether a line starts with an agency's name. After a sentence, such a line
/// starts a paragraph even when the line above is full (a duty after the bullets, or the next
/// paragraph of the preamble, in text wrapped without blank lines).
pub fn blocks(lines: &[Line], names_at_start: &dyn Fn(&str) -> bool) -> Vec<Block> {
    let width = lines
        .iter()
        .map(|l| crate::text::width(&l.text))
        .max()
        .unwrap_or(80);
    // The line would have had room for the next line's first word: it ended where it did.
    let fits = |prev: &str, next: &str| {
        crate::text::width(prev) + 1 + crate::text::width(first_word(next)) <= width
    };
    let mut out: Vec<Block> = Vec::new();
    let mut num = Numbering::default();
    let mut front = true; // before part I
    let mut title_open = false;
    let mut after_recipients = false;
    let mut signer_next = false;
    let mut prev_line = "";
    for line in lines {
        let t = line.text.as_str();
        let no = line.no;
        if after_recipients {
            if signer_next {
                out.push(Block::new(Kind::Signer, "", t, no));
                signer_next = false;
            } else if lines::is_capitals(t) && !t.starts_with('-') {
                out.push(Block::new(Kind::SignerTitle, "", t, no));
                signer_next = true;
            } else if let Some(s) = lines::start(t).filter(|s| s.marker == Marker::Dash) {
                out.push(Block::new(Kind::Recipient, "-", s.rest, no));
            } else if let Some(b) = out.last_mut().filter(|b| b.kind == Kind::Recipient) {
                join_to(&mut b.body, t);
                b.lines.push(no);
            } else {
                out.push(Block::new(Kind::Paragraph, "", t, no));
            }
            prev_line = t;
            continue;
        }
        if lines::is_recipients(t) {
            out.push(Block::new(Kind::Recipients, "", t, no));
            after_recipients = true;
            prev_line = t;
            continue;
        }
        let start = lines::start(t).filter(|s| num.accepts(&s.marker));
        let start = start.filter(|s| match s.marker {
            // A dash mid-sentence (`kinh tế` / `- xã hội`) continues it.
            Marker::Dash => {
                lines::role_line(s.rest).is_some()
                    || lines::tasks_intro(s.rest).is_some()
                    || out.is_empty()
                    || lines::ends_clause(prev_line)
                    || (out
                        .last()
                        .is_some_and(|b| b.heading_like(num.paragraph_part))
                        && fits(prev_line, t))
            }
            _ => true,
        });
        if let Some(s) = start {
            num.take(&s.marker);
            let kind = match &s.marker {
                Marker::Part(n) => {
                    front = false;
                    title_open = false;
                    num.paragraph_part = lines::paragraph_kind(s.rest).is_some();
                    Kind::Part(*n)
                }
                Marker::Numbered(p) => Kind::Numbered(p.clone()),
                Marker::Criterion(n) => Kind::Criterion(*n),
                Marker::Letter(i) => Kind::Letter(*i),
                Marker::Plus => Kind::Plus,
                Marker::Dash => Kind::Dash,
            };
            out.push(Block::new(kind, s.label, s.rest, no));
            prev_line = t;
            continue;
        }
        // Before the title: the letterhead, then the document's kind in capitals.
        let before_title = front
            && out
                .iter()
                .all(|b| matches!(b.kind, Kind::DocType | Kind::Letterhead));
        if before_title && lines::is_all_capitals(t) && !lines::is_letterhead(t) {
            for b in out.iter_mut() {
                b.kind = Kind::Letterhead;
            }
            out.push(Block::new(Kind::DocType, "", t, no));
            title_open = true;
            prev_line = t;
            continue;
        }
        if before_title && lines::is_letterhead(t) {
            out.push(Block::new(Kind::Letterhead, "", t, no));
            prev_line = t;
            continue;
        }
        if title_open {
            match out.last_mut().filter(|b| b.kind == Kind::Title) {
                Some(b) => {
                    join_to(&mut b.body, t);
                    b.lines.push(no);
                }
                None => out.push(Block::new(Kind::Title, "", t, no)),
            }
            // A plan's title ends with its year.
            let last = t.trim_end_matches(['.', ' ']);
            let tail: String = last.chars().rev().take(4).collect();
            if tail.len() == 4 && tail.chars().all(|c| c.is_ascii_digit()) {
                title_open = false;
            }
            if out.last().is_some_and(|b| b.lines.len() >= 6) {
                title_open = false;
            }
            prev_line = t;
            continue;
        }
        // A parenthesised remark (`(Chi tiết … kèm theo)`) after a sentence is its own
        // paragraph; `(LGSP); Tỷ lệ …` inside a heading is not.
        let remark = t.starts_with('(') && t[1..].chars().next().is_some_and(char::is_uppercase);
        let new_paragraph = match out.last() {
            None => true,
            Some(b) => {
                matches!(
                    b.kind,
                    Kind::DocType | Kind::Letterhead | Kind::SignerTitle | Kind::Signer
                ) || (remark && lines::ends_clause(prev_line) && fits(prev_line, t))
                    || (lines::starts_upper(t)
                        && fits(prev_line, t)
                        && (lines::ends_clause(prev_line) || b.heading_like(num.paragraph_part)))
                    || (lines::ends_clause(prev_line)
                        && !prev_line.ends_with(',')
                        && !matches!(b.kind, Kind::Title)
                        && prev_line.ends_with('.')
                        && names_at_start(t))
            }
        };
        if new_paragraph {
            out.push(Block::new(Kind::Paragraph, "", t, no));
        } else if let Some(b) = out.last_mut() {
            join_to(&mut b.body, t);
            b.lines.push(no);
        }
        prev_line = t;
    }
    out
}

/// The kind of node a numbered block is under a part with this title.
pub fn numbered_kind(part_title: &str, depth: usize) -> NodeKind {
    match lines::paragraph_kind(part_title) {
        Some(k) => k,
        None if depth == 1 => NodeKind::Section,
        None => NodeKind::Group,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ls(t: &str) -> Vec<Line> {
        t.lines()
            .enumerate()
            .map(|(i, l)| Line {
                no: i + 1,
                text: l.to_string(),
            })
            .collect()
    }

    #[test]
    fn headings_bullets_and_wrapped_lines() {
        let b = blocks(
            &ls(
                "I. MỤC TIÊU xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n\
             1. Chỉ số năm 2023 nằm trong nhóm\n\
             35 tỉnh\n\
             2. Nâng cao chất lượng công tác cải cách năm\n\
             2022. Nâng cao\n\
             + Sở Nội vụ chủ trì, phối hợp với các cơ quan, đơn vị có\n\
             liên quan; kinh tế\n\
             - xã hội.\n\
             UBND tỉnh chủ trì.",
            ),
            &|_| false,
        );
        let kinds: Vec<_> = b.iter().map(|b| b.kind.clone()).collect();
        assert_eq!(
            kinds,
            [
                Kind::Part(1),
                Kind::Numbered(vec![1]),
                Kind::Numbered(vec![2]),
                Kind::Plus,
                Kind::Paragraph
            ]
        );
        assert_eq!(b[1].body, "Chỉ số năm 2023 nằm trong nhóm 35 tỉnh");
        assert_eq!(
            b[2].body,
            "Nâng cao chất lượng công tác cải cách năm 2022. Nâng cao"
        );
        assert_eq!(b[3].lines, [6, 7, 8]);
    }

    #[test]
    fn hyphenated_words_join_without_a_space() {
        let mut s = "Quyết định số 2007/QĐ-".to_string();
        join_to(&mut s, "UBND ngày");
        assert_eq!(s, "Quyết định số 2007/QĐ-UBND ngày");
        let mut s = "kinh tế -".to_string();
        join_to(&mut s, "Xã hội");
        assert_eq!(s, "kinh tế - Xã hội");
    }
}
