//! The settings fixed for a run, from the command line: kiosk, idle timeout, language, and how
//! the screen looks. Plain data with a reader's and a kiosk's defaults; no behaviour.

use std::time::Duration;

use crate::content::Date;
use crate::theme::{Glyphs, Theme};

/// Settings fixed for the run, from the command line.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub kiosk: bool,
    pub idle_timeout: Option<Duration>,
    /// Today's date, for "due for review" notes.
    pub today: Date,
    /// The language to start in, when the handbook has it.
    pub language: Option<String>,
    pub look: Look,
    /// Leave building the search index to the caller, on another thread, so the first screen
    /// does not wait for it. Tests build it at once.
    pub background_index: bool,
}

impl Options {
    /// A reader's defaults: not a kiosk, English if present, the default theme with colour.
    pub fn reader(today: Date) -> Options {
        Options {
            kiosk: false,
            idle_timeout: None,
            today,
            language: None,
            background_index: false,
            look: Look {
                theme: Theme::new(
                    crate::theme::ThemeName::Default,
                    &crate::detect::Caps::plain(),
                ),
                glyphs: Glyphs::new(false),
                screen_reader: false,
            },
        }
    }

    /// Kiosk defaults: a kiosk with the given idle timeout.
    pub fn kiosk(today: Date, idle_timeout: Option<Duration>) -> Options {
        Options {
            kiosk: true,
            idle_timeout,
            ..Options::reader(today)
        }
    }
}

/// How the screen is drawn: read by the view only.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Look {
    pub theme: Theme,
    pub glyphs: Glyphs,
    /// Keep the terminal cursor on the focused item, for screen readers and braille displays.
    pub screen_reader: bool,
}
