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

/// The shortest sequence that moves the cursor from `from` to column `x` of row `y`. Every
/// move is weighed against others, several times per row of a frame: the sequences are built
/// inline (17 bytes at most for any coordinates), without a heap allocation each.
pub(super) fn motion(from: Cursor, x: u16, y: u16) -> Seq {
    if from == Cursor::At(x, y) {
        return Seq::default();
    }
    let absolute = cup(x, y);
    let relative = match from {
        Cursor::Unknown => None,
        Cursor::At(cx, cy) => {
            // A carriage return first reads as the usual CR LF; either order moves alike.
            let (v, h) = (vertical(cy, y), horizontal(cx, x));
            let (mut first, second) = if h.starts_with(b'\r') { (h, v) } else { (v, h) };
            first.append(&second);
            Some(first)
        }
        Cursor::Pending(cy) => {
            let mut r = Seq::of("\r");
            r.append(&vertical(cy, y));
            r.append(&horizontal(0, x));
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
pub(super) fn push_number(s: &mut impl Push, n: u32) {
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

/// A cursor move, kept inline: weighed against other moves several times per row of a frame,
/// a heap allocation each cost more than the rest of the weighing. Any move between u16
/// coordinates fits (17 bytes at most: CR, VPA and CHA with five digits each).
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Seq {
    bytes: [u8; Seq::CAPACITY],
    len: u8,
}

impl Seq {
    const CAPACITY: usize = 24;

    fn of(s: &str) -> Seq {
        let mut seq = Seq::default();
        seq.push_str(s);
        seq
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }

    /// The sequence as text (ASCII, as every part pushed is).
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(self.as_bytes()).unwrap_or_default()
    }

    pub fn len(&self) -> usize {
        usize::from(self.len)
    }

    fn starts_with(&self, b: u8) -> bool {
        self.as_bytes().first() == Some(&b)
    }

    fn push_str(&mut self, s: &str) {
        self.push_bytes(s.as_bytes());
    }

    fn append(&mut self, other: &Seq) {
        self.push_bytes(other.as_bytes());
    }

    /// Appends `b` (ASCII); more than the capacity holds is never pushed (see the type's
    /// bound).
    fn push_bytes(&mut self, b: &[u8]) {
        let start = usize::from(self.len);
        if let Some(room) = self.bytes.get_mut(start..start + b.len()) {
            room.copy_from_slice(b);
            self.len += b.len() as u8;
        }
    }
}

impl std::fmt::Debug for Seq {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

impl PartialEq<&str> for Seq {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// What `push_number` appends to: a `String`, or a `Seq`.
pub(super) trait Push {
    fn push(&mut self, c: char);
}

impl Push for String {
    fn push(&mut self, c: char) {
        String::push(self, c);
    }
}

impl Push for Seq {
    fn push(&mut self, c: char) {
        self.push_str(c.encode_utf8(&mut [0; 4]))
    }
}

/// CUP, with the parameters that are 1 left out.
fn cup(x: u16, y: u16) -> Seq {
    let mut s = Seq::default();
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
fn csi(n: u32, end: char) -> Seq {
    let mut s = Seq::default();
    s.push_str("\x1b[");
    if n != 1 {
        push_number(&mut s, n);
    }
    s.push(end);
    s
}

/// The shortest change of row that keeps the column: line feeds (the window never scrolls,
/// since the frame's rows are the window's), CUD, CUU or VPA.
fn vertical(from: u16, to: u16) -> Seq {
    use std::cmp::Ordering::{Equal, Greater, Less};
    let down = u32::from(to.saturating_sub(from));
    let up = u32::from(from.saturating_sub(to));
    let step = match from.cmp(&to) {
        Equal => return Seq::default(),
        Less if down <= 3 => Seq::of(&"\n\n\n"[..down as usize]),
        Less => csi(down, 'B'),
        Greater => csi(up, 'A'),
    };
    // VPA's count is never left out: it is a row number, not a step.
    let mut vpa = Seq::default();
    vpa.push_str("\x1b[");
    push_number(&mut vpa, u32::from(to) + 1);
    vpa.push('d');
    if vpa.len() < step.len() { vpa } else { step }
}

/// The shortest change of column on the cursor's row: CR, backspaces, CUF, CUB or CHA.
fn horizontal(from: u16, to: u16) -> Seq {
    if from == to {
        return Seq::default();
    }
    // CHA, whose count is a column number, never left out.
    let mut best = Seq::default();
    best.push_str("\x1b[");
    push_number(&mut best, u32::from(to) + 1);
    best.push('G');
    let mut consider = |s: Seq| {
        if s.len() < best.len() {
            best = s;
        }
    };
    if to == 0 {
        consider(Seq::of("\r"));
    } else {
        let mut cr = Seq::of("\r");
        cr.append(&csi(u32::from(to), 'C'));
        consider(cr);
    }
    if to > from {
        consider(csi(u32::from(to - from), 'C'));
    } else {
        let back = from - to;
        consider(csi(u32::from(back), 'D'));
        if back <= 2 {
            consider(Seq::of(&"\x08\x08"[..usize::from(back)]));
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

    #[test]
    fn every_move_fits_inline() {
        // The longest: from a pending wrap, CR, then down or up by VPA and across by CHA.
        let far = u16::MAX;
        for (from, x, y) in [
            (Cursor::Pending(0), far, far),
            (Cursor::Pending(far), far, 0),
            (Cursor::At(far, far), 1, 0),
            (Cursor::At(1, 0), far, far),
            (Cursor::Unknown, far, far),
        ] {
            let m = motion(from, x, y);
            let expected = if m.as_str().starts_with("\x1b[") && m.as_str().ends_with('H') {
                format!("\x1b[{};{}H", u32::from(y) + 1, u32::from(x) + 1)
            } else {
                m.as_str().to_owned()
            };
            assert_eq!(m.as_str(), expected);
            assert!(m.len() <= 17, "{m:?}");
        }
        assert_eq!(
            motion(Cursor::Pending(far - 1), far - 1, far),
            "\r\n\x1b[65535G"
        );
    }
}
