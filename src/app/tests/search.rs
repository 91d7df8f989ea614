//! `update` in search: typing one key at a time, pasting, choosing a result, stepping through
//! hits and going back, and a query typed before the background index arrives.

use super::*;

#[test]
fn search_opens_a_result_and_steps_through_hits() {
    let mut app = reader();
    app.update(Action::Search, at(0));
    for c in "calsium".chars() {
        app.update(Action::Type(c), at(0));
    }
    assert!(!app.find.hits().is_empty(), "a typo still finds calcium");
    app.update(Action::Choose, at(0));
    assert_eq!(app.mode, Mode::Reading);
    assert_eq!(app.handbook().chapters[app.chapter].id, "tendonitis");
    assert!(!app.find.highlights.is_empty());
    assert_eq!(
        app.find.current,
        Some(
            app.find
                .reading
                .iter()
                .position(|h| h.0 == app.chapter)
                .unwrap()
        )
    );
    app.update(Action::NextHit, at(0));
    app.update(Action::PrevHit, at(0));
    app.update(Action::Cancel, at(0));
    assert!(app.find.highlights.is_empty(), "Esc clears the highlights");
}

#[test]
fn esc_in_search_returns_to_where_you_were() {
    let mut app = reader();
    app.update(Action::GoToChapter(4), at(0));
    app.update(Action::LineDown, at(0));
    app.update(Action::Search, at(0));
    app.update(Action::Paste("rupture".into()), at(0));
    app.update(Action::SelectNext, at(0));
    app.update(Action::Cancel, at(0));
    assert_eq!(
        (app.chapter, app.top(), app.mode.clone()),
        (4, 1, Mode::Reading)
    );
    assert!(app.find.query.is_empty());
}

#[test]
fn a_huge_paste_is_capped() {
    let mut app = reader();
    app.update(Action::Search, at(0));
    app.update(Action::Paste("tendon ".repeat(400)), at(0));
    assert_eq!(
        app.find.query.chars().count(),
        crate::search::MAX_QUERY_CHARS
    );
}

#[test]
fn a_search_typed_before_the_background_index_arrives_runs_when_it_does() {
    let mut options = Options::reader(TODAY);
    options.background_index = true;
    let mut app = app_with(options);
    assert_eq!(app.index_wanted(), Some(0));
    app.update(Action::Search, at(0));
    app.update(Action::Paste("rupture".into()), at(0));
    assert!(app.find.hits().is_empty(), "nothing to search yet");
    let index = Arc::new(Index::build(app.handbook()));
    app.update(Action::IndexReady(0, index), at(1));
    assert_eq!(app.index_wanted(), None);
    assert!(!app.find.hits().is_empty(), "the waiting query ran");
}

#[test]
fn typed_spaces_stay_and_runs_of_blanks_become_one() {
    let mut app = reader();
    app.update(Action::Search, at(0));
    for c in " heel  cord".chars() {
        app.update(Action::Type(c), at(0));
    }
    assert_eq!(app.find.query, "heel cord");
    app.update(Action::Paste(" and\ncalf ".into()), at(0));
    assert_eq!(app.find.query, "heel cord and calf ");
}

#[test]
fn opening_a_result_or_stepping_hits_can_be_undone_with_back() {
    let mut app = reader();
    app.update(Action::GoToChapter(4), at(0));
    app.update(Action::LineDown, at(0));
    app.update(Action::Search, at(0));
    app.update(Action::Paste("calcium".into()), at(0));
    app.update(Action::Choose, at(0));
    assert_eq!(app.handbook().chapters[app.chapter].id, "tendonitis");
    app.update(Action::Back, at(0));
    assert_eq!((app.chapter, app.top()), (4, 1));
    app.update(Action::NextHit, at(0));
    assert_ne!(app.chapter, 4);
    app.update(Action::Back, at(0));
    assert_eq!((app.chapter, app.top()), (4, 1));
    // `/` opens an empty prompt: typing starts a new query.
    app.update(Action::Search, at(0));
    assert!(app.find.query.is_empty());
    app.update(Action::Type('h'), at(0));
    assert_eq!(app.find.query, "h");
}

#[test]
fn slash_on_the_home_screen_opens_the_search_at_once() {
    // The home screen says "/ to search"; the first key must not only leave it.
    let mut app = app_with(Options::kiosk(TODAY, Some(at(120))));
    assert_eq!(app.mode, Mode::Home);
    app.update(Action::Search, at(1));
    assert_eq!(app.mode, Mode::Search);
    for c in "heel".chars() {
        app.update(Action::Type(c), at(1));
    }
    assert_eq!(app.find.query, "heel");
    assert!(!app.find.hits().is_empty());
}
