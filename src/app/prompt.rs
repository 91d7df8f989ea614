//! How the search prompt and search hits answer actions: typing, choosing a result, and n / N
//! across chapters. Part of `update`; the search itself is in `crate::search`.

use super::{App, Mode, Place};
use crate::action::Action;
use crate::content::clean::clean;
use crate::search::MAX_QUERY_CHARS;

impl App {
    /// Opens an empty prompt: typing always starts a new query, and the last one is forgotten.
    pub(super) fn open_search(&mut self) {
        self.find.clear();
        self.find.origin = Some(self.place());
        self.mode = Mode::Search;
    }

    pub(super) fn place(&self) -> Place {
        Place {
            chapter: self.chapter,
            scroll: self.top(),
        }
    }

    /// Remembers `place` for Back, unless it is already the last place remembered.
    pub(super) fn remember(&mut self, place: Place) {
        if self.history.last() != Some(&place) {
            self.history.push(place);
        }
    }

    pub(super) fn rerun(&mut self) {
        let index = self.indexes.get(self.edition).and_then(Option::as_deref);
        self.find.run(index, &self.library.editions[self.edition]);
    }

    fn push_text(&mut self, text: &str) {
        let room = MAX_QUERY_CHARS.saturating_sub(self.find.query.chars().count());
        // Cleaned like content: a pasted escape sequence arrives as harmless letters. Any run
        // of spaces, tabs or line breaks becomes one space, so a typed Space and the spaces
        // inside a paste are kept, and a query stays on one line.
        let mut cleaned = String::new();
        let mut space = self.find.query.is_empty() || self.find.query.ends_with(' ');
        for c in clean(text).chars() {
            if c.is_whitespace() {
                if !space {
                    cleaned.push(' ');
                }
                space = true;
            } else {
                cleaned.push(c);
                space = false;
            }
        }
        let cleaned: String = cleaned.chars().take(room).collect();
        if cleaned.is_empty() {
            return;
        }
        self.find.query.push_str(&cleaned);
        self.rerun();
    }

    pub(super) fn update_search(&mut self, action: Action) {
        match action {
            Action::Type(c) => self.push_text(c.encode_utf8(&mut [0; 4])),
            Action::Paste(text) => self.push_text(&text),
            Action::DeleteChar if self.find.query.pop().is_some() => self.rerun(),
            Action::ClearInput => {
                self.find.query.clear();
                self.rerun();
            }
            Action::SelectNext | Action::WheelDown => {
                let last = self.find.hits().len().saturating_sub(1);
                self.find.selected = (self.find.selected + 1).min(last);
            }
            Action::SelectPrev | Action::WheelUp => {
                self.find.selected = self.find.selected.saturating_sub(1);
            }
            Action::PageDown => {
                let last = self.find.hits().len().saturating_sub(1);
                self.find.selected = (self.find.selected + self.body_height()).min(last);
            }
            Action::PageUp => {
                self.find.selected = self.find.selected.saturating_sub(self.body_height());
            }
            Action::Choose => self.open_result(self.find.selected),
            Action::Click { column, row } => {
                let list = crate::layout::results_list(self.width, self.height);
                let offset = crate::layout::list_offset(self.find.selected, list.height);
                if let Some(index) = crate::layout::list_entry(list, offset, column, row)
                    && index < self.find.hits().len()
                {
                    self.open_result(index);
                }
            }
            Action::Cancel => {
                // Back to where the reader was, with no trace of the search.
                if let Some(place) = self.find.origin {
                    self.go_to_chapter(place.chapter);
                    if let Some(s) = self.scroll.get_mut(place.chapter) {
                        *s = place.scroll;
                    }
                    // The window may have changed size while the prompt was open.
                    self.clamp_scroll();
                }
                self.find.clear();
                self.mode = Mode::Reading;
            }
            _ => {}
        }
    }

    fn open_result(&mut self, ranked: usize) {
        let Some(hit) = self.find.hits().get(ranked).copied() else {
            return;
        };
        // Back returns to where the reader was before the prompt opened.
        if let Some(origin) = self.find.origin {
            self.remember(origin);
        }
        let current = self
            .find
            .reading
            .binary_search(&(hit.chapter, hit.unit))
            .ok();
        self.find.current = current;
        self.find.showing = true;
        self.mode = Mode::Reading;
        self.show_hit(hit.chapter, hit.unit);
    }

    fn show_hit(&mut self, chapter: usize, unit: usize) {
        self.go_to_chapter(chapter);
        let line = self
            .doc()
            .and_then(|d| d.unit_line.get(unit).copied())
            .unwrap_or(0);
        self.show_line(line);
    }

    pub(super) fn step_hit(&mut self, forward: bool) {
        let total = self.find.reading.len();
        if total == 0 {
            return;
        }
        let next = match (self.find.current, forward) {
            (None, true) => 0,
            (None, false) => total - 1,
            (Some(i), true) => (i + 1) % total,
            (Some(i), false) => (i + total - 1) % total,
        };
        let here = self.place();
        self.remember(here);
        self.find.current = Some(next);
        self.find.showing = true;
        let (chapter, unit) = self.find.reading[next];
        self.show_hit(chapter, unit);
    }
}
