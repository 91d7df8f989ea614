//! How things look: one style per role (tab, heading, urgent callout, search hit...) for each
//! theme, and the glyph set (Unicode or ASCII). Meaning never rests on colour alone: every role
//! that matters carries a modifier or a text mark as well, and the mono theme has modifiers only.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemeName {
    /// The terminal's own named colours: suits light and dark terminals alike.
    Default,
    /// Explicit colours, every pair at 4.5:1 contrast or more.
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
    /// The QR code's modules: dark foreground on a light background, whatever the terminal.
    pub qr: Style,
}

const B: Modifier = Modifier::BOLD;
const U: Modifier = Modifier::UNDERLINED;
const R: Modifier = Modifier::REVERSED;

fn s() -> Style {
    Style::new()
}

impl Theme {
    pub fn new(name: ThemeName, colour: bool) -> Theme {
        let theme = match name {
            ThemeName::Default => Theme::default_colours(),
            ThemeName::HighContrast => Theme::high_contrast(),
            ThemeName::Mono => Theme::mono(),
        };
        if colour {
            theme
        } else {
            theme.without_colour()
        }
    }

    /// Modifiers only. Every other theme adds colour on top of these same cues.
    fn mono() -> Theme {
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
            qr: s().add_modifier(R),
        }
    }

    fn default_colours() -> Theme {
        let m = Theme::mono();
        Theme {
            tab_selected: m.tab_selected.fg(Color::Cyan),
            title: m.title.fg(Color::Cyan),
            heading: m.heading.fg(Color::Cyan),
            overdue: m.overdue.fg(Color::Yellow),
            mark: m.mark.fg(Color::Cyan),
            urgent: m.urgent.fg(Color::Red),
            note: m.note.fg(Color::Blue),
            link: m.link.fg(Color::Blue),
            contact: m.contact.fg(Color::Green),
            hit: m.hit.fg(Color::Yellow),
            border: m.border.fg(Color::Cyan),
            notice: m.notice.fg(Color::Yellow),
            qr: Style::new().fg(Color::Black).bg(Color::White),
            ..m
        }
    }

    fn high_contrast() -> Theme {
        const BLACK: Color = Color::Rgb(0, 0, 0);
        const WHITE: Color = Color::Rgb(255, 255, 255);
        const YELLOW: Color = Color::Rgb(255, 230, 0);
        const CYAN: Color = Color::Rgb(0, 230, 255);
        const PINK: Color = Color::Rgb(255, 150, 150);
        const GREEN: Color = Color::Rgb(120, 255, 120);
        // Explicit pairs instead of reverse video, which would swap them unpredictably.
        let on_black = |fg: Color| Style::new().fg(fg).bg(BLACK);
        Theme {
            base: on_black(WHITE),
            tab: on_black(WHITE),
            tab_selected: Style::new().fg(BLACK).bg(YELLOW).add_modifier(B),
            title: on_black(YELLOW).add_modifier(B | U),
            meta: on_black(WHITE),
            overdue: on_black(YELLOW).add_modifier(B),
            summary: on_black(WHITE).add_modifier(B),
            heading: on_black(CYAN).add_modifier(B | U),
            text: on_black(WHITE),
            mark: on_black(CYAN).add_modifier(B),
            urgent: on_black(PINK).add_modifier(B),
            note: on_black(CYAN).add_modifier(B),
            link: on_black(CYAN).add_modifier(U),
            link_focused: Style::new().fg(BLACK).bg(CYAN).add_modifier(B | U),
            contact: on_black(GREEN).add_modifier(B),
            hit: Style::new().fg(BLACK).bg(YELLOW).add_modifier(U),
            status: Style::new().fg(BLACK).bg(WHITE),
            status_key: Style::new().fg(BLACK).bg(WHITE).add_modifier(B),
            border: on_black(YELLOW),
            selected: Style::new().fg(BLACK).bg(YELLOW).add_modifier(B),
            notice: on_black(YELLOW).add_modifier(B),
            qr: Style::new().fg(BLACK).bg(WHITE),
        }
    }

    /// The same cues with every colour removed (NO_COLOR, `--color never`). The QR code, which
    /// needs two tones, falls back to reverse video.
    pub fn without_colour(self) -> Theme {
        let strip = |st: Style| Style {
            fg: None,
            bg: None,
            ..st
        };
        let mono = Theme::mono();
        Theme {
            base: strip(self.base),
            tab: strip(self.tab),
            tab_selected: strip(self.tab_selected).add_modifier(R),
            title: strip(self.title),
            meta: strip(self.meta),
            overdue: strip(self.overdue),
            summary: strip(self.summary),
            heading: strip(self.heading),
            text: strip(self.text),
            mark: strip(self.mark),
            urgent: strip(self.urgent),
            note: strip(self.note),
            link: strip(self.link),
            link_focused: mono.link_focused,
            contact: strip(self.contact),
            hit: mono.hit,
            status: mono.status,
            status_key: mono.status_key,
            border: strip(self.border),
            selected: mono.selected,
            notice: strip(self.notice),
            qr: mono.qr,
        }
    }

    /// Every style, for checks that look at them all.
    pub fn all(&self) -> [Style; 22] {
        [
            self.base,
            self.tab,
            self.tab_selected,
            self.title,
            self.meta,
            self.overdue,
            self.summary,
            self.heading,
            self.text,
            self.mark,
            self.urgent,
            self.note,
            self.link,
            self.link_focused,
            self.contact,
            self.hit,
            self.status,
            self.status_key,
            self.border,
            self.selected,
            self.notice,
            self.qr,
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

/// WCAG relative luminance of an sRGB colour.
pub fn luminance(r: u8, g: u8, b: u8) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// WCAG contrast ratio between two colours.
pub fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a.0, a.1, a.2), luminance(b.0, b.1, b.2));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rgb(c: Option<Color>) -> (u8, u8, u8) {
        match c {
            Some(Color::Rgb(r, g, b)) => (r, g, b),
            other => panic!("high-contrast styles use explicit RGB, found {other:?}"),
        }
    }

    #[test]
    fn high_contrast_pairs_meet_wcag_aa() {
        let theme = Theme::new(ThemeName::HighContrast, true);
        for style in theme.all() {
            let ratio = contrast(rgb(style.fg), rgb(style.bg));
            assert!(ratio >= 4.5, "{style:?} has contrast {ratio:.2}");
        }
    }

    #[test]
    fn contrast_matches_known_values() {
        assert!((contrast((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 0.01);
        assert!((contrast((255, 255, 255), (255, 255, 255)) - 1.0).abs() < 0.01);
    }

    #[test]
    fn mono_and_no_colour_use_no_colour() {
        for theme in [
            Theme::new(ThemeName::Mono, true),
            Theme::new(ThemeName::Default, false),
            Theme::new(ThemeName::HighContrast, false),
        ] {
            for style in theme.all() {
                assert_eq!((style.fg, style.bg), (None, None));
            }
            assert!(theme.hit.add_modifier.contains(Modifier::REVERSED));
            assert!(theme.tab_selected.add_modifier.contains(Modifier::REVERSED));
        }
    }
}
