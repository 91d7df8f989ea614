//! The frame writer's tests through a terminal emulator: what the screen shows after the
//! bytes written, and how many bytes it took.

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

use super::*;

/// Collects what the screen writes, readable while the screen still holds the writer.
#[derive(Clone, Default)]
struct Tape(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl io::Write for Tape {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Tape {
    fn bytes(&self) -> Vec<u8> {
        self.0.borrow().clone()
    }
}

fn frame(lines: &[&str]) -> Buffer {
    let mut b = Buffer::empty(Rect::new(0, 0, 30, 4));
    for (y, l) in lines.iter().enumerate() {
        b.set_string(0, y as u16, l, Style::new());
    }
    b
}

fn screen_text(bytes: &[u8]) -> String {
    let n = |v: u16| std::num::NonZeroU16::new(v).expect("non-zero");
    let mut parser = vt100::Parser::new(n(4), n(30), 0);
    parser.process(bytes);
    parser.screen().contents()
}

#[test]
fn the_terminal_ends_up_showing_the_frame() {
    let tape = Tape::default();
    let mut s = Screen::new(tape.clone());
    let frames = [
        frame(&[
            "The tendon links the calf",
            "to the heel bone.",
            "",
            "• Walking.",
        ]),
        frame(&[
            "The tendon joins the calf",
            "to the heel, a bone.",
            "腱 tendón",
            "• Running.",
        ]),
        frame(&["Short", "", "x腱y", ""]),
    ];
    for f in frames {
        // What a terminal shows: each symbol once, a wide one covering two columns.
        let expected: Vec<String> = (0..4)
            .map(|y| {
                let mut row = String::new();
                let mut x = 0;
                while x < 30 {
                    let sym = f[(x, y)].symbol();
                    row.push_str(sym);
                    x += sym.width().max(1) as u16;
                }
                row.trim_end().to_owned()
            })
            .collect();
        s.show(f, None).unwrap();
        let shown = screen_text(&tape.bytes());
        let rows: Vec<&str> = shown.lines().collect();
        for (y, want) in expected.iter().enumerate() {
            let got = rows.get(y).copied().unwrap_or("");
            assert_eq!(got.trim_end(), want, "row {y}");
        }
    }
}

#[test]
fn styles_and_erased_tails_reach_the_terminal() {
    let tape = Tape::default();
    let mut s = Screen::new(tape.clone());
    let mut a = frame(&["a long line of words that will go away", "plain"]);
    a.set_style(
        Rect::new(0, 1, 5, 1),
        Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    );
    s.show(a, None).unwrap();
    let mut b = frame(&["short", "plain"]);
    b.set_style(
        Rect::new(0, 1, 2, 1),
        Style::new().add_modifier(Modifier::REVERSED),
    );
    s.show(b, Some(Position::new(3, 1))).unwrap();
    let n = |v: u16| std::num::NonZeroU16::new(v).expect("non-zero");
    let mut parser = vt100::Parser::new(n(4), n(30), 0);
    parser.process(&tape.bytes());
    let screen = parser.screen();
    assert_eq!(screen.contents().lines().next(), Some("short"));
    let p = screen.cell(1, 0).unwrap();
    assert!(p.inverse() && !p.bold());
    assert_eq!(p.fgcolor(), vt100::Color::Default);
    let l = screen.cell(1, 3).unwrap();
    assert!(!l.inverse() && !l.bold());
    assert_eq!(screen.cursor_position(), (1, 3));
    assert!(!screen.hide_cursor());
    // The rest of the row after "short" goes in one erase to its end, not 25 spaces.
    assert!(
        tape.bytes().windows(8).any(|w| w == b"short\x1b[K"),
        "erased by EL"
    );
}

/// The built-in handbook's app with `options`, laid out for `width` × `height`.
pub(super) fn app_with(options: crate::app::Options, width: u16, height: u16) -> crate::app::App {
    let library = std::sync::Arc::new(crate::content::load(None).library.expect("it loads"));
    let zero = std::time::Duration::ZERO;
    let mut app = crate::app::App::new(library, options, zero);
    app.update(crate::action::Action::Resize { width, height }, zero);
    app
}

/// A reader's options, on the day the tests are set.
pub(super) fn reader() -> crate::app::Options {
    crate::app::Options::reader(crate::content::Date {
        year: 2026,
        month: 11,
        day: 23,
    })
}

#[test]
fn a_prepared_frame_is_written_for_its_window_only() {
    let app = |width, height| app_with(reader(), width, height);
    let drawn = |prepared: Option<Prepared>, app: &crate::app::App, w, h| {
        let tape = Tape::default();
        let mut s = Screen::new(tape.clone()).with_prepared(prepared);
        s.draw_window(app, w, h).unwrap();
        let first = tape.bytes();
        // Used once: the same frame again writes nothing.
        s.draw_window(app, w, h).unwrap();
        assert_eq!(tape.bytes(), first);
        first
    };
    let small = app(60, 20);
    let fresh = drawn(None, &small, 60, 20);
    assert_eq!(
        drawn(Some(Prepared::draw(&small, 60, 20)), &small, 60, 20),
        fresh
    );
    // Prepared for another window: drawn anew for this one.
    let large = app(80, 24);
    assert_eq!(
        drawn(Some(Prepared::draw(&small, 60, 20)), &large, 80, 24),
        drawn(None, &large, 80, 24)
    );
}

#[test]
fn an_unchanged_frame_writes_nothing() {
    let tape = Tape::default();
    let mut s = Screen::new(tape.clone());
    s.show(frame(&["a", "b"]), None).unwrap();
    let before = tape.bytes().len();
    s.show(frame(&["a", "b"]), None).unwrap();
    assert_eq!(tape.bytes().len(), before);
}

#[test]
fn a_wide_character_gone_is_erased_whole() {
    // 月 stands in columns 13 and 14; the next frame is blank there, up to a bar that
    // stays in column 20.
    let mut prev = frame(&["审阅 2026年11月", "x"]);
    let mut next = frame(&["", "x"]);
    prev.set_string(20, 0, "|", Style::new());
    next.set_string(20, 0, "|", Style::new());
    let updates = clear_wide_tails(prev.diff(&next), &prev, &next);
    let row0: Vec<u16> = updates.iter().filter(|u| u.1 == 0).map(|u| u.0).collect();
    assert!(row0.contains(&14), "{row0:?}");
    let mut sorted = row0.clone();
    sorted.dedup();
    assert_eq!(sorted, row0, "each cell once, in order");
    // Through the writer: one erase over the whole of what was there.
    let tape = Tape::default();
    let mut s = Screen::new(tape.clone());
    s.show(prev, None).unwrap();
    let before = tape.bytes().len();
    s.show(next, None).unwrap();
    let written = String::from_utf8_lossy(&tape.bytes()[before..]).into_owned();
    assert!(written.contains("\x1b[15X"), "{written:?}");
    assert_eq!(
        screen_text(&tape.bytes()).lines().next(),
        Some(format!("{:20}|", "").as_str())
    );
}

#[test]
fn a_wide_character_over_half_of_another_leaves_no_trace_of_the_pen() {
    // 腱 in columns 5-6, then an underlined 腱 in columns 4-5: the terminal clears column 6
    // with the pen it is drawing with, so the writer draws column 6 again, plain.
    let mut prev = frame(&[""]);
    prev.set_string(5, 0, "腱", Style::new());
    let mut next = frame(&[""]);
    next.set_string(4, 0, "腱", Style::new().add_modifier(Modifier::UNDERLINED));
    let tape = Tape::default();
    let mut s = Screen::new(tape.clone());
    s.show(prev, None).unwrap();
    s.show(next, None).unwrap();
    let n = |v: u16| std::num::NonZeroU16::new(v).expect("non-zero");
    let mut parser = vt100::Parser::new(n(4), n(30), 0);
    parser.process(&tape.bytes());
    let screen = parser.screen();
    assert!(screen.cell(0, 4).unwrap().underline());
    let right = screen.cell(0, 6).unwrap();
    assert!(
        right.contents().trim().is_empty() && !right.underline(),
        "{right:?}"
    );
}
