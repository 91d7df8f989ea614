//! Turning a frame's changed cells into the fewest bytes, row by row: the cursor moved by the
//! shortest sequence (`moves`), or a few unchanged cells written again where that is shorter;
//! blanks erased (ECH, or EL for the rest of a row) only with a pen whose erase leaves the
//! terminal's own background; attributes set only where a cell would look different
//! (`pen`). Reaching a cell (a cursor move, or the cells on the way written again) is `reach`'s; what
//! each column of a row holds, measured once per row, is `row`'s. Knows nothing of the app or
//! of terminal modes.

use ratatui::buffer::{Buffer, Cell, CellDiffOption};

use super::moves::{Cursor, motion, push_number};
use super::pen::{self, PLAIN, Pen, is_clear};

mod reach;
mod row;

use reach::Need;
pub(super) use row::columns;
use row::{Row, row_facts};

/// What the terminal shows besides its cells: where its cursor is and the pen it draws with.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) struct Term {
    pub cursor: Cursor,
    pub pen: Pen,
}

impl Term {
    /// Nothing known of the cursor; the pen reset.
    pub const RESET: Term = Term {
        cursor: Cursor::Unknown,
        pen: PLAIN,
    };

    /// Moves the cursor to (`x`, `y`) by the shortest sequence, written to `out`.
    pub fn go_to(&mut self, out: &mut Vec<u8>, x: u16, y: u16) {
        out.extend_from_slice(motion(self.cursor, x, y).as_bytes());
        self.cursor = Cursor::At(x, y);
    }

    /// Resets a pen that shows on blanks (a background colour, reverse, underline), so nothing
    /// else written to the screen between frames is drawn with it.
    pub fn settle(&mut self, out: &mut Vec<u8>) {
        if !self.pen.clears() {
            out.extend_from_slice(pen::sgr(self.pen, PLAIN).as_bytes());
            self.pen = PLAIN;
        }
    }
}

/// An erase to the end of a row is weighed only when at most this many cells after it would
/// have to be written again: more would cost more than the ECH it saves.
const MAX_AFTER_EL: u16 = 16;

/// The bytes for one row's changes, built beside the terminal state they leave.
#[derive(Clone)]
struct Encoder<'a> {
    row: Row<'a>,
    term: Term,
    out: Vec<u8>,
}

impl<'a> Encoder<'a> {
    fn new(row: Row<'a>, term: Term) -> Encoder<'a> {
        Encoder {
            row,
            term,
            out: Vec::new(),
        }
    }

    /// An encoder that goes on from this one's state, with no bytes yet.
    fn fork(&self) -> Encoder<'a> {
        Encoder::new(self.row, self.term)
    }

    /// Takes `other`'s bytes and state, where it went on from this one.
    fn adopt(&mut self, other: Encoder<'a>) {
        self.out.extend_from_slice(&other.out);
        self.term = other.term;
    }

    /// Writes one cell.
    fn put(&mut self, x: u16, cell: &Cell) {
        self.go(x, Need::Draw(cell));
        // An empty symbol would leave the cursor behind; the terminal shows a blank.
        let (symbol, width) = match self.row.width(x, cell) {
            0 => (" ", 1),
            w => (cell.symbol(), w),
        };
        self.out.extend_from_slice(symbol.as_bytes());
        let end = x.saturating_add(width);
        self.term.cursor = if end >= self.row.right() {
            Cursor::Pending(self.row.y)
        } else {
            Cursor::At(end, self.row.y)
        };
    }

    /// Where an erase meant to start at `x` can start: at the cursor, if it stands before `x`
    /// on this row with only clear cells between.
    fn erase_from(&self, x: u16) -> u16 {
        match self.term.cursor {
            Cursor::At(cx, cy)
                if cy == self.row.y && cx < x && (cx..x).all(|c| self.row.clear(c)) =>
            {
                cx
            }
            _ => x,
        }
    }

    /// Encodes `changes` (columns in order, all on this row).
    fn changes(&mut self, changes: &[(u16, &Cell)]) {
        let mut i = 0;
        while i < changes.len() {
            let (x, cell) = changes[i];
            if !self.row.clear(x) {
                self.put(x, cell);
                i += 1;
                continue;
            }
            // A run of clear cells. Either the rest of the row is erased here (EL) and every
            // cell after that is not clear is written, or the run is erased alone and the
            // changes after it follow: whichever is shorter.
            let mut end = x;
            while end < self.row.right() && self.row.clear(end) {
                end += 1;
            }
            let n = changes[i..].iter().take_while(|(cx, _)| *cx < end).count();
            if self.row.ink_after(end) > MAX_AFTER_EL {
                self.clear_run(x, &changes[i..i + n]);
                i += n;
                continue;
            }
            let mut run = self.fork();
            run.clear_run(x, &changes[i..i + n]);
            run.changes(&changes[i + n..]);
            if let Some(el) = self.erase_line(x, end)
                && el.out.len() <= run.out.len()
            {
                self.adopt(el);
            } else {
                self.adopt(run);
            }
            return;
        }
    }

    /// The rest of the row from `x` (a clear cell; clear up to `end`) erased by EL and its
    /// cells that are not clear written again, or `None` if one of them must not be drawn
    /// over.
    fn erase_line(&self, x: u16, end: u16) -> Option<Encoder<'a>> {
        let mut el = self.fork();
        el.go(self.erase_from(x), Need::Clear);
        el.out.extend_from_slice(b"\x1b[K");
        let last = self.row.right() - u16::from(self.row.keep_last);
        for c in end..last {
            let cell = self.row.cell(c)?;
            if cell.diff_option == CellDiffOption::Skip {
                return None;
            }
            if !self.row.clear(c) && !self.row.covered(c) {
                el.put(c, cell);
            }
        }
        Some(el)
    }

    /// Makes the changed cells of one run of clear cells clear: one ECH over them (and over
    /// any unchanged clear cells between), or spaces where that is shorter.
    fn clear_run(&mut self, x: u16, changes: &[(u16, &Cell)]) {
        let Some(&(last, _)) = changes.last() else {
            return;
        };
        let mut ech = self.fork();
        let from = self.erase_from(x);
        ech.go(from, Need::Clear);
        let count = last - from + 1;
        if count == 1 {
            ech.out.extend_from_slice(b"\x1b[X");
        } else {
            let mut seq = String::from("\x1b[");
            push_number(&mut seq, u32::from(count));
            seq.push('X');
            ech.out.extend_from_slice(seq.as_bytes());
        }
        let mut spaces = self.fork();
        for (cx, c) in changes {
            spaces.put(*cx, c);
        }
        if spaces.out.len() <= ech.out.len() {
            self.adopt(spaces);
        } else {
            self.adopt(ech);
        }
    }
}

/// Writes one row's changes (`changes`: columns in order) to `out`, from the terminal state
/// `term`, and updates it. With `keep_last`, the row's last column is written later, by the
/// column pass.
pub(super) fn write_row(
    next: &Buffer,
    y: u16,
    changes: &[(u16, &Cell)],
    keep_last: bool,
    term: &mut Term,
    out: &mut Vec<u8>,
) {
    let facts = row_facts(next, y);
    let row = Row {
        frame: next,
        y,
        clear: &facts.clear,
        ink_after: &facts.ink_after,
        widths: &facts.widths,
        covered: &facts.covered,
        keep_last,
    };
    let mut encoder = Encoder::new(row, *term);
    encoder.changes(changes);
    out.extend_from_slice(&encoder.out);
    *term = encoder.term;
}

/// Writes one cell on its own, as the column pass does.
pub(super) fn write_cell(
    next: &Buffer,
    (x, y): (u16, u16),
    cell: &Cell,
    term: &mut Term,
    out: &mut Vec<u8>,
) {
    let row = Row {
        frame: next,
        y,
        clear: &[],
        ink_after: &[],
        widths: &[],
        covered: &[],
        keep_last: true,
    };
    let mut encoder = Encoder::new(row, *term);
    encoder.put(x, cell);
    out.extend_from_slice(&encoder.out);
    *term = encoder.term;
}

/// Whether a change can wait for the column pass: a single-column character, not a blank, in
/// the last column (a scrollbar's, say).
pub(super) fn can_wait(next: &Buffer, (x, y): (u16, u16), cell: &Cell) -> bool {
    x + 1 == next.area.right()
        && columns(cell) == 1
        && !is_clear(cell)
        && !(x > next.area.left() && next.cell((x - 1, y)).is_some_and(|c| columns(c) > 1))
}

#[cfg(test)]
mod tests {
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Style};

    use super::*;

    // `frame` and `written` are shared with the tests of `reach`.

    pub(super) fn frame(lines: &[&str]) -> Buffer {
        let mut b = Buffer::empty(Rect::new(0, 0, 30, 4));
        for (y, l) in lines.iter().enumerate() {
            b.set_string(0, y as u16, l, Style::new());
        }
        b
    }

    pub(super) fn written(prev: &Buffer, next: &Buffer, term: &mut Term) -> String {
        let updates = super::super::diff::clear_wide_tails(prev.diff(next), prev, next);
        let mut out = Vec::new();
        super::super::diff::write_cells(&mut out, &updates, next, term, true).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn rows_follow_each_other_by_cr_lf_and_tails_are_erased() {
        let prev = frame(&["", " one two three", " four five", " six"]);
        let next = frame(&["", " uno", " dos tres", " seis"]);
        let mut term = Term {
            cursor: Cursor::At(0, 0),
            pen: PLAIN,
        };
        // Row 1: down a line, the blank margin written again rather than stepped over; the
        // old tail erased by one EL from where the cursor stands. Rows 2 and 3: CR LF and the
        // margin; a one-cell tail is a space.
        assert_eq!(
            written(&prev, &next, &mut term),
            "\n uno\x1b[K\r\n dos tres \r\n seis"
        );
    }

    #[test]
    fn an_erase_uses_a_pen_that_leaves_the_terminal_background() {
        let prev = frame(&["", "words and more words"]);
        let mut next = frame(&["", "w"]);
        next.set_style(Rect::new(0, 1, 1, 1), Style::new().fg(Color::Cyan));
        let mut term = Term::RESET;
        let s = written(&prev, &next, &mut term);
        // Cyan clears (the background is the terminal's): no reset before the erase.
        assert!(s.ends_with("\x1b[36mw\x1b[K"), "{s:?}");
        let mut reversed = frame(&["", "w"]);
        reversed.set_style(
            Rect::new(0, 1, 1, 1),
            Style::new().add_modifier(ratatui::style::Modifier::REVERSED),
        );
        let mut term = Term::RESET;
        let s = written(&prev, &reversed, &mut term);
        assert!(s.ends_with("\x1b[7mw\x1b[m\x1b[K"), "{s:?}");
    }
}
