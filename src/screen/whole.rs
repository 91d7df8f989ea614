//! A whole frame written onto a cleared screen in one pass over its cells: the first screen of
//! every session, and the first after a resize. Only cells that do not look blank are written;
//! the cursor reaches each by the shortest move, or by writing the blanks before it again
//! where that is shorter; the pen changes only where a cell would look different. Frames with a
//! cell the general encoder must weigh (a wide character, a cell ratatui's diff skips or
//! treats specially) are not taken here: `diff` and `cells` write those. Knows nothing of the
//! app or of terminal modes.

use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};

use super::cells::{Term, columns};
use super::moves::{Cursor, Seq, motion};
use super::pen::{Pen, is_clear};

/// Whether a cell can be written here: one column at most, as ratatui's diff measures it, with
/// no diff option and not skipped.
fn fits(cell: &Cell) -> bool {
    #[allow(deprecated)] // `skip` is still honoured by ratatui's diff
    let plain = cell.diff_option == CellDiffOption::None && !cell.skip;
    plain
        && (matches!(cell.symbol().as_bytes(), [b] if (b' '..=b'~').contains(b))
            || cell.cell_width() <= 1)
}

/// Writes `next` to a screen that is cleared, from the terminal state `term`, and updates it.
/// Returns false, having written part of it, at the first cell that does not [`fits`]: the
/// caller then drops those bytes and writes the frame the general way.
#[must_use]
pub(super) fn write(next: &Buffer, term: &mut Term, out: &mut Vec<u8>) -> bool {
    let area = next.area;
    let width = usize::from(area.width);
    if width == 0 {
        return true;
    }
    for (row, y) in next.content.chunks(width).zip(area.top()..) {
        for (cell, x) in row.iter().zip(area.left()..) {
            if !fits(cell) {
                return false;
            }
            // A cleared screen already shows it.
            if is_clear(cell) {
                continue;
            }
            let pen = Pen::of(cell);
            let want = (!term.pen.draws(cell)).then_some(pen);
            go(term, out, (x, y), area.left(), want);
            // Unless the way there set it already.
            if let Some(pen) = want.filter(|p| *p != term.pen) {
                out.extend_from_slice(super::pen::sgr(term.pen, pen).as_bytes());
                term.pen = pen;
            }
            // An empty symbol would leave the cursor behind; the terminal shows a blank.
            match cell.symbol().as_bytes() {
                [b] if (b' '..=b'~').contains(b) => out.push(*b),
                _ if columns(cell) == 0 => out.push(b' '),
                symbol => out.extend_from_slice(symbol),
            }
            term.cursor = if x.saturating_add(1) >= area.right() {
                Cursor::Pending(y)
            } else {
                Cursor::At(x + 1, y)
            };
        }
    }
    true
}

/// Moves the cursor to (`x`, `y`), every cell before it on that row being blank: by the
/// shortest move, or by writing the blanks from the cursor (on its row) or from the row's start
/// (from anywhere else) again. Blanks need a pen whose blanks are the screen's own: the current
/// one, or `want`, the pen the cell at `x` needs, set first since it is set anyway.
fn go(term: &mut Term, out: &mut Vec<u8>, (x, y): (u16, u16), left: u16, want: Option<Pen>) {
    let cursor = term.cursor;
    if cursor == Cursor::At(x, y) {
        return;
    }
    let blank_pen = Some(term.pen)
        .filter(|p| p.clears())
        .or(want.filter(|p| p.clears()));
    // A gap of up to three blanks on the cursor's row (the space between two words, mostly):
    // written again, they cost no more than any move forward (three bytes at least).
    if let (Some(pen), Cursor::At(cx, cy)) = (blank_pen, cursor)
        && cy == y
        && cx < x
        && x - cx <= 3
    {
        blanks(term, out, Seq::default(), pen, (cx, x), y);
        return;
    }
    let moved = motion(cursor, x, y);
    if let Some(pen) = blank_pen {
        let (start, from) = match cursor {
            Cursor::At(cx, cy) if cy == y && cx < x => (Seq::default(), cx),
            Cursor::At(_, cy) | Cursor::Pending(cy) if cy == y => (moved, x),
            _ => (motion(cursor, left, y), left),
        };
        if start.len() + usize::from(x - from) < moved.len() {
            blanks(term, out, start, pen, (from, x), y);
            return;
        }
    }
    out.extend_from_slice(moved.as_bytes());
    term.cursor = Cursor::At(x, y);
}

/// Moves by `start` to column `from` of row `y`, sets `pen` (whose blanks are the screen's
/// own) and writes blanks up to column `to`, where the cursor then stands.
fn blanks(
    term: &mut Term,
    out: &mut Vec<u8>,
    start: Seq,
    pen: Pen,
    (from, to): (u16, u16),
    y: u16,
) {
    out.extend_from_slice(start.as_bytes());
    if pen != term.pen {
        out.extend_from_slice(super::pen::sgr(term.pen, pen).as_bytes());
        term.pen = pen;
    }
    out.resize(out.len() + usize::from(to - from), b' ');
    term.cursor = Cursor::At(to, y);
}

#[cfg(test)]
mod tests {
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Modifier, Style};

    use super::*;

    fn frame(width: u16, lines: &[&str]) -> Buffer {
        let mut b = Buffer::empty(Rect::new(0, 0, width, lines.len() as u16));
        for (y, l) in lines.iter().enumerate() {
            b.set_string(0, y as u16, l, Style::new());
        }
        b
    }

    fn written(next: &Buffer) -> String {
        let mut out = Vec::new();
        let mut term = Term::RESET;
        assert!(write(next, &mut term, &mut out));
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn rows_are_reached_by_the_shortest_way() {
        // The first cell by an absolute move; the next row's margin of two blanks written
        // again after CR LF (4 bytes, where LF and four steps back take 5); a row skipped by
        // LF; a long gap jumped.
        let f = frame(30, &["abcdef", "  cd", "", "x                   y"]);
        assert_eq!(written(&f), "\x1b[Habcdef\r\n  cd\r\n\nx\x1b[21Gy");
        // A margin no longer than the way down is kept by LF.
        let g = frame(30, &["ab", "  cd"]);
        assert_eq!(written(&g), "\x1b[Hab\ncd");
    }

    #[test]
    fn the_pen_changes_only_where_a_cell_looks_different() {
        let mut f = frame(10, &["ab cd"]);
        f.set_style(Rect::new(0, 0, 5, 1), Style::new().fg(Color::Cyan));
        // The blank between is coloured text's blank: no change of pen for it.
        assert_eq!(written(&f), "\x1b[H\x1b[36mab cd");
        let mut g = frame(10, &["ab cd"]);
        g.set_style(Rect::new(2, 0, 1, 1), Style::new().bg(Color::Red));
        g.set_style(
            Rect::new(3, 0, 2, 1),
            Style::new().add_modifier(Modifier::BOLD),
        );
        assert_eq!(written(&g), "\x1b[Hab\x1b[41m \x1b[0;1mcd");
    }

    #[test]
    fn a_cell_in_the_last_column_leaves_a_wrap_pending() {
        let f = frame(3, &["abc", "d"]);
        let mut out = Vec::new();
        let mut term = Term::RESET;
        assert!(write(&f, &mut term, &mut out));
        assert_eq!(String::from_utf8(out).unwrap(), "\x1b[Habc\r\nd");
        assert_eq!(term.cursor, Cursor::At(1, 1));
    }

    /// What a terminal shows after `bytes`, cell by cell: symbol, colours and attributes.
    fn shown(bytes: &[u8], area: Rect) -> Vec<String> {
        let n = |v: u16| std::num::NonZeroU16::new(v.max(1)).expect("not zero");
        let mut parser = vt100::Parser::new(n(area.height), n(area.width), 0);
        parser.process(bytes);
        let screen = parser.screen();
        (0..area.height)
            .flat_map(|y| (0..area.width).map(move |x| (x, y)))
            .map(|(x, y)| {
                let c = screen.cell(y, x).expect("in the screen");
                // A cell never written and a space look alike; a blank's foreground,
                // boldness and slant cannot be seen.
                let symbol = Some(c.contents()).filter(|s| !s.is_empty() && *s != " ");
                let ink =
                    (symbol.is_some() || c.inverse()).then(|| (c.fgcolor(), c.bold(), c.italic()));
                format!(
                    "{:?}",
                    (symbol, c.bgcolor(), c.inverse(), c.underline(), ink)
                )
            })
            .collect()
    }

    /// The bytes the general encoder writes for `next` on a cleared screen.
    fn general(next: &Buffer) -> Vec<u8> {
        let updates = Buffer::empty(next.area).diff(next);
        let mut out = Vec::new();
        let mut term = Term::RESET;
        super::super::diff::write_cells(&mut out, &updates, next, &mut term, false)
            .expect("a Vec takes every byte");
        out
    }

    /// Every chapter's first screen at two sizes, on a dark and a light background: the
    /// terminal shows what the general encoder's bytes show, in at most 1% more bytes.
    #[test]
    fn the_handbook_looks_as_the_general_encoder_draws_it() {
        use crate::action::Action;
        use crate::detect::{Background, Caps};
        use crate::theme::{Theme, ThemeName};

        let chapters = crate::content::load(None)
            .library
            .map_or(0, |l| l.editions[0].chapters.len());
        assert!(chapters > 0);
        for background in [Background::Dark, Background::Light] {
            let mut options = super::super::tests::reader();
            let caps = Caps {
                background,
                ..Caps::plain()
            };
            options.look.theme = Theme::new(ThemeName::Default, &caps);
            for (width, height) in [(100, 30), (80, 24)] {
                let mut app = super::super::tests::app_with(options.clone(), width, height);
                for chapter in 0..=chapters {
                    let area = Rect::new(0, 0, width, height);
                    let mut next = Buffer::empty(area);
                    crate::view::render(&app, area, &mut next);
                    let mut fast = Vec::new();
                    assert!(
                        write(&next, &mut Term::RESET.clone(), &mut fast),
                        "{chapter}"
                    );
                    let slow = general(&next);
                    assert_eq!(shown(&fast, area), shown(&slow, area), "chapter {chapter}");
                    // The general encoder also weighs a plain pen set just for the blanks
                    // before a styled cell, a byte here and there (2,050 against 2,049).
                    assert!(
                        fast.len() <= slow.len() + slow.len() / 100,
                        "{} > {}",
                        fast.len(),
                        slow.len()
                    );
                    app.update(Action::GoToChapter(chapter), std::time::Duration::ZERO);
                }
            }
        }
    }

    #[test]
    fn styled_frames_look_as_the_general_encoder_draws_them() {
        let mut styled = frame(30, &["words and  gaps", "", "  é → wide", "x"]);
        styled.set_style(Rect::new(2, 1, 5, 1), Style::new().bg(Color::Blue));
        styled.set_style(Rect::new(0, 3, 3, 1), Style::new().fg(Color::Cyan));
        styled.set_style(
            Rect::new(4, 2, 6, 1),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED),
        );
        let mut empty_symbol = frame(30, &["ab", "cd"]);
        empty_symbol[(1, 0)].set_symbol("");
        for f in [
            frame(30, &["plain text", " and more", "", "end"]),
            frame(30, &["", "", "", ""]),
            frame(3, &["abc", "def"]),
            styled,
            empty_symbol,
        ] {
            let mut fast = Vec::new();
            assert!(write(&f, &mut Term::RESET.clone(), &mut fast));
            assert_eq!(shown(&fast, f.area), shown(&general(&f), f.area));
        }
    }

    #[test]
    fn only_plain_narrow_cells_are_written_here() {
        let mut out = Vec::new();
        assert!(write(
            &frame(10, &["plain", "é →"]),
            &mut Term::RESET.clone(),
            &mut out
        ));
        assert!(!write(
            &frame(10, &["ab", "腱"]),
            &mut Term::RESET.clone(),
            &mut out
        ));
        let mut skipped = frame(10, &["abc"]);
        skipped[(1, 0)].diff_option = CellDiffOption::Skip;
        assert!(!write(&skipped, &mut Term::RESET.clone(), &mut out));
    }
}
