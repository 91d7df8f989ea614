//! Render tests on ratatui's TestBackend: the first screens as snapshots, the cues that must not
//! rest on colour checked by style, and every chapter and overlay drawn at tiny and random sizes
//! without a panic.

use std::sync::Arc;
use std::time::Duration;

use achilles_handbook::action::Action;
use achilles_handbook::app::{App, Options};
use achilles_handbook::content::{self, Date, Library};
use achilles_handbook::theme::{Glyphs, Theme, ThemeName};
use achilles_handbook::view;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

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

fn draw(app: &App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| view::draw(app, f)).unwrap();
    terminal.backend().buffer().clone()
}

fn text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        for x in 0..area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The cells of the first occurrence of `needle` on screen.
fn find(buf: &Buffer, needle: &str) -> Vec<(u16, u16)> {
    find_from(buf, needle, 0)
}

fn find_from(buf: &Buffer, needle: &str, first_row: u16) -> Vec<(u16, u16)> {
    let area = buf.area;
    for y in first_row..area.height {
        let row: Vec<String> = (0..area.width)
            .map(|x| buf[(x, y)].symbol().to_owned())
            .collect();
        let joined: String = row.concat();
        if let Some(byte) = joined.find(needle) {
            let mut col = 0;
            let mut seen = 0;
            while seen < byte {
                seen += row[col].len();
                col += 1;
            }
            return (col..col + needle.chars().count())
                .map(|x| (x as u16, y))
                .collect();
        }
    }
    panic!("{needle:?} not on screen:\n{}", text(buf));
}

#[test]
fn first_screen_80x24() {
    let app = reader(80, 24);
    insta::assert_snapshot!(text(&draw(&app, 80, 24)));
}

#[test]
fn first_screen_100x30() {
    let app = reader(100, 30);
    insta::assert_snapshot!(text(&draw(&app, 100, 30)));
}

#[test]
fn help_overlay_80x24() {
    let mut app = reader(80, 24);
    app.update(Action::Help, Duration::ZERO);
    insta::assert_snapshot!(text(&draw(&app, 80, 24)));
}

#[test]
fn search_results_80x24() {
    let mut app = reader(80, 24);
    app.update(Action::Search, Duration::ZERO);
    app.update(Action::Paste("tendon".into()), Duration::ZERO);
    let buf = draw(&app, 80, 24);
    insta::assert_snapshot!(text(&buf));
    // Hits are marked by attribute, not colour alone.
    // Below the prompt, which shows the query itself.
    let cells = find_from(&buf, "endon", 4);
    let style = buf[cells[0]].style();
    assert!(
        style.add_modifier.contains(Modifier::REVERSED)
            || style.add_modifier.contains(Modifier::UNDERLINED)
    );
}

#[test]
fn no_results_says_so_and_suggests_what_to_do() {
    let mut app = reader(80, 24);
    app.update(Action::Search, Duration::ZERO);
    app.update(Action::Paste("xylophone".into()), Duration::ZERO);
    let screen = text(&draw(&app, 80, 24));
    assert!(screen.contains("No results."));
    assert!(screen.contains("Check the spelling"));
}

#[test]
fn the_selected_tab_is_marked_by_more_than_colour() {
    let mut app = reader(100, 30);
    app.update(Action::GoToChapter(2), Duration::ZERO);
    let buf = draw(&app, 100, 30);
    let cells = find(&buf, "[3 Rupture]");
    let style = buf[cells[3]].style();
    assert!(style.add_modifier.contains(Modifier::BOLD));
    assert!(style.add_modifier.contains(Modifier::REVERSED));
    let other = find(&buf, "1 Overview");
    assert!(
        !buf[other[2]]
            .style()
            .add_modifier
            .contains(Modifier::REVERSED)
    );
}

#[test]
fn callout_labels_are_words_in_bold() {
    let mut app = reader(100, 30);
    app.update(Action::GoToChapter(2), Duration::ZERO);
    for _ in 0..40 {
        app.update(Action::LineDown, Duration::ZERO);
    }
    let buf = draw(&app, 100, 30);
    let cells = find(&buf, "GET HELP NOW");
    assert!(buf[cells[0]].style().add_modifier.contains(Modifier::BOLD));
    let mut mono = Options::reader(TODAY);
    mono.look.theme = Theme::new(ThemeName::Mono, true);
    let mut app = self::app(mono, 100, 30);
    app.update(Action::GoToChapter(0), Duration::ZERO);
    let buf = draw(&app, 100, 30);
    let note = find(&buf, "Note");
    let style = buf[note[0]].style();
    assert!(style.add_modifier.contains(Modifier::BOLD), "{style:?}");
    assert!(
        style.fg.is_none() || style.fg == Some(ratatui::style::Color::Reset),
        "{style:?}"
    );
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
        let buf = draw(&app, 80, 24);
        let handbook_text: String = app
            .handbook()
            .chapters
            .iter()
            .flat_map(|c| c.units.iter().map(|u| u.text.as_str()))
            .collect();
        for cell in buf.content() {
            for ch in cell.symbol().chars() {
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
    let screen = text(&draw(&app, 19, 6));
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
                    draw(&app, w, h);
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
            draw(&app, w, h);
        }
    }
}

#[test]
fn the_idle_notice_is_shown_by_words_in_a_box_but_not_on_the_home_screen() {
    let mut app = self::app(Options::kiosk(TODAY, Some(Duration::from_secs(60))), 80, 24);
    app.update(Action::Tick, Duration::from_secs(31));
    assert!(
        !text(&draw(&app, 80, 24)).contains("Still reading?"),
        "nothing to lose at home"
    );
    app.update(Action::Start, Duration::from_secs(32));
    app.update(Action::Tick, Duration::from_secs(62));
    let buf = draw(&app, 80, 24);
    let screen = text(&buf);
    assert!(screen.contains("Still reading?"), "{screen}");
    assert!(screen.contains("start over soon"), "{screen}");
    let title = find(&buf, "Still reading?");
    assert!(buf[title[0]].style().add_modifier.contains(Modifier::BOLD));
}

#[test]
fn after_an_idle_reset_the_screen_is_the_first_screen_cell_for_cell() {
    let options = Options::kiosk(TODAY, Some(Duration::from_secs(60)));
    let fresh = app(options.clone(), 80, 24);
    let first = draw(&fresh, 80, 24);
    let mut used = app(options, 80, 24);
    let s = Duration::from_secs;
    used.update(Action::Start, s(1));
    used.update(Action::GoToChapter(3), s(2));
    used.update(Action::Search, s(3));
    used.update(Action::Paste("heel cord".into()), s(4));
    used.update(Action::Choose, s(5));
    used.update(Action::Tick, s(65));
    assert_eq!(draw(&used, 80, 24), first);
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
        let buf = draw(&app, w, h);
        prop_assert_eq!(buf.area.width, w);
    }
}

#[test]
fn the_screen_reader_cursor_follows_the_focus() {
    let area = ratatui::layout::Rect::new(0, 0, 80, 24);
    let plain = reader(80, 24);
    assert_eq!(
        view::render(&plain, area, &mut Buffer::empty(area)),
        None,
        "hidden unless asked"
    );

    let mut options = Options::reader(TODAY);
    options.look.screen_reader = true;
    let mut app = self::app(options, 80, 24);
    let first = view::render(&app, area, &mut Buffer::empty(area)).expect("a cursor");
    assert_eq!((first.x, first.y), (1, 1), "on the first body line");

    // Bring a link into view and focus it: the cursor moves onto its line.
    app.update(Action::Bottom, Duration::ZERO);
    app.update(Action::NextLink, Duration::ZERO);
    assert!(app.focus.is_some());
    let on_link = view::render(&app, area, &mut Buffer::empty(area)).expect("a cursor");
    let buf = draw(&app, 80, 24);
    let row: String = (0..80)
        .map(|x| buf[(x, on_link.y)].symbol().to_owned())
        .collect();
    assert!(row.contains('▶'), "cursor row {row:?} is the focused link");

    app.update(Action::Outline, Duration::ZERO);
    app.update(Action::SelectNext, Duration::ZERO);
    let in_outline = view::render(&app, area, &mut Buffer::empty(area)).expect("a cursor");
    let buf = draw(&app, 80, 24);
    let row: String = (0..80)
        .map(|x| buf[(x, in_outline.y)].symbol().to_owned())
        .collect();
    assert!(row.contains("▶ "), "cursor on the chosen section: {row:?}");
}

#[test]
fn a_narrow_status_line_keeps_help_and_quit_longest() {
    let app = reader(40, 10);
    let screen = text(&draw(&app, 40, 10));
    let status = screen.lines().last().unwrap_or_default().to_owned();
    assert!(
        status.contains("? help") && status.contains("q quit"),
        "{status:?}"
    );
    assert!(!status.contains("Tab next"), "{status:?}");
    assert!(status.starts_with(" Overview"), "{status:?}");
}
