//! The colours each theme is made of, one palette per theme and background, each colour given
//! at every depth the terminal may have. Only chooses colours: which role wears which is
//! `Theme::from_palette`'s, and whether a pair reads is checked by the theme's tests.

use ratatui::style::Color;

use crate::detect::Depth;

/// One colour at each depth: a named colour (xterm's 16), a 256-palette index, and 24-bit.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ink(pub(super) Color, pub(super) u8, pub(super) (u8, u8, u8));

impl Ink {
    /// The terminal's own named colour at every depth: the default theme respects the
    /// terminal's palette.
    const fn named(c: Color) -> Ink {
        Ink(c, 0, (0, 0, 0))
    }

    pub(super) fn at(self, depth: Depth, named_only: bool) -> Color {
        match depth {
            _ if named_only => self.0,
            Depth::Console | Depth::Ansi16 => self.0,
            Depth::Ansi256 => Color::Indexed(self.1),
            Depth::TrueColor => Color::Rgb(self.2.0, self.2.1, self.2.2),
        }
    }
}

/// The colours of a theme on one background. `None` is the theme's own text colour.
pub(super) struct Palette {
    /// Named colours only (the default theme), whatever the depth.
    pub(super) named: bool,
    /// Text and background; `None`: the terminal's own.
    pub(super) text: Option<Ink>,
    pub(super) paper: Option<Ink>,
    pub(super) title: Ink,
    pub(super) heading: Ink,
    pub(super) mark: Ink,
    pub(super) urgent: (Ink, Option<Ink>),
    pub(super) note: Ink,
    pub(super) link: Ink,
    pub(super) contact: Option<Ink>,
    pub(super) overdue: Option<Ink>,
    pub(super) notice: Ink,
    pub(super) border: Ink,
    /// The selected tab and list entry (no bold: xterm would brighten a dark text colour).
    pub(super) pick: (Ink, Ink),
    pub(super) hit: (Ink, Ink),
    pub(super) focus: (Ink, Ink),
}

const fn n(c: Color) -> Ink {
    Ink::named(c)
}

impl Palette {
    pub(super) fn default_dark() -> Palette {
        Palette {
            named: true,
            text: None,
            paper: None,
            title: n(Color::LightCyan),
            heading: n(Color::Cyan),
            mark: n(Color::Cyan),
            urgent: (n(Color::White), Some(n(Color::Red))),
            note: n(Color::LightMagenta),
            link: n(Color::LightCyan),
            contact: Some(n(Color::LightGreen)),
            overdue: Some(n(Color::LightYellow)),
            notice: n(Color::LightYellow),
            border: n(Color::Cyan),
            pick: (n(Color::Black), n(Color::LightCyan)),
            hit: (n(Color::Black), n(Color::LightYellow)),
            focus: (n(Color::Black), n(Color::LightGreen)),
        }
    }

    /// On white, xterm's own default: only dark named colours, and bold only on those that
    /// stay dark when bold brightens them (blue does; red and magenta do not).
    pub(super) fn default_light() -> Palette {
        Palette {
            named: true,
            text: None,
            paper: None,
            title: n(Color::Blue),
            heading: n(Color::Blue),
            mark: n(Color::Blue),
            urgent: (n(Color::White), Some(n(Color::Red))),
            note: n(Color::Blue),
            link: n(Color::Blue),
            contact: None,
            overdue: None,
            notice: n(Color::Blue),
            border: n(Color::Blue),
            pick: (n(Color::White), n(Color::Blue)),
            hit: (n(Color::Black), n(Color::LightYellow)),
            focus: (n(Color::White), n(Color::Blue)),
        }
    }

    pub(super) fn high_contrast_dark() -> Palette {
        const BLACK: Ink = Ink(Color::Black, 16, (0, 0, 0));
        const WHITE: Ink = Ink(Color::White, 231, (255, 255, 255));
        const YELLOW: Ink = Ink(Color::LightYellow, 220, (255, 230, 0));
        const CYAN: Ink = Ink(Color::LightCyan, 45, (0, 230, 255));
        const PINK: Ink = Ink(Color::LightRed, 217, (255, 150, 150));
        const GREEN: Ink = Ink(Color::LightGreen, 120, (120, 255, 120));
        Palette {
            named: false,
            text: Some(WHITE),
            paper: Some(BLACK),
            title: YELLOW,
            heading: CYAN,
            mark: CYAN,
            urgent: (PINK, None),
            note: CYAN,
            link: CYAN,
            contact: Some(GREEN),
            overdue: Some(YELLOW),
            notice: YELLOW,
            border: YELLOW,
            pick: (BLACK, YELLOW),
            hit: (BLACK, YELLOW),
            focus: (BLACK, CYAN),
        }
    }

    /// With 16 colours the text stays the terminal's own dark colour: xterm shows bold
    /// "black" as grey.
    pub(super) fn high_contrast_light() -> Palette {
        const BLACK: Ink = Ink(Color::Reset, 16, (0, 0, 0));
        const PAPER: Ink = Ink(Color::Reset, 231, (255, 255, 255));
        const WHITE: Ink = Ink(Color::White, 231, (255, 255, 255));
        const BLUE: Ink = Ink(Color::Blue, 19, (0, 0, 170));
        const RED: Ink = Ink(Color::Red, 124, (170, 0, 0));
        const YELLOW: Ink = Ink(Color::LightYellow, 226, (255, 230, 0));
        Palette {
            named: false,
            text: Some(BLACK),
            paper: Some(PAPER),
            title: BLUE,
            heading: BLUE,
            mark: BLUE,
            urgent: (WHITE, Some(RED)),
            note: BLUE,
            link: BLUE,
            contact: None,
            overdue: None,
            notice: BLUE,
            border: BLUE,
            pick: (WHITE, BLUE),
            hit: (Ink(Color::Black, 16, (0, 0, 0)), YELLOW),
            focus: (WHITE, BLUE),
        }
    }
}
