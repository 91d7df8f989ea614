//! `L` switches language and keeps the reader's place: the same chapter, and the same section
//! with its heading at the top, named in the status line.

mod drive;
mod vt;

use achilles_handbook::app::App;
use crossterm::event::KeyCode;
use drive::*;

/// The section at the top of the screen, if any.
fn section_at_top(app: &App) -> Option<usize> {
    app.doc()?.section_at(app.top())
}

#[test]
fn l_keeps_the_chapter_and_the_section() {
    for (w, h) in [(80, 24), (100, 30)] {
        let mut app = reader("en", w, h);
        for c in 0..app.handbook().chapters.len() {
            key(&mut app, KeyCode::Char(char::from(b'1' + c as u8)));
            for s in 0..app.handbook().chapters[c].sections.len() {
                key(&mut app, KeyCode::Char('o'));
                key(&mut app, KeyCode::Home);
                for _ in 0..s {
                    key(&mut app, KeyCode::Down);
                }
                key(&mut app, KeyCode::Enter);
                // Part way into the section, when it is long enough.
                key(&mut app, KeyCode::Char('j'));
                let (chapter, section) =
                    (app.handbook().chapters[c].id.clone(), section_at_top(&app));
                for lang in ["es", "en"] {
                    key(&mut app, KeyCode::Char('L'));
                    assert_eq!(app.handbook().language, lang);
                    assert_eq!(app.handbook().chapters[app.chapter].id, chapter);
                    assert_eq!(section_at_top(&app), section, "{lang} {w}x{h} {chapter}");
                    if let Some(s) = section {
                        let heading = &app.handbook().chapters[app.chapter].sections[s].heading;
                        let vt = draw(&app);
                        assert!(status(&vt).contains(heading.as_str()), "{}", status(&vt));
                        assert!(row(&vt, app.areas().body.y).contains(heading.as_str()));
                    }
                }
            }
        }
    }
}

#[test]
fn l_at_the_top_of_a_chapter_stays_at_the_top() {
    let mut app = reader("en", 80, 24);
    key(&mut app, KeyCode::Char('4'));
    key(&mut app, KeyCode::Char('L'));
    assert_eq!(app.top(), 0);
    assert_eq!(app.handbook().chapters[app.chapter].id, "care-team");
}
