//! The QR code as a phone sees it: the whole screen the view draws is painted as pixels with
//! xterm's palette (a space shows its background, an upper half block its text colour above
//! its background) and decoded with rqrr, for every theme, background, colour setting and glyph
//! set, at the sizes the code is drawn at. Dark modules must come out dark on a light field.

use std::sync::Arc;
use std::time::Duration;

use achilles_handbook::action::Action;
use achilles_handbook::app::{App, Options};
use achilles_handbook::content::{self, Date};
use achilles_handbook::detect::{Background, Caps, Depth};
use achilles_handbook::palette::{Rgb, Screen, luminance};
use achilles_handbook::theme::{Glyphs, Theme, ThemeName};
use achilles_handbook::view;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 23,
};

fn qr_screen(options: Options, width: u16, height: u16) -> (App, Buffer) {
    let library = Arc::new(content::load(None).library.expect("handbook loads"));
    let mut app = App::new(library, options, Duration::ZERO);
    app.update(Action::Resize { width, height }, Duration::ZERO);
    let contact = app.handbook().chapters.len() - 1;
    app.update(Action::GoToChapter(contact), Duration::ZERO);
    app.update(Action::Qr, Duration::ZERO);
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    view::render(&app, area, &mut buf);
    (app, buf)
}

/// Cells 4 pixels wide and 8 high: a module drawn as two cells, or as half a cell, is square.
fn decode(buf: &Buffer, screen: &Screen) -> Vec<String> {
    let (cw, ch) = (4usize, 8usize);
    let area = buf.area;
    let (w, h) = (usize::from(area.width) * cw, usize::from(area.height) * ch);
    let grey = |c: Rgb| (luminance(c) * 255.0) as u8;
    let mut pixels = vec![0u8; w * h];
    for y in 0..area.height {
        for x in 0..area.width {
            let cell = &buf[(x, y)];
            let (fg, bg) = screen.resolve(cell.style());
            let (top, bottom) = if cell.symbol() == "▀" {
                (fg, bg)
            } else {
                (bg, bg)
            };
            for py in 0..ch {
                let tone = grey(if py < ch / 2 { top } else { bottom });
                for px in 0..cw {
                    let (ix, iy) = (usize::from(x) * cw + px, usize::from(y) * ch + py);
                    pixels[iy * w + ix] = tone;
                }
            }
        }
    }
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| pixels[y * w + x]);
    img.detect_grids()
        .iter()
        .filter_map(|g| g.decode().ok().map(|(_, text)| text))
        .collect()
}

#[test]
fn the_code_decodes_dark_on_light_in_every_theme_background_and_glyph_set() {
    let mut checked = 0;
    for name in [ThemeName::Default, ThemeName::HighContrast, ThemeName::Mono] {
        for background in [Background::Light, Background::Dark] {
            for colour in [true, false] {
                for ascii in [false, true] {
                    let depth = Depth::Ansi16;
                    let caps = Caps {
                        background,
                        depth,
                        colour,
                        console: false,
                    };
                    let mut options = Options::reader(TODAY);
                    options.look.theme = Theme::new(name, &caps);
                    options.look.glyphs = Glyphs::new(ascii);
                    let screen = Screen::of(background, depth);
                    for (width, height) in [(120, 45), (80, 24)] {
                        let what = format!(
                            "{name:?} on {background:?}, colour {colour}, ascii {ascii}, {width}x{height}"
                        );
                        let (app, buf) = qr_screen(options.clone(), width, height);
                        let uri = app
                            .qr
                            .as_ref()
                            .expect("the handbook has a number")
                            .uri
                            .clone();
                        if ascii && height == 24 {
                            // Too small for whole-cell modules: the number, not a broken code.
                            let text: String = buf.content().iter().map(|c| c.symbol()).collect();
                            let phone = &app.qr.as_ref().expect("code").phone;
                            assert!(text.contains(phone.as_str()), "{what}: number shown");
                            assert!(!text.contains('▀'), "{what}");
                            continue;
                        }
                        assert_eq!(decode(&buf, &screen), vec![uri], "{what}");
                        checked += 1;
                    }
                }
            }
        }
    }
    assert_eq!(checked, 36);
}

#[test]
fn the_console_draws_the_code_from_spaces_when_it_fits() {
    let caps = Caps {
        background: Background::Dark,
        depth: Depth::Console,
        colour: true,
        console: true,
    };
    for name in [ThemeName::Default, ThemeName::HighContrast, ThemeName::Mono] {
        let mut options = Options::reader(TODAY);
        options.look.theme = Theme::new(name, &caps);
        options.look.glyphs = Glyphs::new(true);
        // A 1024x768 framebuffer console with an 8x16 font is 128x48.
        let (app, buf) = qr_screen(options, 128, 48);
        assert!(buf.content().iter().all(|c| c.symbol().is_ascii()));
        let screen = Screen::of(Background::Dark, Depth::Console);
        let uri = app.qr.as_ref().expect("code").uri.clone();
        assert_eq!(decode(&buf, &screen), vec![uri], "{name:?}");
    }
}
