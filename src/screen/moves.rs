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
    if from == Cursor::At(x, y) {
        return String::new();
    }
    let absolute = cup(x, y);
    let relative = match from {
        Cursor::Unknown => None,
        Cursor::At(cx, cy) => {
            // A carriage return first reads as the usual CR LF; either order moves alike.
            let (v, h) = (vertical(cy, y), horizontal(cx, x));
            Some(if h.starts_with('\r') { h + &v } else { v + &h })
        }
        Cursor::Pending(cy) => {
            let mut r = String::from("\r");
            r.push_str(&vertical(cy, y));
            r.push_str(&horizontal(0, x));
            Some(r)
        }
    };
    match relative {
        Some(r) if r.len() < absolute.len() => r,
        _ => absolute,
    }
}

/// Appends `n` in decimal. Sequences are built often (each move weighs several), and
/// `format!` cost ten times as much.
pub(super) fn push_number(s: &mut String, n: u32) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        s.push(char::from(d));
    }
}

/// CUP, with the parameters that are 1 left out.
fn cup(x: u16, y: u16) -> String {
    let mut s = String::with_capacity(10);
    s.push_str("\x1b[");
    if (x, y) != (0, 0) {
        push_number(&mut s, u32::from(y) + 1);
    }
    if x != 0 {
        s.push(';');
        push_number(&mut s, u32::from(x) + 1);
    }
    s.push('H');
    s
}

/// A CSI sequence with one count, left out when it is 1.
fn csi(n: u32, end: char) -> String {
    let mut s = String::with_capacity(8);
    s.push_str("\x1b[");
    if n != 1 {
        push_number(&mut s, n);
    }
    s.push(end);
    s
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
    // VPA's count is never left out: it is a row number, not a step.
    let mut vpa = String::with_capacity(8);
    vpa.push_str("\x1b[");
    push_number(&mut vpa, u32::from(to) + 1);
    vpa.push('d');
    if vpa.len() < step.len() { vpa } else { step }
}

/// The shortest change of column on the cursor's row: CR, backspaces, CUF, CUB or CHA.
fn horizontal(from: u16, to: u16) -> String {
    if from == to {
        return String::new();
    }
    // CHA, whose count is a column number, never left out.
    let mut best = String::with_capacity(8);
    best.push_str("\x1b[");
    push_number(&mut best, u32::from(to) + 1);
    best.push('G');
    let mut consider = |s: String| {
        if s.len() < best.len() {
            best = s;
        }
    };
    if to == 0 {
        consider("\r".to_owned());
    } else {
        consider(String::from("\r") + &csi(u32::from(to), 'C'));
    }
    if to > from {
        consider(csi(u32::from(to - from), 'C'));
    } else {
        let back = from - to;
        consider(csi(u32::from(back), 'D'));
        if back <= 2 {
            consider("\x08".repeat(usize::from(back)));
        }
    }
    best
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
