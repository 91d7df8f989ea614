//! What a cell's style looks like on a real terminal, as RGB: xterm's default 16-colour and
//! 256-colour palettes, the Linux console's, the default foreground and background on a light
//! or dark terminal, bold brightening the first 8 colours (as xterm and the console do) and
//! reverse video. With WCAG contrast ratios, this is how the themes are checked; it draws
//! nothing.

use ratatui::style::{Color, Modifier, Style};

use crate::detect::{Background, Depth};

pub type Rgb = (u8, u8, u8);

/// xterm's default colours 0-15.
pub const XTERM: [Rgb; 16] = [
    (0, 0, 0),
    (205, 0, 0),
    (0, 205, 0),
    (205, 205, 0),
    (0, 0, 238),
    (205, 0, 205),
    (0, 205, 205),
    (229, 229, 229),
    (127, 127, 127),
    (255, 0, 0),
    (0, 255, 0),
    (255, 255, 0),
    (92, 92, 255),
    (255, 0, 255),
    (0, 255, 255),
    (255, 255, 255),
];

/// The Linux console's default colours 0-15 (the VGA palette).
pub const CONSOLE: [Rgb; 16] = [
    (0, 0, 0),
    (170, 0, 0),
    (0, 170, 0),
    (170, 85, 0),
    (0, 0, 170),
    (170, 0, 170),
    (0, 170, 170),
    (170, 170, 170),
    (85, 85, 85),
    (255, 85, 85),
    (85, 255, 85),
    (255, 255, 85),
    (85, 85, 255),
    (255, 85, 255),
    (85, 255, 255),
    (255, 255, 255),
];

/// A terminal to resolve styles on: its palette and its default colours.
#[derive(Debug, Clone, Copy)]
pub struct Screen {
    pub palette: &'static [Rgb; 16],
    pub foreground: Rgb,
    pub background: Rgb,
    /// The console has only 8 background colours: 100-107 show as 40-47.
    pub dim_backgrounds: bool,
}

impl Screen {
    /// xterm on a white background (its own default) or a black one (`xterm -rv`); the
    /// console, whose text is grey on black.
    pub fn of(background: Background, depth: Depth) -> Screen {
        match (depth, background) {
            (Depth::Console, Background::Dark) => Screen {
                palette: &CONSOLE,
                foreground: CONSOLE[7],
                background: CONSOLE[0],
                dim_backgrounds: true,
            },
            (Depth::Console, Background::Light) => Screen {
                palette: &CONSOLE,
                foreground: CONSOLE[0],
                background: CONSOLE[7],
                dim_backgrounds: true,
            },
            (_, Background::Light) => Screen {
                palette: &XTERM,
                foreground: (0, 0, 0),
                background: (255, 255, 255),
                dim_backgrounds: false,
            },
            (_, Background::Dark) => Screen {
                palette: &XTERM,
                foreground: (255, 255, 255),
                background: (0, 0, 0),
                dim_backgrounds: false,
            },
        }
    }

    /// The index 0-15 of a named colour.
    pub fn named(c: Color) -> Option<usize> {
        Some(match c {
            Color::Black => 0,
            Color::Red => 1,
            Color::Green => 2,
            Color::Yellow => 3,
            Color::Blue => 4,
            Color::Magenta => 5,
            Color::Cyan => 6,
            Color::Gray => 7,
            Color::DarkGray => 8,
            Color::LightRed => 9,
            Color::LightGreen => 10,
            Color::LightYellow => 11,
            Color::LightBlue => 12,
            Color::LightMagenta => 13,
            Color::LightCyan => 14,
            Color::White => 15,
            Color::Indexed(i) if i < 16 => usize::from(i),
            _ => return None,
        })
    }

    fn colour(&self, c: Option<Color>, default: Rgb, bold: bool, background: bool) -> Rgb {
        let Some(c) = c.filter(|c| *c != Color::Reset) else {
            return default;
        };
        if let Some(mut i) = Screen::named(c) {
            if bold && !background && i < 8 {
                i += 8;
            }
            if background && self.dim_backgrounds && i >= 8 {
                i -= 8;
            }
            return self.palette[i];
        }
        match c {
            Color::Rgb(r, g, b) => (r, g, b),
            Color::Indexed(i) => xterm_256(i),
            _ => default,
        }
    }

    /// The (text, background) colours a cell in `style` shows.
    pub fn resolve(&self, style: Style) -> (Rgb, Rgb) {
        let bold = style.add_modifier.contains(Modifier::BOLD);
        let fg = self.colour(style.fg, self.foreground, bold, false);
        let bg = self.colour(style.bg, self.background, false, true);
        if style.add_modifier.contains(Modifier::REVERSED) {
            (bg, fg)
        } else {
            (fg, bg)
        }
    }
}

/// xterm's colours 16-255: a 6x6x6 cube, then 24 greys.
pub fn xterm_256(i: u8) -> Rgb {
    match i {
        0..=15 => XTERM[usize::from(i)],
        16..=231 => {
            let n = i - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
            (level(n / 36), level((n / 6) % 6), level(n % 6))
        }
        _ => {
            let g = 8 + 10 * (i - 232);
            (g, g, g)
        }
    }
}

/// WCAG relative luminance of an sRGB colour.
pub fn luminance((r, g, b): Rgb) -> f64 {
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
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_known_values() {
        assert!((contrast((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 0.01);
        assert!((contrast((255, 255, 255), (255, 255, 255)) - 1.0).abs() < 0.01);
        // The figures the old default theme was found wanting with on xterm's white
        // background: bold cyan and bold yellow, which xterm shows in the bright colours.
        let white = Screen::of(Background::Light, Depth::Ansi16);
        let bold = |c: Color| white.resolve(Style::new().fg(c).add_modifier(Modifier::BOLD));
        let ratio = |(fg, bg): (Rgb, Rgb)| contrast(fg, bg);
        assert!((ratio(bold(Color::Cyan)) - 1.25).abs() < 0.01);
        assert!((ratio(bold(Color::Yellow)) - 1.07).abs() < 0.01);
    }

    #[test]
    fn the_256_colour_cube_and_greys() {
        assert_eq!(xterm_256(16), (0, 0, 0));
        assert_eq!(xterm_256(231), (255, 255, 255));
        assert_eq!(xterm_256(196), (255, 0, 0));
        assert_eq!(xterm_256(232), (8, 8, 8));
        assert_eq!(xterm_256(255), (238, 238, 238));
    }

    #[test]
    fn bold_brightens_and_reverse_swaps() {
        let light = Screen::of(Background::Light, Depth::Ansi16);
        let bold_blue = Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD);
        assert_eq!(light.resolve(bold_blue).0, XTERM[12]);
        let reversed = Style::new().add_modifier(Modifier::REVERSED);
        assert_eq!(light.resolve(reversed), ((255, 255, 255), (0, 0, 0)));
        let console = Screen::of(Background::Dark, Depth::Console);
        let on_yellow = Style::new().bg(Color::LightYellow);
        assert_eq!(console.resolve(on_yellow).1, CONSOLE[3]);
    }
}
