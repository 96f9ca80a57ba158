//! Deadlines in their printed forms: *chậm nhất ngày 30/6/2023*, *Trước ngày 30 tháng 11 năm
//! 2023*, *trước ngày 15/12* (the plan's year), *trong Quý III/2024* (the quarter's last day).
//! A date alone (*Quyết định … ngày 20/12/2022*) is not a deadline.

use crate::text::fold;
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq)]
pub struct Deadline {
    pub date: NaiveDate,
    /// The words as printed.
    pub words: String,
}

fn number(s: &str) -> Option<u32> {
    (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn roman_quarter(s: &str) -> Option<u32> {
    match s {
        "I" | "1" => Some(1),
        "II" | "2" => Some(2),
        "III" | "3" => Some(3),
        "IV" | "4" => Some(4),
        _ => None,
    }
}

fn last_day_of_quarter(year: i32, q: u32) -> Option<NaiveDate> {
    let (m, d) = match q {
        1 => (3, 31),
        2 => (6, 30),
        3 => (9, 30),
        _ => (12, 31),
    };
    NaiveDate::from_ymd_opt(year, m, d)
}

/// `30/6/2023`, `30/6`, `30 tháng 11 năm 2023` at the start of `words`: the date and how many
/// words it took.
fn date_at(words: &[&str], year: i32) -> Option<(NaiveDate, usize)> {
    let first = words.first()?.trim_end_matches([',', '.', ';', ':', ')']);
    let parts: Vec<&str> = first.split('/').collect();
    if parts.len() >= 2 {
        let d = number(parts[0])?;
        let m = number(parts[1])?;
        let y = match parts.get(2) {
            Some(y) => number(y)? as i32,
            None => year,
        };
        return NaiveDate::from_ymd_opt(y, m, d).map(|dt| (dt, 1));
    }
    let d = number(first)?;
    if words.get(1).map(|w| fold(w)) != Some("thang".into()) {
        return None;
    }
    let m = number(words.get(2)?.trim_end_matches([',', '.']))?;
    let (y, used) = if words.get(3).map(|w| fold(w)) == Some("nam".into()) {
        (
            number(words.get(4)?.trim_end_matches([',', '.', ';']))? as i32,
            5,
        )
    } else {
        (year, 3)
    };
    NaiveDate::from_ymd_opt(y, m, d).map(|dt| (dt, used))
}

/// The date of issue in a letterhead line (`Lạng Sơn, ngày 15 tháng 3 năm 2023`).
pub fn issued(text: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = text.split(' ').collect();
    let k = words.iter().position(|w| fold(w) == "ngay")?;
    if k == 0 || !words[k - 1].ends_with(',') {
        return None;
    }
    let (d, used) = date_at(&words[k + 1..], 0)?;
    // The year must be printed.
    (used == 1 && words[k + 1].matches('/').count() == 2 || used == 5).then_some(d)
}

/// Every deadline in a text.
pub fn deadlines(text: &str, year: i32) -> Vec<Deadline> {
    let words: Vec<&str> = text.split(' ').collect();
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let f = |k: usize| folded.get(i + k).map(String::as_str).unwrap_or("");
        let lead = if f(0) == "cham" && f(1) == "nhat" && f(2) == "ngay" {
            3
        } else if (f(0) == "truoc" || f(0) == "han") && f(1) == "ngay" {
            2
        } else if f(0) == "trong" && f(1) == "quy" {
            let q = words.get(i + 2).and_then(|w| {
                let w = w.trim_end_matches([',', '.', ';']);
                let (q, y) = w.split_once('/')?;
                Some((roman_quarter(q)?, number(y)? as i32))
            });
            if let Some((q, y)) = q {
                if let Some(date) = last_day_of_quarter(y, q) {
                    out.push(Deadline {
                        date,
                        words: words[i..i + 3]
                            .join(" ")
                            .trim_end_matches([',', '.', ';'])
                            .to_string(),
                    });
                }
                i += 3;
                continue;
            }
            0
        } else {
            0
        };
        if lead > 0
            && let Some((date, used)) = date_at(&words[i + lead..], year)
        {
            out.push(Deadline {
                date,
                words: words[i..i + lead + used]
                    .join(" ")
                    .trim_end_matches([',', '.', ';'])
                    .to_string(),
            });
            i += lead + used;
            continue;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn printed_forms() {
        let f = |t: &str| {
            deadlines(t, 2024)
                .into_iter()
                .map(|x| (x.date, x.words))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            f("Kế hoạch ban hành chậm nhất ngày 30/6/2023."),
            [(d(2023, 6, 30), "chậm nhất ngày 30/6/2023".to_string())]
        );
        assert_eq!(
            f("Trước ngày 30 tháng 11 năm 2023, các cơ quan"),
            [(
                d(2023, 11, 30),
                "Trước ngày 30 tháng 11 năm 2023".to_string()
            )]
        );
        assert_eq!(f("báo cáo trước ngày 15/12")[0].0, d(2024, 12, 15));
        assert_eq!(f("hoàn thành trong Quý III/2024.")[0].0, d(2024, 9, 30));
        assert!(f("Quyết định số 2007/QĐ-UBND ngày 20/12/2022 của UBND tỉnh").is_empty());
        assert_eq!(
            issued("Lạng Sơn, ngày 15 tháng 3 năm 2023"),
            Some(d(2023, 3, 15))
        );
        assert_eq!(
            issued("Số: 45/KH-UBND Lạng Sơn, ngày 15/3/2023"),
            Some(d(2023, 3, 15))
        );
        assert_eq!(issued("ban hành ngày 15/3/2023"), None);
    }
}
