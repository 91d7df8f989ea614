//! The attributes the terminal draws with (the "pen") and the shortest SGR sequence from one
//! pen to another: only what changes, by its own "off" code or by a reset, whichever is
//! shorter. Also says which cells a pen already draws correctly, so a blank needs no SGR of its
//! own. Knows nothing of cursor moves or frames.

use ratatui::buffer::Cell;
use ratatui::style::{Color, Modifier};

use super::moves::push_number;

/// The attributes the terminal is drawing with, as far as the writer has set them.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) struct Pen {
    pub fg: Color,
    pub bg: Color,
    pub modifier: Modifier,
}

pub(super) const PLAIN: Pen = Pen {
    fg: Color::Reset,
    bg: Color::Reset,
    modifier: Modifier::empty(),
};

/// The attributes that show on a blank cell besides its background: a reversed blank shows the
/// foreground colour, an underlined or crossed-out one a line. Bold, dim, italic, blink and
/// hidden change only how a character is drawn, and a blank has none.
const SHOW_ON_BLANK: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::CROSSED_OUT);

impl Pen {
    pub fn of(cell: &Cell) -> Pen {
        Pen {
            fg: cell.fg,
            bg: cell.bg,
            modifier: cell.modifier,
        }
    }

    /// Whether a blank written or erased with this pen is a blank in the terminal's own
    /// colours: the default background and nothing else that shows. Erasing (ECH, EL) fills
    /// with the current background on xterm, tmux and the Linux console alike, so only such a
    /// pen erases to what a plain blank cell is.
    pub fn clears(self) -> bool {
        self.bg == Color::Reset && (self.modifier & SHOW_ON_BLANK).is_empty()
    }

    /// Whether writing `cell`'s symbol with this pen shows exactly what `cell` is: the same
    /// pen, or, for a blank that is not reversed, the same background, underline and
    /// strike-through (a blank's foreground colour, boldness and slant cannot be seen). A
    /// reversed blank shows its foreground colour, which bold may brighten (xterm, the Linux
    /// console), so it needs the very same pen.
    pub fn draws(self, cell: &Cell) -> bool {
        let want = Pen::of(cell);
        if self == want {
            return true;
        }
        cell.symbol() == " "
            && !want.modifier.contains(Modifier::REVERSED)
            && self.bg == want.bg
            && (self.modifier & SHOW_ON_BLANK) == (want.modifier & SHOW_ON_BLANK)
    }
}

/// Whether `cell` looks like an empty cell in the terminal's own colours (what an erase with a
/// clearing pen leaves).
pub(super) fn is_clear(cell: &Cell) -> bool {
    cell.symbol() == " " && Pen::of(cell).clears()
}

/// Appends `;` and the SGR parameters for a colour, foreground (`base` 30) or background
/// (`base` 40), in the shortest form: the 16 named colours by their own codes.
fn colour_params(colour: Color, base: u8, params: &mut String) {
    let mut param = |n: u8| {
        params.push(';');
        push_number(params, u32::from(n));
    };
    let offset = match colour {
        Color::Reset => 9,
        Color::Indexed(i) => {
            for n in [base + 8, 5, i] {
                param(n);
            }
            return;
        }
        Color::Rgb(r, g, b) => {
            for n in [base + 8, 2, r, g, b] {
                param(n);
            }
            return;
        }
        // The 16 named colours, numbered once in the palette: 0-7 by their own codes, the
        // bright ones by the 90/100 codes.
        named => match crate::palette::Screen::named(named) {
            Some(i) if i < 8 => i as u8,
            Some(i) => 60 + (i - 8) as u8,
            None => 9,
        },
    };
    param(base + offset);
}

/// Each attribute's code to turn it on, in the order they are written.
const ON: [(Modifier, &str); 9] = [
    (Modifier::BOLD, ";1"),
    (Modifier::DIM, ";2"),
    (Modifier::ITALIC, ";3"),
    (Modifier::UNDERLINED, ";4"),
    (Modifier::SLOW_BLINK, ";5"),
    (Modifier::RAPID_BLINK, ";6"),
    (Modifier::REVERSED, ";7"),
    (Modifier::HIDDEN, ";8"),
    (Modifier::CROSSED_OUT, ";9"),
];

/// The attributes with an "off" code every terminal the program meets knows (xterm, tmux, the
/// Linux console): bold and dim share 22. Others (blink, hidden, crossed out) are turned off by
/// a reset.
const OFF: [(Modifier, &str); 3] = [
    (Modifier::ITALIC, ";23"),
    (Modifier::UNDERLINED, ";24"),
    (Modifier::REVERSED, ";27"),
];

/// Appends the parameters (each after a `;`) that add `to`'s attributes and colours to
/// `from`'s.
fn additions(from: Pen, to: Pen, params: &mut String) {
    for (m, code) in ON {
        if to.modifier.contains(m) && !from.modifier.contains(m) {
            params.push_str(code);
        }
    }
    if to.fg != from.fg {
        colour_params(to.fg, 30, params);
    }
    if to.bg != from.bg {
        colour_params(to.bg, 40, params);
    }
}

/// The parameters (each after a `;`) from `from` to `to` turning attributes off one by one, or
/// `None` when one of them has no off code.
fn stepwise(from: Pen, to: Pen) -> Option<String> {
    let gone = from.modifier - to.modifier;
    let intensity = Modifier::BOLD | Modifier::DIM;
    let known = OFF.iter().fold(intensity, |m, (o, _)| m | *o);
    if !(gone - known).is_empty() {
        return None;
    }
    let mut params = String::new();
    let mut from = from;
    if gone.intersects(intensity) {
        // 22 ends both bold and dim; the one that stays is added again below.
        params.push_str(";22");
        from.modifier -= intensity;
    }
    for (m, code) in OFF {
        if gone.contains(m) {
            params.push_str(code);
            from.modifier -= m;
        }
    }
    additions(from, to, &mut params);
    Some(params)
}

/// The SGR sequence from `from` to `to`: the shorter of turning off what goes, or a reset
/// followed by all of `to`. Empty when they are the same.
pub(super) fn sgr(from: Pen, to: Pen) -> String {
    if from == to {
        return String::new();
    }
    let mut reset = String::from(";0");
    additions(PLAIN, to, &mut reset);
    if reset == ";0" {
        reset.clear();
    }
    let params = match stepwise(from, to) {
        Some(steps) if steps.len() < reset.len() => steps,
        _ => reset,
    };
    let mut s = String::with_capacity(params.len() + 3);
    s.push_str("\x1b[");
    s.push_str(params.get(1..).unwrap_or(""));
    s.push('m');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pen(fg: Color, modifier: Modifier) -> Pen {
        Pen {
            fg,
            bg: Color::Reset,
            modifier,
        }
    }

    #[test]
    fn the_shortest_form_is_chosen() {
        let cyan_bold = pen(Color::Cyan, Modifier::BOLD);
        assert_eq!(sgr(PLAIN, cyan_bold), "\x1b[1;36m");
        assert_eq!(sgr(cyan_bold, PLAIN), "\x1b[m");
        assert_eq!(sgr(cyan_bold, cyan_bold), "");
        // Only the colour goes: a reset (3 bytes) is shorter than 39 (5).
        assert_eq!(sgr(pen(Color::Cyan, Modifier::empty()), PLAIN), "\x1b[m");
        // Bold stays, the colour changes: no reset.
        assert_eq!(
            sgr(cyan_bold, pen(Color::Magenta, Modifier::BOLD)),
            "\x1b[35m"
        );
        // Underline goes, bold and colour stay: 24 beats "0;1;36".
        assert_eq!(
            sgr(
                pen(Color::Cyan, Modifier::BOLD | Modifier::UNDERLINED),
                cyan_bold
            ),
            "\x1b[24m"
        );
        // Dim goes, bold and colour stay: 22 ends both, 1 brings bold back.
        assert_eq!(
            sgr(pen(Color::Cyan, Modifier::BOLD | Modifier::DIM), cyan_bold),
            "\x1b[22;1m"
        );
        // Crossed out has no off code the Linux console knows: a reset.
        assert_eq!(
            sgr(
                pen(Color::Reset, Modifier::CROSSED_OUT | Modifier::BOLD),
                pen(Color::Reset, Modifier::BOLD)
            ),
            "\x1b[0;1m"
        );
    }

    #[test]
    fn a_blank_is_drawn_by_any_pen_with_its_background() {
        let mut blank = Cell::new(" ");
        assert!(pen(Color::Cyan, Modifier::BOLD).draws(&blank));
        assert!(!pen(Color::Cyan, Modifier::UNDERLINED).draws(&blank));
        assert!(!pen(Color::Reset, Modifier::REVERSED).draws(&blank));
        blank.modifier = Modifier::REVERSED;
        blank.fg = Color::Cyan;
        assert!(pen(Color::Cyan, Modifier::REVERSED).draws(&blank));
        // Bold may brighten the colour a reversed blank shows.
        assert!(!pen(Color::Cyan, Modifier::REVERSED | Modifier::BOLD).draws(&blank));
        assert!(!pen(Color::Red, Modifier::REVERSED).draws(&blank));
        let x = Cell::new("x");
        assert!(!pen(Color::Cyan, Modifier::empty()).draws(&x));
        assert!(PLAIN.draws(&x));
    }
}
