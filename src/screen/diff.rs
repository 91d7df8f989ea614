//! Which cells of the next frame to write, and in what order: the cells ratatui's diff finds
//! changed, with the parts of old wide characters it leaves out; written row by row, or with
//! the last column's changes (a scrollbar's) held back and written top to bottom after the
//! rows, whichever takes fewer bytes. The bytes themselves are `cells`' to choose.

use std::io::{self, Write};

use ratatui::buffer::{Buffer, Cell};

use super::cells::{Term, can_wait, columns, write_cell, write_row};

/// The changed cells of `next`, row by row: (row, [(column, cell)]).
type Rows<'a> = Vec<(u16, Vec<(u16, &'a Cell)>)>;

/// Writes the changed cells of `next` (`updates`, in the order of the diff: rows top to bottom,
/// columns left to right) to a terminal in state `term`, and updates `term`. With `weigh`, the
/// column pass is weighed against writing row by row (for a change to a frame on screen; a
/// whole frame is written row by row at once, sparing the first screen a second encoding).
pub(super) fn write_cells(
    out: &mut impl Write,
    updates: &[(u16, u16, &Cell)],
    next: &Buffer,
    term: &mut Term,
    weigh: bool,
) -> io::Result<()> {
    let mut rows: Rows = Vec::new();
    for &(x, y, cell) in updates {
        match rows.last_mut() {
            Some((row, changes)) if *row == y => changes.push((x, cell)),
            _ => rows.push((y, vec![(x, cell)])),
        }
    }
    let (mut bytes, mut after) = encode(&rows, next, *term, false);
    // A column of changes at the right edge (a scrollbar's thumb moving) costs a cursor move
    // and a colour change on each row it shares with text; written as one column, one colour
    // change and a short step from each cell to the next.
    let waiting = rows
        .iter()
        .filter(|(y, changes)| {
            changes
                .last()
                .is_some_and(|&(x, cell)| can_wait(next, (x, *y), cell))
        })
        .count();
    if weigh && waiting >= 2 {
        let (column, column_after) = encode(&rows, next, *term, true);
        if column.len() < bytes.len() {
            (bytes, after) = (column, column_after);
        }
    }
    *term = after;
    out.write_all(&bytes)
}

/// The bytes for `rows`, from `term`; with `column`, the last column's changes written after
/// the rows.
fn encode(rows: &Rows, next: &Buffer, mut term: Term, column: bool) -> (Vec<u8>, Term) {
    let mut bytes = Vec::new();
    let mut held: Vec<(u16, u16, &Cell)> = Vec::new();
    for (y, changes) in rows {
        let mut changes = changes.as_slice();
        let mut keep_last = false;
        if column
            && let Some((&(x, cell), rest)) = changes.split_last()
            && can_wait(next, (x, *y), cell)
        {
            held.push((x, *y, cell));
            changes = rest;
            keep_last = true;
        }
        write_row(next, *y, changes, keep_last, &mut term, &mut bytes);
    }
    for (x, y, cell) in held {
        write_cell(next, (x, y), cell, &mut term, &mut bytes);
    }
    (bytes, term)
}

/// Adds the columns of an old wide character (Chinese, say) that a new character covers only
/// in part: the right half of one a narrower character replaces, or the right half of one
/// whose left half a new wide character overwrites. ratatui leaves them out, trusting the
/// terminal to clear them; but terminals clear such a half with whatever pen is current (an
/// underline shows there), and an erase (ECH) that ends on a first half leaves the second
/// behind in some (tmux), so the row shows one column to the left. Written after the new
/// character, they show what the next frame has there.
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
        let (mut x, mut cell, mut reach) = (x, cell, 0);
        loop {
            out.push((x, y, cell));
            let end = x.saturating_add(columns(cell).max(1));
            // The old characters starting under the new one, and how far the widest reaches.
            reach = (x..end)
                .filter_map(|p| prev.cell((p, y)).map(|c| p.saturating_add(columns(c))))
                .fold(reach.max(end), u16::max);
            match next.cell((end, y)) {
                // The cell after it is a tail, which may in turn cover part of another.
                Some(c) if end < reach => (x, cell) = (end, c),
                _ => break,
            }
        }
    }
    out
}
