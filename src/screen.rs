//! Writing frames to the terminal with as few bytes as it takes: the cells that changed since
//! the last frame, with short runs of unchanged cells between two changes written again rather
//! than jumped over (a cursor move costs more bytes than a few characters), nothing at all when
//! the frame did not change, and the cursor shown only where a screen reader needs it. Owns
//! no terminal modes; `terminal` sets those up and restores them.

use std::io;

use ratatui::backend::Backend;
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::Position;
use unicode_width::UnicodeWidthStr;

/// Unchanged cells between two changes on a row are rewritten when there are at most this
/// many: about what a cursor move (`ESC [ row ; col H`) costs.
const MAX_GAP: u16 = 6;

/// The last frame written, to diff the next one against.
pub struct Screen<B: Backend> {
    backend: B,
    last: Option<Buffer>,
    cursor: Option<Position>,
    /// Whether the cursor is currently hidden (it starts hidden: `terminal` hides it).
    hidden: bool,
}

impl<B: Backend> Screen<B>
where
    B::Error: Into<io::Error>,
{
    pub fn new(backend: B) -> Screen<B> {
        Screen {
            backend,
            last: None,
            cursor: None,
            hidden: true,
        }
    }

    /// Forgets what is on screen, so the next frame is written whole (after a resize, say).
    pub fn invalidate(&mut self) {
        self.last = None;
    }

    /// Writes `next`, placing the cursor at `cursor` (or hiding it). Writes no byte when the
    /// frame and the cursor are what is already on screen.
    pub fn show(&mut self, next: Buffer, cursor: Option<Position>) -> io::Result<()> {
        if self.last.as_ref() == Some(&next) && self.cursor == cursor {
            return Ok(());
        }
        let updates = match &self.last {
            Some(prev) if prev.area == next.area => fill_gaps(prev.diff(&next), &next),
            _ => {
                self.backend.clear().map_err(Into::into)?;
                fill_gaps(Buffer::empty(next.area).diff(&next), &next)
            }
        };
        if !updates.is_empty() {
            self.backend.draw(updates.into_iter()).map_err(Into::into)?;
        }
        match cursor {
            Some(p) => {
                self.backend.set_cursor_position(p).map_err(Into::into)?;
                if self.hidden {
                    self.backend.show_cursor().map_err(Into::into)?;
                    self.hidden = false;
                }
            }
            None if !self.hidden => {
                self.backend.hide_cursor().map_err(Into::into)?;
                self.hidden = true;
            }
            None => {}
        }
        self.backend.flush().map_err(Into::into)?;
        self.cursor = cursor;
        self.last = Some(next);
        Ok(())
    }
}

/// Adds the unchanged cells of short gaps between two updates on one row, when every one of
/// them is a plain single-column cell, so the backend writes them instead of moving the cursor.
fn fill_gaps<'a>(
    updates: Vec<(u16, u16, &'a Cell)>,
    next: &'a Buffer,
) -> Vec<(u16, u16, &'a Cell)> {
    let mut out: Vec<(u16, u16, &Cell)> = Vec::with_capacity(updates.len());
    for (x, y, cell) in updates {
        if let Some(&(px, py, prev)) = out.last()
            && py == y
        {
            let from = px.saturating_add(prev.symbol().width().max(1) as u16);
            if from < x && x - from <= MAX_GAP {
                let gap: Vec<&Cell> = (from..x).filter_map(|gx| next.cell((gx, y))).collect();
                let plain = gap.len() == usize::from(x - from)
                    && gap
                        .iter()
                        .all(|c| c.diff_option == CellDiffOption::None && c.symbol().width() == 1);
                if plain {
                    out.extend((from..x).zip(gap).map(|(gx, c)| (gx, y, c)));
                }
            }
        }
        out.push((x, y, cell));
    }
    out
}

#[cfg(test)]
mod tests {
    use ratatui::backend::CrosstermBackend;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Style};

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
        let mut s = Screen::new(CrosstermBackend::new(tape.clone()));
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
    fn an_unchanged_frame_writes_nothing() {
        let tape = Tape::default();
        let mut s = Screen::new(CrosstermBackend::new(tape.clone()));
        s.show(frame(&["a", "b"]), None).unwrap();
        let before = tape.bytes().len();
        s.show(frame(&["a", "b"]), None).unwrap();
        assert_eq!(tape.bytes().len(), before);
    }

    #[test]
    fn short_gaps_are_written_not_jumped() {
        let prev = frame(&["aaaa bbbb cccc"]);
        let mut next = frame(&["aaaX bbbb Yccc"]);
        next.set_style(Rect::new(0, 1, 1, 1), Style::new().fg(Color::Red));
        let filled = fill_gaps(prev.diff(&next), &next);
        let row0: Vec<u16> = filled.iter().filter(|u| u.1 == 0).map(|u| u.0).collect();
        assert_eq!(row0, (3..=10).collect::<Vec<u16>>());
    }
}
