//! How each mode answers actions: reading (scroll, chapters, sections, links, history), the
//! help and outline overlays, the search prompt, and clicks. Part of `update`; draws nothing.

use super::{App, Mode, Place};
use crate::action::Action;
use crate::layout;

/// Lines moved by one turn of the mouse wheel.
const WHEEL_LINES: usize = 3;

impl App {
    pub(super) fn go_to_chapter(&mut self, chapter: usize) {
        if chapter < self.handbook().chapters.len() && chapter != self.chapter {
            self.chapter = chapter;
            self.focus = None;
            self.marked = None;
            self.ensure_doc();
        }
    }

    /// Page size: a screenful less one line of overlap, so the reader keeps their place.
    fn page(&self) -> isize {
        isize::try_from(self.body_height().saturating_sub(1).max(1)).unwrap_or(1)
    }

    pub(super) fn update_reading(&mut self, action: Action) {
        let chapters = self.handbook().chapters.len();
        match action {
            Action::NextChapter => self.go_to_chapter((self.chapter + 1) % chapters),
            Action::PrevChapter => self.go_to_chapter((self.chapter + chapters - 1) % chapters),
            Action::GoToChapter(c) => self.go_to_chapter(c),
            Action::LineUp => self.scroll_by(-1),
            Action::LineDown => self.scroll_by(1),
            Action::WheelUp => self.scroll_by(-(WHEEL_LINES as isize)),
            Action::WheelDown => self.scroll_by(WHEEL_LINES as isize),
            Action::PageUp => self.scroll_by(-self.page()),
            Action::PageDown => self.scroll_by(self.page()),
            Action::Top => self.scroll_to(0),
            Action::Bottom => self.scroll_to(usize::MAX),
            Action::NextSection => {
                let top = self.top();
                if let Some(section) = self
                    .doc()
                    .and_then(|d| d.section_line.iter().position(|l| *l > top))
                {
                    self.jump_to_section(section);
                }
            }
            Action::PrevSection => {
                let top = self.top();
                match self
                    .doc()
                    .and_then(|d| d.section_line.iter().rposition(|l| *l < top))
                {
                    Some(section) => self.jump_to_section(section),
                    None => self.scroll_to(0),
                }
            }
            Action::Outline => {
                let top = self.top();
                let selected = self.doc().and_then(|d| d.section_at(top)).unwrap_or(0);
                self.mode = Mode::Outline { selected };
            }
            Action::NextLink => self.move_focus(true),
            Action::PrevLink => self.move_focus(false),
            Action::Follow => {
                if let Some(unit) = self.focus {
                    self.follow(unit);
                }
            }
            Action::Back => {
                if let Some(place) = self.history.pop() {
                    self.go_to_chapter(place.chapter);
                    self.restore_top(place.scroll);
                    self.focus = None;
                }
            }
            Action::Search => self.open_search(),
            Action::NextHit => self.step_hit(true),
            Action::PrevHit => self.step_hit(false),
            Action::Cancel => {
                if self.mode == Mode::Qr {
                    self.mode = Mode::Reading;
                } else if self.focus.is_some() {
                    self.focus = None;
                } else {
                    self.find.showing = false;
                }
            }
            Action::Click { column, row } => self.click(column, row),
            _ => {}
        }
        self.drop_hidden_focus();
    }

    fn follow(&mut self, unit: usize) {
        let Some(target) = self
            .handbook()
            .chapters
            .get(self.chapter)
            .and_then(|c| c.units.get(unit))
            .and_then(|u| u.kind.target())
        else {
            return;
        };
        self.history.push(Place {
            chapter: self.chapter,
            scroll: self.top(),
        });
        self.chapter = target.chapter();
        self.focus = None;
        self.ensure_doc();
        match target.section() {
            Some(section) => self.jump_to_section(section),
            None => self.jump_to_line(0),
        }
    }

    /// The help's lines for the current window, language and handbook.
    pub fn help_lines(&self) -> Vec<crate::layout::help::HelpLine> {
        let rows = crate::keymap::help_rows(
            self.text(),
            self.options.kiosk,
            self.options.look.glyphs.ascii,
            self.handbook().chapters.len(),
        );
        crate::layout::help::lines(
            self.areas().body,
            self.text(),
            self.handbook(),
            self.reload_error.as_deref(),
            &rows,
            self.options.look.glyphs.ascii,
        )
    }

    pub(super) fn update_help(&mut self, action: Action) {
        let Mode::Help { scroll } = self.mode else {
            return;
        };
        let scroll = match action {
            Action::LineDown | Action::SelectNext | Action::WheelDown => scroll + 1,
            Action::LineUp | Action::SelectPrev | Action::WheelUp => scroll.saturating_sub(1),
            Action::PageDown => scroll + self.body_height(),
            Action::PageUp => scroll.saturating_sub(self.body_height()),
            Action::Top => 0,
            Action::Bottom => usize::MAX / 2,
            Action::Cancel | Action::Click { .. } => {
                self.mode = Mode::Reading;
                return;
            }
            _ => scroll,
        };
        // Never past the end: a key that scrolls must move what the reader sees.
        let max = crate::layout::help::max_scroll(self.areas().body, self.help_lines().len());
        self.mode = Mode::Help {
            scroll: scroll.min(max),
        };
    }

    pub(super) fn update_outline(&mut self, action: Action) {
        let Mode::Outline { selected } = self.mode else {
            return;
        };
        let last = self.handbook().chapters[self.chapter]
            .sections
            .len()
            .saturating_sub(1);
        let selected = match action {
            Action::SelectNext | Action::LineDown | Action::WheelDown => (selected + 1).min(last),
            Action::SelectPrev | Action::LineUp | Action::WheelUp => selected.saturating_sub(1),
            Action::Top => 0,
            Action::Bottom => last,
            Action::Choose => {
                self.mode = Mode::Reading;
                self.jump_to_section(selected);
                return;
            }
            Action::Cancel | Action::Outline => {
                self.mode = Mode::Reading;
                return;
            }
            Action::Click { column, row } => {
                let list = layout::outline_list(self.width, self.height, last + 1);
                let offset = layout::list_offset(selected, list.height);
                match layout::list_entry(list, offset, column, row) {
                    Some(i) if i <= last => {
                        self.mode = Mode::Outline { selected: i };
                        return self.update_outline(Action::Choose);
                    }
                    _ => selected,
                }
            }
            _ => selected,
        };
        self.mode = Mode::Outline { selected };
    }

    fn click(&mut self, column: u16, row: u16) {
        if layout::too_small(self.width, self.height) {
            return;
        }
        if let Some(action) = self.scrollbar_action(column, row) {
            return self.update_reading(action);
        }
        let areas = self.areas();
        if row == areas.tabs.y {
            let labels: Vec<&str> = self
                .handbook()
                .chapters
                .iter()
                .map(|c| c.tab.as_str())
                .collect();
            let ellipsis = self.options.look.glyphs.ellipsis;
            let hit = layout::tabs::tabs(&labels, self.chapter, self.width, ellipsis)
                .into_iter()
                .find(|tab| tab.contains(column));
            if let Some(tab) = hit {
                self.go_to_chapter(tab.chapter);
            }
            return;
        }
        if row >= areas.body.y && row < areas.body.y + areas.body.height {
            let line = self.top() + usize::from(row - areas.body.y);
            let unit = self
                .doc()
                .and_then(|d| d.lines.get(line))
                .and_then(crate::doc::DocLine::unit);
            if let Some(unit) = unit
                && self.handbook().chapters[self.chapter].units[unit]
                    .kind
                    .target()
                    .is_some()
            {
                self.follow(unit);
            }
        }
    }
}
