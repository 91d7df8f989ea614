//! Drawing the app's view into a frame and writing frames to the terminal with as few bytes as it takes: the cells that changed since
//! the last frame, with short runs of unchanged cells between two changes written again rather
//! than jumped over (a cursor move costs more bytes than a few characters), nothing at all when
//! the frame did not change, and the cursor shown only where a screen reader needs it. Owns
//! no terminal modes; `terminal` sets those up and restores them.

use std::io::{self, Write};

use crossterm::cursor::{Hide, MoveTo, Show};
use crossterm::style::{Attribute, Print, SetAttribute};
use crossterm::terminal::{Clear, ClearType};
use crossterm::{Command, queue};
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

use crate::app::App;

/// The largest area drawn, in columns and rows: more than anyone reads at once. A larger
/// window (a mistaken or hostile size report says 65535 × 65535) gets this much, so the
/// memory and time a frame takes stay bounded at any window size.
pub const MAX_AREA: (u16, u16) = (500, 200);

/// The part of a window of this size that is drawn.
pub fn bounded(width: u16, height: u16) -> (u16, u16) {
    (width.min(MAX_AREA.0), height.min(MAX_AREA.1))
}

/// Unchanged cells between two changes on a row are rewritten when there are at most this
/// many: about what a cursor move (`ESC [ row ; col H`) costs.
const MAX_GAP: u16 = 6;

/// Runs of at least this many blank cells are erased with one ECH instead of written as spaces.
const MIN_ERASE: usize = 5;

/// ECH: erase `n` characters from the cursor on, with the current (default) attributes, leaving
/// the cursor where it is. It clears old text without touching the scrollbar beyond it.
struct EraseChars(usize);

impl Command for EraseChars {
    fn write_ansi(&self, f: &mut impl std::fmt::Write) -> std::fmt::Result {
        write!(f, "\x1b[{}X", self.0)
    }
}

/// The attributes the terminal is drawing with, as far as this writer has set them.
#[derive(Clone, Copy, PartialEq)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

const PLAIN: Pen = Pen {
    fg: Color::Reset,
    bg: Color::Reset,
    modifier: Modifier::empty(),
};

fn pen(cell: &Cell) -> Pen {
    Pen {
        fg: cell.fg,
        bg: cell.bg,
        modifier: cell.modifier,
    }
}

/// The last frame written, to diff the next one against.
pub struct Screen<W: Write> {
    out: W,
    last: Option<Buffer>,
    cursor: Option<Position>,
    /// Whether the cursor is currently hidden (it starts hidden: `terminal` hides it).
    hidden: bool,
}

impl<W: Write> Screen<W> {
    pub fn new(out: W) -> Screen<W> {
        Screen {
            out,
            last: None,
            cursor: None,
            hidden: true,
        }
    }

    /// The writer, for terminal modes set between frames.
    pub fn writer(&mut self) -> &mut W {
        &mut self.out
    }

    /// Forgets what is on screen, so the next frame is written whole (after a resize, say).
    pub fn invalidate(&mut self) {
        self.last = None;
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
            ratatui::style::Style::new().add_modifier(Modifier::REVERSED),
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
        let updates = match &self.last {
            Some(prev) if prev.area == next.area => {
                fill_gaps(clear_wide_tails(prev.diff(&next), prev, &next), &next)
            }
            _ => {
                queue!(
                    self.out,
                    SetAttribute(Attribute::Reset),
                    Clear(ClearType::All)
                )?;
                fill_gaps(Buffer::empty(next.area).diff(&next), &next)
            }
        };
        write_cells(&mut self.out, &updates)?;
        match cursor {
            Some(p) => {
                queue!(self.out, MoveTo(p.x, p.y))?;
                if self.hidden {
                    queue!(self.out, Show)?;
                    self.hidden = false;
                }
            }
            None if !self.hidden => {
                queue!(self.out, Hide)?;
                self.hidden = true;
            }
            None => {}
        }
        self.out.flush()?;
        self.cursor = cursor;
        self.last = Some(next);
        Ok(())
    }
}

/// Whether a cell is an empty space in the terminal's own colours, which ECH produces.
fn is_blank(cell: &Cell) -> bool {
    cell.symbol() == " " && pen(cell) == PLAIN
}

/// SGR parameters for a colour, foreground (`base` 30) or background (`base` 40), in the
/// shortest form: the 16 named colours by their own codes.
fn colour_params(colour: Color, base: u8, params: &mut Vec<String>) {
    let offset = match colour {
        Color::Reset => 9,
        Color::Indexed(i) => return params.push(format!("{};5;{i}", base + 8)),
        Color::Rgb(r, g, b) => return params.push(format!("{};2;{r};{g};{b}", base + 8)),
        // The 16 named colours, numbered once in the palette: 0-7 by their own codes, the
        // bright ones by the 90/100 codes.
        named => match crate::palette::Screen::named(named) {
            Some(i) if i < 8 => i as u8,
            Some(i) => 60 + (i - 8) as u8,
            None => 9,
        },
    };
    params.push((base + offset).to_string());
}

/// Moves the pen from `from` to `to` in one SGR sequence with as few parameters as it takes.
fn set_pen(out: &mut impl Write, from: Pen, to: Pen) -> io::Result<Pen> {
    if from == to {
        return Ok(to);
    }
    let mut params: Vec<String> = Vec::new();
    let mut from = from;
    if !(from.modifier - to.modifier).is_empty() {
        // Turning one attribute off has no portable single code; start again from plain.
        params.push("0".to_owned());
        from = PLAIN;
    }
    for (m, code) in [
        (Modifier::BOLD, 1),
        (Modifier::DIM, 2),
        (Modifier::ITALIC, 3),
        (Modifier::UNDERLINED, 4),
        (Modifier::SLOW_BLINK, 5),
        (Modifier::RAPID_BLINK, 6),
        (Modifier::REVERSED, 7),
        (Modifier::HIDDEN, 8),
        (Modifier::CROSSED_OUT, 9),
    ] {
        if to.modifier.contains(m) && !from.modifier.contains(m) {
            params.push(code.to_string());
        }
    }
    if to.fg != from.fg {
        colour_params(to.fg, 30, &mut params);
    }
    if to.bg != from.bg {
        colour_params(to.bg, 40, &mut params);
    }
    if params == ["0"] {
        params.clear();
    }
    write!(out, "\x1b[{}m", params.join(";"))?;
    Ok(to)
}

/// Writes the updated cells: cursor moves only where a run breaks, attributes only where they
/// change, and runs of blanks as one erase.
fn write_cells(out: &mut impl Write, updates: &[(u16, u16, &Cell)]) -> io::Result<()> {
    let mut at: Option<(u16, u16)> = None;
    let mut current = PLAIN;
    let mut i = 0;
    while i < updates.len() {
        let (x, y, cell) = updates[i];
        let blanks = updates[i..]
            .iter()
            .enumerate()
            .take_while(|(k, (bx, by, c))| {
                *by == y && usize::from(*bx) == usize::from(x) + k && is_blank(c)
            })
            .count();
        if at != Some((x, y)) {
            queue!(out, MoveTo(x, y))?;
        }
        if blanks >= MIN_ERASE {
            current = set_pen(out, current, PLAIN)?;
            queue!(out, EraseChars(blanks))?;
            at = Some((x, y));
            i += blanks;
            continue;
        }
        current = set_pen(out, current, pen(cell))?;
        queue!(out, Print(cell.symbol()))?;
        let width = cell.symbol().width().max(1) as u16;
        at = Some((x.saturating_add(width), y));
        i += 1;
    }
    if current != PLAIN {
        write!(out, "\x1b[m")?;
    }
    Ok(())
}

/// Adds the second column of a wide character (Chinese, say) that a narrower one replaces.
/// ratatui leaves it out, trusting the terminal to clear both halves when the first is
/// overwritten; but an erase (ECH) that ends on the first half leaves the second behind in some
/// terminals (tmux), and the rest of the row then shows one column to the left.
fn clear_wide_tails<'a>(
    updates: Vec<(u16, u16, &'a Cell)>,
    prev: &Buffer,
    next: &'a Buffer,
) -> Vec<(u16, u16, &'a Cell)> {
    let mut out: Vec<(u16, u16, &Cell)> = Vec::with_capacity(updates.len());
    for (x, y, cell) in updates {
        // An earlier tail may have added this very cell already.
        if out.last().is_some_and(|&(px, py, _)| py == y && px >= x) {
            continue;
        }
        out.push((x, y, cell));
        let was = prev.cell((x, y)).map_or(1, |c| c.symbol().width());
        let is = cell.symbol().width().max(1);
        for tail in x.saturating_add(u16::try_from(is).unwrap_or(1))
            ..x.saturating_add(u16::try_from(was).unwrap_or(1))
        {
            if let Some(c) = next.cell((tail, y)) {
                out.push((tail, y, c));
            }
        }
    }
    out
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
        // The 25 columns after "short" go in one erase, not 25 spaces.
        assert!(
            tape.bytes().windows(5).any(|w| w == b"\x1b[25X"),
            "erased by ECH"
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
        // 月 stands in columns 13 and 14; the next frame is blank there.
        let prev = frame(&["审阅 2026年11月", "x"]);
        let next = frame(&["", "x"]);
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
