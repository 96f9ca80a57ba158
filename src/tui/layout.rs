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

/// Width of one cell of the agency matrix.
pub const MATRIX_CELL: usize = 10;
/// Room kept at the right of the matrix for the count of columns hidden there ("12 ▸").
pub const MATRIX_MARK: usize = 6;

/// How the agency matrix fills the width: the agency column, and how many cells show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatrixCols {
    pub name: usize,
    pub visible: usize,
}

/// The matrix at `w` columns with `columns` cells a row and names up to `longest` wide. Names
/// are not cut while there is room; when not every cell fits, the agency column keeps a third
/// of the width (whole names at 150–200 columns), or on narrow screens two fifths (16 to 30),
/// room is kept for the count of hidden cells, and what is left over goes back to the names.
pub fn matrix_cols(w: usize, columns: usize, longest: usize) -> MatrixCols {
    let want = longest + 1;
    if w >= want + columns * MATRIX_CELL {
        return MatrixCols {
            name: want,
            visible: columns,
        };
    }
    let least = want.min((w * 2 / 5).clamp(16, 30).max(w / 3));
    if w >= least + columns * MATRIX_CELL {
        return MatrixCols {
            name: w - columns * MATRIX_CELL,
            visible: columns,
        };
    }
    let visible = (w.saturating_sub(least + MATRIX_MARK) / MATRIX_CELL).max(1);
    MatrixCols {
        name: w
            .saturating_sub(MATRIX_MARK + visible * MATRIX_CELL)
            .clamp(1, want),
        visible,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_matrix_uses_the_width_it_has() {
        // Wide: whole names, every cell.
        assert_eq!(
            matrix_cols(200, 4, 60),
            MatrixCols {
                name: 61,
                visible: 4
            }
        );
        // Every cell fits but not the longest name: names get what the cells leave.
        assert_eq!(
            matrix_cols(80, 4, 60),
            MatrixCols {
                name: 40,
                visible: 4
            }
        );
        // Not every cell fits: room for the hidden-count mark, never fewer than one cell.
        let c = matrix_cols(60, 12, 60);
        assert_eq!(c.visible, 3);
        assert!(c.name + c.visible * MATRIX_CELL + MATRIX_MARK <= 60);
        assert_eq!(matrix_cols(40, 12, 60).visible, 1);
        let c = matrix_cols(120, 12, 40);
        assert_eq!(
            (c.name, c.visible),
            (41, 7),
            "whole names, then the cells that fit"
        );
        let c = matrix_cols(120, 12, 70);
        assert_eq!(c.name + c.visible * MATRIX_CELL + MATRIX_MARK, 120);
        assert!(c.name >= 40, "{c:?}");
        // 27 sections at 200 columns: the names stay whole, the cells scroll.
        let c = matrix_cols(200, 27, 50);
        assert_eq!(c.name, 51);
        assert!(c.visible < 27);
    }
}
