//! The QR code as a phone sees it: the whole screen the view draws is painted as pixels with
//! xterm's palette (a space shows its background, a lower half block its text colour below
//! its background) and decoded with rqrr, for every theme, background, colour setting and glyph
//! set, at the sizes the code is drawn at. Dark modules must come out dark on a light field.
//! What it decodes to must be exactly the number the caption under it and the chapter show,
//! for the shipped editions and for hostile phone fields; what cannot be one number is refused
//! by the loader (and so by `check`) at its file, line and column.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // They write handbook folders and run `check`.

use std::sync::Arc;
use std::time::Duration;

use achilles_handbook::action::Action;
use achilles_handbook::app::{App, Options};
use achilles_handbook::content::{self, Date, Library, UnitKind};
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
    qr_screen_of(library, options, width, height)
}

fn qr_screen_of(library: Arc<Library>, options: Options, width: u16, height: u16) -> (App, Buffer) {
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
            let (top, bottom) = if cell.symbol() == "▄" {
                (bg, fg)
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
                            assert!(!text.contains('▄'), "{what}");
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

/// Each screen row as text.
fn rows(buf: &Buffer) -> Vec<String> {
    let w = usize::from(buf.area.width);
    buf.content()
        .chunks(w)
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
        .collect()
}

fn dialled(text: &str) -> String {
    text.chars()
        .filter(|c| *c == '+' || c.is_ascii_digit())
        .collect()
}

/// The caption under the code: the longest `+` number on the screen (the chapter behind the
/// box may show the number too, cut off by the box).
fn caption(buf: &Buffer) -> String {
    rows(buf)
        .iter()
        .filter_map(|r| {
            let at = r.find('+')?;
            let number: String = r[at..]
                .chars()
                .take_while(|c| *c == '+' || *c == ' ' || *c == '-' || c.is_ascii_digit())
                .collect();
            Some(number.trim_end().to_owned())
        })
        .max_by_key(String::len)
        .unwrap_or_default()
}

fn light() -> (Options, Screen) {
    let caps = Caps {
        background: Background::Light,
        depth: Depth::Ansi16,
        colour: true,
        console: false,
    };
    let mut options = Options::reader(TODAY);
    options.look.theme = Theme::new(ThemeName::Default, &caps);
    (options, Screen::of(Background::Light, Depth::Ansi16))
}

/// The QR contact's number as its chapter writes it.
fn written(library: &Library, edition: usize) -> String {
    let units: Vec<_> = library.editions[edition]
        .chapters
        .iter()
        .flat_map(|c| c.units.with_text())
        .collect();
    let label = units
        .iter()
        .position(|(u, _)| u.kind == UnitKind::ContactLabel { qr: true })
        .expect("a QR contact");
    units[label + 1].1.to_owned()
}

#[test]
fn each_edition_s_code_dials_exactly_the_number_under_it_and_in_its_chapter() {
    let library = Arc::new(content::load(None).library.expect("handbook loads"));
    for (e, edition) in library.editions.iter().enumerate() {
        let (mut options, screen) = light();
        options.language = Some(edition.language.clone());
        let (app, buf) = qr_screen_of(Arc::clone(&library), options, 100, 40);
        assert_eq!(app.handbook().language, edition.language);
        let decoded = decode(&buf, &screen);
        assert_eq!(decoded.len(), 1, "{}: {decoded:?}", edition.language);
        let shown = caption(&buf);
        assert_eq!(shown, "+1 310-423-4566", "{}", edition.language);
        assert_eq!(decoded[0], format!("tel:{}", dialled(&shown)));
        // The chapter writes it without the country code, which a 10-digit number implies.
        let chapter = written(&library, e);
        assert_eq!(decoded[0], format!("tel:+1{}", dialled(&chapter)));
    }
}

/// The English edition with the QR contact's `phone = "310-423-4566"` line replaced.
fn edition_with(name: &str, phone_lines: &str) -> (std::path::PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("achilles-qr-{name}-{}", std::process::id()));
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("handbook/en");
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    let contact = std::fs::read_to_string(dir.join("contact.toml")).unwrap();
    let line = "phone = \"310-423-4566\"";
    assert_eq!(contact.matches(line).count(), 1);
    let changed = contact.replacen(line, phone_lines, 1);
    std::fs::write(dir.join("contact.toml"), &changed).unwrap();
    (dir, changed)
}

#[test]
fn hostile_numbers_that_are_still_one_number_encode_exactly_what_is_shown() {
    let cases: &[(&str, &str, &str, Option<&str>)] = &[
        (
            "phone = \"(310) 423-4566\"\nextension = \"2\"",
            "tel:+13104234566",
            "+1 310-423-4566",
            Some("Then press 2"),
        ),
        (
            "phone = \"+44 20 7946 0000\"",
            "tel:+442079460000",
            "+44 20 7946 0000",
            None,
        ),
        (
            "phone = \"1 800 233 2771\"",
            "tel:+18002332771",
            "+1 800-233-2771",
            None,
        ),
        // An invisible character is cleaned away before anything is shown or parsed.
        (
            "phone = \"3\\u200B10-423-4566\"",
            "tel:+13104234566",
            "+1 310-423-4566",
            None,
        ),
    ];
    for (i, (lines, uri, shown, then)) in cases.iter().enumerate() {
        let (dir, _) = edition_with(&format!("ok{i}"), lines);
        let loaded = content::load(Some(&dir));
        let errors: Vec<String> = loaded.errors().map(ToString::to_string).collect();
        let library = Arc::new(
            loaded
                .library
                .unwrap_or_else(|| panic!("{lines}: {errors:?}")),
        );
        let (options, screen) = light();
        let (_, buf) = qr_screen_of(Arc::clone(&library), options, 100, 40);
        assert_eq!(decode(&buf, &screen), vec![uri.to_string()], "{lines}");
        assert_eq!(caption(&buf), *shown, "{lines}");
        let text = rows(&buf).join("\n");
        match then {
            Some(then) => assert!(text.contains(then), "{lines}: {text}"),
            None => assert!(!text.contains("Then press"), "{lines}"),
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[test]
fn a_qr_phone_that_is_not_exactly_one_number_is_refused_where_it_goes_wrong() {
    // The phone's value starts at column 10 (after `phone = "`).
    let cases: &[(&str, usize, &str)] = &[
        ("310-423-4566, option 2", 22, "extension = \"2\""),
        ("４２３-４５６６", 10, "digits 0-9"),
        ("310-423-４５６６", 18, "digits 0-9"),
        ("1-800-CEDARS-1 (1-800-233-2771)", 16, "letters"),
        ("310-423-4566 / 310-423-4567", 23, "own contact"),
        ("423-4566", 18, "area code"),
        ("+44 (0)20 7946 0000", 14, "(0)"),
        ("310-423-4566 ext. 2", 23, "extension"),
    ];
    for (i, (phone, column, says)) in cases.iter().enumerate() {
        let (dir, changed) = edition_with(&format!("bad{i}"), &format!("phone = \"{phone}\""));
        let line = changed
            .lines()
            .position(|l| l.starts_with("phone = ") && l.contains(phone))
            .unwrap()
            + 1;
        let loaded = content::load(Some(&dir));
        assert!(loaded.library.is_none(), "{phone}: loads");
        let errors: Vec<String> = loaded.errors().map(ToString::to_string).collect();
        assert_eq!(errors.len(), 1, "{phone}: {errors:?}");
        let at = format!("contact.toml:{line}:{column}: ");
        assert!(errors[0].contains(&at), "{phone}: {errors:?} lacks {at}");
        assert!(errors[0].contains("qr = true"), "{errors:?}");
        assert!(errors[0].contains(says), "{phone}: {errors:?}");
        // `check` says the same and fails.
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_achilles-handbook"))
            .arg("--handbook")
            .arg(&dir)
            .arg("check")
            .env("LANG", "en_US.UTF-8")
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{phone}: {said}");
        assert!(said.contains(&at) && said.contains(says), "{phone}: {said}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

/// A console too small for the code (80x25, the VGA text mode) shows the number, and tells
/// staff the screen size the code needs, which is where it starts to fit.
#[test]
fn a_console_too_small_says_what_the_code_needs() {
    let options = || {
        let mut options = Options::reader(TODAY);
        options.look.glyphs = Glyphs::new(true);
        options
    };
    let (app, buf) = qr_screen(options(), 80, 25);
    let text: String = buf.content().iter().map(|c| c.symbol()).collect();
    let code = app.qr.as_ref().expect("code");
    assert!(text.contains(&code.phone), "the number is shown");
    let (w, h) = code.drawn_size(achilles_handbook::qr::Scale::Full);
    let (cols, rows) = (w as u16 + 2, h as u16 + 6);
    let size = format!("{cols}x{rows}");
    assert!(text.contains(&size), "{size} not on screen:\n{text}");
    assert!(text.contains("setfont"));
    let screen = Screen::of(Background::Dark, Depth::Ansi16);
    let uri = code.uri.clone();
    let (_, fits) = qr_screen(options(), cols, rows);
    assert_eq!(decode(&fits, &screen), vec![uri], "the code at {size}");
    let (_, short) = qr_screen(options(), cols, rows - 1);
    assert!(decode(&short, &screen).is_empty(), "no code one row short");
}
