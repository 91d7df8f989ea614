//! The `figure` block as readers meet it: the tendonitis diagram drawn row for row when it
//! fits, its ASCII drawing with `--ascii`, its alt text when the window is too narrow, for
//! screen readers and in `print`, and found by search through its alt text. Drawn through the
//! program's own frame writer into a terminal emulator.

mod vt;

use std::sync::Arc;
use std::time::Duration;

use achilles_handbook::action::Action;
use achilles_handbook::app::{App, Options};
use achilles_handbook::content::{self, Chapter, Date, Figure, Handbook, Library};
use achilles_handbook::plain;
use achilles_handbook::theme::Glyphs;
use vt::{Vt, text};

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 23,
};

fn library() -> Arc<Library> {
    Arc::new(content::load(None).library.expect("shipped handbook loads"))
}

/// The tendonitis chapter of an edition, and its figure's unit.
fn tendonitis(book: &Handbook) -> (usize, &Chapter, usize, &Figure) {
    let (c, chapter) = book
        .chapters
        .iter()
        .enumerate()
        .find(|(_, c)| c.id == "tendonitis")
        .expect("a tendonitis chapter");
    let (u, figure) = chapter
        .units
        .iter()
        .enumerate()
        .find_map(|(u, unit)| Some((u, unit.kind.figure()?)))
        .expect("the tendonitis chapter has a figure");
    (c, chapter, u, figure)
}

/// An app on the tendonitis chapter of `language`, scrolled so the figure is at the top.
fn at_figure(language: &str, options: Options, width: u16, height: u16) -> App {
    let library = library();
    let mut options = options;
    options.language = Some(language.to_owned());
    let mut app = App::new(library, options, Duration::ZERO);
    app.update(Action::Resize { width, height }, Duration::ZERO);
    app.update(Action::Start, Duration::ZERO);
    let (c, _, unit, _) = tendonitis(app.handbook());
    app.update(Action::GoToChapter(c), Duration::ZERO);
    let line = app.doc().expect("laid out").unit_line[unit];
    for _ in 0..line {
        app.update(Action::LineDown, Duration::ZERO);
    }
    app
}

fn rows(screen: &str) -> Vec<&str> {
    screen.lines().collect()
}

/// Whether the screen shows `art`'s rows, in order, one under the other, from one column.
fn shows_exactly(screen: &str, art: &str) -> bool {
    let rows = rows(screen);
    let first = art.lines().next().unwrap_or_default();
    rows.iter().enumerate().any(|(y, row)| {
        let Some(x) = row.find(first) else {
            return false;
        };
        art.lines().enumerate().all(|(k, want)| {
            rows.get(y + k)
                .and_then(|r| r.get(x..))
                .is_some_and(|got| got.starts_with(want.trim_end()))
        })
    })
}

#[test]
fn the_diagram_is_drawn_exactly_when_it_fits_in_both_editions() {
    for language in ["en", "es"] {
        let app = at_figure(language, Options::reader(TODAY), 100, 30);
        let (_, _, _, figure) = tendonitis(app.handbook());
        let screen = text(Vt::new().draw(&app));
        assert!(
            shows_exactly(&screen, &figure.art.text),
            "{language}:\n{screen}"
        );
        let (label, tendon, heel) = match language {
            "en" => ("calf muscle", "Achilles tendon", "heel bone"),
            _ => (
                "músculo de la pantorrilla",
                "tendón de Aquiles",
                "hueso del talón",
            ),
        };
        for word in [label, tendon, heel, "insercional"] {
            let word = if language == "en" && word == "insercional" {
                "insertional pain"
            } else {
                word
            };
            assert!(
                screen.contains(word),
                "{language}: {word} missing:\n{screen}"
            );
        }
    }
}

#[test]
fn the_diagram_fits_the_smallest_usual_window() {
    let app = at_figure("en", Options::reader(TODAY), 80, 24);
    let (_, _, _, figure) = tendonitis(app.handbook());
    let screen = text(Vt::new().draw(&app));
    assert!(shows_exactly(&screen, &figure.art.text), "{screen}");
}

#[test]
fn a_window_too_narrow_for_the_diagram_shows_its_alt_text() {
    let app = at_figure("en", Options::reader(TODAY), 50, 30);
    let (_, chapter, unit, figure) = tendonitis(app.handbook());
    let screen = text(Vt::new().draw(&app));
    assert!(figure.art.width > 48);
    let alt_start: String = chapter.units.text(unit).chars().take(20).collect();
    assert!(screen.contains(&alt_start), "{screen}");
    assert!(!screen.contains('╲'), "no piece of the drawing:\n{screen}");
}

#[test]
fn ascii_mode_draws_the_ascii_diagram() {
    let mut options = Options::reader(TODAY);
    options.look.glyphs = Glyphs::new(true);
    for language in ["en", "es"] {
        let app = at_figure(language, options.clone(), 100, 30);
        let (_, _, _, figure) = tendonitis(app.handbook());
        let ascii = figure.ascii.as_ref().expect("an ASCII drawing");
        let screen = text(Vt::new().draw(&app));
        assert!(shows_exactly(&screen, &ascii.text), "{language}:\n{screen}");
        let symbols: Vec<char> = screen
            .chars()
            .filter(|c| !c.is_ascii() && !c.is_alphabetic())
            .collect();
        assert!(symbols.is_empty(), "{language}: {symbols:?}\n{screen}");
    }
}

#[test]
fn a_screen_reader_gets_the_alt_text_and_the_caption() {
    let mut options = Options::reader(TODAY);
    options.look.screen_reader = true;
    let app = at_figure("en", options, 100, 30);
    let (_, chapter, unit, _) = tendonitis(app.handbook());
    let screen = text(Vt::new().draw(&app));
    let alt_start: String = chapter.units.text(unit).chars().take(40).collect();
    assert!(screen.contains(&alt_start), "{screen}");
    assert!(screen.contains(chapter.units.text(unit - 1)), "{screen}");
    assert!(!screen.contains('╲'), "{screen}");
}

#[test]
fn print_gives_the_alt_text_and_caption_not_the_drawing() {
    let library = library();
    for book in &library.editions {
        let (_, chapter, unit, _) = tendonitis(book);
        let mut out = Vec::new();
        plain::chapter(&mut out, book, chapter, 80, TODAY).expect("writes to memory");
        let printed = String::from_utf8(out).expect("UTF-8");
        let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let flat = squeeze(&printed.replace("| ", ""));
        assert!(
            flat.contains(&squeeze(chapter.units.text(unit))),
            "{printed}"
        );
        assert!(printed.contains(chapter.units.text(unit - 1)), "{printed}");
        assert!(
            !printed.contains('╲') && !printed.contains(":::"),
            "{printed}"
        );
    }
}

#[test]
fn search_finds_the_figure_by_its_alt_text_and_opens_it() {
    let library = library();
    let mut app = App::new(library, Options::reader(TODAY), Duration::ZERO);
    app.update(
        Action::Resize {
            width: 100,
            height: 30,
        },
        Duration::ZERO,
    );
    app.update(Action::Start, Duration::ZERO);
    app.update(Action::Search, Duration::ZERO);
    app.update(
        Action::Paste("drawing of the lower leg".into()),
        Duration::ZERO,
    );
    app.update(Action::Choose, Duration::ZERO);
    let screen = text(Vt::new().draw(&app));
    assert!(screen.contains("◀ calf muscle"), "{screen}");
}
