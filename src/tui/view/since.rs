//! "Since the last meeting" (`w`): what changed since a day, by item, the item changed last
//! first.
//!
//! ```text
//! Thay đổi từ 13/11/2023 — 4 thay đổi ở 2 mục
//! III.1.2.3.c1.t1  Văn phòng UBND tỉnh chủ trì triển khai có hiệu quả việc giải…
//!   20/11/2023 09:30  minh  đánh dấu xong
//!   19/11/2023 16:05  hung  thêm ghi chú #3: Đã ban hành quy chế
//! IV.2.a  Định kỳ hằng quý, 6 tháng, năm báo cáo kết quả…
//!   18/11/2023 08:12  hung  đặt hạn riêng 20/12/2023
//! ```

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use crate::i18n::{self, M, S};
use crate::text::{fit, one_line, sanitize, width};
use crate::tui::since::SinceRow;
use crate::tui::state::{ListState, State};

fn row_rect(area: Rect, i: usize) -> Rect {
    Rect::new(area.x, area.y + i as u16, area.width, 1)
}

pub fn draw(
    f: &mut Frame<'_>,
    s: &State,
    t: Theme,
    area: Rect,
    rows: &[SinceRow],
    list: &ListState,
) {
    let lang = s.lang;
    let w = usize::from(area.width);
    let data = &s.since;
    let day = data.day.map(i18n::date).unwrap_or_default();
    let changes: usize = data.groups.iter().map(|g| g.changes.len()).sum();
    let counts: [&dyn std::fmt::Display; 3] = [&day, &changes, &data.groups.len()];
    let title = M::SinceTitle.fill(lang, &counts);
    // Narrow, a shorter title rather than its counts cut.
    let title = if crate::text::width(&title) <= w {
        title
    } else {
        M::SinceTitleShort.fill(lang, &counts)
    };
    f.render_widget(
        Paragraph::new(Line::from(Span::styled(
            fit(&title, w).trim_end().to_string(),
            t.bold(),
        ))),
        row_rect(area, 0),
    );
    if area.height < 2 {
        return;
    }
    if !data.loaded || rows.is_empty() {
        let text = if !data.loaded {
            S::TuiLoading.get(lang).to_string()
        } else if changes == 0 {
            S::NoChangesSince.fill(lang, &[&day])
        } else {
            S::NoMatches.get(lang).to_string()
        };
        f.render_widget(Paragraph::new(text), row_rect(area, 1));
        return;
    }
    // Times in full when there is room, else day/month and time.
    let long_time = w >= 60;
    let whow = data
        .groups
        .iter()
        .flat_map(|g| g.changes.iter().map(|c| width(&sanitize(&c.who, false))))
        .max()
        .unwrap_or(0)
        .min(if w >= 100 { 16 } else { 10 });
    let h = usize::from(area.height).saturating_sub(1);
    for (i, row) in rows.iter().enumerate().skip(list.offset).take(h) {
        let group = &data.groups[row.group];
        let selected = i == list.sel;
        let base = if selected { t.selected() } else { t.plain() };
        let spans = match row.change {
            None => {
                let (id, title) = match group.item {
                    Some(ix) => (
                        s.plan.node(ix).id.clone(),
                        sanitize(&s.plan.node(ix).title, false).into_owned(),
                    ),
                    None => match &group.item_id {
                        Some(id) => (sanitize(id, false).into_owned(), String::new()),
                        None => (S::ChangesPlanWide.get(lang).to_string(), String::new()),
                    },
                };
                let rest = w.saturating_sub(width(&id) + 2);
                vec![
                    Span::styled(id, if selected { base } else { t.accent() }),
                    Span::styled(
                        format!("  {}", fit(&title, rest)),
                        if selected { base } else { t.dim() },
                    ),
                ]
            }
            Some(c) => {
                let c = &group.changes[c];
                let at = i18n::timestamp(&c.at);
                // "20/11/2023 09:30" → "20/11 09:30" when narrow.
                let at = if long_time || at.len() != 16 {
                    at
                } else {
                    format!("{}{}", &at[..5], &at[10..])
                };
                let who = fit(&sanitize(&c.who, false), whow);
                let lead = format!("  {at}  {who}  ");
                let rest = w.saturating_sub(width(&lead));
                vec![
                    Span::styled(lead, if selected { base } else { t.dim() }),
                    Span::styled(fit(&sanitize(&one_line(&c.what), false), rest), base),
                ]
            }
        };
        f.render_widget(
            Paragraph::new(Line::from(spans)),
            row_rect(area, 1 + i - list.offset),
        );
    }
}

/// The footer's first line while the day is typed, and where the cursor goes.
pub fn prompt_line(
    t: Theme,
    lang: crate::i18n::Lang,
    p: &crate::tui::since::DateInput,
) -> (Line<'static>, Option<usize>) {
    let prompt = M::SincePrompt.get(lang).to_string();
    let input = sanitize(&p.input, false).into_owned();
    let x = width(&prompt) + width(&input);
    (
        Line::from(vec![Span::styled(prompt, t.accent()), Span::raw(input)]),
        Some(x),
    )
}

/// The keys of the "since" and plans lists; in the tree, `tree_keys` with `w` and `P` before
/// `? giúp` when the width has room for them. None where the footer's own keys stand.
pub fn keys(s: &State, tree_keys: &str, w: usize) -> Option<String> {
    use crate::tui::state::Mode;
    let lang = s.lang;
    // Under 60 columns the keys that open and leave come first, so q stays on screen.
    let narrow = s.size.0 < 60;
    let text = match &s.mode {
        m if m.list().is_some_and(|l| l.typing) => return None,
        Mode::Tree => {
            let extra = M::KeysMeeting.get(lang);
            let at = tree_keys.find("  ? ")?;
            let keys = format!("{}  {extra}{}", &tree_keys[..at], &tree_keys[at..]);
            return (width(&keys) <= w).then_some(keys);
        }
        Mode::Since {
            prompt: Some(_), ..
        } => M::KeysSincePrompt,
        Mode::Since { .. } if narrow => M::KeysSinceNarrow,
        Mode::Since { .. } => M::KeysSince,
        Mode::Plans { .. } if narrow => M::KeysPlansNarrow,
        Mode::Plans { .. } => M::KeysPlans,
        _ => return None,
    };
    Some(text.get(lang).to_string())
}
