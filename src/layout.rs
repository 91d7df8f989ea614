//! Screen geometry shared by the view (to draw) and `update` (to page, and to know what a click
//! hit): where the tab bar, body, text column and status line are for a window size, and where
//! each tab stands (`tabs`). Pure functions of sizes and labels; no drawing, no state.

use crate::doc::MAX_TEXT_WIDTH;
use ratatui::layout::{Position, Rect};

pub mod help;
pub mod tabs;

/// Smallest window the interface is drawn in; below it a short message asks for more room.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub tabs: Rect,
    pub body: Rect,
    /// The text column inside the body: centred, at most [`MAX_TEXT_WIDTH`] wide.
    pub text: Rect,
    pub scrollbar: Rect,
    pub status: Rect,
}

pub fn too_small(width: u16, height: u16) -> bool {
    width < MIN_WIDTH || height < MIN_HEIGHT
}

/// The areas for a window of `width` × `height`. Only meaningful when not [`too_small`].
pub fn areas(width: u16, height: u16) -> Areas {
    let tabs = Rect::new(0, 0, width, 1);
    let status = Rect::new(0, height.saturating_sub(1), width, 1);
    let body = Rect::new(0, 1, width, height.saturating_sub(2));
    let scrollbar = Rect::new(width.saturating_sub(1), body.y, 1, body.height);
    // One column of margin each side, one for the scrollbar.
    let room = width.saturating_sub(3);
    let text_width = room.min(MAX_TEXT_WIDTH);
    let left = 1 + (room - text_width) / 2;
    let text = Rect::new(left, body.y, text_width, body.height);
    Areas {
        tabs,
        body,
        text,
        scrollbar,
        status,
    }
}

/// A box of at most `width` × `height` centred in `area`.
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The inside of a bordered box.
pub fn inner(r: Rect) -> Rect {
    Rect::new(
        r.x.saturating_add(1),
        r.y.saturating_add(1),
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    )
}

/// The outline's box, for a chapter of `sections` sections.
pub fn outline_box(width: u16, height: u16, sections: usize) -> Rect {
    let rows = u16::try_from(sections)
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    centred(areas(width, height).body, 60, rows)
}

/// The rows the outline's entries stand in.
pub fn outline_list(width: u16, height: u16, sections: usize) -> Rect {
    inner(outline_box(width, height, sections))
}

/// The rows the search results stand in, below the prompt and the count.
pub fn results_list(width: u16, height: u16) -> Rect {
    let i = inner(areas(width, height).body);
    Rect::new(
        i.x,
        i.y.saturating_add(2),
        i.width,
        i.height.saturating_sub(2),
    )
}

/// The first entry shown of a list of `rows` rows, so that `selected` is in view.
pub fn list_offset(selected: usize, rows: u16) -> usize {
    selected.saturating_sub(usize::from(rows.max(1)) - 1)
}

/// The list entry at a clicked cell, if the click fell on the list.
pub fn list_entry(list: Rect, offset: usize, column: u16, row: u16) -> Option<usize> {
    list.contains(Position::new(column, row))
        .then(|| offset + usize::from(row - list.y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_capped_and_centred() {
        let a = areas(200, 40);
        assert_eq!(a.text.width, MAX_TEXT_WIDTH);
        assert_eq!(a.text.x, 1 + (197 - 100) / 2);
        let b = areas(80, 24);
        assert_eq!(b.text, Rect::new(1, 1, 77, 22));
        assert_eq!(b.status.y, 23);
    }

    #[test]
    fn clicks_map_to_list_entries_only_inside_the_list() {
        let list = Rect::new(10, 5, 20, 4);
        assert_eq!(list_entry(list, 7, 10, 5), Some(7));
        assert_eq!(list_entry(list, 7, 29, 8), Some(10));
        assert_eq!(list_entry(list, 7, 9, 5), None, "left of the box");
        assert_eq!(list_entry(list, 7, 10, 9), None, "below the list");
        assert_eq!(list_offset(30, 4), 27);
        assert_eq!(list_offset(2, 4), 0);
        assert_eq!(list_offset(5, 0), 5);
    }
}
