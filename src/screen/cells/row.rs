//! One row of the next frame, with the facts the cell encoder asks of each column again and
//! again: the columns its symbol takes, whether it is the right part of a wide character,
//! whether it shows an empty cell in the terminal's own colours, and how many cells after it
//! do not; measured once per row. Writes no bytes and decides nothing; `cells` does.

use ratatui::buffer::{Buffer, Cell};
use unicode_width::UnicodeWidthStr;

use crate::screen::pen::is_clear;

/// The columns a cell's symbol takes (0 for an empty or zero-width one).
pub(in crate::screen) fn columns(cell: &Cell) -> u16 {
    let symbol = cell.symbol();
    // Printable ASCII, nearly every cell, is one column without a look in the tables.
    if let [b] = symbol.as_bytes()
        && (b' '..=b'~').contains(b)
    {
        return 1;
    }
    u16::try_from(symbol.width()).unwrap_or(u16::MAX)
}

/// One row of the next frame, with what the encoder asks of it again and again.
#[derive(Clone, Copy)]
pub(super) struct Row<'a> {
    pub(super) frame: &'a Buffer,
    pub(super) y: u16,
    /// Per column: whether it shows an empty cell in the terminal's own colours (and is not
    /// the right part of a wide character).
    pub(super) clear: &'a [bool],
    /// Per column, and one past the last: how many cells from there to the end are not clear.
    pub(super) ink_after: &'a [u16],
    /// Per column: the columns its symbol takes.
    pub(super) widths: &'a [u16],
    /// Per column: whether it is the right part of a wide character that starts before it.
    pub(super) covered: &'a [bool],
    /// The last column is written later (the column pass): an erase here may take it, and
    /// it is not written here.
    pub(super) keep_last: bool,
}

/// The per-column facts a `Row` holds.
pub(super) struct Facts {
    pub(super) clear: Vec<bool>,
    pub(super) ink_after: Vec<u16>,
    pub(super) widths: Vec<u16>,
    pub(super) covered: Vec<bool>,
}

/// The per-column facts of row `y`, each symbol's width measured once: asked of every cell
/// and of the four before it, the widths were a fifth of the first frame's instructions.
pub(super) fn row_facts(frame: &Buffer, y: u16) -> Facts {
    let area = frame.area;
    let widths: Vec<u16> = (area.left()..area.right())
        .map(|x| frame.cell((x, y)).map_or(0, columns))
        .collect();
    let covered: Vec<bool> = (0..widths.len())
        .map(|i| (1..=4usize).any(|back| i >= back && usize::from(widths[i - back]) > back))
        .collect();
    let clear: Vec<bool> = (area.left()..area.right())
        .zip(&covered)
        .map(|(x, covered)| frame.cell((x, y)).is_some_and(is_clear) && !covered)
        .collect();
    let mut ink_after = vec![0u16; clear.len() + 1];
    for i in (0..clear.len()).rev() {
        ink_after[i] = ink_after[i + 1] + u16::from(!clear[i]);
    }
    Facts {
        clear,
        ink_after,
        widths,
        covered,
    }
}

impl<'a> Row<'a> {
    pub(super) fn cell(&self, x: u16) -> Option<&'a Cell> {
        self.frame.cell((x, self.y))
    }

    /// One past the last column.
    pub(super) fn right(&self) -> u16 {
        self.frame.area.right()
    }

    fn index(&self, x: u16) -> usize {
        usize::from(x.saturating_sub(self.frame.area.left()))
    }

    /// Whether column `x` is the right part of a wide character that starts before it.
    pub(super) fn covered(&self, x: u16) -> bool {
        if x >= self.frame.area.left()
            && let Some(&covered) = self.covered.get(self.index(x))
        {
            return covered;
        }
        (1..=4u16).any(|back| {
            x >= self.frame.area.left() + back
                && self.cell(x - back).is_some_and(|c| columns(c) > back)
        })
    }

    /// The columns the symbol of `cell`, standing in column `x`, takes.
    pub(super) fn width(&self, x: u16, cell: &Cell) -> u16 {
        match self.widths.get(self.index(x)) {
            Some(&w) if x >= self.frame.area.left() => w,
            _ => columns(cell),
        }
    }

    /// Whether column `x` shows an empty cell in the terminal's own colours.
    pub(super) fn clear(&self, x: u16) -> bool {
        self.clear.get(self.index(x)).copied().unwrap_or(false)
    }

    /// How many cells from column `x` to the end of the row are not clear.
    pub(super) fn ink_after(&self, x: u16) -> u16 {
        self.ink_after.get(self.index(x)).copied().unwrap_or(0)
    }
}
