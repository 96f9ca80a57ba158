//! Plain-text tables that fit the terminal without breaking a Vietnamese character, and CSV.

use std::borrow::Cow;
use std::io::{IsTerminal, Write};

use crate::text::{fit_into, one_line, width, width_over};

/// The width to fit: the terminal's, else $COLUMNS, else 120.
pub fn terminal_width() -> usize {
    if std::io::stdout().is_terminal()
        && let Ok((w, _)) = ratatui::crossterm::terminal::size()
        && w > 0
    {
        return usize::from(w);
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&c| c >= 20)
        .unwrap_or(120)
}

pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    /// The column that gives up width first (usually the title).
    flex: usize,
    /// Columns left out, in this order, when the short ones would otherwise be cut.
    droppable: Vec<usize>,
}

const GAP: usize = 2;
const FLEX_MIN: usize = 12;
/// A column at most this wide (an id, a date, "quá hạn 154 ngày") is read whole or not at
/// all: cut, it loses what it says.
const SHORT: usize = 16;

impl Table {
    pub fn new(headers: &[&str], flex: usize) -> Table {
        Table {
            headers: headers.iter().map(|s| s.to_string()).collect(),
            rows: Vec::new(),
            flex,
            droppable: Vec::new(),
        }
    }

    /// Columns that may be left out, first to last, on a terminal too narrow to show the
    /// short columns whole beside the long ones at a readable width.
    pub fn droppable(mut self, columns: &[usize]) -> Table {
        self.droppable = columns.to_vec();
        self
    }

    /// Add a row; each cell on one line (what reaches a terminal is made safe by `TerminalSafe`).
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(
            cells
                .into_iter()
                .map(|c| match one_line(&c) {
                    Cow::Borrowed(_) => c,
                    Cow::Owned(o) => o,
                })
                .collect(),
        );
    }

    /// Column widths that fit in `total` cells; `None` for a column left out.
    fn widths(&self, total: usize) -> Vec<Option<usize>> {
        let n = self.headers.len();
        let natural: Vec<usize> = (0..n)
            .map(|c| {
                // A cell wider than the whole table gives the same widths at any width.
                self.rows
                    .iter()
                    .map(|r| width_over(&r[c], total))
                    .chain([width(&self.headers[c])])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut shown: Vec<bool> = vec![true; n];
        let gaps = |shown: &[bool]| GAP * shown.iter().filter(|&&s| s).count().saturating_sub(1);
        // Short columns whole and long ones at a readable width: what a table needs.
        let needs = |shown: &[bool]| {
            gaps(shown)
                + (0..n)
                    .filter(|&c| shown[c])
                    .map(|c| match natural[c] {
                        w if w <= SHORT => w,
                        w => w.min(FLEX_MIN),
                    })
                    .sum::<usize>()
        };
        for &c in &self.droppable {
            if needs(&shown) <= total {
                break;
            }
            shown[c] = false;
        }
        let mut w: Vec<usize> = (0..n)
            .map(|c| if shown[c] { natural[c] } else { 0 })
            .collect();
        let room = total.saturating_sub(gaps(&shown));
        let out = |w: Vec<usize>| -> Vec<Option<usize>> {
            w.into_iter()
                .zip(&shown)
                .map(|(w, &s)| s.then_some(w))
                .collect()
        };
        if w.iter().sum::<usize>() <= room {
            return out(w);
        }
        let needed = |w: &[usize]| w.iter().sum::<usize>() + gaps(&shown);
        let share = (total / n.max(1)).max(FLEX_MIN);
        // Who gives width: only the long columns while the short ones fit whole beside them at
        // a readable width, else every column.
        let keep_short = needs(&shown) <= total;
        let givers: Vec<usize> = (0..n)
            .filter(|&c| shown[c] && !(keep_short && w[c] <= SHORT))
            .collect();
        // Beyond a fair share first (all but the flexible one), then the flexible one down to
        // FLEX_MIN, then the widest, a cell at a time.
        for &c in givers.iter().filter(|&&c| c != self.flex) {
            if needed(&w) > total && w[c] > share {
                w[c] -= (needed(&w) - total).min(w[c] - share);
            }
        }
        if needed(&w) > total && givers.contains(&self.flex) {
            let over = needed(&w) - total;
            w[self.flex] -= over.min(w[self.flex].saturating_sub(FLEX_MIN));
        }
        while needed(&w) > total {
            let Some(&widest) = givers.iter().max_by_key(|&&c| w[c]) else {
                break;
            };
            if w[widest] <= 4 {
                break;
            }
            w[widest] -= 1;
        }
        out(w)
    }

    pub fn render(&self, total: usize, out: &mut dyn Write) -> std::io::Result<()> {
        let w = self.widths(total);
        // One line at a time in one buffer, each cell cut and padded in place.
        let mut line = String::new();
        let mut put = |cells: &[String], out: &mut dyn Write| {
            line.clear();
            let mut first = true;
            for (c, w) in cells.iter().zip(&w) {
                let Some(w) = *w else {
                    continue; // left out
                };
                if !first {
                    line.push_str("  ");
                }
                first = false;
                fit_into(&mut line, c, w);
            }
            let kept = line.trim_end().len();
            line.truncate(kept);
            line.push('\n');
            out.write_all(line.as_bytes())
        };
        put(&self.headers, out)?;
        let rule: Vec<String> = w.iter().map(|x| "─".repeat(x.unwrap_or(0))).collect();
        put(&rule, out)?;
        for r in &self.rows {
            put(r, out)?;
        }
        Ok(())
    }
}

/// Rows as pretty JSON and a final newline.
pub fn write_json(
    out: &mut dyn Write,
    value: &impl serde::Serialize,
) -> Result<(), super::Failure> {
    serde_json::to_writer_pretty(&mut *out, value)
        .map_err(|e| super::Failure::new(super::exit::FAILED, e.to_string()))?;
    writeln!(out).map_err(|e| super::io_failure(&e))
}

/// Text for a Markdown table cell: no pipes or line breaks.
pub fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// One CSV record, quoted where needed (RFC 4180), ending in CRLF for Excel.
pub fn csv_row(fields: &[&str]) -> String {
    let mut s = String::new();
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        if f.contains([',', '"', '\n', '\r']) {
            s.push('"');
            s.push_str(&f.replace('"', "\"\""));
            s.push('"');
        } else {
            s.push_str(f);
        }
    }
    s.push_str("\r\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_fits_width_without_splitting_characters() {
        let mut t = Table::new(&["Mã", "Nội dung", "Hạn"], 1);
        t.row(vec![
            "III.1.2.3.c1.t2".into(),
            "Các Sở, ban, ngành, UBND cấp huyện, cấp xã tăng cường công tác theo dõi".into(),
            "30/11/2023".into(),
        ]);
        let mut out = Vec::new();
        t.render(50, &mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        for l in s.lines() {
            assert!(width(l) <= 50, "{l:?} is {} wide", width(l));
        }
        assert!(s.contains("…"));
    }

    fn rendered(t: &Table, w: usize) -> String {
        let mut out = Vec::new();
        t.render(w, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_droppable_column_goes_before_a_short_one_is_cut() {
        let mut t = Table::new(&["Mã", "Nội dung", "Chủ trì", "Hạn", ""], 1).droppable(&[2]);
        t.row(vec![
            "III.1.2.3.c1.t1".into(),
            "Các Sở, ban, ngành, UBND cấp huyện, cấp xã tăng cường công tác theo dõi".into(),
            "Văn phòng UBND tỉnh; Sở Nội vụ".into(),
            "30/11/2023".into(),
            "quá hạn 154 ngày".into(),
        ]);
        for w in [60, 70] {
            let s = rendered(&t, w);
            assert!(s.lines().all(|l| width(l) <= w), "{s}");
            assert!(!s.contains("Chủ trì") && !s.contains("Văn phòng"), "{s}");
            assert!(s.contains("III.1.2.3.c1.t1  Các Sở"), "{s}");
            assert!(s.contains("30/11/2023  quá hạn 154 ngày"), "{s}");
        }
        // With room for the title and the agencies at a readable width, both stay.
        let s = rendered(&t, 80);
        assert!(s.contains("Chủ trì") && s.contains("Văn phòng"), "{s}");
        assert!(s.contains("quá hạn 154 ngày"), "{s}");
        // Narrower than the short columns alone: everything is cut, nothing overflows.
        let s = rendered(&t, 30);
        assert!(s.lines().all(|l| width(l) <= 30), "{s}");
    }

    #[test]
    fn csv_quotes() {
        assert_eq!(
            csv_row(&["a", "b,c", "say \"hi\""]),
            "a,\"b,c\",\"say \"\"hi\"\"\"\r\n"
        );
    }
}
