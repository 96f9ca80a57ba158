//! Stage 2: recognise what a line starts with: a part in Roman numerals, a numbered heading at
//! any depth, a criterion `(1)`, a lettered item in Vietnamese order, a `+` or `-` bullet, a
//! printed role line, the *Nhiệm vụ, giải pháp:* line, the *Nơi nhận* block.

use crate::plan::{NodeKind, Role};

/// Lettered items follow the Vietnamese alphabet without the letters that carry marks.
pub const LETTERS: [char; 23] = [
    'a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't',
    'u', 'v', 'x', 'y',
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    /// `III.`: the part's number from 1.
    Part(u32),
    /// `1.2.3.`
    Numbered(Vec<u32>),
    /// `(2)`
    Criterion(u32),
    /// `đ)`: the position in [`LETTERS`] from 1.
    Letter(usize),
    Plus,
    Dash,
}

/// A line's marker, the label as printed and the text after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Start<'a> {
    pub marker: Marker,
    pub label: &'a str,
    pub rest: &'a str,
}

fn roman(s: &str) -> Option<u32> {
    let v = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        _ => None,
    };
    let digits: Option<Vec<u32>> = s.chars().map(v).collect();
    let digits = digits?;
    let mut total = 0;
    for (i, d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|n| n > d) {
            total -= *d as i32;
        } else {
            total += *d as i32;
        }
    }
    (total > 0 && !digits.is_empty()).then_some(total as u32)
}

/// The marker a line begins with, if any. Numbering is not checked against what came before;
/// [`super::blocks`] does that.
pub fn start(t: &str) -> Option<Start<'_>> {
    let (head, rest) = match t.split_once(' ') {
        Some((h, r)) => (h, r.trim_start()),
        None => (t, ""),
    };
    if head == "+" || head == "-" || head == "–" {
        let marker = if head == "+" {
            Marker::Plus
        } else {
            Marker::Dash
        };
        return Some(Start {
            marker,
            label: if head == "+" { "+" } else { "-" },
            rest,
        });
    }
    if let Some(r) = t.strip_prefix('+') {
        return Some(Start {
            marker: Marker::Plus,
            label: "+",
            rest: r.trim_start(),
        });
    }
    if rest.is_empty() {
        return None;
    }
    if let Some(num) = head.strip_suffix('.') {
        if let Some(n) = roman(num) {
            return Some(Start {
                marker: Marker::Part(n),
                label: head,
                rest,
            });
        }
        let parts: Option<Vec<u32>> = num
            .split('.')
            .map(|p| {
                (!p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| p.parse().ok())
                    .flatten()
            })
            .collect();
        if let Some(path) = parts.filter(|p| !p.is_empty() && p.iter().all(|&n| n > 0)) {
            return Some(Start {
                marker: Marker::Numbered(path),
                label: head,
                rest,
            });
        }
    }
    if let Some(n) = head
        .strip_prefix('(')
        .and_then(|h| h.strip_suffix(')'))
        .filter(|n| n.len() <= 2)
        .and_then(|n| n.parse::<u32>().ok())
    {
        return Some(Start {
            marker: Marker::Criterion(n),
            label: head,
            rest,
        });
    }
    if let Some(l) = head.strip_suffix(')') {
        let mut cs = l.chars();
        if let (Some(c), None) = (cs.next(), cs.next())
            && let Some(i) = LETTERS.iter().position(|&x| x == c)
        {
            return Some(Start {
                marker: Marker::Letter(i + 1),
                label: head,
                rest,
            });
        }
    }
    None
}

/// `Cơ quan chủ trì tham mưu: …` (after the dash): the role and the agencies' text.
pub fn role_line(rest: &str) -> Option<(Role, &str)> {
    let (head, tail) = rest.split_once(':')?;
    let f = crate::text::fold(head);
    let f = f.trim();
    let who = f
        .strip_prefix("co quan ")
        .or_else(|| f.strip_prefix("don vi "))?;
    let role = if who.starts_with("chu tri") {
        Role::Lead
    } else if who == "thuc hien" {
        Role::Implementing
    } else if who == "phoi hop" {
        Role::Coordinating
    } else {
        return None;
    };
    Some((role, tail.trim()))
}

/// `Nhiệm vụ, giải pháp: …` (after the dash): the sentence after the colon, maybe empty.
pub fn tasks_intro(rest: &str) -> Option<&str> {
    let (head, tail) = rest.split_once(':')?;
    let f = crate::text::fold(head);
    matches!(
        f.trim(),
        "nhiem vu, giai phap" | "nhiem vu" | "giai phap" | "nhiem vu va giai phap"
    )
    .then(|| tail.trim())
}

/// The `Nơi nhận:` line that opens the list of recipients.
pub fn is_recipients(t: &str) -> bool {
    crate::text::fold(t).trim_end_matches(':').trim() == "noi nhan"
}

/// `Số: 45/KH-UBND` in a letterhead: the document's number.
pub fn document_number(t: &str) -> Option<&str> {
    let rest = t.strip_prefix("Số:").or_else(|| t.strip_prefix("Số "))?;
    let n = rest.split_whitespace().next()?;
    n.contains('/').then_some(n)
}

/// A letterhead line that is not the document's kind: its number, its place and date, the
/// national motto.
pub fn is_letterhead(t: &str) -> bool {
    let f = crate::text::fold(t);
    document_number(t).is_some()
        || super::dates::issued(t).is_some()
        || f.contains("doc lap - tu do - hanh phuc")
}

/// A line in capitals, however long (`ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN`).
pub fn is_all_capitals(t: &str) -> bool {
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| !c.is_lowercase())
}

/// A short line in capitals: the document's kind (`KẾ HOẠCH`) or the signer's title.
pub fn is_capitals(t: &str) -> bool {
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| !c.is_lowercase()) && t.chars().count() <= 40
}

/// A part whose numbered paragraphs are purposes or goals rather than headings.
pub fn paragraph_kind(part_title: &str) -> Option<NodeKind> {
    let f = crate::text::fold(part_title);
    if f.contains("muc dich") || f.contains("yeu cau") {
        Some(NodeKind::Purpose)
    } else if f.contains("muc tieu") {
        Some(NodeKind::Goal)
    } else {
        None
    }
}

/// The first letter is a capital (a new sentence or a name), not a digit or a mark.
pub fn starts_upper(t: &str) -> bool {
    t.chars().next().is_some_and(|c| c.is_uppercase())
}

/// The line ends a sentence or a clause.
pub fn ends_clause(t: &str) -> bool {
    t.trim_end()
        .chars()
        .last()
        .is_some_and(|c| matches!(c, '.' | ':' | ';' | '!' | '?'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        let m = |t| start(t).map(|s| s.marker);
        assert_eq!(m("III. NHIỆM VỤ"), Some(Marker::Part(3)));
        assert_eq!(m("IV. TỔ CHỨC"), Some(Marker::Part(4)));
        assert_eq!(m("1.2.3. Cải cách"), Some(Marker::Numbered(vec![1, 2, 3])));
        assert_eq!(m("(4) Tỷ lệ"), Some(Marker::Criterion(4)));
        assert_eq!(m("đ) Bưu điện"), Some(Marker::Letter(5)));
        assert_eq!(m("+  Văn phòng"), Some(Marker::Plus));
        assert_eq!(m("- Lĩnh vực"), Some(Marker::Dash));
        assert_eq!(m("2022. Nâng cao"), None);
        assert_eq!(m("2021 và nằm"), None);
        assert_eq!(m("(LGSP); Tỷ lệ"), None);
    }

    #[test]
    fn role_lines() {
        assert_eq!(
            role_line("Cơ quan chủ trì tham mưu: Sở Nội vụ."),
            Some((Role::Lead, "Sở Nội vụ."))
        );
        assert_eq!(
            role_line("Đơn vị phối hợp: X"),
            Some((Role::Coordinating, "X"))
        );
        assert_eq!(role_line("Lĩnh vực cải cách thể chế: Sở Tư pháp"), None);
        assert_eq!(tasks_intro("Nhiệm vụ, giải pháp: "), Some(""));
        assert_eq!(document_number("Số: 45/KH-UBND"), Some("45/KH-UBND"));
        assert!(is_letterhead("Độc lập - Tự do - Hạnh phúc"));
        assert!(!is_letterhead("Sở Nội vụ"));
    }
}
