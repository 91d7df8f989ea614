//! What a person intends: the messages `App::update` understands. Keys, mouse and signals are
//! turned into these by `keymap` and `terminal`; nothing here knows which key meant what.

use std::sync::Arc;

use crate::content::Library;
use crate::search::Index;
use crate::theme::Theme;

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    NextChapter,
    PrevChapter,
    GoToChapter(usize),
    LineUp,
    LineDown,
    PageUp,
    PageDown,
    Top,
    Bottom,
    NextSection,
    PrevSection,
    Outline,
    NextLink,
    PrevLink,
    Follow,
    Back,
    Help,
    Search,
    NextHit,
    PrevHit,
    Qr,
    SwitchLanguage,
    /// Leave the program; in kiosk mode, go back to the home screen instead.
    Quit,
    /// Esc: close what is open, or clear search highlights.
    Cancel,
    /// Ctrl-L: write the whole screen again.
    Redraw,
    /// Move the selection in a list (outline, search results).
    SelectPrev,
    SelectNext,
    /// Open the selected entry of a list.
    Choose,
    /// Text typed into the search prompt.
    Type(char),
    Paste(String),
    DeleteChar,
    ClearInput,
    /// Leave the kiosk home screen.
    Start,
    /// A click or tap at a cell.
    Click {
        column: u16,
        row: u16,
    },
    WheelUp,
    WheelDown,
    Resize {
        width: u16,
        height: u16,
    },
    /// Time passed with no input; drives the idle notice and reset.
    Tick,
    /// `--watch` found changed files that load.
    Reloaded(Arc<Library>),
    /// `--watch` found changed files with a problem; the last good handbook stays.
    ReloadFailed(String),
    /// A search index built off the main thread, for an edition.
    IndexReady(usize, Arc<Index>),
    /// The palette for the terminal's background, once its answer to the question asked at
    /// start-up is in: the first chapter is laid out while the answer is on its way.
    Theme(Box<Theme>),
    /// Any other input: it counts as activity (it keeps a kiosk session) but does nothing.
    Touch,
    /// Compiled into debug builds only (Ctrl-F12), so end-to-end tests can prove a panic
    /// restores the terminal. Release builds have no such key.
    #[cfg(debug_assertions)]
    Panic,
}

impl Action {
    /// Whether the action comes from a person (and so keeps a kiosk session alive).
    pub fn is_input(&self) -> bool {
        !matches!(
            self,
            Action::Tick
                | Action::Resize { .. }
                | Action::Reloaded(_)
                | Action::ReloadFailed(_)
                | Action::IndexReady(..)
                | Action::Theme(_)
        )
    }
}
