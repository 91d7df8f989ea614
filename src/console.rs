//! What a limited terminal font can show. The Linux console draws with a kernel font of 256
//! or 512 glyphs: the built-in one is IBM code page 437, Debian's console-setup loads Lat15 or
//! Uni2 fonts, and anything else shows as a box. This module owns the console-safe characters
//! (printable ASCII and the characters every one of those fonts has), which `TERM` values mean
//! such a font, and the one-cell stand-in for any other character. The view applies it last,
//! to every cell of a frame drawn with the console-safe glyph set; it decides nothing else.

use ratatui::buffer::Buffer;
use unicode_normalization::UnicodeNormalization;
use unicode_width::UnicodeWidthStr;

/// The characters beyond ASCII that code page 437 (the kernel's built-in font) and Debian's
/// console-setup fonts Lat15-Fixed16, Lat15-Terminus16, Lat15-VGA16, Uni2-Fixed16 and
/// Uni2-Terminus16 all have, read from the fonts' Unicode tables (`psfgettable`). Missing from
/// some of them, and so left out: `… ‹ › • ┃ ╭ ╮ ╯ ╰ ▀ ▄ ▌ ▐ ▓ – — ’ “ ”`, `Á Í Ó Ú` and more.
const BEYOND_ASCII: &str = "¡¢£¥ª«¬°±²µ·º»¼½¿ÄÅÆÇÉÑÖÜßàáâäåæçèéêëìíîïñòóôö÷ùúûüÿƒπⁿ₧∞∩≈≡≤≥\
                            ─│┌┐└┘├┤┬┴┼═║╒╓╔╕╖╗╘╙╚╛╜╝╞╟╠╡╢╣╤╥╦╧╨╩╪╫╬█░▒■";

/// Whether every font the console may have loaded can draw `c`.
pub fn is_safe(c: char) -> bool {
    matches!(c, ' '..='~') || BEYOND_ASCII.contains(c)
}

/// Whether `TERM` names a terminal whose font is limited this way: the Linux console
/// (`linux`, `linux-16color`...), the BSD console (`cons25`), and the DEC VT terminals and
/// their emulations (`vt100`, `vt220`...), which have no Unicode drawing characters at all.
pub fn limited_font(term: Option<&str>) -> bool {
    let Some(term) = term else {
        return false;
    };
    let digit_after = |prefix: &str| {
        term.strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
    };
    term == "linux" || term.starts_with("linux-") || term.starts_with("cons25") || digit_after("vt")
}

/// One console-safe character for a grapheme that is not: its letter without accents (`Á`
/// shows as `A`), else the nearest ASCII mark, else `?`.
pub fn stand_in(symbol: &str) -> char {
    let base = symbol.nfd().next().unwrap_or('?');
    if is_safe(base) && base != ' ' {
        return base;
    }
    match base {
        '‘' | '’' | '‚' | '′' | '`' => '\'',
        '“' | '”' | '„' | '″' => '"',
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '━' | '╌' | '┄' => '-',
        '…' => '.',
        '•' | '∙' | '●' | '◆' | '◦' => '*',
        '‹' | '◀' | '◂' | '←' => '<',
        '›' | '▶' | '▸' | '→' => '>',
        '▲' | '↑' => '^',
        '▼' | '↓' => 'v',
        '┃' | '╎' | '┆' | '▌' | '▐' => '|',
        '╭' | '╮' | '╯' | '╰' | '┏' | '┓' | '┗' | '┛' => '+',
        '╱' => '/',
        '╲' => '\\',
        '▀' | '▄' | '▓' => '#',
        c if c.is_whitespace() => ' ',
        _ => '?',
    }
}

/// Replaces every cell of `buf` a console font cannot draw with its one-cell stand-in. A wide
/// character's second cell becomes a space in the same style, so highlights keep their width.
pub fn limit(buf: &mut Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let cell = &mut buf[(x, y)];
            let symbol = cell.symbol();
            if symbol.chars().all(is_safe) {
                x += 1;
                continue;
            }
            let width = u16::try_from(symbol.width().max(1)).unwrap_or(1);
            let replacement = stand_in(symbol);
            let style = cell.style();
            cell.set_char(replacement);
            for dx in 1..width {
                if x + dx < area.right() {
                    buf[(x + dx, y)].set_char(' ').set_style(style);
                }
            }
            x += width;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Style};

    #[test]
    fn the_consoles_are_known_by_term() {
        for term in [
            "linux",
            "linux-16color",
            "vt100",
            "vt220",
            "vt102",
            "cons25",
        ] {
            assert!(limited_font(Some(term)), "{term}");
        }
        for term in [
            "xterm-256color",
            "screen",
            "tmux-256color",
            "vte-256color",
            "dumb",
        ] {
            assert!(!limited_font(Some(term)), "{term}");
        }
        assert!(!limited_font(None));
    }

    #[test]
    fn the_handbooks_letters_are_safe_and_the_rest_has_a_stand_in() {
        for c in "áéíóúñü¿¡ÉÑ ~".chars() {
            assert!(is_safe(c), "{c}");
        }
        assert_eq!(stand_in("Á"), 'A');
        assert_eq!(stand_in("’"), '\'');
        assert_eq!(stand_in("—"), '-');
        assert_eq!(stand_in("…"), '.');
        assert_eq!(stand_in("╭"), '+');
        assert_eq!(stand_in("好"), '?');
        assert_eq!(stand_in("e\u{301}"), 'e');
    }

    #[test]
    fn a_wide_character_keeps_its_two_cells() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        let red = Style::new().bg(Color::Red);
        buf.set_string(0, 0, "好┃é", red);
        limit(&mut buf);
        let cells: Vec<&str> = (0..6).map(|x| buf[(x, 0)].symbol()).collect();
        assert_eq!(cells, ["?", " ", "|", "é", " ", " "]);
        assert_eq!(buf[(1, 0)].bg, Color::Red);
    }
}
