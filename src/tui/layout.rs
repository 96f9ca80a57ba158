//! Where each region goes, shared by drawing, by `update` (page sizes, scrolling) and by the
//! state: plain geometry from the terminal's size, so the arrows run one way (state, update,
//! keys and view all use it; it uses none of them).
//!
//! ```text
//! ┌──────────────────────────────────────────────┐
//! │ header: title · today                        │ 3 rows
//! │ deadlines with countdowns                    │
//! │ progress per index · filter                  │
//! ├───────────────────────┬──────────────────────┤
//! │ tree                  │ detail               │ wide (≥ 100 columns): side by side
//! ├───────────────────────┴──────────────────────┤
//! │ footer: message / input                      │ 2 rows
//! │ keys of this mode                            │
//! └──────────────────────────────────────────────┘
//! ```
//! Narrow screens put the detail under the tree (Enter on a task gives it the whole body);
//! under 40×10 only a "too small" message is drawn.

use ratatui::layout::Rect;

pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
pub const WIDE: u16 = 100;
const HEADER: u16 = 3;
const FOOTER: u16 = 2;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    pub too_small: bool,
    pub wide: bool,
    pub header: Rect,
    /// Everything between header and footer.
    pub body: Rect,
    pub tree: Rect,
    /// The detail's title row (narrow) or separator column (wide).
    pub divider: Rect,
    pub detail: Rect,
    pub footer: Rect,
}

pub fn areas((w, h): (u16, u16)) -> Areas {
    let full = Rect::new(0, 0, w, h);
    if w < MIN_WIDTH || h < MIN_HEIGHT {
        return Areas {
            too_small: true,
            body: full,
            ..Areas::default()
        };
    }
    let header = Rect::new(0, 0, w, HEADER);
    let footer = Rect::new(0, h - FOOTER, w, FOOTER);
    let body = Rect::new(0, HEADER, w, h - HEADER - FOOTER);
    let wide = w >= WIDE;
    let (tree, divider, detail) = if wide {
        let tw = (w * 9 / 20).max(MIN_WIDTH);
        (
            Rect::new(0, body.y, tw, body.height),
            Rect::new(tw, body.y, 1, body.height),
            Rect::new(tw + 1, body.y, w - tw - 1, body.height),
        )
    } else {
        let th = (body.height * 11 / 20).max(3);
        let dh = body.height - th;
        (
            Rect::new(0, body.y, w, th),
            Rect::new(0, body.y + th, w, 1.min(dh)),
            Rect::new(0, body.y + th + 1, w, dh.saturating_sub(1)),
        )
    };
    Areas {
        too_small: false,
        wide,
        header,
        body,
        tree,
        divider,
        detail,
        footer,
    }
}
