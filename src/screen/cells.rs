//! Turning a frame's changed cells into the fewest bytes: a wide character's second column
//! added where ratatui leaves it out, short gaps rewritten rather than jumped, runs of blanks
//! erased with one ECH, and attributes set only where they change, in one SGR each. Knows
//! nothing of the app or of terminal modes.

use std::io::{self, Write};

use crossterm::cursor::MoveTo;
use crossterm::style::Print;
use crossterm::{Command, queue};
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

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
pub(super) fn write_cells(out: &mut impl Write, updates: &[(u16, u16, &Cell)]) -> io::Result<()> {
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
pub(super) fn clear_wide_tails<'a>(
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
pub(super) fn fill_gaps<'a>(
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
    use ratatui::style::Style;

    use super::*;

    fn frame(lines: &[&str]) -> Buffer {
        let mut b = Buffer::empty(Rect::new(0, 0, 30, 4));
        for (y, l) in lines.iter().enumerate() {
            b.set_string(0, y as u16, l, Style::new());
        }
        b
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
