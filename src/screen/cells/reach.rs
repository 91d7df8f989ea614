//! How the cell encoder reaches a cell with the pen it needs: a cursor move by the shortest
//! sequence (`moves`), or the unchanged cells on the way written again where that is shorter,
//! with the pen changed before or after them (`pen`). Decides nothing about which cells are
//! written or erased; `cells` does.

use ratatui::buffer::{Cell, CellDiffOption};

use super::Encoder;
use crate::screen::moves::{Cursor, Seq, motion};
use crate::screen::pen::{self, PLAIN, Pen};

/// Unchanged cells are written again, instead of moved over, only in runs up to this long: a
/// move never costs more than an absolute CUP, 10 bytes at most.
const MAX_REWRITE: u16 = 10;

/// What the next cell written, or erased, needs of the pen.
#[derive(Clone, Copy)]
pub(super) enum Need<'a> {
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

impl Encoder<'_> {
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
    pub(super) fn go(&mut self, x: u16, need: Need) {
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
}

#[cfg(test)]
mod tests {
    use super::super::Term;
    use super::super::tests::{frame, written};
    use crate::screen::moves::Cursor;

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
}
