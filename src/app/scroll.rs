//! Where the current chapter is scrolled to, and the rules that bound it. Reading moves
//! (lines, pages, the wheel) stop at the end of the chapter; jumps to a section (outline,
//! `[` `]`, links, search results) may scroll past the end, so that even the last, short
//! section's heading stands at the top of the screen. A jump marks the heading it landed on
//! until the reader moves on. Part of `update`; draws nothing.

use super::App;
use crate::action::Action;
use crate::doc::{Doc, DocLine};

/// The unit shown at `line`: on a blank line, the one that follows it (the blank belongs to
/// it), else the nearest above.
pub fn unit_at(doc: &Doc, line: usize) -> usize {
    let line = line.min(doc.lines.len().saturating_sub(1));
    let below = doc.lines.get(line..).and_then(|rest| {
        rest.iter()
            .take_while(|l| l.unit().is_none())
            .count()
            .checked_add(line)
            .and_then(|i| doc.lines.get(i))
            .and_then(DocLine::unit)
    });
    below
        .or_else(|| doc.lines.get(..=line)?.iter().rev().find_map(DocLine::unit))
        .unwrap_or(0)
}

/// The top line at which `doc` shows its last line at the bottom of `rows` rows.
pub fn end_of(doc: &Doc, rows: usize) -> usize {
    doc.lines.len().saturating_sub(rows)
}

/// The furthest a jump may scroll `doc`: far enough for its last heading to reach the top.
pub fn limit_of(doc: &Doc, rows: usize) -> usize {
    let last_heading = doc.section_line.last().copied().unwrap_or(0);
    end_of(doc, rows).max(last_heading)
}

impl App {
    /// The top line at which the chapter's last line is at the bottom of the screen.
    pub fn max_scroll(&self) -> usize {
        self.doc().map_or(0, |d| end_of(d, self.body_height()))
    }

    /// The furthest the top may be: past [`App::max_scroll`] when the last section is short.
    pub fn scroll_limit(&self) -> usize {
        self.doc().map_or(0, |d| limit_of(d, self.body_height()))
    }

    pub fn top(&self) -> usize {
        self.scroll.get(self.chapter).copied().unwrap_or(0)
    }

    fn set_top(&mut self, line: usize) {
        if let Some(s) = self.scroll.get_mut(self.chapter) {
            *s = line;
        }
    }

    /// Keeps the top in bounds after the layout, the window or the chapter changed, or a
    /// place was restored: past the end only with a heading at the top, as a jump leaves it.
    pub(super) fn clamp_scroll(&mut self) {
        let top = self.top();
        let on_heading = self.doc().is_some_and(|d| d.section_line.contains(&top));
        let ceiling = if on_heading {
            self.scroll_limit()
        } else {
            self.max_scroll()
        };
        self.set_top(top.min(ceiling));
    }

    /// Goes back to a place kept earlier (history, where a search started).
    pub(super) fn restore_top(&mut self, line: usize) {
        self.marked = None;
        self.set_top(line);
        self.clamp_scroll();
    }

    /// A reading move to `line` (top, end): within the chapter, never past its end.
    pub(super) fn scroll_to(&mut self, line: usize) {
        self.marked = None;
        let top = line.min(self.max_scroll());
        self.set_top(top);
    }

    /// A reading move by `delta` lines: down as far as the end (or no further, when a jump
    /// already went past it), up as far as the top.
    pub(super) fn scroll_by(&mut self, delta: isize) {
        self.marked = None;
        let top = self.top();
        let ceiling = self.max_scroll().max(top);
        self.set_top(top.saturating_add_signed(delta).min(ceiling));
    }

    /// Puts `line` at the top, past the end if need be (only headings are put there).
    pub(super) fn jump_to_line(&mut self, line: usize) {
        self.marked = None;
        let top = line.min(self.scroll_limit());
        self.set_top(top);
    }

    /// Puts the heading of `section` of the current chapter at the top, and marks it.
    pub(super) fn jump_to_section(&mut self, section: usize) {
        let Some(line) = self
            .doc()
            .and_then(|d| d.section_line.get(section).copied())
        else {
            return;
        };
        self.jump_to_line(line);
        self.marked = Some(section);
    }

    /// Shows `line` (a search hit) with its section's heading above it when both fit on the
    /// screen, marking that heading; else a couple of lines of context above the hit.
    pub(super) fn show_line(&mut self, line: usize) {
        let rows = self.body_height();
        let section = self.doc().and_then(|d| d.section_at(line));
        let heading = section.and_then(|s| self.doc()?.section_line.get(s).copied());
        match (section, heading) {
            (Some(s), Some(h)) if h <= line && line - h + 1 < rows => self.jump_to_section(s),
            _ => {
                let top = line.saturating_sub(2).min(self.max_scroll());
                self.jump_to_line(top);
            }
        }
    }

    /// What a tap on the scrollbar asks for, as the keys would ask it: the arrows scroll a
    /// line, the track pages towards the tap, the thumb does nothing. `None` off the bar, or
    /// when the chapter fits and no bar is drawn.
    pub(super) fn scrollbar_action(&self, column: u16, row: u16) -> Option<Action> {
        let bar = self.areas().scrollbar;
        let lines = self.doc()?.lines.len();
        let rows = usize::from(bar.height);
        if column != bar.x || row < bar.y || row >= bar.bottom() || lines <= rows || rows < 3 {
            return None;
        }
        let at = usize::from(row - bar.y);
        if at == 0 {
            return Some(Action::LineUp);
        }
        if at == rows - 1 {
            return Some(Action::LineDown);
        }
        // The track between the arrows stands for the whole chapter; the screen's share of
        // it is where the thumb is.
        let track = rows - 2;
        let at = at - 1;
        let top = self.top().min(self.max_scroll());
        let thumb_start = top * track / lines;
        let thumb_end = ((top + rows) * track).div_ceil(lines).max(thumb_start + 1);
        if at < thumb_start {
            Some(Action::PageUp)
        } else if at >= thumb_end {
            Some(Action::PageDown)
        } else {
            None
        }
    }
}
