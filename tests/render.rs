//! Render tests through the program's own drawing path: the view drawn into a frame and written
//! by its frame writer into a terminal emulator. The first screens as snapshots, the cues that
//! must not rest on colour checked by attribute, every chapter and overlay drawn at tiny and
//! random sizes without a panic, and nothing written for an unchanged frame.

mod vt;

use std::sync::Arc;
use std::time::Duration;

use achilles_handbook::action::Action;
use achilles_handbook::app::{App, Options};
use achilles_handbook::content::{self, Date, Library};
use achilles_handbook::detect::Background;
use achilles_handbook::theme::{Glyphs, Theme};
use proptest::prelude::*;
use vt::{Vt, cell, find, find_from, looks, text};

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 23,
};

thread_local! {
    static LIBRARY: Arc<Library> = Arc::new(content::load(None).library.expect("shipped handbook loads"));
}

fn app(options: Options, width: u16, height: u16) -> App {
    let library = LIBRARY.with(Arc::clone);
    let mut app = App::new(library, options, Duration::ZERO);
    app.update(Action::Resize { width, height }, Duration::ZERO);
    app
}

fn reader(width: u16, height: u16) -> App {
    app(Options::reader(TODAY), width, height)
}

/// Draws `app` at its own size through the program's frame writer into a fresh emulator.
fn draw(app: &App) -> Vt {
    let mut vt = Vt::new();
    vt.draw(app);
    vt
}

fn screen_text(app: &App) -> String {
    text(draw(app).screen())
}

#[test]
fn first_screen_80x24() {
    let app = reader(80, 24);
    insta::assert_snapshot!(screen_text(&app));
}

#[test]
fn first_screen_100x30() {
    let app = reader(100, 30);
    insta::assert_snapshot!(screen_text(&app));
}

#[test]
fn help_overlay_80x24() {
    let mut app = reader(80, 24);
    app.update(Action::Help, Duration::ZERO);
    insta::assert_snapshot!(screen_text(&app));
}

/// At 80x24 the help is taller than its box: its scrollbar says so, and after End every Up
/// moves it back a line (once the first dozens of Ups did nothing).
#[test]
fn the_help_scrolls_back_at_once_from_its_end() {
    let mut app = reader(80, 24);
    app.update(Action::Help, Duration::ZERO);
    let top = screen_text(&app);
    assert!(top.contains('▼'), "the help shows it has more:\n{top}");
    app.update(Action::Bottom, Duration::ZERO);
    let end = screen_text(&app);
    assert_ne!(end, top, "End scrolls the help");
    assert!(end.contains("Esc or ? closes this help"), "{end}");
    app.update(Action::LineUp, Duration::ZERO);
    let up = screen_text(&app);
    assert_ne!(up, end, "one Up after End moves the help");
    assert!(!up.contains("Esc or ? closes this help"), "{up}");
}

#[test]
fn search_results_80x24() {
    let mut app = reader(80, 24);
    app.update(Action::Search, Duration::ZERO);
    app.update(Action::Paste("tendon".into()), Duration::ZERO);
    let vt = draw(&app);
    let screen = vt.screen();
    insta::assert_snapshot!(text(screen));
    // Hits are marked by attribute, not colour alone.
    // Below the prompt, which shows the query itself.
    // The first "endon" may sit in a result's place label ("Chapter > Section"), which the
    // selection paints with a colour pair; the snippets' hits carry the attribute.
    let marked = |c: &vt100::Cell| c.inverse() || c.underline();
    let hits: Vec<(u16, u16)> = (4..10)
        .filter_map(|row| find_from(screen, "endon", row).first().copied())
        .collect();
    assert!(!hits.is_empty(), "results show the word");
    assert!(
        hits.iter().any(|at| marked(cell(screen, *at))),
        "some hit is marked by reverse video or underline"
    );
}

#[test]
fn no_results_says_so_and_suggests_what_to_do() {
    let mut app = reader(80, 24);
    app.update(Action::Search, Duration::ZERO);
    app.update(Action::Paste("xylophone".into()), Duration::ZERO);
    let screen = screen_text(&app);
    assert!(screen.contains("No results."));
    assert!(screen.contains("Check the spelling"));
}

#[test]
fn the_selected_tab_is_marked_by_more_than_colour() {
    let mut app = reader(100, 30);
    app.update(Action::GoToChapter(2), Duration::ZERO);
    let vt = draw(&app);
    let screen = vt.screen();
    let cells = find(screen, "[3 Rupture]");
    let selected = cell(screen, cells[3]);
    // Brackets around it, and a highlight of its own: a background colour pair (bold would
    // turn its dark text grey in xterm), or reverse video without colour.
    assert!(
        selected.bgcolor() != vt100::Color::Default || selected.inverse(),
        "{selected:?}"
    );
    let other = find(screen, "1 Overview");
    assert!(!cell(screen, other[2]).inverse());
    assert_ne!(cell(screen, other[2]).bgcolor(), selected.bgcolor());
}

#[test]
fn callout_labels_are_words_in_bold() {
    let mut app = reader(100, 30);
    app.update(Action::GoToChapter(2), Duration::ZERO);
    for _ in 0..40 {
        app.update(Action::LineDown, Duration::ZERO);
    }
    let vt = draw(&app);
    let cells = find(vt.screen(), "GET HELP NOW");
    assert!(cell(vt.screen(), cells[0]).bold());
    let mut mono = Options::reader(TODAY);
    mono.look.theme = Theme::mono(Background::Dark);
    let mut app = self::app(mono, 100, 30);
    app.update(Action::GoToChapter(0), Duration::ZERO);
    // The Overview's first note comes after its key points and the urgent message.
    let mut vt = draw(&app);
    for _ in 0..60 {
        if vt.screen().contents().contains("Note") {
            break;
        }
        app.update(Action::LineDown, Duration::ZERO);
        vt = draw(&app);
    }
    let note = find(vt.screen(), "Note");
    let label = cell(vt.screen(), note[0]);
    assert!(label.bold());
    assert_eq!(label.fgcolor(), vt100::Color::Default);
}

#[test]
fn ascii_mode_draws_no_symbol_above_0x7f() {
    let mut options = Options::reader(TODAY);
    options.look.glyphs = Glyphs::new(true);
    for mode in [
        None,
        Some(Action::Help),
        Some(Action::Search),
        Some(Action::Outline),
        Some(Action::Qr),
    ] {
        let mut app = self::app(options.clone(), 80, 24);
        app.update(Action::GoToChapter(6), Duration::ZERO);
        if let Some(m) = mode.clone() {
            app.update(m, Duration::ZERO);
        }
        let vt = draw(&app);
        let screen = vt.screen();
        let handbook_text: String = app
            .handbook()
            .chapters
            .iter()
            .flat_map(|c| c.units.with_text().map(|(_, t)| t))
            .collect();
        let cells = (0..24).flat_map(|y| (0..80).map(move |x| (x, y)));
        for at in cells {
            for ch in cell(screen, at).contents().chars() {
                assert!(
                    ch.is_ascii() || handbook_text.contains(ch),
                    "{ch:?} drawn in {mode:?}"
                );
            }
        }
    }
}

#[test]
fn a_small_window_asks_to_be_enlarged() {
    let app = reader(19, 6);
    let screen = screen_text(&app);
    assert!(screen.contains("Please"), "{screen}");
    assert!(screen.contains("enlarge"), "{screen}");
}

fn every_overlay() -> Vec<Option<Action>> {
    vec![
        None,
        Some(Action::Help),
        Some(Action::Outline),
        Some(Action::Search),
        Some(Action::Qr),
    ]
}

#[test]
fn every_chapter_and_overlay_draws_at_every_tiny_size() {
    for chapter in 0..7 {
        for overlay in every_overlay() {
            let mut app = reader(0, 0);
            app.update(Action::GoToChapter(chapter), Duration::ZERO);
            if let Some(o) = overlay.clone() {
                app.update(o, Duration::ZERO);
                app.update(Action::Paste("tendon".into()), Duration::ZERO);
            }
            // One emulator through every size, as a window being dragged.
            let mut vt = Vt::new();
            for w in 0..=12u16 {
                for h in 0..=12u16 {
                    app.update(
                        Action::Resize {
                            width: w,
                            height: h,
                        },
                        Duration::ZERO,
                    );
                    app.update(Action::Bottom, Duration::ZERO);
                    vt.draw(&app);
                }
            }
        }
    }
}

#[test]
fn the_idle_notice_draws_at_tiny_sizes() {
    for w in 0..=12u16 {
        for h in 0..=12u16 {
            let mut app = self::app(Options::kiosk(TODAY, Some(Duration::from_secs(4))), w, h);
            app.update(Action::Start, Duration::ZERO);
            app.update(Action::Tick, Duration::from_secs(3));
            assert!(app.idle.notice);
            draw(&app);
        }
    }
}

#[test]
fn the_idle_notice_is_shown_by_words_in_a_box_but_not_on_the_home_screen() {
    let mut app = self::app(Options::kiosk(TODAY, Some(Duration::from_secs(60))), 80, 24);
    app.update(Action::Tick, Duration::from_secs(31));
    assert!(
        !screen_text(&app).contains("Still reading?"),
        "nothing to lose at home"
    );
    app.update(Action::Start, Duration::from_secs(32));
    app.update(Action::Tick, Duration::from_secs(62));
    let vt = draw(&app);
    let screen = text(vt.screen());
    assert!(screen.contains("Still reading?"), "{screen}");
    assert!(screen.contains("start over soon"), "{screen}");
    let title = find(vt.screen(), "Still reading?");
    assert!(cell(vt.screen(), title[0]).bold());
}

#[test]
fn after_an_idle_reset_the_screen_is_the_first_screen_cell_for_cell() {
    let options = Options::kiosk(TODAY, Some(Duration::from_secs(60)));
    let fresh = app(options.clone(), 80, 24);
    let first_vt = draw(&fresh);
    let first = looks(first_vt.screen());
    let mut used = app(options, 80, 24);
    let s = Duration::from_secs;
    used.update(Action::Start, s(1));
    used.update(Action::GoToChapter(3), s(2));
    used.update(Action::Search, s(3));
    used.update(Action::Paste("heel cord".into()), s(4));
    used.update(Action::Choose, s(5));
    used.update(Action::Tick, s(65));
    let used_vt = draw(&used);
    assert!(
        looks(used_vt.screen()) == first,
        "{}",
        text(used_vt.screen())
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn random_sizes_and_scrolls_never_panic(w in 0u16..500, h in 0u16..200, chapter in 0usize..7, lines in 0usize..400, overlay in 0usize..5) {
        let mut app = reader(w, h);
        app.update(Action::GoToChapter(chapter), Duration::ZERO);
        for _ in 0..lines % 50 {
            app.update(Action::PageDown, Duration::ZERO);
        }
        if let Some(o) = every_overlay()[overlay].clone() {
            app.update(o, Duration::ZERO);
        }
        let vt = draw(&app);
        prop_assert_eq!(vt.frame().map(|f| (f.area.width, f.area.height)), Some((w, h)));
        if w > 0 && h > 0 {
            let (rows, cols) = vt.screen().size();
            prop_assert_eq!((cols.get(), rows.get()), (w, h));
        }
    }
}

#[test]
fn the_screen_reader_cursor_follows_the_focus() {
    let plain = reader(80, 24);
    assert!(draw(&plain).screen().hide_cursor(), "hidden unless asked");

    let mut options = Options::reader(TODAY);
    options.look.screen_reader = true;
    let mut app = self::app(options, 80, 24);
    let mut vt = Vt::new();
    let screen = vt.draw(&app);
    assert!(!screen.hide_cursor());
    assert_eq!(screen.cursor_position(), (1, 1), "on the first body line");

    // Bring a link into view and focus it: the cursor moves onto its line.
    app.update(Action::Bottom, Duration::ZERO);
    app.update(Action::NextLink, Duration::ZERO);
    assert!(app.focus.is_some());
    let screen = vt.draw(&app);
    let (row, _) = screen.cursor_position();
    let line = text(screen)
        .lines()
        .nth(usize::from(row))
        .unwrap_or_default()
        .to_owned();
    assert!(
        line.contains('▶'),
        "cursor row {line:?} is the focused link"
    );

    app.update(Action::Outline, Duration::ZERO);
    app.update(Action::SelectNext, Duration::ZERO);
    let screen = vt.draw(&app);
    let (row, _) = screen.cursor_position();
    let line = text(screen)
        .lines()
        .nth(usize::from(row))
        .unwrap_or_default()
        .to_owned();
    assert!(
        line.contains("▶ "),
        "cursor on the chosen section: {line:?}"
    );
}

#[test]
fn an_unchanged_frame_writes_no_bytes_and_a_change_writes_only_a_little() {
    let mut app = reader(80, 24);
    let mut vt = Vt::new();
    vt.draw(&app);
    let whole = vt.written;
    assert!(whole > 0);
    vt.draw(&app);
    assert_eq!(vt.written, 0, "the same frame again");
    app.update(Action::LineDown, Duration::ZERO);
    vt.draw(&app);
    assert!(
        vt.written > 0 && vt.written < whole,
        "{} of {whole}",
        vt.written
    );
    // What the emulator shows after the diff is what a fresh one shows for the whole frame.
    let fresh = draw(&app);
    assert!(looks(vt.screen()) == looks(fresh.screen()));
}

#[test]
fn a_narrow_status_line_keeps_help_and_quit_longest() {
    let app = reader(40, 10);
    let screen = screen_text(&app);
    let status = screen.lines().last().unwrap_or_default().to_owned();
    assert!(
        status.contains("? help") && status.contains("q quit"),
        "{status:?}"
    );
    assert!(!status.contains("Tab next"), "{status:?}");
    assert!(status.starts_with(" Overview"), "{status:?}");
}

/// Under --watch a file's problem is cut to the status line's width; the help shows it whole,
/// first, wrapped to its box.
#[test]
fn a_reload_error_too_long_for_the_status_line_is_whole_in_the_help() {
    let mut app = reader(80, 24);
    let tail = "and then, at the very end, the words that say what to fix";
    let error = format!(
        "en/rupture.toml:3:1: unknown field `colour`, expected one of `tab`, `title`, `summary`, \
         `key_points`, `reviewed_on`, `review_due`, `sections` {tail}"
    );
    app.update(Action::ReloadFailed(error.clone()), Duration::ZERO);
    let status = screen_text(&app);
    assert!(status.contains("en/rupture.toml:3:1"), "{status}");
    assert!(
        !status.contains("what to fix"),
        "the status line holds it all:\n{status}"
    );
    app.update(Action::Help, Duration::ZERO);
    let help = screen_text(&app);
    let joined: String = help
        .lines()
        .map(|l| l.trim_matches(|c: char| c == ' ' || c == '│'))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        joined.contains("en/rupture.toml:3:1: unknown field"),
        "{help}"
    );
    assert!(joined.contains("what to fix"), "{help}");
}
