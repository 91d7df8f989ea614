//! A touch-only kiosk scrolls with the scrollbar: tapping its arrows moves a line, tapping the
//! track pages towards the tap, the thumb stays put, each exactly as the keys do.

mod drive;
mod vt;

use achilles_handbook::app::App;
use crossterm::event::KeyCode;
use drive::*;

/// The rows of the scrollbar's thumb, as drawn.
fn thumb_rows(app: &App, thumb: &str) -> Vec<u16> {
    let vt = draw(app);
    let bar = app.areas().scrollbar;
    (bar.y..bar.bottom())
        .filter(|y| at(&vt, bar.x, *y) == thumb)
        .collect()
}

/// The top after `k` from the state of `app`, for comparison.
fn after_key(app: &App, k: KeyCode) -> usize {
    let mut copy = app.clone();
    key(&mut copy, k);
    copy.top()
}

#[test]
fn tapping_the_scrollbar_scrolls_like_the_keys() {
    for (ascii, (up, down, thumb)) in [(false, ("▲", "▼", "█")), (true, ("^", "v", "#"))] {
        for (w, h) in [(80, 24), (100, 30)] {
            let mut options = achilles_handbook::app::Options::reader(TODAY);
            options.look.glyphs = achilles_handbook::theme::Glyphs::new(ascii);
            let mut app = app_with(options, "en", w, h);
            key(&mut app, KeyCode::Char('3'));
            let bar = app.areas().scrollbar;
            let (first, last) = (bar.y, bar.bottom() - 1);
            let vt = draw(&app);
            assert_eq!(at(&vt, bar.x, first), up);
            assert_eq!(at(&vt, bar.x, last), down);

            let expected = after_key(&app, KeyCode::Down);
            click(&mut app, bar.x, last);
            assert_eq!(app.top(), expected, "▼ is a line down");
            assert_eq!(app.top(), 1);
            let expected = after_key(&app, KeyCode::Up);
            click(&mut app, bar.x, first);
            assert_eq!(app.top(), expected, "▲ is a line up");
            assert_eq!(app.top(), 0);

            // Below the thumb: a page down; on it: nothing; above it: a page up.
            let below = last - 1;
            assert!(!thumb_rows(&app, thumb).contains(&below));
            let expected = after_key(&app, KeyCode::PageDown);
            click(&mut app, bar.x, below);
            assert_eq!(app.top(), expected, "the track below pages down");
            assert!(app.top() > 1);
            let rows = thumb_rows(&app, thumb);
            let middle = rows[rows.len() / 2];
            let before = app.top();
            click(&mut app, bar.x, middle);
            assert_eq!(app.top(), before, "the thumb does not move the text");
            let above = first + 1;
            assert!(!thumb_rows(&app, thumb).contains(&above), "{w}x{h}");
            let expected = after_key(&app, KeyCode::PageUp);
            click(&mut app, bar.x, above);
            assert_eq!(app.top(), expected, "the track above pages up");
            assert_eq!(app.top(), 0);
        }
    }
}

#[test]
fn tapping_down_the_track_reaches_the_end_and_no_further() {
    let mut app = reader("es", 80, 24);
    key(&mut app, KeyCode::Char('1'));
    let bar = app.areas().scrollbar;
    for _ in 0..50 {
        click(&mut app, bar.x, bar.bottom() - 2);
    }
    assert_eq!(app.top(), app.max_scroll());
    for _ in 0..50 {
        click(&mut app, bar.x, bar.bottom() - 1);
    }
    assert_eq!(app.top(), app.max_scroll(), "▼ stops at the end");
}
