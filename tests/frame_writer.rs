//! The frame writer seen from a terminal: for random runs of frames (text, blanks, wide
//! characters, colours and attributes, a cursor or none), the screen a terminal emulator
//! (vt100) builds from the bytes written looks, cell for cell, like the last frame; and a page
//! turned in the handbook costs no more bytes than it did when this was measured.

mod vt;

use std::num::NonZeroU16;
use std::sync::Arc;
use std::time::Duration;

use achilles_handbook::action::Action;
use achilles_handbook::app::{App, Options};
use achilles_handbook::content::{self, Date};
use achilles_handbook::screen::Screen;
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use unicode_width::UnicodeWidthStr;
use vt::{Vt, looks};

/// Symbols as the view draws them: letters, blanks (most often), marks, box drawing and wide
/// characters.
const SYMBOLS: &[&str] = &[
    "a", "b", "T", " ", " ", " ", " ", "•", "┃", "║", "█", "é", "腱", "月", "→",
];

fn styles() -> Vec<Style> {
    let s = Style::new();
    vec![
        s,
        s,
        s.fg(Color::Cyan).add_modifier(Modifier::BOLD),
        s.fg(Color::Cyan)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        s.fg(Color::LightCyan).add_modifier(Modifier::UNDERLINED),
        s.fg(Color::LightMagenta).add_modifier(Modifier::BOLD),
        s.add_modifier(Modifier::REVERSED),
        s.add_modifier(Modifier::REVERSED | Modifier::BOLD),
        s.fg(Color::White)
            .bg(Color::Red)
            .add_modifier(Modifier::BOLD),
        s.bg(Color::Red),
        s.fg(Color::Indexed(45)),
        s.fg(Color::Rgb(255, 230, 0)).bg(Color::Rgb(0, 0, 0)),
        s.add_modifier(Modifier::ITALIC),
        s.add_modifier(Modifier::BOLD),
        s.fg(Color::Cyan),
    ]
}

/// A stroke of text: where, which symbols, in which style.
type Stroke = (u16, u16, Vec<usize>, usize);

fn paint(area: Rect, strokes: &[Stroke]) -> Buffer {
    let styles = styles();
    let mut b = Buffer::empty(area);
    for (x, y, symbols, style) in strokes {
        let text: String = symbols
            .iter()
            .map(|&i| SYMBOLS[i % SYMBOLS.len()])
            .collect();
        let (x, y) = (x % area.width, y % area.height);
        b.set_string(x, y, text, styles[style % styles.len()]);
    }
    // A stroke over the right half of a wide character leaves a frame no terminal can show
    // (ratatui assumes the cell after a wide character is blank); the view never draws one.
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right().saturating_sub(1) {
            if b[(x, y)].symbol().width() == 2 && b[(x + 1, y)].symbol() != " " {
                b[(x, y)].set_symbol(" ");
            }
        }
    }
    b
}

fn stroke() -> impl Strategy<Value = Stroke> {
    (
        0u16..40,
        0u16..8,
        prop::collection::vec(0usize..SYMBOLS.len(), 1..30),
        0usize..15,
    )
}

/// A run of frames: the first drawn whole, each next one either drawn anew or the previous
/// one with a few strokes over it (the usual small change).
/// One frame of a run: the strokes added, whether the frame starts blank, the cursor.
type Step = (Vec<Stroke>, bool, Option<(u16, u16)>);

fn frames() -> impl Strategy<Value = (Rect, Vec<Step>)> {
    (
        1u16..36,
        1u16..7,
        prop::collection::vec(
            (
                prop::collection::vec(stroke(), 0..14),
                any::<bool>(),
                prop::option::of((0u16..40, 0u16..8)),
            ),
            1..5,
        ),
    )
        .prop_map(|(w, h, frames)| (Rect::new(0, 0, w, h), frames))
}

fn vt_colour(c: Color) -> vt100::Color {
    match c {
        Color::Reset => vt100::Color::Default,
        Color::Indexed(i) => vt100::Color::Idx(i),
        Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
        Color::Red => vt100::Color::Idx(1),
        Color::Cyan => vt100::Color::Idx(6),
        Color::White => vt100::Color::Idx(15),
        Color::LightMagenta => vt100::Color::Idx(13),
        Color::LightCyan => vt100::Color::Idx(14),
        other => panic!("colour {other:?} not in the test's palette"),
    }
}

/// Whether the emulator's screen looks like `frame` to a person: the same characters, each
/// wide one over two columns, and the same colours and attributes wherever they show (a
/// blank's foreground colour and boldness do not, unless it is reversed: its foreground is
/// its colour then, and bold may brighten it).
fn shows(screen: &vt100::Screen, frame: &Buffer) -> Result<(), String> {
    let area = frame.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let want = &frame[(x, y)];
            let got = screen
                .cell(y, x)
                .ok_or_else(|| format!("no cell at ({x}, {y})"))?;
            let width = want.symbol().width().max(1) as u16;
            let symbol = if want.symbol() == " " {
                ""
            } else {
                want.symbol()
            };
            let contents = if got.contents() == " " {
                ""
            } else {
                got.contents()
            };
            let at = format!("({x}, {y}) {:?}", want.symbol());
            if contents != symbol {
                return Err(format!("{at}: shows {contents:?}"));
            }
            let m = want.modifier;
            let blank = symbol.is_empty();
            let reversed = m.contains(Modifier::REVERSED);
            let checks = [
                ("background", got.bgcolor() == vt_colour(want.bg)),
                ("reverse", got.inverse() == reversed),
                (
                    "underline",
                    got.underline() == m.contains(Modifier::UNDERLINED),
                ),
                (
                    "foreground",
                    (blank && !reversed) || got.fgcolor() == vt_colour(want.fg),
                ),
                // Bold and dim may change the colour a reversed blank shows.
                (
                    "bold",
                    (blank && !reversed) || got.bold() == m.contains(Modifier::BOLD),
                ),
                (
                    "dim",
                    (blank && !reversed) || got.dim() == m.contains(Modifier::DIM),
                ),
                (
                    "italic",
                    blank || got.italic() == m.contains(Modifier::ITALIC),
                ),
            ];
            if let Some((what, _)) = checks.iter().find(|(_, ok)| !ok) {
                return Err(format!("{at}: {what} differs: {got:?} for {want:?}"));
            }
            if width == 2 && x + 1 < area.right() {
                let right = screen.cell(y, x + 1).ok_or("no right half")?;
                if !right.is_wide_continuation() {
                    return Err(format!("{at}: right half missing"));
                }
            }
            x += width;
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_emulator_shows_every_frame_written((area, run) in frames()) {
        let mut screen = Screen::new(Vec::new());
        let rows = NonZeroU16::new(area.height).expect("rows");
        let cols = NonZeroU16::new(area.width).expect("columns");
        let mut parser = vt100::Parser::new(rows, cols, 0);
        parser.process(b"\x1b[?25l");
        let mut strokes: Vec<Stroke> = Vec::new();
        for (i, (more, anew, cursor)) in run.into_iter().enumerate() {
            if anew {
                strokes.clear();
            }
            strokes.extend(more);
            let frame = paint(area, &strokes);
            let cursor = cursor
                .map(|(x, y)| Position::new(x % area.width, y % area.height));
            screen.show(frame.clone(), cursor).expect("writing to memory");
            parser.process(&std::mem::take(screen.writer()));
            let shown = parser.screen();
            if let Err(e) = shows(shown, &frame) {
                prop_assert!(false, "frame {i}: {e}\n{}", shown.contents());
            }
            match cursor {
                Some(p) => {
                    prop_assert_eq!(shown.cursor_position(), (p.y, p.x), "frame {}", i);
                    prop_assert!(!shown.hide_cursor());
                }
                None => prop_assert!(shown.hide_cursor()),
            }
        }
    }
}

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 23,
};

fn reader(width: u16, height: u16) -> App {
    let library = Arc::new(content::load(None).library.expect("shipped handbook loads"));
    let mut app = App::new(library, Options::reader(TODAY), Duration::ZERO);
    app.update(Action::Resize { width, height }, Duration::ZERO);
    app
}

/// PgDn through the first chapter at 100x30, as `benches/vs_less.py` measures it: each page's
/// bytes stay within what they were when the figure in benches/README.md was taken, and the
/// screen after them is the one a fresh terminal shows for the same frame.
#[test]
fn a_page_down_writes_few_bytes_and_the_right_screen() {
    let mut app = reader(100, 30);
    let mut vt = Vt::new();
    vt.draw(&app);
    let mut pages = Vec::new();
    loop {
        app.update(Action::PageDown, Duration::ZERO);
        vt.draw(&app);
        if vt.written == 0 {
            break;
        }
        pages.push(vt.written);
        let mut fresh = Vt::new();
        fresh.draw(&app);
        assert!(
            looks(vt.screen()) == looks(fresh.screen()),
            "page {}",
            pages.len()
        );
    }
    eprintln!("bytes per PgDn: {pages:?}");
    assert!(!pages.is_empty());
    // Measured: 1,344 and 1,186 (benches/README.md, "Bytes per PgDn"); 1,646 and 1,362 before
    // the writer chose its moves, erases and attributes by their length.
    assert!(pages.iter().all(|&n| n <= 1_350), "{pages:?}");
}
