//! Drawing the app's view into a frame and writing frames to the terminal with as few bytes as
//! it takes: only the cells that changed since the last frame (`cells` encodes them), nothing
//! at all when the frame did not change, and the cursor shown only where a screen reader needs
//! it. Owns no terminal modes; `terminal` sets those up and restores them.

use std::io::{self, Write};

use crossterm::cursor::{Hide, Show};
use crossterm::queue;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use unicode_width::UnicodeWidthStr;

use crate::app::App;

mod cells;
mod diff;
mod moves;
mod pen;
mod whole;

use cells::Term;
use diff::{clear_wide_tails, write_cells};

/// The largest area drawn, in columns and rows: more than anyone reads at once. A larger
/// window (a mistaken or hostile size report says 65535 × 65535) gets this much, so the
/// memory and time a frame takes stay bounded at any window size.
pub const MAX_AREA: (u16, u16) = (500, 200);

/// The part of a window of this size that is drawn.
pub fn bounded(width: u16, height: u16) -> (u16, u16) {
    (width.min(MAX_AREA.0), height.min(MAX_AREA.1))
}

/// The last frame written, to diff the next one against.
pub struct Screen<W: Write> {
    out: W,
    last: Option<Buffer>,
    cursor: Option<Position>,
    /// Whether the cursor is currently hidden (it starts hidden: `terminal` hides it).
    hidden: bool,
    /// Where the terminal's cursor is and the pen it draws with, so the next frame starts from
    /// there.
    term: Term,
    /// A frame drawn ahead of time (see [`Prepared`]).
    prepared: Option<Prepared>,
}

/// A frame drawn ahead of time, for [`Screen::draw_window`] to write if it is asked for the
/// same window: the first frame is drawn while the terminal's answer to the background
/// question is still on its way. Whoever holds one drops it if the app changes meanwhile.
pub struct Prepared {
    frame: Buffer,
    cursor: Option<Position>,
    window: (u16, u16),
    /// Its cells encoded for a cleared screen from a reset pen: what `show` writes for a
    /// frame written whole.
    whole: Whole,
}

/// A frame's cells encoded for a cleared screen from a reset pen, as far as known.
enum Whole {
    /// Not tried yet.
    Unknown,
    /// The bytes, and the terminal's state after them.
    Encoded(Vec<u8>, Term),
    /// The one-pass writer cannot write it (a wide character, say): the general way.
    Unfit,
}

impl Prepared {
    /// `app` drawn for a window of `width` × `height`, and encoded.
    pub fn draw(app: &App, width: u16, height: u16) -> Prepared {
        let (frame, cursor) = render_window(app, width, height);
        let (mut cells, mut term) = (Vec::new(), Term::RESET);
        let whole = if whole::write(&frame, &mut term, &mut cells) {
            Whole::Encoded(cells, term)
        } else {
            Whole::Unfit
        };
        Prepared {
            frame,
            cursor,
            window: (width, height),
            whole,
        }
    }
}

impl<W: Write> Screen<W> {
    pub fn new(out: W) -> Screen<W> {
        Screen {
            out,
            last: None,
            cursor: None,
            hidden: true,
            term: Term::RESET,
            prepared: None,
        }
    }

    /// The screen with a frame drawn ahead, written by the next `draw_window` for its window.
    pub fn with_prepared(mut self, frame: Option<Prepared>) -> Screen<W> {
        self.prepared = frame;
        self
    }

    /// The writer, for terminal modes set between frames.
    pub fn writer(&mut self) -> &mut W {
        &mut self.out
    }

    /// Forgets what is on screen, so the next frame is written whole (after a resize, say).
    pub fn invalidate(&mut self) {
        self.last = None;
        self.term = Term::RESET;
    }

    /// Draws `app` into a frame of `area` and writes it: the one drawing path, which the
    /// program uses on the terminal and the render tests use on a terminal emulator.
    pub fn draw(&mut self, app: &App, area: Rect) -> io::Result<()> {
        let mut next = Buffer::empty(area);
        let cursor = crate::view::render(app, area, &mut next);
        self.show(next, cursor)
    }

    /// Draws `app` in a window of `width` × `height`, using at most [`MAX_AREA`] of it: the
    /// view gets the bounded area, and a window larger than that gets a note beside it (below
    /// it, or to its right when only the width is too large). A frame prepared for this
    /// window is written instead of drawing it again.
    pub fn draw_window(&mut self, app: &App, width: u16, height: u16) -> io::Result<()> {
        if let Some(prepared) = self.prepared.take()
            && prepared.window == (width, height)
        {
            return self.write(prepared.frame, prepared.cursor, prepared.whole);
        }
        let (next, cursor) = render_window(app, width, height);
        self.show(next, cursor)
    }

    /// The frame last written, as the terminal now shows it.
    pub fn frame(&self) -> Option<&Buffer> {
        self.last.as_ref()
    }

    /// Writes `next`, placing the cursor at `cursor` (or hiding it). Writes no byte when the
    /// frame and the cursor are what is already on screen.
    pub fn show(&mut self, next: Buffer, cursor: Option<Position>) -> io::Result<()> {
        self.write(next, cursor, Whole::Unknown)
    }

    /// `show`, with what is known of `next`'s encoding for a frame written whole.
    fn write(&mut self, next: Buffer, cursor: Option<Position>, encoded: Whole) -> io::Result<()> {
        if self.last.as_ref() == Some(&next) && self.cursor == cursor {
            return Ok(());
        }
        let mut bytes = Vec::new();
        match &self.last {
            Some(prev) if prev.area == next.area => {
                let updates = clear_wide_tails(prev.diff(&next), prev, &next);
                write_cells(&mut bytes, &updates, &next, &mut self.term, true)?;
            }
            _ => {
                // Everything again, on a cleared screen, from a reset pen.
                bytes.extend_from_slice(b"\x1b[m\x1b[2J");
                self.term = Term::RESET;
                let start = bytes.len();
                let fits = match encoded {
                    Whole::Encoded(cells, term) => {
                        bytes.extend_from_slice(&cells);
                        self.term = term;
                        true
                    }
                    Whole::Unknown => whole::write(&next, &mut self.term, &mut bytes),
                    Whole::Unfit => false,
                };
                if !fits {
                    // A wide character, say: the general way, from the same start.
                    bytes.truncate(start);
                    self.term = Term::RESET;
                    let updates = Buffer::empty(next.area).diff(&next);
                    write_cells(&mut bytes, &updates, &next, &mut self.term, false)?;
                }
            }
        }
        match cursor {
            Some(p) => {
                self.term.go_to(&mut bytes, p.x, p.y);
                if self.hidden {
                    queue!(bytes, Show)?;
                    self.hidden = false;
                }
            }
            None if !self.hidden => {
                queue!(bytes, Hide)?;
                self.hidden = true;
            }
            None => {}
        }
        // A pen that would colour what else reaches the screen (a console message, an erase
        // by the terminal itself) is not left behind between frames.
        self.term.settle(&mut bytes);
        self.out.write_all(&bytes)?;
        self.out.flush()?;
        self.cursor = cursor;
        self.last = Some(next);
        Ok(())
    }
}

/// `app` drawn in a window of `width` × `height` (see [`Screen::draw_window`]): the frame and
/// where the cursor goes.
fn render_window(app: &App, width: u16, height: u16) -> (Buffer, Option<Position>) {
    let (w, h) = bounded(width, height);
    let view = Rect::new(0, 0, w, h);
    if (w, h) == (width, height) {
        let mut next = Buffer::empty(view);
        let cursor = crate::view::render(app, view, &mut next);
        return (next, cursor);
    }
    let note = app.text().window_too_large.as_str();
    let note_width = u16::try_from(note.width()).unwrap_or(u16::MAX);
    let (area, x, y) = if height > h {
        (Rect::new(0, 0, w, h + 1), 0, h)
    } else {
        let right = w.saturating_add(1).saturating_add(note_width).min(width);
        (Rect::new(0, 0, right, h), w + 1, 0)
    };
    let mut next = Buffer::empty(area);
    let cursor = crate::view::render(app, view, &mut next);
    let room = usize::from(area.width.saturating_sub(x));
    next.set_stringn(
        x,
        y,
        note,
        room,
        ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::REVERSED),
    );
    (next, cursor)
}

#[cfg(test)]
mod tests;
