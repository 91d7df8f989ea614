//! A reader on a laptop meets the handbook's title, its organisation and the disclaimer
//! ("general information, not medical advice; in an emergency call 911") without the kiosk's
//! welcome screen or the printed copy: at the top of the first chapter and in the help.

mod drive;
mod vt;

use crossterm::event::KeyCode;
use drive::*;

fn words(vt: &vt::Vt) -> String {
    screen(vt).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_first_screen_and_the_help_show_the_title_and_the_disclaimer() {
    for (lang, advice) in [("en", "medical"), ("es", "médico")] {
        for (w, h) in [(80, 24), (100, 30)] {
            let mut app = reader(lang, w, h);
            let title = app.handbook().title.clone();
            let organisation = app.handbook().organisation.clone();
            let first = words(&draw(&app));
            for needle in [title.as_str(), organisation.as_str(), advice, "911"] {
                assert!(
                    first.contains(needle),
                    "{lang} {w}x{h}: {needle:?} in {first}"
                );
            }
            key(&mut app, KeyCode::Char('?'));
            let help = words(&draw(&app));
            for needle in [title.as_str(), advice, "911"] {
                assert!(
                    help.contains(needle),
                    "help {lang} {w}x{h}: {needle:?} in {help}"
                );
            }
        }
    }
}
