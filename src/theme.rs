//! How things look: one style per role (tab, heading, urgent callout, search hit...) for each
//! theme, built from a palette chosen for the terminal's background (light or dark) and colour
//! depth (16, 256 or 24-bit; the Linux console's 8 backgrounds), and the glyph set. Meaning
//! never rests on colour alone: every role that matters carries a modifier or a text mark as
//! well, and the mono theme has modifiers only. `palette` and the contrast tests check every
//! style against xterm's palette; this file only chooses.

use ratatui::style::{Color, Modifier, Style};

use crate::detect::{Background, Caps, Depth};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemeName {
    /// The terminal's own named colours, chosen for its light or dark background.
    Default,
    /// Explicit black and white with strong accents, every pair at 4.5:1 or more; 16-colour
    /// safe (GNU screen, the Linux console).
    HighContrast,
    /// No colour at all: bold, underline and reverse only.
    Mono,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub base: Style,
    pub tab: Style,
    pub tab_selected: Style,
    pub title: Style,
    pub meta: Style,
    pub overdue: Style,
    pub summary: Style,
    pub heading: Style,
    pub text: Style,
    pub mark: Style,
    pub urgent: Style,
    pub note: Style,
    pub link: Style,
    pub link_focused: Style,
    pub contact: Style,
    pub hit: Style,
    pub status: Style,
    pub status_key: Style,
    pub border: Style,
    pub selected: Style,
    pub notice: Style,
    /// A whole cell of a dark QR module (a space drawn in this style).
    pub qr_dark: Style,
    /// A whole cell of a light QR module or of the quiet zone.
    pub qr_light: Style,
}

const B: Modifier = Modifier::BOLD;
const U: Modifier = Modifier::UNDERLINED;
const R: Modifier = Modifier::REVERSED;

fn s() -> Style {
    Style::new()
}

/// One colour at each depth: a named colour (xterm's 16), a 256-palette index, and 24-bit.
#[derive(Debug, Clone, Copy)]
struct Ink(Color, u8, (u8, u8, u8));

impl Ink {
    /// The terminal's own named colour at every depth: the default theme respects the
    /// terminal's palette.
    const fn named(c: Color) -> Ink {
        Ink(c, 0, (0, 0, 0))
    }

    fn at(self, depth: Depth, named_only: bool) -> Color {
        match depth {
            _ if named_only => self.0,
            Depth::Console | Depth::Ansi16 => self.0,
            Depth::Ansi256 => Color::Indexed(self.1),
            Depth::TrueColor => Color::Rgb(self.2.0, self.2.1, self.2.2),
        }
    }
}

/// The colours of a theme on one background. `None` is the theme's own text colour.
struct Palette {
    /// Named colours only (the default theme), whatever the depth.
    named: bool,
    /// Text and background; `None`: the terminal's own.
    text: Option<Ink>,
    paper: Option<Ink>,
    title: Ink,
    heading: Ink,
    mark: Ink,
    urgent: (Ink, Option<Ink>),
    note: Ink,
    link: Ink,
    contact: Option<Ink>,
    overdue: Option<Ink>,
    notice: Ink,
    border: Ink,
    /// The selected tab and list entry (no bold: xterm would brighten a dark text colour).
    pick: (Ink, Ink),
    hit: (Ink, Ink),
    focus: (Ink, Ink),
}

const fn n(c: Color) -> Ink {
    Ink::named(c)
}

impl Palette {
    fn default_dark() -> Palette {
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
    fn default_light() -> Palette {
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

    fn high_contrast_dark() -> Palette {
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
    fn high_contrast_light() -> Palette {
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

impl Theme {
    pub fn new(name: ThemeName, caps: &Caps) -> Theme {
        let light = caps.background == Background::Light;
        let palette = match name {
            _ if !caps.colour => return Theme::mono(caps.background),
            ThemeName::Mono => return Theme::mono(caps.background),
            ThemeName::Default if light => Palette::default_light(),
            ThemeName::Default => Palette::default_dark(),
            ThemeName::HighContrast if light => Palette::high_contrast_light(),
            ThemeName::HighContrast => Palette::high_contrast_dark(),
        };
        Theme::from_palette(&palette, caps.depth)
    }

    /// Modifiers only. Every other theme adds colour on top of these same cues. The QR code
    /// is drawn in reverse video where the terminal's text colour is the dark one.
    pub fn mono(background: Background) -> Theme {
        let (qr_dark, qr_light) = match background {
            Background::Light => (s().add_modifier(R), s()),
            Background::Dark => (s(), s().add_modifier(R)),
        };
        Theme {
            base: s(),
            tab: s(),
            tab_selected: s().add_modifier(B | R),
            title: s().add_modifier(B | U),
            meta: s(),
            overdue: s().add_modifier(B),
            summary: s().add_modifier(B),
            heading: s().add_modifier(B | U),
            text: s(),
            mark: s().add_modifier(B),
            urgent: s().add_modifier(B),
            note: s().add_modifier(B),
            link: s().add_modifier(U),
            link_focused: s().add_modifier(U | R | B),
            contact: s().add_modifier(B),
            hit: s().add_modifier(R | U),
            status: s().add_modifier(R),
            status_key: s().add_modifier(R | B),
            border: s(),
            selected: s().add_modifier(R | B),
            notice: s().add_modifier(B),
            qr_dark,
            qr_light,
        }
    }

    fn from_palette(p: &Palette, depth: Depth) -> Theme {
        let c = |ink: Ink| ink.at(depth, p.named);
        // The console has 8 backgrounds: its "bright yellow" is brown, too dark under black.
        let paper = |ink: Ink| match (depth, c(ink)) {
            (Depth::Console, Color::Yellow | Color::LightYellow) => Color::Gray,
            (_, colour) => colour,
        };
        let mut base = s();
        if let Some(t) = p.text {
            base = base.fg(c(t));
        }
        if let Some(b) = p.paper {
            base = base.bg(paper(b));
        }
        let on = |ink: Option<Ink>| match ink {
            Some(ink) => base.fg(c(ink)),
            None => base,
        };
        // A colour pair is never bold, even over a bold heading: xterm and the console show
        // bold dark text in a lighter colour, too light on a bright background.
        let pair = |(fg, bg): (Ink, Ink)| s().fg(c(fg)).bg(paper(bg)).remove_modifier(B);
        let urgent = match p.urgent {
            (fg, Some(bg)) => pair((fg, bg)),
            (fg, None) => on(Some(fg)),
        };
        let (qr_dark, qr_light) = (
            s().bg(Ink(Color::Black, 16, (0, 0, 0)).at(depth, false)),
            s().bg(Ink(Color::White, 231, (255, 255, 255)).at(depth, false)),
        );
        let m = Theme::mono(Background::Dark);
        Theme {
            base,
            tab: base,
            tab_selected: pair(p.pick),
            title: on(Some(p.title)).add_modifier(B | U),
            meta: base,
            overdue: on(p.overdue).add_modifier(B),
            summary: base.add_modifier(B),
            heading: on(Some(p.heading)).add_modifier(B | U),
            text: base,
            mark: on(Some(p.mark)).add_modifier(B),
            urgent: urgent.add_modifier(B),
            note: on(Some(p.note)).add_modifier(B),
            link: on(Some(p.link)).add_modifier(U),
            link_focused: pair(p.focus).add_modifier(U),
            contact: on(p.contact).add_modifier(B),
            hit: pair(p.hit).add_modifier(U),
            status: base.patch(m.status),
            status_key: base.patch(m.status_key),
            border: on(Some(p.border)),
            selected: pair(p.pick),
            notice: on(Some(p.notice)).add_modifier(B),
            qr_dark,
            qr_light,
        }
    }

    /// Every style with its role's name, for checks that look at them all.
    pub fn all(&self) -> [(&'static str, Style); 23] {
        [
            ("base", self.base),
            ("tab", self.tab),
            ("tab_selected", self.tab_selected),
            ("title", self.title),
            ("meta", self.meta),
            ("overdue", self.overdue),
            ("summary", self.summary),
            ("heading", self.heading),
            ("text", self.text),
            ("mark", self.mark),
            ("urgent", self.urgent),
            ("note", self.note),
            ("link", self.link),
            ("link_focused", self.link_focused),
            ("contact", self.contact),
            ("hit", self.hit),
            ("status", self.status),
            ("status_key", self.status_key),
            ("border", self.border),
            ("selected", self.selected),
            ("notice", self.notice),
            ("qr_dark", self.qr_dark),
            ("qr_light", self.qr_light),
        ]
    }
}

/// The characters used for marks and borders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyphs {
    pub bullet: &'static str,
    pub bar: &'static str,
    pub arrow: &'static str,
    pub focus: &'static str,
    pub more_left: &'static str,
    pub more_right: &'static str,
    pub ellipsis: &'static str,
    pub separator: &'static str,
    /// Console-safe: ASCII marks, borders and key names, and every other character a console
    /// font lacks replaced when drawn (`console`). `--ascii`, or by itself on the console.
    pub ascii: bool,
}

impl Glyphs {
    pub fn new(ascii: bool) -> Glyphs {
        if ascii {
            Glyphs {
                bullet: "* ",
                bar: "| ",
                arrow: "> ",
                focus: ">",
                more_left: "<",
                more_right: ">",
                ellipsis: "...",
                separator: " | ",
                ascii,
            }
        } else {
            Glyphs {
                bullet: "• ",
                bar: "┃ ",
                arrow: "→ ",
                focus: "▶",
                more_left: "‹",
                more_right: "›",
                ellipsis: "…",
                separator: " · ",
                ascii,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::palette::{Screen, contrast};

    fn caps(background: Background, depth: Depth, colour: bool) -> Caps {
        Caps {
            background,
            depth,
            colour,
            console: depth == Depth::Console,
        }
    }

    #[test]
    fn every_style_of_every_theme_reads_on_its_background() {
        // The view's own styles are checked screen by screen in tests/contrast.rs; this checks
        // each role as the view uses it, text on its own background.
        let mut failures = Vec::new();
        for name in [ThemeName::Default, ThemeName::HighContrast, ThemeName::Mono] {
            for bg in [Background::Light, Background::Dark] {
                for depth in [
                    Depth::Console,
                    Depth::Ansi16,
                    Depth::Ansi256,
                    Depth::TrueColor,
                ] {
                    if depth == Depth::Console && bg == Background::Light {
                        continue;
                    }
                    let theme = Theme::new(name, &caps(bg, depth, true));
                    let screen = Screen::of(bg, depth);
                    for (role, style) in theme.all() {
                        if role.starts_with("qr_") {
                            continue;
                        }
                        let (fg, back) = screen.resolve(theme.base.patch(style));
                        let ratio = contrast(fg, back);
                        if ratio < 4.5 {
                            failures.push(format!("{name:?} {bg:?} {depth:?} {role}: {ratio:.2}"));
                        }
                    }
                }
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    #[test]
    fn high_contrast_never_needs_24_bit_colour() {
        for bg in [Background::Light, Background::Dark] {
            for depth in [Depth::Console, Depth::Ansi16, Depth::Ansi256] {
                let theme = Theme::new(ThemeName::HighContrast, &caps(bg, depth, true));
                for (role, style) in theme.all() {
                    for c in [style.fg, style.bg].into_iter().flatten() {
                        assert!(!matches!(c, Color::Rgb(..)), "{role} at {depth:?}");
                        if depth != Depth::Ansi256 {
                            assert!(!matches!(c, Color::Indexed(..)), "{role} at {depth:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn mono_and_no_colour_use_no_colour() {
        for bg in [Background::Light, Background::Dark] {
            for theme in [
                Theme::new(ThemeName::Mono, &caps(bg, Depth::TrueColor, true)),
                Theme::new(ThemeName::Default, &caps(bg, Depth::Ansi16, false)),
                Theme::new(ThemeName::HighContrast, &caps(bg, Depth::Ansi256, false)),
            ] {
                for (_, style) in theme.all() {
                    assert_eq!((style.fg, style.bg), (None, None));
                }
                assert!(theme.hit.add_modifier.contains(Modifier::REVERSED));
                assert!(theme.tab_selected.add_modifier.contains(Modifier::REVERSED));
            }
        }
    }
}
