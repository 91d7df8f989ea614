//! `update` from every mode, on the shipped handbook, with a clock the test controls.

use std::sync::Arc;
use std::time::Duration;

use super::*;
use crate::content::{self, Date};
use crate::search::Index;

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 23,
};

thread_local! {
    static LIBRARY: Arc<Library> = Arc::new(content::load(None).library.expect("the shipped handbook loads"));
}

fn library() -> Arc<Library> {
    LIBRARY.with(Arc::clone)
}

fn app_with(options: Options) -> App {
    let mut app = App::new(library(), options, Duration::ZERO);
    app.update(
        Action::Resize {
            width: 80,
            height: 24,
        },
        Duration::ZERO,
    );
    app
}

fn reader() -> App {
    app_with(Options::reader(TODAY))
}

fn at(s: u64) -> Duration {
    Duration::from_secs(s)
}

fn all_actions() -> Vec<Action> {
    let mut v = vec![
        Action::NextChapter,
        Action::PrevChapter,
        Action::GoToChapter(3),
        Action::GoToChapter(99),
        Action::LineUp,
        Action::LineDown,
        Action::PageUp,
        Action::PageDown,
        Action::Top,
        Action::Bottom,
        Action::NextSection,
        Action::PrevSection,
        Action::Outline,
        Action::NextLink,
        Action::PrevLink,
        Action::Follow,
        Action::Back,
        Action::Help,
        Action::Search,
        Action::NextHit,
        Action::PrevHit,
        Action::Qr,
        Action::SwitchLanguage,
        Action::Cancel,
        Action::SelectPrev,
        Action::SelectNext,
        Action::Choose,
        Action::Type('a'),
        Action::Paste("tendon\u{1b}[2J".into()),
        Action::DeleteChar,
        Action::ClearInput,
        Action::Start,
        Action::Click { column: 5, row: 0 },
        Action::Click {
            column: 999,
            row: 999,
        },
        Action::WheelUp,
        Action::WheelDown,
        Action::Tick,
        Action::Touch,
        Action::Resize {
            width: 0,
            height: 0,
        },
        Action::Resize {
            width: 30,
            height: 10,
        },
        Action::Resize {
            width: 80,
            height: 24,
        },
        Action::Theme(Box::new(crate::theme::Theme::new(
            crate::theme::ThemeName::Default,
            &crate::detect::Caps {
                background: crate::detect::Background::Light,
                ..crate::detect::Caps::plain()
            },
        ))),
    ];
    v.push(Action::Quit);
    v
}

mod search;

#[test]
fn every_action_from_every_mode_keeps_the_state_sane() {
    let modes = [
        Action::Help,
        Action::Outline,
        Action::Search,
        Action::Qr,
        Action::Cancel,
    ];
    for kiosk in [false, true] {
        for opener in &modes {
            for action in all_actions() {
                let options = if kiosk {
                    Options::kiosk(TODAY, Some(at(60)))
                } else {
                    Options::reader(TODAY)
                };
                let mut app = app_with(options);
                app.update(Action::Start, at(1));
                app.update(opener.clone(), at(1));
                app.update(action.clone(), at(2));
                assert!(app.chapter < app.handbook().chapters.len());
                assert!(
                    app.top() <= app.scroll_limit(),
                    "{action:?} after {opener:?}"
                );
                assert_eq!(app.scroll.len(), app.handbook().chapters.len());
                if kiosk {
                    assert!(!app.quit, "kiosk never quits: {action:?}");
                }
            }
        }
    }
}

#[test]
fn scrolling_is_clamped_and_kept_per_chapter() {
    let mut app = reader();
    app.update(Action::LineUp, at(0));
    assert_eq!(app.top(), 0);
    app.update(Action::Bottom, at(0));
    assert_eq!(app.top(), app.max_scroll());
    assert!(app.max_scroll() > 0);
    app.update(Action::PageDown, at(0));
    assert_eq!(app.top(), app.max_scroll());
    let bottom = app.top();
    app.update(Action::NextChapter, at(0));
    assert_eq!((app.chapter, app.top()), (1, 0));
    app.update(Action::PrevChapter, at(0));
    assert_eq!((app.chapter, app.top()), (0, bottom), "the place is kept");
    app.update(Action::PrevChapter, at(0));
    assert_eq!(
        app.chapter,
        app.handbook().chapters.len() - 1,
        "wraps around"
    );
}

#[test]
fn sections_step_forward_and_back() {
    let mut app = reader();
    app.update(Action::NextSection, at(0));
    let first = app.doc().unwrap().section_line[0];
    assert_eq!(app.top(), first.min(app.max_scroll()));
    app.update(Action::PrevSection, at(0));
    assert_eq!(app.top(), 0);
}

#[test]
fn links_are_followed_and_back_returns() {
    let mut app = reader();
    // Find a link on the overview and bring it into view.
    let chapter = &app.handbook().chapters[0];
    let link = chapter
        .units
        .iter()
        .position(|u| matches!(u.kind, crate::content::UnitKind::Link(_)))
        .unwrap();
    let crate::content::UnitKind::Link(target) = chapter.units[link].kind else {
        unreachable!()
    };
    let line = app.doc().unwrap().unit_line[link];
    while app.top() + app.body_height() <= line {
        app.update(Action::LineDown, at(0));
    }
    let before = app.top();
    app.update(Action::NextLink, at(0));
    assert!(app.focus.is_some());
    while app.focus != Some(link) {
        app.update(Action::NextLink, at(0));
    }
    app.update(Action::Follow, at(0));
    assert_eq!(app.chapter, target.chapter());
    assert_eq!(app.history.len(), 1);
    app.update(Action::Back, at(0));
    assert_eq!((app.chapter, app.top()), (0, before));
    assert!(app.history.is_empty());
}

#[test]
fn outline_jumps_to_the_chosen_section() {
    let mut app = reader();
    app.update(Action::GoToChapter(2), at(0));
    app.update(Action::Outline, at(0));
    app.update(Action::SelectNext, at(0));
    app.update(Action::Choose, at(0));
    assert_eq!(app.mode, Mode::Reading);
    let line = app.doc().unwrap().section_line[1];
    assert_eq!(app.top(), line.min(app.max_scroll()));
}

#[test]
fn kiosk_quit_goes_home_and_idle_resets_to_a_fresh_start() {
    let options = Options::kiosk(TODAY, Some(at(120)));
    let fresh = app_with(options.clone());
    let mut app = app_with(options);
    assert_eq!(app.mode, Mode::Home);
    app.update(Action::Start, at(1));
    app.update(Action::GoToChapter(2), at(2));
    app.update(Action::PageDown, at(3));
    app.update(Action::Search, at(4));
    app.update(Action::Paste("tear".into()), at(5));
    app.update(Action::Choose, at(6));
    app.update(Action::SwitchLanguage, at(7));
    app.update(Action::Help, at(8));
    app.update(Action::Tick, at(8 + 89));
    assert!(!app.idle.notice);
    app.update(Action::Tick, at(8 + 90));
    assert!(app.idle.notice, "the notice comes 30 s before the reset");
    app.update(Action::Tick, at(8 + 120));
    let mut expected = fresh.clone();
    expected.idle = Idle::new(at(128));
    // Everything but the request to write the whole screen again.
    assert_eq!(
        app.full_redraws,
        fresh.full_redraws + 1,
        "the reset redraws every cell"
    );
    expected.full_redraws = app.full_redraws;
    assert_eq!(app, expected, "the state after a reset is a fresh start's");

    app.update(Action::Start, at(130));
    app.update(Action::Quit, at(131));
    assert_eq!(app.mode, Mode::Home);
    assert!(!app.quit);
}

#[test]
fn help_opens_from_the_welcome_screen_and_closes_to_the_first_chapter() {
    let mut app = app_with(Options::kiosk(TODAY, None));
    assert_eq!(app.mode, Mode::Home);
    app.update(Action::Help, at(1));
    assert_eq!(app.mode, Mode::Help { scroll: 0 });
    app.update(Action::Cancel, at(2));
    assert_eq!(app.mode, Mode::Reading);
    assert_eq!(app.chapter, 0);
}

#[test]
fn ctrl_l_asks_for_a_full_redraw_and_changes_nothing_else() {
    let mut app = app_with(Options::reader(TODAY));
    let before = app.clone();
    app.update(Action::Redraw, at(1));
    assert_eq!(app.full_redraws, before.full_redraws + 1);
    let mut expected = before.clone();
    expected.full_redraws = app.full_redraws;
    expected.idle = app.idle.clone();
    assert_eq!(app, expected);
}

#[test]
fn a_key_during_the_notice_only_dismisses_it() {
    let mut app = app_with(Options::kiosk(TODAY, Some(at(10))));
    app.update(Action::Start, at(0));
    app.update(Action::Tick, at(5));
    assert!(app.idle.notice);
    app.update(Action::NextChapter, at(6));
    assert!(!app.idle.notice);
    assert_eq!(app.chapter, 0, "the dismissing key does nothing else");
    app.update(Action::Tick, at(15));
    assert_eq!(app.mode, Mode::Reading, "the timer restarted at the key");
}

#[test]
fn switching_language_keeps_the_chapter() {
    let mut app = reader();
    app.update(Action::GoToChapter(2), at(0));
    app.update(Action::SwitchLanguage, at(0));
    assert_eq!(app.handbook().language, "es");
    assert_eq!(app.handbook().chapters[app.chapter].id, "rupture");
}

#[test]
fn the_qr_code_is_built_when_first_shown_and_follows_the_language() {
    let mut app = reader();
    assert_eq!(app.qr, None, "nothing encoded before it is asked for");
    let contact = app.handbook().chapters.len() - 1;
    app.update(Action::GoToChapter(contact), at(0));
    assert_eq!(app.qr, None);
    app.update(Action::Qr, at(0));
    let english = app.qr.clone().expect("the shipped handbook has a number");
    assert!(english.uri.starts_with("tel:"));
    // Closed and opened again: the same code, kept.
    app.update(Action::Qr, at(0));
    app.update(Action::Qr, at(0));
    assert_eq!(app.qr.as_ref(), Some(&english));
    // Switching language while it is open shows the other edition's code at once.
    app.update(Action::SwitchLanguage, at(0));
    assert_eq!(app.mode, Mode::Qr);
    let spanish = app.qr.clone().expect("the Spanish edition has a number");
    let phone = app.handbook().chapters.iter().find_map(|c| c.qr_phone());
    assert_eq!(Some(spanish.uri), phone.map(|p| p.tel_uri()));
}

#[test]
fn resizing_keeps_the_reader_on_the_same_text() {
    let mut app = reader();
    app.update(Action::GoToChapter(2), at(0));
    for _ in 0..12 {
        app.update(Action::LineDown, at(0));
    }
    let unit = scroll::unit_at(app.doc().unwrap(), app.top());
    app.update(
        Action::Resize {
            width: 40,
            height: 20,
        },
        at(0),
    );
    let after = scroll::unit_at(app.doc().unwrap(), app.top());
    assert_eq!(unit, after);
    assert!(!app.doc().unwrap().lines.is_empty());
}

#[test]
fn watch_reloads_keep_the_place_and_failures_keep_the_last_good_copy() {
    let mut app = reader();
    app.update(Action::GoToChapter(2), at(0));
    app.update(
        Action::ReloadFailed("en/rupture.toml:3:1: oops".into()),
        at(1),
    );
    assert_eq!(
        app.reload_error.as_deref(),
        Some("en/rupture.toml:3:1: oops")
    );
    assert_eq!(app.handbook().chapters[app.chapter].id, "rupture");
    let mut changed = (*library()).clone();
    changed.editions[0].chapters[2].title = "Changed".into();
    app.update(Action::Reloaded(Arc::new(changed)), at(2));
    assert_eq!(app.reload_error, None);
    assert_eq!(app.handbook().chapters[app.chapter].id, "rupture");
    assert_eq!(app.handbook().chapters[app.chapter].title, "Changed");
}

#[test]
fn a_blank_line_belongs_to_the_text_below_it() {
    let app = reader();
    let doc = app.doc().unwrap();
    let blank = doc
        .lines
        .iter()
        .enumerate()
        .skip(3)
        .find(|(_, l)| l.unit().is_none())
        .map(|(i, _)| i)
        .unwrap();
    let next = doc.lines[blank..].iter().find_map(|l| l.unit()).unwrap();
    assert_eq!(scroll::unit_at(doc, blank), next);
}

#[test]
fn every_chapter_stays_within_its_limit_across_resizes_and_chapter_switches() {
    // Each chapter left at its end, or past it on its last heading (as a jump leaves it), then
    // the window changes size, and every chapter is visited again backwards and forwards.
    let sizes = [
        (80, 24),
        (30, 10),
        (200, 60),
        (0, 0),
        (120, 8),
        (20, 6),
        (100, 30),
    ];
    for past_end in [false, true] {
        for &(w, h) in &sizes {
            let mut app = reader();
            let chapters = app.handbook().chapters.len();
            for c in 0..chapters {
                app.update(Action::GoToChapter(c), at(0));
                app.update(Action::Bottom, at(0));
                if past_end {
                    for _ in 0..50 {
                        app.update(Action::NextSection, at(0));
                    }
                }
            }
            app.update(
                Action::Resize {
                    width: w,
                    height: h,
                },
                at(0),
            );
            for step in 0..2 * chapters {
                let action = if step < chapters {
                    Action::PrevChapter
                } else {
                    Action::NextChapter
                };
                app.update(action.clone(), at(0));
                assert!(
                    app.top() <= app.scroll_limit(),
                    "{action:?} to chapter {} at {w}x{h}: top {} past the limit {}",
                    app.chapter,
                    app.top(),
                    app.scroll_limit()
                );
                if app.width > 0
                    && !app
                        .doc()
                        .is_some_and(|d| d.section_line.contains(&app.top()))
                {
                    assert!(app.top() <= app.max_scroll(), "{action:?} at {w}x{h}");
                }
            }
        }
    }
}
