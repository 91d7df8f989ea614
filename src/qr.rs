//! The "take it home" QR code: a `tel:` URI for the clinic's direct line, made from the number
//! the loader parsed (never from the text as written, so it dials exactly the number its
//! caption shows), and drawn as cells: always dark modules on a light field with its quiet
//! zone, in background colours (or reverse video) rather than glyphs wherever it can. Only the
//! handbook's own phone number is ever encoded; nothing about the reader.

use ratatui::style::{Modifier, Style};

use crate::content::Phone;

/// Light modules around the code, as the QR standard asks, so phones find its edges.
pub const QUIET_ZONE: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrCode {
    pub uri: String,
    /// The caption: the encoded number, written for people ("+1 310-423-4566").
    pub phone: String,
    /// Digits to dial once the call connects, shown under the caption; not encoded, since
    /// dialers do not agree on how a `tel:` URI asks for them.
    pub extension: Option<String>,
    /// Modules, row by row, quiet zone included; `true` is dark.
    pub modules: Vec<Vec<bool>>,
}

impl QrCode {
    pub fn for_phone(phone: &Phone) -> Option<QrCode> {
        let uri = phone.tel_uri();
        let code =
            qrcode::QrCode::with_error_correction_level(uri.as_bytes(), qrcode::EcLevel::M).ok()?;
        let width = code.width();
        let colors = code.to_colors();
        let size = width + 2 * QUIET_ZONE;
        let mut modules = vec![vec![false; size]; size];
        for y in 0..width {
            for x in 0..width {
                modules[y + QUIET_ZONE][x + QUIET_ZONE] =
                    colors[y * width + x] == qrcode::Color::Dark;
            }
        }
        Some(QrCode {
            uri,
            phone: phone.display.clone(),
            extension: phone.extension.clone(),
            modules,
        })
    }

    /// The drawing at `scale`: rows of (symbol, style) cells, every dark module in `dark` and
    /// every light one in `light`. Whole cells are spaces, so their tone is a background colour
    /// (or reverse video) that fills the cell to its edges whatever the font; a cell split
    /// between two tones is a lower half block with the bottom tone in front.
    pub fn cells(
        &self,
        scale: Scale,
        dark: Style,
        light: Style,
    ) -> Vec<Vec<(&'static str, Style)>> {
        let tone = |d: bool| if d { dark } else { light };
        let split = |top: bool, bottom: bool| {
            let (t, b) = (tone(top), tone(bottom));
            // A lower half block: the top tone is the cell's background, which fills the cell
            // to its top edge. xterm draws an upper half block a pixel short of the top, and
            // that light seam across dark modules kept zbar from reading the code.
            match (t.bg, b.bg) {
                (Some(tb), Some(bb)) => ("▄", Style::new().fg(bb).bg(tb)),
                // No colour: the tones are the terminal's text and background colours, one
                // of them in reverse video. The half block shows the text colour below.
                _ if b.add_modifier.contains(Modifier::REVERSED) => ("▄", Style::new()),
                _ => ("▄", Style::new().add_modifier(Modifier::REVERSED)),
            }
        };
        match scale {
            Scale::Full => self
                .modules
                .iter()
                .map(|row| {
                    row.iter()
                        .flat_map(|d| [(" ", tone(*d)), (" ", tone(*d))])
                        .collect()
                })
                .collect(),
            Scale::Half => self
                .modules
                .chunks(2)
                .map(|pair| {
                    let bottom = pair.get(1);
                    pair[0]
                        .iter()
                        .enumerate()
                        .map(|(x, top)| {
                            // An odd last row has the quiet zone's light below it.
                            let b = bottom.is_some_and(|row| row[x]);
                            if *top == b {
                                (" ", tone(b))
                            } else {
                                split(*top, b)
                            }
                        })
                        .collect()
                })
                .collect(),
        }
    }

    /// Size of the drawing at `scale` in (columns, rows).
    pub fn drawn_size(&self, scale: Scale) -> (usize, usize) {
        let n = self.modules.len();
        match scale {
            Scale::Full => (2 * n, n),
            Scale::Half => (n, n.div_ceil(2)),
        }
    }
}

/// How big a module is drawn. Terminal cells are about twice as tall as wide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// Two columns by one row per module: spaces only, for any font (the Linux console, ASCII).
    Full,
    /// One column by half a row: needs the lower half block (U+2584).
    Half,
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Color;

    fn decode(code: &QrCode) -> String {
        let scale = 4;
        let n = code.modules.len();
        let img = rqrr::PreparedImage::prepare_from_greyscale(n * scale, n * scale, |x, y| {
            if code.modules[y / scale][x / scale] {
                0
            } else {
                255
            }
        });
        let mut img = img;
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1, "one code found");
        grids[0].decode().map(|(_, text)| text).unwrap_or_default()
    }

    #[test]
    fn the_direct_line_round_trips_through_a_decoder() {
        let code = QrCode::for_phone(&number("310-423-4566")).unwrap();
        assert_eq!(code.uri, "tel:+13104234566");
        assert_eq!(decode(&code), "tel:+13104234566");
    }

    #[test]
    fn the_drawing_has_the_quiet_zone() {
        let code = QrCode::for_phone(&number("310-423-4566")).unwrap();
        let n = code.modules.len();
        for i in 0..QUIET_ZONE {
            assert!(code.modules[i].iter().all(|d| !d));
            assert!(code.modules[n - 1 - i].iter().all(|d| !d));
            assert!(code.modules.iter().all(|row| !row[i] && !row[n - 1 - i]));
        }
        let (dark, light) = (Style::new().bg(Color::Black), Style::new().bg(Color::White));
        let rows = code.cells(Scale::Half, dark, light);
        assert_eq!(rows.len(), n.div_ceil(2));
        assert!(rows.iter().all(|r| r.len() == n));
        let rows = code.cells(Scale::Full, dark, light);
        assert_eq!(rows.len(), n);
        assert!(rows.iter().all(|r| r.len() == 2 * n));
        assert!(rows.iter().flatten().all(|(s, _)| *s == " "));
        assert_eq!(code.drawn_size(Scale::Full), (2 * n, n));
        assert_eq!(code.drawn_size(Scale::Half), (n, n.div_ceil(2)));
    }

    fn number(text: &str) -> Phone {
        crate::content::phone::parse(text).unwrap()
    }

    #[test]
    fn the_caption_is_the_encoded_number_and_the_extension_is_not_dialled() {
        let mut phone = number("1-800-233-2771");
        phone.extension = Some("2".into());
        let code = QrCode::for_phone(&phone).unwrap();
        assert_eq!(decode(&code), "tel:+18002332771");
        assert_eq!(code.phone, "+1 800-233-2771");
        assert_eq!(code.extension.as_deref(), Some("2"));
    }
}
