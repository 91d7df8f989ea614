//! With `--screen-reader`, the terminal's cursor sits on whatever the last action brought into
//! focus, so a screen reader or braille display reads it: a heading after a jump, a hit after
//! n / N, a link after f, the idle notice, the chosen list entry.

mod drive;
mod vt;

use std::time::Duration;

use achilles_handbook::action::Action;
use achilles_handbook::app::{App, Options};
use crossterm::event::KeyCode;
use drive::*;

fn screen_reader(lang: &str, w: u16, h: u16) -> App {
    let mut options = Options::reader(TODAY);
    options.look.screen_reader = true;
    app_with(options, lang, w, h)
}

/// The text of the row the cursor is on.
fn cursor_row(app: &App) -> String {
    let (_, y) = cursor(app).expect("a visible cursor");
    row(&draw(app), y)
}

#[test]
fn the_cursor_lands_on_the_heading_after_every_jump() {
    for (w, h) in [(80, 24), (100, 30)] {
        let mut app = screen_reader("en", w, h);
        key(&mut app, KeyCode::Char('3'));
        for _ in 0..4 {
            key(&mut app, KeyCode::Char('j'));
        }
        key(&mut app, KeyCode::Char(']'));
        let marked = app.marked.expect("] marks the heading it lands on");
        let heading = &app.handbook().chapters[2].sections[marked].heading;
        assert!(cursor_row(&app).contains(heading.as_str()), "after ]");
        key(&mut app, KeyCode::Char('o'));
        key(&mut app, KeyCode::End);
        let last = app.handbook().chapters[2]
            .sections
            .last()
            .unwrap()
            .heading
            .clone();
        assert!(
            cursor_row(&app).contains(&last),
            "on the chosen outline entry"
        );
        key(&mut app, KeyCode::Enter);
        assert!(cursor_row(&app).contains(&last), "after an outline jump");
    }
}

#[test]
fn the_cursor_follows_n_and_shift_n_to_each_hit() {
    let mut app = screen_reader("en", 80, 24);
    key(&mut app, KeyCode::Char('/'));
    keys(&mut app, "calf");
    key(&mut app, KeyCode::Enter);
    for k in ['n', 'n', 'n', 'N'] {
        key(&mut app, KeyCode::Char(k));
        let (chapter, unit) = app.find.reading[app.find.current.unwrap()];
        assert_eq!(chapter, app.chapter);
        let line = app.doc().unwrap().unit_line[unit];
        let (_, y) = cursor(&app).unwrap();
        assert_eq!(
            usize::from(y - app.areas().body.y) + app.top(),
            line,
            "after {k}: {}",
            cursor_row(&app)
        );
    }
}

#[test]
fn the_cursor_is_on_the_focused_link_and_on_the_status_word() {
    let mut app = screen_reader("es", 80, 24);
    key(&mut app, KeyCode::Char('f'));
    assert!(cursor_row(&app).contains('▶'));
    key(&mut app, KeyCode::Char('F'));
    assert!(cursor_row(&app).contains('▶'));
}

#[test]
fn the_cursor_moves_to_the_idle_notice() {
    let mut options = Options::kiosk(TODAY, Some(Duration::from_secs(60)));
    options.look.screen_reader = true;
    let mut app = app_with(options, "en", 80, 24);
    app.update(Action::Start, Duration::from_secs(1));
    key(&mut app, KeyCode::Char(']'));
    app.update(Action::Tick, Duration::from_secs(45));
    assert!(app.idle.notice);
    assert!(
        cursor_row(&app).contains("The handbook will start over"),
        "{}",
        cursor_row(&app)
    );
}
