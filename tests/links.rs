//! `f` and `F` find every link of a chapter, on screen or not: each press focuses the next (or
//! previous) one in reading order, scrolls it into view and marks it; a chapter with no links
//! says so in the status line.

mod drive;
mod vt;

use std::sync::Arc;
use std::time::Duration;

use achilles_handbook::action::Action;
use achilles_handbook::app::{App, Options};
use achilles_handbook::content::UnitKind;
use crossterm::event::KeyCode;
use drive::*;

/// The link units of the current chapter, in reading order.
fn links(app: &App) -> Vec<usize> {
    app.handbook().chapters[app.chapter]
        .units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.kind.target().is_some())
        .map(|(i, _)| i)
        .collect()
}

/// Asserts the focused link is `unit`, drawn on screen with the focus mark.
fn assert_focused(app: &App, unit: usize, why: &str) {
    assert_eq!(app.focus, Some(unit), "{why}");
    let line = app.doc().unwrap().unit_line[unit];
    assert!(
        line >= app.top() && line < app.top() + app.body_height(),
        "{why}: link off screen"
    );
    let vt = draw(app);
    let y = app.areas().body.y + (line - app.top()) as u16;
    let text = app.handbook().chapters[app.chapter].units.text(unit);
    let shown = row(&vt, y);
    assert!(shown.contains('▶'), "{why}: no focus mark on {shown:?}");
    let start: String = text.chars().take(10).collect();
    assert!(shown.contains(&start), "{why}: {shown:?} is not {text:?}");
}

#[test]
fn f_and_shift_f_walk_every_link_of_the_chapter() {
    for (w, h) in [(80, 24), (100, 30)] {
        for lang in ["en", "es"] {
            let mut app = reader(lang, w, h);
            for c in 0..app.handbook().chapters.len() {
                key(&mut app, KeyCode::Char(char::from(b'1' + c as u8)));
                key(&mut app, KeyCode::Char('g'));
                let all = links(&app);
                for (i, unit) in all.iter().enumerate() {
                    key(&mut app, KeyCode::Char('f'));
                    assert_focused(&app, *unit, &format!("{lang} {w}x{h} ch {c} f #{i}"));
                }
                key(&mut app, KeyCode::Char('f'));
                assert_focused(&app, all[0], "f goes round to the first link");
                key(&mut app, KeyCode::Char('F'));
                assert_focused(&app, *all.last().unwrap(), "F goes round to the last");
                for unit in all.iter().rev().skip(1) {
                    key(&mut app, KeyCode::Char('F'));
                    assert_focused(&app, *unit, &format!("{lang} {w}x{h} ch {c} F"));
                }
            }
        }
    }
}

#[test]
fn f_on_the_first_screen_of_the_overview_reaches_a_link_further_down() {
    let mut app = reader("en", 80, 24);
    let first = links(&app)[0];
    let line = app.doc().unwrap().unit_line[first];
    assert!(
        line >= app.body_height(),
        "the test needs a link below the first screen"
    );
    key(&mut app, KeyCode::Char('f'));
    assert_focused(&app, first, "f from the top");
    key(&mut app, KeyCode::Enter);
    assert_ne!(app.chapter, 0, "Enter follows it");
}

#[test]
fn scrolling_a_focused_link_away_lets_go_of_it() {
    let mut app = reader("en", 80, 24);
    key(&mut app, KeyCode::Char('f'));
    assert!(app.focus.is_some());
    key(&mut app, KeyCode::Char('g'));
    assert_eq!(app.focus, None);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.chapter, 0, "Enter opens nothing unseen");
}

#[test]
fn a_chapter_without_links_says_so() {
    // The shipped handbook with the links of Training turned into plain paragraphs.
    let mut library = (*library()).clone();
    for edition in &mut library.editions {
        for unit in &mut edition.chapters[5].units {
            if unit.kind.target().is_some() {
                unit.kind = UnitKind::Paragraph;
            }
        }
    }
    let mut app = App::new(Arc::new(library), Options::reader(TODAY), Duration::ZERO);
    app.update(
        Action::Resize {
            width: 80,
            height: 24,
        },
        Duration::ZERO,
    );
    key(&mut app, KeyCode::Char('6'));
    for k in ['f', 'F'] {
        key(&mut app, KeyCode::Char(k));
        assert_eq!(app.focus, None);
        let line = status(&draw(&app));
        assert!(line.contains("This chapter has no links."), "{line:?}");
        key(&mut app, KeyCode::Char('j'));
        let line = status(&draw(&app));
        assert!(
            !line.contains("no links"),
            "the word goes with the next key: {line:?}"
        );
    }
}
