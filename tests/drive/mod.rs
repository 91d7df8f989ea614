//! Driving the App as a person does, for the navigation tests: every key goes through the
//! program's own key table (`keymap::action_for` in the App's current context) and every
//! screen is drawn through the program's own frame writer into a terminal emulator (`vt`).
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use achilles_handbook::action::Action;
use achilles_handbook::app::{App, Options};
use achilles_handbook::content::{self, Date, Library};
use achilles_handbook::keymap;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::vt::{Vt, text};

pub const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 23,
};

thread_local! {
    static LIBRARY: Arc<Library> = Arc::new(content::load(None).library.expect("shipped handbook loads"));
}

pub fn library() -> Arc<Library> {
    LIBRARY.with(Arc::clone)
}

/// A reader in `lang` ("en", "es") at `width` × `height`, with these options.
pub fn app_with(mut options: Options, lang: &str, width: u16, height: u16) -> App {
    options.language = Some(lang.to_owned());
    let mut app = App::new(library(), options, Duration::ZERO);
    app.update(Action::Resize { width, height }, Duration::ZERO);
    app
}

pub fn reader(lang: &str, width: u16, height: u16) -> App {
    app_with(Options::reader(TODAY), lang, width, height)
}

/// One key press, through the key table.
pub fn key(app: &mut App, code: KeyCode) {
    let mods = match code {
        KeyCode::Char(c) if c.is_uppercase() => KeyModifiers::SHIFT,
        KeyCode::BackTab => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    let chapters = app.handbook().chapters.len();
    let event = KeyEvent::new(code, mods);
    if let Some(action) = keymap::action_for(app.context(), event, chapters) {
        app.update(action, Duration::ZERO);
    }
}

/// Ctrl and a letter, through the key table.
pub fn ctrl(app: &mut App, c: char) {
    let chapters = app.handbook().chapters.len();
    let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    if let Some(action) = keymap::action_for(app.context(), event, chapters) {
        app.update(action, Duration::ZERO);
    }
}

/// Types `text` one key at a time.
pub fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// Text pasted into the terminal (bracketed paste), as one event.
pub fn paste(app: &mut App, text: &str) {
    app.update(Action::Paste(text.to_owned()), Duration::ZERO);
}

/// A click (or tap) at a cell, as the terminal reports it.
pub fn click(app: &mut App, column: u16, row: u16) {
    app.update(Action::Click { column, row }, Duration::ZERO);
}

/// The screen as the program draws it, at the App's size, read back from a terminal emulator.
pub fn draw(app: &App) -> Vt {
    let mut vt = Vt::new();
    vt.draw(app);
    vt
}

/// Where the screen-reader cursor is shown, if it is.
pub fn cursor(app: &App) -> Option<(u16, u16)> {
    let vt = draw(app);
    let screen = vt.screen();
    (!screen.hide_cursor()).then(|| {
        let (row, column) = screen.cursor_position();
        (column, row)
    })
}

/// The character at (column, row), a space where nothing was written.
pub fn at(vt: &Vt, x: u16, y: u16) -> String {
    vt.screen().cell(y, x).map_or(" ".to_owned(), |c| {
        if c.has_contents() {
            c.contents().to_owned()
        } else {
            " ".to_owned()
        }
    })
}

/// Columns `from..to` of a row.
pub fn cells(vt: &Vt, y: u16, from: u16, to: u16) -> String {
    (from..to).map(|x| at(vt, x, y)).collect()
}

pub fn row(vt: &Vt, y: u16) -> String {
    let (_, cols) = vt.screen().size();
    cells(vt, y, 0, cols.get()).trim_end().to_owned()
}

pub fn screen(vt: &Vt) -> String {
    text(vt.screen())
}

/// The status line: the last row.
pub fn status(vt: &Vt) -> String {
    let (rows, _) = vt.screen().size();
    row(vt, rows.get() - 1)
}
