//! The application state and the one function that changes it, `update(Action)`. Everything a
//! screen shows is derived from an `App`; nothing here draws, reads keys or touches the
//! terminal, and time arrives as a value so tests control the clock.

mod docs;
mod edition;
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
use crate::doc::Doc;
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

    /// When the next `Tick` matters, measured like `now`.
    pub fn next_deadline(&self) -> Option<Duration> {
        self.idle.deadline(self.options.idle_timeout)
    }
}

#[cfg(test)]
mod tests;
