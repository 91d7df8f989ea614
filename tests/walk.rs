//! A walk through every chapter of both editions at 80x24, by every way there is to jump to a
//! section: the outline, `]` and `[`, the links, and search results. Every jump must end with
//! the section's heading on the first row of the body, marked, and named in the status line,
//! even for the short last sections that the end of a chapter used to hide.

mod drive;
mod vt;

use achilles_handbook::app::{App, Mode};
use achilles_handbook::content::UnitKind;
use crossterm::event::KeyCode;
use drive::*;

const SIZES: [(u16, u16); 2] = [(80, 24), (100, 30)];

/// Asserts the screen shows `section` of the current chapter as a jump should.
fn assert_on_heading(app: &App, section: usize, how: &str) {
    let chapter = &app.handbook().chapters[app.chapter];
    let heading = &chapter.sections[section].heading;
    let buf = draw(app);
    let areas = app.areas();
    let line = app.doc().unwrap().section_line[section];
    let why = || format!("{how}: {} > {heading}\n{}", chapter.tab, screen(&buf));
    assert_eq!(app.top(), line, "{}", why());
    let shown = cells(&buf, areas.body.y, areas.text.x, areas.text.right());
    let shown = shown.trim_end();
    assert!(
        !shown.is_empty() && heading.starts_with(shown),
        "heading not on the first row: {}",
        why()
    );
    let mark = at(&buf, areas.text.x - 1, areas.body.y);
    assert_eq!(mark, "▶", "heading not marked: {}", why());
    assert!(
        status(&buf).contains(heading.as_str()),
        "status does not name it: {}",
        why()
    );
}

/// Opens the outline, moves to `section` with the arrow keys and chooses it.
fn outline_to(app: &mut App, section: usize) {
    key(app, KeyCode::Char('o'));
    key(app, KeyCode::Home);
    for _ in 0..section {
        key(app, KeyCode::Down);
    }
    key(app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Reading);
}

#[test]
fn every_section_by_outline() {
    for lang in ["en", "es"] {
        for (w, h) in SIZES {
            let mut app = reader(lang, w, h);
            for c in 0..app.handbook().chapters.len() {
                keys(&mut app, &(c + 1).to_string());
                assert_eq!(app.chapter, c);
                for s in 0..app.handbook().chapters[c].sections.len() {
                    outline_to(&mut app, s);
                    assert_on_heading(&app, s, &format!("outline {lang} {w}x{h}"));
                }
                // Backwards too, from past the end.
                for s in (0..app.handbook().chapters[c].sections.len()).rev() {
                    outline_to(&mut app, s);
                    assert_on_heading(&app, s, &format!("outline back {lang} {w}x{h}"));
                }
            }
        }
    }
}

#[test]
fn every_section_by_brackets() {
    for lang in ["en", "es"] {
        for (w, h) in SIZES {
            let mut app = reader(lang, w, h);
            for c in 0..app.handbook().chapters.len() {
                keys(&mut app, &(c + 1).to_string());
                key(&mut app, KeyCode::Char('g'));
                let n = app.handbook().chapters[c].sections.len();
                for s in 0..n {
                    key(&mut app, KeyCode::Char(']'));
                    assert_on_heading(&app, s, &format!("] {lang} {w}x{h}"));
                }
                key(&mut app, KeyCode::Char(']'));
                assert_on_heading(&app, n - 1, "] at the last section stays");
                for s in (0..n.saturating_sub(1)).rev() {
                    key(&mut app, KeyCode::Char('['));
                    assert_on_heading(&app, s, &format!("[ {lang} {w}x{h}"));
                }
                key(&mut app, KeyCode::Char('['));
                assert_eq!(app.top(), 0, "[ before the first section goes to the top");
            }
        }
    }
}

#[test]
fn every_link_lands_on_its_target() {
    let mut followed = 0;
    for lang in ["en", "es"] {
        let mut app = reader(lang, 80, 24);
        for c in 0..app.handbook().chapters.len() {
            let links: Vec<(usize, UnitKind)> = app.handbook().chapters[c]
                .units
                .iter()
                .enumerate()
                .filter(|(_, u)| u.kind.target().is_some())
                .map(|(i, u)| (i, u.kind.clone()))
                .collect();
            for (unit, kind) in links {
                let target = kind.target().unwrap();
                keys(&mut app, &(c + 1).to_string());
                key(&mut app, KeyCode::Char('g'));
                // Down the chapter until the link is on screen, then to it with f.
                let line = app.doc().unwrap().unit_line[unit];
                while app.top() + app.body_height() <= line {
                    key(&mut app, KeyCode::Char('j'));
                }
                let mut tries = 0;
                while app.focus != Some(unit) && tries < 50 {
                    key(&mut app, KeyCode::Char('f'));
                    tries += 1;
                }
                assert_eq!(app.focus, Some(unit), "f reaches the link");
                key(&mut app, KeyCode::Enter);
                assert_eq!(app.chapter, target.chapter());
                match target.section() {
                    Some(s) => assert_on_heading(&app, s, &format!("link {lang}")),
                    None => assert_eq!(app.top(), 0),
                }
                followed += 1;
                key(&mut app, KeyCode::Backspace);
                assert_eq!(app.chapter, c, "back returns");
            }
        }
    }
    assert!(followed >= 6, "only {followed} links");
}

#[test]
fn every_heading_by_search() {
    for lang in ["en", "es"] {
        let mut app = reader(lang, 80, 24);
        for c in 0..app.handbook().chapters.len() {
            for s in 0..app.handbook().chapters[c].sections.len() {
                let section = &app.handbook().chapters[c].sections[s];
                let heading = section.heading.clone();
                key(&mut app, KeyCode::Char('/'));
                ctrl(&mut app, 'u');
                paste(&mut app, &heading);
                let position = app
                    .find
                    .hits()
                    .iter()
                    .position(|h| h.chapter == c && h.section == Some(s))
                    .unwrap_or_else(|| panic!("searching {heading:?} finds its heading"));
                for _ in 0..position {
                    key(&mut app, KeyCode::Down);
                }
                key(&mut app, KeyCode::Enter);
                assert_eq!(app.chapter, c);
                assert_on_heading(&app, s, &format!("search {lang} {heading:?}"));
                key(&mut app, KeyCode::Esc);
            }
        }
    }
}

/// Any search result opens with the hit on screen and its section named in the status line.
#[test]
fn search_results_show_the_hit_under_its_section() {
    for (lang, query) in [
        ("en", "i felt a snap"),
        ("en", "telephone"),
        ("en", "tendon"),
        ("en", "heel"),
        ("es", "dolor en el talón"),
        ("es", "tendón"),
    ] {
        let mut app = reader(lang, 80, 24);
        key(&mut app, KeyCode::Char('/'));
        paste(&mut app, query);
        let total = app.find.hits().len().min(8);
        assert!(total > 0, "{query:?} finds something");
        key(&mut app, KeyCode::Esc);
        for i in 0..total {
            key(&mut app, KeyCode::Char('/'));
            ctrl(&mut app, 'u');
            paste(&mut app, query);
            for _ in 0..i {
                key(&mut app, KeyCode::Down);
            }
            let hit = app.find.hits()[app.find.selected];
            key(&mut app, KeyCode::Enter);
            let line = app.doc().unwrap().unit_line[hit.unit];
            assert!(
                line >= app.top() && line < app.top() + app.body_height(),
                "{query:?} result {i} is on screen"
            );
            let chapter = &app.handbook().chapters[app.chapter];
            if let Some(section) = chapter.section_of(hit.unit) {
                let buf = draw(&app);
                assert!(
                    status(&buf).contains(section.heading.as_str()),
                    "{query:?} result {i}: status names {:?}\n{}",
                    section.heading,
                    screen(&buf)
                );
            }
        }
    }
}
