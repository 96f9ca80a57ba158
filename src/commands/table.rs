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
}

const GAP: usize = 2;
const FLEX_MIN: usize = 12;

impl Table {
    pub fn new(headers: &[&str], flex: usize) -> Table {
        Table {
            headers: headers.iter().map(|s| s.to_string()).collect(),
            rows: Vec::new(),
            flex,
        }
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

    /// Column widths that fit in `total` cells.
    fn widths(&self, total: usize) -> Vec<usize> {
        let n = self.headers.len();
        let mut w: Vec<usize> = (0..n)
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
        let needed = |w: &[usize]| w.iter().sum::<usize>() + GAP * (n.saturating_sub(1));
        // Other columns give up width beyond a fair share first, then the flexible one down
        // to FLEX_MIN, then whichever column is widest.
        let share = (total / n.max(1)).max(12);
        for c in 0..n {
            if c != self.flex && needed(&w) > total && w[c] > share {
                let over = needed(&w) - total;
                w[c] -= over.min(w[c] - share);
            }
        }
        if needed(&w) > total {
            let over = needed(&w) - total;
            let give = over.min(w[self.flex].saturating_sub(FLEX_MIN));
            w[self.flex] -= give;
        }
        while needed(&w) > total {
            let (widest, &max) = w.iter().enumerate().max_by_key(|(_, x)| **x).unwrap();
            if max <= 4 {
                break;
            }
            w[widest] -= 1;
        }
        w
    }

    pub fn render(&self, total: usize, out: &mut dyn Write) -> std::io::Result<()> {
        let w = self.widths(total);
        // One line at a time in one buffer, each cell cut and padded in place.
        let mut line = String::new();
        let mut put = |cells: &[String], out: &mut dyn Write| {
            line.clear();
            for (i, c) in cells.iter().enumerate() {
                if i > 0 {
                    line.push_str("  ");
                }
                fit_into(&mut line, c, w[i]);
            }
            let kept = line.trim_end().len();
            line.truncate(kept);
            line.push('\n');
            out.write_all(line.as_bytes())
        };
        put(&self.headers, out)?;
        let rule: Vec<String> = w.iter().map(|&x| "─".repeat(x)).collect();
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

    #[test]
    fn csv_quotes() {
        assert_eq!(
            csv_row(&["a", "b,c", "say \"hi\""]),
            "a,\"b,c\",\"say \"\"hi\"\"\"\r\n"
        );
    }
}
