//! The "take it home" QR code: a `tel:` URI for the clinic's direct line, encoded once when an
//! edition is entered, and drawn as text rows (Unicode half blocks, or ASCII). Only the
//! handbook's own phone number is ever encoded; nothing about the reader.

/// Light modules around the code, as the QR standard asks, so phones find its edges.
pub const QUIET_ZONE: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrCode {
    pub uri: String,
    pub phone: String,
    /// Modules, row by row, quiet zone included; `true` is dark.
    pub modules: Vec<Vec<bool>>,
}

/// `tel:` URI for a North American number as the handbook writes it ("310-423-4566").
pub fn tel_uri(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    match digits.len() {
        10 => Some(format!("tel:+1{digits}")),
        11 if digits.starts_with('1') => Some(format!("tel:+{digits}")),
        7..=15 => Some(format!("tel:{digits}")),
        _ => None,
    }
}

impl QrCode {
    pub fn for_phone(phone: &str) -> Option<QrCode> {
        let uri = tel_uri(phone)?;
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
            phone: phone.to_owned(),
            modules,
        })
    }

    /// Rows of text, two module rows per text row, one column per module. `true` cells are
    /// drawn in the foreground colour, so the caller paints dark-on-light explicitly.
    pub fn half_block_rows(&self) -> Vec<String> {
        self.modules
            .chunks(2)
            .map(|pair| {
                let top = &pair[0];
                let bottom = pair.get(1);
                top.iter()
                    .enumerate()
                    .map(|(x, t)| {
                        let b = bottom.is_some_and(|row| row[x]);
                        match (*t, b) {
                            (true, true) => '█',
                            (true, false) => '▀',
                            (false, true) => '▄',
                            (false, false) => ' ',
                        }
                    })
                    .collect()
            })
            .collect()
    }

    /// Rows for terminals without block characters: two columns per module, one row each.
    pub fn ascii_rows(&self) -> Vec<String> {
        self.modules
            .iter()
            .map(|row| row.iter().map(|d| if *d { "##" } else { "  " }).collect())
            .collect()
    }

    /// Size of the drawing in (columns, rows).
    pub fn drawn_size(&self, ascii: bool) -> (usize, usize) {
        let n = self.modules.len();
        if ascii {
            (2 * n, n)
        } else {
            (n, n.div_ceil(2))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let code = QrCode::for_phone("310-423-4566").unwrap();
        assert_eq!(code.uri, "tel:+13104234566");
        assert_eq!(decode(&code), "tel:+13104234566");
    }

    #[test]
    fn the_drawing_has_the_quiet_zone() {
        let code = QrCode::for_phone("310-423-4566").unwrap();
        let n = code.modules.len();
        for i in 0..QUIET_ZONE {
            assert!(code.modules[i].iter().all(|d| !d));
            assert!(code.modules[n - 1 - i].iter().all(|d| !d));
            assert!(code.modules.iter().all(|row| !row[i] && !row[n - 1 - i]));
        }
        let rows = code.half_block_rows();
        assert_eq!(rows.len(), n.div_ceil(2));
        assert!(rows.iter().all(|r| r.chars().count() == n));
        assert!(
            code.ascii_rows()
                .iter()
                .all(|r| r.is_ascii() && r.len() == 2 * n)
        );
    }

    #[test]
    fn numbers_become_tel_uris() {
        assert_eq!(
            tel_uri("1-800-233-2771").as_deref(),
            Some("tel:+18002332771")
        );
        assert_eq!(tel_uri("call us"), None);
    }
}
