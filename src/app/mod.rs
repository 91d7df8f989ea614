//! The application state and the one function that changes it, `update(Action)`. Everything a
//! screen shows is derived from an `App`; nothing here draws, reads keys or touches the
//! terminal, and time arrives as a value so tests control the clock.

mod find;
mod idle;
mod links;
mod options;
mod prompt;
mod reading;
mod scroll;

use std::sync::Arc;
use std::time::Duration;

pub use find::{Find, RESULT_RANGES};
pub use idle::Idle;
pub use options::{Look, Options};

use crate::action::Action;
use crate::content::{Handbook, Library};
use crate::doc::{Doc, DocContext, Figures};
use crate::i18n::Text;
use crate::keymap::Context;
use crate::layout;
use crate::qr::QrCode;
use crate::search::Index;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// The kiosk welcome screen.
    Home,
    Reading,
    Help {
        scroll: usize,
    },
    Outline {
        selected: usize,
    },
    Search,
    Qr,
}

/// A short word for the status line about the last action, until the next input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message {
    /// `f` / `F` in a chapter without links.
    NoLinks,
}

/// A place to come back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub chapter: usize,
    pub scroll: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct App {
    library: Arc<Library>,
    pub options: Options,
    pub edition: usize,
    pub chapter: usize,
    pub mode: Mode,
    /// Top line shown, per chapter of the current edition.
    pub scroll: Vec<usize>,
    pub width: u16,
    pub height: u16,
    /// Each chapter laid out for the current text width, built when first shown.
    docs: Vec<Option<Doc>>,
    /// The focused cross-reference: a unit index of the current chapter.
    pub focus: Option<usize>,
    /// The section of the current chapter whose heading the last jump landed on.
    pub marked: Option<usize>,
    /// What the status line says about the last action.
    pub message: Option<Message>,
    pub history: Vec<Place>,
    pub find: Find,
    /// Per edition; shared so a background thread can build one (see `index_wanted`).
    indexes: Vec<Option<Arc<Index>>>,
    pub idle: Idle,
    /// The current edition's QR code, built the first time it is shown in the edition (see
    /// `build_qr`): encoding it costs about a tenth of start-up and most readers never ask.
    pub qr: Option<QrCode>,
    /// Whether `qr` has been built for the current edition (it stays `None` when the edition
    /// has no number that can be encoded).
    qr_built: bool,
    pub quit: bool,
    /// Counts the times the whole screen must be written again (Ctrl-L, a kiosk reset); the
    /// terminal redraws every cell when it changes.
    pub full_redraws: u64,
    /// The problem with the handbook files on disk, while `--watch` shows the last good copy.
    pub reload_error: Option<String>,
}

impl App {
    pub fn new(library: Arc<Library>, options: Options, now: Duration) -> App {
        let edition = options
            .language
            .as_deref()
            .and_then(|l| library.edition_for(l))
            .unwrap_or(0);
        let chapters = library.editions[edition].chapters.len();
        let mut app = App {
            mode: if options.kiosk {
                Mode::Home
            } else {
                Mode::Reading
            },
            idle: Idle::new(now),
            library,
            options,
            edition,
            chapter: 0,
            scroll: vec![0; chapters],
            width: 0,
            height: 0,
            docs: vec![None; chapters],
            focus: None,
            marked: None,
            message: None,
            history: Vec::new(),
            find: Find::default(),
            indexes: Vec::new(),
            qr: None,
            qr_built: false,
            quit: false,
            full_redraws: 0,
            reload_error: None,
        };
        app.enter_edition();
        app
    }

    /// Builds what depends on the edition: its search index (once); its QR code is left to be
    /// built when shown.
    fn enter_edition(&mut self) {
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

    pub fn library(&self) -> &Library {
        &self.library
    }

    /// A shared handle on the library, for work done on another thread.
    pub fn library_arc(&self) -> Arc<Library> {
        Arc::clone(&self.library)
    }

    pub fn handbook(&self) -> &Handbook {
        &self.library.editions[self.edition]
    }

    /// The interface's words, in the current edition's language.
    pub fn text(&self) -> &Text {
        &self.handbook().text
    }

    pub fn index(&self) -> Option<&Index> {
        self.indexes.get(self.edition).and_then(Option::as_deref)
    }

    /// The edition whose search index is still to be built, when building it is left to the
    /// caller (`Options::background_index`). The answer comes back as `Action::IndexReady`.
    pub fn index_wanted(&self) -> Option<usize> {
        self.indexes
            .get(self.edition)
            .is_some_and(Option::is_none)
            .then_some(self.edition)
    }

    /// The current chapter's layout, once a size is known.
    pub fn doc(&self) -> Option<&Doc> {
        self.docs.get(self.chapter).and_then(Option::as_ref)
    }

    pub fn areas(&self) -> layout::Areas {
        layout::areas(self.width, self.height)
    }

    pub fn body_height(&self) -> usize {
        usize::from(self.areas().body.height)
    }

    /// Which key table applies now.
    pub fn context(&self) -> Context {
        match self.mode {
            Mode::Home => Context::Home,
            Mode::Search => Context::Prompt,
            Mode::Help { .. } | Mode::Outline { .. } => Context::List,
            Mode::Reading | Mode::Qr => Context::Reader,
        }
    }

    fn doc_context(&self) -> DocContext<'_> {
        doc_context(self.text(), &self.options)
    }

    /// Lays out chapter `c` for `width` columns. The first chapter opens with the handbook's
    /// title, organisation and disclaimer, so a reader who never sees the kiosk's welcome
    /// screen or the printed copy still meets them.
    fn build_doc(&self, c: usize, width: u16) -> Doc {
        let handbook = self.handbook();
        let mut doc = Doc::build(&handbook.chapters[c], width, self.doc_context());
        if c == 0 {
            let separator = self.options.look.glyphs.separator;
            let title = format!("{}{separator}{}", handbook.title, handbook.organisation);
            doc.prepend(&[&title, &handbook.disclaimer]);
        }
        doc
    }

    /// Encodes the edition's QR code if it is shown and not built yet. Called at the end of
    /// `update`, so whatever action shows it (the key, or a language switch or reload while it
    /// is open) finds it built, and the view only reads it.
    fn build_qr(&mut self) {
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

    /// Lays out the current chapter for the current width, if not done yet.
    fn ensure_doc(&mut self) {
        if self.width == 0 {
            // No size yet, or none since the handbook was reloaded: no line is known to show.
            if self.doc().is_none() {
                self.clamp_scroll();
            }
            return;
        }
        let width = self.areas().text.width;
        if self.docs.get(self.chapter).is_some_and(Option::is_none) {
            self.docs[self.chapter] = Some(self.build_doc(self.chapter, width));
        }
        self.clamp_scroll();
    }

    /// The one place the state changes. `now` is the time since start, from the caller's clock.
    pub fn update(&mut self, action: Action, now: Duration) {
        // The key that dismisses the idle notice only dismisses it. On the home screen there is
        // nothing to lose, so no notice is shown there and keys act as usual.
        if action.is_input() && self.idle.input(now) && self.mode != Mode::Home {
            return;
        }
        if action.is_input() {
            self.message = None;
        }
        match action {
            Action::Tick => {
                if self.idle.tick(now, self.options.idle_timeout) {
                    self.reset(now);
                }
            }
            Action::Resize { width, height } => self.resize(width, height),
            Action::Redraw => self.full_redraws += 1,
            Action::Quit => {
                if self.options.kiosk {
                    self.reset(now);
                } else {
                    self.quit = true;
                }
            }
            Action::Start => {
                if self.mode == Mode::Home {
                    self.mode = Mode::Reading;
                }
            }
            Action::SwitchLanguage => self.switch_language(),
            Action::Help => {
                self.mode = match self.mode {
                    Mode::Help { .. } => Mode::Reading,
                    _ => Mode::Help { scroll: 0 },
                }
            }
            Action::Qr => {
                self.mode = if self.mode == Mode::Qr {
                    Mode::Reading
                } else {
                    Mode::Qr
                };
            }
            Action::Touch => {}
            Action::Reloaded(library) => self.replace_library(library),
            Action::ReloadFailed(error) => self.reload_error = Some(error),
            Action::IndexReady(edition, index) => {
                if let Some(slot) = self.indexes.get_mut(edition) {
                    *slot = Some(index);
                    if edition == self.edition && !self.find.query.is_empty() {
                        self.rerun();
                    }
                }
            }
            Action::Theme(theme) => self.options.look.theme = *theme,
            #[cfg(debug_assertions)]
            Action::Panic if !self.options.kiosk => panic!("panic requested by the test key"),
            #[cfg(debug_assertions)]
            Action::Panic => {}
            other => match self.mode {
                // The home screen offers "/ to search": the search opens over the first chapter.
                Mode::Home if other == Action::Search => {
                    self.mode = Mode::Reading;
                    self.update_reading(other);
                }
                Mode::Home => {}
                Mode::Search => self.update_search(other),
                Mode::Help { .. } => self.update_help(other),
                Mode::Outline { .. } => self.update_outline(other),
                Mode::Reading | Mode::Qr => {
                    if self.mode == Mode::Qr && other != Action::Cancel {
                        self.mode = Mode::Reading;
                    }
                    self.update_reading(other);
                }
            },
        }
        self.find.refresh_highlights(
            self.indexes.get(self.edition).and_then(Option::as_deref),
            &self.library.editions[self.edition],
            self.chapter,
        );
        self.build_qr();
    }

    /// Back to exactly the state of a fresh start, for the next person at a kiosk.
    fn reset(&mut self, now: Duration) {
        let (width, height) = (self.width, self.height);
        let mut fresh = App::new(Arc::clone(&self.library), self.options.clone(), now);
        fresh.resize(width, height);
        // Nothing of the last session may stay on screen, whatever wrote there.
        fresh.full_redraws = self.full_redraws + 1;
        *self = fresh;
    }

    fn resize(&mut self, width: u16, height: u16) {
        let old_width = self.areas().text.width;
        let old_rows = self.body_height();
        // Only a chapter a jump took past its end may stay past it; the others keep a full
        // screen of text when the window grows.
        let past_end: Vec<bool> = (0..self.docs.len())
            .map(|c| {
                self.docs[c]
                    .as_ref()
                    .is_some_and(|d| self.scroll[c] > scroll::end_of(d, old_rows))
            })
            .collect();
        self.width = width;
        self.height = height;
        let new_width = self.areas().text.width;
        if old_width != new_width || self.docs.iter().all(Option::is_none) {
            // Keep each chapter's place by the unit at its top, since lines move on rewrap.
            let anchors: Vec<Option<usize>> = (0..self.docs.len())
                .map(|c| {
                    self.docs[c]
                        .as_ref()
                        .map(|d| scroll::unit_at(d, self.scroll[c]))
                })
                .collect();
            for (c, anchor) in anchors.into_iter().enumerate() {
                if let Some(unit) = anchor {
                    let doc = self.build_doc(c, new_width);
                    self.scroll[c] = doc.unit_line.get(unit).copied().unwrap_or(0);
                    self.docs[c] = Some(doc);
                }
            }
        }
        let rows = self.body_height();
        for (c, past) in past_end.into_iter().enumerate() {
            if let Some(doc) = &self.docs[c] {
                let ceiling = if past {
                    scroll::limit_of(doc, rows)
                } else {
                    scroll::end_of(doc, rows)
                };
                self.scroll[c] = self.scroll[c].min(ceiling);
            }
        }
        self.ensure_doc();
    }

    fn switch_language(&mut self) {
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
    fn replace_library(&mut self, library: Arc<Library>) {
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

    /// When the next `Tick` matters, measured like `now`.
    pub fn next_deadline(&self) -> Option<Duration> {
        self.idle.deadline(self.options.idle_timeout)
    }
}

#[cfg(test)]
mod tests;

/// Everything outside a chapter that changes its layout, for these words and options.
fn doc_context<'a>(text: &'a Text, options: &Options) -> DocContext<'a> {
    DocContext {
        text,
        today: options.today,
        figures: match options.look {
            l if l.screen_reader => Figures::AltText,
            l if l.glyphs.ascii => Figures::Ascii,
            _ => Figures::Drawn,
        },
    }
}
