//! Contrast as readers see it: every screen (each chapter page by page in both editions,
//! focused links, search results and hits, help, outline, the QR code, the kiosk's home and
//! idle notice, review banners, the status line) is drawn through the program's own view in
//! every theme, on a light and a dark background, at each colour depth, and every cell that
//! shows a character is measured with xterm's default palette (and the Linux console's): text
//! at 4.5:1 or more, borders and the scrollbar at 3:1 or more. A style the view starts using is
//! measured the moment it is drawn.

use std::sync::Arc;
use std::time::Duration;

use achilles_handbook::action::Action;
use achilles_handbook::app::{App, Options};
use achilles_handbook::content::{self, Date, Library};
use achilles_handbook::detect::{Background, Caps, Depth};
use achilles_handbook::palette::{Screen, contrast};
use achilles_handbook::theme::{Glyphs, Theme, ThemeName};
use achilles_handbook::view;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Far enough ahead that every chapter is due for review, so the review banner is drawn.
const LATE: Date = Date {
    year: 2099,
    month: 1,
    day: 1,
};

fn render(app: &App) -> Buffer {
    let area = Rect::new(0, 0, app.width, app.height);
    let mut buf = Buffer::empty(area);
    view::render(app, area, &mut buf);
    buf
}

fn sized(options: Options, width: u16, height: u16) -> App {
    let library: Arc<Library> = Arc::new(content::load(None).library.expect("handbook loads"));
    let mut app = App::new(library, options, Duration::ZERO);
    app.update(Action::Resize { width, height }, Duration::ZERO);
    app
}

/// Every screen a reader can reach, as buffers.
fn screens(options: &Options) -> Vec<(String, Buffer)> {
    let mut out = Vec::new();
    let at = Duration::ZERO;
    let mut app = sized(options.clone(), 100, 30);
    for edition in 0..app.library().editions.len() {
        for chapter in 0..app.handbook().chapters.len() {
            app.update(Action::GoToChapter(chapter), at);
            app.update(Action::Top, at);
            for page in 0..40 {
                out.push((
                    format!("edition {edition} chapter {chapter} page {page}"),
                    render(&app),
                ));
                if app.top() >= app.max_scroll() {
                    break;
                }
                app.update(Action::PageDown, at);
            }
            // Each link focused in turn.
            app.update(Action::Top, at);
            for link in 0..12 {
                app.update(Action::NextLink, at);
                if app.focus.is_none() {
                    break;
                }
                out.push((
                    format!("edition {edition} chapter {chapter} link {link}"),
                    render(&app),
                ));
            }
            app.update(Action::Cancel, at);
            app.update(Action::Outline, at);
            app.update(Action::SelectNext, at);
            out.push((
                format!("edition {edition} chapter {chapter} outline"),
                render(&app),
            ));
            app.update(Action::Cancel, at);
        }
        app.update(Action::Help, at);
        out.push((format!("edition {edition} help"), render(&app)));
        app.update(Action::Cancel, at);
        for query in ["rupture", "zzqx", "heel pain"] {
            app.update(Action::Search, at);
            for c in query.chars() {
                app.update(Action::Type(c), at);
            }
            app.update(Action::SelectNext, at);
            out.push((format!("edition {edition} search {query}"), render(&app)));
            app.update(Action::Choose, at);
            out.push((format!("edition {edition} hits {query}"), render(&app)));
            app.update(Action::NextHit, at);
            out.push((format!("edition {edition} next hit {query}"), render(&app)));
            app.update(Action::Cancel, at);
            app.update(Action::Cancel, at);
        }
        app.update(Action::SwitchLanguage, at);
    }
    // The QR code at the two sizes it is drawn at, and too small to draw.
    for (width, height) in [(120, 45), (80, 24), (60, 16)] {
        let mut app = sized(options.clone(), width, height);
        let contact = app.handbook().chapters.len() - 1;
        app.update(Action::GoToChapter(contact), at);
        app.update(Action::Qr, at);
        out.push((format!("qr {width}x{height}"), render(&app)));
    }
    out.push(("too small".into(), render(&sized(options.clone(), 12, 4))));
    // The kiosk: home, then the idle notice.
    let kiosk = Options {
        kiosk: true,
        idle_timeout: Some(Duration::from_secs(120)),
        ..options.clone()
    };
    let mut app = sized(kiosk, 100, 30);
    out.push(("kiosk home".into(), render(&app)));
    app.update(Action::Start, at);
    app.update(Action::Tick, Duration::from_secs(100));
    assert!(app.idle.notice, "the idle notice shows");
    out.push(("idle notice".into(), render(&app)));
    out
}

/// Box drawing, block elements and the scrollbar's arrows are graphics: 3:1 is enough.
fn is_graphic(symbol: &str) -> bool {
    symbol
        .chars()
        .all(|c| ('\u{2500}'..='\u{259f}').contains(&c) || matches!(c, '▲' | '▼' | '↑' | '↓'))
}

#[test]
fn the_default_theme_reads_on_light_and_dark() {
    check(ThemeName::Default);
}

#[test]
fn the_high_contrast_theme_reads_on_light_and_dark() {
    check(ThemeName::HighContrast);
}

#[test]
fn the_mono_theme_reads_on_light_and_dark() {
    check(ThemeName::Mono);
}

fn check(name: ThemeName) {
    let mut failures: Vec<String> = Vec::new();
    let mut checked = 0usize;
    {
        for background in [Background::Light, Background::Dark] {
            for depth in [
                Depth::Ansi16,
                Depth::Ansi256,
                Depth::TrueColor,
                Depth::Console,
            ] {
                // The console's background is black; nothing sets it light.
                if depth == Depth::Console && background == Background::Light {
                    continue;
                }
                let caps = Caps {
                    background,
                    depth,
                    colour: true,
                    console: depth == Depth::Console,
                };
                let mut options = Options::reader(LATE);
                options.background_index = false;
                options.look.theme = Theme::new(name, &caps);
                options.look.glyphs = Glyphs::new(depth == Depth::Console);
                let screen = Screen::of(background, depth);
                for (what, buf) in screens(&options) {
                    for cell in buf.content() {
                        let symbol = cell.symbol();
                        if symbol.trim().is_empty() {
                            continue;
                        }
                        let (fg, bg) = screen.resolve(cell.style());
                        let ratio = contrast(fg, bg);
                        let need = if is_graphic(symbol) { 3.0 } else { 4.5 };
                        checked += 1;
                        if ratio < need {
                            let style = format!("{:?}", cell.style());
                            if !failures.iter().any(|f| f.contains(&style)) {
                                failures.push(format!(
                                    "{name:?} on {background:?} at {depth:?}, {what}: {symbol:?} in {style} is {ratio:.2}:1"
                                ));
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(checked > 300_000, "only {checked} cells measured");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures[..failures.len().min(40)].join("\n")
    );
}
