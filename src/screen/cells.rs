//! Turning a frame's changed cells into the fewest bytes, row by row: the cursor moved by the
//! shortest sequence (`moves`), or a few unchanged cells written again where that is shorter;
//! blanks erased (ECH, or EL for the rest of a row) only with a pen whose erase leaves the
//! terminal's own background; attributes set only where a cell would look different
//! (`pen`). Also adds the second column of a wide character that ratatui's diff leaves out.
//! Knows nothing of the app or of terminal modes.

use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use unicode_width::UnicodeWidthStr;

use super::moves::{Cursor, Seq, motion, push_number};
use super::pen::{self, PLAIN, Pen, is_clear};

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

/// Unchanged cells are written again, instead of moved over, only in runs up to this long: a
/// move never costs more than an absolute CUP, 10 bytes at most.
const MAX_REWRITE: u16 = 10;

/// The columns a cell's symbol takes (0 for an empty or zero-width one).
pub(super) fn columns(cell: &Cell) -> u16 {
    let symbol = cell.symbol();
    // Printable ASCII, nearly every cell, is one column without a look in the tables.
    if let [b] = symbol.as_bytes()
        && (b' '..=b'~').contains(b)
    {
        return 1;
    }
    u16::try_from(symbol.width()).unwrap_or(u16::MAX)
}

/// An erase to the end of a row is weighed only when at most this many cells after it would
/// have to be written again: more would cost more than the ECH it saves.
const MAX_AFTER_EL: u16 = 16;

/// One row of the next frame, with what the encoder asks of it again and again.
#[derive(Clone, Copy)]
struct Row<'a> {
    frame: &'a Buffer,
    y: u16,
    /// Per column: whether it shows an empty cell in the terminal's own colours (and is not
    /// the right part of a wide character).
    clear: &'a [bool],
    /// Per column, and one past the last: how many cells from there to the end are not clear.
    ink_after: &'a [u16],
    /// Per column: the columns its symbol takes.
    widths: &'a [u16],
    /// Per column: whether it is the right part of a wide character that starts before it.
    covered: &'a [bool],
    /// The last column is written later (the column pass): an erase here may take it, and
    /// it is not written here.
    keep_last: bool,
}

/// The per-column facts a `Row` holds.
struct Facts {
    clear: Vec<bool>,
    ink_after: Vec<u16>,
    widths: Vec<u16>,
    covered: Vec<bool>,
}

/// The per-column facts of row `y`, each symbol's width measured once: asked of every cell
/// and of the four before it, the widths were a fifth of the first frame's instructions.
fn row_facts(frame: &Buffer, y: u16) -> Facts {
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
    fn cell(&self, x: u16) -> Option<&'a Cell> {
        self.frame.cell((x, self.y))
    }

    /// One past the last column.
    fn right(&self) -> u16 {
        self.frame.area.right()
    }

    fn index(&self, x: u16) -> usize {
        usize::from(x.saturating_sub(self.frame.area.left()))
    }

    /// Whether column `x` is the right part of a wide character that starts before it.
    fn covered(&self, x: u16) -> bool {
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
    fn width(&self, x: u16, cell: &Cell) -> u16 {
        match self.widths.get(self.index(x)) {
            Some(&w) if x >= self.frame.area.left() => w,
            _ => columns(cell),
        }
    }

    /// Whether column `x` shows an empty cell in the terminal's own colours.
    fn clear(&self, x: u16) -> bool {
        self.clear.get(self.index(x)).copied().unwrap_or(false)
    }

    /// How many cells from column `x` to the end of the row are not clear.
    fn ink_after(&self, x: u16) -> u16 {
        self.ink_after.get(self.index(x)).copied().unwrap_or(0)
    }
}

/// What the next cell written, or erased, needs of the pen.
#[derive(Clone, Copy)]
enum Need<'a> {
    Draw(&'a Cell),
    Clear,
}

impl Need<'_> {
    fn met_by(self, pen: Pen) -> bool {
        match self {
            Need::Draw(cell) => pen.draws(cell),
            Need::Clear => pen.clears(),
        }
    }

    fn pen(self) -> Pen {
        match self {
            Need::Draw(cell) => Pen::of(cell),
            Need::Clear => PLAIN,
        }
    }
}

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

    /// The cells from column `from` up to `to` written again, starting with `pen`: the bytes
    /// and the pen after them, or `None` if a cell cannot be written alone (a wide character,
    /// the right part of one, or a cell the diff must skip).
    fn rewrite(&self, from: u16, to: u16, mut pen: Pen) -> Option<(String, Pen)> {
        let mut s = String::new();
        for x in from..to {
            let cell = self.row.cell(x)?;
            if self.row.width(x, cell) != 1
                || self.row.covered(x)
                || cell.diff_option != CellDiffOption::None
            {
                return None;
            }
            if !pen.draws(cell) {
                let to = Pen::of(cell);
                s.push_str(&pen::sgr(pen, to));
                pen = to;
            }
            s.push_str(cell.symbol());
        }
        Some((s, pen))
    }

    /// Moves the cursor to column `x` of this row and readies the pen for `need`, by the
    /// shortest way: a cursor move, or the unchanged cells on the way written again, with the
    /// pen changed before or after them.
    fn go(&mut self, x: u16, need: Need) {
        let y = self.row.y;
        let pen = self.term.pen;
        let fix = |p: Pen| {
            if need.met_by(p) {
                String::new()
            } else {
                pen::sgr(p, need.pen())
            }
        };
        if self.term.cursor == Cursor::At(x, y) {
            // Already there, as for every cell after the first of a run.
            let s = fix(pen);
            if !s.is_empty() {
                self.out.extend_from_slice(s.as_bytes());
                self.term.pen = need.pen();
            }
            return;
        }
        // A gap of one or two plain cells on the cursor's row: written again, they cost less
        // than any move forward (three bytes at least), with the same pen after.
        if let Cursor::At(cx, cy) = self.term.cursor
            && cy == y
            && cx < x
            && x - cx <= 2
            && let Some((cells, after)) = self.rewrite(cx, x, pen)
            && after == pen
        {
            self.out.extend_from_slice(cells.as_bytes());
            self.out.extend_from_slice(fix(pen).as_bytes());
            self.term.pen = if need.met_by(pen) { pen } else { need.pen() };
            self.term.cursor = Cursor::At(x, y);
            return;
        }
        let moved = motion(self.term.cursor, x, y);
        let mut best = (String::from(moved.as_str()) + &fix(pen), pen);
        // Writing `n` cells again costs at least `n` bytes: weighed only where that could win.
        let rewrite_from = |start: Seq, from: u16, best: &mut (String, Pen)| {
            if start.len() + usize::from(x - from) >= best.0.len() {
                return;
            }
            let early = pen::sgr(pen, need.pen());
            for (prefix, first) in [(String::new(), pen), (early, need.pen())] {
                if let Some((cells, after)) = self.rewrite(from, x, first) {
                    let mut candidate = String::from(start.as_str());
                    candidate.push_str(&prefix);
                    candidate.push_str(&cells);
                    candidate.push_str(&fix(after));
                    if candidate.len() < best.0.len() {
                        let pen = if need.met_by(after) {
                            after
                        } else {
                            need.pen()
                        };
                        *best = (candidate, pen);
                    }
                }
            }
        };
        if let Cursor::At(cx, _) = self.term.cursor
            && cx < x
            && x - cx <= MAX_REWRITE
        {
            rewrite_from(motion(self.term.cursor, cx, y), cx, &mut best);
        }
        if self.row.frame.area.left() == 0 && x <= MAX_REWRITE {
            rewrite_from(motion(self.term.cursor, 0, y), 0, &mut best);
        }
        let (s, pen) = best;
        self.out.extend_from_slice(s.as_bytes());
        self.term.pen = if need.met_by(pen) { pen } else { need.pen() };
        self.term.cursor = Cursor::At(x, y);
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

    fn frame(lines: &[&str]) -> Buffer {
        let mut b = Buffer::empty(Rect::new(0, 0, 30, 4));
        for (y, l) in lines.iter().enumerate() {
            b.set_string(0, y as u16, l, Style::new());
        }
        b
    }

    fn written(prev: &Buffer, next: &Buffer, term: &mut Term) -> String {
        let updates = super::super::diff::clear_wide_tails(prev.diff(next), prev, next);
        let mut out = Vec::new();
        super::super::diff::write_cells(&mut out, &updates, next, term, true).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn short_gaps_are_written_not_jumped() {
        // Three unchanged cells cost less written again than jumped ("\x1b[3C").
        let prev = frame(&["aaaa b cccc"]);
        let next = frame(&["aaaX b Yccc"]);
        let mut term = Term::RESET;
        assert_eq!(written(&prev, &next, &mut term), "\x1b[1;4HX b Y");
        assert_eq!(term.cursor, Cursor::At(8, 0));
        // Six cost more.
        let prev = frame(&["aaaa bbbb cccc"]);
        let next = frame(&["aaaX bbbb Yccc"]);
        let mut term = Term::RESET;
        assert_eq!(written(&prev, &next, &mut term), "\x1b[1;4HX\x1b[6CY");
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
