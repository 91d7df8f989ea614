//! The edition shown and what belongs to it. Moving to another edition (the language key, or
//! the files reloaded with `--watch`) keeps the chapter, and for the language key the section,
//! being read where the other edition has them, and drops what pointed into the old text. An
//! edition's search index is built once (here, or on a thread the caller runs), its QR code
//! only when first shown. Part of `update`; draws nothing.

use std::sync::Arc;

use super::{App, Find, Mode};
use crate::content::Library;
use crate::qr::QrCode;
use crate::search::Index;

impl App {
    /// Builds what depends on the edition: its search index (once); its QR code is left to be
    /// built when shown.
    pub(super) fn enter_edition(&mut self) {
        self.indexes.resize(self.library.editions.len(), None);
        if self.indexes[self.edition].is_none() && !self.options.background_index {
            self.indexes[self.edition] = Some(Arc::new(Index::build(self.handbook())));
        }
        self.qr = None;
        self.qr_built = false;
        let n = self.handbook().chapters.len();
        self.docs = vec![None; n];
        self.scroll.resize(n, 0);
        self.chapter = self.chapter.min(n.saturating_sub(1));
        self.ensure_doc();
    }

    /// Encodes the edition's QR code if it is shown and not built yet. Called at the end of
    /// `update`, so whatever action shows it (the key, or a language switch or reload while it
    /// is open) finds it built, and the view only reads it.
    pub(super) fn build_qr(&mut self) {
        if self.mode != Mode::Qr || self.qr_built {
            return;
        }
        self.qr_built = true;
        self.qr = self
            .handbook()
            .chapters
            .iter()
            .find_map(|c| c.qr_phone())
            .and_then(QrCode::for_phone);
    }

    pub(super) fn switch_language(&mut self) {
        if self.library.editions.len() < 2 {
            return;
        }
        let next = (self.edition + 1) % self.library.editions.len();
        // The section being read: the other language's lines are not these, but its sections
        // match, by id where the editions share ids, else by place.
        let section = self
            .doc()
            .and_then(|d| d.section_at(self.top()))
            .and_then(|s| {
                let id = self.handbook().chapters[self.chapter]
                    .sections
                    .get(s)?
                    .id
                    .clone();
                Some((s, id))
            });
        // The other chapters start at their top.
        self.scroll.iter_mut().for_each(|s| *s = 0);
        self.move_to_edition(next);
        let sections = &self.handbook().chapters[self.chapter].sections;
        let found = section.and_then(|(index, id)| {
            sections
                .iter()
                .position(|s| s.id == id)
                .or((index < sections.len()).then_some(index))
        });
        if let Some(s) = found {
            self.jump_to_section(s);
        }
    }

    /// Replaces the library after the files changed on disk (`--watch`), keeping the place.
    pub(super) fn replace_library(&mut self, library: Arc<Library>) {
        let language = self.handbook().language.clone();
        let chapter = self.current_id();
        self.library = library;
        self.indexes = Vec::new();
        self.reload_error = None;
        let edition = self.library.edition_index(&language).unwrap_or(0);
        self.move_to_edition_at(edition, chapter);
    }

    fn current_id(&self) -> Option<String> {
        self.handbook()
            .chapters
            .get(self.chapter)
            .map(|c| c.id.clone())
    }

    fn move_to_edition(&mut self, edition: usize) {
        let chapter = self.current_id();
        self.move_to_edition_at(edition, chapter);
    }

    /// Shows `edition`, on the chapter with id `chapter` where it has one. What pointed into
    /// the old text (history, focus, search, open lists) is dropped.
    fn move_to_edition_at(&mut self, edition: usize, chapter: Option<String>) {
        self.edition = edition;
        self.chapter = chapter
            .and_then(|id| self.handbook().chapters.iter().position(|c| c.id == id))
            .unwrap_or(0);
        self.history.clear();
        self.focus = None;
        self.marked = None;
        self.find = Find::default();
        if matches!(self.mode, Mode::Search | Mode::Outline { .. }) {
            self.mode = Mode::Reading;
        }
        self.enter_edition();
    }
}
