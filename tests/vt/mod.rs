//! Drawing the app the way the program does, through its own frame writer (`Screen`), into a
//! terminal emulator (vt100) instead of a real terminal; tests then read what a person would
//! see: characters, attributes, colours and the cursor. The one render path, seen from outside.

// Each test binary that shares this module uses only part of it.
#![allow(dead_code)]

use std::num::NonZeroU16;

use achilles_handbook::app::App;
use achilles_handbook::screen::Screen;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// A terminal emulator fed by the program's frame writer.
pub struct Vt {
    screen: Screen<Vec<u8>>,
    /// `None` while the window has no cells: an emulator needs at least one.
    parser: Option<vt100::Parser>,
    /// Bytes the last draw wrote.
    pub written: usize,
}

impl Default for Vt {
    fn default() -> Self {
        Vt::new()
    }
}

impl Vt {
    pub fn new() -> Vt {
        Vt {
            screen: Screen::new(Vec::new()),
            parser: None,
            written: 0,
        }
    }

    /// Draws `app` at its own size and passes what was written to the emulator.
    pub fn draw(&mut self, app: &App) -> &vt100::Screen {
        self.draw_area(app, Rect::new(0, 0, app.width, app.height))
    }

    /// Draws `app` into `area`, whatever size the app last laid out for.
    pub fn draw_area(&mut self, app: &App, area: Rect) -> &vt100::Screen {
        self.screen.draw(app, area).expect("writing to memory");
        let bytes = std::mem::take(self.screen.writer());
        self.written = bytes.len();
        match (NonZeroU16::new(area.height), NonZeroU16::new(area.width)) {
            (Some(rows), Some(cols)) => {
                let parser = self.parser.get_or_insert_with(|| {
                    let mut p = vt100::Parser::new(rows, cols, 0);
                    // As the program's terminal set-up leaves it: the cursor hidden.
                    p.process(b"\x1b[?25l");
                    p
                });
                if parser.screen().size() != (rows, cols) {
                    parser.screen_mut().set_size(rows, cols);
                }
                parser.process(&bytes);
            }
            _ => self.parser = None,
        }
        self.screen()
    }

    /// What the emulator shows. A window with no cells shows an empty 1x1 screen.
    pub fn screen(&self) -> &vt100::Screen {
        static EMPTY: std::sync::OnceLock<vt100::Parser> = std::sync::OnceLock::new();
        match &self.parser {
            Some(p) => p.screen(),
            None => EMPTY
                .get_or_init(|| {
                    let one = NonZeroU16::MIN;
                    vt100::Parser::new(one, one, 0)
                })
                .screen(),
        }
    }

    /// The frame the writer last wrote, cell by cell.
    pub fn frame(&self) -> Option<&Buffer> {
        self.screen.frame()
    }
}

/// Each row of the screen, trailing spaces trimmed, one per line.
pub fn text(screen: &vt100::Screen) -> String {
    let (_, cols) = screen.size();
    let mut out = String::new();
    for row in screen.rows(0, cols.get()) {
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

/// The cells (column, row) of the first occurrence of `needle` at or below `first_row`.
pub fn find_from(screen: &vt100::Screen, needle: &str, first_row: u16) -> Vec<(u16, u16)> {
    let (rows, cols) = screen.size();
    for y in first_row..rows.get() {
        // Each character with the column it starts in; a wide one covers the next column too.
        let mut joined = String::new();
        let mut columns = Vec::new();
        for x in 0..cols.get() {
            let Some(cell) = screen.cell(y, x) else {
                continue;
            };
            if cell.is_wide_continuation() {
                continue;
            }
            let s = if cell.has_contents() {
                cell.contents()
            } else {
                " "
            };
            for _ in s.bytes() {
                columns.push(x);
            }
            joined.push_str(s);
        }
        if let Some(byte) = joined.find(needle) {
            let start = columns[byte];
            let end = columns[byte + needle.len() - 1];
            return (start..=end).map(|x| (x, y)).collect();
        }
    }
    panic!("{needle:?} not on screen:\n{}", text(screen));
}

pub fn find(screen: &vt100::Screen, needle: &str) -> Vec<(u16, u16)> {
    find_from(screen, needle, 0)
}

/// One cell as a person sees it: its character (a space where nothing was written), its
/// colours, and bold, dim, italic, underline and inverse. A blank shows no foreground colour,
/// boldness, dimness or slant (unless it is reversed, when its foreground is its colour), so
/// those are left out of a blank's look.
pub type CellLook<'a> = (&'a str, vt100::Color, vt100::Color, [bool; 5]);

/// Every cell as a person sees it. Two screens that look the same compare equal, however each
/// was written (a space written or a cell erased, a blank written in any colour, say).
pub fn looks(screen: &vt100::Screen) -> Vec<CellLook<'_>> {
    let (rows, cols) = screen.size();
    let mut out = Vec::with_capacity(usize::from(rows.get()) * usize::from(cols.get()));
    for y in 0..rows.get() {
        for x in 0..cols.get() {
            if let Some(c) = screen.cell(y, x) {
                let ch = if c.has_contents() { c.contents() } else { " " };
                let attrs = [c.bold(), c.dim(), c.italic(), c.underline(), c.inverse()];
                if ch == " " && !c.inverse() {
                    let shown = [false, false, false, c.underline(), false];
                    out.push((ch, vt100::Color::Default, c.bgcolor(), shown));
                } else {
                    out.push((ch, c.fgcolor(), c.bgcolor(), attrs));
                }
            }
        }
    }
    out
}

/// The emulator's cell at (column, row).
pub fn cell(screen: &vt100::Screen, (x, y): (u16, u16)) -> &vt100::Cell {
    screen.cell(y, x).expect("a cell on screen")
}
