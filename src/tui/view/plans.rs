//! The plans in the database (`P`), as `kehoach plans` lists them: `*` marks the default (the
//! newest import), and the plan on screen says so.
//!
//! ```text
//! Kế hoạch trong cơ sở dữ liệu: 2 (* là kế hoạch mặc định)
//! * lang-son-2024  Kế hoạch nâng cao … năm 2024                 30/11/2026 04:58
//!   lang-son-2023  Kế hoạch nâng cao … năm 2023      đang xem   28/11/2026 04:58
//! ```

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use crate::i18n::{self, M};
use crate::text::{fit, one_line, sanitize, width};
use crate::tui::state::{ListState, State};

fn row_rect(area: Rect, i: usize) -> Rect {
    Rect::new(area.x, area.y + i as u16, area.width, 1)
}

pub fn draw(f: &mut Frame<'_>, s: &State, t: Theme, area: Rect, rows: &[usize], list: &ListState) {
    let lang = s.lang;
    let w = usize::from(area.width);
    let title = M::PlansTitle.fill(lang, &[&s.plans.len()]);
    f.render_widget(
        Paragraph::new(Line::from(Span::styled(
            fit(&title, w).trim_end().to_string(),
            t.bold(),
        ))),
        row_rect(area, 0),
    );
    let idw = rows
        .iter()
        .map(|&r| width(&s.plans[r].id))
        .max()
        .unwrap_or(0);
    let shown = M::PlanShown.get(lang);
    let shownw = width(shown) + 2;
    // The import time only where the title keeps most of its width.
    let timew = if w >= 80 { 18 } else { 0 };
    let titlew = w.saturating_sub(2 + idw + 2 + shownw + timew);
    let h = usize::from(area.height).saturating_sub(1);
    for (i, &r) in rows.iter().enumerate().skip(list.offset).take(h) {
        let p = &s.plans[r];
        let selected = i == list.sel;
        let base = if selected { t.selected() } else { t.plain() };
        let mark = if r == 0 { "* " } else { "  " };
        let here = if p.id == s.plan.id() { shown } else { "" };
        let mut spans = vec![
            Span::styled(mark, base),
            Span::styled(fit(&p.id, idw), if selected { base } else { t.accent() }),
            Span::styled(
                format!("  {}", fit(&sanitize(&one_line(&p.title), false), titlew)),
                base,
            ),
            Span::styled(
                format!("  {}", fit(here, shownw - 2)),
                if selected { base } else { t.ok() },
            ),
        ];
        if timew > 0 {
            spans.push(Span::styled(
                format!("  {}", fit(&i18n::timestamp(&p.imported_at), timew - 2)),
                if selected { base } else { t.dim() },
            ));
        }
        f.render_widget(
            Paragraph::new(Line::from(spans)),
            row_rect(area, 1 + i - list.offset),
        );
    }
}
