//! How things look: one style per role (tab, heading, urgent callout, search hit...) for each
//! theme, built from a palette chosen for the terminal's background (light or dark) and colour
//! depth (16, 256 or 24-bit; the Linux console's 8 backgrounds), and the glyph set. Meaning
//! never rests on colour alone: every role that matters carries a modifier or a text mark as
//! well, and the mono theme has modifiers only. `palette` and the contrast tests check every
//! style against xterm's palette; this file only chooses.

use ratatui::style::{Color, Modifier, Style};

use crate::detect::{Background, Caps, Depth};

mod glyphs;
mod inks;
#[cfg(test)]
mod tests;

pub use glyphs::Glyphs;
use inks::{Ink, Palette};

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
