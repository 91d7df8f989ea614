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
}

impl<W: Write> Screen<W> {
    pub fn new(out: W) -> Screen<W> {
        Screen {
            out,
            last: None,
            cursor: None,
            hidden: true,
            term: Term::RESET,
        }
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
    /// it, or to its right when only the width is too large).
    pub fn draw_window(&mut self, app: &App, width: u16, height: u16) -> io::Result<()> {
        let (w, h) = bounded(width, height);
        let view = Rect::new(0, 0, w, h);
        if (w, h) == (width, height) {
            return self.draw(app, view);
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
        self.show(next, cursor)
    }

    /// The frame last written, as the terminal now shows it.
    pub fn frame(&self) -> Option<&Buffer> {
        self.last.as_ref()
    }

    /// Writes `next`, placing the cursor at `cursor` (or hiding it). Writes no byte when the
    /// frame and the cursor are what is already on screen.
    pub fn show(&mut self, next: Buffer, cursor: Option<Position>) -> io::Result<()> {
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
                if !whole::write(&next, &mut self.term, &mut bytes) {
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

#[cfg(test)]
mod tests {
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Modifier, Style};

    use super::*;

    /// Collects what the screen writes, readable while the screen still holds the writer.
    #[derive(Clone, Default)]
    struct Tape(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl io::Write for Tape {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl Tape {
        fn bytes(&self) -> Vec<u8> {
            self.0.borrow().clone()
        }
    }

    fn frame(lines: &[&str]) -> Buffer {
        let mut b = Buffer::empty(Rect::new(0, 0, 30, 4));
        for (y, l) in lines.iter().enumerate() {
            b.set_string(0, y as u16, l, Style::new());
        }
        b
    }

    fn screen_text(bytes: &[u8]) -> String {
        let n = |v: u16| std::num::NonZeroU16::new(v).expect("non-zero");
        let mut parser = vt100::Parser::new(n(4), n(30), 0);
        parser.process(bytes);
        parser.screen().contents()
    }

    #[test]
    fn the_terminal_ends_up_showing_the_frame() {
        let tape = Tape::default();
        let mut s = Screen::new(tape.clone());
        let frames = [
            frame(&[
                "The tendon links the calf",
                "to the heel bone.",
                "",
                "• Walking.",
            ]),
            frame(&[
                "The tendon joins the calf",
                "to the heel, a bone.",
                "腱 tendón",
                "• Running.",
            ]),
            frame(&["Short", "", "x腱y", ""]),
        ];
        for f in frames {
            // What a terminal shows: each symbol once, a wide one covering two columns.
            let expected: Vec<String> = (0..4)
                .map(|y| {
                    let mut row = String::new();
                    let mut x = 0;
                    while x < 30 {
                        let sym = f[(x, y)].symbol();
                        row.push_str(sym);
                        x += sym.width().max(1) as u16;
                    }
                    row.trim_end().to_owned()
                })
                .collect();
            s.show(f, None).unwrap();
            let shown = screen_text(&tape.bytes());
            let rows: Vec<&str> = shown.lines().collect();
            for (y, want) in expected.iter().enumerate() {
                let got = rows.get(y).copied().unwrap_or("");
                assert_eq!(got.trim_end(), want, "row {y}");
            }
        }
    }

    #[test]
    fn styles_and_erased_tails_reach_the_terminal() {
        let tape = Tape::default();
        let mut s = Screen::new(tape.clone());
        let mut a = frame(&["a long line of words that will go away", "plain"]);
        a.set_style(
            Rect::new(0, 1, 5, 1),
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        );
        s.show(a, None).unwrap();
        let mut b = frame(&["short", "plain"]);
        b.set_style(
            Rect::new(0, 1, 2, 1),
            Style::new().add_modifier(Modifier::REVERSED),
        );
        s.show(b, Some(Position::new(3, 1))).unwrap();
        let n = |v: u16| std::num::NonZeroU16::new(v).expect("non-zero");
        let mut parser = vt100::Parser::new(n(4), n(30), 0);
        parser.process(&tape.bytes());
        let screen = parser.screen();
        assert_eq!(screen.contents().lines().next(), Some("short"));
        let p = screen.cell(1, 0).unwrap();
        assert!(p.inverse() && !p.bold());
        assert_eq!(p.fgcolor(), vt100::Color::Default);
        let l = screen.cell(1, 3).unwrap();
        assert!(!l.inverse() && !l.bold());
        assert_eq!(screen.cursor_position(), (1, 3));
        assert!(!screen.hide_cursor());
        // The rest of the row after "short" goes in one erase to its end, not 25 spaces.
        assert!(
            tape.bytes().windows(8).any(|w| w == b"short\x1b[K"),
            "erased by EL"
        );
    }

    #[test]
    fn an_unchanged_frame_writes_nothing() {
        let tape = Tape::default();
        let mut s = Screen::new(tape.clone());
        s.show(frame(&["a", "b"]), None).unwrap();
        let before = tape.bytes().len();
        s.show(frame(&["a", "b"]), None).unwrap();
        assert_eq!(tape.bytes().len(), before);
    }

    #[test]
    fn a_wide_character_gone_is_erased_whole() {
        // 月 stands in columns 13 and 14; the next frame is blank there, up to a bar that
        // stays in column 20.
        let mut prev = frame(&["审阅 2026年11月", "x"]);
        let mut next = frame(&["", "x"]);
        prev.set_string(20, 0, "|", Style::new());
        next.set_string(20, 0, "|", Style::new());
        let updates = clear_wide_tails(prev.diff(&next), &prev, &next);
        let row0: Vec<u16> = updates.iter().filter(|u| u.1 == 0).map(|u| u.0).collect();
        assert!(row0.contains(&14), "{row0:?}");
        let mut sorted = row0.clone();
        sorted.dedup();
        assert_eq!(sorted, row0, "each cell once, in order");
        // Through the writer: one erase over the whole of what was there.
        let tape = Tape::default();
        let mut s = Screen::new(tape.clone());
        s.show(prev, None).unwrap();
        let before = tape.bytes().len();
        s.show(next, None).unwrap();
        let written = String::from_utf8_lossy(&tape.bytes()[before..]).into_owned();
        assert!(written.contains("\x1b[15X"), "{written:?}");
        assert_eq!(
            screen_text(&tape.bytes()).lines().next(),
            Some(format!("{:20}|", "").as_str())
        );
    }

    #[test]
    fn a_wide_character_over_half_of_another_leaves_no_trace_of_the_pen() {
        // 腱 in columns 5-6, then an underlined 腱 in columns 4-5: the terminal clears column 6
        // with the pen it is drawing with, so the writer draws column 6 again, plain.
        let mut prev = frame(&[""]);
        prev.set_string(5, 0, "腱", Style::new());
        let mut next = frame(&[""]);
        next.set_string(4, 0, "腱", Style::new().add_modifier(Modifier::UNDERLINED));
        let tape = Tape::default();
        let mut s = Screen::new(tape.clone());
        s.show(prev, None).unwrap();
        s.show(next, None).unwrap();
        let n = |v: u16| std::num::NonZeroU16::new(v).expect("non-zero");
        let mut parser = vt100::Parser::new(n(4), n(30), 0);
        parser.process(&tape.bytes());
        let screen = parser.screen();
        assert!(screen.cell(0, 4).unwrap().underline());
        let right = screen.cell(0, 6).unwrap();
        assert!(
            right.contents().trim().is_empty() && !right.underline(),
            "{right:?}"
        );
    }
}
