//! Where the terminal's cursor is, as far as the frame writer knows, and the shortest sequence
//! that moves it: an absolute CUP, or relative steps (CR, LF, BS, CUU/CUD/CUF/CUB, CHA, VPA)
//! where they are shorter. Only steps that xterm, tmux and the Linux console agree on are used.
//! Writes no cells; rewriting cells instead of moving over them is `cells`' choice.

/// The cursor as the writer last left it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Cursor {
    /// Not known: before the first frame, after the screen was taken over, or cleared.
    Unknown,
    /// At column `x` of row `y` (both from 0).
    At(u16, u16),
    /// On row `y`, just after a character written in the last column: the terminal has a wrap
    /// pending there, and terminals disagree on where a relative move from it goes, so only a
    /// carriage return or an absolute move leaves it.
    Pending(u16),
}

/// The shortest sequence that moves the cursor from `from` to column `x` of row `y`.
pub(super) fn motion(from: Cursor, x: u16, y: u16) -> String {
    let absolute = cup(x, y);
    let relative = match from {
        Cursor::Unknown => None,
        Cursor::At(cx, cy) => {
            // A carriage return first reads as the usual CR LF; either order moves alike.
            let (v, h) = (vertical(cy, y), horizontal(cx, x));
            Some(if h.starts_with('\r') { h + &v } else { v + &h })
        }
        Cursor::Pending(cy) => Some(format!("\r{}{}", vertical(cy, y), horizontal(0, x))),
    };
    match relative {
        Some(r) if r.len() < absolute.len() => r,
        _ => absolute,
    }
}

/// CUP, with the parameters that are 1 left out.
fn cup(x: u16, y: u16) -> String {
    match (x, y) {
        (0, 0) => "\x1b[H".to_owned(),
        (0, _) => format!("\x1b[{}H", u32::from(y) + 1),
        _ => format!("\x1b[{};{}H", u32::from(y) + 1, u32::from(x) + 1),
    }
}

/// A CSI sequence with one count, left out when it is 1.
fn csi(n: u32, end: char) -> String {
    if n == 1 {
        format!("\x1b[{end}")
    } else {
        format!("\x1b[{n}{end}")
    }
}

/// The shortest change of row that keeps the column: line feeds (the window never scrolls,
/// since the frame's rows are the window's), CUD, CUU or VPA.
fn vertical(from: u16, to: u16) -> String {
    use std::cmp::Ordering::{Equal, Greater, Less};
    let down = u32::from(to.saturating_sub(from));
    let up = u32::from(from.saturating_sub(to));
    let step = match from.cmp(&to) {
        Equal => return String::new(),
        Less if down <= 3 => "\n".repeat(down as usize),
        Less => csi(down, 'B'),
        Greater => csi(up, 'A'),
    };
    let vpa = format!("\x1b[{}d", u32::from(to) + 1);
    if vpa.len() < step.len() { vpa } else { step }
}

/// The shortest change of column on the cursor's row: CR, backspaces, CUF, CUB or CHA.
fn horizontal(from: u16, to: u16) -> String {
    if from == to {
        return String::new();
    }
    let mut options = vec![format!("\x1b[{}G", u32::from(to) + 1)];
    if to == 0 {
        options.push("\r".to_owned());
    } else {
        options.push(format!("\r{}", csi(u32::from(to), 'C')));
    }
    if to > from {
        options.push(csi(u32::from(to - from), 'C'));
    } else {
        let back = from - to;
        options.push(csi(u32::from(back), 'D'));
        if back <= 2 {
            options.push("\x08".repeat(usize::from(back)));
        }
    }
    options
        .into_iter()
        .min_by_key(String::len)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shortest_move_is_chosen() {
        // Nothing known: absolute.
        assert_eq!(motion(Cursor::Unknown, 1, 2), "\x1b[3;2H");
        assert_eq!(motion(Cursor::Unknown, 0, 2), "\x1b[3H");
        // The next row's start: CR LF.
        assert_eq!(motion(Cursor::At(40, 2), 0, 3), "\r\n");
        // The next row, column 2: LF and CHA (as short as CR LF and a step right).
        assert_eq!(motion(Cursor::At(40, 2), 1, 3), "\n\x1b[2G");
        // Along the row.
        assert_eq!(motion(Cursor::At(10, 2), 30, 2), "\x1b[31G");
        assert_eq!(motion(Cursor::At(10, 2), 9, 2), "\x08");
        // Far away: absolute is shorter.
        assert_eq!(motion(Cursor::At(90, 25), 3, 1), "\x1b[2;4H");
        // A wrap pending: only after a carriage return.
        assert_eq!(motion(Cursor::Pending(5), 0, 6), "\r\n");
        assert_eq!(motion(Cursor::Pending(5), 98, 5), "\r\x1b[99G");
        // Already there.
        assert_eq!(motion(Cursor::At(3, 3), 3, 3), "");
    }
}
